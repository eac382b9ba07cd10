# Helpers for the end-to-end scripts (sourced).

# Failures go to the script's own stderr (fd 9), also from commands whose stderr is redirected.
exec 9>&2
fail() { echo "FAIL: $*" >&9; exit 1; }
# A command that stops a script through `set -e` says where (not only its exit status); where
# a script turned `set -e` off to look at a status itself, nothing is said.
set -E
trap 's=$?; [[ $- == *e* ]] && echo "FAIL: ${BASH_SOURCE[0]##*/}:$LINENO: exit $s: $BASH_COMMAND" >&9' ERR
# expect_exit STATUS WHAT COMMAND...: runs COMMAND and fails unless it exits with STATUS (the
# message shows err.txt of the current directory, where the scripts send standard error).
expect_exit() {
  local want=$1 what=$2 got=0; shift 2
  "$@" || got=$?
  [ "$got" = "$want" ] || fail "$what: exit $got (want $want); stderr: $(cat err.txt 2>/dev/null)"
}

# Background processes to stop at exit (kill_all in the EXIT trap).
pids=()
kill_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}

# json_last FILE EXPR: evaluates a Python expression with `d` bound to FILE's JSON document (or,
# for JSON lines, its last line).
json_last() {
  python3 -c '
import json, sys
text = open(sys.argv[1]).read()
try:
    d = json.loads(text)
except ValueError:
    lines = [l for l in text.splitlines() if l.strip()]
    d = json.loads(lines[-1]) if lines else {}
print(eval(sys.argv[2]))' "$1" "$2"
}

# wait_for SECONDS COMMAND...: retries COMMAND every 0.2 s until it succeeds or time runs out.
wait_for() {
  local limit=$1; shift
  local end=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -ge $end ] && return 1
    sleep 0.2
  done
}

# start_mock_cluster ROOT: compiles and starts librdkafka's mock cluster (one broker) in the
# current directory, sets `mock` (its pid: kill it in the EXIT trap, after `exec 7>&-`) and
# `bootstrap`; `ask COMMAND` then sends it a command and prints the answer.
mock=
start_mock_cluster() {
  local cc first
  cc=$(command -v cc || command -v clang)
  "$cc" -O1 -o mock-cluster "$1/scripts/kafka/mock-cluster.c" -lrdkafka
  mkfifo commands answers
  ./mock-cluster 1 < commands > answers 2> mock.err &
  mock=$!
  exec 7> commands
  exec 8< answers
  read -r -t 30 first <&8 || fail "mock cluster did not start: $(cat mock.err)"
  bootstrap=${first#bootstrap }
}
ask() {
  echo "$*" >&7
  local reply
  read -r -t 60 reply <&8 || fail "mock cluster: no answer to '$*': $(cat mock.err)"
  echo "$reply"
}
