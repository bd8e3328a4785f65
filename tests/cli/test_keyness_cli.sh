#!/bin/bash
# test_keyness_cli.sh: rhetor keyness end to end: header, order, concepts, top, usage errors.
# Usage: test_keyness_cli.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
set -u
bin=$1 src=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch/texts" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

printf 'Peace and joy and peace.\n' > "$scratch/texts/t1.txt"
printf 'War and war and joy and peace now.\n' > "$scratch/texts/r1.txt"
printf 'Now and then.\n' > "$scratch/texts/s1.txt"
printf 'doc_id,side\nt1,T\nr1,R\ns1,S\n' > "$scratch/meta.csv"
printf 'concept,pattern\npeace,peace\nwar,war\n' > "$scratch/dict.csv"
k="$scratch/o1/keyness.csv"

"$bin" keyness "$scratch/texts" --meta "$scratch/meta.csv" --by side --target T -q -o "$scratch/o1" || fail "keyness exited $?"
head -1 "$k" | grep -qx 'term,target_count,reference_count,target_per_10k,reference_per_10k,log_likelihood,p_value,q_value,chi2,log_ratio,pct_diff,bic,kind' \
	|| fail "header: $(head -1 "$k")"
# Against the rest (N1 = 5, N2 = 11): peace 2/1 first, war 0/2 last.
[ "$(sed -n 2p "$k" | cut -d, -f1-3)" = "peace,2,1" ] || fail "first row $(sed -n 2p "$k")"
[ "$(tail -1 "$k" | cut -d, -f1-3)" = "war,0,2" ] || fail "last row $(tail -1 "$k")"
[ "$(wc -l < "$k")" -eq 7 ] || fail "6 terms expected"

# With --phrases, concepts as kind=concept; --top 1 keeps one per direction and kind.
"$bin" keyness "$scratch/texts" --meta "$scratch/meta.csv" --by side --target T --reference R \
	--phrases "$scratch/dict.csv" --top 1 -q -o "$scratch/o2" || fail "keyness --phrases exited $?"
[ "$(cut -d, -f1,13 "$scratch/o2/keyness.csv" | tr '\n' ' ')" = "term,kind peace,term peace,concept war,term war,concept " ] \
	|| fail "top rows: $(cut -d, -f1,13 "$scratch/o2/keyness.csv" | tr '\n' ' ')"

# A concept with no match anywhere has no row, and the run says which (-q does not hide it from this check).
printf 'concept,pattern\npeace,peace\nlove,love\nhope,hope\n' > "$scratch/dict2.csv"
err=$("$bin" keyness "$scratch/texts" --meta "$scratch/meta.csv" --by side --target T --phrases "$scratch/dict2.csv" \
	-o "$scratch/o4" 2>&1) || fail "keyness with unmatched concepts exited $?"
case $err in
*"2 concepts of the dictionary match nowhere in these documents, so keyness.csv has no row for them: love, hope"*) ;;
*) fail "no note on the unmatched concepts: $err" ;;
esac
grep -q ',concept$' "$scratch/o4/keyness.csv" && ! grep -q '^love,\|^hope,' "$scratch/o4/keyness.csv" ||
	fail "keyness.csv concepts: $(grep concept "$scratch/o4/keyness.csv")"

# Unknown values: usage error (2) naming the values there are.
err=$("$bin" keyness "$scratch/texts" --meta "$scratch/meta.csv" --by side --target CHN -q -o "$scratch/o3" 2>&1)
[ $? -eq 2 ] || fail "unknown target should exit 2"
echo "$err" | grep -q "R, S, T" || fail "message should list the values: $err"
"$bin" keyness "$scratch/texts" --meta "$scratch/meta.csv" --by side --target T --reference XX -q -o "$scratch/o3" 2>/dev/null
[ $? -eq 2 ] || fail "unknown reference should exit 2"
"$bin" keyness "$scratch/texts" --meta "$scratch/meta.csv" --target T -q -o "$scratch/o3" 2>/dev/null
[ $? -eq 2 ] || fail "no --by should exit 2"
[ ! -e "$scratch/o3/keyness.csv" ] || fail "a failed run left keyness.csv"
echo ok
