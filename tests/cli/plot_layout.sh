# plot_layout.sh: sourced by the chart tests after lib.sh. check DIR runs
# every chart script of DIR/plots in every format and width with
# checklayout=1: each plot area (GPVAL_TERM_XMIN/XMAX/YMIN/YMAX, printed by
# the script) lies inside the canvas with room left for the tic labels below
# and to the left and for the last tic label on the right (at least 1% of the
# width and 3% of the height), and gnuplot prints nothing but notes and those
# lines: no warning. A heatmap uses the width at 1col: its squares, together,
# span at least half of it (a colour box and long labels beside them left a
# third). In SVG, each dashed line sample of a key shows its pattern
# twice (svg_keys.py), and a chart over time has its time axis label. LAYOUT_FORMATS and LAYOUT_WIDTHS narrow the runs.
# check DIR: every chart of DIR in every format and width.
check() {
	local dir=$1 c f w n
	for c in terms tfidf concepts keyness collocates concept_cooc similarity dispersion trends adoption candidates; do
		[ -f "$dir/plots/$c.gp" ] || continue
		for f in ${LAYOUT_FORMATS:-png pdf svg tex}; do
			for w in ${LAYOUT_WIDTHS:-1col 2col}; do
				(cd "$dir/plots" && gnuplot -e "fmt='$f'; width='$w'; checklayout=1" "$c.gp") >lay.txt 2>&1
				grep -v -e '^rhetor note: ' -e '^rhetor layout: ' lay.txt >other.txt
				[ -s other.txt ] && fail "$dir $c $f $w: gnuplot said: $(head -3 other.txt)"
				n=$(grep -c '^rhetor layout: ' lay.txt)
				[ "$n" -ge 1 ] || { fail "$dir $c $f $w: no layout line"; continue; }
				awk -v what="$dir $c $f $w" -v heat=$([ "$w" = 1col ] && case $c in concept_cooc | similarity) echo 1 ;; esac) '/^rhetor layout: / {
					x0 = $3; x1 = $4; y0 = $5; y1 = $6; W = $7; H = $8
					if (!(x0 > 0 && x0 < x1 && W - x1 >= 0.01 * W && y0 >= 0.03 * H && y0 < y1 && y1 <= H)) {
						printf "%s: plot area x %d-%d, y %d-%d on a %dx%d canvas\n", what, x0, x1, y0, y1, W, H; bad = 1
					}
					if (n++ == 0 || x0 < l) l = x0
					if (x1 > r) r = x1
				} END {
					if (heat && r - l < 0.5 * W) { printf "%s: the squares span %d of the %d wide canvas\n", what, r - l, W; bad = 1 }
					exit bad
				}' lay.txt >bad.txt && ok || fail "$(cat bad.txt)"
				if [ "$f" = svg ]; then
					python3 "$SRC/tests/cli/svg_keys.py" "$dir/plots/$c.svg" >bad.txt && ok || fail "$w: $(cat bad.txt)"
					# A chart over time labels its time axis (gnuplot leaves out a label it finds off the canvas).
					t=$(sed -n "s/^if (!exists(\"timelabel\")) timelabel = '\(.*\)'\$/\1/p" "$dir/plots/$c.gp")
					case $c in trends | adoption)
						grep -qF "<text>$t</text>" "$dir/plots/$c.svg" && ok || fail "$dir $c svg $w: no time axis label '$t'" ;;
					esac
				fi
			done
		done
	done
}

