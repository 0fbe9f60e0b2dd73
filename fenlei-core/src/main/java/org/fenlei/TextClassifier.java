package org.fenlei;

import org.fenlei.data.LabeledText;
import org.fenlei.data.ParallelRows;
import org.fenlei.data.ReadOptions;
import org.fenlei.data.ReadSummary;
import org.fenlei.eval.ClassificationReport;
import org.fenlei.eval.Evaluation;
import org.fenlei.eval.Mistake;
import org.fenlei.eval.MultiLabelReport;
import org.fenlei.eval.RegressionReport;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.ModelContents;
import org.fenlei.model.ModelFile;
import org.fenlei.model.ModelFormatException;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.ProductQuantization;
import org.fenlei.model.Provenance;
import org.fenlei.model.Task;
import org.fenlei.model.WeightStorage;
import org.fenlei.nn.BagOfEmbeddings;
import org.fenlei.nn.FoldedBag;
import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.nn.TokenBatch;
import org.fenlei.text.IntList;
import org.fenlei.text.PiiMasker;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A trained text classifier (or regressor): its text pipeline, vocabulary, labels, network and provenance.
 * Immutable once built; every method is thread-safe.
 *
 * <pre>{@code
 * TextClassifier model = TextClassifier.builder().train(Path.of("train.csv"));
 * model.save(Path.of("model.fenlei"));
 * Prediction p = TextClassifier.load(Path.of("model.fenlei")).predict("a wonderful film");
 * }</pre>
 */
public final class TextClassifier implements Classifier {
    public static final String VERSION = "0.1.0";

    private final ModelConfig config;
    private final List<String> labels;
    private final Map<String, Integer> labelIds = new HashMap<>();
    private final Vocabulary vocabulary;
    private final Network network;
    private final Loss loss;
    private final TextAnalyzer analyzer;
    private final Provenance provenance;
    private final PackedBuckets packed;
    private final ProductQuantization quantization;
    /** 1 / the fitted temperature, 1 where none was fitted: applied to the logits before the activation. */
    private final float inverseTemperature;
    /** Makes one thread's prediction pass where the network runs elsewhere (ONNX Runtime); null: its own. */
    private final Supplier<Network.Pass> passes;
    /**
     * Idle per-call buffers, taken by one call at a time. A pool and not a ThreadLocal: a thread-local value that
     * refers back to its model keeps the model alive as long as the thread (a pool thread: for ever), so a
     * process that loads model after model (autotune, serving with reloads) would run out of memory.
     */
    private final Queue<Scratch> scratches = new ConcurrentLinkedQueue<>();
    /** The network folded for prediction, made on first use: a checkpoint's model is saved and never predicts. */
    private FoldedBag folded;
    private boolean foldTried;
    private Explainer explainer;

    TextClassifier(ModelConfig config, List<String> labels, Vocabulary vocabulary, Network network,
                   Provenance provenance) {
        this(config, labels, vocabulary, network, provenance, null, null);
    }

    TextClassifier(ModelConfig config, List<String> labels, Vocabulary vocabulary, Network network,
                   Provenance provenance, PackedBuckets packed, ProductQuantization quantization) {
        this(config, labels, vocabulary, network, provenance, packed, quantization, null);
    }

    private TextClassifier(ModelConfig config, List<String> labels, Vocabulary vocabulary, Network network,
                           Provenance provenance, PackedBuckets packed, ProductQuantization quantization,
                           Supplier<Network.Pass> passes) {
        this.config = config;
        this.labels = List.copyOf(labels);
        for (int i = 0; i < labels.size(); i++) {
            labelIds.put(labels.get(i), i);
        }
        this.vocabulary = vocabulary;
        this.network = network;
        this.loss = config.loss();
        this.analyzer = new TextAnalyzer(config.features(), vocabulary);
        this.provenance = provenance;
        this.packed = packed;
        this.quantization = quantization;
        this.inverseTemperature = config.temperature() == null ? 1f : (float) (1 / config.temperature());
        this.passes = passes;
    }

    public static ClassifierBuilder builder() {
        return new ClassifierBuilder();
    }

