# lib.sh: what every hostile case checks, on top of the CLI tests' helpers.
# Source it with the test's arguments: rhetor, the source tree, a scratch
# directory, the CSV checker.
CSVCHECK=$4
. "$2/tests/cli/lib.sh"

# The digest of every file in the scratch directory outside the output
# directories (out*) and the test's own records (a file over 64 MB, such as
# a sparse fixture, by its size and time instead).
outside() {
	find . \( -path './out*' -o -name snap.txt -o -name after.txt -o -name err.txt -o -name csv_err.txt \) -prune \
		-o -type f -size -64M -print0 | sort -z | xargs -0 -r sha256sum
	find . -path './out*' -prune -o -type f -size +64M -printf '%p %s %T@\n' | sort
}

# snapshot: remember the files outside the outputs, to compare after a run.
snapshot() { outside >snap.txt; }

# unchanged WHAT: no file outside the outputs was changed, added or removed.
unchanged() {
	outside >after.txt
	if cmp -s snap.txt after.txt; then ok; else fail "$1: files outside the output changed:"; diff snap.txt after.txt >&2; fi
}

# expect_warning DIR TEXT: the run warned TEXT (on stderr, or in DIR/warnings.txt past the first 20).
expect_warning() {
	if grep -qF -- "$2" err.txt || grep -qF -- "$2" "$1/warnings.txt" 2>/dev/null; then ok; else fail "no warning '$2'"; fi
}

# tables_valid DIR: every table in DIR reads back with libcsv, cells valid UTF-8.
tables_valid() {
	local n=0
	for f in "$1"/*.csv; do
		[ -e "$f" ] || continue
		n=$((n + 1))
		if "$CSVCHECK" "$f" >/dev/null 2>csv_err.txt; then ok; else fail "$f does not read as CSV:"; cat csv_err.txt >&2; fi
	done
	[ "$n" -gt 0 ] || fail "$1: no table written"
}

# no_tables DIR: a failed run left no table (and no temporary file).
no_tables() {
	if [ -z "$(ls -A "$1" 2>/dev/null | grep -v '^warnings.txt$')" ]; then ok; else fail "$1 holds files after a failed run: $(ls -A "$1")"; fi
}

# docs_counted DIR N: documents.csv lists N documents.
docs_counted() {
	local got
	got=$("$CSVCHECK" "$1/documents.csv" | sed -n 's/.*: \([0-9]*\) rows.*/\1/p')
	if [ "$got" = "$2" ]; then ok; else fail "$1/documents.csv: $got documents, want $2"; fi
}
