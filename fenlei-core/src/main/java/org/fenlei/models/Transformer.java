package org.fenlei.models;

import org.fenlei.model.NetworkConfig;
import org.fenlei.model.TrainingOptions;
import org.fenlei.nn.Network;
import org.fenlei.nn.TransformerNetwork;
import org.fenlei.train.LearningRateSchedule;

/**
 * BERT's encoder shape, scaled down: {@value NetworkConfig#TRANSFORMER_LAYERS} post-LayerNorm blocks of
 * {@value NetworkConfig#TRANSFORMER_HEADS}-head self-attention and a GELU feed-forward 4x the width, over
 * 128-dimensional token and position embeddings, mean-pooled; BERT's recipe of dropout 0.1 and Adam 0.0005 with
 * 10% warm-up and linear decay.
 */
public final class Transformer extends ReadsInOrder {
    @Override
    public String name() {
        return NetworkConfig.TRANSFORMER;
    }

    @Override
    public String description() {
        return "a small BERT-shaped encoder, mean-pooled";
    }

    @Override
    public void applyDefaults(TrainingOptions o) {
        o.dim = o.given("dim") ? o.dim : 128;
        o.hidden = o.given("hidden") ? o.hidden : 4 * o.dim;
        o.dropout = o.given("dropout") ? o.dropout : 0.1f;
        o.wordDropout = o.given("word-dropout") ? o.wordDropout : 0f;
        o.learningRate = o.learningRate != null ? o.learningRate : Float.valueOf(5e-4f);
        o.schedule = o.given("lr-schedule") ? o.schedule : LearningRateSchedule.LINEAR;
        o.warmup = o.given("warmup") ? o.warmup : 0.1;
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        return new TransformerNetwork(vocabulary, n.embeddingDim(), NetworkConfig.TRANSFORMER_LAYERS,
                NetworkConfig.TRANSFORMER_HEADS, n.hiddenUnits(), TransformerNetwork.MAX_POSITIONS, outputs,
                n.dropout(), seed);
    }
}
