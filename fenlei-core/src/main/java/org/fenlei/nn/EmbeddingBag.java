package org.fenlei.nn;

import java.util.SplittableRandom;

/**
 * Embedding lookup followed by the mean over a document's tokens: Keras' Embedding + GlobalAveragePooling1D
 * with padding masked, in one step and without materialising the (B, T, D) tensor.
 */
public final class EmbeddingBag {
    private final Parameter table;
    private final int dim;

    /**
     * A table of {@code vocabulary + buckets} rows. Word rows get Keras' default embedding initialiser, uniform in
     * [-0.05, 0.05]; hashed n-gram bucket rows start at zero, so a bucket that no training n-gram reached adds
     * nothing to the average and the model file need not store it (most of fastText's 10M buckets stay empty).
     */
    public EmbeddingBag(String name, int vocabulary, int buckets, int dim, SplittableRandom random) {
        this.table = new Parameter(name, Math.addExact(vocabulary, buckets), dim, true);
        this.dim = dim;
        float[] w = table.value();
        int initialised = vocabulary * dim;
        for (int i = 0; i < initialised; i++) {
            w[i] = (float) (random.nextDouble() * 0.1 - 0.05);
        }
    }

    /** A bag over an existing table, for inference ({@link FoldedBag}): its rows are used as they are. */
    EmbeddingBag(Parameter table) {
        this.table = table;
        this.dim = table.cols();
    }

    public Parameter table() {
        return table;
    }

    public int dim() {
        return dim;
    }

    /** out (B, D) = mean of table rows of each document; an empty document gives zeros. */
    public void forward(TokenBatch batch, float[] out) {
        float[] w = table.value();
        int[] ids = batch.ids();
        int[] offsets = batch.offsets();
        for (int b = 0; b < batch.size(); b++) {
            int o = b * dim;
            for (int c = 0; c < dim; c++) {
                out[o + c] = 0f;
            }
            int start = offsets[b];
            int end = offsets[b + 1];
            for (int t = start; t < end; t++) {
                int row = ids[t] * dim;
                for (int c = 0; c < dim; c++) {
                    out[o + c] += w[row + c];
                }
            }
            if (end > start) {
                float scale = batch.scale(b) / (end - start);
                for (int c = 0; c < dim; c++) {
                    out[o + c] *= scale;
                }
            }
        }
    }

    /** Accumulates dTable[id] += dOut[b] / len(b) for every token of every document. */
    public void backward(TokenBatch batch, float[] dOut, Gradients grads, int index) {
        if (table.frozen()) {
            return;
        }
        float[] g = grads.values(index);
        int[] ids = batch.ids();
        int[] offsets = batch.offsets();
        for (int b = 0; b < batch.size(); b++) {
            int start = offsets[b];
            int end = offsets[b + 1];
            if (end == start) {
                continue;
            }
            float scale = 1f / (end - start);
            int o = b * dim;
            for (int t = start; t < end; t++) {
                int id = ids[t];
                grads.touch(index, id);
                int row = id * dim;
                for (int c = 0; c < dim; c++) {
                    g[row + c] += scale * dOut[o + c];
                }
            }
        }
    }
}
