#!/usr/bin/env bash
# Trains and evaluates the origin model with its default settings on every dataset under $FENLEI_DATA and
# prints a Markdown table: accuracy, macro-F1, train seconds, training tokens/s, prediction docs/s, peak memory.
#   FENLEI_DATA=../shared/data bench/origin.sh [dataset ...]
# Each dataset runs in fresh JVMs: `fenlei train DATA/train.csv --test DATA/test.csv` (timed whole, JVM start
# included, with its peak RSS), then `fenlei eval --repeat 10` on the test file: the first run is cold (JIT
# warm-up inside the timing), the median of runs 6-10 is the steady-state batch prediction speed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
out="$root/bench/results"
mkdir -p "$out"
"$root/fenlei" --version >/dev/null
datasets=("$@")
if [ ${#datasets[@]} -eq 0 ]; then
  # reuters21578_modapte is multi-label: it needs --task multilabel (see BENCHMARKS.md), not these defaults
  for d in "$data"/*/; do
    [ -f "$d/train.csv" ] && [ "$(basename "$d")" != reuters21578_modapte ] && datasets+=("$(basename "$d")")
  done
fi
echo "| dataset | accuracy % | macro-F1 % | train s (whole command) | training tokens/s | predict docs/s cold | predict docs/s warm | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${datasets[@]}"; do
  model="$out/$name.fenlei"
  json="$out/$name.train.json"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out/$name.rss" "$root/fenlei" train "$data/$name/train.csv" --test "$data/$name/test.csv" \
    -o "$model" --json "$json" -q > "$out/$name.train.txt"
  end=$(date +%s.%N)
  # both JIT tiers (the launcher runs eval on C1 alone): the steady state is C2's, as in the recorded tables
  FENLEI_JAVA_OPTS="${FENLEI_JAVA_OPTS:--XX:+TieredCompilation}" \
    "$root/fenlei" eval "$model" "$data/$name/test.csv" --repeat 10 > "$out/$name.eval.txt" 2> "$out/$name.speed.txt"
  python3 - "$json" "$out/$name.rss" "$out/$name.speed.txt" "$start" "$end" "$name" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1]))["provenance"]
rss_mb = int(open(sys.argv[2]).read().split()[-1]) / 1024
speeds = [float(m) for m in re.findall(r"([0-9.]+) documents/s", open(sys.argv[3]).read())]
c = report["metrics"]["classification"]
wall = float(sys.argv[5]) - float(sys.argv[4])
print(f"| {sys.argv[6]} | {100 * c['accuracy']:.2f} | {100 * c['macroF1']:.2f} | {report['trainSeconds']:.1f} ({wall:.1f}) "
      f"| {report['tokensPerSecond'] / 1e6:.2f}M | {speeds[0]:,.0f} | {sorted(speeds[5:])[2]:,.0f} | {rss_mb:.0f} |")
PY
done
