# trends.gp: concept rates over time per group with 95% interval bands, from ../trends.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" trends.gp
# fmt: png (default), pdf, svg, tex (cairolatex: trends-tex.tex and trends-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N,
# maxheight=CM; what is left out is said on stderr in lines "rhetor note: ...".
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: group=1 period=2 concept=3 per_10k=7 ci_low=8 ci_high=9

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
if (rh_i > 0) { cd ARG0[1:rh_i] }
if (!exists("top")) top = 20
if (!exists("maxpanels")) maxpanels = 12
# The tallest figure, in cm (a journal page's text block).
if (!exists("maxheight")) maxheight = 23
array rh_sel[1]
rh_nsel = 0
rh_last = 9
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = '../' . 'trends.csv'
load 'rhetor.gp'
rh_gcol = 0
rh_ok(x) = 1

# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = STATS_records
rh_has(s) = rh_nd > 0 && (sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s)) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_ok(0) ? rh_add(rh_str(3)) : 0) nooutput
array rh_G[rh_nd + 1]
rh_ng = 0
do for [rh_k = 1:(rh_nsel > 0 ? rh_nsel : rh_nd)] {
	rh_s = rh_nsel > 0 ? rh_sel[rh_k] : rh_D[rh_k]
	if ((rh_nsel == 0 || rh_has(rh_s)) && rh_ng < rh_nd && (sum [rh_j = 1:rh_ng] (rh_G[rh_j] eq rh_s)) == 0) { rh_ng = rh_ng + 1; rh_G[rh_ng] = rh_s }
}
# None of the requested values in this table: draw them all.
if (rh_ng == 0) { do for [rh_k = 1:rh_nd] { rh_G[rh_k] = rh_D[rh_k] }; rh_ng = rh_nd }
rh_np = rh_ng < maxpanels ? rh_ng : maxpanels
rh_pidx(s) = sum [rh_j = 1:rh_np] (rh_G[rh_j] eq s ? rh_j : 0)

array rh_P[rh_np + 1]
do for [rh_k = 1:rh_np] { rh_P[rh_k] = rh_G[rh_k] }
rh_npan = rh_np
# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = STATS_records
rh_has(s) = rh_nd > 0 && (sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s)) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_ok(0) ? rh_add(rh_str(1)) : 0) nooutput
array rh_G[rh_nd + 1]
rh_ng = 0
do for [rh_k = 1:(rh_nsel > 0 ? rh_nsel : rh_nd)] {
	rh_s = rh_nsel > 0 ? rh_sel[rh_k] : rh_D[rh_k]
	if ((rh_nsel == 0 || rh_has(rh_s)) && rh_ng < rh_nd && (sum [rh_j = 1:rh_ng] (rh_G[rh_j] eq rh_s)) == 0) { rh_ng = rh_ng + 1; rh_G[rh_ng] = rh_s }
}
# None of the requested values in this table: draw them all.
if (rh_ng == 0) { do for [rh_k = 1:rh_nd] { rh_G[rh_k] = rh_D[rh_k] }; rh_ng = rh_nd }
rh_np = rh_ng < 8 ? rh_ng : 8
rh_pidx(s) = sum [rh_j = 1:rh_np] (rh_G[rh_j] eq s ? rh_j : 0)

