# trends.gp: concept rates over time per group with 95% interval bands, from ../trends.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" trends.gp
# fmt: png (default), pdf, svg, tex (cairolatex: trends-tex.tex and trends-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N.
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: group=1 period=2 concept=3 per_10k=7 ci_low=8 ci_high=9

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
if (rh_i > 0) { cd ARG0[1:rh_i] }
if (!exists("top")) top = 20
if (!exists("maxpanels")) maxpanels = 12
array rh_sel[1]
rh_nsel = 0
rh_last = 9
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = '../' . 'trends.csv'
load 'rhetor.gp'

# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = STATS_records
rh_has(s) = rh_nd > 0 && sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_add(rh_str(3))) nooutput
array rh_G[rh_nd]
rh_ng = 0
do for [rh_k = 1:(rh_nsel > 0 ? rh_nsel : rh_nd)] {
	rh_s = rh_nsel > 0 ? rh_sel[rh_k] : rh_D[rh_k]
	if ((rh_nsel == 0 || rh_has(rh_s)) && rh_ng < rh_nd) { rh_ng = rh_ng + 1; rh_G[rh_ng] = rh_s }
}
# None of the requested values in this table: draw them all.
if (rh_ng == 0) { do for [rh_k = 1:rh_nd] { rh_G[rh_k] = rh_D[rh_k] }; rh_ng = rh_nd }
rh_np = rh_ng < maxpanels ? rh_ng : maxpanels

array rh_P[rh_np]
do for [rh_k = 1:rh_np] { rh_P[rh_k] = rh_G[rh_k] }
# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = 8
rh_has(s) = rh_nd > 0 && sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_add(rh_str(1))) nooutput
rh_cols = width eq '1col' ? (rh_np >= 2 ? 2 : 1) : (rh_np >= 3 ? 3 : rh_np)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
rh_hit(b) = (rh_m = rh_m + (b ? 1 : 0), b)
stats rh_table using (column(2)):(column(9)) nooutput
rh_x0 = STATS_min_x
rh_x1 = STATS_max_x > STATS_min_x ? STATS_max_x : STATS_min_x + 1
rh_ymax = STATS_max_y > 0 ? STATS_max_y * 1.05 : 1
rh_h = rh_rows * (width eq '1col' ? 4.5 : 5.5) + 1.0 + (titles ? 0.6 : 0)
eval rh_term(rh_h)
set output rh_out('trends')
set xrange [rh_x0:rh_x1]
set yrange [0:rh_ymax]
set format x '%.0f'
set style fill transparent solid 0.18 noborder
set key at screen 0.5, screen 1 center top horizontal maxrows 1 samplen 2
rh_top = 1 - (1.0 + (titles ? 0.6 : 0)) / rh_h
if (titles) { set label 99 'Trends' at screen 0.5, screen 1 - 0.3 / rh_h center }
set multiplot layout rh_rows, rh_cols margins 1.6 / rh_wcm, 1 - 0.6 / rh_wcm, 1.1 / rh_h, rh_top spacing 1.3 / rh_wcm, 1.5 / rh_h
do for [p = 1:rh_np] {
	set title rh_lab(rh_P[p]) offset 0,-0.8
	set ylabel (p % rh_cols == 1 || rh_cols == 1) ? rh_per10k : ''
	if (p > rh_np - rh_cols) { set xlabel 'period' } else { unset xlabel }
	# Each group's band in its own comma-separated datablock, rows in table order.
	do for [g = 1:rh_nd] {
		eval sprintf('set print $rh_band%d', g)
		print 'period,low,high,value'
		set print
		rh_m = 0
		eval sprintf('set table $rh_band%d append separator comma', g)
		plot rh_table using (column(2)):(column(8)):(column(9)):(column(7)) with table if (rh_hit(rh_str(3) eq rh_P[p] && rh_str(1) eq rh_D[g]))
		unset table
		# A group without rows here gets one point below the axis, so nothing is empty.
		if (rh_m == 0) { eval sprintf('set print $rh_band%d append', g); print sprintf('%g,-1,-1,-1', rh_x0); set print }
	}
	plot for [g = 1:rh_nd] sprintf('$rh_band%d', g) using 1:2:3 with filledcurves lt g notitle, \
		for [g = 1:rh_nd] sprintf('$rh_band%d', g) using 1:4 with linespoints lt g ps 1.2 title (p == 1 ? rh_lab(rh_D[g]) : '')
}
unset multiplot
