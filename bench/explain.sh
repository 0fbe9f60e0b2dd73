#!/usr/bin/env bash
# What an explanation costs on `fenlei serve`: single-text predict requests at 64 connections (wrk) with and without
# "explain": true, for the imdb origin model (integrated gradients, 50 steps) and the imdb fastText-class model
# (exact terms). Trains both once into bench/results/explain; the server and wrk share this machine's cores.
#   FENLEI_DATA=../shared/data bench/explain.sh [seconds per run, default 20]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
seconds="${1:-20}"
command -v wrk >/dev/null || { echo "bench/explain.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
out="$root/bench/results/explain"
mkdir -p "$out"
for model in origin fasttext; do
  [ -f "$out/$model.fenlei" ] || "$root/fenlei" train "$data/imdb/train.csv" --test "$data/imdb/test.csv" \
    --model "$model" -o "$out/$model.fenlei" -q > /dev/null
done
text="This movie was a wonderful surprise: sharp writing, a warm cast and a score I keep humming."
for explain in false true; do
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' \
    "$(python3 -c 'import json,sys; print(json.dumps(json.dumps({"texts": [sys.argv[1]], "explain": sys.argv[2] == "true"})))' "$text" "$explain")" \
    > "$out/explain-$explain.lua"
done
port=18091
"$root/fenlei" serve "$out/origin.fenlei" "$out/fasttext.fenlei" --port "$port" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/v1/health/ready" >/dev/null && break; sleep 0.2; done
for model in origin fasttext; do
  url="http://127.0.0.1:$port/v1/models/$model:predict"
  wrk -t1 -c64 -d15s -s "$out/explain-true.lua" "$url" > /dev/null
  for explain in false true; do
    echo "== $model, explain $explain, 64 connections, ${seconds}s"
    wrk -t1 -c64 -d"${seconds}s" --latency -s "$out/explain-$explain.lua" "$url" \
      | grep -E "requests in|Requests/sec|50%|99%|Non-2xx|Socket errors"
  done
done
