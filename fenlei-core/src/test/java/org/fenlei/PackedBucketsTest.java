package org.fenlei;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PackedBucketsTest {
    @Test
    void keptBucketsGetConsecutiveRowsAndTheOthersShareTheZeroRow() {
        // vocabulary of 5 rows, 200 buckets; kept: 0, 63, 64, 130, 199 (across the 64-bucket words of the bitmap)
        int[] rowIds = {0, 1, 2, 3, 4, 5, 5 + 63, 5 + 64, 5 + 130, 5 + 199};
        PackedBuckets packed = PackedBuckets.of(5, 200, rowIds);
        assertEquals(6, packed.rows());
        int[] ids = {2, 5, 5 + 63, 5 + 64, 5 + 130, 5 + 199, 5 + 1, 5 + 65, 5 + 198};
        assertArrayEquals(new int[] {2, 5, 6, 7, 8, 9, 10, 10, 10}, packed.pack(ids));
        assertArrayEquals(rowIds, packed.fullRows());
    }
}
