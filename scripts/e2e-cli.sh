#!/usr/bin/env bash
# End-to-end checks of the command line: report's JSON, errors and exit codes, watch --no-tui
# over standard input and its exit on SIGTERM (143, after a last line), and every --help.
# Usage: scripts/e2e-cli.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
. "$(dirname "$0")/e2e-lib.sh"
dir=$(mktemp -d); watch=
trap 'kill $watch 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"

printf '%s\n' '{"model":"m","prediction":1,"features":{"a":1}}' 'oops' '' \
  '{"model":"m","id":1,"label":1}' > a.jsonl
printf '%s' '{"model":"m","metric":"qps","value":3}' >> a.jsonl   # no final newline

"$bin" report --format json a.jsonl > report.json
[ "$(json_last report.json 'd["ingest"]["lines"]')" = 5 ] || fail "report: lines"
[ "$(json_last report.json 'd["ingest"]["events"]')" = 3 ] || fail "report: events"
[ "$(json_last report.json 'd["ingest"]["malformed"]')" = 1 ] || fail "report: malformed"
[ "$(json_last report.json 'd["sources"][0]["name"]')" = a ] || fail "report: source name"
"$bin" report --format table a.jsonl | grep -q "malformed 1" || fail "report: table"

# Statistics and the CI gate: a drifted model fails --fail-on alert with status 3.
python3 - <<'PY'
import json, random
random.seed(7)
with open("ref.jsonl", "w") as r, open("drift.jsonl", "w") as d:
    for i in range(500):
        r.write(json.dumps({"model": "m", "prediction": 1, "features": {"x": random.random()}}) + "\n")
        d.write(json.dumps({"model": "m", "ts": 1795700000 + i, "prediction": 1, "features": {"x": random.random() + 0.5}}) + "\n")
PY
"$bin" report --format json --reference ref.jsonl ref.jsonl > same.json
[ "$(json_last same.json 'd["models"][0]["severity"]')" = ok ] || fail "report: same data should be ok"
[ "$(json_last same.json 'd["models"][0]["features"][0]["psi"]')" = 0 ] || fail "report: PSI of identical data"
set +e
"$bin" report --format json --reference ref.jsonl --fail-on alert drift.jsonl > drift.json 2> err.txt; status=$?
set -e
[ $status = 3 ] || fail "--fail-on alert: exit $status"
[ "$(json_last drift.json 'd["models"][0]["severity"]')" = alert ] || fail "report: drift should alert"
grep -q "reached alert: PSI" err.txt || fail "--fail-on message: $(cat err.txt)"
"$bin" report --reference ref.jsonl --fail-on alert ref.jsonl > /dev/null || fail "--fail-on with no drift"

# The issue's minimal case: 64-bit ids join their own labels.
printf '%s\n' '{"model":"s","ts":1,"id":1795046400123456000,"prediction":1}' \
  '{"model":"s","ts":2,"id":1795046400123456001,"prediction":0}' \
  '{"model":"s","ts":3,"id":1795046400123456000,"label":1}' \
  '{"model":"s","ts":4,"id":1795046400123456001,"label":0}' > ids.jsonl
"$bin" report --format json --reference-size 1 ids.jsonl > ids.json
[ "$(json_last ids.json 'd["models"][0]["labels_joined"]')" = 1 ] || fail "64-bit ids: window joins"
[ "$(json_last ids.json 'd["models"][0]["accuracy"]')" = 1 ] || fail "64-bit ids: accuracy"
[ "$(json_last ids.json 'd["models"][0]["reference_accuracy"]')" = 1 ] || fail "64-bit ids: reference joins"

# A gate never passes on nothing: an empty input or only malformed lines exit 4.
: > empty.jsonl
printf 'garbage\n{"no":"model"}\n' > garbage.jsonl
for f in empty.jsonl garbage.jsonl; do
  set +e
  "$bin" report --format json --fail-on alert $f > /dev/null 2> err.txt; status=$?
  set -e
  [ $status = 4 ] || fail "--fail-on with no events ($f): exit $status"
  grep -q "no events to judge" err.txt || fail "--fail-on with no events: message: $(cat err.txt)"
done
"$bin" report --format json empty.jsonl > /dev/null || fail "report without a gate on an empty file"

# --since/--until filter malformed lines too; files read to the end are finished.
printf '%s\n' '{"model":"m","ts":100,"prediction":1}' 'bad early line' \
  '{"model":"m","ts":1795700000,"prediction":1}' 'bad late line' > timed.jsonl
