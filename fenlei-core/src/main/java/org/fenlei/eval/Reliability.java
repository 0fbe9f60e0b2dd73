package org.fenlei.eval;

import org.fenlei.nn.ArgMax;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a classifier's confidence matches its accuracy: the texts binned by the probability of their predicted
 * class into {@link #BINS} equal-width bins, each bin's mean confidence and accuracy (the reliability diagram), and
 * the expected calibration error, the bins' |accuracy - confidence| weighted by their share of the texts (Guo et
 * al. 2017, "On Calibration of Modern Neural Networks", eq. 3).
 */
public record Reliability(double ece, List<Bin> bins) {
    public static final int BINS = 15;

    /** Texts whose confidence lies in (lower, upper]: their count, mean confidence and accuracy. */
    public record Bin(double lower, double upper, long count, double confidence, double accuracy) {
    }

    public Reliability {
        bins = List.copyOf(bins);
    }

    /**
     * @param truth         true class of each example
     * @param probabilities (N, K) row-major class probabilities
     */
    public static Reliability of(int[] truth, float[] probabilities, int k) {
        long[] counts = new long[BINS];
        double[] confidence = new double[BINS];
        long[] correct = new long[BINS];
        for (int i = 0; i < truth.length; i++) {
            int predicted = ArgMax.of(probabilities, i * k, k);
            double p = probabilities[i * k + predicted];
            // bin b holds (b/BINS, (b+1)/BINS]; a confidence of 0 (not possible from a softmax) joins the first
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(p * BINS) - 1));
            counts[b]++;
            confidence[b] += p;
            correct[b] += predicted == truth[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>(BINS);
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            double meanConfidence = counts[b] == 0 ? 0 : confidence[b] / counts[b];
            double accuracy = counts[b] == 0 ? 0 : (double) correct[b] / counts[b];
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, counts[b], meanConfidence, accuracy));
            ece += (double) counts[b] / truth.length * Math.abs(accuracy - meanConfidence);
        }
        return new Reliability(ece, bins);
    }
}
