#!/usr/bin/env bash
# `modeltop synth`: the incident drill (demo-data/scenarios/drill.toml) written twice gives the
# same bytes (and another seed others); standard output holds what --out spreads over files;
# --list-incidents lists every kind; bad scenarios are errors naming file, line and key. Then
# detection: for each incident of the ground truth (--truth), `report` over its window finds it
# (severity and reason, or the count that shows it) and nothing else alerts.
# Usage: scripts/e2e-synth.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/e2e-lib.sh"
"$root/scripts/install-deps.sh" openssl  # the https receiver's certificate
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
drill=$root/demo-data/scenarios/drill.toml

# 1. Deterministic, and the same lines on standard output as in the files.
"$bin" synth --out a --truth a/truth.jsonl "$drill" 2> err.txt || fail "synth --out: $(cat err.txt)"
"$bin" synth --out b "$drill"
for f in eu-1.jsonl eu-2.jsonl us-1.jsonl labels.jsonl reference/fraud.jsonl reference/price.jsonl reference/churn.jsonl; do
  cmp -s "a/$f" "b/$f" || fail "synth wrote $f differently twice"
done
"$bin" synth --seed 8 --out c "$drill"
cmp -s a/eu-1.jsonl c/eu-1.jsonl && fail "another seed wrote the same eu-1.jsonl"
"$bin" synth "$drill" > all.jsonl
[ "$(wc -l < all.jsonl)" = "$(cat a/eu-1.jsonl a/eu-2.jsonl a/us-1.jsonl a/labels.jsonl | wc -l)" ] || fail "stdout and --out differ in lines"
[ "$(sort all.jsonl | md5sum)" = "$(cat a/eu-1.jsonl a/eu-2.jsonl a/us-1.jsonl a/labels.jsonl | sort | md5sum)" ] || fail "stdout and --out differ"
[ "$(wc -l < a/truth.jsonl)" = 9 ] || fail "truth: $(cat a/truth.jsonl)"

# 2. The incident kinds, and errors.
"$bin" synth --list-incidents > kinds.txt
for k in feature_drift concept_drift rollout latency_spike node_silence error_burst malformed_burst duplicates late_events; do
  grep -q "^$k: " kinds.txt || fail "--list-incidents lacks $k"
done
printf '[[model]]\nname = "m"\nsignal = "amount * 2"\n' > bad.toml
expect_exit 2 "a scenario naming an unknown value" "$bin" synth bad.toml 2> err.txt
grep -q "bad.toml:3: key 'signal': unknown name amount" err.txt || fail "error: $(cat err.txt)"
expect_exit 2 "a missing scenario" "$bin" synth nothing.toml 2> err.txt

# 3. --post: two minutes of the drill into a receiver (with a token), every line counted; and
#    --speed paces event time (two minutes at 120x take at least a second).
printf 'synth-secret\n' > token
"$bin" watch --no-tui --interval 0.3s --listen 127.0.0.1:0 --token-file token > recv.jsonl 2> recv.err &
pids+=($!)
trap 'kill_all; rm -rf "$dir"' EXIT
listening() { grep -qs "listening on" recv.err; }
wait_for 15 listening || fail "receiver: $(cat recv.err)"
port=$(grep -o "://127.0.0.1:[0-9]*" recv.err | head -1 | grep -o "[0-9]*$")
start=$SECONDS
"$bin" synth --duration 2m --speed 120 --post "http://127.0.0.1:$port/v1/events/drill" --token-file token "$drill" 2> err.txt \
  || fail "synth --post: $(cat err.txt)"
[ $((SECONDS - start)) -ge 1 ] || fail "--speed 120 did not pace two minutes of event time"
want=$("$bin" synth --duration 2m "$drill" | wc -l)
counted() { json_last recv.jsonl 'd["ingest"]["events"] + d["ingest"]["malformed"]' 2>/dev/null | grep -qx "$want"; }
wait_for 15 counted || fail "receiver counted $(json_last recv.jsonl 'd["ingest"]') of $want lines"
printf 'wrong\n' > bad-token
expect_exit 2 "synth --post with a wrong token" "$bin" synth --duration 10s --post "http://127.0.0.1:$port/v1/events" --token-file bad-token "$drill" 2> err.txt
grep -q "answered 401" err.txt || fail "post with a wrong token: $(cat err.txt)"
kill_all
pids=()
expect_exit 2 "synth --post to a closed port" "$bin" synth --duration 10s --post "http://127.0.0.1:$port/v1/events" "$drill" 2> err.txt
grep -q "cannot connect" err.txt || fail "post to a closed port: $(cat err.txt)"

# 3b. --post https:// to a receiver with a self-signed certificate for 127.0.0.1: trusted with
#     --ca-file, every line counted; refused without it (the system's roots do not know it).
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" 2> /dev/null
"$bin" watch --no-tui --interval 0.3s --listen 127.0.0.1:0 --token-file token --tls-cert cert.pem --tls-key key.pem \
  > tls.jsonl 2> recv.err &
pids+=($!)
wait_for 15 listening || fail "TLS receiver: $(cat recv.err)"
port=$(grep -o "://127.0.0.1:[0-9]*" recv.err | head -1 | grep -o "[0-9]*$")
grep -q "https://127.0.0.1" recv.err || fail "the receiver is not on https: $(cat recv.err)"
"$bin" synth --duration 1m --post "https://127.0.0.1:$port/v1/events/drill" --token-file token --ca-file cert.pem "$drill" 2> err.txt \
  || fail "synth --post https: $(cat err.txt)"
