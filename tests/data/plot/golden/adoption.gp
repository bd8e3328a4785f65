# adoption.gp: adoption curves: share of the groups that have used each concept, from ../adoption_curve.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" adoption.gp
# fmt: png (default), pdf, svg, tex (cairolatex: adoption-tex.tex and adoption-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: concept=1 period=2 cumulative_adopters=4 share=6

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" adoption.gp
if (!exists("figtitle")) figtitle = 'Adoption of each concept over time'
if (!exists("fontsize")) fontsize = 8         # points
if (!exists("figwidth")) figwidth = 0         # cm; 0: as width says
if (!exists("figheight")) figheight = 0       # cm; 0: as tall as the content needs
if (!exists("colours")) colours = '#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #F0E442'
if (!exists("top")) top = 20                  # bars (rows) per panel
if (!exists("maxpanels")) maxpanels = 6
if (!exists("maxheight")) maxheight = 23      # cm, the tallest figure (a page's text block)
if (!exists("maxseries")) maxseries = 3       # groups drawn when none are chosen
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
rh_npsel = ngroups
array rh_psel[rh_npsel + 1]
if (rh_npsel == nconcepts) { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = concepts[rh_k] } } else { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = groups[rh_k] } }
rh_last = 6
# Cells with a backslash, as gnuplot reads them (\ starts an escape there) and as written.
array rh_raw = ['']
rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''
rh_table = rh_dir . '../' . 'adoption_curve.csv'
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
rh_kind(x) = ''
rh_ln(s) = s
rh_rowlab(s, w) = rh_fitw(rh_ln(s), w)
rh_gcol = 0
rh_ok(x) = 1

