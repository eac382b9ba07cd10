# Helpers for the end-to-end scripts (sourced).

fail() { echo "FAIL: $*" >&2; exit 1; }

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
