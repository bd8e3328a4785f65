#!/usr/bin/python3
"""hostile.py: writes a small corpus whose names and speeches hold markup built
to break out of an HTML page (script elements, attribute quotes, </textarea>,
</script> inside JSON, javascript: links, event handlers), with a dictionary
and an analysis file that ask for every table and SVG chart.

Usage: hostile.py DIR   writes DIR/texts/, DIR/meta.csv, DIR/dict.csv, DIR/an.ini
and DIR/hostile.txt (one hostile string per line, as the page must show them).
"""
import csv
import os
import random
import sys

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "\"><img src=x onerror=\"window.__pwned=1\">",
    "</textarea><svg onload=\"window.__pwned=1\">",
    "javascript:window.__pwned=1",
    "</script><script>window.__pwned=1</script>",
    "<!-- &amp; &lt;b&gt; 'quoted' \\u003c",
]
WORDS = "security development the of and nations world people cooperation climate".split()


def main():
    d = sys.argv[1]
    os.makedirs(os.path.join(d, "texts"), exist_ok=True)
    rnd = random.Random(3)
    groups = HOSTILE[:4] + ["plain"]
    meta = []
    for i in range(60):
        # A document id that is markup too (no '/': it is a file name).
        doc = "doc%02d" % i if i != 7 else "<img src=x onerror=window.__pwned=1>"
        parts = [" ".join(rnd.choice(WORDS) for _ in range(40 + i % 7 * 5))]
        if i % 2 == 0:
            parts.append("human rights " + HOSTILE[i % len(HOSTILE)])
        if i % 3 == 0:
            parts.append("win-win cooperation " + HOSTILE[(i + 1) % len(HOSTILE)])
        if i % 4 == 1:
            parts.append("peace talks " + HOSTILE[(i + 2) % len(HOSTILE)])
        if i % 5 == 2:
            parts.append("free trade")
        parts.append(" ".join(rnd.choice(WORDS) for _ in range(20 + i % 5 * 4)))
        with open(os.path.join(d, "texts", doc + ".txt"), "w", encoding="utf-8") as f:
            f.write(" ".join(parts) + ".\n")
        meta.append([doc, groups[i % len(groups)], 2000 + i % 6])
    with open(os.path.join(d, "meta.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "country", "year"])
        w.writerows(meta)
    with open(os.path.join(d, "dict.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["concept", "pattern"])
        w.writerow([HOSTILE[0], "human rights"])
        w.writerow([HOSTILE[2], "win-win cooperation"])
        w.writerow([HOSTILE[4], "peace talks"])
        w.writerow(["trade", "trade"])
    with open(os.path.join(d, "an.ini"), "w", encoding="utf-8") as f:
        f.write("[corpus]\npath = texts\nmeta = meta.csv\nby = country\n[phrases]\nfile = dict.csv\n"
                "[freq]\ndispersion = yes\n[tfidf]\nunit = group\nsimilarity = yes\n[cooc]\nby_group = no\n"
                "[keyness]\ntarget = plain\n[kwic]\n[trends]\ntime = year\n[plot]\nformat = svg\n"
                "[output]\ndir = out\n")
    with open(os.path.join(d, "hostile.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(HOSTILE) + "\n")


if __name__ == "__main__":
    main()
