#!/bin/bash
# test_plot_hostile.sh: table cells and --groups values built to break out of a
# gnuplot script (backquotes, system(), quotes, a newline, EOD, a 10,000
# character cell, LaTeX commands) never run anything, and every chart still
# renders as a valid PNG, PDF, SVG and LaTeX figure.
# Usage: bash test_plot_hostile.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") SRC=$2 TMP=$3
command -v gnuplot >/dev/null || { echo "gnuplot not installed"; exit 77; }
rm -rf "$TMP" && mkdir -p "$TMP/out" || exit 1
export RHETOR_DATA_DIR=$SRC
fail=0
bad() { echo "FAIL: $*"; fail=1; }
D=$TMP/out
M=$TMP/MARKER

# Hostile cells, as libcsv would write them (RFC 4180: "" inside quotes).
BQ="\`touch $M\`"
SYS="\"system(\"\"touch $M\"\")\""
SQ="\"it's '; system('touch $M'); '\""
DQ="\"say \"\"hi\"\" \\\" x\""
NL="\"line one
\`touch $M\` line two\""
EOD='EOD'
LONG=$(head -c 10000 /dev/zero | tr '\0' 'w')
TEX='\input{/etc/passwd}$x^_%&#~'
MAC="@rh_table ; load '$M'"
# A value the --groups and --concepts lists below name as written.
SEL="it's'; system('touch $M')"
cells=("$BQ" "$SYS" "$SQ" "$DQ" "$NL" "$EOD" "$LONG" "$TEX" "$MAC" "$SEL")

{
	echo "group,term,count,docs,per_10k,rank"
	r=1
	for c in "${cells[@]}"; do echo "$c,$c,$((20 - r)),1,$((20 - r)).5,$r"; r=$((r + 1)); done
	r=1
	for c in "${cells[@]}"; do echo "plain,$c,$((20 - r)),1,$((20 - r)).5,$r"; r=$((r + 1)); done
} >"$D/terms.csv"
{
	echo "unit,term,count,tf,df,idf,tfidf,rank"
	r=1
	for c in "${cells[@]}"; do echo "$c,$c,3,0.5,1,1.2,0.$r,$r"; r=$((r + 1)); done
} >"$D/tfidf.csv"
{
	echo "group,concept,count,docs_with,docs,tokens,per_10k,ci_low,ci_high"
	r=1
	for c in "${cells[@]}"; do echo "$c,$c,$r,1,2,10000,$r,0.$r,$((r + 1)).5"; echo "plain,$c,$r,1,2,10000,$r.5,$r,$((r + 2))"; r=$((r + 1)); done
} >"$D/phrases_by_group.csv"
{
	echo "term,target_count,reference_count,target_per_10k,reference_per_10k,log_likelihood,p_value,q_value,chi2,log_ratio,pct_diff,bic"
	r=9
	for c in "${cells[@]}"; do echo "$c,5,1,5,1,$((r * 10 - 45)),0.01,0.02,4,1.5,300,$r"; r=$((r - 1)); done
} >"$D/keyness.csv"
{
	echo "node,collocate,o11,e11,f_node,f_collocate,r1,n,mi,mi3,t_score,z_score,log_likelihood,p_value,dice,log_dice,delta_p"
	r=1
	for c in "${cells[@]}"; do echo "$c,$c,4,0.5,10,20,100,10000,3,7,1.7,5,$((r * 4)),0.01,0.05,$((12 - r)),0.03"; r=$((r + 1)); done
} >"$D/collocates.csv"
{
	echo "concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood"
	prev=plain
	for c in "${cells[@]}"; do echo "$prev,$c,2,3,4,50,0.2,1.1,3.5"; prev=$c; done
} >"$D/concept_cooc.csv"
{
	echo "unit_a,unit_b,cosine"
	for c in "${cells[@]}"; do echo "plain,$c,0.4"; echo "$c,plain,0.4"; done
} >"$D/similarity.csv"
{
	echo "term,count,range,dp,dp_norm,juilland_d"
	r=1
	for c in "${cells[@]}"; do echo "$c,$((100 - r)),2,0.$r,0.$r,0.5"; r=$((r + 1)); done
} >"$D/dispersion.csv"
{
	echo "group,period,concept,count,docs,tokens,per_10k,ci_low,ci_high"
	for c in "${cells[@]}"; do
		for y in 2001 2002 2003; do echo "$c,$y,$c,2,1,5000,4,1,9"; echo "plain,$y,$c,3,1,5000,6,2,12"; done
	done
} >"$D/trends.csv"
{
	echo "concept,period,adopters,cumulative_adopters,groups,share"
	for c in "${cells[@]}" plain; do
		echo "$c,2000,1,1,4,0.25"; echo "$c,2001,2,3,4,0.75"; echo "$c,2002,0,3,5,0.6"
	done
} >"$D/adoption_curve.csv"

cd "$TMP" || exit 1
"$BIN" plot "$D" --format png,pdf,svg,tex --titles -q \
	--groups "plain,\`touch $M\`,it's'; system('touch $M'),EOD,$LONG" \
	--concepts "\`touch $M\`,it's'; system('touch $M'),$LONG,plain" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] || bad "rhetor plot exited $rc: $(head -c 3000 "$TMP/err")"
[ -s "$TMP/err" ] && bad "gnuplot printed: $(head -c 3000 "$TMP/err")"
for place in "$M" "$D/MARKER" "$D/plots/MARKER" "$SRC/MARKER"; do
	[ -e "$place" ] && bad "$place exists: a cell was run"
done

for c in terms tfidf concepts keyness collocates concept_cooc similarity dispersion trends adoption; do
	f=$D/plots/$c
	[ -s "$f.png" ] && [ "$(head -c 4 "$f.png" | od -An -tx1 | tr -d ' \n')" = 89504e47 ] || bad "$c.png is not a PNG"
	[ -s "$f.pdf" ] && [ "$(head -c 5 "$f.pdf")" = "%PDF-" ] || bad "$c.pdf is not a PDF"
	[ -s "$f.svg" ] && grep -q '<svg' "$f.svg" || bad "$c.svg is not an SVG"
	[ -s "$f-tex.tex" ] && [ "$(head -c 5 "$f-tex.pdf")" = "%PDF-" ] || bad "$c-tex is missing"
	# Labels reach LaTeX escaped: no \input, and no unescaped % or $ from the data.
	grep -q '\\input{/etc' "$f-tex.tex" && bad "$c-tex.tex passes a LaTeX command through"
	# The long cell is cut to a short label everywhere.
	grep -q 'wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww' "$f.svg" && bad "$c.svg holds the 10,000-character label"
	# The script holds no table cell (the 10,000-byte one would show), only the
	# quoted --groups and --concepts values, cut at 200 bytes (at most 400 each
	# with doubled quotes): at most 4,000 bytes more than the golden script.
	[ "$(wc -c <"$f.gp")" -lt $(($(wc -c <"$SRC/tests/data/plot/golden/$c.gp") + 4000)) ] || bad "$c.gp is too big"
done
# The --groups values went in through the quoting function, cut and on one line.
grep -q "'it''s''; system(''touch" "$D/plots/terms.gp" || bad "--groups value not quoted"
grep -q "^array concepts = \['\`touch .*MARKER\`', 'it''s''; system(''touch" "$D/plots/adoption.gp" || bad "--concepts value not quoted"
[ -e "$M" ] && bad "MARKER exists at the end"

# A heatmap whose only pair has line breaks in both names: every row is cut
# in two for gnuplot and left out; the chart still renders (an empty square
# with its colour scale from 0 to 1), in every format, without a warning.
N=$TMP/nl
mkdir -p "$N"
printf 'concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood\n"a\nb","c\nd",2,3,4,50,0.2,1.1,3.5\n' >"$N/concept_cooc.csv"
"$BIN" plot "$N" --format png,pdf,svg,tex -q 2>"$TMP/errnl" || bad "concept_cooc with line breaks failed: $(head -c 2000 "$TMP/errnl")"
[ -s "$TMP/errnl" ] && bad "gnuplot printed: $(head -c 2000 "$TMP/errnl")"

# Backslashes: gnuplot reads '\' in a data file as an escape ('a\b' as 'ab', '\1' as byte 1,
# '\\' as one); the script names each such cell, so every label shows it as the table has it:
# in the SVG text as written, in the LaTeX form as \textbackslash{}. A group with a backslash is
# picked by --groups as written. PNG and PDF draw the same label strings as the SVG.
B=$TMP/bs
mkdir -p "$B"
printf '%s\n' 'group,term,count,docs,per_10k,rank' 'G\1,a\b,10,1,10.5,1' 'G\1,C:\dir\x,9,1,9.5,2' \
	'G\1,x\\y,8,1,8.5,3' 'G\1,\n,7,1,7.5,4' 'G\1,end\,6,1,6.5,5' 'H,plain,5,1,5.5,1' >"$B/terms.csv"
printf '%s\n' 'concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood' \
	'rule\of\law,a\b,2,3,4,50,0.2,1.1,3.5' >"$B/concept_cooc.csv"
"$BIN" plot "$B" --format png,pdf,svg,tex --titles -q --groups 'G\1,H' 2>"$TMP/errbs" || bad "backslash labels: plot failed: $(head -c 2000 "$TMP/errbs")"
[ -s "$TMP/errbs" ] && bad "gnuplot printed: $(head -c 2000 "$TMP/errbs")"
texts() { sed -n 's/.*<text[^>]*>\([^<]*\)<\/text>.*/\1/p' "$1"; }
for want in 'G\1' 'a\b' 'C:\dir\x' 'x\\y' '\n' 'end\' 'H'; do
	texts "$B/plots/terms.svg" | grep -qxF -- "$want" || bad "terms.svg lacks the label '$want': $(texts "$B/plots/terms.svg" | tr '\n' '|')"
done
for want in 'a\textbackslash{}b' 'C:\textbackslash{}dir\textbackslash{}x' 'x\textbackslash{}\textbackslash{}y' \
	'G\textbackslash{}1'; do
	grep -qF -- "{\strut{}$want}" "$B/plots/terms-tex.tex" || bad "terms-tex.tex lacks '$want'"
done
for want in 'rule\of\law' 'a\b'; do
	texts "$B/plots/concept_cooc.svg" | grep -qF -- "$want" || bad "concept_cooc.svg lacks '$want': $(texts "$B/plots/concept_cooc.svg" | tr '\n' '|')"
done
for c in terms concept_cooc; do
	[ "$(head -c 4 "$B/plots/$c.png" | od -An -tx1 | tr -d ' \n')" = 89504e47 ] && [ "$(head -c 5 "$B/plots/$c.pdf")" = "%PDF-" ] ||
		bad "$c: backslash labels: no PNG or PDF"
done

[ $fail = 0 ] && echo "ok"
exit $fail
