package org.fenlei.fasttext;

import org.fenlei.model.ModelFormatException;

import java.io.IOException;

/**
 * A product-quantised matrix ({@code QuantMatrix}): one byte code per sub-vector of each row, and with
 * {@code qnorm} the rows' norms quantised separately so that codes describe unit directions.
 */
final class QuantizedMatrix implements FastTextMatrix {
    private final int rows;
    private final int cols;
    private final byte[] codes;
    private final ProductQuantizer pq;
    private final byte[] normCodes;
    private final ProductQuantizer normPq;

    private QuantizedMatrix(int rows, int cols, byte[] codes, ProductQuantizer pq, byte[] normCodes,
                            ProductQuantizer normPq) {
        this.rows = rows;
        this.cols = cols;
        this.codes = codes;
        this.pq = pq;
        this.normCodes = normCodes;
        this.normPq = normPq;
    }

    static QuantizedMatrix read(LittleEndianReader in, String what, String source) throws IOException {
        boolean qnorm = in.readBool(what + " norm flag");
        long rows = in.readLong(what + " matrix rows");
        long cols = in.readLong(what + " matrix columns");
        FastTextMatrix.checkedSize(rows, cols, what, source);
        int codeSize = in.readInt(what + " code size");
        if (codeSize < 0) {
            throw new ModelFormatException(source + ": " + what + " has " + codeSize + " code bytes; the file is "
                    + "corrupted");
        }
        byte[] codes = new byte[codeSize];
        in.readFully(codes, what + " codes");
        ProductQuantizer pq = ProductQuantizer.read(in, source);
        if (pq.dim() != cols || (long) pq.subquantizers() * rows != codeSize) {
            throw new ModelFormatException(source + ": " + what + " quantiser does not fit its " + rows + "x" + cols
                    + " matrix; the file is corrupted");
        }
        byte[] normCodes = null;
        ProductQuantizer normPq = null;
        if (qnorm) {
            normCodes = new byte[(int) rows];
            in.readFully(normCodes, what + " norm codes");
            normPq = ProductQuantizer.read(in, source);
        }
        return new QuantizedMatrix((int) rows, (int) cols, codes, pq, normCodes, normPq);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    private float norm(int i) {
        return normCodes == null ? 1f : normPq.first(normCodes[i] & 0xFF);
    }

    @Override
    public void addRowTo(float[] x, int i) {
        pq.addCode(x, codes, i, norm(i));
    }

    @Override
    public float dotRow(float[] x, int i) {
        return pq.mulCode(x, codes, i, norm(i));
    }
}
