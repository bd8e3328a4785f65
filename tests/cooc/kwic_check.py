#!/usr/bin/python3
"""kwic_check.py: every KWIC match, read back from kwic.csv, is the source file's bytes.

Usage: kwic_check.py KWIC_CSV CORPUS_DIR [MIN_ROWS]

For each row, the bytes [byte_start, byte_end) of CORPUS_DIR/doc_id.txt,
decoded as UTF-8, must equal the match cell exactly (the table must have
been written with --raw-cells, so no cell carries a spreadsheet guard).
Exit 0 when every row agrees and there are at least MIN_ROWS rows (default
1), 1 otherwise.
"""
import csv
import os
import sys


def main():
    path, corpus = sys.argv[1], sys.argv[2]
    min_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    cache = {}
    rows = bad = 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        want = ["doc_id", "concept", "pattern", "sentence", "token_start", "left", "match", "right"]
        if header[:8] != want or header[8:10] != ["byte_start", "byte_end"]:
            print("kwic_check: unexpected header", header)
            return 1
        for rec in reader:
            r = dict(zip(header, rec))
            rows += 1
            doc = r["doc_id"]
            if doc not in cache:
                with open(os.path.join(corpus, doc + ".txt"), "rb") as g:
                    cache = {doc: g.read()}  # rows come by document: keep one file
            data = cache[doc]
            start, end = int(r["byte_start"]), int(r["byte_end"])
            try:
                src = data[start:end].decode("utf-8")
            except UnicodeDecodeError:
                src = None
            if src != r["match"]:
                bad += 1
                if bad <= 10:
                    print(f"kwic_check: {doc} [{start},{end}) is {src!r}, the table says {r['match']!r}")
    print(f"kwic_check: {rows} rows, {bad} differences")
    return 1 if bad or rows < min_rows else 0


if __name__ == "__main__":
    sys.exit(main())
