# adoption.gp: adoption curves: groups that have used each concept, from ../adoption.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" adoption.gp
# fmt: png (default), pdf, svg, tex (cairolatex: adoption-tex.tex and adoption-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N,
# maxheight=CM; what is left out is said on stderr in lines "rhetor note: ...".
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: group=1 concept=2 first_period=3

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
if (rh_i > 0) { cd ARG0[1:rh_i] }
if (!exists("top")) top = 20
if (!exists("maxpanels")) maxpanels = 12
# The tallest figure, in cm (a journal page's text block).
if (!exists("maxheight")) maxheight = 23
array rh_sel[1]
rh_nsel = 0
rh_last = 5
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = '../' . 'adoption.csv'
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
stats rh_table using (rh_ok(0) ? rh_add(rh_str(2)) : 0) nooutput
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

stats rh_table using (column(3)) nooutput
rh_x0 = STATS_min
rh_x1 = STATS_max > STATS_min ? STATS_max : STATS_min + 1
eval rh_term((width eq '1col' ? 6.5 : 8.5) + (titles ? 0.6 : 0))
set output rh_out('adoption')
if (titles) { set title 'Adoption' }
set xrange [rh_x0:rh_x1]
set yrange [0:*]
set format x '%.0f'
set xlabel 'period of first use'
set ylabel 'groups using the concept'
set key top left samplen 2
plot for [g = 1:rh_np] rh_table using (rh_str(2) eq rh_G[g] ? column(3) : NaN):(1) smooth cumulative with steps lt g title rh_lab(rh_G[g])
