package org.fenlei.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelThresholdsTest {
    @Test
    void aFrequentLabelGetsTheThresholdOfItsBestF1HalfwayBetweenScores() {
        // label 0: six true texts scored 0.9-0.4, four false ones 0.35-0.05; label 1: one true text of ten
        float[] label0 = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.35f, 0.2f, 0.1f, 0.05f};
        float[] truth0 = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
        float[] label1 = {0.3f, 0.2f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
        float[] truth1 = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] truth = new float[20];
        float[] p = new float[20];
        for (int i = 0; i < 10; i++) {
            truth[2 * i] = truth0[i];
            p[2 * i] = label0[i];
            truth[2 * i + 1] = truth1[i];
            p[2 * i + 1] = label1[i];
        }
        double[] t = LabelThresholds.tune(truth, p, 2);
        // label 0 separates perfectly between 0.4 and 0.35
        assertEquals(0.375, t[0], 1e-6);
        // label 1 has one true text, too few: it takes the threshold with the best micro-F1 over both labels,
        // which accepts every score down to 0.3 (seven right of seven true) and stops before 0.2
        assertEquals(0.25, t[1], 1e-6);
        MultiLabelReport r = MultiLabelReport.of(java.util.List.of("a", "b"), truth, p, t);
        assertEquals(1.0, r.microF1(), 1e-12);
        assertEquals("per-label thresholds 0.25-0.38", r.describeThresholds());
    }

    @Test
    void ofTwoEquallyGoodThresholdsTheHigherWins() {
        // accepting 0.9 alone: F1 2 * 1 / (1 + 2) = 2/3; accepting down to 0.6: 2 * 2 / (4 + 2) = 2/3
        float[] p = {0.9f, 0.8f, 0.7f, 0.6f};
        float[] truth = {1, 0, 0, 1};
        assertEquals(0.85, LabelThresholds.tune(truth, p, 1)[0], 1e-6);
    }

    @Test
    void refusesMismatchedArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelThresholds.tune(new float[4], new float[6], 2));
        assertEquals("4 truth values and 6 probabilities for 2 labels", e.getMessage());
        assertArrayEquals(new double[] {0.5}, LabelThresholds.tune(new float[3], new float[] {0.2f, 0.4f, 0.6f}, 1));
    }
}
