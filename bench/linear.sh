#!/usr/bin/env bash
# Fenlei's linear model against Tribuo's liblinear peer (../shared/peers: word unigrams and bigrams, library
# defaults) on imdb, alternately, so both see the same machine: the whole train-and-evaluate command of each,
# wall seconds and peak resident memory (GNU time), and the accuracy on the test file; then Fenlei's warm batch
# prediction speed on the test file (eval --repeat 10 with both JIT tiers, median of runs 6-10).
#   FENLEI_DATA=../shared/data bench/linear.sh [rounds, default 3]
# Needs the peers built: ../shared/peers/build.sh java (into $PEERS_HOME, default ~/fenlei-peers).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
rounds="${1:-3}"
jar="${PEERS_HOME:-$HOME/fenlei-peers}/javapeers/target/javapeers.jar"
[ -f "$jar" ] || { echo "bench/linear.sh needs $jar: run ../shared/peers/build.sh java" >&2; exit 1; }
out="$root/bench/results/linear"
mkdir -p "$out"
train="$data/imdb/train.csv"
test="$data/imdb/test.csv"
"$root/fenlei" --version >/dev/null
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
fs=(); fm=(); ts=(); tm=()
for r in $(seq "$rounds"); do
  /usr/bin/time -f "%e %M" -o "$out/tribuo.$r.time" java -Xmx8g -jar "$jar" tribuo_liblinear "$train" "$test" \
    > "$out/tribuo.$r.txt" 2>&1
  read -r s m < "$out/tribuo.$r.time"; ts+=("$s"); tm+=("$m")
  /usr/bin/time -f "%e %M" -o "$out/fenlei.$r.time" "$root/fenlei" train "$train" --test "$test" --model linear \
    --threads 2 -q -o "$out/imdb-linear.fenlei" > "$out/fenlei.$r.txt" 2>&1
  read -r s m < "$out/fenlei.$r.time"; fs+=("$s"); fm+=("$m")
  echo "round $r: tribuo ${ts[-1]} s, $((tm[-1] / 1024)) MB; fenlei ${fs[-1]} s, $((fm[-1] / 1024)) MB" >&2
done
echo "| | Tribuo liblinear | Fenlei --model linear |"
echo "|---|---|---|"
echo "| whole command, s (median of $rounds; all) | $(median "${ts[@]}") (${ts[*]}) | $(median "${fs[@]}") (${fs[*]}) |"
echo "| peak RSS, MB (median) | $(( $(median "${tm[@]}") / 1024 )) | $(( $(median "${fm[@]}") / 1024 )) |"
echo "| accuracy | $(tail -1 "$out/tribuo.1.txt") | $(awk '/^accuracy/ {print $2}' "$out/fenlei.1.txt") |"
# warm: both JIT tiers (the launcher gives eval the first tier only, which wins for one cold pass)
FENLEI_JAVA_OPTS="-XX:+UseSerialGC" "$root/fenlei" eval "$out/imdb-linear.fenlei" "$test" --repeat 10 > /dev/null \
  2> "$out/eval.txt"
warm=$(grep -o '[0-9]* documents/s' "$out/eval.txt" | awk '{print $1}' | sed -n 6,10p)
echo "| warm prediction, imdb test file, docs/s (median of runs 6-10) | | $(median $warm) |"
