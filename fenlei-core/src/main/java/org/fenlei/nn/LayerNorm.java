package org.fenlei.nn;

import java.util.Arrays;

/**
 * Layer normalisation (Ba et al. 2016) over each row of {@code width} values: y = (x - mean) / sqrt(var + eps)
 * g + b, with eps 1e-12 as BERT. The pass keeps the normalised rows and their inverse deviations for backward.
 */
public final class LayerNorm {
    private static final float EPSILON = 1e-12f;
    private final Parameter gain;
    private final Parameter bias;
    private final int width;

    public LayerNorm(String name, int width) {
        this.width = width;
        gain = new Parameter(name + ".gain", 1, width, false);
        bias = new Parameter(name + ".bias", 1, width, false);
        Arrays.fill(gain.value(), 1f);
    }

    public Parameter gain() {
        return gain;
    }

    public Parameter bias() {
        return bias;
    }

    /** y (rows, width) = norm(x); normalized (rows, width) and inverseStd (rows) are kept for backward. */
    public void forward(float[] x, float[] y, int rows, float[] normalized, float[] inverseStd) {
        float[] g = gain.value();
        float[] b = bias.value();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double sum = 0;
            for (int i = 0; i < width; i++) {
                sum += x[o + i];
            }
            float mean = (float) (sum / width);
            double squares = 0;
            for (int i = 0; i < width; i++) {
                float c = x[o + i] - mean;
                squares += c * c;
            }
            float inv = (float) (1 / Math.sqrt(squares / width + EPSILON));
            inverseStd[r] = inv;
            for (int i = 0; i < width; i++) {
                float n = (x[o + i] - mean) * inv;
                normalized[o + i] = n;
                y[o + i] = n * g[i] + b[i];
            }
        }
    }

    /**
     * dx (rows, width) = the input gradient for dy; accumulates the gain and bias gradients. dx may be dy.
     * dx = inv (dn - mean(dn) - n mean(dn n)) with dn = dy g, the usual form of the layer's Jacobian.
     */
    public void backward(float[] dy, float[] dx, int rows, float[] normalized, float[] inverseStd, Gradients grads,
                         int gainIndex, int biasIndex) {
        float[] g = gain.value();
        float[] gg = grads.values(gainIndex);
        float[] gb = grads.values(biasIndex);
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double meanDn = 0;
            double meanDnN = 0;
            for (int i = 0; i < width; i++) {
                float d = dy[o + i];
                float n = normalized[o + i];
                gg[i] += d * n;
                gb[i] += d;
                float dn = d * g[i];
                meanDn += dn;
                meanDnN += dn * n;
            }
            float m1 = (float) (meanDn / width);
            float m2 = (float) (meanDnN / width);
            float inv = inverseStd[r];
            for (int i = 0; i < width; i++) {
                float dn = dy[o + i] * g[i];
                dx[o + i] = inv * (dn - m1 - normalized[o + i] * m2);
            }
        }
    }
}