"$bin" report --format json --since 1000000000 timed.jsonl > timed.json
[ "$(json_last timed.json 'd["ingest"]["malformed"]')" = 1 ] || fail "--since: malformed count"
[ "$(json_last timed.json 'd["malformed_samples"][0]["text"]')" = "bad late line" ] || fail "--since: malformed samples"
[ "$(json_last timed.json 'd["sources"][0]["finished"]')" = True ] || fail "a file read to its end is finished"

# watch says so at once when a path is missing (and keeps waiting for it).
"$bin" watch --no-tui --interval 0.2s missing-yet.jsonl > out.jsonl 2> err.txt &
watch=$!
stderr_says() { grep -q "missing-yet.jsonl: No such file or directory (waiting for it)" err.txt; }
wait_for 10 stderr_says || fail "watch on a missing path: stderr: $(cat err.txt)"
echo '{"model":"late","ts":1795700000,"prediction":1}' > missing-yet.jsonl
late_file_read() { [ "$(json_last out.jsonl 'd.get("ingest", {}).get("events")')" = 1 ]; }
wait_for 10 late_file_read || fail "watch did not read the file once it appeared"
kill -TERM $watch
status=0; wait $watch || status=$?
[ $status = 143 ] || fail "watch exit status $status on SIGTERM (want 143)"
watch=

# Errors: a clear message and exit status 2.
set +e
"$bin" report missing.jsonl 2> err.txt; status=$?
set -e
[ $status = 2 ] || fail "missing file: exit $status"
grep -q "missing.jsonl: No such file or directory" err.txt || fail "missing file: message"
printf 'modle = "x"\n' > bad.toml
set +e
"$bin" report --config bad.toml a.jsonl 2> err.txt; status=$?
set -e
[ $status = 2 ] || fail "bad config: exit $status"
grep -q "bad.toml:1: key 'modle': unknown field" err.txt || fail "bad config: message: $(cat err.txt)"

# The dashboard without a terminal, or with an unknown TERM: a clear error and status 2.
set +e
"$bin" watch a.jsonl < /dev/null > out.txt 2> err.txt; status=$?
set -e
[ $status = 2 ] || fail "watch without a TTY: exit $status"
grep -q -- "--no-tui" err.txt || fail "watch without a TTY: no hint: $(cat err.txt)"
if command -v script > /dev/null; then
  set +e
  TERM=no-such-terminal script -qec "'$bin' watch a.jsonl" /dev/null > out.txt 2>&1; status=$?
  set -e
  grep -q "unknown terminal type 'no-such-terminal'" out.txt || fail "unknown TERM: $(cat out.txt)"
fi
set +e
"$bin" watch --theme nonexistent a.jsonl < /dev/null > /dev/null 2> err.txt; status=$?
set -e
[ $status = 2 ] || fail "bad theme: exit $status"
grep -q "no theme 'nonexistent'" err.txt || fail "bad theme message: $(cat err.txt)"
printf '[colors]\nalert = "crimson"\n' > bad-theme.toml
set +e
"$bin" watch --theme bad-theme.toml a.jsonl < /dev/null > /dev/null 2> err.txt
set -e
grep -q "bad-theme.toml:2: key 'alert'" err.txt || fail "bad theme file message: $(cat err.txt)"

# Field mapping from a config file.
printf 'model = "meta.name"\nfeatures = "req.inputs"\n' > map.toml
echo '{"meta":{"name":"mapped"},"prediction":1,"req":{"inputs":{"a":2}}}' > mapped.jsonl
"$bin" report --format json --config map.toml mapped.jsonl > mapped.json
[ "$(json_last mapped.json 'd["ingest"]["events"]')" = 1 ] || fail "mapping"

# watch --no-tui over standard input; SIGTERM gives a last line and exit 0.
mkfifo feed
"$bin" watch --no-tui --interval 0.2s - < feed > out.jsonl &
watch=$!
exec 3> feed
for i in 1 2 3; do echo "{\"model\":\"m\",\"prediction\":$i}" >&3; done
stdin_events() { [ "$(json_last out.jsonl 'd.get("ingest", {}).get("events")')" = 3 ]; }
wait_for 10 stdin_events || fail "stdin: events not counted"
kill -TERM $watch
status=0; wait $watch || status=$?
[ $status = 143 ] || fail "watch exit status $status on SIGTERM (want 143)"
exec 3>&-
[ "$(json_last out.jsonl 'd["sources"][0]["name"]')" = stdin ] || fail "stdin source name"
[ "$(json_last out.jsonl 'd["models"][0]["predictions"]')" = 3 ] || fail "watch: model predictions in the window"

for sub in "" watch report; do
  "$bin" $sub --help > help.txt || fail "--help for '$sub'"
  grep -q USAGE help.txt || fail "--help for '$sub' has no usage"
done
echo "ok: command line"
