package org.fenlei;

import org.fenlei.eval.Evaluation;
import org.fenlei.model.NetworkConfig;
import org.fenlei.train.TrainingConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Searches a fastText-class model's learning rate, dimension, epochs and word n-grams within a time budget, as
 * {@code fasttext supervised -autotune-duration} does: each trial trains on the data less a stratified validation
 * share and is scored there (accuracy, or micro-F1 for multi-label data); after the starting settings, a trial
 * either perturbs the best settings so far (two times in three) or draws new ones anywhere in the space, so the
 * search refines what works without getting stuck near the start. Deterministic for a seed, apart from the
 * number of trials the budget allows.
 */
public final class Autotune {
    /** Share of each class held out to score trials. */
    public static final double VALIDATION_SHARE = 0.2;
    private static final int[] DIMS = {10, 16, 25, 50, 100, 200};
    private static final float MIN_LR = 0.01f;
    private static final float MAX_LR = 2f;
    private static final int MIN_EPOCHS = 1;
    private static final int MAX_EPOCHS = 100;
    private static final int MAX_NGRAMS = 3;

    /** The settings a trial tries; {@code dim} may be {@link NetworkConfig#AUTO}, the network's own choice. */
    public record Settings(float learningRate, int dim, int epochs, int wordNgrams) {
        public Settings {
            if (!(learningRate > 0) && learningRate != TrainingConfig.FROM_DATA) {
                throw new IllegalArgumentException("the learning rate must be > 0, was " + learningRate);
            }
            if (dim < 1 && dim != NetworkConfig.AUTO) {
                throw new IllegalArgumentException("dim must be >= 1, was " + dim);
            }
            if (epochs < 1 && epochs != TrainingConfig.FROM_DATA) {
                throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
            }
            if (wordNgrams < 1) {
                throw new IllegalArgumentException("word n-grams must be >= 1, was " + wordNgrams);
            }
        }
    }

    /** One trial: its settings, the validation score they reached and the seconds it took. */
    public record Trial(int number, Settings settings, double score, double seconds) {
    }

    /** Every trial in the order run, and the best. */
    public record Result(List<Trial> trials, Trial best) {
    }

    private Autotune() {
    }

    /**
     * @param builders a builder for each settings to try, with everything else the final model will use
     * @param start    the first settings tried (the user's or the defaults)
     * @param budget   no trial starts when the one before it would not fit in what is left
     * @param listener told of each trial as it ends
     */
    public static Result search(Function<Settings, ClassifierBuilder> builders, Path data, Settings start,
                                Duration budget, long seed, Consumer<Trial> listener) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the autotune budget must be positive, was " + budget);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long began = System.nanoTime();
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        Settings next = start;
        double lastSeconds = 0;
        while (trials.isEmpty() || elapsed(began) + lastSeconds <= budget.toNanos() / 1e9) {
            long t0 = System.nanoTime();
            TextClassifier model = builders.apply(next).testShare(VALIDATION_SHARE).train(data);
            Evaluation e = model.provenance().metrics();
            lastSeconds = elapsed(t0);
            Trial trial = new Trial(trials.size() + 1, next, e.score(), lastSeconds);
            trials.add(trial);
            listener.accept(trial);
            if (best == null || trial.score() > best.score()) {
                best = trial;
            }
            next = random.nextInt(3) == 0 ? anywhere(random) : near(best.settings(), random);
        }
        return new Result(List.copyOf(trials), best);
    }

    private static double elapsed(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Settings drawn from the whole space: the rate log-uniformly, the others uniformly. */
    static Settings anywhere(SplittableRandom random) {
        float lr = (float) Math.exp(Math.log(MIN_LR) + random.nextDouble() * Math.log(MAX_LR / MIN_LR));
        return new Settings(lr, DIMS[random.nextInt(DIMS.length)], 5 + random.nextInt(46),
                1 + random.nextInt(MAX_NGRAMS));
    }

    /** Settings near {@code best}: the rate and epochs scaled by log-normal noise, the rest stepped at times. */
    static Settings near(Settings best, SplittableRandom random) {
        float lr = clamp((float) (best.learningRate() * Math.exp(random.nextGaussian() * 0.5)), MIN_LR, MAX_LR);
        int epochs = (int) Math.round(best.epochs() * Math.exp(random.nextGaussian() * 0.4));
        epochs = Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, epochs));
        int d = nearestDim(best.dim());
        if (random.nextInt(3) == 0) {
            d = Math.max(0, Math.min(DIMS.length - 1, d + (random.nextBoolean() ? 1 : -1)));
        }
        int ngrams = best.wordNgrams();
        if (random.nextInt(4) == 0) {
            ngrams = Math.max(1, Math.min(MAX_NGRAMS, ngrams + (random.nextBoolean() ? 1 : -1)));
        }
        return new Settings(lr, DIMS[d], epochs, ngrams);
    }

    private static int nearestDim(int dim) {
        int best = 0;
        for (int i = 1; i < DIMS.length; i++) {
            if (Math.abs(DIMS[i] - dim) < Math.abs(DIMS[best] - dim)) {
                best = i;
            }
        }
        return best;
    }

    private static float clamp(float v, float min, float max) {
        return Math.max(min, Math.min(max, v));
    }
}
