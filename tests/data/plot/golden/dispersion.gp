# dispersion.gp: dispersion of the first terms: DPnorm (strip plot), from ../dispersion.csv.
# Written by rhetor plot; edit freely. Render by hand, from any directory:
#   gnuplot -e "fmt='pdf'" dispersion.gp
# fmt: png (default), pdf, svg, tex (cairolatex: dispersion-tex.tex and dispersion-tex.pdf).
# Also: width='1col' (8.5 cm) or '2col' (17.5 cm), titles=1, top=N, maxpanels=N,
# maxheight=CM; what is left out is said on stderr in lines "rhetor note: ...".
# The table is read as data; nothing in it is run as gnuplot code.
# Columns read, by number: term=1 dp_norm=5

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
rh_last = 6
rh_str(k) = valid(rh_last) ? strcol(k) : ''
rh_table = rh_dir . '../' . 'dispersion.csv'
load rh_dir . 'rhetor.gp'
rh_gcol = 0
rh_ok(x) = 1

# The first `top` rows of the table, in its order (most frequent first).
stats rh_table using (1) nooutput
rh_ny = STATS_records < top ? STATS_records : top
eval rh_term(0.36 * rh_ny + 1.8 + (titles ? 0.6 : 0))
set output rh_out('dispersion')
if (titles) { set title 'Dispersion across documents' }
set xrange [-0.02:1.02]
set xtics 0.2
set yrange [rh_ny + 0.6:0.4]
set ytics scale 0
set grid xtics ytics lt 1 lc rgb '#E5E5E5' lw 0.5
set xlabel rh_dpnorm
rh_tl(s) = rh_y > 0 ? rh_lab(s) : ''
rh_c = 0
plot rh_table using (rh_c = rh_c + 1, rh_y = rh_c <= top ? rh_c : -1, column(5)):(rh_y):ytic(rh_tl(rh_str(1))) with points lt 1 pt 7 ps 0.65 * rh_ps
# rhetor plot wrote this file; the SHA-256 of the text above: cfe70755cb8aaea54c9c5cd880b52bfea94f356a3a9af3db1a93015d19012ef3
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
