#!/bin/bash
# test_trends.sh: rhetor trends on a three-group, four-year corpus worked out by hand.
. "$(dirname "$0")/lib.sh"

# Tokens (win-win is one token) and matches, by hand:
#   doc          group year tokens  ww hr sf
#   BRA_2002     BRA   2002   2      .  .  .
#   BRA_2003     BRA   2003   5      .  .  1
#   BRA_2004     BRA   2004   5      1  .  1
#   CHN_2001     CHN   2001   3      1  .  .
#   CHN_2002     CHN   2002   8      1  .  1
#   CHN_2003a    CHN   2003   7      2  .  1
#   CHN_2003b    CHN   2003   4      .  1  .
#   CHN_2004     CHN   2004   9      1  1  1
#   USA_d1       USA   2004   7      1  2  .
#   USA_d2       USA   2001   3      .  1  .
#   USA_d3       USA   2002   4      .  1  .
#   USA_d4       USA   2003   1      .  .  .
#   USA_undated  USA   (none) 2      .  1  .   <- no year: left out, one warning
# BRA has no speech in 2001. USA's doc_ids run against their years, so the
# first use is found by period first, then doc_id.
mkdir -p c
printf 'Development first.' > c/BRA_2002.txt
printf 'A shared future for all.' > c/BRA_2003.txt
printf 'Shared future and win-win cooperation.' > c/BRA_2004.txt
printf 'Win-win cooperation matters.' > c/CHN_2001.txt
printf 'We want win-win cooperation and a shared future.' > c/CHN_2002.txt
printf 'Win-win cooperation, win-win cooperation, a shared future.' > c/CHN_2003a.txt
printf 'Peace and human rights.' > c/CHN_2003b.txt
printf 'Win-win cooperation for a shared future and human rights.' > c/CHN_2004.txt
printf 'Human rights, human rights and win-win cooperation.' > c/USA_d1.txt
printf 'Human rights matter.' > c/USA_d2.txt
printf 'Human rights and freedom.' > c/USA_d3.txt
printf 'Freedom.' > c/USA_d4.txt
printf 'Human rights.' > c/USA_undated.txt
cat > meta.csv <<'CSV'
doc_id,country,year
BRA_2002,BRA,2002
BRA_2003,BRA,2003
BRA_2004,BRA,2004
CHN_2001,CHN,2001
CHN_2002,CHN,2002
CHN_2003a,CHN,2003
CHN_2003b,CHN,2003
CHN_2004,CHN,2004
USA_d1,USA,2004
USA_d2,USA,2001
USA_d3,USA,2002
USA_d4,USA,2003
USA_undated,USA,
CSV
printf 'concept,pattern\nww,win-win cooperation\nhr,human rights\nsf,shared future\n' > dict.csv

expect_status 0 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time year --by country -o out
expect_err "USA_undated: no value in the time column 'year'"
grep -q "^USA_undated: no value" out/warnings.txt && ok || fail "warnings.txt lacks the undated document"
for f in documents trends trend_fit adoption adoption_curve; do
	[ -s out/$f.csv ] && ok || fail "out/$f.csv missing"
done

# trends.csv without the rate columns: group, period, concept, count, docs,
# tokens, docs_total. Groups in byte order, years in order, concepts in
# dictionary order; BRA has no 2001 row; CHN 2003 sums its two speeches.
cat > want_trends.csv <<'CSV'
group,period,concept,count,docs,tokens,docs_total
BRA,2002,ww,0,0,2,1
BRA,2002,hr,0,0,2,1
BRA,2002,sf,0,0,2,1
BRA,2003,ww,0,0,5,1
BRA,2003,hr,0,0,5,1
BRA,2003,sf,1,1,5,1
BRA,2004,ww,1,1,5,1
BRA,2004,hr,0,0,5,1
BRA,2004,sf,1,1,5,1
CHN,2001,ww,1,1,3,1
CHN,2001,hr,0,0,3,1
CHN,2001,sf,0,0,3,1
CHN,2002,ww,1,1,8,1
CHN,2002,hr,0,0,8,1
CHN,2002,sf,1,1,8,1
CHN,2003,ww,2,1,11,2
CHN,2003,hr,1,1,11,2
CHN,2003,sf,1,1,11,2
CHN,2004,ww,1,1,9,1
CHN,2004,hr,1,1,9,1
CHN,2004,sf,1,1,9,1
USA,2001,ww,0,0,3,1
USA,2001,hr,1,1,3,1
USA,2001,sf,0,0,3,1
USA,2002,ww,0,0,4,1
USA,2002,hr,1,1,4,1
USA,2002,sf,0,0,4,1
USA,2003,ww,0,0,1,1
USA,2003,hr,0,0,1,1
USA,2003,sf,0,0,1,1
USA,2004,ww,1,1,7,1
USA,2004,hr,2,1,7,1
USA,2004,sf,0,0,7,1
CSV
head -1 out/trends.csv | grep -qx 'group,period,concept,count,docs,tokens,per_10k,ci_low,ci_high,docs_total' &&
	ok || fail "trends.csv header: $(head -1 out/trends.csv)"
