#!/usr/bin/env python3
"""Writes modeltop's demo traffic: six hours of four models on three serving nodes, with
scripted incidents (see README "Demo"). Seeded: the same seed writes the same bytes.

    python3 demo-data/generate.py [--seed 2026] [--out demo-data]

No numpy: a splitmix64 generator and fixed decimal formatting keep the output identical on any
machine.
"""
import argparse
import math
import os

T0 = 1795132800            # 2026-11-20T00:00:00Z
HOURS = 6
NODES = ["eu-1", "eu-2", "us-2"]

# Incidents (seconds after T0), also listed in the README.
DRIFT_START, DRIFT_END = int(1.5 * 3600), int(3.5 * 3600)      # ranker: doc_age_days drifts up
MALFORMED_AT = int(2.25 * 3600)                                  # eu-1: a burst of bad lines
VERSION_CHANGE = 3 * 3600                                        # churn: v2, plan mix shifts
SPIKE_START, SPIKE_END = int(3.5 * 3600), 4 * 3600               # us-2: latency spike
COVARIATE_START, COVARIATE_END = int(0.75 * 3600), int(1.25 * 3600)  # fraud: amounts move where the model is unsure
CONCEPT_DRIFT = int(4.5 * 3600)                                  # fraud: accuracy drops
SILENT_FROM = 5 * 3600                                           # eu-2 goes silent


class Random:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) / 9007199254740992.0

    def normal(self):
        u = max(self.uniform(), 1e-12)
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * self.uniform())

    def lognormal(self, mu, sigma):
        return math.exp(mu + sigma * self.normal())

    def poisson(self, lam):
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.uniform()
            if p <= limit:
                return k
            k += 1

    def choice(self, items, weights=None):
        if weights is None:
            return items[self.next() % len(items)]
        x = self.uniform() * sum(weights)
        for item, w in zip(items, weights):
            x -= w
            if x < 0:
                return item
        return items[-1]

    def exponential(self, mean):
        return -mean * math.log(max(self.uniform(), 1e-12))


def num(x, digits=2):
    """Fixed decimals without trailing zeros: deterministic text for a float."""
    text = ("%." + str(digits) + "f") % x
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def stamp(t):
    """RFC 3339 with milliseconds, UTC."""
    whole = int(t)
    millis = int(round((t - whole) * 1000))
    if millis == 1000:
        whole, millis = whole + 1, 0
    days, rest = divmod(whole, 86400)
    # days since 1970-01-01 to a civil date (Howard Hinnant's algorithm)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    y = yoe + era * 400 + (1 if m <= 2 else 0)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (y, m, d, rest // 3600, rest // 60 % 60, rest % 60, millis)


def obj(pairs):
    """A JSON object from (key, already-encoded value) pairs, in order."""
    return "{" + ",".join('"%s":%s' % (k, v) for k, v in pairs) + "}"


def s(text):
    return '"%s"' % text


# --- the four models: features, prediction and label for one request --------------------------

def fraud(r, t, reference=False):
    # Covariate shift: amounts crowd around 80, where the risk is near 0 and the (calibrated)
    # scores near 0.5: accuracy falls, and the scores say so before any label arrives.
    shifted = not reference and COVARIATE_START <= t < COVARIATE_END
    amount = r.lognormal(4.35, 0.15) if shifted else r.lognormal(3.6, 1.0)
    items = 1 + r.poisson(1.2)
    country = r.choice(["DE", "FR", "GB", "US", "ES"], [30, 20, 15, 25, 10])
    device = r.choice(["ios", "android", "web"], [35, 40, 25])
    age = None if r.uniform() < 0.05 else int(r.exponential(400))
    risk = 0.9 * math.log(amount) - 4.4 + (0.8 if device == "web" else 0) + (0.6 if age is not None and age < 30 else 0) \
        + (0.5 if country == "US" else 0) + 0.35 * r.normal()
    score = 1 / (1 + math.exp(-3 * risk))
    truth = r.uniform() < score
    if not reference and t >= CONCEPT_DRIFT:
        # Concept drift: fraudsters moved to small amounts on android; the inputs look the same.
        truth = r.uniform() < (0.7 if device == "android" and amount < 40 else score * 0.5)
    features = [("amount", num(amount)), ("items", str(items)), ("country", s(country)), ("device", s(device)),
                ("account_age_days", "null" if age is None else str(age))]
    return features, str(int(score > 0.5)), num(score, 3), str(int(truth))


