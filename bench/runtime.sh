#!/usr/bin/env bash
# A fine-tuned encoder model on Fenlei's kernels and on ONNX Runtime (--runtime onnx), side by side in one JVM,
# alternating rounds (RuntimeThroughput): predictAll over a file's texts, then single-text latency.
#   bench/runtime.sh MODEL.fenlei DATA.csv [rounds, default 5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?give a fine-tuned encoder model file}"
data="${2:?give a CSV file of texts}"
rounds="${3:-5}"
out="$root/bench/results/runtime"
mkdir -p "$out"
(cd "$root" && mvn -q -B -Dstyle.color=never install -DskipTests -pl fenlei-bench -am >&2)
(cd "$root/fenlei-bench" && mvn -q -B -Dstyle.color=never dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath" >&2)
cp="$root/fenlei-bench/target/classes:$(cat "$out/classpath")"
java -Xmx4g --add-modules jdk.incubator.vector -cp "$cp" org.fenlei.bench.RuntimeThroughput "$model" "$data" \
  "$rounds" 2> >(grep -v "^WARNING: Using incubator" >&2)
