package org.fenlei.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivationTest {
    @Test
    void tanhThroughExpMatchesMathTanhToFloatPrecision() {
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 1e-4f;
            assertEquals((float) Math.tanh(x), Activation.tanh(x), 1.2e-7f * Math.max(1e-3f, Math.abs(x)) + 6e-8f,
                    "tanh(" + x + ")");
        }
        assertEquals(1f, Activation.tanh(1e4f));
        assertEquals(-1f, Activation.tanh(-1e4f));
        assertEquals(0f, Activation.tanh(0f));
    }
}
