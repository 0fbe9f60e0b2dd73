package org.fenlei.nn;

/**
 * Softmax + cross-entropy over K logits: log(sum exp z) - z_y, computed after subtracting max z so exp never
 * overflows; d/dz = softmax(z) - onehot(y).
 */
public final class CategoricalCrossEntropy implements Loss {
    public static final String NAME = "categorical_crossentropy";

    @Override
    public double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            int o = n * k;
            int y = (int) targets[n];
            float max = logits[o];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, logits[o + j]);
            }
            double total = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(logits[o + j] - max);
                dLogits[o + j] = (float) e;
                total += e;
            }
            sum += Math.log(total) + max - logits[o + y];
            float inv = (float) (1 / total);
            for (int j = 0; j < k; j++) {
                dLogits[o + j] = scale * (dLogits[o + j] * inv - (j == y ? 1f : 0f));
            }
        }
        return sum;
    }

    @Override
    public void activate(float[] logits, int offset, int k) {
        float max = logits[offset];
        for (int j = 1; j < k; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        float total = 0;
        for (int j = 0; j < k; j++) {
            float e = (float) Math.exp(logits[offset + j] - max);
            logits[offset + j] = e;
            total += e;
        }
        for (int j = 0; j < k; j++) {
            logits[offset + j] /= total;
        }
    }

    @Override
    public String name() {
        return NAME;
    }
}
