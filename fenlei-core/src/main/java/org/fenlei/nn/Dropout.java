package org.fenlei.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inverted dropout (Srivastava et al. 2014): in training each value is zeroed with probability {@code rate} and
 * the survivors are scaled by 1 / (1 - rate), so inference uses the values unchanged.
 */
public final class Dropout {
    private final float rate;
    private final SplittableRandom random;
    private float[] mask = new float[0];

    public Dropout(float rate, SplittableRandom random) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), was " + rate);
        }
        this.rate = rate;
        this.random = random;
    }

    /** x (n) *= mask, with a fresh mask. */
    public void forward(float[] x, int n) {
        if (rate == 0) {
            return;
        }
        if (mask.length < n) {
            mask = new float[n];
        }
        drawMask(mask, n);
        for (int i = 0; i < n; i++) {
            x[i] *= mask[i];
        }
    }

    /**
     * Writes a fresh mask into m[0..n): 0 with probability {@code rate}, else 1 / (1 - rate). For masks the
     * caller applies itself, such as one shared by every time step of a text.
     */
    public void drawMask(float[] m, int n) {
        if (rate == 0) {
            Arrays.fill(m, 0, n, 1f);
            return;
        }
        float scale = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            m[i] = random.nextDouble() < rate ? 0f : scale;
        }
    }

    /** dx (n) *= the mask of the last forward. */
    public void backward(float[] dx, int n) {
        if (rate == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            dx[i] *= mask[i];
        }
    }
}
