package org.fenlei.nn;

import java.util.SplittableRandom;

/**
 * A trainable matrix of {@code rows x cols} floats, row-major. A {@code sparse} parameter (an embedding
 * table) receives gradients on a few rows per batch, and optimisers update only those rows.
 */
public final class Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    private final boolean sparse;
    private final float[] value;
    private volatile boolean frozen;

    public Parameter(String name, int rows, int cols, boolean sparse) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + ": shape must be positive, was " + rows + "x" + cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.sparse = sparse;
        this.value = new float[Math.multiplyExact(rows, cols)];
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public boolean sparse() {
        return sparse;
    }

    /** Fills every value uniformly from [-limit, limit]. */
    void initUniform(double limit, SplittableRandom random) {
        for (int i = 0; i < value.length; i++) {
            value[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
    }

    /** Keeps the values as they are from now on: optimisers and trainers skip a frozen parameter. */
    public void freeze() {
        frozen = true;
    }

    public boolean frozen() {
        return frozen;
    }

    /** The live values; layers read them in the hot loop, optimisers write them. */
    public float[] value() {
        return value;
    }
}
