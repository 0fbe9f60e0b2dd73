#!/usr/bin/env bash
# Single-text latency of `fenlei serve` for one model on each runtime: the server started with --runtime fenlei,
# then with --runtime onnx; one connection sends a file's texts one request at a time (Python's http.client,
# 100 warm-up requests, then up to 900 timed). Prints the median, p90 and p99 in ms for each runtime.
#   bench/serve-latency.sh MODEL.fenlei DATA.csv
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?give a fine-tuned encoder model file}"
data="${2:?give a CSV file with a text column}"
port=18091
name="$(basename "${model%.*}")"
for runtime in fenlei onnx; do
  FENLEI_JAVA_OPTS="-XX:+UseSerialGC -Xmx2g" "$root/fenlei" serve "$model" --port "$port" --runtime "$runtime" \
    > /dev/null 2>&1 &
  server=$!
  python3 - "$port" "$name" "$data" "$runtime" <<'PY'
import csv, http.client, json, sys, time
port, name, data, runtime = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
for _ in range(600):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/v1/health/ready")
        if c.getresponse().status == 200: break
    except OSError: pass
    time.sleep(0.1)
texts = [r["text"] for r in csv.DictReader(open(data, encoding="utf-8"))][:1000]
c = http.client.HTTPConnection("127.0.0.1", port)
ms = []
for i, t in enumerate(texts):
    start = time.perf_counter()
    c.request("POST", f"/v1/models/{name}:predict", json.dumps({"texts": [t]}), {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
    if i >= 100: ms.append((time.perf_counter() - start) * 1000)
ms.sort()
q = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
print(f"--runtime {runtime}: {len(ms)} requests, median {q(0.5):.1f} ms, p90 {q(0.9):.1f} ms, p99 {q(0.99):.1f} ms")
PY
  kill "$server"; wait "$server" 2>/dev/null || true
done
