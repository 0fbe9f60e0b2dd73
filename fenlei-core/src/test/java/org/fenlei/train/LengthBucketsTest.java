package org.fenlei.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthBucketsTest {
    /** 1,000 texts of random lengths 1..200. */
    private static EncodedDataset texts() {
        SplittableRandom random = new SplittableRandom(5);
        List<int[]> docs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            docs.add(new int[1 + random.nextInt(200)]);
        }
        return new EncodedDataset(docs, new float[1000]);
    }

    private static int[] arranged(EncodedDataset data, int batch, long seed) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        StratifiedSplit.shuffle(order, random);
        LengthBuckets.arrange(order, data, batch, random);
        return order;
    }

    @Test
    void batchesHoldTextsOfSimilarLengthAndEveryTextOnce() {
        EncodedDataset data = texts();
        int[] order = arranged(data, 8, 1);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        // a random batch of 8 spans about 200 * 7/9 = 156 lengths; a bucketed one, drawn from a pool of 400, a few
        long spread = 0;
        for (int b = 0; b < order.length; b += 8) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = b; i < Math.min(order.length, b + 8); i++) {
                min = Math.min(min, data.document(order[i]).length);
                max = Math.max(max, data.document(order[i]).length);
            }
            spread += max - min;
        }
        assertTrue(spread / 125.0 < 10, "mean spread of lengths in a batch: " + spread / 125.0);
    }

    @Test
    void theSeedFixesTheBatchesAndAnotherSeedChangesThem() {
        EncodedDataset data = texts();
        assertArrayEquals(arranged(data, 16, 7), arranged(data, 16, 7));
        assertNotEquals(Arrays.toString(arranged(data, 16, 7)), Arrays.toString(arranged(data, 16, 8)));
    }
}
