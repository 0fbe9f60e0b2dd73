package org.fenlei.train;

/** Hears about training progress; the CLI draws a progress bar from it. Calls come from the training thread. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    default void onEpochStart(int epoch, int epochs, int batches) {
    }

    default void onBatch(int epoch, int batch, double runningLoss) {
    }

    default void onEpochEnd(EpochStats stats) {
    }

    /**
     * Progress of work before training (a teacher labelling texts, a frozen encoder encoding them): {@code done} of
     * {@code total} items, first with 0 and last with {@code total}.
     */
    default void onWork(String task, long done, long total) {
    }

    /** A choice made before training, such as the linear model's solver, in words. */
    default void onChoice(String description) {
    }
}
