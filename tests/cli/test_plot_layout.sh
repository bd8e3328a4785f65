#!/bin/bash
# test_plot_layout.sh: what gnuplot reports about each chart's own layout.
# With checklayout=1 every plot of a script prints its plot area on the
# canvas (GPVAL_TERM_XMIN/XMAX/YMIN/YMAX against the canvas size): for every
# chart, format and width, each plot area lies inside the canvas with room
# left for the tic labels below and to the left and for the last tic label
# on the right (at least 1% of the width and 3% of the height), and nothing
# but notes and those lines is printed: no gnuplot warning.
# The fixture tables and rhetor phrases' candidates here; the UN tables in tests/corpus/test_ungdc_plot.sh.
. "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || { echo "skipped: gnuplot not installed"; exit 77; }
export RHETOR_DATA_DIR=$SRC

. "$(dirname "$0")/plot_layout.sh"

mkdir -p fx && cp "$SRC"/tests/data/plot/*.csv fx/
expect_status 0 "$RHETOR" plot fx --no-render -q
check fx
# The phrase-discovery chart, from the candidates rhetor phrases finds in a
# small generated corpus (sizes 2-3, so two panels).
expect_status 0 "$RHETOR" synth -o ph --docs 40 --seed 3 --phrases "$SRC/datasets/phrases/diplomatic.csv" -q
expect_status 0 "$RHETOR" phrases ph/texts --size 2-3 --min-count 3 -o pc -q
expect_status 0 "$RHETOR" plot pc --no-render -q
[ -f pc/plots/candidates.gp ] && ok || fail "no candidates chart from rhetor phrases"
check pc
# At 10 pt and with titles the margins grow with the text.
(cd fx/plots && gnuplot -e "fmt='png'; fontsize=10; titles=1; checklayout=1" trends.gp) >lay10.txt 2>&1
awk '/^rhetor layout: / { if (!($5 >= 0.03 * $8 && $8 - $6 > 0)) bad = 1; n++ } END { exit bad || !n }' lay10.txt && ok ||
	fail "trends at 10 pt: $(head -3 lay10.txt)"

finish
