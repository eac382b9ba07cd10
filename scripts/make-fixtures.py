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

# scikit-learn (macro averages) is imported where used; `make fixtures` installs numpy, scipy
# and scikit-learn in a virtual environment (.venv-fixtures).

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
    case = {"name": name, "a": a, "b": b, "statistic": float(r.statistic), "pvalue": float(r.pvalue),
            "method": method}
    asymp = stats.ks_2samp(sa, sb, method="asymp") if method == "exact" else None
    if asymp is not None and math.isfinite(asymp.pvalue):  # NaN for 1 against 1 value
        # What live reports compute when the exact p-value would cost too much.
        case["asymp"] = {"statistic": float(asymp.statistic), "pvalue": float(asymp.pvalue)}
    return case


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

    # Version against version: two proportions (the pooled z-test is the 2x2 chi-square test
    # without correction: z^2 = chi2, same p), Welch's t, and the functions under them.
    proportions = []
    for k1, n1, k2, n2 in [(880, 1000, 840, 1000), (45, 50, 40, 50), (9000, 10000, 8950, 10000), (3, 10, 7, 12),
                           (500, 1000, 500, 1000), (99, 100, 60, 100)]:
        p1, p2 = k1 / n1, k2 / n2
        res = stats.chi2_contingency(np.array([[k1, n1 - k1], [k2, n2 - k2]]), correction=False)
        half = float(stats.norm.ppf(0.975)) * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        proportions.append({"baseline": [k1, n1], "candidate": [k2, n2], "difference": p2 - p1,
                            "low": p2 - p1 - half, "high": p2 - p1 + half,
                            "z": math.copysign(math.sqrt(float(res.statistic)), p2 - p1), "pvalue": float(res.pvalue)})
    welch = []
    for base, cand in [({"seed": 51, "n": 400, "scale": 2}, {"seed": 52, "n": 300, "scale": 2, "shift": 0.1}),
                       ({"seed": 53, "n": 30, "power": 2}, {"seed": 54, "n": 12, "scale": 3}),
                       ({"seed": 55, "n": 5000}, {"seed": 56, "n": 5000, "shift": 0.002}),
                       ([1.0, 2.0, 3.0], [2.0, 4.0, 9.0, 1.0])]:
        a, b = np.asarray(sample(cand)), np.asarray(sample(base))
        res = stats.ttest_ind(a, b, equal_var=False)
        ci = res.confidence_interval(0.95)
        welch.append({"baseline": base, "candidate": cand, "difference": float(a.mean() - b.mean()),
                      "t": float(res.statistic), "df": float(res.df), "pvalue": float(res.pvalue),
                      "low": float(ci.low), "high": float(ci.high)})
    from scipy import special
    betainc = [{"a": a, "b": b, "x": x, "value": float(special.betainc(a, b, x))}
               for a, b, x in [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 0.5, 0.9), (150, 0.5, 0.99), (0.5, 200, 0.001),
                               (5000, 0.5, 0.9995), (1, 1, 0.25)]]
    t_sf = [{"t": t, "df": df, "sf": float(stats.t.sf(t, df))}
            for t, df in [(0.5, 3), (2.0, 10), (-1.5, 7.5), (4.0, 100.3), (12.0, 40), (1.96, 1e6), (0.0, 5)]]

    return {"ks": ks, "psi": psi, "categorical": categorical, "quantiles": quantiles, "chi2_sf": chi2_sf,
            "kstwo": kstwo, "proportions": proportions, "welch": welch, "betainc": betainc, "t_sf": t_sf}


# ---------------------------------------------------------------------------------------------
# Report fixture: NDJSON inputs and the values `modeltop report` must print for them.

REPORT_TS = 1795700000


def report_inputs():
    """Reference and current events for three models that cover the edge cases (a fourth,
    `tickets`, comes from tickets_events)."""
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
    return [e["features"][name] for e in events if e.get("features", {}).get(name) is not None]


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def kind_of(values):
    return "numeric" if all(is_number(v) for v in values) else "categorical"


def category_key(v):
    return ("b", v) if isinstance(v, bool) else ("n", v) if is_number(v) else ("s", v)  # ints exactly; 1 == 1.0


