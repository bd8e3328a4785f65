#!/bin/bash
# test_cooc_cli.sh: rhetor cooc end to end: headers, --by, windows, usage errors.
# Usage: test_cooc_cli.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
set -u
bin=$1 src=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch/texts" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

# Tokens: a: peace(0) and(1) win-win(2) cooperation(3) bring(4) peace(5) and(6) joy(7)
#         b: joy(0) win-win(1) cooperation(2)
printf 'Peace and win-win cooperation bring peace and joy.\n' > "$scratch/texts/a.txt"
printf 'Joy: win-win cooperation!\n' > "$scratch/texts/b.txt"
printf 'doc_id,side\na,X\nb,Y\n' > "$scratch/meta.csv"
printf 'concept,pattern\nww,win-win cooperation\npeace,peace\n' > "$scratch/dict.csv"

"$bin" cooc "$scratch/texts" --phrases "$scratch/dict.csv" --window 2 -q -o "$scratch/o1" || fail "cooc exited $?"
head -1 "$scratch/o1/collocates.csv" | grep -qx 'node,collocate,o11,e11,f_node,f_collocate,r1,n,mi,mi3,t_score,z_score,log_likelihood,p_value,dice,log_dice,delta_p' \
	|| fail "collocates header: $(head -1 "$scratch/o1/collocates.csv")"
head -1 "$scratch/o1/concept_cooc.csv" | grep -q '^concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood' \
	|| fail "concept_cooc header"
[ -f "$scratch/o1/documents.csv" ] || fail "no documents.csv"
# ww: a [2,4) left peace and, right bring peace (4); b [1,3) left joy, right
# clipped (1): R1 = 5, f_node 2, N = 11; peace o11 2, f_collocate 2.
grep -q '^ww,peace,2,[^,]*,2,2,5,11,' "$scratch/o1/collocates.csv" || fail "ww,peace row: $(grep '^ww,peace' "$scratch/o1/collocates.csv")"
# Both documents hold ww, one holds peace: both 1, a_only 1, b_only 0, neither 0.
grep -q '^ww,peace,1,1,0,0,' "$scratch/o1/concept_cooc.csv" || fail "concept pair row"

# --by: the same per group, `group` the last column; n is the group's.
"$bin" cooc "$scratch/texts" --meta "$scratch/meta.csv" --by side --phrases "$scratch/dict.csv" --window 2 -q -o "$scratch/o2" || fail "cooc --by exited $?"
head -1 "$scratch/o2/collocates.csv" | grep -q ',delta_p,group$' || fail "group column not last"
grep -q '^ww,peace,2,[^,]*,1,2,4,8,.*,X$' "$scratch/o2/collocates.csv" || fail "group X row: $(grep '^ww,peace' "$scratch/o2/collocates.csv")"
grep -q '^ww,joy,1,[^,]*,1,1,1,3,.*,Y$' "$scratch/o2/collocates.csv" || fail "group Y row"
head -1 "$scratch/o2/concept_cooc.csv" | grep -q ',group$' || fail "concept_cooc group column"

# Adjacent bigrams: --window-left 0 --window-right 1.
"$bin" cooc "$scratch/texts" --phrases "$scratch/dict.csv" --window-left 0 --window-right 1 -q -o "$scratch/o3" || fail "one-sided window"
[ "$(grep -c '^ww,' "$scratch/o3/collocates.csv")" -eq 1 ] || fail "ww should have one right neighbour (bring)"
grep -q '^ww,bring,1,[^,]*,2,1,1,11,' "$scratch/o3/collocates.csv" || fail "ww,bring bigram row"

# --within sentence: concept units are sentences (a has 1, b has 1).
"$bin" cooc "$scratch/texts" --phrases "$scratch/dict.csv" --within sentence -q -o "$scratch/o4" || fail "--within sentence"
grep -q '^ww,peace,1,1,0,0,' "$scratch/o4/concept_cooc.csv" || fail "sentence units"

# Usage errors exit 2.
"$bin" cooc "$scratch/texts" -q -o "$scratch/o5" 2>/dev/null; [ $? -eq 2 ] || fail "no --phrases"
"$bin" cooc "$scratch/texts" --phrases "$scratch/dict.csv" --within page -q -o "$scratch/o5" 2>/dev/null; [ $? -eq 2 ] || fail "--within page"
"$bin" cooc "$scratch/texts" --phrases "$scratch/dict.csv" --window 0 -q -o "$scratch/o5" 2>/dev/null; [ $? -eq 2 ] || fail "--window 0"
"$bin" cooc --help | grep -q 'group' || fail "--help does not mention the group column"
echo ok
