package org.fenlei.train;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DualCoordinateDescentTest {
    private static final int N = 30;
    private static final int L = 300;

    /** Sparse texts whose features 0-4 lean to +1 and 5-9 to -1, with label noise, and a bias feature (id N - 1). */
    private record Data(int[][] ids, float[][] values, double[] y) {
        static Data random(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int[][] ids = new int[L][];
            float[][] values = new float[L][];
            double[] y = new double[L];
            for (int i = 0; i < L; i++) {
                int label = random.nextInt(2);
                // distinct ids in ascending order, as liblinear wants them: one that leans to the label, noise
                boolean[] has = new boolean[N - 1];
                has[(label == 1 ? 0 : 5) + random.nextInt(5)] = true;
                for (int j = 1 + random.nextInt(6); j > 0; j--) {
                    has[10 + random.nextInt(N - 11)] = true;
                }
                int k = 0;
                for (boolean h : has) {
                    k += h ? 1 : 0;
                }
                ids[i] = new int[k + 1];
                values[i] = new float[k + 1];
                for (int f = 0, j = 0; f < N - 1; f++) {
                    if (has[f]) {
                        ids[i][j] = f;
                        values[i][j++] = (float) random.nextDouble(0.1, 2);
                    }
                }
                ids[i][k] = N - 1;
                values[i][k] = 1;
                y[i] = random.nextInt(8) == 0 ? (label == 1 ? -1 : 1) : (label == 1 ? 1 : -1);
            }
            return new Data(ids, values, y);
        }

        double dot(double[] w, int i) {
            double s = 0;
            for (int j = 0; j < ids[i].length; j++) {
                s += w[ids[i][j]] * values[i][j];
            }
            return s;
        }
    }

    /** The gradient of the primal, 0.5 |w|^2 + sum_i C_i max(0, 1 - y_i w.x_i)^2, at {@code w}. */
    private static double[] primalGradient(Data d, double[] w, double[] costs) {
        double[] g = w.clone();
        for (int i = 0; i < L; i++) {
            double margin = 1 - d.y()[i] * d.dot(w, i);
            if (margin > 0) {
                double c = d.y()[i] > 0 ? costs[0] : costs[1];
                for (int j = 0; j < d.ids()[i].length; j++) {
                    g[d.ids()[i][j]] -= 2 * c * margin * d.y()[i] * d.values()[i][j];
                }
            }
        }
        return g;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void reachesThePrimalOptimumWithClassWeights() {
        Data d = Data.random(7);
        double[] costs = {0.5, 2};
        double[] w = DualCoordinateDescent.fit(d.ids(), d.values(), d.y(), N, costs, 1e-4, new Random(1));
        double atZero = norm(primalGradient(d, new double[N], costs));
        assertTrue(norm(primalGradient(d, w, costs)) < 1e-3 * atZero,
                "the gradient at the fit is not near zero: " + norm(primalGradient(d, w, costs)) + " vs " + atZero);
    }

    @Test
    void agreesWithLiblinearsSolver() {
        Data d = Data.random(3);
        double[] ours = DualCoordinateDescent.fit(d.ids(), d.values(), d.y(), N, new double[] {1, 1}, 1e-5,
                new Random(2));
        Problem problem = new Problem();
        problem.l = L;
        problem.n = N;
        problem.bias = -1;
        problem.y = d.y();
        problem.x = new Feature[L][];
        for (int i = 0; i < L; i++) {
            problem.x[i] = new Feature[d.ids()[i].length];
            for (int j = 0; j < d.ids()[i].length; j++) {
                problem.x[i][j] = new FeatureNode(d.ids()[i][j] + 1, d.values()[i][j]);
            }
        }
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, 1, 1e-5));
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] theirs = model.getFeatureWeights();
        for (int f = 0; f < N; f++) {
            assertEquals(sign * theirs[f], ours[f], 1e-3, "feature " + f);
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        Data d = Data.random(5);
        double[] a = DualCoordinateDescent.fit(d.ids(), d.values(), d.y(), N, new double[] {1, 1}, 0.1, new Random(4));
        double[] b = DualCoordinateDescent.fit(d.ids(), d.values(), d.y(), N, new double[] {1, 1}, 0.1, new Random(4));
        assertArrayEquals(a, b);
    }
}
