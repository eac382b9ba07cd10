#!/usr/bin/env bash
# modeltop side by side with what users would run instead, on the same generated data in one
# run: `modeltop report` (parsing included) vs a Python json.loads loop over the same files,
# vs scipy.stats.ks_2samp on the same arrays already in memory (numpy column views, and pandas
# DataFrame columns as a DataFrame user calls it), vs Evidently's data drift report (installed
# in a throwaway venv when pip can reach PyPI; skipped otherwise). Then a realistic mixed log
# (Benchmarks/scenarios/mixed.toml through `modeltop synth`: 11 models, 64 features, skewed
# numbers, categories, labels by id): `modeltop report` with the reference files against
# scipy's ks_2samp alone over the same (model, numeric feature) pairs, arrays in memory.
# Usage: Benchmarks/compare.sh [ROWS] [FEATURES]   (after `make bench` built modeltop)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="$here/../.build/release/modeltop"
rows=${1:-100000}
features=${2:-20}
# The data (~190 MB) is removed at exit unless MODELTOP_BENCH_DIR names where to keep it.
if [ -n "${MODELTOP_BENCH_DIR:-}" ]; then
  dir=$MODELTOP_BENCH_DIR
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
venv=${MODELTOP_BENCH_VENV:-/tmp/modeltop-bench-venv}
[ -x "$bin" ] || { echo "build modeltop first: make build" >&2; exit 1; }

python3 - "$dir" "$rows" "$features" <<'PY'
import json, os, sys
import numpy as np
d, rows, features = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(2026)
for name, shift in (("reference", 0.0), ("current", 0.05)):
    x = rng.normal(shift, 1, (rows, features))
    np.save(os.path.join(d, name + ".npy"), x)
    with open(os.path.join(d, name + ".jsonl"), "w") as f:
        for i in range(rows):
            f.write('{"model":"m","ts":%d,"prediction":%d,"features":{%s}}\n' % (
                1795700000 + i, i % 2, ",".join('"f%d":%r' % (j, float(x[i, j])) for j in range(features))))
PY
size=$(du -ch "$dir/reference.jsonl" "$dir/current.jsonl" | tail -1 | cut -f1)
echo "data: $rows reference + $rows current rows x $features numeric features, NDJSON $size, in $dir"

best_of_3() {  # best_of_3 COMMAND...: the shortest wall time of three runs, in seconds
  local best=
  for _ in 1 2 3; do
    local start end t
    start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N)
    t=$(python3 -c "print($end - $start)")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(not ($t < $best))"; then best=$t; fi
  done
  echo "$best"
}

modeltop=$(best_of_3 "$bin" report --format json --reference "$dir/reference.jsonl" "$dir/current.jsonl")
jsonloads=$(python3 - "$dir" <<'PY'
import json, sys, time
d = sys.argv[1]
best = None
for _ in range(3):
    t = time.perf_counter()
    for name in ("reference", "current"):
        with open(d + "/" + name + ".jsonl") as f:
            for line in f:
                json.loads(line)
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(best)
PY
)
scipy=$(python3 - "$dir" <<'PY'
import sys, time
import numpy as np
from scipy import stats
d = sys.argv[1]
a, b = np.load(d + "/reference.npy"), np.load(d + "/current.npy")
best = None
for _ in range(3):
    t = time.perf_counter()
    for j in range(a.shape[1]):
        stats.ks_2samp(a[:, j], b[:, j])
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(best)
PY
)
evidently=skipped
pandas=skipped
if [ -x "$venv/bin/python" ] || (python3 -m venv "$venv" >/dev/null 2>&1 &&
    timeout 600 "$venv/bin/pip" install -q evidently "pandas<2.2" >/dev/null 2>&1); then
  pandas=$("$venv/bin/python" - "$dir" <<'PY' 2>/dev/null || echo failed
import sys, time
import numpy as np, pandas as pd
from scipy import stats
d = sys.argv[1]
a, b = np.load(d + "/reference.npy"), np.load(d + "/current.npy")
cols = ["f%d" % j for j in range(a.shape[1])]
ref, cur = pd.DataFrame(a, columns=cols), pd.DataFrame(b, columns=cols)
best = None
for _ in range(3):
    t = time.perf_counter()
    for c in cols:
        stats.ks_2samp(ref[c], cur[c])
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(best)
PY
)
  evidently=$("$venv/bin/python" - "$dir" <<'PY' 2>/dev/null || echo failed
import sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np, pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset
d = sys.argv[1]
a, b = np.load(d + "/reference.npy"), np.load(d + "/current.npy")
cols = ["f%d" % j for j in range(a.shape[1])]
ref, cur = pd.DataFrame(a, columns=cols), pd.DataFrame(b, columns=cols)
t = time.perf_counter()
Report([DataDriftPreset()]).run(cur, ref)
print(time.perf_counter() - t)
PY
)
else
  echo "Evidently: skipped (pip could not install it into $venv)"
