package org.fenlei.models;

import org.fenlei.model.NetworkConfig;
import org.fenlei.nn.Network;
import org.fenlei.nn.RecurrentNetwork;

/** A bidirectional LSTM ({@link Recurrent}). */
public final class Bilstm extends Recurrent {
    @Override
    public String name() {
        return NetworkConfig.BILSTM;
    }

    @Override
    public String description() {
        return "a bidirectional LSTM, max over time";
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        return RecurrentNetwork.lstm(vocabulary, n.embeddingDim(), n.hiddenUnits(), outputs, n.dropout(),
                n.wordDropout(), n.recurrentDropout(), seed);
    }
}
