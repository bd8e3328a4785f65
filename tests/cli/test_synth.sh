# test_synth.sh: rhetor synth: byte-identical reruns, planted counts against grep and an independent matcher, Zipf share, sizes.
# usage: bash test_synth.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR
set -u
BIN=$1
SRC=$2
TMP=$3
PY=/usr/bin/python3
rm -rf "$TMP"
mkdir -p "$TMP"
fail=0
pass=0
check() { # check NAME COND-EXIT-STATUS
	if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}
export LC_ALL=C

sums() { (cd "$1" && find . -type f | sort | xargs sha256sum | sha256sum | cut -d' ' -f1); }

# 1. The same seed gives the same bytes; another seed other bytes.
"$BIN" synth -o "$TMP/a" --countries 4 --years 2010-2014 --seed 11 -q
check "synth runs" $?
"$BIN" synth -o "$TMP/b" --countries 4 --years 2010-2014 --seed 11 -q
"$BIN" synth -o "$TMP/c" --countries 4 --years 2010-2014 --seed 12 -q
[ "$(sums "$TMP/a")" = "$(sums "$TMP/b")" ]
check "same seed, same bytes" $?
[ "$(sums "$TMP/a")" != "$(sums "$TMP/c")" ]
check "other seed, other bytes" $?
[ "$(ls "$TMP/a/texts" | wc -l)" -eq 20 ]
check "4 countries x 5 years = 20 files" $?
ls "$TMP/a/texts/CHN_65_2010.txt" >/dev/null 2>&1
check "file named {country}_{session}_{year}.txt" $?
head -1 "$TMP/a/metadata.csv" | grep -q '^doc_id,country,year,session,tokens,sentences,bytes,community_of_shared_future,win_win,'
check "metadata header" $?
[ "$(ls -A "$TMP/a" | tr '\n' ' ')" = "collocates.csv curves.csv metadata.csv planted.csv texts " ]
check "no temporary files left" $?

# 2. A dictionary of patterns none of which contains another: grep -o of each
#    exact phrase, per document, equals the planted count and the metadata.
cp "$SRC/tests/data/synth/small.csv" "$TMP/small.csv"
"$BIN" synth -o "$TMP/g" --phrases "$TMP/small.csv" --countries 5 --years 2000-2009 --doc-words 1500 \
	--rate-scale 4 --seed 5 -q
check "synth with a small dictionary" $?
awk -F, 'NR > 1 { print $1 "|" $2 }' "$TMP/small.csv" >"$TMP/pats"
bad=0
nplanted=0
# expected (from metadata) per doc and concept
awk -F, 'NR == 1 { for (i = 8; i <= NF; i++) name[i] = $i; next }
	{ for (i = 8; i <= NF; i++) print $1 "|" name[i] "|" $i }' "$TMP/g/metadata.csv" | sort >"$TMP/meta_counts"
