package org.fenlei.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {
    /** Three texts about grains, their true labels and a model's probabilities. */
    private static final List<String> GRAINS = List.of("grain", "wheat", "corn");
    private static final float[] GRAIN_TRUTH = {
            1, 1, 0,
            1, 0, 1,
            0, 0, 1};
    private static final float[] GRAIN_PROBABILITIES = {
            0.9f, 0.6f, 0.1f,
            0.8f, 0.2f, 0.4f,
            0.1f, 0.7f, 0.3f};

    @Test
    void rocAucCountsTiesAsHalf() {
        // scikit-learn: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
        assertEquals(0.75, RankingMetrics.rocAuc(new float[] {0.1f, 0.4f, 0.35f, 0.8f},
                new boolean[] {false, false, true, true}), 1e-12);
        assertEquals(0.5, RankingMetrics.rocAuc(new float[] {0.5f, 0.5f}, new boolean[] {false, true}), 1e-12);
    }

    @Test
    void averagePrecisionMatchesScikitLearn() {
        // scikit-learn: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333...
        assertEquals(5.0 / 6, RankingMetrics.averagePrecision(new float[] {0.1f, 0.4f, 0.35f, 0.8f},
                new boolean[] {false, false, true, true}), 1e-12);
    }

    @Test
    void reportComputesPerClassMacroAndWeightedFigures() {
        List<String> labels = List.of("a", "b", "c");
        int[] truth = {0, 0, 1, 1, 2, 2};
        // predictions: a, b, b, b, c, a
        float[] p = {
                0.8f, 0.1f, 0.1f,
                0.2f, 0.7f, 0.1f,
                0.1f, 0.8f, 0.1f,
                0.3f, 0.6f, 0.1f,
                0.1f, 0.1f, 0.8f,
                0.5f, 0.1f, 0.4f};
        ClassificationReport r = ClassificationReport.of(labels, truth, p);
        assertEquals(4.0 / 6, r.accuracy(), 1e-12);
        assertEquals(0.5, r.perClass().get(0).precision(), 1e-12);
        assertEquals(0.5, r.perClass().get(0).recall(), 1e-12);
        assertEquals(2.0 / 3, r.perClass().get(1).precision(), 1e-12);
        assertEquals(1.0, r.perClass().get(1).recall(), 1e-12);
        assertEquals(0.8, r.perClass().get(1).f1(), 1e-12);
        assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, r.macroF1(), 1e-12);
        assertEquals(1, r.confusion().counts()[0][1]);
        assertEquals(1, r.confusion().counts()[2][0]);
        double logLoss = -(Math.log(0.8) + Math.log(0.2) + Math.log(0.8) + Math.log(0.6) + Math.log(0.8)
                + Math.log(0.4)) / 6;
        assertEquals(logLoss, r.logLoss(), 1e-6);
        assertNull(r.rocAuc());
    }

    @Test
    void binaryReportHasRankingMetrics() {
        ClassificationReport r = ClassificationReport.of(List.of("neg", "pos"), new int[] {0, 0, 1, 1},
                new float[] {0.9f, 0.1f, 0.6f, 0.4f, 0.65f, 0.35f, 0.2f, 0.8f});
        assertEquals(0.75, r.rocAuc(), 1e-6);
        assertEquals(5.0 / 6, r.prAuc(), 1e-6);
    }

    /** A report read from a model file made before calibration was measured has none, and still renders. */
    @Test
    void aReportWithoutCalibrationRendersWithoutIt() {
        ClassificationReport r = ClassificationReport.of(List.of("neg", "pos"), new int[] {0, 0, 1, 1},
                new float[] {0.9f, 0.1f, 0.6f, 0.4f, 0.65f, 0.35f, 0.2f, 0.8f});
        ClassificationReport old = new ClassificationReport(r.examples(), r.accuracy(), r.macroPrecision(),
                r.macroRecall(), r.macroF1(), r.weightedPrecision(), r.weightedRecall(), r.weightedF1(), r.logLoss(),
                r.rocAuc(), r.prAuc(), r.perClass(), r.confusion(), r.rocCurve(), r.prCurve(), null);
        assertTrue(r.render().contains("ECE"));
        String rendered = old.render();
        assertTrue(rendered.contains("accuracy  0.7500  (4 examples)"), rendered);
        assertFalse(rendered.contains("ECE"), rendered);
    }

    @Test
    void regressionReport() {
        RegressionReport r = RegressionReport.of(new float[] {1, 2, 3, 4}, new float[] {1, 2, 3, 6});
        assertEquals(0.5, r.mae(), 1e-9);
        assertEquals(1.0, r.rmse(), 1e-9);
        assertEquals(1 - 4.0 / 5.0, r.r2(), 1e-9);
    }

    @Test
    void multiLabelReportCountsEveryTextLabelDecision() {
        // predicted at 0.5: {grain, wheat}, {grain}, {wheat}; best labels: grain, grain, wheat
        MultiLabelReport r = MultiLabelReport.of(GRAINS, GRAIN_TRUTH, GRAIN_PROBABILITIES, 0.5);
        // 3 right of 4 predicted, of 5 true
        assertEquals(3.0 / 4, r.microPrecision(), 1e-12);
        assertEquals(3.0 / 5, r.microRecall(), 1e-12);
        assertEquals(2 * 0.75 * 0.6 / 1.35, r.microF1(), 1e-12);
        // per label F1: grain 1, wheat 2/3 (P 1/2, R 1), corn 0
        assertEquals(1.0, r.perLabel().get(0).f1(), 1e-12);
        assertEquals(2.0 / 3, r.perLabel().get(1).f1(), 1e-12);
        assertEquals((1 + 2.0 / 3) / 3, r.macroF1(), 1e-12);
        assertEquals(1.0 / 3, r.exactMatch(), 1e-12);
        assertEquals(2L, r.perLabel().get(0).support());
        // the best label is right for 2 texts of 3, 2 of the 5 true labels; the best 3 are every label: 5 of 9
        assertEquals(List.of(new MultiLabelReport.AtK(1, 2.0 / 3, 2.0 / 5, 2 * (2.0 / 3) * 0.4 / (2.0 / 3 + 0.4)),
                new MultiLabelReport.AtK(3, 5.0 / 9, 1.0, 2 * (5.0 / 9) / (5.0 / 9 + 1))), r.atK());
        String text = r.render();
        assertTrue(text.indexOf("grain") < text.indexOf("wheat"), "most frequent label first:\n" + text);
        assertTrue(text.contains("micro avg"), text);
        assertTrue(text.contains("threshold 0.50") && text.contains("at k = 3"), text);
    }

    @Test
    void eachLabelIsDecidedAtItsOwnThreshold() {
        // wheat at 0.65 and corn at 0.35: {grain}, {grain, corn}, {wheat}
        MultiLabelReport r = MultiLabelReport.of(GRAINS, GRAIN_TRUTH, GRAIN_PROBABILITIES,
                new double[] {0.5, 0.65, 0.35});
        assertEquals(3.0 / 4, r.microPrecision(), 1e-12);
        assertEquals(3.0 / 5, r.microRecall(), 1e-12);
        assertEquals(1.0 / 3, r.exactMatch(), 1e-12);
        assertEquals(List.of(0.5, 0.65, 0.35), r.thresholds());
        assertTrue(r.render().contains("per-label thresholds 0.35-0.65"), r.render());
    }

    @Test
    void rocAndPrCurvesStepThroughEveryThreshold() {
        Curve[] c = RankingMetrics.curves(new float[] {0.1f, 0.4f, 0.35f, 0.8f},
                new boolean[] {false, false, true, true}, 101);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0, 0.5f, 0.5f, 1}, c[0].x());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0.5f, 0.5f, 1, 1}, c[0].y());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0.5f, 0.5f, 1, 1}, c[1].x());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 1, 0.5f, 2f / 3, 0.5f}, c[1].y());
        float[] many = new float[1000];
        boolean[] labels = new boolean[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
            labels[i] = i % 3 == 0;
        }
        Curve thin = RankingMetrics.curves(many, labels, 101)[0];
        assertEquals(101, thin.x().length);
        assertEquals(1f, thin.x()[100]);
        assertEquals(1f, thin.y()[100]);
    }
}
