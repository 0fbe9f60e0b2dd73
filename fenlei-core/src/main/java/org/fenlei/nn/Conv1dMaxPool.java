package org.fenlei.nn;

import java.util.SplittableRandom;

/**
 * One width of Kim's (2014) sentence CNN: {@code filters} feature maps, each a filter over {@code width}
 * consecutive token vectors plus a bias, a ReLU, and the maximum over time, so a text of any length gives one
 * value per map. A text shorter than the width is padded with zero vectors. Backward sends each map's gradient
 * to the window that won the maximum only.
 */
public final class Conv1dMaxPool {
    private final Parameter weight;
    private final Parameter bias;
    private final int width;
    private final int dim;
    private final int filters;

    /** He-uniform filters (fan-in width x dim), suited to the ReLU; zero biases. */
    public Conv1dMaxPool(String name, int width, int dim, int filters, SplittableRandom random) {
        if (width < 1 || dim < 1 || filters < 1) {
            throw new IllegalArgumentException("invalid convolution: width " + width + ", dim " + dim + ", filters "
                    + filters);
        }
        this.width = width;
        this.dim = dim;
        this.filters = filters;
        this.weight = new Parameter(name + ".weight", filters, width * dim, false);
        this.bias = new Parameter(name + ".bias", 1, filters, false);
        weight.initUniform(Math.sqrt(6.0 / (width * dim)), random);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int filters() {
        return filters;
    }

    /** Windows of a text of {@code length} tokens: at least one, over the zero-padded text. */
    int windows(int length) {
        return Math.max(1, length - width + 1);
    }

    /**
     * For each document b (its token vectors at x[offsets[b] * dim ...], padded with zeros to at least
     * {@code width} tokens): out[b * stride + outOffset + f] = max over windows of relu(w_f . window + b_f), and
     * winner[b * filters + f] = the window that gave it (-1 when every window was <= 0).
     */
    public void forward(float[] x, int[] offsets, int batch, float[] out, int stride, int outOffset, int[] winner) {
        float[] w = weight.value();
        float[] b = bias.value();
        int span = width * dim;
        for (int d = 0; d < batch; d++) {
            int start = offsets[d];
            int length = offsets[d + 1] - start;
            int windows = windows(length);
            int available = length * dim;
            for (int f = 0; f < filters; f++) {
                int wo = f * span;
                float best = 0f;
                int bestWindow = -1;
                for (int t = 0; t < windows; t++) {
                    int xo = (start + t) * dim;
                    int n = Math.min(span, available - t * dim);
                    float s = b[f] + dot(w, wo, x, xo, n);
                    if (s > best) {
                        best = s;
                        bestWindow = t;
                    }
                }
                out[d * stride + outOffset + f] = best;
                winner[d * filters + f] = bestWindow;
            }
        }
    }

    /** a[ao..ao+n) . b[bo..bo+n), four accumulators so the JIT keeps more of the loop in flight. */
    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Accumulates the filter and bias gradients for dOut (laid out as in {@link #forward}) and adds the input
     * gradient to dx (same layout as x).
     */
    public void backward(float[] x, int[] offsets, int batch, float[] dOut, int stride, int outOffset, int[] winner,
                         float[] dx, Gradients grads, int weightIndex, int biasIndex) {
        float[] w = weight.value();
        float[] gw = grads.values(weightIndex);
        float[] gb = grads.values(biasIndex);
        int span = width * dim;
        for (int d = 0; d < batch; d++) {
            int start = offsets[d];
            int available = (offsets[d + 1] - start) * dim;
            for (int f = 0; f < filters; f++) {
                int t = winner[d * filters + f];
                float g = dOut[d * stride + outOffset + f];
                if (t < 0 || g == 0f) {
                    continue;
                }
                gb[f] += g;
                int wo = f * span;
                int xo = (start + t) * dim;
                int n = Math.min(span, available - t * dim);
                for (int i = 0; i < n; i++) {
                    gw[wo + i] += g * x[xo + i];
                    dx[xo + i] += g * w[wo + i];
                }
            }
        }
    }
}
