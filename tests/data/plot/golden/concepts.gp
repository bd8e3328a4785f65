# concepts.gp: concept rates per group with exact Poisson 95% intervals, from ../phrases_by_group.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" concepts.gp
# fmt: png (default), pdf, svg, tex (cairolatex: concepts-tex.tex and concepts-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: group=1 concept=2 per_10k=7 ci_low=8 ci_high=9

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" concepts.gp
if (!exists("figtitle")) figtitle = 'Concept rates per group, with 95% intervals'
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
rh_last = 9
# Cells with a backslash, as gnuplot reads them (\ starts an escape there) and as written.
array rh_raw = ['']
rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''
rh_table = rh_dir . '../' . 'phrases_by_group.csv'
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
rh_ln(s) = rh_cname(s)
rh_rowlab(s, w) = rh_fitw(rh_ln(s), w)
rh_gcol = 0
rh_ok(x) = 1

# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[STATS_records]
rh_nd = 0
rh_cap = STATS_records
rh_Di = ''
rh_dl = 1
rh_dl2 = 1
rh_dhit(k) = (rh_dl2 = rh_dl, rh_dl = k)
# The two values found last and the value after each (rows sorted by a column, or
# cycling through the same values) are tried before the index.
rh_dfind(s) = rh_nd == 0 ? 0 : rh_D[rh_dl] eq s ? rh_dl : rh_D[rh_dl2] eq s ? rh_dhit(rh_dl2) : (rh_dq = rh_dl % rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : (rh_dq = rh_dl2 % rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : (rh_dq = rh_bad(s) ? sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s ? rh_j : 0) : rh_at(rh_Di, s), rh_dq > 0 ? rh_dhit(rh_dq) : 0)
rh_has(s) = rh_dfind(s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, rh_Di = rh_bad(s) ? rh_Di : rh_Di . rh_key(s, rh_nd), rh_dhit(rh_nd), 1)
stats rh_table using (rh_ok(0) ? rh_add(rh_str(1)) : 0) nooutput
array rh_G[rh_nd + 1]
rh_ng = 0
do for [rh_k = 1:(rh_npsel > 0 ? rh_npsel : rh_nd)] {
	rh_s = rh_npsel > 0 ? rh_psel[rh_k] : rh_D[rh_k]
	if ((rh_npsel == 0 || rh_has(rh_s)) && rh_ng < rh_nd && (sum [rh_j = 1:rh_ng] (rh_G[rh_j] eq rh_s)) == 0) { rh_ng = rh_ng + 1; rh_G[rh_ng] = rh_s }
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
rh_Di = ''
rh_dl = 1
rh_dl2 = 1
rh_dhit(k) = (rh_dl2 = rh_dl, rh_dl = k)
# The two values found last and the value after each (rows sorted by a column, or
# cycling through the same values) are tried before the index.
rh_dfind(s) = rh_nd == 0 ? 0 : rh_D[rh_dl] eq s ? rh_dl : rh_D[rh_dl2] eq s ? rh_dhit(rh_dl2) : (rh_dq = rh_dl % rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : (rh_dq = rh_dl2 % rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : (rh_dq = rh_bad(s) ? sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s ? rh_j : 0) : rh_at(rh_Di, s), rh_dq > 0 ? rh_dhit(rh_dq) : 0)
rh_has(s) = rh_dfind(s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, rh_Di = rh_bad(s) ? rh_Di : rh_Di . rh_key(s, rh_nd), rh_dhit(rh_nd), 1)
stats rh_table using (rh_ok(0) ? rh_add(rh_str(2)) : 0) nooutput
rh_nr = rh_nd
rh_row(s) = rh_dfind(s)
# Each row's highest value in the series drawn.
array rh_mx[rh_nr + 1]
array rh_pos[rh_nr + 1]
do for [rh_k = 1:rh_nr] { rh_mx[rh_k] = -1; rh_pos[rh_k] = 0 }
# The rows of the series drawn are kept (series, row, value, interval): the
# points are drawn from these. A table has one row a series and row; those
# past that many (rows repeated) are left out, and a note says so.
rh_ksz = rh_np * rh_nr + 1
array rh_kg[rh_ksz]
array rh_kr[rh_ksz]
array rh_kv[rh_ksz]
array rh_kl[rh_ksz]
array rh_kh[rh_ksz]
rh_km = 0
rh_kout = 0
rh_keep(g, r) = rh_km >= rh_ksz ? (rh_kout = rh_kout + 1, 0) : (rh_km = rh_km + 1, rh_kg[rh_km] = g, rh_kr[rh_km] = r, rh_kv[rh_km] = column(7), rh_kl[rh_km] = column(8), rh_kh[rh_km] = column(9), 0)
stats rh_table using (rh_pg = rh_ok(0) ? rh_pidx(rh_str(1)) : 0, rh_r = rh_pg > 0 ? rh_row(rh_str(2)) : 0, rh_r > 0 ? rh_keep(rh_pg, rh_r) : 0, (rh_r > 0 && column(7) > rh_mx[rh_r]) ? (rh_mx[rh_r] = column(7), 0) : 0) nooutput
if (rh_kout > 0) { print sprintf('rhetor note: %s: %d rows repeat a group and a row drawn before; left out', 'concepts', rh_kout) }
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
# Row labels: in one line of rh_rl cm (0.45 of the figure at 1col, 0.4 at 2col)
# if they fit, else in two, and then the rows are at least two lines apart.
rh_rl = (width eq '1col' ? 0.45 : 0.4) * rh_wcm
rh_two = 0
rh_lmw = 0
do for [rh_k = 1:rh_nr] { if (rh_pos[rh_k] > 0) { rh_two = rh_two || rh_lines(rh_ln(rh_D[rh_k]), rh_rl) > 1; rh_lmw = rh_wlab(rh_ln(rh_D[rh_k]), rh_rl) > rh_lmw ? rh_wlab(rh_ln(rh_D[rh_k]), rh_rl) : rh_lmw } }
rh_pitch = 0.3 + 0.1 * rh_np
rh_pitch = rh_two && rh_pitch < 0.62 * rh_fk ? 0.62 * rh_fk : rh_pitch
rh_pitch = rh_ny * rh_pitch + 2.2 + rh_tt <= maxheight ? rh_pitch : (maxheight - 2.2 - rh_tt) / rh_ny
eval rh_term(rh_ny * rh_pitch + 2.2 + rh_tt)
set output rh_out('concepts')
if (titles) { set title figtitle }
# The axis starts a little left of 0, so points at 0 stay clear of it.
set xrange [-0.015 * rh_xmax:rh_xmax]
set xtics rh_step(rh_xmax, width eq '1col' ? 3 : 5)
set yrange [rh_ny + 0.6:0.4]
set ytics () scale 0
do for [rh_k = 1:rh_nr] { if (rh_pos[rh_k] > 0) { set ytics add (rh_pct(rh_wrap(rh_ln(rh_D[rh_k]), rh_rl)) rh_pos[rh_k]) } }
# The left margin from the labels' measured width (gnuplot's own guess counts characters).
set lmargin at screen (rh_lmw + 0.45 * rh_fk) / rh_wcm
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
set xlabel rh_per10k
set errorbars small
# The key above the plot, ending at its right edge: wider than the plot (at 1col),
# it reaches left over the labels, never past the figure's edge.
set key outside top right horizontal samplen 1 width 1
# From the rows kept; samples from 0: with column headers on, gnuplot skips the first line of '+'.
plot for [g = 1:rh_np] [rh_t = 0:rh_km:1] '+' using (rh_i = rh_t >= 1 ? int(rh_t) : 1, rh_in = rh_t >= 1 && rh_kg[rh_i] == g, rh_in ? rh_kv[rh_i] : NaN):(rh_yy = rh_in ? rh_pos[rh_kr[rh_i]] : 0, rh_yy > 0 ? rh_yy + rh_off(g) : NaN):(rh_kl[rh_i]):(rh_kh[rh_i]) with xerrorbars lt g dt 1 ps 0.65 * rh_ps title rh_lab(rh_pn(rh_G[g]))
eval rh_chk
# rhetor plot wrote this file; the SHA-256 of the text above: c2f752f53c82a5933c6a07925dab04f11015b062224917ce6562b5d874c202e8
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
