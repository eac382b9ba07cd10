#!/usr/bin/env bash
# The demo data: `modeltop synth` reproduces it from demo-data/scenario.toml byte for byte; each scripted incident is found by
# `report --since --until`; a replay computes what `report` computes.
# Usage: scripts/e2e-demo.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/e2e-lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
data="$root/demo-data"

# 1. Same seed, same bytes; another seed, other bytes.
"$bin" synth --out "$dir/same" --truth "$dir/same/truth.jsonl" "$data/scenario.toml"
for f in eu-1.jsonl eu-2.jsonl us-2.jsonl labels.jsonl truth.jsonl reference/fraud.jsonl reference/churn.jsonl \
         reference/price.jsonl reference/ranker.jsonl; do
  cmp -s "$data/$f" "$dir/same/$f" || fail "synth: $f differs from the committed file (make demo-data writes it again)"
done
"$bin" synth --seed 7 --out "$dir/other" "$data/scenario.toml"
! cmp -s "$data/eu-1.jsonl" "$dir/other/eu-1.jsonl" || fail "synth: the seed changes nothing"
size=$(du -sb "$data" | cut -f1)
[ "$size" -lt 15000000 ] || fail "demo data is $size bytes (limit 15 MB)"

refs=()
for m in fraud churn price ranker; do refs+=(--reference "$data/reference/$m.jsonl"); done
inputs=("$data/eu-1.jsonl" "$data/eu-2.jsonl" "$data/us-2.jsonl" "$data/labels.jsonl")
report() {  # report SINCE UNTIL > json (times of day on 2026-11-20)
  "$bin" report --format json "${refs[@]}" --since "2026-11-20T$1Z" --until "2026-11-20T$2Z" "${inputs[@]}"
}
check() {  # check FILE PYTHON-EXPRESSION MESSAGE: m(name) is a model, f(model, name) a feature
  python3 - "$1" "$2" "$3" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
def m(name): return next(x for x in d["models"] if x["model"] == name)
def f(model, name): return next(x for x in m(model)["features"] + [m(model)["prediction_drift"]] if x["name"] == name)
def node(model, name): return next((x for x in m(model)["nodes"] if x["node"] == name), None)
if not eval(sys.argv[2]):
    print("FAIL: incident: " + sys.argv[3], file=sys.stderr)
    sys.exit(1)
PY
}

# 2. The incidents.
report 00:00:00 01:30:00 > "$dir/early.json"
report 00:00:00 00:45:00 > "$dir/before-shift.json"
report 00:45:00 00:51:00 > "$dir/shift-start.json"
report 00:45:00 01:15:00 > "$dir/shift.json"
report 03:00:00 04:00:00 > "$dir/mid.json"
report 03:30:00 04:00:00 > "$dir/spike.json"
report 03:00:00 04:30:00 > "$dir/pre-concept.json"
report 04:30:00 06:00:00 > "$dir/concept.json"
report 05:00:00 06:00:00 > "$dir/silent.json"
"$bin" report --format json "${refs[@]}" "${inputs[@]}" > "$dir/all.json"
check "$dir/early.json" 'f("ranker", "doc_age_days")["psi"] < 0.1' "ranker doc_age_days stable before 01:30"
check "$dir/mid.json" 'f("ranker", "doc_age_days")["psi"] >= 0.25 and m("ranker")["severity"] == "alert"' "ranker doc_age_days drifted by 03:00"
check "$dir/early.json" 'f("churn", "plan")["psi"] < 0.1 and [v["version"] for v in m("churn")["versions"]] == ["v1"]' "churn plan stable under v1"
check "$dir/mid.json" 'f("churn", "plan")["psi"] >= 0.25 and "v2" in [v["version"] for v in m("churn")["versions"]]' "churn plan shifted with v2 at 03:00"
check "$dir/before-shift.json" 'abs(m("fraud")["estimated"]["accuracy"] - m("fraud")["accuracy"]) < 0.03'  "fraud: estimated accuracy close to the realized one before 00:45"
check "$dir/shift-start.json" 'm("fraud")["labels_joined"] < 200 and m("fraud")["estimated"]["accuracy"] <= m("fraud")["reference_accuracy"] - 0.05 and any(r.startswith("estimated accuracy") for r in m("fraud")["reasons"])' "fraud: CBPE sees the covariate shift before the labels"
check "$dir/shift.json" 'm("fraud")["accuracy"] <= m("fraud")["reference_accuracy"] - 0.05 and abs(m("fraud")["estimated"]["accuracy"] - m("fraud")["accuracy"]) < 0.04' "fraud: the labels confirm the estimate 00:45-01:15"
check "$dir/pre-concept.json" 'm("fraud")["accuracy"] >= m("fraud")["reference_accuracy"] - 0.05' "fraud accurate before 04:30"
check "$dir/concept.json" 'm("fraud")["severity"] == "alert" and m("fraud")["accuracy"] <= m("fraud")["reference_accuracy"] - 0.10' "fraud accuracy dropped after 04:30"
check "$dir/concept.json" 'all((x["psi"] or 0) < 0.1 for x in m("fraud")["features"])' "fraud features stable during the concept drift"
check "$dir/concept.json" 'm("fraud")["estimated"]["disagrees_with_realized"] and m("fraud")["estimated"]["accuracy"] > m("fraud")["accuracy"] + 0.1' "fraud: CBPE is blind to the concept drift, and says the realized accuracy disagrees"
check "$dir/spike.json" 'node("fraud", "us-2")["latency_ms"]["p99"] > 3 * node("fraud", "eu-1")["latency_ms"]["p99"]' "us-2 latency spike 03:30-04:00"
check "$dir/early.json" 'node("fraud", "us-2")["latency_ms"]["p99"] < 2 * node("fraud", "eu-1")["latency_ms"]["p99"]' "us-2 normal before"
check "$dir/early.json" 'node("fraud", "eu-2") is not None' "eu-2 serving before 05:00"
check "$dir/silent.json" 'all(node(x["model"], "eu-2") is None for x in d["models"])' "eu-2 silent after 05:00"
check "$dir/all.json" 'd["ingest"]["malformed"] == 250 and all("2026-11-20T02:1" in s["text"] for s in d["malformed_samples"])' "the malformed burst at 02:15"

