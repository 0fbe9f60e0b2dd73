package org.fenlei.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** For bench/spark.sh (not a test): {@code ReplicateParquet CSV ROWS OUT} repeats a labeled CSV to ROWS rows of Parquet. */
public final class ReplicateParquet {
    private ReplicateParquet() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("fenlei-replicate").getOrCreate();
        Dataset<Row> csv = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(args[0]).select("label", "text").cache();
        long rows = Long.parseLong(args[1]);
        long n = csv.count();
        Dataset<Row> all = csv;
        for (long have = n; have < rows; have += n) {
            all = all.union(csv);
        }
        all.limit((int) rows).repartition(8).write().mode("overwrite").parquet(args[2]);
        spark.stop();
    }
}
