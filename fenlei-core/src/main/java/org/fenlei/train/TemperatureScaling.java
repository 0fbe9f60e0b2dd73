package org.fenlei.train;

import org.fenlei.nn.Loss;

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks", section 4.2): the one number T
 * that, dividing every logit before the activation, minimises the negative log-likelihood of held-out data. It
 * changes no prediction, only how sure the model says it is.
 */
public final class TemperatureScaling {
    /** The search runs over log T in [ln MIN, ln MAX]. */
    static final double MIN = 0.05;
    static final double MAX = 20;
    private static final int STEPS = 60;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private TemperatureScaling() {
    }

    /**
     * The temperature with the least negative log-likelihood of {@code truth}, found by golden-section search on
     * log T (the likelihood of a softmax is log-concave in 1/T, so the search sees one minimum).
     *
     * @param logits (N, K) raw network outputs
     * @param truth  class of each example; with one output (binary), 0 or 1
     */
    public static double fit(Loss loss, float[] logits, int k, int[] truth) {
        double lo = Math.log(MIN);
        double hi = Math.log(MAX);
        double a = hi - GOLDEN * (hi - lo);
        double b = lo + GOLDEN * (hi - lo);
        double fa = negativeLogLikelihood(loss, logits, k, truth, Math.exp(a));
        double fb = negativeLogLikelihood(loss, logits, k, truth, Math.exp(b));
        for (int step = 0; step < STEPS; step++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - GOLDEN * (hi - lo);
                fa = negativeLogLikelihood(loss, logits, k, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + GOLDEN * (hi - lo);
                fb = negativeLogLikelihood(loss, logits, k, truth, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** The mean negative log-likelihood of {@code truth} with every logit divided by {@code temperature}. */
    public static double negativeLogLikelihood(Loss loss, float[] logits, int k, int[] truth, double temperature) {
        float[] row = new float[k];
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < k; j++) {
                row[j] = (float) (logits[i * k + j] / temperature);
            }
            loss.activate(row, 0, k);
            double p = k == 1 ? (truth[i] == 1 ? row[0] : 1 - row[0]) : row[truth[i]];
            sum -= Math.log(Math.max(1e-15, p));
        }
        return sum / truth.length;
    }
}
