# test_report_browser.sh: the report of the demo analysis and of a hostile fixture, opened in
# headless Chromium (tests/report/browser.py, DevTools protocol): every table and chart is in the
# DOM, sorting and concordance searches change it as the CSVs say, no console message, no request
# leaves the file, the hostile names are text and nothing in them runs. Leaves a 1280x800
# screenshot of each page in the scratch directory.
. "$(dirname "$0")/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser)
[ -n "$CHROMIUM" ] || { echo "SKIP: chromium is not installed (scripts/install-deps --test installs it)"; exit 77; }
$PY -c 'import websocket' 2>/dev/null ||
	{ echo "SKIP: python3-websocket is not installed (scripts/install-deps --test installs it)"; exit 77; }
command -v gnuplot >/dev/null || { echo "SKIP: gnuplot is not installed: no charts to show"; exit 77; }
BROWSER="$PY $SRC/tests/report/browser.py $CHROMIUM"

# The demo analysis (datasets/analyses/demo.ini) on a small synthetic corpus, charts as SVG.
"$RHETOR" synth -o corpus --docs 200 --countries 20 --years 2000-2011 --doc-words 500 --seed 5 \
	--phrases "$SRC/datasets/phrases/diplomatic.csv" --quiet || { echo "synth failed"; exit 1; }
"$RHETOR" run "$SRC/datasets/analyses/demo.ini" -o demo --set corpus.path="$PWD/corpus/texts" \
	--set corpus.meta="$PWD/corpus/metadata.csv" --set plot.format=svg --quiet || { echo "run failed"; exit 1; }
expect_status 0 "$RHETOR" report demo
if $BROWSER demo . --screenshot demo-1280x800.png >browser.txt 2>&1; then ok; else fail "demo report in the browser:"; fi
cat browser.txt

# --dump-dom: the DOM after the page's script ran holds every chart and every table.
dump() { # $1 page, $2 output
	rm -rf profile && mkdir profile
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$PWD/profile" --dump-dom "file://$PWD/$1" >"$2" 2>/dev/null
}
dump demo/report.html dom.html
svgs=$(ls demo/plots/*.svg | wc -l)
tables=$(ls demo/*.csv | grep -v '/kwic.csv$' | wc -l)
[ "$svgs" -gt 5 ] && ok || fail "only $svgs charts drawn"
[ "$(grep -A1 '^<figure id="chart-[a-z_]*">$' dom.html | grep -c '^<svg ')" = "$svgs" ] && ok || fail "dump-dom: not every chart"
[ "$(grep -o '<div class="view" id="t[0-9]*"><div class="tools">' dom.html | wc -l)" = "$tables" ] && ok ||
	fail "dump-dom: not every table built"
grep -q '<table id="kwic-lines"><tbody><tr>' dom.html && ok || fail "dump-dom: no concordance lines"

# The hostile fixture.
$PY "$SRC/tests/report/hostile.py" h || { echo "fixture failed"; exit 1; }
(cd h && "$RHETOR" run an.ini --quiet) || { echo "rhetor run failed"; exit 1; }
expect_status 0 "$RHETOR" report h/out
if $BROWSER h/out . --hostile h/hostile.txt --screenshot hostile-1280x800.png >browser.txt 2>&1; then ok; else
	fail "hostile report in the browser:"; fi
cat browser.txt
dump h/out/report.html hdom.html
grep -q '__pwned=1</script>' hdom.html && fail "dump-dom: a hostile script element" || ok
grep -qF '&lt;script&gt;window.__pwned=1&lt;/script&gt;' hdom.html && ok || fail "dump-dom: the hostile name is not text"

finish
