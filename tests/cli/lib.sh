# lib.sh: helpers for the command-line tests. Source it with the test's arguments.
RHETOR=$1
SRC=$2
SCRATCH=$3
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cd "$SCRATCH" || exit 1
PY=/usr/bin/python3
failures=0
checks=0

ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*" >&2; }

# expect_status N CMD...: runs CMD, keeps stdout/stderr in out.txt/err.txt.
expect_status() {
	want=$1
	shift
	"$@" >out.txt 2>err.txt
	got=$?
	if [ "$got" = "$want" ]; then ok; else fail "exit $got, want $want: $*"; cat out.txt err.txt >&2; fi
}

# expect_err TEXT: err.txt contains TEXT.
expect_err() {
	if grep -qF -- "$1" err.txt; then ok; else fail "stderr lacks '$1':"; cat err.txt >&2; fi
}

# same_file A B: byte-identical.
same_file() {
	if cmp -s "$1" "$2"; then ok; else fail "$1 differs from $2:"; diff "$1" "$2" | head -20 >&2; fi
}

finish() {
	echo "$((checks - failures)) passed, $failures failed"
	[ "$failures" = 0 ]
	exit $?
}