def churn(r, t, reference=False):
    v2 = not reference and t >= VERSION_CHANGE
    plan = r.choice(["basic", "pro", "enterprise"], [35, 20, 45] if v2 else [60, 30, 10])
    tenure = int(r.exponential(20)) + 1
    spend = r.lognormal(3.4 if plan == "basic" else 4.2 if plan == "pro" else 5.3, 0.5)
    tickets = r.poisson(1.5 if tenure < 6 else 0.6)
    region = r.choice(["emea", "amer", "apac"], [45, 40, 15])
    risk = 1.2 - 0.09 * tenure + 0.45 * tickets - (0.7 if plan == "enterprise" else 0) + 0.5 * r.normal()
    p = 1 / (1 + math.exp(-risk))
    leave = p > 0.5
    truth = r.uniform() < (0.9 if leave else 0.08)
    features = [("tenure_months", str(tenure)), ("plan", s(plan)), ("monthly_spend", num(spend)),
                ("support_tickets", str(tickets)), ("region", s(region))]
    return features, s("leave" if leave else "stay"), None, s("leave" if truth else "stay"), "v2" if v2 else "v1"


def price(r, t, reference=False):
    sqft = r.lognormal(6.9, 0.35)
    bedrooms = max(1, min(6, int(round(sqft / 450 + r.normal() * 0.7))))
    city = r.choice(["berlin", "munich", "hamburg", "cologne"], [40, 25, 20, 15])
    year = int(1900 + r.uniform() * 124)
    lot = None if r.uniform() < 0.1 else r.lognormal(6.5, 0.6)
    base = {"berlin": 5200, "munich": 8100, "hamburg": 5600, "cologne": 4300}[city]
    predicted = sqft * 0.0929 * base * (1.1 if year > 2000 else 1.0)
    actual = predicted * (1 + 0.08 * r.normal())
    features = [("sqft", num(sqft, 0)), ("bedrooms", str(bedrooms)), ("city", s(city)), ("year_built", str(year)),
                ("lot_sqm", "null" if lot is None else num(lot, 0))]
    return features, num(predicted, 0), None, num(actual, 0)


def ranker(r, t, reference=False):
    ramp = 0.0
    if not reference and t >= DRIFT_START:
        ramp = min(1.0, (t - DRIFT_START) / (DRIFT_END - DRIFT_START))
    query_length = 1 + r.poisson(2.5)
    doc_age = r.lognormal(3.0 + 1.1 * ramp, 0.9)     # gradual drift: older documents
    language = r.choice(["en", "de", "fr", "es"], [55, 20, 15, 10])
    position = 1 + int(r.exponential(4))
    score = 1 / (1 + math.exp(-(1.5 - 0.12 * position - 0.15 * math.log(doc_age) + 0.3 * r.normal())))
    features = [("query_length", str(query_length)), ("doc_age_days", num(doc_age)), ("language", s(language)),
                ("position", str(position))]
    return features, num(score, 3), None, None


MODELS = [  # name, predictions per second, latency mean (ms), label delay (s) or None
    ("fraud", 0.6, 18.0, (120, 480)),
    ("churn", 0.35, 9.0, (600, 1200)),
    ("price", 0.3, 35.0, (900, 3000)),
    ("ranker", 0.5, 6.0, None),
]


def prediction_line(name, r, t, node, version, request_id):
    result = {"fraud": fraud, "churn": churn, "price": price, "ranker": ranker}[name](r, t)
    features, prediction, score, label = result[:4]
    if name == "churn":
        version = result[4]
    latency = r.exponential(MODELS_BY_NAME[name][2]) + 2
    if node == "us-2" and SPIKE_START <= t < SPIKE_END:
        latency *= 9
    pairs = [("ts", s(stamp(T0 + t))), ("model", s(name)), ("version", s(version)), ("node", s(node)),
             ("id", s(request_id)), ("prediction", prediction)]
    if score is not None:
        pairs.append(("score", score))
    pairs += [("latency_ms", num(latency, 1)), ("features", obj(features))]
    return obj(pairs), label


