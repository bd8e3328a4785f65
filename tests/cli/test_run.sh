# test_run.sh: rhetor run and rhetor verify: the same tables as the separate commands, a lock file
# that sha256sum agrees with, verify naming what changed, analysis-file errors with their line.
. "$(dirname "$0")/lib.sh"

command -v sha256sum >/dev/null || exit 77
DICT="$SRC/datasets/phrases/diplomatic.csv"

# A small synthetic corpus: 8 countries (CHN among them), 2000-2009.
"$RHETOR" synth -o corpus --docs 80 --countries 8 --years 2000-2009 --doc-words 400 --seed 7 --quiet ||
	{ echo "synth failed"; exit 1; }
grep -q '^CHN_' <(ls corpus/texts) || { echo "no CHN in the fixture"; exit 1; }

# The analysis lives in its own directory: its paths are relative to it.
mkdir -p an
cat > an/all.ini <<EOF
# every section, settings as the separate commands below
[corpus]
path = ../corpus/texts
meta = ../corpus/metadata.csv
by = country
stopwords = en

[phrases]
file = $DICT

[freq]
top = 50
dispersion = yes

[tfidf]
unit = group
top = 20
similarity = yes
stopwords = none   ; tf-idf keeps function words

[cooc]
window = 5
top = 30

[keyness]
target = CHN
top = 30

[kwic]
context = 8

[trends]
time = year

[plot]
render = no

[output]
dir = ../out-default
EOF

# (a) One pass, every table; each byte-identical to the separate command's.
expect_status 0 "$RHETOR" run an/all.ini -o run1 --quiet
C="corpus/texts --meta corpus/metadata.csv --phrases $DICT --by country --quiet"
expect_status 0 "$RHETOR" freq $C --top 50 --stopwords en --dispersion -o sep
expect_status 0 "$RHETOR" tfidf $C --unit group --top 20 --similarity -o sep
expect_status 0 "$RHETOR" cooc $C --window 5 --top 30 --stopwords en -o sep
expect_status 0 "$RHETOR" keyness $C --target CHN --top 30 --stopwords en -o sep
expect_status 0 "$RHETOR" kwic $C --context 8 -o sep
expect_status 0 "$RHETOR" trends $C --time year -o sep
for t in documents terms phrases_by_doc phrases_by_group dispersion tfidf similarity collocates \
	concept_cooc keyness kwic trends trend_fit adoption adoption_curve; do
	same_file run1/$t.csv sep/$t.csv
done
# The tables are not empty: a comparison of two empty files proves nothing.
[ "$(wc -l < run1/kwic.csv)" -gt 10 ] && [ "$(wc -l < run1/collocates.csv)" -gt 10 ] &&
	[ "$(wc -l < run1/keyness.csv)" -gt 10 ] && ok || fail "tables too short to compare"

# Without -o the output goes to [output] dir, read from the analysis file's directory.
expect_status 0 "$RHETOR" run an/all.ini --quiet
same_file out-default/terms.csv run1/terms.csv

# (b) The lock file: every output with the SHA-256 sha256sum computes, and nothing else.
lock=run1/rhetor.lock.ini
[ -f $lock ] && ok || fail "no lock file"
sed -n '/^\[outputs\]/,/^\[/p' $lock | grep ' = ' | sed 's/ = /  /' | awk '{ print $2 "  " $1 }' > listed.txt
(cd run1 && sha256sum -c --quiet ../listed.txt) >/dev/null 2>&1 && ok || fail "sha256sum disagrees with the lock"
awk '{ print $2 }' listed.txt | sort > listed_names.txt
(cd run1 && find . -type f ! -name 'rhetor.lock.*' ! -name .rhetor-written | sed 's#^\./##' | sort) > present.txt
same_file listed_names.txt present.txt
grep -q '^plots/terms.gp$' listed_names.txt && ok || fail "chart scripts not in the lock"
# Inputs: the dictionary, the metadata, the stop list, the corpus as the digest of its manifest.
grep -q "^../corpus/metadata.csv = $(sha256sum < corpus/metadata.csv | cut -c1-64)\$" $lock && ok ||
	fail "metadata digest"
grep -q "= $(sha256sum < "$DICT" | cut -c1-64)\$" $lock && ok || fail "dictionary digest"
grep -q "^../corpus/texts = $(sha256sum < run1/rhetor.lock.documents.tsv | cut -c1-64)\$" $lock && ok ||
	fail "corpus digest is not the manifest's"
