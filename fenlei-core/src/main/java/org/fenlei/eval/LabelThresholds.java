package org.fenlei.eval;

import java.util.Arrays;

/**
 * Per-label decision thresholds of a multi-label classifier, chosen on held-out data. Each label with at least
 * {@link #MIN_POSITIVES} true examples there gets the threshold that maximises its own F1 (Yang 2001, "A study of
 * thresholding strategies for text categorization": SCut); rarer labels, whose optimum a handful of examples cannot
 * pin down, share the one threshold that maximises micro-F1 over every label. A chosen threshold lies halfway between
 * the lowest score it accepts and the next score below, so that it does not sit on a held-out example's score.
 */
public final class LabelThresholds {
    /** Fewer true examples than this and a label takes the shared threshold. */
    public static final int MIN_POSITIVES = 5;

    private LabelThresholds() {
    }

    /**
     * @param truth         (N, K) row-major, 1 where the label applies
     * @param probabilities (N, K) row-major, independent probabilities
     * @param k             the number of labels
     * @return K thresholds, index = label id
     */
    public static double[] tune(float[] truth, float[] probabilities, int k) {
        if (k < 1 || truth.length != probabilities.length || truth.length % k != 0 || truth.length == 0) {
            throw new IllegalArgumentException(truth.length + " truth values and " + probabilities.length
                    + " probabilities for " + k + " labels");
        }
        int n = truth.length / k;
        int[] all = new int[truth.length];
        Arrays.setAll(all, i -> i);
        double shared = best(truth, probabilities, all);
        double[] thresholds = new double[k];
        int[] column = new int[n];
        for (int c = 0; c < k; c++) {
            int positives = 0;
            for (int i = 0; i < n; i++) {
                column[i] = i * k + c;
                positives += truth[i * k + c] > 0 ? 1 : 0;
            }
            thresholds[c] = positives >= MIN_POSITIVES ? best(truth, probabilities, column) : shared;
        }
        return thresholds;
    }

    /** The threshold that maximises F1 over the decisions at {@code cells}; ties go to the higher threshold. */
    private static double best(float[] truth, float[] probabilities, int[] cells) {
        // each cell as one sortable long, score bits above the truth bit: no boxing, whatever the N x K
        long[] order = new long[cells.length];
        long positives = 0;
        for (int i = 0; i < cells.length; i++) {
            float p = probabilities[cells[i]];
            int bits = Float.floatToIntBits(p > 0 ? p : 0f); // non-negative floats sort as their bits
            boolean yes = truth[cells[i]] > 0;
            order[i] = (long) bits << 1 | (yes ? 1 : 0);
            positives += yes ? 1 : 0;
        }
        if (positives == 0) {
            return MultiLabelReport.THRESHOLD;
        }
        Arrays.sort(order);
        // accept the `taken` highest scores; only a cut between different scores is a threshold
        long truePositives = 0;
        double bestF1 = -1;
        int bestTaken = 0;
        int n = order.length;
        for (int taken = 1; taken <= n; taken++) {
            long cell = order[n - taken];
            truePositives += cell & 1;
            boolean cut = taken == n || order[n - taken - 1] >>> 1 < cell >>> 1;
            double f1 = 2.0 * truePositives / (taken + positives);
            if (cut && f1 > bestF1) {
                bestF1 = f1;
                bestTaken = taken;
            }
        }
        float lowest = Float.intBitsToFloat((int) (order[n - bestTaken] >>> 1));
        float below = bestTaken < n ? Float.intBitsToFloat((int) (order[n - bestTaken - 1] >>> 1)) : 0f;
        return (lowest + below) / 2.0;
    }
}
