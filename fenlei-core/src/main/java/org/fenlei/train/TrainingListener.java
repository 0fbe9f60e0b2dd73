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

    /** A choice made before training, such as the linear model's solver, in words. */
    default void onChoice(String description) {
    }
}
