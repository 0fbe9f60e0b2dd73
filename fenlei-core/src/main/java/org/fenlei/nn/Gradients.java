package org.fenlei.nn;

import java.util.Arrays;
import java.util.List;

/**
 * One thread's gradient accumulators, one per parameter, in the parameters' order. For a sparse parameter the
 * rows that received a gradient are listed, so clearing, reducing and updating cost only those rows.
 */
public final class Gradients {
    private final List<Parameter> parameters;
    private final float[][] values;
    private final boolean[][] touched;
    private final int[][] touchedRows;
    private final int[] touchedCount;

    public Gradients(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        int n = parameters.size();
        values = new float[n][];
        touched = new boolean[n][];
        touchedRows = new int[n][];
        touchedCount = new int[n];
        for (int i = 0; i < n; i++) {
            Parameter p = parameters.get(i);
            values[i] = new float[p.value().length];
            if (p.sparse()) {
                touched[i] = new boolean[p.rows()];
                touchedRows[i] = new int[Math.min(p.rows(), 1024)];
            }
        }
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** The accumulator of parameter {@code index}; same shape as its value. */
    public float[] values(int index) {
        return values[index];
    }

    /** Marks a row of a sparse parameter as holding a gradient; call before accumulating into it. */
    public void touch(int index, int row) {
        boolean[] t = touched[index];
        if (!t[row]) {
            t[row] = true;
            int[] rows = touchedRows[index];
            if (touchedCount[index] == rows.length) {
                rows = Arrays.copyOf(rows, Math.min(parameters.get(index).rows(), rows.length * 2));
                touchedRows[index] = rows;
            }
            rows[touchedCount[index]++] = row;
        }
    }

    /** The rows of sparse parameter {@code index} that hold a gradient: the first {@link #touchedCount} entries. */
    public int[] touchedRows(int index) {
        return touchedRows[index];
    }

    public int touchedCount(int index) {
        return touchedCount[index];
    }

    /** Adds {@code other}'s gradients into these. */
    public void add(Gradients other) {
        for (int i = 0; i < values.length; i++) {
            float[] dst = values[i];
            int index = i;
            int cols = parameters.get(i).cols();
            other.forEachRange(i, (src, from, to) -> {
                if (touched[index] != null) {
                    touch(index, from / cols);
                }
                for (int j = from; j < to; j++) {
                    dst[j] += src[j];
                }
            });
        }
    }

    /** Zeroes every accumulator; for sparse parameters only the touched rows. */
    public void clear() {
        for (int i = 0; i < values.length; i++) {
            forEachRange(i, (v, from, to) -> Arrays.fill(v, from, to, 0f));
            if (touched[i] != null) {
                for (int r = 0; r < touchedCount[i]; r++) {
                    touched[i][touchedRows[i][r]] = false;
                }
                touchedCount[i] = 0;
            }
        }
    }

    /** The L2 norm of all gradients together (sparse parameters: their touched rows). */
    public double norm() {
        double[] squares = {0};
        for (int i = 0; i < values.length; i++) {
            forEachRange(i, (v, from, to) -> {
                for (int j = from; j < to; j++) {
                    squares[0] += v[j] * v[j];
                }
            });
        }
        return Math.sqrt(squares[0]);
    }

    /** Multiplies every gradient by {@code factor}. */
    public void scale(float factor) {
        for (int i = 0; i < values.length; i++) {
            forEachRange(i, (v, from, to) -> {
                for (int j = from; j < to; j++) {
                    v[j] *= factor;
                }
            });
        }
    }

    /** A range [from, to) of an accumulator that holds gradients. */
    private interface Range {
        void apply(float[] values, int from, int to);
    }

    /**
     * Calls {@code range} on the ranges of parameter {@code i}'s accumulator that hold gradients: all of a dense
     * parameter's, the touched rows of a sparse one's.
     */
    private void forEachRange(int i, Range range) {
        if (touched[i] == null) {
            range.apply(values[i], 0, values[i].length);
            return;
        }
        int cols = parameters.get(i).cols();
        for (int r = 0; r < touchedCount[i]; r++) {
            int off = touchedRows[i][r] * cols;
            range.apply(values[i], off, off + cols);
        }
    }
}
