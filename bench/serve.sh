#!/usr/bin/env bash
# Load test of `fenlei serve` on loopback with wrk (Debian: apt-get install wrk), the issue's bounded run:
#   FENLEI_DATA=../shared/data bench/serve.sh [seconds per run, default 30]
# Trains the imdb origin model (once, into bench/results), starts the server with the launcher's serve defaults,
# warms it up for 40 s, then measures single-text requests at 64 connections, batches of 100 short texts at 8
# connections, and batches of 100 imdb test reviews at 8 connections. Prints wrk's figures and the server's
# resident memory after each run. The server and wrk share this machine's cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FENLEI_DATA:?set FENLEI_DATA to the folder holding one sub-folder per dataset}"
seconds="${1:-30}"
command -v wrk >/dev/null || { echo "bench/serve.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
out="$root/bench/results"
mkdir -p "$out"
model="$out/imdb.fenlei"
[ -f "$model" ] || "$root/fenlei" train "$data/imdb/train.csv" --test "$data/imdb/test.csv" -o "$model" -q >/dev/null
port=18090
url="http://127.0.0.1:$port/v1/models/imdb:predict"
python3 - "$data/imdb/test.csv" "$out" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))[:100]
def script(name, texts):
    body = json.dumps({"texts": texts})
    open(f"{sys.argv[2]}/{name}.lua", "w").write(
        'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' % json.dumps(body))
script("single", ["This movie was a wonderful surprise: sharp writing, a warm cast and a score I keep humming."])
script("batch-short", ["A wonderful film with a warm cast, number %d." % i if i % 2 == 0
                       else "A dull, overlong mess with wooden acting, take %d." % i for i in range(100)])
script("batch-reviews", [r["text"] for r in rows])
PY
"$root/fenlei" serve "$model" --port "$port" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/v1/health/ready" >/dev/null && break; sleep 0.2; done
pid=$(pgrep -P "$server" java || echo "$server")
wrk -t1 -c64 -d40s -s "$out/single.lua" "$url" >/dev/null
for run in "single 64" "batch-short 8" "batch-reviews 8"; do
  set -- $run
  echo "== $1, $2 connections, ${seconds}s"
  wrk -t1 -c"$2" -d"${seconds}s" --latency -s "$out/$1.lua" "$url" | grep -E "requests in|Requests/sec|50%|99%|Non-2xx|Socket errors"
  echo "server RSS $(($(ps -o rss= -p "$pid") / 1024)) MB"
done
