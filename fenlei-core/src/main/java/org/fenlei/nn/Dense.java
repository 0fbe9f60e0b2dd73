package org.fenlei.nn;

import java.util.SplittableRandom;

/** A fully connected layer y = x W^T + b, with W of shape (out, in). */
public final class Dense {
    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;

    /** Glorot-uniform weights (Glorot &amp; Bengio 2010, eq. 16; Keras' default) and zero bias. */
    public Dense(String name, int in, int out, SplittableRandom random) {
        this.in = in;
        this.out = out;
        this.weight = new Parameter(name + ".weight", out, in, false);
        this.bias = new Parameter(name + ".bias", 1, out, false);
        weight.initUniform(Math.sqrt(6.0 / (in + out)), random);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int inputs() {
        return in;
    }

    public int outputs() {
        return out;
    }

    /** y (B, out) = x (B, in) W^T + b. */
    public void forward(float[] x, int batch, float[] y) {
        float[] w = weight.value();
        float[] b = bias.value();
        for (int n = 0; n < batch; n++) {
            int xo = n * in;
            int yo = n * out;
            for (int j = 0; j < out; j++) {
                int wo = j * in;
                float s = b[j];
                for (int i = 0; i < in; i++) {
                    s += x[xo + i] * w[wo + i];
                }
                y[yo + j] = s;
            }
        }
    }

    /**
     * Accumulates dW += dy^T x and db += sum over the batch of dy; writes dx (B, in) = dy W when dx is not null.
     */
    public void backward(float[] x, float[] dy, int batch, float[] dx, Gradients grads, int weightIndex,
                         int biasIndex) {
        float[] w = weight.value();
        float[] gw = grads.values(weightIndex);
        float[] gb = grads.values(biasIndex);
        for (int n = 0; n < batch; n++) {
            int xo = n * in;
            int yo = n * out;
            if (dx != null) {
                for (int i = 0; i < in; i++) {
                    dx[xo + i] = 0f;
                }
            }
            for (int j = 0; j < out; j++) {
                float d = dy[yo + j];
                gb[j] += d;
                int wo = j * in;
                for (int i = 0; i < in; i++) {
                    gw[wo + i] += d * x[xo + i];
                }
                if (dx != null) {
                    for (int i = 0; i < in; i++) {
                        dx[xo + i] += d * w[wo + i];
                    }
                }
            }
        }
    }
}
