package org.fenlei;

import org.fenlei.data.DataException;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ParallelRows;
import org.fenlei.data.ReadOptions;
import org.fenlei.data.ReadSummary;
import org.fenlei.data.WordVectorFile;
import org.fenlei.eval.Evaluation;
import org.fenlei.eval.LabelThresholds;
import org.fenlei.model.DataSummary;
import org.fenlei.model.ModelContents;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.ModelFile;
import org.fenlei.model.ModelType;
import org.fenlei.model.ModelTypes;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.PretrainedEncoder;
import org.fenlei.model.Provenance;
import org.fenlei.model.Task;
import org.fenlei.model.TrainingOptions;
import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.text.CharNgramHasher;
import org.fenlei.text.EdaAugmenter;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.PiiMasker;
import org.fenlei.text.Vocabulary;
import org.fenlei.text.WordNgramHasher;
import org.fenlei.train.EncodedDataset;
import org.fenlei.train.EpochStats;
import org.fenlei.train.StratifiedSplit;
import org.fenlei.train.TemperatureScaling;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingDivergedException;
import org.fenlei.train.TrainingListener;
import org.fenlei.train.TrainingResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Configures and runs training. Defaults reproduce the origin program: text and label columns, cleaning,
 * a 10,000-word vocabulary, Embedding(16) -> average -> Dense(16, relu) -> sigmoid/softmax, Adam, batch 32,
 * 10 epochs, a stratified 20% test split, seed 42. Held-out figures go into the model's provenance.
 */
public final class ClassifierBuilder {
    private FeatureConfig features = FeatureConfig.defaults();
    private NetworkConfig network = NetworkConfig.origin();
    private TrainingConfig training = TrainingConfig.defaults();
    private boolean regression;
    private boolean multiLabel;
    private boolean tuneThresholds;
    private boolean calibrate = true;
    private boolean dropPiiVocabulary;
    private ReadOptions readOptions = ReadOptions.labeled();
    private BitSet trainLines;
    private BitSet testLines;
    private double testShare = 0.2;
    private TrainingListener listener = TrainingListener.NONE;
    private Instant reproducibleAt;
    private Path vectors;
    private boolean freezeVectors;
    private Path resumeFrom;
    private Path checkpoints;
    private PretrainedEncoder encoder;
    private Distillation distillation;

    ClassifierBuilder() {
    }

    public ClassifierBuilder features(FeatureConfig config) {
        this.features = require(config, "features");
        return this;
    }

    public ClassifierBuilder network(NetworkConfig config) {
        this.network = require(config, "network");
        return this;
    }

    public ClassifierBuilder training(TrainingConfig config) {
        this.training = require(config, "training");
        return this;
    }

    /** Predict numbers (MSE) instead of classes. */
    public ClassifierBuilder regression(boolean on) {
        this.regression = on;
        return this;
    }

    /**
     * Each text may carry any number of labels, joined by {@code |} in a label column (fastText files repeat
     * {@code __label__}); the model predicts each independently (one-vs-all).
     */
    public ClassifierBuilder multiLabel(boolean on) {
        this.multiLabel = on;
        return this;
    }

    /**
     * A multi-label model gets a threshold per label, chosen on the validation split
     * ({@link TrainingConfig#validationSplit}, which must be above 0) by {@link LabelThresholds}, instead of 0.5
     * for every label.
     */
    public ClassifierBuilder tuneThresholds(boolean on) {
        this.tuneThresholds = on;
        return this;
    }

    /**
     * Whether a single-label model trained with a validation split ({@link TrainingConfig#validationSplit}) gets a
     * temperature fitted on it ({@link TemperatureScaling}), so that its probabilities mean what they say; on by
     * default. Predictions do not change, only their probabilities.
     */
    public ClassifierBuilder calibrate(boolean on) {
        this.calibrate = on;
        return this;
    }

