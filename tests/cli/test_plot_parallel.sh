#!/bin/bash
# test_plot_parallel.sh: rendering charts in parallel changes nothing: the same
# files, the same messages and the same exit status as one at a time, also
# when gnuplot fails for some charts and floods stderr for others.
. "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || { echo "skipped: gnuplot not installed"; exit 77; }
export RHETOR_DATA_DIR=$SRC

for n in 1 2 4; do
	mkdir -p real$n && cp "$SRC"/tests/data/plot/*.csv real$n/
	expect_status 0 "$RHETOR" plot real$n --format png,svg --threads $n
	sed "s|real$n|DIR|g" err.txt > real_err$n.txt
done
for n in 2 4; do
	same_file real_err1.txt real_err$n.txt
	for f in real1/plots/*.png real1/plots/*.svg; do same_file "$f" "real$n/plots/$(basename "$f")"; done
done

# A stand-in gnuplot: random delays, 300 KB on stderr for one chart, a
# warning for another, a failing exit for a third.
cat > fake-gnuplot <<'SH'
#!/bin/bash
script=${@: -1}
sleep "0.0$((RANDOM % 9))"
case $script in
*terms.gp) head -c 300000 /dev/zero | tr '\0' x; echo ;;
*keyness.gp) echo "warning: something odd" ;;
*tfidf.gp) exit 3 ;;
esac >&2
exit 0
SH
chmod +x fake-gnuplot
export RHETOR_GNUPLOT=$PWD/fake-gnuplot
for n in 1 4; do
	mkdir -p fake$n && cp "$SRC"/tests/data/plot/*.csv fake$n/
	expect_status 1 "$RHETOR" plot fake$n --format png,svg --threads $n
	sed "s|fake$n|DIR|g" err.txt > fake_err$n.txt
done
same_file fake_err1.txt fake_err4.txt
grep -q "keyness" fake_err1.txt && grep -q "tfidf" fake_err1.txt && ok || fail "failures not reported"
finish
