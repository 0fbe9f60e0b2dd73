package org.fenlei.fasttext;

import org.fenlei.model.ModelFormatException;

import java.io.IOException;

/** A fastText weight matrix: dense, or product-quantised in a {@code .ftz} file. */
interface FastTextMatrix {
    int rows();

    int cols();

    /** {@code x += row i}. */
    void addRowTo(float[] x, int i);

    /** The dot product of row {@code i} with {@code x}, summed in the C++ tool's order. */
    float dotRow(float[] x, int i);

    static FastTextMatrix read(LittleEndianReader in, boolean quantized, String what, String source)
            throws IOException {
        return quantized ? QuantizedMatrix.read(in, what, source) : DenseMatrix.read(in, what, source);
    }

    /** Checks a shape read from a file before anything that size is allocated. */
    static int checkedSize(long rows, long cols, String what, String source) {
        if (rows < 0 || cols <= 0 || rows * cols > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(source + ": the " + what + " matrix claims shape " + rows + "x" + cols
                    + ", which is corrupted or too large for one Java array");
        }
        return (int) (rows * cols);
    }
}
