package org.fenlei.train;

import java.util.Set;

/**
 * How to train. Defaults are the origin program's: Adam, batch 32, 10 epochs, seed 42.
 *
 * @param epochs          passes over the training data (default 10)
 * @param batchSize       documents per gradient step (default 32)
 * @param optimizer       {@code adam} (default), {@code adamw} (Adam with BERT's weight decay, for fine-tuning),
 *                        {@code adadelta} (Kim's CNN), {@code sgd} (mini-batch), or {@code hogwild}: fastText's
 *                        per-example SGD with a linearly decaying rate on lock-free threads (for networks without a
 *                        hidden layer)
 * @param learningRate    step size (default 0.001 for Adam, Keras' default)
 * @param seed            seeds initialisation, shuffling, splitting and augmentation (default 42)
 * @param threads         worker threads; 0 = all cores (default 0). With 1, runs are byte-for-byte repeatable
 * @param validationSplit share of the training data held out per class for validation (default 0 = none)
 * @param patience        with validation: stop after this many epochs without a lower validation loss and keep
 *                        the best epoch's weights; 0 = train all epochs (default 0)
 * @param augmentCopies   EDA copies added per training document (default 0 = no augmentation)
 * @param augmentAlpha    EDA's share of changed tokens (default 0.1)
 * @param classWeights    how much each class's examples weigh in the loss: empty (default) = 1 each;
 *                        {@code balanced} = n / (K * n_c), scikit-learn's rule, so every class weighs as much in
 *                        total; or {@code label=weight,...} (unnamed classes weigh 1)
 * @param loss            empty (default): the task's own (sigmoid, softmax, MSE, one-vs-all); {@code ns}: negative
 *                        sampling; {@code hs}: hierarchical softmax (fastText's {@code -loss} choices for classes)
 * @param negatives       negatives per example for {@code ns} (default 5, fastText's)
 * @param schedule        the learning rate over the steps of the mini-batch trainer (default constant, no warm-up);
 *                        the Hogwild trainer always decays linearly, as fastText does
 * @param clipNorm        the mini-batch trainer scales a step's whole gradient down to this L2 norm when it is
 *                        longer (Pascanu et al. 2013, the recurrent networks' guard against exploding gradients);
 *                        0 = no clipping (default)
 * @param averageEpochs   the mini-batch trainer ends with the mean of the weights at the end of the last this many
 *                        epochs instead of the last weights (stochastic weight averaging, Izmailov et al. 2018,
 *                        "Averaging Weights Leads to Wider Optima and Better Generalization"); 0 = off (default)
 * @param cost            the linear solvers' C, the weight of the loss against the L2 penalty; 0 (default) = the
 *                        solver's own default
 * @param layerDecay      a pretrained encoder's layer-wise learning-rate decay (Howard &amp; Ruder 2018; Sun et al.
 *                        2019, "How to Fine-Tune BERT for Text Classification"): the top block learns at the rate,
 *                        each block below at this factor times the one above, the embeddings below the lowest
 *                        block; the output layer at the rate. 0 (default) or 1 = every layer at the rate
 */
