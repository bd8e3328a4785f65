#!/bin/bash
# test_plot_render.sh: charts are drawn into a scratch directory and renamed
# into place: a symbolic link planted where a chart goes is replaced, its
# target never written; a failed run leaves the chart it would replace and
# no scratch files; rhetor run lists exactly the files drawn.
. "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || { echo "skipped: gnuplot not installed"; exit 77; }
export RHETOR_DATA_DIR=$SRC

# (a) Links planted at DIR/plots/NAME.svg and NAME.gp: the targets keep their bytes.
mkdir -p d/plots && cp "$SRC"/tests/data/plot/*.csv d/
echo "precious" > target-svg.txt
echo "# precious" > target-gp.txt
ln -s "$PWD/target-svg.txt" d/plots/terms.svg
ln -s "$PWD/target-gp.txt" d/plots/keyness.gp
expect_status 0 "$RHETOR" plot d --format svg,tex --threads 2
[ "$(cat target-svg.txt)" = precious ] && [ "$(cat target-gp.txt)" = "# precious" ] && ok ||
	fail "a chart was written through a symbolic link"
[ -f d/plots/terms.svg ] && [ ! -L d/plots/terms.svg ] && grep -q '<svg' d/plots/terms.svg && ok ||
	fail "terms.svg is not a chart of its own"
# The link's target is no script rhetor wrote: it counts as changed by hand and stays.
[ -L d/plots/keyness.gp ] && [ -f d/plots/keyness.gp.new ] && ok || fail "keyness.gp replaced or no keyness.gp.new"
# The LaTeX form names its PDF without the scratch directory.
grep -q 'includegraphics.*{terms-tex}' d/plots/terms-tex.tex && ok || fail "terms-tex.tex does not name terms-tex.pdf"
[ -z "$(find d -name '.render-*' -o -name '.*.tmp.*')" ] && ok || fail "scratch files left: $(find d -name '.*')"

# (b) A script and the style changed by hand survive rhetor plot: the new
# ones are written beside them, the edited ones are what is rendered.
rm d/plots/keyness.gp d/plots/keyness.gp.new
expect_status 0 "$RHETOR" plot d --format svg -q
sed -i 's/^set output rh_out(.*/set output rh_out("mine")/' d/plots/dispersion.gp
echo "# my own line" >> d/plots/rhetor.gp
cp d/plots/dispersion.gp dispersion-mine.gp
cp d/plots/rhetor.gp style-mine.gp
cp d/plots/terms.gp terms-before.gp
expect_status 0 "$RHETOR" plot d --format svg --top 5
same_file d/plots/dispersion.gp dispersion-mine.gp
same_file d/plots/rhetor.gp style-mine.gp
expect_err "dispersion.gp was changed by hand; kept it (and render it), wrote the new one to d/plots/dispersion.gp.new"
expect_err "rhetor.gp was changed by hand"
grep -q ' top = 5 ' d/plots/dispersion.gp.new && ok || fail "dispersion.gp.new is not the new script"
[ -s d/plots/mine.svg ] && ok || fail "the edited script was not the one rendered"
# An unchanged script is replaced, and no .new appears for it.
cmp -s terms-before.gp d/plots/terms.gp && fail "terms.gp not rewritten with --top 5" || ok
[ -e d/plots/terms.gp.new ] && fail "terms.gp.new written for an unchanged script" || ok
rm d/plots/dispersion.gp d/plots/rhetor.gp d/plots/*.new
expect_status 0 "$RHETOR" plot d --format svg -q

# (c) A gnuplot that draws half a chart and fails: the old chart stays, nothing else appears.
cp d/plots/terms.svg terms-before.svg
cat > bad-gnuplot <<'SH'
#!/bin/bash
echo "half" > terms.svg
echo "broken" >&2
exit 1
SH
chmod +x bad-gnuplot
RHETOR_GNUPLOT=$PWD/bad-gnuplot expect_status 1 "$RHETOR" plot d --format svg --threads 1
same_file d/plots/terms.svg terms-before.svg
[ -z "$(find d -name '.render-*')" ] && ok || fail "scratch directories left after a failure"

# (d) rhetor run lists exactly the files drawn: the formats asked for, not leftovers.
mkdir -p an corpus/texts
printf 'Win-win cooperation and human rights. Human rights matter.\n' > corpus/texts/a.txt
printf 'Human rights and cooperation for all.\n' > corpus/texts/b.txt
printf 'concept,pattern\nhuman_rights,human rights\nwin_win,win-win cooperation\n' > an/dict.csv
cat > an/a.ini <<'INI'
[corpus]
path = ../corpus/texts
[phrases]
file = dict.csv
[freq]
[plot]
format = svg
INI
mkdir -p r/plots && echo stale > r/plots/terms.png
expect_status 0 "$RHETOR" run an/a.ini -o r --quiet
sed -n '/^\[outputs\]/,/^\[/p' r/rhetor.lock.ini | grep ' = ' | sed 's/ = .*//' | grep '^plots/' | sort > listed.txt
(cd r && ls plots/* | grep -v 'terms.png$' | sort) > present.txt
same_file listed.txt present.txt
grep -q '^plots/terms.svg$' listed.txt && ok || fail "terms.svg not listed"
grep -q 'png' listed.txt && fail "a PNG left by an earlier run is listed" || ok
finish
