#!/usr/bin/python3
"""crosscheck.py: reference values from scipy and scikit-learn for test_stats.

Prints one case per line, "kind inputs... expected...", which test_stats.c
feeds to the library. Prints "skip" when scipy or scikit-learn is missing.
Each value comes from the other tools' own routines, never from rhetor.
"""
import sys

try:
    import numpy as np
    from scipy import optimize, stats
    from sklearn.feature_extraction.text import TfidfVectorizer
except ImportError:
    print("skip")
    sys.exit(0)


def out(kind, *values):
    print(kind, " ".join(repr(float(v)) for v in values))


# Upper tails of chi-square.
for x, df in [(0.5, 1), (3.841458820694124, 1), (14.0, 1), (40.0, 1), (2.0, 2), (7.5, 3), (100.0, 10), (1.004e6, 1e6), (0.997e6, 1e6)]:
    out("chisq_q", x, df, stats.chi2.sf(x, df))

# Exact Poisson intervals from chi-square quantiles (Garwood 1936).
for k in [0, 1, 2, 5, 10, 57, 1000, 123456, 300000, 999999, 4567890, 1e9, 1e12]:
    for level in [0.95, 0.9]:
        a = 1 - level
        lo = stats.chi2.ppf(a / 2, 2 * k) / 2 if k > 0 else 0.0
        hi = stats.chi2.ppf(1 - a / 2, 2 * k + 2) / 2
        out("poisson_ci", k, level, lo, hi)


def two_by_two(o11, o12, o21, o22):
    table = np.array([[o11, o12], [o21, o22]], dtype=float)
    g2, p, _, expected = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    x2, _, _, _ = stats.chi2_contingency(table, correction=False)
    sign = -1.0 if o11 < expected[0, 0] else 1.0
    return sign * g2, p, sign * x2


# Keyness: rows term / other tokens, columns target / reference.
for a, b, n1, n2 in [(20, 10, 1000, 2000), (10, 20, 2000, 1000), (5, 1, 1000, 1000),
                     (150, 90, 250000, 310000), (3, 47, 40000, 600000), (1200, 800, 2e6, 2.5e6)]:
    g2, p, x2 = two_by_two(a, b, n1 - a, n2 - b)
    out("keyness", a, b, n1, n2, g2, p, x2)

# Collocation: O11, R1, C1, N (Evert 2008's surface table).
for o11, r1, c1, n in [(8, 100, 40, 10000), (1, 100, 500, 10000), (25, 3000, 90, 200000),
                       (3, 1200, 400, 150000)]:
    g2, p, _ = two_by_two(o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    out("colloc", o11, r1, c1, n, g2, p)

# TfidfVectorizer defaults on the three documents of test_stats.c.
vec = TfidfVectorizer(token_pattern=r"\S+")
m = vec.fit_transform(["a a b", "a c", "b c c d"]).toarray()
assert list(vec.get_feature_names_out()) == ["a", "b", "c", "d"]
for i, row in enumerate(m):
    out("sklearn_row", i, *row)


def poisson_fit(year, count, expo):
    """Poisson GLM with log link and offset, solved from its score equations
    with scipy's hybrid root finder; standard error from the Fisher
    information at the solution."""
    x = np.asarray(year, float) - np.mean(year)
    y = np.asarray(count, float)
    off = np.log(np.asarray(expo, float))
    design = np.column_stack([np.ones_like(x), x])

    def score(beta):
        mu = np.exp(off + design @ beta)
        return design.T @ (y - mu)

    def jac(beta):
        mu = np.exp(off + design @ beta)
        return -(design.T * mu) @ design

    start = np.array([np.log(y.sum() / np.exp(off).sum()), 0.0])
    sol = optimize.root(score, start, jac=jac, method="hybr", options={"xtol": 1e-13})
    assert np.max(np.abs(score(sol.x))) < 1e-8 * y.sum(), sol.message
    beta = sol.x
    mu = np.exp(off + design @ beta)
    cov = np.linalg.inv((design.T * mu) @ design)
    se = np.sqrt(cov[1, 1])
    p = 2 * stats.norm.sf(abs(beta[1] / se))
    disp = np.sum((y - mu) ** 2 / mu) / (len(y) - 2)
    return beta[1], se, p, disp


series = [
    (list(range(1970, 1992, 2)),
     [3, 5, 4, 9, 7, 12, 10, 15, 14, 22, 19],
     [51000, 48000, 60000, 55000, 62000, 70000, 64000, 75000, 71000, 80000, 77000]),
    ([2001, 2002, 2003, 2005, 2008, 2009, 2012],
     [40, 31, 35, 22, 27, 15, 12],
     [9000, 8000, 9500, 7000, 10000, 8500, 9000]),
]
for year, count, expo in series:
    b1, se, p, disp = poisson_fit(year, count, expo)
    out("trend", len(year), *year, *count, *expo, b1, se, p, disp)
