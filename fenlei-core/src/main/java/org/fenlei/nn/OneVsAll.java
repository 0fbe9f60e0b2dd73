package org.fenlei.nn;

/**
 * Multi-label loss: an independent sigmoid and binary cross-entropy on each of the K logits, summed over them
 * (fastText's {@code -loss ova}, Joulin et al. 2017; TensorFlow's sigmoid_cross_entropy_with_logits per label).
 * Targets are (B, K), 1 where the label applies; d/dz_k = sigmoid(z_k) - y_k.
 */
public final class OneVsAll implements Loss {
    public static final String NAME = "one_vs_all";

    @Override
    public double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits) {
        double sum = 0;
        for (int i = 0, end = batch * k; i < end; i++) {
            float z = logits[i];
            float y = targets[i];
            sum += BinaryCrossEntropy.loss(z, y);
            dLogits[i] = scale * (BinaryCrossEntropy.sigmoid(z) - y);
        }
        return sum;
    }

    @Override
    public void activate(float[] logits, int offset, int k) {
        BinaryCrossEntropy.sigmoids(logits, offset, k);
    }

    @Override
    public int targetWidth(int k) {
        return k;
    }

    @Override
    public String name() {
        return NAME;
    }
}
