#!/usr/bin/python3
"""browser.py: opens DIR/report.html in headless Chromium through the DevTools
protocol and checks the page against the CSV files beside it, which it reads
itself (Python's csv module): every table and chart is there, sorting and
filtering a table and searching and sorting the concordance change the DOM
as the rows of the CSV say they should, nothing is written to the console,
no request leaves the file, and (with --hostile) the given strings appear as
text while nothing they hold runs.

Usage: browser.py CHROMIUM DIR SCRATCH [--hostile FILE] [--screenshot PNG]
FILE holds one hostile string per line. Exit status 0 when every check holds.
"""
import base64
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

TABLE_STEP = 100  # rows a table view shows at first (report.js)
KWIC_STEP = 500   # concordance lines shown at first


class Fail(Exception):
    pass


checks = 0
failures = []


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


class Browser:
    def __init__(self, chromium, scratch):
        self.profile = tempfile.mkdtemp(prefix="profile-", dir=scratch)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--disable-default-apps", "--mute-audio",
             # Belt and braces: even a request that got past the page's policy finds no network.
             "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
             "--user-data-dir=" + self.profile, "--remote-debugging-port=0",
             "--window-size=1280,800", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # A browser that did not start, or could not be reached, is not left running.
        try:
            port_file = os.path.join(self.profile, "DevToolsActivePort")
            # On a machine busy with other work chromium has taken over 30 s to
            # start: wait up to 3 minutes, but not for a browser that has exited.
            deadline = time.monotonic() + 180
            while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
                if self.proc.poll() is not None:
                    raise Fail("chromium exited with status %d before it listened" % self.proc.returncode)
                if time.monotonic() > deadline:
                    raise Fail("chromium did not start in 180 s (no DevToolsActivePort)")
                time.sleep(0.1)
            port = int(open(port_file).read().split("\n")[0])
            targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port))
            page = [t for t in targets if t.get("type") == "page"][0]
            self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        except BaseException:
            self.proc.kill()
            self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        mid = self.next_id
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise Fail("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_event(self, name, timeout=60):
        end = time.time() + timeout
        for e in self.events:
            if e["method"] == name:
                return e
        while time.time() < end:
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == name:
                    return msg
        raise Fail("no %s within %d s" % (name, timeout))

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise Fail("page script failed: %s: %s" % (expr[:80], r["exceptionDetails"]))
        return r["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def numeric_key(s):
    if s == "Inf":
        return float("inf")
    if s == "-Inf":
        return float("-inf")
    return float(s)


NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def is_number(s):
    return s in ("Inf", "-Inf") or NUMBER.match(s) is not None


def check_tables(b, d, rows_limit):
    names = sorted(n for n in os.listdir(d) if n.endswith(".csv") and not n.startswith(".") and n != "kwic.csv")
    check(len(names) > 0, "the fixture has tables")
    page = b.js("""Array.from(document.querySelectorAll('#tables h3')).map(function (h) {
        var note = h.nextElementSibling, view = note.nextElementSibling;
        var table = view && view.querySelector('table');
        return { name: h.textContent, note: note.textContent,
                 link: note.querySelector('a') ? note.querySelector('a').getAttribute('href') : null,
                 heads: table ? Array.from(table.querySelectorAll('thead th')).map(function (t) { return t.textContent; }) : [],
                 rows: table ? table.querySelectorAll('tbody tr').length : -1 };
    })""")
    by_name = {p["name"]: p for p in page}
    check(sorted(by_name) == names, "tables on the page %s, files %s" % (sorted(by_name), names))
    for n in names:
        cols, rows = read_csv(os.path.join(d, n))
        p = by_name.get(n)
        if not p:
            continue
        check(p["heads"] == cols, "%s: header %s, CSV %s" % (n, p["heads"], cols))
        check(p["rows"] == min(len(rows), rows_limit, TABLE_STEP), "%s: %d rows shown" % (n, p["rows"]))
        check("{:,} row".format(len(rows)) in p["note"], "%s: the note gives the CSV's %d rows: %r" % (n, len(rows), p["note"]))
        check(p["link"] is not None and p["link"].endswith(n.replace(" ", "%20")), "%s: link %r" % (n, p["link"]))
    return names


def view_cells(b, table, col):
    return b.js("""(function () {
        var v = document.getElementById(%s), heads = Array.from(v.querySelectorAll('thead th'));
        var c = heads.findIndex(function (t) { return t.textContent === %s; });
        return Array.from(v.querySelectorAll('tbody tr')).map(function (tr) { return tr.children[c].textContent; });
    })()""" % (json.dumps(table), json.dumps(col)))


def check_sorting(b, d, name, num_col, text_col, rows_limit):
    """Sort by a numeric column (descending first, then ascending) and a text column; filter."""
    cols, rows = read_csv(os.path.join(d, name))
    rows = rows[:rows_limit]
    vid = b.js("""(function () { var h = Array.from(document.querySelectorAll('#tables h3')).find(function (h) {
        return h.textContent === %s; }); return h.nextElementSibling.nextElementSibling.id; })()""" % json.dumps(name))
    ci, ti = cols.index(num_col), cols.index(text_col)
    click = """(function () { var v = document.getElementById(%s);
        Array.from(v.querySelectorAll('thead th button')).find(function (x) { return x.textContent === %s; }).click(); })()"""
    before = view_cells(b, vid, text_col)
    check(before == [r[ti] for r in rows[:TABLE_STEP]], "%s: rows in file order before sorting" % name)
    vals = [r[ci] for r in rows]
    numbers = [v for v in vals if v != "NA"]
    # Expected: stable sort of the file's rows by value, NA last.
    desc = sorted(range(len(rows)), key=lambda i: (vals[i] == "NA", -numeric_key(vals[i]) if vals[i] != "NA" else 0, i))
    asc = sorted(range(len(rows)), key=lambda i: (vals[i] == "NA", numeric_key(vals[i]) if vals[i] != "NA" else 0, i))
    b.js(click % (json.dumps(vid), json.dumps(num_col)))
    got = view_cells(b, vid, num_col)
    check(got == [vals[i] for i in desc[:TABLE_STEP]], "%s: sorted by %s descending: %s..." % (name, num_col, got[:5]))
    check(b.js("document.getElementById(%s).querySelector('th[aria-sort]').textContent" % json.dumps(vid)) == num_col,
          "%s: the sorted column is marked" % name)
    b.js(click % (json.dumps(vid), json.dumps(num_col)))
    got = view_cells(b, vid, num_col)
    check(got == [vals[i] for i in asc[:TABLE_STEP]], "%s: sorted by %s ascending: %s..." % (name, num_col, got[:5]))
    check(len(numbers) > 1 and numeric_key(got[0]) == min(map(numeric_key, numbers)), "%s: smallest first" % name)
    texts = [r[ti] for r in rows]
    # Code-point order; the fixtures' strings are within the BMP, where it is JavaScript's order too.
    tasc = sorted(range(len(rows)), key=lambda i: (texts[i], i))
    b.js(click % (json.dumps(vid), json.dumps(text_col)))
    got = view_cells(b, vid, text_col)
    check(got == [texts[i] for i in tasc[:TABLE_STEP]], "%s: sorted by %s: %s..." % (name, text_col, got[:5]))
    # Filter: rows holding a piece of the last row's text cell, case-insensitively.
    needle = texts[-1][:4].upper() if texts[-1] else "a"
    want = [r for r in (rows[i] for i in tasc) if any(needle.lower() in c.lower() for c in r)]
    b.js("""(function () { var i = document.getElementById(%s).querySelector('input[type=search]');
        i.value = %s; i.dispatchEvent(new Event('input')); })()""" % (json.dumps(vid), json.dumps(needle)))
    got = view_cells(b, vid, text_col)
    check(got == [r[ti] for r in want[:TABLE_STEP]], "%s: filter %r keeps %d rows, page %d" % (name, needle, len(want), len(got)))
    count = b.js("document.getElementById(%s).querySelector('.count').textContent" % json.dumps(vid))
    check(count.startswith("{:,} of the".format(len(want))), "%s: filter count %r, want %d" % (name, count, len(want)))


def check_charts(b, d):
    plots = os.path.join(d, "plots")
    svgs = sorted(n[:-4] for n in os.listdir(plots) if n.endswith(".svg")) if os.path.isdir(plots) else []
    check(len(svgs) > 0, "the fixture has SVG charts")
    page = b.js("""Array.from(document.querySelectorAll('#charts figure')).map(function (f) {
        return { id: f.id, svg: f.querySelectorAll('svg').length, paths: f.querySelectorAll('svg path, svg text').length,
                 caption: f.querySelector('figcaption') ? f.querySelector('figcaption').textContent : '' }; })""")
    by_id = {p["id"]: p for p in page}
    for n in svgs:
        p = by_id.get("chart-" + n)
        check(p is not None and p["svg"] == 1 and p["paths"] > 0, "chart %s inline as SVG: %s" % (n, p))
        if p:
            check("gnuplot" in p["caption"] and n + ".gp" in p["caption"], "chart %s: caption gives the command" % n)
    # Every id on the page is unique (each chart's ids carry its prefix).
    dup = b.js("""(function () { var seen = {}, d = [];
        document.querySelectorAll('[id]').forEach(function (e) { if (seen[e.id]) d.push(e.id); seen[e.id] = 1; });
        return d; })()""")
    check(dup == [], "duplicate ids: %s" % dup[:5])
    return svgs


def strip_punct(w):
    """A word without the characters that are neither letters nor digits at either end."""
    i, j = 0, len(w)
    while i < j and not w[i].isalnum():
        i += 1
    while j > i and not w[j - 1].isalnum():
        j -= 1
    return w[i:j]


def words(s):
    return [w for w in (strip_punct(x) for x in s.lower().split()) if w]


def check_kwic(b, d, lines_limit):
    cols, rows = read_csv(os.path.join(d, "kwic.csv"))
    ix = {c: i for i, c in enumerate(cols)}
    check(b.js("!!document.getElementById('kwic-lines')"), "the concordance is on the page")
    total = b.js("document.getElementById('kwic-count').textContent")
    embedded = min(len(rows), lines_limit)
    check(total.startswith("{:,} of the {:,} lines".format(embedded, embedded)), "concordance count %r" % total)
    if len(rows) > lines_limit:
        # The page holds a choice of the lines (check_page.py checks it against kwic.csv): the
        # searches and sorts below are judged against the lines it holds.
        k = b.js("JSON.parse(document.getElementById('rh-data').textContent).kwic")
        rows = k["rows"]
        ix = {c: i for i, c in enumerate(k["columns"])}
        check(len(rows) == lines_limit, "the page holds %d lines" % len(rows))
    shown = b.js("""Array.from(document.querySelectorAll('#kwic-lines tr')).map(function (tr) {
        return Array.from(tr.children).map(function (td) { return td.textContent; }); })""")
    check([s[0] for s in shown] == [r[ix["doc_id"]] for r in rows[:KWIC_STEP]], "concordance in file order")
    check([s[1] for s in shown] == [r[ix["byte_start"]] for r in rows[:KWIC_STEP]], "each line shows its byte offset")
    check([s[2:5] for s in shown] == [[r[ix["left"]], r[ix["match"]], r[ix["right"]]] for r in rows[:KWIC_STEP]],
          "each line shows left, match, right")

    def select(sel_id, value):
        b.js("""(function () { var s = document.getElementById(%s); s.value = %s;
            s.dispatchEvent(new Event('change')); })()""" % (json.dumps(sel_id), json.dumps(value)))

    def lines():
        return b.js("""Array.from(document.querySelectorAll('#kwic-lines tr')).map(function (tr) {
            return [tr.children[0].textContent, tr.children[2].textContent, tr.children[3].textContent,
                    tr.children[4].textContent]; })""")

    # Search by concept: the rarest concept with more than one line.
    counts = {}
    for r in rows:
        counts[r[ix["concept"]]] = counts.get(r[ix["concept"]], 0) + 1
    concept = sorted((n, c) for c, n in counts.items() if n > 1)[0][1] if any(n > 1 for n in counts.values()) else rows[0][ix["concept"]]
    select("kwic-concept", concept)
    want = [r for r in rows if r[ix["concept"]] == concept]
    got = lines()
    check([g[0] for g in got] == [r[ix["doc_id"]] for r in want[:KWIC_STEP]] and len(got) == min(len(want), KWIC_STEP),
          "concept %r: %d lines, page %d" % (concept, len(want), len(got)))
    check(b.js("document.getElementById('kwic-count').textContent").startswith("{:,} of".format(len(want))),
          "concept search count")
    # Sort by left context as AntConc does: first word to the left, then the second, ...
    select("kwic-sort", "left")
    order = sorted(range(len(want)), key=lambda i: (words(want[i][ix["left"]])[::-1], i))
    got = lines()
    check([g[1] for g in got] == [want[i][ix["left"]] for i in order[:KWIC_STEP]], "sorted by left context: %s" % [g[1][-20:] for g in got[:3]])
    select("kwic-sort", "right")
    order = sorted(range(len(want)), key=lambda i: (words(want[i][ix["right"]]), i))
    got = lines()
    check([g[3] for g in got] == [want[i][ix["right"]] for i in order[:KWIC_STEP]], "sorted by right context: %s" % [g[3][:20] for g in got[:3]])
    # Group, then period on top of the concept (when the columns exist).
    if "group" in ix and b.js("!!document.getElementById('kwic-group')"):
        g0 = want[0][ix["group"]]
        select("kwic-group", g0)
        want2 = [r for r in want if r[ix["group"]] == g0]
        check(len(lines()) == min(len(want2), KWIC_STEP), "concept and group %r: %d lines" % (g0, len(want2)))
        select("kwic-group", "")
    if b.js("!!document.getElementById('kwic-period')"):
        docs_cols, docs = read_csv(os.path.join(d, "documents.csv"))
        time_col = b.js("JSON.parse(document.getElementById('rh-data').textContent).kwic.period_name")
        period = {r[0]: r[docs_cols.index(time_col)] for r in docs}
        p0 = period[want[0][ix["doc_id"]]]
        select("kwic-period", p0)
        want3 = [r for r in want if period[r[ix["doc_id"]]] == p0]
        check(len(lines()) == min(len(want3), KWIC_STEP), "concept and period %r: %d lines" % (p0, len(want3)))
        select("kwic-period", "")
    # Words in the context, over every concept.
    select("kwic-concept", "")
    select("kwic-sort", "file")
    word = words(rows[-1][ix["right"]])[0] if words(rows[-1][ix["right"]]) else rows[-1][ix["match"]]
    b.js("""(function () { var i = document.getElementById('kwic-text'); i.value = %s;
        i.dispatchEvent(new Event('input')); })()""" % json.dumps(word))
    want = [r for r in rows if word.lower() in (r[ix["left"]] + " " + r[ix["match"]] + " " + r[ix["right"]]).lower()]
    got = lines()
    check(len(got) == min(len(want), KWIC_STEP) and got[0][0] == want[0][ix["doc_id"]], "word search %r: %d lines, page %d" % (word, len(want), len(got)))


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    chromium, d, scratch = args[:3]
    hostile, shot = None, None
    rest = args[3:]
    while rest:
        if rest[0] == "--hostile":
            hostile = [l for l in open(rest[1], encoding="utf-8").read().split("\n") if l]
        elif rest[0] == "--screenshot":
            shot = rest[1]
        rest = rest[2:]
    d = os.path.abspath(d)
    url = "file://" + os.path.join(d, "report.html")
    b = Browser(chromium, scratch)
    try:
        b.call("Network.enable")
        b.call("Page.enable")
        b.call("Runtime.enable")
        b.call("Log.enable")
        b.call("Emulation.setDeviceMetricsOverride", width=1280, height=800, deviceScaleFactor=1, mobile=False)
        t0 = time.time()
        b.call("Page.navigate", url=url)
        b.wait_event("Page.loadEventFired")
        for _ in range(600):
            if b.js("document.documentElement.getAttribute('data-ready')") == "yes":
                break
            time.sleep(0.05)
        load = time.time() - t0
        nav = b.js("(function () { var n = performance.getEntriesByType('navigation')[0];"
                   " return [n.responseEnd, n.domInteractive, n.domContentLoadedEventEnd, n.loadEventEnd]; })()")
        print("report loaded and ready in %.2f s (in the page: read %.0f ms, parsed %.0f ms, scripts done %.0f ms, "
              "loaded %.0f ms)" % tuple([load] + nav))
        check(b.js("document.documentElement.getAttribute('data-ready')") == "yes", "the page's script ran to the end")
        data = b.js("(function () { var d = JSON.parse(document.getElementById('rh-data').textContent);"
                    " return { rows: d.tables.length ? Math.max.apply(null, d.tables.map(function (t) { return t.rows.length; })) : 0,"
                    " kwic: d.kwic ? d.kwic.rows.length : 0 }; })()")
        rows_limit, lines_limit = 1000, 20000
        check(b.js("document.querySelector('#run table.kv') !== null"), "what was run is on the page")
        names = check_tables(b, d, rows_limit)
        svgs = check_charts(b, d)
        if os.path.exists(os.path.join(d, "kwic.csv")):
            check_kwic(b, d, lines_limit)
        # A numeric and a text column to sort by: the first table that has both.
        for n in names:
            cols, rows = read_csv(os.path.join(d, n))
            if len(rows) < 3:
                continue
            nums = [c for i, c in enumerate(cols) if all(r[i] == "NA" or is_number(r[i]) for r in rows[:rows_limit])
                    and len(set(r[i] for r in rows[:rows_limit])) > 2]
            texts = [c for i, c in enumerate(cols) if c not in nums and len(set(r[i] for r in rows[:rows_limit])) > 2]
            if nums and texts:
                check_sorting(b, d, n, nums[0], texts[0], rows_limit)
                break
        else:
            check(False, "no table to sort")
        if hostile:
            body = b.js("document.body.innerText + document.body.textContent")
            for h in hostile:
                check(h in body, "hostile string shown as text: %r" % h)
            check(b.js("typeof window.__pwned") == "undefined", "nothing from the corpus ran")
            check(b.js("document.title").startswith("rhetor report"), "the title is untouched")
            check(b.js("document.scripts.length") == 2, "the page has only its own two scripts")
            check(b.js("document.querySelectorAll('img, iframe, object, embed, textarea, form, [onerror], [onload], [onclick]').length") == 0,
                  "no markup from the corpus")
            check(b.js("Array.from(document.querySelectorAll('a')).every(function (a) {"
                       " var h = a.getAttribute('href'); return h.charAt(0) === '#' || h.indexOf('./') === 0; })"),
                  "every link is inside the page or to a file beside it")
        if shot:
            png = b.call("Page.captureScreenshot", format="png")["data"]
            with open(shot, "wb") as f:
                f.write(base64.b64decode(png))
        # Collect what arrived meanwhile, then judge the console and the network.
        b.js("1")
        requests = [e["params"]["request"]["url"] for e in b.events if e["method"] == "Network.requestWillBeSent"]
        outside = [u for u in requests if u != url and not u.startswith("data:")]
        check(requests and requests[0] == url, "the page itself was loaded: %s" % requests[:3])
        check(outside == [], "requests left the file: %s" % outside[:5])
        errors = [e["params"] for e in b.events if e["method"] in ("Runtime.exceptionThrown",)]
        errors += [e["params"] for e in b.events if e["method"] == "Runtime.consoleAPICalled"]
        errors += [e["params"]["entry"] for e in b.events if e["method"] == "Log.entryAdded"
                   and e["params"]["entry"]["level"] in ("error", "warning")]
        check(errors == [], "console messages: %s" % json.dumps(errors)[:600])
        print("%d tables, %d charts, %d concordance lines, %d requests" % (len(names), len(svgs), data["kwic"], len(requests)))
    except Fail as e:
        check(False, str(e))
    finally:
        b.close()
    print("%d passed, %d failed" % (checks - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
