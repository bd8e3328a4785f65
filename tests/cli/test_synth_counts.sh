# test_synth_counts.sh: rhetor's counts on a synthetic corpus equal the generator's known truth.
# usage: bash test_synth_counts.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
set -u
BIN=$1
SRC=$2
TMP=$3
rm -rf "$TMP"
mkdir -p "$TMP"
export LC_ALL=C
fail=0
pass=0
check() {
	if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}
DICT="$SRC/datasets/phrases/diplomatic.csv"

# Dense planting, so that nested patterns ("true multilateralism" holds
# "multilateralism", "democratization ..." matches "democra*") occur often.
"$BIN" synth -o "$TMP/c" --countries 8 --years 2000-2019 --doc-words 1500 --rate-scale 3 --seed 21 -q
check "synth" $?
"$BIN" freq "$TMP/c/texts" --phrases "$DICT" -o "$TMP/f" -q
check "freq" $?

# Truth: doc_id|concept|count from metadata.csv (concept columns from 8 on).
awk -F, 'NR == 1 { for (i = 8; i <= NF; i++) name[i] = $i; next }
	{ for (i = 8; i <= NF; i++) print $1 "|" name[i] "|" $i }' "$TMP/c/metadata.csv" | sort >"$TMP/truth"
awk -F, 'NR > 1 { print $1 "|" $2 "|" $3 }' "$TMP/f/phrases_by_doc.csv" | sort >"$TMP/found"
cmp -s "$TMP/truth" "$TMP/found"
check "phrases_by_doc counts equal the planted truth ($(wc -l <"$TMP/truth") cells)" $?
if ! cmp -s "$TMP/truth" "$TMP/found"; then diff "$TMP/truth" "$TMP/found" | head -5; fi
[ "$(awk -F'|' '{ s += $3 } END { print s + 0 }' "$TMP/truth")" -gt 2000 ]
check "enough phrases planted" $?

# Tokens and sentences per document.
awk -F, 'NR > 1 { print $1 "|" $5 "|" $6 }' "$TMP/c/metadata.csv" | sort >"$TMP/truth_docs"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ print $1 "|" $col["tokens"] "|" $col["sentences"] }' "$TMP/f/documents.csv" | sort >"$TMP/found_docs"
cmp -s "$TMP/truth_docs" "$TMP/found_docs"
check "documents.csv tokens and sentences equal the generator's" $?

# Group totals by year through --meta: the concept sums per year.
"$BIN" freq "$TMP/c/texts" --phrases "$DICT" --meta "$TMP/c/metadata.csv" --by year -o "$TMP/y" -q
check "freq --by year" $?
awk -F, 'NR == 1 { for (i = 8; i <= NF; i++) name[i] = $i; next }
	{ for (i = 8; i <= NF; i++) s[$3 "|" name[i]] += $i }
	END { for (k in s) print k "|" s[k] }' "$TMP/c/metadata.csv" | sort >"$TMP/truth_year"
awk -F, 'NR > 1 { print $1 "|" $2 "|" $3 }' "$TMP/y/phrases_by_group.csv" | sort >"$TMP/found_year"
cmp -s "$TMP/truth_year" "$TMP/found_year"
check "phrases_by_group per year equals the summed truth" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
