#!/bin/bash
# test_hostile_runner.sh: rhetor removes only what it wrote; verify refuses a lock rhetor did not
# write; the lock's values are checked before any work; temporary files go when a signal ends a run.
. "$(dirname "$0")/lib.sh"

mkdir -p c
printf 'Win-win cooperation.' > c/a.txt
printf 'Human rights.' > c/b.txt
printf 'These are the warnings of the delegation.' > c/warnings.txt
printf 'concept,pattern\nww,win-win cooperation\n' > dict.csv

# -o CORPUS: a run without warnings leaves the document warnings.txt alone.
cp c/warnings.txt keep.txt
expect_status 0 "$RHETOR" freq c -o c
same_file c/warnings.txt keep.txt
docs_counted c 3
expect_err "c/warnings.txt was not written by rhetor; left as it is"
# ... and a run with warnings does not replace it either: it stops, naming it.
printf 'doc_id,x\nnone,1\n' > meta.csv
expect_status 1 "$RHETOR" freq c --meta meta.csv -o c
same_file c/warnings.txt keep.txt
expect_err "c/warnings.txt is a document of the corpus; rhetor does not replace it"
rm -f c/*.csv c/.rhetor-written

# The same with several corpora, -o the second: its document warnings.txt is not replaced either.
mkdir -p c0 && printf 'peace\n' > c0/z.txt
expect_status 1 "$RHETOR" freq c0 c --corpus-name first,second --meta meta.csv -o c
same_file c/warnings.txt keep.txt
expect_err "c/warnings.txt is a document of the corpus; rhetor does not replace it"
rm -f c/*.csv c/.rhetor-written

# A warnings.txt rhetor wrote is removed when a later run has none.
expect_status 0 "$RHETOR" freq c --meta meta.csv -o out
[ -f out/warnings.txt ] && ok || fail "no warnings.txt"
expect_status 0 "$RHETOR" freq c -o out
[ ! -e out/warnings.txt ] && ok || fail "rhetor's own stale warnings.txt kept"
# One put there by someone else stays.
printf 'mine\n' > out/warnings.txt
expect_status 0 "$RHETOR" freq c -o out
[ "$(cat out/warnings.txt)" = mine ] && ok || fail "a warnings.txt rhetor did not write was removed"
rm -rf out

# The lock: verify refuses one whose [output] dir or digest was edited.
cat > an.ini <<'INI'
[corpus]
path = c
[phrases]
file = dict.csv
[freq]
[plot]
render = no
[output]
dir = out
INI
expect_status 0 "$RHETOR" run an.ini
expect_status 0 "$RHETOR" verify out
mkdir -p elsewhere
printf 'precious\n' > elsewhere/documents.csv
snapshot
sed -i 's|^dir = \.$|dir = ../elsewhere|' out/rhetor.lock.ini
expect_status 1 "$RHETOR" verify out
expect_err "out/rhetor.lock.ini: [output] dir is '../elsewhere', not '.'"
unchanged "verify of an edited lock"
sed -i 's|^dir = \.\./elsewhere$|dir = .|; s|^top = 0$|top = 5|' out/rhetor.lock.ini
expect_status 1 "$RHETOR" verify out
expect_err "its digest does not match: the lock was edited"
sed -i 's|^digest = .*$|digest =|' out/rhetor.lock.ini
expect_status 1 "$RHETOR" verify out
expect_err "no [rhetor] digest"
rm -rf out

# Values the lock cannot hold are refused before any work: nothing is written.
snapshot
expect_status 2 "$RHETOR" run an.ini --set "plot.groups=;x"
expect_err "holds a ';' that would start a comment"
unchanged "a value starting with ';'"
no_tables out
deep=$(printf 'd%.0s' $(seq 1 60))/$(printf 'e%.0s' $(seq 1 60))
mkdir -p "$deep"
cp dict.csv "$deep/dictionary-with-a-long-name.csv"
snapshot
expect_status 2 "$RHETOR" run an.ini --set "phrases.file=$deep/dictionary-with-a-long-name.csv"
expect_err "the lock file could not hold this"
expect_err "longer than an analysis file line allows"
unchanged "an input path the lock cannot hold"
no_tables out

# Temporary files are removed when a signal ends the run. A large vocabulary
# makes terms.csv take long enough to be caught while it is written.
mkdir -p big
$PY - <<'PY'
import random
random.seed(7)
words = ["w%07d" % i for i in range(300000)]
for d in range(4):
    with open("big/d%d.txt" % d, "w") as f:
        f.write(" ".join(random.sample(words, 150000)))
PY
for sig in TERM INT; do
	rm -rf out
	$PY - "$RHETOR" "$sig" <<'PY' && ok || fail "SIG$sig: temporary files left"
import glob, os, signal, subprocess, sys, time
rhetor, sig = sys.argv[1], getattr(signal, "SIG" + sys.argv[2])
# The child gets the signal's default disposition (a background shell ignores SIGINT).
p = subprocess.Popen([rhetor, "freq", "big", "--threads", "1", "-q", "-o", "out"],
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
deadline = time.time() + 600
while time.time() < deadline and p.poll() is None and not glob.glob("out/.*.tmp.*"):
    time.sleep(0.0005)
if p.poll() is not None:
    sys.exit("the run ended before a temporary file was seen")
p.send_signal(sig)
rc = p.wait()
left = glob.glob("out/.*.tmp.*")
if rc != -sig or left:
    sys.exit("exit %d, left %s" % (rc, left))
PY
done
# SIGXFSZ: a file size limit that terms.csv passes.
rm -rf out
(ulimit -f 2000; exec "$RHETOR" freq big --threads 1 -q -o out) 2>/dev/null
rc=$?
[ "$rc" = 153 ] && ok || fail "SIGXFSZ: exit $rc, want 153 (killed by the signal)"
if ls -A out 2>/dev/null | grep -q '\.tmp\.'; then fail "SIGXFSZ: temporary files left: $(ls -A out)"; else ok; fi

finish