cut -d, -f1-6,10 out/trends.csv > got_trends.csv
same_file got_trends.csv want_trends.csv

# Rates and exact Poisson 95% intervals (Garwood 1936), from the counts
# above with plain arithmetic: per_10k = 10000*k/tokens; the interval
# [lo, hi] for k solves P(X >= k | lo) = 0.025 and P(X <= k | hi) = 0.025,
# i.e. k = 0: [0, -ln 0.025]; k = 1: [-ln 0.975, y: e^-y (1+y) = 0.025];
# k = 2: [y: 1 - e^-y (1+y) = 0.025, y: e^-y (1+y+y^2/2) = 0.025]. Solved by
# bisection here (no statistics library). One cell by hand: CHN 2003 ww,
# k = 2 in 11 tokens: per_10k = 20000/11 = 1818.1818...; the Garwood bounds
# for 2 are 0.2422 and 7.2247 (Garwood's table), so 220.2 .. 6568 per 10k.
"$PY" - out/trends.csv <<'PYEOF' && ok || fail "trends.csv rates and intervals"
import csv, math, sys
def cdf(k, m):  # P(X <= k) for X ~ Poisson(m)
    return sum(math.exp(-m) * m ** i / math.factorial(i) for i in range(k + 1))
def solve(f, lo, hi):  # f increasing in m on [lo, hi], root by bisection
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
    return (lo + hi) / 2
def garwood(k):
    low = 0.0 if k == 0 else solve(lambda m: (1 - cdf(k - 1, m)) - 0.025, 0, 100)
    high = solve(lambda m: 0.025 - cdf(k, m), 0, 100)
    return low, high
assert abs(garwood(0)[1] + math.log(0.025)) < 1e-12
assert abs(garwood(1)[0] + math.log(0.975)) < 1e-12
lo2, hi2 = garwood(2)
assert abs(lo2 - 0.2422) < 1e-4 and abs(hi2 - 7.2247) < 1e-4, (lo2, hi2)
rows = list(csv.DictReader(open(sys.argv[1])))
cell = [r for r in rows if (r["group"], r["period"], r["concept"]) == ("CHN", "2003", "ww")][0]
assert abs(float(cell["per_10k"]) - 20000 / 11) < 1e-6, cell
assert abs(float(cell["ci_low"]) - 220.2) < 0.1 and abs(float(cell["ci_high"]) - 6568) < 1, cell
for r in rows:
    k, t = int(r["count"]), float(r["tokens"])
    lo, hi = garwood(k)
    for col, want in (("per_10k", 1e4 * k / t), ("ci_low", 1e4 * lo / t), ("ci_high", 1e4 * hi / t)):
        got = float(r[col])
        assert abs(got - want) <= 1e-8 * max(1, abs(want)), (r, col, want)
PYEOF

# adoption.csv: first period, then first doc_id in it. USA uses hr first in
# 2001 (USA_d2), though USA_d1 (2004) comes first by doc_id. CHN's first hr
# is CHN_2003b. Groups that never use a concept stay, with NA.
cat > want_adoption.csv <<'CSV'
group,concept,first_period,first_doc,total_count,docs_with,last_period
BRA,ww,2004,BRA_2004,1,1,2004
BRA,hr,NA,,0,0,NA
BRA,sf,2003,BRA_2003,2,2,2004
CHN,ww,2001,CHN_2001,5,4,2004
CHN,hr,2003,CHN_2003b,2,2,2004
CHN,sf,2002,CHN_2002,3,3,2004
USA,ww,2004,USA_d1,1,1,2004
USA,hr,2001,USA_d2,4,3,2004
USA,sf,NA,,0,0,NA
CSV
same_file out/adoption.csv want_adoption.csv

