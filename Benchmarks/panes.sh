#!/usr/bin/env bash
# Pane summaries: what a worker (`watch --no-tui --emit-panes`) costs against a plain `report`
# over the same events, the size of what it sends, and what merging its blocks costs.
# Usage: Benchmarks/panes.sh [EVENTS] (default 400000: 5 models x 6 features, labels inline)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/.build/release/modeltop
[ -x "$bin" ] || (cd "$root" && swift build -c release >/dev/null)
n=${1:-400000}
dir=$(mktemp -d)
worker=
trap '[ -z "$worker" ] || kill "$worker" 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"
python3 - "$n" <<'PY'
import json, random, sys
n = int(sys.argv[1]); random.seed(3)
def line(i, t):
    m = i % 5
    x = [round(random.gauss(0.2 * (t > 0), 1), 4) for _ in range(6)]
    return json.dumps({"model": "m%d" % m, "ts": t, "node": "n%d" % (i % 4), "prediction": int(x[0] > 0),
                       "label": int(random.random() < 0.85) if x[0] > 0 else 0, "latency_ms": round(random.expovariate(0.1), 2),
                       "features": {"f%d" % k: x[k] for k in range(6)}})
open("reference.jsonl", "w").write("\n".join(line(i, 0) for i in range(25000)) + "\n")
open("events.jsonl", "w").write("\n".join(line(i, 1795700000 + i * 0.005) for i in range(n)) + "\n")
PY
now() { date +%s.%N; }
t0=$(now); "$bin" report --format json --reference reference.jsonl events.jsonl > one.json; t1=$(now)
"$bin" watch --no-tui --from-start --interval 0.1s --reference reference.jsonl --emit-panes out.panes events.jsonl > worker.jsonl &
worker=$!
t2=$(now)
until [ -s worker.jsonl ] && python3 -c 'import json,sys; d=json.loads(open("worker.jsonl").read().splitlines()[-1]); sys.exit(d["events"] < int(sys.argv[1]))' "$n" 2>/dev/null; do sleep 0.05; done
t3=$(now)
kill -TERM $worker; wait $worker || true; worker=
t4=$(now); "$bin" report --format json --reference reference.jsonl panes:out.panes > merged.json; t5=$(now)
python3 - "$n" "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" <<'PY'
import json, os, sys
n = int(sys.argv[1]); t = [float(x) for x in sys.argv[2:]]
one, merged = t[1] - t[0], t[5] - t[4]
worker = t[3] - t[2]
size = os.path.getsize("out.panes"); raw = os.path.getsize("events.jsonl")
a, b = json.load(open("one.json")), json.load(open("merged.json"))
same = all(x["predictions"] == y["predictions"] and abs(x["accuracy"] - y["accuracy"]) < 1e-9 for x, y in zip(a["models"], b["models"]))
print(f"events: {n} ({raw / 1e6:.1f} MB NDJSON)")
print(f"report, one process:        {one:.3f} s  ({n / one / 1e6:.2f} M events/s)")
print(f"worker (watch --emit-panes): {worker:.3f} s  ({n / worker / 1e6:.2f} M events/s, to its last status line, 0.1 s resolution)")
print(f"summaries written:           {size / 1e6:.2f} MB ({size / raw * 100:.1f}% of the NDJSON)")
print(f"report of the summaries:     {merged:.3f} s  ({n / merged / 1e6:.2f} M events/s equivalent)")
print(f"merged report equals the one-process report (predictions, accuracy): {same}")
PY
