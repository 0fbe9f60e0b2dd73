package org.fenlei;

import org.fenlei.model.Task;
import org.fenlei.model.TeacherInfo;
import org.fenlei.nn.DistillationLoss;
import org.fenlei.text.TransferAugmenter;
import org.fenlei.train.TrainingListener;
import org.fenlei.train.VectorCache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Training a student from a teacher (Hinton et al. 2015; Tang et al. 2019): the teacher's logits on the training
 * texts and on a transfer set (augmented copies, unlabeled text) become the student's targets, mixed with the gold
 * labels. {@link ClassifierBuilder#distillation} trains the student; the teacher's logits are computed once, on all
 * cores, and cached on disk by the teacher file's fingerprint and each text, so a second student reuses them.
 */
public final class Distillation {
    /** Texts per chunk of teacher work: enough for every core, small enough for frequent progress. */
    private static final int CHUNK = 2048;
    private TextClassifier teacher;
    private final Path teacherFile;
    private final String fingerprint;
    private final List<String> unlabeled;
    private final int copies;
    private final String kind;
    private final double alpha;
    private final double temperature;
    private final boolean reproducible;
    private Double labelSeconds;
    private int transferTexts;

    /**
     * @param teacherFile a Fenlei model file (any kind) for the same labels
     * @param unlabeled   texts beyond the training file for the teacher to label
     * @param copies      augmented copies of each training text for the teacher to label (Tang et al.'s)
     * @param kind        {@link DistillationLoss#SOFT} or {@link DistillationLoss#MSE}
     * @param alpha       the gold labels' weight, 0..1
     * @param temperature the soft loss's temperature
     */
    public Distillation(Path teacherFile, List<String> unlabeled, int copies, String kind, double alpha,
                        double temperature, boolean reproducible) throws IOException {
        new DistillationLoss(kind, alpha, temperature);
        this.teacher = TextClassifier.load(teacherFile);
        Task task = teacher.config().task();
        if (task != Task.BINARY && task != Task.MULTICLASS) {
            throw new IllegalArgumentException(teacherFile + ": a teacher must be a single-label classifier, not "
                    + task.name().toLowerCase(Locale.ROOT));
        }
        this.teacherFile = teacherFile;
        this.fingerprint = VectorCache.fingerprint(teacherFile);
        if (copies < 0) {
            throw new IllegalArgumentException("copies must be >= 0, was " + copies);
        }
        this.unlabeled = List.copyOf(unlabeled);
        this.copies = copies;
        this.kind = kind;
        this.alpha = alpha;
        this.temperature = temperature;
        this.reproducible = reproducible;
    }

    /**
     * This distillation with its teacher predicting through {@code runtime} (ONNX Runtime for a fine-tuned encoder:
     * {@code --teacher-runtime onnx}); the teacher's logits, their cache and the student stay the same.
     */
    public Distillation teacherOn(UnaryOperator<TextClassifier> runtime) {
        teacher = runtime.apply(teacher);
        return this;
    }

    /**
     * The texts beyond the training rows for the teacher to label: augmented copies of the training texts (never of
     * held-out ones), then the unlabeled texts.
     */
    List<String> transfer(List<String> trainingTexts, long seed) {
        List<String> transfer = new ArrayList<>(TransferAugmenter.augment(trainingTexts, copies, seed));
        transfer.addAll(unlabeled);
        transferTexts = transfer.size();
        return transfer;
    }

    DistillationLoss loss() {
        return new DistillationLoss(kind, alpha, temperature);
    }

    /** Refuses a student whose labels are not the teacher's, in the teacher's order. */
    void checkLabels(List<String> labels, Task task) {
        if (!teacher.labels().equals(labels) || teacher.config().task() != task) {
            throw new IllegalArgumentException(teacherFile + ": the teacher's labels " + teacher.labels() + " ("
                    + teacher.config().task().name().toLowerCase(Locale.ROOT) + ") are not the data's " + labels
                    + " (" + task.name().toLowerCase(Locale.ROOT) + "): a teacher must be trained for the same "
                    + "labels");
        }
    }

    int outputs() {
        return teacher.network().outputs();
    }

    /** The teacher's logits (N, K) for {@code texts}: from the cache, the rest computed now and added to it. */
    float[] logits(List<String> texts, TrainingListener listener) {
        VectorCache cache = VectorCache.open(VectorCache.directory("teachers").resolve(fingerprint + ".bin"),
                outputs());
        long start = System.nanoTime();
        // in chunks, each on all cores
        VectorCache.Filled filled = cache.fill(texts, VectorCache::key, CHUNK, teacher::logits,
                "teacher " + teacherFile.getFileName(), listener, missing -> listener.onChoice(String.format(
                        Locale.ROOT, "teacher %s: labelling %d texts (%d from %s)", teacherFile.getFileName(),
                        missing, texts.size() - missing, cache.file())));
        double seconds = (System.nanoTime() - start) / 1e9;
        labelSeconds = reproducible ? null : seconds;
        listener.onChoice(String.format(Locale.ROOT, "teacher %s: %d texts labelled in %.1fs",
                teacherFile.getFileName(), filled.computed(), seconds));
        return filled.vectors();
    }

    /** What the student's provenance records of its teacher. */
    TeacherInfo info() {
        return new TeacherInfo(teacherFile.getFileName().toString(), fingerprint, teacher.config().describeNetwork(),
                kind, alpha, temperature, transferTexts, labelSeconds);
    }
}