want=$("$bin" synth --duration 1m "$drill" | wc -l)
counted() { json_last tls.jsonl 'd["ingest"]["events"] + d["ingest"]["malformed"]' 2>/dev/null | grep -qx "$want"; }
wait_for 15 counted || fail "TLS receiver counted $(json_last tls.jsonl 'd["ingest"]') of $want lines"
expect_exit 2 "synth --post https without --ca-file" "$bin" synth --duration 10s --post "https://127.0.0.1:$port/v1/events" --token-file token "$drill" 2> err.txt
grep -qi "certificate" err.txt || fail "https post to an unknown certificate: $(cat err.txt)"
expect_exit 2 "synth --post http to the TLS port" timeout 20 "$bin" synth --duration 10s --post "http://127.0.0.1:$port/v1/events" --token-file token "$drill" 2> err.txt
kill_all
pids=()

# 3c. SIGTERM stops a paced run: exit 143, whole lines written.
"$bin" synth --speed 1 "$drill" > paced.jsonl 2> err.txt &
paced=$!
sleep 2
kill -TERM $paced
status=0; wait $paced || status=$?
[ "$status" = 143 ] || fail "synth after SIGTERM exited $status (expected 143): $(cat err.txt)"
[ -s paced.jsonl ] && [ "$(tail -c 1 paced.jsonl | od -An -c | tr -d ' ')" = '\n' ] || fail "synth stopped mid-line"

# 4. Each incident found in its window, nothing else alerting.
printf '[thresholds]\nerror_rate_warn = 0.02\nerror_rate_alert = 0.05\n' > thresholds.toml
python3 - "$bin" <<'PY' || fail "detection"
import json, subprocess, sys
bin = sys.argv[1]
files = ["a/eu-1.jsonl", "a/eu-2.jsonl", "a/us-1.jsonl", "a/labels.jsonl"]
refs = sum((["--reference", "a/reference/%s.jsonl" % m] for m in ("fraud", "price", "churn")), [])
def report(*args):
    out = subprocess.run([bin, "report", "--format", "json", *refs, *args, *files], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)
def models(d): return {m["model"]: m for m in d["models"]}
def window(i): return ["--since", i["start"], "--until", i["end"]]
def minutes(i):
    from datetime import datetime
    f = lambda s: datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
    return round((f(i["end"]) - f(i["start"])) / 60)
quiet = report("--since", "2026-11-20T06:00:00Z", "--until", "2026-11-20T06:01:00Z")
assert all(m["severity"] == "ok" for m in quiet["models"]), [(m["model"], m["reasons"]) for m in quiet["models"]]
for line in open("a/truth.jsonl"):
    i = json.loads(line); kind = i["kind"]
    if kind in ("feature_drift", "concept_drift", "rollout"):
        extra = ["--baseline-version", "3.0"] if kind == "rollout" else []
        d = models(report(*window(i), *extra)); m = d[i["model"]]
        assert m["severity"] in ("warn", "alert"), (kind, m["reasons"])
        if kind == "feature_drift":
            assert any(("on %s" % i["feature"]) in r for r in m["reasons"]), m["reasons"]
        else:
            assert any(r.startswith("accuracy") for r in m["reasons"]), m["reasons"]
        if kind == "rollout":
            new = [v for v in m["versions"] if v["version"] == i["version"]][0]
            assert new["vs_baseline"]["accuracy"]["difference"] < 0 and new["vs_baseline"]["accuracy"]["pvalue"] < 0.001, new["vs_baseline"]
        others = [(n, o["reasons"]) for n, o in d.items() if n != i["model"] and o["severity"] != "ok"]
        assert not others, (kind, others)
    elif kind in ("latency_spike", "error_burst", "node_silence"):
        d = report("--config", "thresholds.toml", "--pane", "1m", "--window", str(min(minutes(i), 3)), "--until", i["end"])
        flag = {"latency_spike": "slow", "error_burst": "errors", "node_silence": "silent"}[kind]
        for m in d["models"]:
            nodes = {n["node"]: n for n in m["nodes"]}
            assert nodes[i["node"]][flag], (kind, m["model"], nodes[i["node"]])
            bad = [n for n, x in nodes.items() if n != i["node"] and x["severity"] != "ok"]
            assert not bad, (kind, m["model"], bad)
    elif kind == "malformed_burst":
        # All of them in the input; in the window all but those without a time of their own
        # that follow a line from before it.
        assert report()["ingest"]["malformed"] == i["count"]
        d = report(*window(i))
        assert d["ingest"]["malformed"] >= 0.95 * i["count"], (d["ingest"]["malformed"], i["count"])
        assert quiet["ingest"]["malformed"] == 0
    elif kind == "duplicates":
        d = models(report(*window(i)))[i["model"]]
        base = models(quiet)[i["model"]]
        ratio = (d["predictions"] / minutes(i)) / base["predictions"]
        assert ratio > 1 + i["share"] / 2, ratio
    elif kind == "late_events":
        d = models(report("--pane", "1m", "--window", "3", "--until", i["end"]))[i["model"]]
        assert d["late_events"] > 0, d["late_events"]
        # Before the late events' own times, none.
        from datetime import datetime, timezone
        before = datetime.fromtimestamp(datetime.strptime(i["start"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()
                                        - i["delay_seconds"], timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert models(report("--pane", "1m", "--window", "3", "--until", before))[i["model"]]["late_events"] == 0
    else:
        raise AssertionError("no check for " + kind)
    print("found", kind)
PY
echo "ok: synth (deterministic, --out = stdout, --list-incidents, errors, every incident of the drill found by report in its window)"
