#!/bin/bash
# test_phrases.sh: rhetor phrases against a brute-force implementation of the
# definition (quanteda's textstat_collocations: every candidate compared with
# every sequence), n-gram counts against an independent count, keyness,
# the dictionary it writes, and usage errors.
# Usage: test_phrases.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
. "$(dirname "$0")/lib.sh"

# A synthetic corpus of a few thousand tokens over a small vocabulary, with
# commas, full stops, blank lines and line-end hyphens between words, in
# 12 documents of two sides.
export PYTHONPATH="$SRC/tests/cli"
$PY -c 'import runs_corpus; runs_corpus.make(7, 12, "peace war joy of the nations united human rights cooperation win-win shared future mankind we".split(), [8, 3, 2, 9, 12, 4, 4, 5, 5, 3, 2, 3, 3, 2, 4], (250, 450))'

expect_status 0 "$RHETOR" phrases texts --size 1-5 --min-count 2 -q -o all
expect_status 0 "$RHETOR" phrases texts --size 2-5 --min-count 3 --meta meta.csv --by side --target T -q \
	-o key --dictionary-out key/found.csv --dictionary-top 25
# Every pass runs on every thread, each doing its own part: the tables are
# the same bytes on one thread and on three (more threads than a part needs).
expect_status 0 "$RHETOR" phrases texts --size 1-5 --min-count 2 --threads 1 -q -o all1
expect_status 0 "$RHETOR" phrases texts --size 1-5 --min-count 2 --threads 3 -q -o all3
same_file all1/candidates.csv all/candidates.csv
same_file all3/candidates.csv all/candidates.csv

$PY - <<'PYEOF' && ok || fail "candidates differ from the brute-force definition"
import csv, glob, math, os, re
from math import log, sqrt

import runs_corpus
docs = list(runs_corpus.runs().items())  # (name, [runs of words])

def sequences(K):
    for name, runs in docs:
        for r in runs:
            for i in range(len(r) - K + 1):
                yield name, tuple(r[i:i + K])

def check(path, sizes, min_count, smoothing=0.5, target=None):
    counts, ndocs, nested = {}, {}, {}
    for K in sizes:
        for name, s in sequences(K):
            counts[s] = counts.get(s, 0) + 1
            ndocs.setdefault(s, set()).add(name)
    # count_nested as quanteda counts it: occurrences touching a position
    # that a sequence of a larger size asked for covers.
    for name, runs in docs:
        for r in runs:
            covered = [False] * len(r)
            for K in sorted(sizes, reverse=True):
                seen = [False] * len(r)
                for i in range(len(r) - K + 1):
                    s = tuple(r[i:i + K])
                    if any(covered[i:i + K]):
                        nested[s] = nested.get(s, 0) + 1
                    for j in range(i, i + K):
                        seen[j] = True
                covered = [a or b for a, b in zip(covered, seen)]
    rows = list(csv.DictReader(open(path)))
    want = {s: c for s, c in counts.items() if c >= min_count}
    got = {tuple(r["phrase"].split()): r for r in rows}
    assert set(got) == set(want), (len(got), len(want), sorted(set(got) ^ set(want))[:5])
    allseq = {}
    for s, c in counts.items():
        allseq.setdefault(len(s), []).append((s, c))
    for s, r in got.items():
        K = len(s)
        assert int(r["size"]) == K and int(r["count"]) == counts[s], (s, r)
        assert int(r["docs"]) == len(ndocs[s]), (s, r)
        assert int(r["count_nested"]) == nested.get(s, 0), (s, r, nested.get(s, 0))
        if K == 1:
            assert r["z"] == "NA"
            continue
        cb = [smoothing] * (1 << K)
        for t, c in allseq[K]:
            cb[sum(1 << i for i in range(K) if t[i] == s[i])] += c
        lam = sum((-1) ** (K - bin(b).count("1")) * log(cb[b]) for b in range(1 << K))
        sig = sqrt(sum(1 / c for c in cb))
        for col, v in (("lambda", lam), ("sigma", sig), ("z", lam / sig)):
            assert abs(float(r[col]) - v) <= 1e-9 * max(1, abs(v)), (s, col, r[col], v)
    # Rows by z descending, then phrase; unigrams (no z) after, by count.
    zs = [(-float(r["z"]), r["phrase"]) for r in rows if r["z"] != "NA"]
    assert zs == sorted(zs), "order"
    assert all(r["z"] == "NA" for r in rows[len(zs):])
    if target:
        side = dict(csv.reader(open("meta.csv")))
        tt = sum(len(w) for name, runs in docs if side[name] == target for w in runs)
        # Tokens of the sides: every word of the documents.
        n1 = n2 = 0
        for f in sorted(glob.glob("texts/*.txt")):
            n = len(re.findall(r"[a-z]+(?:-[a-z]+)*", open(f).read()))
            if side[os.path.basename(f)[:-4]] == target: n1 += n
            else: n2 += n
        for s, r in got.items():
            a = sum(1 for name, t in sequences(len(s)) if t == s and side[name] == target)
            b = counts[s] - a
            assert int(r["target_count"]) == a and int(r["reference_count"]) == b, (s, r, a, b)
            # Dunning's G2, signed, from its 4 cells.
            N = n1 + n2
            cells = ((a, n1 * (a + b) / N), (b, n2 * (a + b) / N),
                     (n1 - a, n1 * (N - a - b) / N), (n2 - b, n2 * (N - a - b) / N))
            g2 = 2 * sum(o * log(o / e) for o, e in cells if o)
            g2 = g2 if a / n1 >= b / n2 else -g2
            assert abs(float(r["log_likelihood"]) - g2) <= 1e-8 * max(1, abs(g2)), (s, r["log_likelihood"], g2)
    return rows