f=$(ls corpus/texts | head -1)
grep -q "^$(sha256sum < corpus/texts/$f | cut -c1-64)	${f%.txt}\$" run1/rhetor.lock.documents.tsv && ok ||
	fail "manifest line of $f"
[ "$(wc -l < run1/rhetor.lock.documents.tsv)" = "$(ls corpus/texts | wc -l)" ] && ok || fail "manifest length"
# Every default explicit, paths relative to the lock's directory, no time stamp.
for k in 'window_left = 5' 'within = doc' 'tf = raw' 'idf = smooth' 'norm = l2' 'reference = rest' \
	'period_width = 0' 'path = ../corpus/texts' 'dir = .' "version = $("$RHETOR" --version | cut -d' ' -f2)"; do
	grep -qx "$k" $lock && ok || fail "lock lacks '$k'"
done

# (e) --threads 1 and 2: the same lock file, so the same bytes everywhere.
expect_status 0 "$RHETOR" run an/all.ini -o t1 --threads 1 --quiet
expect_status 0 "$RHETOR" run an/all.ini -o t2 --threads 2 --quiet
same_file t1/rhetor.lock.ini t2/rhetor.lock.ini
same_file t1/rhetor.lock.ini run1/rhetor.lock.ini

# The lock file is an analysis file: running it again gives the same lock.
expect_status 0 "$RHETOR" run run1/rhetor.lock.ini -o rerun --quiet
same_file rerun/rhetor.lock.ini run1/rhetor.lock.ini

# (c) verify: all same; one byte of an output changed; one corpus document changed.
expect_status 0 "$RHETOR" verify run1
grep -q '^same     output  terms.csv$' out.txt && ok || fail "verify does not list terms.csv as same"
! grep -qv '^same\|^verify:' out.txt && ok || fail "verify reports something other than same"
cp run1/terms.csv terms.bak
printf 'X' | dd of=run1/terms.csv bs=1 seek=100 conv=notrunc 2>/dev/null
expect_status 1 "$RHETOR" verify run1
grep -q '^differs  output  terms.csv' out.txt && ok || fail "verify does not name terms.csv"
grep -q '^same     output  tfidf.csv$' out.txt && ok || fail "verify blames other files"
cp terms.bak run1/terms.csv
expect_status 0 "$RHETOR" verify run1
g=$(ls corpus/texts | sed -n 5p)
cp corpus/texts/$g doc.bak
echo "One more sentence about win-win cooperation." >> corpus/texts/$g
expect_status 1 "$RHETOR" verify run1
grep -q '^differs  input   ../corpus/texts$' out.txt && ok || fail "verify does not name the corpus"
grep -q "document ${g%.txt} differs" out.txt && ok || fail "verify does not name document ${g%.txt}"
grep -q '^differs  output  kwic.csv' out.txt && ok || fail "a changed document leaves kwic.csv the same?"
cp doc.bak corpus/texts/$g
echo "x" >> corpus/metadata.csv
expect_status 1 "$RHETOR" verify run1
grep -q '^differs  input   ../corpus/metadata.csv$' out.txt && ok || fail "verify does not name the metadata"
sed -i '$ d' corpus/metadata.csv
expect_status 0 "$RHETOR" verify run1

# Rendered charts are outputs too; PDFs carry their creation time, which verify
# leaves out of the comparison (and only that).
if command -v gnuplot >/dev/null; then
	expect_status 0 "$RHETOR" run an/all.ini -o charts --set plot.render=yes --set plot.format=png,pdf --quiet
	grep -q '^plots/terms.png = ' charts/rhetor.lock.ini && grep -q '^plots/terms.pdf = ' charts/rhetor.lock.ini &&
		ok || fail "rendered charts not in the lock"
	expect_status 0 "$RHETOR" verify charts
	grep -q '^same     output  plots/terms.png$' out.txt && ok || fail "PNG not reproduced byte for byte"
	grep -q '^same     output  plots/terms.pdf' out.txt && ok || fail "PDF comparison"
fi

