#!/usr/bin/python3
"""nltk_check.py: rhetor's adjacent-bigram collocates against NLTK's.

Usage: nltk_check.py RHETOR_BIN SCRATCH_DIR

Writes a one-document corpus (seeded, so every run is the same), makes every
word type a single-word concept, runs `rhetor cooc --window-left 0
--window-right 1` (the window is the one token after the node: adjacent
bigrams) and compares collocates.csv with NLTK's BigramCollocationFinder
over the same tokens: o11 with the bigram count, |log_likelihood| with
BigramAssocMeasures.likelihood_ratio, mi with BigramAssocMeasures.pmi.

Aligning the contingency tables. NLTK (3.x) from_words pads on the right, so
every token, the last one included, is the first word of one window: N is
the number of tokens, n_ix = f(w1), n_xi = f(w2). rhetor's N is the number of
tokens too; its R1 (total window size) is f(node) except that a node that is
the last token of the document has an empty window. The text therefore ends
with a word that is not a node, and R1 = f(node) = n_ix for every node. A
word repeated right after itself would be one of its own nodes' tokens,
which rhetor never counts as a collocate; the generator never repeats a word
twice in a row, and any type that did so would be left out of the nodes.

Exit 0 on agreement, 1 on a difference (each printed), 77 when NLTK is
missing.
"""
import csv
import os
import random
import subprocess
import sys

try:
    from nltk.collocations import BigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures
except ImportError:
    print("nltk_check: NLTK is not installed (Debian: python3-nltk); skipped")
    sys.exit(77)


def make_tokens(rng, n):
    words = ("peace security development cooperation win-win the of and to in nations "
             "people world united human rights must our we all states international "
             "community future shared mankind global order justice dialogue respect "
             "sovereignty progress trade climate change").split()
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    toks = []
    while len(toks) < n:
        w = rng.choices(words, weights)[0]
        if toks and toks[-1] == w:
            continue
        toks.append(w)
    return toks


def render(rng, toks):
    """The tokens as a speech: capitals, commas, full stops and line breaks,
    none of which changes the tokens under rhetor's text model."""
    out = []
    for i, w in enumerate(toks):
        s = w.capitalize() if rng.random() < 0.1 else w
        if rng.random() < 0.05:
            s += ","
        out.append(s)
        out.append("\n" if i % 13 == 12 else " ")
    return "".join(out)


def main():
    rhetor, scratch = sys.argv[1], sys.argv[2]
    rng = random.Random(1993)
    gen = make_tokens(rng, 6000) + ["finis"]
    texts = os.path.join(scratch, "texts")
    os.makedirs(texts, exist_ok=True)
    with open(os.path.join(texts, "speech.txt"), "w", encoding="utf-8") as f:
        f.write(render(rng, gen) + "\n")

    # rhetor's own tokens when `rhetor tokens` exists; they must be the generated ones.
    tokens = gen
    run = subprocess.run([rhetor, "tokens", texts], capture_output=True, text=True)
    if run.returncode == 0 and "\t" in run.stdout:
        tokens = run.stdout.split("\n")[0].split("\t", 1)[1].split(" ")
        if tokens != gen:
            print("nltk_check: rhetor tokens differ from the generated words")
            return 1
    else:
        print("nltk_check: `rhetor tokens` unavailable; using the generated words")

    repeated = {a for a, b in zip(tokens, tokens[1:]) if a == b}
    nodes = sorted(set(tokens) - {tokens[-1]} - repeated)
    dict_path = os.path.join(scratch, "nodes.csv")
    with open(dict_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["concept", "pattern"])
        for t in nodes:
            w.writerow([t, t])
    out = os.path.join(scratch, "out")
    run = subprocess.run([rhetor, "cooc", texts, "--phrases", dict_path, "--window-left", "0",
                          "--window-right", "1", "--raw-cells", "-q", "-o", out],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print("nltk_check: rhetor cooc failed:", run.stderr)
        return 1
    rows = {}
    with open(os.path.join(out, "collocates.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[(r["node"], r["collocate"])] = r

    finder = BigramCollocationFinder.from_words(tokens)
    m = BigramAssocMeasures
    bad = 0
    compared = 0

    def close(a, b, tol=1e-7):
        return abs(a - b) <= tol * max(1.0, abs(b))

    for (w1, w2), count in sorted(finder.ngram_fd.items()):
        if w1 not in nodes:
            continue
        r = rows.pop((w1, w2), None)
        if r is None:
            print(f"missing row {w1} {w2} (bigram count {count})")
            bad += 1
            continue
        compared += 1
        g2 = float(r["log_likelihood"])
        lr = finder.score_ngram(m.likelihood_ratio, w1, w2)
        pmi = finder.score_ngram(m.pmi, w1, w2)
        e11 = finder.word_fd[w1] * finder.word_fd[w2] / finder.N
        checks = [
            ("o11", int(r["o11"]) == count, r["o11"], count),
            ("r1", int(r["r1"]) == finder.word_fd[w1], r["r1"], finder.word_fd[w1]),
            ("f_collocate", int(r["f_collocate"]) == finder.word_fd[w2], r["f_collocate"], finder.word_fd[w2]),
            ("n", int(r["n"]) == finder.N, r["n"], finder.N),
            ("|G2|", close(abs(g2), lr), g2, lr),
            ("G2 sign", (g2 < 0) == (count < e11) or close(g2, 0, 1e-9), g2, count - e11),
            ("mi", close(float(r["mi"]), pmi), r["mi"], pmi),
        ]
        for name, ok, got, want in checks:
            if not ok:
                print(f"{w1} {w2}: {name} rhetor {got} nltk {want}")
                bad += 1
    for (w1, w2) in rows:
        print(f"extra row {w1} {w2}: no such bigram in NLTK")
        bad += 1
    print(f"nltk_check: {compared} node-collocate pairs over {len(tokens)} tokens and "
          f"{len(nodes)} nodes; {bad} differences")
    return 1 if bad or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
