# collocates.gp: collocates of each concept by logDice, significant G2 marked, from ../collocates.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" collocates.gp
# fmt: png (default), pdf, svg, tex (cairolatex: collocates-tex.tex and collocates-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: node=1 collocate=2 log_dice=16 log_likelihood=13

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" collocates.gp
if (!exists("figtitle")) figtitle = 'Collocates of each concept by logDice'
if (!exists("fontsize")) fontsize = 8         # points
if (!exists("figwidth")) figwidth = 0         # cm; 0: as width says
if (!exists("figheight")) figheight = 0       # cm; 0: as tall as the content needs
if (!exists("colours")) colours = '#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #F0E442'
if (!exists("top")) top = 20                  # bars (rows) per panel
if (!exists("maxpanels")) maxpanels = 12
if (!exists("maxheight")) maxheight = 23      # cm, the tallest figure (a page's text block)
# The groups drawn, in this order; [''] lets the chart choose.
array groups = ['']
# The concepts drawn, in this order; [''] lets the chart choose.
array concepts = ['']
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
nconcepts = concepts[1] eq '' ? 0 : |concepts|
rh_npsel = nconcepts > 0 ? nconcepts : ngroups
array rh_psel[rh_npsel + 1]
if (rh_npsel == nconcepts) { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = concepts[rh_k] } } else { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = groups[rh_k] } }
rh_last = 17
# Cells with a backslash, as gnuplot reads them (\ starts an escape there) and as written.
array rh_raw = ['']
rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''
rh_table = rh_dir . '../' . 'collocates.csv'
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
rh_pn(s) = rh_cname(s)
rh_ln(s) = s
rh_lnc(s, n) = rh_labn(rh_ln(s), n)
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
do for [rh_k = 1:(rh_npsel > 0 ? rh_npsel : rh_nd)] {
	rh_s = rh_npsel > 0 ? rh_psel[rh_k] : rh_D[rh_k]
	if ((rh_npsel == 0 || rh_has(rh_s)) && rh_ng < rh_nd && (sum [rh_j = 1:rh_ng] (rh_G[rh_j] eq rh_s)) == 0) { rh_ng = rh_ng + 1; rh_G[rh_ng] = rh_s }
}
# None of the requested values in this table: draw them all.
if (rh_ng == 0) { do for [rh_k = 1:rh_nd] { rh_G[rh_k] = rh_D[rh_k] }; rh_ng = rh_nd }
rh_np = rh_ng < maxpanels ? rh_ng : maxpanels
rh_pidx(s) = sum [rh_j = 1:rh_np] (rh_G[rh_j] eq s ? rh_j : 0)

# Bars: the first `top` rows of each panel, in the table's order
# (strongest first), counted in rh_cnt.
array rh_cnt[rh_np + 1]
rh_reset = 1
rh_rank(x) = rh_c
rh_drawn(x) = (rh_q = rh_ok(0) ? rh_pidx(rh_str(1)) : 0, rh_q > 0 ? (rh_cnt[rh_q] = rh_cnt[rh_q] + 1, rh_cnt[rh_q] <= top) : 0)
if (rh_reset) { do for [rh_k = 1:rh_np] { rh_cnt[rh_k] = 0 } }
stats rh_table using (rh_drawn(0) ? strlen(rh_lnc(rh_str(2), rh_maxlab)) : 0) nooutput
rh_fit = int(rh_wcm / (0.16 * STATS_max + 0.6 + 3.5))
rh_cols = width eq '1col' ? (rh_np >= 2 ? 2 : 1) : (rh_np >= 3 ? 3 : rh_np)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
rh_cols = rh_cols < rh_fit ? rh_cols : (rh_fit > 1 ? rh_fit : 1)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
if (!exists("g2min")) g2min = 10.83
rh_xl = 'logDice' . sprintf(' (dark bars: %s %s %g, p < 0.001)', rh_g2sym, rh_ge, g2min)
# A line above the panels: the title (titles=1) and the group drawn.
rh_mt = titles ? figtitle : ''
if (rh_gcol > 0) { rh_mt = titles ? rh_mt . ': ' . rh_lab(group) : rh_lab(group) }
rh_tt = strlen(rh_mt) > 0 ? 0.6 : 0
# Fit the page: bars 0.36 cm apart, down to 0.3 cm, then fewer panels.
rh_bh = ((maxheight - rh_tt) / rh_rows - 1.4) / top
rh_bh = rh_bh > 0.36 ? 0.36 : rh_bh
if (rh_bh < 0.3) {
	rh_bh = 0.3
	rh_rows = int((maxheight - rh_tt) / (0.3 * top + 1.4))
	rh_rows = rh_rows >= 1 ? rh_rows : 1
	rh_np = rh_np < rh_rows * rh_cols ? rh_np : rh_rows * rh_cols
}
if (rh_np < rh_ng) {
	print sprintf('rhetor note: %s: %d of %d panels drawn (maxpanels=%d, maxheight=%g cm); choose them with --concepts A,B,... or raise the limits by hand: gnuplot -e "maxheight=40"', 'collocates', rh_np, rh_ng, maxpanels, maxheight)
}
# The value axis is shared by the panels drawn.
if (rh_reset) { do for [rh_k = 1:rh_np] { rh_cnt[rh_k] = 0 } }
stats rh_table using (rh_drawn(0) ? column(16) : 0) nooutput
rh_xmin = STATS_min < 0 ? STATS_min * 1.05 : 0
rh_xmax = STATS_max > 0 ? STATS_max * 1.05 : 1
eval rh_term(rh_rows * (rh_bh * top + 1.4) + rh_tt)
set output rh_out('collocates')
set xrange [rh_xmin:rh_xmax]
set xtics rh_step(rh_xmax - rh_xmin, 3)
set yrange [top + 0.6:0.4]
set ytics scale 0
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
# The bars' colours are explained in the axis label: a key would cover bars.
unset key
rh_tl(s) = rh_y > 0 ? rh_lnc(s, rh_maxlab) : ''
if (strlen(rh_mt) > 0) { set multiplot layout rh_rows, rh_cols title rh_mt } else { set multiplot layout rh_rows, rh_cols }
do for [g = 1:rh_np] {
	set title rh_labn(rh_pn(rh_G[g]), int(rh_wcm / rh_cols / 0.15)) offset 0,-0.8
	if (g > rh_np - rh_cols) { set xlabel rh_xl } else { unset xlabel }
	rh_c = 0
	plot rh_table using (rh_in = rh_ok(0) && rh_str(1) eq rh_G[g], rh_c = rh_c + rh_in, rh_y = rh_in && rh_rank(0) >= 1 && rh_rank(0) <= top ? rh_rank(0) : -1, 0):(rh_y):(0):(column(16)):(rh_y - 0.38):(rh_y + 0.38):(column(13) >= g2min ? rh_bar_i : rh_light_i):ytic(rh_tl(rh_str(2))) with boxxyerror fc rgb variable
	eval rh_chk
}
unset multiplot
# rhetor plot wrote this file; the SHA-256 of the text above: d47348cdb00f449432a8ccdc8d10ec8cbcfd308ecff9e2e8c1c3cced88bdd7e5
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
