package org.fenlei.eval;

/** Points of a curve, {@code x[i], y[i]} in order: a ROC curve (false/true positive rate) or a PR curve. */
public record Curve(float[] x, float[] y) {
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values for " + y.length + " y values");
        }
    }
}
