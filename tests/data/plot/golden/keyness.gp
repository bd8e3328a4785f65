# keyness.gp: keyness: top terms each way by signed log-likelihood (diverging bars), from ../keyness.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" keyness.gp
# fmt: png (default), pdf, svg, tex (cairolatex: keyness-tex.tex and keyness-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N,
# maxheight=CM; what is left out is said on stderr in lines "rhetor note: ...".
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: term=1 log_likelihood=6

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
rh_last = 12
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = rh_dir . '../' . 'keyness.csv'
load rh_dir . 'rhetor.gp'
rh_gcol = 0
rh_ok(x) = 1

# keyness.csv lists terms by signed G2, most key to the target first and
# most key to the reference last: the chart takes `top` from each end.
stats rh_table using (column(6) > 0 ? 1 : 0) nooutput
rh_npos = STATS_sum
stats rh_table using (column(6) < 0 ? 1 : 0) nooutput
rh_nneg = STATS_sum
rh_kp = rh_npos < top ? rh_npos : top
rh_kn = rh_nneg < top ? rh_nneg : top
rh_ny = rh_kp + rh_kn > 0 ? rh_kp + rh_kn : 1
stats rh_table using (column(6)) nooutput
rh_xmin = STATS_min < 0 ? STATS_min * 1.05 : -1
rh_xmax = STATS_max > 0 ? STATS_max * 1.05 : 1
eval rh_term(0.36 * rh_ny + 2.0 + (titles ? 0.6 : 0))
set output rh_out('keyness')
if (titles) { set title 'Keyness' }
set xrange [rh_xmin:rh_xmax]
set xtics rh_step(rh_xmax - rh_xmin, 6)
set yrange [rh_ny + 0.6:0.4]
set ytics scale 0
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
set xzeroaxis lt 1 lc rgb '#000000' lw 0.8
set xlabel 'signed ' . rh_g2
set key outside top center horizontal samplen 1
rh_tl(s) = rh_y > 0 ? rh_lab(s) : ''
rh_p = 0
rh_q = 0
rh_pick(v) = v > 0 ? (rh_p = rh_p + 1, rh_p <= rh_kp ? rh_p : -1) : v < 0 ? (rh_q = rh_q + 1, rh_q > rh_nneg - rh_kn ? rh_kp + rh_q - (rh_nneg - rh_kn) : -1) : -1
plot rh_table using (rh_v = column(6), rh_y = rh_pick(rh_v), 0):(rh_y):(0):(rh_v):(rh_y - 0.38):(rh_y + 0.38):(rh_v > 0 ? rh_bar_i : rh_bar2_i):ytic(rh_tl(rh_str(1))) with boxxyerror fc rgb variable, \
	keyentry with boxes fc rgb rh_bar title 'key to the target', \
	keyentry with boxes fc rgb rh_bar2 title 'key to the reference'
# rhetor plot wrote this file; the SHA-256 of the text above: 07af9f6513ca68b547a6299e011c041102eebd07374b7e5a1bf037d4d790e42f
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
