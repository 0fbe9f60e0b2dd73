#!/usr/bin/env bash
# A long fuzz run of the readers (CSV, TSV, JSONL, fastText, gzip), the model-file loader and the HTTP layer
# (request bodies, and raw requests to a running server): the same harness `mvn verify` runs briefly, with more
# inputs and another seed. Findings fail the run with the seed that replays them.
#   bench/fuzz.sh [scale, default 100] [seed, default 1000] [targets, default all]
# scale multiplies each target's inputs in `mvn verify` (20,000 per reader, 10,000 model files, 50,000 bodies,
# 5,000 raw requests); 100 takes over half an hour on 2 cores. One summary line per target goes to
# bench/results/fuzz/summary.txt. Targets: DataReaderFuzzTest, ModelFileFuzzTest, 'HttpFuzzTest#requestBodies',
# 'HttpFuzzTest#rawRequests'.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-100}"
seed="${2:-1000}"
out="$root/bench/results/fuzz"
mkdir -p "$out"
cd "$root"
: > "$out/summary.txt"
run() { # test tries; the server's tests use the core's test jar from the same build
  mvn -B verify -pl fenlei-core,fenlei-server -Dtest="$1" -Dfenlei.fuzz.tries="$2" -Dfenlei.fuzz.seed="$seed" \
      -Dsurefire.failIfNoSpecifiedTests=false > "$out/${1%%#*}.log" 2>&1 \
    || { grep -h "finding at" "$out/${1%%#*}.log" >&2; exit 1; }
  grep -h "^fuzz " "$out/${1%%#*}.log" | tee -a "$out/summary.txt"
}
shift $(( $# < 2 ? $# : 2 ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(DataReaderFuzzTest ModelFileFuzzTest 'HttpFuzzTest#requestBodies' \
  'HttpFuzzTest#rawRequests')
for t in "${targets[@]}"; do
  case "$t" in
    DataReaderFuzzTest) run "$t" $((20000 * scale)) ;;
    ModelFileFuzzTest) run "$t" $((10000 * scale)) ;;
    'HttpFuzzTest#requestBodies') run "$t" $((50000 * scale)) ;;
    'HttpFuzzTest#rawRequests') run "$t" $((5000 * scale)) ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
done
