package org.fenlei;

import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.eval.MultiLabelReport;
import org.fenlei.model.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every loaded model can do: a Fenlei model file ({@link TextClassifier}) or a model made by the C++ fastText
 * tool ({@code org.fenlei.fasttext.FastTextModel}), each read by its {@link ModelLoader}. Implementations are
 * thread-safe.
 */
public interface Classifier {
    /** Class names; index = class id. */
    List<String> labels();

    /** The best label, its probability and the {@code topK} best labels. */
    Prediction predict(String text, int topK);

    /** Predicts every text, on all cores; results are in input order. */
    List<Prediction> predictAll(List<String> texts, int topK);

    /**
     * Why the model predicts its best label for {@code text}: each feature's signed part in that label's score
     * ({@link Explanation}).
     *
     * @throws UnsupportedOperationException for models that cannot explain (a model made by the C++ fastText tool)
     */
    default Explanation explain(String text) {
        throw new UnsupportedOperationException("this model cannot explain its predictions: " + describe());
    }

    /** Whether {@link #explain} works for this model. */
    default boolean explainable() {
        return false;
    }

    /** A one-line description of the model: its kind and main settings. */
    String describe();

    /** The model's card: what it is, its labels and, where it knows them, its configuration and provenance. */
    default ModelCard card() {
        return ModelCard.basic(this);
    }

    /** Whether a text may have several labels, each with its own probability (one-vs-all). */
    default boolean multiLabel() {
        return false;
    }

    /**
     * The probability at which a multi-label model assigns {@code label} to a text: 0.5, fastText's and
     * scikit-learn's, unless training tuned one per label.
     * {@link Prediction#atLeast(java.util.function.ToDoubleFunction)} with this method gives the labels the model
     * assigns.
     */
    default double threshold(String label) {
        return MultiLabelReport.THRESHOLD;
    }

    /**
     * The model's figures on a labeled file: accuracy, per-class precision, recall and F1, confusion matrix and
     * the rest for single-label models, micro and macro figures at each label's threshold for multi-label ones.
     */
    default Evaluation evaluate(Path file, ReadOptions options) {
        return evaluate(file, options, 0);
    }

    /** {@link #evaluate(Path, ReadOptions)}, keeping the {@code mistakes} most confident wrong predictions. */
    default Evaluation evaluate(Path file, ReadOptions options, int mistakes) {
        return LabeledFileEvaluation.evaluate(this, file, options, mistakes);
    }

    /** Refuses a {@code topK} below 1, the same way for every kind of model. */
    static void checkTopK(int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
    }

    /**
     * Loads a Fenlei model, or a fastText {@code .bin}/{@code .ftz} supervised model (recognised by its magic
     * number, whatever the file is called).
     */
    static Classifier load(Path path) throws IOException {
        ModelFile.requireFile(path);
        ModelLoader loader = Files.exists(path) ? ModelLoader.forFile(path) : null;
        return loader != null ? loader.load(path) : TextClassifier.load(path);
    }
}
