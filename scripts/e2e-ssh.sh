#!/usr/bin/env bash
# Remote sources over a real OpenSSH server on 127.0.0.1 (a free port; host key, user keys,
# sshd_config, ssh_config and known_hosts in a temp dir): two "nodes" (host aliases) followed
# while lines are appended; connections killed mid-stream, sshd restarted once and logrotate
# rotating (create on one node, copytruncate on the other) while writing goes on: every line
# counted exactly once; a wrong key shows "Permission denied" and the dashboard stays usable.
# Usage: scripts/e2e-ssh.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/e2e-lib.sh"
"$root/scripts/install-deps.sh" openssh-server openssh-client logrotate
command -v logrotate > /dev/null || PATH=$PATH:/usr/sbin

dir=$(mktemp -d)
session="modeltop-ssh-$$"
sshd_pid=
cleanup() {
  kill_all
  [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null || true
  tmux kill-session -t "$session" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir"

# The server: keys and config in the temp dir, loopback only, keys only.
ssh-keygen -q -t ed25519 -N '' -f host_key
ssh-keygen -q -t ed25519 -N '' -f user_key
ssh-keygen -q -t ed25519 -N '' -f wrong_key
cp user_key.pub authorized_keys
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > sshd_config <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
LogLevel ERROR
CONF
# sshd running as root needs its privilege-separation directory (a runtime directory that the
# Debian service would create at start); nothing else of the system is touched.
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd
start_sshd() {
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>> sshd.log &
  sshd_pid=$!
  disown "$sshd_pid"  # killed on purpose below: no job-control message
  listening() { python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; }
  wait_for 10 listening || fail "sshd did not start: $(cat sshd.log)"
}
start_sshd
cat > ssh_config <<CONF
Host node-a node-b
  IdentityFile $dir/user_key
Host node-c
  IdentityFile $dir/wrong_key
Host *
  HostName 127.0.0.1
  Port $port
  User $(id -un)
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking accept-new
  LogLevel ERROR
CONF
ssh -F ssh_config node-a true || fail "ssh to the test server: $(cat sshd.log)"

mkdir -p node-a node-b
# write NODE FIRST COUNT: lines whose id is their number, a few at a time.
write() {
  python3 - "$@" <<'PY'
import json, sys, time
node, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(first, first + count):
    with open("%s/app.jsonl" % node, "a") as f:  # reopened each time, like a logger after HUP
        f.write(json.dumps({"model": "m", "id": i, "prediction": i % 2}) + "\n")
    if i % 50 == 49:
        time.sleep(0.05)
PY
}
write node-a 0 500
write node-b 100000 500

"$bin" watch --no-tui --interval 0.5s --from-start --ssh-command "ssh -F $dir/ssh_config" \
  "ssh://node-a$dir/node-a/app.jsonl" "ssh://node-b$dir/node-b/app.jsonl" > out.jsonl 2> err.txt &
watch=$!
pids+=("$watch")
events() { json_last out.jsonl 'd["ingest"]["events"]' 2>/dev/null || echo 0; }
both() { [ "$(events)" -ge 1000 ]; }
wait_for 30 both || fail "remote: $(events) of 1000 events; $(json_last out.jsonl 'd["hosts"]'); $(cat err.txt)"
python3 - out.jsonl <<'PY' || fail "remote: node and source names"
import json, sys
d = json.loads(open(sys.argv[1]).read().splitlines()[-1])
nodes = sorted(n["node"] for n in d["models"][0]["nodes"])
assert nodes == ["node-a", "node-b"], nodes
assert sorted(s["name"] for s in d["sources"]) == ["node-a:app", "node-b:app"], d["sources"]
assert [h["state"] for h in d["hosts"]] == ["connected", "connected"], d["hosts"]
PY

# Dropped connections, a restarted sshd and rotations while writing goes on.
cat > rotate.conf <<CONF
$dir/node-a/app.jsonl {
    create
    rotate 5
    missingok
}
$dir/node-b/app.jsonl {
    copytruncate
    rotate 5
    missingok
}
CONF
write node-a 500 2000 &
wa=$!
write node-b 100500 2000 &
wb=$!
# Each round drops the connections, rotates both files while they are down (one rotation per
# outage: a file created and rotated away within one outage is found only by a pattern that
# matches rotated names), and waits for both hosts to be back.
connects() { json_last out.jsonl 'min(h["connects"] for h in d["hosts"])' 2>/dev/null || echo 0; }
for round in 1 2 3 4; do
  sleep 0.5
  before=$(connects)
  pkill -KILL -P "$(cat sshd.pid)" || true   # the connections (sshd's children), not the listener
  if [ "$round" = 2 ]; then                 # and once the server itself
    kill -KILL "$sshd_pid"
    sleep 0.5
  fi
  logrotate -f -s "$dir/logrotate.state" rotate.conf
  [ "$round" != 2 ] || start_sshd
  back() { [ "$(connects)" -gt "$before" ]; }
  wait_for 40 back || fail "round $round: not reconnected: $(json_last out.jsonl 'd["hosts"]')"
done
wait "$wa" "$wb"
# Caught up when the count has not moved for 3 s (and node-a has all its lines).
settled() {
  local before; before=$(events)
  sleep 3
  [ "$(events)" = "$before" ] && [ "$(json_last out.jsonl '[s for s in d["sources"] if s["name"] == "node-a:app"][0]["events"]')" -ge 2500 ]
}
wait_for 60 settled || true
kill -TERM "$watch"
s=0; wait "$watch" || s=$?
[ $s = 143 ] || fail "watch exit $s on SIGTERM"
python3 - out.jsonl "$dir" <<'PY' || fail "remote: lines lost or read twice across drops and rotations"
import glob, json, sys
d = json.loads(open(sys.argv[1]).read().splitlines()[-1])
by = {s["name"]: s for s in d["sources"]}
a, b = by["node-a:app"]["events"], by["node-b:app"]["events"]
# Rename-and-create loses nothing: exactly what was written.
print("node-a %d, node-b %d" % (a, b), file=sys.stderr)
assert a == 2500, "node-a (create): %d of 2500" % a
# copytruncate: logrotate itself drops what is written between its copy and its truncation;
# everything that is in the files was read, and nothing twice.
present = sum(1 for f in glob.glob(sys.argv[2] + "/node-b/app.jsonl*") for _ in open(f))
assert present <= b <= 2500, "node-b (copytruncate): %d events, %d lines in the files, 2500 written" % (b, present)
assert d["ingest"]["malformed"] == 0, d["malformed_samples"]
hosts = {h["host"]: h for h in d["hosts"]}
assert hosts["node-a"]["connects"] >= 4 and hosts["node-b"]["connects"] >= 4, hosts
print("node-a %d of 2500, node-b %d (%d in the files); connects %d, %d" % (a, b, present, hosts["node-a"]["connects"], hosts["node-b"]["connects"]))
PY

# A wrong key: "Permission denied" in the host's state; the dashboard stays usable.
"$bin" watch --no-tui --interval 0.5s --ssh-command "ssh -F $dir/ssh_config" \
  "ssh://node-a$dir/node-a/app.jsonl" "ssh://node-c$dir/node-a/app.jsonl" > denied.jsonl 2> err.txt &
pids+=($!)
denied() { json_last denied.jsonl '[h for h in d["hosts"] if h["host"] == "node-c"][0]["last_error"]' 2>/dev/null | grep -q "^Permission denied"; }
wait_for 20 denied || fail "wrong key: $(json_last denied.jsonl 'd["hosts"]' 2>&1)"
# The good host connects beside the denied one (it may still be connecting when the denial,
# which comes at once, is first printed).
node_a_connected() { [ "$(json_last denied.jsonl '[h for h in d["hosts"] if h["host"] == "node-a"][0]["state"]' 2>/dev/null)" = connected ]; }
wait_for 20 node_a_connected || fail "node-a not connected beside the denied node-c: $(json_last denied.jsonl 'd["hosts"]' 2>&1)"
denied || fail "node-c no longer denied: $(json_last denied.jsonl 'd["hosts"]' 2>&1)"
kill -TERM "${pids[-1]}"

if command -v tmux > /dev/null; then
  tmux new-session -d -s "$session" -x 80 -y 24 "env XDG_CONFIG_HOME='$dir/config' TERM=tmux-256color LANG=C.UTF-8 '$bin' watch --ssh-command 'ssh -F $dir/ssh_config' \
    'ssh://node-a$dir/node-a/app.jsonl*' 'ssh://node-c$dir/node-a/app.jsonl'; echo exit=\$?; sleep 600"
  screen_has() { tmux capture-pane -t "$session" -p | grep -q -- "$1"; }
  wait_for 20 screen_has "1/2 hosts up" || fail "status bar: $(tmux capture-pane -t "$session" -p | tail -1)"
  tmux send-keys -t "$session" i
  wait_for 10 screen_has "Permission denied (publickey)" || fail "inputs view: $(tmux capture-pane -t "$session" -p)"
  # Between attempts (the host's state moves connecting -> failed -> retrying): seen within the backoff.
  wait_for 10 screen_has "retrying in" || fail "inputs view: no retry state: $(tmux capture-pane -t "$session" -p)"
  tmux send-keys -t "$session" Escape
  wait_for 10 screen_has "sort: STATUS" || fail "Esc: no overview"
  sleep 1
  tmux send-keys -t "$session" Enter
  wait_for 10 screen_has "drift by pane" || fail "dashboard not usable with a host down: $(tmux capture-pane -t "$session" -p)"
  tmux send-keys -t "$session" q
  wait_for 10 screen_has "^exit=0" || fail "q did not quit: $(tmux capture-pane -t "$session" -p | tail -3)"
fi

echo "ok: remote sources over ssh (two nodes, drops, sshd restart, rotations, wrong key)"