OTHER = ("s", "(other)")


def cap_reference(counts, cap):
    """The reference's categories capped as modeltop caps them: the `cap` most frequent kept
    (the fixtures make the cut unambiguous), the rest counted together as (other)."""
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ordered) <= cap:
        return dict(counts), None
    assert ordered[cap - 1][1] > ordered[cap][1], "the fixture must make the category cap unambiguous"
    kept = dict(ordered[:cap])
    kept[OTHER] = sum(n for _, n in ordered[cap:])
    return kept, set(k for k, _ in ordered[:cap])


def drift(ref_values, cur_values, predictions, cap=1000):
    kind = kind_of(ref_values) if ref_values else kind_of(cur_values)
    numbers = [v for v in cur_values if is_number(v)] if kind == "numeric" else cur_values
    out = {"kind": kind, "reference_count": len(ref_values), "current_count": len(numbers),
           "missing_rate": (predictions - len(cur_values)) / predictions if predictions else None}
    if kind == "numeric":
        out["mismatched"] = len(cur_values) - len(numbers)
        if ref_values and numbers:
            _, out["psi"], _, _ = psi_numeric([float(v) for v in ref_values], [float(v) for v in numbers])
            r = stats.ks_2samp(ref_values, numbers)
            out["ks"] = {"statistic": float(r.statistic), "pvalue": float(r.pvalue)}
        else:
            out["psi"], out["ks"] = None, None
    else:
        rc, cc = {}, {}
        for v in ref_values:
            rc[category_key(v)] = rc.get(category_key(v), 0) + 1
        for v in cur_values:
            cc[category_key(v)] = cc.get(category_key(v), 0) + 1
        rc, kept = cap_reference(rc, cap)
        if kept is not None:  # the current side capped alike
            mapped = {}
            for k, n in cc.items():
                key = k if k in kept else OTHER
                mapped[key] = mapped.get(key, 0) + n
            cc = mapped
        out["capped"] = kept is not None
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
    if is_number(v) and v in (0, 1):
        return v == 1
    return None


def task_of(values, override=None):
    """The documented rule: any string -> multiclass; else any number other than 0/1 ->
    regression; else binary."""
    if override:
        return override
    values = [v for v in values if v is not None]
    if any(isinstance(v, str) for v in values):
        return "multiclass"
    if any(is_number(v) and v not in (0, 1) for v in values):
        return "regression"
    return "binary" if values else None


def outcomes(pairs, task):
    """pairs: (prediction, label, score) of joined predictions, reported for `task`."""
    out = {"labels_joined": len(pairs)}
    for key in ["accuracy", "precision", "recall", "f1", "roc_auc", "macro_precision", "macro_recall", "macro_f1",
                "mae", "rmse"]:
        out[key] = None
    if not pairs:
        return out
    if task in ("binary", "multiclass"):
        out["accuracy"] = sum(1 for p, l, _ in pairs if p == l) / len(pairs)   # True == 1, 1 == 1.0
    if task == "binary":
        bins = [(binary(p), binary(l), s) for p, l, s in pairs if binary(p) is not None and binary(l) is not None]
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
    if task == "multiclass":
        from sklearn.metrics import precision_recall_fscore_support
        truth = [l for _, l, _ in pairs]
        predicted = [p for p, _, _ in pairs]
        labels = sorted(set(truth) | set(predicted), key=str)
        p, r, f, _ = precision_recall_fscore_support(truth, predicted, labels=labels, average="macro", zero_division=0)
        out["macro_precision"], out["macro_recall"], out["macro_f1"] = float(p), float(r), float(f)
    if task == "regression":
        errors = [p - l for p, l, _ in pairs if is_number(p) and is_number(l)]
        if errors:
            out["mae"] = float(np.mean(np.abs(errors)))
            out["rmse"] = float(np.sqrt(np.mean(np.square(errors))))
    return out


def seconds(ts):
    """modeltop's unit detection for numeric timestamps."""
    if ts > 1e17:
        return ts / 1e9
    if ts > 1e14:
        return ts / 1e6
    if ts > 1e11:
        return ts / 1e3
    return ts


