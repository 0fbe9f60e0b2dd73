package org.fenlei.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite differences of the distillation loss, both kinds, one and several outputs, with and without gold labels. */
class DistillationLossTest {
    private static void check(DistillationLoss loss, float[] logits, float[] targets, int batch, int k) {
        float[] d = new float[logits.length];
        loss.forwardBackward(logits, targets, batch, k, 1f, d);
        double h = 1e-3;
        for (int i = 0; i < logits.length; i++) {
            float saved = logits[i];
            logits[i] = (float) (saved + h);
            double plus = loss.forwardBackward(logits, targets, batch, k, 1f, new float[logits.length]);
            logits[i] = (float) (saved - h);
            double minus = loss.forwardBackward(logits, targets, batch, k, 1f, new float[logits.length]);
            logits[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, d[i], 2e-3 * Math.max(1, Math.abs(numeric)), "logit " + i);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        // three classes: teacher logits then the gold class, the second text without one
        float[] targets = {2f, -1f, 0.5f, 0f, 0.3f, 1.2f, -0.7f, -1f};
        float[] binary = {1.5f, 1f, -0.4f, -1f};
        for (String kind : new String[] {DistillationLoss.SOFT, DistillationLoss.MSE}) {
            for (double alpha : new double[] {0, 0.3, 1}) {
                for (double t : new double[] {1, 2.5}) {
                    DistillationLoss loss = new DistillationLoss(kind, alpha, t);
                    check(loss, new float[] {0.3f, -0.2f, 1.1f, -0.5f, 0.9f, 0.1f}, targets, 2, 3);
                    check(loss, new float[] {0.7f, -1.3f}, binary, 2, 1);
                }
            }
        }
    }

    @Test
    void aStudentEqualToItsTeacherHasNoGradientFromIt() {
        float[] logits = {0.4f, -2f, 1f};
        float[] d = new float[3];
        new DistillationLoss(DistillationLoss.SOFT, 0, 2).forwardBackward(logits, new float[] {0.4f, -2f, 1f, -1f},
                1, 3, 1f, d);
        for (float g : d) {
            assertEquals(0f, g, 1e-7f);
        }
    }

    @Test
    void agreementIsWithTheTeachersClass() {
        DistillationLoss loss = new DistillationLoss(DistillationLoss.MSE, 0.5, 1);
        assertTrue(loss.agrees(2, new float[] {0f, 1f, 3f, 0f}, 0, 3, 4));
        assertTrue(!loss.agrees(0, new float[] {0f, 1f, 3f, 2f}, 0, 3, 4));
        assertTrue(loss.agrees(1, new float[] {0.2f, -1f}, 0, 1, 2));
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss("kl", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss("soft", 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss("soft", 0, 0));
    }
}
