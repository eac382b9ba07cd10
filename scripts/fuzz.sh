#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/, with -sanitize=fuzzer,address) and runs each for
# SECONDS (default 30) on a copy of its committed seed corpus (Fuzz/Corpus/<target>). A crash
# or a failed invariant stops with status 1, the input saved as Fuzz/crashes/<target>-*:
# reproduce with `Fuzz/.build/debug/fuzz-<target> FILE`, then make it a regression test and
# add it to the corpus.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: decode config text network panes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode config text network panes)
cd "$root/Fuzz"
mkdir -p crashes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! swift build -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
  -Xcxx -fsanitize=fuzzer-no-link,address > "$work/build.log" 2>&1; then
  grep -vE "ld.gold: warning: Cannot export local symbol|prohibited flag" "$work/build.log" | tail -40 >&2
  echo "FAIL: fuzz: the targets do not build" >&2
  exit 1
fi
status=0
for target in "${targets[@]}"; do
  binary=.build/debug/fuzz-$target
  [ -x "$binary" ] || { echo "FAIL: fuzz: $binary was not built" >&2; exit 1; }
  dict=()
  case $target in decode | network) dict=(-dict=json.dict) ;; config) dict=(-dict=toml.dict) ;; esac
  mkdir -p "$work/$target"
  cp Corpus/"$target"/* "$work/$target/"
  # Seeds first: each committed input (regressions included) must pass as it is.
  "$binary" -runs=0 -rss_limit_mb=2048 -detect_leaks=0 Corpus/"$target"/* > "$work/$target.seeds.log" 2>&1 \
    || { tail -30 "$work/$target.seeds.log" >&2; echo "FAIL: fuzz-$target: a seed input fails" >&2; exit 1; }
  # Leak checks off: the Swift runtime's metadata caches look like leaks, and the scans cost most of the time.
  if "$binary" "${dict[@]}" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 \
       -artifact_prefix="crashes/$target-" -print_final_stats=1 "$work/$target" > "$work/$target.log" 2>&1; then
    runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$work/$target.log" | grep -o "[0-9]*$" || echo "?")
    echo "ok: fuzz-$target: $runs inputs in ${seconds}s, no crash"
  else
    tail -40 "$work/$target.log" >&2
    echo "FAIL: fuzz-$target: see Fuzz/crashes/" >&2
    status=1
  fi
done
exit $status
