package org.fenlei.spark;

import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fenlei.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;

/**
 * {@code fenlei-spark train|predict}: the Spark ML estimator and model from the command line, for
 * {@code spark-submit --class org.fenlei.spark.SparkMain} (the master comes from spark-submit) or a plain JVM with
 * Spark on the class path ({@code --master}, default {@code local[*]}). Reads and writes Parquet, CSV (header
 * label,text as the rest of Fenlei) and JSON Lines.
 */
@Command(name = "fenlei-spark", mixinStandardHelpOptions = true, subcommands = {SparkMain.Train.class,
        SparkMain.Predict.class}, description = "Train and apply Fenlei models on Apache Spark.")
public final class SparkMain {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cmd = new CommandLine(new SparkMain());
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("fenlei-spark: error: " + message(e));
            return 1;
        });
        return cmd.execute(args);
    }

    /** The first message a person can act on: Spark wraps executor errors in its own. */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof java.io.IOException
                    || t instanceof org.apache.spark.sql.AnalysisException) {
                return t.getMessage();
            }
        }
        return e.toString();
    }

    /** What both commands share: the session and the formats. */
    abstract static class Base {
        @Option(names = "--master", description = "Spark master when not started by spark-submit. Default: "
                + "local[*].")
        String master;

        @Option(names = "--format", description = "Format of the data: parquet, csv or json; default from the "
                + "file name (.parquet, .csv, .json/.jsonl).")
        String format;

        @Option(names = "--text-col", defaultValue = "text", description = "Text column. Default: ${DEFAULT-VALUE}.")
        String textCol;

        @Option(names = "--partitions", defaultValue = "0", description = "Repartition the data into this many "
                + "partitions (0: as read).")
        int partitions;

        SparkSession session() {
            SparkSession.Builder b = SparkSession.builder().appName("fenlei");
            if (master != null || !new org.apache.spark.SparkConf().contains("spark.master")) {
                b = b.master(master != null ? master : "local[*]");
            }
            return b.getOrCreate();
        }

        Dataset<Row> read(SparkSession spark, String path) {
            if (!Files.exists(Path.of(path)) && !path.contains("://")) {
                throw new IllegalArgumentException(path + ": no such file or folder");
            }
            String f = format(path);
            DataFrameReader reader = spark.read();
            Dataset<Row> data = switch (f) {
                case "parquet" -> reader.parquet(path);
                case "csv" -> reader.option("header", "true").option("multiLine", "true").option("escape", "\"")
                        .csv(path);
                case "json" -> reader.json(path);
                default -> throw new IllegalArgumentException("unknown format '" + f + "'; use parquet, csv or json");
            };
            return partitions > 0 ? data.repartition(partitions) : data;
        }

        String format(String path) {
            if (format != null) {
                return format.toLowerCase(Locale.ROOT);
            }
            String name = path.toLowerCase(Locale.ROOT);
            return name.endsWith(".csv") ? "csv" : name.endsWith(".json") || name.endsWith(".jsonl") ? "json"
                    : "parquet";
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model across the cluster and "
            + "save it as a Spark ML model (its Fenlei file in data/model.fenlei).")
    static final class Train extends Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DATA", description = "Labeled data.")
        String data;

        @Option(names = {"-o", "--output"}, required = true, description = "Folder to save the model in.")
        String output;

        @Option(names = "--label-col", defaultValue = "label", description = "Label column. Default: "
                + "${DEFAULT-VALUE}.")
        String labelCol;

        @Option(names = "--model", defaultValue = "origin", description = "Model kind, as fenlei train --model. "
                + "Default: ${DEFAULT-VALUE}.")
        String model;

        @Option(names = "--dim", defaultValue = "0", description = "Embedding dimension (0: the kind's default).")
        int dim;

        @Option(names = "--epochs", defaultValue = "0", description = "Epochs (0: the kind's default).")
        int epochs;

        @Option(names = "--ngrams", defaultValue = "0", description = "Word n-grams (0: the kind's default).")
        int ngrams;

        @Option(names = "--lr", defaultValue = "0", description = "Learning rate (0: the kind's default).")
        double lr;

        @Option(names = "--min-count", defaultValue = "0", description = "Least count of a word (0: default).")
        int minCount;

        @Option(names = "--buckets", defaultValue = "-1", description = "Hashed n-gram rows (-1: default).")
        int buckets;

        @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--rounds-per-epoch", defaultValue = "0", description = "Exchanges of the weights per "
                + "epoch (0: 4 times the partitions for fastText-class models, 1 for mini-batch optimisers).")
        int roundsPerEpoch;

        @Option(names = "--test", description = "Labeled data to report the accuracy on.")
        String test;

        @Override
        public Integer call() throws java.io.IOException {
            SparkSession spark = session();
            Dataset<Row> rows = read(spark, data).cache();
            long start = System.nanoTime();
            FenleiClassificationModel fitted = new FenleiClassifier().setModelType(model).setTextCol(textCol)
                    .setLabelCol(labelCol).setDim(dim).setEpochs(epochs).setWordNgrams(ngrams).setLearningRate(lr)
                    .setMinCount(minCount).setBuckets(buckets).setSeed(seed).setRoundsPerEpoch(roundsPerEpoch)
                    .fit(rows, new TrainingListener() {
                        @Override
                        public void onChoice(String message) {
                            System.err.println(message);
                        }
                    });
            double seconds = (System.nanoTime() - start) / 1e9;
            fitted.write().overwrite().save(output);
            System.out.printf(Locale.ROOT, "trained %s on %d rows in %d partitions in %.1fs; saved to %s%n", model,
                    rows.count(), rows.rdd().getNumPartitions(), seconds, output);
            if (test != null) {
                Dataset<Row> scored = fitted.transform(read(spark, test).select(col(textCol), col(labelCol)));
                long n = scored.count();
                long right = scored.filter(col(labelCol).cast("string").equalTo(col("predictedLabel"))).count();
                System.out.printf(Locale.ROOT, "accuracy  %.4f  (%d examples)%n", (double) right / n, n);
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict every row of a data set; "
            + "writes its columns plus prediction (label index), predictedLabel and probability.")
    static final class Predict extends Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL", description = "A model saved by fenlei-spark train, or a "
                + "Fenlei model file.")
        String model;

        @Parameters(index = "1", paramLabel = "DATA", description = "Texts to predict.")
        String data;

        @Option(names = {"-o", "--output"}, required = true, description = "Where to write the predictions.")
        String output;

        @Option(names = "--output-format", defaultValue = "parquet", description = "parquet, csv or json. "
                + "Default: ${DEFAULT-VALUE}.")
        String outputFormat;

        @Override
        public Integer call() throws Exception {
            if (!model.contains("://") && !Files.exists(Path.of(model))) {
                throw new IllegalArgumentException(model + ": no such model (a folder saved by fenlei-spark train, "
                        + "or a Fenlei model file)");
            }
            SparkSession spark = session();
            FenleiClassificationModel m = Files.isRegularFile(Path.of(model))
                    ? FenleiClassificationModel.fromFile(Path.of(model)) : FenleiClassificationModel.load(model);
            Dataset<Row> scored = m.setTextCol(textCol).transform(read(spark, data));
            switch (outputFormat.toLowerCase(Locale.ROOT)) {
                case "parquet" -> scored.write().mode("overwrite").parquet(output);
                case "json" -> scored.write().mode("overwrite").json(output);
                case "csv" -> {
                    // CSV holds no vectors: the probabilities as numbers separated by spaces, in label order
                    Column probability = array_join(functions.vector_to_array(col("probability"), "float64")
                            .cast("array<string>"), " ");
                    scored.withColumn("probability", probability).write().mode("overwrite")
                            .option("header", "true").csv(output);
                }
                default -> throw new IllegalArgumentException("unknown output format '" + outputFormat + "'; use "
                        + "parquet, csv or json");
            }
            System.out.println("predictions written to " + output + " (labels in order: " + m.labels() + ")");
            return 0;
        }
    }
}
