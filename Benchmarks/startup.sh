#!/usr/bin/env bash
# Startup to the first frame that shows data, with a 1 GB log: `modeltop watch` in a tmux
# pane, timed until the overview lists a model. The backlog (the last 64 MiB) is read first.
# The log is `modeltop synth` of Benchmarks/scenarios/load.toml for 3.5 hours of event time
# (7.5M lines, predictions with 6 features, labels and metrics, about 142 bytes a line: 1 GB).
# Usage: Benchmarks/startup.sh   (after `make build`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="$here/../.build/release/modeltop"
dir=${MODELTOP_BENCH_DIR:-$(mktemp -d)}
log="$dir/big.jsonl"
if [ ! -s "$log" ] || [ "$(stat -c %s "$log")" -lt 1000000000 ]; then
  "$bin" synth --duration 210m "$here/scenarios/load.toml" > "$log"
fi
echo "log: $(du -h "$log" | cut -f1)"
session="modeltop-startup-$$"
best=
for run in 1 2 3; do
  tmux kill-session -t "$session" 2>/dev/null || true
  start=$(date +%s.%N)
  tmux new-session -d -s "$session" -x 120 -y 40 "TERM=tmux-256color '$bin' watch '$log'"
  until tmux capture-pane -t "$session" -p 2>/dev/null | grep -qw m1; do sleep 0.005; done
  end=$(date +%s.%N)
  ms=$(python3 -c "print(round(($end - $start) * 1000))")
  echo "run $run: first frame with data after $ms ms"
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  tmux kill-session -t "$session"
done
echo "startup to first frame: $best ms (best of 3)"
