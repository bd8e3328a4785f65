#!/usr/bin/python3
"""check_page.py: checks DIR/report.html without a browser, against the CSV
files beside it read with Python's csv module: the data the page holds is
each table's first rows exactly, with the CSV's row count; the concordance
lines are those the documented rule picks (an equal share per concept, the
rarer concepts whole, spread evenly through the file), each with the period
of its document; every chart is inline; and no tag, attribute or link in the
page comes from the corpus.

Usage: check_page.py DIR ROWS LINES [--hostile FILE]
"""
import configparser
import csv
import html.parser
import json
import os
import re
import sys

checks = 0
failures = 0


def check(cond, what):
    global checks, failures
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what, file=sys.stderr)


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


# The page's own tags, and the SVG elements gnuplot draws with (lower case, as the parser gives them).
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "nav", "a", "main", "section",
             "h2", "h3", "table", "tr", "th", "td", "caption", "div", "details", "summary", "p", "code", "pre",
             "figure", "figcaption", "b", "footer", "script"}
SVG_TAGS = {"svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
            "text", "tspan", "use", "clippath", "symbol", "marker", "pattern", "mask", "lineargradient",
            "radialgradient", "stop", "filter", "feflood", "fecomposite", "feoffset", "fegaussianblur", "femerge",
            "femergenode"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.links, self.scripts, self.script_text = set(), set(), [], [], None
        self.figures, self.svgs, self.with_svg = [], 0, []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        a = dict(attrs)
        self.attrs.update(k for k, _ in attrs)
        if tag == "a":
            self.links.append(a.get("href"))
        if tag == "script":
            self.scripts.append(a)
            self.script_text = ""
        if tag == "figure":
            self.figures.append(a.get("id"))
        if tag == "svg":
            self.svgs += 1
            self.with_svg.append(self.figures[-1] if self.figures else None)

    def handle_endtag(self, tag):
        if tag == "script":
            self.scripts[-1]["text"] = self.script_text
            self.script_text = None

    def handle_data(self, data):
        if self.script_text is not None:
            self.script_text += data


def choose(concepts, limit):
    """Which lines a page of at most `limit` lines holds: the rule in the report's help."""
    n = len(concepts)
    if n <= limit:
        return [True] * n
    total = {}
    for c in concepts:
        total[c] = total.get(c, 0) + 1
    quota, left, todo = {}, limit, sorted(total)
    while True:
        share = left // len(todo) if todo else 0
        small = [c for c in todo if total[c] <= share]
        if not small:
            break
        for c in small:
            quota[c] = total[c]
            left -= total[c]
        todo = [c for c in todo if c not in quota]
    for k, c in enumerate(todo):
        quota[c] = left // len(todo) + (1 if k < left % len(todo) else 0)
    seen, keep = {}, []
    for c in concepts:
        j = seen.get(c, 0)
        seen[c] = j + 1
        keep.append(j * quota[c] // total[c] < (j + 1) * quota[c] // total[c])
    return keep


def main():
    d, rows_limit, lines_limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    hostile = None
    if len(sys.argv) > 5 and sys.argv[4] == "--hostile":
        hostile = [l for l in open(sys.argv[5], encoding="utf-8").read().split("\n") if l]
    raw = open(os.path.join(d, "report.html"), encoding="utf-8").read()
    p = Page()
    p.feed(raw)
    p.close()
    check(len(p.scripts) == 2, "two script elements, got %d" % len(p.scripts))
    data = json.loads(p.scripts[0]["text"])
    check(p.scripts[0].get("type") == "application/json", "the data is JSON, not script")
    check(p.tags <= PAGE_TAGS | SVG_TAGS, "tags not of the page: %s" % (p.tags - PAGE_TAGS - SVG_TAGS))
    check(not any(a.startswith("on") for a in p.attrs), "event handler attributes: %s" % [a for a in p.attrs if a.startswith("on")])
    check(all(h and (h.startswith("#") or h.startswith("./")) for h in p.links), "links: %s" % [h for h in p.links if not (h or "").startswith(("#", "./"))])
    check("<script>window" not in raw and "onerror=\"window" not in raw and "onload=\"window" not in raw,
          "a hostile string reached the page unescaped")

    # Tables in the order of README.md's list of tables, then the others by name.
    readme = [l.split("|")[1].strip() for l in open(os.path.join(os.path.dirname(__file__), "..", "..", "README.md"),
                                                     encoding="utf-8") if re.match(r"^\| [a-z_]+\.csv \|", l)]
    names = sorted((n for n in os.listdir(d) if n.endswith(".csv") and n != "kwic.csv"),
                   key=lambda n: (readme.index(n) if n in readme else len(readme), n))
    check([t["name"] for t in data["tables"]] == names, "tables %s, files %s" % ([t["name"] for t in data["tables"]], names))
    for t in data["tables"]:
        cols, rows = read_csv(os.path.join(d, t["name"]))
        check(t["columns"] == cols, "%s: columns" % t["name"])
        check(t["total"] == len(rows), "%s: total %d, the CSV has %d rows" % (t["name"], t["total"], len(rows)))
        check(t["rows"] == rows[:rows_limit], "%s: the first %d rows, exactly" % (t["name"], rows_limit))
        check(("has {:,} row".format(len(rows))) in raw, "%s: the page gives the row count" % t["name"])

    # What was run: the corpus counted from documents.csv, the columns named by the lock file.
    if os.path.exists(os.path.join(d, "documents.csv")):
        dcols, docs = read_csv(os.path.join(d, "documents.csv"))
        check('<th>documents</th><td class="num">{:,}</td>'.format(len(docs)) in raw, "documents count")
        tokens = sum(int(r[dcols.index("tokens")]) for r in docs)
        check('<th>tokens</th><td class="num">{:,}</td>'.format(tokens) in raw, "tokens count %d" % tokens)
        lock = os.path.join(d, "rhetor.lock.ini")
        if os.path.exists(lock):
            ini = configparser.ConfigParser(interpolation=None)
            ini.read(lock, encoding="utf-8")
            by, time = ini.get("corpus", "by", fallback=""), ini.get("trends", "time", fallback="")
            if by:
                n = len(set(r[dcols.index(by)] for r in docs))
                check('<th>groups ({})</th><td class="num">{:,}</td>'.format(by, n) in raw, "groups count %d" % n)
            if time:
                years = sorted(set(int(r[dcols.index(time)]) for r in docs))
                check('<th>periods ({})</th><td class="num">{:,}, {} to {}</td>'.format(time, len(years), years[0], years[-1]) in raw,
                      "periods %d, %d to %d" % (len(years), years[0], years[-1]))

    plots = os.path.join(d, "plots")
    svgs = sorted(n[:-4] for n in os.listdir(plots) if n.endswith(".svg")) if os.path.isdir(plots) else []
    check(sorted(f[len("chart-"):] for f in p.with_svg) == svgs and p.svgs == len(svgs),
          "figures with an svg %s, charts %s" % (p.with_svg, svgs))
    gps = sorted(n[:-3] for n in os.listdir(plots) if n.endswith(".gp") and n != "rhetor.gp") if os.path.isdir(plots) else []
    check(sorted(set(f[len("chart-"):] for f in p.figures)) == sorted(set(gps) | set(svgs)), "a figure for each chart")

    if os.path.exists(os.path.join(d, "kwic.csv")):
        cols, rows = read_csv(os.path.join(d, "kwic.csv"))
        ix = {c: i for i, c in enumerate(cols)}
        k = data["kwic"]
        check(k["total"] == len(rows), "kwic total")
        keep = choose([r[ix["concept"]] for r in rows], lines_limit)
        want = [r for r, kp in zip(rows, keep) if kp]
        check(len(k["rows"]) == len(want) == min(len(rows), lines_limit),
              "kwic: %d lines here, the rule keeps %d" % (len(k["rows"]), len(want)))
        kc = {c: i for i, c in enumerate(k["columns"])}
        fields = ["doc_id", "concept", "pattern", "left", "match", "right", "byte_start", "byte_end"]
        check([[r[kc[f]] for f in fields] == [w[ix[f]] for f in fields] for r, w in zip(k["rows"], want)] == [True] * len(want),
              "kwic: the lines kept, in file order")
        if "period" in kc:
            dcols, docs = read_csv(os.path.join(d, "documents.csv"))
            period = {r[0]: r[dcols.index(k["period_name"])] for r in docs}
            check(all(r[kc["period"]] == period[r[kc["doc_id"]]] for r in k["rows"]), "kwic: each line's period")
        if len(rows) > lines_limit:
            per, total = {}, {}
            for r in k["rows"]:
                per[r[kc["concept"]]] = per.get(r[kc["concept"]], 0) + 1
            for r in rows:
                total[r[ix["concept"]]] = total.get(r[ix["concept"]], 0) + 1
            cut = [v for c, v in per.items() if total[c] > v]
            check(not cut or max(cut) - min(cut) <= 1, "kwic: the concepts cut share equally: %s" % per)
            check(all(per.get(c, 0) == t for c, t in total.items() if not cut or t <= min(cut)),
                  "kwic: the rarer concepts whole: %s of %s" % (per, total))
    if hostile:
        decoded = json.dumps(data, ensure_ascii=False)
        for h in hostile:
            check(h in decoded or json.dumps(h, ensure_ascii=False)[1:-1] in decoded, "hostile string kept as data: %r" % h)
    print("%d passed, %d failed" % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