def joins(events, reference_size, ttl):
    """Replays the label join of one model as modeltop does: events in file order, each with
    the fleet clock at that point (`clock`). A prediction waits for its label while the label
    comes within `ttl` of event time of the clock, and the other way round; what is left past
    the TTL at the final clock is expired (predictions) or unmatched (labels), the rest pending.
    Returns pairs (current window), reference pairs, and the counts."""
    pending_p, pending_l = {}, {}     # id -> (time, value, score, is_reference) / (time, value)
    pairs, ref_pairs = [], []
    expired = unmatched = 0
    n_predictions = 0

    def expire(now):
        nonlocal expired, unmatched
        for k in [k for k, v in pending_p.items() if v[0] < now - ttl]:
            del pending_p[k]
            expired += 1
        for k in [k for k, v in pending_l.items() if v[0] < now - ttl]:
            del pending_l[k]
            unmatched += 1

    def record(pred, label, score, is_reference):
        (ref_pairs if is_reference else pairs).append((pred, label, score))

    final_clock = None
    for e, t, clock in events:
        final_clock = clock
        if "prediction" in e:
            n_predictions += 1
            is_reference = n_predictions <= reference_size
            if "label" in e:
                record(e["prediction"], e["label"], e.get("score"), is_reference)
            elif "id" in e:
                expire(clock)
                key = category_key(e["id"])
                if key in pending_l:
                    _, label = pending_l.pop(key)
                    record(e["prediction"], label, e.get("score"), is_reference)
                else:
                    if key in pending_p:
                        expired += 1
                    pending_p[key] = (t, e["prediction"], e.get("score"), is_reference)
        elif "label" in e and "id" in e:
            expire(clock)
            key = category_key(e["id"])
            if key in pending_p:
                _, pred, score, is_reference = pending_p.pop(key)
                record(pred, e["label"], score, is_reference)
            else:
                if key in pending_l:
                    unmatched += 1
                pending_l[key] = (t, e["label"])
    return pairs, ref_pairs, {"expired": expired, "unmatched": unmatched, "final_clock": final_clock,
                              "pending": (pending_p, pending_l)}


def expected_model(name, reference_file, timed, label_ttl, reference_size, final_clock, task_override=None):
    """`timed`: this model's (event, time, clock) in file order."""
    events = [e for e, _, _ in timed]
    preds = [e for e in events if "prediction" in e]
    stream_reference = not reference_file
    ref_preds = reference_file or preds[:reference_size]
    current = preds[reference_size:] if stream_reference else preds
    names = sorted({k for e in ref_preds + current for k in e.get("features", {})})
    features = []
    for f in names:
        d = drift(nonnull(ref_preds, f), nonnull(current, f), len(current))
        d["name"] = f
        features.append(d)
    uses_score = any("score" in e for e in ref_preds)
    key = "score" if uses_score else "prediction"
    pd = drift([e[key] for e in ref_preds if key in e], [e[key] for e in current if key in e], len(current))
    pd["name"] = key
    pairs, stream_ref_pairs, counts = joins(timed, reference_size if stream_reference else 0, label_ttl)
    # At the end, joins past the TTL at the final clock are evicted; the rest stay pending.
    pending_p, pending_l = counts["pending"]
    expired = counts["expired"] + sum(1 for v in pending_p.values() if v[0] < final_clock - label_ttl)
    unmatched = counts["unmatched"] + sum(1 for v in pending_l.values() if v[0] < final_clock - label_ttl)
    values = [e.get("prediction") for e in events if "prediction" in e] + [e.get("label") for e in events if "label" in e]
    values += [e.get("prediction") for e in (reference_file or [])] + [e.get("label") for e in (reference_file or [])]
    task = task_of(values, task_override)
    ref_pairs = stream_ref_pairs if stream_reference else [(e["prediction"], e["label"], e.get("score"))
                                                           for e in reference_file if "label" in e]
    out = {"model": name, "task": task, "predictions": len(preds), "compared_predictions": len(current),
           "features": features, "prediction_drift": pd,
           "unmatched_labels": unmatched, "expired_predictions": expired,
           "pending_predictions": len(pending_p) - (expired - counts["expired"]),
           "pending_labels": len(pending_l) - (unmatched - counts["unmatched"])}
    out.update(outcomes(pairs, task))
    out["reference_accuracy"] = outcomes(ref_pairs, task)["accuracy"] if ref_pairs else None
    lat = [e["latency_ms"] for e in preds if "latency_ms" in e]
    if lat:
        out["latency_ms"] = {q: float(np.quantile(lat, v, method="inverted_cdf"))
                             for q, v in [("p50", 0.5), ("p95", 0.95), ("p99", 0.99)]}
    return out


