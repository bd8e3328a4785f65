# dispersion.gp: dispersion of the first terms and concepts: DPnorm (strip plot), from ../dispersion.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" dispersion.gp
# fmt: png (default), pdf, svg, tex (cairolatex: dispersion-tex.tex and dispersion-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: term=1 count=2 dp_norm=5

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" dispersion.gp
if (!exists("figtitle")) figtitle = 'Dispersion of the most frequent terms and concepts across documents'
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
rh_kind(x) = ''
rh_ln(s) = s
rh_rowlab(s, w) = rh_fitw(rh_ln(s), w)
rh_gcol = 0
rh_ok(x) = 1

# Rows: the first `top` words of the table, in its order (most frequent first),
# then, when it lists concepts (its kind column), the top / 2 concepts with the
# most matches, most first (ties in the table's order), half a row below.
if (!exists("rh_kcol")) { rh_kcol = 0 }
rh_isc(x) = rh_kcol > 0 && rh_str(rh_kcol) eq 'concept'
stats rh_table using (1) nooutput
rh_cap = STATS_records > 0 ? STATS_records : 1
array rh_cct[rh_cap]
rh_ncn = 0
rh_nw = 0
rh_dscan(x) = rh_isc(0) ? (rh_ncn = rh_ncn + 1, rh_cct[rh_ncn] = column(2), 0) : (rh_nw = rh_nw + 1, 0)
stats rh_table using (rh_dscan(0)) nooutput
rh_nt = rh_nw < top ? rh_nw : top
rh_nc = rh_ncn < int(top / 2) ? rh_ncn : int(top / 2)
array rh_cpos[rh_cap]
do for [rh_k = 1:rh_cap] { rh_cpos[rh_k] = 0 }
do for [rh_i = 1:rh_nc] {
	rh_b = 0
	do for [rh_k = 1:rh_ncn] { if (rh_cpos[rh_k] == 0 && (rh_b == 0 || rh_cct[rh_k] > rh_cct[rh_b])) { rh_b = rh_k } }
	rh_cpos[rh_b] = rh_i
}
rh_ny = rh_nt + (rh_nc > 0 ? rh_nc + 0.5 : 0)
rh_ny = rh_ny > 0 ? rh_ny : 1
# A row's place: words 1..rh_nt, concepts below them (counters rh_c, rh_cc);
# its label at most rh_room cm (a concept's named by its label: the key marks concepts).
rh_place(x) = rh_isc(0) ? (rh_cc = rh_cc + 1, rh_cpos[rh_cc] > 0 ? rh_nt + 0.5 + rh_cpos[rh_cc] : -1) : (rh_c = rh_c + 1, rh_c <= top ? rh_c : -1)
rh_room = width eq '1col' ? rh_wcm - 0.8 * rh_fk - 3.6 : 0.4 * rh_wcm
rh_dlab(s) = rh_isc(0) ? rh_cname(s) : s
# The axis starts at 0 (even) and ends just past the largest value shown; the
# left margin is the widest label's measured width.
rh_c = 0
rh_cc = 0
rh_lmw = 0
stats rh_table using (rh_p = rh_place(0), rh_p > 0 ? (rh_lmw = rh_wlab(rh_dlab(rh_str(1)), rh_room) > rh_lmw ? rh_wlab(rh_dlab(rh_str(1)), rh_room) : rh_lmw, column(5)) : 0) nooutput
rh_dmax = STATS_max > 0 ? ceil(STATS_max * 1.15 * 20) / 20.0 : 1
rh_dmax = rh_dmax < 1 ? rh_dmax : 1.02
# The key above the plot, centred on the figure (at 1col its two lines one above the other).
rh_tt = titles ? 0.6 * rh_fk : 0
rh_kh = rh_nc > 0 ? (width eq '1col' ? 0.85 : 0.5) * rh_fk : 0.15
rh_h = 0.36 * rh_ny + 1.2 * rh_fk + 0.3 + rh_kh + rh_tt
eval rh_term(rh_h)
set output rh_out('dispersion')
if (titles) { set title figtitle }
rh_lm = rh_lmw + 0.45 * rh_fk
rh_rm = 0.4 * rh_fk
set lmargin at screen rh_lm / rh_wcm
set rmargin at screen 1 - rh_rm / rh_wcm
set tmargin at screen 1 - (rh_tt + rh_kh + 0.15) / rh_h
set xrange [-0.01 * rh_dmax:rh_dmax]
set xtics rh_step(rh_dmax, width eq '1col' ? 3 : 5)
set yrange [rh_ny + 0.6:0.4]
set ytics scale 0
set grid xtics ytics lt 1 lc rgb '#E5E5E5' lw 0.5
# The axis label under the plot; one wider than the plot is centred on the figure.
rh_pwid = rh_wcm - rh_lm - rh_rm
rh_xoff = rh_cm(rh_dpnorm) > rh_pwid - 0.2 ? (rh_wcm / 2.0 - rh_lm - rh_pwid / 2.0) / rh_wcm : 0
set xlabel rh_dpnorm offset screen rh_xoff, 0
if (rh_nc > 0) { set key at screen 0.5, screen 1 - (rh_tt + 0.05) / rh_h center top samplen 1 } else { unset key }
if (width eq '1col') { set key vertical } else { set key horizontal }
rh_tl(s) = rh_y > 0 ? rh_fitw(rh_dlab(s), rh_room) : ''
# Each clause counts from its first row (column 0 is the row's number).
rh_first(x) = column(0) == 0 ? (rh_c = 0, rh_cc = 0) : 0
plot rh_table using (rh_first(0), rh_p = rh_place(0), rh_y = rh_isc(0) ? -1 : rh_p, column(5)):(rh_y):ytic(rh_tl(rh_str(1))) with points lt 1 pt 7 ps 0.65 * rh_ps title 'words, the most frequent', \
	rh_table using (rh_first(0), rh_p = rh_place(0), rh_y = rh_isc(0) ? rh_p : -1, column(5)):(rh_y):ytic(rh_tl(rh_str(1))) with points lt 2 pt 5 ps 0.65 * rh_ps title (rh_nc > 0 ? 'concepts, the most matched' : '')
eval rh_chk
# rhetor plot wrote this file; the SHA-256 of the text above: 2ff856c89616077db2e5c38b0b841dee28214719f746e52237eaea9bb30f3c07
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
