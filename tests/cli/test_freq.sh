#!/bin/bash
# test_freq.sh: rhetor freq on a corpus worked out by hand.
. "$(dirname "$0")/lib.sh"

mkdir -p c
printf 'Win-win cooperation. Human rights matter.' > c/a.txt
printf 'Human rights, human dignity.' > c/b.txt
printf 'doc_id,country\na,CHN\nb,USA\n' > meta.csv
printf 'concept,pattern\nww,win-win cooperation\nhr,human rights\n' > dict.csv

expect_status 0 "$RHETOR" freq c --meta meta.csv --phrases dict.csv --by country -o out

# a: win-win cooperation | human rights matter: 5 tokens, 5 types, 2 sentences.
# b: human rights human dignity: 4 tokens, 3 types, 1 sentence.
cat > want_documents.csv <<'CSV'
doc_id,country,tokens,types,sentences
a,CHN,5,5,2
b,USA,4,3,1
CSV
same_file out/documents.csv want_documents.csv

# CHN: five terms once each in 5 tokens: 1/5 * 10000 = 2000 per 10k; ties by term.
# USA: human 2/4 -> 5000; dignity, rights 1/4 -> 2500.
cat > want_terms.csv <<'CSV'
group,term,count,docs,per_10k,rank
CHN,cooperation,1,1,2000,1
CHN,human,1,1,2000,2
CHN,matter,1,1,2000,3
CHN,rights,1,1,2000,4
CHN,win-win,1,1,2000,5
USA,human,2,1,5000,1
USA,dignity,1,1,2500,2
USA,rights,1,1,2500,3
CSV
same_file out/terms.csv want_terms.csv

cat > want_by_doc.csv <<'CSV'
doc_id,concept,count,tokens,per_10k
a,ww,1,5,2000
a,hr,1,5,2000
b,ww,0,4,0
b,hr,1,4,2500
CSV
same_file out/phrases_by_doc.csv want_by_doc.csv

# Exact Poisson 95% interval (Garwood): k = 0 -> [0, -ln 0.025];
# k = 1 -> [-ln 0.975, y] with e^-y (1 + y) = 0.025; scaled by 10000/tokens.
# Checked with plain arithmetic in Python (no statistics library).
if [ -x "$PY" ]; then
	"$PY" - out/phrases_by_group.csv <<'PYEOF' && ok || fail "phrases_by_group.csv"
import csv, math, sys
def hi1():
    y = 5.0
    for _ in range(100):  # Newton on f(y) = e^-y (1 + y) - 0.025
        f = math.exp(-y) * (1 + y) - 0.025
        y -= f / (-y * math.exp(-y))
    return y
ci = {0: (0.0, -math.log(0.025)), 1: (-math.log(0.975), hi1())}
want = [("CHN", "ww", 1, 1, 1, 5), ("CHN", "hr", 1, 1, 1, 5),
        ("USA", "ww", 0, 0, 1, 4), ("USA", "hr", 1, 1, 1, 4)]
rows = list(csv.DictReader(open(sys.argv[1])))
assert [tuple(r.values())[:2] for r in rows] == [w[:2] for w in want], rows
for r, (g, c, k, dw, d, tok) in zip(rows, want):
    assert int(r["count"]) == k and int(r["docs_with"]) == dw and int(r["docs"]) == d, r
    assert float(r["tokens"]) == tok, r
    scale = 10000 / tok
    for col, v in (("per_10k", k * scale), ("ci_low", ci[k][0] * scale), ("ci_high", ci[k][1] * scale)):
        got = float(r[col])
        assert abs(got - v) <= 1e-9 * max(1, abs(v)), (r, col, v)
PYEOF
fi

# --top and stop words: "human" is kept, a stop list with "human" drops it.
printf '# test list\nhuman\n' > stop.txt
expect_status 0 "$RHETOR" freq c --meta meta.csv --by country --stopwords stop.txt --top 1 -o out2
cat > want_top.csv <<'CSV'
group,term,count,docs,per_10k,rank
CHN,cooperation,1,1,2000,1
USA,dignity,1,1,2500,1
CSV
same_file out2/terms.csv want_top.csv

# --top K of many groups (a heap of each group's K best) is the first K rows of
# each group's whole ranking: 300 documents in 12 groups over a vocabulary of
# 400 words with many ties in count, where byte order decides.
mkdir -p many
awk 'BEGIN { srand(7); print "doc_id,country" > "many_meta.csv"
	for (d = 0; d < 300; d++) {
		f = "many/d" d ".txt"; printf "" > f
		for (w = 0; w < 60; w++) printf "w%d%s", int(rand() * rand() * 400), (w < 59 ? " " : "\n") >> f
		close(f); print "d" d ",g" (d % 12) >> "many_meta.csv" } }'
expect_status 0 "$RHETOR" freq many --meta many_meta.csv --by country -o many_all
expect_status 0 "$RHETOR" freq many --meta many_meta.csv --by country --top 7 -o many_top
awk -F, 'NR == 1 || $6 <= 7' many_all/terms.csv > many_want.csv
same_file many_top/terms.csv many_want.csv
[ "$(wc -l <many_top/terms.csv)" -eq 85 ] && ok || fail "--top 7 of 12 groups: $(wc -l <many_top/terms.csv) lines"

# Without --by everything is one group "all".
expect_status 0 "$RHETOR" freq c -o out3
[ "$(cut -d, -f1 out3/terms.csv | sort -u | tr '\n' ' ')" = "all group " ] && ok || fail "group all"

# Threads never change a byte.
expect_status 0 "$RHETOR" freq c --meta meta.csv --phrases dict.csv --by country --threads 1 -o t1
expect_status 0 "$RHETOR" freq c --meta meta.csv --phrases dict.csv --by country --threads 3 -o t3
for f in documents terms phrases_by_doc phrases_by_group; do same_file t1/$f.csv t3/$f.csv; done

# --excel: BOM and CRLF.
expect_status 0 "$RHETOR" freq c --excel -o ex
[ "$(head -c 3 ex/terms.csv | od -An -tx1 | tr -d ' ')" = "efbbbf" ] && ok || fail "excel BOM"
grep -q $'\r$' ex/terms.csv && ok || fail "excel CRLF"

# Tokens never start with = + - @, but metadata cells can: they are guarded,
# and --raw-cells keeps them as they are.
printf 'doc_id,country\na,=1+2\nb,-x\n' > evil.csv
expect_status 0 "$RHETOR" freq c --meta evil.csv -o fo
grep -q "^a,'=1+2,5" fo/documents.csv && grep -q "^b,'-x,4" fo/documents.csv && ok || fail "formula guard"
expect_status 0 "$RHETOR" freq c --meta evil.csv --raw-cells -o fr
grep -q "^a,=1+2,5" fr/documents.csv && ok || fail "raw cells"
finish
