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
finish
