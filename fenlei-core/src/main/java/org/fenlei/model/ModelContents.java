package org.fenlei.model;

import java.util.List;

/** What a model file holds. Weights are in the network's parameter order. */
public record ModelContents(ModelConfig config, List<String> labels, List<String> vocabulary,
                            List<Tensor> weights, Provenance provenance) {
    public ModelContents {
        labels = List.copyOf(labels);
        vocabulary = List.copyOf(vocabulary);
        weights = List.copyOf(weights);
    }

    /**
     * A named {@code rows x cols} matrix of learned values. With {@code rowIds} null, {@code values} holds every
     * row; otherwise it holds only the rows {@code rowIds} names (ascending), and every other row is zero. With a
     * {@code quantization}, the stored rows are its decoded codes and the file keeps the codes.
     */
    public record Tensor(String name, int rows, int cols, float[] values, int[] rowIds,
                         ProductQuantization quantization) {
        public Tensor {
            long stored = rowIds == null ? rows : rowIds.length;
            if (stored * cols != values.length) {
                throw new IllegalArgumentException(name + ": " + values.length + " values for " + stored + " rows of "
                        + cols);
            }
            if (quantization != null && quantization.dim() != cols) {
                throw new IllegalArgumentException(name + ": quantised for " + quantization.dim() + " columns, has "
                        + cols);
            }
            if (rowIds != null) {
                for (int i = 0; i < rowIds.length; i++) {
                    if (rowIds[i] < 0 || rowIds[i] >= rows || (i > 0 && rowIds[i] <= rowIds[i - 1])) {
                        throw new IllegalArgumentException(name + ": row ids must ascend within 0.." + (rows - 1)
                                + ", found " + rowIds[i] + " at " + i);
                    }
                }
            }
        }

        /** Every row stored. */
        public Tensor(String name, int rows, int cols, float[] values) {
            this(name, rows, cols, values, null, null);
        }

        /** The rows {@code rowIds} stored (null: every row). */
        public Tensor(String name, int rows, int cols, float[] values, int[] rowIds) {
            this(name, rows, cols, values, rowIds, null);
        }

        /** Rows stored, {@code rowIds.length} or every row. */
        public int storedRows() {
            return rowIds == null ? rows : rowIds.length;
        }

        /** Every row, the absent ones as zeros. */
        public float[] denseValues() {
            if (rowIds == null) {
                return values;
            }
            float[] dense = new float[Math.multiplyExact(rows, cols)];
            for (int i = 0; i < rowIds.length; i++) {
                System.arraycopy(values, i * cols, dense, rowIds[i] * cols, cols);
            }
            return dense;
        }
    }
}