MODELS_BY_NAME = {m[0]: m for m in MODELS}
VERSIONS = {"fraud": "2.3.1", "churn": "v1", "price": "2026.11", "ranker": "r42"}


def generate(seed, out):
    r = Random(seed)
    node_lines = {n: [] for n in NODES}
    labels = []
    counter = 0
    for name, rate, _, delay in MODELS:
        t = 0.0
        while True:
            t += r.exponential(1 / rate)
            if t >= HOURS * 3600:
                break
            nodes = NODES if t < SILENT_FROM else ["eu-1", "us-2"]
            node = nodes[r.next() % len(nodes)]
            counter += 1
            request_id = "%s-%06d" % (name[:2], counter)
            line, label = prediction_line(name, r, t, node, VERSIONS[name], request_id)
            node_lines[node].append((t, line))
            if label is not None and delay is not None and (name != "price" or r.uniform() < 0.5):
                lt = t + delay[0] + r.uniform() * (delay[1] - delay[0])
                if lt < HOURS * 3600:
                    labels.append((lt, obj([("ts", s(stamp(T0 + lt))), ("model", s(name)), ("id", s(request_id)),
                                            ("label", label)])))
    # Per-minute metrics from every node that is up.
    for minute in range(HOURS * 60):
        t = minute * 60 + 59.5
        for node in NODES:
            if node == "eu-2" and t >= SILENT_FROM:
                continue
            for name, _, latency, _ in MODELS:
                spike = node == "us-2" and SPIKE_START <= t < SPIKE_END
                value = latency * (9 if spike else 1) * (0.9 + 0.2 * r.uniform())
                errors = (0.04 + 0.02 * r.uniform()) if spike else 0.001 + 0.004 * r.uniform()
                node_lines[node].append((t, obj([("ts", s(stamp(T0 + t))), ("model", s(name)), ("node", s(node)),
                                                 ("metric", s("latency_ms")), ("value", num(value, 1))])))
                node_lines[node].append((t + 0.001, obj([("ts", s(stamp(T0 + t + 0.001))), ("model", s(name)),
                                                         ("node", s(node)), ("metric", s("error_rate")),
                                                         ("value", num(errors, 4))])))
    # A burst of malformed lines from eu-1 (a logger bug).
    bad = ['{"ts":"%s","model":"fraud","prediction":NaN}', '{"ts":"%s","model":"fraud","features":{"amount":12.5',
           '{"ts":"%s","prediction":1}', 'Traceback (most recent call last): %s', '{"ts":"%s","model":"fraud","score":"high","prediction":1}']
    for i in range(250):
        t = MALFORMED_AT + i * 0.4
        node_lines["eu-1"].append((t, bad[i % len(bad)] % stamp(T0 + t)))
    os.makedirs(out, exist_ok=True)
    for node, lines in node_lines.items():
        write(os.path.join(out, node + ".jsonl"), lines)
    write(os.path.join(out, "labels.jsonl"), labels)
    # References: a validation sample per model, with labels inline where the model has them.
    os.makedirs(os.path.join(out, "reference"), exist_ok=True)
    for name, _, _, delay in MODELS:
        rows = []
        for i in range(1500):
            result = {"fraud": fraud, "churn": churn, "price": price, "ranker": ranker}[name](r, 0.0, reference=True)
            features, prediction, score, label = result[:4]
            pairs = [("model", s(name)), ("prediction", prediction)]
            if score is not None:
                pairs.append(("score", score))
            if label is not None and delay is not None:
                pairs.append(("label", label))
            pairs.append(("features", obj(features)))
            rows.append((i, obj(pairs)))
        write(os.path.join(out, "reference", name + ".jsonl"), rows)


def write(path, timed_lines):
    timed_lines.sort(key=lambda x: x[0])
    with open(path, "w", newline="\n") as f:
        for _, line in timed_lines:
            f.write(line + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    generate(args.seed, args.out)


if __name__ == "__main__":
    main()