public record TrainingConfig(int epochs, int batchSize, String optimizer, float learningRate, long seed,
                             int threads, double validationSplit, int patience, int augmentCopies,
                             double augmentAlpha, String classWeights, String loss, int negatives,
                             LearningRateSchedule schedule, float clipNorm, int averageEpochs, double cost,
                             double layerDecay) {
    public static final String BALANCED = "balanced";
    public static final String NEGATIVE_SAMPLING = "ns";
    public static final String HIERARCHICAL_SOFTMAX = "hs";
    public static final String HOGWILD = "hogwild";
    /**
     * The linear model's convex solvers: features weighted by naive-Bayes log-count ratios (Wang &amp; Manning 2012)
     * or by sublinear TF-IDF with L2 normalisation, fitted as an L2-regularised L2-loss SVM or logistic regression.
     */
    public static final Set<String> LINEAR_SOLVERS = Set.of("nbsvm", "nblr", "tfidf-svm",
            "tfidf-lr");
    /** Epochs or learning rate of Hogwild training chosen from the number of training texts ({@link #forTexts}). */
    public static final int FROM_DATA = 0;
    static final int FASTTEXT_SCALE = 100_000;
    static final int MOST_EPOCHS = 50;
    /** The linear model's default: choose the solver and C on the training data ({@link LinearTrainer#choose}). */
    public static final String LINEAR_AUTO = "auto";

    public TrainingConfig {
        if (epochs < 1 && !(epochs == FROM_DATA && HOGWILD.equals(optimizer))) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (!"adam".equals(optimizer) && !"adamw".equals(optimizer) && !"adadelta".equals(optimizer)
                && !"sgd".equals(optimizer) && !HOGWILD.equals(optimizer) && !LINEAR_SOLVERS.contains(optimizer)
                && !LINEAR_AUTO.equals(optimizer)) {
            throw new IllegalArgumentException("optimizer must be adam, adamw, adadelta, sgd or hogwild (or, for the "
                    + "linear model, auto, nbsvm, nblr, tfidf-svm or tfidf-lr), was " + optimizer);
        }
        if (!(layerDecay >= 0 && layerDecay <= 1)) {
            throw new IllegalArgumentException("layerDecay must be in (0, 1] (0 = none), was " + layerDecay);
        }
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be a positive number (0 = the solver's default), was "
                    + cost);
        }
        if (!(learningRate > 0) && !(learningRate == FROM_DATA && HOGWILD.equals(optimizer))) {
            throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), was " + threads);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), was " + validationSplit);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (patience > 0 && validationSplit == 0) {
            throw new IllegalArgumentException("patience (early stopping) needs a validation share to watch: set a "
                    + "validation split (--validation-split, e.g. 0.1)");
        }
        if (augmentCopies < 0) {
            throw new IllegalArgumentException("augmentCopies must be >= 0, was " + augmentCopies);
        }
        if (!(augmentAlpha > 0 && augmentAlpha < 1)) {
            throw new IllegalArgumentException("augmentAlpha must be in (0, 1), was " + augmentAlpha);
        }
        classWeights = classWeights == null ? "" : classWeights.trim();
        loss = loss == null || "softmax".equals(loss) ? "" : loss;
        if (!loss.isEmpty() && !NEGATIVE_SAMPLING.equals(loss) && !HIERARCHICAL_SOFTMAX.equals(loss)) {
            throw new IllegalArgumentException("loss must be softmax, ns or hs, was " + loss);
        }
        negatives = negatives == 0 ? 5 : negatives;
        schedule = schedule == null ? new LearningRateSchedule(LearningRateSchedule.CONSTANT, 0) : schedule;
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("clipNorm must be >= 0 (0 = off), was " + clipNorm);
        }
        if (negatives < 1) {
            throw new IllegalArgumentException("negatives must be >= 1, was " + negatives);
        }
        if (averageEpochs < 0 || averageEpochs > epochs) {
            throw new IllegalArgumentException("averageEpochs must be in 0.." + epochs + " (the epochs), was "
                    + averageEpochs);
        }
        if (averageEpochs > 0 && patience > 0) {
            throw new IllegalArgumentException("weight averaging and early stopping each choose the final weights: "
                    + "use one of them");
        }
        if (averageEpochs > 0 && HOGWILD.equals(optimizer)) {
            throw new IllegalArgumentException("weight averaging is for the mini-batch optimisers (adam, adadelta, "
                    + "sgd); hogwild already decays its rate to zero");
        }
    }

    /**
     * fastText-class training: Hogwild SGD with epochs and learning rate {@link #FROM_DATA}, and the rest as
     * {@link #defaults()}. The CLI's {@code --model fasttext} trains with these.
     */
    public static TrainingConfig fastText() {
        return defaults().withOptimizer(HOGWILD, FROM_DATA).withEpochs(FROM_DATA);
    }

    /**
     * These settings with the epochs and learning rate that are {@link #FROM_DATA} fixed for {@code texts} training
     * texts: fastText's 5 epochs at 0.1 from {@value #FASTTEXT_SCALE} texts up, the scale of the sets its defaults
     * were chosen on (Joulin et al. 2017: 120,000 to 3,600,000 texts); below it, 0.5 and as many epochs as give
     * the same number of steps, at most {@value #MOST_EPOCHS}, since five passes over a small set leave a model
     * at chance (1,400 imdb reviews: 54.0% with 5 epochs at 0.1, 79.3% with 50 at 0.5).
     */
    public TrainingConfig forTexts(int texts) {
        boolean large = texts >= FASTTEXT_SCALE;
        int e = epochs != FROM_DATA ? epochs : large ? 5
                : (int) Math.min(MOST_EPOCHS, (5L * FASTTEXT_SCALE + texts - 1) / Math.max(1, texts));
        float lr = learningRate != FROM_DATA ? learningRate : large ? 0.1f : 0.5f;
        return withOptimizer(optimizer, lr).withEpochs(e);
    }

    /** Whether {@link #forTexts} still has to fix the epochs or the learning rate. */
    public boolean fromData() {
        return epochs == FROM_DATA || learningRate == FROM_DATA;
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 32, "adam", 1e-3f, 42, 0, 0.0, 0, 0, 0.1, "", "", 5, null, 0f, 0, 0, 0);
    }

    /** The thread count to use: {@link #threads}, or the machine's cores when it is 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Trains {@code n} epochs; weight averaging, when on, covers at most all of them. */
    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(n, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm,
                Math.min(averageEpochs, n), cost, layerDecay);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, s, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    public TrainingConfig withThreads(int n) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, n, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    public TrainingConfig withOptimizer(String name, float rate) {
        return new TrainingConfig(epochs, batchSize, name, rate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    public TrainingConfig withBatchSize(int n) {
        return new TrainingConfig(epochs, n, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    public TrainingConfig withValidation(double split, int patience) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, split, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    public TrainingConfig withAugmentation(int copies, double alpha) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                copies, alpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, cost, layerDecay);
    }

    public TrainingConfig withClassWeights(String weights) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, weights, loss, negatives, schedule, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    /** Trains with negative sampling ({@code ns}, {@code negatives} per example) or hierarchical softmax ({@code hs}). */
    public TrainingConfig withLoss(String name, int negativeCount) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, name, negativeCount, schedule, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    public TrainingConfig withSchedule(LearningRateSchedule s) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, s, clipNorm, averageEpochs, cost,
                layerDecay);
    }

    public TrainingConfig withAveraging(int epochsAveraged) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, epochsAveraged, cost,
                layerDecay);
    }

    /** The linear solvers' C (0 = the solver's default). */
    public TrainingConfig withCost(double c) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, c,
                layerDecay);
    }

    public TrainingConfig withClipNorm(float norm) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, norm, averageEpochs, cost,
                layerDecay);
    }

    /** Layer-wise learning-rate decay for a pretrained encoder (0 or 1 = none). */
    public TrainingConfig withLayerDecay(double decay) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, seed, threads, validationSplit, patience,
                augmentCopies, augmentAlpha, classWeights, loss, negatives, schedule, clipNorm, averageEpochs, cost,
                decay);
    }
}
