#!/usr/bin/env bash
# Kafka sources against librdkafka's mock cluster (one broker) on loopback (scripts/kafka/mock-cluster.c,
# compiled here): `report` reads three partitions to their high watermarks and equals the
# report of the same events from a file; `watch --no-tui` follows from the earliest and from
# the latest offsets, shows a broker outage in the partitions' state and recovers by itself;
# KServe payload-logger CloudEvents (ce_* headers) are joined into predictions;
# `from=-1h` asks for the offsets of that time (the mock cluster cannot answer it truly); two members of a consumer group split the
# partitions and a later member resumes from the committed offsets; bad URLs are clear errors.
# Usage: scripts/e2e-kafka.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/e2e-lib.sh"
"$root/scripts/install-deps.sh" librdkafka-dev
dir=$(mktemp -d)
pids=()
trap 'exec 7>&- 2>/dev/null || true; kill_all; [ -z "$mock" ] || kill "$mock" 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"

python3 - <<'PY'
import json, random
random.seed(9)
def events(first, count):
    out = []
    for i in range(first, first + count):
        t = 1795700000 + i * 0.25
        for model in ("fraud", "churn"):
            x = random.gauss(0 if i < 6000 else 0.5, 1)
            out.append(json.dumps({"model": model, "ts": t, "id": "%s%d" % (model, i), "node": "n%d" % (i % 3),
                                   "prediction": int(x > 0), "label": int(random.random() < 0.8) if x > 0 else 0,
                                   "latency_ms": round(random.expovariate(0.1), 2),
                                   "features": {"x": round(x, 4), "c": random.choice("ABC")}}))
    return out
ref = events(0, 1000)
open("reference.jsonl", "w").write("\n".join(ref) + "\n")
for name, first in (("part1", 1000), ("part2", 5000), ("part3", 9000)):
    open(name + ".jsonl", "w").write("\n".join(events(first, 4000)) + "\n")
PY
cat part1.jsonl part2.jsonl > all12.jsonl

start_mock_cluster "$root"
[ "$(ask topic events 3)" = ok ] || fail "topic"
[ "$(ask produce events part1.jsonl)" = "produced 8000" ] || fail "produce part1"
[ "$(ask produce events part2.jsonl)" = "produced 8000" ] || fail "produce part2"

# 1. report: every partition to its high watermark, the same numbers as from a file.
"$bin" report --format json --reference reference.jsonl "kafka://$bootstrap/events" > kafka.json 2> err.txt \
  || fail "report from kafka: $(cat err.txt)"
"$bin" report --format json --reference reference.jsonl all12.jsonl > file.json
python3 - <<'PY' || fail "report from kafka differs from the file's"
import json
k, f = json.load(open("kafka.json")), json.load(open("file.json"))
assert k["ingest"]["events"] == 16000, k["ingest"]
assert sorted(s["name"] for s in k["sources"]) == ["events/0", "events/1", "events/2"], k["sources"]
assert [(p["partition"], p["lag"]) for p in k["kafka"]] == [(0, 0), (1, 0), (2, 0)], k["kafka"]
for a, b in zip(k["models"], f["models"]):
    assert a["model"] == b["model"] and a["predictions"] == b["predictions"] and a["labels_joined"] == b["labels_joined"], (a["model"], a["labels_joined"], b["labels_joined"])
    assert abs(a["accuracy"] - b["accuracy"]) < 1e-12
    for x, y in zip(a["features"], b["features"]):
        assert x["name"] == y["name"] and abs(x["psi"] - y["psi"]) < 1e-9, (x["name"], x["psi"], y["psi"])
PY

# 1b. replay: the topic to its high watermarks in event time, the same numbers at the end.
"$bin" replay --no-tui --speed max --reference reference.jsonl "kafka://$bootstrap/events" > replay.jsonl 2> err.txt \
  || fail "replay from kafka: $(cat err.txt)"
