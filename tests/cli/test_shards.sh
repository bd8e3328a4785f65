# test_shards.sh: a corpus counted in 1, 2, 3 and 7 shards and merged gives every table of freq,
# tfidf, cooc, keyness, trends and kwic byte for byte as counting it on one machine does, and the
# very counts file; shards run as separate processes under GNU parallel; a run from counts is
# verified; mismatched, duplicated, missing, corrupted and truncated shards are refused by name.
. "$(dirname "$0")/lib.sh"

DICT="$SRC/datasets/phrases/diplomatic.csv"
"$RHETOR" synth -o c --countries 5 --years 2000-2007 --doc-words 300 --rate-scale 3 --seed 11 -q || fail "synth"
CORPUS="c/texts --meta c/metadata.csv"
TARGET=$(awk -F, 'NR == 2 { print $2 }' c/metadata.csv)
# Every analysis command, with what it needs beyond the counting settings.
analyses="freq|--dispersion
tfidf|--similarity
cooc|
keyness|--target $TARGET
trends|--time year
kwic|"
COUNTING="--phrases $DICT --by country"

# The single machine: each command reads the corpus.
echo "$analyses" | while IFS='|' read -r cmd extra; do
	# shellcheck disable=SC2086
	"$RHETOR" "$cmd" $CORPUS $COUNTING $extra -o "single/$cmd" -q || echo "single $cmd" >>failed
done
# shellcheck disable=SC2086
"$RHETOR" count $CORPUS $COUNTING -o whole.rhc -q || echo "count whole" >>failed

