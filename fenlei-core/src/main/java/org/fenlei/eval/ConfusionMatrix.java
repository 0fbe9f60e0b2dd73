package org.fenlei.eval;

import java.util.List;

/** counts[t][p] = examples of true class t predicted as class p. */
public record ConfusionMatrix(List<String> labels, long[][] counts) {
    public ConfusionMatrix {
        labels = List.copyOf(labels);
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException("counts has " + counts.length + " rows for " + labels.size() + " labels");
        }
    }

    public static ConfusionMatrix of(List<String> labels, int[] truth, int[] predicted) {
        int k = labels.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    public long truePositives(int c) {
        return counts[c][c];
    }

    /** Examples predicted as c. */
    public long predicted(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    /** Examples truly of class c. */
    public long actual(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n;
    }

    /** A table with true classes as rows and predictions as columns. */
    public String render() {
        int width = 6;
        for (String l : labels) {
            width = Math.max(width, Math.min(l.length(), 16) + 1);
        }
        for (long[] row : counts) {
            for (long v : row) {
                width = Math.max(width, Long.toString(v).length() + 1);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("true\\pred", width + 2));
        for (String l : labels) {
            sb.append(pad(clip(l), width));
        }
        sb.append('\n');
        for (int t = 0; t < labels.size(); t++) {
            sb.append(pad(clip(labels.get(t)), width + 2));
            for (long v : counts[t]) {
                sb.append(pad(Long.toString(v), width));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= 16 ? s : s.substring(0, 15) + "~";
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(1, width - s.length())) + s;
    }
}