# (d) Mistakes in the analysis file: usage errors (exit 2) naming file and line.
printf '[corpus]\npath = x\n[freq]\ntpo = 5\n' > an/typo.ini
expect_status 2 "$RHETOR" run an/typo.ini -o bad
expect_err "an/typo.ini:4: unknown key 'tpo' in [freq]"
printf '[corpus]\npath = x\n\n[frequency]\ntop = 5\n' > an/section.ini
expect_status 2 "$RHETOR" run an/section.ini -o bad
expect_err "an/section.ini:4: unknown section [frequency]"
printf '[corpus]\npath = x\n[freq]\ntop = many\n' > an/value.ini
expect_status 2 "$RHETOR" run an/value.ini -o bad
expect_err "an/value.ini:4: top wants a whole number"
printf '[corpus]\npath = x\n[freq]\ntop = 1\ntop = 2\n' > an/twice.ini
expect_status 2 "$RHETOR" run an/twice.ini -o bad
expect_err "an/twice.ini:5: top is given twice in [freq] (first on line 4)"
printf '[corpus]\npath = x\n[phrases]\nfile = d.csv\n[cooc]\nwithin = sentence\n[kwic]\nwithin = doc\n' > an/within.ini
expect_status 2 "$RHETOR" run an/within.ini -o bad
expect_err "an/within.ini:8: within = doc, but [cooc] says sentence on line 6"
printf '[corpus]\npath = x\n[cooc]\n' > an/nodict.ini
expect_status 2 "$RHETOR" run an/nodict.ini -o bad
expect_err "an/nodict.ini:3: [cooc]"
[ ! -e bad ] && ok || fail "an analysis with a mistake wrote something"
expect_status 2 "$RHETOR" run an/all.ini --set freq.tpo=1 -o bad
expect_err "no key 'tpo' in [freq]"
# A run with warnings verifies too, wherever it was started from: warnings.txt names the input
# files by their path from the output directory, as the lock does (stderr keeps them as given).
mkdir -p warn/c
printf 'peace and cooperation\n' > warn/c/a.txt
printf 'cooperation \377 peace\n' > warn/c/b.txt
printf 'doc_id,year\na,2001\n' > warn/m.csv
printf '[corpus]\npath = c\nmeta = m.csv\n[freq]\n[output]\ndir = out\n' > warn/w.ini
expect_status 0 "$RHETOR" run warn/w.ini
expect_err "warn/m.csv; its metadata values are empty"
grep -qx 'b: no row in ../m.csv; its metadata values are empty' warn/out/warnings.txt && ok ||
	fail "warnings.txt: $(cat warn/out/warnings.txt)"
grep -q '^\.\./c/b.txt: invalid UTF-8' warn/out/warnings.txt && ok || fail "warnings.txt: $(cat warn/out/warnings.txt)"
expect_status 0 "$RHETOR" verify warn/out
here=$PWD
(cd / && "$RHETOR" run "$here/warn/w.ini" -o "$here/warn/out2" -q) && ok || fail "run from / failed"
cmp -s warn/out/warnings.txt warn/out2/warnings.txt && ok || fail "warnings.txt depends on where the run started"
expect_status 0 "$RHETOR" verify warn/out2

# A directory without a lock file: a failure (1), named.
expect_status 1 "$RHETOR" verify nowhere-at-all
expect_err "nowhere-at-all/rhetor.lock.ini"

# Progress: on a terminal (script(1) gives one), a line per table written and per chart drawn,
# each rewriting the last; with --quiet, or with stderr not a terminal, none.
if command -v script >/dev/null && command -v gnuplot >/dev/null; then
	printf '[corpus]\npath = ../corpus/texts\nmeta = ../corpus/metadata.csv\nby = country\n[freq]\n[tfidf]\nunit = group\n[plot]\nformat = png\n' >an/progress.ini
	script -q -c "'$RHETOR' run an/progress.ini -o prog-tty" prog-tty.log >/dev/null 2>&1
	if grep -q 'rhetor run: 2 of 2 tables written' prog-tty.log && grep -q 'rhetor plot: 2 of 2 charts drawn' prog-tty.log; then ok
	else fail "no progress on a terminal: $(tr '\r' '\n' <prog-tty.log | head -20)"; fi
	script -q -c "'$RHETOR' run an/progress.ini -o prog-quiet --quiet" prog-quiet.log >/dev/null 2>&1
	if grep -q 'tables written\|charts drawn' prog-quiet.log; then fail "progress with --quiet"; else ok; fi
	"$RHETOR" run an/progress.ini -o prog-file 2>prog-file.err >/dev/null
	if grep -q 'tables written\|charts drawn' prog-file.err; then fail "progress with stderr a file"; else ok; fi
fi

finish