rh_ns = rh_np
rh_np = rh_npan
rh_cols = width eq '1col' ? (rh_np >= 2 ? 2 : 1) : (rh_np >= 3 ? 3 : rh_np)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
if (rh_ns < rh_ng) {
	print sprintf('rhetor note: %s: %d of %d groups drawn; choose them with --groups A,B,...', 'trends', rh_ns, rh_ng)
}
if (!exists("bands")) {
	bands = rh_ns <= 3
	if (!bands) { print sprintf('rhetor note: %s: %d groups: 95%% interval bands left out, they would hide each other; draw them by hand with gnuplot -e "bands=1", or choose up to 3 groups with --groups', 'trends', rh_ns) }
}
rh_sidx(s) = sum [rh_j = 1:rh_ns] (rh_G[rh_j] eq s ? rh_j : 0)
rh_hit(b) = (rh_m = rh_m + (b ? 1 : 0), b)
stats rh_table using (column(2)):(rh_ok(0) && rh_sidx(rh_str(1)) > 0 ? column(bands ? 9 : 7) : 0) nooutput
rh_x0 = STATS_min_x
rh_x1 = STATS_max_x > STATS_min_x ? STATS_max_x : STATS_min_x + 1
rh_ymax = STATS_max_y > 0 ? STATS_max_y * 1.05 : 1
# Geometry in cm: the title, the key strip, then rows of panels.
rh_kl = 0
do for [rh_k = 1:rh_ns] { rh_kl = strlen(rh_lab(rh_G[rh_k])) > rh_kl ? strlen(rh_lab(rh_G[rh_k])) : rh_kl }
rh_kcols = int((rh_wcm - 1.0) / (0.16 * rh_kl + 1.6))
rh_kcols = rh_kcols < 1 ? 1 : rh_kcols > rh_ns ? rh_ns : rh_kcols
rh_krows = int((rh_ns + rh_kcols - 1) / rh_kcols)
rh_tt = titles ? 0.6 : 0
rh_kh = 0.42 * rh_krows + 0.3
rh_ph = width eq '1col' ? 3.6 : 4.2
rh_slot = rh_ph + 1.5
rh_ph = rh_tt + rh_kh + rh_rows * rh_slot + 0.2 <= maxheight ? rh_ph : (maxheight - rh_tt - rh_kh - 0.5) / rh_rows - 1.5
rh_ph = rh_ph > 2 ? rh_ph : 2
rh_slot = rh_ph + 1.5
rh_h = rh_tt + rh_kh + rh_rows * rh_slot + 0.2
rh_lm = 1.5
rh_gap = 1.0
rh_pw = (rh_wcm - rh_lm - 0.3 - (rh_cols - 1) * rh_gap) / rh_cols
eval rh_term(rh_h)
set output rh_out('trends')
set xrange [rh_x0:rh_x1]
set yrange [0:rh_ymax]
set format x '%.0f'
# About one labelled tic per 1.8 cm.
set xtics rh_step(rh_x1 - rh_x0, rh_pw / 1.8 > 2 ? rh_pw / 1.8 : 2)
set ytics rh_step(rh_ymax, rh_ph / 1.0 > 3 ? rh_ph / 1.0 : 3)
set style fill transparent solid 0.18 noborder
if (titles) { set multiplot title 'Trends' } else { set multiplot }
do for [p = 1:rh_np] {
	rh_col = (p - 1) % rh_cols
	rh_row = int((p - 1) / rh_cols)
	set lmargin at screen (rh_lm + rh_col * (rh_pw + rh_gap)) / rh_wcm
	set rmargin at screen (rh_lm + rh_col * (rh_pw + rh_gap) + rh_pw) / rh_wcm
	set tmargin at screen 1 - (rh_tt + rh_kh + rh_row * rh_slot + 0.6) / rh_h
	set bmargin at screen 1 - (rh_tt + rh_kh + rh_row * rh_slot + 0.6 + rh_ph) / rh_h
	set title rh_labn(rh_P[p], int((rh_pw + 0.8 * rh_gap) / 0.15)) offset 0,-0.2
	set ylabel (rh_col == 0) ? rh_per10k : ''
	if (p > rh_np - rh_cols) { set xlabel 'period' } else { unset xlabel }
	# Each group's rows in its own comma-separated datablock, in table order.
	do for [g = 1:rh_ns] {
		eval sprintf('set print $rh_band%d', g)
		print 'period,low,high,value'
		set print
		rh_m = 0
		eval sprintf('set table $rh_band%d append separator comma', g)
		plot rh_table using (column(2)):(column(8)):(column(9)):(column(7)) with table if (rh_hit(rh_ok(0) && rh_str(3) eq rh_P[p] && rh_str(1) eq rh_G[g]))
		unset table
		# A group without rows here gets one point below the axis, so nothing is empty.
		if (rh_m == 0) { eval sprintf('set print $rh_band%d append', g); print sprintf('%g,-1,-1,-1', rh_x0); set print }
	}
	if (bands) {
		plot for [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:2:3 with filledcurves lt g notitle, \
			for [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with linespoints lt g ps 0.65 * rh_ps notitle
	} else {
		plot for [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with linespoints lt g ps 0.65 * rh_ps notitle
	}
}
# The key: a strip of its own above the panels, as wide as the figure.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen 1 - rh_tt / rh_h
set bmargin at screen 1 - (rh_tt + rh_kh) / rh_h
unset title
unset xlabel
unset ylabel
unset border
unset xtics
unset ytics
set xrange [0:1]
set yrange [0:1]
set key center center horizontal maxcols rh_kcols maxrows rh_krows samplen 2 width 2
plot for [g = 1:rh_ns] NaN with linespoints lt g ps 0.65 * rh_ps title rh_lab(rh_G[g])
unset multiplot
