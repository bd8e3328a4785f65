# keyness.gp: keyness: top terms each way by signed log-likelihood (diverging bars), from ../keyness.csv.
# Written by rhetor plot. Render by hand, from any directory: gnuplot -e "fmt='pdf'" keyness.gp
# fmt: png (default), pdf, svg, tex (cairolatex: keyness-tex.tex and keyness-tex.pdf);
# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is
# left out is said on stderr in lines "rhetor note: ...". The table is read as
# data; nothing in it is run as gnuplot code.
# Columns read, by number: term=1 log_likelihood=6

# Settings. Change them here (rhetor plot then keeps this file and writes its
# own beside it), or for one run: gnuplot -e "fontsize=10; figwidth=12" keyness.gp
if (!exists("figtitle")) figtitle = 'Keyness: terms typical of the target and of the reference'
if (!exists("fontsize")) fontsize = 8         # points
if (!exists("figwidth")) figwidth = 0         # cm; 0: as width says
if (!exists("figheight")) figheight = 0       # cm; 0: as tall as the content needs
if (!exists("colours")) colours = '#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #F0E442'
if (!exists("top")) top = 20                  # bars (rows) per panel
if (!exists("maxpanels")) maxpanels = 12
if (!exists("maxheight")) maxheight = 23      # cm, the tallest figure (a page's text block)
# The bars: 'g2' (signed log-likelihood: how sure) or 'log_ratio' (how much
# more frequent, Hardie 2014); 'auto': the log ratio when the largest G2
# drawn is over 30 times the smallest, so that one would flatten the rest.
if (!exists("view")) view = 'auto'
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
rh_last = 12
# Cells with a backslash, as gnuplot reads them (\ starts an escape there) and as written.
array rh_raw = ['']
rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''
rh_table = rh_dir . '../' . 'keyness.csv'
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

