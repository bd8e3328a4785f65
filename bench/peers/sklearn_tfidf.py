#!/usr/bin/python3
"""bench peer: scikit-learn's TfidfVectorizer over a directory of .txt files.

Usage: sklearn_tfidf.py TEXTS_DIR OUT.csv [TOP]

Reads every .txt file below TEXTS_DIR (sorted by path, doc_id = path
without .txt), runs TfidfVectorizer().fit_transform with its defaults
(lower case, token pattern \\b\\w\\w+\\b, raw counts, smooth idf
ln((1+n)/(1+df))+1, rows L2-normalised: rhetor's `sklearn` preset) and
writes the TOP (default 20) terms of each document, weight descending then
term, as doc_id,term,tfidf,rank: the same work as `rhetor tfidf --top 20`.
"""
import os
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def documents(root):
    paths = []
    for d, _, files in os.walk(root):
        paths.extend(os.path.join(d, f) for f in files if f.endswith(".txt"))
    paths.sort()
    return paths


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, out = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    paths = documents(root)
    ids = [os.path.relpath(p, root)[:-4] for p in paths]

    def texts():
        for p in paths:
            with open(p, encoding="utf-8", errors="replace") as f:
                yield f.read()

    vec = TfidfVectorizer()
    x = vec.fit_transform(texts()).tocsr()
    terms = vec.get_feature_names_out()
    with open(out, "w", encoding="utf-8") as f:
        f.write("doc_id,term,tfidf,rank\n")
        for i, doc in enumerate(ids):
            a, b = x.indptr[i], x.indptr[i + 1]
            cols, vals = x.indices[a:b], x.data[a:b]
            # weight descending, then term (byte order) for ties
            order = np.lexsort((terms[cols], -vals))[:top]
            for r, k in enumerate(order, 1):
                f.write("%s,%s,%.10g,%d\n" % (doc, terms[cols[k]], vals[k], r))


if __name__ == "__main__":
    main()
