# rhetor.gp: the shared look of every rhetor chart, loaded by each script.
#
# Set before loading (all optional; `gnuplot -e "fmt='pdf'" terms.gp`):
#   fmt       output format: 'png' (default), 'pdf', 'svg' or 'tex' (cairolatex)
#   width     '1col' (8.5 cm) or '2col' (17.5 cm, default)
#   titles    1 to draw a title above the figure (journals set it in the caption)
#   fontsize  in points (default 8); figwidth, figheight in cm (0: as width
#             says, as the content needs); colours, the series colours in order
# Provides: the Okabe-Ito palette as line types 1-8 (each with its own dash
# and point type, so charts survive greyscale printing), paper font sizes,
# rh_term(h) (the terminal command for a figure h cm tall, to `eval`),
# rh_out(name) (the output file name), rh_lab(s) (a data string made safe and
# short for use as a label), rh_labn(s, n) (the same, at most n characters)
# and the axis label texts. A script says what it left out on stderr, in lines
# starting "rhetor note: " (rhetor plot passes them on and fails on any other).

set encoding utf8
if (!exists("fmt")) fmt = 'png'
if (!exists("width")) width = '2col'
if (!exists("titles")) titles = 0
if (!exists("fontsize")) fontsize = 8
if (!exists("figwidth")) figwidth = 0
if (!exists("figheight")) figheight = 0
# Okabe & Ito (2008) colour-blind-safe palette; yellow last (weak on white).
if (!exists("colours")) colours = '#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #F0E442'
if (fmt ne 'png' && fmt ne 'pdf' && fmt ne 'svg' && fmt ne 'tex') {
	exit error "rhetor.gp: fmt must be 'png', 'pdf', 'svg' or 'tex'"
}
if (width ne '1col' && width ne '2col') {
	exit error "rhetor.gp: width must be '1col' or '2col'"
}

# Figure widths of a typical journal page: one column 8.5 cm, two 17.5 cm.
rh_wcm = figwidth > 0 ? figwidth : (width eq '1col') ? 8.5 : 17.5
rh_font = 'Helvetica'
rh_fsize = fontsize
# Lengths in cm that hold text (a label's line, a margin) grow with the font.
rh_fk = rh_fsize / 8.0
# PNG at 300 dots per inch; pngcairo measures fonts at 96 per inch, so they scale.
# pdfcairo does too, and its default fontscale is 0.5 (8 pt would print at 5.3):
# fontscale 0.75 (72/96) prints 8 pt as 8 pt.
rh_dpi = 300
rh_px(cm) = int(cm / 2.54 * rh_dpi + 0.5)
rh_pt(cm) = int(cm / 2.54 * 72 + 0.5)

# The figure's height: figheight if set, else what the chart asks for (rh_h).
rh_hh(h) = figheight > 0 ? figheight : h
rh_term(h) = (rh_h = rh_hh(h), \
	fmt eq 'png' ? sprintf("set terminal pngcairo noenhanced size %d,%d font '%s,%g' fontscale %g linewidth %g", \
		rh_px(rh_wcm), rh_px(rh_h), rh_font, rh_fsize, rh_dpi / 96.0, rh_dpi / 96.0) : \
	fmt eq 'pdf' ? sprintf("set terminal pdfcairo noenhanced size %gcm,%gcm font '%s,%g' fontscale 0.75 linewidth 1", \
		rh_wcm, rh_h, rh_font, rh_fsize) : \
	fmt eq 'svg' ? sprintf("set terminal svg noenhanced size %d,%d font '%s,%g' linewidth 1", \
		rh_pt(rh_wcm), rh_pt(rh_h), rh_font, rh_fsize) : \
	sprintf("set terminal cairolatex pdf input size %gcm,%gcm font ',%g' linewidth 1", \
		rh_wcm, rh_h, rh_fsize))
# Point sizes: at pointsize 1 pdfcairo draws a dot 2.4 mm across, pngcairo
# 11 pixels whatever the resolution (0.9 mm at 300 dpi). Charts write
# `ps rh_ps * K`; K = 0.65 gives a dot of about 1.6 mm in every format.
rh_ps = fmt eq 'png' ? 2.7 : 1
# The tex form writes NAME-tex.tex and NAME-tex.pdf, so it never replaces NAME.pdf.
rh_out(name) = fmt eq 'tex' ? name . '-tex.tex' : name . '.' . fmt

# Labels from the data: at most rh_maxlab characters (36 keeps the
# concept names and labels of the shipped dictionary whole); for LaTeX every special character is escaped,
# so a term can never become a LaTeX command.
rh_maxlab = 36
rh_ctl = "\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037\177"
rh_texc(c) = c eq "\\" ? "\\textbackslash{}" : c eq "^" ? "\\^{}" : c eq "~" ? "\\~{}" : \
	strstrt("{}$&#%_", c) > 0 ? "\\" . c : strstrt(rh_ctl, c) > 0 ? " " : c
