package org.fenlei.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeluTest {
    @Test
    void erfMatchesTabulatedValues() {
        // Abramowitz & Stegun, table 7.1: erf(z) = 1 - erfc(z)
        assertEquals(0.0, 1 - Gelu.erfcPositive(0), 1e-7);
        assertEquals(0.5204998778, 1 - Gelu.erfcPositive(0.5f), 4e-7);
        assertEquals(0.8427007929, 1 - Gelu.erfcPositive(1), 4e-7);
        assertEquals(0.9953222650, 1 - Gelu.erfcPositive(2), 4e-7);
        assertEquals(1.0, 1 - Gelu.erfcPositive(30), 1e-7);
    }

    @Test
    void exactFormIsXTimesTheNormalDistribution() {
        float[] x = {-3f, -1f, 0f, 0.5f, 2f};
        float[] y = new float[x.length];
        Gelu.forward(x, 0, y, 0, x.length, true);
        double[] phi = {0.0013498980, 0.1586552539, 0.5, 0.6914624613, 0.9772498681};
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * phi[i], y[i], 1e-6);
        }
    }

    @Test
    void bothFormsMatchTheirFiniteDifferences() {
        for (boolean exact : new boolean[] {true, false}) {
            for (float v : new float[] {-2.5f, -0.7f, 0.1f, 1.3f}) {
                float h = 1e-3f;
                float[] y = new float[2];
                Gelu.forward(new float[] {v + h, v - h}, 0, y, 0, 2, exact);
                float[] dy = {1f};
                Gelu.backward(new float[] {v}, dy, 0, 1, exact);
                assertEquals((y[0] - y[1]) / (2 * h), dy[0], 2e-3, "exact " + exact + " at " + v);
            }
        }
    }
}
