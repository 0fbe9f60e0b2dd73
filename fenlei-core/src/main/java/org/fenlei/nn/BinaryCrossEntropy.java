package org.fenlei.nn;

/**
 * Sigmoid + binary cross-entropy on one logit z, in the overflow-free form
 * max(z, 0) - z*y + log(1 + exp(-|z|)) (as in TensorFlow's sigmoid_cross_entropy_with_logits); d/dz = sigmoid(z) - y.
 */
public final class BinaryCrossEntropy implements Loss {
    public static final String NAME = "binary_crossentropy";

    @Override
    public double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            float z = logits[n];
            float y = targets[n];
            sum += loss(z, y);
            dLogits[n] = scale * (sigmoid(z) - y);
        }
        return sum;
    }

    /** The cross-entropy of sigmoid(z) against y, in the overflow-free form above. */
    public static double loss(float z, float y) {
        return Math.max(z, 0f) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** Each of {@code logits[offset, offset + k)} replaced by its sigmoid: independent probabilities. */
    public static void sigmoids(float[] logits, int offset, int k) {
        for (int i = offset; i < offset + k; i++) {
            logits[i] = sigmoid(logits[i]);
        }
    }

    public static float sigmoid(float z) {
        return z >= 0 ? 1f / (1f + (float) Math.exp(-z)) : (float) (Math.exp(z) / (1 + Math.exp(z)));
    }

    @Override
    public void activate(float[] logits, int offset, int k) {
        logits[offset] = sigmoid(logits[offset]);
    }

    @Override
    public String name() {
        return NAME;
    }
}
