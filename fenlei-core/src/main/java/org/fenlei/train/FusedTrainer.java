package org.fenlei.train;

import org.fenlei.model.Task;
import org.fenlei.nn.FusedNetwork;
import org.fenlei.nn.SparseLinear;
import org.fenlei.nn.TransformerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fits a {@link FusedNetwork}'s head as one linear model over two blocks of features: the text's words and word
 * n-grams, weighted as the linear model weighs them ({@link LinearTrainer}), and the frozen encoder's pooled vector
 * of it, computed once (cached on disk, as {@link FrozenEncoderTrainer} does). The vectors are divided by their
 * mean length and multiplied by a weight, chosen on held-out texts, that sets how much the L2 penalty lets the
 * encoder's block count against the words'; the solver fits both blocks together, and the encoder's block's
 * weights become its output layer.
 */
public final class FusedTrainer {
    /** The encoder block's length against the word block's mean length: the candidates tried. */
    private static final double[] WEIGHTS = {0.25, 0.5, 1, 2};

    private FusedTrainer() {
    }

    /** The word features of each document, as rows of the network's {@link FusedNetwork#words}. */
    public static EncodedDataset words(FusedNetwork net, EncodedDataset data) {
        return part(net, data, false);
    }

    /** The WordPiece part of each document, as the encoder reads it. */
    static EncodedDataset pieces(FusedNetwork net, EncodedDataset data) {
        return part(net, data, true);
    }

    private static EncodedDataset part(FusedNetwork net, EncodedDataset data, boolean pieces) {
        int tokens = net.tokens();
        List<int[]> docs = new ArrayList<>(data.size());
        for (int[] doc : data.documents()) {
            int n = 0;
            for (int id : doc) {
                n += (id < tokens) == pieces ? 1 : 0;
            }
            int[] part = new int[n];
            int k = 0;
            for (int id : doc) {
                if ((id < tokens) == pieces) {
                    part[k++] = pieces ? id : id - tokens;
                }
            }
            docs.add(part);
        }
        return data.withDocuments(docs);
    }

    /**
     * Fits the head with the solver and C of {@code config} (chosen beforehand on the word features alone), after
     * choosing the encoder block's weight; the history holds one entry.
     */
    public static TrainingResult train(FusedNetwork net, Task task, EncodedDataset data, TrainingConfig config,
                                       TrainingListener listener) {
        String solver = LinearTrainer.solver(config, "a fused model's head");
        double cost = LinearTrainer.cost(config, solver);
        TransformerNetwork encoder = net.encoder();
        float[] pooled = FrozenEncoderTrainer.encode(encoder, pieces(net, data),
                FrozenEncoderTrainer.cache(encoder, null), config, listener);
        long start = System.nanoTime();
        listener.onEpochStart(1, 1, 1);
        SparseLinear words = net.words();
        EncodedDataset wordData = words(net, data);
        LinearTrainer.Rows rows = LinearTrainer.Rows.of(wordData, words.weight().rows(), !solver.startsWith("nb"),
                config.effectiveThreads());
        double length = meanLength(pooled, encoder.dim());
        LinearTrainer.Dense dense = rowsOf(pooled, encoder.dim(), 1 / length);
        double base = wordBlockLength(rows, wordData, task, solver);
        int[] fold = LinearTrainer.folds(wordData, config);
        LinearTrainer.Validation best = null;
        double chosen = WEIGHTS[0];
        StringBuilder scores = new StringBuilder();
        for (double weight : WEIGHTS) {
            LinearTrainer.Validation v = LinearTrainer.validate(words.weight().rows(), words.outputs(), task,
                    wordData, rows.withDense(dense.withScale(weight * base)), fold, solver, cost, config);
            scores.append(String.format(Locale.ROOT, " %s: %.4f", weight, v.score()));
            if (best == null || v.score() > best.score()) {
                best = v;
                chosen = weight;
            }
        }
        listener.onChoice(String.format(Locale.ROOT, "fused head: encoder block weight %s (%s%s)", chosen,
                LinearTrainer.validation(wordData.size()), scores));
        float[] denseWeights = new float[words.outputs() * encoder.dim()];
        long entries = LinearTrainer.fit(words, task, wordData, rows.withDense(dense.withScale(chosen * base)),
                solver, cost, config, denseWeights);
        // the encoder's output layer reads the pooled vector itself: fold in the division by the mean length
        float[] w = encoder.output().weight().value();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (denseWeights[i] / length);
        }
        Arrays.fill(encoder.output().bias().value(), 0f);
        // the chosen weight's held-out scores calibrate the head, as the linear model's choice does
        return LinearTrainer.oneFit(start, entries, listener, LinearTrainer.temperature(task, words.outputs(), best));
    }

    /** The mean L2 length of the vectors (N, dim); 1 if they are all zero. */
    private static double meanLength(float[] vectors, int dim) {
        int n = vectors.length / dim;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int d = i * dim; d < (i + 1) * dim; d++) {
                s += (double) vectors[d] * vectors[d];
            }
            sum += Math.sqrt(s);
        }
        return sum > 0 ? sum / n : 1;
    }

    /** The vectors (N, dim) as one row per text, each times {@code factor}. */
    private static LinearTrainer.Dense rowsOf(float[] vectors, int dim, double factor) {
        float[][] rows = new float[vectors.length / dim][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[dim];
            for (int d = 0; d < dim; d++) {
                rows[i][d] = (float) (vectors[i * dim + d] * factor);
            }
        }
        return new LinearTrainer.Dense(rows, dim, 1);
    }

    /**
     * The mean L2 length of a text's word features as the solver weighs them: 1 for L2-normalised TF-IDF; for
     * NBSVM the length of its log-count ratios over the text's features (of the first output's problem).
     */
    private static double wordBlockLength(LinearTrainer.Rows rows, EncodedDataset data, Task task, String solver) {
        if (!solver.startsWith("nb") || rows.ids.length == 0) {
            return 1;
        }
        double[] r = rows.nbRatios(rows.targets(data, task, 0), LinearTrainer.NB_ALPHA);
        double sum = 0;
        for (int[] text : rows.ids) {
            double s = 0;
            for (int id : text) {
                s += r[id] * r[id];
            }
            sum += Math.sqrt(s);
        }
        return Math.max(sum / rows.ids.length, 1e-6);
    }
}
