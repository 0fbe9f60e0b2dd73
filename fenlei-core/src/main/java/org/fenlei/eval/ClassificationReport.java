package org.fenlei.eval;

import org.fenlei.nn.ArgMax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a classifier on labeled data: accuracy; precision, recall and F1 per class with their macro
 * and support-weighted averages; the confusion matrix; log loss; and for two classes ROC-AUC and PR-AUC of the
 * positive (second) class with their curves (at most 101 points each, for drawing); calibration: the expected
 * calibration error and its reliability diagram. Ranking metrics are null where they do not apply.
 */
public record ClassificationReport(long examples, double accuracy, double macroPrecision, double macroRecall,
                                   double macroF1, double weightedPrecision, double weightedRecall,
                                   double weightedF1, double logLoss, Double rocAuc, Double prAuc,
                                   List<ClassMetrics> perClass, ConfusionMatrix confusion, Curve rocCurve,
                                   Curve prCurve, Reliability calibration) {
    private static final int CURVE_POINTS = 101;

    /** Probabilities are clipped to [1e-15, 1] for log loss, as scikit-learn does. */
    private static final double LOG_LOSS_EPSILON = 1e-15;

    /**
     * @param labels        class names, index = class id
     * @param truth         true class of each example
     * @param probabilities (N, K) row-major class probabilities
     */
    public static ClassificationReport of(List<String> labels, int[] truth, float[] probabilities) {
        int k = labels.size();
        int n = truth.length;
        if (probabilities.length != (long) n * k) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length + " values for " + n
                    + " examples of " + k + " classes");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        int[] predicted = new int[n];
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            predicted[i] = ArgMax.of(probabilities, i * k, k);
            logLoss -= Math.log(Math.max(LOG_LOSS_EPSILON, probabilities[i * k + truth[i]]));
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(labels, truth, predicted);
        List<ClassMetrics> perClass = new ArrayList<>(k);
        long correct = 0;
        double[] sums = new double[6];
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion.truePositives(c);
            correct += tp;
            long actual = confusion.actual(c);
            ClassMetrics m = ClassMetrics.of(labels.get(c), tp, confusion.predicted(c), actual);
            perClass.add(m);
            double precision = m.precision();
            double recall = m.recall();
            double f1 = m.f1();
            if (actual > 0) {
                // macro averages run over the classes present in the data, as scikit-learn's labels=unique(y)
                present++;
                sums[0] += precision;
                sums[1] += recall;
                sums[2] += f1;
            }
            sums[3] += precision * actual;
            sums[4] += recall * actual;
            sums[5] += f1 * actual;
        }
        Double roc = null;
        Double pr = null;
        Curve[] curves = null;
        if (k == 2) {
            float[] scores = new float[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = probabilities[i * 2 + 1];
                positive[i] = truth[i] == 1;
            }
            roc = nullIfNaN(RankingMetrics.rocAuc(scores, positive));
            pr = nullIfNaN(RankingMetrics.averagePrecision(scores, positive));
            curves = RankingMetrics.curves(scores, positive, CURVE_POINTS);
        }
        return new ClassificationReport(n, (double) correct / n, sums[0] / present, sums[1] / present,
                sums[2] / present, sums[3] / n, sums[4] / n, sums[5] / n, logLoss / n, roc, pr, perClass, confusion,
                curves == null ? null : curves[0], curves == null ? null : curves[1],
                Reliability.of(truth, probabilities, k));
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** A table for people: per-class rows, averages, the ranking metrics and the confusion matrix. */
    public String render() {
        StringBuilder sb = new StringBuilder(ClassMetrics.table(perClass, List.of(
                new ClassMetrics("macro avg", macroPrecision, macroRecall, macroF1, examples),
                new ClassMetrics("weighted", weightedPrecision, weightedRecall, weightedF1, examples))));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "accuracy  %.4f  (%d examples)%n", accuracy, examples));
        sb.append(String.format(Locale.ROOT, "log loss  %.4f%n", logLoss));
        // a report read from a model file older than calibration has none
        if (calibration != null) {
            sb.append(String.format(Locale.ROOT, "ECE       %.4f  (expected calibration error, %d bins)%n",
                    calibration.ece(), Reliability.BINS));
        }
        if (rocAuc != null) {
            sb.append(String.format(Locale.ROOT, "ROC-AUC   %.4f%n", rocAuc));
        }
        if (prAuc != null) {
            sb.append(String.format(Locale.ROOT, "PR-AUC    %.4f  (positive class: %s)%n", prAuc,
                    perClass.get(1).label()));
        }
        sb.append("\nconfusion matrix (rows: true, columns: predicted)\n").append(confusion.render());
        return sb.toString();
    }
}
