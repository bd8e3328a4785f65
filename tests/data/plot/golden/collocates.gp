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
rh_kind(x) = ''
rh_ln(s) = s
rh_rowlab(s, w) = rh_fitw(rh_ln(s), w)
rh_gcol = 0
rh_ok(x) = 1
rh_ngd = 1
array rh_gd = ['']
rh_gpos(s) = 1

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
rh_np = rh_ng < maxpanels ? rh_ng : maxpanels
rh_pidx(s) = sum [rh_j = 1:rh_np] (rh_G[rh_j] eq s ? rh_j : 0)

# Panel g draws rh_pc(g) of group rh_pg(g) (put_group): each value's groups side
# by side, in the order given; rh_pidx(s) is then the panel of s in the row's group.
rh_nc = rh_np
rh_ng = rh_ng * rh_ngd
rh_np = rh_np * rh_ngd
if (rh_np > maxpanels) { rh_np = maxpanels >= rh_ngd ? maxpanels - maxpanels % rh_ngd : maxpanels }
rh_pc(g) = rh_G[int((g - 1) / rh_ngd) + 1]
rh_pg(g) = rh_gd[(g - 1) % rh_ngd + 1]
rh_cidx(s) = sum [rh_j = 1:rh_nc] (rh_G[rh_j] eq s ? rh_j : 0)
rh_pidx(s) = (rh_ci = rh_cidx(s), rh_ci > 0 ? (rh_pq = (rh_ci - 1) * rh_ngd + (rh_gcol > 0 ? rh_gpos(rh_str(rh_gcol)) : 1), rh_pq <= rh_np ? rh_pq : 0) : 0)
rh_top = top
# Bars: the first `top` rows of each panel, in the table's order
# (strongest first), counted in rh_cnt.
array rh_cnt[rh_np + 1]
rh_reset = 1
rh_rank(x) = rh_c
rh_drawn(x) = (rh_q = rh_ok(0) ? rh_pidx(rh_str(1)) : 0, rh_q > 0 ? (rh_cnt[rh_q] = rh_cnt[rh_q] + 1, rh_cnt[rh_q] <= rh_top) : 0)
rh_place(x) = rh_cnt[rh_q]
# One pass over the rows drawn: each one's value, label, kind and mark by
# panel and place (rh_bv, rh_bl, rh_bk, rh_bm), the rows of each panel (rh_bn)
# and the widest label (rh_lw, cm); the panels are drawn from these.
array rh_bv[rh_np * top + 1]
array rh_bl[rh_np * top + 1]
array rh_bk[rh_np * top + 1]
array rh_bm[rh_np * top + 1]
do for [rh_k = 1:rh_np * top + 1] { rh_bv[rh_k] = NaN; rh_bl[rh_k] = ''; rh_bk[rh_k] = ''; rh_bm[rh_k] = NaN }
array rh_bn[rh_np + 1]
do for [rh_k = 1:rh_np + 1] { rh_bn[rh_k] = 0 }
if (rh_reset) { do for [rh_k = 1:rh_np] { rh_cnt[rh_k] = 0 } }
rh_lw = 0
rh_bkeep(q, k, v, w) = (rh_i = (q - 1) * top + k, rh_bv[rh_i] = v, rh_bl[rh_i] = rh_str(2), rh_bk[rh_i] = rh_kind(0), rh_bm[rh_i] = column(13), rh_bn[q] = k > rh_bn[q] ? int(k) : rh_bn[q], rh_lw = w > rh_lw ? w : rh_lw, 0)
stats rh_table using (rh_drawn(0) ? rh_bkeep(rh_q, rh_place(0), column(16), rh_cm(rh_cutn(rh_ln(rh_str(2)), 2 * rh_maxlab))) : 0) nooutput
if (!exists("g2min")) g2min = 10.83
rh_xl = 'logDice' . sprintf(' (dark bars: %s %s %g, p < 0.001)', rh_g2sym, rh_ge, g2min)
# A line above the panels: the title (titles=1) and the group drawn, when only
# one is (the panels name theirs when there are more).
rh_mt = titles ? figtitle : ''
if (rh_gcol > 0 && rh_ngd == 1) { rh_mt = titles ? rh_mt . ': ' . rh_lab(group) : rh_lab(group) }
rh_tt = strlen(rh_mt) > 0 ? 0.6 * rh_fk : 0
# Panels across: as many as leave rh_minbar cm of bars beside the widest label
# (rh_pad: the gap at the axis and room for the last tic label), at most 2 at
# 1col and 3 at 2col; labels wider than a single panel allows (at most 0.55 of
# the figure's width at 1col, 0.4 at 2col) are cut.
rh_minbar = 2.5
rh_pad = 0.9 * rh_fk
rh_cols = width eq '1col' ? 2 : 3
rh_cols = rh_cols < rh_np ? rh_cols : (rh_np > 0 ? rh_np : 1)
while (rh_cols > 1 && (rh_wcm - 0.2) / rh_cols - rh_pad - rh_lw < rh_minbar) { rh_cols = rh_cols - 1 }
# A row holds whole sets of one value's groups where it can.
if (rh_ngd > 1 && rh_cols > rh_ngd) { rh_cols = rh_cols - rh_cols % rh_ngd }
rh_room = (rh_wcm - 0.2) / rh_cols - rh_pad - rh_minbar
rh_rmax = (width eq '1col' ? 0.55 : 0.4) * rh_wcm
rh_room = rh_room < rh_rmax ? rh_room : rh_rmax
# About one labelled tic per 1.4 cm of bars.
rh_ntic = ((rh_wcm - 0.2) / rh_cols - rh_pad - (rh_lw < rh_room ? rh_lw : rh_room)) / 1.4
rh_ntic = rh_ntic > 2 ? rh_ntic : 2
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
# Fit the page: bars 0.36 cm apart (at 8 pt), down to 0.31 cm, then fewer bars a panel
# (at least 5), then fewer panels. A panel's frame: 1.2 cm (its title, its axis);
# the axis label, one for all the panels, below the last row: rh_xlh.
# No more places than the fullest panel has bars.
rh_top = (rh_e = 0, sum [rh_k = 1:rh_np] (rh_e = rh_bn[rh_k] > rh_e ? rh_bn[rh_k] : rh_e, 0), rh_e > 0 && rh_e < top ? rh_e : top)
rh_tmax = rh_top
rh_fr = 1.2 * rh_fk
rh_xlh = 0.5 * rh_fk
rh_avail = maxheight * 1.0 - rh_tt - rh_xlh
rh_bh = (rh_avail / rh_rows - rh_fr) / rh_tmax
rh_bh = rh_bh > 0.36 * rh_fk ? 0.36 * rh_fk : rh_bh
if (rh_bh < 0.31 * rh_fk) {
	rh_bh = 0.31 * rh_fk
	rh_top = int((rh_avail / rh_rows - rh_fr) / rh_bh)
	rh_top = rh_top < 5 ? (rh_tmax < 5 ? rh_tmax : 5) : rh_top
	rh_rows = int(rh_avail / (rh_bh * rh_top + rh_fr))
	rh_rows = rh_rows >= 1 ? rh_rows : 1
	rh_np = rh_np < rh_rows * rh_cols ? rh_np : rh_rows * rh_cols
	rh_np = rh_np > rh_ngd ? rh_np - rh_np % rh_ngd : rh_np
	rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
	print sprintf('rhetor note: %s: %d bars a panel drawn, not %d, so the panels fit the page (maxheight=%g cm); more by hand: gnuplot -e "maxheight=40"', 'collocates', rh_top, rh_tmax, maxheight)
}
# A panel per value and group: the note counts the values and the groups drawn
# (a value drawn has all its groups but when fewer groups than given fit).
if (rh_np < rh_ng && rh_ngd > 1) {
	print sprintf('rhetor note: %s: %d of %d concepts, %d of %d groups drawn (maxpanels=%d, maxheight=%g cm); choose them with --concepts A,B,... and --groups A,B,..., or raise the limits by hand: gnuplot -e "maxheight=40"', 'collocates', int((rh_np + rh_ngd - 1) / rh_ngd), rh_ng / rh_ngd, rh_np < rh_ngd ? rh_np : rh_ngd, rh_ngd, maxpanels, maxheight)
}
if (rh_np < rh_ng && rh_ngd == 1) {
	print sprintf('rhetor note: %s: %d of %d concepts drawn (maxpanels=%d, maxheight=%g cm); choose them with --concepts A,B,... or raise the limits by hand: gnuplot -e "maxheight=40"', 'collocates', rh_np, rh_ng, maxpanels, maxheight)
}
if (rh_np < rh_ngd) {
	rh_rest = ''
	do for [rh_k = rh_np + 1:rh_ngd] { rh_rest = rh_rest . (rh_rest eq '' ? '' : ', ') . rh_gd[rh_k] }
	print sprintf('rhetor note: %s: %d of the %d groups given drawn, so the panels fit the page; not drawn: %s (fewer with --groups, or by hand: gnuplot -e "maxheight=40; maxpanels=24")', 'collocates', rh_np, rh_ngd, rh_rest)
}
# Each bar's place in its panel: by the value drawn, largest first (ties in
# the table's order), among the first rh_top rows.
array rh_by[rh_np * top + 1]
do for [rh_q = 1:rh_np] {
	rh_bn[rh_q] = rh_bn[rh_q] < rh_top ? rh_bn[rh_q] : rh_top
	do for [rh_k = 1:rh_bn[rh_q]] {
		rh_v = rh_bv[(rh_q - 1) * top + rh_k]
		rh_by[(rh_q - 1) * top + rh_k] = 1 + sum [rh_j = 1:rh_bn[rh_q]] ((rh_bv[(rh_q - 1) * top + rh_j] > rh_v || (rh_bv[(rh_q - 1) * top + rh_j] == rh_v && rh_j < rh_k)) ? 1 : 0)
	}
}
# The value axis of panel q spans rh_bmin(q)..rh_bmax(q): shared by the panels drawn.
rh_e0 = 0
rh_e1 = 0
do for [rh_q = 1:rh_np] { do for [rh_k = 1:rh_bn[rh_q]] { rh_v = rh_bv[(rh_q - 1) * top + rh_k]; rh_e0 = rh_v < rh_e0 ? rh_v : rh_e0; rh_e1 = rh_v > rh_e1 ? rh_v : rh_e1 } }
rh_bmin(q) = rh_e0 < 0 ? rh_e0 * 1.05 : 0
rh_bmax(q) = rh_e1 > 0 ? rh_e1 * 1.05 : 1
# Geometry in cm, each panel placed by hand so the axes of a column line up:
# a slot rh_pw wide holds the labels (rh_lwe), the bars and room for the last
# tic label; rh_fr high, its title above the bars and its axis below.
rh_pw = (rh_wcm - 0.2) / rh_cols
rh_lwe = (rh_lw < rh_room ? rh_lw : rh_room) + 0.35 * rh_fk + 0.1
rh_ttl = 0.55 * rh_fk
rh_slot = rh_bh * rh_top + rh_fr
rh_h = rh_rows * rh_slot + rh_tt + rh_xlh + 0.1
eval rh_term(rh_h)
set output rh_out('collocates')
set yrange [rh_top + 0.6:0.4]
set ytics scale 0
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
# The bars' colours are explained in the axis label: a key would cover bars.
unset key
rh_tl(s) = rh_y > 0 ? rh_rowlab(s, rh_room) : ''
# The panels draw the rows kept: place rh_t of panel g is element rh_i.
rh_kind(x) = rh_bk[rh_i]
if (strlen(rh_mt) > 0) { set multiplot title rh_mt } else { set multiplot }
do for [g = 1:rh_np] {
	rh_col = (g - 1) % rh_cols
	rh_row = int((g - 1) / rh_cols)
	set lmargin at screen (0.1 + rh_col * rh_pw + rh_lwe) / rh_wcm
	set rmargin at screen (0.1 + (rh_col + 1) * rh_pw - 0.5 * rh_fk) / rh_wcm
	set tmargin at screen 1 - (rh_tt + rh_row * rh_slot + rh_ttl) / rh_h
	set bmargin at screen 1 - (rh_tt + rh_row * rh_slot + rh_ttl + rh_bh * rh_top) / rh_h
	set xrange [rh_bmin(g):rh_bmax(g)]
	set xtics rh_step(rh_bmax(g) - rh_bmin(g), rh_ntic)
	rh_gt = rh_ngd > 1 ? ': ' . rh_cutn(rh_pg(g), 16) : ''
	set title rh_fitw(rh_pn(rh_pc(g)), rh_pw - 0.2 - rh_cm(rh_gt)) . rh_lx(rh_gt) offset 0,-0.5
	if (g == rh_np) { set label 101 rh_xl at screen 0.5, screen (0.05 + 0.5 * rh_xlh) / rh_h center }
	# A group without rows for this value: its panel says so, beside the others.
	if (rh_bn[g] == 0) { set label 102 rh_lx(rh_gcol > 0 ? 'none in ' . rh_cutn(rh_pg(g), 16) : 'none') at graph 0.5, graph 0.5 center tc rgb '#777777' } else { unset label 102 }
	# Samples from 0: with column headers on, gnuplot skips the first line of '+'.
	plot sample [rh_t = 0:top:1] '+' using (rh_i = (g - 1) * top + (rh_t >= 1 ? int(rh_t) : 1), rh_y = rh_t >= 1 && rh_t <= rh_bn[g] ? rh_by[rh_i] : -1, 0):(rh_y):(0):(rh_y > 0 ? rh_bv[rh_i] : NaN):(rh_y - 0.38):(rh_y + 0.38):(rh_bm[rh_i] >= g2min ? rh_bar_i : rh_light_i):ytic(rh_tl(rh_bl[rh_i])) with boxxyerror fc rgb variable
	eval rh_chk
}
unset multiplot
unset label 101
unset label 102
# rhetor plot wrote this file; the SHA-256 of the text above: f1bda6e5ad3d195805e9a46897446640c4c1d400ad2f0feb31617e2a2fe2f70a
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
