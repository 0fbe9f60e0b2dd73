package org.fenlei.eval;

import java.util.Locale;

/**
 * A model's figures on labeled data: exactly one of {@code classification}, {@code regression} and
 * {@code multiLabel} is set. {@code seconds} and {@code documentsPerSecond} time reading, preprocessing and
 * prediction together.
 */
public record Evaluation(String data, ClassificationReport classification, RegressionReport regression,
                         MultiLabelReport multiLabel, Double seconds, Double documentsPerSecond) {
    public Evaluation {
        int set = (classification != null ? 1 : 0) + (regression != null ? 1 : 0) + (multiLabel != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of classification, regression and multiLabel must be "
                    + "given");
        }
    }

    public static Evaluation of(String data, ClassificationReport report) {
        return new Evaluation(data, report, null, null, null, null);
    }

    public static Evaluation of(String data, RegressionReport report) {
        return new Evaluation(data, null, report, null, null, null);
    }

    public static Evaluation of(String data, MultiLabelReport report) {
        return new Evaluation(data, null, null, report, null, null);
    }

    /** The same figures, with the time the whole path took. */
    public Evaluation timed(double seconds, double documentsPerSecond) {
        return new Evaluation(data, classification, regression, multiLabel, seconds, documentsPerSecond);
    }

    /** The headline figure: accuracy, R^2 for regression, micro-F1 for multi-label. */
    public double score() {
        return classification != null ? classification.accuracy()
                : regression != null ? regression.r2() : multiLabel.microF1();
    }

    public long examples() {
        return classification != null ? classification.examples()
                : regression != null ? regression.examples() : multiLabel.examples();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        if (data != null) {
            sb.append("evaluated on ").append(data).append('\n');
        }
        sb.append(classification != null ? classification.render()
                : regression != null ? regression.render() : multiLabel.render());
        if (documentsPerSecond != null) {
            sb.append(String.format(Locale.ROOT, "%nspeed     %.0f documents/s (read, preprocess, predict)%n",
                    documentsPerSecond));
        }
        return sb.toString();
    }
}
