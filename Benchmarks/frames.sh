#!/usr/bin/env bash
# The dashboard under load: `modeltop watch` in a 120x40 tmux pane follows four node logs that
# four `modeltop synth --rate` processes append to (RATE lines a second in all, default 500k, of
# Benchmarks/scenarios/load.toml: 5 models x 6 features, labels, metrics) for SECONDS. The loop
# logs every frame it draws (MODELTOP_FRAME_LOG). Prints the frames drawn a second, the time
# between frames (p50, p99, max: the frame interval is 0.1 s), the time to draw one, and the
# events the dashboard applied a second against the lines written.
# Usage: Benchmarks/frames.sh [RATE] [SECONDS]   (default 500000 20; after `make build`)
set -euo pipefail
. "$(dirname "$0")/common.sh"
rate=${1:-500000}
seconds=${2:-20}
scenario=$root/Benchmarks/scenarios/load.toml
dir=$(mktemp -d)
session="modeltop-frames-$$"
writers=()
cleanup() {
  for p in "${writers[@]}"; do kill "$p" 2>/dev/null || true; done
  tmux kill-session -t "$session" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
"$bin" synth --duration 1s --out "$dir/gen" "$scenario"
refs=""; for m in m1 m2 m3 m4 m5; do refs="$refs --reference $dir/gen/reference/$m.jsonl"; done
for n in 1 2 3 4; do : > "$dir/n$n.jsonl"; done
mkdir -p "$dir/config"
tmux new-session -d -s "$session" -x 120 -y 40 \
  "XDG_CONFIG_HOME=$dir/config MODELTOP_FRAME_LOG=$dir/frames.log TERM=tmux-256color '$bin' watch $refs $dir/n1.jsonl $dir/n2.jsonl $dir/n3.jsonl $dir/n4.jsonl 2> $dir/err.txt"
sleep 1
start=$(date +%s.%N)
for n in 1 2 3 4; do
  "$bin" synth --seed "$n" --rate "$((rate / 4))" --duration 24h "$scenario" >> "$dir/n$n.jsonl" &
  writers+=($!)
done
sleep "$seconds"
for p in "${writers[@]}"; do kill "$p" 2>/dev/null || true; done
end=$(date +%s.%N)
wait 2>/dev/null || true
writers=()
sleep 0.5
tmux capture-pane -t "$session" -p > "$dir/screen.txt"
written=$(cat "$dir"/n?.jsonl | wc -l)
python3 - "$dir/frames.log" "$start" "$end" "$written" "$rate" <<'PY'
import statistics, sys
path, start, end, written, rate = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
frames = [tuple(float(x) for x in line.split()) for line in open(path)]
inside = [f for f in frames if start <= f[0] <= end]
times = [f[0] for f in inside]
gaps = sorted(b - a for a, b in zip(times, times[1:]))
draws = sorted(f[1] for f in inside)
applied = sum(f[2] for f in inside)
span = end - start
def q(xs, p): return xs[min(len(xs) - 1, int(p * len(xs)))] * 1000
print(f"load: {written} lines written in {span:.1f} s ({written / span / 1e3:.0f}k/s; asked {rate / 1e3:.0f}k/s)")
print(f"frames: {len(inside)} ({len(inside) / span:.1f}/s); between frames p50 {q(gaps, 0.5):.0f} ms, "
      f"p99 {q(gaps, 0.99):.0f} ms, max {gaps[-1] * 1000:.0f} ms; drawing p50 {q(draws, 0.5):.1f} ms, p99 {q(draws, 0.99):.1f} ms")
print(f"applied while loaded: {applied} events ({applied / span / 1e3:.0f}k/s)")
PY
