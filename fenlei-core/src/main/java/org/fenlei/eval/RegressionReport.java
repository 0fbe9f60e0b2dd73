package org.fenlei.eval;

import java.util.Locale;

/** Mean absolute error, root mean squared error and the coefficient of determination R^2 = 1 - SS_res / SS_tot. */
public record RegressionReport(long examples, double mae, double rmse, double r2) {

    public static RegressionReport of(float[] truth, float[] predicted) {
        int n = truth.length;
        if (n == 0 || predicted.length != n) {
            throw new IllegalArgumentException("need equally many truths and predictions, got " + n + " and "
                    + predicted.length);
        }
        double mean = 0;
        for (float t : truth) {
            mean += t;
        }
        mean /= n;
        double abs = 0;
        double sq = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double d = predicted[i] - truth[i];
            abs += Math.abs(d);
            sq += d * d;
            tot += (truth[i] - mean) * (truth[i] - mean);
        }
        double r2 = tot == 0 ? (sq == 0 ? 1 : 0) : 1 - sq / tot;
        return new RegressionReport(n, abs / n, Math.sqrt(sq / n), r2);
    }

    public String render() {
        return String.format(Locale.ROOT, "MAE   %.4f%nRMSE  %.4f%nR^2   %.4f  (%d examples)%n", mae, rmse, r2,
                examples);
    }
}
