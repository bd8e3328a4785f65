#!/bin/bash
# test_text_model.sh: initialisms, --dehyphenate and spaceless NFKC forms through rhetor tokens, kwic and run.
. "$(dirname "$0")/lib.sh"

mkdir -p c
# a: initialisms and sentence ends; b: line-end hyphens (LF and CRLF) and a
# hyphen before a space; d: compatibility characters whose NFKC form holds a
# space, U+037A and U+FE7C (see tests/unit/test_text.c for their forms).
printf 'We thank the U.N. Then the U.S.A. and the U.S.S.R. spoke, e.g. twice. No peace.The end.' > c/a.txt
printf 'Our self-\ngovernment and develop- \r\n ment, Anti- Fascist views.\n' > c/b.txt
printf 'x \xcd\xba y \xef\xb9\xbc z\n' > c/d.txt

# By hand: "U.N." "U.S.A." "U.S.S.R." and "e.g." are one token each, the last
# dot outside; "peace.The" is two; "the U.N. Then" goes on in one sentence.
printf 'a\twe thank the u.n then the u.s.a and the u.s.s.r spoke e.g twice no peace the end\n' > want_a
# Without --dehyphenate every hyphen at a line end separates, as before.
printf 'b\tour self government and develop ment anti fascist views\n' > want_b
# With it: "selfgovernment" is no word of datasets/words/en-speech.txt, so the
# hyphen stays; "development" is, so it goes; "Anti- Fascist" has no line end.
printf 'b\tour self-government and development anti fascist views\n' > want_b_dehy
printf 'd\tx \xce\xb9 y \xd9\x91 z\n' > want_d

expect_status 0 "$RHETOR" tokens c -o tok.txt
cat want_a want_b want_d > want_tokens
same_file tok.txt want_tokens
expect_status 0 "$RHETOR" tokens c --dehyphenate -o tok_dehy.txt
cat want_a want_b_dehy want_d > want_tokens_dehy
same_file tok_dehy.txt want_tokens_dehy
# Every token line holds exactly its tokens, one space between two, none
# inside: a has 17 (we thank the u.n then the u.s.a and the u.s.s.r spoke e.g
# twice no peace the end), b 7, d 5.
if awk -F'\t' '{ n = split($2, w, " "); if (n != ($1 == "a" ? 17 : $1 == "b" ? 7 : 5)) bad = 1 } END { exit bad }' tok_dehy.txt; then ok; else fail "token counts per line"; fi

# KWIC of mended words shows the bytes as written, at their offsets.
printf 'concept,pattern\nsg,self-government\ndev,development\nun,u.n\n' > dict.csv
expect_status 0 "$RHETOR" kwic c --phrases dict.csv --dehyphenate --context 2 --raw-cells -q -o kw
if [ -x "$PY" ]; then
	"$PY" "$SRC/tests/cooc/kwic_check.py" kw/kwic.csv c 3 && ok || fail "kwic bytes differ from the source"
	"$PY" - kw/kwic.csv <<'PY' && ok || fail "kwic rows"
import csv, sys
rows = [(r["doc_id"], r["concept"], r["match"]) for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
want = [("a", "un", "U.N"), ("b", "sg", "self-\ngovernment"), ("b", "dev", "develop- \r\n ment")]
if rows != want:
    print("got", rows, "want", want)
    sys.exit(1)
PY
fi

# The analysis file key: recorded in the lock, with the word list as an input.
cat > a.ini <<INI
[corpus]
path = c
dehyphenate = yes
[phrases]
file = dict.csv
[freq]
INI
expect_status 0 "$RHETOR" run a.ini -o run_out -q
if grep -qx 'dehyphenate = yes' run_out/rhetor.lock.ini; then ok; else fail "lock lacks dehyphenate = yes"; fi
if grep -q 'en-speech.txt = ' run_out/rhetor.lock.ini; then ok; else fail "lock lacks the word list's digest"; fi
# b: our self-government and development anti fascist views: 7 tokens.
if grep -qx 'b,dev,1,7,1428.571429' run_out/phrases_by_doc.csv; then ok; else fail "run did not dehyphenate"; cat run_out/phrases_by_doc.csv >&2; fi
# Off by default, and written so.
sed -i '/dehyphenate/d' a.ini
expect_status 0 "$RHETOR" run a.ini -o run_off -q
if grep -qx 'dehyphenate = no' run_off/rhetor.lock.ini; then ok; else fail "lock lacks dehyphenate = no"; fi
# b without it: our self government and develop ment anti fascist views: 9 tokens.
if grep -qx 'b,dev,0,9,0' run_off/phrases_by_doc.csv; then ok; else fail "dehyphenated without the key"; fi
finish
