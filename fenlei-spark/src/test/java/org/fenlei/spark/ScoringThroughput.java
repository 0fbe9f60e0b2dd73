package org.fenlei.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fenlei.TextClassifier;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scoring on Spark against one JVM, for bench/spark.sh (not a test): {@code ScoringThroughput MODEL PARQUET
 * [rounds]} scores every row of the Parquet folder (written in several files, so in several partitions: a
 * {@code limit} would make one) with the model on the session's master (the noop sink: nothing written), then the
 * same texts with {@code predictAll} in this JVM outside Spark, alternating, and prints both in rows/s per core
 * (medians). With rounds 0, Spark alone once, straight from the files (nothing cached or collected): its memory is
 * the scoring's own.
 */
public final class ScoringThroughput {
    private ScoringThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        String parquet = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SparkSession spark = SparkSession.builder().appName("fenlei-scoring").getOrCreate();
        int cores = spark.sparkContext().defaultParallelism();
        if (rounds == 0) {
            Dataset<Row> file = spark.read().parquet(parquet);
            long start = System.nanoTime();
            FenleiClassificationModel.fromFile(model).transform(file).write().format("noop").mode("overwrite").save();
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = file.count();
            System.out.printf(Locale.ROOT, "| %,d rows in %d partitions, Spark alone from the files | %,.0f "
                    + "rows/s/core |%n", rows, file.rdd().getNumPartitions(), rows / seconds / cores);
            spark.stop();
            return;
        }
        Dataset<Row> data = spark.read().parquet(parquet).cache();
        long n = data.count();
        FenleiClassificationModel spark1 = FenleiClassificationModel.fromFile(model);
        TextClassifier local = TextClassifier.load(model);
        List<String> texts = data.select("text").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        int threads = Runtime.getRuntime().availableProcessors();
        double[] sparkRates = new double[rounds];
        double[] jvmRates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            spark1.transform(data).write().format("noop").mode("overwrite").save();
            sparkRates[r] = n / ((System.nanoTime() - start) / 1e9) / cores;
            start = System.nanoTime();
            local.predictAll(texts, local.labels().size());
            jvmRates[r] = n / ((System.nanoTime() - start) / 1e9) / threads;
        }
        java.util.Arrays.sort(sparkRates);
        java.util.Arrays.sort(jvmRates);
        double s = sparkRates[rounds / 2];
        double j = jvmRates[rounds / 2];
        System.out.printf(Locale.ROOT, "| %,d rows in %d partitions | Spark %d cores: %,.0f rows/s/core | one JVM %d threads: %,.0f "
                + "rows/s/core | ratio %.2f |%n", n, data.rdd().getNumPartitions(), cores, s, threads, j, s / j);
        spark.stop();
    }
}
