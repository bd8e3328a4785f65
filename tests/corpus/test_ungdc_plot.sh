#!/bin/bash
# test_ungdc_plot.sh: every chart of the UN analysis (datasets/analyses/ungdc.ini)
# renders at both widths without a gnuplot warning, with its plot areas inside
# the canvas (tests/cli/plot_layout.sh).
. "$(dirname "$0")/../cli/lib.sh"
. "$SRC/tests/cli/plot_layout.sh"
command -v gnuplot >/dev/null || { echo "skipped: gnuplot not installed"; exit 77; }
U="$SRC/../shared/corpora/ungdc"
if [ ! -d "$U/texts" ] || [ ! -f "$U/metadata.csv" ]; then
	echo "skipped: the UN General Debate Corpus is not at $U (texts/ + metadata.csv)"
	exit 77
fi
export RHETOR_DATA_DIR=$SRC
expect_status 0 "$RHETOR" run "$SRC/datasets/analyses/ungdc.ini" -o un --set plot.render=no --quiet
# Each gnuplot run reads the whole table (trends.csv has 500,000 rows here),
# so PNG alone here, at both widths; every format is checked on the fixture
# (test_plot_layout.sh) and rendered without a warning by rhetor run above
# when render is on.
LAYOUT_FORMATS=png check un
finish
