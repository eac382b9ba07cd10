#!/usr/bin/env bash
# Pane summaries: what a worker (`watch --no-tui --emit-panes`) costs against a plain `report`
# over the same events, the size of what it sends, and what merging its blocks costs.
# Usage: Benchmarks/panes.sh [EVENTS] (default about 400000 lines of Benchmarks/scenarios/load.toml)
set -euo pipefail
. "$(dirname "$0")/common.sh"
n=${1:-400000}
dir=$(mktemp -d)
worker=
trap '[ -z "$worker" ] || kill "$worker" 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"
# The load: Benchmarks/scenarios/load.toml (5 models x 6 features, labels a minute later) for
# as much event time as makes about EVENTS lines, written by modeltop synth.
minutes=$(( (n + 35999) / 36000 ))
"$bin" synth --duration "${minutes}m" --out gen "$root/Benchmarks/scenarios/load.toml"
cat gen/n1.jsonl gen/n2.jsonl gen/n3.jsonl gen/n4.jsonl gen/labels.jsonl > events.jsonl
n=$(wc -l < events.jsonl)
refs=(); for m in m1 m2 m3 m4 m5; do refs+=(--reference "gen/reference/$m.jsonl"); done
now() { date +%s.%N; }
t0=$(now); "$bin" report --format json "${refs[@]}" events.jsonl > one.json; t1=$(now)
"$bin" watch --no-tui --from-start --interval 0.1s "${refs[@]}" --emit-panes out.panes events.jsonl > worker.jsonl &
worker=$!
t2=$(now)
until [ -s worker.jsonl ] && python3 -c 'import json,sys; d=json.loads(open("worker.jsonl").read().splitlines()[-1]); sys.exit(d["lines"] < int(sys.argv[1]))' "$n" 2>/dev/null; do sleep 0.05; done
t3=$(now)
kill -TERM $worker; wait $worker || true; worker=
t4=$(now); "$bin" report --format json "${refs[@]}" panes:out.panes > merged.json; t5=$(now)
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
