package org.fenlei.text;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Easy Data Augmentation's two label-preserving operations on token ids (Wei &amp; Zou 2019, "EDA", section 2):
 * random deletion (each token dropped with probability {@code alpha}, at least one kept) and random swap
 * (n = max(1, alpha * length) swaps of two random positions). Deterministic for a given random source.
 */
public final class EdaAugmenter {
    private final double alpha;

    /** @param alpha the share of tokens changed; the paper recommends 0.1 */
    public EdaAugmenter(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        this.alpha = alpha;
    }

    public int[] randomDeletion(int[] ids, SplittableRandom random) {
        if (ids.length <= 1) {
            return ids.clone();
        }
        int[] out = new int[ids.length];
        int n = 0;
        for (int id : ids) {
            if (random.nextDouble() >= alpha) {
                out[n++] = id;
            }
        }
        if (n == 0) {
            out[n++] = ids[random.nextInt(ids.length)];
        }
        return Arrays.copyOf(out, n);
    }

    public int[] randomSwap(int[] ids, SplittableRandom random) {
        int[] out = ids.clone();
        if (out.length < 2) {
            return out;
        }
        int swaps = Math.max(1, (int) (alpha * out.length));
        for (int s = 0; s < swaps; s++) {
            int a = random.nextInt(out.length);
            int b = random.nextInt(out.length);
            int t = out[a];
            out[a] = out[b];
            out[b] = t;
        }
        return out;
    }

    /** One augmented copy: deletion or swap, chosen at random. */
    public int[] augment(int[] ids, SplittableRandom random) {
        return random.nextBoolean() ? randomDeletion(ids, random) : randomSwap(ids, random);
    }
}
