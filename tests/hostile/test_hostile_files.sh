#!/bin/bash
# test_hostile_files.sh: special files refused by type before reading, huge files by size, link
# loops and links to /sys harmless, each real file counted once.
. "$(dirname "$0")/lib.sh"

mkdir -p c
printf 'Win-win cooperation.' > c/a.txt
printf 'Human rights.' > c/b.txt
printf 'concept,pattern\nww,win-win cooperation\n' > dict.csv
mkfifo fifo.csv fifo.txt

# A FIFO as --meta, as a CSV corpus, as a dictionary, as a stop list: refused at once (never waited on).
for args in "c --meta fifo.csv" "fifo.csv" "c --phrases fifo.csv" "c --stopwords fifo.txt" \
	"c --phrases /dev/zero" "c --stopwords /dev/zero" "c --meta /dev/null"; do
	rm -rf out
	snapshot
	# shellcheck disable=SC2086
	expect_status 1 timeout 60 "$RHETOR" freq $args -o out
	unchanged "freq $args"
	expect_err "not a regular file"
	no_tables out
done
expect_err "/dev/null: a character device"

# A FIFO and a device named like texts inside a corpus directory: skipped with a warning, the rest counted.
rm -rf out
mkdir -p c3
cp c/a.txt c/b.txt c3/
mkfifo c3/pipe.txt
ln -s /dev/zero c3/zero.txt
snapshot
expect_status 0 timeout 60 "$RHETOR" freq c3 -o out
unchanged "corpus with a FIFO"
expect_err "c3/pipe.txt: a FIFO, not a regular file; not read"
expect_err "c3/zero.txt: a character device, not a regular file; not read"
docs_counted out 2
tables_valid out

# A document over the limit (1 GiB) is refused by its size before it is read: a sparse 5 GB file.
rm -rf out
mkdir -p c4
cp c/a.txt c4/
truncate -s 5G c4/huge.txt
snapshot
expect_status 1 timeout 60 "$RHETOR" freq c4 -o out
unchanged "a 5 GB document"
expect_err "c4/huge.txt: 5368709120 bytes; a document may have at most 1073741824 bytes"
no_tables out
rm -f c4/huge.txt

# Links: 19 files and 36 links between sibling directories once gave 524,287 documents.
rm -rf out c5
mkdir -p c5
for i in $(seq 1 19); do
	mkdir -p "c5/d$i"
	printf 'Speech %s on win-win cooperation.' "$i" > "c5/d$i/s.txt"
done
links=0
for i in $(seq 1 18); do
	ln -s "../d$((i + 1))" "c5/d$i/next"
	ln -s .. "c5/d$i/up"
	links=$((links + 2))
done
[ "$links" = 36 ] || fail "fixture: $links links"
ln -s d1/s.txt c5/same.txt
ln -s /sys c5/sys
snapshot
expect_status 0 timeout 120 "$RHETOR" freq c5 -o out
unchanged "link loops"
docs_counted out 19
expect_warning out "a directory already read"
# Past the first 20 warnings it is only in warnings.txt, which names files from the output directory.
expect_warning out "../c5/same.txt: the same file as ../c5/d1/s.txt (a link); counted once, as d1/s"
expect_warning out "c5/sys: a kernel file system"
# Each directory under its shortest path: no doc_id runs through a link.
if grep -q "next\|up/" out/documents.csv; then fail "a doc_id through a link: $(grep 'next\|up/' out/documents.csv | head -3)"; else ok; fi
tables_valid out

# A file given as --meta that is not the metadata: the message shows a few of its header's cells, each cut
# short, never its first line whole.
long="a private first line that goes on $(printf 'and on %.0s' $(seq 1 30))"
{ printf '%s' "$long"; for i in $(seq 1 40); do printf ',c%d' "$i"; done; printf '\n'; } > notmeta.csv
expect_status 1 "$RHETOR" freq c --meta notmeta.csv -o nm
expect_err 'notmeta.csv: no id column "doc_id" (columns: a private first line that goes on and on...'
expect_err ', ... (41 columns))'
grep -qF -- "$long" err.txt && fail "the first line is echoed whole" || ok

finish
