# dispersion.gp: dispersion of the first terms: DPnorm (strip plot), from ../dispersion.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" dispersion.gp
# fmt: png (default), pdf, svg, tex (cairolatex: dispersion-tex.tex and dispersion-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: term=1 dp_norm=5

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" dispersion.gp
if (!exists("figtitle")) figtitle = 'Dispersion of the most frequent terms across documents'
if (!exists("fontsize")) fontsize = 8         # points
if (!exists("figwidth")) figwidth = 0         # cm; 0: as width says
if (!exists("figheight")) figheight = 0       # cm; 0: as tall as the content needs
if (!exists("colours")) colours = '#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #F0E442'
if (!exists("top")) top = 20                  # bars (rows) per panel
if (!exists("maxpanels")) maxpanels = 12
if (!exists("maxheight")) maxheight = 23      # cm, the tallest figure (a page's text block)
# The groups drawn, in this order; [''] lets the chart choose.
array groups = ['']
# How concepts are named: pairs of concept and label; others read with underscores as spaces.
array labels = ['']
# The time axis.
if (!exists("timelabel")) timelabel = 'period'
# End of the settings.

rh_i = 0
do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }
rh_dir = ''
if (exists("render_here")) { rh_dir = rh_i > 0 ? ARG0[1:rh_i] : '' } else { if (rh_i > 0) { cd ARG0[1:rh_i] } }
ngroups = groups[1] eq '' ? 0 : |groups|
nconcepts = 0
rh_npsel = ngroups
array rh_psel[rh_npsel + 1]
if (rh_npsel == nconcepts) { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = concepts[rh_k] } } else { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = groups[rh_k] } }
rh_last = 6
# Cells with a backslash, as gnuplot reads them (\ starts an escape there) and as written.
array rh_raw = ['']
rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''
rh_table = rh_dir . '../' . 'dispersion.csv'
load rh_dir . 'rhetor.gp'
# String indexes: "\001value\002" and its number in 7 characters.
rh_bad(s) = s eq '' || strstrt(s, "\001") > 0 || strstrt(s, "\002") > 0
rh_key(s, k) = "\001" . s . "\002" . sprintf('%7d', k)
rh_at(r, s) = rh_bad(s) ? 0 : (rh_p = strstrt(r, "\001" . s . "\002"), rh_p > 0 ? r[rh_p + strlen(s) + 2:rh_p + strlen(s) + 8] + 0 : 0)
rh_ri = ''
do for [rh_k = 1:|rh_raw| / 2] { rh_ri = rh_ri . rh_key(rh_raw[2 * rh_k - 1], rh_k) }
rh_orig(s) = rh_ri eq '' ? s : (rh_rq = rh_at(rh_ri, rh_plain(s)), rh_rq > 0 ? rh_raw[2 * rh_rq] : s)
# Concept names: the label given, else underscores as spaces.
rh_li = ''
do for [rh_k = 1:|labels| / 2] { if (!rh_bad(labels[2 * rh_k - 1])) { rh_li = rh_li . rh_key(labels[2 * rh_k - 1], rh_k) } }
rh_us(s) = strlen(s) == 0 ? '' : (s[1:1] eq '_' ? ' ' : s[1:1]) . rh_us(s[2:*])
rh_cname(s) = (rh_lq = rh_at(rh_li, s), rh_lq > 0 ? labels[2 * rh_lq] : rh_us(rh_cutn(s, 2 * rh_maxlab)))
rh_pn(s) = s
rh_ln(s) = s
rh_rowlab(s, w) = rh_fitw(rh_ln(s), w)
rh_gcol = 0
rh_ok(x) = 1

# The first `top` rows of the table, in its order (most frequent first).
stats rh_table using (1) nooutput
rh_ny = STATS_records < top ? STATS_records : top
eval rh_term(0.36 * rh_ny + 1.8 + (titles ? 0.6 : 0))
set output rh_out('dispersion')
if (titles) { set title figtitle }
# The axis starts at 0 (even) and ends just past the largest value shown.
rh_c = 0
stats rh_table using (rh_c = rh_c + 1, rh_c <= top ? column(5) : 0) nooutput
rh_dmax = STATS_max > 0 ? ceil(STATS_max * 1.15 * 20) / 20.0 : 1
rh_dmax = rh_dmax < 1 ? rh_dmax : 1.02
set xrange [-0.01 * rh_dmax:rh_dmax]
set xtics rh_step(rh_dmax, 5)
set yrange [rh_ny + 0.6:0.4]
set ytics scale 0
set grid xtics ytics lt 1 lc rgb '#E5E5E5' lw 0.5
set xlabel rh_dpnorm
rh_tl(s) = rh_y > 0 ? rh_rowlab(s, (width eq '1col' ? 0.45 : 0.4) * rh_wcm) : ''
rh_c = 0
plot rh_table using (rh_c = rh_c + 1, rh_y = rh_c <= top ? rh_c : -1, column(5)):(rh_y):ytic(rh_tl(rh_str(1))) with points lt 1 pt 7 ps 0.65 * rh_ps
eval rh_chk
# rhetor plot wrote this file; the SHA-256 of the text above: b982f21769b6e8232b9c83250a2f6b9587162f7af7b2a4d18d4552c172b673df
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