# adoption_curve.csv: groups with a speech by then: 2001 CHN, USA (2);
# from 2002 also BRA (3). First uses: ww CHN 2001, BRA and USA 2004;
# hr USA 2001, CHN 2003; sf CHN 2002, BRA 2003.
cat > want_curve.csv <<'CSV'
concept,period,adopters,cumulative_adopters,groups,share
ww,2001,1,1,2,0.5
ww,2002,0,1,3,0.3333333333
ww,2003,0,1,3,0.3333333333
ww,2004,2,3,3,1
hr,2001,1,1,2,0.5
hr,2002,0,1,3,0.3333333333
hr,2003,1,2,3,0.6666666667
hr,2004,0,2,3,0.6666666667
sf,2001,0,0,2,0
sf,2002,1,1,3,0.3333333333
sf,2003,1,2,3,0.6666666667
sf,2004,0,2,3,0.6666666667
CSV
same_file out/adoption_curve.csv want_curve.csv

# trend_fit.csv: rows without a fit carry NA and a note; BRA ww and USA ww
# are used only in the last year: the rate ratio is the limit Inf.
"$PY" - out/trend_fit.csv <<'PYEOF' && ok || fail "trend_fit.csv notes"
import csv, sys
rows = {(r["group"], r["concept"]): r for r in csv.DictReader(open(sys.argv[1]))}
assert list(rows) == [(g, c) for g in ("BRA", "CHN", "USA") for c in ("ww", "hr", "sf")], list(rows)
for key in (("BRA", "hr"), ("USA", "sf")):
    r = rows[key]
    assert r["rate_ratio_per_decade"] == "NA" and r["p_value"] == "NA" and r["total_count"] == "0", r
    assert r["note"].startswith("never used"), r
for key in (("BRA", "ww"), ("USA", "ww")):
    r = rows[key]
    assert r["rate_ratio_per_decade"] == "Inf" and r["ci_low"] == "NA" and r["p_value"] == "NA", r
    assert "only in the last period (2004)" in r["note"], r
for key in (("CHN", "ww"), ("CHN", "hr"), ("CHN", "sf"), ("USA", "hr"), ("BRA", "sf")):
    r = rows[key]
    assert r["note"] == "" and r["rate_ratio_per_decade"] not in ("NA", "Inf"), r
assert [rows[k]["n_periods"] for k in rows] == ["3"] * 3 + ["4"] * 6
PYEOF

# The fitted trends against an independent maximum-likelihood fit (scipy):
# the Poisson log-likelihood with offset log(tokens) maximised numerically,
# the standard error from the observed information written out by hand.
if "$PY" -c 'import scipy, numpy' 2>/dev/null; then
	"$PY" - out/trend_fit.csv <<'PYEOF' && ok || fail "trend_fit.csv against scipy"
import csv, math, sys
import numpy as np
from scipy.optimize import minimize
from scipy.stats import norm
series = {  # (year, count, tokens), from the table at the top
    ("CHN", "ww"): [(2001, 1, 3), (2002, 1, 8), (2003, 2, 11), (2004, 1, 9)],
    ("CHN", "hr"): [(2001, 0, 3), (2002, 0, 8), (2003, 1, 11), (2004, 1, 9)],
    ("CHN", "sf"): [(2001, 0, 3), (2002, 1, 8), (2003, 1, 11), (2004, 1, 9)],
    ("USA", "hr"): [(2001, 1, 3), (2002, 1, 4), (2003, 0, 1), (2004, 2, 7)],
    ("BRA", "sf"): [(2002, 0, 2), (2003, 1, 5), (2004, 1, 5)],
}
rows = {(r["group"], r["concept"]): r for r in csv.DictReader(open(sys.argv[1]))}
for key, s in series.items():
    x = np.array([v[0] for v in s], float) - 2000
    y = np.array([v[1] for v in s], float)
    off = np.log([v[2] for v in s])
    nll = lambda b: -(y * (b[0] + b[1] * x + off) - np.exp(b[0] + b[1] * x + off)).sum()
    grad = lambda b: -np.array([(y - np.exp(b[0] + b[1] * x + off)).sum(),
                                ((y - np.exp(b[0] + b[1] * x + off)) * x).sum()])
    b = minimize(nll, [-8.0, 0.0], jac=grad, method="BFGS", options={"gtol": 1e-12}).x
    mu = np.exp(b[0] + b[1] * x + off)
    info = np.array([[mu.sum(), (mu * x).sum()], [(mu * x).sum(), (mu * x * x).sum()]])
    se = math.sqrt(np.linalg.inv(info)[1, 1])
    z = norm.ppf(0.975)
    want = {"b1": b[1], "se_b1": se, "rate_ratio_per_decade": math.exp(10 * b[1]),
            "ci_low": math.exp(10 * (b[1] - z * se)), "ci_high": math.exp(10 * (b[1] + z * se)),
            "p_value": 2 * norm.sf(abs(b[1] / se)),
            "dispersion": ((y - mu) ** 2 / mu).sum() / (len(y) - 2)}
    r = rows[key]
    for col, w in want.items():
        got = float(r[col])
        assert abs(got - w) <= 1e-6 * max(1, abs(w)), (key, col, got, w)
