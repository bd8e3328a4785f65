#!/bin/bash
# test_tfidf_sklearn.sh: the sklearn preset against scikit-learn's TfidfVectorizer fed rhetor's own tokens.
# Usage: bash test_tfidf_sklearn.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
set -u
BIN=$1
SRC=$2
SCRATCH=$3
PY=/usr/bin/python3
CHECK="$SRC/tests/tfidf/sklearn_check.py"

if ! "$PY" -c 'import sklearn' 2>/dev/null; then
	echo "skipped: $PY cannot import scikit-learn (Debian package python3-sklearn)"
	exit 77
fi

fail() {
	echo "FAIL: $*"
	exit 1
}

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH/small/sub"
cd "$SCRATCH" || exit 1

# Repeated words, punctuation, curly quotes and apostrophes, hyphens (ASCII
# and U+2010), numbers with separators, a ligature (NFKC), upper case, an
# em dash, an empty document and one with punctuation only.
printf 'The win-win cooperation, the WIN\xe2\x80\x90WIN cooperation; and the people\xe2\x80\x99s choice.\n' > small/a.txt
printf '\xe2\x80\x9cShared future\xe2\x80\x9d \xe2\x80\x94 a shared future for mankind! A \xef\xac\x81ne future.\n' > small/b.txt
printf 'In 2030, 1,000 delegates (3.5%% more) said: \xe2\x80\x98no\xe2\x80\x99 to the beggar-thy-neighbor policy.\n' > small/c.txt
printf 'Cooperation. Cooperation? COOPERATION! the the the future\n' > small/d.txt
printf '' > small/e.txt
printf '... !!! \xe2\x80\x94 ???\n' > small/f.txt
printf 'Mr. President, the people of the world want peace, peace and peace.\n' > small/sub/g.txt
printf 'doc_id,side\na,x\nb,y\nc,x\nd,y\ne,x\nf,y\nsub/g,x\n' > meta.csv

"$BIN" tokens small -o small.tokens || fail "rhetor tokens"
[ "$(wc -l < small.tokens)" -eq 7 ] || fail "rhetor tokens: $(wc -l < small.tokens) lines for 7 documents"
"$BIN" tokens small | cmp -s - small.tokens || fail "rhetor tokens: stdout and -o differ"
grep -q "$(printf '^a\tthe win-win cooperation the win-win cooperation and the people'"'"'s choice$')" small.tokens ||
	fail "rhetor tokens: unexpected tokens for a: $(head -1 small.tokens)"

"$BIN" tfidf small --top 0 --raw-cells --similarity -q -o out || fail "rhetor tfidf"
"$PY" "$CHECK" small.tokens out/tfidf.csv --similarity out/similarity.csv || fail "small corpus"

# Document-frequency limits with scikit-learn's meaning (int count, float fraction).
"$BIN" tfidf small --top 0 --raw-cells --min-df 2 --max-df 0.5 -q -o out-df || fail "rhetor tfidf --min-df"
"$PY" "$CHECK" small.tokens out-df/tfidf.csv --min-df 2 --max-df 0.5 || fail "min_df/max_df"

# Groups: each group's documents summed before weighting, as scikit-learn
# weighing one document per group made of its documents' tokens.
awk -F'\t' 'NR == FNR { if (FNR > 1) { split($0, f, ","); side[f[1]] = f[2] } next }
	{ g = side[$1]; if ($2 != "") t[g] = (g in t && t[g] != "") ? t[g] " " $2 : $2; else if (!(g in t)) t[g] = "" }
	END { for (g in t) print g "\t" t[g] }' meta.csv small.tokens | sort > groups.tokens
"$BIN" tfidf small --meta meta.csv --unit group --by side --top 0 --raw-cells --similarity -q -o out-group ||
	fail "rhetor tfidf --unit group"
"$PY" "$CHECK" groups.tokens out-group/tfidf.csv --similarity out-group/similarity.csv || fail "groups"

# The full UN General Debate corpus, when present: every document's number
# of cells, and every cell of every 50th document.
UN="$SRC/../shared/corpora/ungdc"
if [ -d "$UN/texts" ]; then
	"$BIN" tokens "$UN/texts" -o un.tokens &
	tok=$!
	"$BIN" tfidf "$UN/texts" --top 0 -q -o out-un || fail "rhetor tfidf on $UN"
	wait "$tok" || fail "rhetor tokens on $UN"
	"$PY" "$CHECK" un.tokens out-un/tfidf.csv --every 50 || fail "UN corpus"
	rm -f un.tokens out-un/tfidf.csv
else
	echo "note: $UN not found: the full-corpus cross-check is skipped"
fi
echo "ok"
