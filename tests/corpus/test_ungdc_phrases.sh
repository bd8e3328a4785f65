#!/bin/bash
# test_ungdc_phrases.sh: rhetor phrases on the UN General Debate Corpus: the
# bigrams everyone expects at the top, China's key n-grams since 2013, and a
# dictionary that rhetor freq reads; and keyness of n-gram terms.
. "$(dirname "$0")/../cli/lib.sh"

U="$SRC/../shared/corpora/ungdc"
if [ ! -d "$U/texts" ] || [ ! -f "$U/metadata.csv" ]; then
	echo "skipped: the UN General Debate Corpus is not at $U (texts/ + metadata.csv)"
	exit 77
fi

expect_status 0 "$RHETOR" phrases "$U/texts" --size 2 -q -o all --dictionary-out all/found.csv
"$PY" - <<'PYEOF' && ok || fail "human rights and united nations among the top bigrams by count"
import csv
rows = list(csv.DictReader(open("all/candidates.csv", encoding="utf-8")))
by_count = [r["phrase"] for r in sorted(rows, key=lambda r: (-int(r["count"]), r["phrase"]))]
rank = {p: i + 1 for i, p in enumerate(by_count)}
print("by count: united nations #%d, human rights #%d" % (rank["united nations"], rank["human rights"]))
assert rank["united nations"] <= 10 and rank["human rights"] <= 50, rank
# ... and by z, the two hold together far more than chance.
top_z = [r["phrase"] for r in rows[:20]]
assert "united nations" in top_z and "human rights" in top_z, top_z
PYEOF
expect_status 0 "$RHETOR" freq "$U/texts" --phrases all/found.csv -q -o freq

# Since 2013 (the documents of those years, as a corpus of links), China
# against every other country.
mkdir -p since2013
"$PY" - "$U" <<'PYEOF'
import csv, os, sys
u = sys.argv[1]
with open("since2013.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["doc_id", "country", "year"])
    for r in csv.DictReader(open(os.path.join(u, "metadata.csv"), encoding="utf-8")):
        if int(r["year"]) >= 2013:
            os.symlink(os.path.join(u, "texts", r["doc_id"] + ".txt"), os.path.join("since2013", r["doc_id"] + ".txt"))
            w.writerow([r["doc_id"], r["country"], r["year"]])
PYEOF
expect_status 0 "$RHETOR" phrases since2013 --meta since2013.csv --size 2-3 --by country --target CHN -q -o chn
"$PY" - <<'PYEOF' && ok || fail "China's key bigrams and trigrams since 2013"
import csv
rows = [r for r in csv.DictReader(open("chn/candidates.csv", encoding="utf-8"))]
key = sorted(rows, key=lambda r: (-float(r["log_likelihood"]), r["phrase"]))[:30]
top = [r["phrase"] for r in key]
print("China's key n-grams since 2013:", ", ".join(top[:12]))
assert "win-win cooperation" in top or "shared future" in top, top
PYEOF

# The same question as n-gram terms of keyness, on the whole corpus with
# --where: China since 2013 against every other country's speeches then.
expect_status 0 "$RHETOR" keyness "$U/texts" --meta "$U/metadata.csv" --where 'year >= 2013' --by country \
	--target CHN --ngrams 2-3 --ngram-stop edge --top 30 -q -o key
"$PY" - <<'PYEOF' && ok || fail "China's key n-gram terms since 2013"
import csv
rows = [r for r in csv.DictReader(open("key/keyness.csv", encoding="utf-8")) if r["kind"] == "term"]
top = [r["term"] for r in rows[:30]]
print("keyness --ngrams 2-3 --ngram-stop edge, China since 2013:", ", ".join(top[:12]))
assert "win-win cooperation" in top or "shared future" in top, top
# The edge filter: no listed n-gram begins or ends with an English stop word.
assert not any(t.split()[0] in ("the", "of", "and", "to") or t.split()[-1] in ("the", "of", "and", "to")
               for t in top), top
PYEOF
finish
