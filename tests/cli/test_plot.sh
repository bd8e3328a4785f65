#!/bin/bash
# test_plot.sh: rhetor plot on hand-written fixture tables: scripts match the
# golden files, every chart renders with the real gnuplot as a valid PNG, PDF
# and SVG, and gnuplot prints no warning.
# Usage: bash test_plot.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
# Set RHETOR_REGEN_GOLDEN=1 to rewrite tests/data/plot/golden (then review them).
set -u
BIN=$1 SRC=$2 TMP=$3
DATA=$SRC/tests/data/plot
GOLD=$DATA/golden
command -v gnuplot >/dev/null || { echo "gnuplot not installed"; exit 77; }
rm -rf "$TMP" && mkdir -p "$TMP/out" || exit 1
export RHETOR_DATA_DIR=$SRC
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cp "$DATA"/*.csv "$TMP/out/"
charts="terms tfidf concepts keyness collocates concept_cooc similarity dispersion trends adoption"

# 1. Scripts only, compared with the golden files.
"$BIN" plot "$TMP/out" --no-render -q 2>"$TMP/err1" || bad "plot --no-render exited $?"
[ -s "$TMP/err1" ] && bad "stderr with -q: $(head -5 "$TMP/err1")"
head -n -2 "$TMP/out/plots/rhetor.gp" | cmp -s "$SRC/plots/rhetor.gp" - || bad "style not copied"
if [ "${RHETOR_REGEN_GOLDEN:-0}" = 1 ]; then
	mkdir -p "$GOLD"
	for c in $charts; do cp "$TMP/out/plots/$c.gp" "$GOLD/$c.gp"; done
	echo "golden scripts rewritten in $GOLD: review them"
fi
for c in $charts; do
	[ -f "$TMP/out/plots/$c.gp" ] || { bad "no $c.gp"; continue; }
	diff -u "$GOLD/$c.gp" "$TMP/out/plots/$c.gp" >"$TMP/diff" || bad "$c.gp differs from golden: $(head -20 "$TMP/diff")"
	# No cell of the tables is in a script: a term of terms.csv, a concept, a unit.
	grep -q -e countries -e 'win-win cooperation' -e China_2013 "$TMP/out/plots/$c.gp" && bad "$c.gp holds table text"
done

# 2. Render png, pdf, svg with the real gnuplot; any gnuplot output fails the run.
"$BIN" plot "$TMP/out" --format png,pdf,svg -q 2>"$TMP/err2" || bad "plot exited $?: $(head -20 "$TMP/err2")"
[ -s "$TMP/err2" ] && bad "gnuplot or rhetor printed: $(head -20 "$TMP/err2")"
for c in $charts; do
	f=$TMP/out/plots/$c
	[ -s "$f.png" ] && [ "$(head -c 4 "$f.png" | od -An -tx1 | tr -d ' \n')" = 89504e47 ] || bad "$c.png is not a PNG"
	[ -s "$f.pdf" ] && [ "$(head -c 5 "$f.pdf")" = "%PDF-" ] || bad "$c.pdf is not a PDF"
	[ -s "$f.svg" ] && grep -q '<svg' "$f.svg" || bad "$c.svg is not an SVG"
done

# 3. By hand, from another directory, as the script header says; LaTeX output.
(cd "$TMP" && gnuplot -e "fmt='tex'; width='1col'" out/plots/keyness.gp) >"$TMP/err3" 2>&1 || bad "by hand failed"
grep -qv "^rhetor note: " "$TMP/err3" && bad "gnuplot by hand printed: $(head -5 "$TMP/err3")"
[ -s "$TMP/out/plots/keyness-tex.tex" ] && [ "$(head -c 5 "$TMP/out/plots/keyness-tex.pdf")" = "%PDF-" ] || bad "no tex output"
grep -q 'development' "$TMP/out/plots/keyness-tex.tex" || bad "tex labels missing"

# 4. A bad format, width or missing directory is a usage or data error.
"$BIN" plot "$TMP/out" --format jpg 2>/dev/null; [ $? -eq 2 ] || bad "--format jpg not a usage error"
"$BIN" plot "$TMP/out" --width 3col 2>/dev/null; [ $? -eq 2 ] || bad "--width 3col not a usage error"
"$BIN" plot "$TMP/none" 2>/dev/null; [ $? -eq 1 ] || bad "missing directory not a failure"

# 5. --groups picks panels in the order given (unknown names: test_plot_names.sh).
"$BIN" plot "$TMP/out" --groups Brazil,China --top 5 --format png -q 2>"$TMP/err5" || bad "--groups run failed: $(head "$TMP/err5")"
grep -q "array groups = \['Brazil', 'China'\]" "$TMP/out/plots/terms.gp" || bad "--groups not in script"
grep -q "top = 5 " "$TMP/out/plots/terms.gp" || bad "--top not in script"

# 6. Heatmaps: the colours span the values shown off the diagonal, rounded out
# to a step of 1, 2 or 5 times a power of ten near a quarter of their range
# (similarity.csv: 0.25045 to 0.792694, range/4 = 0.136, step 0.1: 0.2 to 0.8;
# China_2013 with US_2017 alone: 0.792694, a range of 0 taken as 0.01, 0.0025,
# step 0.002: 0.792 to 0.794), --groups picks the cells, and the diagonal is drawn grey.
"$BIN" plot "$TMP/out" --no-render -q 2>/dev/null || bad "rewrite failed"
lo=$(cd "$TMP/out/plots" && gnuplot -e "fmt='svg'" -e "load 'similarity.gp'; print sprintf('%g %g %d', rh_lo, rh_hi, rh_n)" 2>&1)
[ "$lo" = "0.2 0.8 5" ] || bad "similarity colour range and cells: '$lo', want '0.2 0.8 5'"
grep -q "'+' using (rh_t > 0 ? rh_t : NaN):(rh_t).* fc rgb '#BDBDBD'" "$TMP/out/plots/similarity.gp" || bad "no grey diagonal in similarity.gp"
"$BIN" plot "$TMP/out" --no-render -q --groups US_2017,China_2013 2>/dev/null || bad "rewrite failed"
lo=$(cd "$TMP/out/plots" && gnuplot -e "fmt='svg'" -e "load 'similarity.gp'; print sprintf('%g %g %d %s %s', rh_lo, rh_hi, rh_n, rh_U[1], rh_U[2])" 2>&1)
[ "$lo" = "0.792 0.794 2 US_2017 China_2013" ] || bad "similarity with --groups: '$lo'"

# 7. A concept_cooc.csv made with --by ends with a group column: one group is
# drawn, the first --groups value found there, else the first with a note.
G=$TMP/grouped
mkdir -p "$G"
{
	echo "concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood,p_value,group"
	tail -n +2 "$DATA/concept_cooc.csv" | sed 's/$/,0.5,Alpha/'
	tail -n +2 "$DATA/concept_cooc.csv" | sed 's/$/,0.5,Beta/'
} >"$G/concept_cooc.csv"
"$BIN" plot "$G" --format png,pdf,svg 2>"$TMP/err7" || bad "grouped concept_cooc failed: $(head "$TMP/err7")"
grep -q "^rh_gcol = 11$" "$G/plots/concept_cooc.gp" || bad "group column not found (want 11)"
grep -q "concept_cooc: the table has rows for each group; drawing the first" "$TMP/err7" || bad "no note on the group drawn"
[ "$(grep -vc 'rhetor plot: ' "$TMP/err7")" = 0 ] || bad "gnuplot printed: $(head "$TMP/err7")"
got=$(cd "$G/plots" && gnuplot -e "fmt='svg'" -e "load 'concept_cooc.gp'; print group" 2>&1 | grep -v '^rhetor note')
[ "$got" = "Alpha" ] || bad "group drawn without --groups: '$got', want Alpha"
"$BIN" plot "$G" --format png --groups Beta 2>"$TMP/err7b" || bad "grouped with --groups failed"
grep -q "rows for each group" "$TMP/err7b" && bad "note printed although --groups chose the group"
got=$(cd "$G/plots" && gnuplot -e "fmt='svg'" -e "load 'concept_cooc.gp'; print group" 2>&1)
[ "$got" = "Beta" ] || bad "group drawn with --groups Beta: '$got'"
[ -s "$G/plots/concept_cooc.png" ] || bad "no grouped heatmap"

# 8. Trends and adoption: which groups and concepts are drawn. Sums of the
# count column of trends.csv (awk over the fixture): groups United States
# 204, Brazil 187, China 181; concepts human rights 200, shared future 187,
# win-win cooperation 185; in Brazil's rows human rights 79, then win-win
# cooperation and shared future 54 each (tie: Brazil's first row is win-win);
# human rights per group: Brazil 79, China 61, United States 60. Adopters by
# the last period in adoption_curve.csv: win-win cooperation 11, human
# rights 11, shared future 10 (the tie in table order).
pick() { # DIR SCRIPT EXPR: what the script chose, without drawing it
	(cd "$1/plots" && gnuplot -e "fmt='svg'" -e "load '$2'; print $3" 2>&1 | grep -v '^rhetor note')
}
T=$TMP/trends
mkdir -p "$T"
cp "$DATA/trends.csv" "$DATA/adoption_curve.csv" "$T/"
"$BIN" plot "$T" --format png,pdf,svg 2>"$TMP/err8" || bad "trends run failed: $(head "$TMP/err8")"
[ "$(grep -vc 'rhetor plot: ' "$TMP/err8")" = 0 ] || bad "gnuplot printed: $(head "$TMP/err8")"
got=$(pick "$T" trends.gp "rh_S[1] . '|' . rh_S[2] . '|' . rh_S[3] . '|' . rh_P[1] . '|' . rh_P[2] . '|' . rh_P[3]")
[ "$got" = "United States|Brazil|China|human rights|shared future|win-win cooperation" ] || bad "trends default choice: '$got'"
got=$(pick "$T" adoption.gp "sprintf('%d', rh_P_n) . '|' . rh_P[1] . '|' . rh_P[2] . '|' . rh_P[3]")
[ "$got" = "3|win-win cooperation|human rights|shared future" ] || bad "adoption default choice: '$got'"
# A share is of the groups with a document by then; the fixture's grow from 10
# (2010-2011) to 12, and human rights' share falls from 0.4 to 0.33 in 2012: a
# line under the key says what the share is of and why it falls, with the numbers.
want=$(awk -F, 'NR > 1 { if (!n++ || $2 < x0) { x0 = $2; g0 = $5 } if ($2 >= x1) { x1 = $2; g1 = $5 } }
	END { printf "Share of the groups with a document by then (%d in %d, %d in %d): it falls when groups join.", g0, x0, g1, x1 }' "$T/adoption_curve.csv")
got=$(pick "$T" adoption.gp "rh_nt" | tr '\n' ' ')
[ "$got" = "$want " ] || bad "adoption: what a share is of: '$got', want '$want'"
A1=$TMP/adopt1
mkdir -p "$A1/plots"
awk -F, -v OFS=, 'NR > 1 { $5 = 12; $6 = $4 / 12 } 1' "$T/adoption_curve.csv" >"$A1/adoption_curve.csv"
cp "$T/plots/adoption.gp" "$T/plots/rhetor.gp" "$A1/plots/"
got=$(pick "$A1" adoption.gp "sprintf('%d lines', rh_nl)")
[ "$got" = "0 lines" ] || bad "adoption with the same 12 groups throughout: a line on what the share is of: '$got'"
"$BIN" plot "$T" --no-render -q --groups Brazil || bad "trends --groups failed"
got=$(pick "$T" trends.gp "sprintf('%d', rh_S_n) . '|' . rh_S[1] . '|' . rh_P[1] . '|' . rh_P[2] . '|' . rh_P[3]")
[ "$got" = "1|Brazil|human rights|win-win cooperation|shared future" ] || bad "trends --groups Brazil: '$got'"
"$BIN" plot "$T" --no-render -q --concepts "human rights" || bad "trends --concepts failed"
got=$(pick "$T" trends.gp "sprintf('%d', rh_P_n) . '|' . rh_P[1] . '|' . rh_S[1] . '|' . rh_S[2] . '|' . rh_S[3]")
[ "$got" = "1|human rights|Brazil|China|United States" ] || bad "trends --concepts 'human rights': '$got'"
"$BIN" plot "$T" --no-render -q --concepts "shared future" || bad "adoption --concepts failed"
got=$(pick "$T" adoption.gp "sprintf('%d', rh_P_n) . '|' . rh_P[1]")
[ "$got" = "1|shared future" ] || bad "adoption --concepts: '$got'"
# Three groups: intervals drawn, at the rows with a match (a lower bound above 0);
# their mean height, cut at the top of the panel (each panel's axis reaching 1.08
# times its highest rate), as a share of it; the rows kept are all 99 of the table.
"$BIN" plot "$T" --no-render -q || bad "rewrite failed"
want=$(awk -F, 'NR > 1 { n++; c[n] = $3; lo[n] = $8; hi[n] = $9; if ($7 > m[$3]) m[$3] = $7 }
	END { for (i = 1; i <= n; i++) if (lo[i] > 0) { t = m[c[i]] * 1.08; k++; s += ((hi[i] < t ? hi[i] : t) - lo[i]) / t }
		printf "%.4f 1 99 99 %d", s / k, k }' "$T/trends.csv")
got=$(pick "$T" trends.gp "sprintf('%.4f %d %d %d %d', rh_bw, bands, rh_m - 1, |\$rh_sub| - 1, rh_nb)")
[ "$got" = "$want" ] || bad "trends band width, bands, rows kept and intervals drawn: '$got', want '$want'"
# A group without a match in a period has no interval drawn there (0 to 3.69
# matches in few words would reach far above the rates): ZAF's one match (1994)
# between periods without is a bar alone; CAN's rows make a band of 3 periods.
# The axis of the panel ends at 1.08 x 12.5 (the highest rate, ZAF's), 13.5: ZAF's
# interval is cut there, CAN's (2.2-13.1) are not; ZAF's rows without a match reach 46.
Z=$TMP/zero
mkdir -p "$Z"
{
	echo "group,period,concept,count,docs,tokens,per_10k,ci_low,ci_high"
	for y in 1990 1991 1992 1993 1995; do echo "ZAF,$y,apartheid,0,1,800,0,0,46.1"; done
	echo "ZAF,1994,apartheid,1,1,800,12.5,0.3,69.6"
	for y in 1990 1991 1992; do echo "CAN,$y,apartheid,6,1,10000,6,2.2,13.1"; done
} >"$Z/trends.csv"
# every_format DIR ERR: rhetor plot DIR in every format, its stderr in ERR, nothing but its own lines.
every_format() {
	"$BIN" plot "$1" --format png,pdf,svg,tex 2>"$2" || bad "$1: plot failed: $(head "$2")"
	[ "$(grep -vc 'rhetor plot: ' "$2")" = 0 ] || bad "$1: gnuplot printed: $(head "$2")"
}
every_format "$Z" "$TMP/errz"
grep -q "intervals at the 4 points with a match, none at the 5 without one" "$TMP/errz" || bad "no note on the intervals drawn: $(cat "$TMP/errz")"
grep -q "; 1 cut at the top of their panel" "$TMP/errz" || bad "no note on the intervals cut: $(cat "$TMP/errz")"
# Series 1 is CAN (more matches), 2 ZAF. Rows: header, the point below the axis, a
# blank line, then each run and a blank line.
got=$(pick "$Z" trends.gp "rh_S[1] . sprintf('|%d|', |\$rh_fill1|) . \$rh_fill1[6] . sprintf('|%d|', |\$rh_fill2|) . \$rh_fill2[4]")
[ "$got" = "CAN|7|1992,2.2,13.1,6,0|5|1994,0.3,69.6,12.5,1" ] || bad "trends intervals where a group has a match: '$got'"
# Lines break where a period has no row: 1990-1992, then 1996-1997 (a blank
# line in the series' rows between 1992 and 1996, so 5 rows, 1 blank, 1 header).
Gp=$TMP/gap
mkdir -p "$Gp"
{
	echo "group,period,concept,count,docs,tokens,per_10k,ci_low,ci_high"
	for y in 1990 1991 1992 1996 1997; do echo "ZAF,$y,apartheid,3,1,3000,10,2,29"; done
} >"$Gp/trends.csv"
every_format "$Gp" "$TMP/errgap"
got=$(pick "$Gp" trends.gp "sprintf('%d|%s|', |\$rh_band1|, \$rh_band1[5]) . \$rh_band1[6]")
case $got in "7||"*1996*) ;; *) bad "no break between 1992 and 1996: '$got'" ;; esac

# 9. A large table (150 groups, 20 concepts, 40 periods: 120,000 rows) with
# planted counts: group G077 uses every concept 5 times a period, G033 4
# times, the rest once; concept C13 has 3 more in every row. The script
# reads it twice and draws G077 and G033 first, C13 first.
L=$TMP/large
mkdir -p "$L"
awk 'BEGIN {
	print "group,period,concept,count,docs,tokens,per_10k,ci_low,ci_high,docs_total"
	for (g = 1; g <= 150; g++) for (y = 1981; y <= 2020; y++) for (c = 1; c <= 20; c++) {
		n = (g == 77 ? 5 : g == 33 ? 4 : 1) + (c == 13 ? 3 : 0)
		printf "G%03d,%d,C%02d,%d,1,5000,%g,%g,%g,1\n", g, y, c, n, n * 2, n, n * 4
	}
}' >"$L/trends.csv"
start=$(date +%s)
"$BIN" plot "$L" --format png -q 2>"$TMP/err9" || bad "large trends failed: $(head "$TMP/err9")"
echo "large trends.csv (120,000 rows) charted in $(($(date +%s) - start)) s"
[ -s "$L/plots/trends.png" ] || bad "no large trends chart"
got=$(pick "$L" trends.gp "rh_S[1] . '|' . rh_S[2] . '|' . rh_P[1] . '|' . sprintf('%d %d', rh_S_n, rh_P_n)")
[ "$got" = "G077|G033|C13|3 6" ] || bad "large table choice: '$got'"
# With --groups, the second pass reads only from each group's first row to its
# last: G005's and G140's 800 rows each, in two runs, every one kept (rows kept:
# rh_m - 1), and the same rows when a blank line makes gnuplot count blocks
# (the whole table read again).
"$BIN" plot "$L" --no-render --groups G140,G005 -q || bad "large trends --groups failed"
got=$(pick "$L" trends.gp "sprintf('%d %d %d %d %d', rh_nj, rh_ra[1], rh_rb[1], rh_m - 1, rh_blk)")
[ "$got" = "2 3200 3999 1600 0" ] || bad "large table, two groups: runs, first run, rows kept, block: '$got'"
awk 'NR == 60000 { print "" } { print }' "$L/trends.csv" >"$L/blank.csv" && mv "$L/blank.csv" "$L/trends.csv"
got=$(pick "$L" trends.gp "sprintf('%d %d', rh_m - 1, rh_blk)")
[ "$got" = "1600 1" ] || bad "large table with a blank line: rows kept, block: '$got'"

# After rhetor run, rhetor plot DIR draws as many bars as [plot] top asked, unless --top says otherwise;
# without either, the default its help states.
R="$TMP/locked"
mkdir -p "$R/c"
printf 'peace and cooperation\n' >"$R/c/a.txt"
printf '[corpus]\npath = c\n[freq]\n[plot]\ntop = 3\nrender = no\n[output]\ndir = out\n' >"$R/a.ini"
"$BIN" run "$R/a.ini" -q 2>"$TMP/err10" || bad "run with [plot] top failed: $(head "$TMP/err10")"
grep -q "top = 3 " "$R/out/plots/terms.gp" || bad "run: [plot] top = 3 not in terms.gp"
rm -rf "$R/out/plots"
"$BIN" plot "$R/out" --no-render -q && grep -q "top = 3 " "$R/out/plots/terms.gp" || bad "plot DIR: the lock's top not used"
"$BIN" plot "$R/out" --no-render --top 7 -q && grep -q "top = 7 " "$R/out/plots/terms.gp.new" "$R/out/plots/terms.gp" 2>/dev/null || bad "plot --top 7 not used"
want=$("$BIN" plot --help | sed -n 's/.*bars per panel (default \([0-9]*\)).*/\1/p')
rm -rf "$R/bare" && mkdir -p "$R/bare" && cp "$R/out/terms.csv" "$R/bare/"
"$BIN" plot "$R/bare" --no-render -q && grep -q "top = ${want:-none} " "$R/bare/plots/terms.gp" || bad "plot without a lock: top is not the default of --help, '${want}'"

[ $fail = 0 ] && echo "ok"
exit $fail
