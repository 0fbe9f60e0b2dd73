package org.fenlei.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Batches of texts of similar length, in random order (the bucket iterator of torchtext and AllenNLP): the
 * shuffled rows are cut into pools of {@value #POOL_BATCHES} batches, each pool is sorted by length and cut into
 * batches, and the batches are shuffled. A recurrent step then runs on as many texts as the batch holds for
 * most of its length, and the threads' shares of a batch cost about the same, while every epoch still sees
 * new batches.
 */
final class LengthBuckets {
    static final int POOL_BATCHES = 50;

    private LengthBuckets() {
    }

    /** Rearranges the already shuffled {@code order} in place into length-sorted batches of {@code batchSize}. */
    static void arrange(int[] order, EncodedDataset data, int batchSize, SplittableRandom random) {
        int n = order.length;
        int pool = batchSize * POOL_BATCHES;
        long[] keys = new long[Math.min(n, pool)];
        for (int from = 0; from < n; from += pool) {
            int to = Math.min(n, from + pool);
            for (int i = from; i < to; i++) {
                // length first, then the shuffled position, so ties keep the random order
                keys[i - from] = (long) data.document(order[i]).length << 32 | (i - from);
            }
            Arrays.sort(keys, 0, to - from);
            int[] sorted = new int[to - from];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = order[from + (int) keys[i]];
            }
            System.arraycopy(sorted, 0, order, from, sorted.length);
        }
        int batches = (n + batchSize - 1) / batchSize;
        int[] sequence = new int[batches];
        for (int b = 0; b < batches; b++) {
            sequence[b] = b;
        }
        StratifiedSplit.shuffle(sequence, random);
        int[] copy = order.clone();
        int at = 0;
        for (int b : sequence) {
            int start = b * batchSize;
            int length = Math.min(n, start + batchSize) - start;
            System.arraycopy(copy, start, order, at, length);
            at += length;
        }
    }
}
