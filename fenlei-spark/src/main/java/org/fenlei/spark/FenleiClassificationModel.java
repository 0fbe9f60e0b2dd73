package org.fenlei.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fenlei.Prediction;
import org.fenlei.ScoredLabel;
import org.fenlei.TextClassifier;
import scala.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trained Fenlei model as a Spark ML {@link org.apache.spark.ml.Transformer}: adds {@code prediction} (the label's
 * index, as Spark's classifiers give it), {@code predictedLabel} and {@code probability} (a vector in
 * {@link #labels()} order) for each row's text. The model file is broadcast once and read once per executor JVM;
 * each partition is predicted in batches on Fenlei's fast path. Saved by {@link #write()} as Spark ML metadata plus
 * the Fenlei model file ({@code data/model.fenlei}), which {@code fenlei predict} and {@code fenlei serve} read
 * as they are; {@link #fromFile} reads a model the command line trained.
 */
public final class FenleiClassificationModel extends Model<FenleiClassificationModel>
        implements FenleiParams, MLWritable {
    private static final long serialVersionUID = 1L;
    /** Texts per call to predictAll within a partition. */
    private static final int CHUNK = 512;
    /** Models read on this JVM, by the SHA-256 of their file: once per executor, whatever the tasks. */
    private static final Map<String, TextClassifier> LOADED = new ConcurrentHashMap<>();

    private final String uid;
    private final byte[] file;
    /** The file's SHA-256, made once here: the key executors find their loaded copy by. */
    private final String key;
    private final List<String> labels;
    private final Param<String> textCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> predictedLabelCol;

    FenleiClassificationModel(String uid, byte[] file) {
        this.uid = uid;
        this.file = file;
        this.key = sha256(file);
        this.labels = classifier(key, file).labels();
        textCol = new Param<>(this, "textCol", "the column of texts");
        predictionCol = new Param<>(this, "predictionCol", "the column of the predicted label's index");
        probabilityCol = new Param<>(this, "probabilityCol", "the column of the labels' probabilities");
        predictedLabelCol = new Param<>(this, "predictedLabelCol", "the column of the predicted label");
        setDefault(textCol, "text");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(predictedLabelCol, "predictedLabel");
    }

    /** A Fenlei model file (trained by the command line, say) as a Spark ML model. */
    public static FenleiClassificationModel fromFile(Path model) throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        return new FenleiClassificationModel(Identifiable.randomUID("fenlei"), bytes);
    }

    /** The model's labels: index = the prediction column's value, and the probability vector's order. */
    public List<String> labels() {
        return labels;
    }

    /** The Fenlei model itself. */
    public TextClassifier classifier() {
        return classifier(key, file);
    }

    /** The model file's bytes, as {@code fenlei} reads them. */
    public byte[] modelFile() {
        return file.clone();
    }

    private static TextClassifier classifier(String key, byte[] file) {
        return LOADED.computeIfAbsent(key, k -> {
            try {
                Path temp = Files.createTempFile("fenlei-spark", ".fenlei");
                try {
                    Files.write(temp, file);
                    return TextClassifier.load(temp);
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the Fenlei model file: " + e.getMessage(), e);
            }
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Param<String> textCol() {
        return textCol;
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

    public FenleiClassificationModel setTextCol(String value) {
        set(textCol, value);
        return this;
    }

    public FenleiClassificationModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public FenleiClassificationModel setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public FenleiClassificationModel setPredictedLabelCol(String value) {
        set(predictedLabelCol, value);
        return this;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FenleiParams.requireText(schema, getOrDefault(textCol));
        for (Param<String> out : List.of(predictionCol, predictedLabelCol, probabilityCol)) {
            if (List.of(schema.fieldNames()).contains(getOrDefault(out))) {
                throw new IllegalArgumentException("the data already has a column '" + getOrDefault(out)
                        + "'; name the output another way with set" + Character.toUpperCase(out.name().charAt(0))
                        + out.name().substring(1));
            }
        }
        return schema.add(getOrDefault(predictionCol), DataTypes.DoubleType, false)
                .add(getOrDefault(predictedLabelCol), DataTypes.StringType, false)
                .add(getOrDefault(probabilityCol), SQLDataTypes.VectorType(), false);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        int text = dataset.schema().fieldIndex(getOrDefault(textCol));
        String column = getOrDefault(textCol);
        Broadcast<byte[]> model = dataset.sparkSession().sparkContext().broadcast(file,
                scala.reflect.ClassTag$.MODULE$.apply(byte[].class));
        int k = labels.size();
        String sha = key;
        MapPartitionsFunction<Row, Row> score = rows -> new PartitionScorer(rows, classifier(sha, model.value()),
                text, column, k);
        return dataset.toDF().mapPartitions(score, Encoders.row(out));
    }

    /** Predicts a partition in chunks of {@link #CHUNK} rows, keeping each input row and adding the three columns. */
    private static final class PartitionScorer implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final TextClassifier model;
        private final int text;
        private final String column;
        private final int k;
        /** Each label's index: the probability vector's position and the prediction column's value. */
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<Row> chunk = new ArrayList<>(CHUNK);
        private final List<String> texts = new ArrayList<>(CHUNK);
        private List<Prediction> predictions = List.of();
        private int next;

        PartitionScorer(Iterator<Row> rows, TextClassifier model, int text, String column, int k) {
            this.rows = rows;
            this.model = model;
            this.text = text;
            this.column = column;
            this.k = k;
            for (String label : model.labels()) {
                ids.put(label, ids.size());
            }
        }

        @Override
        public boolean hasNext() {
            if (next < chunk.size()) {
                return true;
            }
            chunk.clear();
            texts.clear();
            next = 0;
            while (chunk.size() < CHUNK && rows.hasNext()) {
                Row row = rows.next();
                if (row.isNullAt(text)) {
                    throw new IllegalArgumentException("column '" + column + "' is null in a row: give every row a "
                            + "text (filter the nulls, or fill them with an empty string)");
                }
                chunk.add(row);
                texts.add(row.getString(text));
            }
            // one task per core already: the batch on this thread
            predictions = texts.isEmpty() ? List.of() : model.predictAll(texts, k, false);
            return !chunk.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Row row = chunk.get(next);
            Prediction p = predictions.get(next++);
            double[] probabilities = new double[k];
            for (ScoredLabel s : p.top()) {
                probabilities[ids.get(s.label())] = s.probability();
            }
            Object[] values = new Object[row.length() + 3];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = (double) ids.get(p.label());
            values[row.length() + 1] = p.label();
            values[row.length() + 2] = Vectors.dense(probabilities);
            return RowFactory.create(values);
        }
    }

    @Override
    public FenleiClassificationModel copy(ParamMap extra) {
        FenleiClassificationModel copy = new FenleiClassificationModel(uid, file);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<FenleiClassificationModel> read() {
        return new Reader();
    }

    public static FenleiClassificationModel load(String path) {
        return read().load(path);
    }

    private static org.apache.hadoop.fs.Path modelPath(String path) {
        return new org.apache.hadoop.fs.Path(path, "data/model.fenlei");
    }

    /** Spark ML metadata (class, uid, parameters) and the model file beside it, on any Hadoop file system. */
    private static final class Writer extends MLWriter {
        private final FenleiClassificationModel model;

        Writer(FenleiClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
            org.apache.hadoop.fs.Path file = modelPath(path);
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(model.file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<FenleiClassificationModel> {
        @Override
        public FenleiClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(),
                    FenleiClassificationModel.class.getName());
            org.apache.hadoop.fs.Path file = modelPath(path);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                if (!fs.exists(file)) {
                    throw new IllegalArgumentException(path + " is not a saved Fenlei model: " + file + " is missing");
                }
                try (FSDataInputStream in = fs.open(file)) {
                    bytes = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
            }
            FenleiClassificationModel model = new FenleiClassificationModel(metadata.uid(), bytes);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
