package org.fenlei.model;

import org.fenlei.text.FeatureConfig;
import org.fenlei.text.PreprocessConfig;
import org.fenlei.train.LearningRateSchedule;
import org.fenlei.train.TrainingConfig;

import java.util.Set;

/**
 * Every setting of a model to train, while it is being chosen: the fields start at the general defaults (the
 * CLI's option defaults), the user's values replace those in {@link #given}, a {@link ModelType} sets the rest to
 * its own defaults ({@link ModelType#applyDefaults}), and {@link #features}, {@link #network} and
 * {@link #training} make the configurations. The CLI and the Java API ({@code ClassifierBuilder.model}) both go
 * this way, so they train identical models. Fields are named as the CLI's options are ({@code --epochs} is
 * {@code epochs}, {@code --end-token} is {@code endOfText}); {@link NetworkConfig#AUTO} sizes follow the classes.
 */
public final class TrainingOptions {
    private final Set<String> given;
    public PreprocessConfig preprocess = PreprocessConfig.defaults();
    /** Null: adjacent Chinese and Japanese characters pair up unless word n-grams already pair them. */
    public Boolean cjkBigrams = Boolean.TRUE;
    public boolean cjkCharacters;
    public boolean cjkSpaces;
    public boolean punctuation;
    public boolean splitContractions;
    /** A fused model's word features, set by its kind; null for every other model. */
    public FeatureConfig words;
    /** Null until a model kind or the user decides; then whether every text ends with its own token. */
    public Boolean endOfText;
    /** Whether word n-grams are hashed into {@link #buckets} (fastText's way) rather than kept in the vocabulary. */
    public boolean hashWordNgrams;
    public int ngrams = 1;
    public int maxTokens;
    public int vocabSize = 10_000;
    public int minCount = 1;
    public int buckets = 2_000_000;
    public int minn = 3;
    public int maxn;
    public int dim = NetworkConfig.AUTO;
    public int hidden = NetworkConfig.AUTO;
    public float dropout = NetworkConfig.DEFAULT_DROPOUT;
    public float wordDropout = NetworkConfig.DEFAULT_WORD_DROPOUT;
    public float recurrentDropout;
    public int epochs = 10;
    public int batchSize = 32;
    public String optimizer = "adam";
    /** Null: the optimiser's default ({@link #learningRate()}). */
    public Float learningRate;
    public long seed = 42;
    public int threads;
    public double validationSplit;
    public int patience;
    public int augment;
    public double augmentAlpha = 0.1;
    public String classWeights = "";
    public String loss = "softmax";
    public int negatives = 5;
    public String schedule = LearningRateSchedule.CONSTANT;
    public double warmup;
    public float clipNorm;
    public int averageEpochs;
    public double cost;
    public double layerDecay;
    public boolean autotune;

    /** @param given the options the user gave, by their CLI names without dashes ({@code "epochs"}) */
    public TrainingOptions(Set<String> given) {
        this.given = Set.copyOf(given);
    }

    /** The defaults of {@code type}, nothing given: what the Java API trains a named model kind with. */
    public static TrainingOptions defaults(ModelType type) {
        TrainingOptions o = new TrainingOptions(Set.of());
        type.applyDefaults(o);
        return o;
    }

    /** Whether the user gave the option {@code name} (without dashes). */
    public boolean given(String name) {
        return given.contains(name);
    }

    /** The learning rate: the one set, or the optimiser's default (Adam 0.001, Adadelta 1, SGD and Hogwild 0.1). */
    public float learningRate() {
        return learningRate != null ? learningRate : switch (optimizer) {
            case "adam", "adamw" -> 1e-3f;
            case "adadelta" -> 1f;
            default -> 0.1f;
        };
    }

    public FeatureConfig features() {
        boolean hashed = hashWordNgrams && ngrams > 1 || maxn > 0;
        boolean cjk = cjkBigrams != null ? cjkBigrams : ngrams < 2;
        return new FeatureConfig(preprocess, cjk, cjkCharacters, punctuation, splitContractions,
                endOfText != null && endOfText, ngrams, maxTokens, vocabSize, minCount, hashed ? buckets : 0,
                maxn > 0 ? minn : 0, maxn).withCjkSpaces(cjkSpaces).withWords(words);
    }

    public NetworkConfig network(String architecture) {
        return new NetworkConfig(architecture, dim, hidden, dropout, wordDropout, recurrentDropout);
    }

    public TrainingConfig training() {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate(), seed, threads, validationSplit,
                patience, augment, augmentAlpha, classWeights, loss, negatives,
                new LearningRateSchedule(schedule, warmup), clipNorm, averageEpochs, cost, layerDecay);
    }
}
