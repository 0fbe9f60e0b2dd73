package org.fenlei.nn;

/** max(0, x), applied in place. */
public final class Relu {
    private Relu() {
    }

    /** x (n) = max(0, x). */
    public static void forward(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (x[i] < 0f) {
                x[i] = 0f;
            }
        }
    }

    /** dy (n) *= [y > 0], where y is the forward output. */
    public static void backward(float[] y, float[] dy, int n) {
        for (int i = 0; i < n; i++) {
            if (y[i] <= 0f) {
                dy[i] = 0f;
            }
        }
    }
}
