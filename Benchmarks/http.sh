#!/usr/bin/env bash
# HTTP ingest against file ingest, same events, same machine: CLIENTS concurrent clients POST
# 64 KiB NDJSON bodies to `watch --no-tui --listen` for SECONDS (Benchmarks/.../HTTPLoad.swift);
# then `watch --no-tui --from-start` reads the same number of events from a file. Prints both
# rates, the request latency, and checks that every event acknowledged was ingested.
# Usage: Benchmarks/http.sh [CLIENTS] [SECONDS]   (after `make bench` built both binaries)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="$here/../.build/release/modeltop"
gen="$here/.build/release/modeltop-bench"
clients=${1:-8}
seconds=${2:-10}
dir=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$dir"' EXIT
events() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["ingest"]["events"])' "$1" 2>/dev/null || echo 0; }

"$bin" watch --no-tui --interval 0.5s --listen 127.0.0.1:0 > "$dir/http.jsonl" 2> "$dir/http.err" &
server=$!
until grep -q "listening on" "$dir/http.err"; do sleep 0.1; done
port=$(grep -o "127.0.0.1:[0-9]*" "$dir/http.err" | head -1 | cut -d: -f2)
"$gen" http-load "$port" "$clients" "$seconds" > "$dir/load.txt"
accepted=$(awk '/^total_accepted/ {print $2}' "$dir/load.txt")
until [ "$(events "$dir/http.jsonl")" -ge "$accepted" ]; do sleep 0.2; done
sleep 1
kill -TERM $server; wait $server || true; server=
ingested=$(events "$dir/http.jsonl")
echo "http: $(head -1 "$dir/load.txt")"
[ "$ingested" = "$accepted" ] && echo "http: accepted $accepted = ingested $ingested" \
  || { echo "FAIL: accepted $accepted, ingested $ingested"; exit 1; }

# The same number of events from a file, through the same decoder and statistics.
"$gen" generate "$accepted" 1000 > "$dir/events.jsonl"
start=$(date +%s.%N)
"$bin" watch --no-tui --interval 0.2s --from-start "$dir/events.jsonl" > "$dir/file.jsonl" &
server=$!
until [ "$(events "$dir/file.jsonl")" -ge "$accepted" ]; do sleep 0.05; done
end=$(date +%s.%N)
kill -TERM $server; wait $server || true; server=
python3 -c "
http = float('$(head -1 "$dir/load.txt" | grep -o '[0-9.]* M events/s' | cut -d' ' -f1)')
file = $accepted / ($end - $start) / 1e6
print('file: %d events in %.2f s: %.3f M events/s (includes start-up and 0.2 s of polling)' % ($accepted, $end - $start, file))
print('http / file: %.2f (goal: at least 0.5)' % (http / file))"
