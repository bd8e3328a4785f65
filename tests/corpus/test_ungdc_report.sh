#!/bin/bash
# test_ungdc_report.sh: the report of the UN General Debate analysis (datasets/analyses/ungdc.ini):
# the page holds what the tables and kwic.csv say (tests/report/check_page.py) and, where Chromium
# is installed, opens in a few seconds with every check of tests/report/browser.py holding.
. "$(dirname "$0")/../cli/lib.sh"

U="$SRC/../shared/corpora/ungdc"
if [ ! -d "$U/texts" ] || [ ! -f "$U/metadata.csv" ]; then
	echo "skipped: the UN General Debate Corpus is not at $U (texts/ + metadata.csv)"
	exit 77
fi
command -v gnuplot >/dev/null || { echo "skipped: gnuplot is not installed: no charts to show"; exit 77; }

expect_status 0 "$RHETOR" run "$SRC/datasets/analyses/ungdc.ini" -o un --set corpus.path="$U/texts" \
	--set corpus.meta="$U/metadata.csv" --set plot.format=svg
expect_err "un/report.html written"
n=$(($(wc -l < un/kwic.csv) - 1))
[ "$n" -gt 20000 ] && ok || fail "kwic.csv has only $n lines: the bound is not exercised"
if $PY "$SRC/tests/report/check_page.py" un 1000 20000 >check.txt 2>&1; then ok; else fail "the page:"; cat check.txt >&2; fi
size=$(stat -c %s un/report.html)
[ "$size" -lt 12000000 ] && ok || fail "report.html is $size bytes"

CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ] || ! $PY -c 'import websocket' 2>/dev/null; then
	echo "skipped: chromium and python3-websocket are not installed, so the page was not opened"
	[ "$failures" = 0 ] && exit 77
	finish
fi
if $PY "$SRC/tests/report/browser.py" "$CHROMIUM" un . >browser.txt 2>&1; then ok; else fail "in the browser:"; fi
cat browser.txt
# Opens within a few seconds: 10 s allows for a loaded test machine (about 1 s on an idle one).
secs=$(sed -n 's/^report loaded and ready in \([0-9.]*\) s.*/\1/p' browser.txt)
[ -n "$secs" ] && awk "BEGIN { exit !($secs < 10) }" && ok || fail "the page took ${secs:-?} s to open"

finish
