#!/usr/bin/env bash
# Soak: synthetic traffic through `modeltop watch --no-tui` for MINUTES: three serving nodes
# writing NDJSON, rotated every few seconds (rename-and-create on two, copytruncate on one),
# 1% malformed lines, and a cardinality flood (fresh model, node, version, metric and feature
# names). At the end it checks that every line written was counted once (lines, malformed),
# that the caps held (models over the cap counted), and prints peak RSS and CPU.
# The rotated copies (node*.log.1) do not match the followed pattern, so this is the single-path
# case: rename-and-create is read through the open descriptor, copytruncate from the copy.
# Usage: [ROTATE_EVERY=SECONDS] Benchmarks/soak.sh [MINUTES] [LINES_PER_SECOND] [BINARY]
#   (default: 2 minutes, 2000 lines/s per node, rotations every 3-7 s, .build/release/modeltop;
#   `make soak`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
minutes=${1:-2}
rate=${2:-2000}
bin=$(realpath "${3:-$here/../.build/release/modeltop}")
dir=$(mktemp -d)
watch=
writers=()
cleanup() {
  for p in "${writers[@]}" $watch; do kill "$p" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: soak: $*" >&2; exit 1; }

cat > "$dir/writer.py" <<'PY'
import json, os, random, shutil, sys, time
path, mode, seconds, rate, seed = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
every = float(sys.argv[6])  # seconds between rotations (0: 3 to 7, at random)
gap = lambda: every if every > 0 else 3 + random.random() * 4
random.seed(seed)
node = os.path.basename(path).split(".")[0]
written = bad = 0
start = time.time()
next_rotation = start + gap()
f = open(path, "a")
t0 = 1795700000.0
while time.time() - start < seconds:
    tick = time.time()
    for _ in range(rate // 20):
        r = random.random()
        now = t0 + (time.time() - start)
        if r < 0.01:
            f.write('{"model": "fraud", "ts": %.3f, "prediction": oops}\n' % now); bad += 1
        elif r < 0.03:  # the flood: fresh names everywhere
            n = written
            f.write(json.dumps({"model": "flood%d_%d" % (seed, n), "ts": now, "node": "n%d_%d" % (seed, n),
                                "version": "v%d" % n, "prediction": 1,
                                "features": {"f%d_%d" % (seed, n): 1.0}}) + "\n")
        elif r < 0.04:
            f.write(json.dumps({"model": "fraud", "ts": now, "metric": "m%d_%d" % (seed, written), "value": 1}) + "\n")
        else:
            x = random.gauss(0, 1)
            f.write(json.dumps({"model": random.choice(["fraud", "churn", "price"]), "ts": now, "node": node,
                                "id": "%s-%d" % (node, written), "prediction": int(x > 0), "score": random.random(),
                                "latency_ms": random.expovariate(0.05),
                                "features": {"amount": x * 100, "country": random.choice("ABCDE")}}) + "\n")
        written += 1
    f.flush()
    if time.time() >= next_rotation:
        if mode == "create":
            f.close()
            os.rename(path, path + ".1")
            f = open(path, "a")
        else:  # copytruncate, as logrotate does it
            shutil.copyfile(path, path + ".1")
            f.truncate(0)
            f.seek(0)
        next_rotation = time.time() + gap()
    time.sleep(max(0, 0.05 - (time.time() - tick)))
f.close()
print(written, bad)
PY

seconds=$((minutes * 60))
"$bin" watch --no-tui --interval 1s --from-start "$dir/*.log" > "$dir/out.jsonl" 2> "$dir/err.txt" &
watch=$!
sleep 1
modes=(create create copytruncate)
for i in 0 1 2; do
  python3 "$dir/writer.py" "$dir/node$i.log" "${modes[$i]}" "$seconds" "$rate" "$i" "${ROTATE_EVERY:-0}" > "$dir/written$i" &
  writers+=($!)
done
echo "soak: $minutes min, 3 nodes x $rate lines/s, rotations every ${ROTATE_EVERY:-3-7} s, 1% malformed, 2% fresh names"
for p in "${writers[@]}"; do wait "$p"; done
writers=()
written=$(awk '{s += $1} END {print s}' "$dir"/written*)
bad=$(awk '{s += $2} END {print s}' "$dir"/written*)
# Let the follower catch up (rotated files are read to their end), then stop it.
counted() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["ingest"]["lines"])' "$dir/out.jsonl"; }
for _ in $(seq 1 30); do [ "$(counted)" -ge "$written" ] && break; sleep 1; done
peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$watch/status")
ticks=$(awk '{print $14 + $15}' "/proc/$watch/stat")
kill -TERM $watch
status=0; wait $watch || status=$?
watch=
[ $status = 143 ] || fail "watch exited $status on SIGTERM (want 143): $(tail -3 "$dir/err.txt")"
cpu=$(python3 -c "import os; print(round($ticks / os.sysconf('SC_CLK_TCK') / $seconds * 100, 1))")
python3 - "$dir/out.jsonl" "$written" "$bad" "$peak" "$cpu" <<'PY'
import json, sys
last = json.loads(open(sys.argv[1]).read().splitlines()[-1])
written, bad, peak, cpu = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
i = last["ingest"]
print("written %d lines (%d malformed); counted %d lines, %d malformed, %d events" % (written, bad, i["lines"], i["malformed"], i["events"]))
print("models over the cap: %d; models shown: %d" % (i["models_over_cap"], len(last["models"])))
print("peak RSS %d MB; CPU %.1f%% of a core" % (peak, cpu))
errors = [n for n in last["notices"] if "error" in n or "cannot" in n]
ok = i["lines"] == written and i["malformed"] == bad and i["events"] == written - bad and len(last["models"]) <= 1001
if not ok:
    print("FAIL: soak: counts differ; notices: %s" % last["notices"][-5:], file=sys.stderr)
    sys.exit(1)
print("ok: soak")
PY
