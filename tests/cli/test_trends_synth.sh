#!/bin/bash
# test_trends_synth.sh: rhetor trends on a synthetic corpus whose counts and adoption curves are known.
. "$(dirname "$0")/lib.sh"

DICT="$SRC/datasets/phrases/diplomatic.csv"
[ -f "$DICT" ] || { echo "skipped: no $DICT"; exit 77; }
[ -x "$PY" ] || { echo "skipped: no $PY"; exit 77; }

# 8 countries, one speech a year 1990-2024; metadata.csv records, for each
# speech, the matches a correct count finds per concept (the planted truth),
# and curves.csv the logistic curve each count was drawn from.
expect_status 0 "$RHETOR" synth -o syn --countries 8 --seed 7 -q
expect_status 0 "$RHETOR" trends syn/texts --meta syn/metadata.csv --phrases "$DICT" \
	--time year --by country -o out -q

"$PY" - syn out <<'PYEOF' && ok || fail "trends against the planted truth"
import csv, math, os, sys
SYN, OUT = sys.argv[1:3]
read = lambda p: list(csv.DictReader(open(p, encoding="utf-8")))
meta = read(os.path.join(SYN, "metadata.csv"))
curves = read(os.path.join(SYN, "curves.csv"))
trends = read(os.path.join(OUT, "trends.csv"))
concepts = list(dict.fromkeys(r["concept"] for r in trends))
assert concepts and all(c in meta[0] for c in concepts), "concept columns missing from the synth metadata"

# 1. Every count of trends.csv is the sum of the planted counts of the
# country's speeches in that year (zeros included).
truth = {}
for m in meta:
    for c in concepts:
        key = (m["country"], m["year"], c)
        truth[key] = truth.get(key, 0) + int(m[c])
got = {(r["group"], r["period"], r["concept"]): int(r["count"]) for r in trends}
assert got == truth, "trends.csv counts differ from the planted counts: %s" % [
    (k, got.get(k), truth.get(k)) for k in set(got) | set(truth) if got.get(k) != truth.get(k)][:5]

# 2. adoption.csv: the first year with a planted count > 0, the first such
# speech in doc_id order within it, and the planted total; NA when never.
first = {}
for m in sorted(meta, key=lambda m: (int(m["year"]), m["doc_id"])):
    for c in concepts:
        key = (m["country"], c)
        first.setdefault(key, None)
        if int(m[c]) > 0 and first[key] is None:
            first[key] = (m["year"], m["doc_id"])
totals = {}
for m in meta:
    for c in concepts:
        totals[(m["country"], c)] = totals.get((m["country"], c), 0) + int(m[c])
adoption = read(os.path.join(OUT, "adoption.csv"))
assert len(adoption) == len(first), (len(adoption), len(first))
for r in adoption:
    key = (r["group"], r["concept"])
    want = first[key]
    if want is None:
        assert r["first_period"] == "NA" and r["first_doc"] == "" and r["total_count"] == "0", r
    else:
        assert (r["first_period"], r["first_doc"]) == want, (r, want)
    assert int(r["total_count"]) == totals[key], (r, totals[key])

# 3. adoption_curve.csv: cumulative adopters by year equal the countries
# whose first planted use is in that year or earlier.
for r in read(os.path.join(OUT, "adoption_curve.csv")):
    n = sum(1 for (g, c), v in first.items() if c == r["concept"] and v and int(v[0]) <= int(r["period"]))
    assert int(r["cumulative_adopters"]) == n, (r, n)
    assert r["groups"] == "8", r

# 4. The trend of CHN for the concept planted with the steepest rise: among
# CHN's curves (rate(y) = saturation/(1 + exp(-slope*(y - midpoint)))) with
# at least 30 planted uses, the one whose true rate grows most from the
# first year to the middle year. Its fitted rate ratio per decade is above
# 1, interval included; and most of CHN's well-used rising concepts rise.
fit = {(r["group"], r["concept"]): r for r in read(os.path.join(OUT, "trend_fit.csv"))}
years = sorted({int(m["year"]) for m in meta})
rate = lambda c, y: float(c["saturation"]) / (1 + math.exp(-float(c["slope"]) * (y - float(c["midpoint"]))))
rising = [c for c in curves if c["country"] == "CHN" and float(c["slope"]) > 0
          and years[0] < float(c["midpoint"]) < years[-1]]
cand = [c for c in rising if totals[("CHN", c["concept"])] >= 30]
assert cand, "no well-used rising CHN curve inside the years"
mid = (years[0] + years[-1]) / 2
best = max(cand, key=lambda c: rate(c, mid) / rate(c, years[0]))
r = fit[("CHN", best["concept"])]
assert float(r["rate_ratio_per_decade"]) > 1 and float(r["ci_low"]) > 1, r
assert r["note"] == "", r
used = [c for c in rising if totals[("CHN", c["concept"])] >= 20]
up = [c for c in used if float(fit[("CHN", c["concept"])]["rate_ratio_per_decade"]) > 1]
assert len(up) >= 0.8 * len(used), (len(up), len(used))
print("CHN %s: rate ratio per decade %s (%s .. %s), planted %d uses; %d of %d well-used rising concepts > 1"
      % (best["concept"], r["rate_ratio_per_decade"], r["ci_low"], r["ci_high"],
         totals[("CHN", best["concept"])], len(up), len(used)))
PYEOF

# The charts of the two tables render from these tables (when gnuplot is here).
if command -v gnuplot >/dev/null; then
	expect_status 0 "$RHETOR" plot out --format png
	for f in trends adoption; do
		[ -s out/plots/$f.png ] && ok || fail "out/plots/$f.png not drawn"
	done
fi
finish
