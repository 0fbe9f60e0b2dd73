package org.fenlei.models;

import org.fenlei.model.ModelType;
import org.fenlei.model.NetworkConfig;

/** A model kind that reads the tokens in order (cnn, bilstm, gru, transformer): no hashed n-grams, hidden units. */
abstract class ReadsInOrder implements ModelType {
    @Override
    public boolean readsInOrder() {
        return true;
    }

    @Override
    public void validate(NetworkConfig n) {
        if (n.hiddenUnits() == 0) {
            throw new IllegalArgumentException("the " + name() + " architecture needs --hidden of at least 1 (maps "
                    + "per width for cnn, units each way for bilstm and gru, the feed-forward width for transformer)");
        }
    }
}
