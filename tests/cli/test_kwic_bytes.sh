#!/bin/bash
# test_kwic_bytes.sh: kwic.csv's match column is the source file's bytes at its offsets.
# Usage: test_kwic_bytes.sh RHETOR_BIN SOURCE_DIR SCRATCH_DIR (exit 77 = skipped)
set -u
bin=$1 src=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch/texts/sub" || exit 1
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3: skipped"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# Capitals, curly quotes, a phrase broken over a line, CRLF line ends, a
# byte-order mark, accents, nested concepts and a document in a subdirectory.
printf '\xef\xbb\xbfMr. President, \xe2\x80\x9cWin-win cooperation\xe2\x80\x9d is our aim.\r\nWe build a Community of Shared\r\nFuture for Mankind, a shared future.\r\n' > "$scratch/texts/a.txt"
printf 'La coop\xc3\xa9ration: WIN-WIN results and win-win\ncooperation. Shared future!\n' > "$scratch/texts/sub/b.txt"
printf 'Nothing to see here.\n' > "$scratch/texts/c.txt"
cat > "$scratch/dict.csv" <<'CSV'
concept,pattern
win_win,win-win cooperation
win_win,win-win results
community,community of shared future for mankind
shared_future,shared future
CSV
"$bin" kwic "$scratch/texts" --phrases "$scratch/dict.csv" --context 3 --raw-cells -q -o "$scratch/out" || fail "kwic exited $?"
/usr/bin/python3 "$src/tests/cooc/kwic_check.py" "$scratch/out/kwic.csv" "$scratch/texts" 6 || fail "match bytes differ"

# The rows, in document and token order, with patterns as written.
/usr/bin/python3 - "$scratch/out/kwic.csv" <<'PY' || fail "kwic rows"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
got = [(r["doc_id"], r["concept"], r["pattern"], r["match"]) for r in rows]
want = [
    ("a", "win_win", "win-win cooperation", "Win-win cooperation"),
    ("a", "community", "community of shared future for mankind", "Community of Shared\r\nFuture for Mankind"),
    ("a", "shared_future", "shared future", "Shared\r\nFuture"),
    ("a", "shared_future", "shared future", "shared future"),
    ("sub/b", "win_win", "win-win results", "WIN-WIN results"),
    ("sub/b", "win_win", "win-win cooperation", "win-win\ncooperation"),
    ("sub/b", "shared_future", "shared future", "Shared future"),
]
if got != want:
    print("got ", got, "\nwant", want, sep="\n")
    sys.exit(1)
# Context as written, curly quotes intact, line breaks shown as spaces.
assert rows[0]["left"] == "Mr. President, \u201c", rows[0]["left"]
assert rows[0]["right"].startswith("\u201d is our"), rows[0]["right"]
assert "\r" not in rows[1]["left"] + rows[1]["right"]
assert rows[1]["sentence"] == "1" and rows[0]["sentence"] == "0", (rows[0]["sentence"], rows[1]["sentence"])
PY

# --context 0 and a missing dictionary are usage errors (exit 2).
"$bin" kwic "$scratch/texts" --phrases "$scratch/dict.csv" --context 0 -q -o "$scratch/o2" 2>/dev/null
[ $? -eq 2 ] || fail "--context 0 should be a usage error"
"$bin" kwic "$scratch/texts" -q -o "$scratch/o2" 2>/dev/null
[ $? -eq 2 ] || fail "kwic without --phrases should be a usage error"
echo ok
