#!/bin/bash
# test_ungdc_select.sh: selections on the UN General Debate Corpus: China 2013-2024 against every other
# country in those years, and the 2018 Human Rights Council statement against the whole corpus.
. "$(dirname "$0")/../cli/lib.sh"

U="$SRC/../shared/corpora/ungdc"
S="$SRC/../shared/corpora/seed"
if [ ! -d "$U/texts" ] || [ ! -f "$U/metadata.csv" ]; then
	echo "skipped: the UN General Debate Corpus is not at $U (texts/ + metadata.csv)"
	exit 77
fi
DICT="$SRC/datasets/phrases/diplomatic.csv"

expect_status 0 "$RHETOR" keyness "$U/texts" --meta "$U/metadata.csv" --phrases "$DICT" --where 'year >= 2013' \
	--target 'country = CHN' --reference rest -o k --quiet
# The documents kept are those of the metadata with year >= 2013, counted independently.
want=$("$PY" -c 'import csv, sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["year"].strip() and float(r["year"]) >= 2013))' "$U/metadata.csv")
got=$(($(wc -l < k/documents.csv) - 1))
[ "$got" = "$want" ] && ok || fail "--where 'year >= 2013' kept $got documents, the metadata has $want"
"$PY" - k/keyness.csv <<'PYEOF' && ok || fail "China's key concepts since 2013"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["kind"] == "concept"]
top = [r["term"] for r in sorted(rows, key=lambda r: -float(r["log_likelihood"]))[:20]]
print("China 2013-2024, top concepts by G2:", ", ".join(top[:8]), "...")
assert "community_of_shared_future" in top and "win_win" in top, top
# Initialisms are one token: "U.N." is the term u.n, and China's speeches hold no "u" or "n" word.
terms = {r["term"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["kind"] == "term"}
assert all(int(terms[t]["target_count"]) == 0 for t in ("u", "n") if t in terms), [terms.get(t) for t in ("u", "n")]
assert "u.n" in terms, "no term u.n"
PYEOF

if [ -d "$S/texts" ]; then
	# The two folders are both called texts: naming them is asked for, then the statement is a side.
	expect_status 2 "$RHETOR" keyness "$S/texts" "$U/texts" --target 'corpus = seed' -o x
	expect_err "give each corpus a name with --corpus-name"
	expect_status 0 "$RHETOR" keyness "$S/texts" "$U/texts" --corpus-name seed,un --target 'corpus = seed' \
		--reference rest -o s --quiet
	n=$(ls "$S/texts" | wc -l)
	[ "$(head -1 s/documents.csv | cut -d, -f2)" = corpus ] && [ "$(cut -d, -f2 s/documents.csv | grep -cx seed)" = "$n" ] &&
		ok || fail "the seed statement is not in the corpus column"
	head -3 s/keyness.csv | cut -d, -f1 | tail -2 | grep -qx -e rights -e human -e cooperation && ok ||
		fail "the Human Rights Council statement's top key terms: $(head -4 s/keyness.csv | cut -d, -f1 | tr '\n' ' ')"
fi
finish
