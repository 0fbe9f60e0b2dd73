package org.fenlei.eval;

import java.util.Locale;

/**
 * A model's figures on labeled data: exactly one of {@code classification} and {@code regression} is set.
 * {@code seconds} and {@code documentsPerSecond} time reading, preprocessing and prediction together.
 */
public record Evaluation(String data, ClassificationReport classification, RegressionReport regression,
                         Double seconds, Double documentsPerSecond) {
    public Evaluation {
        if ((classification == null) == (regression == null)) {
            throw new IllegalArgumentException("exactly one of classification and regression must be given");
        }
    }

    /** The headline figure: accuracy, or R^2 for regression. */
    public double score() {
        return classification != null ? classification.accuracy() : regression.r2();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        if (data != null) {
            sb.append("evaluated on ").append(data).append('\n');
        }
        sb.append(classification != null ? classification.render() : regression.render());
        if (documentsPerSecond != null) {
            sb.append(String.format(Locale.ROOT, "%nspeed     %.0f documents/s (read, preprocess, predict)%n",
                    documentsPerSecond));
        }
        return sb.toString();
    }
}
