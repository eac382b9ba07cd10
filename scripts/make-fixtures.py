#!/usr/bin/env python3
"""Writes the statistics fixtures the Swift tests compare with: inputs and the values numpy and
scipy compute for them.

    python3 scripts/make-fixtures.py          # rewrites Tests/*/Fixtures

Large samples are not stored: they come from `lcg_sample`, a generator the Swift tests
implement identically (FixtureSample.swift), so only its parameters are written.
"""
import json
import math
import os
import sys

import numpy as np
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MASK = (1 << 64) - 1


def lcg_sample(seed, n, scale=1.0, shift=0.0, step=0.0, power=1.0):
    """n values: u in [0,1) from a 64-bit LCG, then shift + scale * u**power, rounded down to a
    multiple of `step` when step > 0 (ties)."""
    x = seed & MASK
    out = []
    for _ in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
        u = (x >> 11) / 9007199254740992.0
        v = shift + scale * (u ** power)
        if step > 0:
            v = math.floor(v / step) * step
        out.append(v)
    return out


def sample(spec):
    if isinstance(spec, list):
        return spec
    return lcg_sample(**spec)


def psi_numeric(ref, cur):
    """PSI with reference-decile edges (numpy linear quantiles, duplicates removed), bins
    e[i-1] < v <= e[i] with open outer bins, empty shares floored at 1e-4, summed in order."""
    edges = []
    for q in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]:
        e = float(np.quantile(np.asarray(ref, dtype=float), q))
        if not edges or edges[-1] != e:
            edges.append(e)
    rb = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1)
    cb = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
    return edges, psi_from_counts(rb.tolist(), cb.tolist()), rb.tolist(), cb.tolist()


def psi_from_counts(rc, cc):
    rt, ct = sum(rc), sum(cc)
    total = 0.0
    for r, c in zip(rc, cc):
        rs = r / rt if r else 1e-4
        cs = c / ct if c else 1e-4
        total += (cs - rs) * math.log(cs / rs)
    return total


def ks_case(name, a, b):
    sa, sb = sample(a), sample(b)
    r = stats.ks_2samp(sa, sb)
    method = "exact" if max(len(sa), len(sb)) <= 10000 else "asymptotic"
    return {"name": name, "a": a, "b": b, "statistic": float(r.statistic), "pvalue": float(r.pvalue),
            "method": method}


