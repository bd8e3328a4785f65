#!/usr/bin/python3
"""Builds datasets/words/en-speech.txt: English words in order of frequency.

The word set is the Debian package wamerican (/usr/share/dict/american-english),
lower-case entries only, so proper names drop out. The order is each word's
count in a speech corpus given as a directory of .txt files (the project used
the UN General Debate Corpus, CC0). Only the ranking is taken from the
corpus: no sentence or passage of it is kept.

usage: make_words.py CORPUS_TEXTS_DIR [N] > en-speech.txt
"""
import collections
import os
import re
import sys

CONTRACTION = re.compile(r"^[a-z]+(n't|'re|'ve|'ll|'m|'d)$")
KEEP_S = {"it's", "that's", "let's", "there's", "here's", "what's", "he's", "she's", "who's"}
WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")


def allowed(w):
    if "'" in w:
        return bool(CONTRACTION.match(w)) or w in KEEP_S
    if len(w) == 1:
        return w in ("a", "i")
    return w.isascii() and w.isalpha()


def main():
    texts = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    with open("/usr/share/dict/american-english", encoding="utf-8") as f:
        vocab = {w.strip() for w in f if w.strip() and w.strip() == w.strip().lower()}
    vocab = {w for w in vocab if allowed(w)}
    counts = collections.Counter()
    for name in sorted(os.listdir(texts)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(texts, name), encoding="utf-8", errors="replace") as f:
            text = f.read().lower().replace("\u2019", "'")
        counts.update(t for t in WORD.findall(text) if t in vocab)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    print("# English words in order of frequency in speech-like prose, one a line.")
    print("# Made by datasets/words/make_words.py: wamerican word set, ranked by")
    print("# counts in the UN General Debate Corpus (see datasets/README.md).")
    for w, _ in ranked:
        print(w)


if __name__ == "__main__":
    main()
