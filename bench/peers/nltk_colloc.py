#!/usr/bin/python3
"""bench peer: NLTK's window collocation finder over a directory of .txt files.

Usage: nltk_colloc.py TEXTS_DIR OUT.csv [TOP] [WINDOW]

Reads every .txt file below TEXTS_DIR (sorted by path), lower-cases it and
splits it into words (runs of letters and digits, with ' or - inside a
word), feeds the words of all documents to
BigramCollocationFinder.from_words(window_size=WINDOW, default 5) with
WINDOW-1 padding gaps between documents so that no window crosses a
document boundary, ranks every word pair by Dunning's log-likelihood ratio
(BigramAssocMeasures.likelihood_ratio) and writes the TOP (default 1000)
pairs as w1,w2,count,log_likelihood,rank. This counts all word pairs, a
larger job than rhetor's concept-centred collocation: a yardstick for
context, not a like-for-like peer.
"""
import os
import re
import sys

from nltk.collocations import BigramCollocationFinder
from nltk.metrics import BigramAssocMeasures

WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")


def documents(root):
    paths = []
    for d, _, files in os.walk(root):
        paths.extend(os.path.join(d, f) for f in files if f.endswith(".txt"))
    paths.sort()
    return paths


def words(paths, gap):
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            yield from WORD.findall(f.read().lower())
        # from_words skips None as a window partner and as a window start
        for _ in range(gap):
            yield None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, out = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    window = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    finder = BigramCollocationFinder.from_words(words(documents(root), window - 1), window_size=window)
    scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    with open(out, "w", encoding="utf-8") as f:
        f.write("w1,w2,count,log_likelihood,rank\n")
        for r, ((w1, w2), score) in enumerate(scored[:top], 1):
            f.write("%s,%s,%d,%.10g,%d\n" % (w1, w2, finder.ngram_fd[(w1, w2)], score, r))


if __name__ == "__main__":
    main()
