#!/usr/bin/env bash
# The dashboard in a real terminal: runs `modeltop watch` on a log inside a 120x40 tmux pane,
# checks the overview, opens a model and a feature, resizes the pane to 80x24, appends lines and
# sees the counts change, drives the nodes views, the alert timeline and a column sort (kept for
# the next run), quits, and checks the shell is usable again.
# Usage: scripts/e2e-tui.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
. "$(dirname "$0")/e2e-lib.sh"
dir=$(mktemp -d)
session="modeltop-e2e-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"

python3 - <<'PY'
import json, random
random.seed(3)
with open("app.jsonl", "w") as f:
    for i in range(6000):
        t = 1795700000 + i * 0.5
        for model, shift in (("fraud", 0.0 if i < 4500 else 1.5), ("churn", 0.0)):
            x = random.gauss(shift, 1)
            f.write(json.dumps({"model": model, "ts": t, "node": "n%d" % (i % 2), "id": "%s%d" % (model, i),
                                "prediction": int(x > 0), "score": round(random.random(), 3),
                                "latency_ms": round(random.expovariate(0.1), 2),
                                "features": {"amount": round(x * 100 + 300, 2), "country": random.choice("ABC")}}) + "\n")
    f.write("this line is not json\n")
PY

capture() { tmux capture-pane -t "$session" -p; }
screen_has() { capture | grep -q -- "$1"; }
expect_screen() {  # expect_screen TEXT WHAT
  wait_for 10 screen_has "$1" || { capture; fail "$2: '$1' not on screen"; }
}

tmux new-session -d -s "$session" -x 120 -y 40
# Preferences (theme, sort) go to a temporary config home, never the user's.
tmux send-keys -t "$session" "export TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$dir/config'; clear" Enter
tmux send-keys -t "$session" "'$bin' watch --reference-size 1000 app.jsonl; echo \"exit=\$?\"" Enter
expect_screen "fraud" "overview"
expect_screen "ALERT" "overview severity"
expect_screen "1 malformed (e)" "status bar malformed count"
capture | head -3 | grep -q "STATUS. MODEL" || { capture; fail "overview header"; }

tmux send-keys -t "$session" Enter
expect_screen "drift by pane" "model detail"
expect_screen "amount" "heatmap rows"
tmux send-keys -t "$session" Enter
expect_screen "empirical CDFs" "feature drill-down"
tmux send-keys -t "$session" Escape Escape
expect_screen "sort: STATUS" "back to the overview"

tmux resize-window -t "$session" -x 80 -y 24
wait_for 10 bash -c "[ \$(tmux capture-pane -t '$session' -p | wc -l) -eq 24 ]" || fail "resize"
# Redrawn at the new size (not tmux's cropped copy of the old frame): status bar on row 24.
redrawn() { capture | sed -n 24p | grep -q "event time"; }
wait_for 10 redrawn || { capture; fail "no redraw after the resize"; }
expect_screen "STATUS. MODEL" "overview at 80x24"
capture | python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in sys.stdin))' \
  || fail "a line wider than 80 columns"

clock() { capture | grep -o "event time [0-9-]* [0-9:]*" | head -1; }
before=$(clock)
python3 - <<'PY'
import json
with open("app.jsonl", "a") as f:
    for i in range(3000):
        f.write(json.dumps({"model": "churn", "ts": 1795703000 + i * 0.2, "node": "n9", "prediction": 1,
                            "features": {"amount": 1.0, "country": "A"}}) + "\n")
