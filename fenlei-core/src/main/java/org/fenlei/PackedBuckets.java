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
    /**
     * Which buckets kept a row, as a rank bitmap: for each 64 buckets, the word of their bits followed by the
     * number of kept buckets before them, so a bucket's packed row is that count plus the set bits below its own,
     * from one cache line. An int per bucket would be 40 MB for 10M buckets, read at random once per n-gram; the
     * bitmap is 2.5 MB and stays in cache (Jacobson 1989, "Space-efficient static trees and graphs": rank).
     */
    private final long[] rank;
    /** Packed row -> bucket, ascending; the shared zero row comes after these. */
    private final int[] buckets;

    private PackedBuckets(int vocabulary, long[] rank, int[] buckets) {
        this.vocabulary = vocabulary;
        this.rank = rank;
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
        long[] rank = new long[2 * ((bucketCount + 63) >>> 6)];
        for (int bucket : buckets) {
            rank[2 * (bucket >>> 6)] |= 1L << bucket;
        }
        for (int w = 0, before = 0; w < rank.length; w += 2) {
            rank[w + 1] = before;
            before += Long.bitCount(rank[w]);
        }
        return new PackedBuckets(vocabulary, rank, buckets);
    }

    /** Rows after the vocabulary: the kept buckets and the shared zero row. */
    int rows() {
        return buckets.length + 1;
    }

    /** Rewrites full-table ids to packed rows, in place. */
    int[] pack(int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= vocabulary) {
                ids[i] = vocabulary + row(ids[i] - vocabulary);
            }
        }
        return ids;
    }

    private int row(int bucket) {
        int w = 2 * (bucket >>> 6);
        long bits = rank[w];
        long bit = 1L << bucket;
        return (bits & bit) == 0 ? buckets.length : (int) rank[w + 1] + Long.bitCount(bits & (bit - 1));
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
