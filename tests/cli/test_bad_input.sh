#!/bin/bash
# test_bad_input.sh: bad input gets a clear error or warning naming file and place, and loses nothing.
. "$(dirname "$0")/lib.sh"

mkdir -p c
printf 'abc \xff\xfe def.' > c/utf8.txt              # invalid bytes at offset 4
printf 'one\0two three' > c/nul.txt                   # NUL at offset 3
printf '\xef\xbb\xbfHello world.\r\nNew line.' > c/bom.txt
: > c/empty.txt
"$PY" -c "import random,sys; random.seed(7); sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(20000)))" > c/binary.bin.txt
printf 'doc_id,country\nutf8,A\nnul,B\nbom,C\nempty,D\nghost,E\n' > meta.csv

expect_status 0 "$RHETOR" freq c --meta meta.csv -o out
expect_err "c/utf8.txt: invalid UTF-8 at byte 4"
expect_err "c/nul.txt: 1 NUL byte, the first at byte 3"
expect_err "c/empty.txt: no words"
expect_err "meta.csv:6"                # the row for "ghost", which has no document
expect_err "binary.bin"                # no metadata row for it (and its bytes)
# Every file is a document, none dropped.
[ "$(($(wc -l < out/documents.csv) - 1))" = 5 ] && ok || fail "documents dropped"
grep -q '^bom,C,4,4,2$' out/documents.csv && ok || fail "BOM/CRLF document: $(grep ^bom out/documents.csv)"
grep -q '^utf8,A,2,2,1$' out/documents.csv && ok || fail "invalid UTF-8 document"
grep -q '^empty,D,0,0,0$' out/documents.csv && ok || fail "empty document kept"
# Every warning is in warnings.txt, and info counts them.
[ -s out/warnings.txt ] && ok || fail "warnings.txt"
expect_status 0 "$RHETOR" info c --meta meta.csv
nwarn=$(awk '$1 == "warnings" { print $2 }' out.txt)
[ "$nwarn" -ge 5 ] && [ "$nwarn" = "$(wc -l < out/warnings.txt)" ] && ok || fail "warning count $nwarn"

# A 50 MB document with no newline.
"$PY" -c "import sys; sys.stdout.write('word ' * 10000000)" > big.txt
mkdir -p b && mv big.txt b/
expect_status 0 "$RHETOR" info b
grep -q '^tokens *10000000$' out.txt && ok || fail "50 MB line: $(cat out.txt)"

# Metadata errors name the file and the line.
printf 'doc_id,country\nutf8,"A\nnul,B\n' > unbalanced.csv
expect_status 1 "$RHETOR" freq c --meta unbalanced.csv -o bad1
expect_err "unbalanced.csv:2"
printf 'id,country\nutf8,A\n' > noid.csv
expect_status 1 "$RHETOR" freq c --meta noid.csv -o bad2
expect_err "noid.csv"
expect_err "doc_id"
printf 'doc_id,country\nutf8,A\nnul,B\nutf8,C\n' > dup.csv
expect_status 1 "$RHETOR" freq c --meta dup.csv -o bad3
expect_err "dup.csv"
expect_err "utf8"
# Nothing half-written: no table and no temporary file after a failure.
[ -z "$(ls -A bad1 bad2 bad3 2>/dev/null)" ] && ok || fail "output left after a failure: $(ls -A bad1 bad2 bad3)"

# A bad dictionary names its file and line.
printf 'concept,pattern\nx,co*op\n' > dict.csv
expect_status 1 "$RHETOR" freq c --phrases dict.csv -o bad4
expect_err "dict.csv:2"

# An unreadable document is an error naming it (a dangling link: root reads everything).
mkdir -p u && printf 'fine.' > u/a.txt && ln -s /nonexistent/x u/broken.txt
expect_status 1 "$RHETOR" freq u -o bad5
expect_err "broken.txt"
expect_status 1 "$RHETOR" info does-not-exist
expect_err "does-not-exist"

# A directory without .txt files is no corpus.
mkdir -p none && printf 'x' > none/a.TXT
expect_status 1 "$RHETOR" freq none -o bad6
expect_err "none: no documents"

# An output directory that cannot be written.
expect_status 1 "$RHETOR" freq c -o /dev/null/out
expect_err "/dev/null/out"

# Usage errors exit 2; help and version exit 0.
expect_status 2 "$RHETOR" freq c --no-such-option -o x
expect_err "--no-such-option"
expect_status 2 "$RHETOR" freq -o x
expect_status 2 "$RHETOR" freq c
expect_status 2 "$RHETOR" freq c --by nosuchcolumn -o x
expect_err "nosuchcolumn"
expect_status 2 "$RHETOR" nosuchcommand
expect_status 0 "$RHETOR" --version
grep -q '^rhetor [0-9]' out.txt && ok || fail "--version"
for cmd in info freq tfidf cooc keyness kwic plot tokens synth; do
	expect_status 0 "$RHETOR" $cmd --help
	grep -q "Usage: rhetor $cmd" out.txt && ok || fail "$cmd --help"
done
[ -z "$(find . -name '.*.tmp.*')" ] && ok || fail "temporary files left"
finish
