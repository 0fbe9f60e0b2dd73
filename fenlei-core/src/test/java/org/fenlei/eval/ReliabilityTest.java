package org.fenlei.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReliabilityTest {
    @Test
    void eceWeighsEachBinsGapByItsShare() {
        // confidences 0.95 (right), 0.95 (wrong), 0.58 (right), 0.55 (wrong): bins (14/15, 1] and (8/15, 9/15]
        float[] p = {0.95f, 0.05f, 0.05f, 0.95f, 0.58f, 0.42f, 0.45f, 0.55f};
        int[] truth = {0, 0, 0, 0};
        Reliability r = Reliability.of(truth, p, 2);
        Reliability.Bin top = r.bins().get(14);
        Reliability.Bin middle = r.bins().get(8);
        assertEquals(2, top.count());
        assertEquals(0.95, top.confidence(), 1e-6);
        assertEquals(0.5, top.accuracy(), 1e-12);
        assertEquals(2, middle.count());
        assertEquals(0.565, middle.confidence(), 1e-6);
        assertEquals(0.5, middle.accuracy(), 1e-12);
        assertEquals(0.5 * 0.45 + 0.5 * 0.065, r.ece(), 1e-6);
        assertEquals(15, r.bins().size());
    }

    @Test
    void aPerfectlyCalibratedModelHasNoError() {
        // ten texts at confidence 0.7, seven of them right
        float[] p = new float[20];
        int[] truth = new int[10];
        for (int i = 0; i < 10; i++) {
            p[2 * i] = 0.7f;
            p[2 * i + 1] = 0.3f;
            truth[i] = i < 7 ? 0 : 1;
        }
        assertEquals(0, Reliability.of(truth, p, 2).ece(), 1e-6);
    }

    @Test
    void mistakesAreTheWrongPredictionsMostConfidentFirst() {
        float[] p = {0.9f, 0.1f, 0.2f, 0.8f, 0.4f, 0.6f, 0.3f, 0.7f, 0.99f, 0.01f};
        int[] truth = {0, 0, 0, 1, 1};
        List<Mistake> m = Mistake.mostConfident(2, List.of("a", "b"), List.of("t0", "t1", "t2", "t3", "t4"),
                new long[] {2, 3, 4, 5, 6}, truth, p);
        assertEquals(List.of(new Mistake(6, "t4", "b", "a", 0.99f), new Mistake(3, "t1", "a", "b", 0.8f)), m);
        assertEquals(3, Mistake.mostConfident(10, List.of("a", "b"), List.of("t0", "t1", "t2", "t3", "t4"),
                new long[] {2, 3, 4, 5, 6}, truth, p).size());
    }
}
