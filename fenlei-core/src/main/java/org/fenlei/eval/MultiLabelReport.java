package org.fenlei.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a multi-label classifier, which predicts every label whose probability reaches that label's
 * threshold: micro-averaged precision, recall and F1 over all (text, label) decisions (what {@code fasttext test
 * -1 0.5} prints), macro F1 over the labels present, exact-match ratio (subset accuracy), precision, recall and F1
 * of the k best labels for k = 1, 3 and 5 (what {@code fasttext test FILE k} prints), and precision, recall and F1
 * per label.
 *
 * @param thresholds the decision threshold of each label, index = label id
 * @param atK        the ranking figures at k = 1, 3 and 5 (at most the number of labels)
 */
public record MultiLabelReport(long examples, List<Double> thresholds, double microPrecision, double microRecall,
                               double microF1, double macroF1, double exactMatch, List<AtK> atK,
                               List<ClassMetrics> perLabel) {
    /** The decision threshold of fastText's one-vs-all examples and of scikit-learn's predict. */
    public static final double THRESHOLD = 0.5;
    private static final int[] KS = {1, 3, 5};

    /**
     * The k best labels of each text taken as its answer: {@code precision} = right ones of the k n given,
     * {@code recall} = right ones of all true labels, as fastText's {@code test} counts them.
     */
    public record AtK(int k, double precision, double recall, double f1) {
    }

    /** {@link #of(List, float[], float[], double[])} with one threshold for every label. */
    public static MultiLabelReport of(List<String> labels, float[] truth, float[] probabilities, double threshold) {
        double[] thresholds = new double[labels.size()];
        Arrays.fill(thresholds, threshold);
        return of(labels, truth, probabilities, thresholds);
    }

    /**
     * @param labels        label names, index = label id
     * @param truth         (N, K) row-major, 1 where the label applies
     * @param probabilities (N, K) row-major, independent probabilities
     * @param thresholds    K thresholds: label c is predicted where its probability reaches thresholds[c]
     */
    public static MultiLabelReport of(List<String> labels, float[] truth, float[] probabilities,
                                      double[] thresholds) {
        int k = labels.size();
        if (truth.length != probabilities.length || k == 0 || truth.length % k != 0 || thresholds.length != k) {
            throw new IllegalArgumentException(truth.length + " truth values, " + probabilities.length
                    + " probabilities and " + thresholds.length + " thresholds for " + k + " labels");
        }
        int n = truth.length / k;
        if (n == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        long[] tp = new long[k];
        long[] predicted = new long[k];
        long[] actual = new long[k];
        long exact = 0;
        int ranks = 0;
        while (ranks < KS.length && KS[ranks] <= k) {
            ranks++;
        }
        int deepest = KS[ranks - 1];
        long[] rightInTop = new long[deepest + 1];
        int[] best = new int[deepest];
        for (int i = 0; i < n; i++) {
            boolean same = true;
            for (int c = 0; c < k; c++) {
                boolean yes = probabilities[i * k + c] >= thresholds[c];
                boolean truly = truth[i * k + c] > 0;
                predicted[c] += yes ? 1 : 0;
                actual[c] += truly ? 1 : 0;
                tp[c] += yes && truly ? 1 : 0;
                same &= yes == truly;
            }
            exact += same ? 1 : 0;
            bestLabels(probabilities, i * k, k, best);
            for (int r = 0; r < deepest; r++) {
                rightInTop[r + 1] += truth[i * k + best[r]] > 0 ? 1 : 0;
            }
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
        List<AtK> atK = new ArrayList<>(ranks);
        long right = 0;
        for (int r = 1, next = 0; r <= deepest; r++) {
            right += rightInTop[r];
            if (r == KS[next]) {
                ClassMetrics m = ClassMetrics.of("", right, (long) r * n, actualSum);
                atK.add(new AtK(r, m.precision(), m.recall(), m.f1()));
                next++;
            }
        }
        ClassMetrics micro = ClassMetrics.of("micro avg", tpSum, predictedSum, actualSum);
        return new MultiLabelReport(n, Arrays.stream(thresholds).boxed().toList(), micro.precision(),
                micro.recall(), micro.f1(), present == 0 ? 0 : f1Sum / present, (double) exact / n, atK, perLabel);
    }

    /** The indices of the {@code best.length} largest of {@code scores[offset, offset + k)}, best first. */
    private static void bestLabels(float[] scores, int offset, int k, int[] best) {
        for (int r = 0; r < best.length; r++) {
            int top = -1;
            for (int c = 0; c < k; c++) {
                if ((top < 0 || scores[offset + c] > scores[offset + top]) && !taken(best, r, c)) {
                    top = c;
                }
            }
            best[r] = top;
        }
    }

    private static boolean taken(int[] best, int count, int c) {
        for (int r = 0; r < count; r++) {
            if (best[r] == c) {
                return true;
            }
        }
        return false;
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
        sb.append(String.format(Locale.ROOT, "exact match    %.4f  (%d examples, %s)%n", exactMatch, examples,
                describeThresholds()));
        if (atK != null) {
            for (AtK a : atK) {
                sb.append(String.format(Locale.ROOT, "at k = %d       precision %.4f  recall %.4f  f1 %.4f%n", a.k(),
                        a.precision(), a.recall(), a.f1()));
            }
        }
        return sb.toString();
    }

    /** "threshold 0.50" when every label shares one, else the range of the per-label thresholds. */
    public String describeThresholds() {
        List<Double> all = thresholds == null || thresholds.isEmpty() ? List.of(THRESHOLD) : thresholds;
        double low = all.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = all.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return low == high ? String.format(Locale.ROOT, "threshold %.2f", low)
                : String.format(Locale.ROOT, "per-label thresholds %.2f-%.2f", low, high);
    }
}
