package org.fenlei.models;

import org.fenlei.model.ModelType;
import org.fenlei.model.NetworkConfig;
import org.fenlei.nn.BagOfEmbeddings;
import org.fenlei.nn.Network;

/**
 * The origin model: Embedding -> mean over the tokens -> Dropout -> Dense(relu) -> output, with Adam for 10 epochs
 * (the general defaults, so it sets none of its own).
 */
public final class Origin implements ModelType {
    @Override
    public String name() {
        return NetworkConfig.ORIGIN;
    }

    @Override
    public String description() {
        return "embedding, mean, relu layer, output (Adam, 10 epochs)";
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        return new BagOfEmbeddings(vocabulary, buckets, n.embeddingDim(), n.hiddenUnits(), outputs, n.dropout(),
                n.wordDropout(), seed);
    }
}
