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
# --concepts; --groups picks the groups of a table made with --by. The
# collocates chart draws a panel per concept and group given, each with that
# group's first rows by G2 (the table's order) placed by logDice.
mkdir -p c && cp "$SRC"/tests/data/plot/collocates.csv "$SRC"/tests/data/plot/terms.csv c/
expect_status 0 "$RHETOR" plot c --no-render -q --concepts "human rights"
got=$(cd c/plots && gnuplot -e "fmt='svg'" -e "load 'collocates.gp'; print sprintf('%d|', rh_np) . rh_G[1]" 2>&1)
[ "$got" = "1|human rights" ] && ok || fail "collocates --concepts: '$got'"
expect_status 2 "$RHETOR" plot c --no-render --groups "human rights"
expect_err "rhetor plot: --groups: no table in c has 'human rights'"
# Two groups, each in the order cooc writes (log_likelihood descending): CHN
# with the fixture's values, USA with G2 and logDice of its own (1000 / G2,
# 14 - logDice), so the two groups' first rows differ.
mkdir -p g
{
	head -1 "$SRC"/tests/data/plot/collocates.csv | sed 's/$/,group/'
	tail -n +2 "$SRC"/tests/data/plot/collocates.csv | sort -t, -s -k1,1 -k13,13gr | sed 's/$/,CHN/'
	tail -n +2 "$SRC"/tests/data/plot/collocates.csv |
		awk -F, -v OFS=, '{ $13 = sprintf("%.4f", 1000 / $13); $16 = sprintf("%.4f", 14 - $16); print }' |
		sort -t, -s -k1,1 -k13,13gr | sed 's/$/,USA/'
} >g/collocates.csv
expect_status 0 "$RHETOR" plot g --format png --groups USA,CHN
grep -q 'collocates: one group per chart' err.txt && fail "collocates still draws one group" || ok
# The panels: each concept (in the table's order) for USA, then CHN.
got=$(cd g/plots && gnuplot -e "fmt='svg'; top=6" -e "load 'collocates.gp'; set print '-'; do for [q = 1:rh_np] { print rh_pc(q) . '|' . rh_pg(q) }" 2>/dev/null | paste -sd,)
want=$(awk -F, 'NR > 1 && !seen[$1]++ { printf "%s%s|USA,%s|CHN", n++ ? "," : "", $1, $1 }' g/collocates.csv)
[ "$got" = "$want" ] && ok || fail "collocates panels: '$got', want '$want'"
# Each panel's bars, in place order: the group's 6 rows of the concept with the
# highest G2 (column 13), by logDice (column 16) descending.
(cd g/plots && gnuplot -e "fmt='svg'; top=6" -e "load 'collocates.gp'; set print '-'; do for [q = 1:rh_np] { do for [p = 1:rh_bn[q]] { do for [k = 1:rh_bn[q]] { if (rh_by[(q - 1) * top + k] == p) { print sprintf('%s|%s,%.4f', rh_pc(q), rh_pg(q), rh_bv[(q - 1) * top + k]) } } } }" 2>/dev/null) >drawn.txt
tail -n +2 g/collocates.csv | sort -t, -s -k18,18 -k1,1 -k13,13gr | awk -F, '++seen[$1 "|" $18] <= 6 { print $1 "|" $18 "," $16 }' |
	sort -t, -s -k1,1 -k2,2gr | awk -F, '{ printf "%s,%.4f\n", $1, $2 }' >want.txt
sort -t, -s -k1,1 drawn.txt >drawn_sorted.txt
[ "$(wc -l <want.txt)" = 24 ] && diff want.txt drawn_sorted.txt >d.txt && ok || fail "collocates bars per group: $(head -5 d.txt)"
# The groups share the value axis, so their bars compare.
got=$(cd g/plots && gnuplot -e "fmt='svg'; top=6" -e "load 'collocates.gp'; set print '-'; print sprintf('%g', rh_bmax(1))" 2>/dev/null)
want=$(sort -t, -k2,2gr want.txt | head -1 | awk -F, '{ printf "%g", $2 * 1.05 }')
[ "$got" = "$want" ] && ok || fail "collocates axis: '$got', want '$want'"
finish
