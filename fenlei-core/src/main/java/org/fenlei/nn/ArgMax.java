package org.fenlei.nn;

/** The index of the largest of {@code k} scores, the first one on ties: the predicted class of a row. */
public final class ArgMax {
    private ArgMax() {
    }

    /** The index in 0..k-1 of the largest of {@code scores[offset, offset + k)}. */
    public static int of(float[] scores, int offset, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (scores[offset + j] > scores[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
