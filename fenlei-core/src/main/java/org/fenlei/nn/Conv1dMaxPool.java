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

    /**
     * For each document b (its token vectors at x[offsets[b] * dim ...], padded with zeros to at least
     * {@code width} tokens): out[b * stride + outOffset + f] = max over windows of relu(w_f . window + b_f), and
     * winner[b * filters + f] = the window that gave it (-1 when every window was <= 0).
     * <p>The windows of a packed batch are the rows of x read with a stride of one token, so all of them are
     * scored by one {@link MatMul#nt} into {@code scores} (at least tokens x filters floats); windows that cross
     * from one document into the next are scored too and ignored, which costs less than cutting the multiply per
     * document. Only a text shorter than the width needs its own, zero-padded, dot products.
     */
    public void forward(float[] x, int[] offsets, int batch, float[] out, int stride, int outOffset, int[] winner,
                        float[] scores) {
        float[] w = weight.value();
        float[] b = bias.value();
        int span = width * dim;
        int full = offsets[batch] - offsets[0] - width + 1;
        if (full > 0) {
            for (int r = 0; r < full; r++) {
                System.arraycopy(b, 0, scores, r * filters, filters);
            }
            MatMul.nt(full, filters, span, x, offsets[0] * dim, dim, w, 0, span, scores, 0, filters);
        }
        for (int d = 0; d < batch; d++) {
            int start = offsets[d];
            int length = offsets[d + 1] - start;
            int o = d * stride + outOffset;
            for (int f = 0; f < filters; f++) {
                out[o + f] = 0f;
                winner[d * filters + f] = -1;
            }
            if (length < width) {
                for (int f = 0; f < filters; f++) {
                    float v = b[f] + MatMul.dot(w, f * span, x, start * dim, length * dim);
                    if (v > 0f) {
                        out[o + f] = v;
                        winner[d * filters + f] = 0;
                    }
                }
                continue;
            }
            for (int t = 0, windows = length - width + 1; t < windows; t++) {
                int so = (start - offsets[0] + t) * filters;
                for (int f = 0; f < filters; f++) {
                    float v = scores[so + f];
                    if (v > out[o + f]) {
                        out[o + f] = v;
                        winner[d * filters + f] = t;
                    }
                }
            }
        }
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
