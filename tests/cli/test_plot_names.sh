#!/bin/bash
# test_plot_names.sh: --groups and --concepts name values of the tables; a
# name no table has is a usage error that lists, on one line, the names the
# option can pick; nothing is written then.
. "$(dirname "$0")/lib.sh"
export RHETOR_DATA_DIR=$SRC
mkdir -p d && cp "$SRC"/tests/data/plot/trends.csv "$SRC"/tests/data/plot/adoption_curve.csv d/

expect_status 2 "$RHETOR" plot d --no-render --groups CHINA,Brazil
expect_err "rhetor plot: --groups: no table in d has 'CHINA'"
# The fixture's groups (awk over trends.csv), sorted, on the line that lists them.
want="rhetor plot: --groups: the names it can pick there (3): $(awk -F, 'NR > 1 { print $1 }' d/trends.csv | sort -u | paste -sd, | sed 's/,/, /g')"
grep -qxF "$want" err.txt && ok || fail "the list of groups: want '$want', got: $(cat err.txt)"
[ -e d/plots ] && fail "scripts written despite the error" || ok

expect_status 2 "$RHETOR" plot d --no-render --concepts "winwin,human rights"
expect_err "rhetor plot: --concepts: no table in d has 'winwin'"
want="rhetor plot: --concepts: the names it can pick there (3): $(awk -F, 'NR > 1 { print $3 }' d/trends.csv | sort -u | paste -sd, | sed 's/,/, /g')"
grep -qxF "$want" err.txt && ok || fail "the list of concepts: want '$want', got: $(cat err.txt)"

expect_status 0 "$RHETOR" plot d --no-render --groups Brazil,China --concepts "human rights" -q
grep -q "^array groups = \['Brazil', 'China'\]" d/plots/trends.gp && ok || fail "groups not in the script"

# Collocates and co-occurrence: their panels and cells are concepts, picked by
# --concepts; --groups picks the group of a table made with --by, and when it
# names two groups that table has, a note says that one is drawn.
mkdir -p c && cp "$SRC"/tests/data/plot/collocates.csv "$SRC"/tests/data/plot/terms.csv c/
expect_status 0 "$RHETOR" plot c --no-render -q --concepts "human rights"
got=$(cd c/plots && gnuplot -e "fmt='svg'" -e "load 'collocates.gp'; print sprintf('%d|', rh_np) . rh_G[1]" 2>&1)
[ "$got" = "1|human rights" ] && ok || fail "collocates --concepts: '$got'"
expect_status 2 "$RHETOR" plot c --no-render --groups "human rights"
expect_err "rhetor plot: --groups: no table in c has 'human rights'"
mkdir -p g
{
	head -1 "$SRC"/tests/data/plot/collocates.csv | sed 's/$/,group/'
	tail -n +2 "$SRC"/tests/data/plot/collocates.csv | sed 's/$/,CHN/'
	tail -n +2 "$SRC"/tests/data/plot/collocates.csv | sed 's/$/,USA/'
} > g/collocates.csv
expect_status 0 "$RHETOR" plot g --format png --groups CHN,USA
expect_err "collocates: one group per chart: CHN drawn (named above the chart), the first of the 2 groups given that the table has; not drawn: USA"
finish
