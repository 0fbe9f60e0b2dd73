package org.fenlei.eval;

import java.util.List;
import java.util.Locale;

/**
 * A model's figures on labeled data: exactly one of {@code classification}, {@code regression} and
 * {@code multiLabel} is set. {@code seconds} and {@code documentsPerSecond} time reading, preprocessing and
 * prediction together. {@code mistakes}: the most confident wrong predictions of a single-label model, where they
 * were asked for (else empty).
 */
public record Evaluation(String data, ClassificationReport classification, RegressionReport regression,
                         MultiLabelReport multiLabel, Double seconds, Double documentsPerSecond,
                         List<Mistake> mistakes) {
    public Evaluation {
        int set = (classification != null ? 1 : 0) + (regression != null ? 1 : 0) + (multiLabel != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of classification, regression and multiLabel must be "
                    + "given");
        }
        mistakes = mistakes == null ? List.of() : List.copyOf(mistakes);
    }

    public static Evaluation of(String data, ClassificationReport report) {
        return new Evaluation(data, report, null, null, null, null, null);
    }

    public static Evaluation of(String data, RegressionReport report) {
        return new Evaluation(data, null, report, null, null, null, null);
    }

    public static Evaluation of(String data, MultiLabelReport report) {
        return new Evaluation(data, null, null, report, null, null, null);
    }

    /** The same figures, with the time the whole path took. */
    public Evaluation timed(double seconds, double documentsPerSecond) {
        return new Evaluation(data, classification, regression, multiLabel, seconds, documentsPerSecond, mistakes);
    }

    /** The same figures, with the most confident mistakes. */
    public Evaluation withMistakes(List<Mistake> list) {
        return new Evaluation(data, classification, regression, multiLabel, seconds, documentsPerSecond, list);
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
        if (!mistakes.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nmost confident mistakes%n"));
            for (Mistake m : mistakes) {
                sb.append(String.format(Locale.ROOT, "  line %d: true %s, predicted %s (%.4f): %s%n", m.line(),
                        m.truth(), m.predicted(), m.probability(), abbreviate(m.text(), 100)));
            }
        }
        if (documentsPerSecond != null) {
            sb.append(String.format(Locale.ROOT, "%nspeed     %.0f documents/s (read, preprocess, predict)%n",
                    documentsPerSecond));
        }
        return sb.toString();
    }

    /** The text on one line, cut to {@code max} characters. */
    static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (line.length() <= max) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(max - 4)) ? max - 4 : max - 3;
        return line.substring(0, end) + "...";
    }
}
