#!/usr/bin/env bash
# `watch --no-tui` at full speed: the four node logs of Benchmarks/scenarios/fleet.toml (about
# 1M predictions with their labels inline, written by `modeltop synth --out`) read from their
# start (`--from-start`), a line every 0.1 s (each line is a whole report: ~30 ms of CPU here). Prints when the lines showed every event (events/s; the
# lines come every 0.1 s, so this is up to 0.1 s late), the largest gap between two lines while
# the backlog was read (the statistics must not hold the lines up), the CPU each thread used,
# and, for comparison, `report` over the same files (best of three).
# Usage: Benchmarks/backlog.sh [SECONDS] (default 333 seconds of event time: ~1.0M predictions)
set -euo pipefail
. "$(dirname "$0")/common.sh"
seconds=${1:-333}
dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
"$bin" synth --duration "${seconds}s" --out "$dir" "$root/Benchmarks/scenarios/fleet.toml"
refs=(); for m in m1 m2 m3 m4 m5; do refs+=(--reference "$dir/reference/$m.jsonl"); done
logs=("$dir"/n1.jsonl "$dir"/n2.jsonl "$dir"/n3.jsonl "$dir"/n4.jsonl)
total=$(cat "${logs[@]}" | wc -l)

start=$(date +%s.%N)
"$bin" watch --no-tui --from-start --interval 0.1s "${refs[@]}" "${logs[@]}" > "$dir/lines.jsonl" 2> "$dir/err.txt" &
pid=$!
# Until a line shows every event (at most a minute).
for _ in $(seq 1200); do
  n=$(tail -n 1 "$dir/lines.jsonl" | python3 -c 'import json, sys
try: print(json.loads(sys.stdin.read())["ingest"]["events"])
except Exception: print(0)')
  [ "$n" -ge "$total" ] && break
  sleep 0.05
done
# CPU seconds per thread (utime + stime), busiest first.
threads=$(for t in /proc/$pid/task/*; do
  echo "$(tr ' ' _ < "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"
done | sort -k2 -n -r | awk '$2 > 0 {printf "%s %.2f s, ", $1, $2 / 100}')
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

best=
for _ in 1 2 3; do
  /usr/bin/time -f "%e" -o "$dir/time.txt" "$bin" report --format json "${refs[@]}" "${logs[@]}" > /dev/null
  t=$(cat "$dir/time.txt")
  if [ -z "$best" ] || python3 -c "import sys; sys.exit(not ($t < $best))"; then best=$t; fi
done

python3 - "$dir/lines.jsonl" "$start" "$total" "$best" "${threads%, }" <<'PY'
import datetime, json, sys
path, start, total, report, threads = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
def seconds(stamp):
    t = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    return t.timestamp() - start
lines = [json.loads(l) for l in open(path)]
rows = [(seconds(d["time"]), d["ingest"]["events"]) for d in lines if "ingest" in d]
done = next(t for t, n in rows if n >= total)
reading = [t for t, n in rows if n < total] + [done]
gaps = [b - a for a, b in zip(reading, reading[1:])]
print(f"data: {total} lines (4 node logs, 5 models x 6 features), read from their start")
print(f"watch --no-tui: every event in by {done:.2f} s after the start: {total / done / 1e6:.2f} M events/s")
print(f"  lines while reading: {len(reading)}, every {0.1:.1f} s asked; largest gap {max(gaps, default=0):.2f} s")
print(f"  CPU by thread: {threads}")
print(f"report over the same files: {report:.3f} s, {total / report / 1e6:.2f} M events/s (best of 3)")
PY
