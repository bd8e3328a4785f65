#!/bin/bash
# test_ungdc_freq.sh: rhetor freq over the whole UN General Debate Corpus, checked independently.
. "$(dirname "$0")/../cli/lib.sh"

U="$SRC/../shared/corpora/ungdc"
if [ ! -d "$U/texts" ] || [ ! -f "$U/metadata.csv" ]; then
	echo "skipped: the UN General Debate Corpus is not at $U (texts/ + metadata.csv)"
	exit 77
fi
printf 'concept,pattern\nhr,human rights\nww,win-win cooperation\n' > dict.csv

expect_status 0 "$RHETOR" freq "$U/texts" --meta "$U/metadata.csv" --phrases dict.csv --top 0 -o all
expect_status 0 "$RHETOR" freq "$U/texts" --meta "$U/metadata.csv" \
	--phrases "$SRC/datasets/phrases/diplomatic.csv" --by country -o bycountry
for t in documents terms phrases_by_doc phrases_by_group; do
	[ -s bycountry/$t.csv ] && ok || fail "bycountry/$t.csv missing"
done

"$PY" - "$U" all bycountry <<'PYEOF' && ok || fail "independent checks"
import csv, os, re, sys
U, ALL, BY = sys.argv[1:4]
files = sorted(f[:-4] for f in os.listdir(os.path.join(U, "texts")) if f.endswith(".txt"))
docs = list(csv.DictReader(open(os.path.join(ALL, "documents.csv"), encoding="utf-8")))
# Every file became a document, in doc_id order.
assert [d["doc_id"] for d in docs] == files, "documents.csv does not list every file"
# Every column docs/design.md names, plus the metadata columns.
meta_cols = next(csv.reader(open(os.path.join(U, "metadata.csv"), encoding="utf-8")))
want = ["doc_id"] + [c for c in meta_cols if c != "doc_id"] + ["tokens", "types", "sentences"]
assert list(docs[0].keys()) == want, list(docs[0].keys())
# The counts of terms.csv add up to the tokens of documents.csv.
tokens = sum(int(d["tokens"]) for d in docs)
total = 0
for r in csv.DictReader(open(os.path.join(ALL, "terms.csv"), encoding="utf-8")):
    total += int(r["count"])
assert total == tokens, (total, tokens)
# "human rights" per speech equals an independent count with a regular
# expression on the raw text: the two words with white space between that
# holds at most one line end (a blank line ends a sentence), not part of a
# longer word (no letter or digit next to them, nor an apostrophe
# or hyphen with a letter or digit beyond it: "human-rights" is one word,
# "rights' " a closing quote).
pat = re.compile(r"(?<!\w)(?<!\w['\-])human[ \t\f\v\xa0]*(?:(?:\r\n|\r|\n)[ \t\f\v\xa0]*)?"
                 r"(?<=\s)rights(?!\w)(?!['\-]\w)", re.I)
by_doc = {}
for r in csv.DictReader(open(os.path.join(ALL, "phrases_by_doc.csv"), encoding="utf-8")):
    if r["concept"] == "hr":
        by_doc[r["doc_id"]] = int(r["count"])
bad = []
for f in files:
    text = open(os.path.join(U, "texts", f + ".txt"), encoding="utf-8", errors="replace").read()
    n = len(pat.findall(text))
    if by_doc[f] != n:
        bad.append((f, by_doc[f], n))
assert not bad, "human rights counts differ (doc, rhetor, regex): %s" % bad[:10]
# The groups of --by country are the countries of the metadata.
countries = sorted({r["country"] for r in csv.DictReader(open(os.path.join(U, "metadata.csv"), encoding="utf-8"))})
groups = sorted({r["group"] for r in csv.DictReader(open(os.path.join(BY, "phrases_by_group.csv"), encoding="utf-8"))})
assert groups == countries, (len(groups), len(countries))
print("checked %d documents, %d tokens" % (len(files), tokens))
PYEOF
finish