fi

# The realistic mixed log.
"$bin" synth --out "$dir/mixed" "$here/scenarios/mixed.toml"
mixed=("$dir"/mixed/a1.jsonl "$dir"/mixed/a2.jsonl "$dir"/mixed/b1.jsonl "$dir"/mixed/b2.jsonl "$dir"/mixed/c1.jsonl
       "$dir"/mixed/labels.jsonl)
refs=(); for f in "$dir"/mixed/reference/*.jsonl; do refs+=(--reference "$f"); done
mixed_modeltop=$(best_of_3 "$bin" report --format json "${refs[@]}" "${mixed[@]}")
mixed_scipy=$(python3 - "$dir/mixed" <<'PY'
import glob, json, sys, time
import numpy as np
from scipy import stats
d = sys.argv[1]
def columns(paths):
    cols = {}
    for path in paths:
        for line in open(path):
            try:
                e = json.loads(line)
            except ValueError:
                continue
            features = e.get("features") if isinstance(e, dict) else None
            if not isinstance(features, dict):
                continue
            for k, v in features.items():
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    cols.setdefault((e.get("model"), k), []).append(float(v))
    return {k: np.array(v) for k, v in cols.items()}
ref = columns(glob.glob(d + "/reference/*.jsonl"))
cur = columns([d + "/%s.jsonl" % n for n in ("a1", "a2", "b1", "b2", "c1")])
pairs = [(ref[k], cur[k]) for k in sorted(ref) if k in cur]
best = None
for _ in range(3):
    t = time.perf_counter()
    for a, b in pairs:
        stats.ks_2samp(a, b)
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(best, len(pairs))
PY
)
mixed_lines=$(cat "${mixed[@]}" | wc -l)
mixed_size=$(du -ch "${mixed[@]}" | tail -1 | cut -f1)

python3 - "$modeltop" "$jsonloads" "$scipy" "$evidently" "$pandas" $mixed_modeltop $mixed_scipy "$mixed_lines" "$mixed_size" <<'PY'
import sys
m, j, s, e, p, mm, ms, pairs, lines, size = sys.argv[1:]
m, j, s = float(m), float(j), float(s)
rows = [("modeltop report (parse + PSI + KS + report, all features)", m),
        ("Python json.loads loop over the same files (parse only)", j),
        ("scipy.stats.ks_2samp, numpy column views in memory (KS only)", s)]
if p not in ("skipped", "failed"):
    rows.append(("scipy.stats.ks_2samp, pandas DataFrame columns (KS only)", float(p)))
if e not in ("skipped", "failed"):
    rows.append(("Evidently DataDriftPreset, DataFrames in memory", float(e)))
else:
    print("Evidently:", e)
print("%-62s %9s %10s" % ("", "seconds", "vs modeltop"))
for name, t in rows:
    print("%-62s %9.3f %9.1fx" % (name, t, t / m))
print("goal: modeltop at most 0.3x scipy's KS time -> %.2fx, %s" % (m / s, "met" if m <= 0.3 * s else "NOT met"))
mm, ms = float(mm), float(ms)
print()
print("mixed log: %s lines (%s), 11 models, 64 features; %s (model, numeric feature) pairs" % (lines, size, pairs))
print("%-62s %9.3f %9.1fx" % ("modeltop report with the reference files (everything)", mm, 1.0))
print("%-62s %9.3f %9.1fx" % ("scipy.stats.ks_2samp over the same pairs, arrays in memory", ms, ms / mm))
print("goal: modeltop at most 1x scipy's KS time -> %.2fx, %s" % (mm / ms, "met" if mm <= ms else "NOT met"))
PY
