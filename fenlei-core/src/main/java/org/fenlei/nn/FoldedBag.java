package org.fenlei.nn;

/**
 * A linear bag of embeddings (fastText's model: the mean of table rows, then one dense layer) folded for
 * prediction. The layer is linear, so W mean(rows) + b = mean(W rows) + b: each table row is replaced once by its
 * K logits, and a prediction averages K floats per token instead of D. With K well below D the table shrinks by
 * D / K (imdb with the fastText paper's settings: 10 dimensions, one sigmoid logit for its two classes, 64 MB to
 * 6.4 MB), which is the difference between a cache miss per n-gram and a cache hit. Inference only; the sums differ from the unfolded
 * network's in float rounding alone.
 */
public final class FoldedBag {
    /** Each row's K logits, without the bias, averaged as an embedding bag of dimension K. */
    private final EmbeddingBag logits;
    private final float[] bias;
    private final int outputs;

    FoldedBag(EmbeddingBag embedding, Dense output) {
        int dim = embedding.dim();
        outputs = output.outputs();
        int rows = embedding.table().rows();
        Parameter folded = new Parameter("folded", rows, outputs, false);
        MatMul.nt(rows, outputs, dim, embedding.table().value(), 0, dim, output.weight().value(), 0, dim,
                folded.value(), 0, outputs);
        logits = new EmbeddingBag(folded);
        bias = output.bias().value().clone();
    }

    /** Buffers for one thread and batches of up to {@code maxBatch} documents. */
    public Network.Pass newPass(int maxBatch) {
        float[] out = new float[maxBatch * outputs];
        return new Network.Pass() {
            @Override
            public float[] forward(TokenBatch batch) {
                logits.forward(batch, out);
                for (int i = 0; i < batch.size() * outputs; i++) {
                    out[i] += bias[i % outputs];
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
