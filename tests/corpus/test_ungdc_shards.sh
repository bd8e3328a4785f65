#!/bin/bash
# test_ungdc_shards.sh: the UN General Debate Corpus counted in 7 shards and merged: every table of
# the UN analysis (freq, tfidf, cooc, keyness, kwic, trends) from the merged counts is byte for byte
# the table of the same analysis counted on one machine.
. "$(dirname "$0")/../cli/lib.sh"

U="$SRC/../shared/corpora/ungdc"
if [ ! -d "$U/texts" ] || [ ! -f "$U/metadata.csv" ]; then
	echo "skipped: the UN General Debate Corpus is not at $U (texts/ + metadata.csv)"
	exit 77
fi
DICT="$SRC/datasets/phrases/diplomatic.csv"
INI="$SRC/datasets/analyses/ungdc.ini"

# One machine: the analysis reads the corpus (no charts: they are drawn from the same tables).
expect_status 0 "$RHETOR" run "$INI" -o single --set corpus.path="$U/texts" --set corpus.meta="$U/metadata.csv" \
	--set phrases.file="$DICT" --set plot.render=no -q
# Seven shards, counted with the analysis's counting settings, merged in another order.
for k in 1 2 3 4 5 6 7; do
	"$RHETOR" count "$U/texts" --meta "$U/metadata.csv" --phrases "$DICT" --by country --context 8 \
		--shard "$k/7" -o "part-$k.rhc" -q || fail "count --shard $k/7"
done
expect_status 0 "$RHETOR" merge part-7.rhc part-3.rhc part-1.rhc part-2.rhc part-6.rhc part-4.rhc part-5.rhc -o ungdc.rhc
size=$(stat -c %s ungdc.rhc)
echo "merged counts of the UN corpus: $size bytes"
[ "$size" -lt 100000000 ] && ok || fail "the merged counts file has $size bytes, not under 100 MB"
# The same analysis from the merged counts.
expect_status 0 "$RHETOR" run "$INI" -o merged --set corpus.path= --set corpus.meta= --set corpus.counts="$SCRATCH/ungdc.rhc" \
	--set phrases.file="$DICT" --set plot.render=no -q
n=0
for f in single/*.csv single/warnings.txt single/rhetor.lock.documents.tsv; do
	[ -e "$f" ] || continue
	same_file "$f" "merged/$(basename "$f")"
	n=$((n + 1))
done
[ "$n" -ge 15 ] && ok || fail "only $n tables compared"
finish