def tickets_events(rnd):
    """A realistic multiclass model: integer classes (declared multiclass in the config),
    snowflake ids above 2^53 with delayed and lost labels, millisecond timestamps (some lines
    without one), a numeric feature with stray strings, 1,200 user categories (capped at 1,000),
    a heavy-tailed feature with ties, and samples on both sides of the exact/asymptotic KS
    switch (10,000 reference values)."""
    # 1,000 users 9 or 10 times, 200 users twice: the 1,000 kept are unambiguous.
    users_ref = [f"u{i}" for i in range(1000) for _ in range(10 if i < 600 else 9)]
    users_ref += [f"u{i}" for i in range(1000, 1200) for _ in range(2)]
    rnd.shuffle(users_ref)
    ref = []
    for i in range(10000):
        cls = int(rnd.choice([1, 2, 3], p=[0.5, 0.3, 0.2]))
        ref.append({"model": "tickets", "id": 1795046400123456000 + i, "prediction": cls,
                    "label": cls if rnd.random() < 0.8 else int(rnd.choice([1, 2, 3])),
                    "features": {"user": users_ref[i], "amount": round(float(rnd.gamma(2, 30)), 1),
                                 "size": float(np.round(rnd.pareto(1.5) * 10, 0)),
                                 "late": round(float(rnd.normal()), 6)}})
    events = []
    start_ms = (REPORT_TS + 6000) * 1000
    for i in range(10500):
        t = start_ms + i * 700
        cls = int(rnd.choice([1, 2, 3], p=[0.4, 0.35, 0.25]))
        user = f"u{int(rnd.integers(0, 1300))}"       # 100 users the reference never had
        amount = "n/a" if rnd.random() < 0.02 else round(float(rnd.gamma(2, 33)), 1)
        features = {"user": user, "amount": amount, "size": float(np.round(rnd.pareto(1.4) * 10, 0))}
        if i < 9000:
            features["late"] = round(float(rnd.normal(0.02)), 6)
        ident = 1795046400123456000 + 10000 + i
        event = {"model": "tickets", "ts": t, "id": ident, "prediction": cls, "features": features}
        if i % 500 == 250:
            del event["ts"]                             # takes the source's last event time
        events.append((t, event))
        if rnd.random() < 0.9:                          # 10% of labels never come
            label = cls if rnd.random() < 0.75 else int(rnd.choice([1, 2, 3]))
            delay = int(rnd.integers(60, 1200)) * 1000
            events.append((t + delay, {"model": "tickets", "ts": t + delay, "id": ident, "label": label}))
    events.sort(key=lambda x: x[0])
    return ref, [e for _, e in events]


