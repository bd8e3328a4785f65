# test_synth_collocates.sh: rhetor synth plants three collocates per concept at stated chances right
# after the concept's phrases; grep finds them only there, at those rates, and rhetor cooc ranks them
# first among the concept's collocates with their grep counts.
# usage: bash test_synth_collocates.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
set -u
. "$(dirname "$0")/lib.sh"
BIN=$RHETOR
TMP=$SCRATCH
check() { # check NAME COND-EXIT-STATUS
	if [ "$2" -eq 0 ]; then ok; else fail "$1"; fi
}
export LC_ALL=C

# No pattern holds another concept's pattern, so a concept's matches are its planted phrases.
cp "$SRC/tests/data/synth/small.csv" "$TMP/small.csv"
"$BIN" synth -o "$TMP/g" --phrases "$TMP/small.csv" --countries 5 --years 2000-2009 --doc-words 1500 \
	--rate-scale 20 --seed 5 -q
check "synth runs" $?
"$BIN" synth -o "$TMP/h" --phrases "$TMP/small.csv" --countries 5 --years 2000-2009 --doc-words 1500 \
	--rate-scale 20 --seed 5 -q
cmp -s "$TMP/g/collocates.csv" "$TMP/h/collocates.csv" && diff -r "$TMP/g/texts" "$TMP/h/texts" >/dev/null
check "same seed, same collocates and texts" $?

# 1. Three collocates per concept, in dictionary order, at the generator's chances 0.6, 0.4, 0.2
#    (include/rhetor/synth.h); words of six letters or more, no dictionary or stop word.
head -1 "$TMP/g/collocates.csv" | grep -qx 'concept,collocate,rate,planted'
check "collocates.csv header" $?
awk -F, 'NR > 1 { print $1 }' "$TMP/small.csv" | uniq | awk '{ print $1 ",0.6"; print $1 ",0.4"; print $1 ",0.2" }' >"$TMP/want_rates"
awk -F, 'NR > 1 { print $1 "," $3 }' "$TMP/g/collocates.csv" | cmp -s - "$TMP/want_rates"
check "three collocates per concept at 0.6, 0.4, 0.2" $?
tail -n +2 "$TMP/g/collocates.csv" | cut -d, -f2 >"$TMP/words"
[ "$(sort -u "$TMP/words" | wc -l)" -eq 18 ] && ! grep -qv '^[a-z]\{6,\}$' "$TMP/words"
check "18 distinct words of six letters or more" $?
grep -v '^#' "$SRC/datasets/stopwords/en.txt" | grep -x -F -f - "$TMP/words" >/dev/null
check "no collocate is an English stop word" $((1 - $?))
tr ' ,' '\n\n' <"$TMP/small.csv" | tr -s '\n' | grep -x -F -f - "$TMP/words" >/dev/null
check "no collocate is a dictionary word" $((1 - $?))

# 2. Each collocate, counted by grep over the texts, occurs as often as collocates.csv says, and
#    every occurrence stands right after a phrase of its concept, the concept's earlier collocates
#    (each optional) between.
awk -F, 'NR > 1 { pats[$1] = ($1 in pats) ? pats[$1] "|" $2 : $2 } END { for (c in pats) print c " " pats[c] }' \
	"$TMP/small.csv" | sort >"$TMP/alts"
: >"$TMP/grep_counts"
bad=0
prev=
while IFS=, read -r concept word rate planted; do
	[ "$concept" = "$prev" ] || between=
	prev=$concept
	alt=$(awk -v c="$concept" '$1 == c { print substr($0, length(c) + 2) }' "$TMP/alts")
	n=$(cat "$TMP"/g/texts/*.txt | grep -o -w -F -- "$word" | wc -l)
	after=$(cat "$TMP"/g/texts/*.txt | grep -o -w -E -- "($alt)$between $word" | wc -l)
	[ "$n" -eq "$planted" ] && [ "$after" -eq "$n" ] || {
		echo "  $concept $word: grep $n, after a phrase $after, collocates.csv $planted"
		bad=1
	}
	echo "$concept,$word,$n" >>"$TMP/grep_counts"
	between="$between( $word)?"
done < <(tail -n +2 "$TMP/g/collocates.csv")
check "grep counts equal collocates.csv, every one right after its concept's phrase" $bad

# 3. Rates: collocate k follows each of the N planted phrases of its concept with chance p_k, so
#    its count is binomial (N, p_k); within four standard deviations of N p_k.
awk -F, 'FNR == NR { if (FNR > 1) n[$2] += $4; next }
	FNR > 1 {
		e = n[$1] * $3; sd = sqrt(n[$1] * $3 * (1 - $3))
		if (n[$1] < 100 || ($4 - e) ^ 2 > 16 * sd * sd) { print "  " $1 " " $2 ": " $4 " of " n[$1] " phrases, expected " e " +- " sd; bad = 1 }
	}
	END { exit bad }' "$TMP/g/planted.csv" "$TMP/g/collocates.csv"
check "each collocate's count binomial around N x rate (N >= 100 phrases)" $?

# 4. rhetor cooc: the three planted words are each concept's top three collocates (log-likelihood
#    order), each seen in the windows as often as grep counts it, and nowhere else (f_collocate = o11).
"$BIN" cooc "$TMP/g/texts" --phrases "$TMP/small.csv" --window 5 --top 3 -q -o "$TMP/c"
check "cooc runs" $?
awk -F, 'NR > 1 { print $1 "," $2 "," $3 "," $6 }' "$TMP/c/collocates.csv" | sort >"$TMP/cooc_top"
awk -F, '{ print $1 "," $2 "," $3 "," $3 }' "$TMP/grep_counts" | sort | cmp -s - "$TMP/cooc_top"
check "cooc's top three per concept are the planted words with their grep counts" $?

finish
