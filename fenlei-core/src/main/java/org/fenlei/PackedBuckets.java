package org.fenlei;

import java.util.Arrays;

/**
 * The hashed n-gram buckets of a loaded model, packed: a bucket that training reached keeps its row, every other
 * bucket shares one zero row. fastText-class models hash into millions of buckets and touch few of them (imdb:
 * 1.5M of 10M), so a loaded model holds tens of megabytes instead of hundreds, and averages stay exactly those of
 * the full table (an empty bucket still counts in the mean, with a zero vector).
 */
final class PackedBuckets {
    private final int vocabulary;
    /** Bucket -> packed row, counted from the first row after the vocabulary. */
    private final int[] rowOf;
    /** Packed row -> bucket, ascending; the shared zero row comes after these. */
    private final int[] buckets;

    private PackedBuckets(int vocabulary, int[] rowOf, int[] buckets) {
        this.vocabulary = vocabulary;
        this.rowOf = rowOf;
        this.buckets = buckets;
    }

    /** Packs the buckets among the table rows {@code rowIds} (ascending; vocabulary rows first, then buckets). */
    static PackedBuckets of(int vocabulary, int bucketCount, int[] rowIds) {
        int first = Arrays.binarySearch(rowIds, vocabulary);
        first = first >= 0 ? first : -first - 1;
        int[] buckets = new int[rowIds.length - first];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = rowIds[first + i] - vocabulary;
        }
        int[] rowOf = new int[bucketCount];
        Arrays.fill(rowOf, buckets.length);
        for (int i = 0; i < buckets.length; i++) {
            rowOf[buckets[i]] = i;
        }
        return new PackedBuckets(vocabulary, rowOf, buckets);
    }

    /** Rows after the vocabulary: the kept buckets and the shared zero row. */
    int rows() {
        return buckets.length + 1;
    }

    /** Rewrites full-table ids to packed rows, in place. */
    int[] pack(int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= vocabulary) {
                ids[i] = vocabulary + rowOf[ids[i] - vocabulary];
            }
        }
        return ids;
    }

    /** The full-table ids of the packed rows except the shared zero row: the vocabulary, then the kept buckets. */
    int[] fullRows() {
        int[] rows = new int[vocabulary + buckets.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i < vocabulary ? i : vocabulary + buckets[i - vocabulary];
        }
        return rows;
    }
}
