package org.fenlei.nn;

/**
 * GELU, x Phi(x) (Hendrycks &amp; Gimpel 2016), in two forms: the tanh approximation of their section 2,
 * 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), which Fenlei's own small Transformer trains with, and the exact
 * form 0.5 x (1 + erf(x / sqrt 2)) that BERT and the encoders imported into Fenlei were trained with (the two differ
 * by under 1e-3, enough to move an imported encoder's output visibly).
 */
public final class Gelu {
    private static final float C = (float) Math.sqrt(2 / Math.PI);
    private static final float A = 0.044715f;
    private static final double INVERSE_SQRT2 = 1 / Math.sqrt(2);
    private static final double INVERSE_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Gelu() {
    }

    /** y[yo..yo+n) = gelu(x[xo..xo+n)); x (the pre-activation) is kept for the backward step. */
    public static void forward(float[] x, int xo, float[] y, int yo, int n, boolean exact) {
        if (exact) {
            for (int i = 0; i < n; i++) {
                double v = x[xo + i];
                y[yo + i] = (float) (0.5 * v * (1 + erf(v * INVERSE_SQRT2)));
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = 0.5f * v * (1 + Activation.tanh(C * (v + A * v * v * v)));
        }
    }

    /** dy[o..o+n) *= gelu'(x[o..o+n)), in place. The exact form's derivative is Phi(x) + x phi(x). */
    public static void backward(float[] x, float[] dy, int o, int n, boolean exact) {
        if (exact) {
            for (int i = 0; i < n; i++) {
                double v = x[o + i];
                double derivative = 0.5 * (1 + erf(v * INVERSE_SQRT2)) + v * INVERSE_SQRT_2PI * Math.exp(-0.5 * v * v);
                dy[o + i] *= (float) derivative;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            float v = x[o + i];
            float t = Activation.tanh(C * (v + A * v * v * v));
            float derivative = 0.5f * (1 + t) + 0.5f * v * (1 - t * t) * C * (1 + 3 * A * v * v);
            dy[o + i] *= derivative;
        }
    }

    /**
     * The error function through the complementary one's Chebyshev fit of Numerical Recipes (Press et al., 2nd
     * edition, section 6.2, {@code erfcc}): fractional error below 1.2e-7 everywhere, finer than float's own.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
