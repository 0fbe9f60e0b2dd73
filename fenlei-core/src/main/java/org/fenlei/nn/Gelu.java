package org.fenlei.nn;

/**
 * GELU, x Phi(x), in the tanh form of Hendrycks &amp; Gimpel (2016, section 2):
 * 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); the Transformer's feed-forward activation (GPT-2; BERT's
 * exact erf form differs from it by under 1e-3).
 */
public final class Gelu {
    private static final float C = (float) Math.sqrt(2 / Math.PI);
    private static final float A = 0.044715f;

    private Gelu() {
    }

    /** y[yo..yo+n) = gelu(x[xo..xo+n)); x (the pre-activation) is kept for the backward step. */
    public static void forward(float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = 0.5f * v * (1 + Activation.tanh(C * (v + A * v * v * v)));
        }
    }

    /** dy[o..o+n) *= gelu'(x[o..o+n)), in place. */
    public static void backward(float[] x, float[] dy, int o, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[o + i];
            float t = Activation.tanh(C * (v + A * v * v * v));
            float derivative = 0.5f * (1 + t) + 0.5f * v * (1 - t * t) * C * (1 + 3 * A * v * v);
            dy[o + i] *= derivative;
        }
    }
}
