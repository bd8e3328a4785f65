# concepts.gp: concept rates per group with exact Poisson 95% intervals, from ../phrases_by_group.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" concepts.gp
# fmt: png (default), pdf, svg, tex (cairolatex: concepts-tex.tex and concepts-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N,
# maxheight=CM; what is left out is said on stderr in lines "rhetor note: ...".
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: group=1 concept=2 per_10k=7 ci_low=8 ci_high=9

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
rh_dir = ''
if (exists("render_here")) { rh_dir = rh_i > 0 ? ARG0[1:rh_i] : '' } else { if (rh_i > 0) { cd ARG0[1:rh_i] } }
if (!exists("top")) top = 20
if (!exists("maxpanels")) maxpanels = 12
# The tallest figure, in cm (a journal page's text block).
if (!exists("maxheight")) maxheight = 23
array rh_sel[1]
rh_nsel = 0
rh_last = 9
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = rh_dir . '../' . 'phrases_by_group.csv'
load rh_dir . 'rhetor.gp'
rh_gcol = 0
rh_ok(x) = 1

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

# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = STATS_records
rh_has(s) = rh_nd > 0 && (sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s)) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_ok(0) ? rh_add(rh_str(2)) : 0) nooutput
rh_nr = rh_nd
rh_row(s) = sum [rh_j = 1:rh_nr] (rh_D[rh_j] eq s ? rh_j : 0)
# Each row's highest value in the series drawn.
array rh_mx[rh_nr + 1]
array rh_pos[rh_nr + 1]
do for [rh_k = 1:rh_nr] { rh_mx[rh_k] = -1; rh_pos[rh_k] = 0 }
stats rh_table using (rh_r = rh_ok(0) && rh_pidx(rh_str(1)) > 0 ? rh_row(rh_str(2)) : 0, (rh_r > 0 && column(7) > rh_mx[rh_r]) ? (rh_mx[rh_r] = column(7), 0) : 0) nooutput
# Rows: the `top` highest, highest first (ties in the table's order).
rh_ny = top < rh_nr ? top : rh_nr
do for [rh_i = 1:rh_ny] {
	rh_b = 0
	do for [rh_k = 1:rh_nr] { if (rh_pos[rh_k] == 0 && (rh_b == 0 || rh_mx[rh_k] > rh_mx[rh_b])) { rh_b = rh_k } }
	rh_pos[rh_b] = rh_i
}
if (rh_ny < rh_nr) {
	print sprintf('rhetor note: %s: the %d of %d rows with the highest rates drawn; more with --top K', 'concepts', rh_ny, rh_nr)
}
rh_y(s) = (rh_r = rh_row(s), rh_r > 0 ? rh_pos[rh_r] : 0)
rh_off(g) = (g - (rh_np + 1) / 2.0) * 0.7 / rh_np
stats rh_table using (rh_ok(0) && rh_pidx(rh_str(1)) > 0 && rh_y(rh_str(2)) > 0 ? column(9) : 0) nooutput
rh_xmax = STATS_max > 0 ? STATS_max * 1.05 : 1
rh_tt = titles ? 0.6 : 0
rh_pitch = 0.3 + 0.1 * rh_np
rh_pitch = rh_ny * rh_pitch + 2.2 + rh_tt <= maxheight ? rh_pitch : (maxheight - 2.2 - rh_tt) / rh_ny
eval rh_term(rh_ny * rh_pitch + 2.2 + rh_tt)
set output rh_out('concepts')
if (titles) { set title 'Concept rates per group' }
set xrange [0:rh_xmax]
set xtics rh_step(rh_xmax, 5)
set yrange [rh_ny + 0.6:0.4]
set ytics () scale 0
do for [rh_k = 1:rh_nr] { if (rh_pos[rh_k] > 0) { set ytics add (rh_ticlab(rh_D[rh_k]) rh_pos[rh_k]) } }
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
set xlabel rh_per10k
set errorbars small
set key outside top center horizontal samplen 1 width 2
plot for [g = 1:rh_np] rh_table using (rh_ok(0) && rh_str(1) eq rh_G[g] ? column(7) : NaN):(rh_yy = rh_y(rh_str(2)), rh_yy > 0 ? rh_yy + rh_off(g) : NaN):(column(8)):(column(9)) with xerrorbars lt g dt 1 ps 0.65 * rh_ps title rh_lab(rh_G[g])
# rhetor plot wrote this file; the SHA-256 of the text above: eb123927a29606c381c4e9fcb9043740c17945da0eb85eccf3c87f89f15cadfc
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
