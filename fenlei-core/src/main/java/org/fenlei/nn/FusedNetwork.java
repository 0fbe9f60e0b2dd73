package org.fenlei.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One linear head over two representations of a text: a frozen pretrained encoder's pooled vector and a sparse bag
 * of its words and word n-grams. The logits are e W_e + x W_x + b, the encoder's output layer (e W_e + b) plus a
 * {@link SparseLinear} over the word features; a solver fits both parts as one linear model
 * ({@code FusedTrainer}). Each document holds its WordPiece ids (below {@code tokens}) followed by its word
 * features (ids from {@code tokens} on); the network hands each part to its side.
 */
public final class FusedNetwork implements Network {
    private final TransformerNetwork encoder;
    private final SparseLinear words;
    private final int tokens;
    private final List<Parameter> parameters;

    /**
     * @param encoder its parameters are frozen here but for its output layer
     * @param words   over the word features, id {@code tokens} being its row 0
     * @param tokens  the encoder's vocabulary size, where the word features' ids start
     */
    public FusedNetwork(TransformerNetwork encoder, SparseLinear words, int tokens) {
        if (encoder.outputs() != words.outputs()) {
            throw new IllegalArgumentException("the encoder has " + encoder.outputs() + " outputs, the word features "
                    + words.outputs());
        }
        this.encoder = encoder;
        this.words = words;
        this.tokens = tokens;
        List<Parameter> own = encoder.parameters();
        own.subList(0, own.size() - 2).forEach(Parameter::freeze);
        List<Parameter> all = new ArrayList<>(own);
        all.addAll(words.parameters());
        this.parameters = Collections.unmodifiableList(all);
    }

    public TransformerNetwork encoder() {
        return encoder;
    }

    public SparseLinear words() {
        return words;
    }

    /** The encoder's vocabulary size: ids from here on are word features. */
    public int tokens() {
        return tokens;
    }

    @Override
    public int outputs() {
        return encoder.outputs();
    }

    /** The encoder's parameters, then the word features'. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Parameter table() {
        return encoder.table();
    }

    @Override
    public int predictionBatch() {
        return encoder.predictionBatch();
    }

    @Override
    public boolean explainable() {
        return false;
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new FusedPass(encoder.newPass(maxBatch), words.newPass(maxBatch, encoder.parameters().size()),
                maxBatch);
    }

    /** Training passes serve gradient checks: the solver fits the head without them. */
    @Override
    public Pass newTrainingPass(int maxBatch, long seed) {
        return newPass(maxBatch);
    }

    /** Splits a batch of fused documents into their WordPiece part and their word features, as row ids. */
    private void split(TokenBatch batch, TokenBatch encoderPart, TokenBatch wordPart) {
        encoderPart.clear();
        wordPart.clear();
        int[] ids = batch.ids();
        int[] offsets = batch.offsets();
        for (int d = 0; d < batch.size(); d++) {
            encoderPart.startDocument();
            wordPart.startDocument();
            for (int i = offsets[d]; i < offsets[d + 1]; i++) {
                if (ids[i] < tokens) {
                    encoderPart.addToken(ids[i]);
                } else {
                    wordPart.addToken(ids[i] - tokens);
                }
            }
            encoderPart.endDocument();
            wordPart.endDocument();
        }
    }

    private final class FusedPass implements Pass {
        private final Pass encoderPass;
        private final Pass wordPass;
        private final TokenBatch encoderPart = new TokenBatch();
        private final TokenBatch wordPart = new TokenBatch();
        private final float[] logits;

        FusedPass(Pass encoderPass, Pass wordPass, int maxBatch) {
            this.encoderPass = encoderPass;
            this.wordPass = wordPass;
            this.logits = new float[maxBatch * outputs()];
        }

        @Override
        public float[] forward(TokenBatch batch) {
            split(batch, encoderPart, wordPart);
            float[] e = encoderPass.forward(encoderPart);
            float[] x = wordPass.forward(wordPart);
            int n = batch.size() * outputs();
            for (int i = 0; i < n; i++) {
                logits[i] = e[i] + x[i];
            }
            return logits;
        }

        @Override
        public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
            encoderPass.backward(encoderPart, dLogits, grads);
            wordPass.backward(wordPart, dLogits, grads);
        }
    }
}
