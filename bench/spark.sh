#!/usr/bin/env bash
# Fenlei on Spark (local[2] on this machine). Two parts, each one command:
#   FENLEI_DATA=../shared/data [SEEDS="42 1 2"] bench/spark.sh accuracy [dataset:model[:paper] ...]   one machine
#       (fenlei train) against fenlei-spark train with 2 and 8 partitions, for each seed (default 42); default runs:
#       fasttext (defaults on trec and mr, the paper's settings on imdb) and the linear model on the three; each
#       Spark run's rounds and traffic per epoch go to bench/results/spark/DATASET-MODEL-PARTITIONS-SEED.log
#   FENLEI_DATA=../shared/data bench/spark.sh scoring    imdb's test reviews replicated to 1,000,000 rows of
#       Parquet, scored with the imdb origin model: rows/s per core against predictAll in one JVM on 250k rows
#       (cached, alternating rounds), then Spark alone from the file at 250k and 1M rows with the peak RSS of each
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
out="$root/bench/results/spark"
mkdir -p "$out"
(cd "$root" && mvn -q -B -Dstyle.color=never install -DskipTests -pl fenlei-spark -am >&2)
(cd "$root/fenlei-spark" && mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath" >&2)
cp="$root/fenlei-spark/target/classes:$root/fenlei-spark/target/test-classes:$(cat "$out/classpath")"
opens="$(sed -n '/<spark.opens>/,/<\/spark.opens>/p' "$root/fenlei-spark/pom.xml" | sed 's/<[^>]*>//g' | tr '\n' ' ')"
spark() { java -Xmx10g $opens -Dspark.master=local[2] -Dspark.ui.enabled=false -cp "$cp" "$@"; }
paper="--dim 10 --lr 0.25 --ngrams 2 --buckets 10000000 --epochs 5"
case "${1:-accuracy}" in
  accuracy)
    [ $# -gt 0 ] && shift
    runs=("$@")
    [ ${#runs[@]} -eq 0 ] && runs=(trec:fasttext mr:fasttext imdb:fasttext:paper trec:linear mr:linear imdb:linear)
    for run in "${runs[@]}"; do
      set -- ${run//:/ }
      name=$1 model=$2 settings=""
      [ "${3:-}" = paper ] && settings="$paper"
      for seed in ${SEEDS:-42}; do
        one=$("$root/fenlei" train "$data/$name/train.csv" --test "$data/$name/test.csv" --model "$model" \
          $settings --seed "$seed" -o "$out/$name-$model-one.fenlei" -q | sed -n 's/^accuracy *\([0-9.]*\).*/\1/p' \
          | head -1)
        line="| $name | $model${3:+ (paper)} | $seed | $one"
        for partitions in 2 8; do
          start=$(date +%s)
          acc=$(spark org.fenlei.spark.SparkMain train "$data/$name/train.csv" --test "$data/$name/test.csv" \
            --model "$model" $settings --seed "$seed" --partitions "$partitions" \
            -o "$out/$name-$model-$partitions" 2>"$out/$name-$model-$partitions-$seed.log" \
            | sed -n 's/^accuracy *\([0-9.]*\).*/\1/p')
          line="$line | $acc ($(( $(date +%s) - start )) s)"
        done
        echo "$line |"
      done
    done
    ;;
  scoring)
    model="$out/imdb-origin.fenlei"
    [ -f "$model" ] || "$root/fenlei" train "$data/imdb/train.csv" --test "$data/imdb/test.csv" -o "$model" -q >/dev/null
    for rows in 250000 1000000; do
      [ -d "$out/imdb-$rows.parquet" ] || spark org.fenlei.spark.ReplicateParquet "$data/imdb/test.csv" "$rows" \
        "$out/imdb-$rows.parquet" 2>/dev/null
    done
    spark org.fenlei.spark.ScoringThroughput "$model" "$out/imdb-250000.parquet" 3 2>/dev/null
    for rows in 250000 1000000; do
      /usr/bin/time -f "peak RSS %M KB" java -Xmx10g $opens -Dspark.master=local[2] -Dspark.ui.enabled=false \
        -cp "$cp" org.fenlei.spark.ScoringThroughput "$model" "$out/imdb-$rows.parquet" 0 2>&1 \
        | grep -E "^\||peak RSS"
    done
    ;;
esac
