package org.fenlei.models;

import org.fenlei.model.TrainingOptions;

/**
 * A bidirectional recurrent network of 128 units each way over 128-dimensional embeddings, max over time
 * (Conneau et al. 2017), dropout 0.5 on the embeddings and before the output, word dropout 0.1, gradients clipped
 * to norm 5, 15 epochs ending with the mean weights of the last two thirds (BENCHMARKS.md).
 */
abstract class Recurrent extends ReadsInOrder {
    @Override
    public boolean recurrent() {
        return true;
    }

    @Override
    public void applyDefaults(TrainingOptions o) {
        o.dim = o.given("dim") ? o.dim : 128;
        o.hidden = o.given("hidden") ? o.hidden : 128;
        o.dropout = o.given("dropout") ? o.dropout : 0.5f;
        o.wordDropout = o.given("word-dropout") ? o.wordDropout : 0.1f;
        o.clipNorm = o.given("clip-norm") ? o.clipNorm : 5f;
        o.epochs = o.given("epochs") ? o.epochs : 15;
        o.averageEpochs = o.given("average-epochs") ? o.averageEpochs : o.patience > 0 ? 0 : 2 * o.epochs / 3;
    }
}
