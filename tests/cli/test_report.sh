# test_report.sh: rhetor report without a browser: the page holds each table's first rows and the
# concordance lines the documented rule picks (checked against the CSVs by tests/report/check_page.py),
# hostile names stay data, and bad input is named (a broken lock file, a broken table, a chart that
# is not plain drawing, a missing directory).
. "$(dirname "$0")/lib.sh"

CHECK="$PY $SRC/tests/report/check_page.py"

# The hostile fixture: names, ids and speeches that hold markup.
$PY "$SRC/tests/report/hostile.py" h || { echo "fixture failed"; exit 1; }
(cd h && "$RHETOR" run an.ini --set plot.render=no --quiet) || { echo "rhetor run failed"; exit 1; }
expect_status 0 "$RHETOR" report h/out
expect_err "h/out/report.html"
if $CHECK h/out 1000 20000 --hostile h/hostile.txt >check.txt 2>&1; then ok; else fail "hostile page:"; cat check.txt >&2; fi
# Bounded: 5 rows of each table, 12 concordance lines of the 60-odd.
expect_status 0 "$RHETOR" report h/out --rows 5 --lines 12 --quiet
[ -s err.txt ] && fail "--quiet printed: $(cat err.txt)" || ok
if $CHECK h/out 5 12 >check.txt 2>&1; then ok; else fail "bounded page:"; cat check.txt >&2; fi
grep -qF '12 of them are here' h/out/report.html && ok || fail "the page does not say how many lines it holds"

# Charts: an SVG that is plain drawing is inline with its ids prefixed; one that is not is left out, named.
mkdir -p h/out/plots
cat > h/out/plots/terms.svg <<'SVG'
<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><circle id="gpDot" r="1"/></defs><use href="#gpDot"/><text>&lt;b&gt;</text></svg>
SVG
printf '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>\n' > h/out/plots/keyness.svg
expect_status 0 "$RHETOR" report h/out
expect_err "plots/keyness.svg left out: line 1: an element that is not drawing"
grep -qF '<use href="#c-terms-gpDot"/>' h/out/report.html && ok || fail "terms.svg not inline with prefixed ids"
grep -q '__pwned=1</script></svg>' h/out/report.html && fail "keyness.svg reached the page" || ok
grep -qF 'href="./plots/keyness.svg"' h/out/report.html && ok || fail "no link to the chart left out"

# [report] in an analysis file: rhetor run writes the page after the lock, which records the section.
rm -rf h/out
expect_status 0 "$RHETOR" run h/an.ini --set plot.render=no --set report.lines=30
expect_err "h/out/report.html written"
grep -qx 'lines = 30' h/out/rhetor.lock.ini && grep -qx 'rows = 1000' h/out/rhetor.lock.ini && ok ||
	fail "the lock does not record [report]"
if $CHECK h/out 1000 30 >check.txt 2>&1; then ok; else fail "page of rhetor run:"; cat check.txt >&2; fi
grep -q 'report.html' h/out/rhetor.lock.ini && fail "the lock lists the page among its outputs" || ok
expect_status 0 "$RHETOR" verify h/out

# Bad input. No directory; not a directory; -o.
expect_status 2 "$RHETOR" report
expect_err "which directory?"
expect_status 1 "$RHETOR" report nowhere
expect_err "nowhere: not a directory"
expect_status 2 "$RHETOR" report h/out -o elsewhere
# A broken table is left out with its file and line named; the page is still written.
cp -r h/out b
printf 'a,b\n1,2\n3\n' > b/broken.csv
rm -f b/report.html
expect_status 0 "$RHETOR" report b
expect_err "broken.csv:3: 1 field, the header has 2"
[ -s b/report.html ] && ok || fail "no page beside a broken table"
grep -qF 'Not shown: ' b/report.html && ok || fail "the page does not say the table is not shown"
# A broken lock file: an error naming it and the line, and no page.
rm -f b/report.html
printf '[corpus]\npath = x\nfrobnicate = 1\n' > b/rhetor.lock.ini
expect_status 1 "$RHETOR" report b
expect_err "rhetor.lock.ini:3"
[ -e b/report.html ] && fail "a page was written from a broken lock file" || ok
ls -a b | grep -q '^\.report' && fail "a temporary file was left behind" || ok

# Without a lock file (tables from single commands) the page says so.
mkdir -p single
"$RHETOR" freq h/texts --meta h/meta.csv --by country -o single --quiet
expect_status 0 "$RHETOR" report single
grep -qF 'No rhetor.lock.ini in this directory' single/report.html && ok || fail "no note on the missing lock file"
if $CHECK single 1000 20000 >check.txt 2>&1; then ok; else fail "page of single commands:"; cat check.txt >&2; fi

finish
