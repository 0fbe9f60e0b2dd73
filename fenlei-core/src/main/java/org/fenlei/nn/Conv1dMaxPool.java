package org.fenlei.nn;

import java.util.SplittableRandom;

/**
 * One width of Kim's (2014) sentence CNN: {@code filters} feature maps, each a filter over {@code width}
 * consecutive token vectors plus a bias, a ReLU, and the maximum over time, so a text of any length gives one
 * value per map. Backward sends each map's gradient to the window that won the maximum only.
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
     * Wide convolution (Kim's: each text padded with width - 1 zero vectors at both ends, so the first and last
     * words also start and end windows): for each document d, whose token vectors are rows starts[d] ..
     * starts[d] + lengths[d] - 1 of x with at least width - 1 zero rows before and after it,
     * out[d * stride + outOffset + f] = max over its windows of relu(w_f . window + b_f), and
     * winner[d * filters + f] = the first row of the window that gave it (-1 when every window was <= 0).
     * <p>Every window of the batch is a row of x read with a stride of one token, so all of them are scored by
     * one {@link MatMul#nt} into {@code scores} (rows x filters floats); windows that span two documents are
     * scored too and ignored, which costs less than cutting the multiply per document.
     */
    public void forward(float[] x, int rows, int[] starts, int[] lengths, int batch, float[] out, int stride,
                        int outOffset, int[] winner, float[] scores) {
        float[] w = weight.value();
        float[] b = bias.value();
        int span = width * dim;
        int full = rows - width + 1;
        if (full > 0) {
            MatMul.setRows(b, scores, full);
            MatMul.nt(full, filters, span, x, 0, dim, w, 0, span, scores, 0, filters);
        }
        for (int d = 0; d < batch; d++) {
            int o = d * stride + outOffset;
            for (int f = 0; f < filters; f++) {
                out[o + f] = 0f;
                winner[d * filters + f] = -1;
            }
            for (int row = starts[d] - width + 1, end = starts[d] + lengths[d]; row < end; row++) {
                int so = row * filters;
                for (int f = 0; f < filters; f++) {
                    float v = scores[so + f];
                    if (v > out[o + f]) {
                        out[o + f] = v;
                        winner[d * filters + f] = row;
                    }
                }
            }
        }
    }

    /**
     * Accumulates the filter and bias gradients for dOut (laid out as in {@link #forward}) and adds the input
     * gradient to dx (same layout as x).
     */
    public void backward(float[] x, int batch, float[] dOut, int stride, int outOffset, int[] winner, float[] dx,
                         Gradients grads, int weightIndex, int biasIndex) {
        float[] w = weight.value();
        float[] gw = grads.values(weightIndex);
        float[] gb = grads.values(biasIndex);
        int span = width * dim;
        for (int d = 0; d < batch; d++) {
            for (int f = 0; f < filters; f++) {
                int row = winner[d * filters + f];
                float g = dOut[d * stride + outOffset + f];
                if (row < 0 || g == 0f) {
                    continue;
                }
                gb[f] += g;
                int wo = f * span;
                int xo = row * dim;
                for (int i = 0; i < span; i++) {
                    gw[wo + i] += g * x[xo + i];
                    dx[xo + i] += g * w[wo + i];
                }
            }
        }
    }
}
