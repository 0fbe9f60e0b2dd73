package org.fenlei.models;

import org.fenlei.model.NetworkConfig;
import org.fenlei.nn.Network;
import org.fenlei.nn.RecurrentNetwork;

/** A bidirectional GRU ({@link Recurrent}). */
public final class Gru extends Recurrent {
    @Override
    public String name() {
        return NetworkConfig.GRU;
    }

    @Override
    public String description() {
        return "a bidirectional GRU, max over time";
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        return RecurrentNetwork.gru(vocabulary, n.embeddingDim(), n.hiddenUnits(), outputs, n.dropout(),
                n.wordDropout(), n.recurrentDropout(), seed);
    }
}