# keyness.csv lists terms by signed G2, most key to the target first and
# most key to the reference last: the chart takes `top` from each end and
# draws their G2 or their log ratio (view). (Counters of their own: rh_at uses rh_p.)
stats rh_table using (column(6) > 0 ? 1 : 0) nooutput
rh_npos = STATS_sum
stats rh_table using (column(6) < 0 ? 1 : 0) nooutput
rh_nneg = STATS_sum
rh_kp = int(rh_npos < top ? rh_npos : top)
rh_kn = int(rh_nneg < top ? rh_nneg : top)
rh_ny = rh_kp + rh_kn > 0 ? rh_kp + rh_kn : 1
rh_pick(v) = v > 0 ? (rh_pc = rh_pc + 1, rh_pc <= rh_kp ? rh_pc : -1) : v < 0 ? (rh_qc = rh_qc + 1, rh_qc > rh_nneg - rh_kn ? rh_kp + rh_qc - (rh_nneg - rh_kn) : -1) : -1
rh_lr = view eq 'log_ratio'
if (view eq 'auto') {
	rh_pc = 0
	rh_qc = 0
	stats rh_table using (rh_y = rh_pick(column(6)), rh_y > 0 ? abs(column(6)) : NaN) nooutput
	rh_lr = STATS_min > 0 && STATS_max > 30 * STATS_min
	if (rh_lr) { print sprintf('rhetor note: %s: the largest G2 drawn is %.0f times the smallest: bars show the log ratio (the rows are the most key by G2, in the order of their log ratio); G2 by hand: gnuplot -e "view=''g2''"', 'keyness', STATS_max / STATS_min) }
}
rh_val(x) = rh_lr ? column(10) : column(6)
# The rows drawn, in the table's order: value (rh_kv) and label (rh_kl).
array rh_kv[rh_ny]
array rh_kl[rh_ny]
do for [rh_k = 1:rh_ny] { rh_kv[rh_k] = 0; rh_kl[rh_k] = '' }
rh_pc = 0
rh_qc = 0
stats rh_table using (rh_y = rh_pick(column(6)), rh_y > 0 ? (rh_kv[rh_y] = rh_val(0), rh_kl[rh_y] = rh_ln(rh_str(1)), 0) : 0) nooutput
# Labels: in one line of rh_room cm if they fit, else two; the bars keep 4.2 cm
# at 1col (their axis label is as wide), the labels 0.4 of the figure at 2col.
rh_room = width eq '1col' ? rh_wcm - 0.45 * rh_fk - 4.2 * rh_fk : 0.4 * rh_wcm
# Each side in the order of the value drawn, largest first (ties in the table's
# order); a row one unit high, a label of two lines 1.8 units. rh_kc: a row's centre.
array rh_ko[rh_ny]
array rh_kh[rh_ny]
array rh_kc[rh_ny]
do for [rh_k = 1:rh_ny] {
	rh_s0 = rh_k <= rh_kp ? 1 : rh_kp + 1
	rh_s1 = rh_k <= rh_kp ? rh_kp : rh_ny
	rh_ko[rh_k] = rh_s0 + sum [rh_j = rh_s0:rh_s1] ((rh_kv[rh_j] > rh_kv[rh_k] || (rh_kv[rh_j] == rh_kv[rh_k] && rh_j < rh_k)) ? 1 : 0)
	rh_kh[rh_ko[rh_k]] = rh_lines(rh_kl[rh_k], rh_room) > 1 ? 1.8 : 1
}
rh_lmw = 0
do for [rh_k = 1:rh_ny] { rh_lmw = rh_wlab(rh_kl[rh_k], rh_room) > rh_lmw ? rh_wlab(rh_kl[rh_k], rh_room) : rh_lmw }
rh_u = 0
do for [rh_k = 1:rh_ny] { rh_kc[rh_k] = 0.5 + rh_u + rh_kh[rh_k] / 2.0; rh_u = rh_u + rh_kh[rh_k] }
# The value axis spans the rows drawn.
rh_e0 = 0
rh_e1 = 0
do for [rh_k = 1:rh_ny] { rh_e0 = rh_kv[rh_k] < rh_e0 ? rh_kv[rh_k] : rh_e0; rh_e1 = rh_kv[rh_k] > rh_e1 ? rh_kv[rh_k] : rh_e1 }
rh_xmin = rh_e0 < 0 ? rh_e0 * 1.05 : -1
rh_xmax = rh_e1 > 0 ? rh_e1 * 1.05 : 1
eval rh_term((0.36 * rh_u + 2.0 + (width eq '1col' ? 0.4 : 0)) * rh_fk + (titles ? 0.6 * rh_fk : 0))
set output rh_out('keyness')
if (titles) { set title figtitle }
set xrange [rh_xmin:rh_xmax]
# At 1col the value axis has fewer tics, so the bars keep room.
set xtics rh_step(rh_xmax - rh_xmin, width eq '1col' ? 3 : 6)
set yrange [rh_u + 0.6:0.4]
set ytics () scale 0
do for [rh_k = 1:rh_ny] { if (rh_kl[rh_k] ne '') { set ytics add (rh_pct(rh_wrap(rh_kl[rh_k], rh_room)) rh_kc[rh_ko[rh_k]]) } }
# The left margin from the labels' measured width (gnuplot's own guess counts characters).
set lmargin at screen (rh_lmw + 0.45 * rh_fk) / rh_wcm
set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5
# The line the bars start from.
set yzeroaxis lt 1 lc rgb '#000000' lw 0.8
set xlabel (rh_lr ? rh_logratio : 'signed ' . rh_g2)
if (width eq '1col') { set key outside top center vertical samplen 1 } else { set key outside top center horizontal samplen 1 }
rh_pc = 0
rh_qc = 0
plot rh_table using (rh_v = column(6), rh_y = rh_pick(rh_v), rh_yc = rh_y > 0 ? rh_kc[rh_ko[rh_y]] : NaN, 0):(rh_yc):(0):(rh_val(0)):(rh_yc - 0.38):(rh_yc + 0.38):(rh_v > 0 ? rh_bar_i : rh_bar2_i) with boxxyerror fc rgb variable, \
	keyentry with boxes fc rgb rh_bar title 'key to the target', \
	keyentry with boxes fc rgb rh_bar2 title 'key to the reference'
eval rh_chk
# rhetor plot wrote this file; the SHA-256 of the text above: a05b7ba33a092a2549c152815de1e902e57b72115204f7ae9615db16bbd2e97d
# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.
