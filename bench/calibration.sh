#!/usr/bin/env bash
# Temperature scaling: trains the origin and fastText-class models with their defaults and --calibrate (a 10%
# validation split, the temperature fitted on it) on each dataset and seed, then prints the test accuracy and the
# expected calibration error (15 bins) without and with the temperature (the same model, so the same predictions).
#   FENLEI_DATA=../shared/data bench/calibration.sh [dataset ...]   (default: imdb mr trec; seeds 42 1 2)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
out="$root/bench/results/calibration"
mkdir -p "$out"
datasets=("$@")
[ ${#datasets[@]} -eq 0 ] && datasets=(imdb mr trec)
(cd "$root" && mvn -q -B -Dstyle.color=never install -DskipTests -pl fenlei-bench -am >&2)
(cd "$root/fenlei-bench" && mvn -q -B -Dstyle.color=never dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath" >&2)
cp="$root/fenlei-bench/target/classes:$(cat "$out/classpath")"
for name in "${datasets[@]}"; do
  for model in origin fasttext; do
    for seed in 42 1 2; do
      file="$out/$name-$model-$seed.fenlei"
      "$root/fenlei" train "$data/$name/train.csv" --test "$data/$name/test.csv" --model "$model" --calibrate --seed "$seed" -o "$file" -q \
        > /dev/null
      printf '%s %s seed %s: ' "$name" "$model" "$seed"
      java -cp "$cp" org.fenlei.bench.CalibrationFigures "$file" "$data/$name/test.csv"
    done
  done
done
