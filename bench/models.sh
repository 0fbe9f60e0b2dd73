#!/usr/bin/env bash
# The linear model and the automatic model choice on the shared datasets, trained on train.csv and scored on
# test.csv (--test), 2 threads, seeds 42, 1 and 2 (median reported), with the single models that auto chooses
# among, each trained alone on the same files (seed 42):
#   FENLEI_DATA=../shared/data bench/models.sh [datasets...]
# Prints a Markdown table; each run's output goes to bench/results/models/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
out="$root/bench/results/models"
mkdir -p "$out"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(imdb mr trec 20newsgroups chnsenticorp_htl thucnews_titles)
"$root/fenlei" --version >/dev/null

# dataset name seed args... -> prints "accuracy seconds peak-KB" of one train-and-evaluate run
run() {
  local ds=$1 name=$2 seed=$3; shift 3
  local log="$out/$ds.$name.$seed.txt"
  /usr/bin/time -f "%e %M" -o "$log.time" "$root/fenlei" train "$data/$ds/train.csv" --test "$data/$ds/test.csv" \
    --threads 2 --seed "$seed" -o "$out/$ds.$name.fenlei" "$@" > "$log" 2>&1
  echo "$(awk '/^accuracy/ {print $2 * 100}' "$log") $(cat "$log.time")"
}

median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

echo "| dataset | linear, seeds 42/1/2 (median) | s | peak MB | auto, seeds 42/1/2 (median) | auto chose | s | linear+chars | fasttext | origin |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for ds in "${sets[@]}"; do
  lin=(); auto=(); lsec=""; lmem=""; asec=""
  for seed in 42 1 2; do
    read -r acc sec mem <<< "$(run "$ds" linear "$seed" --model linear)"
    lin+=("$acc")
    if [ "$seed" = 42 ]; then lsec=$sec; lmem=$((mem / 1024)); fi
    read -r acc sec mem <<< "$(run "$ds" auto "$seed" --model auto)"
    auto+=("$acc")
    if [ "$seed" = 42 ]; then asec=$sec; fi
  done
  chose=$(for seed in 42 1 2; do grep -o '^  [a-z+]* .*<- chosen' "$out/$ds.auto.$seed.txt" | awk '{print $1}'; done | paste -sd/)
  read -r chars _ <<< "$(run "$ds" linear-chars 42 --model linear --maxn 5 --minn 2 --buckets 2000000)"
  read -r ft _ <<< "$(run "$ds" fasttext 42 --model fasttext --ngrams 2)"
  read -r origin _ <<< "$(run "$ds" origin 42 --model origin)"
  echo "| $ds | ${lin[0]} / ${lin[1]} / ${lin[2]} (**$(median "${lin[@]}")**) | $lsec | $lmem | ${auto[0]} / ${auto[1]} / ${auto[2]} (**$(median "${auto[@]}")**) | $chose | $asec | $chars | $ft | $origin |"
done
