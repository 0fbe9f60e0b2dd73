package org.fenlei.models;

import org.fenlei.model.NetworkConfig;
import org.fenlei.model.TrainingOptions;
import org.fenlei.nn.KimCnn;
import org.fenlei.nn.Network;

/**
 * Kim's (2014) CNN: convolutions of 3, 4 and 5 words with 100 maps each, max over time, dropout 0.5, Adadelta,
 * batch 50, 25 epochs; 128 dimensions instead of his 300, which overfit mr here (BENCHMARKS.md).
 */
public final class Cnn extends ReadsInOrder {
    /** Kim's filter widths. */
    private static final int[] WIDTHS = {3, 4, 5};

    @Override
    public String name() {
        return NetworkConfig.CNN;
    }

    @Override
    public String description() {
        return "Kim's CNN: convolutions of 3, 4 and 5 words, max over time";
    }

    @Override
    public void applyDefaults(TrainingOptions o) {
        o.epochs = o.given("epochs") ? o.epochs : 25;
        o.dim = o.given("dim") ? o.dim : 128;
        o.optimizer = o.given("optimizer") ? o.optimizer : "adadelta";
        o.batchSize = o.given("batch-size") ? o.batchSize : 50;
        o.hidden = o.given("hidden") ? o.hidden : 100;
        o.dropout = o.given("dropout") ? o.dropout : 0.5f;
        o.wordDropout = o.given("word-dropout") ? o.wordDropout : 0f;
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        return new KimCnn(vocabulary, n.embeddingDim(), WIDTHS, n.hiddenUnits(), outputs, n.dropout(), seed);
    }
}
