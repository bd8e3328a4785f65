# test_where.sh: --where keeps the documents whose metadata pass, each operator, numbers against
# bytes, missing values; a filtered run equals a run on a corpus holding only the kept documents;
# keyness with selections equals keyness by --by on an equivalent grouping column.
. "$(dirname "$0")/lib.sh"

DICT="$SRC/datasets/phrases/diplomatic.csv"
mkdir -p c
# Eight speeches; session 9 and 10 tell numbers (9 < 10) from bytes ("10" < "9"); d8 has no year.
w() { printf '%s\n' "$2" > "c/$1.txt"; }
w d1 "We seek win-win cooperation and a community of shared future for mankind. Peace matters."
w d2 "Human rights and sovereignty. Win-win cooperation, always win-win cooperation."
w d3 "The peace process continues. Human rights are universal."
w d4 "Sovereignty and territorial integrity. A community with a shared future for mankind."
w d5 "Development is the master key. Win-win cooperation brings peace."
w d6 "Democracy and human rights. Freedom of navigation."
w d7 "Multilateralism and peace. We reject hegemony."
w d8 "An undated speech on cooperation and peace."
cat > meta.csv <<'EOF'
doc_id,country,year,session,era,side
d1,CHN,2001,9,early,t
d2,CHN,2010,10,late,t
d3,USA,2001,9,early,r
d4,CHN,2015,10,late,t
d5,RUS,2003,9,early,r
d6,USA,2015,10,late,r
d7,RUS,2012,10,late,r
d8,USA,,10,,r
EOF

# kept EXPR...: the doc_ids of documents.csv after --where EXPR (each a --where of its own).
kept() {
	local args=()
	for e in "$@"; do args+=(--where "$e"); done
	rm -rf k
	"$RHETOR" freq c --meta meta.csv "${args[@]}" -o k --quiet 2>err.txt || { echo "error"; return; }
	sed 1d k/documents.csv | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//'
}
is() { # is WANT EXPR...
	local want=$1
	shift
	got=$(kept "$@")
	[ "$got" = "$want" ] && ok || fail "--where $*: got '$got', want '$want'"
}
is "d1 d2 d4" 'country = CHN'
is "d3 d5 d6 d7 d8" 'country != CHN'
is "d4 d6" 'year >= 2013'
is "d2 d4 d6 d7" 'year > 2003'
is "d1 d3 d5" 'year < 2010'
is "d1 d2 d3 d5" 'year <= 2010'
is "d3 d5 d6 d7" 'country in USA, RUS' 'year >= 2001'
is "d2 d8" 'country not in RUS' 'year not in 2001,2015,2012,2003'
# Numbers compare as numbers: session 10 > 9 (as bytes "10" < "9").
is "d2 d4 d6 d7 d8" 'session > 9'
is "d1 d3 d5" 'session < 10'
# Both sides must be numbers: "early" < "late" byte-wise.
is "d2 d4 d6 d7" 'era > early'
# A missing value fails every test but != and not in.
is "d1 d2 d3 d4 d5 d6 d7" 'year >= 0'
is "d1 d2 d3 d4 d5 d6 d7 d8" 'year != 1999'
is "d1 d3" 'year = 2001'
is "d1 d3" 'year = 2001.0'
# All tests must hold; the analysis-file form joins them with ';'.
is "d4" 'country = CHN' 'year >= 2013'
is "d4" 'country = CHN;year >= 2013'

# Errors: an unknown column lists the columns; a test without an operator; nothing left.
expect_status 2 "$RHETOR" freq c --meta meta.csv --where 'yr >= 2013' -o e1
expect_err "no metadata column 'yr' (columns: country, year, session, era, side)"
expect_status 2 "$RHETOR" freq c --meta meta.csv --where 'country CHN' -o e2
expect_err "'country CHN' is not a test"
expect_status 1 "$RHETOR" freq c --meta meta.csv --where 'country = FRA' -o e3
expect_err "leaves no document"
# The note says how many were left out.
expect_status 0 "$RHETOR" freq c --meta meta.csv --where 'country = CHN' -o e4
expect_err "3 of 8 documents kept, 5 left out"

