#!/bin/bash
# test_ungdc_trends.sh: rhetor trends over the whole UN General Debate Corpus, checked against rhetor freq and the record.
. "$(dirname "$0")/../cli/lib.sh"

U="$SRC/../shared/corpora/ungdc"
if [ ! -d "$U/texts" ] || [ ! -f "$U/metadata.csv" ]; then
	echo "skipped: the UN General Debate Corpus is not at $U (texts/ + metadata.csv)"
	exit 77
fi
DICT="$SRC/datasets/phrases/diplomatic.csv"

expect_status 0 "$RHETOR" trends "$U/texts" --meta "$U/metadata.csv" --phrases "$DICT" \
	--time year --by country -o tr
expect_status 0 "$RHETOR" freq "$U/texts" --meta "$U/metadata.csv" --phrases "$DICT" --by country -o fr
for t in trends trend_fit adoption adoption_curve; do
	[ -s tr/$t.csv ] && ok || fail "tr/$t.csv missing"
done

"$PY" - tr fr "$U/metadata.csv" <<'PYEOF' && ok || fail "trends against freq and the record"
import csv, os, sys
TR, FR, META = sys.argv[1:4]
read = lambda p: csv.DictReader(open(p, encoding="utf-8"))
# Every speech has a year, so the counts of trends.csv summed over the years
# are those of phrases_by_group.csv (another table of the same counting
# pass), and so are the tokens and the documents.
by_group = {(r["group"], r["concept"]): r for r in read(os.path.join(FR, "phrases_by_group.csv"))}
count, tokens, docs = {}, {}, {}
for r in read(os.path.join(TR, "trends.csv")):
    key = (r["group"], r["concept"])
    count[key] = count.get(key, 0) + int(r["count"])
    tokens[key] = tokens.get(key, 0) + float(r["tokens"])
    docs[key] = docs.get(key, 0) + int(r["docs_total"])
assert set(count) == set(by_group), "groups x concepts differ"
bad = [k for k in count if count[k] != int(by_group[k]["count"]) or tokens[k] != float(by_group[k]["tokens"])
       or docs[k] != int(by_group[k]["docs"])]
assert not bad, "differ from phrases_by_group.csv: %s" % bad[:5]
# The years of trends.csv are those of the metadata, in numeric order per group.
years = {}
for m in read(META):
    years.setdefault(m["country"], set()).add(int(m["year"]))
seen = {}
for r in read(os.path.join(TR, "trends.csv")):
    seen.setdefault(r["group"], [])
    if not seen[r["group"]] or seen[r["group"]][-1] != int(r["period"]):
        seen[r["group"]].append(int(r["period"]))
assert all(seen[g] == sorted(years[g]) for g in years), "periods differ from the metadata years"
# adoption.csv agrees with trends.csv: total_count, and no use before first_period.
adoption = {(r["group"], r["concept"]): r for r in read(os.path.join(TR, "adoption.csv"))}
assert set(adoption) == set(count)
for k, r in adoption.items():
    assert int(r["total_count"]) == count[k], (k, r)
    assert (r["first_period"] == "NA") == (count[k] == 0), (k, r)
# "Community of shared future for mankind" entered China's speeches under
# Xi Jinping, from 2012 on; the UN record has no earlier Chinese use.
chn = adoption[("CHN", "community_of_shared_future")]
assert chn["first_period"] != "NA" and int(chn["first_period"]) >= 2012, chn
assert chn["first_doc"].startswith("CHN_"), chn
fit = {(r["group"], r["concept"]): r for r in read(os.path.join(TR, "trend_fit.csv"))}
print("CHN community_of_shared_future: first %s (%s), %s uses, rate ratio per decade %s; win_win first %s, rate ratio %s"
      % (chn["first_period"], chn["first_doc"], chn["total_count"],
         fit[("CHN", "community_of_shared_future")]["rate_ratio_per_decade"],
         adoption[("CHN", "win_win")]["first_period"], fit[("CHN", "win_win")]["rate_ratio_per_decade"]))
PYEOF
finish
