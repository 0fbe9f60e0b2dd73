package org.fenlei.nn;

/**
 * A loss on raw network outputs (logits), with its gradient and the activation that turns logits into
 * predictions. Targets are floats, {@link #targetWidth} per example: 0/1 for binary, the class index for
 * categorical, the value for regression, one 0/1 per label for multi-label.
 */
public interface Loss {
    /**
     * Computes the loss of each example and writes dLogits (B, K) = scale * d loss / d logits.
     *
     * @return the sum over the batch of the per-example losses
     */
    double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits);

    /** Target floats per example for K outputs: 1, or K for losses that take a 0/1 per output. */
    default int targetWidth(int k) {
        return 1;
    }

    /** The class one example's outputs predict: the arg max, or logit above 0 for a single output. */
    default int predictedClass(float[] logits, int offset, int k) {
        return k == 1 ? (logits[offset] > 0 ? 1 : 0) : ArgMax.of(logits, offset, k);
    }

    /**
     * Whether the predicted class is right for the targets at {@code offset} ({@code width} of them): the class
     * itself, or, with a target per output (multi-label), one of the example's labels (precision at 1).
     */
    default boolean agrees(int predicted, float[] targets, int offset, int k, int width) {
        return width == 1 ? predicted == (int) targets[offset] : targets[offset + predicted] > 0;
    }

    /** Turns the logits of one example into its prediction (probabilities or a value), in place. */
    void activate(float[] logits, int offset, int k);

    String name();

    static Loss named(String name) {
        return switch (name) {
            case BinaryCrossEntropy.NAME -> new BinaryCrossEntropy();
            case CategoricalCrossEntropy.NAME -> new CategoricalCrossEntropy();
            case MeanSquaredError.NAME -> new MeanSquaredError();
            case OneVsAll.NAME -> new OneVsAll();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; use "
                    + BinaryCrossEntropy.NAME + ", " + CategoricalCrossEntropy.NAME + ", " + MeanSquaredError.NAME
                    + " or " + OneVsAll.NAME);
        };
    }
}
