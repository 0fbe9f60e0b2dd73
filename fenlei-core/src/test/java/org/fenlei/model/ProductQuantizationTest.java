package org.fenlei.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductQuantizationTest {
    /** n rows of dim values near one of four centres per sub-vector position. */
    private static float[] clustered(int n, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] rows = new float[n * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(4) - 1.5f + (float) (random.nextGaussian() * 0.01);
        }
        return rows;
    }

    @Test
    void recoversClusteredRowsWithinTheirSpread() {
        int n = 3000;
        int dim = 5;
        float[] rows = clustered(n, dim, 1);
        ProductQuantization pq = ProductQuantization.train(rows, n, dim, 2, 7);
        assertEquals(3, pq.positions(), "two pairs and a single value");
        byte[] codes = pq.encode(rows, n);
        assertEquals(n * 3, codes.length);
        float[] decoded = pq.decode(codes, n);
        double worst = 0;
        for (int i = 0; i < rows.length; i++) {
            worst = Math.max(worst, Math.abs(rows[i] - decoded[i]));
        }
        assertTrue(worst < 0.1, "largest error " + worst);
        // decoded rows are centroids already: quantising them again changes nothing
        assertArrayEquals(decoded, pq.decode(pq.encode(decoded, n), n));
    }

    @Test
    void isDeterministicForASeedAndNeedsNoMoreCentroidsThanRows() {
        float[] rows = clustered(10, 4, 3);
        ProductQuantization a = ProductQuantization.train(rows, 10, 4, 2, 5);
        ProductQuantization b = ProductQuantization.train(rows, 10, 4, 2, 5);
        assertEquals(10, a.centroidCount());
        assertArrayEquals(a.encode(rows, 10), b.encode(rows, 10));
        assertArrayEquals(rows, a.decode(a.encode(rows, 10), 10), "ten rows, ten centroids: exact");
        assertThrows(IllegalArgumentException.class, () -> ProductQuantization.train(rows, 10, 4, 5, 1));
    }
}
