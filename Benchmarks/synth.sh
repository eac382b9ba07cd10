#!/usr/bin/env bash
# Generation rate of `modeltop synth --speed max` (release build, one core) on
# Benchmarks/scenarios/load.toml (5 models x 6 features, labels, metrics; ~1.2 M lines an hour),
# and `modeltop report` on what it wrote, side by side in one run.
# Usage: Benchmarks/synth.sh [DURATION] (default 1h of event time)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/.build/release/modeltop
[ -x "$bin" ] || (cd "$root" && swift build -c release >/dev/null)
duration=${1:-1h}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
now() { date +%s.%N; }
t0=$(now); "$bin" synth --duration "$duration" "$root/Benchmarks/scenarios/load.toml" > "$dir/load.jsonl"; t1=$(now)
"$bin" synth --duration "$duration" --out "$dir/out" "$root/Benchmarks/scenarios/load.toml"
refs=(); for m in m1 m2 m3 m4 m5; do refs+=(--reference "$dir/out/reference/$m.jsonl"); done
t2=$(now); "$bin" report --format json "${refs[@]}" "$dir/load.jsonl" > "$dir/report.json"; t3=$(now)
python3 - "$dir/load.jsonl" "$t0" "$t1" "$t2" "$t3" <<'PY'
import os, sys
path = sys.argv[1]; t = [float(x) for x in sys.argv[2:]]
lines = sum(1 for _ in open(path, "rb")); size = os.path.getsize(path)
print(f"synth:  {lines} lines ({size / 1e6:.0f} MB) in {t[1] - t[0]:.3f} s: {lines / (t[1] - t[0]) / 1e6:.2f} M lines/s")
print(f"report: the same file in {t[3] - t[2]:.3f} s: {lines / (t[3] - t[2]) / 1e6:.2f} M lines/s")
PY
