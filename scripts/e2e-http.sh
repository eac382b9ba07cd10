#!/usr/bin/env bash
# The HTTP receiver (`watch --listen`) with real peers, all on 127.0.0.1, each server on a free
# port with its files in a temp dir: curl (NDJSON, JSON arrays, gzip, limits, tokens), the
# CloudEvents reference SDK (KServe V1/V2, Seldon), a 429 flood, syslog-ng as a real shipper,
# a real Prometheus scraping /metrics (and promtool), hostile clients, TLS.
# Usage: scripts/e2e-http.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/e2e-lib.sh"
"$root/scripts/install-deps.sh" curl openssl prometheus syslog-ng-core syslog-ng-mod-http python3-venv
venv="$root/.venv-e2e"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import cloudevents" 2>/dev/null || "$venv/bin/pip" install -q "cloudevents==1.13.0"
py() { "$venv/bin/python" "$root/scripts/e2e-http.py" "$@"; }

dir=$(mktemp -d)
trap 'kill_all; rm -rf "$dir"' EXIT
cd "$dir"

# serve NAME ARGS...: starts `watch --no-tui --listen 127.0.0.1:0 ARGS` (JSON lines in NAME.jsonl);
# sets $port and $server.
serve() {
  local name=$1; shift
  "$bin" watch --no-tui --interval 0.5s --listen 127.0.0.1:0 "$@" > "$name.jsonl" 2> "$name.err" &
  server=$!
  pids+=("$server")
  listening() { grep -qs "listening on" "$name.err"; }
  wait_for 15 listening || fail "$name: no 'listening on': $(cat "$name.err")"
  port=$(grep -o "://127.0.0.1:[0-9]*" "$name.err" | head -1 | grep -o "[0-9]*$")
}
# stop NAME: SIGTERM, exit 143 and a last JSON line.
stop() {
  kill -TERM "$server"
  local s=0; wait "$server" || s=$?
  [ $s = 143 ] || fail "$1: exit $s on SIGTERM (want 143): $(tail -3 "$1.err")"
}
url() { echo "http://127.0.0.1:$port$1"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# 1. curl: NDJSON (no last newline), a JSON array, gzip, a source header, tokens, limits.
printf 's3cret-token\n' > token
serve basic --token-file token --metrics-no-auth --max-body 64KiB
auth=(-H "Authorization: Bearer s3cret-token")
[ "$(status_of -X POST --data-binary '{}' "$(url /v1/events)")" = 401 ] || fail "no token: not 401"
[ "$(status_of -X POST -H 'Authorization: Bearer wrong' --data-binary '{}' "$(url /v1/events)")" = 401 ] || fail "bad token: not 401"
out=$(printf '{"model":"m","prediction":1,"features":{"x":1}}\nnot json\n{"model":"m","prediction":0}' |
  curl -s "${auth[@]}" -H 'Content-Type: application/x-ndjson' --data-binary @- "$(url /v1/events/edge-1)")
[ "$out" = '{"accepted":2,"malformed":1}' ] || fail "NDJSON: $out"
out=$(curl -s "${auth[@]}" -H 'Content-Type: application/json' --data-binary '[{"model":"m","prediction":1},{"model":"m","prediction":2}]' \
  "$(url /v1/events)")
[ "$out" = '{"accepted":2,"malformed":0}' ] || fail "JSON array: $out"
python3 -c 'import json; print("\n".join(json.dumps({"model":"z","prediction":i}) for i in range(500)))' | gzip > z.gz
out=$(curl -s "${auth[@]}" -H 'Content-Encoding: gzip' -H 'X-Modeltop-Source: gz-node' --data-binary @z.gz "$(url /v1/events)")
[ "$out" = '{"accepted":500,"malformed":0}' ] || fail "gzip: $out"
head -c 100000 /dev/zero | tr '\0' ' ' > big.txt
[ "$(status_of "${auth[@]}" --data-binary @big.txt "$(url /v1/events)")" = 413 ] || fail "oversize body: not 413"
head -c 20000000 /dev/zero | gzip > bomb.gz   # 20 kB that inflate to 20 MB
[ "$(status_of "${auth[@]}" -H 'Content-Encoding: gzip' --data-binary @bomb.gz "$(url /v1/events)")" = 413 ] || fail "gzip bomb: not 413"
[ "$(status_of "$(url /healthz)")" = 200 ] || fail "/healthz without a token (--metrics-no-auth)"
[ "$(status_of "$(url /v1/report)")" = 401 ] || fail "/v1/report without a token: not 401"
[ "$(status_of "${auth[@]}" "$(url /nowhere)")" = 404 ] || fail "unknown path: not 404"
curl -s "${auth[@]}" "$(url /v1/report)" > report.json
[ "$(json_last report.json 'd["ingest"]["events"]')" = 504 ] || fail "/v1/report: events $(json_last report.json 'd["ingest"]["events"]')"
[ "$(json_last report.json 'sorted(s["name"] for s in d["sources"])')" = "['127.0.0.1', 'edge-1', 'gz-node']" ] \
  || fail "source names: $(json_last report.json 'sorted(s["name"] for s in d["sources"])')"
curl -s "$(url /metrics)" > metrics.txt
promtool check metrics < metrics.txt 2> promtool.txt || fail "promtool check metrics: $(cat promtool.txt)"
grep -q '^modeltop_http_requests_total{code="401"} 3$' metrics.txt || fail "/metrics: 401 count: $(grep requests_total metrics.txt)"
grep -q '^modeltop_source_malformed_total{source="edge-1"} 1$' metrics.txt || fail "/metrics: malformed per source"
stop basic
[ "$(json_last basic.jsonl 'd["ingest"]["events"]')" = 504 ] || fail "last line: events"
[ "$(json_last basic.jsonl 'd["network"]["responses"]["413"]')" = 2 ] || fail "last line: 413 count"

# A non-loopback address needs a token (checked before anything is bound).
s=0; "$bin" watch --no-tui --listen 0.0.0.0:9 2> err.txt || s=$?
[ $s = 2 ] && grep -q -- "--token-file" err.txt || fail "--listen 0.0.0.0 without a token: exit $s: $(cat err.txt)"

# 2. Backpressure: with one batch of queue, a flood of large posts gets 429 + Retry-After, and
#    every event acknowledged is ingested (no more, no fewer).
serve flood --queue-depth 1
read -r accepted busy < <(py flood "$port" 10)
[ "$busy" -gt 0 ] || fail "no 429 under a flood with --queue-depth 1"
sleep 1
stop flood
[ "$(json_last flood.jsonl 'd["ingest"]["events"]')" = "$accepted" ] \
  || fail "flood: $(json_last flood.jsonl 'd["ingest"]["events"]') ingested, $accepted acknowledged"
[ "$(json_last flood.jsonl 'd["network"]["responses"]["429"]')" = "$busy" ] || fail "flood: 429 count"

# 3. CloudEvents from the reference SDK: KServe V1/V2, Seldon, lost halves (a 2 s wait).
serve ce --label-ttl 2s --reference-size 1
[ "$(py cloudevents "$port")" = ok ] || fail "CloudEvents client"
sleep 3.5   # the lost halves time out
curl -s "$(url /v1/report)" > ce.json
check() { python3 -c "
import json, sys
d = json.load(open('ce.json'))
m = {x['model']: x for x in d['models']}
n = d['network']['inference']
if not ($1): sys.exit('FAIL: ' + sys.argv[1])" "$2" || exit 1; }
check "m['iris']['predictions'] == 3 + 2 + 1" "iris predictions: 3 (V1) + 2 (V2) + 1 (response alone)"
check "sorted(v['version'] for v in m['iris']['versions']) == ['canary', 'default']" "iris versions from ce-endpoint"
check "n['joined'] == 3 and n['responses_alone'] == 1 and n['requests_alone'] == 1 and n['waiting'] == 0" "joins: $(json_last ce.json 'd["network"]["inference"]')"
check "m['batch']['predictions'] == 2" "batch mode"
check "any(s['reason'].startswith('payload not understood') for s in d['malformed_samples'])" "unknown payload reason"
check "[x['node'] for x in m['iris']['nodes']] == ['node-7']" "node from ce-source"
stop ce
python3 - ce.jsonl <<'PY' || fail "Seldon feedback did not join its prediction"
import json, sys
d = json.loads(open(sys.argv[1]).read().splitlines()[-1])
churn = next(m for m in d["models"] if m["model"] == "churn")
# The one prediction is the reference (--reference-size 1): its label joined there.
assert churn["predictions"] == 1 and churn["reference_accuracy"] == 1, churn
iris = next(m for m in d["models"] if m["model"] == "iris")
assert {f["name"] for f in iris["features"]} >= {"f0", "f1", "x[0]", "x[1]"}, [f["name"] for f in iris["features"]]
PY

# 4. A real shipper: syslog-ng tails a file and posts it (batches of NDJSON); every line once.
serve ship
cat > syslog-ng.conf <<CONF
@version: 3.38
options { keep-hostname(yes); };
source s_app { file("$dir/app.jsonl" flags(no-parse) follow-freq(0.2)); };
destination d_modeltop {
  http(url("http://127.0.0.1:$port/v1/events/syslog-ng") method("POST")
       headers("Content-Type: application/x-ndjson") body("\${MESSAGE}")
       batch-lines(100) batch-timeout(200) body-suffix("\n"));
};
log { source(s_app); destination(d_modeltop); };
CONF
: > app.jsonl
syslog-ng -F -f syslog-ng.conf -R "$dir/syslog-ng.persist" -p "$dir/syslog-ng.pid" -c "$dir/syslog-ng.ctl" --no-caps \
  > syslog-ng.log 2>&1 &
pids+=($!)
sleep 1
python3 -c '
import json, time
with open("app.jsonl", "a") as f:
    for i in range(2000):
        f.write(json.dumps({"model": "shipped", "id": i, "prediction": i % 2}) + "\n")
        if i % 200 == 199:
            f.flush(); time.sleep(0.2)'
shipped() { [ "$(json_last ship.jsonl 'd["ingest"]["events"]')" -ge 2000 ]; }
wait_for 30 shipped || fail "syslog-ng: $(json_last ship.jsonl 'd["ingest"]["events"]') of 2000 lines arrived; $(tail -5 syslog-ng.log)"
sleep 1.5
stop ship
[ "$(json_last ship.jsonl 'd["ingest"]["events"]')" = 2000 ] || fail "syslog-ng: $(json_last ship.jsonl 'd["ingest"]["events"]') events, want exactly 2000"
[ "$(json_last ship.jsonl 'd["sources"][0]["name"]')" = syslog-ng ] || fail "syslog-ng: source name"

# 5. A real Prometheus scrapes /metrics every second; its API shows the drifted feature's PSI.
serve prom --reference-size 500 --pane 1s --window 30
python3 -c '
import json, random
random.seed(1)
print("\n".join(json.dumps({"model": "drift", "prediction": 1, "features": {"x": random.random() + (0 if i < 500 else 1)}})
                for i in range(1500)))' > drift.jsonl
curl -s --data-binary @drift.jsonl "$(url /v1/events/drift)" > /dev/null
prom_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > prometheus.yml <<CONF
global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: modeltop
    static_configs: [{targets: ["127.0.0.1:$port"]}]
CONF
prometheus --config.file=prometheus.yml --storage.tsdb.path="$dir/tsdb" --web.listen-address="127.0.0.1:$prom_port" \
  > prometheus.log 2>&1 &
pids+=($!)
psi() {
  curl -s "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode 'query=modeltop_feature_psi{model="drift",feature="x"}' |
    python3 -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")' 2>/dev/null
}
drifted() { v=$(psi); [ -n "$v" ] && python3 -c "import sys; sys.exit(0 if float('$v') >= 0.25 else 1)"; }
wait_for 40 drifted || fail "Prometheus: modeltop_feature_psi of the drifted feature: '$(psi)'; $(tail -3 prometheus.log)"
stop prom

# 6. Hostile clients: slowloris, idle, torn bodies, 1 GB bodies, bad chunking, 10,000 drops;
#    then the server still answers and its counts are right; memory stays bounded.
serve hostile --request-timeout 2s --idle-timeout 2s --max-connections 50
[ "$(py hostile "$port" 2)" = ok ] || fail "hostile clients"
# The server closes the hostile connections within its idle timeout (2 s); until then new ones
# may be over --max-connections and refused (curl exit 56), so the first answer may take that long.
out=
answers() { out=$(curl -s --data-binary '{"model":"after","prediction":1}' "$(url /v1/events/after)") && [ -n "$out" ]; }
wait_for 10 answers || fail "after the hostile clients: no answer"
[ "$out" = '{"accepted":1,"malformed":0}' ] || fail "after the hostile clients: $out"
refused=$(py overload "$port" 120)
[ "$refused" -ge 60 ] || fail "--max-connections 50: only $refused of 120 connections refused"
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$server/status")
[ "$rss" -lt 400 ] || fail "RSS $rss MB after the hostile clients"
sleep 1
stop hostile
[ "$(json_last hostile.jsonl 'd["ingest"]["events"]')" = 1 ] || fail "hostile: events $(json_last hostile.jsonl 'd["ingest"]["events"]') (want 1)"
python3 - hostile.jsonl <<'PY' || fail "hostile: counts"
import json, sys
n = json.loads(open(sys.argv[1]).read().splitlines()[-1])["network"]
r = n["responses"]
assert r.get("408", 0) >= 1 and r.get("413", 0) >= 1 and n["connections_timed_out"] >= 2, n
assert n["connections_refused"] >= 60 and n["connections_accepted"] + n["connections_refused"] >= 10000, n
assert r.get("400", 0) >= 1, r  # the invalid chunked encoding
PY

# 7. TLS: a self-signed certificate for 127.0.0.1; plain HTTP to it fails.
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" 2> /dev/null
serve tls --tls-cert cert.pem --tls-key key.pem
out=$(curl -s --cacert cert.pem --data-binary '{"model":"tls","prediction":1}' "https://127.0.0.1:$port/v1/events")
[ "$out" = '{"accepted":1,"malformed":0}' ] || fail "HTTPS: $out"
[ "$(status_of --max-time 5 "http://127.0.0.1:$port/healthz")" != 200 ] || fail "plain HTTP on the TLS port answered 200"
stop tls
grep -q "https://127.0.0.1" tls.err || fail "TLS: the address is not https"

# 8. The README's Fleet configurations: Prometheus's with promtool, syslog-ng's with syslog-ng,
#    Vector's as TOML.
python3 - "$root/README.md" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for block in re.findall(r"```[a-z]*\n# file: (\S+)\n(.*?)```", text, re.S):
    open(block[0], "w").write(block[1])
PY
for f in prometheus.yml modeltop-rules.yml syslog-ng.conf vector.toml fluent-bit.conf kserve.yaml; do
  [ -s "$f" ] || fail "README: no '# file: $f' block"
done
promtool check rules modeltop-rules.yml > promtool.txt 2>&1 || fail "README alert rules: $(cat promtool.txt)"
promtool check config prometheus.yml > promtool.txt 2>&1 || fail "README Prometheus config: $(cat promtool.txt)"
syslog-ng --syntax-only -f syslog-ng.conf > syntax.txt 2>&1 || fail "README syslog-ng config: $(cat syntax.txt)"
python3 -c 'import sys, tomllib; tomllib.load(open("vector.toml", "rb"))' || fail "README Vector config is not TOML"

# 9. The dashboard with --listen, in tmux at 80x24: events arrive, `i` shows the source.
if command -v tmux > /dev/null; then
  session="modeltop-http-$$"
  tmux new-session -d -s "$session" -x 80 -y 24 \
    "env XDG_CONFIG_HOME='$dir/config' TERM=tmux-256color LANG=C.UTF-8 '$bin' watch --listen 127.0.0.1:0 2> '$dir/tui.err'; sleep 600"
  pids+=("$(tmux display-message -p -t "$session" '#{pane_pid}')")
  listening() { grep -qs "listening on" tui.err; }
  wait_for 15 listening || fail "dashboard --listen: $(cat tui.err)"
  port=$(grep -o "://127.0.0.1:[0-9]*" tui.err | head -1 | grep -o "[0-9]*$")
  curl -s --data-binary @drift.jsonl "$(url /v1/events/edge-7)" > /dev/null
  curl -s --data-binary @big.txt -H 'Content-Length: 999999999' "$(url /v1/events/edge-7)" > /dev/null || true
  screen_has() { tmux capture-pane -t "$session" -p | grep -q -- "$1"; }
  wait_for 10 screen_has "drift" || fail "dashboard --listen: no model on screen"
  tmux send-keys -t "$session" i
  wait_for 10 screen_has "listening on http://127.0.0.1:$port" || fail "inputs view: $(tmux capture-pane -t "$session" -p)"
  screen_has "edge-7" || fail "inputs view: no edge-7"
  screen_has "rejected (i)" || fail "status bar: no rejected count"
  tmux send-keys -t "$session" q
  tmux kill-session -t "$session"
fi

echo "ok: HTTP receiver (curl, CloudEvents SDK, 429, syslog-ng, Prometheus, hostile clients, TLS, README configs, dashboard)"