def statistics_fixture():
    ks = [
        ks_case("tiny equal sizes", [1.0, 2.0, 3.0, 4.0, 5.0], [3.5, 4.5, 5.5, 6.5, 7.5]),
        ks_case("tiny unequal", [0.1, 0.4, 0.7], [0.2, 0.3, 0.5, 0.6, 0.8, 0.9, 1.0]),
        ks_case("single values", [1.0], [2.0]),
        ks_case("identical", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
        ks_case("ties across samples", [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0], [1.0, 2.0, 2.0, 2.0, 4.0]),
        ks_case("integer valued", {"seed": 1, "n": 300, "scale": 10, "step": 1},
                {"seed": 2, "n": 450, "scale": 12, "step": 1}),
        ks_case("n = 19 vs 17", {"seed": 3, "n": 19}, {"seed": 4, "n": 17, "shift": 0.2}),
        ks_case("equal 1000 no drift", {"seed": 5, "n": 1000}, {"seed": 6, "n": 1000}),
        ks_case("equal 1000 shifted", {"seed": 7, "n": 1000}, {"seed": 8, "n": 1000, "shift": 0.1}),
        ks_case("5000 vs 4096 skewed", {"seed": 9, "n": 5000, "power": 3},
                {"seed": 10, "n": 4096, "power": 2.5}),
        ks_case("p about 1e-50", {"seed": 11, "n": 2000}, {"seed": 12, "n": 1500, "shift": 0.25}),
        ks_case("p about 1e-300", {"seed": 13, "n": 4000}, {"seed": 14, "n": 3000, "shift": 0.43}),
        ks_case("disjoint", {"seed": 15, "n": 800}, {"seed": 16, "n": 900, "shift": 2}),
        ks_case("10000 vs 10000", {"seed": 17, "n": 10000}, {"seed": 18, "n": 10000, "shift": 0.01}),
        ks_case("asymptotic 20000 vs 15000", {"seed": 19, "n": 20000}, {"seed": 20, "n": 15000, "shift": 0.01}),
        ks_case("asymptotic small effect", {"seed": 21, "n": 30000}, {"seed": 22, "n": 12000, "shift": 0.003}),
        ks_case("asymptotic tiny p", {"seed": 23, "n": 12000}, {"seed": 24, "n": 11000, "shift": 0.1}),
        ks_case("asymptotic p about 1e-220", {"seed": 23, "n": 12000}, {"seed": 24, "n": 11000, "shift": 0.2}),
        ks_case("asymptotic vs tiny sample", {"seed": 25, "n": 20000}, {"seed": 26, "n": 7, "shift": 0.2}),
        ks_case("asymptotic integer ties", {"seed": 27, "n": 25000, "scale": 20, "step": 1},
                {"seed": 28, "n": 20000, "scale": 21, "step": 1}),
    ]

    psi = []
    for name, ref, cur in [
        ("uniform no drift", {"seed": 31, "n": 5000}, {"seed": 32, "n": 3000}),
        ("shifted", {"seed": 33, "n": 5000}, {"seed": 34, "n": 3000, "shift": 0.15}),
        ("integer valued with duplicate edges", {"seed": 35, "n": 2000, "scale": 4, "step": 1},
         {"seed": 36, "n": 1000, "scale": 5, "step": 1}),
        ("empty current bins", {"seed": 37, "n": 1000}, {"seed": 38, "n": 500, "scale": 0.2}),
        ("tiny samples", [3.0, 1.0, 2.0, 5.0, 4.0], [10.0, 0.5, 2.0]),
        ("constant reference", [7.0] * 50, [6.0, 7.0, 8.0]),
        ("skewed", {"seed": 39, "n": 5000, "power": 4, "scale": 1000}, {"seed": 40, "n": 5000, "power": 3, "scale": 1000}),
    ]:
        edges, value, rc, cc = psi_numeric(sample(ref), sample(cur))
        psi.append({"name": name, "reference": ref, "current": cur, "edges": edges, "psi": value,
                    "reference_counts": rc, "current_counts": cc})

    categorical = []
    for name, ref, cur in [
        ("same categories", {"a": 50, "b": 30, "c": 20}, {"a": 45, "b": 35, "c": 20}),
        ("category only in current", {"a": 50, "b": 50}, {"a": 40, "b": 40, "new": 20}),
        ("category gone", {"a": 10, "b": 10, "c": 80}, {"a": 60, "b": 40}),
        ("one category", {"a": 10}, {"a": 7}),
        ("two categories (2x2)", {"yes": 30, "no": 70}, {"yes": 45, "no": 55}),
        ("tiny p", {"x": 5000, "y": 5000}, {"x": 9000, "y": 1000}),
    ]:
        keys = sorted(set(ref) | set(cur))
        rc = [ref.get(k, 0) for k in keys]
        cc = [cur.get(k, 0) for k in keys]
        res = stats.chi2_contingency(np.array([rc, cc]), correction=False)
        categorical.append({"name": name, "categories": keys, "reference_counts": rc, "current_counts": cc,
                            "psi": psi_from_counts(rc, cc), "chi2": float(res.statistic),
                            "pvalue": float(res.pvalue), "dof": int(res.dof)})

    quantiles = []
    for name, values in [("odd", [5.0, 1.0, 3.0, 2.0, 4.0]), ("even ties", [1.0, 1.0, 2.0, 2.0, 2.0, 9.0]),
                         ("lcg", {"seed": 41, "n": 997, "scale": 100})]:
        v = sample(values)
        quantiles.append({"name": name, "values": values,
                          "levels": [0.1, 0.25, 0.5, 0.9, 0.95, 0.99],
                          "quantiles": [float(np.quantile(np.asarray(v), q)) for q in [0.1, 0.25, 0.5, 0.9, 0.95, 0.99]]})

    chi2_sf = [{"statistic": s, "dof": k, "pvalue": float(stats.chi2.sf(s, k))}
               for s, k in [(0.5, 1), (3.84, 1), (10.0, 3), (100.0, 5), (1500.0, 2), (1300.0, 40), (0.01, 30)]]

    kstwo = [{"d": d, "n": n, "sf": float(stats.kstwo.sf(d, n))}
             for d, n in [(0.3, 10), (0.05, 100), (0.2, 100), (0.6, 50), (0.01, 5000), (0.02, 5000), (0.05, 5000),
                          (0.005, 200000), (0.1, 20000), (0.15, 20000), (0.99, 3), (0.04, 141), (0.12, 141)]]

    return {"ks": ks, "psi": psi, "categorical": categorical, "quantiles": quantiles, "chi2_sf": chi2_sf,
            "kstwo": kstwo}


# ---------------------------------------------------------------------------------------------
# Report fixture: NDJSON inputs and the values `modeltop report` must print for them.

REPORT_TS = 1795700000


def report_inputs():
    """Reference and current events for three models that cover the edge cases."""
    rnd = np.random.default_rng(20261126)
    ref, cur = [], []
    # fraud: binary classifier with scores, reference from a file with inline labels.
    for i in range(1200):
        amount = float(np.round(rnd.lognormal(3, 1), 2))
        ref.append({"model": "fraud", "id": f"r{i}", "prediction": int(amount > 40), "score": round(float(rnd.random()), 4),
                    "label": int(rnd.random() < 0.3),
                    "features": {"amount": amount, "items": int(rnd.integers(1, 6)),       # integer valued, ties
                                 "country": str(rnd.choice(["DE", "FR", "US"])),
                                 "tiny": float(rnd.normal()) if i < 15 else None,            # tiny sample
                                 "empty": None,                                               # all missing
                                 "flag": bool(rnd.random() < 0.5)}})
    for i in range(900):
        t = REPORT_TS + i * 2
        amount = float(np.round(rnd.lognormal(3.4, 1.1), 2))   # drift
        features = {"amount": amount, "items": int(rnd.integers(1, 7)),
                    "country": str(rnd.choice(["DE", "FR", "US", "BR"], p=[0.3, 0.3, 0.2, 0.2])),  # BR only in current
                    "tiny": float(rnd.normal(3)) if i < 12 else None,
                    "empty": None, "flag": bool(rnd.random() < 0.5),
                    "only_current": round(float(rnd.random()), 3)}
        if i % 10 == 3:
            del features["items"]                        # absent counts as missing
        event = {"model": "fraud", "ts": t, "node": "eu-%d" % (i % 3), "id": f"c{i}",
                 "prediction": int(amount > 40), "score": round(float(rnd.random()), 4),
                 "latency_ms": round(float(rnd.gamma(2, 6)), 3), "features": features}
        cur.append(event)
        if i % 3 == 0:                                   # delayed label
            cur.append({"model": "fraud", "ts": t + 300, "id": f"c{i}", "label": int(rnd.random() < 0.35)})
    cur.append({"model": "fraud", "ts": REPORT_TS + 5000, "id": "nobody", "label": 1})   # unmatched
    # churn: string classes, reference = its first predictions (--reference-size 60).
    for i in range(150):
        t = REPORT_TS + i * 10
        shifted = i >= 60
        tenure = int(rnd.integers(0, 40 if not shifted else 20))
        pred = "leave" if tenure < 6 else "stay"
        cur.append({"model": "churn", "ts": t, "id": i, "prediction": pred,
                    "label": pred if rnd.random() < (0.9 if not shifted else 0.7) else ("stay" if pred == "leave" else "leave"),
                    "features": {"tenure": tenure, "plan": str(rnd.choice(["basic", "pro"]))}})
    # price: regression without labels for some; metric events.
    for i in range(40):
        t = REPORT_TS + i * 30
        size = float(np.round(rnd.uniform(30, 200), 1))
        price = round(size * 3000 + float(rnd.normal(0, 20000)), 2)
        ev = {"model": "price", "ts": t, "id": i, "prediction": price, "features": {"size": size}}
        if i % 2 == 0:
            ev["label"] = round(price + float(rnd.normal(0, 15000)), 2)
        cur.append(ev)
        cur.append({"model": "price", "ts": t, "node": "n1", "metric": "error_rate", "value": round(float(rnd.random()) / 100, 5)})
    return ref, cur


def nonnull(events, name):
    return [e["features"][name] for e in events if e["features"].get(name) is not None]


def kind_of(values):
    return "numeric" if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values) else "categorical"