# Every table of a filtered run equals that of a corpus holding only the kept documents.
mkdir -p only
for d in d1 d2 d4 d5 d7; do cp c/$d.txt only/; done
W=(--where 'country in CHN,RUS' --where 'year >= 2001')
for cmd in "freq --by country --dispersion" "cooc --by country" "kwic" "trends --time year --by country" \
	"tfidf --unit group --by country --similarity"; do
	set -- $cmd
	name=$1
	expect_status 0 "$RHETOR" $cmd c --meta meta.csv --phrases "$DICT" "${W[@]}" -o f_$name --quiet
	expect_status 0 "$RHETOR" $cmd only --meta meta.csv --phrases "$DICT" -o o_$name --quiet
	for t in f_$name/*.csv; do
		same_file "$t" "o_$name/${t#f_$name/}"
	done
done
[ "$(sed 1d f_freq/documents.csv | wc -l)" = 5 ] && ok || fail "the filtered run should keep 5 documents"

# Keyness with selections equals keyness by --by on an equivalent grouping column.
expect_status 0 "$RHETOR" keyness c --meta meta.csv --phrases "$DICT" --target 'country = CHN' -o ks --quiet
expect_status 0 "$RHETOR" keyness c --meta meta.csv --phrases "$DICT" --by side --target t -o kb --quiet
same_file ks/keyness.csv kb/keyness.csv
[ "$(wc -l < ks/keyness.csv)" -gt 10 ] && ok || fail "keyness table too short to compare"
# China after 2005 against China before, a selection on each side within --where.
expect_status 0 "$RHETOR" keyness c --meta meta.csv --phrases "$DICT" --where 'country = CHN' \
	--target 'year >= 2005' --reference 'year < 2005' -o ks2 --quiet
expect_status 0 "$RHETOR" keyness c --meta meta.csv --phrases "$DICT" --where 'country = CHN' \
	--by era --target late --reference early -o kb2 --quiet
same_file ks2/keyness.csv kb2/keyness.csv
# Sides that share documents are an error naming one.
expect_status 2 "$RHETOR" keyness c --meta meta.csv --target 'country = CHN' --reference 'year >= 2010' -o kx
expect_err "in both the target"
expect_err "d2"

# Several corpora read as one: the counts equal one corpus holding every document, with a corpus
# column in its metadata.
mkdir -p two/a two/b one
cp c/d1.txt c/d2.txt c/d3.txt two/a/ && cp c/d4.txt c/d5.txt c/d6.txt c/d7.txt c/d8.txt two/b/
cp c/*.txt one/
{ echo "doc_id,corpus,country,year,session,era,side"
  sed 1d meta.csv | while IFS=, read -r id rest; do
	case $id in d1|d2|d3) echo "$id,speeches,$rest" ;; *) echo "$id,records,$rest" ;; esac
  done; } > meta_one.csv
for cmd in "freq --by country" "cooc --by corpus" "kwic" "trends --time year --by corpus"; do
	set -- $cmd
	name=$1
	expect_status 0 "$RHETOR" $cmd two/a two/b --corpus-name speeches,records --meta meta.csv --phrases "$DICT" -o m_$name --quiet
	expect_status 0 "$RHETOR" $cmd one --meta meta_one.csv --phrases "$DICT" -o s_$name --quiet
	for t in m_$name/*.csv; do
		same_file "$t" "s_$name/${t#m_$name/}"
	done
done
grep -q '^d4,records,CHN,' m_freq/documents.csv && ok || fail "corpus column: $(grep ^d4 m_freq/documents.csv)"
# One corpus against another: keyness of a selection on the corpus column.
expect_status 0 "$RHETOR" keyness two/a two/b --corpus-name speeches,records --target 'corpus = speeches' -o mk --quiet
expect_status 0 "$RHETOR" keyness one --meta meta_one.csv --by corpus --target speeches -o sk --quiet
same_file mk/keyness.csv sk/keyness.csv
# Two corpora of one default name, and a doc_id in both, are errors naming them.
mkdir -p x/texts y/texts && cp c/d1.txt x/texts/ && cp c/d2.txt y/texts/
expect_status 2 "$RHETOR" freq x/texts y/texts -o e5
expect_err "both named 'texts': give each corpus a name with --corpus-name"
cp c/d1.txt y/texts/
expect_status 2 "$RHETOR" freq x/texts y/texts --corpus-name x,y -o e6
expect_err "doc_id \"d1\" is in two corpora: x/texts (x/texts/d1.txt) and y/texts (y/texts/d1.txt)"
expect_status 2 "$RHETOR" freq x/texts y/texts --corpus-name x -o e7
expect_err "names 1 corpora, but 2 are given"

# Documents without a value for --by are left out with one warning, never an unnamed group.
sed 's/^d3,USA,/d3,,/; s/^d6,USA,/d6, ,/' meta.csv > meta_gap.csv
expect_status 0 "$RHETOR" freq c --meta meta_gap.csv --phrases "$DICT" --by country -o gap
expect_err "2 documents have no value in 'country', so they are left out"
expect_err "d3, d6"
cut -d, -f1 gap/phrases_by_group.csv | sed 1d | sort -u | tr '\n' ' ' | grep -qx 'CHN RUS USA ' && ok ||
	fail "groups with a gap: $(cut -d, -f1 gap/phrases_by_group.csv | sort -u | tr '\n' ' ')"
grep -q 'no value in' gap/warnings.txt && ok || fail "warnings.txt lacks the left-out documents"

# A metadata column named like one of rhetor's own is renamed in documents.csv, and the run says so.
printf 'doc_id,tokens,sentences\nd1,x,y\n' > meta_clash.csv
expect_status 0 "$RHETOR" freq c --meta meta_clash.csv -o clash
expect_err "metadata column 'tokens' is written as 'meta_tokens' in documents.csv"
[ "$(head -1 clash/documents.csv)" = "doc_id,meta_tokens,meta_sentences,tokens,types,sentences" ] && ok ||
	fail "documents.csv header: $(head -1 clash/documents.csv)"
grep -q '^d1,x,y,' clash/documents.csv && ok || fail "renamed columns keep their values"

# Metadata in several files (--meta repeated, or a list in an analysis file): the files join in
# turn, a column of two files is one column, and the run equals one with the files pasted together.
{ head -1 meta.csv; sed -n '2,4p' meta.csv; } > meta_a.csv
{ head -1 meta.csv; sed -n '5,9p' meta.csv; } > meta_b.csv
cut -d, -f1,6 meta.csv > meta_side.csv
expect_status 0 "$RHETOR" keyness two/a two/b --corpus-name speeches,records --meta meta_a.csv --meta meta_b.csv \
	--meta meta_side.csv --phrases "$DICT" --target 'side = t' -o mm --quiet
expect_status 0 "$RHETOR" keyness two/a two/b --corpus-name speeches,records --meta meta.csv \
	--phrases "$DICT" --target 'side = t' -o m1 --quiet
same_file mm/keyness.csv m1/keyness.csv
same_file mm/documents.csv m1/documents.csv
printf '[corpus]\npath = two/a, two/b\nnames = speeches, records\nmeta = meta_a.csv, meta_b.csv, meta_side.csv\n[phrases]\nfile = %s\n[keyness]\ntarget = side = t\n[output]\ndir = mr\n' "$DICT" > mm.ini
expect_status 0 "$RHETOR" run mm.ini --quiet
same_file mr/keyness.csv m1/keyness.csv
for f in meta_a.csv meta_b.csv meta_side.csv; do
	grep -q "^\.\./$f = [0-9a-f]\{64\}$" mr/rhetor.lock.ini && ok || fail "the lock lacks the digest of $f"
done
# Two files giving one document different values: an error naming both files and lines.
sed 's/^d5,RUS,/d5,CHN,/' meta_b.csv > meta_b2.csv
cut -d, -f1,2 meta.csv > meta_country.csv
expect_status 1 "$RHETOR" freq c --meta meta_country.csv --meta meta_b2.csv -o e8
expect_err 'meta_b2.csv:3: doc_id "d5" has country "CHN", but meta_country.csv:6 gives "RUS"'
[ ! -e e8/documents.csv ] && ok || fail "a refused run wrote documents.csv"
# A document with a row in none of the files is one warning naming them all.
expect_status 0 "$RHETOR" freq c --meta meta_a.csv --meta meta_side.csv -o part
grep -q "no row" err.txt && fail "every document has a row in meta_side.csv: $(cat err.txt)" || ok
printf 'doc_id,era\nd1,early\n' > meta_one_row.csv
expect_status 0 "$RHETOR" freq c --meta meta_one_row.csv --meta meta_a.csv -o part2
expect_err "d4: no row in meta_one_row.csv or meta_a.csv; its metadata values are empty"

finish
