package org.fenlei;

import org.fenlei.data.DataException;
import org.fenlei.data.DatasetReader;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.model.ModelChoice;
import org.fenlei.model.ModelTypes;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.TrainingOptions;
import org.fenlei.text.PreprocessConfig;
import org.fenlei.train.StratifiedSplit;
import org.fenlei.train.TrainingConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * {@code --model auto}: trains each candidate model on the training rows less a stratified fifth, scores it on
 * that fifth (accuracy; macro-F1 when the classes are imbalanced; micro-F1 for multi-label data; R^2 for
 * regression), skips what would not fit in the time budget and discards what is at chance, then trains the chosen
 * again on all the training rows: of the models within one standard error of the best score, the first (the
 * candidates come simplest first). The held-out test rows (a share of the file, or a test file) are never seen by
 * the search. The leaderboard goes into the model's provenance.
 */
public final class ModelSearch {
    /** Share of the training rows the candidates are scored on. */
    public static final double VALIDATION_SHARE = 0.2;
    /** Classes whose largest is more than this many times the smallest are scored by macro-F1. */
    private static final double IMBALANCE = 3;

    /**
     * A model to try: its name, what it is, a guess at its training time as a multiple of the first candidate's
     * (to skip what the budget cannot hold), and the settings it puts on a builder.
     */
    public record Candidate(String name, String description, double relativeCost,
                            UnaryOperator<ClassifierBuilder> settings) {
    }

    /** How to search: where the data's held-out test rows come from, the task, the budget, the seed. */
    public record Settings(Path test, double testShare, boolean regression, boolean multiLabel, Duration budget,
                           long seed) {
    }

    private ModelSearch() {
    }

    /**
     * The candidates, cheapest first: the linear model on words and word bigrams, and with character n-grams
     * too; a fastText-class model with bigrams (epochs and rate from the data's size); the origin model; and Kim's
     * CNN when the budget allows. Each cleans text as {@code preprocess} says.
     */
    public static List<Candidate> candidates(PreprocessConfig preprocess, TrainingConfig base) {
        return List.of(
                new Candidate("linear", "linear model, words and word bigrams", 1,
                        kind(NetworkConfig.LINEAR, preprocess, base, Set.of(), o -> { })),
                new Candidate("linear+chars", "linear model, words, word bigrams and character 2-5-grams", 3,
                        kind(NetworkConfig.LINEAR, preprocess, base, Set.of("minn", "maxn", "buckets"), o -> {
                            o.minn = 2;
                            o.maxn = 5;
                            o.buckets = 2_000_000;
                        })),
                new Candidate("fasttext", "fastText-class model, words and hashed word bigrams", 3,
                        kind(NetworkConfig.FASTTEXT, preprocess, base, Set.of("ngrams"), o -> o.ngrams = 2)),
                new Candidate("origin", "the origin model", 4,
                        kind(NetworkConfig.ORIGIN, preprocess, base, Set.of(), o -> { })),
                new Candidate("cnn", "Kim's CNN", 120, kind(NetworkConfig.CNN, preprocess, base, Set.of(), o -> { })));
    }

    /**
     * A model kind with its own defaults, as {@code --model name} trains it, but for the options in {@code given},
     * which {@code set} sets; cleaning, seed, threads and class weights come from the search's settings.
     */
    private static UnaryOperator<ClassifierBuilder> kind(String name, PreprocessConfig preprocess, TrainingConfig base,
                                                         Set<String> given, Consumer<TrainingOptions> set) {
        TrainingOptions o = new TrainingOptions(given);
        o.preprocess = preprocess;
        o.seed = base.seed();
        o.threads = base.threads();
        o.classWeights = base.classWeights();
        set.accept(o);
        ModelTypes.get(name).applyDefaults(o);
        return b -> b.features(o.features()).network(o.network(name)).training(o.training());
    }