    /**
     * A model from its parts, for a trainer outside this package (the Spark module's): the network's parameters
     * hold the weights; {@code labels} are in output order and {@code vocabulary} numbers the table's first rows.
     */
    public static TextClassifier of(ModelConfig config, List<String> labels, Vocabulary vocabulary, Network network,
                                    Provenance provenance) {
        int outputs = config.task().outputs(labels.size());
        if (network.outputs() != outputs) {
            throw new IllegalArgumentException("the network has " + network.outputs() + " outputs, the task and "
                    + labels.size() + " labels need " + outputs);
        }
        return new TextClassifier(config, labels, vocabulary, network, provenance);
    }

    @Override
    public ModelCard card() {
        return new ModelCard(describe(), labels, multiLabel(), ModelCard.thresholds(this),
                config.task().name().toLowerCase(Locale.ROOT), vocabularySize(), config.describeNetwork()
                + (quantization != null ? ", embedding product-quantised" : ""), config, provenance);
    }

    /** This model with another provenance (a search adds its leaderboard). */
    TextClassifier withProvenance(Provenance p) {
        return new TextClassifier(config, labels, vocabulary, network, p, packed, quantization, passes);
    }

    /**
     * This model predicting through {@code passes} instead of its network: each call makes one thread's pass, whose
     * {@link Network.Pass#forward} gives the logits (B, outputs) the network would for the same encoded texts (ONNX
     * Runtime running the exported graph: {@code fenlei-onnxruntime}). Reading, encoding, the temperature, the
     * activation and the reports stay this model's; training and explanations use its own network.
     */
    public TextClassifier withPasses(Supplier<Network.Pass> passes) {
        return new TextClassifier(config, labels, vocabulary, network, provenance, packed, quantization, passes);
    }

    /**
     * Loads a model file.
     *
     * @throws ModelFormatException when the file is not a Fenlei model, is truncated or corrupted, or is newer
     */
    public static TextClassifier load(Path path) throws IOException {
        ModelContents contents = ModelFile.read(path);
        try {
            return of(contents, path);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            // the file passed its checksum, so its parts were written this way, but they do not fit together
            throw new ModelFormatException(path + ": inconsistent model file: " + e.getMessage(), e);
        }
    }