rh_tex(s) = strlen(s) == 0 ? "" : rh_texc(s[1:1]) . rh_tex(s[2:*])
rh_plain(s) = strlen(s) == 0 ? "" : (strstrt(rh_ctl, s[1:1]) > 0 ? " " : s[1:1]) . rh_plain(s[2:*])
rh_cutn(s, n) = strlen(s) > n ? s[1:n - 1] . "…" : s
rh_labn(s, n) = fmt eq 'tex' ? rh_tex(rh_cutn(s, n)) : rh_plain(rh_cutn(s, n))
rh_lab(s) = rh_labn(s, rh_maxlab)
# Text widths, so layouts give labels the room they need: the advance widths of
# Helvetica (Adobe's font metrics; Liberation Sans, which cairo draws for it,
# has the same) of the printable ASCII characters in thousandths of an em, 3
# digits each (@ is 1015); any other character counts as 0.556 em.
rh_asc = ' !"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
rh_aw = '278278355556556889667191333333389584278333278278556556556556556556556556556556278278584584584556999667667722722667611778722278500667556833722778667778722667611722667944667667611278278278469556333556556500556556278556556222222500222833556556556556333500278556500722500500500334260334584'
rh_cw(c) = (rh_wp = strstrt(rh_asc, c), rh_wp > 0 ? rh_aw[3 * rh_wp - 2:3 * rh_wp] / 1000.0 : 0.556)
# rh_em(s): the width of s in em; rh_cm(s) in cm at the figure's font size. gnuplot
# recurses once a character (about 200 at most): measure labels cut by rh_labn.
rh_em(s) = strlen(s) == 0 ? 0 : rh_cw(s[1:1]) + rh_em(s[2:*])
rh_emcm = rh_fsize / 72.0 * 2.54
rh_cm(s) = rh_em(s) * rh_emcm
# rh_nfit(s, e, 1, 0): how many leading characters of s fit in e em.
rh_nfit(s, e, k, a) = k > strlen(s) || a + rh_cw(s[k:k]) > e ? k - 1 : rh_nfit(s, e, k + 1, a + rh_cw(s[k:k]))
# rh_cutw(s, w): s cut to w cm, "…" (1 em) marking the cut.
rh_cutw(s, w) = rh_cm(s) <= w ? s : (rh_nk = rh_nfit(s, w / rh_emcm - 1, 1, 0), rh_nk > 0 ? s[1:rh_nk] . '…' : '…')
# rh_brk(s, e, 1, 0, 0): the last space of s with at most e em before it (0: none).
rh_brk(s, e, k, a, b) = k > strlen(s) || a > e ? b : rh_brk(s, e, k + 1, a + rh_cw(s[k:k]), s[k:k] eq ' ' ? k : b)
# rh_lx(s): a data string made safe as a label (no control character; LaTeX escaped for tex).
rh_lx(s) = fmt eq 'tex' ? rh_tex(s) : rh_plain(s)
# rh_wrap(s, w): the label of s (at most 2 * rh_maxlab characters) in w cm: one line
# if it fits, else two, broken at a space, each cut to w; rh_lines(s, w) says how many.
rh_wrap(s, w) = (rh_ws = rh_cutn(s, 2 * rh_maxlab), rh_cm(rh_ws) <= w ? rh_lx(rh_ws) : \
	(rh_bq = rh_brk(rh_ws, w / rh_emcm, 1, 0, 0), rh_bq > 1 ? \
	rh_lx(rh_cutw(rh_ws[1:rh_bq - 1], w)) . "\n" . rh_lx(rh_cutw(rh_ws[rh_bq + 1:*], w)) : rh_lx(rh_cutw(rh_ws, w))))
rh_lines(s, w) = (rh_ws = rh_cutn(s, 2 * rh_maxlab), rh_cm(rh_ws) <= w || rh_brk(rh_ws, w / rh_emcm, 1, 0, 0) <= 1 ? 1 : 2)
# rh_wlab(s, w): the width in cm of rh_wrap(s, w), near enough for a margin.
rh_wlab(s, w) = (rh_ww = rh_cm(rh_cutn(s, 2 * rh_maxlab)), rh_ww < w ? rh_ww : w)
# rh_fitw(s, w): the label of s in one line of w cm.
rh_fitw(s, w) = rh_lx(rh_cutw(rh_cutn(s, 2 * rh_maxlab), w))
# Labels given to `set xtics add` are formats too: % becomes %%.
rh_pct(s) = strlen(s) == 0 ? "" : (s[1:1] eq "%" ? "%%" : s[1:1]) . rh_pct(s[2:*])
rh_ticlab(s) = rh_pct(rh_lab(s))