    /**
     * Searches and trains the chosen model.
     *
     * @param base      a builder with everything the candidates share: reading, task, seed, threads, listener
     * @param onTrial   told of each candidate as it ends or is skipped
     */
    public static TextClassifier run(Path data, Supplier<ClassifierBuilder> base, ReadOptions read,
                                     List<Candidate> candidates, Settings settings,
                                     Consumer<ModelChoice.Trial> onTrial) {
        long began = System.nanoTime();
        List<LabeledText> rows = new ArrayList<>();
        DatasetReader.forEach(data, read.withNumericLabels(settings.regression()),
                row -> rows.add(new LabeledText("", row.label(), row.line())));
        int[] classes = classes(rows, settings.regression(), settings.multiLabel());
        int[] training;
        int[] testRows;
        if (settings.test() == null && settings.testShare() > 0) {
            StratifiedSplit split = StratifiedSplit.of(classes, settings.testShare(), settings.seed());
            training = split.train();
            testRows = split.test();
        } else {
            training = IntStream.range(0, rows.size()).toArray();
            testRows = new int[0];
        }
        int[] trainingClasses = new int[training.length];
        for (int i = 0; i < training.length; i++) {
            trainingClasses[i] = classes[training[i]];
        }
        StratifiedSplit search = StratifiedSplit.of(trainingClasses, VALIDATION_SHARE, settings.seed() + 11);
        BitSet searchTrain = lines(rows, training, search.train());
        BitSet validation = lines(rows, training, search.test());
        Score scoring = Score.of(classes, settings.regression(), settings.multiLabel());

        List<ModelChoice.Trial> trials = new ArrayList<>();
        Candidate chosen = null;
        double best = Double.NEGATIVE_INFINITY;
        double bestSeconds = 0;
        double firstSeconds = -1;
        for (Candidate c : candidates) {
            double elapsed = (System.nanoTime() - began) / 1e9;
            double estimate = firstSeconds < 0 ? 0 : firstSeconds * c.relativeCost() / candidates.get(0).relativeCost();
            // the chosen model is trained again on a fifth more data: keep room for it
            if (firstSeconds >= 0 && elapsed + estimate + 1.25 * Math.max(bestSeconds, estimate)
                    > settings.budget().toSeconds()) {
                ModelChoice.Trial skipped = new ModelChoice.Trial(c.name(), c.description(), null, 0,
                        String.format(Locale.ROOT, "skipped: about %.1f s more would pass the budget of %d s",
                                estimate, settings.budget().toSeconds()));
                trials.add(skipped);
                onTrial.accept(skipped);
                continue;
            }
            long start = System.nanoTime();
            TextClassifier model = c.settings().apply(base.get()).rows(searchTrain, validation).train(data);
            double seconds = (System.nanoTime() - start) / 1e9;
            firstSeconds = firstSeconds < 0 ? seconds : firstSeconds;
            Evaluation e = model.provenance().metrics();
            double score = scoring.score(e);
            String note = scoring.atChance(e) ? "discarded: at chance on validation" : null;
            ModelChoice.Trial trial = new ModelChoice.Trial(c.name(), c.description(), score, seconds, note);
            trials.add(trial);
            onTrial.accept(trial);
            if (note == null && score > best) {
                best = score;
                bestSeconds = seconds;
            }
        }
        // the one-standard-error rule (Hastie, Tibshirani & Friedman, ESL 7.10): of the models within one standard
        // error of the best score, the first, which is the simplest and fastest; on a few hundred validation rows
        // the best score is often luck
        double standardError = Math.sqrt(Math.max(0, Math.min(1, best)) * (1 - Math.min(1, best))
                / Math.max(1, search.test().length));
        for (int i = 0; i < trials.size() && chosen == null; i++) {
            ModelChoice.Trial t = trials.get(i);
            if (t.note() == null && t.score() != null && t.score() >= best - standardError) {
                chosen = candidates.get(i);
            }
        }
        if (chosen == null) {
            throw new DataException(data.toString(), 0, "every candidate model was at chance on the validation rows",
                    "the labels may not be learnable from the text: check that each row's label belongs to its text");
        }
        ClassifierBuilder last = chosen.settings().apply(base.get());
        TextClassifier model = settings.test() != null ? last.testShare(0).train(data, settings.test())
                : last.rows(lines(rows, training, null), lines(rows, testRows, null)).train(data);
        ModelChoice choice = new ModelChoice(chosen.name(), scoring.metric, String.format(Locale.ROOT,
                "%d of %d training rows held out, stratified (seed %d)", search.test().length, training.length,
                settings.seed() + 11), trials);
        return model.withProvenance(model.provenance().withChoice(choice));
    }

    /** The line numbers of {@code rows[indices[picked[i]]]} (or of {@code rows[indices[i]]} when picked is null). */
    private static BitSet lines(List<LabeledText> rows, int[] indices, int[] picked) {
        BitSet set = new BitSet();
        int n = picked == null ? indices.length : picked.length;
        for (int i = 0; i < n; i++) {
            set.set(Math.toIntExact(rows.get(indices[picked == null ? i : picked[i]]).line()));
        }
        return set;
    }

    /** Each row's class for stratifying: its label's (its first label's, for multi-label data); 0 for regression. */
    private static int[] classes(List<LabeledText> rows, boolean regression, boolean multiLabel) {
        if (regression) {
            return new int[rows.size()];
        }
        Map<String, Integer> ids = new TreeMap<>();
        for (LabeledText row : rows) {
            ids.putIfAbsent(multiLabel ? first(row.label()) : row.label(), 0);
        }
        int next = 0;
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            e.setValue(next++);
        }
        int[] classes = new int[rows.size()];
        for (int i = 0; i < classes.length; i++) {
            String label = rows.get(i).label();
            classes[i] = ids.get(multiLabel ? first(label) : label);
        }
        return classes;
    }

    private static String first(String label) {
        List<String> labels = ClassifierBuilder.splitLabels(label);
        return labels.isEmpty() ? label : labels.get(0);
    }

    /** The metric the candidates are compared by, and what "at chance" means for it. */
    private static final class Score {
        final String metric;
        final double majority;

        private Score(String metric, double majority) {
            this.metric = metric;
            this.majority = majority;
        }

        static Score of(int[] classes, boolean regression, boolean multiLabel) {
            if (regression) {
                return new Score("R^2", 0);
            }
            Map<Integer, Integer> counts = new HashMap<>();
            for (int c : classes) {
                counts.merge(c, 1, Integer::sum);
            }
            int most = counts.values().stream().max(Integer::compare).orElse(1);
            int least = counts.values().stream().min(Integer::compare).orElse(1);
            String metric = multiLabel ? "micro-F1" : most > IMBALANCE * least ? "macro-F1" : "accuracy";
            return new Score(metric, (double) most / classes.length);
        }

        double score(Evaluation e) {
            if (e.classification() != null && metric.equals("macro-F1")) {
                return e.classification().macroF1();
            }
            return e.score();
        }

        /** At or below what guessing the commonest class scores, or no better than a constant for regression. */
        boolean atChance(Evaluation e) {
            if (e.regression() != null) {
                return !(e.regression().r2() > 0);
            }
            if (e.multiLabel() != null) {
                return !(e.multiLabel().microF1() > 0.05);
            }
            return !(e.classification().accuracy() > majority + 0.005);
        }
    }
}
