package org.fenlei.eval;

import java.util.Arrays;
import java.util.Comparator;

/** Threshold-free metrics of a binary scorer. */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * ROC-AUC as the Mann-Whitney U statistic: the probability that a random positive scores above a random
     * negative, ties counting one half (Hanley &amp; McNeil 1982). NaN when one class is absent.
     */
    public static double rocAuc(float[] scores, boolean[] positive) {
        Integer[] order = sortedAscending(scores);
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int r = i; r <= j; r++) {
                if (positive[order[r]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * PR-AUC as average precision, sum over thresholds of (R_n - R_{n-1}) P_n, the step-wise area that
     * scikit-learn's average_precision_score computes (no interpolation). NaN without positives.
     */
    public static double averagePrecision(float[] scores, boolean[] positive) {
        Integer[] order = sortedAscending(scores);
        long totalPositives = 0;
        for (boolean p : positive) {
            if (p) {
                totalPositives++;
            }
        }
        if (totalPositives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long truePositives = 0;
        long seen = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            long newPositives = 0;
            for (int r = j; r <= i; r++) {
                if (positive[order[r]]) {
                    newPositives++;
                }
            }
            seen += i - j + 1;
            truePositives += newPositives;
            ap += (double) newPositives / totalPositives * ((double) truePositives / seen);
            i = j - 1;
        }
        return ap;
    }

    /**
     * The ROC curve (false positive rate, true positive rate) and the precision-recall curve (recall, precision)
     * at every distinct score taken as the threshold, highest first, thinned to at most {@code maxPoints} evenly
     * spaced points (the last kept) for drawing. Null when one class is absent.
     */
    public static Curve[] curves(float[] scores, boolean[] positive, int maxPoints) {
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        Integer[] order = sortedAscending(scores);
        float[] fpr = new float[scores.length + 1];
        float[] tpr = new float[scores.length + 1];
        float[] precision = new float[scores.length + 1];
        int n = 1;
        precision[0] = 1f;
        long tp = 0;
        long fp = 0;
        for (int i = order.length - 1; i >= 0; ) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int r = j; r <= i; r++) {
                if (positive[order[r]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            fpr[n] = (float) fp / negatives;
            tpr[n] = (float) tp / positives;
            precision[n] = (float) tp / (tp + fp);
            n++;
            i = j - 1;
        }
        int step = Math.max(1, (n - 1 + maxPoints - 2) / Math.max(1, maxPoints - 1));
        int kept = (n - 1) / step + 1 + ((n - 1) % step == 0 ? 0 : 1);
        float[][] out = new float[4][kept];
        for (int k = 0, i = 0; k < kept; k++, i = Math.min(n - 1, i + step)) {
            out[0][k] = fpr[i];
            out[1][k] = tpr[i];
            out[2][k] = tpr[i];
            out[3][k] = precision[i];
        }
        return new Curve[] {new Curve(out[0], out[1]), new Curve(out[2], out[3])};
    }

    private static Integer[] sortedAscending(float[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}
