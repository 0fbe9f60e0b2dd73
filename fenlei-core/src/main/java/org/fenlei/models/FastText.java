package org.fenlei.models;

import org.fenlei.model.ModelType;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.TrainingOptions;
import org.fenlei.nn.BagOfEmbeddings;
import org.fenlei.nn.Network;
import org.fenlei.train.TrainingConfig;

/**
 * fastText's supervised model (Joulin et al. 2017): Embedding(words + buckets) -> mean -> Dense(K), no hidden layer
 * and no dropout, trained by Hogwild SGD; dimension 100, no vocabulary cap, and epochs and rate from the data's
 * size ({@link TrainingConfig#forTexts}) unless autotune searches them from fastText's own.
 */
public final class FastText implements ModelType {
    @Override
    public String name() {
        return NetworkConfig.FASTTEXT;
    }

    @Override
    public String description() {
        return "embedding of words and hashed word n-grams, mean, output, trained by Hogwild SGD";
    }

    @Override
    public void validate(NetworkConfig n) {
        if (n.hiddenUnits() > 0 || n.dropout() > 0 || n.wordDropout() > 0) {
            throw new IllegalArgumentException("the fasttext architecture has no hidden layer and no dropout");
        }
    }

    @Override
    public void applyDefaults(TrainingOptions o) {
        o.optimizer = o.given("optimizer") ? o.optimizer : TrainingConfig.HOGWILD;
        o.epochs = o.given("epochs") ? o.epochs : o.autotune ? 5 : TrainingConfig.FROM_DATA;
        if (o.learningRate == null && TrainingConfig.HOGWILD.equals(o.optimizer)) {
            o.learningRate = o.autotune ? 0.1f : TrainingConfig.FROM_DATA;
        }
        o.vocabSize = o.given("vocab-size") ? o.vocabSize : Integer.MAX_VALUE;
        o.dim = o.given("dim") ? o.dim : 100;
        o.hidden = 0;
        o.dropout = 0f;
        o.wordDropout = 0f;
        // fastText ends every line with </s> and hashes word n-grams, which already pair Chinese characters
        o.endOfText = o.given("end-token") ? o.endOfText : Boolean.TRUE;
        o.hashWordNgrams = true;
        o.cjkBigrams = o.given("cjk-bigrams") ? o.cjkBigrams : null;
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        return new BagOfEmbeddings(vocabulary, buckets, n.embeddingDim(), 0, outputs, 0f, 0f, seed);
    }
}
