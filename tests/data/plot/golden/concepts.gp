# concepts.gp: concept rates per group with exact Poisson 95% intervals, from ../phrases_by_group.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" concepts.gp
# fmt: png (default), pdf, svg, tex (cairolatex: concepts-tex.tex and concepts-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N.
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: group=1 concept=2 per_10k=7 ci_low=8 ci_high=9

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
if (rh_i > 0) { cd ARG0[1:rh_i] }
if (!exists("top")) top = 20
if (!exists("maxpanels")) maxpanels = 12
array rh_sel[1]
rh_nsel = 0
rh_last = 9
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = '../' . 'phrases_by_group.csv'
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
rh_np = rh_ng < 8 ? rh_ng : 8

array rh_C[rh_nd]
do for [rh_k = 1:rh_nd] { rh_C[rh_k] = rh_D[rh_k] }
rh_nseries = rh_nd
# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = STATS_records
rh_has(s) = rh_nd > 0 && sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_add(rh_str(2))) nooutput
rh_nr = rh_nd
rh_row(s) = sum [rh_j = 1:rh_nr] (rh_D[rh_j] eq s ? rh_j : 0)
rh_off(g) = (g - (rh_np + 1) / 2.0) * 0.7 / rh_np
stats rh_table using (column(9)) nooutput
rh_xmax = STATS_max > 0 ? STATS_max * 1.05 : 1
eval rh_term(rh_nr * (0.3 + 0.12 * rh_np) + 2.2 + (titles ? 0.6 : 0))
set output rh_out('concepts')
if (titles) { set title 'Concept rates per group' }
set xrange [0:rh_xmax]
set xtics rh_step(rh_xmax, 5)
set yrange [rh_nr + 0.6:0.4]
set ytics () scale 0
do for [rh_k = 1:rh_nr] { set ytics add (rh_ticlab(rh_D[rh_k]) rh_k) }
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
set xlabel rh_per10k
set errorbars small
set key outside top center horizontal samplen 1
plot for [g = 1:rh_np] rh_table using (rh_str(1) eq rh_G[g] ? column(7) : NaN):(rh_row(rh_str(2)) + rh_off(g)):(column(8)):(column(9)) with xerrorbars lt g dt 1 ps 1.3 title rh_lab(rh_G[g])