# Axis label texts (the tex forms are LaTeX).
rh_per10k = 'rate per 10,000 words'
rh_g2 = (fmt eq 'tex') ? 'log-likelihood $G^2$' : 'log-likelihood G²'
rh_g2sym = (fmt eq 'tex') ? '$G^2$' : 'G²'
rh_ge = (fmt eq 'tex') ? '$\geq$' : '≥'
# At 1col the axis is about 5 cm long: the short form.
rh_dpnorm = (fmt eq 'tex') ? '$DP_{\mathrm{norm}}$ (0 even, 1 concentrated)' : \
	(width eq '1col') ? 'DPnorm (0 even, 1 concentrated)' : 'DPnorm (0 even across documents, 1 concentrated)'
rh_logratio = (fmt eq 'tex') ? 'log ratio (log$_2$ of the rate ratio)' : 'log ratio (log₂ of the rate ratio)'

# The series colours, each with its own dash and point type, so charts
# survive greyscale printing.
rh_colour(k) = word(colours, (k - 1) % words(colours) + 1)
set linetype 1 lc rgb rh_colour(1) lw 1.5 dt 1 pt 7 ps 0.6 * rh_ps
set linetype 2 lc rgb rh_colour(2) lw 1.5 dt 2 pt 5 ps 0.6 * rh_ps
set linetype 3 lc rgb rh_colour(3) lw 1.5 dt 3 pt 9 ps 0.7 * rh_ps
set linetype 4 lc rgb rh_colour(4) lw 1.5 dt 4 pt 13 ps 0.7 * rh_ps
set linetype 5 lc rgb rh_colour(5) lw 1.5 dt 5 pt 6 ps 0.6 * rh_ps
set linetype 6 lc rgb rh_colour(6) lw 1.5 dt (8,3,2,3) pt 4 ps 0.6 * rh_ps
set linetype 7 lc rgb rh_colour(7) lw 1.5 dt (2,2) pt 8 ps 0.7 * rh_ps
set linetype 8 lc rgb rh_colour(8) lw 1.5 dt (12,4) pt 12 ps 0.7 * rh_ps
set linetype cycle 8
# A key's line sample, in characters: long enough to show each dash pattern above
# twice (the longest, dash-dot-dot, repeats about every 2.6 characters).
rh_samplen = 6
# Bars: the first colour, the second for the other side; "#RRGGBB" as a number for rgb variable.
rh_rgb(c) = ('0x' . c[2:7]) + 0
rh_bar = rh_colour(1)
rh_bar_i = rh_rgb(rh_bar)
rh_bar2 = rh_colour(2)
rh_bar2_i = rh_rgb(rh_bar2)
# The first colour at 35 per cent on white: "not significant" bars.
rh_tint(v, t) = int(255 - (255 - v) * t + 0.5)
rh_light_i = rh_tint(int(rh_bar_i / 65536), 0.35) * 65536 + rh_tint(int(rh_bar_i / 256) % 256, 0.35) * 256 + rh_tint(rh_bar_i % 256, 0.35)
rh_light = sprintf('#%06X', rh_light_i)

# Sequential palette for heatmaps: white to Okabe-Ito blue.
set palette defined (0 '#FFFFFF', 0.5 '#56B4E9', 1 '#0072B2')

set border 3 lw 0.8
set tics nomirror out scale 0.5
set grid noxtics noytics
set style fill solid 1.0 noborder
# Keys: the sample before its label, so each label sits beside its own line.
set key noautotitle reverse Left
unset title
set datafile separator comma
set datafile missing 'NA'
set datafile columnheaders

# A tic step giving about n intervals up to x: 1, 2 or 5 times a power of ten
# (in real arithmetic: gnuplot divides whole numbers as integers, 1 / 5 = 0).
rh_step(x, n) = (rh_e = 10**floor(log10(x * 1.0 / n)), rh_f = x * 1.0 / n / rh_e, (rh_f < 1.5 ? 1 : rh_f < 3.5 ? 2 : rh_f < 7.5 ? 5 : 10) * rh_e)

# Layout check: with checklayout=1 each chart says, after each plot, where its
# plot area lies on the canvas, in the terminal's units (for tests):
#   rhetor layout: XMIN XMAX YMIN YMAX WIDTH HEIGHT
rh_chk = "if (exists('checklayout')) { print sprintf('rhetor layout: %d %d %d %d %d %d', GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_TERM_XSIZE / GPVAL_TERM_SCALE, GPVAL_TERM_YSIZE / GPVAL_TERM_SCALE) }"
