#!/usr/bin/env bash
# Fenlei against the C++ fastText tool on this machine, with the fastText paper's Table 1 settings (dim 10, lr 0.25,
# word bigrams, 10M buckets, 5 epochs, 2 threads), run alternately so that both see the same machine:
#   FENLEI_DATA=../shared/data bench/fasttext.sh [runs, default 5]
# Needs the tool on PATH (Debian: apt-get install fasttext); the repository does not use it otherwise.
#   1. imdb, `runs` rounds of: the tool's `supervised` then `predict` on the test file, then Fenlei's
#      `train --test` and cold `predict --input`. Wall and CPU seconds of each whole process, accuracy.
#   2. chnsenticorp_htl and thucnews_titles, seeds 1..runs*2 of each: the tool on text pre-split into single
#      characters (`-seed S`), Fenlei on the raw CSV (`--seed S`). Accuracy median and range.
# The tool reads text normalised as its classification-example.sh does (lower case, punctuation split off, quotes
# dropped, lines shuffled); Fenlei reads the CSV files as they are. Prints Markdown tables; work files go to
# bench/results/fasttext.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
runs="${1:-5}"
command -v fasttext >/dev/null \
  || { echo "bench/fasttext.sh needs the fastText tool (apt-get install fasttext)" >&2; exit 1; }
out="$root/bench/results/fasttext"
mkdir -p "$out"
"$root/fenlei" --version >/dev/null
paper_ft=(-dim 10 -lr 0.25 -wordNgrams 2 -minCount 1 -bucket 10000000 -epoch 5 -thread 2)
paper_fl=(--model fasttext --dim 10 --lr 0.25 --ngrams 2 --buckets 10000000 --epochs 5 --threads 2)

# label,text CSV -> the tool's "__label__X text" lines
to_fasttext() { # dataset split mode(words|chars)
  python3 - "$data/$1/$2.csv" "$out/$1.$2.txt" "$3" <<'PY'
import csv, random, re, sys
source, target, mode = sys.argv[1:]
def words(text):
    text = text.lower().replace("<br />", " ").replace('"', " ")
    text = re.sub(r"([.,!?()'])", r" \1 ", text)
    return re.sub(r"[;:]", " ", text)
def chars(text):
    return " ".join(c for c in text if not c.isspace())
split = words if mode == "words" else chars
with open(source, encoding="utf-8", newline="") as f:
    lines = ["__label__%s %s\n" % (row["label"].replace(" ", "_"), " ".join(split(row["text"]).split()))
             for row in csv.DictReader(f)]
# shuffled, as the example script does: the tool reads its file in order, and some files are sorted by label
random.Random(1).shuffle(lines)
with open(target, "w", encoding="utf-8") as o:
    o.writelines(lines)
PY
}

# runs a command, appending "wall cpu" seconds to a file
timed() { # file command...
  local file="$1"; shift
  /usr/bin/time -o "$out/time.tmp" -f "%e %U %S" "$@"
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$out/time.tmp" >> "$file"
}

fenlei_accuracy() {
  python3 -c 'import json, sys
print(100 * json.load(open(sys.argv[1]))["provenance"]["metrics"]["classification"]["accuracy"])' "$1"
}
tool_accuracy() { fasttext test "$1" "$2" | awk '/^P@1/ { print 100 * $2 }'; }

summary() { # label file-of-values (one number per line, or "wall cpu" pairs)
  python3 - "$1" "$2" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[2]) if l.strip()]
cols = list(zip(*rows))
cells = ["%.2f (%.2f-%.2f)" % (statistics.median(c), min(c), max(c)) for c in cols]
print("| %s | %s |" % (sys.argv[1], " | ".join(cells)))
PY
}

# the launcher's first run of each command after a build writes its class-data sharing archive (seconds): not timed
python3 - "$data/imdb/train.csv" "$out/warmup.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["label", "text"])
    w.writeheader()
    w.writerows({"label": r["label"], "text": r["text"]} for r in rows[:100] + rows[-100:])
PY
"$root/fenlei" train "$out/warmup.csv" --model fasttext --epochs 1 -o "$out/warmup.fenlei" -q > /dev/null
"$root/fenlei" predict "$out/warmup.fenlei" --input "$out/warmup.csv" > /dev/null

echo "## imdb, $runs rounds (median (min-max))"
to_fasttext imdb train words
to_fasttext imdb test words
: > "$out/ft.train"; : > "$out/ft.predict"; : > "$out/fl.train"; : > "$out/fl.predict"
: > "$out/ft.acc"; : > "$out/fl.acc"
for ((i = 1; i <= runs; i++)); do
  timed "$out/ft.train" fasttext supervised -input "$out/imdb.train.txt" -output "$out/imdb" "${paper_ft[@]}" \
    > /dev/null 2>&1
  timed "$out/ft.predict" fasttext predict "$out/imdb.bin" "$out/imdb.test.txt" > /dev/null
  tool_accuracy "$out/imdb.bin" "$out/imdb.test.txt" >> "$out/ft.acc"
  timed "$out/fl.train" "$root/fenlei" train "$data/imdb/train.csv" --test "$data/imdb/test.csv" "${paper_fl[@]}" \
    -o "$out/imdb.fenlei" --json "$out/imdb.json" -q > /dev/null
  timed "$out/fl.predict" "$root/fenlei" predict "$out/imdb.fenlei" --input "$data/imdb/test.csv" > /dev/null
  fenlei_accuracy "$out/imdb.json" >> "$out/fl.acc"
done
echo "| process | wall s | CPU s |"
echo "|---|---|---|"
summary "fastText supervised (train)" "$out/ft.train"
summary "fastText predict (25,000 reviews)" "$out/ft.predict"
summary "fenlei train --test (train and evaluate)" "$out/fl.train"
summary "fenlei predict --input (25,000 reviews)" "$out/fl.predict"
echo
echo "| accuracy % | median (min-max) |"
echo "|---|---|"
summary "fastText" "$out/ft.acc"
summary "Fenlei" "$out/fl.acc"

for name in chnsenticorp_htl thucnews_titles; do
  echo
  echo "## $name, seeds 1-$((2 * runs)): accuracy % median (min-max)"
  to_fasttext "$name" train chars
  to_fasttext "$name" test chars
  : > "$out/$name.ft.acc"; : > "$out/$name.fl.acc"
  for ((seed = 1; seed <= 2 * runs; seed++)); do
    fasttext supervised -input "$out/$name.train.txt" -output "$out/$name" "${paper_ft[@]}" -seed "$seed" \
      > /dev/null 2>&1
    tool_accuracy "$out/$name.bin" "$out/$name.test.txt" >> "$out/$name.ft.acc"
    "$root/fenlei" train "$data/$name/train.csv" --test "$data/$name/test.csv" "${paper_fl[@]}" --seed "$seed" \
      -o "$out/$name.fenlei" --json "$out/$name.json" -q > /dev/null
    fenlei_accuracy "$out/$name.json" >> "$out/$name.fl.acc"
  done
  echo "| tool | accuracy % |"
  echo "|---|---|"
  summary "fastText (characters)" "$out/$name.ft.acc"
  summary "Fenlei (raw text)" "$out/$name.fl.acc"
done