def report_fixture():
    ref, cur = report_inputs()
    rnd = np.random.default_rng(20261127)
    tickets_ref, tickets_cur = tickets_events(rnd)
    ref += tickets_ref
    cur += tickets_cur
    reference_size = 60
    lines = [json.dumps(e) for e in cur]
    bad = ["{not json", '{"model":"fraud","prediction":NaN}', "[1,2,3]", '{"prediction":1}',
           '{"model":"fraud","score":"high","prediction":1}']
    for i, b in enumerate(bad):
        lines.insert(50 + i * 97, b)
    lines.insert(10, "")
    # The event time and the fleet clock of every event, in file order (a line without `ts`
    # takes the source's last one).
    timed, clock, last = [], None, None
    for e in cur:
        t = seconds(e["ts"]) if "ts" in e else last
        last = t
        clock = t if clock is None else max(clock, t)
        timed.append((e, t, clock))
    models = []
    for name in ["churn", "fraud", "price", "tickets"]:
        mine = [x for x in timed if x[0]["model"] == name]
        reference = [e for e in ref if e["model"] == name]
        models.append(expected_model(name, reference, mine, 3600, reference_size, clock,
                                     task_override="multiclass" if name == "tickets" else None))
    expected = {"reference_size": reference_size, "tasks": {"tickets": "multiclass"},
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


# ---------------------------------------------------------------------------------------------
# CBPE fixture: NannyML's confidence-based performance estimation on binary data (chunks of
# 500), with its calibration choice; and scikit-learn's isotonic regression.

def cbpe_fixture():
    import warnings
    warnings.filterwarnings("ignore")
    import pandas as pd
    os.environ["NML_DISABLE_USAGE_LOGGING"] = "1"  # no telemetry from the fixture run
    import nannyml as nml
    from sklearn.isotonic import IsotonicRegression as SkIsotonic
    rng = np.random.default_rng(11)

    def rows(n, shift, power):
        x = rng.normal(shift, 1, n)
        p = 1 / (1 + np.exp(-1.5 * x))
        y = (rng.random(n) < p).astype(int)
        score = np.round(np.clip(p ** power, 0, 1), 4)
        return pd.DataFrame({"y_pred_proba": score, "y_pred": (score >= 0.5).astype(int), "y_true": y})

    cases = []
    for name, power in (("miscalibrated scores", 1.8), ("calibrated scores", 1.0)):
        ref, ana = rows(3000, 0.0, power), rows(3000, 0.6, power)
        metrics = ["accuracy", "precision", "recall", "f1", "specificity", "roc_auc"]
        est = nml.CBPE(y_pred_proba="y_pred_proba", y_pred="y_pred", y_true="y_true", metrics=metrics,
                       chunk_size=500, problem_type="classification_binary")
        est.fit(ref)
        out = est.estimate(ana).filter(period="analysis").to_df()
        cases.append({
            "name": name, "chunk": 500, "nannyml_calibrated": bool(est.needs_calibration),
            "reference": {"score": ref.y_pred_proba.tolist(), "prediction": ref.y_pred.tolist(), "label": ref.y_true.tolist()},
            "analysis": {"score": ana.y_pred_proba.tolist(), "prediction": ana.y_pred.tolist(), "label": ana.y_true.tolist()},
            "estimated": {m: [float(v) for v in out[(m, "value")]] for m in metrics},
            "realized_accuracy": [float((ana.y_pred[i:i + 500] == ana.y_true[i:i + 500]).mean()) for i in range(0, 3000, 500)],
        })
    isotonic = []
    for name, x, y, w in [("ties and violators", [0.1, 0.2, 0.2, 0.3, 0.5, 0.5, 0.7, 0.9], [0, 1, 0, 0, 1, 0, 1, 1], None),
                          ("weighted", [0.05, 0.3, 0.35, 0.6, 0.8], [1, 0, 1, 0, 1], [1, 3, 1, 2, 5]),
                          ("already increasing", [1, 2, 3, 4], [0.1, 0.2, 0.5, 0.9], None)]:
        model = SkIsotonic(out_of_bounds="clip").fit(x, y, sample_weight=w)
        queries = [-1, 0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.65, 0.75, 1, 2.5, 3.5, 9]
        isotonic.append({"name": name, "x": x, "y": y, "weights": w, "queries": queries,
                         "predictions": [float(v) for v in model.predict(queries)]})
    return {"cbpe": cases, "isotonic": isotonic}


def main():
    write_json(os.path.join(ROOT, "Tests/ModelTopCoreTests/Fixtures/statistics.json"), statistics_fixture())
    write_json(os.path.join(ROOT, "Tests/ModelTopCoreTests/Fixtures/cbpe.json"), cbpe_fixture())
    ref, lines, expected = report_fixture()
    folder = os.path.join(ROOT, "Tests/ModelTopReportTests/Fixtures/report")
    os.makedirs(folder, exist_ok=True)
    write_lines(os.path.join(folder, "reference.jsonl"), [json.dumps(e) for e in ref])
    write_lines(os.path.join(folder, "current.jsonl"), lines)
    write_json(os.path.join(folder, "expected.json"), expected)


if __name__ == "__main__":
    sys.exit(main())