python3 - <<'PY' || fail "replay from kafka differs from the report"
import json
r = json.loads(open("replay.jsonl").read().splitlines()[-1]); k = json.load(open("kafka.json"))
assert r["ingest"]["events"] == 16000, r["ingest"]
for a, b in zip(r["models"], k["models"]):
    assert a["model"] == b["model"] and a["predictions"] > 0, (a["model"], b["model"])
PY
expect_exit 2 "replay of a pane topic" "$bin" replay --no-tui "panes+kafka://$bootstrap/events" 2> err.txt

# 2. watch --no-tui from the earliest offsets: what is there, then what comes.
"$bin" watch --no-tui --interval 0.3s --reference reference.jsonl "kafka://$bootstrap/events?from=earliest" > early.jsonl 2> early.err &
pids+=($!)
events() { json_last "$1" 'd["ingest"]["events"]' 2>/dev/null || echo 0; }
has_events() { [ "$(events "$1")" = "$2" ]; }
wait_for 30 has_events early.jsonl 16000 || fail "watch from earliest: $(events early.jsonl) of 16000 events: $(cat early.err)"
# A broker goes down: the partitions it leads say so; it comes back and reading goes on.
[ "$(ask down 1)" = ok ] || fail "broker down"
outage() { json_last early.jsonl 'any(p["last_error"] for p in d["kafka"])' 2>/dev/null | grep -q True; }
wait_for 40 outage || fail "a broker outage is not visible in the partitions' state: $(tail -1 early.jsonl | head -c 600)"
[ "$(ask up 1)" = ok ] || fail "broker up"
[ "$(ask produce events part3.jsonl)" = "produced 8000" ] || fail "produce part3"
wait_for 60 has_events early.jsonl 24000 || fail "after the outage: $(events early.jsonl) of 24000 events"
recovered() { json_last early.jsonl 'all(p["last_error"] is None and p["lag"] == 0 for p in d["kafka"])' 2>/dev/null | grep -q True; }
wait_for 30 recovered || fail "not recovered: $(json_last early.jsonl 'd["kafka"]')"
grep -q '^%[0-9]|' early.err && fail "librdkafka's log lines reached standard error: $(head -3 early.err)"

# 3. watch from the latest offsets (the default): only what comes after it started.
"$bin" watch --no-tui --interval 0.3s --reference reference.jsonl "kafka://$bootstrap/events" > late.jsonl 2> late.err &
pids+=($!)
# Started: every partition has reported where it stands (its end, with from=latest).
started() { [ -s late.jsonl ] && json_last late.jsonl 'len(d["kafka"]) == 3 and all(p["next_offset"] is not None for p in d["kafka"])' 2>/dev/null | grep -q True; }
wait_for 30 started || fail "watch from latest did not start: $(cat late.err)"
[ "$(ask produce events part1.jsonl)" = "produced 8000" ] || fail "produce again"
wait_for 30 has_events late.jsonl 8000 || fail "watch from latest: $(events late.jsonl) events, want the 8000 new ones"

kill_all; pids=()

# 4. KServe's payload logger on Kafka (the CloudEvents Kafka binding: ce_* headers): request and
#    response halves joined by id into predictions with features, as over HTTP.
cat > kserve.txt <<'TXT'
ce_specversion=1.0&ce_type=org.kubeflow.serving.inference.request&ce_id=r1&ce_source=http://node-7/&ce_inferenceservicename=iris&content-type=application/json	{"instances": [[6.8, 2.8], [6.0, 3.4], [5.1, 3.5]]}
ce_specversion=1.0&ce_type=org.kubeflow.serving.inference.response&ce_id=r1&ce_source=http://node-7/&ce_inferenceservicename=iris&content-type=application/json	{"predictions": [1, 1, 0]}
TXT
[ "$(ask topic payloads 1)" = ok ] || fail "topic payloads"
[ "$(ask produce-headers payloads kserve.txt)" = "produced 2" ] || fail "produce payloads"
"$bin" report --format json "kafka://$bootstrap/payloads" > kserve.json 2> err.txt || fail "report on payloads: $(cat err.txt)"
python3 - <<'PY' || fail "KServe payloads from Kafka: $(head -c 600 kserve.json)"
import json
d = json.load(open("kserve.json"))
m = next(x for x in d["models"] if x["model"] == "iris")
assert m["predictions"] == 3 and len(m["features"]) == 2, (m["predictions"], [f["name"] for f in m["features"]])
PY

