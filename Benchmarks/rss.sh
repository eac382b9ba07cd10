#!/usr/bin/env bash
# Peak RSS while `modeltop watch --no-tui` follows 10M events from standard input: it must
# stay flat after warm-up. Prints the RSS (from /proc) against the events counted so far.
# The traffic is `modeltop synth --speed max Benchmarks/scenarios/load.toml` (5 models x 6
# features, labels by id a minute later, metrics: about 600 lines per second of event time, so
# 10M events are 4.6 hours: panes turn over and label joins wait their full bounds), piped in.
# Usage: Benchmarks/rss.sh [EVENTS]   (after `make build`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="$here/../.build/release/modeltop"
events=${1:-10000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
hours=$(( events / 2000000 + 1 ))
"$bin" synth --speed max --duration "${hours}h" "$here/scenarios/load.toml" | "$bin" watch --no-tui --interval 1s - > "$dir/out.jsonl" &
sleep 1
pid=$(pgrep -n -f "$bin watch --no-tui --interval 1s -")
echo "events_read rss_mb"
last=-1
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
  n=$(tail -1 "$dir/out.jsonl" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["ingest"]["events"])' 2>/dev/null || echo 0)
  if [ "$n" != "$last" ]; then echo "$n $rss"; last=$n; fi
  [ "$n" -ge "$events" ] && { kill -INT "$pid"; break; }
  sleep 2
done
wait || true
echo "done: $(tail -1 "$dir/out.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ingest"]["events"])') events"
