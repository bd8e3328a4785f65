#!/bin/bash
# test_plot_fit.sh: layouts computed from what is drawn. At 1col a collocates
# table of six concepts draws all six panels (fewer bars each) within the
# page's height; each panel's bars are the first `top` rows of its concept in
# the table (strongest by G2) placed by logDice, longest first; a keyness
# label too long for one line at 1col takes two and is not cut; the phrase
# candidates of each size get their own value axis; dispersion shows the
# concepts with the most matches below the words; at 1col long concept names
# in a heatmap break into two lines, whole at 8 and 10 pt. The expected values come
# from the CSV files through awk, not from the scripts.
. "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || { echo "skipped: gnuplot not installed"; exit 77; }
export RHETOR_DATA_DIR=$SRC

# Six concepts: the fixture's two, and four more made from them.
mkdir -p c
{
	head -1 "$SRC"/tests/data/plot/collocates.csv
	for k in "" 2 3; do
		tail -n +2 "$SRC"/tests/data/plot/collocates.csv | sed "s/^win-win cooperation,/win-win cooperation$k,/; s/^human rights,/human rights$k,/"
	done
} >c/collocates.csv
expect_status 0 "$RHETOR" plot c --no-render -q
got=$(cd c/plots && gnuplot -e "width='1col'; fmt='svg'" -e "load 'collocates.gp'; set print '-'; print sprintf('%d %d %d %g', rh_np, rh_ng, rh_top, rh_h)" 2>/dev/null)
read -r np ng ntop h <<<"$got"
[ "$np" = 6 ] && [ "$ng" = 6 ] && ok || fail "1col collocates: $np of $ng panels drawn"
awk -v h="$h" 'BEGIN { exit !(h > 0 && h <= 23) }' && ok || fail "1col collocates: $h cm tall"
[ "$ntop" -ge 5 ] && [ "$ntop" -lt 20 ] && ok || fail "1col collocates: $ntop bars a panel"

# The bars of each panel in place order, against the table: the first ntop
# rows of the concept, sorted by log_dice (column 16), descending.
(cd c/plots && gnuplot -e "width='1col'; fmt='svg'" -e "load 'collocates.gp'; set print '-'; do for [q = 1:rh_np] { do for [p = 1:rh_bn[q]] { do for [k = 1:rh_bn[q]] { if (rh_by[(q - 1) * top + k] == p) { print sprintf('%s,%.4f', rh_G[q], rh_bv[(q - 1) * top + k]) } } } }" 2>/dev/null) >drawn.txt
awk -F, -v n="$ntop" 'NR > 1 && ++seen[$1] <= n { print $1 "," $16 }' c/collocates.csv |
	sort -t, -k1,1 -s -k2,2gr | awk -F, '{ printf "%s,%.4f\n", $1, $2 }' >want.txt
sort -t, -k1,1 -s drawn.txt >drawn_sorted.txt
diff want.txt drawn_sorted.txt >d.txt && ok || fail "collocates bars: $(head -5 d.txt)"
# Within each panel, the places run down the values.
awk -F, '$1 == last && $2 > prev { bad = 1 } { last = $1; prev = $2 } END { exit bad }' drawn.txt && ok ||
	fail "collocates bars out of the order of logDice"

# Keyness at 1col: a concept's label too long for a line takes two, whole.
mkdir -p k
{
	echo "term,target_count,reference_count,target_per_10k,reference_per_10k,log_likelihood,p_value,q_value,chi2,log_ratio,pct_diff,bic,kind"
	echo "sovereignty_territorial_integrity_of_every_state,50,10,8,1,60,1e-14,1e-13,60,3,700,50,concept"
	echo "peace,30,10,5,1,30,1e-7,1e-6,30,2,400,20,term"
	echo "rights,5,40,1,6,-40,1e-9,1e-8,40,-2.5,-80,30,term"
} >k/keyness.csv
expect_status 0 "$RHETOR" plot k --no-render -q
(cd k/plots && gnuplot -e "width='1col'; fmt='svg'" keyness.gp) 2>k.err
grep -v '^rhetor note: ' k.err >k.other
[ -s k.other ] && fail "keyness 1col: gnuplot said $(head -2 k.other)" || ok
grep -q '…' k/plots/keyness.svg && fail "keyness 1col cuts a label" || ok
texts=$(grep -o '<text[^>]*>[^<]*</text>' k/plots/keyness.svg | sed 's/<[^>]*>//g' | paste -sd'|')
case "|$texts|" in
*"|sovereignty territorial integrity|of every state (concept)|"* | *"|sovereignty territorial integrity of|every state (concept)|"* | *"|sovereignty territorial|integrity of every state (concept)|"*) ok ;;
*)
	fail "keyness 1col: the long label is not on two lines: $texts" ;;
esac

