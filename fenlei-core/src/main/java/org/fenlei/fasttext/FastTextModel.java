package org.fenlei.fasttext;

import org.fenlei.Classifier;
import org.fenlei.Prediction;
import org.fenlei.ScoredLabel;
import org.fenlei.model.ModelFormatException;
import org.fenlei.nn.HuffmanTree;
import org.fenlei.text.IntList;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A supervised model made by the C++ fastText tool ({@code .bin}, or quantised {@code .ftz}), predicting what the
 * tool's {@code predict-prob} prints: the same labels in the same order with the same probabilities. Input text is
 * taken as fastText takes it, split on white space, so give it text normalised the way the training data was.
 * Immutable and thread-safe.
 */
public final class FastTextModel implements Classifier {
    /** fastText's file magic and the one format version written since 2017. */
    public static final int MAGIC = 793712314;
    private static final int VERSION = 12;
    private static final int MAX_SIGMOID = 8;
    private static final int SIGMOID_TABLE_SIZE = 512;
    private static final float[] SIGMOID = sigmoidTable();

    private final FastTextArgs args;
    private final FastTextDictionary dictionary;
    private final FastTextMatrix input;
    private final FastTextMatrix output;
    private final HuffmanTree tree;
    private final List<String> labels;

    private FastTextModel(FastTextArgs args, FastTextDictionary dictionary, FastTextMatrix input,
                          FastTextMatrix output) {
        this.args = args;
        this.dictionary = dictionary;
        this.input = input;
        this.output = output;
        List<String> names = new ArrayList<>(dictionary.labels());
        long[] counts = new long[dictionary.labels()];
        for (int i = 0; i < dictionary.labels(); i++) {
            names.add(dictionary.label(i));
            counts[i] = dictionary.labelCount(i);
        }
        this.labels = List.copyOf(names);
        this.tree = args.loss() == FastTextArgs.LOSS_HS ? new HuffmanTree(counts) : null;
    }

