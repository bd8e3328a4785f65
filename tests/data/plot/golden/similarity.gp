# similarity.gp: cosine similarity heatmap of the units, from ../similarity.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" similarity.gp
# fmt: png (default), pdf, svg, tex (cairolatex: similarity-tex.tex and similarity-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: unit_a=1 unit_b=2 cosine=3

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" similarity.gp
if (!exists("figtitle")) figtitle = 'Cosine similarity of the units'
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
rh_last = 3
# Cells with a backslash, as gnuplot reads them (\ starts an escape there) and as written.
array rh_raw = ['']
rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''
rh_table = rh_dir . '../' . 'similarity.csv'
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
rh_ngd = 1
array rh_gd = ['']
rh_gpos(s) = 1

if (!exists("maxcells")) maxcells = 40
# Distinct values, read from the data (never written into this script).
stats rh_table using (1) nooutput
array rh_D[2 * STATS_records]
rh_nd = 0
rh_cap = 2 * STATS_records
rh_Di = ''
rh_dl = 1
rh_dl2 = 1
rh_dhit(k) = (rh_dl2 = rh_dl, rh_dl = k)
# The two values found last and the value after each (rows sorted by a column, or
# cycling through the same values) are tried before the index.
rh_dfind(s) = rh_nd == 0 ? 0 : rh_D[rh_dl] eq s ? rh_dl : rh_D[rh_dl2] eq s ? rh_dhit(rh_dl2) : (rh_dq = rh_dl % rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : (rh_dq = rh_dl2 % rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : (rh_dq = rh_bad(s) ? sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s ? rh_j : 0) : rh_at(rh_Di, s), rh_dq > 0 ? rh_dhit(rh_dq) : 0)
rh_has(s) = rh_dfind(s) > 0
rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, rh_Di = rh_bad(s) ? rh_Di : rh_Di . rh_key(s, rh_nd), rh_dhit(rh_nd), 1)
stats rh_table using (rh_ok(0) ? (rh_add(rh_str(1)), rh_add(rh_str(2))) : 0) nooutput
# Rows and columns: the --groups values found (two or more), else the first maxcells.
array rh_U[rh_nd + 1]
rh_n = 0
if (rh_npsel > 0) {
	do for [rh_k = 1:rh_npsel] {
		if (rh_has(rh_psel[rh_k]) && (sum [rh_j = 1:rh_n] (rh_U[rh_j] eq rh_psel[rh_k])) == 0) { rh_n = rh_n + 1; rh_U[rh_n] = rh_psel[rh_k] }
	}
}
if (rh_n < 2) {
	rh_n = rh_nd < maxcells ? rh_nd : maxcells
	do for [rh_k = 1:rh_n] { rh_U[rh_k] = rh_D[rh_k] }
	if (rh_nd > rh_n) {
		print sprintf('rhetor note: %s: the first %d of %d rows and columns drawn; choose them with --groups A,B,... or by hand: gnuplot -e "maxcells=N"', 'similarity', rh_n, rh_nd)
	}
}
# A value's row (and column): its place among the distinct values, then in rh_U.
array rh_up[rh_nd + 1]
do for [rh_k = 1:rh_nd + 1] { rh_up[rh_k] = 0 }
do for [rh_k = 1:rh_n] { rh_q = rh_dfind(rh_U[rh_k]); if (rh_q > 0) { rh_up[rh_q] = rh_k } }
rh_idx(s) = (rh_iq = rh_dfind(s), rh_iq > 0 ? rh_up[rh_iq] : 0)
# No value left (every row cut by a line break in a name): one empty cell.
rh_nc = rh_n > 0 ? rh_n : 1
rh_ab(x) = (rh_a = rh_ok(0) ? rh_idx(rh_str(1)) : 0, rh_b = rh_a > 0 ? rh_idx(rh_str(2)) : 0, rh_a > 0 && rh_b > 0)
# One pass over the pairs drawn. Colours span those off the diagonal, from their
# smallest to their largest value rounded out to a step of the scale: the diagonal
# (each with itself, 1) is grey. rh_gn: each group's pairs (put_group).
array rh_gn[rh_ngd + 1]
do for [rh_k = 1:rh_ngd + 1] { rh_gn[rh_k] = 0 }
rh_min = 1e300
rh_max = -1e300
rh_mm(v) = (rh_min = v < rh_min ? v : rh_min, rh_max = v > rh_max ? v : rh_max, 0)
# The pairs drawn are kept (row, column, value, group): the panels are drawn from these.
# A table has one row a pair and group; those past that many (pairs repeated) are
# left out, and a note says so.
rh_ksz = rh_n * rh_n * rh_ngd + 1
array rh_ka[rh_ksz]
array rh_kb[rh_ksz]
array rh_kv[rh_ksz]
array rh_kq[rh_ksz]
rh_km = 0
rh_kout = 0
rh_keep(q) = rh_km >= rh_ksz ? (rh_kout = rh_kout + 1, 0) : (rh_km = rh_km + 1, rh_ka[rh_km] = rh_a, rh_kb[rh_km] = rh_b, rh_kv[rh_km] = column(3), rh_kq[rh_km] = q, 0)
stats rh_table using (rh_ab(0) ? (rh_q = rh_gcol > 0 ? rh_gpos(rh_str(rh_gcol)) : 1, rh_gn[rh_q] = rh_gn[rh_q] + 1, rh_keep(rh_q), rh_a != rh_b ? rh_mm(column(3)) : 0) : 0) nooutput
if (rh_kout > 0) { print sprintf('rhetor note: %s: %d rows repeat a pair drawn before; left out', 'similarity', rh_kout) }
if (rh_max < rh_min) { rh_min = 0; rh_max = 1 }
rh_cst = rh_step(rh_max > rh_min ? rh_max - rh_min : 0.01, 4)
rh_lo = floor(rh_min / rh_cst + 1e-9) * rh_cst
rh_hi = ceil(rh_max / rh_cst - 1e-9) * rh_cst
rh_hi = rh_hi > rh_lo ? rh_hi : rh_lo + rh_cst
# Geometry in cm: labels left and below, the square, the colour box right.
# Tic labels are as large as a cell allows (5 to 8 pt); below 5 pt every
# second (third ...) one is shown.
# Labels whole up to 0.4 of the figure's width (at its font size), else cut;
# rh_mle: the widest, in em (rh_em: the font's metrics).
rh_hl = 0.4 * rh_wcm
rh_hlab0(s) = rh_cutw(rh_cutn(rh_pn(s), 2 * rh_maxlab), rh_hl)
rh_mle = 0
do for [rh_k = 1:rh_n] { rh_e = rh_em(rh_hlab0(rh_U[rh_k])); rh_mle = rh_e > rh_mle ? rh_e : rh_mle }
# Panels: one per group given (put_group), at most 6, on a shared colour scale;
# a group without a pair of the concepts drawn gets an empty panel saying so.
rh_np = rh_ngd < 6 ? rh_ngd : 6
if (rh_ngd > rh_np) {
	rh_rest = ''
	do for [rh_k = rh_np + 1:rh_ngd] { rh_rest = rh_rest . (rh_rest eq '' ? '' : ', ') . rh_gd[rh_k] }
	print sprintf('rhetor note: %s: the first %d of the %d groups given drawn; not drawn: %s (fewer with --groups)', 'similarity', rh_np, rh_ngd, rh_rest)
}
do for [rh_k = 1:rh_np] { if (rh_gn[rh_k] == 0 && rh_n > 0) { print sprintf('rhetor note: %s: %s has no row for these concepts: its panel is empty', 'similarity', rh_gd[rh_k]) } }
rh_mt = titles ? figtitle : ''
if (rh_gcol > 0 && rh_np == 1) { rh_mt = titles ? rh_mt . ': ' . rh_lab(group) : rh_lab(group) }
rh_tt = strlen(rh_mt) > 0 ? 0.7 : 0.3
# A panel's own title (its group) when there are several.
rh_pt = rh_np > 1 ? 0.55 * rh_fk : 0
rh_cols = width eq '1col' ? 1 : (rh_np < 3 ? rh_np : 3)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
rh_gap = 0.3 * rh_fk
rh_fs = rh_fsize
# The colour box, its tic labels and its label take rh_cbw cm right of the squares;
# cells are at most 2.5 cm, and the whole is centred on the page's width. The row
# labels are left of the first column, the column labels below the last row.
# At 1col, labels over a quarter of the width and the box beside them left the
# squares a third of it: the box goes below the column labels (rh_cbh cm), and the
# labels break into two lines of at most rh_hw cm when a cell holds two of at
# least 6 pt (their font then at most a cell's height / 2.4, rather than cut).
rh_cbb = width eq '1col' && rh_mle * rh_emcm + 0.4 * rh_fk > 0.25 * rh_wcm
# rh_2em(s): the width of s in em when broken into two lines at its best space.
rh_2e(s, k) = k > strlen(s) ? 1e9 : (rh_r = rh_2e(s, k + 1), s[k:k] eq ' ' ? (rh_t1 = rh_em(s[1:k - 1]), rh_t2 = rh_em(s[k + 1:*]), rh_t1 = rh_t1 > rh_t2 ? rh_t1 : rh_t2, rh_t1 < rh_r ? rh_t1 : rh_r) : rh_r)
rh_2em(s) = (rh_t0 = rh_em(s), rh_t3 = rh_2e(s, 1), rh_t0 < rh_t3 ? rh_t0 : rh_t3)
# The lines' width: what the widest name needs in two lines, at most 0.4 of the figure.
rh_hw = 0
do for [rh_k = 1:rh_n] { rh_e = rh_2em(rh_cutn(rh_pn(rh_U[rh_k]), 2 * rh_maxlab)) * rh_emcm + 0.02; rh_hw = rh_e > rh_hw ? rh_e : rh_hw }
rh_hw = rh_hw < 0.4 * rh_wcm ? rh_hw : 0.4 * rh_wcm
rh_cap1(e) = e < rh_hw / rh_emcm ? e : rh_hw / rh_emcm
rh_wem(s) = (rh_ws = rh_cutn(rh_pn(s), 2 * rh_maxlab), rh_cm(rh_ws) <= rh_hw ? rh_em(rh_ws) : (rh_bq = rh_brk(rh_ws, rh_hw / rh_emcm, 1, 0, 0), rh_bq > 1 ? (rh_e1 = rh_cap1(rh_em(rh_ws[1:rh_bq - 1])), rh_e2 = rh_cap1(rh_em(rh_ws[rh_bq + 1:*])), rh_e1 > rh_e2 ? rh_e1 : rh_e2) : rh_hw / rh_emcm))
rh_mle2 = 0
do for [rh_k = 1:rh_n] { rh_e = rh_wem(rh_U[rh_k]); rh_mle2 = rh_e > rh_mle2 ? rh_e : rh_mle2 }
rh_cbw = rh_cbb ? 0.5 * rh_fk : 2.1 * rh_fk
rh_cbh = rh_cbb ? 1.6 * rh_fk : 0
rh_two = rh_cbb && (rh_wcm - rh_mle2 * rh_emcm - 0.4 * rh_fk - rh_cbw) / rh_nc * 28.35 >= 2.4 * 6
rh_me = rh_two ? rh_mle2 : rh_mle
do for [rh_it = 1:3] {
	rh_labcm = rh_me * rh_fs / 72.0 * 2.54 + 0.4 * rh_fk
	rh_side = (rh_wcm - rh_labcm - rh_cbw - (rh_cols - 1) * rh_gap) / rh_cols
	rh_hs = (maxheight - rh_labcm - rh_tt - rh_cbh) / rh_rows - rh_pt
	rh_side = rh_side < rh_hs ? rh_side : rh_hs
	rh_side = rh_side < 2.5 * rh_nc ? rh_side : 2.5 * rh_nc
	rh_cellpt = rh_side / rh_nc * 28.35
	rh_every = rh_cellpt * 0.85 < 5 ? ceil(5 / (rh_cellpt * 0.85)) : 1
	rh_fs = rh_cellpt * rh_every * 0.85
	rh_fs = rh_fs < rh_fsize ? rh_fs : rh_fsize
	rh_fs = rh_two && rh_fs > rh_cellpt / 2.4 ? rh_cellpt / 2.4 : rh_fs
}
rh_h = rh_labcm + rh_rows * (rh_side + rh_pt) + rh_tt + rh_cbh
eval rh_term(rh_h)
set output rh_out('similarity')
rh_x0 = (rh_wcm - rh_labcm - rh_cols * rh_side - (rh_cols - 1) * rh_gap - rh_cbw) / 2
set border 15 lw 0.8
set xrange [0.5:rh_nc + 0.5]
set yrange [rh_nc + 0.5:0.5]
rh_tf = sprintf(',%g', rh_fs)
rh_hlab(s) = rh_two ? rh_pct(rh_wrap(rh_pn(s), rh_hw)) : rh_pct(rh_lx(rh_hlab0(s)))
set cbrange [rh_lo:rh_hi]
set cbtics rh_cst scale 0.5
# At 1col the colour box's label is the measure alone.
set cblabel (width eq '2col' ? 'cosine similarity' . ' (grey diagonal: 1)' : 'cosine similarity')
# Below the squares: as wide as they are, its tic labels and its label under it.
rh_cbox = rh_cbb ? sprintf('set colorbox horizontal user origin screen %g, screen %g size screen %g, screen %g', (rh_x0 + rh_labcm) / rh_wcm, 1.05 * rh_fk / rh_h, (rh_cols * rh_side + (rh_cols - 1) * rh_gap) / rh_wcm, 0.3 * rh_fk / rh_h) : 'set colorbox'
# Pair rh_i of those kept, if in panel p (rh_ki, of the sample rh_t).
rh_ki(t) = (rh_i = t >= 1 ? int(t) : 1, t >= 1 && rh_kq[rh_i] == rh_hp)
if (strlen(rh_mt) > 0) { set multiplot title rh_mt } else { set multiplot }
do for [rh_hp = 1:rh_np] {
	group = rh_gd[rh_hp]
	rh_col = (rh_hp - 1) % rh_cols
	rh_row = int((rh_hp - 1) / rh_cols)
	rh_xl = rh_x0 + rh_labcm + rh_col * (rh_side + rh_gap)
	rh_yt = rh_h - rh_tt - rh_row * (rh_side + rh_pt) - rh_pt
	set lmargin at screen rh_xl / rh_wcm
	set rmargin at screen (rh_xl + rh_side) / rh_wcm
	set tmargin at screen rh_yt / rh_h
	set bmargin at screen (rh_yt - rh_side) / rh_h
	if (rh_np > 1) { set title rh_fitw(group, rh_side + rh_gap) offset 0,-0.5 } else { unset title }
	# Column labels below the last panel of each column, row labels left of the first column.
	set xtics () scale 0 rotate by (rh_me > 3 ? 90 : 45) right font rh_tf
	set ytics () scale 0 font rh_tf
	if (rh_hp + rh_cols > rh_np) { do for [rh_k = 1:rh_n:rh_every] { set xtics add (rh_hlab(rh_U[rh_k]) rh_k) } } else { unset xtics }
	if (rh_col == 0) { do for [rh_k = 1:rh_n:rh_every] { set ytics add (rh_hlab(rh_U[rh_k]) rh_k) } } else { unset ytics }
	if (rh_cbb ? rh_hp == rh_np : rh_col == rh_cols - 1 || rh_hp == rh_np) { eval rh_cbox } else { unset colorbox }
	# Both triangles from the one row per pair, then the diagonal (grey). The diagonal's
	# samples start at 0: with column headers on, gnuplot skips the first line of '+'.
	if (rh_n == 0) {
		print sprintf('rhetor note: %s: no row with two names to draw (a line break in a name cuts its row for gnuplot)', 'similarity')
		plot sample [rh_t = 0:1:1] '+' using (rh_t > 0 ? 1 : NaN):(1):(0.5):(1.5):(0.5):(1.5):(0) with boxxyerror fc palette
	} else {
	if (rh_gn[rh_hp] == 0) {
		set label 103 rh_fitw('no rows for ' . group, rh_side) at graph 0.5, graph 0.5 center tc rgb '#777777'
		plot sample [rh_t = 0:1:1] '+' using (rh_t > 0 ? 1 : NaN):(1):(0.5):(1.5):(0.5):(1.5) with boxxyerror fc rgb '#FFFFFF' fs solid noborder
		unset label 103
	} else {
	plot sample [rh_t = 0:rh_km:1] '+' using (rh_ki(rh_t) ? rh_ka[rh_i] : NaN):(rh_kb[rh_i]):(rh_ka[rh_i] - 0.5):(rh_ka[rh_i] + 0.5):(rh_kb[rh_i] - 0.5):(rh_kb[rh_i] + 0.5):(rh_kv[rh_i]) with boxxyerror fc palette, \
		[rh_t = 0:rh_km:1] '+' using (rh_ki(rh_t) ? rh_kb[rh_i] : NaN):(rh_ka[rh_i]):(rh_kb[rh_i] - 0.5):(rh_kb[rh_i] + 0.5):(rh_ka[rh_i] - 0.5):(rh_ka[rh_i] + 0.5):(rh_kv[rh_i]) with boxxyerror fc palette, \
		[rh_t = 0:rh_n:1] '+' using (rh_t > 0 ? rh_t : NaN):(rh_t):(rh_t - 0.5):(rh_t + 0.5):(rh_t - 0.5):(rh_t + 0.5) with boxxyerror fc rgb '#BDBDBD'
	}
	}
	eval rh_chk
}
unset multiplot
# rhetor plot wrote this file; the SHA-256 of the text above: 082b1ab12c2a046a23eae607ecc462bf29813fe74f9b2f2bfc64852828e906ca
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