rows = check("all/candidates.csv", [1, 2, 3, 4, 5], 2)
assert len(rows) > 500, len(rows)
check("key/candidates.csv", [2, 3, 4, 5], 3, target="T")
# No candidate spans a break: "mankind. we" style pairs never appear
# although the words are frequent neighbours across punctuation.
print(len(rows), "rows checked")
PYEOF

# The dictionary: the first 25 candidates, ready for rhetor freq --phrases.
[ "$(head -1 key/found.csv)" = "concept,pattern,label" ] && ok || fail "dictionary header $(head -1 key/found.csv)"
[ "$(tail -n +2 key/found.csv | wc -l)" -eq 25 ] && ok || fail "25 rows expected"
[ "$(sed -n 2p key/found.csv | cut -d, -f2)" = "$(sed -n 2p key/candidates.csv | cut -d, -f1)" ] && ok \
	|| fail "the dictionary starts with the first candidate"
expect_status 0 "$RHETOR" freq texts --phrases key/found.csv -q -o freq
# Each concept's matches in freq equal the candidate's count when no
# longer pattern of the same concept competes (each concept has one pattern).
$PY - <<'PYEOF' && ok || fail "freq --phrases counts differ from the candidates' counts"
import csv
cand = {r["phrase"]: int(r["count"]) for r in csv.DictReader(open("key/candidates.csv"))}
pat = {r["concept"]: r["pattern"] for r in csv.DictReader(open("key/found.csv"))}
got = {}
for r in csv.DictReader(open("freq/phrases_by_doc.csv")):
    got[r["concept"]] = got.get(r["concept"], 0) + int(r["count"])
for c, p in pat.items():
    # Matches of one concept do not overlap ("we we" in "we we we" once).
    words = p.split()
    if len(set(words)) < len(words):
        continue
    assert got.get(c, 0) == cand[p], (c, got.get(c), cand[p])
PYEOF

# --dictionary-out FILE is a copy of the table the run writes.
cmp -s key/found.csv key/candidates_dictionary.csv && ok || fail "--dictionary-out differs from candidates_dictionary.csv"

# --where keeps the documents searched: the same candidates as a corpus of
# only those documents (the side T files copied by their metadata).
mkdir -p sub/texts
awk -F, 'NR > 1 && $2 == "T" { print $1 }' meta.csv | while read -r id; do cp "texts/$id.txt" sub/texts/; done
[ "$(ls sub/texts | wc -l)" -eq 4 ] && ok || fail "4 documents of side T expected, $(ls sub/texts | wc -l) copied"
expect_status 0 "$RHETOR" phrases texts --meta meta.csv --where 'side = T' --size 2-3 --min-count 2 -q -o where
expect_status 0 "$RHETOR" phrases sub/texts --size 2-3 --min-count 2 -q -o sub/out
cmp -s where/candidates.csv sub/out/candidates.csv && ok || fail "--where 'side = T' differs from the T documents alone"

# The same settings as an analysis file's [candidates] section, through rhetor run.
cat >cand.ini <<'INI'
[corpus]
path = texts
meta = meta.csv
by = side

[candidates]
size = 2-5
min_count = 3
target = T
dictionary = yes
dictionary_top = 25

[plot]
render = no
INI
expect_status 0 "$RHETOR" run cand.ini -q -o runout
cmp -s runout/candidates.csv key/candidates.csv && ok || fail "[candidates] in rhetor run differs from rhetor phrases"
cmp -s runout/candidates_dictionary.csv key/found.csv && ok || fail "[candidates] dictionary differs from --dictionary-out"
[ -s runout/plots/candidates.gp ] && ok || fail "rhetor run drew no candidates chart"
grep -q '^candidates.csv = ' runout/rhetor.lock.ini && ok || fail "the lock lists no candidates.csv"
expect_status 0 "$RHETOR" verify runout
if command -v gnuplot >/dev/null; then
	expect_status 0 "$RHETOR" plot key --format png -q
	[ -s key/plots/candidates.png ] && ok || fail "no candidates.png"
fi
# A counts file holds no text to search.
expect_status 0 "$RHETOR" count texts -q -o texts.rhc
printf '[corpus]\ncounts = texts.rhc\n\n[candidates]\n' >counts.ini
expect_status 2 "$RHETOR" run counts.ini -q -o bad
expect_err "counts file"

# Usage errors, nothing written.
expect_status 2 "$RHETOR" phrases texts --size 2-6 -q -o bad
expect_err "--size"
expect_status 2 "$RHETOR" phrases texts --size 3-2 -q -o bad
expect_status 2 "$RHETOR" phrases texts --target T -q -o bad
expect_status 2 "$RHETOR" phrases texts --meta meta.csv --by side --target X -q -o bad
expect_err "side = 'X'"
expect_status 2 "$RHETOR" phrases texts --smoothing -1 -q -o bad
[ ! -e bad/candidates.csv ] && ok || fail "a failed run left candidates.csv"
finish