rh_nosel = ''
stats rh_table using (1) nooutput
rh_cap = STATS_records < 5000 ? STATS_records : 5000
array rh_co_v[rh_cap]
array rh_co_n[rh_cap]
array rh_co_s[rh_cap]
array rh_co_in[rh_cap]
array rh_co_r[rh_cap]
rh_co_nd = 0
rh_co_i = ''
rh_co_add(s) = (rh_k = rh_at(rh_co_i, s), rh_k > 0 || rh_bad(s) || rh_co_nd >= rh_cap ? rh_k : (rh_co_nd = rh_co_nd + 1, rh_co_v[rh_co_nd] = s, rh_co_n[rh_co_nd] = 0, rh_co_s[rh_co_nd] = 0, rh_co_r[rh_co_nd] = 0, rh_co_in[rh_co_nd] = rh_at(rh_nosel, s) > 0, rh_co_i = rh_co_i . rh_key(s, rh_co_nd), rh_co_nd))
# Rows repeat a value or go on to the next one (a table sorted by this column,
# or cycling through the same values): those are checked before the index.
rh_co_last = 1
rh_co_get(s) = rh_co_nd == 0 ? (rh_q = rh_co_add(s), rh_q > 0 ? (rh_co_last = rh_q) : 0) : rh_co_v[rh_co_last] eq s ? rh_co_last : (rh_q = rh_co_last % rh_co_nd + 1, rh_co_v[rh_q] eq s) ? (rh_co_last = rh_q) : (rh_q = rh_co_add(s), rh_q > 0 ? (rh_co_last = rh_q) : 0)
# One pass: the concepts and their adopters by the last period.
rh_scan(x) = (rh_c = rh_co_add(rh_str(1)), rh_v = valid(4) ? column(4) : 0, rh_c > 0 && rh_v > rh_co_n[rh_c] ? (rh_co_n[rh_c] = rh_v, 0) : 0)
stats rh_table using (column(2)):(rh_scan(0)) nooutput
rh_x0 = STATS_min_x
rh_x1 = STATS_max_x > STATS_min_x ? STATS_max_x : STATS_min_x + 1
# The step between periods: the smallest gap between two rows of a concept
# (its rows are together, by period). The last period's step is drawn that wide.
rh_dx = 0
rh_px = NaN
rh_pcs = ''
rh_gap(c, x) = (rh_d = x - rh_px, rh_dx = c eq rh_pcs && rh_d > 0 && (rh_dx == 0 || rh_d < rh_dx) ? rh_d : rh_dx, rh_px = x, rh_pcs = c, 0)
stats rh_table using (rh_gap(rh_str(1), column(2))) nooutput
rh_dx = rh_dx > 0 ? rh_dx : 1
rh_co_w(k) = rh_co_n[k]
array rh_P[rh_co_nd + 1]
rh_P_n = 0
rh_P_i = ''
if (nconcepts > 0) {
	do for [rh_k = 1:nconcepts] {
		rh_s = concepts[rh_k]
		if (rh_P_n < 8 && rh_at(rh_co_i, rh_s) > 0 && rh_at(rh_P_i, rh_s) == 0) { rh_P_n = rh_P_n + 1; rh_P[rh_P_n] = rh_s; rh_P_i = rh_P_i . rh_key(rh_s, rh_P_n) }
	}
}
rh_P_by = rh_P_n == 0
if (rh_P_by) {
	array rh_pick[rh_co_nd + 1]
	do for [rh_k = 1:rh_co_nd + 1] { rh_pick[rh_k] = 0 }
	do for [rh_j = 1:(rh_co_nd < maxpanels ? rh_co_nd : maxpanels)] {
		rh_b = 0
		do for [rh_k = 1:rh_co_nd] { if (!rh_pick[rh_k] && (rh_b == 0 || rh_co_w(rh_k) > rh_co_w(rh_b))) { rh_b = rh_k } }
		if (rh_b > 0 && (rh_P_n == 0 || rh_co_w(rh_b) > 0)) { rh_pick[rh_b] = 1; rh_P_n = rh_P_n + 1; rh_P[rh_P_n] = rh_co_v[rh_b]; rh_P_i = rh_P_i . rh_key(rh_co_v[rh_b], rh_P_n) }
	}
	if (rh_P_n < rh_co_nd) {
		print sprintf('rhetor note: %s: the %d concepts with the most adopters (of %d) drawn; choose them with --concepts A,B,...', 'adoption', rh_P_n, rh_co_nd)
	}
}
rh_np = rh_P_n
rh_kl = 0
do for [rh_k = 1:rh_np] { rh_kl = strlen(rh_lab(rh_pn(rh_P[rh_k]))) > rh_kl ? strlen(rh_lab(rh_pn(rh_P[rh_k]))) : rh_kl }
# The key below the plot, in two columns at 2col: beside it, long names took a third of the width.
rh_kc = width eq '2col' && rh_np > 1 ? 2 : 1
rh_kr = int((rh_np + rh_kc - 1) / rh_kc)
rh_kh = (0.36 * rh_kr + 0.1) * rh_fk
rh_tt = titles ? 0.6 * rh_fk : 0
# Taller with a larger font, so the axis label stays as long as the axis.
rh_ph = (width eq '1col' ? 5.5 : 7.0) * (rh_fk > 1 ? rh_fk : 1)
# What a share is of: the groups with a document by then. When their number grows
# (members join), a share falls: a line under the key says so, with the numbers.
stats rh_table using (valid(6) && column(2) == rh_x0 ? column(5) : NaN) nooutput
rh_g0 = STATS_records > 0 ? STATS_max : 0
stats rh_table using (valid(6) && column(2) == rh_x1 ? column(5) : NaN) nooutput
rh_g1 = STATS_records > 0 ? STATS_max : 0
rh_na = 'Share of the groups with a document by then'
rh_nb = sprintf('(%d in %.0f, %d in %.0f): it falls when groups join.', rh_g0, rh_x0, rh_g1, rh_x1)
rh_nt = rh_g1 == rh_g0 ? '' : rh_cm(rh_na . ' ' . rh_nb) <= rh_wcm - 0.6 ? rh_na . ' ' . rh_nb : rh_na . "\n" . rh_nb
rh_nl = rh_nt eq '' ? 0 : strstrt(rh_nt, "\n") > 0 ? 2 : 1
rh_nh = rh_nl > 0 ? (0.36 * rh_nl + 0.15) * rh_fk : 0
rh_h = rh_ph + rh_tt + rh_kh + rh_nh
eval rh_term(rh_h)
set output rh_out('adoption')
if (titles) { set title figtitle }
# A little room before the first period; the last one as wide as the others.
set xrange [rh_x0 - 0.02 * (rh_x1 - rh_x0):rh_x1 + rh_dx + 0.01 * (rh_x1 - rh_x0)]
set yrange [0:1.02]
set ytics 0.2
set format x '%.0f'
rh_xs = rh_step(rh_x1 - rh_x0, (rh_wcm - 2) / 2)
rh_xs = rh_x0 == int(rh_x0) && rh_x1 == int(rh_x1) && rh_xs < 1 ? 1 : rh_xs
# Periods wider than 1: tics at their starts, a whole number of periods apart.
if (rh_dx > 1) { set xtics rh_x0, ceil(rh_xs / rh_dx - 1e-9) * rh_dx } else { set xtics rh_xs }
set grid ytics lt 1 lc rgb '#E5E5E5' lw 0.5
set xlabel timelabel
set ylabel 'share of groups that have used it'
set rmargin at screen 1 - 0.5 * rh_fk / rh_wcm
set bmargin at screen (rh_nh + rh_kh + 1.2 * rh_fk) / rh_h
set key at screen 0.5, screen (rh_nh + rh_kh) / rh_h center top vertical maxrows rh_kr samplen rh_samplen width 1
if (rh_nl > 0) { set label 101 rh_nt at screen 0.5, screen (rh_nh - 0.05 * rh_fk) / rh_h center }
# Steps from each period to the next, and the last period's step drawn to its end.
plot for [k = 1:rh_np] rh_table using (column(2)):(rh_str(1) eq rh_P[k] ? column(6) : NaN) with steps lt k title rh_lab(rh_pn(rh_P[k])), \
	for [k = 1:rh_np] rh_table using (column(2)):(rh_str(1) eq rh_P[k] && column(2) == rh_x1 ? column(6) : NaN):(rh_dx):(0) with vectors nohead lt k notitle
eval rh_chk
# rhetor plot wrote this file; the SHA-256 of the text above: bb29b034c8a57c1f8be6433a050c86c33e6b7bfbd2d54b8d9b20c70d5597ef7a
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
