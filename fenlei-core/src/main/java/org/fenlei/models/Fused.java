package org.fenlei.models;

import org.fenlei.model.EncoderShape;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.ModelType;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.Task;
import org.fenlei.model.TrainingOptions;
import org.fenlei.nn.FusedNetwork;
import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.SparseLinear;
import org.fenlei.nn.TransformerNetwork;
import org.fenlei.train.EncodedDataset;
import org.fenlei.train.FusedTrainer;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;
import org.fenlei.train.TrainingResult;

import java.util.Locale;

/**
 * A frozen pretrained encoder's vector of the text beside the linear model's words and word bigrams, under one
 * linear head fitted by liblinear ({@link FusedNetwork}, {@link FusedTrainer}): the encoder's knowledge of language
 * joins the n-grams' detail without the cost of fine-tuning the encoder. The encoder reads the first 128 WordPiece
 * tokens of the text; the words come from all of it.
 */
public final class Fused implements ModelType {
    @Override
    public String name() {
        return NetworkConfig.FUSED;
    }

    @Override
    public String description() {
        return "a frozen pretrained encoder beside words and word bigrams, one linear head fitted by liblinear";
    }

    /** The linear model's word features, then the encoder's text settings; the head is fitted as the linear's. */
    @Override
    public void applyDefaults(TrainingOptions o) {
        int maxTokens = o.maxTokens;
        new Linear().applyDefaults(o);
        o.maxTokens = 0;
        o.words = o.features();
        o.maxTokens = maxTokens;
        Encoder.readsWordPieces(o);
        o.punctuation = false;
        o.splitContractions = false;
        o.endOfText = false;
        o.ngrams = 1;
        o.maxn = 0;
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        EncoderShape shape = n.encoder();
        if (shape == null || shape.tokens() < 1) {
            throw new IllegalArgumentException("a fused model needs a pretrained encoder (--encoder minilm, "
                    + "bge-small-en, bge-small-zh or PATH.onnx) and the size of its vocabulary");
        }
        int tokens = shape.tokens();
        TransformerNetwork encoder = new TransformerNetwork(tokens, n.embeddingDim(), shape.layers(), shape.heads(),
                n.hiddenUnits(), shape.positions(), outputs, 0f, seed, true, EncoderShape.CLS.equals(shape.pooling()));
        return new FusedNetwork(encoder, new SparseLinear(Math.max(1, vocabulary + buckets - tokens), outputs),
                tokens);
    }

    /** The first parameter is the encoder's token table: the word features' rows come after it. */
    @Override
    public int tableRows(NetworkConfig network, int vocabulary, int buckets) {
        return network.encoder() != null ? network.encoder().tokens() : vocabulary + buckets;
    }

    /** The solver and C, chosen on the word features alone as the linear model chooses them. */
    @Override
    public Prepared prepare(TrainingConfig config, Network network, Task task, EncodedDataset train,
                            TrainingListener listener) {
        FusedNetwork fused = (FusedNetwork) network;
        // the words' held-out temperature is not the fused head's: the head's comes with its weight choice
        return new Prepared(Linear.chooseSolver(config, fused.words().weight().rows(), fused.outputs(), task,
                FusedTrainer.words(fused, train), listener).training(), Double.NaN);
    }

    @Override
    public TrainingResult train(Network network, Loss loss, Task task, EncodedDataset train,
                                EncodedDataset validation, TrainingConfig config, TrainingListener listener) {
        return FusedTrainer.train((FusedNetwork) network, task, train, config, listener);
    }

    @Override
    public String describe(ModelConfig config) {
        NetworkConfig n = config.network();
        EncoderShape s = n.encoder();
        return String.format(Locale.ROOT, "fused: encoder %s (%d layers x %d, %s-pooled, frozen) beside words, "
                + "linear head %s, C %s", s.name(), s.layers(), n.embeddingDim(), s.pooling(),
                config.training().optimizer(), config.training().cost());
    }
}
