#!/bin/bash
# test_ngrams.sh: --ngrams on freq, tfidf and keyness against an independent
# count of the n-grams under the multi-word rule, with the statistics worked
# out again from those counts (sizes, per_10k, G2, sklearn's tf-idf), the
# edge stop filter, analysis files, and usage errors.
# Usage: test_ngrams.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
. "$(dirname "$0")/lib.sh"

# A synthetic corpus over a small vocabulary with stop words, commas, full
# stops, blank lines and line-end hyphens between words; 10 documents of
# two sides.
export PYTHONPATH="$SRC/tests/cli"
$PY -c 'import runs_corpus; runs_corpus.make(11, 10, "peace of the nations we united human rights cooperation win-win shared future and mankind to".split(), [6, 9, 12, 4, 4, 4, 5, 5, 4, 3, 3, 3, 6, 2, 5], (200, 400))'
printf '# edges\nof\nthe\nand\nto\nwe\n' > stop.txt

expect_status 0 "$RHETOR" freq texts --meta meta.csv --by side --ngrams 2-3 -q -o freq
expect_status 0 "$RHETOR" freq texts --ngrams 2-3 --ngram-stop edge --stopwords stop.txt -q -o edge
expect_status 0 "$RHETOR" keyness texts --meta meta.csv --by side --target T --ngrams 2 -q -o key
expect_status 0 "$RHETOR" tfidf texts --ngrams 2-3 --top 0 -q -o tfidf
expect_status 0 "$RHETOR" freq texts --ngrams 1-2 -q -o uni

$PY - <<'PYEOF' && ok || fail "n-gram tables differ from the independent count"
import csv, glob, math, os, re

import runs_corpus
docs = runs_corpus.runs()  # name -> [runs of words]
side = {r["doc_id"]: r["side"] for r in csv.DictReader(open("meta.csv"))}
stop = {"of", "the", "and", "to", "we"}

def grams(name, sizes, edge=False):
    out = {}
    for r in docs[name]:
        for K in sizes:
            for i in range(len(r) - K + 1):
                g = r[i:i + K]
                if edge and (g[0] in stop or g[-1] in stop):
                    continue
                g = " ".join(g)
                out[g] = out.get(g, 0) + 1
    return out

def table(path):
    return list(csv.DictReader(open(path)))

def close(a, b, what):
    assert abs(float(a) - b) <= 1e-9 * max(1.0, abs(b)), (what, a, b)

tokens = {r["doc_id"]: int(r["tokens"]) for r in table("freq/documents.csv")}
# Sizes stay word tokens: every word of the corpus, with or without n-grams.
assert tokens == {n: sum(len(r) for r in runs) for n, runs in docs.items()}, "tokens"

# freq by group: every n-gram of 2-3 words, its count, its documents, per_10k of the group's words.
for path, sizes, edge, grouped in (("freq/terms.csv", (2, 3), False, True),
                                   ("edge/terms.csv", (2, 3), True, False),
                                   ("uni/terms.csv", (1, 2), False, False)):
    want = {}
    for name in docs:
        g = side[name] if grouped else "all"
        for t, c in grams(name, sizes, edge).items():
            w = want.setdefault((g, t), [0, 0])
            w[0] += c
            w[1] += 1
    rows = table(path)
    got = {(r["group"], r["term"]): r for r in rows}
    assert len(got) == len(rows) and set(got) == set(want), (path, len(got), len(want),
                                                              sorted(set(got) ^ set(want))[:5])
    for k, r in got.items():
        assert [int(r["count"]), int(r["docs"])] == want[k], (path, k, r, want[k])
        n = sum(tokens[d] for d in docs if (side[d] if grouped else "all") == k[0])
        close(r["per_10k"], want[k][0] / n * 1e4, (path, k))
    if edge:
        assert all(t.split()[0] not in stop and t.split()[-1] not in stop for _, t in got), "edge"

