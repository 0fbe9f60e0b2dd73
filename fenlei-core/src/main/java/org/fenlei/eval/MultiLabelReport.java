package org.fenlei.eval;

import org.fenlei.nn.ArgMax;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a multi-label classifier, which predicts every label whose probability reaches {@code threshold}:
 * micro-averaged precision, recall and F1 over all (text, label) decisions (what {@code fasttext test -1 0.5}
 * prints), macro F1 over the labels present, exact-match ratio (subset accuracy), precision at 1 (the best label
 * is right), and precision, recall and F1 per label.
 */
public record MultiLabelReport(long examples, double threshold, double microPrecision, double microRecall,
                               double microF1, double macroF1, double exactMatch, double precisionAt1,
                               List<ClassMetrics> perLabel) {
    /** The decision threshold of fastText's one-vs-all examples and of scikit-learn's predict. */
    public static final double THRESHOLD = 0.5;

    /**
     * @param labels        label names, index = label id
     * @param truth         (N, K) row-major, 1 where the label applies
     * @param probabilities (N, K) row-major, independent probabilities
     */
    public static MultiLabelReport of(List<String> labels, float[] truth, float[] probabilities, double threshold) {
        int k = labels.size();
        if (truth.length != probabilities.length || k == 0 || truth.length % k != 0) {
            throw new IllegalArgumentException(truth.length + " truth values and " + probabilities.length
                    + " probabilities for " + k + " labels");
        }
        int n = truth.length / k;
        if (n == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        long[] tp = new long[k];
        long[] predicted = new long[k];
        long[] actual = new long[k];
        long exact = 0;
        long bestRight = 0;
        for (int i = 0; i < n; i++) {
            boolean same = true;
            for (int c = 0; c < k; c++) {
                boolean yes = probabilities[i * k + c] >= threshold;
                boolean truly = truth[i * k + c] > 0;
                predicted[c] += yes ? 1 : 0;
                actual[c] += truly ? 1 : 0;
                tp[c] += yes && truly ? 1 : 0;
                same &= yes == truly;
            }
            exact += same ? 1 : 0;
            bestRight += truth[i * k + ArgMax.of(probabilities, i * k, k)] > 0 ? 1 : 0;
        }
        List<ClassMetrics> perLabel = new ArrayList<>(k);
        long tpSum = 0;
        long predictedSum = 0;
        long actualSum = 0;
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            ClassMetrics m = ClassMetrics.of(labels.get(c), tp[c], predicted[c], actual[c]);
            perLabel.add(m);
            tpSum += tp[c];
            predictedSum += predicted[c];
            actualSum += actual[c];
            if (actual[c] > 0) {
                present++;
                f1Sum += m.f1();
            }
        }
        ClassMetrics micro = ClassMetrics.of("micro avg", tpSum, predictedSum, actualSum);
        return new MultiLabelReport(n, threshold, micro.precision(), micro.recall(), micro.f1(),
                present == 0 ? 0 : f1Sum / present, (double) exact / n, (double) bestRight / n, perLabel);
    }

    /** Per-label rows, most frequent first, then the averages and the example-level figures. */
    public String render() {
        List<ClassMetrics> rows = new ArrayList<>(perLabel);
        rows.sort(Comparator.comparingLong(ClassMetrics::support).reversed().thenComparing(ClassMetrics::label));
        long decisions = 0;
        for (ClassMetrics m : perLabel) {
            decisions += m.support();
        }
        StringBuilder sb = new StringBuilder(ClassMetrics.table(rows, List.of(
                new ClassMetrics("micro avg", microPrecision, microRecall, microF1, decisions))));
        sb.append(String.format(Locale.ROOT, "%nmacro F1       %.4f  (over the labels present)%n", macroF1));
        sb.append(String.format(Locale.ROOT, "exact match    %.4f  (%d examples, threshold %.2f)%n", exactMatch,
                examples, threshold));
        sb.append(String.format(Locale.ROOT, "precision@1    %.4f%n", precisionAt1));
        return sb.toString();
    }
}
