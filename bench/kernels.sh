#!/usr/bin/env bash
# Runs the JMH kernel benchmarks (fenlei-bench) on one thread and prints a Markdown table of GFLOP/s per shape:
#   bench/kernels.sh [JMH options, e.g. -p shape=1000x300x600]
# GFLOP/s = 2 m k n / (microseconds per call * 1000), from JMH's average time per call.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/results"
mkdir -p "$out"
(cd "$root" && mvn -q -B -Dstyle.color=never install -DskipTests -pl fenlei-bench -am >&2)
(cd "$root/fenlei-bench" && mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$out/kernels.classpath" >&2)
cp="$root/fenlei-bench/target/classes:$(cat "$out/kernels.classpath")"
java -cp "$cp" org.openjdk.jmh.Main MatMulBenchmark -t 1 -rf csv -rff "$out/kernels.csv" "$@" >&2
echo "| shape m x k x n | kernel | us/call | GFLOP/s |"
echo "|---|---|---|---|"
# CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: shape"
tail -n +2 "$out/kernels.csv" | tr -d '"' | awk -F, '{
  split($8, s, "x"); name = $1; sub(/.*\./, "", name);
  printf "| %s | %s | %.1f | %.1f |\n", $8, name, $5, 2 * s[1] * s[2] * s[3] / ($5 * 1000) }' | sort
