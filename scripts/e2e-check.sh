#!/usr/bin/env bash
# `modeltop check` as CI systems run it: a policy over a canary's serving log (exit 3 on the
# canary gate), the offline validation of a candidate against the current model's predictions
# (exit 0), nothing to judge (exit 4), bad policies (exit 2 naming file, line and key), JUnit
# XML validated with xmllint against Tests/Fixtures/junit.xsd, and a GitHub Actions run
# simulated (annotations, step summary). Also `report`'s per-version JSON and --baseline-version.
# Usage: scripts/e2e-check.sh path/to/modeltop
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/e2e-lib.sh"
"$root/scripts/install-deps.sh" libxml2-utils
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

# A canary: v2 takes a third of the traffic after the first half, is right 80% of the time
# (v1: 90%), slower, and its `amount` is shifted. Labels come 30 s later by id.
python3 - <<'PY'
import json, random
random.seed(7)
with open("serving.jsonl", "w") as f:
    for i in range(8000):
        t = 1795700000 + i * 0.5
        v = "v1" if i < 4000 or i % 3 else "v2"
        label = int(random.random() < 0.5)
        pred = label if random.random() < (0.9 if v == "v1" else 0.8) else 1 - label
        f.write(json.dumps({"model": "fraud", "version": v, "ts": t, "node": "n%d" % (i % 2), "id": "p%d" % i,
                            "prediction": pred, "latency_ms": round(random.expovariate(1 / (10 if v == "v1" else 25)), 2),
                            "features": {"amount": round(random.gauss(0 if v == "v1" else 0.8, 1), 3),
                                         "country": random.choice("AB")}}) + "\n")
        f.write(json.dumps({"model": "fraud", "ts": t + 30, "id": "p%d" % i, "label": label}) + "\n")
# Offline validation: the same 3000 test rows scored by the current model and by a candidate,
# written with their labels.
rows = [(random.gauss(0, 1), random.choice("AB")) for _ in range(3000)]
for name, acc in (("current", 0.86), ("candidate", 0.87)):
    rnd = random.Random(name)
    with open(name + ".jsonl", "w") as f:
        for i, (x, c) in enumerate(rows):
            label = int(x > 0)
            pred = label if rnd.random() < acc else 1 - label
            f.write(json.dumps({"model": "fraud", "ts": 1795800000 + i, "prediction": pred, "label": label,
                                "features": {"amount": x, "country": c}}) + "\n")
PY

cat > policy.toml <<'TOML'
# Gate for the fraud model's canary.
[[rules]]
model = "fraud*"
accuracy_min = 0.85
psi_max = 0.2
p99_latency_ms_max = 250

[[rules]]
model = "fraud"
candidate = "v2"
baseline = "v1"
max_accuracy_drop = 0.02
alpha = 0.05
TOML

# 1. The canary fails the gate: exit 3, the failing check named, JUnit valid.
expect_exit 3 "check on the canary" "$bin" check --policy policy.toml --reference-size 2000 --format json \
  --junit junit.xml serving.jsonl > check.json 2> err.txt
python3 - <<'PY' || fail "check JSON: $(head -c 800 check.json)"
import json
d = json.load(open("check.json"))
s = d["summary"]
assert s["failed"] == 1 and s["total"] == s["passed"] + s["failed"] + s["no_data"], s
assert s["by_status"] == {"pass": s["passed"], "fail": s["failed"], "no_data": s["no_data"]}, s
bad = [r for r in d["results"] if r["status"] == "fail"]
assert bad[0]["check"] == "canary" and bad[0]["line"] == 10 and bad[0]["observed"] < -0.05, bad
assert all(r["status"] == "pass" for r in d["results"] if r["check"] == "accuracy_min"), d["results"]
PY
xmllint --noout --schema "$root/Tests/Fixtures/junit.xsd" junit.xml 2> xmllint.txt || fail "JUnit XML not valid: $(cat xmllint.txt)"
grep -q '<failure message="accuracy -[0-9.]* pts vs v1, significantly below' junit.xml || fail "JUnit failure message: $(grep failure junit.xml)"
grep -q 'failures="1"' junit.xml || fail "JUnit counts"

# 2. GitHub Actions: ::error annotation with file and line, the Markdown summary appended.
echo "earlier step" > summary.md
s=0; GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$dir/summary.md" "$bin" check --policy policy.toml --reference-size 2000 \
  --format table serving.jsonl > gh.txt 2> err.txt || s=$?
[ "$s" = 3 ] || fail "GitHub run: exit $s"
grep -q '^::error file=policy.toml,line=10,title=modeltop check%3A fraud canary::accuracy -[0-9]' gh.txt \
  || fail "no ::error annotation: $(head -3 gh.txt)"
