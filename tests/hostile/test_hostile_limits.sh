#!/bin/bash
# test_hostile_limits.sh: documented limits give a clear error before the work explodes; a dictionary's
# bad rows are all reported; many prefixes and many patterns are handled in full.
. "$(dirname "$0")/lib.sh"

mkdir -p c
printf 'Win-win cooperation and cooperative cooperation.' > c/a.txt
printf 'Human rights.' > c/b.txt

# A group name over 4096 bytes: an error naming the document and the column.
$PY -c 'print("doc_id,country"); print("a," + "X" * 50000); print("b,CHN")' > meta.csv
snapshot
expect_status 1 "$RHETOR" freq c --meta meta.csv --by country -o out
unchanged "a 50 kB group name"
expect_err "a: country has a value of 50000 bytes; a group name may have at most 4096"
no_tables out

# A KWIC context of a billion tokens is refused before any work.
rm -rf out
printf 'concept,pattern\nww,win-win cooperation\n' > dict.csv
snapshot
expect_status 2 "$RHETOR" kwic c --phrases dict.csv --context 1000000000 -o out
unchanged "kwic --context 1000000000"
expect_err "a KWIC context of 1000000000 tokens; at most 1000"
no_tables out

# A count that would wrap around when narrowed is refused.
for opt in "--threads 4294967297" "--top 9223372036854775807"; do
	rm -rf out
	# shellcheck disable=SC2086
	expect_status 2 "$RHETOR" freq c $opt -o out
	expect_err "wants a whole number"
	no_tables out
done

# Every bad row of a dictionary in one run (the first 20 shown, all counted).
rm -rf out
{
	echo "concept,pattern"
	echo "ok,human rights"
	for i in $(seq 1 25); do echo "c$i,*bad"; done
	echo ",empty concept"
	echo "ok,human rights"
} > bad.csv
snapshot
expect_status 1 "$RHETOR" freq c --phrases bad.csv -o out
unchanged "a dictionary with 27 bad rows"
for line in 3 4 12 22; do expect_err "bad.csv:$line:"; done
expect_err "bad.csv: 27 bad rows, the first 20 shown"
if grep -q "bad.csv:23:" err.txt; then fail "more than 20 rows shown"; else ok; fi
no_tables out

# A word may match any number of prefixes: 40 prefix patterns of "cooperation", each its own concept.
rm -rf out
word=cooperation
{
	echo "concept,pattern"
	for n in $(seq 1 11); do echo "p$n,${word:0:$n}*"; done
	for n in $(seq 1 11); do echo "q$n,${word:0:$n}* cooperation"; done
	for n in $(seq 1 11); do echo "r$n,and ${word:0:$n}*"; done
	for n in $(seq 1 7); do echo "s$n,${word:0:$n}* and"; done
} > prefixes.csv
expect_status 0 "$RHETOR" freq c --phrases prefixes.csv -o out
tables_valid out
# In a: cooperation twice, cooperative once (its prefixes up to "cooperati"). By hand:
# p1..p9 match 3 times, p10 p11 ("cooperatio", "cooperation") twice.
$PY - <<'PY' && ok || fail "prefix counts"
import csv
rows = {(r["doc_id"], r["concept"]): int(r["count"]) for r in csv.DictReader(open("out/phrases_by_doc.csv", newline=""))}
for n in range(1, 12):
    assert rows[("a", "p%d" % n)] == (3 if n <= 9 else 2), (n, rows[("a", "p%d" % n)])
    # q: "cooperative cooperation"; r: "and cooperative"; both need the prefix of "cooperative"
    assert rows[("a", "q%d" % n)] == (1 if n <= 9 else 0), (n, rows[("a", "q%d" % n)])
    assert rows[("a", "r%d" % n)] == (1 if n <= 9 else 0), (n, rows[("a", "r%d" % n)])
for n in range(1, 8):
    assert rows[("a", "s%d" % n)] == 1, (n, rows[("a", "s%d" % n)])
assert len(rows) == 2 * 40
PY

# 200,000 patterns (100,000 concepts, half of them prefixes) load, and the tables hold.
rm -rf out
$PY - > big.csv <<'PY'
print("concept,pattern")
for i in range(100000):
    print("c%d,w%dx human" % (i, i))
    print("c%d,p%d*" % (i, i))
PY
# (How long it takes is a figure of make bench, not a verdict here.)
expect_status 0 "$RHETOR" freq c --phrases big.csv -o out
tables_valid out

finish
