#!/usr/bin/env bash
# Many workers, one dashboard: three `watch --no-tui --emit-panes` workers on disjoint thirds of
# the events (split by join id, as a Kafka topic keyed by request id splits them) write pane
# summaries to files; `report panes:...` merges them into the same report as one process over
# all events (counts, accuracy, PSI, KS, latency), `watch panes:...` follows them; a worker with
# another reference is left out visibly. Then with Kafka (librdkafka's mock cluster): two
# workers in a consumer group emit to a pane topic, and `report panes+kafka://` equals the
# report of the raw topic.
# Usage: scripts/e2e-panes.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/e2e-lib.sh"
"$root/scripts/install-deps.sh" librdkafka-dev
dir=$(mktemp -d)
pids=()
trap 'exec 7>&- 2>/dev/null || true; kill_all; [ -z "$mock" ] || kill "$mock" 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"
export XDG_CONFIG_HOME="$dir/config"

python3 - <<'PY'
import json, random, zlib
random.seed(17)
def events(first, count, shift):
    out = []
    for i in range(first, first + count):
        t = 1795700000 + i * 0.2  # 16000 events: 53 minutes
        for model in ("fraud", "churn"):
            x = random.gauss(shift if i > first + count // 2 else 0, 1)
            ident = "%s%d" % (model, i)
            e = {"model": model, "ts": t, "id": ident, "node": "n%d" % (i % 3), "prediction": int(x > 0),
                 "score": round(1 / (1 + 2.718281828 ** -x), 4), "latency_ms": round(random.expovariate(0.1), 2),
                 "version": "v2" if model == "fraud" and i % 4 == 0 and i > first + count // 3 else "v1",
                 "features": {"x": round(x, 4), "c": random.choice("ABCD" if x > 1 else "ABC")}}
            if i % 3 == 0:
                out.append((ident, json.dumps(e)))
                out.append((ident, json.dumps({"model": model, "ts": t + 30, "id": ident, "type": "label",
                                                "label": int(random.random() < 0.8) if x > 0 else 0})))
            else:
                e["label"] = int(random.random() < 0.8) if x > 0 else 0
                out.append((ident, json.dumps(e)))
    return out
ref = [l for _, l in events(0, 3000, 0)]
open("reference.jsonl", "w").write("\n".join(ref) + "\n")
other = [l for _, l in events(0, 300, 3)]
open("other-reference.jsonl", "w").write("\n".join(other) + "\n")
stream = events(3000, 16000, 0.4)
open("all.jsonl", "w").write("\n".join(l for _, l in stream) + "\n")
parts = [[], [], []]
for ident, line in stream:
    parts[zlib.crc32(ident.encode()) % 3].append(line)
for k, p in enumerate(parts):
    open("part%d.jsonl" % k, "w").write("\n".join(p) + "\n")
PY
lines() { wc -l < "$1" | tr -d ' '; }

worker() {  # worker K [REFERENCE]: a worker over part K, its panes to wK.panes
  "$bin" watch --no-tui --from-start --interval 0.3s --reference "${2:-reference.jsonl}" --worker-name "w$1" \
    --emit-panes "w$1.panes" "part$1.jsonl" > "w$1.jsonl" 2> "w$1.err" &
  pids+=($!)
}
read_all() { [ -s "$1.jsonl" ] && [ "$(json_last "$1.jsonl" 'd["lines"]' 2>/dev/null)" = "$2" ]; }
for k in 0 1 2; do worker $k; done
for k in 0 1 2; do
  wait_for 60 read_all "w$k" "$(lines part$k.jsonl)" || fail "worker $k did not read its part: $(tail -c 300 w$k.jsonl) $(cat w$k.err)"
done
[ "$(json_last w0.jsonl 'd["type"]')" = worker ] || fail "a worker prints its status: $(tail -1 w0.jsonl)"
for k in 0 1 2; do kill -TERM "${pids[$k]}"; done
for k in 0 1 2; do expect_exit 143 "worker $k on SIGTERM" wait "${pids[$k]}"; done
pids=()

# 1. The merged report equals one process's over all events (KS too: each one-minute pane
#    holds fewer values than the workers' --sample, so their samples are whole).
"$bin" report --format json --reference reference.jsonl panes:w0.panes panes:w1.panes panes:w2.panes > merged.json 2> merged.err \
  || fail "report of panes: $(cat merged.err)"
"$bin" report --format json --reference reference.jsonl all.jsonl > one.json
python3 - <<'PY' || fail "merged report differs from one process's"
import json
m, o = json.load(open("merged.json")), json.load(open("one.json"))
w = m["workers"]
assert sorted(i["name"] for i in w["instances"]) == ["w0", "w1", "w2"], w
assert w["events"] == o["ingest"]["events"], (w["events"], o["ingest"]["events"])
assert w["skipped_fragments"] == {"reference_differs": 0, "pane_mismatch": 0, "unknown_model": 0}, w
assert m["event_time"] == o["event_time"], (m["event_time"], o["event_time"])
assert [x["model"] for x in m["models"]] == [x["model"] for x in o["models"]]
for a, b in zip(m["models"], o["models"]):
    for key in ("predictions", "labels_joined", "severity", "status", "pending_predictions"):
        assert a[key] == b[key], (a["model"], key, a[key], b[key])
    assert abs(a["accuracy"] - b["accuracy"]) < 1e-12, (a["model"], a["accuracy"], b["accuracy"])
    assert a["latency_ms"] == b["latency_ms"], (a["latency_ms"], b["latency_ms"])
    assert abs(a["roc_auc"] - b["roc_auc"]) < 1e-12
    assert abs(a["estimated"]["accuracy"] - b["estimated"]["accuracy"]) < 1e-9, (a["estimated"], b["estimated"])
    fa = sorted(a["features"], key=lambda f: f["name"]) + [a["prediction_drift"]]
    fb = sorted(b["features"], key=lambda f: f["name"]) + [b["prediction_drift"]]
    assert [f["name"] for f in fa] == [f["name"] for f in fb]
    for x, y in zip(fa, fb):
        assert x["current_count"] == y["current_count"], (x, y)
        assert abs(x["psi"] - y["psi"]) < 1e-12, (a["model"], x["name"], x["psi"], y["psi"])
        for test in ("ks", "chi2"):
            if test not in x: assert test not in y; continue
            assert abs(x[test]["statistic"] - y[test]["statistic"]) < 1e-9, (a["model"], x["name"], x[test], y[test])
            assert abs(x[test]["pvalue"] - y[test]["pvalue"]) <= 1e-9 * max(1, x[test]["pvalue"]), (x[test], y[test])
    assert [v["version"] for v in a["versions"]] == [v["version"] for v in b["versions"]], (a["versions"], b["versions"])
    for x, y in zip(a["versions"], b["versions"]):
        assert x["predictions"] == y["predictions"], (x, y)
print("merged == one process:", [(a["model"], a["predictions"], round(a["accuracy"], 4)) for a in m["models"]])
PY

# 2. watch merges them as they come, and /metrics has a series per worker.
"$bin" watch --no-tui --interval 0.3s --listen 127.0.0.1:0 --reference reference.jsonl \
  panes:w0.panes panes:w1.panes panes:w2.panes > follow.jsonl 2> follow.err &
pids+=($!)
merged_all() { [ -s follow.jsonl ] && json_last follow.jsonl 'd["workers"]["events"]' 2>/dev/null | grep -qx "$(json_last one.json 'd["ingest"]["events"]')"; }
wait_for 30 merged_all || fail "watch panes: $(tail -c 400 follow.jsonl) $(cat follow.err)"
port=$(grep -o "://127.0.0.1:[0-9]*" follow.err | head -1 | grep -o "[0-9]*$")
curl -sf "http://127.0.0.1:$port/metrics" > metrics.txt || fail "GET /metrics of the merging side"
[ "$(grep -c '^modeltop_worker_events_total{' metrics.txt)" = 3 ] || fail "worker series: $(grep worker metrics.txt)"
grep -q '^modeltop_pane_fragments_skipped_total{reason="reference_differs"} 0' metrics.txt || fail "skipped series: $(grep skipped metrics.txt)"
kill_all
pids=()

# 3. A worker binned on another reference is left out, and the report says so.
worker 0 other-reference.jsonl
wait_for 60 read_all w0 "$(lines part0.jsonl)" || fail "worker with another reference: $(cat w0.err)"
kill -TERM "${pids[0]}"
expect_exit 143 "worker on SIGTERM" wait "${pids[0]}"
pids=()
"$bin" report --format json --reference reference.jsonl panes:w0.panes > mixed.json
json_last mixed.json 'd["workers"]["skipped_fragments"]["reference_differs"] > 0' | grep -q True || fail "skipped: $(json_last mixed.json 'd["workers"]')"
json_last mixed.json 'any("binned on another reference" in n for n in d["notices"])' | grep -q True || fail "no notice: $(json_last mixed.json 'd["notices"]')"
# Not a summary file: a clear error.
expect_exit 2 "report of a non-summary file" "$bin" report panes:all.jsonl 2> err.txt
grep -q "not a modeltop pane summary" err.txt || fail "error for a non-summary file: $(cat err.txt)"

# 4. Kafka: two workers in a group over a 3-partition topic emit to a pane topic; the report
#    of the pane topic equals the report of the events topic.
start_mock_cluster "$root"
[ "$(ask topic events 3)" = ok ] || fail "topic events"
[ "$(ask topic panes 2)" = ok ] || fail "topic panes"
kworker() {
  "$bin" watch --no-tui --interval 0.3s --reference reference.jsonl --worker-name "k$1" \
    --emit-panes "kafka://$bootstrap/panes" "kafka://$bootstrap/events?group=workers&from=earliest" > "k$1.jsonl" 2> "k$1.err" &
  pids+=($!)
}
kworker a
kworker b
assigned() { [ -s "k$1.jsonl" ] && json_last "k$1.jsonl" 'len(d["kafka"]) >= 1' 2>/dev/null | grep -q True; }
wait_for 30 assigned a || fail "worker a got no partition: $(cat ka.err)"
wait_for 30 assigned b || fail "worker b got no partition: $(cat kb.err)"
# Messages keyed by id: a prediction and its label land in the same partition. The first 60%
# now; then worker a stops (its last block sent and its offsets committed before it leaves) and
# b takes its partitions over from there for the rest: nothing lost, nothing twice.
python3 -c '
import json
lines = [json.loads(l)["id"] + "\t" + l.rstrip("\n") for l in open("all.jsonl")]
cut = len(lines) * 6 // 10
open("keyed1.tsv", "w").write("\n".join(lines[:cut]) + "\n")
open("keyed2.tsv", "w").write("\n".join(lines[cut:]) + "\n")'
first_half=$(lines keyed1.tsv)
produced=$(ask produce-keyed events keyed1.tsv)
[ "$produced" = "produced $first_half" ] || fail "produce: $produced"
worker_events() { json_last "k$1.jsonl" 'd["events"]' 2>/dev/null || echo 0; }
both() {
  local a b
  a=$(worker_events a); b=$(worker_events b)
  [ $((a + b)) -eq "$first_half" ] && [ "$a" -gt 0 ] && [ "$b" -gt 0 ]
}
wait_for 60 both || fail "group workers: $(tail -1 ka.jsonl) $(tail -1 kb.jsonl)"
kill -TERM "${pids[0]}"
expect_exit 143 "kafka worker a on SIGTERM" wait "${pids[0]}"
produced=$(ask produce-keyed events keyed2.tsv)
[ "$produced" = "produced $(lines keyed2.tsv)" ] || fail "produce: $produced"
rest() { [ $(($(worker_events a) + $(worker_events b))) -eq "$(lines all.jsonl)" ]; }
wait_for 60 rest || fail "worker b after a left: a $(worker_events a) + b $(worker_events b) of $(lines all.jsonl): $(tail -c 300 kb.jsonl)"
sleep 1  # a last block
kill -TERM "${pids[1]}"
expect_exit 143 "kafka worker b on SIGTERM" wait "${pids[1]}"
pids=()
"$bin" report --format json --reference reference.jsonl "panes+kafka://$bootstrap/panes" > kpanes.json 2> kpanes.err \
  || fail "report panes+kafka: $(cat kpanes.err)"
"$bin" report --format json --reference reference.jsonl "kafka://$bootstrap/events" > kevents.json
python3 - <<'PY' || fail "report of the pane topic differs from the events topic's"
import json
m, o = json.load(open("kpanes.json")), json.load(open("kevents.json"))
assert sorted(i["name"] for i in m["workers"]["instances"]) == ["ka", "kb"], m["workers"]
assert m["workers"]["events"] == o["ingest"]["events"], (m["workers"]["events"], o["ingest"]["events"])
for a, b in zip(m["models"], o["models"]):
    assert a["model"] == b["model"]
    for key in ("predictions", "labels_joined", "severity"):
        assert a[key] == b[key], (a["model"], key, a[key], b[key])
    assert abs(a["accuracy"] - b["accuracy"]) < 1e-9
    for x, y in zip(sorted(a["features"], key=lambda f: f["name"]), sorted(b["features"], key=lambda f: f["name"])):
        assert abs(x["psi"] - y["psi"]) < 1e-9, (x, y)
        if "ks" in x: assert abs(x["ks"]["statistic"] - y["ks"]["statistic"]) < 1e-9, (x, y)
print("kafka panes == kafka events:", [(a["model"], a["predictions"]) for a in m["models"]])
PY
echo "e2e-panes: ok"
