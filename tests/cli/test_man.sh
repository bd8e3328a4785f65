#!/bin/bash
# test_man.sh: the build makes the manual page rhetor(1) from the commands'
# --help (help2man): it names every command of `rhetor --help` in a section
# of its own, with that command's options, and man renders it without a warning.
. "$(dirname "$0")/lib.sh"
page=$(dirname "$RHETOR")/rhetor.1
command -v help2man >/dev/null || { echo "skipped: help2man not installed"; exit 77; }
[ -f "$page" ] && ok || fail "no $page"
for c in $("$RHETOR" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	grep -qx ".SS \"rhetor $c\"" "$page" && ok || fail "no section for rhetor $c"
done
grep -q -- '--no-render' "$page" && ok || fail "plot's options missing"
if command -v man >/dev/null; then
	MANWIDTH=80 man -l "$page" >man.txt 2>man.err && [ ! -s man.err ] && grep -q "rhetor plot" man.txt && ok ||
		fail "man -l: $(head -3 man.err)"
fi
finish