    private static TextClassifier of(ModelContents contents, Path path) {
        ModelConfig config = contents.config();
        Vocabulary vocabulary = new Vocabulary(contents.vocabulary());
        int buckets = config.features().buckets();
        List<ModelContents.Tensor> weights = contents.weights();
        if (weights.isEmpty()) {
            throw new ModelFormatException(path + ": model has no weight tensors");
        }
        if (config.labelThresholds() != null && config.labelThresholds().size() != contents.labels().size()) {
            throw new ModelFormatException(path + ": model has " + config.labelThresholds().size() + " label "
                    + "thresholds for " + contents.labels().size() + " labels");
        }
        ModelContents.Tensor table = weights.get(0);
        // checked before the network is built, which would otherwise allocate whatever the configuration says
        NetworkConfig sizes = config.network().resolve(contents.labels().size());
        int columns = sizes.tableColumns(config.task().outputs(contents.labels().size()));
        int rows = sizes.type().tableRows(sizes, vocabulary.size(), buckets);
        if (table.rows() != rows || table.cols() != columns) {
            throw new ModelFormatException(path + ": the first table is " + table.rows() + "x" + table.cols()
                    + ", the configuration needs " + rows + "x" + columns);
        }
        PackedBuckets packed = buckets > 0 && table.rowIds() != null && table.rows() == vocabulary.size() + buckets
                ? PackedBuckets.of(vocabulary.size(), buckets, table.rowIds()) : null;
        long tableBytes = 4L * (packed != null ? packed.rows() : table.rows()) * table.cols();
        if (tableBytes > Runtime.getRuntime().maxMemory()) {
            throw new ModelFormatException(String.format(Locale.ROOT, "%s: the model's table needs %.1f GB and this "
                    + "JVM may use %.1f GB: raise -Xmx (FENLEI_JAVA_OPTS), or the file is damaged", path,
                    tableBytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
        }
        Network network = config.network().build(vocabulary.size(), packed != null ? packed.rows() : buckets,
                config.task().outputs(contents.labels().size()), 0);
        copyWeights(weights, network.parameters(), packed, vocabulary.size() + buckets, path.toString());
        return new TextClassifier(config, contents.labels(), vocabulary, network, contents.provenance(), packed,
                table.quantization());
    }

    /**
     * Copies a file's tensors into a network's parameters, checking every shape. With {@code packed}, the first
     * tensor is the full table of {@code tableRows} rows and goes into the packed table; otherwise every row is
     * copied (a model to predict with, or to train further).
     */
    static void copyWeights(List<ModelContents.Tensor> weights, List<Parameter> params, PackedBuckets packed,
                            int tableRows, String source) {
        if (params.size() != weights.size()) {
            throw new ModelFormatException(source + ": model has " + weights.size() + " weight tensors, its network "
                    + "needs " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            ModelContents.Tensor t = weights.get(i);
            int rows = i == 0 && packed != null ? tableRows : p.rows();
            if (t.rows() != rows || t.cols() != p.cols()) {
                throw new ModelFormatException(source + ": weight '" + t.name() + "' has shape " + t.rows() + "x"
                        + t.cols() + ", the network needs " + rows + "x" + p.cols());
            }
            if (i == 0 && packed != null) {
                // the stored rows in order are the vocabulary's, then the kept buckets': the packed table's order
                Arrays.fill(p.value(), 0f);
                int[] full = packed.fullRows();
                for (int r = 0, k = 0; r < t.rowIds().length; r++) {
                    while (full[k] < t.rowIds()[r]) {
                        k++;
                    }
                    System.arraycopy(t.values(), r * t.cols(), p.value(), k * t.cols(), t.cols());
                }
            } else {
                float[] values = t.denseValues();
                System.arraycopy(values, 0, p.value(), 0, values.length);
            }
        }
    }

    /** Writes the model atomically: readers of {@code path} see the old file or the new one, never a mix. */
    public void save(Path path) throws IOException {
        save(path, WeightStorage.FLOAT32);
    }

    /** {@link #save(Path)} with the weight matrices stored as {@code storage} says (half floats, 8 bits). */
    public void save(Path path, WeightStorage storage) throws IOException {
        ModelFile.write(path, contents(), storage);
    }

    /**
     * What the model file holds: the configuration, labels, vocabulary, weights and provenance (an exporter's input).
     * The weight arrays are the model's own, not copies: a caller reads them and must not change them.
     */
    public ModelContents contents() {
        List<ModelContents.Tensor> weights = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            if (weights.isEmpty() && packed != null) {
                int[] rows = packed.fullRows();
                weights.add(new ModelContents.Tensor(p.name(), vocabulary.size() + config.features().buckets(),
                        p.cols(), Arrays.copyOf(p.value(), rows.length * p.cols()), rows, quantization));
            } else if (weights.isEmpty() && quantization != null) {
                weights.add(new ModelContents.Tensor(p.name(), p.rows(), p.cols(), p.value(), null, quantization));
            } else {
                // no copy: a built model's weights do not change
                weights.add(new ModelContents.Tensor(p.name(), p.rows(), p.cols(), p.value()));
            }
        }
        return new ModelContents(config, labels, vocabulary.tokens(), weights, provenance);
    }

    /**
     * A smaller copy of this model, as FastText.zip makes one (Joulin et al. 2016): only the {@code cutoff} rows of
     * the embedding table with the largest norms are kept (0 = every non-zero row; words that lose their row leave
     * the vocabulary and count as unknown), and the kept rows are product-quantised in sub-vectors of
     * {@code dsub} values, one byte each. The copy predicts with exactly the values its file will hold.
     */
    public TextClassifier quantize(int cutoff, int dsub) {
        return ModelCompression.compress(this, cutoff, dsub, config.training().seed());
    }

    /** Whether the embedding table is product-quantised. */
    public boolean quantized() {
        return quantization != null;
    }

    Network network() {
        return network;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    PackedBuckets packed() {
        return packed;
    }

    public ModelConfig config() {
        return config;
    }

    /** Class names; index = class id. Empty for regression. */
    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Fenlei %s model, %s, vocabulary %d, %d labels%s",
                config.task().name().toLowerCase(Locale.ROOT), config.describeNetwork(), vocabulary.size(),
                labels.size(), quantization != null ? ", quantised" : "");
    }

    @Override
    public boolean multiLabel() {
        return config.task() == Task.MULTILABEL;
    }

    /** The label's threshold as training tuned it ({@code --tune-thresholds}), or 0.5. */
    @Override
    public double threshold(String label) {
        Integer id = labelIds.get(label);
        if (id == null) {
            throw new IllegalArgumentException("no label '" + label + "' in this model");
        }
        return config.threshold(id);
    }

    public int vocabularySize() {
        return vocabulary.size();
    }

    public Provenance provenance() {
        return provenance;
    }

    /**
     * The vocabulary entries that look like personal data ({@link PiiMasker#kind}), each with its kind, in
     * vocabulary order: what the model file would give away.
     */
    public Map<String, String> personalData() {
        Map<String, String> found = new LinkedHashMap<>();
        for (String token : vocabulary.tokens()) {
            String kind = PiiMasker.kind(token);
            if (kind != null) {
                found.put(token, kind);
            }
        }
        return found;
    }

    /** The features (tokens and n-grams) the model sees for {@code text}. */
    public List<String> features(String text) {
        return analyzer.features(text);
    }

    public Prediction predict(String text) {
        return predict(text, 1);
    }

    /** The best label, its probability and the {@code topK} best labels (all of them when topK exceeds K). */
    @Override
    public Prediction predict(String text, int topK) {
        Classifier.checkTopK(topK);
        return withScratch(s -> {
            s.batch.clear();
            s.batch.add(s.encoder.encode(text));
            return decode(s.pass.forward(s.batch), 0, topK);
        });
    }

    @Override
    public boolean explainable() {
        return network.explainable();
    }

    /** Why the model predicts its best label for {@code text}: see {@link #explain(String, String)}. */
    @Override
    public Explanation explain(String text) {
        return explain(text, null);
    }

    /**
     * Each feature's signed part in {@code label}'s score for {@code text} (null: the predicted label, the value
     * for regression): exact for the fastText-class and linear models, integrated gradients for the others.
     *
     * @throws IllegalArgumentException when the model has no such label
     */
    public Explanation explain(String text, String label) {
        if (!explainable()) {
            return Classifier.super.explain(text);
        }
        Prediction p = predict(text, Math.max(1, labels.size()));
        String explained = label != null ? label : p.label();
        int c = 0;
        double probability = p.value() != null ? p.value() : Double.NaN;
        if (explained != null) {
            Integer id = labelIds.get(explained);
            if (id == null) {
                throw new IllegalArgumentException("no label '" + explained + "' in this model; its labels: " + labels);
            }
            c = id;
            probability = p.top().stream().filter(s -> s.label().equals(explained)).findFirst().orElseThrow()
                    .probability();
        }
        IntList ids = new IntList();
        List<String> names = new ArrayList<>();
        analyzer.encodeNamed(text, vocabulary, ids, names);
        int[] document = packed == null ? ids.toArray() : packed.pack(ids.toArray());
        return explainer().explain(document, names, c, explained, probability);
    }

    /** The model's explainer, made on first use: it keeps the buffers of integrated gradients between requests. */
    private synchronized Explainer explainer() {
        if (explainer == null) {
            explainer = new Explainer(network, loss, config.task());
        }
        return explainer;
    }

    /** Runs {@code work} with an idle scratch (a new one when none is idle), then returns it to the pool. */
    private <T> T withScratch(Function<Scratch, T> work) {
        Scratch idle = scratches.poll();
        Scratch s = idle != null ? idle : new Scratch();
        try {
            return work.apply(s);
        } finally {
            scratches.offer(s);
        }
    }

    /** Predicts every text, on all cores; results are in input order. */
    @Override
    public List<Prediction> predictAll(List<String> texts, int topK) {
        return predictAll(texts, topK, true);
    }

    /**
     * {@link #predictAll(List, int)} on all cores ({@code parallel}) or on the calling thread, in the same batches:
     * for a caller that runs one task per core already (a Spark executor), where splitting each task again would
     * only make the cores take turns.
     */
    public List<Prediction> predictAll(List<String> texts, int topK, boolean parallel) {
        Classifier.checkTopK(topK);
        Prediction[] out = new Prediction[texts.size()];
        forEachShard(texts.size(), parallel, (s, i) -> s.encoder.encode(texts.get(i)),
                (logits, row, i) -> out[i] = decode(logits, row, topK));
        return Arrays.asList(out);
    }

    /** Where a shard's documents come from: the ids of document {@code i}, encoded with the shard's scratch. */
    private interface DocumentSource {
        int[] ids(Scratch scratch, int i);
    }

    /** Receives the network's output for document {@code i}, which is row {@code row} of {@code logits}. */
    private interface OutputSink {
        void accept(float[] logits, int row, int i);
    }

    /** Runs the network over documents 0..n-1 in shards of its prediction batch, the shards on all cores. */
    private void forEachShard(int n, DocumentSource documents, OutputSink sink) {
        forEachShard(n, true, documents, sink);
    }

    private void forEachShard(int n, boolean parallel, DocumentSource documents, OutputSink sink) {
        if (passes == null || n < 2) {
            runShards(n, parallel, documents, sink);
            return;
        }
        // another runtime pads each batch to its longest text: batch texts of similar length, encoded up front
        int[][] encoded = new int[n][];
        IntStream all = IntStream.range(0, n);
        (parallel ? all.parallel() : all).forEach(i -> withScratch(s -> encoded[i] = documents.ids(s, i)));
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) encoded[i].length << 32 | i;
        }
        Arrays.sort(keys);
        runShards(n, parallel, (s, j) -> encoded[(int) keys[j]],
                (logits, row, j) -> sink.accept(logits, row, (int) keys[j]));
    }

    private void runShards(int n, boolean parallel, DocumentSource documents, OutputSink sink) {
        int batch = network.predictionBatch();
        int shards = (n + batch - 1) / batch;
        IntStream range = IntStream.range(0, shards);
        (parallel ? range.parallel() : range).forEach(shard -> withScratch(s -> {
            int from = shard * batch;
            int to = Math.min(n, from + batch);
            s.batch.clear();
            for (int i = from; i < to; i++) {
                s.batch.add(documents.ids(s, i));
            }
            float[] logits = s.pass.forward(s.batch);
            for (int i = from; i < to; i++) {
                sink.accept(logits, i - from, i);
            }
            return null;
        }));
    }

    /** Turns one document's logits into its prediction in place, through the fitted temperature if any. */
    private void activate(float[] logits, int offset, int k) {
        if (inverseTemperature != 1f) {
            for (int j = offset; j < offset + k; j++) {
                logits[j] *= inverseTemperature;
            }
        }
        loss.activate(logits, offset, k);
    }

    private Prediction decode(float[] logits, int row, int topK) {
        int k = network.outputs();
        int offset = row * k;
        activate(logits, offset, k);
        if (config.task() == Task.REGRESSION) {
            return new Prediction(null, null, List.of(), (double) logits[offset]);
        }
        double[] probs = new double[labels.size()];
        if (config.task() == Task.BINARY) {
            probs[1] = logits[offset];
            probs[0] = 1 - probs[1];
        } else {
            for (int j = 0; j < k; j++) {
                probs[j] = logits[offset + j];
            }
        }
        Integer[] order = new Integer[probs.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
        List<ScoredLabel> top = new ArrayList<>(Math.min(topK, probs.length));
        for (int i = 0; i < Math.min(topK, probs.length); i++) {
            top.add(new ScoredLabel(labels.get(order[i]), probs[order[i]]));
        }
        return new Prediction(top.get(0).label(), top.get(0).probability(), top, null);
    }

    /** The network's raw outputs (N, K) for {@code texts}, before temperature and activation: a teacher's logits. */
    float[] logits(List<String> texts) {
        return logits(texts.size(), (s, i) -> s.encoder.encode(texts.get(i)));
    }

    /** {@link #logits(List)} of encoded documents. */
    float[] encodedLogits(List<int[]> documents) {
        return logits(documents.size(), (s, i) -> documents.get(i));
    }

    private float[] logits(int n, DocumentSource documents) {
        int k = network.outputs();
        float[] out = new float[Math.multiplyExact(n, k)];
        forEachShard(n, documents, (logits, row, i) -> System.arraycopy(logits, row * k, out, i * k, k));
        return out;
    }

    /** The temperature the probabilities pass through, or null where none was fitted. */
    public Double temperature() {
        return config.temperature();
    }

    /**
     * This model with its probabilities passed through temperature {@code t} (null: none, the probabilities as
     * trained); its predicted labels are the same.
     */
    public TextClassifier withTemperature(Double t) {
        return new TextClassifier(config.withTemperature(t), labels, vocabulary, network, provenance, packed,
                quantization, passes);
    }

    /** Class probabilities (N, K) (or values (N, 1) for regression) of encoded documents, on all cores. */
    float[] scores(List<int[]> documents) {
        int width = config.task() == Task.REGRESSION ? 1 : labels.size();
        int k = network.outputs();
        float[] out = new float[documents.size() * width];
        forEachShard(documents.size(), (s, i) -> documents.get(i), (logits, row, i) -> {
            int o = row * k;
            activate(logits, o, k);
            if (config.task() == Task.BINARY) {
                out[i * 2] = 1 - logits[o];
                out[i * 2 + 1] = logits[o];
            } else {
                System.arraycopy(logits, o, out, i * width, width);
            }
        });
        return out;
    }

    /**
     * Evaluates on a labeled file: reads, cleans, predicts and scores it, timing the whole path, and keeps the
     * {@code mistakes} most confident wrong predictions of a single-label model.
     */
    @Override
    public Evaluation evaluate(Path file, ReadOptions options, int mistakes) {
        long start = System.nanoTime();
        Encoded encoded = encode(file, options, mistakes > 0);
        float[] scores = scores(encoded.documents);
        Evaluation e = report(scores, encoded.targets, file.toString());
        if (mistakes > 0 && e.classification() != null) {
            e = e.withMistakes(Mistake.mostConfident(mistakes, labels, encoded.texts, encoded.lines,
                    classes(encoded.targets), scores));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return e.timed(seconds, encoded.documents.size() / seconds);
    }

    Evaluation evaluate(List<int[]> documents, float[] targets, String data) {
        return report(scores(documents), targets, data);
    }

    private Evaluation report(float[] scores, float[] targets, String data) {
        if (config.task() == Task.REGRESSION) {
            return Evaluation.of(data, RegressionReport.of(targets, scores));
        }
        if (config.task() == Task.MULTILABEL) {
            double[] thresholds = new double[labels.size()];
            Arrays.setAll(thresholds, config::threshold);
            return Evaluation.of(data, MultiLabelReport.of(labels, targets, scores, thresholds));
        }
        return Evaluation.of(data, ClassificationReport.of(labels, classes(targets), scores));
    }

    private static int[] classes(float[] targets) {
        int[] truth = new int[targets.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (int) targets[i];
        }
        return truth;
    }

    /** Encoded rows; with their texts and line numbers where asked for (else null). */
    record Encoded(List<int[]> documents, float[] targets, ReadSummary summary, List<String> texts, long[] lines) {
    }

    Encoded encode(Path file, ReadOptions options) {
        return encode(file, options, false);
    }

    /** Reads a labeled file into vocabulary ids and targets, in parallel; {@code keepTexts}: its texts too. */
    Encoded encode(Path file, ReadOptions options, boolean keepTexts) {
        List<int[]> documents = new ArrayList<>();
        FloatList targets = new FloatList();
        List<String> texts = keepTexts ? new ArrayList<>() : null;
        List<Long> lines = keepTexts ? new ArrayList<>() : null;
        String source = file.toString();
        ReadOptions read = options.withNumericLabels(config.task() == Task.REGRESSION);
        ReadSummary summary = ParallelRows.forEach(file, read, Runtime.getRuntime().availableProcessors(),
                row -> new EncodedRow(withScratch(s -> s.encoder.encode(row.text())), target(row, source),
                        keepTexts ? row : null),
                row -> {
                    documents.add(row.ids());
                    targets.addAll(row.target());
                    if (keepTexts) {
                        texts.add(row.row().text());
                        lines.add(row.row().line());
                    }
                });
        return new Encoded(documents, targets.toArray(), summary, texts,
                keepTexts ? lines.stream().mapToLong(Long::longValue).toArray() : null);
    }

    private record EncodedRow(int[] ids, float[] target, LabeledText row) {
    }

    /** The targets of a row: its class id, its value for regression, or a 0/1 per label for multi-label. */
    float[] target(LabeledText row, String source) {
        if (config.task() == Task.REGRESSION) {
            return new float[] {ClassifierBuilder.parseValue(row, source)};
        }
        return LabeledFileEvaluation.target(row, labelIds, labels, multiLabel(), source);
    }

    /** An inference pass: of the folded network where the network folds ({@link BagOfEmbeddings#fold}). */
    private synchronized Network.Pass newInferencePass() {
        if (passes != null) {
            return passes.get();
        }
        if (!foldTried) {
            folded = network instanceof BagOfEmbeddings bag ? bag.fold() : null;
            foldTried = true;
        }
        return folded != null ? folded.newPass(network.predictionBatch()) : network.newPass(network.predictionBatch());
    }

    /** One call's reusable state for prediction. */
    private final class Scratch {
        final TextEncoder encoder = new TextEncoder(analyzer, vocabulary, packed);
        final Network.Pass pass = newInferencePass();
        final TokenBatch batch = new TokenBatch();
    }
}
