package org.fenlei.fasttext;

import java.io.IOException;

/** A row-major float matrix as fastText stores it: int64 rows, int64 cols, then the values. */
final class DenseMatrix implements FastTextMatrix {
    private final int rows;
    private final int cols;
    private final float[] values;

    private DenseMatrix(int rows, int cols, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    static DenseMatrix read(LittleEndianReader in, String what, String source) throws IOException {
        long rows = in.readLong(what + " matrix rows");
        long cols = in.readLong(what + " matrix columns");
        float[] values = new float[FastTextMatrix.checkedSize(rows, cols, what, source)];
        in.readFloats(values, what + " matrix values");
        return new DenseMatrix((int) rows, (int) cols, values);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public void addRowTo(float[] x, int i) {
        int o = i * cols;
        for (int j = 0; j < cols; j++) {
            x[j] += values[o + j];
        }
    }

    @Override
    public float dotRow(float[] x, int i) {
        int o = i * cols;
        float d = 0f;
        for (int j = 0; j < cols; j++) {
            d += values[o + j] * x[j];
        }
        return d;
    }
}
