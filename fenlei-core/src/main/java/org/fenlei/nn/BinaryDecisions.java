package org.fenlei.nn;

import java.util.SplittableRandom;

/**
 * A loss that, for one example, is a handful of independent binary decisions on a few output rows (fastText's
 * negative sampling and hierarchical softmax): a per-example trainer computes only those rows instead of all K,
 * which is what makes these losses fast with many labels.
 */
public interface BinaryDecisions {
    /** The most decisions one example takes: the size of the arrays {@link #decisions} fills. */
    int maxDecisions();

    /**
     * The output rows to decide for an example of class {@code target} and the 0/1 label of each.
     *
     * @return how many of {@code rows} and {@code labels} were filled
     */
    int decisions(int target, SplittableRandom random, int[] rows, float[] labels);
}