print("5 series agree with scipy")
PYEOF
else
	echo "note: scipy not available, the maximum-likelihood comparison is skipped"
fi

# Without --by: one group "all"; counts are the column sums of the above.
expect_status 0 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time year -o all -q
cat > want_all.csv <<'CSV'
group,period,concept,count,docs,tokens,docs_total
all,2001,ww,1,1,6,2
all,2001,hr,1,1,6,2
all,2001,sf,0,0,6,2
all,2002,ww,1,1,14,3
all,2002,hr,1,1,14,3
all,2002,sf,1,1,14,3
all,2003,ww,2,1,17,4
all,2003,hr,1,1,17,4
all,2003,sf,2,2,17,4
all,2004,ww,3,3,21,3
all,2004,hr,3,2,21,3
all,2004,sf,2,2,21,3
CSV
cut -d, -f1-6,10 all/trends.csv > got_all.csv
same_file got_all.csv want_all.csv

# --period-width 2: 2001 -> 2000, 2002 and 2003 -> 2002, 2004 -> 2004.
expect_status 0 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time year --by country --period-width 2 -o w2 -q
grep '^CHN' w2/trends.csv | cut -d, -f1-6,10 > got_w2.csv
cat > want_w2.csv <<'CSV'
CHN,2000,ww,1,1,3,1
CHN,2000,hr,0,0,3,1
CHN,2000,sf,0,0,3,1
CHN,2002,ww,3,2,19,3
CHN,2002,hr,1,1,19,3
CHN,2002,sf,2,2,19,3
CHN,2004,ww,1,1,9,1
CHN,2004,hr,1,1,9,1
CHN,2004,sf,1,1,9,1
CSV
same_file got_w2.csv want_w2.csv

# A time that is not a number among years: that document is left out with a
# warning naming it; the rest is as before.
sed 's/^USA_d4,USA,2003$/USA_d4,USA,2OO3/' meta.csv > meta_typo.csv
expect_status 0 "$RHETOR" trends c --meta meta_typo.csv --phrases dict.csv --time year --by country -o typo
expect_err "USA_d4: time '2OO3' in column 'year' is not a number"
grep -v '^USA,2003,' out/trends.csv | cmp -s - typo/trends.csv && ok || fail "typo: only USA 2003 should go"

# Text periods: byte order, no fit, a note saying why.
printf 'doc_id,era\nCHN_2001,late\nCHN_2002,early\nUSA_d1,late\nUSA_d2,early\n' > meta_era.csv
expect_status 0 "$RHETOR" trends c --meta meta_era.csv --phrases dict.csv --time era -o era
expect_err "not numbers"
[ "$(cut -d, -f2 era/trends.csv | sed 1d | uniq | tr '\n' ' ')" = "early late " ] && ok || fail "text periods order"
sed 1d era/trend_fit.csv | grep -vc 'periods are not numbers' | grep -qx 0 && ok || fail "text periods: note on every fit row"

# Threads never change a byte.
expect_status 0 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time year --by country --threads 1 -o t1 -q
expect_status 0 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time year --by country --threads 3 -o t3 -q
for f in trends trend_fit adoption adoption_curve; do same_file t1/$f.csv t3/$f.csv; done

# Wrong usage: exit 2 with a reason.
expect_status 2 "$RHETOR" trends c --meta meta.csv --phrases dict.csv -o u1
expect_err "--time"
expect_status 2 "$RHETOR" trends c --meta meta.csv --time year -o u2
expect_err "--phrases"
expect_status 2 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time session -o u3
expect_err "--time session: no such metadata column"
expect_status 2 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time year --period-width 0 -o u4
expect_err "--period-width"
expect_status 0 "$RHETOR" trends --help
grep -q "adoption_curve.csv" out.txt && ok || fail "--help"
finish
