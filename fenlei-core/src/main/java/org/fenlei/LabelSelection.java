package org.fenlei;

/**
 * Which labels an answer lists, the same for the command line and the server: the {@code topK} best when it is
 * given; otherwise every label at or above {@code threshold} when that is given; otherwise the best label, or, for a
 * multi-label model, every label the model assigns (each at or above its own {@link Classifier#threshold}). A
 * threshold given together with {@code topK} filters those best labels.
 *
 * @param topK      how many of the best labels, or null
 * @param threshold the probability a listed label reaches, or null
 */
public record LabelSelection(Integer topK, Double threshold) {
    public LabelSelection {
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException("top k must be >= 1, was " + topK);
        }
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold must be in [0, 1], was " + threshold);
        }
    }

    /** How many of the best labels to ask {@code model} for. */
    public int labels(Classifier model) {
        if (topK != null) {
            return topK;
        }
        return threshold != null || model.multiLabel() ? Integer.MAX_VALUE : 1;
    }

    /** The labels of {@code prediction}, made with {@link #labels} of them, that the answer lists. */
    public Prediction apply(Classifier model, Prediction prediction) {
        if (threshold != null) {
            return prediction.atLeast(threshold);
        }
        return topK == null && model.multiLabel() ? prediction.atLeast(model::threshold) : prediction;
    }
}