def category_key(v):
    return ("b", v) if isinstance(v, bool) else ("n", float(v)) if isinstance(v, (int, float)) else ("s", v)


def drift(ref_values, cur_values, predictions):
    kind = kind_of(ref_values) if ref_values else kind_of(cur_values)
    out = {"kind": kind, "reference_count": len(ref_values), "current_count": len(cur_values),
           "missing_rate": (predictions - len(cur_values)) / predictions if predictions else None}
    if kind == "numeric":
        if ref_values and cur_values:
            _, out["psi"], _, _ = psi_numeric([float(v) for v in ref_values], [float(v) for v in cur_values])
            r = stats.ks_2samp(ref_values, cur_values)
            out["ks"] = {"statistic": float(r.statistic), "pvalue": float(r.pvalue)}
        else:
            out["psi"], out["ks"] = None, None
    else:
        rc, cc = {}, {}
        for v in ref_values:
            rc[category_key(v)] = rc.get(category_key(v), 0) + 1
        for v in cur_values:
            cc[category_key(v)] = cc.get(category_key(v), 0) + 1
        keys = sorted(set(rc) | set(cc))
        if ref_values and cur_values:
            r = [rc.get(k, 0) for k in keys]
            c = [cc.get(k, 0) for k in keys]
            out["psi"] = psi_from_counts(r, c)
            res = stats.chi2_contingency(np.array([r, c]), correction=False)
            out["chi2"] = {"statistic": float(res.statistic), "pvalue": float(res.pvalue), "dof": int(res.dof)}
        else:
            out["psi"], out["chi2"] = None, None
    return out


