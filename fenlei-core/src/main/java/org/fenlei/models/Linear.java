package org.fenlei.models;

import org.fenlei.model.ModelConfig;
import org.fenlei.model.ModelType;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.Task;
import org.fenlei.model.TrainingOptions;
import org.fenlei.nn.DistillationLoss;
import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.SparseLinear;
import org.fenlei.train.EncodedDataset;
import org.fenlei.train.LinearTrainer;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;
import org.fenlei.train.TrainingResult;

import java.util.Locale;

/**
 * A sparse linear model over every word and word bigram ({@link SparseLinear}), fitted to convergence by liblinear
 * ({@link LinearTrainer}); punctuation marks are tokens and end words ("don" "'" "t"), URLs and e-mail addresses
 * are not masked, and the solver is chosen on the training data unless given.
 */
public final class Linear implements ModelType {
    @Override
    public String name() {
        return NetworkConfig.LINEAR;
    }

    @Override
    public String description() {
        return "a sparse linear model over words and word bigrams, NBSVM or TF-IDF weighted, fitted by liblinear";
    }

    @Override
    public void validate(NetworkConfig n) {
        if (n.hiddenUnits() > 0 || n.dropout() > 0 || n.wordDropout() > 0) {
            throw new IllegalArgumentException("the linear architecture has no hidden layer and no dropout");
        }
    }

    @Override
    public void applyDefaults(TrainingOptions o) {
        // NBSVM-bi (Wang & Manning 2012): every word and word bigram of the training data is a feature
        o.optimizer = o.given("optimizer") ? o.optimizer : TrainingConfig.LINEAR_AUTO;
        o.ngrams = o.given("ngrams") ? o.ngrams : 2;
        o.vocabSize = o.given("vocab-size") ? o.vocabSize : Integer.MAX_VALUE;
        o.punctuation = o.given("punctuation") ? o.punctuation : true;
        // contractions split as scikit-learn splits them: "n't" and "'s" become shared features (mr +0.8 points)
        o.splitContractions = o.given("split-contractions") ? o.splitContractions : true;
        // with no vocabulary cap the parts of addresses are features (a sender's domain tells a newsgroup):
        // masking them cost 20newsgroups 0.7 points
        o.preprocess = o.preprocess.withMasks(o.given("mask-urls") && o.preprocess.maskUrls(),
                o.given("mask-emails") && o.preprocess.maskEmails());
        // Chinese text read as characters throughout, as scikit-learn's character analyzer reads it
        o.cjkCharacters = o.given("cjk-characters") ? o.cjkCharacters : true;
        // and its spaces as scikit-learn's character analyzer keeps them (thucnews_titles +0.5 points)
        o.cjkSpaces = o.given("cjk-spaces") ? o.cjkSpaces : true;
        // word bigrams already pair Chinese characters
        o.cjkBigrams = o.given("cjk-bigrams") ? o.cjkBigrams : null;
        o.dim = 1;
        o.hidden = 0;
        o.dropout = 0f;
        o.wordDropout = 0f;
    }

    @Override
    public Network build(NetworkConfig n, int vocabulary, int buckets, int outputs, long seed) {
        return new SparseLinear(vocabulary + buckets, outputs);
    }

    @Override
    public int tableColumns(NetworkConfig network, int outputs) {
        return outputs;
    }

    @Override
    public Prepared prepare(TrainingConfig config, Network network, Task task, EncodedDataset train,
                            TrainingListener listener) {
        return chooseSolver(config, network.table().rows(), network.outputs(), task, train, listener);
    }

    /**
     * The solver and C for {@link TrainingConfig#LINEAR_AUTO}, chosen on {@code train}, with the temperature of the
     * chosen setting's held-out scores; else {@code config} and no temperature.
     */
    static Prepared chooseSolver(TrainingConfig config, int features, int outputs, Task task, EncodedDataset train,
                                 TrainingListener listener) {
        if (!TrainingConfig.LINEAR_AUTO.equals(config.optimizer())) {
            return new Prepared(config, Double.NaN);
        }
        LinearTrainer.Choice choice = LinearTrainer.choose(features, outputs, task, train, config);
        listener.onChoice(String.format(Locale.ROOT, "linear solver: %s, C %s (%s %.4f)", choice.solver(),
                choice.cost(), LinearTrainer.validation(train.size()), choice.score()));
        return new Prepared(config.withOptimizer(choice.solver(), config.learningRate()).withCost(choice.cost()),
                choice.temperature());
    }

    /** TF-IDF support vector regression on the teacher's logits ({@link LinearTrainer#distil}), C as tfidf-svm's. */
    @Override
    public TrainingConfig student(TrainingConfig config) {
        return config.withOptimizer(LinearTrainer.TFIDF_SVM, config.learningRate()).withCost(config.cost() > 0
                ? config.cost() : LinearTrainer.defaultCost(LinearTrainer.TFIDF_SVM));
    }

    @Override
    public TrainingResult train(Network network, Loss loss, Task task, EncodedDataset train,
                                EncodedDataset validation, TrainingConfig config, TrainingListener listener) {
        if (loss instanceof DistillationLoss) {
            return LinearTrainer.distil((SparseLinear) network, train, config, listener);
        }
        return LinearTrainer.train((SparseLinear) network, task, train, config, listener);
    }

    @Override
    public String describe(ModelConfig config) {
        return String.format(Locale.ROOT, "linear: %s, C %s", config.training().optimizer(), config.training().cost());
    }
}
