package org.fenlei.eval;

import java.util.List;
import java.util.Locale;

/** Precision, recall and F1 of one class, and its support (true examples of the class). */
public record ClassMetrics(String label, double precision, double recall, double f1, long support) {

    /** Precision, recall and F1 from counts; 0 where a ratio has no denominator, as scikit-learn reports it. */
    static ClassMetrics of(String label, long truePositives, long predicted, long actual) {
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = actual == 0 ? 0 : (double) truePositives / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, precision, recall, f1, actual);
    }

    /** A table for people: one row per class, a blank line, then the average rows. */
    static String table(List<ClassMetrics> rows, List<ClassMetrics> averages) {
        int width = 9;
        for (ClassMetrics m : rows) {
            width = Math.max(width, Math.min(m.label().length(), 24));
        }
        String head = "%-" + width + "s  %9s  %9s  %9s  %9s%n";
        String num = "%-" + width + "s  %9.4f  %9.4f  %9.4f  %9d%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, head, "label", "precision", "recall", "f1", "support"));
        for (ClassMetrics m : rows) {
            String label = m.label().length() > 24 ? m.label().substring(0, 23) + "~" : m.label();
            sb.append(String.format(Locale.ROOT, num, label, m.precision(), m.recall(), m.f1(), m.support()));
        }
        sb.append('\n');
        for (ClassMetrics m : averages) {
            sb.append(String.format(Locale.ROOT, num, m.label(), m.precision(), m.recall(), m.f1(), m.support()));
        }
        return sb.toString();
    }
}
