package org.fenlei.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The origin model: Embedding(V, D) -> GlobalAveragePooling1D (real tokens only) -> Dropout -> Dense(H, relu) ->
 * Dense(K). With H = 0 the hidden layer is left out, which is fastText's architecture. K = 1 for a sigmoid or a
 * regression output, K = classes for softmax; the activation belongs to the {@link Loss}. Dropout on the pooled
 * vector is the regularisation of TensorFlow's text-classification tutorial; it acts in training passes only.
 */
public final class BagOfEmbeddings implements Network {
    private final EmbeddingBag embedding;
    private final Dense hidden;
    private final Dense output;
    private final List<Parameter> parameters = new ArrayList<>();
    private final float dropout;
    private final float wordDropout;

    public BagOfEmbeddings(int vocabulary, int buckets, int dim, int hiddenUnits, int outputs, float dropout,
                           float wordDropout, long seed) {
        if (vocabulary < 1 || buckets < 0 || dim < 1 || hiddenUnits < 0 || outputs < 1) {
            throw new IllegalArgumentException("invalid sizes: vocabulary " + vocabulary + ", buckets " + buckets
                    + ", dim " + dim
                    + ", hidden " + hiddenUnits + ", outputs " + outputs);
        }
        if (!(wordDropout >= 0 && wordDropout < 1)) {
            throw new IllegalArgumentException("word dropout must be in [0, 1), was " + wordDropout);
        }
        this.dropout = dropout;
        this.wordDropout = wordDropout;
        SplittableRandom random = new SplittableRandom(seed);
        embedding = new EmbeddingBag("embedding", vocabulary, buckets, dim, random);
        hidden = hiddenUnits > 0 ? new Dense("hidden", dim, hiddenUnits, random) : null;
        output = new Dense("output", hiddenUnits > 0 ? hiddenUnits : dim, outputs, random);
        parameters.add(embedding.table());
        if (hidden != null) {
            parameters.add(hidden.weight());
            parameters.add(hidden.bias());
        }
        parameters.add(output.weight());
        parameters.add(output.bias());
    }

    @Override
    public int outputs() {
        return output.outputs();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Parameter table() {
        return embedding.table();
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new BagPass(maxBatch, null, null);
    }

    @Override
    public Pass newTrainingPass(int maxBatch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new BagPass(maxBatch, new Dropout(dropout, random.split()), random);
    }

    /**
     * This network folded for prediction ({@link FoldedBag}) when it is linear and folding at least halves its
     * table (K <= D / 2); null otherwise. A copy of the weights as they are now: fold a network that is done
     * training.
     */
    public FoldedBag fold() {
        return hidden == null && 2 * output.outputs() <= embedding.dim() ? new FoldedBag(embedding, output) : null;
    }

    /** Without a hidden layer the logits are b + W (sum of e_t) / n: token t's term is W e_t / n. */
    @Override
    public TokenTerms tokenTerms() {
        if (hidden != null) {
            return null;
        }
        return (ids, terms) -> {
            int dim = embedding.dim();
            int k = output.outputs();
            float[] table = embedding.table().value();
            float[] bias = output.bias().value();
            float[] vector = new float[dim];
            float[] y = new float[k];
            for (int t = 0; t < ids.length; t++) {
                System.arraycopy(table, ids[t] * dim, vector, 0, dim);
                output.forward(vector, 1, y);
                for (int j = 0; j < k; j++) {
                    terms[t * k + j] = (y[j] - bias[j]) / ids.length;
                }
            }
            return bias.clone();
        };
    }

    private final class BagPass implements Pass {
        private final float[] pooled;
        private final float[] activated;
        private final float[] logits;
        private final float[] dActivated;
        private final float[] dPooled;
        private final Dropout dropout;
        private final SplittableRandom wordRandom;
        private final TokenBatch kept = new TokenBatch();

        BagPass(int maxBatch, Dropout dropout, SplittableRandom wordRandom) {
            this.dropout = dropout;
            this.wordRandom = wordDropout > 0 ? wordRandom : null;
            int h = hidden != null ? hidden.outputs() : 0;
            pooled = new float[maxBatch * embedding.dim()];
            activated = new float[maxBatch * h];
            logits = new float[maxBatch * output.outputs()];
            dActivated = new float[maxBatch * h];
            dPooled = new float[maxBatch * embedding.dim()];
        }

        @Override
        public float[] forward(TokenBatch batch) {
            int b = batch.size();
            embedding.forward(wordRandom == null ? batch : dropWords(batch), pooled);
            if (dropout != null) {
                dropout.forward(pooled, b * embedding.dim());
            }
            if (hidden == null) {
                output.forward(pooled, b, logits);
                return logits;
            }
            hidden.forward(pooled, b, activated);
            Relu.forward(activated, b * hidden.outputs());
            output.forward(activated, b, logits);
            return logits;
        }

        @Override
        public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
            int b = batch.size();
            int last = parameters.size() - 2;
            if (hidden == null) {
                output.backward(pooled, dLogits, b, dPooled, grads, last, last + 1);
            } else {
                output.backward(activated, dLogits, b, dActivated, grads, last, last + 1);
                Relu.backward(activated, dActivated, b * hidden.outputs());
                hidden.backward(pooled, dActivated, b, dPooled, grads, 1, 2);
            }
            if (dropout != null) {
                dropout.backward(dPooled, b * embedding.dim());
            }
            embedding.backward(wordRandom == null ? batch : kept, dPooled, grads, 0);
        }

        /**
         * Word dropout (Iyyer et al. 2015, "Deep Unordered Composition", section 3.1): each token leaves the
         * average with probability wordDropout, at least one token of a document stays.
         */
        private TokenBatch dropWords(TokenBatch batch) {
            kept.clear();
            int[] ids = batch.ids();
            int[] offsets = batch.offsets();
            for (int d = 0; d < batch.size(); d++) {
                int start = offsets[d];
                int end = offsets[d + 1];
                kept.startDocument();
                for (int t = start; t < end; t++) {
                    if (wordRandom.nextFloat() >= wordDropout) {
                        kept.addToken(ids[t]);
                    }
                }
                if (kept.currentLength() == 0 && end > start) {
                    kept.addToken(ids[start + wordRandom.nextInt(end - start)]);
                }
                kept.endDocument();
            }
            return kept;
        }
    }
}
