#!/usr/bin/env bash
# Regression tests of the adversarial pass (issue 11): one line that used to crash, options out
# of range, input that used to be read in part (FIFOs, read errors, few descriptors), write
# errors, signals, cardinality floods, escape sequences in names, and the dashboard's state
# after a fatal signal.
# Usage: scripts/e2e-hostile.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
. "$(dirname "$0")/e2e-lib.sh"
dir=$(mktemp -d)
session="modeltop-hostile-$$"
cleanup() {
  kill_all
  tmux kill-session -t "$session" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir"
# expect_exit WANT WHAT COMMAND...: the command exits with WANT (redirections apply to it).
no_escape() {  # no_escape FILE WHAT: no ESC or BEL byte in FILE
  ! grep -q $'[\e\a]' "$1" || fail "$2: an escape sequence reached the terminal: $(od -c "$1" | head -5)"
}
reason_of() {  # reason_of JSON: the reasons of the malformed samples
  json_last "$1" '",".join(s["reason"] for s in d["malformed_samples"])'
}

# 1. Event times far out of range are malformed, never a crash (watch, replay, report --window,
#    nanosecond times with 100 ms panes).
printf '{"model":"m","ts":1e21,"prediction":1}\n' > far.jsonl
printf '{"model":"m","ts":1795700000000000000,"prediction":1}\n{"model":"m","ts":1795700000100000000,"prediction":1}\n' > ns.jsonl
s=0; timeout 3 "$bin" watch --no-tui --interval 0.2s - < far.jsonl > watch.jsonl || s=$?
[ "$s" = 124 ] || fail "watch on ts 1e21: exit $s (want 124: still running when timeout stopped it)"
[ "$(reason_of watch.jsonl)" = "timestamp out of range (before 1970 or after 2200)" ] || fail "watch: ts 1e21 reason"
expect_exit 0 "replay on ts 1e21" "$bin" replay --no-tui --speed max far.jsonl > replay.jsonl
[ "$(json_last replay.jsonl 'd["ingest"]["malformed"]')" = 1 ] || fail "replay: ts 1e21 not malformed"
expect_exit 0 "report --window 1 on ts 1e21" "$bin" report --window 1 --format json far.jsonl > far.json
[ "$(reason_of far.json)" = "timestamp out of range (before 1970 or after 2200)" ] || fail "report: ts 1e21 reason"
s=0; timeout 3 "$bin" watch --no-tui --pane 100ms --interval 0.2s - < ns.jsonl > ns-watch.jsonl || s=$?
[ "$s" = 124 ] || fail "watch --pane 100ms on nanosecond times: exit $s"
[ "$(json_last ns-watch.jsonl 'd["ingest"]["events"]')" = 2 ] || fail "nanosecond times: events"

# 2. Extreme numbers: a latency of 1e19 ms, features near ±1e300; the JSON stays valid (no
#    NaN or Infinity) and the table prints.
{
  printf '{"model":"m","prediction":1,"latency_ms":1e19}\n'
  for i in $(seq 1 300); do
    printf '{"model":"big","prediction":1,"latency_ms":%s,"features":{"x":%s1e300,"y":1e308}}\n' $i "$([ $((i % 2)) = 0 ] && echo - || true)"
  done
} > extreme.jsonl
expect_exit 0 "report table with latency 1e19" "$bin" report --reference-size 150 --format table extreme.jsonl > extreme.txt
grep -q "big" extreme.txt || fail "report table: model 'big' missing"
expect_exit 0 "report json with ±1e300" "$bin" report --reference-size 150 --format json extreme.jsonl > extreme.json
python3 - <<'PY' || fail "report JSON with extreme values"
import json
def reject(x): raise ValueError("non-finite number in the JSON: " + x)
d = json.load(open("extreme.json"), parse_constant=reject)
big = next(m for m in d["models"] if m["model"] == "big")
x = next(f for f in big["features"] if f["name"] == "x")
assert x["ks"] is not None, x
PY

# 3. Options and configuration values out of range: a clear error and exit 2, at once.
for args in "--window 100000000" "--pane 0" "--panes 20000" "--sample 0" "--reference-size 100000000" \
            "--max-pending 0" "--label-ttl 400d" "--interval 1ms" "--backlog 2TiB"; do
  # shellcheck disable=SC2086
  expect_exit 2 "watch $args" timeout 10 "$bin" watch --no-tui $args far.jsonl 2> err.txt
  grep -q "must be from" err.txt || fail "watch $args: message: $(cat err.txt)"
done
expect_exit 2 "replay --speed 2e6" "$bin" replay --no-tui --speed 2e6 far.jsonl 2> err.txt
printf '[thresholds]\nmin_samples = 1e19\n' > samples.toml
expect_exit 2 "min_samples = 1e19" "$bin" report --config samples.toml far.jsonl 2> err.txt
grep -q "samples.toml:2: key 'min_samples': expected a number from 1 to 1000000000" err.txt || fail "min_samples message: $(cat err.txt)"
printf '[thresholds]\npsi_warn = 0.3\npsi_alert = 0.2\n' > inverted.toml
expect_exit 2 "psi_warn above psi_alert" "$bin" report --config inverted.toml far.jsonl 2> err.txt
grep -q "inverted.toml:2: key 'psi_warn'" err.txt || fail "inverted thresholds message: $(cat err.txt)"
expect_exit 2 "missing config" "$bin" report --config missing.toml far.jsonl 2> err.txt
grep -q "missing.toml: No such file or directory" err.txt || fail "missing config message: $(cat err.txt)"
! grep -q ":0" err.txt || fail "missing config names line 0: $(cat err.txt)"

# 5. A FIFO, a process substitution and /dev/stdin are read to their end, also when the writer
#    starts late.
python3 -c '
import json
with open("many.jsonl", "w") as f:
    for i in range(16711):
        f.write(json.dumps({"model": "m", "ts": 1795700000 + i, "prediction": i % 2}) + "\n")'
events() { json_last "$1" 'd["ingest"]["events"]'; }
mkfifo late.fifo
(sleep 1; cat many.jsonl > late.fifo) & pids+=($!)
"$bin" report --format json late.fifo > fifo.json
[ "$(events fifo.json)" = 16711 ] || fail "report on a FIFO with a late writer: $(events fifo.json) events"
"$bin" report --format json <(cat many.jsonl) > subst.json
[ "$(events subst.json)" = 16711 ] || fail "report on a process substitution: $(events subst.json) events"
cat many.jsonl | "$bin" report --format json /dev/stdin > devstdin.json
[ "$(events devstdin.json)" = 16711 ] || fail "report on /dev/stdin: $(events devstdin.json) events"

# 6. A read error is an error, with the file and errno.
expect_exit 2 "report /proc/self/mem" "$bin" report --format json /proc/self/mem 2> err.txt > /dev/null
grep -q "/proc/self/mem.*Input/output error" err.txt || fail "read error message: $(cat err.txt)"

# 7. 5000 files under `ulimit -n 1024`: report reads every line (files in event-time order are
#    opened, read and closed in turn); files that overlap in time fail clearly; watch shows
#    the limit as an error.
mkdir seq overlap
python3 -c '
import json
for i in range(5000):
    with open("seq/%04d.jsonl" % i, "w") as f:
        for j in range(3):
            f.write(json.dumps({"model": "m", "ts": 1795700000 + i * 10 + j, "prediction": 1}) + "\n")
    with open("overlap/%04d.jsonl" % i, "w") as f:  # every file spans [i, i + 5000]
        for t in (i, i + 5000):
            f.write(json.dumps({"model": "m", "ts": 1795700000 + t, "prediction": 1}) + "\n")'
(ulimit -n 1024; "$bin" report --format json 'seq/*.jsonl' > seq.json) || fail "report on 5000 files with ulimit -n 1024"
[ "$(events seq.json)" = 15000 ] || fail "report on 5000 files: $(events seq.json) of 15000 events"
s=0; (ulimit -n 1024; exec "$bin" report --format json 'overlap/*.jsonl' 2> err.txt > /dev/null) || s=$?
[ "$s" = 2 ] || fail "report on 5000 overlapping files with ulimit -n 1024: exit $s"
grep -q "ulimit -n" err.txt || fail "overlapping files: message: $(cat err.txt)"
(ulimit -n 1024; exec timeout 5 "$bin" watch --no-tui --interval 0.5s 'seq/*.jsonl' > seq-watch.jsonl) || true
python3 - <<'PY' || fail "watch on 5000 files with ulimit -n 1024: no error notice"
import json
lines = [json.loads(l) for l in open("seq-watch.jsonl") if l.strip()]
notices = [n for l in lines if l.get("type") != "alert" for n in l["notices"]]
assert any("ulimit -n" in n for n in notices), notices[:5]
PY

# 8. Write errors: exit 2 with a message.
expect_exit 2 "report > /dev/full" "$bin" report --format json many.jsonl 2> err.txt > /dev/full
grep -qi "no space left" err.txt || fail "report > /dev/full: message: $(cat err.txt)"
expect_exit 2 "watch --no-tui > /dev/full" timeout 10 "$bin" watch --no-tui --interval 0.1s many.jsonl 2> err.txt > /dev/full

# 9. Signals stop report (blocked reading a pipe, or reading an endless /dev/zero).
for sig in INT:130 TERM:143 HUP:129; do
  (sleep 30 | { s=0; "$bin" report - > /dev/null 2>&1 || s=$?; echo $s > "sig.${sig%%:*}"; }) & pids+=($!)
  sleep 1
  pkill -"${sig%%:*}" -f "$bin report -$" || true
  wait_for 10 test -s "sig.${sig%%:*}" || fail "report ignored SIG${sig%%:*}"
  [ "$(cat "sig.${sig%%:*}")" = "${sig##*:}" ] || fail "report on SIG${sig%%:*}: exit $(cat "sig.${sig%%:*}") (want ${sig##*:})"
done
start=$SECONDS
s=0; timeout 3 "$bin" report /dev/zero > /dev/null 2>&1 || s=$?
[ "$s" = 124 ] || fail "timeout 3 report /dev/zero: exit $s"
[ $((SECONDS - start)) -le 10 ] || fail "report /dev/zero kept running after SIGTERM"

# 10, 11. Cardinality floods are capped (the rest counted) and stay fast: 1500 models, 400
#     nodes, 100 versions and metrics, and 16k events with 5 fresh feature names each.
python3 -c '
import json
with open("flood.jsonl", "w") as f:
    for i in range(400):
        f.write(json.dumps({"model": "m", "node": "node%d" % i, "version": "v%d" % (i % 100), "prediction": 1}) + "\n")
    for i in range(100):
        f.write(json.dumps({"model": "m", "metric": "metric%d" % i, "value": 1}) + "\n")
    for i in range(16000):
        f.write(json.dumps({"model": "wide", "prediction": 1,
                            "features": {"f%d_%d" % (i, k): 1.0 for k in range(5)}}) + "\n")
    for i in range(1500):
        f.write(json.dumps({"model": "model%d" % i, "prediction": 1}) + "\n")'
timeout 120 "$bin" report --format json flood.jsonl > flood.json || fail "report on a cardinality flood"
python3 - <<'PY' || fail "cardinality caps"
import json
d = json.load(open("flood.json"))
assert d["ingest"]["models_over_cap"] > 0, d["ingest"]
names = [m["model"] for m in d["models"]]
assert "(other models)" in names and len(names) <= 1001, len(names)
m = next(x for x in d["models"] if x["model"] == "m")
assert m["over_cap"]["nodes"] > 0 and m["over_cap"]["versions"] > 0 and m["over_cap"]["metrics"] > 0, m["over_cap"]
wide = next(x for x in d["models"] if x["model"] == "wide")
assert len(wide["features"]) <= 1000 and wide["over_cap"]["features"] > 0, (len(wide["features"]), wide["over_cap"])
PY

# 13. Names from outside never reach the terminal raw: a file name with escape sequences, an
#     argument, a config key.
evil=$'\e]0;T\a\e[2Jnode.jsonl'
printf 'not json\n{"model":"m","prediction":1}\n' > "$evil"
"$bin" report --format table "$evil" > table.txt 2> err.txt || fail "report on an evil file name"
no_escape table.txt "report table with an evil file name"
grep -q "node" table.txt || fail "evil file: its source missing from the table"
expect_exit 2 "report on an evil argument" "$bin" report $'x\e]52;c;ZXJy\a' 2> err.txt
no_escape err.txt "error naming an evil argument"
printf '\e]0;x\a = "y"\n' > evil.toml
expect_exit 2 "evil config key" "$bin" report --config evil.toml far.jsonl 2> err.txt
no_escape err.txt "error naming an evil config key"
expect_exit 2 "unknown option with escapes" "$bin" report $'--\e]52;c;ZXJy\a' 2> err.txt
no_escape err.txt "argument parser error"

# 15. Numbers outside JSON's grammar are "invalid number"; a byte-order mark is not part of a
#     name on screen.
printf '{"model":"m","prediction":0x10}\n{"model":"m","prediction":01}\n{"model":"m","prediction":1e999}\n' > numbers.jsonl
"$bin" report --format json numbers.jsonl > numbers.json || true
[ "$(reason_of numbers.json)" = "invalid number,invalid number,number out of range" ] || fail "number reasons: $(reason_of numbers.json)"
printf '{"model":"\xef\xbb\xbfbom","prediction":1}\n' > bom.jsonl
"$bin" report --format table bom.jsonl > bom.txt
grep -q "^ *[A-Z]* *bom " bom.txt || grep -q " bom " bom.txt || fail "BOM in a name: $(cat bom.txt)"
! grep -q $'\xef\xbb\xbf' bom.txt || fail "a byte-order mark reached the table"

# 4. The terminal is restored after a fatal signal (alternate screen off, cursor shown, mouse
#    off), the backtrace does not wait for a key, and the exit status says which signal.
if command -v tmux > /dev/null; then
  tmux new-session -d -s "$session" -x 120 -y 40
  flags() { tmux display-message -p -t "$session" '#{alternate_on} #{cursor_flag} #{mouse_any_flag}'; }
  in_dashboard() { [ "$(flags)" = "1 0 1" ]; }
  exited() { tmux capture-pane -t "$session" -p | grep -q "^exit="; }
  screen_has() { tmux capture-pane -t "$session" -p | grep -q -- "$1"; }
  # 2, in the dashboard: the fleet and nodes screens with a latency of 1e19 ms, the drill-down
  #    of a feature near ±1e300.
  tmux respawn-pane -k -t "$session" "env XDG_CONFIG_HOME='$dir/config' TERM=tmux-256color LANG=C.UTF-8 '$bin' watch --reference-size 150 extreme.jsonl; echo exit=\$?; exec sleep 600"
  wait_for 10 screen_has "big" || fail "dashboard on extreme values: fleet"
  tmux send-keys -t "$session" n
  wait_for 10 screen_has "NODE " || fail "dashboard on extreme values: nodes"
  tmux send-keys -t "$session" Escape / b i g Enter Enter
  wait_for 10 screen_has "drift by pane" || fail "dashboard on extreme values: detail"
  tmux send-keys -t "$session" Enter
  wait_for 10 screen_has "empirical CDFs" || fail "dashboard on extreme values: drill-down"
  screen_has "1.0e300" || fail "drill-down axis of ±1e300: $(tmux capture-pane -t "$session" -p)"
  ! screen_has "^exit=" || fail "dashboard on extreme values: $(tmux capture-pane -t "$session" -p | grep "^exit=")"
  for sig in SEGV:139 ABRT:134 ILL:132; do
    # The shell stays (and keeps the pane alive) so the terminal's state can be read after.
    tmux respawn-pane -k -t "$session" "env XDG_CONFIG_HOME='$dir/config' TERM=tmux-256color LANG=C.UTF-8 '$bin' watch many.jsonl; echo exit=\$?; exec sleep 600"
    wait_for 10 in_dashboard || fail "dashboard did not start: $(flags)"
    pkill -"${sig%%:*}" -f "^$bin watch many.jsonl"
    wait_for 15 exited || fail "SIG${sig%%:*}: still running 15 s later (waiting for a key?)"
    [ "$(flags)" = "0 1 0" ] || fail "SIG${sig%%:*}: terminal left as '$(flags)' (alternate cursor mouse; want 0 1 0)"
    tmux capture-pane -t "$session" -p | grep -q "^exit=${sig##*:}$" \
      || fail "SIG${sig%%:*}: $(tmux capture-pane -t "$session" -p | grep "^exit=") (want ${sig##*:})"
  done
fi

echo "ok: hostile input, ranges, partial reads, write errors, signals, caps, escapes, fatal signals"