PY
clock_moved() { [ "$(clock)" != "$before" ]; }
wait_for 10 clock_moved || { capture; fail "appended lines did not reach the dashboard ($before)"; }
# The nodes view at 80 columns keeps its flags; fraud's nodes fell silent when only churn went on.
tmux send-keys -t "$session" Home n
expect_screen "LAST SEEN" "nodes view"
expect_screen "FLAGS" "flags column at 80x24"
capture | grep -q "SILENT" || { capture; fail "a silent node is not flagged at 80x24"; }
tmux send-keys -t "$session" Escape
sleep 1  # ncurses waits for the rest of an escape sequence
tmux send-keys -t "$session" N
expect_screen "across models" "fleet-wide nodes view"
expect_screen "n9" "fleet-wide nodes view rows"
tmux send-keys -t "$session" Escape
sleep 1
# The alert timeline: changes newest first with their reasons; Enter opens the model.
tmux send-keys -t "$session" a
expect_screen "newest first" "alert timeline"
expect_screen "WHY" "alert reasons at 80x24"
capture | grep -q "ALERT *feature amount" || { capture; fail "amount's change to ALERT not in the timeline"; }
tmux send-keys -t "$session" Enter
expect_screen "drift by pane" "Enter on an alert opens its model"
tmux send-keys -t "$session" Escape
sleep 1
tmux send-keys -t "$session" Escape
sleep 1
# Column sort: > moves the sort to the next column, r reverses; the header marks it.
tmux send-keys -t "$session" ">"
expect_screen "sort: MODEL ▲" "sort by the next column"
expect_screen "MODEL▲" "sort mark in the header"
tmux send-keys -t "$session" r
expect_screen "sort: MODEL ▼" "reversed sort"
tmux resize-window -t "$session" -x 60 -y 20
expect_screen "terminal too small" "too-small message"
tmux resize-window -t "$session" -x 120 -y 40
expect_screen "STATUS. MODEL" "back to a usable size"
tmux send-keys -t "$session" q
expect_screen "exit=0" "quit"
tmux send-keys -t "$session" "clear; echo shell-ok-\$((6*7))" Enter
expect_screen "shell-ok-42" "a usable shell after quitting"

grep -q 'sort = "model"' "$dir/config/modeltop/config.toml" || fail "the sort was not kept"

# SIGTERM restores the terminal too; the kept sort comes back. --bell rings on ALERT and
# --on-alert gets the changes as JSON lines.
[ "$(tmux display -p -t "$session" '#{window_bell_flag}')" = 0 ] || fail "a bell before --bell"
tmux send-keys -t "$session" "clear; '$bin' watch --reference-size 1000 --bell --on-alert 'cat >> \"$dir/changes\"' app.jsonl; echo \"exit=\$?\"" Enter
expect_screen "STATUS  MODEL▼" "second start with the kept sort"
got_change() { grep -q '"type": "alert".*"model": "fraud".*"to": "alert"' "$dir/changes" 2>/dev/null; }
wait_for 10 got_change || fail "--on-alert did not get fraud's change to ALERT"
[ "$(tmux display -p -t "$session" '#{window_bell_flag}')" = 1 ] || fail "--bell did not ring"
pkill -TERM -f "^$bin watch --reference-size 1000 --bell"
expect_screen "exit=143" "exit on SIGTERM"
tmux send-keys -t "$session" "stty -a | grep -o ' echo ' ; echo shell-ok-\$((6*8))" Enter
expect_screen "shell-ok-48" "a usable shell after SIGTERM"
capture | grep -q " echo " || fail "echo is off after SIGTERM"

# A terminal that goes away without a SIGHUP reaching modeltop must still end it, not leave it
# spinning on a dead tty. The kernel sends the hangup to the session leader only; here that is
# a shell which outlives it (as `make demo` does: make waits for its child), so modeltop sees
# nothing but its terminal closing.
tmux new-session -d -s "$session-hup" -x 120 -y 40 "trap '' HUP; XDG_CONFIG_HOME='$dir/config' TERM=tmux-256color '$bin' watch ./app.jsonl; true"
hup_screen() { tmux capture-pane -t "$session-hup" -p | grep -q "STATUS. MODEL"; }
wait_for 10 hup_screen || fail "start under an ignored SIGHUP"
tmux kill-session -t "$session-hup"
gone() { ! pgrep -f "$bin watch ./app.jsonl" >/dev/null; }
wait_for 5 gone || { pkill -KILL -f "$bin watch ./app.jsonl"; fail "still running after its terminal closed"; }
echo "ok: dashboard in tmux"
