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
    private static final float INVERSE_SQRT2 = (float) (1 / Math.sqrt(2));
    /** 1 / sqrt(2 pi), the normal density's constant. */
    private static final float INVERSE_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));

    private Gelu() {
    }

    /** y[yo..yo+n) = gelu(x[xo..xo+n)); x (the pre-activation) is kept for the backward step. */
    public static void forward(float[] x, int xo, float[] y, int yo, int n, boolean exact) {
        if (exact) {
            // x (1 + erf(x / sqrt 2)) / 2 = (x + |x| erf(|x| / sqrt 2)) / 2, with erf(z) = 1 - r(z) for z >= 0:
            // no branch and no call, a loop C2 vectorises
            for (int i = 0; i < n; i++) {
                float v = x[xo + i];
                float a = Math.abs(v);
                y[yo + i] = 0.5f * (v + a - a * erfcPositive(a * INVERSE_SQRT2));
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
                float v = x[o + i];
                float a = Math.abs(v);
                // Phi(v) = (1 + sign(v) erf(|v| / sqrt 2)) / 2
                float phi = 0.5f * (1 + Math.signum(v) * (1 - erfcPositive(a * INVERSE_SQRT2)));
                dy[o + i] *= phi + v * INVERSE_SQRT_2PI * (float) Math.exp(-0.5f * v * v);
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
     * 1 - erf(z) for z >= 0 by Abramowitz &amp; Stegun's 7.1.28: 1 / (1 + a1 z + ... + a6 z^6)^16, absolute error below
     * 3e-7, finer than the float it is used in, and without the exponential that costs the most in an encoder.
     */
    static float erfcPositive(float z) {
        float p = 1 + z * (0.0705230784f + z * (0.0422820123f + z * (0.0092705272f + z * (0.0001520143f
                + z * (0.0002765672f + z * 0.0000430638f)))));
        float p2 = p * p;
        float p4 = p2 * p2;
        float p8 = p4 * p4;
        return 1 / (p8 * p8);
    }
}
