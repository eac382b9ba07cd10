#!/usr/bin/env bash
# Instructions per feature value of the statistics in `modeltop-bench ingest` (50 models x 30
# features, the steady state), counted by `valgrind --tool=callgrind`: repeatable where this
# VM's timings vary by ±10%. Four runs, two at a time: the whole ingest and the decoding alone
# (DECODE_ONLY=1), each over 200k and 300k events; the statistics of the last 100k events are
#   (full 300k - decode 300k) - (full 200k - decode 200k)
# divided by their 3M feature values (100k events x 30). Takes a few minutes.
# Usage: Benchmarks/callgrind.sh   (installs valgrind when missing; builds modeltop-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../scripts/install-deps.sh" valgrind
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
(cd "$here" && swift build -c release --disable-build-manifest-caching > "$dir/build.txt" 2>&1) || { cat "$dir/build.txt"; exit 1; }
bench="$here/.build/release/modeltop-bench"

# Instructions of one run: EVENTS, then "decode" for DECODE_ONLY=1 or "full".
count() {
  local events=$1 mode=$2 out="$dir/$1.$2"
  if [ "$mode" = decode ]; then export DECODE_ONLY=1; else unset DECODE_ONLY; fi
  EVENTS=$events RUNS=1 valgrind --tool=callgrind --callgrind-out-file="$out.cg" "$bench" ingest > "$out.txt" 2>&1
  grep -h "Collected" "$out.txt" | awk '{print $4}' > "$out.n"
}
count 200000 full & count 300000 full; wait
count 200000 decode & count 300000 decode; wait
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
n = {k: int(open(f"{d}/{k}.n").read()) for k in ["200000.full", "300000.full", "200000.decode", "300000.decode"]}
stats = (n["300000.full"] - n["300000.decode"]) - (n["200000.full"] - n["200000.decode"])
print(f"statistics of 100k steady-state events: {stats:,} instructions")
print(f"per event: {stats / 100_000:,.0f}; per feature value (30 an event): {stats / 3_000_000:.0f}")
PY