    /**
     * Leaves out of the vocabulary every entry that looks like personal data ({@link PiiMasker#kind}: a phone, card
     * or ID number, an IBAN, an address, a long number), so that the model file does not hold it; such tokens then
     * count as unknown. {@link org.fenlei.text.PreprocessConfig#maskPii} masks them in the text instead.
     */
    public ClassifierBuilder dropPiiVocabulary(boolean on) {
        this.dropPiiVocabulary = on;
        return this;
    }

    /**
     * Starts the embedding of every vocabulary word from its vector in {@code file} (fastText .vec, word2vec or
     * GloVe text), as Kim (2014) starts his CNN-static and CNN-non-static; {@code freeze} keeps the whole
     * embedding fixed (hashed n-gram rows too, so freeze only without them). The vectors' dimension must be the
     * network's embedding dimension.
     */
    public ClassifierBuilder vectors(Path file, boolean freeze) {
        this.vectors = require(file, "file");
        this.freezeVectors = freeze;
        return this;
    }

    /**
     * Continues training the model in {@code file}: its features, vocabulary, labels, network and weights are
     * kept, and this builder's training settings (epochs, rate, optimiser) apply to the new run. The optimiser
     * starts afresh (Adam's moments, Hogwild's decaying rate). Data with a label the model lacks is refused.
     */
    public ClassifierBuilder resume(Path file) {
        this.resumeFrom = require(file, "file");
        return this;
    }

    /**
     * Fine-tunes {@code pretrained} (with the {@code encoder} model kind, {@code model("encoder")}): its tokeniser
     * and vocabulary replace the builder's, its weights start the network, and a classification head is added.
     */
    public ClassifierBuilder encoder(PretrainedEncoder pretrained) {
        this.encoder = require(pretrained, "encoder");
        return this;
    }

    /**
     * Trains the model as a student of {@code d}'s teacher: on the teacher's logits for the training texts and its
     * transfer set, mixed with the gold labels. Takes no validation split, class weights or EDA augmentation.
     */
    public ClassifierBuilder distillation(Distillation d) {
        this.distillation = require(d, "distillation");
        return this;
    }

    /** Writes the model after every epoch to {@code dir/epoch-N.fenlei}, a file {@link #resume} can continue. */
    public ClassifierBuilder checkpoints(Path dir) {
        this.checkpoints = require(dir, "dir");
        return this;
    }

    public ClassifierBuilder readOptions(ReadOptions options) {
        this.readOptions = require(options, "readOptions");
        return this;
    }