# Every file of directory A is in B with the same bytes, and B has no other.
same_dir() {
	if [ "$(cd "$1" && ls)" != "$(cd "$2" && ls)" ]; then
		fail "$2 holds other files than $1: $(cd "$2" && ls | tr '\n' ' ')"
		return
	fi
	for f in "$1"/*; do
		same_file "$f" "$2/$(basename "$f")"
	done
}

for n in 1 2 3 7; do
	parts=""
	for k in $(seq 1 "$n"); do
		# shellcheck disable=SC2086
		"$RHETOR" count $CORPUS $COUNTING --shard "$k/$n" -o "parts/$n/$k.rhc" -q || echo "count $k/$n" >>failed
		parts="$parts parts/$n/$k.rhc"
	done
	# shellcheck disable=SC2086
	expect_status 0 "$RHETOR" merge $parts -o "merged-$n.rhc"
	same_file whole.rhc "merged-$n.rhc"
	echo "$analyses" | while IFS='|' read -r cmd extra; do
		# shellcheck disable=SC2086
		"$RHETOR" "$cmd" --counts "merged-$n.rhc" $extra -o "from$n/$cmd" -q || echo "from counts $n $cmd" >>failed
	done
	for cmd in freq tfidf cooc keyness trends kwic; do
		same_dir "single/$cmd" "from$n/$cmd"
	done
done
# N-gram terms are terms of the one pass, and travel in the counts like words.
# shellcheck disable=SC2086
"$RHETOR" freq $CORPUS $COUNTING --ngrams 1-3 -o single/ngrams -q || echo "single ngrams" >>failed
# shellcheck disable=SC2086
"$RHETOR" tfidf $CORPUS $COUNTING --ngrams 2 --ngram-stop edge -o single/ngrams-edge -q || echo "single edge" >>failed
for n in 2 7; do
	for grams in 1-3 2; do
		edge=""
		[ "$grams" = 2 ] && edge="--ngram-stop edge"
		parts=""
		for k in $(seq 1 "$n"); do
			# shellcheck disable=SC2086
			"$RHETOR" count $CORPUS $COUNTING --ngrams $grams $edge --shard "$k/$n" -o "grams/$n-$grams-$k.rhc" -q ||
				echo "count ngrams $k/$n" >>failed
			parts="$parts grams/$n-$grams-$k.rhc"
		done
		# shellcheck disable=SC2086
		"$RHETOR" merge $parts -o "grams-$n-$grams.rhc" -q || echo "merge ngrams $n" >>failed
	done
	"$RHETOR" freq --counts "grams-$n-1-3.rhc" -o "from$n/ngrams" -q || echo "from counts $n ngrams" >>failed
	"$RHETOR" tfidf --counts "grams-$n-2.rhc" --ngrams 2 --ngram-stop edge -o "from$n/ngrams-edge" -q ||
		echo "from counts $n edge" >>failed
	same_dir single/ngrams "from$n/ngrams"
	same_dir single/ngrams-edge "from$n/ngrams-edge"
done
grep -q ',[a-z]* [a-z]* [a-z]*,' single/ngrams/terms.csv && ok || fail "no 3-gram in terms.csv"
expect_status 2 "$RHETOR" freq --counts grams-2-2.rhc --ngrams 3 -o bad -q
expect_err "was counted with ngrams = 2-2"
if [ -f failed ]; then fail "commands failed: $(tr '\n' ';' <failed)"; else ok; fi
[ "$(ls single/cooc | wc -l)" -ge 3 ] && [ "$(wc -l <single/kwic/kwic.csv)" -gt 50 ] && ok ||
	fail "the fixture has too few matches to prove anything"
# The counting settings are the file's: an analysis that asks for others is told so.
expect_status 2 "$RHETOR" cooc --counts merged-3.rhc --window 3 -o bad -q
expect_err "merged-3.rhc was counted with window_left = 5"
expect_status 2 "$RHETOR" freq --counts merged-3.rhc --by year -o bad -q
expect_err "was counted with by = country"
expect_status 2 "$RHETOR" freq --counts parts/3/1.rhc -o bad -q
expect_err "is shard 1 of 3: merge the shards first"
expect_status 2 "$RHETOR" freq c/texts --counts merged-3.rhc -o bad -q
expect_err "not both"

# GNU parallel runs the shards as separate processes, as it would on several hosts.
if command -v parallel >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	parallel -j 3 --halt now,fail=1 "$RHETOR" count $CORPUS $COUNTING --shard {}/3 -o par/{}.rhc -q ::: 1 2 3 &&
		"$RHETOR" merge par/3.rhc par/1.rhc par/2.rhc -o par.rhc -q
	same_file whole.rhc par.rhc
else
	fail "GNU parallel is not installed (scripts/install-deps --test installs it)"
fi

# rhetor run from counts: the lock records the counts file; verify reruns it.
cat >from.ini <<EOF
[corpus]
counts = merged-2.rhc
[freq]
[kwic]
[output]
dir = run1
EOF
expect_status 0 "$RHETOR" run from.ini -q
want=$(sha256sum merged-2.rhc | cut -c1-64)
if grep -qx "../merged-2.rhc = $want" run1/rhetor.lock.ini; then ok; else fail "the lock does not record sha256sum's digest of merged-2.rhc"; fi
# The same analysis of the corpus itself: the same tables, and the same corpus manifest beside
# the lock (the counts file carries the one it was counted from).
cat >corpus.ini <<EOF
[corpus]
path = c/texts
meta = c/metadata.csv
by = country
[phrases]
file = $DICT
[freq]
[kwic]
[output]
dir = run0
EOF
expect_status 0 "$RHETOR" run corpus.ini -q
for f in run0/*.csv run0/warnings.txt run0/rhetor.lock.documents.tsv; do
	same_file "$f" "run1/$(basename "$f")"
done
same_file single/freq/terms.csv run1/terms.csv
expect_status 0 "$RHETOR" verify run1
# shellcheck disable=SC2086
"$RHETOR" count $CORPUS --phrases "$DICT" -o ungrouped.rhc -q
cp ungrouped.rhc merged-2.rhc
expect_status 1 "$RHETOR" verify run1
grep -q 'differs.*merged-2.rhc' out.txt && ok || fail "verify does not name the counts file that changed"

# Refusals, each naming the problem and the files.
# shellcheck disable=SC2086
"$RHETOR" count $CORPUS $COUNTING --window 3 --shard 2/3 -o w2.rhc -q
expect_status 2 "$RHETOR" merge parts/3/1.rhc w2.rhc parts/3/3.rhc -o bad.rhc
expect_err "parts/3/1.rhc and w2.rhc were counted with different settings: window_left"
expect_status 2 "$RHETOR" merge parts/3/1.rhc parts/3/2.rhc parts/3/2.rhc -o bad.rhc
expect_err "shard 2/3 is given twice: parts/3/2.rhc and parts/3/2.rhc"
expect_status 2 "$RHETOR" merge parts/3/1.rhc parts/3/3.rhc -o bad.rhc
expect_err "shard 2/3 is missing"
expect_status 2 "$RHETOR" merge parts/3/1.rhc parts/2/2.rhc -o bad.rhc
expect_err "shards of different countings"
# shellcheck disable=SC2086
"$RHETOR" count $CORPUS --phrases "$DICT" --by year --shard 2/3 -o y2.rhc -q
expect_status 2 "$RHETOR" merge parts/3/1.rhc y2.rhc parts/3/3.rhc -o bad.rhc
expect_err "group is 'country' in one and 'year' in the other"
head -c 1000 parts/3/2.rhc >cut.rhc
expect_status 1 "$RHETOR" merge parts/3/1.rhc cut.rhc parts/3/3.rhc -o bad.rhc
expect_err "cut.rhc: truncated"
cp parts/3/3.rhc flip.rhc
size=$(wc -c <flip.rhc)
printf '\377' | dd of=flip.rhc bs=1 seek=$((size - 100)) conv=notrunc 2>/dev/null
expect_status 1 "$RHETOR" merge parts/3/1.rhc parts/3/2.rhc flip.rhc -o bad.rhc
expect_err "flip.rhc: corrupted counts file"
expect_status 1 "$RHETOR" freq --counts c/metadata.csv -o bad -q
expect_err "c/metadata.csv: not a rhetor counts file"
[ ! -e bad.rhc ] && ok || fail "a refused merge left bad.rhc behind"

finish
