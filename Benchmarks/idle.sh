#!/usr/bin/env bash
# Idle cost: CPU time of `modeltop watch --no-tui` following FILES quiet files for SECONDS (after
# they were read), with inotify (the default) and with polling (--poll) for
# comparison. With inotify the cost must not grow with the number of files.
# Usage: Benchmarks/idle.sh [FILES] [SECONDS] [BINARY]   (default 5000, 30, .build/release/modeltop)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
files=${1:-5000}
seconds=${2:-30}
bin=$(realpath "${3:-$here/../.build/release/modeltop}")
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
python3 -c '
import json, sys
for i in range(int(sys.argv[2])):
    with open("%s/%05d.jsonl" % (sys.argv[1], i), "w") as f:
        f.write(json.dumps({"model": "m", "ts": 1795700000 + i, "prediction": 1}) + "\n")' "$dir" "$files"
measure() {  # measure LABEL [OPTION...]: CPU % of a core over SECONDS after a 5 s warm-up
  local label=$1; shift
  # A JSON line lists every source: printed once a day here, so only following is measured.
  "$bin" watch --no-tui --interval 1d "$@" "$dir/*.jsonl" > /dev/null &
  pid=$!
  sleep 5
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep "$seconds"
  after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  kill $pid; wait $pid 2>/dev/null || true; pid=
  python3 -c "import os; print('%s: %d quiet files, %.1f%% of a core' % ('$label', $files, ($after - $before) / os.sysconf('SC_CLK_TCK') / $seconds * 100))"
}
measure "inotify"
measure "polling (--poll)" --poll