# keyness of bigrams, side T against the rest: counts, rates and the signed G2 (Dunning 1993).
n1 = sum(tokens[d] for d in docs if side[d] == "T")
n2 = sum(tokens[d] for d in docs if side[d] != "T")
ct, cr = {}, {}
for name in docs:
    to = ct if side[name] == "T" else cr
    for t, c in grams(name, (2,)).items():
        to[t] = to.get(t, 0) + c
rows = [r for r in table("key/keyness.csv") if r["kind"] == "term"]
assert {r["term"] for r in rows} == set(ct) | set(cr), "keyness terms"
for r in rows:
    a, b = ct.get(r["term"], 0), cr.get(r["term"], 0)
    assert (int(r["target_count"]), int(r["reference_count"])) == (a, b), r
    close(r["target_per_10k"], a / n1 * 1e4, r["term"])
    e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
    g2 = 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2),
                                                (n1 - a, n1 - e1), (n2 - b, n2 - e2)) if o > 0)
    close(r["log_likelihood"], g2 if a / n1 >= b / n2 else -g2, r["term"])

# tf-idf of 2-3-grams as scikit-learn's TfidfVectorizer computes it: raw tf,
# idf = ln((1 + n) / (1 + df)) + 1, each document's row scaled to unit length.
tf = {name: grams(name, (2, 3)) for name in docs}
df = {}
for name in docs:
    for t in tf[name]:
        df[t] = df.get(t, 0) + 1
rows = table("tfidf/tfidf.csv")
assert len(rows) == sum(len(v) for v in tf.values()), "tfidf rows"
for name in docs:
    w = {t: c * (math.log((1 + len(docs)) / (1 + df[t])) + 1) for t, c in tf[name].items()}
    norm = math.sqrt(sum(x * x for x in w.values()))
    for r in (r for r in rows if r["unit"] == name):
        assert int(r["count"]) == tf[name][r["term"]] and int(r["df"]) == df[r["term"]], r
        close(r["tfidf"], w[r["term"]] / norm, (name, r["term"]))
PYEOF

# A vocabulary of 6,000 words: a document's n-grams are looked up by their
# words' ids packed into one machine word while they fit (ids below 2^12 for
# five words, 2^15 for four) and by their bytes when they do not; both ways,
# on two threads, count the same as the independent count.
mkdir -p big && (cd big && $PY -c 'import runs_corpus; w = ["w%04d" % i for i in range(6000)]; runs_corpus.make(5, 8, w, [1] * len(w), (3000, 5000))')
expect_status 0 "$RHETOR" freq big/texts --ngrams 1-5 --threads 2 -q -o bigfreq
(cd big && $PY - <<'PYEOF') && ok || fail "n-grams of a large vocabulary differ from the independent count"
import csv
import runs_corpus
want = {}
for runs in runs_corpus.runs().values():
    for r in runs:
        for K in range(1, 6):
            for i in range(len(r) - K + 1):
                g = " ".join(r[i:i + K])
                want[g] = want.get(g, 0) + 1
got = {r["term"]: int(r["count"]) for r in csv.DictReader(open("../bigfreq/terms.csv"))}
assert got == want, (len(got), len(want), sorted(set(got.items()) ^ set(want.items()))[:5])
assert sum(1 for g in got if g.count(" ") == 4) > 1000, "too few 5-grams to matter"
PYEOF

