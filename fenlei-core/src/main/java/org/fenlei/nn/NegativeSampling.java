package org.fenlei.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Negative sampling (Mikolov et al. 2013; fastText's {@code -loss ns}): the example's class is a positive binary
 * decision and {@code negatives} other classes, drawn with probability proportional to the square root of their
 * counts, are negative ones, each an independent sigmoid and cross-entropy. Predictions are those independent
 * sigmoids, as fastText gives them. Without sampling (the mini-batch trainer, evaluation) every other class is a
 * negative: the one-vs-all loss on the one-hot target.
 */
public final class NegativeSampling implements Loss, BinaryDecisions {
    public static final String NAME = "negative_sampling";

    private final int negatives;
    /** Cumulative square-rooted class counts, for drawing negatives; null when only predicting. */
    private final double[] cumulative;

    /** @param counts training examples per class, or null for a model that only predicts */
    public NegativeSampling(int negatives, long[] counts) {
        if (negatives < 1) {
            throw new IllegalArgumentException("negatives must be >= 1, was " + negatives);
        }
        this.negatives = negatives;
        if (counts == null) {
            cumulative = null;
        } else {
            cumulative = new double[counts.length];
            double sum = 0;
            for (int i = 0; i < counts.length; i++) {
                sum += Math.sqrt(Math.max(0, counts[i]));
                cumulative[i] = sum;
            }
        }
    }

    @Override
    public double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            int target = (int) targets[n];
            for (int j = 0; j < k; j++) {
                float z = logits[n * k + j];
                float y = j == target ? 1f : 0f;
                sum += BinaryCrossEntropy.loss(z, y);
                dLogits[n * k + j] = scale * (BinaryCrossEntropy.sigmoid(z) - y);
            }
        }
        return sum;
    }

    @Override
    public void activate(float[] logits, int offset, int k) {
        BinaryCrossEntropy.sigmoids(logits, offset, k);
    }

    @Override
    public int maxDecisions() {
        return negatives + 1;
    }

    /** The class, then {@code negatives} draws of other classes (fastText redraws a draw of the class itself). */
    @Override
    public int decisions(int target, SplittableRandom random, int[] rows, float[] labels) {
        if (cumulative == null) {
            throw new IllegalStateException("negative sampling needs the class counts to train");
        }
        rows[0] = target;
        labels[0] = 1f;
        double total = cumulative[cumulative.length - 1];
        for (int i = 1; i <= negatives; i++) {
            int drawn;
            do {
                int at = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                drawn = at >= 0 ? Math.min(at + 1, cumulative.length - 1) : -at - 1;
            } while (drawn == target);
            rows[i] = drawn;
            labels[i] = 0f;
        }
        return negatives + 1;
    }

    @Override
    public String name() {
        return NAME;
    }
}
