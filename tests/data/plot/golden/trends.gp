# trends.gp: concept rates over time per group with 95% interval bands, from ../trends.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" trends.gp
# fmt: png (default), pdf, svg, tex (cairolatex: trends-tex.tex and trends-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: group=1 period=2 concept=3 count=4 per_10k=7 ci_low=8 ci_high=9

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" trends.gp
if (!exists("figtitle")) figtitle = 'Concept rates over time'
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
rh_last = 9
# Cells with a backslash, as gnuplot reads them (\ starts an escape there) and as written.
array rh_raw = ['']
rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''
rh_table = rh_dir . '../' . 'trends.csv'
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

# The selections, as indexes.
rh_gsi = ''
if (ngroups > 0) { do for [rh_k = 1:ngroups] { if (!rh_bad(groups[rh_k])) { rh_gsi = rh_gsi . rh_key(groups[rh_k], rh_k) } } }
rh_csi = ''
if (nconcepts > 0) { do for [rh_k = 1:nconcepts] { if (!rh_bad(concepts[rh_k])) { rh_csi = rh_csi . rh_key(concepts[rh_k], rh_k) } } }
rh_cap = 5000
array rh_gr_v[rh_cap]
array rh_gr_n[rh_cap]
array rh_gr_s[rh_cap]
array rh_gr_in[rh_cap]
array rh_gr_r[rh_cap]
rh_gr_nd = 0
rh_gr_i = ''
rh_gr_add(s) = (rh_k = rh_at(rh_gr_i, s), rh_k > 0 || rh_bad(s) || rh_gr_nd >= rh_cap ? rh_k : (rh_gr_nd = rh_gr_nd + 1, rh_gr_v[rh_gr_nd] = s, rh_gr_n[rh_gr_nd] = 0, rh_gr_s[rh_gr_nd] = 0, rh_gr_r[rh_gr_nd] = 0, rh_gr_in[rh_gr_nd] = rh_at(rh_gsi, s) > 0, rh_gr_i = rh_gr_i . rh_key(s, rh_gr_nd), rh_gr_nd))
# Rows repeat a value or go on to the next one (a table sorted by this column,
# or cycling through the same values): those are checked before the index.
rh_gr_last = 1
rh_gr_get(s) = rh_gr_nd == 0 ? (rh_q = rh_gr_add(s), rh_q > 0 ? (rh_gr_last = rh_q) : 0) : rh_gr_v[rh_gr_last] eq s ? rh_gr_last : (rh_q = rh_gr_last % rh_gr_nd + 1, rh_gr_v[rh_q] eq s) ? (rh_gr_last = rh_q) : (rh_q = rh_gr_add(s), rh_q > 0 ? (rh_gr_last = rh_q) : 0)
array rh_co_v[rh_cap]
array rh_co_n[rh_cap]
array rh_co_s[rh_cap]
array rh_co_in[rh_cap]
array rh_co_r[rh_cap]
rh_co_nd = 0
rh_co_i = ''
rh_co_add(s) = (rh_k = rh_at(rh_co_i, s), rh_k > 0 || rh_bad(s) || rh_co_nd >= rh_cap ? rh_k : (rh_co_nd = rh_co_nd + 1, rh_co_v[rh_co_nd] = s, rh_co_n[rh_co_nd] = 0, rh_co_s[rh_co_nd] = 0, rh_co_r[rh_co_nd] = 0, rh_co_in[rh_co_nd] = rh_at(rh_csi, s) > 0, rh_co_i = rh_co_i . rh_key(s, rh_co_nd), rh_co_nd))
# Rows repeat a value or go on to the next one (a table sorted by this column,
# or cycling through the same values): those are checked before the index.
rh_co_last = 1
rh_co_get(s) = rh_co_nd == 0 ? (rh_q = rh_co_add(s), rh_q > 0 ? (rh_co_last = rh_q) : 0) : rh_co_v[rh_co_last] eq s ? rh_co_last : (rh_q = rh_co_last % rh_co_nd + 1, rh_co_v[rh_q] eq s) ? (rh_co_last = rh_q) : (rh_q = rh_co_add(s), rh_q > 0 ? (rh_co_last = rh_q) : 0)
# Pass 1: the groups and their matches (in the --concepts asked for, if any).
# With --groups, those groups only: another group's row costs one lookup
# (rh_gk, of the value found last, else the index), and every group is read
# only when none of those given is in the table.
# Each group's first and last row (rh_gr_f, rh_gr_l, by gnuplot's count of rows),
# and the highest block of a row counted (rh_blk: blank lines start a new one, and
# gnuplot's `every` counts rows within a block).
array rh_gr_f[rh_cap]
array rh_gr_l[rh_cap]
rh_blk = 0
rh_scan1(x) = (rh_g = rh_gr_get(rh_str(1)), rh_v = valid(4) ? column(4) : 0, rh_g > 0 ? (rh_gr_f[rh_g] = rh_gr_r[rh_g] == 0 ? column(0) : rh_gr_f[rh_g], rh_gr_l[rh_g] = column(0), rh_blk = column(-1) > rh_blk ? column(-1) : rh_blk, rh_gr_n[rh_g] = rh_gr_n[rh_g] + rh_v, rh_gr_r[rh_g] = rh_gr_r[rh_g] + 1, nconcepts > 0 ? (rh_c = rh_co_get(rh_str(3)), rh_c > 0 && rh_co_in[rh_c] ? (rh_gr_s[rh_g] = rh_gr_s[rh_g] + rh_v) : 0) : 0) : 0)
rh_gk_s = ''
rh_gk_k = 0
rh_gk(s) = s eq rh_gk_s ? rh_gk_k : (rh_gk_s = s, rh_gk_k = rh_at(rh_gsi, s))
rh_given = rh_gsi ne ''
stats rh_table using (rh_given && rh_gk(rh_str(1)) == 0 ? 0 : rh_scan1(0)) nooutput
if (rh_given && rh_gr_nd == 0) { rh_given = 0; stats rh_table using (rh_scan1(0)) nooutput }
if (rh_gr_nd >= rh_cap) { print sprintf('rhetor note: %s: only the first %d groups considered', 'trends', rh_cap) }
rh_cfound = sum [rh_k = 1:rh_co_nd] rh_co_in[rh_k]
# Series: groups, at most 8.
rh_gr_w(k) = rh_cfound > 0 ? rh_gr_s[k] : rh_gr_n[k]
array rh_S[rh_gr_nd + 1]
rh_S_n = 0
rh_S_i = ''
if (ngroups > 0) {
	do for [rh_k = 1:ngroups] {
		rh_s = groups[rh_k]
		if (rh_S_n < 8 && rh_at(rh_gr_i, rh_s) > 0 && rh_at(rh_S_i, rh_s) == 0) { rh_S_n = rh_S_n + 1; rh_S[rh_S_n] = rh_s; rh_S_i = rh_S_i . rh_key(rh_s, rh_S_n) }
	}
}
rh_S_by = rh_S_n == 0
if (rh_S_by) {
	array rh_pick[rh_gr_nd + 1]
	do for [rh_k = 1:rh_gr_nd + 1] { rh_pick[rh_k] = 0 }
	do for [rh_j = 1:(rh_gr_nd < maxseries ? rh_gr_nd : maxseries)] {
		rh_b = 0
		do for [rh_k = 1:rh_gr_nd] { if (!rh_pick[rh_k] && (rh_b == 0 || rh_gr_w(rh_k) > rh_gr_w(rh_b))) { rh_b = rh_k } }
		if (rh_b > 0 && (rh_S_n == 0 || rh_gr_w(rh_b) > 0)) { rh_pick[rh_b] = 1; rh_S_n = rh_S_n + 1; rh_S[rh_S_n] = rh_gr_v[rh_b]; rh_S_i = rh_S_i . rh_key(rh_gr_v[rh_b], rh_S_n) }
	}
	if (rh_S_n < rh_gr_nd) {
		print sprintf('rhetor note: %s: the %d groups with the most matches (of %d) drawn; choose them with --groups A,B,...', 'trends', rh_S_n, rh_gr_nd)
	}
}
# Each group's series, 0 if not drawn.
array rh_gr_p[rh_gr_nd + 1]
do for [rh_k = 1:rh_gr_nd + 1] { rh_gr_p[rh_k] = 0 }
do for [rh_k = 1:rh_S_n] { rh_gr_p[rh_at(rh_gr_i, rh_S[rh_k])] = rh_k }
rh_drawn(x) = rh_given && rh_gk(rh_str(1)) == 0 ? 0 : (rh_g = rh_gr_get(rh_str(1)), rh_g > 0 && rh_g <= rh_gr_nd ? rh_gr_p[rh_g] : 0)
# Pass 2: the concepts and their matches in the groups drawn, and those
# groups' rows kept as numbers: series, concept, period, interval, rate,
# from element 2 on (with column headers on, gnuplot skips an array's first).
rh_nrow = 1 + sum [rh_k = 1:rh_gr_nd] (rh_gr_p[rh_k] > 0 ? rh_gr_r[rh_k] : 0)
array rh_rs[rh_nrow]
array rh_rc[rh_nrow]
array rh_rx[rh_nrow]
array rh_rl[rh_nrow]
array rh_rh[rh_nrow]
array rh_rv[rh_nrow]
rh_m = 1
rh_num(k) = valid(k) ? column(k) : NaN
rh_keep(b, c) = (rh_m = rh_m + 1, rh_m <= rh_nrow ? (rh_rs[rh_m] = b, rh_rc[rh_m] = c, rh_rx[rh_m] = rh_num(2), rh_rl[rh_m] = rh_num(8), rh_rh[rh_m] = rh_num(9), rh_rv[rh_m] = rh_num(7)) : 0)
rh_scan2(x) = (rh_b = rh_drawn(0), rh_b > 0 ? (rh_c = rh_co_get(rh_str(3)), rh_c > 0 ? (rh_co_n[rh_c] = rh_co_n[rh_c] + (valid(4) ? column(4) : 0), rh_keep(rh_b, rh_c), 0) : 0) : 0)
# It reads the rows from the first to the last of each group drawn (runs that
# overlap joined, in the table's order), skipping the rows between unread; a
# table of several blocks is read whole.
array rh_ra[rh_S_n + 1]
array rh_rb[rh_S_n + 1]
rh_nrun = 0
do for [rh_k = 1:rh_S_n] { rh_g = rh_at(rh_gr_i, rh_S[rh_k]); rh_nrun = rh_nrun + 1; rh_ra[rh_nrun] = rh_gr_f[rh_g]; rh_rb[rh_nrun] = rh_gr_l[rh_g] }
do for [rh_k = 2:rh_nrun] { rh_j = rh_k; while (rh_j > 1 && rh_ra[rh_j - 1] > rh_ra[rh_j]) { rh_sw = rh_ra[rh_j]; rh_ra[rh_j] = rh_ra[rh_j - 1]; rh_ra[rh_j - 1] = rh_sw; rh_sw = rh_rb[rh_j]; rh_rb[rh_j] = rh_rb[rh_j - 1]; rh_rb[rh_j - 1] = rh_sw; rh_j = rh_j - 1 } }
rh_nj = 0
do for [rh_k = 1:rh_nrun] { if (rh_nj > 0 && rh_ra[rh_k] <= rh_rb[rh_nj] + 1) { rh_rb[rh_nj] = rh_rb[rh_k] > rh_rb[rh_nj] ? rh_rb[rh_k] : rh_rb[rh_nj] } else { rh_nj = rh_nj + 1; rh_ra[rh_nj] = rh_ra[rh_k]; rh_rb[rh_nj] = rh_rb[rh_k] } }
rh_scan2r(x) = rh_given && rh_gk(rh_str(1)) == 0 ? 0 : rh_scan2(0)
if (rh_blk == 0 && rh_nj > 0) {
	do for [rh_k = 1:rh_nj] { stats rh_table every ::rh_ra[rh_k]::rh_rb[rh_k] using (rh_scan2r(0)) nooutput }
} else {
	stats rh_table using (rh_scan2r(0)) nooutput
}
if (rh_co_nd >= rh_cap) { print sprintf('rhetor note: %s: only the first %d concepts considered', 'trends', rh_cap) }
# Panels: concepts, at most maxpanels.
rh_co_w(k) = rh_co_n[k]
array rh_P[rh_co_nd + 1]
rh_P_n = 0
rh_P_i = ''
if (nconcepts > 0) {
	do for [rh_k = 1:nconcepts] {
		rh_s = concepts[rh_k]
		if (rh_P_n < 12 && rh_at(rh_co_i, rh_s) > 0 && rh_at(rh_P_i, rh_s) == 0) { rh_P_n = rh_P_n + 1; rh_P[rh_P_n] = rh_s; rh_P_i = rh_P_i . rh_key(rh_s, rh_P_n) }
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
		print sprintf('rhetor note: %s: the %d concepts with the most matches (of %d) drawn; choose them with --concepts A,B,...', 'trends', rh_P_n, rh_co_nd)
	}
}
rh_np = rh_P_n
rh_ns = rh_S_n
rh_cols = width eq '1col' ? (rh_np >= 2 ? 2 : 1) : (rh_np >= 3 ? 3 : rh_np)
rh_rows = int((rh_np + rh_cols - 1) / rh_cols)
# Each concept's panel, 0 if not drawn.
array rh_co_p[rh_co_nd + 1]
do for [rh_k = 1:rh_co_nd + 1] { rh_co_p[rh_k] = 0 }
do for [rh_k = 1:rh_np] { rh_co_p[rh_at(rh_co_i, rh_P[rh_k])] = rh_k }
# The rows drawn, as numbers: panel, series, period, interval, rate.
set print $rh_sub
print 'panel,series,period,low,high,value'
set print
set table $rh_sub append separator comma
rh_m = rh_m < rh_nrow ? rh_m : rh_nrow
plot rh_rs using (rh_i = column(1), rh_a = rh_i >= 2 && rh_i <= rh_m ? rh_co_p[rh_rc[rh_i]] : 0, rh_a):(rh_a > 0 ? rh_rs[rh_i] : 0):(rh_a > 0 ? rh_rx[rh_i] : 0):(rh_a > 0 ? rh_rl[rh_i] : 0):(rh_a > 0 ? rh_rh[rh_i] : 0):(rh_a > 0 ? rh_rv[rh_i] : 0) with table if (rh_a > 0)
unset table
if (|$rh_sub| < 2) { set print $rh_sub append; print '1,1,0,0,0,0'; set print }
# Per panel: the top of its rate axis; per panel and series: the rows.
array rh_ymx[rh_np]
array rh_cnt[rh_np * rh_ns]
do for [rh_k = 1:rh_np] { rh_ymx[rh_k] = 0 }
do for [rh_k = 1:rh_np * rh_ns] { rh_cnt[rh_k] = 0 }
rh_tally(p, g, y) = (rh_ymx[p] = y > rh_ymx[p] ? y : rh_ymx[p], rh_cnt[(p - 1) * rh_ns + g] = rh_cnt[(p - 1) * rh_ns + g] + 1, 0)
stats $rh_sub using (column(3)):(rh_tally(column(1), column(2), column(6))) nooutput
rh_x0 = STATS_min_x
rh_x1 = STATS_max_x > STATS_min_x ? STATS_max_x : STATS_min_x + 1
# The step between periods: the smallest gap between two rows of one series and panel.
array rh_lx[rh_np * rh_ns]
do for [rh_k = 1:rh_np * rh_ns] { rh_lx[rh_k] = NaN }
rh_dx = 0
rh_step1(p, g, x) = (rh_j = (p - 1) * rh_ns + g, rh_d = x - rh_lx[rh_j], rh_dx = (rh_d > 0 && (rh_dx == 0 || rh_d < rh_dx)) ? rh_d : rh_dx, rh_lx[rh_j] = x, 0)
stats $rh_sub using (rh_step1(column(1), column(2), column(3))) nooutput
rh_dx = rh_dx > 0 ? rh_dx : 1
# A panel's rate axis ends at 1.08 times its highest rate: the lines set it, not the intervals.
rh_top(p) = rh_ymx[p] > 0 ? rh_ymx[p] * 1.08 : 1
# Bands only where the group has a match in the period (a lower bound above 0):
# with none, the interval runs from 0 to 3.69 matches in the period's words, a
# bound set by how few words there were, not by what was said (docs/design.md).
# The part of a band above its panel's top is cut there.
# rh_bwp[p]: the mean height of panel p's intervals drawn, as a share of the panel.
array rh_bwp[rh_np]
array rh_bnp[rh_np]
do for [rh_k = 1:rh_np] { rh_bwp[rh_k] = 0; rh_bnp[rh_k] = 0 }
rh_bsum(p, f) = (rh_bwp[p] = rh_bwp[p] + f, rh_bnp[p] = rh_bnp[p] + 1, f)
stats $rh_sub using (column(4) > 0 ? rh_bsum(column(1), ((column(5) < rh_top(column(1)) ? column(5) : rh_top(column(1))) - column(4)) / rh_top(column(1))) : NaN) nooutput
rh_nb = STATS_records
rh_nz = STATS_invalid
rh_bw = rh_nb > 0 ? STATS_mean : 0
do for [rh_k = 1:rh_np] { rh_bwp[rh_k] = rh_bnp[rh_k] > 0 ? rh_bwp[rh_k] / rh_bnp[rh_k] : 0 }
stats $rh_sub using (column(4) > 0 && column(5) > rh_top(column(1)) ? 1 : 0) nooutput
rh_ncut = STATS_sum
# Intervals: with up to 3 groups. As bands where they are narrow enough to read
# the lines through them (on average under half the panel's height), else, and
# for a period with a match between two without, as thin bars.
if (!exists("bands")) {
	bands = rh_ns <= 3
	if (!bands) { print sprintf('rhetor note: %s: %d groups: 95%% intervals left out, they would hide each other; draw them by hand with gnuplot -e "bands=1", or choose up to 3 groups with --groups', 'trends', rh_ns) }
}
rh_wide = ''
rh_nwide = 0
do for [rh_k = 1:rh_np] { if (rh_bwp[rh_k] >= 0.5) { rh_nwide = rh_nwide + 1; rh_wide = rh_wide . (rh_wide eq '' ? '' : ', ') . rh_pn(rh_P[rh_k]) } }
rh_wide = rh_nwide == 0 ? '' : rh_nwide == rh_np ? '; as bars: they average over half a panel' : '; as bars where they average over half the panel (' . rh_wide . ')'
if (bands) {
	print sprintf('rhetor note: %s: 95%% intervals at the %d points with a match, none at the %d without one (that interval, 0 to 3.69 matches in the period''s words, says only how few words there were)%s; %d cut at the top of their panel, whose axis the rates set', 'trends', rh_nb, rh_nz, rh_wide, rh_ncut)
}
rh_npts = 0
do for [rh_k = 1:rh_np * rh_ns] { rh_npts = rh_cnt[rh_k] > rh_npts ? rh_cnt[rh_k] : rh_npts }
# Points mark each period while they stay apart; lines alone beyond 30.
rh_with = rh_npts <= 30 ? 'linespoints ps 0.65 * rh_ps' : 'lines'
# Geometry in cm: the title, the key strip, then rows of panels.
rh_kl = 0
do for [rh_k = 1:rh_ns] { rh_kl = strlen(rh_lab(rh_ln(rh_S[rh_k]))) > rh_kl ? strlen(rh_lab(rh_ln(rh_S[rh_k]))) : rh_kl }
# A key entry: its label, the sample (rh_samplen characters) and the gaps.
rh_kcols = int((rh_wcm - 0.6) / ((0.16 * rh_kl + 0.7 + 0.24 * rh_samplen) * rh_fk))
rh_kcols = rh_kcols < 1 ? 1 : rh_kcols > rh_ns ? rh_ns : rh_kcols
rh_krows = int((rh_ns + rh_kcols - 1) / rh_kcols)
rh_lm = 1.5 * rh_fk
rh_gap = 1.0 * rh_fk
rh_pw = (rh_wcm - rh_lm - 0.6 - (rh_cols - 1) * rh_gap) / rh_cols
# A time axis label wider than a panel is drawn once, centred under the last row.
rh_xl1 = rh_cols > 1 && rh_cm(timelabel) > rh_pw
rh_xl1off = ((rh_cols - 1) * (rh_pw + rh_gap) / 2.0) / rh_wcm
# Panel titles of at most rh_tn characters a line; a longer one takes a second
# line (broken at a space), and then every row of panels has room for two.
rh_tn = int((rh_pw + 0.8 * rh_gap) / (0.15 * rh_fk))
rh_sp(s, k) = k < 2 ? 0 : (s[k:k] eq ' ' ? k : rh_sp(s, k - 1))
rh_tw(s) = strlen(s) <= rh_tn ? rh_labn(s, rh_tn) : (rh_q = rh_sp(s, rh_tn + 1), rh_q > 1 ? rh_labn(s[1:rh_q - 1], rh_tn) . "\n" . rh_labn(s[rh_q + 1:*], rh_tn) : rh_labn(s, rh_tn))
rh_t2 = 0
do for [p = 1:rh_np] { if (strlen(rh_pn(rh_P[p])) > rh_tn) { rh_t2 = 1 } }
rh_ttl = (0.6 + 0.38 * rh_t2) * rh_fk
rh_tt = titles ? 0.6 * rh_fk : 0
rh_kh = (0.42 * rh_krows + 0.3) * rh_fk
rh_ph = width eq '1col' ? 3.6 : 4.2
rh_slot = rh_ph + 0.9 * rh_fk + rh_ttl
# Room under the last row for its time axis label: with less, the svg terminal left it out.
rh_bpad = 0.2 + 0.2 * rh_fk
rh_ph = rh_tt + rh_kh + rh_rows * rh_slot + rh_bpad <= maxheight ? rh_ph : (maxheight - rh_tt - rh_kh - rh_bpad - 0.3) / rh_rows - 0.9 * rh_fk - rh_ttl
rh_ph = rh_ph > 2 ? rh_ph : 2
rh_slot = rh_ph + 0.9 * rh_fk + rh_ttl
rh_h = rh_tt + rh_kh + rh_rows * rh_slot + rh_bpad
eval rh_term(rh_h)
set output rh_out('trends')
# A little room beyond the first and last period, so their points stay clear of the axes.
# (At least 0.3 of a period, so the interval bars set beside a period's point stay off the axis.)
rh_xm = 0.03 * (rh_x1 - rh_x0) > 0.3 * rh_dx ? 0.03 * (rh_x1 - rh_x0) : 0.3 * rh_dx
set xrange [rh_x0 - rh_xm:rh_x1 + rh_xm]
set format x '%.0f'
# About one labelled tic per 1.8 cm; whole periods apart when periods are whole.
rh_xs = rh_step(rh_x1 - rh_x0, rh_pw / 1.8 > 2 ? rh_pw / 1.8 : 2)
rh_xs = rh_x0 == int(rh_x0) && rh_x1 == int(rh_x1) && rh_xs < 1 ? 1 : rh_xs
set xtics rh_xs
set style fill transparent solid 0.15 noborder
# A row's first field as a number; the end of a run of band rows (a run of one row is alone).
rh_fld(l) = l[1:strstrt(l, ',') - 1] + 0
rh_endrun = "if (rh_run == 1) { print sprintf('%.10g,%.10g,%.10g,%.10g,1', rh_px, rh_plo, rh_phi, rh_pv) }; print ''; rh_run = 0"
# Interval bars: the series' colour at 45%, side by side within a period.
rh_barc(g) = sprintf('#8C%s', rh_colour(g)[2:7])
rh_dodge(g) = (g - (rh_ns + 1) / 2.0) * 0.12 * rh_dx
set bars small
if (titles) { set multiplot title figtitle } else { set multiplot }
do for [p = 1:rh_np] {
	rh_col = (p - 1) % rh_cols
	rh_row = int((p - 1) / rh_cols)
	set lmargin at screen (rh_lm + rh_col * (rh_pw + rh_gap)) / rh_wcm
	set rmargin at screen (rh_lm + rh_col * (rh_pw + rh_gap) + rh_pw) / rh_wcm
	set tmargin at screen 1 - (rh_tt + rh_kh + rh_row * rh_slot + rh_ttl) / rh_h
	set bmargin at screen 1 - (rh_tt + rh_kh + rh_row * rh_slot + rh_ttl + rh_ph) / rh_h
	# The axis fits the rates, not the intervals: a band reaching above (few
	# matches, wide interval) is cut at the top of the panel.
	rh_ymax = rh_ymx[p] > 0 ? rh_ymx[p] * 1.08 : 1
	set yrange [0:rh_ymax]
	set ytics rh_step(rh_ymax, rh_ph / 1.0 > 3 ? rh_ph / 1.0 : 3)
	set title rh_tw(rh_pn(rh_P[p])) offset 0,-0.2
	set ylabel (rh_col == 0) ? rh_per10k : ''
	if (p > rh_np - rh_cols && !rh_xl1) { set xlabel timelabel } else { unset xlabel }
	if (rh_xl1 && p == rh_cols * (rh_rows - 1) + 1) { set xlabel timelabel offset screen rh_xl1off, 0 }
	# Each series' rows in a datablock of their own, from the small one.
	do for [g = 1:rh_ns] {
		eval sprintf('set print $rh_band%d', g)
		print 'period,low,high,value'
		if (rh_cnt[(p - 1) * rh_ns + g] == 0) {
			# No rows here: one point below the axis, so nothing is empty.
			print sprintf('%g,-1,-1,-1', rh_x0)
			set print
			eval sprintf('set print $rh_fill%d', g)
			print 'period,low,high,value,alone'
			print sprintf('%g,-1,-1,-1,0', rh_x0)
			set print
		} else {
			set print
			set table $rh_cur separator comma
			# (In the filter after `if`, gnuplot 5.4 reads no column: the using sets rh_a, rh_b.)
			plot $rh_sub using (rh_a = column(1), rh_b = column(2), column(3)):4:5:6 with table if (rh_a == p && rh_b == g)
			unset table
			# A blank line where periods without data lie between two rows: the line and band break there.
			eval sprintf('set print $rh_band%d append', g)
			rh_prev = NaN
			do for [rh_r = 1:|$rh_cur|] { rh_l = $rh_cur[rh_r]; rh_x = rh_l[1:strstrt(rh_l, ',') - 1] + 0; if (rh_x - rh_prev > 1.5 * rh_dx) { print '' }; print rh_l; rh_prev = rh_x }
			set print
			# The band: runs of adjacent periods with a match; a run of one period is marked
			# alone (drawn as a bar). The first row is a point below the axis, so none is empty.
			eval sprintf('set print $rh_fill%d', g)
			print 'period,low,high,value,alone'
			print sprintf('%g,-1,-1,-1,0', rh_x0)
			print ''
			rh_run = 0
			do for [rh_r = 1:|$rh_cur|] {
				rh_l = $rh_cur[rh_r]
				rh_x = rh_fld(rh_l)
				rh_l = rh_l[strstrt(rh_l, ',') + 1:*]
				rh_lo = rh_fld(rh_l)
				rh_l = rh_l[strstrt(rh_l, ',') + 1:*]
				rh_hi = rh_fld(rh_l)
				rh_v = rh_l[strstrt(rh_l, ',') + 1:*] + 0
				if (rh_run > 0 && (rh_lo <= 0 || rh_x - rh_px > 1.5 * rh_dx)) { eval rh_endrun }
				if (rh_lo > 0) {
					if (rh_run == 1) { print sprintf('%.10g,%.10g,%.10g,%.10g,0', rh_px, rh_plo, rh_phi, rh_pv) }
					if (rh_run >= 1) { print sprintf('%.10g,%.10g,%.10g,%.10g,0', rh_x, rh_lo, rh_hi, rh_v) }
					rh_run = rh_run + 1
					rh_px = rh_x
					rh_plo = rh_lo
					rh_phi = rh_hi
					rh_pv = rh_v
				}
			}
			if (rh_run > 0) { eval rh_endrun }
			set print
		}
	}
	if (bands && rh_bwp[p] < 0.5) {
		plot for [g = 1:rh_ns] sprintf('$rh_fill%d', g) using 1:2:3 with filledcurves lt g notitle, \
			for [g = 1:rh_ns] sprintf('$rh_fill%d', g) using ($1 + rh_dodge(g)):(column(5) > 0 ? column(4) : NaN):2:3 with yerrorbars lc rgb rh_barc(g) dt 1 lw 1 ps 0 notitle, \
			for [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with @rh_with lt g notitle
	} else { if (bands) {
		plot for [g = 1:rh_ns] sprintf('$rh_band%d', g) using ($1 + rh_dodge(g)):(column(2) > 0 ? column(4) : NaN):2:3 with yerrorbars lc rgb rh_barc(g) dt 1 lw 1 ps 0 notitle, \
			for [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with @rh_with lt g notitle
	} else {
		plot for [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with @rh_with lt g notitle
	} }
	eval rh_chk
}
# The key: a strip of its own above the panels, as wide as the figure.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen 1 - rh_tt / rh_h
set bmargin at screen 1 - (rh_tt + rh_kh) / rh_h
unset title
unset xlabel
unset ylabel
unset border
unset xtics
unset ytics
set xrange [0:1]
set yrange [0:1]
set key center center horizontal maxcols rh_kcols maxrows rh_krows samplen rh_samplen width 1
plot for [g = 1:rh_ns] NaN with @rh_with lt g title rh_lab(rh_ln(rh_S[g]))
unset multiplot
# rhetor plot wrote this file; the SHA-256 of the text above: 3e1385c61d31bd89098bfc173177702814a181a7c9881dab1ae148e0cdead700
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
