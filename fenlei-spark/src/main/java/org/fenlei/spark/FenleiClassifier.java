package org.fenlei.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.fenlei.TextClassifier;
import org.fenlei.model.ModelTypes;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.TrainingOptions;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fenlei as a Spark ML {@link Estimator}: {@code fit} trains on a DataFrame's text and label columns across the
 * cluster and gives a {@link FenleiClassificationModel}. The model kind and its options are the command line's
 * ({@code setModelType("fasttext")}, {@code setDim}, {@code setEpochs}, {@code setWordNgrams},
 * {@code setLearningRate}, {@code setMinCount}, {@code setBuckets}, {@code setSeed}; 0 keeps the kind's default).
 * The fastText-class and origin models train data-parallel over the partitions ({@code SparkTraining}); the
 * linear model's solver needs every row at once, so its rows are brought to the driver and fitted there, exactly
 * as on one machine. Labels are strings (numbers are read as their text).
 */
public final class FenleiClassifier extends Estimator<FenleiClassificationModel>
        implements FenleiParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> textCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> predictedLabelCol;
    private final Param<String> modelType;
    private final IntParam dim;
    private final IntParam epochs;
    private final IntParam wordNgrams;
    private final DoubleParam learningRate;
    private final IntParam minCount;
    private final IntParam buckets;
    private final LongParam seed;
    private final IntParam roundsPerEpoch;

    public FenleiClassifier() {
        this(Identifiable.randomUID("fenlei"));
    }

    public FenleiClassifier(String uid) {
        // the parameters name their owner by its uid: set first
        this.uid = uid;
        textCol = new Param<>(this, "textCol", "the column of texts");
        labelCol = new Param<>(this, "labelCol", "the column of labels");
        predictionCol = new Param<>(this, "predictionCol", "the predicted label's index");
        probabilityCol = new Param<>(this, "probabilityCol", "the labels' probabilities");
        predictedLabelCol = new Param<>(this, "predictedLabelCol", "the predicted label");
        modelType = new Param<>(this, "modelType", "the model kind: origin, fasttext, linear, cnn, ... (the "
                + "command line's --model)");
        dim = new IntParam(this, "dim", "embedding dimension; 0: the kind's default");
        epochs = new IntParam(this, "epochs", "epochs (averaging rounds); 0: the kind's default");
        wordNgrams = new IntParam(this, "wordNgrams", "word n-grams; 0: the kind's default");
        learningRate = new DoubleParam(this, "learningRate", "learning rate; 0: the kind's default");
        minCount = new IntParam(this, "minCount", "least count of a vocabulary word; 0: the kind's default");
        buckets = new IntParam(this, "buckets", "hashed n-gram rows; -1: the kind's default");
        seed = new LongParam(this, "seed", "the seed of weights, shuffles and rounds");
        roundsPerEpoch = new IntParam(this, "roundsPerEpoch", "exchanges of the weights per epoch in distributed "
                + "training; 0: 4 per partition (fastText-class models), 1 (mini-batch optimisers)");
        setDefault(textCol, "text");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(predictedLabelCol, "predictedLabel");
        setDefault(modelType, NetworkConfig.ORIGIN);
        setDefault(dim, 0);
        setDefault(epochs, 0);
        setDefault(wordNgrams, 0);
        setDefault(learningRate, 0.0);
        setDefault(minCount, 0);
        setDefault(buckets, -1);
        setDefault(seed, 42L);
        setDefault(roundsPerEpoch, 0);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<String> textCol() {
        return textCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    @Override
    public Param<String> predictionCol() {
        return predictionCol;
    }

    @Override
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    @Override
    public Param<String> predictedLabelCol() {
        return predictedLabelCol;
    }

    public Param<String> modelType() {
        return modelType;
    }

    public IntParam dim() {
        return dim;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam wordNgrams() {
        return wordNgrams;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public IntParam minCount() {
        return minCount;
    }

    public IntParam buckets() {
        return buckets;
    }

    public LongParam seed() {
        return seed;
    }

    public IntParam roundsPerEpoch() {
        return roundsPerEpoch;
    }

    public FenleiClassifier setTextCol(String value) {
        set(textCol, value);
        return this;
    }

    public FenleiClassifier setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public FenleiClassifier setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public FenleiClassifier setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public FenleiClassifier setPredictedLabelCol(String value) {
        set(predictedLabelCol, value);
        return this;
    }

    public FenleiClassifier setModelType(String value) {
        ModelTypes.get(value);
        set(modelType, value);
        return this;
    }

    public FenleiClassifier setDim(int value) {
        set(dim, value);
        return this;
    }

    public FenleiClassifier setEpochs(int value) {
        set(epochs, value);
        return this;
    }

    public FenleiClassifier setWordNgrams(int value) {
        set(wordNgrams, value);
        return this;
    }

    public FenleiClassifier setLearningRate(double value) {
        set(learningRate, value);
        return this;
    }

    public FenleiClassifier setMinCount(int value) {
        set(minCount, value);
        return this;
    }

    public FenleiClassifier setBuckets(int value) {
        set(buckets, value);
        return this;
    }

    public FenleiClassifier setSeed(long value) {
        set(seed, value);
        return this;
    }

    public FenleiClassifier setRoundsPerEpoch(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("roundsPerEpoch must be 0 (chosen) or positive, was " + value);
        }
        set(roundsPerEpoch, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FenleiParams.requireText(schema, getOrDefault(textCol));
        String label = getOrDefault(labelCol);
        if (!Arrays.asList(schema.fieldNames()).contains(label)) {
            throw new IllegalArgumentException("no column '" + label + "' in the data; its columns: "
                    + Arrays.toString(schema.fieldNames()) + " (set the label column with setLabelCol)");
        }
        return schema;
    }

    /**
     * The kind's settings as the command line makes them: the options set here count as given, the kind's
     * defaults fill the rest.
     */
    private TrainingOptions options() {
        int d = (Integer) getOrDefault(dim);
        int e = (Integer) getOrDefault(epochs);
        int n = (Integer) getOrDefault(wordNgrams);
        double lr = (Double) getOrDefault(learningRate);
        int m = (Integer) getOrDefault(minCount);
        int b = (Integer) getOrDefault(buckets);
        Set<String> given = new HashSet<>();
        if (d > 0) {
            given.add("dim");
        }
        if (e > 0) {
            given.add("epochs");
        }
        if (n > 0) {
            given.add("ngrams");
        }
        TrainingOptions o = new TrainingOptions(given);
        o.dim = d > 0 ? d : o.dim;
        o.epochs = e > 0 ? e : o.epochs;
        o.ngrams = n > 0 ? n : o.ngrams;
        o.learningRate = lr > 0 ? Float.valueOf((float) lr) : null;
        o.minCount = m > 0 ? m : o.minCount;
        o.buckets = b >= 0 ? b : o.buckets;
        o.seed = (Long) getOrDefault(seed);
        ModelTypes.get(getOrDefault(modelType)).applyDefaults(o);
        return o;
    }

    @Override
    public FenleiClassificationModel fit(Dataset<?> dataset) {
        return fit(dataset, TrainingListener.NONE);
    }

    /** {@link #fit(Dataset)}, telling {@code listener} of each round (its partitions, the rows they sent back). */
    public FenleiClassificationModel fit(Dataset<?> dataset, TrainingListener listener) {
        transformSchema(dataset.schema());
        String text = getOrDefault(textCol);
        String label = getOrDefault(labelCol);
        JavaRDD<SparkTraining.Row> rows = dataset.select(text, label).toJavaRDD().map(r -> row(r, text, label));
        TrainingOptions o = options();
        String kind = getOrDefault(modelType);
        FeatureConfig features = o.features();
        NetworkConfig network = o.network(kind);
        TrainingConfig training = o.training();
        TextClassifier model = NetworkConfig.LINEAR.equals(kind)
                ? onDriver(rows.collect(), features, network, training)
                : new SparkTraining(features, network, training, (Integer) getOrDefault(roundsPerEpoch))
                        .train(rows, listener);
        FenleiClassificationModel fitted = new FenleiClassificationModel(uid, bytes(model));
        copyValues(fitted, ParamMap.empty());
        return fitted.setParent(this);
    }

    private static SparkTraining.Row row(Row r, String text, String label) {
        if (r.isNullAt(0)) {
            throw new IllegalArgumentException("column '" + text + "' is null in a row: give every row a text");
        }
        if (r.isNullAt(1)) {
            throw new IllegalArgumentException("column '" + label + "' is null in a row: give every row a label");
        }
        String l = String.valueOf(r.get(1));
        if (r.getString(0).isBlank()) {
            throw new IllegalArgumentException("column '" + text + "' is empty in a row labeled '" + l + "': "
                    + "give every training row a text");
        }
        return new SparkTraining.Row(r.getString(0), l);
    }

    /** The linear model: its solver needs all rows, so they are fitted on the driver as one machine fits them. */
    private static TextClassifier onDriver(List<SparkTraining.Row> rows, FeatureConfig features,
                                           NetworkConfig network, TrainingConfig training) {
        try {
            Path csv = Files.createTempFile("fenlei-spark", ".csv");
            try {
                StringBuilder sb = new StringBuilder("label,text\n");
                for (SparkTraining.Row r : rows) {
                    sb.append(quote(r.label())).append(',').append(quote(r.text())).append('\n');
                }
                Files.writeString(csv, sb);
                return TextClassifier.builder().features(features).network(network).training(training).testShare(0)
                        .train(csv);
            } finally {
                Files.deleteIfExists(csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static byte[] bytes(TextClassifier model) {
        try {
            Path file = Files.createTempFile("fenlei-spark", ".fenlei");
            try {
                model.save(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public FenleiClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<FenleiClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static FenleiClassifier load(String path) {
        return read().load(path);
    }
}
