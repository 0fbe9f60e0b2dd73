package org.fenlei.nn;

/**
 * A linear bag of embeddings (fastText's model: the mean of table rows, then one dense layer) folded for
 * prediction. The layer is linear, so W mean(rows) + b = mean(W rows) + b: each table row is replaced once by its
 * K logits, and a prediction averages K floats per token instead of D. With K well below D the table shrinks by
 * D / K (imdb with the fastText paper's settings: 10 dimensions, 2 classes, 64 MB to 13 MB), which is the
 * difference between a cache miss per n-gram and a cache hit. Inference only; the sums differ from the unfolded
 * network's in float rounding alone.
 */
public final class FoldedBag {
    private final float[] logits;
    private final float[] bias;
    private final int outputs;

    FoldedBag(EmbeddingBag embedding, Dense output) {
        int dim = embedding.dim();
        outputs = output.outputs();
        float[] table = embedding.table().value();
        float[] w = output.weight().value();
        int rows = embedding.table().rows();
        logits = new float[Math.multiplyExact(rows, outputs)];
        MatMul.nt(rows, outputs, dim, table, 0, dim, w, 0, dim, logits, 0, outputs);
        bias = output.bias().value().clone();
    }

    /** Buffers for one thread and batches of up to {@code maxBatch} documents. */
    public Network.Pass newPass(int maxBatch) {
        float[] out = new float[maxBatch * outputs];
        return new Network.Pass() {
            @Override
            public float[] forward(TokenBatch batch) {
                int[] ids = batch.ids();
                int[] offsets = batch.offsets();
                for (int b = 0; b < batch.size(); b++) {
                    int o = b * outputs;
                    for (int k = 0; k < outputs; k++) {
                        out[o + k] = 0f;
                    }
                    int start = offsets[b];
                    int end = offsets[b + 1];
                    for (int t = start; t < end; t++) {
                        int row = ids[t] * outputs;
                        for (int k = 0; k < outputs; k++) {
                            out[o + k] += logits[row + k];
                        }
                    }
                    float scale = end > start ? 1f / (end - start) : 0f;
                    for (int k = 0; k < outputs; k++) {
                        out[o + k] = out[o + k] * scale + bias[k];
                    }
                }
                return out;
            }

            @Override
            public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
                throw new UnsupportedOperationException("a folded bag predicts only; train the network it came from");
            }
        };
    }
}