head -1 summary.md | grep -q "earlier step" || fail "step summary overwritten"
grep -q "### modeltop check failed" summary.md || fail "no step summary: $(cat summary.md)"
grep -q "| ❌ | fraud (v2 vs v1) | \`canary\`" summary.md || fail "summary row: $(cat summary.md)"

# 3. Offline validation: the candidate against the current model's predictions on the same data.
cat > offline.toml <<'TOML'
[[rules]]
model = "fraud"
accuracy_min = 0.85
accuracy_drop_max = 0.01   # at most 1 point below the current model
psi_max = 0.1
TOML
expect_exit 0 "offline validation" "$bin" check --policy offline.toml --reference current.jsonl --format table candidate.jsonl \
  > offline.txt 2> err.txt
grep -q "accuracy drop" offline.txt || fail "offline table: $(cat offline.txt)"

# 4. Nothing to judge never passes: no events, an absent model.
: > empty.jsonl
expect_exit 4 "check on no events" "$bin" check --policy offline.toml --format json empty.jsonl > /dev/null 2> err.txt
printf '[[rules]]\nmodel = "churn"\naccuracy_min = 0.8\n' > churn.toml
expect_exit 4 "check on an absent model" "$bin" check --policy churn.toml --format json candidate.jsonl > absent.json 2> err.txt
grep -q '"no model matches' absent.json || fail "absent model: $(cat absent.json)"

# 5. Bad policies: exit 2, naming file, line and key.
printf '[[rules]]\nmodel = "fraud"\npsi_maxx = 0.2\n' > typo.toml
expect_exit 2 "unknown key" "$bin" check --policy typo.toml candidate.jsonl 2> err.txt
grep -q "typo.toml:3: key 'psi_maxx': unknown key" err.txt || fail "unknown key message: $(cat err.txt)"
printf '[[rules]]\nmodel = "fraud"\naccuracy_min = 1.5\n' > range.toml
expect_exit 2 "out of range" "$bin" check --policy range.toml candidate.jsonl 2> err.txt
grep -q "range.toml:3: key 'accuracy_min'" err.txt || fail "range message: $(cat err.txt)"
expect_exit 2 "missing policy" "$bin" check --policy nope.toml candidate.jsonl 2> err.txt

# 6. report: one object per version, vs_baseline for all but the baseline; --baseline-version.
"$bin" report --format json --reference-size 2000 serving.jsonl > report.json
"$bin" report --format json --reference-size 2000 --baseline-version v2 serving.jsonl > report-v2.json
python3 - <<'PY' || fail "report versions"
import json
m = json.load(open("report.json"))["models"][0]
assert m["baseline_version"] == "v1", m["baseline_version"]
v1, v2 = m["versions"]
assert v1["version"] == "v1" and v1["vs_baseline"] is None
assert abs(v1["share"] + v2["share"] - 1) < 1e-9 and v1["predictions"] + v2["predictions"] == m["predictions"]
vs = v2["vs_baseline"]
assert vs["baseline"] == "v1" and vs["accuracy"]["difference"] < -0.05 and vs["accuracy"]["pvalue"] < 1e-6, vs
assert vs["accuracy"]["ci_low"] < vs["accuracy"]["difference"] < vs["accuracy"]["ci_high"] < 0, vs
assert vs["p99_latency_ratio"] > 1.5 and vs["predictions"]["test"] == "ks", vs
assert vs["verdict"].startswith("v2: accuracy -"), vs["verdict"]
drift = {f["name"]: f["psi"] for f in v2["features"]}
assert drift["amount"] > 0.25, drift
m2 = json.load(open("report-v2.json"))["models"][0]
assert m2["baseline_version"] == "v2" and m2["versions"][0]["vs_baseline"]["accuracy"]["difference"] > 0.05
PY
# 7. The policies in docs/ci.md are valid (a bad one would exit 2).
python3 - "$root/docs/ci.md" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for body in re.findall(r"```toml\n(.*?)```", text, re.S):
    name = re.match(r"# file: (\S+)", body).group(1)
    open("doc-" + name, "w").write(body)
PY
for policy in doc-*.toml; do
  s=0; "$bin" check --policy "$policy" --format json serving.jsonl > /dev/null 2> err.txt || s=$?
  [ "$s" != 2 ] || fail "docs/ci.md: $policy: $(cat err.txt)"
done
[ "$(ls doc-*.toml | wc -l)" -ge 3 ] || fail "docs/ci.md: policies not found"

echo "ok: check (canary gate, offline validation, no data, bad policies, JUnit, GitHub) and per-version report"