    /**
     * Reads a supervised fastText model.
     *
     * @throws ModelFormatException when the file is not a fastText model, is truncated, is a word-vector model,
     *                              or is of a format version this reader does not know
     */
    public static FastTextModel load(Path file) throws IOException {
        String source = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            LittleEndianReader in = new LittleEndianReader(raw, source);
            int magic = in.readInt("the magic number");
            if (magic != MAGIC) {
                throw new ModelFormatException(source + ": not a fastText model (it does not start with fastText's "
                        + "magic number)");
            }
            int version = in.readInt("the format version");
            if (version != VERSION) {
                throw new ModelFormatException(source + ": fastText format version " + version + "; this reader "
                        + "knows version " + VERSION + " (fastText 0.9 and later). Re-save it with a current fastText");
            }
            FastTextArgs args = FastTextArgs.read(in);
            if (args.model() != FastTextArgs.MODEL_SUPERVISED) {
                throw new ModelFormatException(source + ": a fastText word-vector model (cbow or skipgram), not a "
                        + "classifier; train it with `fasttext supervised`");
            }
            if (args.loss() < FastTextArgs.LOSS_HS || args.loss() > FastTextArgs.LOSS_OVA) {
                throw new ModelFormatException(source + ": unknown fastText loss " + args.loss()
                        + "; the file is corrupted");
            }
            if (args.bucket() < 0 || args.dim() <= 0 || args.wordNgrams() < 1) {
                throw new ModelFormatException(source + ": fastText arguments " + args + " are inconsistent");
            }
            FastTextDictionary dictionary = FastTextDictionary.read(in, args, source);
            boolean quantizedInput = in.readBool("the input quantisation flag");
            FastTextMatrix inputMatrix = FastTextMatrix.read(in, quantizedInput, "input", source);
            if (!quantizedInput && dictionary.pruned()) {
                throw new ModelFormatException(source + ": pruned dictionary with a dense input matrix; the file "
                        + "was written by an old fastText. Re-quantise it with a current fastText");
            }
            boolean quantizedOutput = in.readBool("the output quantisation flag");
            FastTextMatrix outputMatrix = FastTextMatrix.read(in, quantizedOutput, "output", source);
            if (!in.atEnd()) {
                throw new ModelFormatException(source + ": unexpected bytes after the output matrix at byte "
                        + in.position() + "; the file is corrupted or not a fastText model");
            }
            check(inputMatrix.cols() == args.dim() && outputMatrix.cols() == args.dim(), source,
                    "matrix widths " + inputMatrix.cols() + " and " + outputMatrix.cols() + " differ from dim "
                            + args.dim());
            check(outputMatrix.rows() == dictionary.labels(), source, "output matrix has " + outputMatrix.rows()
                    + " rows for " + dictionary.labels() + " labels");
            check(inputMatrix.rows() >= dictionary.words(), source, "input matrix has " + inputMatrix.rows()
                    + " rows for " + dictionary.words() + " words");
            check(dictionary.labels() > 0, source, "the model has no labels");
            return new FastTextModel(args, dictionary, inputMatrix, outputMatrix);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source, null, "model file not found");
        }
    }

    private static void check(boolean ok, String source, String problem) {
        if (!ok) {
            throw new ModelFormatException(source + ": " + problem + "; the file is corrupted");
        }
    }

    /** Label names without fastText's {@code __label__} prefix, in the model's order (most frequent first). */
    @Override
    public List<String> labels() {
        return labels;
    }

    /** "softmax", "hs", "ns" or "ova". */
    public String loss() {
        return args.lossName();
    }

    /** One-vs-all models give each label its own probability. */
    @Override
    public boolean multiLabel() {
        return args.loss() == FastTextArgs.LOSS_OVA;
    }

    public int dimension() {
        return args.dim();
    }

    public boolean quantized() {
        return input instanceof QuantizedMatrix;
    }

    /** A one-line description of the training settings the file records. */
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "fastText supervised, loss %s, dim %d, word n-grams %d, "
                        + "char n-grams %d-%d, %d buckets, %d epochs, %d words, %d labels%s", args.lossName(),
                args.dim(), args.wordNgrams(), args.minn(), args.maxn(), args.bucket(), args.epoch(),
                dictionary.words(), dictionary.labels(), quantized() ? ", quantised" : "");
    }

    /** The {@code topK} best labels as {@link #predict(String, int, double)} gives them, threshold 0. */
    @Override
    public Prediction predict(String text, int topK) {
        Classifier.checkTopK(topK);
        List<ScoredLabel> top = predict(text, topK, 0.0);
        return top.isEmpty() ? new Prediction(null, null, top, null)
                : new Prediction(top.get(0).label(), top.get(0).probability(), top, null);
    }

    @Override
    public List<Prediction> predictAll(List<String> texts, int topK) {
        Prediction[] out = new Prediction[texts.size()];
        IntStream.range(0, texts.size()).parallel().forEach(i -> out[i] = predict(texts.get(i), topK));
        return List.of(out);
    }

    /** The averaged input vector of a text ({@code fasttext print-sentence-vectors}). */
    public float[] sentenceVector(String text) {
        IntList ids = new IntList();
        dictionary.line(text, ids);
        return hidden(ids);
    }

    private float[] hidden(IntList ids) {
        float[] hidden = new float[args.dim()];
        for (int i = 0; i < ids.size(); i++) {
            input.addRowTo(hidden, ids.get(i));
        }
        if (ids.size() > 0) {
            float scale = (float) (1.0 / ids.size());
            for (int j = 0; j < hidden.length; j++) {
                hidden[j] *= scale;
            }
        }
        return hidden;
    }

    /**
     * The {@code k} most probable labels with probability at least {@code threshold}, best first, as
     * {@code fasttext predict-prob} prints them ({@code k <= 0}: every label). The probabilities are the tool's:
     * {@code exp(log(p + 1e-5))}; with hierarchical softmax a product over the tree path.
     */
    public List<ScoredLabel> predict(String text, int k, double threshold) {
        IntList ids = new IntList();
        dictionary.line(text, ids);
        if (ids.size() == 0) {
            return List.of();
        }
        float[] hidden = hidden(ids);
        int limit = k <= 0 ? labels.size() : Math.min(k, labels.size());
        BestLabels best = new BestLabels(limit);
        if (tree != null) {
            search(tree.root(), 0f, hidden, limit, logOf((float) threshold), best);
        } else {
            float[] scores = outputs(hidden);
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] < threshold) {
                    continue;
                }
                float score = logOf(scores[i]);
                if (best.size() == limit && score < best.worst()) {
                    continue;
                }
                best.push(score, i);
                if (best.size() > limit) {
                    best.popWorst();
                }
            }
        }
        best.sort();
        List<ScoredLabel> out = new ArrayList<>(best.size());
        for (int i = 0; i < best.size(); i++) {
            out.add(new ScoredLabel(labels.get(best.label(i)), (float) Math.exp(best.score(i))));
        }
        return out;
    }

    /** Softmax, or an independent sigmoid per label for negative sampling and one-vs-all. */
    private float[] outputs(float[] hidden) {
        float[] out = new float[output.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = output.dotRow(hidden, i);
        }
        if (args.loss() == FastTextArgs.LOSS_SOFTMAX) {
            float max = out[0];
            for (float v : out) {
                max = Math.max(v, max);
            }
            float z = 0f;
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) Math.exp(out[i] - max);
                z += out[i];
            }
            for (int i = 0; i < out.length; i++) {
                out[i] /= z;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = sigmoid(out[i]);
            }
        }
        return out;
    }

    /** {@code HierarchicalSoftmaxLoss::dfs}: best-first search of the tree, pruned by the k-th best score. */
    private void search(int node, float score, float[] hidden, int k, float floor, BestLabels best) {
        if (score < floor || best.size() == k && score < best.worst()) {
            return;
        }
        if (tree.isLeaf(node)) {
            best.push(score, node);
            if (best.size() > k) {
                best.popWorst();
            }
            return;
        }
        float f = output.dotRow(hidden, node - tree.leaves());
        f = (float) (1.0 / (1 + (float) Math.exp(-f)));
        search(tree.left(node), score + logOf((float) (1.0 - f)), hidden, k, floor, best);
        search(tree.right(node), score + logOf(f), hidden, k, floor, best);
    }

    /** fastText's {@code std_log}: log(x + 1e-5), so a probability of 0 has a finite score. */
    private static float logOf(float x) {
        return (float) Math.log(x + 1e-5);
    }

    /** fastText's table sigmoid ({@code Loss::sigmoid}): 512 steps over [-8, 8], 0 and 1 outside. */
    private static float sigmoid(float x) {
        if (x < -MAX_SIGMOID) {
            return 0f;
        }
        if (x > MAX_SIGMOID) {
            return 1f;
        }
        return SIGMOID[(int) ((x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2)];
    }

    private static float[] sigmoidTable() {
        float[] table = new float[SIGMOID_TABLE_SIZE + 1];
        for (int i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
            float x = (float) (i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
            table[i] = (float) (1.0 / (1.0 + (float) Math.exp(-x)));
        }
        return table;
    }
}
