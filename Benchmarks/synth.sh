#!/usr/bin/env bash
# Generation rate of `modeltop synth --speed max` (release build, one core) on
# Benchmarks/scenarios/load.toml (5 models x 6 features, labels, metrics; ~2.1 M lines an hour),
# and `modeltop report` on what it wrote, side by side in one run. Generation is timed three
# times into /dev/null (generation itself) and three times into a file (with the kernel's
# writing); the medians are printed.
# Usage: Benchmarks/synth.sh [DURATION] (default 1h of event time)
set -euo pipefail
. "$(dirname "$0")/common.sh"
duration=${1:-1h}
scenario=$root/Benchmarks/scenarios/load.toml
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
now() { date +%s.%N; }
times=()
for target in /dev/null /dev/null /dev/null "$dir/load.jsonl" "$dir/load.jsonl" "$dir/load.jsonl"; do
    t0=$(now); "$bin" synth --duration "$duration" "$scenario" > "$target"; t1=$(now)
    times+=("$t0 $t1")
done
"$bin" synth --duration "$duration" --out "$dir/out" "$scenario"
refs=(); for m in m1 m2 m3 m4 m5; do refs+=(--reference "$dir/out/reference/$m.jsonl"); done
t2=$(now); "$bin" report --format json "${refs[@]}" "$dir/load.jsonl" > "$dir/report.json"; t3=$(now)
python3 - "$dir/load.jsonl" "$t2" "$t3" "${times[@]}" <<'PY'
import os, statistics, sys
path = sys.argv[1]; t2, t3 = float(sys.argv[2]), float(sys.argv[3])
runs = [float(b) - float(a) for a, b in (x.split() for x in sys.argv[4:])]
lines = sum(1 for _ in open(path, "rb")); size = os.path.getsize(path)
null, file = statistics.median(runs[:3]), statistics.median(runs[3:])
print(f"synth:  {lines} lines ({size / 1e6:.0f} MB); into /dev/null {null:.3f} s: {lines / null / 1e6:.2f} M lines/s; "
      f"into a file {file:.3f} s: {lines / file / 1e6:.2f} M lines/s (medians of 3)")
print(f"report: the same file in {t3 - t2:.3f} s: {lines / (t3 - t2) / 1e6:.2f} M lines/s")
PY