# 3. A replay computes what report computes (same window; sums may differ in the last bit;
#    late counts follow the reading order).
"$bin" replay --speed max --no-tui --pane 5m --window 6 "${refs[@]}" "${inputs[@]}" | tail -1 > "$dir/replay.json"
"$bin" report --format json --pane 5m --window 6 "${refs[@]}" "${inputs[@]}" > "$dir/report.json"
python3 - "$dir/replay.json" "$dir/report.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
def same(x, y, path):
    if isinstance(x, dict):
        assert set(x) == set(y), path
        # Late counts depend on the order events are read in (replay: merged by time).
        for k in x:
            if k not in ("late_events", "late_labels"): same(x[k], y[k], path + "." + k)
    elif isinstance(x, list):
        assert len(x) == len(y), path
        for i, (p, q) in enumerate(zip(x, y)): same(p, q, "%s[%d]" % (path, i))
    elif isinstance(x, float) or isinstance(y, float):
        assert abs(x - y) <= 1e-12 * max(abs(x), abs(y)), "%s: %r vs %r" % (path, x, y)
    else:
        assert x == y, "%s: %r vs %r" % (path, x, y)
same(a["models"], b["models"], "models")
same(a["ingest"], b["ingest"], "ingest")
PY
# 4. `modeltop demo` finds its data from any directory: through $PATH (a symlink to the build),
#    and from an install prefix (<prefix>/bin/modeltop, <prefix>/share/modeltop/demo-data).
mkdir -p "$dir/path" "$dir/elsewhere" "$dir/prefix/bin" "$dir/prefix/share/modeltop"
ln -s "$bin" "$dir/path/modeltop"
(cd "$dir/elsewhere" && PATH="$dir/path:$PATH" timeout 60 modeltop demo --no-tui --no-loop --speed max) | tail -1 > "$dir/demo-path.json" \
  || fail "demo through \$PATH from another directory"
cp "$bin" "$dir/prefix/bin/modeltop"
cp -r "$data" "$dir/prefix/share/modeltop/demo-data"
(cd "$dir/elsewhere" && timeout 60 "$dir/prefix/bin/modeltop" demo --no-tui --no-loop --speed max) | tail -1 > "$dir/demo-prefix.json" \
  || fail "demo from an install prefix"
for f in "$dir/demo-path.json" "$dir/demo-prefix.json"; do
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["models"]) == 4, d' "$f" || fail "demo output $f"
done
rm -r "$dir/prefix/share/modeltop/demo-data"
(cd "$dir/elsewhere" && ! "$dir/prefix/bin/modeltop" demo --no-tui 2> "$dir/demo-err") || fail "demo without data succeeded"
grep -q "no demo data" "$dir/demo-err" || fail "demo without data: $(cat "$dir/demo-err")"

echo "ok: demo data, incidents, replay, demo from anywhere"
