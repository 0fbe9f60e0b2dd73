package org.fenlei.model;

import org.fenlei.nn.BagOfEmbeddings;
import org.fenlei.nn.Network;

/**
 * The network's shape. {@code origin}: Embedding(V, embeddingDim) -> mean over tokens -> Dropout(dropout) ->
 * Dense(hiddenUnits, relu) -> output; hiddenUnits 0 drops the hidden layer. Defaults 16 and 16, as in the origin
 * model, and dropout 0.2 as in TensorFlow's text-classification tutorial.
 */
public record NetworkConfig(String architecture, int embeddingDim, int hiddenUnits, float dropout,
                            float wordDropout) {
    public static final String ORIGIN = "origin";
    public static final float DEFAULT_DROPOUT = 0.2f;
    public static final float DEFAULT_WORD_DROPOUT = 0.3f;

    public NetworkConfig {
        if (!ORIGIN.equals(architecture)) {
            throw new IllegalArgumentException("unknown architecture '" + architecture + "'; available: " + ORIGIN);
        }
        if (embeddingDim < 1 || embeddingDim > 4096) {
            throw new IllegalArgumentException("embeddingDim must be in 1..4096, was " + embeddingDim);
        }
        if (hiddenUnits < 0 || hiddenUnits > 4096) {
            throw new IllegalArgumentException("hiddenUnits must be in 0..4096, was " + hiddenUnits);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        if (!(wordDropout >= 0 && wordDropout < 1)) {
            throw new IllegalArgumentException("wordDropout must be in [0, 1), was " + wordDropout);
        }
    }

    public static NetworkConfig origin() {
        return new NetworkConfig(ORIGIN, 16, 16, DEFAULT_DROPOUT, DEFAULT_WORD_DROPOUT);
    }

    public Network build(int vocabulary, int outputs, long seed) {
        return new BagOfEmbeddings(vocabulary, embeddingDim, hiddenUnits, outputs, dropout, wordDropout, seed);
    }
}