    /** Share of each class held out for testing when no test file is given; 0 = none (default 0.2). */
    public ClassifierBuilder testShare(double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("testShare must be in [0, 1), was " + share);
        }
        this.testShare = share;
        return this;
    }

    /**
     * The features, network and training of the model kind {@code name} with its defaults, as the CLI's
     * {@code --model name} gives them; set any of them afterwards to change it.
     */
    public ClassifierBuilder model(String name) {
        TrainingOptions o = TrainingOptions.defaults(ModelTypes.get(name));
        return features(o.features()).network(o.network(name)).training(o.training());
    }

    /**
     * Trains on the rows of the data file whose first line is in {@code train} and reports figures on those in
     * {@code test}; every other row is left out. Replaces {@link #testShare}; a model search holds out its own
     * rows with it.
     */
    public ClassifierBuilder rows(BitSet train, BitSet test) {
        this.trainLines = require(train, "train");
        this.testLines = require(test, "test");
        return this;
    }

    public ClassifierBuilder listener(TrainingListener l) {
        this.listener = require(l, "listener");
        return this;
    }

    /**
     * Stamps the model with this time and leaves out durations, so that equal inputs, seed and thread count give
     * a byte-identical file (the reproducible-builds SOURCE_DATE_EPOCH convention).
     */
    public ClassifierBuilder reproducibleAt(Instant time) {
        this.reproducibleAt = time;
        return this;
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Trains on {@code data}, holding out {@link #testShare} of it for the reported figures. */
    public TextClassifier train(Path data) {
        return train(data, null);
    }

    /** Trains on all of {@code data} and reports figures on {@code test} (null: hold out a share instead). */
    public TextClassifier train(Path data, Path test) {
        if (regression && multiLabel) {
            throw new IllegalArgumentException("a model is either a regression or a multi-label one, not both");
        }
        if (tuneThresholds && !(multiLabel || resumeFrom != null)) {
            throw new IllegalArgumentException("tuned thresholds are for multi-label models (--task multilabel)");
        }
        if (tuneThresholds && training.validationSplit() <= 0) {
            throw new IllegalArgumentException("tuning thresholds needs held-out data: set a validation split "
                    + "(--validation-split)");
        }
        ModelContents resumed = null;
        if (resumeFrom != null) {
            try {
                resumed = ModelFile.read(resumeFrom);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        boolean fused = NetworkConfig.FUSED.equals(this.network.architecture());
        boolean encoderKind = fused || NetworkConfig.ENCODER.equals(this.network.architecture());
        if (resumed == null && encoderKind != (encoder != null)) {
            throw new IllegalArgumentException(encoderKind ? "the " + this.network.architecture() + " model kind "
                    + "needs a pretrained encoder (--encoder)" : "a pretrained encoder is fine-tuned by the encoder "
                    + "model kind (--model encoder) or fused (--fuse), not " + this.network.architecture());
        }
        if (resumed == null && fused != (this.features.words() != null)) {
            throw new IllegalArgumentException(fused ? "a fused model needs its word features: build it with "
                    + "model(\"fused\")" : "word features beside WordPiece tokens are for a fused model");
        }
        // a resumed model brings what defines it; the builder's own settings stay as they are for another run
        FeatureConfig features = resumed != null ? resumed.config().features()
                : encoder != null ? this.features.withWordPiece(encoder.wordPiece()) : this.features;
        NetworkConfig network = resumed != null ? resumed.config().network()
                : fused ? encoder.fused()
                : encoder != null ? encoder.network(this.network.dropout()) : this.network;
        boolean regression = resumed != null ? resumed.config().task() == Task.REGRESSION : this.regression;
        boolean multiLabel = resumed != null ? resumed.config().task() == Task.MULTILABEL : this.multiLabel;
        // a model that brings its vocabulary: a resumed one, or a pretrained encoder's, which its tokeniser reads
        Vocabulary given = resumed != null ? new Vocabulary(resumed.vocabulary())
                : encoder != null ? new Vocabulary(encoder.vocabulary()) : null;
        TextAnalyzer analyzer = new TextAnalyzer(features, given);
        int threads = training.effectiveThreads();
        Corpus corpus = new Corpus(distillation != null);
        ReadSummary summary = ParallelRows.forEach(data, readOptions.withFingerprint(true)
                        .withNumericLabels(regression), threads,
                row -> new Corpus.Row(analyzer.ranges(row.text()), row),
                corpus::add);
        String source = data.toString();

        Targets t = targets(corpus.rows, resumed, regression, multiLabel, source);
        List<String> labels = t.labels();
        Task task = t.task();
        Rows rows = split(corpus.rows, t.classes(), test);
        int[] trainRows = rows.train();
        int[] validationRows = rows.validation();
        int[] testRows = rows.test();
        int width = t.width();
        float[] targets = t.values();
        int[] classes = t.classes();

        Vocabulary vocabulary = given != null ? given
                : corpus.vocabulary(trainRows, features.vocabularySize(), features.minCount());
        if (fused && resumed == null) {
            vocabulary = withWords(given, corpus.vocabulary(trainRows, features.words().vocabularySize(),
                    features.words().minCount()));
        }
        if (dropPiiVocabulary && given == null) {
            vocabulary = withoutPii(vocabulary);
        }
        List<int[]> documents = corpus.remap(vocabulary, features);
        EncodedDataset all = new EncodedDataset(documents, targets, width);
        EncodedDataset trainSet = weigh(augment(all.subset(trainRows)), labels, task);
        EncodedDataset validationSet = validationRows.length > 0 ? all.subset(validationRows) : null;
        if (distillation != null) {
            if (training.augmentCopies() > 0 || !training.classWeights().isEmpty() || validationSet != null
                    || resumed != null || !training.loss().isEmpty()) {
                throw new IllegalArgumentException("a distilled student takes no validation split, class weights, EDA "
                        + "augmentation, other loss or resumed model: the teacher's logits are its targets");
            }
            if (NetworkConfig.LINEAR.equals(network.architecture()) && !distillation.loss().logitsAlone()) {
                throw new IllegalArgumentException("a linear student fits the teacher's logits alone by least squares "
                        + "(its solver takes no soft targets): use the mse loss and alpha 0");
            }
            distillation.checkLabels(labels, task);
            trainSet = distilled(corpus, trainRows, all, new TextEncoder(analyzer, vocabulary, null));
        }

        NetworkConfig sizes = network.resolve(labels.size());
        List<Long> labelCounts = resumed != null ? resumed.config().labelCounts() : null;
        if (resumed == null && !training.loss().isEmpty() && task == Task.MULTICLASS) {
            long[] counts = new long[labels.size()];
            for (int r : trainRows) {
                counts[classes[r]]++;
            }
            labelCounts = Arrays.stream(counts).boxed().toList();
        }
        // a resumed model keeps the loss it was trained with
        TrainingConfig run = resumed != null
                ? training.withLoss(resumed.config().training().loss(), resumed.config().training().negatives())
                : training;
        if (run.fromData()) {
            TrainingConfig fixed = run.forTexts(trainSet.size());
            listener.onChoice(String.format(Locale.ROOT, "%d epochs at learning rate %s for %d training texts",
                    fixed.epochs(), fixed.learningRate(), trainSet.size()));
            run = fixed;
        }
        ModelType type = sizes.type();
        Network net = network(sizes, vocabulary, features.buckets(), task.outputs(labels.size()), resumed);
        if (training.layerDecay() > 0 && training.layerDecay() < 1 && net.layerRates(training.layerDecay()) == null) {
            throw new IllegalArgumentException("layer-wise learning-rate decay is for a network of stacked layers (a "
                    + "pretrained encoder, the transformer), not " + sizes.architecture());
        }
        ModelType.Prepared prepared = distillation != null ? new ModelType.Prepared(type.student(run), Double.NaN)
                : type.prepare(run, net, task, trainSet, listener);
        run = prepared.training();
        ModelConfig config = new ModelConfig(task, features, sizes, run, labelCounts, null, null);
        Loss loss = config.loss();
        long start = System.nanoTime();
        TrainingListener told = checkpoints == null ? listener
                : new CheckpointWriter(checkpoints, listener, config, labels, vocabulary, net);
        TrainingResult result = type.train(net, distillation != null ? distillation.loss() : loss, task, trainSet,
                validationSet, run, told);
        double seconds = (System.nanoTime() - start) / 1e9;
        long tokens = result.history().stream().mapToLong(e -> e.tokens()).sum();
        requireFinite(net, run);

        TextClassifier model = new TextClassifier(config, labels, vocabulary, net, null);
        if (tuneThresholds) {
            double[] tuned = LabelThresholds.tune(validationSet.targets(), model.scores(validationSet.documents()),
                    labels.size());
            config = config.withLabelThresholds(Arrays.stream(tuned).boxed().toList());
            model = new TextClassifier(config, labels, vocabulary, net, null);
        }
        // the temperature a choice of settings fitted on texts it held out, before training or in it
        double choiceTemperature = !Double.isNaN(prepared.temperature()) ? prepared.temperature()
                : result.temperature();
        if (calibrate && validationSet != null && (task == Task.BINARY || task == Task.MULTICLASS)) {
            config = config.withTemperature(calibration(model, validationSet, loss));
            model = new TextClassifier(config, labels, vocabulary, net, null);
        } else if (calibrate && !Double.isNaN(choiceTemperature) && (task == Task.BINARY || task == Task.MULTICLASS)) {
            listener.onChoice(String.format(Locale.ROOT, "temperature %.3f, fitted on the texts the choice held out",
                    choiceTemperature));
            config = config.withTemperature(choiceTemperature);
            model = new TextClassifier(config, labels, vocabulary, net, null);
        }
        Evaluation heldOut = evaluate(model, data, test, all, testRows);
        long testCount = test != null ? heldOut.examples() : testRows.length;
        DataSummary dataSummary = new DataSummary(data.getFileName().toString(), summary.sha256(), summary.rows(),
                summary.skipped(), trainSet.size(), validationRows.length, testCount,
                test == null ? null : test.getFileName().toString());
        boolean reproducible = reproducibleAt != null;
        Provenance provenance = new Provenance(TextClassifier.VERSION, Runtime.version().toString(),
                (reproducible ? reproducibleAt : Instant.now()).toString(), reproducible ? null : seconds,
                reproducible ? null : tokens / seconds, Math.min(threads, training.batchSize()), dataSummary,
                reproducible ? withoutTimes(result) : result.history(), result.bestEpoch(), heldOut);
        return new TextClassifier(config, labels, vocabulary, net,
                distillation != null ? provenance.withTeacher(distillation.info()) : provenance);
    }

    /**
     * The training rows and the transfer set with the teacher's logits and the gold class (-1 for transfer texts) as
     * targets, {@code k + 1} per text.
     */
    private EncodedDataset distilled(Corpus corpus, int[] trainRows, EncodedDataset all, TextEncoder encoder) {
        List<String> texts = new ArrayList<>();
        for (int r : trainRows) {
            texts.add(corpus.rows.get(r).text());
        }
        texts.addAll(distillation.transfer(texts, training.seed()));
        float[] logits = distillation.logits(texts, listener);
        int k = distillation.outputs();
        List<int[]> docs = new ArrayList<>(texts.size());
        float[] targets = new float[Math.multiplyExact(texts.size(), k + 1)];
        for (int i = 0; i < texts.size(); i++) {
            boolean gold = i < trainRows.length;
            docs.add(gold ? all.document(trainRows[i]) : encoder.encode(texts.get(i)));
            System.arraycopy(logits, i * k, targets, i * (k + 1), k);
            targets[i * (k + 1) + k] = gold ? all.target(trainRows[i]) : -1f;
        }
        return new EncodedDataset(docs, targets, k + 1);
    }

    /** {@code vocabulary} without the entries that look like personal data, the count reported to the listener. */
    private Vocabulary withoutPii(Vocabulary vocabulary) {
        List<String> kept = new ArrayList<>();
        Map<String, Integer> dropped = new TreeMap<>();
        for (String token : vocabulary.tokens()) {
            String kind = kept.isEmpty() ? null : PiiMasker.kind(token);
            if (kind == null) {
                kept.add(token);
            } else {
                dropped.merge(kind, 1, Integer::sum);
            }
        }
        listener.onChoice("dropped " + (vocabulary.size() - kept.size()) + " vocabulary entries that look like "
                + "personal data" + (dropped.isEmpty() ? "" : " " + dropped));
        return new Vocabulary(kept);
    }

    /** The temperature that calibrates {@code model} on the validation set, reported to the listener. */
    private double calibration(TextClassifier model, EncodedDataset validation, Loss loss) {
        float[] logits = model.encodedLogits(validation.documents());
        int[] truth = new int[validation.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (int) validation.target(i);
        }
        int k = logits.length / truth.length;
        double t = TemperatureScaling.fit(loss, logits, k, truth);
        listener.onChoice(String.format(Locale.ROOT, "temperature %.3f fitted on %d held-out texts: their negative "
                + "log-likelihood %.4f -> %.4f", t, truth.length,
                TemperatureScaling.negativeLogLikelihood(loss, logits, k, truth, 1),
                TemperatureScaling.negativeLogLikelihood(loss, logits, k, truth, t)));
        return t;
    }

    /** A fused model's vocabulary: the encoder's tokens, then the word features (marked) of {@code counted}. */
    static Vocabulary withWords(Vocabulary tokens, Vocabulary counted) {
        List<String> all = new ArrayList<>(tokens.tokens());
        for (String entry : counted.tokens()) {
            if (entry.startsWith(FeatureConfig.WORD_MARK)) {
                all.add(entry);
            }
        }
        return new Vocabulary(all);
    }

    /** Refuses to make a model of weights that diverged to infinity or NaN: it would predict one class for all. */
    private static void requireFinite(Network net, TrainingConfig run) {
        for (Parameter p : net.parameters()) {
            for (float v : p.value()) {
                if (!Float.isFinite(v)) {
                    throw new TrainingDivergedException(String.format(Locale.ROOT, "training diverged: %s has a "
                            + "weight of %s after training at learning rate %s; train again with a smaller --lr",
                            p.name(), v, run.learningRate()));
                }
            }
        }
    }

    /** The network to train: new, or with a resumed model's weights, its table started from vectors if given. */
    private Network network(NetworkConfig sizes, Vocabulary vocabulary, int buckets, int outputs,
                            ModelContents resumed) {
        Network net = sizes.build(vocabulary.size(), buckets, outputs, training.seed());
        if (resumed != null) {
            TextClassifier.copyWeights(resumed.weights(), net.parameters(), null, 0, resumeFrom.toString());
        } else if (encoder != null) {
            encoder.copyInto(net);
        }
        if (vectors != null) {
            WordVectorFile.load(vectors, vocabulary, net.table().value(), sizes.embeddingDim());
            if (freezeVectors) {
                net.table().freeze();
            }
        }
        return net;
    }

    /** Each text's label ids as training targets, the task they make, and each text's class for stratifying. */
    private record Targets(List<String> labels, Task task, float[] values, int width, int[] classes) {
    }

    private Targets targets(List<LabeledText> rows, ModelContents resumed, boolean regression, boolean multiLabel,
                            String source) {
        List<String> labels = resumed != null ? knownLabels(resumed, rows, source)
                : regression ? List.of() : labelsOf(rows, source, multiLabel);
        // negative sampling and hierarchical softmax decide between classes, two included
        Task task = resumed != null ? resumed.config().task() : regression ? Task.REGRESSION
                : multiLabel ? Task.MULTILABEL
                : labels.size() == 2 && training.loss().isEmpty() ? Task.BINARY : Task.MULTICLASS;
        if (tuneThresholds && task != Task.MULTILABEL) {
            throw new IllegalArgumentException("tuned thresholds are for multi-label models, and " + resumeFrom
                    + " is not one");
        }
        Map<String, Integer> labelIds = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIds.put(labels.get(i), i);
        }
        int n = rows.size();
        int width = task.loss().targetWidth(labels.size());
        float[] targets = new float[n * width];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            LabeledText row = rows.get(i);
            if (task == Task.MULTILABEL) {
                // the split keeps each text's first label in proportion
                classes[i] = -1;
                for (String label : splitLabels(row.label())) {
                    int id = labelIds.get(label);
                    targets[i * width + id] = 1;
                    classes[i] = classes[i] < 0 ? id : classes[i];
                }
            } else {
                targets[i] = task == Task.REGRESSION ? parseValue(row, source) : labelIds.get(row.label());
                classes[i] = task == Task.REGRESSION ? 0 : (int) targets[i];
            }
        }
        return new Targets(labels, task, targets, width, classes);
    }

    /** Which texts train, validate and test. */
    private record Rows(int[] train, int[] validation, int[] test) {
    }

    /**
     * The rows named by {@link #rows(BitSet, BitSet)}, or else the test share held out (none with a test file),
     * then the validation share of what is left; both splits stratified by class.
     */
    private Rows split(List<LabeledText> rows, int[] classes, Path test) {
        int n = rows.size();
        int[] trainRows;
        int[] testRows = new int[0];
        if (trainLines != null) {
            trainRows = IntStream.range(0, n).filter(i -> trainLines.get(lineIndex(rows.get(i)))).toArray();
            testRows = IntStream.range(0, n).filter(i -> testLines.get(lineIndex(rows.get(i)))).toArray();
        } else if (test == null && testShare > 0) {
            StratifiedSplit split = StratifiedSplit.of(classes, testShare, training.seed());
            trainRows = split.train();
            testRows = split.test();
        } else {
            trainRows = range(n);
        }
        int[] validationRows = new int[0];
        if (training.validationSplit() > 0) {
            int[] trainClasses = new int[trainRows.length];
            for (int i = 0; i < trainRows.length; i++) {
                trainClasses[i] = classes[trainRows[i]];
            }
            StratifiedSplit split = StratifiedSplit.of(trainClasses, training.validationSplit(), training.seed() + 1);
            validationRows = pick(trainRows, split.test());
            trainRows = pick(trainRows, split.train());
        }
        return new Rows(trainRows, validationRows, testRows);
    }

    /** The held-out figures: on the test file, or on the rows held out of the data; null when there are none. */
    private Evaluation evaluate(TextClassifier model, Path data, Path test, EncodedDataset all, int[] testRows) {
        if (test != null) {
            return model.evaluate(test, readOptions);
        }
        if (testRows.length == 0) {
            return null;
        }
        EncodedDataset testSet = all.subset(testRows);
        return model.evaluate(testSet.documents(), testSet.targets(), trainLines != null
                ? testRows.length + " held-out rows of " + data.getFileName()
                : "held-out " + Math.round(testShare * 100) + "% of " + data.getFileName());
    }

    private static int lineIndex(LabeledText row) {
        return Math.toIntExact(row.line());
    }

    private static List<EpochStats> withoutTimes(TrainingResult result) {
        return result.history().stream()
                .map(e -> new EpochStats(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                        e.validationLoss(), e.validationAccuracy(), 0, e.tokens()))
                .toList();
    }

    /** The training set with each document weighted by its class, as {@link TrainingConfig#classWeights} says. */
    private EncodedDataset weigh(EncodedDataset train, List<String> labels, Task task) {
        String spec = training.classWeights();
        if (spec.isEmpty()) {
            return train;
        }
        if (task == Task.REGRESSION || task == Task.MULTILABEL) {
            throw new IllegalArgumentException("class weights apply to single-label classification, not to "
                    + task.name().toLowerCase(Locale.ROOT));
        }
        float[] byClass = new float[labels.size()];
        if (TrainingConfig.BALANCED.equals(spec)) {
            long[] counts = new long[labels.size()];
            for (int i = 0; i < train.size(); i++) {
                counts[(int) train.target(i)]++;
            }
            for (int c = 0; c < byClass.length; c++) {
                // scikit-learn's compute_class_weight("balanced"): n_samples / (n_classes * count)
                byClass[c] = counts[c] == 0 ? 1f : (float) train.size() / (labels.size() * counts[c]);
            }
        } else {
            Arrays.fill(byClass, 1f);
            for (String pair : spec.split(",")) {
                int eq = pair.lastIndexOf('=');
                String label = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
                int id = labels.indexOf(label);
                if (eq < 0 || id < 0) {
                    throw new IllegalArgumentException("class weight '" + pair.trim() + "': "
                            + (eq < 0 ? "write label=weight" : "no class '" + label + "'; classes are " + labels));
                }
                float w;
                try {
                    w = Float.parseFloat(pair.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    w = Float.NaN;
                }
                if (!(w > 0) || Float.isInfinite(w)) {
                    throw new IllegalArgumentException("class weight '" + pair.trim() + "': the weight must be a "
                            + "positive number");
                }
                byClass[id] = w;
            }
        }
        float[] weights = new float[train.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = byClass[(int) train.target(i)];
        }
        return train.withWeights(weights);
    }

    private EncodedDataset augment(EncodedDataset train) {
        if (training.augmentCopies() == 0) {
            return train;
        }
        EdaAugmenter eda = new EdaAugmenter(training.augmentAlpha());
        SplittableRandom random = new SplittableRandom(training.seed() + 2);
        int width = train.width();
        List<int[]> docs = new ArrayList<>(train.size() * (1 + training.augmentCopies()));
        float[] targets = new float[train.size() * (1 + training.augmentCopies()) * width];
        int k = 0;
        for (int i = 0; i < train.size(); i++) {
            docs.add(train.document(i));
            train.copyTarget(i, targets, width * k++);
            for (int c = 0; c < training.augmentCopies(); c++) {
                docs.add(eda.augment(train.document(i), random));
                train.copyTarget(i, targets, width * k++);
            }
        }
        return new EncodedDataset(docs, targets, width);
    }

    static float parseValue(LabeledText row, String source) {
        try {
            float v = Float.parseFloat(row.label());
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(source, row.line(), "label '" + row.label() + "' is not a finite number",
                "regression needs numeric labels");
    }

    /** The resumed model's labels, after checking that every row's labels are among them. */
    private static List<String> knownLabels(ModelContents model, List<LabeledText> rows, String source) {
        List<String> labels = model.labels();
        if (model.config().task() == Task.REGRESSION) {
            return labels;
        }
        java.util.Set<String> known = new java.util.HashSet<>(labels);
        for (LabeledText row : rows) {
            List<String> of = model.config().task() == Task.MULTILABEL ? splitLabels(row.label())
                    : List.of(row.label());
            for (String label : of) {
                if (!known.contains(label)) {
                    throw new DataException(source, row.line(), "label '" + label + "' is not one of the resumed "
                            + "model's " + labels, "continue training on data with the model's labels, or train anew");
                }
            }
        }
        return labels;
    }

    /** The labels of a multi-label row: its label field split at {@code |}, blanks dropped. */
    static List<String> splitLabels(String field) {
        List<String> out = new ArrayList<>(2);
        for (String label : field.split("\\|")) {
            String trimmed = label.trim();
            if (!trimmed.isEmpty() && !out.contains(trimmed)) {
                out.add(trimmed);
            }
        }
        return out;
    }

    /** Distinct labels, in numeric order when all are numbers, else in string order. */
    private static List<String> labelsOf(List<LabeledText> rows, String source, boolean multiLabel) {
        TreeSet<String> distinct = new TreeSet<>();
        for (LabeledText row : rows) {
            if (multiLabel) {
                List<String> split = splitLabels(row.label());
                if (split.isEmpty()) {
                    throw new DataException(source, row.line(), "no label in '" + row.label() + "'",
                            "separate a text's labels with |, e.g. grain|wheat");
                }
                distinct.addAll(split);
            } else {
                distinct.add(row.label());
            }
        }
        if (distinct.size() < 2) {
            throw new DataException(source, 0, "only one class ('" + distinct.first() + "') in the data",
                    "a classifier needs at least two classes; for numeric targets use --task regression");
        }
        List<String> labels = new ArrayList<>(distinct);
        if (labels.stream().allMatch(ClassifierBuilder::isNumber)) {
            labels.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return labels;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    private static int[] pick(int[] rows, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[positions[i]];
        }
        return out;
    }
}
