#!/usr/bin/python3
"""Cross-check: rhetor's sklearn preset against scikit-learn's TfidfVectorizer.

scikit-learn is fed rhetor's own tokens (the output of `rhetor tokens`)
through a callable tokenizer, so only the weighting is compared. Every
non-zero cell of the compared documents must agree to a relative 1e-9; the
first mismatch is printed and the exit status is 1.

usage: sklearn_check.py TOKENS.txt TFIDF.csv [--every K] [--min-df V] [--max-df V]
                        [--similarity SIMILARITY.csv]

--every K compares all cells of every K-th document (0, K, 2K, ...) and the
number of cells of every document. --similarity also compares every pair
of similarity.csv with the cosine of scikit-learn's rows (X X', the rows
having unit length), and checks that every pair is there once.
"""
import argparse
import csv
import sys


def df_limit(text):
    """scikit-learn's reading of min_df / max_df: int = count, float = fraction."""
    if text is None:
        return None
    return float(text) if any(c in text for c in ".eE") else int(text)


def tokens_of(line):
    # The line holds the tokens separated by single spaces; a document
    # without tokens is an empty line.
    return line.split(" ") if line else []


def read_tokens(path):
    ids, docs = [], []
    with open(path, encoding="utf-8", newline="\n") as f:
        for line in f:
            doc_id, tab, rest = line.rstrip("\n").partition("\t")
            if not tab:
                sys.exit(f"{path}: line {len(ids) + 1} has no tab")
            ids.append(doc_id)
            docs.append(rest)
    return ids, docs


def fields(line):
    # Plain lines split on commas; quoted ones go through the csv module.
    if '"' in line:
        return next(csv.reader([line]))
    return line.rstrip("\r\n").split(",")


def fail(msg):
    print("MISMATCH: " + msg)
    sys.exit(1)


def check_similarity(path, ids, X, rel):
    S = (X @ X.T).toarray()
    n = len(ids)
    unit_of = {doc_id: i for i, doc_id in enumerate(ids)}
    seen = set()
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        if header[:3] != ["unit_a", "unit_b", "cosine"]:
            fail(f"similarity.csv header {header}")
        for r in rows:
            i, j = unit_of[r[0]], unit_of[r[1]]
            if not i < j or (i, j) in seen:
                fail(f"similarity.csv: pair {r[0]}, {r[1]} out of order or repeated")
            seen.add((i, j))
            zero = S[i, i] == 0 or S[j, j] == 0
            if zero:
                if r[2] != "NA":
                    fail(f"similarity {r[0]} {r[1]}: rhetor {r[2]}, expected NA (a zero vector)")
                continue
            h, w = float(r[2]), S[i, j]
            if abs(h - w) > max(rel * max(abs(h), abs(w)), 1e-15):
                fail(f"similarity {r[0]} {r[1]}: rhetor {h!r}, scikit-learn rows {w!r}")
    if len(seen) != n * (n - 1) // 2:
        fail(f"similarity.csv has {len(seen)} pairs, expected {n * (n - 1) // 2}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tokens")
    ap.add_argument("tfidf_csv")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--rel", type=float, default=1e-9)
    ap.add_argument("--min-df")
    ap.add_argument("--max-df")
    ap.add_argument("--similarity")
    a = ap.parse_args()

    from sklearn.feature_extraction.text import TfidfVectorizer

    ids, docs = read_tokens(a.tokens)
    kw = {}
    if a.min_df is not None:
        kw["min_df"] = df_limit(a.min_df)
    if a.max_df is not None:
        kw["max_df"] = df_limit(a.max_df)
    vec = TfidfVectorizer(tokenizer=tokens_of, lowercase=False, token_pattern=None,
                          preprocessor=None, norm="l2", smooth_idf=True,
                          sublinear_tf=False, **kw)
    X = vec.fit_transform(docs).tocsr()
    terms = vec.get_feature_names_out()
    unit_of = {doc_id: i for i, doc_id in enumerate(ids)}
    rows = [0] * len(ids)
    got = {}
    with open(a.tfidf_csv, encoding="utf-8", newline="") as f:
        header = fields(f.readline())
        want = ["unit", "term", "count", "tf", "df", "idf", "tfidf", "rank"]
        if header[:8] != want:
            fail(f"tfidf.csv header {header}, expected {want}")
        for lineno, line in enumerate(f, start=2):
            comma = line.find(",")
            unit = line[:comma] if comma > 0 and line[0] != '"' else fields(line)[0]
            if unit not in unit_of:
                fail(f"tfidf.csv line {lineno}: unit {unit!r} is not a document of the tokens file")
            i = unit_of[unit]
            rows[i] += 1
            if i % a.every == 0:
                r = fields(line)
                cell = got.setdefault(i, {})
                if r[1] in cell:
                    fail(f"tfidf.csv line {lineno}: unit {unit} lists {r[1]!r} twice")
                cell[r[1]] = float(r[6])

    checked = 0
    for i in range(0, len(ids), a.every):
        lo, hi = X.indptr[i], X.indptr[i + 1]
        want = {terms[X.indices[k]]: X.data[k] for k in range(lo, hi)}
        have = got.get(i, {})
        for term, w in sorted(want.items()):
            if term not in have:
                fail(f"unit {ids[i]} term {term!r}: scikit-learn {w!r}, rhetor has no cell")
            h = have[term]
            if abs(h - w) > a.rel * max(abs(h), abs(w)):
                fail(f"unit {ids[i]} term {term!r}: rhetor {h!r}, scikit-learn {w!r} "
                     f"(relative difference {abs(h - w) / max(abs(h), abs(w)):.3g})")
            checked += 1
        for term in sorted(set(have) - set(want)):
            fail(f"unit {ids[i]} term {term!r}: rhetor {have[term]!r}, scikit-learn has no cell")
    for i, doc_id in enumerate(ids):
        n = X.indptr[i + 1] - X.indptr[i]
        if rows[i] != n:
            fail(f"unit {doc_id}: rhetor {rows[i]} non-zero cells, scikit-learn {n}")
    if sum(rows) != X.nnz:
        fail(f"rhetor {sum(rows)} non-zero cells, scikit-learn {X.nnz}")
    if a.similarity:
        check_similarity(a.similarity, ids, X, a.rel)
    print(f"ok: {len(ids)} documents, {X.nnz} non-zero cells agree in number; "
          f"{checked} cells of {len(range(0, len(ids), a.every))} documents agree to {a.rel:g}")


if __name__ == "__main__":
    main()
