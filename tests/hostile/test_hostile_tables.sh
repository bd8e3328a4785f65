#!/bin/bash
# test_hostile_tables.sh: names and values from the data reach the tables as CSV cells, quoted and guarded;
# invalid UTF-8 is warned about and made valid; plain numbers stay numbers.
. "$(dirname "$0")/lib.sh"

mkdir -p c
printf 'Win-win cooperation.' > c/a.txt
printf 'Human rights.' > c/b.txt
printf 'Peace.' > c/c.txt
# Column names a spreadsheet would run, or that break a CSV header.
printf 'doc_id,"=HYPERLINK(""http://x"",""y"")","a,b","say ""hi""","two\nlines",score,tab\na,1,2,3,4,-0.5,"x\t"\nb,1,2,3,4,+3,\nc,1,2,3,4,-1e-5,\n' > meta.csv
printf 'concept,pattern\nww,win-win cooperation\nhr,human rights\n' > dict.csv
snapshot
expect_status 0 "$RHETOR" freq c --meta meta.csv --phrases dict.csv -o out
unchanged "freq with hostile column names"
tables_valid out
docs_counted out 3
$PY - <<'PY' && ok || fail "documents.csv header or cells"
import csv
rows = list(csv.reader(open("out/documents.csv", newline="")))
h = rows[0]
assert h[:8] == ["doc_id", "'=HYPERLINK(\"http://x\",\"y\")", "a,b", 'say "hi"', "two\nlines", "score", "tab", "tokens"], h
assert [r[5] for r in rows[1:]] == ["-0.5", "+3", "-1e-5"], rows
assert rows[1][6] == "x\t", rows[1]
PY

# Plain numbers stay numbers: pandas reads the column as float64, R as numeric.
if $PY -c 'import pandas' 2>/dev/null; then
	$PY - <<'PY' && ok || fail "pandas does not read score as float64"
import pandas as pd
d = pd.read_csv("out/documents.csv")
assert str(d["score"].dtype) == "float64", d.dtypes
assert list(d["score"]) == [-0.5, 3.0, -1e-05], list(d["score"])
PY
else
	fail "python3-pandas is not installed (scripts/install-deps --test installs it)"
fi
if command -v Rscript >/dev/null; then
	Rscript -e 'd <- read.csv("out/documents.csv", check.names = FALSE); stopifnot(is.numeric(d$score), all.equal(d$score, c(-0.5, 3, -1e-5)))' \
		>/dev/null 2>r_err.txt && ok || { fail "R does not read score as numeric"; cat r_err.txt >&2; }
else
	fail "R is not installed (scripts/install-deps --test installs it)"
fi

# Text that only looks like a number's start is still guarded.
rm -rf out
printf 'doc_id,v\na,=SUM(A1)\nb,-cmd\nc,@x\n' > meta2.csv
snapshot
expect_status 0 "$RHETOR" freq c --meta meta2.csv -o out
unchanged "guarded cells"
tables_valid out
$PY - <<'PY' && ok || fail "guarded cells"
import csv
rows = list(csv.reader(open("out/documents.csv", newline="")))
assert [r[1] for r in rows[1:]] == ["'=SUM(A1)", "'-cmd", "'@x"], rows
PY

# Invalid UTF-8 in doc_ids, metadata and concept names: warned, made valid.
rm -rf out c2
mkdir -p c2
printf 'Win-win cooperation.' > "c2/caf$(printf '\xe9').txt"
printf 'Human rights.' > c2/ok.txt
printf 'doc_id,country\nok,Fran\xe7e\n' > meta3.csv
printf 'concept,pattern\nw\xffw,win-win cooperation\nhr,human rights\n' > dict3.csv
snapshot
expect_status 0 "$RHETOR" freq c2 --meta meta3.csv --phrases dict3.csv -o out
unchanged "invalid UTF-8"
tables_valid out
docs_counted out 2
expect_err "is not valid UTF-8"
expect_err "dict3.csv:2: concept"
expect_err "meta3.csv:2: country"
expect_err "c2/caf"
if grep -q "caf$(printf '\xef\xbf\xbd')" out/documents.csv && grep -q "w$(printf '\xef\xbf\xbd')w" out/phrases_by_doc.csv; then ok; else fail "U+FFFD not in the tables"; fi

finish