def binary(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and v in (0, 1):
        return v == 1
    return None


def outcomes(pairs):
    """pairs: (prediction, label, score) of joined predictions."""
    if not pairs:
        return {"labels_joined": 0, "accuracy": None}
    out = {"labels_joined": len(pairs)}
    regression = sum(1 for p, l, _ in pairs if binary(l) is None and isinstance(l, (int, float)))
    bins = [(binary(p), binary(l), s) for p, l, s in pairs if binary(p) is not None and binary(l) is not None]
    is_regression = regression > 0 and regression >= len(bins)
    out["accuracy"] = None if is_regression else sum(1 for p, l, _ in pairs if p == l) / len(pairs)
    if bins:
        tp = sum(1 for p, l, _ in bins if p and l)
        fp = sum(1 for p, l, _ in bins if p and not l)
        fn = sum(1 for p, l, _ in bins if not p and l)
        out["precision"] = tp / (tp + fp) if tp + fp else None
        out["recall"] = tp / (tp + fn) if tp + fn else None
        p, r = out["precision"], out["recall"]
        out["f1"] = (2 * p * r / (p + r) if p + r else 0.0) if p is not None and r is not None else None
        pos = [s for _, l, s in bins if l and s is not None]
        neg = [s for _, l, s in bins if not l and s is not None]
        if pos and neg:
            u = stats.mannwhitneyu(pos, neg, alternative="two-sided").statistic
            out["roc_auc"] = float(u) / (len(pos) * len(neg))
    if is_regression:
        errors = [p - l for p, l, _ in pairs]
        out["mae"] = float(np.mean(np.abs(errors)))
        out["rmse"] = float(np.sqrt(np.mean(np.square(errors))))
    return out


def expected_model(name, reference, current_events, labels, label_ttl):
    preds = [e for e in current_events if "prediction" in e]
    ref_preds = reference
    names = sorted({k for e in ref_preds + preds for k in e.get("features", {})})
    features = []
    for f in names:
        d = drift(nonnull(ref_preds, f), nonnull(preds, f), len(preds))
        d["name"] = f
        features.append(d)
    uses_score = any("score" in e for e in ref_preds)
    key = "score" if uses_score else "prediction"
    pd = drift([e[key] for e in ref_preds if key in e], [e[key] for e in preds if key in e], len(preds))
    pd["name"] = key
    # Joins: inline labels, then label events by id within the TTL (event time).
    pending = {e["id"]: e for e in preds if "label" not in e and "id" in e}
    pairs = [(e["prediction"], e["label"], e.get("score")) for e in preds if "label" in e]
    unmatched = 0
    for lab in labels:
        p = pending.pop(lab["id"], None)
        if p is None or lab["ts"] - p["ts"] > label_ttl:
            unmatched += 1
            continue
        pairs.append((p["prediction"], lab["label"], p.get("score")))
    ref_pairs = [(e["prediction"], e["label"], e.get("score")) for e in ref_preds if "label" in e]
    out = {"model": name, "predictions": len(preds), "features": features, "prediction_drift": pd,
           "unmatched_labels": unmatched, "expired_predictions": len(pending)}
    out.update(outcomes(pairs))
    out["reference_accuracy"] = outcomes(ref_pairs)["accuracy"] if ref_pairs else None
    lat = [e["latency_ms"] for e in preds if "latency_ms" in e]
    if lat:
        out["latency_ms"] = {q: float(np.quantile(lat, v, method="inverted_cdf"))
                             for q, v in [("p50", 0.5), ("p95", 0.95), ("p99", 0.99)]}
    return out


def report_fixture():
    ref, cur = report_inputs()
    reference_size = 60
    lines = [json.dumps(e) for e in cur]
    bad = ["{not json", '{"model":"fraud","prediction":NaN}', "[1,2,3]", '{"prediction":1}',
           '{"model":"fraud","score":"high","prediction":1}']
    for i, b in enumerate(bad):
        lines.insert(50 + i * 97, b)
    lines.insert(10, "")
    models = []
    for name in ["churn", "fraud", "price"]:
        events = [e for e in cur if e["model"] == name]
        preds = [e for e in events if "prediction" in e]
        labels = [e for e in events if "prediction" not in e and "label" in e]
        reference = [e for e in ref if e["model"] == name] or preds[:reference_size]
        models.append(expected_model(name, reference, events, labels, 3600))
    expected = {"reference_size": reference_size,
                "ingest": {"lines": len(lines), "events": len(cur), "malformed": len(bad), "blank": 1},
                "models": models}
    return ref, lines, expected


def write_lines(path, lines):
    with open(path, "w") as f:
        for line in lines:
            f.write(line + "\n")
    print("wrote", os.path.relpath(path, ROOT))


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


def main():
    write_json(os.path.join(ROOT, "Tests/ModelTopCoreTests/Fixtures/statistics.json"), statistics_fixture())
    ref, lines, expected = report_fixture()
    folder = os.path.join(ROOT, "Tests/ModelTopReportTests/Fixtures/report")
    os.makedirs(folder, exist_ok=True)
    write_lines(os.path.join(folder, "reference.jsonl"), [json.dumps(e) for e in ref])
    write_lines(os.path.join(folder, "current.jsonl"), lines)
    write_json(os.path.join(folder, "expected.json"), expected)


if __name__ == "__main__":
    sys.exit(main())
