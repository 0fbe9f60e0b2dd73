package org.fenlei.train;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import org.fenlei.model.Task;
import org.fenlei.nn.Network;
import org.fenlei.nn.SparseLinear;
import org.fenlei.nn.TokenBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Fits a {@link SparseLinear} model to convergence by dual coordinate descent, one binary problem per output
 * (one-vs-rest for several classes and for multi-label data), the problems spread over the threads: the SVM by
 * {@link DualCoordinateDescent} (Hsieh et al. 2008) on flat arrays, logistic regression (Yu, Huang &amp; Lin 2011)
 * and regression by liblinear. Two feature weightings:
 * <ul>
 * <li>{@code nb*}: NBSVM (Wang &amp; Manning 2012): binary features scaled per class by the naive-Bayes log-count
 * ratio r = log((p / |p|_1) / (q / |q|_1)), p and q the feature counts in and out of the class plus alpha = 1;
 * the fitted w is interpolated towards its mean magnitude, w' = (1 - beta) mean|w| + beta w with beta = 0.25, and
 * folded into the stored weights as r * w' (no bias, as in the paper's NBSVM);</li>
 * <li>{@code tfidf*}: x = (1 + ln tf) * idf, idf = ln((1 + n) / (1 + df)) + 1 (scikit-learn's smoothed idf), divided
 * by its L2 norm, with a bias.</li>
 * </ul>
 * {@code *-svm} minimises the squared hinge loss, {@code *-lr} the logistic loss, whose scores are log-odds. Dense
 * features may stand beside the sparse ones in the same problem ({@link Dense}: a fused model's encoder vectors,
 * {@link FusedTrainer}).
 */
public final class LinearTrainer {
    /** TF-IDF features with a linear SVM (or, for values, support vector regression). */
    public static final String TFIDF_SVM = "tfidf-svm";
    static final double NB_ALPHA = 1;
    private static final double NB_BETA = 0.25;
    /** liblinear's stopping tolerance for its dual solvers. */
    private static final double EPSILON = 0.1;

    static {
        // liblinear prints its iterations to stdout unless told not to
        Linear.disableDebugOutput();
    }

    private LinearTrainer() {
    }

    /** The default C of each solver: NBSVM's 1 and, for TF-IDF, the C that the shared sets agree on. */
    public static double defaultCost(String solver) {
        return switch (solver) {
            case "tfidf-lr" -> 10;
            default -> 1;
        };
    }

    /**
     * A solver and its C, with its validation score and the temperature that calibrates its scores on the texts it
     * was validated on ({@link TemperatureScaling}; NaN for regression and multi-label data).
     */
    public record Choice(String solver, double cost, double score, double temperature) {
        Choice(String solver, double cost) {
            this(solver, cost, Double.NaN, Double.NaN);
        }
    }

    /**
     * A setting's validation: its score, and the held-out texts' logits (texts x outputs) with their classes, each
     * text held out once.
     */
    record Validation(double score, float[] logits, int[] classes) {
    }

    /** Data up to this many texts is cross-validated in {@value #FOLDS} folds; larger data holds out a fifth once. */
    public static final int CROSS_VALIDATED = 10_000;
    static final int FOLDS = 5;

    /**
     * Chooses the solver and C for {@link TrainingConfig#LINEAR_AUTO}: NBSVM, which wins on sentiment and
     * other short-phrase cues, or TF-IDF with a linear SVM, which wins on topics, each at C = 1 and, on data
     * small enough to make it cheap, C = 3; by accuracy (micro-F1 for multi-label data) in stratified 5-fold
     * cross-validation, or on a held-out fifth of larger data. Regression takes tfidf-svm.
     */
    public static Choice choose(int features, int outputs, Task task, EncodedDataset data, TrainingConfig config) {
        if (task == Task.REGRESSION) {
            return new Choice(TFIDF_SVM, defaultCost(TFIDF_SVM));
        }
        boolean small = data.size() <= CROSS_VALIDATED;
        List<Choice> candidates = new ArrayList<>(List.of(new Choice("nbsvm", 1), new Choice(TFIDF_SVM, 1)));
        if (small) {
            candidates.add(new Choice("nbsvm", 3));
            candidates.add(new Choice(TFIDF_SVM, 3));
        }
        int[] fold = folds(data, config);
        // the texts as distinct ids and counts once; each fold and candidate takes its rows of them
        Rows all = Rows.of(data, features, true, config.effectiveThreads());
        // the candidates side by side, each on its share of the threads: a binary problem's fit is one thread
        int threads = config.effectiveThreads();
        TrainingConfig each = config.withThreads(Math.max(1, threads / candidates.size()));
        List<Validation> scored = inParallel(Math.min(threads, candidates.size()), candidates.stream()
                .<Callable<Validation>>map(c -> () -> validate(features, outputs, task, data, all, fold, c.solver(),
                        c.cost(), each))
                .toList(), "choosing the linear solver");
        int best = 0;
        for (int c = 1; c < candidates.size(); c++) {
            if (scored.get(c).score() > scored.get(best).score()) {
                best = c;
            }
        }
        Validation v = scored.get(best);
        return new Choice(candidates.get(best).solver(), candidates.get(best).cost(), v.score(),
                temperature(task, outputs, v));
    }

    /**
     * The temperature of held-out scores, fitted on the texts the fits did not see (Platt's idea, a scale only); NaN
     * for multi-label data and regression.
     */
    static double temperature(Task task, int outputs, Validation v) {
        return task == Task.BINARY || task == Task.MULTICLASS
                ? TemperatureScaling.fit(task.loss(), v.logits(), outputs, v.classes()) : Double.NaN;
    }

    /** The results of {@code jobs}, in their order, run on {@code threads} threads. */
    private static <T> List<T> inParallel(int threads, List<Callable<T>> jobs, String doing) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "fenlei-linear");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> job : jobs) {
                futures.add(pool.submit(job));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each text's fold for choosing a setting: one of {@value #FOLDS} stratified folds of data up to
     * {@link #CROSS_VALIDATED} texts; above that 0 for a held-out fifth and 1 for the rest.
     */
    static int[] folds(EncodedDataset data, TrainingConfig config) {
        int[] classes = new int[data.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = firstClass(data, i);
        }
        if (data.size() <= CROSS_VALIDATED) {
            return StratifiedSplit.folds(classes, FOLDS, config.seed() + 3);
        }
        int[] fold = new int[data.size()];
        Arrays.fill(fold, 1);
        for (int r : StratifiedSplit.of(classes, 0.2, config.seed() + 3).test()) {
            fold[r] = 0;
        }
        return fold;
    }

    /**
     * The score of a solver and C, trained on all folds but one and scored on that one, for each fold that holds
     * out texts ({@link #folds}): accuracy, or micro-F1 for multi-label data.
     */
    static Validation validate(int features, int outputs, Task task, EncodedDataset data, Rows all, int[] fold,
                               String solver, double cost, TrainingConfig config) {
        int folds = data.size() <= CROSS_VALIDATED ? FOLDS : 1;
        long right = 0;
        long total = 0;
        int held = 0;
        for (int i : fold) {
            held += i < folds ? 1 : 0;
        }
        float[] logits = new float[held * outputs];
        int[] classes = new int[held];
        int at = 0;
        for (int f = 0; f < folds; f++) {
            int[] train = rows(fold, f, false);
            int[] test = rows(fold, f, true);
            SparseLinear candidate = new SparseLinear(features, outputs);
            Rows heldRows = all.subset(test);
            float[] dense = all.dense == null ? null : new float[outputs * all.dense.dim()];
            fit(candidate, task, data.subset(train), all.subset(train), solver, cost, config, dense);
            EncodedDataset heldData = data.subset(test);
            long[] counts = score(candidate, task, heldData, heldRows.dense, dense, logits, at * outputs);
            for (int i = 0; i < test.length; i++) {
                classes[at + i] = firstClass(heldData, i);
            }
            at += test.length;
            right += counts[0];
            total += counts[1];
        }
        return new Validation(total == 0 ? 0 : (double) right / total, logits, classes);
    }

    private static int firstClass(EncodedDataset data, int i) {
        int width = data.width();
        if (width == 1) {
            return Math.max(0, Math.round(data.target(i)));
        }
        for (int k = 0; k < width; k++) {
            if (data.targets()[i * width + k] > 0.5f) {
                return k;
            }
        }
        return 0;
    }

    private static int[] rows(int[] fold, int f, boolean in) {
        return IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == in).toArray();
    }

    /**
     * Right and total decisions of {@code net} on {@code data}: texts classified right, or for multi-label data
     * twice the true positives and the sum of predicted and true labels, whose ratio is micro-F1; {@code dense}
     * (or null) adds its texts' dense features times {@code weights} to the logits. Text i's logits go to
     * {@code logitsOut} from {@code offset + i * outputs}.
     */
    private static long[] score(SparseLinear net, Task task, EncodedDataset data, Dense dense, float[] weights,
                                float[] logitsOut, int offset) {
        int k = net.outputs();
        Network.Pass pass = net.newPass(256);
        TokenBatch batch = new TokenBatch();
        long right = 0;
        long total = 0;
        for (int start = 0; start < data.size(); start += 256) {
            batch.clear();
            int end = Math.min(data.size(), start + 256);
            for (int i = start; i < end; i++) {
                batch.add(data.document(i));
            }
            float[] logits = pass.forward(batch);
            for (int i = start; i < end; i++) {
                int o = (i - start) * k;
                if (dense != null) {
                    dense.addLogits(i, weights, logits, o, k);
                }
                System.arraycopy(logits, o, logitsOut, offset + i * k, k);
                if (task == Task.MULTILABEL) {
                    for (int c = 0; c < k; c++) {
                        boolean predicted = logits[o + c] > 0;
                        boolean truth = data.targets()[i * k + c] > 0.5f;
                        right += predicted && truth ? 2 : 0;
                        total += (predicted ? 1 : 0) + (truth ? 1 : 0);
                    }
                    continue;
                }
                int predicted = 0;
                if (task == Task.BINARY) {
                    predicted = logits[o] > 0 ? 1 : 0;
                } else {
                    for (int c = 1; c < k; c++) {
                        predicted = logits[o + c] > logits[o + predicted] ? c : predicted;
                    }
                }
                right += predicted == Math.round(data.target(i)) ? 1 : 0;
                total++;
            }
        }
        return new long[] {right, total};
    }

    /** Fits {@code net} to {@code data}; the history holds one entry, with the fit's time and feature count. */
    public static TrainingResult train(SparseLinear net, Task task, EncodedDataset data, TrainingConfig config,
                                       TrainingListener listener) {
        String solver = solver(config, "the linear model");
        long start = System.nanoTime();
        listener.onEpochStart(1, 1, 1);
        Rows rows = Rows.of(data, net.weight().rows(), !solver.startsWith("nb"), config.effectiveThreads());
        long entries = fit(net, task, data, rows, solver, cost(config, solver), config, null);
        return oneFit(start, entries, listener);
    }

    /** The solver {@code config} names, refused unless it is one of the four; {@code fitted} names the model. */
    static String solver(TrainingConfig config, String fitted) {
        String solver = config.optimizer();
        if (!TrainingConfig.LINEAR_SOLVERS.contains(solver)) {
            throw new IllegalArgumentException(fitted + " is fitted by nbsvm, nblr, tfidf-svm or tfidf-lr (auto "
                    + "chooses between them before training), not " + solver);
        }
        return solver;
    }

    /** The C that {@code config} sets, or the solver's default. */
    static double cost(TrainingConfig config, String solver) {
        return config.cost() > 0 ? config.cost() : defaultCost(solver);
    }

    /** The one-entry history of a fit begun at {@code start} that saw {@code entries} feature values. */
    static TrainingResult oneFit(long start, long entries, TrainingListener listener) {
        return oneFit(start, entries, listener, Double.NaN);
    }

    /** {@link #oneFit(long, long, TrainingListener)} with the temperature the fit's choice fitted. */
    static TrainingResult oneFit(long start, long entries, TrainingListener listener, double temperature) {
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochStats stats = new EpochStats(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds, entries);
        listener.onEpochEnd(stats);
        return new TrainingResult(List.of(stats), 1, false, temperature);
    }

    /** How a setting is chosen on {@code texts} training texts: "5-fold cross-validated" or "held-out". */
    public static String validation(int texts) {
        return texts <= CROSS_VALIDATED ? FOLDS + "-fold cross-validated" : "held-out";
    }

    /**
     * Fits every output of {@code net} to {@code data}, whose texts {@code rows} holds as distinct ids (with counts
     * for TF-IDF) and, if it has them, dense features, whose weights go to {@code denseWeights} (K, dim); returns
     * the number of non-zero feature values the solver saw.
     */
    static long fit(SparseLinear net, Task task, EncodedDataset data, Rows rows, String solver, double cost,
                    TrainingConfig config, float[] denseWeights) {
        return fit(net, data, rows, solver, cost, task == Task.REGRESSION, output -> rows.targets(data, task, output),
                config, denseWeights);
    }

    /**
     * Fits a distilled student: each output by L2-loss support vector regression on TF-IDF features to the teacher's
     * logit for it ({@code data}'s targets: K logits and the gold class per text, {@code DistillationLoss}'s), which
     * is Tang et al.'s squared error on the logits for a solver that takes no soft targets; C as the model's
     * tfidf-svm. The history holds one entry.
     */
    public static TrainingResult distil(SparseLinear net, EncodedDataset data, TrainingConfig config,
                                        TrainingListener listener) {
        long start = System.nanoTime();
        listener.onEpochStart(1, 1, 1);
        Rows rows = Rows.of(data, net.weight().rows(), true, config.effectiveThreads());
        int width = data.width();
        float[] targets = data.targets();
        long entries = fit(net, data, rows, TFIDF_SVM, cost(config, TFIDF_SVM), true, output -> {
            double[] y = new double[data.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = targets[i * width + output];
            }
            return y;
        }, config, null);
        return oneFit(start, entries, listener);
    }

    /**
     * Fits every output to the values or +1 / -1 sides {@code targets} gives for it: {@code regression} by support
     * vector regression, else by the solver's classifier with each side's mean weight in {@code data}.
     */
    private static long fit(SparseLinear net, EncodedDataset data, Rows rows, String solver, double cost,
                            boolean regression, IntFunction<double[]> targets, TrainingConfig config,
                            float[] denseWeights) {
        boolean nb = solver.startsWith("nb");
        if (nb && regression) {
            throw new IllegalArgumentException("naive-Bayes weighting needs classes; regression takes tfidf-svm or "
                    + "tfidf-lr");
        }
        SolverType type = regression ? SolverType.L2R_L2LOSS_SVR_DUAL
                : solver.endsWith("lr") ? SolverType.L2R_LR_DUAL
                : SolverType.L2R_L2LOSS_SVC_DUAL;
        int features = net.weight().rows();
        int outputs = net.outputs();
        float[] scale = net.scale().value();
        float[] transform = net.transform().value();
        if (nb) {
            Arrays.fill(scale, 1f);
            transform[SparseLinear.SUBLINEAR] = 0;
            transform[SparseLinear.NORMALISE] = 0;
        } else {
            rows.idf(scale);
            transform[SparseLinear.SUBLINEAR] = 1;
            transform[SparseLinear.NORMALISE] = 1;
        }
        float[] w = net.weight().value();
        float[] b = net.bias().value();
        Arrays.fill(w, 0f);
        Arrays.fill(b, 0f);
        // TF-IDF values are the same for every output: one copy of the texts serves every problem
        Texts shared = nb ? null : rows.texts(null, scale, true);
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            int output = k;
            jobs.add(() -> {
                double[] y = targets.apply(output);
                double[] r = nb ? rows.nbRatios(y, NB_ALPHA) : null;
                Texts texts = nb ? rows.texts(r, scale, false) : shared;
                // the dual solvers visit the examples in a random order: one generator per problem keeps the fit
                // the same whichever thread solves it
                Random random = new Random(config.seed() + output);
                double[] sides = regression ? null : rows.classWeights(data, y);
                double[] fitted = type == SolverType.L2R_L2LOSS_SVC_DUAL
                        ? DualCoordinateDescent.fit(texts.ids(), texts.values(), y, texts.width(),
                                new double[] {cost * sides[0], cost * sides[1]}, EPSILON, random)
                        : liblinear(texts, y, type, cost, sides, random);
                store(fitted, r, !nb, features, outputs, output, w, b, rows.dense, denseWeights);
                return null;
            });
        }
        inParallel(Math.min(outputs, config.effectiveThreads()), jobs, "fitting the linear model");
        return rows.entries + (rows.dense == null ? 0 : (long) rows.ids.length * rows.dense.dim());
    }

    /**
     * The weights liblinear fits to {@code texts} with labels (or values) {@code y}, the +1 side's first: its
     * solvers for logistic regression and regression. {@code sides}: the C multipliers of the +1 and -1 sides, or
     * null for regression.
     */
    private static double[] liblinear(Texts texts, double[] y, SolverType type, double cost, double[] sides,
                                      Random random) {
        Problem problem = new Problem();
        problem.l = y.length;
        problem.n = texts.width();
        // a bias, when there is one, is already the texts' last feature
        problem.bias = -1;
        problem.y = y;
        problem.x = new Feature[y.length][];
        for (int i = 0; i < y.length; i++) {
            int[] ids = texts.ids()[i];
            // liblinear wants a text's features in ascending order: (id, place) pairs sorted as one number
            long[] order = new long[ids.length];
            for (int j = 0; j < ids.length; j++) {
                order[j] = (long) ids[j] << 32 | j;
            }
            Arrays.sort(order);
            Feature[] x = new Feature[ids.length];
            for (int j = 0; j < ids.length; j++) {
                // liblinear numbers features from 1
                x[j] = new FeatureNode((int) (order[j] >>> 32) + 1, texts.values()[i][(int) order[j]]);
            }
            problem.x[i] = x;
        }
        Parameter parameter = new Parameter(type, cost, EPSILON);
        parameter.setRandom(random);
        if (sides != null) {
            parameter.setWeights(sides, new int[] {1, -1});
        }
        Model model = Linear.train(problem, parameter);
        double[] fitted = model.getFeatureWeights();
        if (sides != null && model.getLabels()[0] != 1) {
            for (int f = 0; f < fitted.length; f++) {
                fitted[f] = -fitted[f];
            }
        }
        return fitted;
    }

    /**
     * Copies one fitted problem, its weights oriented to the +1 side, into column {@code output}. NBSVM's
     * interpolation ({@code r} given), (1 - beta) mean|w| + beta w, moves the sparse weights towards multinomial
     * naive Bayes; dense features beside them keep beta times their weights, so that the fitted score keeps its
     * balance of sparse and dense parts within the interpolation.
     */
    private static void store(double[] fitted, double[] r, boolean bias, int features, int outputs, int output,
                              float[] w, float[] b, Dense dense, float[] denseWeights) {
        boolean nb = r != null;
        double beta = nb ? NB_BETA : 1;
        double mean = 0;
        if (nb) {
            for (int f = 0; f < features; f++) {
                mean += Math.abs(fitted[f]);
            }
            mean /= features;
        }
        for (int f = 0; f < features; f++) {
            double v = fitted[f];
            if (nb) {
                v = r[f] * ((1 - beta) * mean + beta * v);
            }
            w[f * outputs + output] = (float) v;
        }
        int extra = 0;
        if (dense != null) {
            extra = dense.dim();
            for (int d = 0; d < extra; d++) {
                denseWeights[output * extra + d] = (float) (beta * fitted[features + d] * dense.scale());
            }
        }
        b[output] = bias ? (float) fitted[features + extra] : 0f;
    }

    /**
     * Texts as a solver sees them: text i's features {@code ids[i]} (numbered from 0, dense features and the bias
     * after the sparse ones) with values {@code values[i]}; {@code width} features in all.
     */
    record Texts(int[][] ids, float[][] values, int width) {
    }

    /**
     * Dense features of each text beside its sparse ones (a pretrained encoder's vector of it): text i's are
     * {@code rows[i]} times {@code scale}.
     */
    record Dense(float[][] rows, int dim, double scale) {
        Dense subset(int[] indices) {
            float[][] some = new float[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                some[i] = rows[indices[i]];
            }
            return new Dense(some, dim, scale);
        }

        Dense withScale(double s) {
            return new Dense(rows, dim, s);
        }

        /** Adds text i's dense features times {@code weights} (K, dim) to {@code logits[o, o + k)}. */
        void addLogits(int i, float[] weights, float[] logits, int o, int k) {
            float[] x = rows[i];
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int d = 0; d < dim; d++) {
                    sum += x[d] * weights[c * dim + d];
                }
                logits[o + c] += (float) sum;
            }
        }
    }

    /** The training texts as sorted distinct feature ids with their term counts, built once for every problem. */
    static final class Rows {
        final int[][] ids;
        final float[][] counts;
        final int features;
        final long entries;
        /** The texts' dense features, or null. */
        final Dense dense;

        private Rows(int[][] ids, float[][] counts, int features, long entries, Dense dense) {
            this.ids = ids;
            this.counts = counts;
            this.features = features;
            this.entries = entries;
            this.dense = dense;
        }

        /** These rows with {@code d}'s dense features (one row for each text). */
        Rows withDense(Dense d) {
            return new Rows(ids, counts, features, entries, d);
        }

        /**
         * Each text's distinct feature ids, in the order first seen, with their term counts if {@code keepCounts};
         * the out-of-vocabulary id (0) and ids from {@code features} on are left out. A mark per feature finds a
         * repeat without sorting the text. The texts are shared among {@code threads} threads.
         */
        static Rows of(EncodedDataset data, int features, boolean keepCounts, int threads) {
            int n = data.size();
            int[][] ids = new int[n][];
            float[][] counts = keepCounts ? new float[n][] : null;
            int parts = Math.max(1, Math.min(threads, n / 256));
            inParallel(parts, IntStream.range(0, parts).<Callable<Void>>mapToObj(p -> () -> {
                // seen[f]: the text (numbered from 1) that last had feature f, at[f]: its place in that text's row
                int[] seen = new int[features];
                int[] at = new int[features];
                int[] row = new int[16];
                float[] c = new float[16];
                for (int i = (int) ((long) p * n / parts); i < (int) ((long) (p + 1) * n / parts); i++) {
                    int[] doc = data.document(i);
                    if (doc.length > row.length) {
                        row = new int[doc.length];
                        c = new float[doc.length];
                    }
                    int k = 0;
                    for (int id : doc) {
                        if (id <= 0 || id >= features) {
                            continue;
                        }
                        if (seen[id] != i + 1) {
                            seen[id] = i + 1;
                            at[id] = k;
                            row[k] = id;
                            c[k++] = 1;
                        } else {
                            c[at[id]]++;
                        }
                    }
                    ids[i] = Arrays.copyOf(row, k);
                    if (counts != null) {
                        counts[i] = Arrays.copyOf(c, k);
                    }
                }
                return null;
            }).toList(), "reading the texts' features");
            long entries = Arrays.stream(ids).mapToLong(row -> row.length).sum();
            return new Rows(ids, counts, features, entries, null);
        }

        /** The texts {@code indices} (into these rows), sharing their arrays. */
        Rows subset(int[] indices) {
            int[][] someIds = new int[indices.length][];
            float[][] someCounts = counts == null ? null : new float[indices.length][];
            long n = 0;
            for (int i = 0; i < indices.length; i++) {
                someIds[i] = ids[indices[i]];
                if (someCounts != null) {
                    someCounts[i] = counts[indices[i]];
                }
                n += someIds[i].length;
            }
            return new Rows(someIds, someCounts, features, n, dense == null ? null : dense.subset(indices));
        }

        /** scikit-learn's smoothed idf, written into {@code scale}; the out-of-vocabulary id gets 0. */
        void idf(float[] scale) {
            int[] df = new int[features];
            for (int[] row : ids) {
                for (int id : row) {
                    df[id]++;
                }
            }
            int n = ids.length;
            for (int f = 0; f < features; f++) {
                scale[f] = f == 0 ? 0f : (float) (Math.log((1.0 + n) / (1.0 + df[f])) + 1);
            }
        }

        /** +1 / -1 per text for a class or label, or the value for regression. */
        double[] targets(EncodedDataset data, Task task, int output) {
            double[] y = new double[ids.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = switch (task) {
                    case REGRESSION -> data.target(i);
                    case BINARY -> data.target(i) > 0.5f ? 1 : -1;
                    case MULTILABEL -> data.targets()[i * data.width() + output] > 0.5f ? 1 : -1;
                    default -> Math.round(data.target(i)) == output ? 1 : -1;
                };
            }
            return y;
        }

        /** Wang &amp; Manning's log-count ratio of each feature for the +1 texts against the rest. */
        double[] nbRatios(double[] y, double alpha) {
            double[] p = new double[features];
            double[] q = new double[features];
            Arrays.fill(p, alpha);
            Arrays.fill(q, alpha);
            for (int i = 0; i < ids.length; i++) {
                double[] side = y[i] > 0 ? p : q;
                for (int id : ids[i]) {
                    side[id]++;
                }
            }
            double sp = Arrays.stream(p).sum();
            double sq = Arrays.stream(q).sum();
            double[] r = new double[features];
            for (int f = 1; f < features; f++) {
                r[f] = Math.log(p[f] / sp) - Math.log(q[f] / sq);
            }
            return r;
        }

        /**
         * The texts as the solvers see them: binary features times r (NB, {@code r} given), or normalised TF-IDF,
         * then the dense features, then a bias of 1 if {@code bias}.
         */
        Texts texts(double[] r, float[] scale, boolean bias) {
            int extra = dense == null ? 0 : dense.dim();
            int more = extra + (bias ? 1 : 0);
            int[][] x = more == 0 ? ids : new int[ids.length][];
            float[][] values = new float[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                int[] row = ids[i];
                float[] v = new float[row.length + more];
                if (r != null) {
                    for (int j = 0; j < row.length; j++) {
                        v[j] = (float) r[row[j]];
                    }
                } else {
                    double norm = 0;
                    for (int j = 0; j < row.length; j++) {
                        float c = counts[i][j];
                        // most terms occur once: 1 + ln 1 is 1
                        v[j] = (float) ((c == 1 ? 1 : 1 + Math.log(c)) * scale[row[j]]);
                        norm += (double) v[j] * v[j];
                    }
                    float inverse = (float) (norm > 0 ? 1 / Math.sqrt(norm) : 1);
                    for (int j = 0; j < row.length; j++) {
                        v[j] *= inverse;
                    }
                }
                if (more > 0) {
                    int[] xi = Arrays.copyOf(row, row.length + more);
                    for (int d = 0; d < extra; d++) {
                        xi[row.length + d] = features + d;
                        v[row.length + d] = (float) (dense.rows()[i][d] * dense.scale());
                    }
                    if (bias) {
                        xi[row.length + extra] = features + extra;
                        v[row.length + extra] = 1;
                    }
                    x[i] = xi;
                }
                values[i] = v;
            }
            return new Texts(x, values, features + more);
        }

        /** The C multipliers of the +1 and -1 sides: the mean weight of their texts (1 without class weights). */
        double[] classWeights(EncodedDataset data, double[] y) {
            double[] sum = new double[2];
            int[] count = new int[2];
            for (int i = 0; i < y.length; i++) {
                int side = y[i] > 0 ? 0 : 1;
                sum[side] += data.weight(i);
                count[side]++;
            }
            return new double[] {count[0] == 0 ? 1 : sum[0] / count[0], count[1] == 0 ? 1 : sum[1] / count[1]};
        }
    }
}
