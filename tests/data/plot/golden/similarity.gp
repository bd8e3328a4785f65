# similarity.gp: cosine similarity heatmap of the units, from ../similarity.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" similarity.gp
# fmt: png (default), pdf, svg, tex (cairolatex: similarity-tex.tex and similarity-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N.
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: unit_a=1 unit_b=2 cosine=3

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
if (rh_i > 0) { cd ARG0[1:rh_i] }
if (!exists("top")) top = 20
if (!exists("maxpanels")) maxpanels = 12
array rh_sel[1]
rh_nsel = 0
rh_last = 3
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = '../' . 'similarity.csv'
load 'rhetor.gp'

if (!exists("maxcells")) maxcells = 60
# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[2 * STATS_records]
rh_nd = 0
rh_cap = maxcells
rh_has(s) = rh_nd > 0 && sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, 1)
stats rh_table using (rh_add(rh_str(1))) : (rh_add(rh_str(2))) nooutput
rh_n = rh_nd
rh_idx(s) = sum [rh_j = 1:rh_n] (rh_D[rh_j] eq s ? rh_j : 0)
rh_cell(a, b) = a > 0 && b > 0 ? a : NaN
eval rh_term(width eq '1col' ? 8.5 : 13)
set output rh_out('similarity')
if (titles) { set title 'Similarity' }
set size square
set border 15 lw 0.8
set xrange [0.5:rh_n + 0.5]
set yrange [rh_n + 0.5:0.5]
rh_every = int((rh_n + 39) / 40)
set xtics () scale 0 rotate by 45 right
set ytics () scale 0
do for [rh_k = 1:rh_n:rh_every] { set xtics add (rh_ticlab(rh_D[rh_k]) rh_k); set ytics add (rh_ticlab(rh_D[rh_k]) rh_k) }
set cbrange [0:1]
set cbtics 0.2 scale 0.5
set cblabel 'cosine similarity'
plot rh_table using (rh_a = rh_idx(rh_str(1)), rh_b = rh_idx(rh_str(2)), rh_cell(rh_a, rh_b)):(rh_b):(rh_a - 0.5):(rh_a + 0.5):(rh_b - 0.5):(rh_b + 0.5):(column(3)) with boxxyerror fc palette, \
	rh_table using (rh_a = rh_idx(rh_str(1)), rh_b = rh_idx(rh_str(2)), rh_cell(rh_b, rh_a)):(rh_a):(rh_b - 0.5):(rh_b + 0.5):(rh_a - 0.5):(rh_a + 0.5):(column(3)) with boxxyerror fc palette
