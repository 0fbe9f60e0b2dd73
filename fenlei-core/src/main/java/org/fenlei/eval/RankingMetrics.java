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

    private static Integer[] sortedAscending(float[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}
