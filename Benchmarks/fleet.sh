#!/usr/bin/env bash
# `modeltop report` over a fleet log against Python's parse-only json.loads loop over the same
# file, side by side in one run: about 1M events of Benchmarks/scenarios/fleet.toml (5 models x
# 6 features, every event a prediction with its label inline), written by `modeltop synth`,
# with each model's reference file. Prints the best of three wall times of each, events/s, the
# ratio, and report's peak RSS.
# Usage: Benchmarks/fleet.sh [SECONDS] (default 333 seconds of event time: ~1.0M events)
set -euo pipefail
. "$(dirname "$0")/common.sh"
seconds=${1:-333}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$bin" synth --duration "${seconds}s" "$root/Benchmarks/scenarios/fleet.toml" > fleet.jsonl
"$bin" synth --duration 1s --out gen "$root/Benchmarks/scenarios/fleet.toml"
refs=(); for m in m1 m2 m3 m4 m5; do refs+=(--reference "gen/reference/$m.jsonl"); done
best=
for _ in 1 2 3; do
  /usr/bin/time -f "%e %M" -o time.txt "$bin" report --format json "${refs[@]}" fleet.jsonl > report.json
  read -r t rss < time.txt
  if [ -z "$best" ] || python3 -c "import sys; sys.exit(not ($t < $best))"; then best=$t; peak=$rss; fi
done
python3 - "$best" "$peak" <<'PY'
import json, sys, time
report, rss = float(sys.argv[1]), int(sys.argv[2])
events = sum(1 for _ in open("fleet.jsonl", "rb"))
best = None
for _ in range(3):
    t = time.perf_counter()
    with open("fleet.jsonl") as f:
        for line in f:
            json.loads(line)
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
r = json.load(open("report.json"))
assert r["ingest"]["events"] == events, (r["ingest"]["events"], events)
print(f"data: {events} events, 5 models x 6 features (predictions, labels inline), best of 3 wall times")
print(f"modeltop report:        {report:7.3f} s  {events / report / 1e6:5.2f} M events/s  peak RSS {rss / 1024:.0f} MB")
print(f"python json.loads loop: {best:7.3f} s  {events / best / 1e6:5.2f} M events/s (parse only)")
print(f"report / json.loads: {report / best:.2f}x (goal <= 0.10x)")
PY
