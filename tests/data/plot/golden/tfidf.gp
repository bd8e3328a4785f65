# tfidf.gp: top tf-idf terms per unit (small multiples, horizontal bars), from ../tfidf.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" tfidf.gp
# fmt: png (default), pdf, svg, tex (cairolatex: tfidf-tex.tex and tfidf-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N.
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: unit=1 term=2 tfidf=7 rank=8

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
if (rh_i > 0) { cd ARG0[1:rh_i] }
if (!exists("top")) top = 20
if (!exists("maxpanels")) maxpanels = 12
array rh_sel[1]
rh_nsel = 0
rh_last = 8
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = '../' . 'tfidf.csv'
load 'rhetor.gp'

# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = STATS_records
rh_has(s) = rh_nd > 0 && sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_add(rh_str(1))) nooutput
array rh_G[rh_nd]
rh_ng = 0
do for [rh_k = 1:(rh_nsel > 0 ? rh_nsel : rh_nd)] {
	rh_s = rh_nsel > 0 ? rh_sel[rh_k] : rh_D[rh_k]
	if ((rh_nsel == 0 || rh_has(rh_s)) && rh_ng < rh_nd) { rh_ng = rh_ng + 1; rh_G[rh_ng] = rh_s }
}
# None of the requested values in this table: draw them all.
if (rh_ng == 0) { do for [rh_k = 1:rh_nd] { rh_G[rh_k] = rh_D[rh_k] }; rh_ng = rh_nd }
rh_np = rh_ng < maxpanels ? rh_ng : maxpanels

# Bars: rows with rank 1..top of each panel.
rh_rank(x) = column(8)
stats rh_table using (rh_rank(0) >= 1 && rh_rank(0) <= top ? column(7) : NaN) nooutput
rh_xmin = STATS_min < 0 ? STATS_min * 1.05 : 0
rh_xmax = STATS_max > 0 ? STATS_max * 1.05 : 1
stats rh_table using (strlen(rh_lab(rh_str(2)))) nooutput
rh_fit = int(rh_wcm / (0.16 * STATS_max + 0.6 + 3.5))
rh_cols = width eq '1col' ? (rh_np >= 2 ? 2 : 1) : (rh_np >= 3 ? 3 : rh_np)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
rh_cols = rh_cols < rh_fit ? rh_cols : (rh_fit > 1 ? rh_fit : 1)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
eval rh_term(rh_rows * (0.36 * top + 1.4) + (titles ? 0.6 : 0))
set output rh_out('tfidf')
set xrange [rh_xmin:rh_xmax]
set xtics rh_step(rh_xmax - rh_xmin, 3)
set yrange [top + 0.6:0.4]
set ytics scale 0
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
set key bottom right samplen 1 font ',7'
rh_tl(s) = rh_y > 0 ? rh_lab(s) : ''
if (titles) { set multiplot layout rh_rows, rh_cols title 'Top tf-idf terms per unit' } else { set multiplot layout rh_rows, rh_cols }
do for [g = 1:rh_np] {
	set title rh_lab(rh_G[g]) offset 0,-0.8
	if (g > rh_np - rh_cols) { set xlabel 'tf-idf weight' } else { unset xlabel }
	rh_c = 0
	plot rh_table using (rh_in = rh_str(1) eq rh_G[g], rh_c = rh_c + rh_in, rh_y = rh_in && rh_rank(0) >= 1 && rh_rank(0) <= top ? rh_rank(0) : -1, 0):(rh_y):(0):(column(7)):(rh_y - 0.38):(rh_y + 0.38):ytic(rh_tl(rh_str(2))) with boxxyerror fc rgb rh_bar
}
unset multiplot
