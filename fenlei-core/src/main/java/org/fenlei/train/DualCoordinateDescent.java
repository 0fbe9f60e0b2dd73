package org.fenlei.train;

import java.util.Random;

/**
 * The L2-regularised squared-hinge (L2-loss) linear SVM, min 0.5 |w|^2 + sum_i C_i max(0, 1 - y_i w.x_i)^2, fitted
 * in its dual by coordinate descent with shrinking: Hsieh et al. 2008, "A Dual Coordinate Descent Method for
 * Large-scale Linear SVM", Algorithm 1 and section 3.2, with liblinear's stopping rule (the projected gradient's
 * spread below epsilon) and its 1,000-pass cap. The texts stay in flat arrays of ids and float values, with no
 * object per value: liblinear's Java port needs one per non-zero feature.
 */
final class DualCoordinateDescent {
    private static final int MAX_PASSES = 1000;

    private DualCoordinateDescent() {
    }

    /**
     * The weights of the {@code n} features fitted to texts whose features are {@code ids[i]} with values
     * {@code values[i]}, labels {@code y[i]} of +1 or -1; {@code costs} holds C for the +1 and the -1 side.
     */
    static double[] fit(int[][] ids, float[][] values, double[] y, int n, double[] costs, double epsilon,
                        Random random) {
        int l = y.length;
        double[] w = new double[n];
        double[] alpha = new double[l];
        // the dual's diagonal: 1 / (2 C_i) for the squared hinge, and the coordinate's curvature x.x + that
        double[] diag = new double[l];
        double[] curvature = new double[l];
        int[] order = new int[l];
        for (int i = 0; i < l; i++) {
            diag[i] = 0.5 / (y[i] > 0 ? costs[0] : costs[1]);
            double sq = 0;
            for (float v : values[i]) {
                sq += (double) v * v;
            }
            curvature[i] = diag[i] + sq;
            order[i] = i;
        }
        int active = l;
        double maxOld = Double.POSITIVE_INFINITY;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            double maxNew = Double.NEGATIVE_INFINITY;
            double minNew = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                swap(order, s, s + random.nextInt(active - s));
            }
            for (int s = 0; s < active; s++) {
                int i = order[s];
                int[] x = ids[i];
                float[] v = values[i];
                double dot = 0;
                for (int j = 0; j < x.length; j++) {
                    dot += w[x[j]] * v[j];
                }
                double g = y[i] * dot - 1 + alpha[i] * diag[i];
                double pg = g;
                if (alpha[i] == 0) {
                    if (g > maxOld) {
                        // at its bound and likely to stay there: shrunk out of the passes until the spread closes
                        swap(order, s--, --active);
                        continue;
                    }
                    pg = Math.min(g, 0);
                }
                maxNew = Math.max(maxNew, pg);
                minNew = Math.min(minNew, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.max(old - g / curvature[i], 0);
                    double d = (alpha[i] - old) * y[i];
                    for (int j = 0; j < x.length; j++) {
                        w[x[j]] += d * v[j];
                    }
                }
            }
            if (maxNew - minNew <= epsilon) {
                if (active == l) {
                    break;
                }
                // converged on the active set: one more look at every coordinate
                active = l;
                maxOld = Double.POSITIVE_INFINITY;
                continue;
            }
            maxOld = maxNew <= 0 ? Double.POSITIVE_INFINITY : maxNew;
        }
        return w;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
