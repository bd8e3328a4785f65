"""runs_corpus.py: synthetic corpora for the n-gram tests, and the multi-word rule written again
independently of rhetor (words separated by white space with at most one line end join; a comma,
a full stop, a blank line or a line-end hyphen breaks the run)."""
import glob
import os
import random
import re


def make(seed, ndocs, words, weights, lengths):
    """texts/dNN.txt over `words`, with punctuation, blank lines and line-end hyphens between
    them, and meta.csv giving every third document side T, the others R."""
    rnd = random.Random(seed)
    os.makedirs("texts", exist_ok=True)
    with open("meta.csv", "w") as m:
        m.write("doc_id,side\n")
        for d in range(ndocs):
            out = []
            for i in range(rnd.randint(*lengths)):
                out.append(rnd.choices(words, weights)[0])
                r = rnd.random()
                out.append(", " if r < 0.06 else ". " if r < 0.10 else "\n\n" if r < 0.12 else "-\n" if r < 0.13
                           else "\n" if r < 0.17 else " ")
            open("texts/d%02d.txt" % d, "w").write("".join(out) + "\n")
            m.write("d%02d,%s\n" % (d, "T" if d % 3 == 0 else "R"))


def runs():
    """Each document's runs of joined words, by document name, in name order."""
    docs = {}
    for f in sorted(glob.glob("texts/*.txt")):
        parts = [r.split() for r in re.split(r"[.,]|-\n|\n[ \t]*\n", open(f).read())]
        docs[os.path.basename(f)[:-4]] = [r for r in parts if r]
    return docs