: >"$TMP/grep_counts"
for f in "$TMP"/g/texts/*.txt; do
	id=$(basename "$f" .txt)
	while IFS='|' read -r concept pattern; do
		n=$(grep -o -F -w -- "$pattern" "$f" | wc -l)
		echo "$id|$concept|$n"
	done <"$TMP/pats"
done | awk -F'|' '{ s[$1 "|" $2] += $3 } END { for (k in s) print k "|" s[k] }' | sort >"$TMP/grep_counts"
cmp -s "$TMP/meta_counts" "$TMP/grep_counts"
check "grep -o counts equal metadata counts, per document and concept" $?
total=$(awk -F'|' '{ s += $3 } END { print s + 0 }' "$TMP/grep_counts")
[ "$total" -gt 100 ]
check "phrases were planted ($total)" $?
# planted.csv: the same per pattern
: >"$TMP/grep_pat"
for f in "$TMP"/g/texts/*.txt; do
	id=$(basename "$f" .txt)
	while IFS='|' read -r concept pattern; do
		n=$(grep -o -F -w -- "$pattern" "$f" | wc -l)
		[ "$n" -gt 0 ] && echo "$id,$concept,$pattern,$n"
	done <"$TMP/pats"
done | sort >"$TMP/grep_pat"
tail -n +2 "$TMP/g/planted.csv" | sort | cmp -s - "$TMP/grep_pat"
check "planted.csv equals grep -o counts per pattern" $?

# 3. The full dictionary: an independent matcher written here (docs/design.md:
#    longest pattern per concept at each start, no overlaps within a concept,
#    concepts independent, words joined by white space only, `*` a prefix).
if [ -x "$PY" ]; then
	"$BIN" synth -o "$TMP/d" --countries 4 --years 1995-2024 --doc-words 1200 --seed 3 -q
	check "synth with the diplomatic dictionary" $?
	"$PY" - "$SRC/datasets/phrases/diplomatic.csv" "$TMP/d" <<'EOF'
import csv, os, re, sys
dic, out = sys.argv[1], sys.argv[2]
pats = {}
for row in csv.DictReader(open(dic, encoding="utf-8")):
    pats.setdefault(row["concept"], []).append(row["pattern"].lower().split())
def word_ok(p, t):
    return t.startswith(p[:-1]) if p.endswith("*") else t == p
rd = csv.DictReader(open(os.path.join(out, "metadata.csv"), encoding="utf-8"))
concepts = rd.fieldnames[7:]
assert concepts == list(pats), "metadata concept columns in dictionary order"
bad = total = 0
for m in rd:
    text = open(os.path.join(out, "texts", m["doc_id"] + ".txt"), encoding="utf-8").read()
    toks, joined, last = [], [], None
    for mo in re.finditer(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*", text):
        gap = text[last:mo.start()] if last is not None else ""
        joined.append(last is not None and gap.strip() == "" and gap != "")
        toks.append(mo.group().lower())
        last = mo.end()
    if int(m["tokens"]) != len(toks):
        bad += 1
    for c in concepts:
        ps = sorted(pats[c], key=len, reverse=True)
        n = i = 0
        while i < len(toks):
            for p in ps:
                if word_ok(p[0], toks[i]) and i + len(p) <= len(toks) \
                        and all(joined[i + k] and word_ok(p[k], toks[i + k]) for k in range(1, len(p))):
                    n += 1
                    i += len(p)
                    break
            else:
                i += 1
        total += n
        if n != int(m[c]):
            bad += 1
            print("differs:", m["doc_id"], c, "metadata", m[c], "found", n)
print("matches found:", total)
sys.exit(1 if bad or total < 1000 else 0)
EOF
	check "independent matcher equals metadata for every document and concept" $?
fi

# 4. Zipf: with no dictionary, rank 1 ("the") takes 1/H(n, 1.07) of the words,
#    H summed here over the n words of the list; "of" (rank 2) 2^-1.07 of that.
"$BIN" synth -o "$TMP/z" --phrases none --countries 8 --years 2001-2010 --doc-words 3000 --seed 9 -q
check "synth without a dictionary" $?
cat "$TMP"/z/texts/*.txt | tr 'A-Z' 'a-z' | tr -cs "a-z'-" '\n' | grep -v '^$' | sort | uniq -c | sort -rn >"$TMP/freq"
n=$(grep -vc '^#' "$SRC/datasets/words/en-speech.txt")
opening=$(cat "$TMP"/z/texts/*.txt | grep -c '^Mr\. President, ')
awk -v n="$n" -v op="$opening" '
	{ c[NR] = $1; w[NR] = $2; tot += $1 }
	END {
		for (k = 1; k <= n; k++) h += k ^ -1.07
		words = tot - 2 * op # "Mr. President" is not drawn from the stream
		p1 = c[1] / words; p2 = c[2] / words
		printf "rank 1 %s share %.4f (theory %.4f); rank 2 %s %.4f (theory %.4f)\n", w[1], p1, 1 / h, w[2], p2, 2 ^ -1.07 / h
		ok = w[1] == "the" && w[2] == "of" && (p1 - 1 / h) ^ 2 < 0.005 ^ 2 && (p2 - 2 ^ -1.07 / h) ^ 2 < 0.004 ^ 2
		exit ok ? 0 : 1
	}' "$TMP/freq"
check "Zipf share of ranks 1 and 2" $?

# 5. Sizes: --size within 1% in total, --docs honoured.
"$BIN" synth -o "$TMP/s" --size 2MB --docs 25 --seed 2 -q
check "synth --size" $?
bytes=$(cat "$TMP"/s/texts/*.txt | wc -c)
[ "$bytes" -ge 1980000 ] && [ "$bytes" -le 2020000 ]
check "--size 2MB gives $bytes bytes" $?
[ "$(ls "$TMP/s/texts" | wc -l)" -eq 25 ]
check "--docs 25 gives 25 files" $?
awk -F, 'NR > 1 { s += $7 } END { exit s == '"$bytes"' ? 0 : 1 }' "$TMP/s/metadata.csv"
check "metadata bytes column adds up" $?

# 6. Wrong usage exits 2.
"$BIN" synth -o "$TMP/e" --size lots 2>/dev/null
[ $? -eq 2 ]
check "bad --size: exit 2" $?
"$BIN" synth -o "$TMP/e" --years 2020-2010 2>/dev/null
[ $? -eq 2 ]
check "bad --years: exit 2" $?
"$BIN" synth -o "$TMP/e" --docs 1000 --countries 2 --years 2000-2001 2>/dev/null
[ $? -eq 2 ]
check "more docs than country-years: exit 2" $?
"$BIN" synth some_corpus -o "$TMP/e" 2>/dev/null
[ $? -eq 2 ]
check "positional argument: exit 2" $?
"$BIN" synth 2>/dev/null
[ $? -eq 2 ]
check "no -o: exit 2" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
