#!/usr/bin/env bash
# ONNX export: trains the imdb origin and fastText-class models (once, into bench/results/onnx), exports each and
# runs it with ONNX Runtime beside Fenlei on imdb's 25,000 test reviews, alternating rounds (OnnxThroughput).
#   FENLEI_DATA=../shared/data bench/onnx.sh [rounds, default 5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
rounds="${1:-5}"
out="$root/bench/results/onnx"
mkdir -p "$out"
for model in origin fasttext; do
  [ -f "$out/$model.fenlei" ] || "$root/fenlei" train "$data/imdb/train.csv" --test "$data/imdb/test.csv" \
    --model "$model" -o "$out/$model.fenlei" -q > /dev/null
done
(cd "$root" && mvn -q -B -Dstyle.color=never install -DskipTests -pl fenlei-bench -am >&2)
(cd "$root/fenlei-bench" && mvn -q -B -Dstyle.color=never dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath" >&2)
cp="$root/fenlei-bench/target/classes:$(cat "$out/classpath")"
for model in origin fasttext; do
  java -Xmx6g --add-modules jdk.incubator.vector -cp "$cp" org.fenlei.bench.OnnxThroughput "$out/$model.fenlei" \
    "$data/imdb/test.csv" "$rounds" 2>/dev/null
done