# Candidates: each size its own axis, to just past its largest z.
mkdir -p p
{
	echo "phrase,size,count,docs,count_nested,lambda,sigma,z"
	echo "human rights,2,40,10,0,5,0.05,100"
	echo "win win,2,30,10,0,4,0.05,80"
	echo "right to development,3,20,8,0,3,0.3,10"
	echo "the united nations,3,50,20,0,2,0.25,8"
} >p/candidates.csv
expect_status 0 "$RHETOR" plot p --no-render -q
got=$(cd p/plots && gnuplot -e "fmt='svg'" -e "load 'candidates.gp'; set print '-'; print sprintf('%s=%g %s=%g', rh_G[1], rh_bmax(1), rh_G[2], rh_bmax(2))" 2>/dev/null)
want=$(awk -F, 'NR > 1 && $8 > m[$2] { m[$2] = $8 } END { printf "2=%g 3=%g", m[2] * 1.05, m[3] * 1.05 }' p/candidates.csv)
[ "$got" = "$want" ] && ok || fail "candidates axes: got '$got', want '$want'"
# Dispersion: the words first, then the top / 2 concepts with the most matches.
mkdir -p s
{
	echo "term,count,range,dp,dp_norm,juilland_d,kind"
	for k in 1 2 3 4 5 6; do echo "word$k,$((100 - k)),5,0.1,0.1$k,0.9,term"; done
	for k in 1 2 3 4 5; do echo "concept_$k,$((k * 7 % 5 + 1)),3,0.5,0.5$k,0.8,concept"; done
} >s/dispersion.csv
expect_status 0 "$RHETOR" plot s --no-render -q
got=$(cd s/plots && gnuplot -e "fmt='svg'; top=4" -e "load 'dispersion.gp'; set print '-'; print sprintf('%d %d', rh_nt, rh_nc)" 2>/dev/null)
[ "$got" = "4 2" ] && ok || fail "dispersion rows: '$got', want '4 2'"
(cd s/plots && gnuplot -e "fmt='svg'; top=4" dispersion.gp 2>/dev/null)
# The two concepts with most matches (awk over the counts), by their names as labels.
want=$(awk -F, '$7 == "concept" { print $2, $1 }' s/dispersion.csv | sort -k1,1nr | head -2 | awk '{ sub("_", " ", $2); print $2 }' | paste -sd' ')
texts=$(grep -o '<text[^>]*>[^<]*</text>' s/plots/dispersion.svg | sed 's/<[^>]*>//g' | grep '^concept [0-9]' | paste -sd' ')
[ "$texts" = "$want" ] && ok || fail "dispersion concepts: '$texts', want '$want'"
# By group, with room for 6 panels: 2 of the concepts, with all 3 groups each;
# the note counts concepts and groups, not concept x group panels.
mkdir -p g
{
	echo "$(head -1 "$SRC"/tests/data/plot/collocates.csv),group"
	for g in AAA BBB CCC; do tail -n +2 c/collocates.csv | sed "s/\$/,$g/"; done
} >g/collocates.csv
expect_status 0 "$RHETOR" plot g --no-render -q --groups AAA,BBB,CCC
nc=$(tail -n +2 c/collocates.csv | cut -d, -f1 | sort -u | wc -l)
(cd g/plots && gnuplot -e "fmt='svg'; maxpanels=6" collocates.gp) 2>g.err
want="collocates: 2 of $nc concepts, 3 of 3 groups drawn"
grep -q "^rhetor note: $want " g.err && ok || fail "by-group note: want '$want', got: $(grep 'drawn (' g.err)"
# Concept co-occurrence by group: a panel for every group given, one colour
# scale for all; a group without a row of the concepts drawn gets an empty panel and a note.
mkdir -p h
{
	echo "$(head -1 "$SRC"/tests/data/plot/concept_cooc.csv),group"
	for g in AAA BBB; do tail -n +2 "$SRC"/tests/data/plot/concept_cooc.csv | sed "s/\$/,$g/"; done
	echo "other a,other b,3,1,1,20,0.6,1,5,CCC"
} >h/concept_cooc.csv
# CCC's one row pairs two concepts not drawn.
expect_status 0 "$RHETOR" plot h --no-render -q --groups BBB,CCC,AAA \
	--concepts "win-win cooperation,shared future,human rights,sovereignty,development"
got=$(cd h/plots && gnuplot -e "fmt='svg'; checklayout=1" -e "load 'concept_cooc.gp'; set print '-'; print sprintf('%d %s %s %s %d %d %d', rh_np, rh_gd[1], rh_gd[2], rh_gd[3], rh_gn[1], rh_gn[2], rh_gn[3])" 2>h.err)
n=$(tail -n +2 "$SRC"/tests/data/plot/concept_cooc.csv | wc -l)
[ "$got" = "3 BBB CCC AAA $n 0 $n" ] && ok || fail "by-group heatmap panels: '$got', want '3 BBB CCC AAA $n 0 $n'"
grep -q '^rhetor note: concept_cooc: CCC has no row' h/plots/h.err && ok || fail "no note for the empty group: $(cat h/plots/h.err)"
[ "$(grep -c '^rhetor layout: ' h/plots/h.err)" = 3 ] && ok || fail "by-group heatmap: not 3 plots"
# Six concepts with long names at 1col, at 8 and 10 pt: the colour box goes below
# the squares and the names break into two lines at a space, none cut short.
mkdir -p lc
awk 'BEGIN {
	n = split("community_of_shared_future_for_mankind peaceful_development_road win_win_cooperation_model non_interference_in_internal_affairs human_rights_and_freedoms democracy_and_the_rule_of_law", c, " ")
	print "concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood"
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) printf "%s,%s,%d,5,5,80,%g,1,3\n", c[i], c[j], i + j, (i + j) / 20
}' >lc/concept_cooc.csv
expect_status 0 "$RHETOR" plot lc --no-render -q
want="1 1 $(awk -F, 'NR > 1 { for (k = 1; k <= 2; k++) if (!seen[$k]++) { gsub(/_/, " ", $k); printf "|%s", $k } }' lc/concept_cooc.csv) "
for fs in 8 10; do
	got=$(cd lc/plots && gnuplot -e "fmt='svg'; width='1col'; fontsize=$fs" -e "load 'concept_cooc.gp'; set print '-'; \
		rh_o = sprintf('%d %d ', rh_cbb, rh_two); do for [k = 1:rh_n] { rh_o = rh_o . '|' . rh_hlab(rh_U[k]) }; print rh_o" 2>/dev/null | tr '\n' ' ')
	[ "$got" = "$want" ] && ok || fail "1col, $fs pt: long concept names: '$got', want '$want'"
done
finish