# 5. from=-1h asks the brokers for the offsets of that time (ListOffsets by timestamp).
#    librdkafka 2.0's mock cluster answers "no message that late" for any time, so here it can
#    only be checked that the request is made and answered (as the end of each partition).
"$bin" report --format json --reference reference.jsonl "kafka://$bootstrap/events?from=-1h" > hour.json 2> err.txt \
  || fail "report from=-1h: $(cat err.txt)"
[ "$(json_last hour.json 'len(d["kafka"])')" = 3 ] || fail "from=-1h: partitions $(json_last hour.json 'd["kafka"]')"

# 6. A consumer group of two: the partitions are split, each event applied once; offsets are
#    committed once applied, so a member started later resumes where the group was.
[ "$(ask topic jobs 4)" = ok ] || fail "topic jobs"
member() {  # member NAME: a group member following jobs
  "$bin" watch --no-tui --interval 0.3s --reference reference.jsonl "kafka://$bootstrap/jobs?group=workers&from=earliest" \
    > "member-$1.jsonl" 2> "member-$1.err" &
  pids+=($!)
}
assigned() { [ -s "member-$1.jsonl" ] && json_last "member-$1.jsonl" 'len(d["kafka"]) >= 1' 2>/dev/null | grep -q True; }
# Both members in the group before the events come, so that the group splits them.
member a
wait_for 30 assigned a || fail "member a got no partition: $(cat member-a.err)"
member b
wait_for 30 assigned b || fail "member b got no partition after the rebalance: $(cat member-b.err)"
sleep 2
[ "$(ask produce jobs part1.jsonl)" = "produced 8000" ] || fail "produce jobs"
both() {
  local a b
  a=$(events member-a.jsonl); b=$(events member-b.jsonl)
  [ "$((a + b))" = 8000 ] && [ "$a" -gt 0 ] && [ "$b" -gt 0 ]
}
wait_for 60 both || fail "group of two: $(events member-a.jsonl) + $(events member-b.jsonl) events, want 8000 split between them"
sleep 6  # an auto-commit (every 5 s) of the stored offsets
kill_all; pids=()
[ "$(ask produce jobs part2.jsonl)" = "produced 8000" ] || fail "produce jobs again"
member c
wait_for 60 has_events member-c.jsonl 8000 || fail "a new member: $(events member-c.jsonl) events, want only the 8000 after the commit"
sleep 2
[ "$(events member-c.jsonl)" = 8000 ] || fail "a new member read $(events member-c.jsonl) events: committed offsets not honoured"

# 7. Errors.
expect_exit 2 "kafka URL without a topic" "$bin" report "kafka://$bootstrap" 2> err.txt
grep -q "no topic" err.txt || fail "no-topic message: $(cat err.txt)"
expect_exit 2 "group mode in report" "$bin" report "kafka://$bootstrap/events?group=g" 2> err.txt
grep -q "group= is for watch" err.txt || fail "group message: $(cat err.txt)"
expect_exit 2 "a bad --kafka-option" "$bin" report --kafka-option no.such.setting=1 "kafka://$bootstrap/events" 2> err.txt
grep -q "no.such.setting" err.txt || fail "bad option message: $(cat err.txt)"
echo "ok: kafka (mock cluster: report = file report, replay, watch from earliest and latest, KServe CloudEvents headers, from=-1h asked, broker outage and recovery, a consumer group split and resumed, errors)"
