package org.fenlei.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Product quantisation of a table's rows (Jégou et al. 2011), as FastText.zip compresses fastText's embeddings
 * (Joulin et al. 2016): a row of {@code dim} values is cut into sub-vectors of {@code dsub} values (the last may be
 * shorter), and each sub-vector is replaced by the nearest of at most 256 centroids that k-means learned for its
 * position, so a row is stored as one byte per sub-vector.
 */
public final class ProductQuantization {
    /** Centroids per sub-vector position: one byte of code. */
    public static final int MAX_CENTROIDS = 256;
    /** k-means iterations and the sample it runs on, fastText's {@code niter_} and {@code max_points_per_cluster_}. */
    private static final int ITERATIONS = 25;
    private static final int POINTS_PER_CENTROID = 256;

    private final int dim;
    private final int dsub;
    private final int centroidCount;
    /** Per sub-vector position m: centroidCount x width(m) values. */
    private final float[][] centroids;

    ProductQuantization(int dim, int dsub, int centroidCount, float[][] centroids) {
        if (dim < 1 || dsub < 1 || dsub > dim || centroidCount < 1 || centroidCount > MAX_CENTROIDS) {
            throw new IllegalArgumentException("product quantisation needs 1 <= dsub <= dim and 1..256 centroids, "
                    + "was dim " + dim + ", dsub " + dsub + ", " + centroidCount + " centroids");
        }
        this.dim = dim;
        this.dsub = dsub;
        this.centroidCount = centroidCount;
        this.centroids = centroids;
        for (int m = 0; m < positions(); m++) {
            if (centroids[m].length != centroidCount * width(m)) {
                throw new IllegalArgumentException("centroids of position " + m + " have " + centroids[m].length
                        + " values, need " + centroidCount * width(m));
            }
        }
    }

    /**
     * Learns the centroids from {@code n} rows of {@code dim} values (a random sample of at most 256 per centroid),
     * by k-means from random rows, each step's assignments on all cores. Deterministic for a seed.
     */
    public static ProductQuantization train(float[] rows, int n, int dim, int dsub, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("no rows to quantise");
        }
        int k = Math.min(MAX_CENTROIDS, n);
        int positions = (dim + dsub - 1) / dsub;
        int[] sample = sample(n, k * POINTS_PER_CENTROID, new SplittableRandom(seed));
        float[][] centroids = new float[positions][];
        for (int m = 0; m < positions; m++) {
            int from = m * dsub;
            int width = Math.min(dsub, dim - from);
            float[] points = new float[sample.length * width];
            for (int i = 0; i < sample.length; i++) {
                System.arraycopy(rows, sample[i] * dim + from, points, i * width, width);
            }
            centroids[m] = kMeans(points, sample.length, width, k, new SplittableRandom(seed + 1 + m));
        }
        return new ProductQuantization(dim, dsub, k, centroids);
    }

    private static int[] sample(int n, int max, SplittableRandom random) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        if (n <= max) {
            return all;
        }
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, max);
    }

    /** Lloyd's k-means on n points of {@code width} values; an emptied centroid restarts at a random point. */
    private static float[] kMeans(float[] points, int n, int width, int k, SplittableRandom random) {
        float[] c = new float[k * width];
        int[] order = sample(n, k, random);
        for (int j = 0; j < k; j++) {
            System.arraycopy(points, order[j] * width, c, j * width, width);
        }
        int[] assigned = new int[n];
        double[] sums = new double[k * width];
        int[] counts = new int[k];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            IntStream.range(0, n).parallel().forEach(i -> assigned[i] = nearest(c, k, width, points, i * width));
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int j = assigned[i];
                counts[j]++;
                for (int d = 0; d < width; d++) {
                    sums[j * width + d] += points[i * width + d];
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] == 0) {
                    System.arraycopy(points, random.nextInt(n) * width, c, j * width, width);
                    continue;
                }
                for (int d = 0; d < width; d++) {
                    c[j * width + d] = (float) (sums[j * width + d] / counts[j]);
                }
            }
        }
        return c;
    }

    /** The centroid nearest (squared Euclidean) to {@code x[offset, offset + width)}. */
    private static int nearest(float[] c, int k, int width, float[] x, int offset) {
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        if (width == 2) {
            // the default sub-vector size, unrolled: most of quantisation's time is spent here
            float x0 = x[offset];
            float x1 = x[offset + 1];
            for (int j = 0; j < k; j++) {
                float d0 = x0 - c[2 * j];
                float d1 = x1 - c[2 * j + 1];
                float distance = d0 * d0 + d1 * d1;
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = j;
                }
            }
            return best;
        }
        for (int j = 0; j < k; j++) {
            float distance = 0f;
            for (int d = 0; d < width; d++) {
                float diff = x[offset + d] - c[j * width + d];
                distance += diff * diff;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = j;
            }
        }
        return best;
    }

    public int dim() {
        return dim;
    }

    public int dsub() {
        return dsub;
    }

    public int centroidCount() {
        return centroidCount;
    }

    /** Sub-vector positions per row: bytes of code per row. */
    public int positions() {
        return (dim + dsub - 1) / dsub;
    }

    private int width(int m) {
        return Math.min(dsub, dim - m * dsub);
    }

    float[] centroids(int m) {
        return centroids[m];
    }

    /** One byte per position for each of the {@code n} rows, on all cores. */
    public byte[] encode(float[] rows, int n) {
        int positions = positions();
        byte[] codes = new byte[Math.multiplyExact(n, positions)];
        IntStream.range(0, n).parallel().forEach(r -> {
            for (int m = 0; m < positions; m++) {
                codes[r * positions + m] = (byte) nearest(centroids[m], centroidCount, width(m), rows,
                        r * dim + m * dsub);
            }
        });
        return codes;
    }

    /** The rows the codes stand for: each sub-vector its centroid. */
    public float[] decode(byte[] codes, int n) {
        int positions = positions();
        float[] rows = new float[Math.multiplyExact(n, dim)];
        for (int r = 0; r < n; r++) {
            for (int m = 0; m < positions; m++) {
                int width = width(m);
                int code = codes[r * positions + m] & 0xFF;
                if (code >= centroidCount) {
                    throw new IllegalStateException("code " + code + " of row " + r + " exceeds " + centroidCount
                            + " centroids");
                }
                System.arraycopy(centroids[m], code * width, rows, r * dim + m * dsub, width);
            }
        }
        return rows;
    }
}