# Keyness of a quarter of a million n-gram rows (more than one part of the
# table is written at a time, and q values are read off the G2 order):
# every row's counts as counted independently, G2, p and the Benjamini-
# Hochberg q values worked out again from them, rows by G2 descending.
mkdir -p big2 && (cd big2 && $PY -c 'import runs_corpus; w = ["w%04d" % i for i in range(6000)]; runs_corpus.make(7, 26, w, [1] * len(w), (3000, 5000))')
expect_status 0 "$RHETOR" keyness big2/texts --meta big2/meta.csv --by side --target T --ngrams 1-4 --threads 2 -q -o bigkey
(cd big2 && $PY - <<'PYEOF') && ok || fail "keyness of many n-grams differs from the independent count"
import csv, math
import runs_corpus
side = {r["doc_id"]: r["side"] for r in csv.DictReader(open("meta.csv"))}
ct, cr, n = {}, {}, {"T": 0, "R": 0}
for name, runs in runs_corpus.runs().items():
    to = ct if side[name] == "T" else cr
    for r in runs:
        n[side[name]] += len(r)
        for K in range(1, 5):
            for i in range(len(r) - K + 1):
                g = " ".join(r[i:i + K])
                to[g] = to.get(g, 0) + 1
n1, n2 = n["T"], n["R"]
rows = list(csv.DictReader(open("../bigkey/keyness.csv")))
assert len(rows) == len(set(ct) | set(cr)) > 200000, len(rows)
def g2(a, b):
    e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
    v = 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2), (n1 - a, n1 - e1), (n2 - b, n2 - e2)) if o > 0)
    return v if a / n1 >= b / n2 else -v
p = []
for i, r in enumerate(rows):
    a, b = ct.get(r["term"], 0), cr.get(r["term"], 0)
    assert (int(r["target_count"]), int(r["reference_count"])) == (a, b), r
    want = g2(a, b)
    assert abs(float(r["log_likelihood"]) - want) <= 1e-9 * max(1, abs(want)), r
    assert i == 0 or float(rows[i - 1]["log_likelihood"]) >= float(r["log_likelihood"]), (rows[i - 1], r)
    # p of chi-square with one degree of freedom (near G2 = 0, p moves with
    # the square root of G2: hence the absolute part of the tolerance).
    p.append(math.erfc(math.sqrt(abs(want) / 2)))
    assert abs(float(r["p_value"]) - p[-1]) <= 1e-7 * p[-1] + 1e-8, r
rank = sorted(range(len(p)), key=lambda i: p[i])
q, run = [0.0] * len(p), 1.0
for k in range(len(rank) - 1, -1, -1):
    run = min(run, p[rank[k]] * len(p) / (k + 1))
    q[rank[k]] = run
for r, want in zip(rows, q):
    assert abs(float(r["q_value"]) - want) <= 1e-7 * want + 1e-8, (r, want)
PYEOF

# An analysis file gives the same terms as the command's flags.
cat > ng.ini <<'EOF'
[corpus]
path = texts
meta = meta.csv
by = side
ngrams = 2-3
[freq]
[output]
dir = run
EOF
expect_status 0 "$RHETOR" run ng.ini -q
same_file run/terms.csv freq/terms.csv
grep -q '^ngrams = 2-3$' run/rhetor.lock.ini && ok || fail "the lock lacks ngrams = 2-3"

# Usage errors name the flag or key.
expect_status 2 "$RHETOR" freq texts --ngrams 6 -q -o bad
expect_err "--ngrams 6"
expect_status 2 "$RHETOR" freq texts --ngrams 3-2 -q -o bad
expect_err "MIN <= MAX"
expect_status 2 "$RHETOR" keyness texts --ngrams two -q -o bad
expect_err "--ngrams two"
expect_status 2 "$RHETOR" freq texts --ngram-stop edge -q -o bad
expect_err "ngram_stop = edge wants ngrams"
expect_status 2 "$RHETOR" cooc texts --ngrams 2 -q -o bad
expect_err "--ngrams"
printf '[corpus]\npath = texts\nngrams = 2\n[phrases]\nfile = p.csv\n[cooc]\n' > cooc.ini
printf 'concept,pattern\npeace,peace\n' > p.csv
expect_status 2 "$RHETOR" run cooc.ini -q
expect_err "collocation windows ([cooc]) count single words"
[ ! -e bad ] && ok || fail "a refused command left an output directory"

finish
