/* plot.c: gnuplot scripts for the result tables, one chart descriptor per table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "internal.h"
#include "rhetor/analysis.h"
#include "rhetor/plan.h"
#include "rhetor/plot.h"

/*
 * Every chart is one row of `charts` below: its name, the table it reads,
 * the columns it needs and a writer for its body. The writers share the
 * script header (locating the script's directory, the parameters, the
 * style) and two gnuplot fragments (distinct values of a column, the panels
 * to draw). Adding a chart for a new table is one writer (often an existing
 * one with other columns) and one row.
 *
 * Safety: a script never contains a cell of a table. gnuplot reads the CSV
 * itself, and strings from the data are only ever gnuplot string values
 * (labels, titles, array elements), never command text. The one exception,
 * the caller's --groups list, goes through rh_plot_quote.
 */

typedef struct chart chart;
typedef int (*body_fn)(FILE *fp, const chart *c);

struct chart {
	const char *name;     /* script NAME.gp, outputs NAME.png ... */
	const char *table;    /* the CSV it reads, in the parent directory */
	const char *describe; /* first line of the script */
	const char *columns;  /* columns the chart reads (for the reader of the script) */
	/* The last of the table's columns the chart needs in place (they come
	 * first, as the list of tables gives them): a number in every whole
	 * row, so the script can leave out the pieces of a row that a line break
	 * in a quoted cell split. */
	const char *whole;
	body_fn body;
	/* Parameters of the shared writers (NULL when unused). */
	const char *panel;    /* column whose values are the panels or series */
	const char *label;    /* column labelling each bar or row */
	const char *value;    /* column drawn */
	const char *rank;     /* rank column; NULL: the table's row order */
	const char *mark;     /* column compared with the threshold g2min */
	const char *axis;     /* gnuplot expression: the value axis label */
	const char *title;    /* figure title, drawn only with titles=1 */
	int grouped;          /* the table may end with a `group` column (--by) */
	int csel;             /* the panel or series values are concepts: --concepts picks them */
	int cn;               /* CN_PANEL, CN_LABEL: which columns hold concepts (named by rh_cname); CN_WORDS: the panels are sizes in words */
};

enum { CN_PANEL = 1, CN_LABEL = 2, CN_WORDS = 4 };

static int body_bars(FILE *fp, const chart *c);
static int body_intervals(FILE *fp, const chart *c);
static int body_keyness(FILE *fp, const chart *c);
static int body_heatmap(FILE *fp, const chart *c);
static int body_dots(FILE *fp, const chart *c);
static int body_trends(FILE *fp, const chart *c);
static int body_adoption(FILE *fp, const chart *c);

/* Each chart reads one table of the list of tables (src/lib/plan.c), its columns by number. */
static const chart charts[] = {
	{ "terms", "terms.csv", "top terms per group (small multiples, horizontal bars)",
	  "group,term,per_10k,rank",
	  "rank", body_bars,
	  "group", "term", "per_10k", "rank", NULL, "rh_per10k", "Most frequent terms per group", 0, 0, 0 },
	{ "tfidf", "tfidf.csv", "top tf-idf terms per unit (small multiples, horizontal bars)",
	  "unit,term,tfidf,rank",
	  "rank", body_bars,
	  "unit", "term", "tfidf", "rank", NULL, "'tf-idf weight'", "Terms with the highest tf-idf weight per unit", 0, 0, 0 },
	{ "concepts", "phrases_by_group.csv", "concept rates per group with exact Poisson 95% intervals",
	  "group,concept,per_10k,ci_low,ci_high",
	  "ci_high", body_intervals,
	  "group", "concept", "per_10k", NULL, NULL, "rh_per10k", "Concept rates per group, with 95% intervals", 0, 0, CN_LABEL },
	{ "keyness", "keyness.csv", "keyness: top terms each way by signed log-likelihood (diverging bars)",
	  "term,log_likelihood",
	  "bic", body_keyness,
	  NULL, "term", "log_likelihood", NULL, NULL, "'signed ' . rh_g2", "Keyness: terms typical of the target and of the reference", 0, 0, 0 },
	{ "collocates", "collocates.csv", "collocates of each concept by logDice, significant G2 marked",
	  "node,collocate,log_dice,log_likelihood",
	  "delta_p", body_bars,
	  "node", "collocate", "log_dice", NULL, "log_likelihood", "'logDice'", "Collocates of each concept by logDice", 1, 0, CN_PANEL },
	{ "concept_cooc", "concept_cooc.csv", "concept co-occurrence heatmap (Jaccard index)",
	  "concept_a,concept_b,jaccard",
	  "log_likelihood", body_heatmap,
	  "concept_a", "concept_b", "jaccard", NULL, NULL, "'Jaccard index'", "Concept co-occurrence (Jaccard index)", 1, 0, CN_PANEL | CN_LABEL },
	{ "similarity", "similarity.csv", "cosine similarity heatmap of the units",
	  "unit_a,unit_b,cosine",
	  "cosine", body_heatmap,
	  "unit_a", "unit_b", "cosine", NULL, NULL, "'cosine similarity'", "Cosine similarity of the units", 0, 0, 0 },
	{ "dispersion", "dispersion.csv", "dispersion of the first terms and concepts: DPnorm (strip plot)",
	  "term,count,dp_norm",
	  "juilland_d", body_dots,
	  NULL, "term", "dp_norm", NULL, NULL, "rh_dpnorm", "Dispersion of the most frequent terms and concepts across documents", 0, 0, 0 },
	{ "trends", "trends.csv", "concept rates over time per group with 95% interval bands",
	  "group,period,concept,count,per_10k,ci_low,ci_high",
	  "ci_high", body_trends,
	  "concept", "group", "per_10k", NULL, NULL, "rh_per10k", "Concept rates over time", 0, 1, CN_PANEL },
	{ "adoption", "adoption_curve.csv", "adoption curves: share of the groups that have used each concept",
	  "concept,period,cumulative_adopters,share",
	  "share", body_adoption,
	  "concept", NULL, "share", NULL, NULL, "'share of groups that have used it'", "Adoption of each concept over time", 0, 1, CN_PANEL },
	{ "candidates", "candidates.csv", "phrase candidates of each size by z, Blaheta & Johnson (small multiples, horizontal bars)",
	  "phrase,size,z",
	  "z", body_bars,
	  "size", "phrase", "z", NULL, NULL, "'z of the multiword-expression score'", "Phrase candidates found in the corpus", 0, 0, CN_WORDS },
};

#define NCHARTS (sizeof charts / sizeof *charts)

RH_API size_t rh_plot_count(void)
{
	return NCHARTS;
}

RH_API const char *rh_plot_name(size_t i)
{
	return i < NCHARTS ? charts[i].name : NULL;
}

RH_API const char *rh_plot_table(size_t i)
{
	return i < NCHARTS ? charts[i].table : NULL;
}

RH_API const char *rh_plot_describe(size_t i)
{
	return i < NCHARTS ? charts[i].describe : NULL;
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 if invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t len;
	unsigned lo = 0x80, hi = 0xBF;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	/* Overlong forms, surrogates and code points above U+10FFFF (RFC 3629). */
	if (p[0] == 0xE0)
		lo = 0xA0;
	else if (p[0] == 0xED)
		hi = 0x9F;
	else if (p[0] == 0xF0)
		lo = 0x90;
	else if (p[0] == 0xF4)
		hi = 0x8F;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (p[k] < 0x80 || p[k] > 0xBF)
			return 0;
	return len;
}

/*
 * The one place text reaches a script as code. Why the result is safe: in
 * gnuplot a single-quoted string ends only at a lone ' ('' is a quote
 * inside it), and nothing inside it is interpreted: backslashes are plain
 * characters, and backquote command substitution and @ macro expansion are
 * not done inside quotes. Such a literal can end early only at a newline (or
 * a NUL, which a C string cannot hold), so every control byte becomes a
 * space. Invalid UTF-8 becomes '?' so labels stay valid text for the
 * terminals; the length cap keeps a hostile cell from bloating the script.
 */
RH_API int rh_plot_quote(char **out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), used = 0, o = 0;
	/* Worst case: every kept byte is a quote and doubles. */
	char *buf = rh__malloc(2 * (n < RH_PLOT_QUOTE_MAX ? n : RH_PLOT_QUOTE_MAX) + 3);

	*out = NULL;
	if (!buf)
		return RH_ENOMEM;
	buf[o++] = '\'';
	while (used < n) {
		size_t len = utf8_len(p + used, n - used);

		if (len == 0) {
			if (used + 1 > RH_PLOT_QUOTE_MAX)
				break;
			buf[o++] = '?';
			used++;
			continue;
		}
		if (used + len > RH_PLOT_QUOTE_MAX)
			break;
		if (len == 1) {
			unsigned char ch = p[used];

			if (ch == '\'') {
				buf[o++] = '\'';
				buf[o++] = '\'';
			} else if (ch < 0x20 || ch == 0x7F) {
				buf[o++] = ' ';
			} else {
				buf[o++] = (char)ch;
			}
		} else {
			memcpy(buf + o, p + used, len);
			o += len;
		}
		used += len;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	*out = buf;
	return 0;
}

/*
 * The columns chart c reads in place: the first *nreq of its table's in
 * the list of tables (rhetor/plan.h), up to and with `whole`.
 */
static const char *const *required(const chart *c, size_t *nreq)
{
	const rh_table_def *td = rh_tables_find(c->table);
	*nreq = 0;
	for (size_t k = 0; td && k < td->ncolumns; k++)
		if (!strcmp(td->columns[k], c->whole)) {
			*nreq = k + 1;
			return td->columns;
		}
	return NULL;
}

RH_API int rh_plot_check_header(size_t i, const char *header)
{
	const char *const *cols;
	const char *h;
	char list[512];
	size_t nreq, used = 0;

	if (i >= NCHARTS || !header)
		return rh_error__set(RH_EUSAGE, "plot: no chart %zu or no header", i);
	if (!(cols = required(&charts[i], &nreq)))
		return rh_error__set(RH_EUSAGE, "plot: chart %s reads %s, which the list of tables lacks", charts[i].name,
				     charts[i].table);
	for (size_t k = 0; k < nreq && used < sizeof list; k++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", k ? "," : "", cols[k]);
	if (!strncmp(header, "\xEF\xBB\xBF", 3))
		header += 3;
	/* The scripts read columns by number: the required ones come first, in order. */
	h = header;
	for (size_t k = 0; k < nreq; k++) {
		size_t nl = strlen(cols[k]), hl = strcspn(h, ",\r\n");

		if (hl != nl || memcmp(h, cols[k], nl) != 0)
			return rh_error__set(RH_EPARSE, "%s: column %zu is '%.*s', not '%s' (chart %s needs the columns %s first)",
					     charts[i].table, k + 1, (int)(hl > 64 ? 64 : hl), h, cols[k], charts[i].name,
					     list);
		h += hl;
		if (*h == ',')
			h++;
	}
	return 0;
}

/* The 1-based position of column `name` among the ones chart c reads in place, or 0. */
static unsigned col_index(const chart *c, const char *name, size_t n)
{
	size_t nreq;
	const char *const *cols = required(c, &nreq);

	for (size_t k = 0; cols && k < nreq; k++)
		if (strlen(cols[k]) == n && !memcmp(cols[k], name, n))
			return (unsigned)k + 1;
	return 0;
}

static int put_col(FILE *fp, const chart *c, const char *name, size_t n)
{
	unsigned k = name ? col_index(c, name, n) : 0;

	if (!k)
		return rh_error__set(RH_EUSAGE, "plot: chart %s has no column '%.*s'", c->name,
				     (int)n, name ? name : "");
	fprintf(fp, "%u", k);
	return 0;
}

/* Writes a quoted literal of s. */
static int put_quoted(FILE *fp, const char *s)
{
	char *q;
	int err = rh_plot_quote(&q, s);

	if (err < 0)
		return err;
	fputs(q, fp);
	free(q);
	return 0;
}

/*
 * Writes `text`, replacing @P@, @L@, @V@, @R@, @M@ (the chart's panel,
 * label, value, rank and mark columns) and @{name} with column numbers,
 * @N@ with the chart name as a quoted literal, @T@ with the title variable,
 * @O@ with the option that picks the panels (--concepts or --groups), @W@
 * with what the panels are, plural (concepts, groups, units, sizes), and
 * @A@ with the axis label expression. Columns go by number, not by header
 * name: gnuplot's lookup by name warns on every row a hostile cell breaks.
 */
static int put(FILE *fp, const chart *c, const char *text)
{
	int err;

	for (const char *t = text; *t; t++) {
		const char *col = NULL;

		if (t[0] == '@' && t[1] == '{') {
			size_t n = strcspn(t + 2, "}");

			if ((err = put_col(fp, c, t + 2, n)) < 0)
				return err;
			t += 2 + n;
			continue;
		}
		if (t[0] != '@' || !t[1] || t[2] != '@') {
			fputc(*t, fp);
			continue;
		}
		err = 0;
		switch (t[1]) {
		case 'N': err = put_quoted(fp, c->name); break;
		case 'T': fputs("figtitle", fp); break;
		case 'A': fputs(c->axis, fp); break;
		case 'O': fputs((c->cn & CN_PANEL) ? "--concepts" : "--groups", fp); break;
		case 'W': fprintf(fp, "%s%s", (c->cn & CN_PANEL) ? "concept" : c->panel ? c->panel : "panel", "s"); break;
		case 'P': col = c->panel; break;
		case 'L': col = c->label; break;
		case 'V': col = c->value; break;
		case 'R': col = c->rank; break;
		case 'M': col = c->mark; break;
		default:
			return rh_error__set(RH_EUSAGE, "plot: bad template field @%c@", t[1]);
		}
		if (col)
			err = put_col(fp, c, col, strlen(col));
		if (err < 0)
			return err;
		t += 2;
	}
	return 0;
}

/* The 1-based position of a column named `name` after the required ones in `header`, or 0. */
static unsigned optional_col(const chart *c, const char *header, const char *name)
{
	unsigned pos = 1;
	size_t want = strlen(name), nreq;

	if (!required(c, &nreq) || !header)
		return 0;
	if (!strncmp(header, "\xEF\xBB\xBF", 3))
		header += 3;
	for (const char *h = header; *h && *h != '\r' && *h != '\n'; pos++) {
		size_t n = strcspn(h, ",\r\n");

		if (pos > nreq && n == want && !memcmp(h, name, n))
			return pos;
		h += n;
		if (*h == ',')
			h++;
	}
	return 0;
}

/*
 * The rows a chart draws: rh_ok(0) is true for a row of the chosen group when
 * the table has a group column, for every row otherwise. The group is the
 * variable `group` if set by hand, else the first --groups value found in
 * the column, else `all`, else the table's first group (with a note). A chart
 * that draws panels per group (body_bars, body_heatmap) takes every --groups
 * value found, in the order given, as rh_gd[1..rh_ngd]; rh_gpos(s) is s's
 * place there. The heatmap keeps the groups given that the table lacks
 * (when it has one of them), so their panels say they have no rows.
 */
static int put_group(FILE *fp, const chart *c, unsigned gcol)
{
	int err;

	if (!gcol) {
		fputs("rh_gcol = 0\n"
		      "rh_ok(x) = 1\n", fp);
		if (c->body == body_bars || c->body == body_heatmap)
			fputs("rh_ngd = 1\n"
			      "array rh_gd = ['']\n"
			      "rh_gpos(s) = 1\n", fp);
		return 0;
	}
	fprintf(fp, "# The table has a group column (it was made with --by): the groups given are\n"
		"# drawn, each in panels of its own (one group when none is given).\n"
		"rh_gcol = %u\n"
		"rh_gkeep = %d\n", gcol, c->body == body_heatmap);
	err = put(fp, c,
		  "array rh_gd[ngroups + 1]\n"
		  "rh_ngd = 0\n"
		  "if (!exists(\"group\")) {\n"
		  "\trh_first = ''\n"
		  "\trh_hasall = 0\n"
		  "\tarray rh_gf[ngroups + 1]\n"
		  "\tdo for [rh_k = 1:ngroups + 1] { rh_gf[rh_k] = 0 }\n"
		  "\trh_selpos(s) = ngroups > 0 ? (sum [rh_j = 1:ngroups] (groups[rh_j] eq s ? rh_j : 0)) : 0\n"
		  "\trh_gscan(s) = (rh_p = rh_selpos(s), rh_p > 0 ? (rh_gf[rh_p] = 1) : 0, "
		  "rh_hasall = rh_hasall || s eq 'all', rh_first = rh_first eq '' ? s : rh_first, 0)\n"
		  "\tstats rh_table using (rh_gscan(rh_str(rh_gcol))) nooutput\n"
		  "\trh_nf = sum [rh_k = 1:ngroups + 1] rh_gf[rh_k]\n"
		  "\tdo for [rh_k = 1:ngroups] { if (rh_gf[rh_k] || (rh_gkeep && rh_nf > 0)) { rh_ngd = rh_ngd + 1; rh_gd[rh_ngd] = groups[rh_k] } }\n"
		  "\tgroup = rh_ngd > 0 ? rh_gd[1] : rh_hasall ? 'all' : rh_first\n"
		  "\tif (rh_ngd == 0 && !rh_hasall) {\n"
		  "\t\tprint 'rhetor note: ' . @N@ . ': the table has rows for each group; drawing the first (named above the chart). "
		  "Choose with --groups A,B,...; or by hand: gnuplot -e \"group=''NAME''\"'\n"
		  "\t}\n"
		  "}\n"
		  "if (rh_ngd == 0) { rh_ngd = 1; rh_gd[1] = group }\n"
		  "rh_gpos(s) = sum [rh_j = 1:rh_ngd] (rh_gd[rh_j] eq s ? rh_j : 0)\n"
		  "rh_ok(x) = rh_gpos(rh_str(rh_gcol)) > 0\n");
	return err;
}

/*
 * Fast lookups for tables with many rows (trends.csv of a large corpus has
 * hundreds of thousands): each distinct value of a column is kept in one
 * string as "\001value\002" followed by its number in 7 characters, so a
 * single strstrt call (a C string search) finds a row's value where a loop
 * over all values in gnuplot would cost a pass per value. A value holding
 * byte 1 or 2 is never indexed (and never drawn). rh_at(index, s) is s's
 * number in `index`, or 0; rh_key(s, k) is the entry to append.
 */
static const char index_fns[] =
	"# String indexes: \"\\001value\\002\" and its number in 7 characters.\n"
	"rh_bad(s) = s eq '' || strstrt(s, \"\\001\") > 0 || strstrt(s, \"\\002\") > 0\n"
	"rh_key(s, k) = \"\\001\" . s . \"\\002\" . sprintf('%7d', k)\n"
	"rh_at(r, s) = rh_bad(s) ? 0 : (rh_p = strstrt(r, \"\\001\" . s . \"\\002\"), "
	"rh_p > 0 ? r[rh_p + strlen(s) + 2:rh_p + strlen(s) + 8] + 0 : 0)\n";

/*
 * Writes `array arr = [...]` of the caller's values (quoted); none gives
 * [''], which the script reads as "none".
 */
static int put_sel(FILE *fp, const char *arr, const char *const *v, size_t n)
{
	int err;

	fprintf(fp, "array %s = [", arr);
	if (!v || n == 0)
		fputs("''", fp);
	for (size_t k = 0; v && k < n; k++) {
		if (k)
			fputs(", ", fp);
		if ((err = put_quoted(fp, v[k])) < 0)
			return err;
	}
	fputs("]\n", fp);
	return 0;
}

/*
 * gnuplot reads every string field of a data file through its escape
 * processing: \\ \n \r \t \" and octal \ooo (\0ooo) become one byte, a
 * backslash before any other character is dropped ('a\b' reads 'ab'), \000
 * ends the string. Writes into `out` (strlen(s) + 1 bytes) what gnuplot
 * reads from cell `s`, each control byte as a space (as rh_plain shows it),
 * and returns 0; or -1 for a reading the script cannot name: a cell holding a
 * quote (gnuplot ends a field there) or an octal escape outside ASCII.
 */
static int gp_reading(char *out, const char *s)
{
	char *t = out;

	if (strchr(s, '"'))
		return -1;
	while (*s) {
		int ch;
		if (*s != '\\') {
			ch = (unsigned char)*s++;
		} else if (!*++s) {
			break;
		} else if (strchr("\\nrt", *s)) {
			ch = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s == 't' ? '\t' : '\\';
			s++;
		} else if (*s >= '0' && *s <= '7') {
			int max = *s == '0' ? 4 : 3;
			ch = 0;
			for (int k = 0; k < max && *s >= '0' && *s <= '7'; k++)
				ch = ch * 8 + (*s++ - '0');
			if (ch == 0)
				break;
			if (ch > 0x7f)
				return -1;
		} else {
			continue;
		}
		*t++ = (char)(ch < 0x20 || ch == 0x7f ? ' ' : ch);
	}
	*t = '\0';
	return 0;
}

/* Cells of a table that gnuplot reads otherwise, named in a script at most. */
#define RAW_MAX 100

static int by_text(const void *a, const void *b);

/*
 * Writes `array rh_raw = [reading, cell, ...]`: the cells of the table (its
 * bytes in o->table) that hold a backslash, each after what gnuplot reads
 * from it, so rh_str gives the cell as the table has it. A reading that is
 * also another cell's (or another reading) is left out: it cannot tell the
 * two apart. At most RAW_MAX cells, each of at most RH_PLOT_QUOTE_MAX bytes.
 */
static int put_raw(FILE *fp, const rh_plot_options *o)
{
	rh_csv csv;
	char **cells = NULL, **read = NULL;
	size_t ncells = 0, nraw = 0;
	int err = 0;

	fputs("# Cells with a backslash, as gnuplot reads them (\\ starts an escape there) and as written.\n"
	      "array rh_raw = [", fp);
	if (!o->table || !memchr(o->table, '\\', o->table_len) ||
	    rh_csv__read_buf(&csv, o->table, o->table_len, "table") < 0) {
		fputs("'']\n", fp);
		return 0;
	}
	for (size_t r = 1; r < csv.nrows; r++)
		ncells += csv.rows[r].ncells;
	if (!(cells = rh__malloc((ncells + 1) * sizeof *cells)) || !(read = rh__calloc(2 * RAW_MAX, sizeof *read))) {
		err = RH_ENOMEM;
		goto done;
	}
	ncells = 0;
	for (size_t r = 1; r < csv.nrows; r++)
		for (size_t k = 0; k < csv.rows[r].ncells; k++)
			cells[ncells++] = csv.rows[r].cells[k];
	qsort(cells, ncells, sizeof *cells, by_text);
	for (size_t i = 0; i < ncells && nraw < RAW_MAX; i++) {
		char *g;
		size_t n = strlen(cells[i]);
		int clash = 0;
		if ((i && !strcmp(cells[i], cells[i - 1])) || !strchr(cells[i], '\\') || n > RH_PLOT_QUOTE_MAX)
			continue;
		if (!(g = rh__malloc(n + 1))) {
			err = RH_ENOMEM;
			goto done;
		}
		if (gp_reading(g, cells[i]) < 0 || !strcmp(g, cells[i]) ||
		    bsearch(&g, cells, ncells, sizeof *cells, by_text)) {
			free(g);
			continue;
		}
		for (size_t k = 0; k < nraw && !clash; k++)
			clash = !strcmp(read[2 * k], g);
		if (clash) {
			free(g);
			continue;
		}
		read[2 * nraw] = g;
		read[2 * nraw++ + 1] = cells[i];
	}
	if (!nraw)
		fputs("''", fp);
	for (size_t k = 0; k < 2 * nraw && err >= 0; k++) {
		if (k)
			fputs(", ", fp);
		err = put_quoted(fp, read[k]);
	}
	fputs("]\n", fp);
done:
	for (size_t k = 0; k < nraw; k++)
		free(read[2 * k]);
	free(read);
	free(cells);
	rh_csv__free(&csv);
	return err;
}

/* The Okabe & Ito (2008) colour-blind-safe palette, yellow last (weak on white). */
static const char palette[] = "#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #F0E442";

static int put_header(FILE *fp, const chart *c, const rh_plot_options *o)
{
	int err;
	unsigned gcol = c->grouped ? optional_col(c, o->header, "group") : 0, last, kcol;

	fprintf(fp, "# %s.gp: %s, from ../%s.\n", c->name, c->describe, c->table);
	fprintf(fp,
		"# Written by rhetor plot. Render by hand, from any directory: gnuplot -e \"fmt='pdf'\" %s.gp\n"
		"# fmt: png (default), pdf, svg, tex (cairolatex: %s-tex.tex and %s-tex.pdf);\n"
		"# width='1col' (8.5 cm) or '2col' (17.5 cm); titles=1 draws the title. What is\n"
		"# left out is said on stderr in lines \"rhetor note: ...\". The table is read as\n"
		"# data; nothing in it is run as gnuplot code.\n",
		c->name, c->name, c->name);
	fputs("# Columns read, by number:", fp);
	for (const char *p = c->columns; *p;) {
		size_t n = strcspn(p, ",");

		fprintf(fp, " %.*s=", (int)n, p);
		if ((err = put_col(fp, c, p, n)) < 0)
			return err;
		p += n;
		if (*p == ',')
			p++;
	}
	fputs("\n\n", fp);
	fprintf(fp, "# Settings. Change them here (rhetor plot then keeps this file and writes its\n"
		"# own beside it), or for one run: gnuplot -e \"fontsize=10; figwidth=12\" %s.gp\n", c->name);
	fputs("if (!exists(\"figtitle\")) figtitle = ", fp);
	if ((err = put_quoted(fp, c->title)) < 0)
		return err;
	fputs("\n", fp);
	fprintf(fp,
		"if (!exists(\"fontsize\")) fontsize = 8         # points\n"
		"if (!exists(\"figwidth\")) figwidth = 0         # cm; 0: as width says\n"
		"if (!exists(\"figheight\")) figheight = 0       # cm; 0: as tall as the content needs\n"
		"if (!exists(\"colours\")) colours = '%s'\n"
		"if (!exists(\"top\")) top = %u                  # bars (rows) per panel\n"
		"if (!exists(\"maxpanels\")) maxpanels = %d\n"
		"if (!exists(\"maxheight\")) maxheight = 23      # cm, the tallest figure (a page's text block)\n",
		palette, o->top ? o->top : (unsigned)strtoul(rh_analysis_default("plot", "top"), NULL, 10),
		c->csel ? 6 : 12);
	if (c->csel)
		fputs("if (!exists(\"maxseries\")) maxseries = 3       # groups drawn when none are chosen\n", fp);
	if (c->body == body_keyness)
		fputs("# The bars: 'g2' (signed log-likelihood: how sure) or 'log_ratio' (how much\n"
		      "# more frequent, Hardie 2014); 'auto': the log ratio when the largest G2\n"
		      "# drawn is over 30 times the smallest, so that one would flatten the rest.\n"
		      "if (!exists(\"view\")) view = 'auto'\n", fp);
	fputs("# The groups drawn, in this order; [''] lets the chart choose.\n", fp);
	if ((err = put_sel(fp, "groups", o->groups, o->ngroups)) < 0)
		return err;
	if (c->csel || (c->cn & CN_PANEL)) {
		fputs("# The concepts drawn, in this order; [''] lets the chart choose.\n", fp);
		if ((err = put_sel(fp, "concepts", o->concepts, o->nconcepts)) < 0)
			return err;
	}
	fputs("# How concepts are named: pairs of concept and label; others read with underscores as spaces.\n", fp);
	if ((err = put_sel(fp, "labels", o->labels, o->labels ? 2 * o->nlabels : 0)) < 0)
		return err;
	fputs("# The time axis.\n"
	      "if (!exists(\"timelabel\")) timelabel = ", fp);
	if ((err = put_quoted(fp, o->time && *o->time ? o->time : "period")) < 0)
		return err;
	fputs("\n# End of the settings.\n\n", fp);
	/*
	 * Work in the script's own directory so the paths below hold from
	 * anywhere; rhetor plot sets render_here and runs the script from a
	 * scratch directory, where the drawings go (the cairolatex form names
	 * its PDF as the output is named, so that must be a plain file name).
	 */
	fputs("rh_i = 0\n"
	      "do for [rh_k = 1:strlen(ARG0)] { if (ARG0[rh_k:rh_k] eq '/') { rh_i = rh_k } }\n"
	      "rh_dir = ''\n"
	      "if (exists(\"render_here\")) { rh_dir = rh_i > 0 ? ARG0[1:rh_i] : '' } else { if (rh_i > 0) { cd ARG0[1:rh_i] } }\n"
	      "ngroups = groups[1] eq '' ? 0 : |groups|\n", fp);
	if (c->csel || (c->cn & CN_PANEL))
		fputs("nconcepts = concepts[1] eq '' ? 0 : |concepts|\n", fp);
	else
		fputs("nconcepts = 0\n", fp);
	/* Panels or cells that are concepts are picked by the concepts (the groups, when none is given). */
	fprintf(fp, "rh_npsel = %s\n"
		"array rh_psel[rh_npsel + 1]\n"
		"if (rh_npsel == nconcepts) { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = concepts[rh_k] } } "
		"else { do for [rh_k = 1:rh_npsel] { rh_psel[rh_k] = groups[rh_k] } }\n",
		(c->cn & CN_PANEL) && !c->csel ? "nconcepts > 0 ? nconcepts : ngroups" : "ngroups");
	/*
	 * A quoted cell holding a line break splits its row in two for gnuplot,
	 * which reads line by line; the pieces lack the table's last column, so
	 * rows without a number there are left out before any string is read.
	 */
	last = col_index(c, c->whole, strlen(c->whole));
	/* valid() is true only for a number: the last required column, not a trailing group. */
	fprintf(fp, "rh_last = %u\n", last);
	if ((err = put_raw(fp, o)) < 0)
		return err;
	fputs("rh_str(k) = valid(rh_last) ? rh_orig(strcol(k)) : ''\n", fp);
	fputs("rh_table = rh_dir . ", fp);
	if ((err = put_quoted(fp, "../")) < 0)
		return err;
	fputs(" . ", fp);
	if ((err = put_quoted(fp, c->table)) < 0)
		return err;
	fputs("\nload rh_dir . 'rhetor.gp'\n", fp);
	fputs(index_fns, fp);
	fputs("rh_ri = ''\n"
	      "do for [rh_k = 1:|rh_raw| / 2] { rh_ri = rh_ri . rh_key(rh_raw[2 * rh_k - 1], rh_k) }\n"
	      "rh_orig(s) = rh_ri eq '' ? s : (rh_rq = rh_at(rh_ri, rh_plain(s)), rh_rq > 0 ? rh_raw[2 * rh_rq] : s)\n", fp);
	fputs("# Concept names: the label given, else underscores as spaces.\n"
	      "rh_li = ''\n"
	      "do for [rh_k = 1:|labels| / 2] { if (!rh_bad(labels[2 * rh_k - 1])) { rh_li = rh_li . rh_key(labels[2 * rh_k - 1], rh_k) } }\n"
	      "rh_us(s) = strlen(s) == 0 ? '' : (s[1:1] eq '_' ? ' ' : s[1:1]) . rh_us(s[2:*])\n"
	      "rh_cname(s) = (rh_lq = rh_at(rh_li, s), rh_lq > 0 ? labels[2 * rh_lq] : rh_us(rh_cutn(s, 2 * rh_maxlab)))\n", fp);
	/* A table with a `kind` column (keyness, dispersion) lists words and concepts: concepts are marked. */
	kcol = optional_col(c, o->header, "kind");
	fprintf(fp, "rh_pn(s) = %s\n", c->cn & CN_PANEL ? "rh_cname(s)" : c->cn & CN_WORDS ? "s . '-word phrases'" : "s");
	/* rh_rowlab(s, w): a row's label at most w cm wide, a concept's mark kept whole. */
	/* rh_kind(x): the row's kind (a chart drawing rows it keeps defines it again). */
	if (kcol)
		fprintf(fp, "rh_kcol = %u\n"
			"rh_kind(x) = rh_str(rh_kcol)\n"
			"rh_ln(s) = rh_kind(0) eq 'concept' ? rh_cname(s) . ' (concept)' : s\n"
			"rh_rowlab(s, w) = rh_kind(0) eq 'concept' ? rh_fitw(rh_cname(s), w - rh_cm(' (concept)')) . ' (concept)' : rh_fitw(s, w)\n",
			kcol);
	else
		fprintf(fp, "rh_kind(x) = ''\n"
			"rh_ln(s) = %s\n"
			"rh_rowlab(s, w) = rh_fitw(rh_ln(s), w)\n", c->cn & CN_LABEL ? "rh_cname(s)" : "s");
	if ((err = put_group(fp, c, gcol)) < 0)
		return err;
	fputs("\n", fp);
	return 0;
}

/*
 * Distinct values of one or two columns, over the rows rh_ok accepts, into
 * array rh_D[1..rh_nd], in the order they first appear, at most `cap` of them
 * (a gnuplot expression). rh_dfind(s) is s's number there, or 0: the value
 * found last, else the string index rh_Di (index_fns); a value the index
 * cannot hold (byte 1 or 2) is looked for by a loop. rh_has(s) tells whether
 * s is among them.
 */
static int put_distinct(FILE *fp, const chart *c, int two, const char *cap)
{
	int err;

	fprintf(fp,
		"# Distinct values, read from the data (never written into this script).\n"
		"stats rh_table using (1) nooutput\n"
		"array rh_D[%sSTATS_records]\n"
		"rh_nd = 0\n"
		"rh_cap = %s\n"
		"rh_Di = ''\n"
		"rh_dl = 1\n"
		"rh_dl2 = 1\n"
		"rh_dhit(k) = (rh_dl2 = rh_dl, rh_dl = k)\n"
		"# The two values found last and the value after each (rows sorted by a column, or\n"
		"# cycling through the same values) are tried before the index.\n"
		"rh_dfind(s) = rh_nd == 0 ? 0 : rh_D[rh_dl] eq s ? rh_dl : rh_D[rh_dl2] eq s ? rh_dhit(rh_dl2) : "
		"(rh_dq = rh_dl %% rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : "
		"(rh_dq = rh_dl2 %% rh_nd + 1, rh_D[rh_dq] eq s) ? rh_dhit(rh_dq) : "
		"(rh_dq = rh_bad(s) ? sum [rh_j = 1:rh_nd] (rh_D[rh_j] eq s ? rh_j : 0) : rh_at(rh_Di, s), rh_dq > 0 ? rh_dhit(rh_dq) : 0)\n"
		"rh_has(s) = rh_dfind(s) > 0\n"
		"rh_add(s) = (s eq '' || rh_has(s) || rh_nd >= rh_cap) ? 0 : (rh_nd = rh_nd + 1, rh_D[rh_nd] = s, "
		"rh_Di = rh_bad(s) ? rh_Di : rh_Di . rh_key(s, rh_nd), rh_dhit(rh_nd), 1)\n",
		two ? "2 * " : "", cap);
	/* One column: stats of two columns warns on a table of one row (no slope to fit). */
	if ((err = put(fp, c, two ? "stats rh_table using (rh_ok(0) ? (rh_add(rh_str(@P@)), rh_add(rh_str(@L@))) : 0)"
				  : "stats rh_table using (rh_ok(0) ? rh_add(rh_str(@P@)) : 0)")) < 0)
		return err;
	fputs(" nooutput\n", fp);
	return 0;
}

/*
 * The panels (or series) to draw: the --groups selection in its order,
 * keeping only values the table has (all of them if none is there), else
 * every distinct value; at most `max` of them (a gnuplot expression). Gives
 * rh_G[1..rh_np] out of rh_ng candidates, and rh_pidx(s), s's place there.
 */
static void put_panels(FILE *fp, const char *max)
{
	fprintf(fp,
		"array rh_G[rh_nd + 1]\n"
		"rh_ng = 0\n"
		"do for [rh_k = 1:(rh_npsel > 0 ? rh_npsel : rh_nd)] {\n"
		"\trh_s = rh_npsel > 0 ? rh_psel[rh_k] : rh_D[rh_k]\n"
		"\tif ((rh_npsel == 0 || rh_has(rh_s)) && rh_ng < rh_nd && (sum [rh_j = 1:rh_ng] (rh_G[rh_j] eq rh_s)) == 0) { rh_ng = rh_ng + 1; rh_G[rh_ng] = rh_s }\n"
		"}\n"
		"# None of the requested values in this table: draw them all.\n"
		"if (rh_ng == 0) { do for [rh_k = 1:rh_nd] { rh_G[rh_k] = rh_D[rh_k] }; rh_ng = rh_nd }\n"
		"rh_np = rh_ng < %s ? rh_ng : %s\n"
		"rh_pidx(s) = sum [rh_j = 1:rh_np] (rh_G[rh_j] eq s ? rh_j : 0)\n\n", max, max);
}

/*
 * Horizontal bars, one panel per value of the panel column. The layout is
 * computed from what is drawn: the labels' widths (rh_cm) decide how many
 * panels fit across, and when the rows of panels do not fit the page's
 * height the panels show fewer bars before any panel is left out. The bars
 * of a panel are placed by the value drawn, longest first, so their order
 * and their length agree (collocates are chosen by G2 and drawn by logDice).
 */
static int body_bars(FILE *fp, const chart *c)
{
	int err;

	if ((err = put_distinct(fp, c, 0, "STATS_records")) < 0)
		return err;
	put_panels(fp, "maxpanels");
	fputs("# Panel g draws rh_pc(g) of group rh_pg(g) (put_group): each value's groups side\n"
	      "# by side, in the order given; rh_pidx(s) is then the panel of s in the row's group.\n"
	      "rh_nc = rh_np\n"
	      "rh_ng = rh_ng * rh_ngd\n"
	      "rh_np = rh_np * rh_ngd\n"
	      "if (rh_np > maxpanels) { rh_np = maxpanels >= rh_ngd ? maxpanels - maxpanels % rh_ngd : maxpanels }\n"
	      "rh_pc(g) = rh_G[int((g - 1) / rh_ngd) + 1]\n"
	      "rh_pg(g) = rh_gd[(g - 1) % rh_ngd + 1]\n"
	      "rh_cidx(s) = sum [rh_j = 1:rh_nc] (rh_G[rh_j] eq s ? rh_j : 0)\n"
	      "rh_pidx(s) = (rh_ci = rh_cidx(s), rh_ci > 0 ? (rh_pq = (rh_ci - 1) * rh_ngd + "
	      "(rh_gcol > 0 ? rh_gpos(rh_str(rh_gcol)) : 1), rh_pq <= rh_np ? rh_pq : 0) : 0)\n"
	      "rh_top = top\n", fp);
	if (c->rank)
		err = put(fp, c,
			  "# Bars: rows with rank 1..top of each panel.\n"
			  "rh_reset = 0\n"
			  "rh_rank(x) = column(@R@)\n"
			  "rh_drawn(x) = rh_ok(0) && (rh_q = rh_pidx(rh_str(@P@)), rh_q > 0) && rh_rank(0) >= 1 && rh_rank(0) <= rh_top\n"
			  "rh_place(x) = rh_rank(0)\n");
	else
		err = put(fp, c,
			  "# Bars: the first `top` rows of each panel, in the table's order\n"
			  "# (strongest first), counted in rh_cnt.\n"
			  "array rh_cnt[rh_np + 1]\n"
			  "rh_reset = 1\n"
			  "rh_rank(x) = rh_c\n"
			  "rh_drawn(x) = (rh_q = rh_ok(0) ? rh_pidx(rh_str(@P@)) : 0, "
			  "rh_q > 0 ? (rh_cnt[rh_q] = rh_cnt[rh_q] + 1, rh_cnt[rh_q] <= rh_top) : 0)\n"
			  "rh_place(x) = rh_cnt[rh_q]\n");
	if (err < 0)
		return err;
	if ((err = put(fp, c,
		       "# One pass over the rows drawn: each one's value, label, kind and mark by\n"
		       "# panel and place (rh_bv, rh_bl, rh_bk, rh_bm), the rows of each panel (rh_bn)\n"
		       "# and the widest label (rh_lw, cm); the panels are drawn from these.\n"
		       "array rh_bv[rh_np * top + 1]\n"
		       "array rh_bl[rh_np * top + 1]\n"
		       "array rh_bk[rh_np * top + 1]\n"
		       "array rh_bm[rh_np * top + 1]\n"
		       "do for [rh_k = 1:rh_np * top + 1] { rh_bv[rh_k] = NaN; rh_bl[rh_k] = ''; rh_bk[rh_k] = ''; rh_bm[rh_k] = NaN }\n"
		       "array rh_bn[rh_np + 1]\n"
		       "do for [rh_k = 1:rh_np + 1] { rh_bn[rh_k] = 0 }\n"
		       "if (rh_reset) { do for [rh_k = 1:rh_np] { rh_cnt[rh_k] = 0 } }\n"
		       "rh_lw = 0\n"
		       "rh_bkeep(q, k, v, w) = (rh_i = (q - 1) * top + k, rh_bv[rh_i] = v, rh_bl[rh_i] = rh_str(@L@), rh_bk[rh_i] = rh_kind(0), ")) < 0)
		return err;
	if ((err = put(fp, c, c->mark ? "rh_bm[rh_i] = column(@M@), " : "")) < 0 ||
	    (err = put(fp, c,
		       "rh_bn[q] = k > rh_bn[q] ? int(k) : rh_bn[q], rh_lw = w > rh_lw ? w : rh_lw, 0)\n"
		       "stats rh_table using (rh_drawn(0) ? rh_bkeep(rh_q, rh_place(0), column(@V@), rh_cm(rh_cutn(rh_ln(rh_str(@L@)), 2 * rh_maxlab))) : 0) nooutput\n")) < 0)
		return err;
	if (c->mark)
		err = put(fp, c, "if (!exists(\"g2min\")) g2min = 10.83\n"
			  "rh_xl = @A@ . sprintf(' (dark bars: %s %s %g, p < 0.001)', rh_g2sym, rh_ge, g2min)\n");
	else
		err = put(fp, c, "rh_xl = @A@\n");
	if (err < 0)
		return err;
	err = put(fp, c,
		  "# A line above the panels: the title (titles=1) and the group drawn, when only\n"
		  "# one is (the panels name theirs when there are more).\n"
		  "rh_mt = titles ? @T@ : ''\n"
		  "if (rh_gcol > 0 && rh_ngd == 1) { rh_mt = titles ? rh_mt . ': ' . rh_lab(group) : rh_lab(group) }\n"
		  "rh_tt = strlen(rh_mt) > 0 ? 0.6 * rh_fk : 0\n"
		  "# Panels across: as many as leave rh_minbar cm of bars beside the widest label\n"
		  "# (rh_pad: the gap at the axis and room for the last tic label), at most 2 at\n"
		  "# 1col and 3 at 2col; labels wider than a single panel allows (at most 0.55 of\n"
		  "# the figure's width at 1col, 0.4 at 2col) are cut.\n"
		  "rh_minbar = 2.5\n"
		  "rh_pad = 0.9 * rh_fk\n"
		  "rh_cols = width eq '1col' ? 2 : 3\n"
		  "rh_cols = rh_cols < rh_np ? rh_cols : (rh_np > 0 ? rh_np : 1)\n"
		  "while (rh_cols > 1 && (rh_wcm - 0.2) / rh_cols - rh_pad - rh_lw < rh_minbar) { rh_cols = rh_cols - 1 }\n"
		  "# A row holds whole sets of one value's groups where it can.\n"
		  "if (rh_ngd > 1 && rh_cols > rh_ngd) { rh_cols = rh_cols - rh_cols % rh_ngd }\n"
		  "rh_room = (rh_wcm - 0.2) / rh_cols - rh_pad - rh_minbar\n"
		  "rh_rmax = (width eq '1col' ? 0.55 : 0.4) * rh_wcm\n"
		  "rh_room = rh_room < rh_rmax ? rh_room : rh_rmax\n"
		  "# About one labelled tic per 1.4 cm of bars.\n"
		  "rh_ntic = ((rh_wcm - 0.2) / rh_cols - rh_pad - (rh_lw < rh_room ? rh_lw : rh_room)) / 1.4\n"
		  "rh_ntic = rh_ntic > 2 ? rh_ntic : 2\n"
		  "rh_rows = int((rh_np + rh_cols - 1) / rh_cols)\n"
		  "# Fit the page: bars 0.36 cm apart (at 8 pt), down to 0.31 cm, then fewer bars a panel\n"
		  "# (at least 5), then fewer panels. A panel's frame: 1.2 cm (its title, its axis);\n"
		  "# the axis label, one for all the panels, below the last row: rh_xlh.\n"
		  "# No more places than the fullest panel has bars.\n"
		  "rh_top = (rh_e = 0, sum [rh_k = 1:rh_np] (rh_e = rh_bn[rh_k] > rh_e ? rh_bn[rh_k] : rh_e, 0), rh_e > 0 && rh_e < top ? rh_e : top)\n"
		  "rh_tmax = rh_top\n"
		  "rh_fr = 1.2 * rh_fk\n"
		  "rh_xlh = 0.5 * rh_fk\n"
		  "rh_avail = maxheight * 1.0 - rh_tt - rh_xlh\n"
		  "rh_bh = (rh_avail / rh_rows - rh_fr) / rh_tmax\n"
		  "rh_bh = rh_bh > 0.36 * rh_fk ? 0.36 * rh_fk : rh_bh\n"
		  "if (rh_bh < 0.31 * rh_fk) {\n"
		  "\trh_bh = 0.31 * rh_fk\n"
		  "\trh_top = int((rh_avail / rh_rows - rh_fr) / rh_bh)\n"
		  "\trh_top = rh_top < 5 ? (rh_tmax < 5 ? rh_tmax : 5) : rh_top\n"
		  "\trh_rows = int(rh_avail / (rh_bh * rh_top + rh_fr))\n"
		  "\trh_rows = rh_rows >= 1 ? rh_rows : 1\n"
		  "\trh_np = rh_np < rh_rows * rh_cols ? rh_np : rh_rows * rh_cols\n"
		  "\trh_np = rh_np > rh_ngd ? rh_np - rh_np % rh_ngd : rh_np\n"
		  "\trh_rows = int((rh_np + rh_cols - 1) / rh_cols)\n"
		  "\tprint sprintf('rhetor note: %s: %d bars a panel drawn, not %d, so the panels fit the page (maxheight=%g cm); "
		  "more by hand: gnuplot -e \"maxheight=40\"', @N@, rh_top, rh_tmax, maxheight)\n"
		  "}\n"
		  "# A panel per value and group: the note counts the values and the groups drawn\n"
		  "# (a value drawn has all its groups but when fewer groups than given fit).\n"
		  "if (rh_np < rh_ng && rh_ngd > 1) {\n"
		  "\tprint sprintf('rhetor note: %s: %d of %d @W@, %d of %d groups drawn (maxpanels=%d, maxheight=%g cm); "
		  "choose them with @O@ A,B,... and --groups A,B,..., or raise the limits by hand: gnuplot -e \"maxheight=40\"', "
		  "@N@, int((rh_np + rh_ngd - 1) / rh_ngd), rh_ng / rh_ngd, rh_np < rh_ngd ? rh_np : rh_ngd, rh_ngd, maxpanels, maxheight)\n"
		  "}\n"
		  "if (rh_np < rh_ng && rh_ngd == 1) {\n"
		  "\tprint sprintf('rhetor note: %s: %d of %d @W@ drawn (maxpanels=%d, maxheight=%g cm); "
		  "choose them with @O@ A,B,... or raise the limits by hand: gnuplot -e \"maxheight=40\"', "
		  "@N@, rh_np, rh_ng, maxpanels, maxheight)\n"
		  "}\n"
		  "if (rh_np < rh_ngd) {\n"
		  "\trh_rest = ''\n"
		  "\tdo for [rh_k = rh_np + 1:rh_ngd] { rh_rest = rh_rest . (rh_rest eq '' ? '' : ', ') . rh_gd[rh_k] }\n"
		  "\tprint sprintf('rhetor note: %s: %d of the %d groups given drawn, so the panels fit the page; not drawn: %s "
		  "(fewer with --groups, or by hand: gnuplot -e \"maxheight=40; maxpanels=24\")', @N@, rh_np, rh_ngd, rh_rest)\n"
		  "}\n"
		  "# Each bar's place in its panel: by the value drawn, largest first (ties in\n"
		  "# the table's order), among the first rh_top rows.\n"
		  "array rh_by[rh_np * top + 1]\n"
		  "do for [rh_q = 1:rh_np] {\n"
		  "\trh_bn[rh_q] = rh_bn[rh_q] < rh_top ? rh_bn[rh_q] : rh_top\n"
		  "\tdo for [rh_k = 1:rh_bn[rh_q]] {\n"
		  "\t\trh_v = rh_bv[(rh_q - 1) * top + rh_k]\n"
		  "\t\trh_by[(rh_q - 1) * top + rh_k] = 1 + sum [rh_j = 1:rh_bn[rh_q]] "
		  "((rh_bv[(rh_q - 1) * top + rh_j] > rh_v || (rh_bv[(rh_q - 1) * top + rh_j] == rh_v && rh_j < rh_k)) ? 1 : 0)\n"
		  "\t}\n"
		  "}\n"
		  "# The value axis of panel q spans rh_bmin(q)..rh_bmax(q)");
	if (err < 0)
		return err;
	if (c->cn & CN_WORDS)
		err = put(fp, c, ": each panel its own (the\n"
			  "# scores of n-grams of different sizes are not on one scale).\n"
			  "rh_bext(q, m) = (rh_e = 0, rh_bn[q] > 0 ? "
			  "(sum [rh_j = 1:rh_bn[q]] (rh_v = rh_bv[(q - 1) * top + rh_j], rh_e = (m * rh_v > m * rh_e) ? rh_v : rh_e, 0), rh_e) : 0)\n"
			  "rh_bmin(q) = (rh_e = rh_bext(q, -1), rh_e < 0 ? rh_e * 1.05 : 0)\n"
			  "rh_bmax(q) = (rh_e = rh_bext(q, 1), rh_e > 0 ? rh_e * 1.05 : 1)\n");
	else
		err = put(fp, c, ": shared by the panels drawn.\n"
			  "rh_e0 = 0\n"
			  "rh_e1 = 0\n"
			  "do for [rh_q = 1:rh_np] { do for [rh_k = 1:rh_bn[rh_q]] { rh_v = rh_bv[(rh_q - 1) * top + rh_k]; "
			  "rh_e0 = rh_v < rh_e0 ? rh_v : rh_e0; rh_e1 = rh_v > rh_e1 ? rh_v : rh_e1 } }\n"
			  "rh_bmin(q) = rh_e0 < 0 ? rh_e0 * 1.05 : 0\n"
			  "rh_bmax(q) = rh_e1 > 0 ? rh_e1 * 1.05 : 1\n");
	if (err < 0)
		return err;
	err = put(fp, c,
		  "# Geometry in cm, each panel placed by hand so the axes of a column line up:\n"
		  "# a slot rh_pw wide holds the labels (rh_lwe), the bars and room for the last\n"
		  "# tic label; rh_fr high, its title above the bars and its axis below.\n"
		  "rh_pw = (rh_wcm - 0.2) / rh_cols\n"
		  "rh_lwe = (rh_lw < rh_room ? rh_lw : rh_room) + 0.35 * rh_fk + 0.1\n"
		  "rh_ttl = 0.55 * rh_fk\n"
		  "rh_slot = rh_bh * rh_top + rh_fr\n"
		  "rh_h = rh_rows * rh_slot + rh_tt + rh_xlh + 0.1\n"
		  "eval rh_term(rh_h)\n"
		  "set output rh_out(@N@)\n"
		  "set yrange [rh_top + 0.6:0.4]\n"
		  "set ytics scale 0\n"
		  "set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5\n"
		  "# The bars' colours are explained in the axis label: a key would cover bars.\n"
		  "unset key\n"
		  "rh_tl(s) = rh_y > 0 ? rh_rowlab(s, rh_room) : ''\n"
		  "# The panels draw the rows kept: place rh_t of panel g is element rh_i.\n"
		  "rh_kind(x) = rh_bk[rh_i]\n"
		  "if (strlen(rh_mt) > 0) { set multiplot title rh_mt } else { set multiplot }\n"
		  "do for [g = 1:rh_np] {\n"
		  "\trh_col = (g - 1) % rh_cols\n"
		  "\trh_row = int((g - 1) / rh_cols)\n"
		  "\tset lmargin at screen (0.1 + rh_col * rh_pw + rh_lwe) / rh_wcm\n"
		  "\tset rmargin at screen (0.1 + (rh_col + 1) * rh_pw - 0.5 * rh_fk) / rh_wcm\n"
		  "\tset tmargin at screen 1 - (rh_tt + rh_row * rh_slot + rh_ttl) / rh_h\n"
		  "\tset bmargin at screen 1 - (rh_tt + rh_row * rh_slot + rh_ttl + rh_bh * rh_top) / rh_h\n"
		  "\tset xrange [rh_bmin(g):rh_bmax(g)]\n"
		  "\tset xtics rh_step(rh_bmax(g) - rh_bmin(g), rh_ntic)\n"
		  "\trh_gt = rh_ngd > 1 ? ': ' . rh_cutn(rh_pg(g), 16) : ''\n"
		  "\tset title rh_fitw(rh_pn(rh_pc(g)), rh_pw - 0.2 - rh_cm(rh_gt)) . rh_lx(rh_gt) offset 0,-0.5\n"
		  "\tif (g == rh_np) { set label 101 rh_xl at screen 0.5, screen (0.05 + 0.5 * rh_xlh) / rh_h center }\n"
		  "\t# A group without rows for this value: its panel says so, beside the others.\n"
		  "\tif (rh_bn[g] == 0) { set label 102 rh_lx(rh_gcol > 0 ? 'none in ' . rh_cutn(rh_pg(g), 16) : 'none') at graph 0.5, graph 0.5 center tc rgb '#777777' } else { unset label 102 }\n"
		  "\t# Samples from 0: with column headers on, gnuplot skips the first line of '+'.\n"
		  "\tplot sample [rh_t = 0:top:1] '+' using (rh_i = (g - 1) * top + (rh_t >= 1 ? int(rh_t) : 1), "
		  "rh_y = rh_t >= 1 && rh_t <= rh_bn[g] ? rh_by[rh_i] : -1, 0):(rh_y):"
		  "(0):(rh_y > 0 ? rh_bv[rh_i] : NaN):(rh_y - 0.38):(rh_y + 0.38)");
	if (err < 0)
		return err;
	if (c->mark)
		err = put(fp, c,
			  ":(rh_bm[rh_i] >= g2min ? rh_bar_i : rh_light_i):ytic(rh_tl(rh_bl[rh_i])) "
			  "with boxxyerror fc rgb variable\n");
	else
		err = put(fp, c, ":ytic(rh_tl(rh_bl[rh_i])) with boxxyerror fc rgb rh_bar\n");
	if (err < 0)
		return err;
	fputs("\teval rh_chk\n}\nunset multiplot\nunset label 101\nunset label 102\n", fp);
	return 0;
}

/*
 * Points with interval bars: a row per label (concept), a series per panel
 * value (group); the `top` rows with the highest value in any series drawn,
 * highest first.
 */
static int body_intervals(FILE *fp, const chart *c)
{
	int err;
	chart lc = *c;

	if ((err = put_distinct(fp, c, 0, "STATS_records")) < 0)
		return err;
	put_panels(fp, "8");
	lc.panel = c->label;
	if ((err = put_distinct(fp, &lc, 0, "STATS_records")) < 0)
		return err;
	return put(fp, c,
		   "rh_nr = rh_nd\n"
		   "rh_row(s) = rh_dfind(s)\n"
		   "# Each row's highest value in the series drawn.\n"
		   "array rh_mx[rh_nr + 1]\n"
		   "array rh_pos[rh_nr + 1]\n"
		   "do for [rh_k = 1:rh_nr] { rh_mx[rh_k] = -1; rh_pos[rh_k] = 0 }\n"
		   "# The rows of the series drawn are kept (series, row, value, interval): the\n"
		   "# points are drawn from these. A table has one row a series and row; those\n"
		   "# past that many (rows repeated) are left out, and a note says so.\n"
		   "rh_ksz = rh_np * rh_nr + 1\n"
		   "array rh_kg[rh_ksz]\n"
		   "array rh_kr[rh_ksz]\n"
		   "array rh_kv[rh_ksz]\n"
		   "array rh_kl[rh_ksz]\n"
		   "array rh_kh[rh_ksz]\n"
		   "rh_km = 0\n"
		   "rh_kout = 0\n"
		   "rh_keep(g, r) = rh_km >= rh_ksz ? (rh_kout = rh_kout + 1, 0) : (rh_km = rh_km + 1, rh_kg[rh_km] = g, rh_kr[rh_km] = r, "
		   "rh_kv[rh_km] = column(@V@), rh_kl[rh_km] = column(@{ci_low}), rh_kh[rh_km] = column(@{ci_high}), 0)\n"
		   "stats rh_table using (rh_pg = rh_ok(0) ? rh_pidx(rh_str(@P@)) : 0, rh_r = rh_pg > 0 ? rh_row(rh_str(@L@)) : 0, "
		   "rh_r > 0 ? rh_keep(rh_pg, rh_r) : 0, "
		   "(rh_r > 0 && column(@V@) > rh_mx[rh_r]) ? (rh_mx[rh_r] = column(@V@), 0) : 0) nooutput\n"
		   "if (rh_kout > 0) { print sprintf('rhetor note: %s: %d rows repeat a group and a row drawn before; left out', @N@, rh_kout) }\n"
		   "# Rows: the `top` highest, highest first (ties in the table's order).\n"
		   "rh_ny = top < rh_nr ? top : rh_nr\n"
		   "do for [rh_i = 1:rh_ny] {\n"
		   "\trh_b = 0\n"
		   "\tdo for [rh_k = 1:rh_nr] { if (rh_pos[rh_k] == 0 && (rh_b == 0 || rh_mx[rh_k] > rh_mx[rh_b])) { rh_b = rh_k } }\n"
		   "\trh_pos[rh_b] = rh_i\n"
		   "}\n"
		   "if (rh_ny < rh_nr) {\n"
		   "\tprint sprintf('rhetor note: %s: the %d of %d rows with the highest rates drawn; more with --top K', @N@, rh_ny, rh_nr)\n"
		   "}\n"
		   "rh_y(s) = (rh_r = rh_row(s), rh_r > 0 ? rh_pos[rh_r] : 0)\n"
		   "rh_off(g) = (g - (rh_np + 1) / 2.0) * 0.7 / rh_np\n"
		   "stats rh_table using (rh_ok(0) && rh_pidx(rh_str(@P@)) > 0 && rh_y(rh_str(@L@)) > 0 ? column(@{ci_high}) : 0) nooutput\n"
		   "rh_xmax = STATS_max > 0 ? STATS_max * 1.05 : 1\n"
		   "rh_tt = titles ? 0.6 : 0\n"
		   "# Row labels: in one line of rh_rl cm (0.45 of the figure at 1col, 0.4 at 2col)\n"
		   "# if they fit, else in two, and then the rows are at least two lines apart.\n"
		   "rh_rl = (width eq '1col' ? 0.45 : 0.4) * rh_wcm\n"
		   "rh_two = 0\n"
		   "rh_lmw = 0\n"
		   "do for [rh_k = 1:rh_nr] { if (rh_pos[rh_k] > 0) { rh_two = rh_two || rh_lines(rh_ln(rh_D[rh_k]), rh_rl) > 1; "
		   "rh_lmw = rh_wlab(rh_ln(rh_D[rh_k]), rh_rl) > rh_lmw ? rh_wlab(rh_ln(rh_D[rh_k]), rh_rl) : rh_lmw } }\n"
		   "rh_pitch = 0.3 + 0.1 * rh_np\n"
		   "rh_pitch = rh_two && rh_pitch < 0.62 * rh_fk ? 0.62 * rh_fk : rh_pitch\n"
		   "rh_pitch = rh_ny * rh_pitch + 2.2 + rh_tt <= maxheight ? rh_pitch : (maxheight - 2.2 - rh_tt) / rh_ny\n"
		   "eval rh_term(rh_ny * rh_pitch + 2.2 + rh_tt)\n"
		   "set output rh_out(@N@)\n"
		   "if (titles) { set title @T@ }\n"
		   "# The axis starts a little left of 0, so points at 0 stay clear of it.\n"
		   "set xrange [-0.015 * rh_xmax:rh_xmax]\n"
		   "set xtics rh_step(rh_xmax, width eq '1col' ? 3 : 5)\n"
		   "set yrange [rh_ny + 0.6:0.4]\n"
		   "set ytics () scale 0\n"
		   "do for [rh_k = 1:rh_nr] { if (rh_pos[rh_k] > 0) { set ytics add (rh_pct(rh_wrap(rh_ln(rh_D[rh_k]), rh_rl)) rh_pos[rh_k]) } }\n"
		   "# The left margin from the labels' measured width (gnuplot's own guess counts characters).\n"
		   "set lmargin at screen (rh_lmw + 0.45 * rh_fk) / rh_wcm\n"
		   "set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5\n"
		   "set xlabel @A@\n"
		   "set errorbars small\n"
		   "# The key above the plot, ending at its right edge: wider than the plot (at 1col),\n"
		   "# it reaches left over the labels, never past the figure's edge.\n"
		   "set key outside top right horizontal samplen 1 width 1\n"
		   "# From the rows kept; samples from 0: with column headers on, gnuplot skips the first line of '+'.\n"
		   "plot for [g = 1:rh_np] [rh_t = 0:rh_km:1] '+' using (rh_i = rh_t >= 1 ? int(rh_t) : 1, "
		   "rh_in = rh_t >= 1 && rh_kg[rh_i] == g, rh_in ? rh_kv[rh_i] : NaN):"
		   "(rh_yy = rh_in ? rh_pos[rh_kr[rh_i]] : 0, rh_yy > 0 ? rh_yy + rh_off(g) : NaN):(rh_kl[rh_i]):(rh_kh[rh_i]) "
		   "with xerrorbars lt g dt 1 ps 0.65 * rh_ps title rh_lab(rh_pn(rh_G[g]))\n"
		   "eval rh_chk\n");
}

/*
 * Diverging bars: the first `top` rows with positive G2, the last `top` with
 * negative, each side in the order of the value drawn. A label too long for
 * its room takes two lines, and its row the height of two.
 */
static int body_keyness(FILE *fp, const chart *c)
{
	return put(fp, c,
		   "# keyness.csv lists terms by signed G2, most key to the target first and\n"
		   "# most key to the reference last: the chart takes `top` from each end and\n"
		   "# draws their G2 or their log ratio (view). (Counters of their own: rh_at uses rh_p.)\n"
		   "stats rh_table using (column(@V@) > 0 ? 1 : 0) nooutput\n"
		   "rh_npos = STATS_sum\n"
		   "stats rh_table using (column(@V@) < 0 ? 1 : 0) nooutput\n"
		   "rh_nneg = STATS_sum\n"
		   "rh_kp = int(rh_npos < top ? rh_npos : top)\n"
		   "rh_kn = int(rh_nneg < top ? rh_nneg : top)\n"
		   "rh_ny = rh_kp + rh_kn > 0 ? rh_kp + rh_kn : 1\n"
		   "rh_pick(v) = v > 0 ? (rh_pc = rh_pc + 1, rh_pc <= rh_kp ? rh_pc : -1) : "
		   "v < 0 ? (rh_qc = rh_qc + 1, rh_qc > rh_nneg - rh_kn ? rh_kp + rh_qc - (rh_nneg - rh_kn) : -1) : -1\n"
		   "rh_lr = view eq 'log_ratio'\n"
		   "if (view eq 'auto') {\n"
		   "\trh_pc = 0\n"
		   "\trh_qc = 0\n"
		   "\tstats rh_table using (rh_y = rh_pick(column(@V@)), rh_y > 0 ? abs(column(@V@)) : NaN) nooutput\n"
		   "\trh_lr = STATS_min > 0 && STATS_max > 30 * STATS_min\n"
		   "\tif (rh_lr) { print sprintf('rhetor note: %s: the largest G2 drawn is %.0f times the smallest: bars show the log ratio "
		   "(the rows are the most key by G2, in the order of their log ratio); G2 by hand: gnuplot -e \"view=''g2''\"', @N@, STATS_max / STATS_min) }\n"
		   "}\n"
		   "rh_val(x) = rh_lr ? column(@{log_ratio}) : column(@V@)\n"
		   "# The rows drawn, in the table's order: value (rh_kv) and label (rh_kl).\n"
		   "array rh_kv[rh_ny]\n"
		   "array rh_kl[rh_ny]\n"
		   "do for [rh_k = 1:rh_ny] { rh_kv[rh_k] = 0; rh_kl[rh_k] = '' }\n"
		   "rh_pc = 0\n"
		   "rh_qc = 0\n"
		   "stats rh_table using (rh_y = rh_pick(column(@V@)), rh_y > 0 ? (rh_kv[rh_y] = rh_val(0), rh_kl[rh_y] = rh_ln(rh_str(@L@)), 0) : 0) nooutput\n"
		   "# Labels: in one line of rh_room cm if they fit, else two; the bars keep 4.2 cm\n"
		   "# at 1col (their axis label is as wide), the labels 0.4 of the figure at 2col.\n"
		   "rh_room = width eq '1col' ? rh_wcm - 0.45 * rh_fk - 4.2 * rh_fk : 0.4 * rh_wcm\n"
		   "# Each side in the order of the value drawn, largest first (ties in the table's\n"
		   "# order); a row one unit high, a label of two lines 1.8 units. rh_kc: a row's centre.\n"
		   "array rh_ko[rh_ny]\n"
		   "array rh_kh[rh_ny]\n"
		   "array rh_kc[rh_ny]\n"
		   "do for [rh_k = 1:rh_ny] {\n"
		   "\trh_s0 = rh_k <= rh_kp ? 1 : rh_kp + 1\n"
		   "\trh_s1 = rh_k <= rh_kp ? rh_kp : rh_ny\n"
		   "\trh_ko[rh_k] = rh_s0 + sum [rh_j = rh_s0:rh_s1] ((rh_kv[rh_j] > rh_kv[rh_k] || (rh_kv[rh_j] == rh_kv[rh_k] && rh_j < rh_k)) ? 1 : 0)\n"
		   "\trh_kh[rh_ko[rh_k]] = rh_lines(rh_kl[rh_k], rh_room) > 1 ? 1.8 : 1\n"
		   "}\n"
		   "rh_lmw = 0\n"
		   "do for [rh_k = 1:rh_ny] { rh_lmw = rh_wlab(rh_kl[rh_k], rh_room) > rh_lmw ? rh_wlab(rh_kl[rh_k], rh_room) : rh_lmw }\n"
		   "rh_u = 0\n"
		   "do for [rh_k = 1:rh_ny] { rh_kc[rh_k] = 0.5 + rh_u + rh_kh[rh_k] / 2.0; rh_u = rh_u + rh_kh[rh_k] }\n"
		   "# The value axis spans the rows drawn.\n"
		   "rh_e0 = 0\n"
		   "rh_e1 = 0\n"
		   "do for [rh_k = 1:rh_ny] { rh_e0 = rh_kv[rh_k] < rh_e0 ? rh_kv[rh_k] : rh_e0; rh_e1 = rh_kv[rh_k] > rh_e1 ? rh_kv[rh_k] : rh_e1 }\n"
		   "rh_xmin = rh_e0 < 0 ? rh_e0 * 1.05 : -1\n"
		   "rh_xmax = rh_e1 > 0 ? rh_e1 * 1.05 : 1\n"
		   "eval rh_term((0.36 * rh_u + 2.0 + (width eq '1col' ? 0.4 : 0)) * rh_fk + (titles ? 0.6 * rh_fk : 0))\n"
		   "set output rh_out(@N@)\n"
		   "if (titles) { set title @T@ }\n"
		   "set xrange [rh_xmin:rh_xmax]\n"
		   "# At 1col the value axis has fewer tics, so the bars keep room.\n"
		   "set xtics rh_step(rh_xmax - rh_xmin, width eq '1col' ? 3 : 6)\n"
		   "set yrange [rh_u + 0.6:0.4]\n"
		   "set ytics () scale 0\n"
		   "do for [rh_k = 1:rh_ny] { if (rh_kl[rh_k] ne '') { set ytics add (rh_pct(rh_wrap(rh_kl[rh_k], rh_room)) rh_kc[rh_ko[rh_k]]) } }\n"
		   "# The left margin from the labels' measured width (gnuplot's own guess counts characters).\n"
		   "set lmargin at screen (rh_lmw + 0.45 * rh_fk) / rh_wcm\n"
		   "set grid xtics lt 1 lc rgb '#DDDDDD' lw 0.5\n"
		   "# The line the bars start from.\n"
		   "set yzeroaxis lt 1 lc rgb '#000000' lw 0.8\n"
		   "set xlabel (rh_lr ? rh_logratio : @A@)\n"
		   "if (width eq '1col') { set key outside top center vertical samplen 1 } else { set key outside top center horizontal samplen 1 }\n"
		   "rh_pc = 0\n"
		   "rh_qc = 0\n"
		   "plot rh_table using (rh_v = column(@V@), rh_y = rh_pick(rh_v), rh_yc = rh_y > 0 ? rh_kc[rh_ko[rh_y]] : NaN, 0):(rh_yc):(0):(rh_val(0)):"
		   "(rh_yc - 0.38):(rh_yc + 0.38):(rh_v > 0 ? rh_bar_i : rh_bar2_i) "
		   "with boxxyerror fc rgb variable, \\\n"
		   "\tkeyentry with boxes fc rgb rh_bar title 'key to the target', \\\n"
		   "\tkeyentry with boxes fc rgb rh_bar2 title 'key to the reference'\n"
		   "eval rh_chk\n");
}

/*
 * A square heatmap of a symmetric measure between the values of two columns.
 * The table lists each pair once: both triangles are drawn from it, and the
 * diagonal (a value with itself) is 1. Colours span the smallest value shown
 * (rounded down to 0.05) to 1, as the colour box's label says.
 */
static int body_heatmap(FILE *fp, const chart *c)
{
	int err;

	fputs("if (!exists(\"maxcells\")) maxcells = 40\n", fp);
	if ((err = put_distinct(fp, c, 1, "2 * STATS_records")) < 0)
		return err;
	return put(fp, c,
		   "# Rows and columns: the --groups values found (two or more), else the first maxcells.\n"
		   "array rh_U[rh_nd + 1]\n"
		   "rh_n = 0\n"
		   "if (rh_npsel > 0) {\n"
		   "\tdo for [rh_k = 1:rh_npsel] {\n"
		   "\t\tif (rh_has(rh_psel[rh_k]) && (sum [rh_j = 1:rh_n] (rh_U[rh_j] eq rh_psel[rh_k])) == 0) { rh_n = rh_n + 1; rh_U[rh_n] = rh_psel[rh_k] }\n"
		   "\t}\n"
		   "}\n"
		   "if (rh_n < 2) {\n"
		   "\trh_n = rh_nd < maxcells ? rh_nd : maxcells\n"
		   "\tdo for [rh_k = 1:rh_n] { rh_U[rh_k] = rh_D[rh_k] }\n"
		   "\tif (rh_nd > rh_n) {\n"
		   "\t\tprint sprintf('rhetor note: %s: the first %d of %d rows and columns drawn; "
		   "choose them with @O@ A,B,... or by hand: gnuplot -e \"maxcells=N\"', @N@, rh_n, rh_nd)\n"
		   "\t}\n"
		   "}\n"
		   "# A value's row (and column): its place among the distinct values, then in rh_U.\n"
		   "array rh_up[rh_nd + 1]\n"
		   "do for [rh_k = 1:rh_nd + 1] { rh_up[rh_k] = 0 }\n"
		   "do for [rh_k = 1:rh_n] { rh_q = rh_dfind(rh_U[rh_k]); if (rh_q > 0) { rh_up[rh_q] = rh_k } }\n"
		   "rh_idx(s) = (rh_iq = rh_dfind(s), rh_iq > 0 ? rh_up[rh_iq] : 0)\n"
		   "# No value left (every row cut by a line break in a name): one empty cell.\n"
		   "rh_nc = rh_n > 0 ? rh_n : 1\n"
		   "rh_ab(x) = (rh_a = rh_ok(0) ? rh_idx(rh_str(@P@)) : 0, rh_b = rh_a > 0 ? rh_idx(rh_str(@L@)) : 0, rh_a > 0 && rh_b > 0)\n"
		   "# One pass over the pairs drawn. Colours span those off the diagonal, from their\n"
		   "# smallest to their largest value rounded out to a step of the scale: the diagonal\n"
		   "# (each with itself, 1) is grey. rh_gn: each group's pairs (put_group).\n"
		   "array rh_gn[rh_ngd + 1]\n"
		   "do for [rh_k = 1:rh_ngd + 1] { rh_gn[rh_k] = 0 }\n"
		   "rh_min = 1e300\n"
		   "rh_max = -1e300\n"
		   "rh_mm(v) = (rh_min = v < rh_min ? v : rh_min, rh_max = v > rh_max ? v : rh_max, 0)\n"
		   "# The pairs drawn are kept (row, column, value, group): the panels are drawn from these.\n"
		   "# A table has one row a pair and group; those past that many (pairs repeated) are\n"
		   "# left out, and a note says so.\n"
		   "rh_ksz = rh_n * rh_n * rh_ngd + 1\n"
		   "array rh_ka[rh_ksz]\n"
		   "array rh_kb[rh_ksz]\n"
		   "array rh_kv[rh_ksz]\n"
		   "array rh_kq[rh_ksz]\n"
		   "rh_km = 0\n"
		   "rh_kout = 0\n"
		   "rh_keep(q) = rh_km >= rh_ksz ? (rh_kout = rh_kout + 1, 0) : "
		   "(rh_km = rh_km + 1, rh_ka[rh_km] = rh_a, rh_kb[rh_km] = rh_b, rh_kv[rh_km] = column(@V@), rh_kq[rh_km] = q, 0)\n"
		   "stats rh_table using (rh_ab(0) ? (rh_q = rh_gcol > 0 ? rh_gpos(rh_str(rh_gcol)) : 1, rh_gn[rh_q] = rh_gn[rh_q] + 1, "
		   "rh_keep(rh_q), rh_a != rh_b ? rh_mm(column(@V@)) : 0) : 0) nooutput\n"
		   "if (rh_kout > 0) { print sprintf('rhetor note: %s: %d rows repeat a pair drawn before; left out', @N@, rh_kout) }\n"
		   "if (rh_max < rh_min) { rh_min = 0; rh_max = 1 }\n"
		   "rh_cst = rh_step(rh_max > rh_min ? rh_max - rh_min : 0.01, 4)\n"
		   "rh_lo = floor(rh_min / rh_cst + 1e-9) * rh_cst\n"
		   "rh_hi = ceil(rh_max / rh_cst - 1e-9) * rh_cst\n"
		   "rh_hi = rh_hi > rh_lo ? rh_hi : rh_lo + rh_cst\n"
		   "# Geometry in cm: labels left and below, the square, the colour box right.\n"
		   "# Tic labels are as large as a cell allows (5 to 8 pt); below 5 pt every\n"
		   "# second (third ...) one is shown.\n"
		   "# Labels whole up to 0.4 of the figure's width (at its font size), else cut;\n"
		   "# rh_mle: the widest, in em (rh_em: the font's metrics).\n"
		   "rh_hl = 0.4 * rh_wcm\n"
		   "rh_hlab0(s) = rh_cutw(rh_cutn(rh_pn(s), 2 * rh_maxlab), rh_hl)\n"
		   "rh_mle = 0\n"
		   "do for [rh_k = 1:rh_n] { rh_e = rh_em(rh_hlab0(rh_U[rh_k])); rh_mle = rh_e > rh_mle ? rh_e : rh_mle }\n"
		   "# Panels: one per group given (put_group), at most 6, on a shared colour scale;\n"
		   "# a group without a pair of the concepts drawn gets an empty panel saying so.\n"
		   "rh_np = rh_ngd < 6 ? rh_ngd : 6\n"
		   "if (rh_ngd > rh_np) {\n"
		   "\trh_rest = ''\n"
		   "\tdo for [rh_k = rh_np + 1:rh_ngd] { rh_rest = rh_rest . (rh_rest eq '' ? '' : ', ') . rh_gd[rh_k] }\n"
		   "\tprint sprintf('rhetor note: %s: the first %d of the %d groups given drawn; not drawn: %s (fewer with --groups)', @N@, rh_np, rh_ngd, rh_rest)\n"
		   "}\n"
		   "do for [rh_k = 1:rh_np] { if (rh_gn[rh_k] == 0 && rh_n > 0) { print sprintf('rhetor note: %s: %s has no row for these concepts: its panel is empty', @N@, rh_gd[rh_k]) } }\n"
		   "rh_mt = titles ? @T@ : ''\n"
		   "if (rh_gcol > 0 && rh_np == 1) { rh_mt = titles ? rh_mt . ': ' . rh_lab(group) : rh_lab(group) }\n"
		   "rh_tt = strlen(rh_mt) > 0 ? 0.7 : 0.3\n"
		   "# A panel's own title (its group) when there are several.\n"
		   "rh_pt = rh_np > 1 ? 0.55 * rh_fk : 0\n"
		   "rh_cols = width eq '1col' ? 1 : (rh_np < 3 ? rh_np : 3)\n"
		   "rh_rows = int((rh_np + rh_cols - 1) / rh_cols)\n"
		   "rh_gap = 0.3 * rh_fk\n"
		   "rh_fs = rh_fsize\n"
		   "# The colour box, its tic labels and its label take rh_cbw cm right of the squares;\n"
		   "# cells are at most 2.5 cm, and the whole is centred on the page's width. The row\n"
		   "# labels are left of the first column, the column labels below the last row.\n"
		   "# At 1col, labels over a quarter of the width and the box beside them left the\n"
		   "# squares a third of it: the box goes below the column labels (rh_cbh cm), and the\n"
		   "# labels break into two lines of at most rh_hw cm when a cell holds two of at\n"
		   "# least 6 pt (their font then at most a cell's height / 2.4, rather than cut).\n"
		   "rh_cbb = width eq '1col' && rh_mle * rh_emcm + 0.4 * rh_fk > 0.25 * rh_wcm\n"
		   "# rh_2em(s): the width of s in em when broken into two lines at its best space.\n"
		   "rh_2e(s, k) = k > strlen(s) ? 1e9 : (rh_r = rh_2e(s, k + 1), s[k:k] eq ' ' ? "
		   "(rh_t1 = rh_em(s[1:k - 1]), rh_t2 = rh_em(s[k + 1:*]), rh_t1 = rh_t1 > rh_t2 ? rh_t1 : rh_t2, rh_t1 < rh_r ? rh_t1 : rh_r) : rh_r)\n"
		   "rh_2em(s) = (rh_t0 = rh_em(s), rh_t3 = rh_2e(s, 1), rh_t0 < rh_t3 ? rh_t0 : rh_t3)\n"
		   "# The lines' width: what the widest name needs in two lines, at most 0.4 of the figure.\n"
		   "rh_hw = 0\n"
		   "do for [rh_k = 1:rh_n] { rh_e = rh_2em(rh_cutn(rh_pn(rh_U[rh_k]), 2 * rh_maxlab)) * rh_emcm + 0.02; rh_hw = rh_e > rh_hw ? rh_e : rh_hw }\n"
		   "rh_hw = rh_hw < 0.4 * rh_wcm ? rh_hw : 0.4 * rh_wcm\n"
		   "rh_cap1(e) = e < rh_hw / rh_emcm ? e : rh_hw / rh_emcm\n"
		   "rh_wem(s) = (rh_ws = rh_cutn(rh_pn(s), 2 * rh_maxlab), rh_cm(rh_ws) <= rh_hw ? rh_em(rh_ws) : "
		   "(rh_bq = rh_brk(rh_ws, rh_hw / rh_emcm, 1, 0, 0), rh_bq > 1 ? "
		   "(rh_e1 = rh_cap1(rh_em(rh_ws[1:rh_bq - 1])), rh_e2 = rh_cap1(rh_em(rh_ws[rh_bq + 1:*])), rh_e1 > rh_e2 ? rh_e1 : rh_e2) : rh_hw / rh_emcm))\n"
		   "rh_mle2 = 0\n"
		   "do for [rh_k = 1:rh_n] { rh_e = rh_wem(rh_U[rh_k]); rh_mle2 = rh_e > rh_mle2 ? rh_e : rh_mle2 }\n"
		   "rh_cbw = rh_cbb ? 0.5 * rh_fk : 2.1 * rh_fk\n"
		   "rh_cbh = rh_cbb ? 1.6 * rh_fk : 0\n"
		   "rh_two = rh_cbb && (rh_wcm - rh_mle2 * rh_emcm - 0.4 * rh_fk - rh_cbw) / rh_nc * 28.35 >= 2.4 * 6\n"
		   "rh_me = rh_two ? rh_mle2 : rh_mle\n"
		   "do for [rh_it = 1:3] {\n"
		   "\trh_labcm = rh_me * rh_fs / 72.0 * 2.54 + 0.4 * rh_fk\n"
		   "\trh_side = (rh_wcm - rh_labcm - rh_cbw - (rh_cols - 1) * rh_gap) / rh_cols\n"
		   "\trh_hs = (maxheight - rh_labcm - rh_tt - rh_cbh) / rh_rows - rh_pt\n"
		   "\trh_side = rh_side < rh_hs ? rh_side : rh_hs\n"
		   "\trh_side = rh_side < 2.5 * rh_nc ? rh_side : 2.5 * rh_nc\n"
		   "\trh_cellpt = rh_side / rh_nc * 28.35\n"
		   "\trh_every = rh_cellpt * 0.85 < 5 ? ceil(5 / (rh_cellpt * 0.85)) : 1\n"
		   "\trh_fs = rh_cellpt * rh_every * 0.85\n"
		   "\trh_fs = rh_fs < rh_fsize ? rh_fs : rh_fsize\n"
		   "\trh_fs = rh_two && rh_fs > rh_cellpt / 2.4 ? rh_cellpt / 2.4 : rh_fs\n"
		   "}\n"
		   "rh_h = rh_labcm + rh_rows * (rh_side + rh_pt) + rh_tt + rh_cbh\n"
		   "eval rh_term(rh_h)\n"
		   "set output rh_out(@N@)\n"
		   "rh_x0 = (rh_wcm - rh_labcm - rh_cols * rh_side - (rh_cols - 1) * rh_gap - rh_cbw) / 2\n"
		   "set border 15 lw 0.8\n"
		   "set xrange [0.5:rh_nc + 0.5]\n"
		   "set yrange [rh_nc + 0.5:0.5]\n"
		   "rh_tf = sprintf(',%g', rh_fs)\n"
		   "rh_hlab(s) = rh_two ? rh_pct(rh_wrap(rh_pn(s), rh_hw)) : rh_pct(rh_lx(rh_hlab0(s)))\n"
		   "set cbrange [rh_lo:rh_hi]\n"
		   "set cbtics rh_cst scale 0.5\n"
		   "# At 1col the colour box's label is the measure alone.\n"
		   "set cblabel (width eq '2col' ? @A@ . ' (grey diagonal: 1)' : @A@)\n"
		   "# Below the squares: as wide as they are, its tic labels and its label under it.\n"
		   "rh_cbox = rh_cbb ? sprintf('set colorbox horizontal user origin screen %g, screen %g size screen %g, screen %g', "
		   "(rh_x0 + rh_labcm) / rh_wcm, 1.05 * rh_fk / rh_h, (rh_cols * rh_side + (rh_cols - 1) * rh_gap) / rh_wcm, 0.3 * rh_fk / rh_h) : 'set colorbox'\n"
		   "# Pair rh_i of those kept, if in panel p (rh_ki, of the sample rh_t).\n"
		   "rh_ki(t) = (rh_i = t >= 1 ? int(t) : 1, t >= 1 && rh_kq[rh_i] == rh_hp)\n"
		   "if (strlen(rh_mt) > 0) { set multiplot title rh_mt } else { set multiplot }\n"
		   "do for [rh_hp = 1:rh_np] {\n"
		   "\tgroup = rh_gd[rh_hp]\n"
		   "\trh_col = (rh_hp - 1) % rh_cols\n"
		   "\trh_row = int((rh_hp - 1) / rh_cols)\n"
		   "\trh_xl = rh_x0 + rh_labcm + rh_col * (rh_side + rh_gap)\n"
		   "\trh_yt = rh_h - rh_tt - rh_row * (rh_side + rh_pt) - rh_pt\n"
		   "\tset lmargin at screen rh_xl / rh_wcm\n"
		   "\tset rmargin at screen (rh_xl + rh_side) / rh_wcm\n"
		   "\tset tmargin at screen rh_yt / rh_h\n"
		   "\tset bmargin at screen (rh_yt - rh_side) / rh_h\n"
		   "\tif (rh_np > 1) { set title rh_fitw(group, rh_side + rh_gap) offset 0,-0.5 } else { unset title }\n"
		   "\t# Column labels below the last panel of each column, row labels left of the first column.\n"
		   "\tset xtics () scale 0 rotate by (rh_me > 3 ? 90 : 45) right font rh_tf\n"
		   "\tset ytics () scale 0 font rh_tf\n"
		   "\tif (rh_hp + rh_cols > rh_np) { do for [rh_k = 1:rh_n:rh_every] { set xtics add (rh_hlab(rh_U[rh_k]) rh_k) } } else { unset xtics }\n"
		   "\tif (rh_col == 0) { do for [rh_k = 1:rh_n:rh_every] { set ytics add (rh_hlab(rh_U[rh_k]) rh_k) } } else { unset ytics }\n"
		   "\tif (rh_cbb ? rh_hp == rh_np : rh_col == rh_cols - 1 || rh_hp == rh_np) { eval rh_cbox } else { unset colorbox }\n"
		   "\t# Both triangles from the one row per pair, then the diagonal (grey). The diagonal's\n"
		   "\t# samples start at 0: with column headers on, gnuplot skips the first line of '+'.\n"
		   "\tif (rh_n == 0) {\n"
		   "\t\tprint sprintf('rhetor note: %s: no row with two names to draw (a line break in a name cuts its row for gnuplot)', @N@)\n"
		   "\t\tplot sample [rh_t = 0:1:1] '+' using (rh_t > 0 ? 1 : NaN):(1):(0.5):(1.5):(0.5):(1.5):(0) with boxxyerror fc palette\n"
		   "\t} else {\n"
		   "\tif (rh_gn[rh_hp] == 0) {\n"
		   "\t\tset label 103 rh_fitw('no rows for ' . group, rh_side) at graph 0.5, graph 0.5 center tc rgb '#777777'\n"
		   "\t\tplot sample [rh_t = 0:1:1] '+' using (rh_t > 0 ? 1 : NaN):(1):(0.5):(1.5):(0.5):(1.5) with boxxyerror fc rgb '#FFFFFF' fs solid noborder\n"
		   "\t\tunset label 103\n"
		   "\t} else {\n"
		   "\tplot sample [rh_t = 0:rh_km:1] '+' using (rh_ki(rh_t) ? rh_ka[rh_i] : NaN):(rh_kb[rh_i]):"
		   "(rh_ka[rh_i] - 0.5):(rh_ka[rh_i] + 0.5):(rh_kb[rh_i] - 0.5):(rh_kb[rh_i] + 0.5):(rh_kv[rh_i]) with boxxyerror fc palette, \\\n"
		   "\t\t[rh_t = 0:rh_km:1] '+' using (rh_ki(rh_t) ? rh_kb[rh_i] : NaN):(rh_ka[rh_i]):"
		   "(rh_kb[rh_i] - 0.5):(rh_kb[rh_i] + 0.5):(rh_ka[rh_i] - 0.5):(rh_ka[rh_i] + 0.5):(rh_kv[rh_i]) with boxxyerror fc palette, \\\n"
		   "\t\t[rh_t = 0:rh_n:1] '+' using (rh_t > 0 ? rh_t : NaN):(rh_t):(rh_t - 0.5):(rh_t + 0.5):(rh_t - 0.5):(rh_t + 0.5) with boxxyerror fc rgb '#BDBDBD'\n"
		   "\t}\n"
		   "\t}\n"
		   "\teval rh_chk\n"
		   "}\n"
		   "unset multiplot\n");
}

/* A strip (dot) plot of one measure in [0, 1] for the first `top` rows. */
static int body_dots(FILE *fp, const chart *c)
{
	return put(fp, c,
		   "# Rows: the first `top` words of the table, in its order (most frequent first),\n"
		   "# then, when it lists concepts (its kind column), the top / 2 concepts with the\n"
		   "# most matches, most first (ties in the table's order), half a row below.\n"
		   "if (!exists(\"rh_kcol\")) { rh_kcol = 0 }\n"
		   "rh_isc(x) = rh_kcol > 0 && rh_str(rh_kcol) eq 'concept'\n"
		   "stats rh_table using (1) nooutput\n"
		   "rh_cap = STATS_records > 0 ? STATS_records : 1\n"
		   "array rh_cct[rh_cap]\n"
		   "rh_ncn = 0\n"
		   "rh_nw = 0\n"
		   "rh_dscan(x) = rh_isc(0) ? (rh_ncn = rh_ncn + 1, rh_cct[rh_ncn] = column(@{count}), 0) : (rh_nw = rh_nw + 1, 0)\n"
		   "stats rh_table using (rh_dscan(0)) nooutput\n"
		   "rh_nt = rh_nw < top ? rh_nw : top\n"
		   "rh_nc = rh_ncn < int(top / 2) ? rh_ncn : int(top / 2)\n"
		   "array rh_cpos[rh_cap]\n"
		   "do for [rh_k = 1:rh_cap] { rh_cpos[rh_k] = 0 }\n"
		   "do for [rh_i = 1:rh_nc] {\n"
		   "\trh_b = 0\n"
		   "\tdo for [rh_k = 1:rh_ncn] { if (rh_cpos[rh_k] == 0 && (rh_b == 0 || rh_cct[rh_k] > rh_cct[rh_b])) { rh_b = rh_k } }\n"
		   "\trh_cpos[rh_b] = rh_i\n"
		   "}\n"
		   "rh_ny = rh_nt + (rh_nc > 0 ? rh_nc + 0.5 : 0)\n"
		   "rh_ny = rh_ny > 0 ? rh_ny : 1\n"
		   "# A row's place: words 1..rh_nt, concepts below them (counters rh_c, rh_cc);\n"
		   "# its label at most rh_room cm (a concept's named by its label: the key marks concepts).\n"
		   "rh_place(x) = rh_isc(0) ? (rh_cc = rh_cc + 1, rh_cpos[rh_cc] > 0 ? rh_nt + 0.5 + rh_cpos[rh_cc] : -1) : "
		   "(rh_c = rh_c + 1, rh_c <= top ? rh_c : -1)\n"
		   "rh_room = width eq '1col' ? rh_wcm - 0.8 * rh_fk - 3.6 : 0.4 * rh_wcm\n"
		   "rh_dlab(s) = rh_isc(0) ? rh_cname(s) : s\n"
		   "# The axis starts at 0 (even) and ends just past the largest value shown; the\n"
		   "# left margin is the widest label's measured width.\n"
		   "rh_c = 0\n"
		   "rh_cc = 0\n"
		   "rh_lmw = 0\n"
		   "stats rh_table using (rh_p = rh_place(0), rh_p > 0 ? (rh_lmw = rh_wlab(rh_dlab(rh_str(@L@)), rh_room) > rh_lmw ? "
		   "rh_wlab(rh_dlab(rh_str(@L@)), rh_room) : rh_lmw, column(@V@)) : 0) nooutput\n"
		   "rh_dmax = STATS_max > 0 ? ceil(STATS_max * 1.15 * 20) / 20.0 : 1\n"
		   "rh_dmax = rh_dmax < 1 ? rh_dmax : 1.02\n"
		   "# The key above the plot, centred on the figure (at 1col its two lines one above the other).\n"
		   "rh_tt = titles ? 0.6 * rh_fk : 0\n"
		   "rh_kh = rh_nc > 0 ? (width eq '1col' ? 0.85 : 0.5) * rh_fk : 0.15\n"
		   "rh_h = 0.36 * rh_ny + 1.2 * rh_fk + 0.3 + rh_kh + rh_tt\n"
		   "eval rh_term(rh_h)\n"
		   "set output rh_out(@N@)\n"
		   "if (titles) { set title @T@ }\n"
		   "rh_lm = rh_lmw + 0.45 * rh_fk\n"
		   "rh_rm = 0.4 * rh_fk\n"
		   "set lmargin at screen rh_lm / rh_wcm\n"
		   "set rmargin at screen 1 - rh_rm / rh_wcm\n"
		   "set tmargin at screen 1 - (rh_tt + rh_kh + 0.15) / rh_h\n"
		   "set xrange [-0.01 * rh_dmax:rh_dmax]\n"
		   "set xtics rh_step(rh_dmax, width eq '1col' ? 3 : 5)\n"
		   "set yrange [rh_ny + 0.6:0.4]\n"
		   "set ytics scale 0\n"
		   "set grid xtics ytics lt 1 lc rgb '#E5E5E5' lw 0.5\n"
		   "# The axis label under the plot; one wider than the plot is centred on the figure.\n"
		   "rh_pwid = rh_wcm - rh_lm - rh_rm\n"
		   "rh_xoff = rh_cm(@A@) > rh_pwid - 0.2 ? (rh_wcm / 2.0 - rh_lm - rh_pwid / 2.0) / rh_wcm : 0\n"
		   "set xlabel @A@ offset screen rh_xoff, 0\n"
		   "if (rh_nc > 0) { set key at screen 0.5, screen 1 - (rh_tt + 0.05) / rh_h center top samplen 1 } else { unset key }\n"
		   "if (width eq '1col') { set key vertical } else { set key horizontal }\n"
		   "rh_tl(s) = rh_y > 0 ? rh_fitw(rh_dlab(s), rh_room) : ''\n"
		   "# Each clause counts from its first row (column 0 is the row's number).\n"
		   "rh_first(x) = column(0) == 0 ? (rh_c = 0, rh_cc = 0) : 0\n"
		   "plot rh_table using (rh_first(0), rh_p = rh_place(0), rh_y = rh_isc(0) ? -1 : rh_p, column(@V@)):(rh_y):"
		   "ytic(rh_tl(rh_str(@L@))) with points lt 1 pt 7 ps 0.65 * rh_ps title 'words, the most frequent', \\\n"
		   "\trh_table using (rh_first(0), rh_p = rh_place(0), rh_y = rh_isc(0) ? rh_p : -1, column(@V@)):(rh_y):"
		   "ytic(rh_tl(rh_str(@L@))) with points lt 2 pt 5 ps 0.65 * rh_ps title (rh_nc > 0 ? 'concepts, the most matched' : '')\n"
		   "eval rh_chk\n");
}

/*
 * Writes `text` through put() after replacing $1 .. $9 with vars[0 .. 8]
 * (names of gnuplot variables, constants of this file). A $ before any
 * other character (a datablock name) is kept.
 */
static int put_vars(FILE *fp, const chart *c, const char *text, const char *const *vars, size_t nvars)
{
	size_t n = 0, o = 0;
	char *buf;
	int err;

	for (const char *t = text; *t; t++) {
		size_t k = t[0] == '$' && t[1] >= '1' && t[1] <= '9' ? (size_t)(t[1] - '1') : nvars;

		n += k < nvars ? strlen(vars[k]) : 1;
	}
	if (!(buf = rh__malloc(n + 1)))
		return RH_ENOMEM;
	for (const char *t = text; *t; t++) {
		size_t k = t[0] == '$' && t[1] >= '1' && t[1] <= '9' ? (size_t)(t[1] - '1') : nvars;

		if (k < nvars) {
			memcpy(buf + o, vars[k], strlen(vars[k]));
			o += strlen(vars[k]);
			t++;
		} else {
			buf[o++] = *t;
		}
	}
	buf[o] = '\0';
	err = put(fp, c, buf);
	free(buf);
	return err;
}

/*
 * The distinct values of a column: arrays $1_v (names), $1_n, $1_s and
 * $1_r (sums the caller adds to: over all rows, over the rows of the other
 * column's selection, rows) and $1_in (1 if the value is in the selection index
 * $2), the index $1_i, and $1_add(s), which adds s once and gives its
 * number (0 for no value); $1_get(s) does the same, faster on sorted or
 * cyclic rows. At most rh_cap values.
 */
static const char values_tpl[] =
	"array $1_v[rh_cap]\n"
	"array $1_n[rh_cap]\n"
	"array $1_s[rh_cap]\n"
	"array $1_in[rh_cap]\n"
	"array $1_r[rh_cap]\n"
	"$1_nd = 0\n"
	"$1_i = ''\n"
	"$1_add(s) = (rh_k = rh_at($1_i, s), rh_k > 0 || rh_bad(s) || $1_nd >= rh_cap ? rh_k : "
	"($1_nd = $1_nd + 1, $1_v[$1_nd] = s, $1_n[$1_nd] = 0, $1_s[$1_nd] = 0, $1_r[$1_nd] = 0, "
	"$1_in[$1_nd] = rh_at($2, s) > 0, $1_i = $1_i . rh_key(s, $1_nd), $1_nd))\n"
	"# Rows repeat a value or go on to the next one (a table sorted by this column,\n"
	"# or cycling through the same values): those are checked before the index.\n"
	"$1_last = 1\n"
	"$1_get(s) = $1_nd == 0 ? (rh_q = $1_add(s), rh_q > 0 ? ($1_last = rh_q) : 0) : "
	"$1_v[$1_last] eq s ? $1_last : (rh_q = $1_last % $1_nd + 1, $1_v[rh_q] eq s) ? ($1_last = rh_q) : "
	"(rh_q = $1_add(s), rh_q > 0 ? ($1_last = rh_q) : 0)\n";

/*
 * Chooses values of $1 into array $3 ($3_n of them, index $3_i): the
 * caller's selection $2 ($5 values) in its order, those the table has, at
 * most $9; if none, the $4 values with the largest weight $1_w(k), ties in
 * table order,
 * leaving out values of weight 0 once one is chosen, with a note saying so.
 */
static const char choose_tpl[] =
	"array $3[$1_nd + 1]\n"
	"$3_n = 0\n"
	"$3_i = ''\n"
	"if ($5 > 0) {\n"
	"\tdo for [rh_k = 1:$5] {\n"
	"\t\trh_s = $2[rh_k]\n"
	"\t\tif ($3_n < $9 && rh_at($1_i, rh_s) > 0 && rh_at($3_i, rh_s) == 0) "
	"{ $3_n = $3_n + 1; $3[$3_n] = rh_s; $3_i = $3_i . rh_key(rh_s, $3_n) }\n"
	"\t}\n"
	"}\n"
	"$3_by = $3_n == 0\n"
	"if ($3_by) {\n"
	"\tarray rh_pick[$1_nd + 1]\n"
	"\tdo for [rh_k = 1:$1_nd + 1] { rh_pick[rh_k] = 0 }\n"
	"\tdo for [rh_j = 1:($1_nd < $4 ? $1_nd : $4)] {\n"
	"\t\trh_b = 0\n"
	"\t\tdo for [rh_k = 1:$1_nd] { if (!rh_pick[rh_k] && (rh_b == 0 || $1_w(rh_k) > $1_w(rh_b))) { rh_b = rh_k } }\n"
	"\t\tif (rh_b > 0 && ($3_n == 0 || $1_w(rh_b) > 0)) "
	"{ rh_pick[rh_b] = 1; $3_n = $3_n + 1; $3[$3_n] = $1_v[rh_b]; $3_i = $3_i . rh_key($1_v[rh_b], $3_n) }\n"
	"\t}\n"
	"\tif ($3_n < $1_nd) {\n"
	"\t\tprint sprintf('rhetor note: %s: the %d $6 with the most $7 (of %d) drawn; choose them with $8 A,B,...', @N@, $3_n, $1_nd)\n"
	"\t}\n"
	"}\n";

/*
 * Small multiples per concept: a line per group, with its 95% interval as a
 * band when there are at most three groups (bands=1 forces them). Panels:
 * the --concepts selection, else the concepts with the most matches in the
 * groups drawn; series: the --groups selection, else the groups with the
 * most matches. Each panel has its own rate axis (concepts differ in
 * frequency by orders of magnitude). The table is read once whole (the
 * groups, their matches and their first and last rows; with --groups, only
 * those groups' rows counted), then from the first to the last row of each
 * group drawn (the concepts' matches there, keeping those rows in arrays);
 * only the rows of the groups drawn have their concept looked up, and
 * everything after reads the rows kept. The panels are
 * placed by hand so the key gets a strip of its own above them.
 */
static int body_trends(FILE *fp, const chart *c)
{
	static const char *const gv[] = { "rh_gr", "rh_gsi" }, *const cv[] = { "rh_co", "rh_csi" };
	static const char *const pv[] = { "rh_co", "concepts", "rh_P", "maxpanels", "nconcepts", "concepts",
					  "matches", "--concepts", "12" };
	static const char *const sv[] = { "rh_gr", "groups", "rh_S", "maxseries", "ngroups", "groups",
					  "matches", "--groups", "8" };
	int err;

	fputs("# The selections, as indexes.\n"
	      "rh_gsi = ''\n"
	      "if (ngroups > 0) { do for [rh_k = 1:ngroups] { if (!rh_bad(groups[rh_k])) { rh_gsi = rh_gsi . rh_key(groups[rh_k], rh_k) } } }\n"
	      "rh_csi = ''\n"
	      "if (nconcepts > 0) { do for [rh_k = 1:nconcepts] { if (!rh_bad(concepts[rh_k])) { rh_csi = rh_csi . rh_key(concepts[rh_k], rh_k) } } }\n"
	      "rh_cap = 5000\n", fp);
	if ((err = put_vars(fp, c, values_tpl, gv, 2)) < 0 || (err = put_vars(fp, c, values_tpl, cv, 2)) < 0)
		return err;
	if ((err = put(fp, c,
		       "# Pass 1: the groups and their matches (in the --concepts asked for, if any).\n"
		       "# With --groups, those groups only: another group's row costs one lookup\n"
		       "# (rh_gk, of the value found last, else the index), and every group is read\n"
		       "# only when none of those given is in the table.\n"
		       "# Each group's first and last row (rh_gr_f, rh_gr_l, by gnuplot's count of rows),\n"
		       "# and the highest block of a row counted (rh_blk: blank lines start a new one, and\n"
		       "# gnuplot's `every` counts rows within a block).\n"
		       "array rh_gr_f[rh_cap]\n"
		       "array rh_gr_l[rh_cap]\n"
		       "rh_blk = 0\n"
		       "rh_scan1(x) = (rh_g = rh_gr_get(rh_str(@L@)), rh_v = valid(@{count}) ? column(@{count}) : 0, rh_g > 0 ? "
		       "(rh_gr_f[rh_g] = rh_gr_r[rh_g] == 0 ? column(0) : rh_gr_f[rh_g], rh_gr_l[rh_g] = column(0), "
		       "rh_blk = column(-1) > rh_blk ? column(-1) : rh_blk, "
		       "rh_gr_n[rh_g] = rh_gr_n[rh_g] + rh_v, rh_gr_r[rh_g] = rh_gr_r[rh_g] + 1, nconcepts > 0 ? (rh_c = rh_co_get(rh_str(@P@)), "
		       "rh_c > 0 && rh_co_in[rh_c] ? (rh_gr_s[rh_g] = rh_gr_s[rh_g] + rh_v) : 0) : 0) : 0)\n"
		       "rh_gk_s = ''\n"
		       "rh_gk_k = 0\n"
		       "rh_gk(s) = s eq rh_gk_s ? rh_gk_k : (rh_gk_s = s, rh_gk_k = rh_at(rh_gsi, s))\n"
		       "rh_given = rh_gsi ne ''\n"
		       "stats rh_table using (rh_given && rh_gk(rh_str(@L@)) == 0 ? 0 : rh_scan1(0)) nooutput\n"
		       "if (rh_given && rh_gr_nd == 0) { rh_given = 0; stats rh_table using (rh_scan1(0)) nooutput }\n"
		       "if (rh_gr_nd >= rh_cap) { print sprintf('rhetor note: %s: only the first %d groups considered', @N@, rh_cap) }\n"
		       "rh_cfound = sum [rh_k = 1:rh_co_nd] rh_co_in[rh_k]\n"
		       "# Series: groups, at most 8.\n"
		       "rh_gr_w(k) = rh_cfound > 0 ? rh_gr_s[k] : rh_gr_n[k]\n")) < 0)
		return err;
	if ((err = put_vars(fp, c, choose_tpl, sv, 9)) < 0)
		return err;
	if ((err = put(fp, c,
		       "# Each group's series, 0 if not drawn.\n"
		       "array rh_gr_p[rh_gr_nd + 1]\n"
		       "do for [rh_k = 1:rh_gr_nd + 1] { rh_gr_p[rh_k] = 0 }\n"
		       "do for [rh_k = 1:rh_S_n] { rh_gr_p[rh_at(rh_gr_i, rh_S[rh_k])] = rh_k }\n"
		       "rh_drawn(x) = rh_given && rh_gk(rh_str(@L@)) == 0 ? 0 : "
		       "(rh_g = rh_gr_get(rh_str(@L@)), rh_g > 0 && rh_g <= rh_gr_nd ? rh_gr_p[rh_g] : 0)\n"
		       "# Pass 2: the concepts and their matches in the groups drawn, and those\n"
		       "# groups' rows kept as numbers: series, concept, period, interval, rate,\n"
		       "# from element 2 on (with column headers on, gnuplot skips an array's first).\n"
		       "rh_nrow = 1 + sum [rh_k = 1:rh_gr_nd] (rh_gr_p[rh_k] > 0 ? rh_gr_r[rh_k] : 0)\n"
		       "array rh_rs[rh_nrow]\n"
		       "array rh_rc[rh_nrow]\n"
		       "array rh_rx[rh_nrow]\n"
		       "array rh_rl[rh_nrow]\n"
		       "array rh_rh[rh_nrow]\n"
		       "array rh_rv[rh_nrow]\n"
		       "rh_m = 1\n"
		       "rh_num(k) = valid(k) ? column(k) : NaN\n"
		       "rh_keep(b, c) = (rh_m = rh_m + 1, rh_m <= rh_nrow ? (rh_rs[rh_m] = b, rh_rc[rh_m] = c, "
		       "rh_rx[rh_m] = rh_num(@{period}), rh_rl[rh_m] = rh_num(@{ci_low}), rh_rh[rh_m] = rh_num(@{ci_high}), "
		       "rh_rv[rh_m] = rh_num(@V@)) : 0)\n"
		       "rh_scan2(x) = (rh_b = rh_drawn(0), rh_b > 0 ? (rh_c = rh_co_get(rh_str(@P@)), rh_c > 0 ? "
		       "(rh_co_n[rh_c] = rh_co_n[rh_c] + (valid(@{count}) ? column(@{count}) : 0), rh_keep(rh_b, rh_c), 0) : 0) : 0)\n"
		       "# It reads the rows from the first to the last of each group drawn (runs that\n"
		       "# overlap joined, in the table's order), skipping the rows between unread; a\n"
		       "# table of several blocks is read whole.\n"
		       "array rh_ra[rh_S_n + 1]\n"
		       "array rh_rb[rh_S_n + 1]\n"
		       "rh_nrun = 0\n"
		       "do for [rh_k = 1:rh_S_n] { rh_g = rh_at(rh_gr_i, rh_S[rh_k]); rh_nrun = rh_nrun + 1; "
		       "rh_ra[rh_nrun] = rh_gr_f[rh_g]; rh_rb[rh_nrun] = rh_gr_l[rh_g] }\n"
		       "do for [rh_k = 2:rh_nrun] { rh_j = rh_k; while (rh_j > 1 && rh_ra[rh_j - 1] > rh_ra[rh_j]) { "
		       "rh_sw = rh_ra[rh_j]; rh_ra[rh_j] = rh_ra[rh_j - 1]; rh_ra[rh_j - 1] = rh_sw; "
		       "rh_sw = rh_rb[rh_j]; rh_rb[rh_j] = rh_rb[rh_j - 1]; rh_rb[rh_j - 1] = rh_sw; rh_j = rh_j - 1 } }\n"
		       "rh_nj = 0\n"
		       "do for [rh_k = 1:rh_nrun] { if (rh_nj > 0 && rh_ra[rh_k] <= rh_rb[rh_nj] + 1) { "
		       "rh_rb[rh_nj] = rh_rb[rh_k] > rh_rb[rh_nj] ? rh_rb[rh_k] : rh_rb[rh_nj] } else { "
		       "rh_nj = rh_nj + 1; rh_ra[rh_nj] = rh_ra[rh_k]; rh_rb[rh_nj] = rh_rb[rh_k] } }\n"
		       "rh_scan2r(x) = rh_given && rh_gk(rh_str(@L@)) == 0 ? 0 : rh_scan2(0)\n"
		       "if (rh_blk == 0 && rh_nj > 0) {\n"
		       "\tdo for [rh_k = 1:rh_nj] { stats rh_table every ::rh_ra[rh_k]::rh_rb[rh_k] using (rh_scan2r(0)) nooutput }\n"
		       "} else {\n"
		       "\tstats rh_table using (rh_scan2r(0)) nooutput\n"
		       "}\n"
		       "if (rh_co_nd >= rh_cap) { print sprintf('rhetor note: %s: only the first %d concepts considered', @N@, rh_cap) }\n"
		       "# Panels: concepts, at most maxpanels.\n"
		       "rh_co_w(k) = rh_co_n[k]\n")) < 0)
		return err;
	if ((err = put_vars(fp, c, choose_tpl, pv, 9)) < 0)
		return err;
	return put(fp, c,
		   "rh_np = rh_P_n\n"
		   "rh_ns = rh_S_n\n"
		   "rh_cols = width eq '1col' ? (rh_np >= 2 ? 2 : 1) : (rh_np >= 3 ? 3 : rh_np)\n"
		   "rh_rows = int((rh_np + rh_cols - 1) / rh_cols)\n"

		   "# Each concept's panel, 0 if not drawn.\n"
		   "array rh_co_p[rh_co_nd + 1]\n"
		   "do for [rh_k = 1:rh_co_nd + 1] { rh_co_p[rh_k] = 0 }\n"
		   "do for [rh_k = 1:rh_np] { rh_co_p[rh_at(rh_co_i, rh_P[rh_k])] = rh_k }\n"
		   "# The rows drawn, as numbers: panel, series, period, interval, rate.\n"
		   "set print $rh_sub\n"
		   "print 'panel,series,period,low,high,value'\n"
		   "set print\n"
		   "set table $rh_sub append separator comma\n"
		   "rh_m = rh_m < rh_nrow ? rh_m : rh_nrow\n"
		   "plot rh_rs using (rh_i = column(1), rh_a = rh_i >= 2 && rh_i <= rh_m ? rh_co_p[rh_rc[rh_i]] : 0, rh_a):"
		   "(rh_a > 0 ? rh_rs[rh_i] : 0):(rh_a > 0 ? rh_rx[rh_i] : 0):(rh_a > 0 ? rh_rl[rh_i] : 0):"
		   "(rh_a > 0 ? rh_rh[rh_i] : 0):(rh_a > 0 ? rh_rv[rh_i] : 0) with table if (rh_a > 0)\n"
		   "unset table\n"
		   "if (|$rh_sub| < 2) { set print $rh_sub append; print '1,1,0,0,0,0'; set print }\n"
		   "# Per panel: the top of its rate axis; per panel and series: the rows.\n"
		   "array rh_ymx[rh_np]\n"
		   "array rh_cnt[rh_np * rh_ns]\n"
		   "do for [rh_k = 1:rh_np] { rh_ymx[rh_k] = 0 }\n"
		   "do for [rh_k = 1:rh_np * rh_ns] { rh_cnt[rh_k] = 0 }\n"
		   "rh_tally(p, g, y) = (rh_ymx[p] = y > rh_ymx[p] ? y : rh_ymx[p], rh_cnt[(p - 1) * rh_ns + g] = rh_cnt[(p - 1) * rh_ns + g] + 1, 0)\n"
		   "stats $rh_sub using (column(3)):(rh_tally(column(1), column(2), column(6))) nooutput\n"
		   "rh_x0 = STATS_min_x\n"
		   "rh_x1 = STATS_max_x > STATS_min_x ? STATS_max_x : STATS_min_x + 1\n"
		   "# The step between periods: the smallest gap between two rows of one series and panel.\n"
		   "array rh_lx[rh_np * rh_ns]\n"
		   "do for [rh_k = 1:rh_np * rh_ns] { rh_lx[rh_k] = NaN }\n"
		   "rh_dx = 0\n"
		   "rh_step1(p, g, x) = (rh_j = (p - 1) * rh_ns + g, rh_d = x - rh_lx[rh_j], "
		   "rh_dx = (rh_d > 0 && (rh_dx == 0 || rh_d < rh_dx)) ? rh_d : rh_dx, rh_lx[rh_j] = x, 0)\n"
		   "stats $rh_sub using (rh_step1(column(1), column(2), column(3))) nooutput\n"
		   "rh_dx = rh_dx > 0 ? rh_dx : 1\n"
		   "# A panel's rate axis ends at 1.08 times its highest rate: the lines set it, not the intervals.\n"
		   "rh_top(p) = rh_ymx[p] > 0 ? rh_ymx[p] * 1.08 : 1\n"
		   "# Bands only where the group has a match in the period (a lower bound above 0):\n"
		   "# with none, the interval runs from 0 to 3.69 matches in the period's words, a\n"
		   "# bound set by how few words there were, not by what was said (docs/design.md).\n"
		   "# The part of a band above its panel's top is cut there.\n"
		   "# rh_bwp[p]: the mean height of panel p's intervals drawn, as a share of the panel.\n"
		   "array rh_bwp[rh_np]\n"
		   "array rh_bnp[rh_np]\n"
		   "do for [rh_k = 1:rh_np] { rh_bwp[rh_k] = 0; rh_bnp[rh_k] = 0 }\n"
		   "rh_bsum(p, f) = (rh_bwp[p] = rh_bwp[p] + f, rh_bnp[p] = rh_bnp[p] + 1, f)\n"
		   "stats $rh_sub using (column(4) > 0 ? rh_bsum(column(1), ((column(5) < rh_top(column(1)) ? column(5) : rh_top(column(1))) - column(4)) / rh_top(column(1))) : NaN) nooutput\n"
		   "rh_nb = STATS_records\n"
		   "rh_nz = STATS_invalid\n"
		   "rh_bw = rh_nb > 0 ? STATS_mean : 0\n"
		   "do for [rh_k = 1:rh_np] { rh_bwp[rh_k] = rh_bnp[rh_k] > 0 ? rh_bwp[rh_k] / rh_bnp[rh_k] : 0 }\n"
		   "stats $rh_sub using (column(4) > 0 && column(5) > rh_top(column(1)) ? 1 : 0) nooutput\n"
		   "rh_ncut = STATS_sum\n"
		   "# Intervals: with up to 3 groups. As bands where they are narrow enough to read\n"
		   "# the lines through them (on average under half the panel's height), else, and\n"
		   "# for a period with a match between two without, as thin bars.\n"
		   "if (!exists(\"bands\")) {\n"
		   "\tbands = rh_ns <= 3\n"
		   "\tif (!bands) { print sprintf('rhetor note: %s: %d groups: 95%% intervals left out, they would hide each other; "
		   "draw them by hand with gnuplot -e \"bands=1\", or choose up to 3 groups with --groups', @N@, rh_ns) }\n"
		   "}\n"
		   "rh_wide = ''\n"
		   "rh_nwide = 0\n"
		   "do for [rh_k = 1:rh_np] { if (rh_bwp[rh_k] >= 0.5) { rh_nwide = rh_nwide + 1; rh_wide = rh_wide . (rh_wide eq '' ? '' : ', ') . rh_pn(rh_P[rh_k]) } }\n"
		   "rh_wide = rh_nwide == 0 ? '' : rh_nwide == rh_np ? '; as bars: they average over half a panel' : '; as bars where they average over half the panel (' . rh_wide . ')'\n"
		   "if (bands) {\n"
		   "\tprint sprintf('rhetor note: %s: 95%% intervals at the %d points with a match, none at the %d without one (that interval, "
		   "0 to 3.69 matches in the period''s words, says only how few words there were)%s; %d cut at the top of their panel, whose axis the rates set', "
		   "@N@, rh_nb, rh_nz, rh_wide, rh_ncut)\n"
		   "}\n"
		   "rh_npts = 0\n"
		   "do for [rh_k = 1:rh_np * rh_ns] { rh_npts = rh_cnt[rh_k] > rh_npts ? rh_cnt[rh_k] : rh_npts }\n"
		   "# Points mark each period while they stay apart; lines alone beyond 30.\n"
		   "rh_with = rh_npts <= 30 ? 'linespoints ps 0.65 * rh_ps' : 'lines'\n"
		   "# Geometry in cm: the title, the key strip, then rows of panels.\n"
		   "rh_kl = 0\n"
		   "do for [rh_k = 1:rh_ns] { rh_kl = strlen(rh_lab(rh_ln(rh_S[rh_k]))) > rh_kl ? strlen(rh_lab(rh_ln(rh_S[rh_k]))) : rh_kl }\n"
		   "# A key entry: its label, the sample (rh_samplen characters) and the gaps.\n"
		   "rh_kcols = int((rh_wcm - 0.6) / ((0.16 * rh_kl + 0.7 + 0.24 * rh_samplen) * rh_fk))\n"
		   "rh_kcols = rh_kcols < 1 ? 1 : rh_kcols > rh_ns ? rh_ns : rh_kcols\n"
		   "rh_krows = int((rh_ns + rh_kcols - 1) / rh_kcols)\n"
		   "rh_lm = 1.5 * rh_fk\n"
		   "rh_gap = 1.0 * rh_fk\n"
		   "rh_pw = (rh_wcm - rh_lm - 0.6 - (rh_cols - 1) * rh_gap) / rh_cols\n"
		   "# A time axis label wider than a panel is drawn once, centred under the last row.\n"
		   "rh_xl1 = rh_cols > 1 && rh_cm(timelabel) > rh_pw\n"
		   "rh_xl1off = ((rh_cols - 1) * (rh_pw + rh_gap) / 2.0) / rh_wcm\n"
		   "# Panel titles of at most rh_tn characters a line; a longer one takes a second\n"
		   "# line (broken at a space), and then every row of panels has room for two.\n"
		   "rh_tn = int((rh_pw + 0.8 * rh_gap) / (0.15 * rh_fk))\n"
		   "rh_sp(s, k) = k < 2 ? 0 : (s[k:k] eq ' ' ? k : rh_sp(s, k - 1))\n"
		   "rh_tw(s) = strlen(s) <= rh_tn ? rh_labn(s, rh_tn) : (rh_q = rh_sp(s, rh_tn + 1), "
		   "rh_q > 1 ? rh_labn(s[1:rh_q - 1], rh_tn) . \"\\n\" . rh_labn(s[rh_q + 1:*], rh_tn) : rh_labn(s, rh_tn))\n"
		   "rh_t2 = 0\n"
		   "do for [p = 1:rh_np] { if (strlen(rh_pn(rh_P[p])) > rh_tn) { rh_t2 = 1 } }\n"
		   "rh_ttl = (0.6 + 0.38 * rh_t2) * rh_fk\n"
		   "rh_tt = titles ? 0.6 * rh_fk : 0\n"
		   "rh_kh = (0.42 * rh_krows + 0.3) * rh_fk\n"
		   "rh_ph = width eq '1col' ? 3.6 : 4.2\n"
		   "rh_slot = rh_ph + 0.9 * rh_fk + rh_ttl\n"
		   "# Room under the last row for its time axis label: with less, the svg terminal left it out.\n"
		   "rh_bpad = 0.2 + 0.2 * rh_fk\n"
		   "rh_ph = rh_tt + rh_kh + rh_rows * rh_slot + rh_bpad <= maxheight ? rh_ph : (maxheight - rh_tt - rh_kh - rh_bpad - 0.3) / rh_rows - 0.9 * rh_fk - rh_ttl\n"
		   "rh_ph = rh_ph > 2 ? rh_ph : 2\n"
		   "rh_slot = rh_ph + 0.9 * rh_fk + rh_ttl\n"
		   "rh_h = rh_tt + rh_kh + rh_rows * rh_slot + rh_bpad\n"
		   "eval rh_term(rh_h)\n"
		   "set output rh_out(@N@)\n"
		   "# A little room beyond the first and last period, so their points stay clear of the axes.\n"
		   "# (At least 0.3 of a period, so the interval bars set beside a period's point stay off the axis.)\n"
		   "rh_xm = 0.03 * (rh_x1 - rh_x0) > 0.3 * rh_dx ? 0.03 * (rh_x1 - rh_x0) : 0.3 * rh_dx\n"
		   "set xrange [rh_x0 - rh_xm:rh_x1 + rh_xm]\n"
		   "set format x '%.0f'\n"
		   "# About one labelled tic per 1.8 cm; whole periods apart when periods are whole.\n"
		   "rh_xs = rh_step(rh_x1 - rh_x0, rh_pw / 1.8 > 2 ? rh_pw / 1.8 : 2)\n"
		   "rh_xs = rh_x0 == int(rh_x0) && rh_x1 == int(rh_x1) && rh_xs < 1 ? 1 : rh_xs\n"
		   "set xtics rh_xs\n"
		   "set style fill transparent solid 0.15 noborder\n"
		   "# A row's first field as a number; the end of a run of band rows (a run of one row is alone).\n"
		   "rh_fld(l) = l[1:strstrt(l, ',') - 1] + 0\n"
		   "rh_endrun = \"if (rh_run == 1) { print sprintf('%.10g,%.10g,%.10g,%.10g,1', rh_px, rh_plo, rh_phi, rh_pv) }; print ''; rh_run = 0\"\n"
		   "# Interval bars: the series' colour at 45%, side by side within a period.\n"
		   "rh_barc(g) = sprintf('#8C%s', rh_colour(g)[2:7])\n"
		   "rh_dodge(g) = (g - (rh_ns + 1) / 2.0) * 0.12 * rh_dx\n"
		   "set bars small\n"
		   "if (titles) { set multiplot title @T@ } else { set multiplot }\n"
		   "do for [p = 1:rh_np] {\n"
		   "\trh_col = (p - 1) % rh_cols\n"
		   "\trh_row = int((p - 1) / rh_cols)\n"
		   "\tset lmargin at screen (rh_lm + rh_col * (rh_pw + rh_gap)) / rh_wcm\n"
		   "\tset rmargin at screen (rh_lm + rh_col * (rh_pw + rh_gap) + rh_pw) / rh_wcm\n"
		   "\tset tmargin at screen 1 - (rh_tt + rh_kh + rh_row * rh_slot + rh_ttl) / rh_h\n"
		   "\tset bmargin at screen 1 - (rh_tt + rh_kh + rh_row * rh_slot + rh_ttl + rh_ph) / rh_h\n"
		   "\t# The axis fits the rates, not the intervals: a band reaching above (few\n"
		   "\t# matches, wide interval) is cut at the top of the panel.\n"
		   "\trh_ymax = rh_ymx[p] > 0 ? rh_ymx[p] * 1.08 : 1\n"
		   "\tset yrange [0:rh_ymax]\n"
		   "\tset ytics rh_step(rh_ymax, rh_ph / 1.0 > 3 ? rh_ph / 1.0 : 3)\n"
		   "\tset title rh_tw(rh_pn(rh_P[p])) offset 0,-0.2\n"
		   "\tset ylabel (rh_col == 0) ? @A@ : ''\n"
		   "\tif (p > rh_np - rh_cols && !rh_xl1) { set xlabel timelabel } else { unset xlabel }\n"
		   "\tif (rh_xl1 && p == rh_cols * (rh_rows - 1) + 1) { set xlabel timelabel offset screen rh_xl1off, 0 }\n"
		   "\t# Each series' rows in a datablock of their own, from the small one.\n"
		   "\tdo for [g = 1:rh_ns] {\n"
		   "\t\teval sprintf('set print $rh_band%d', g)\n"
		   "\t\tprint 'period,low,high,value'\n"
		   "\t\tif (rh_cnt[(p - 1) * rh_ns + g] == 0) {\n"
		   "\t\t\t# No rows here: one point below the axis, so nothing is empty.\n"
		   "\t\t\tprint sprintf('%g,-1,-1,-1', rh_x0)\n"
		   "\t\t\tset print\n"
		   "\t\t\teval sprintf('set print $rh_fill%d', g)\n"
		   "\t\t\tprint 'period,low,high,value,alone'\n"
		   "\t\t\tprint sprintf('%g,-1,-1,-1,0', rh_x0)\n"
		   "\t\t\tset print\n"
		   "\t\t} else {\n"
		   "\t\t\tset print\n"
		   "\t\t\tset table $rh_cur separator comma\n"
		   "\t\t\t# (In the filter after `if`, gnuplot 5.4 reads no column: the using sets rh_a, rh_b.)\n"
		   "\t\t\tplot $rh_sub using (rh_a = column(1), rh_b = column(2), column(3)):4:5:6 with table if (rh_a == p && rh_b == g)\n"
		   "\t\t\tunset table\n"
		   "\t\t\t# A blank line where periods without data lie between two rows: the line and band break there.\n"
		   "\t\t\teval sprintf('set print $rh_band%d append', g)\n"
		   "\t\t\trh_prev = NaN\n"
		   "\t\t\tdo for [rh_r = 1:|$rh_cur|] { rh_l = $rh_cur[rh_r]; rh_x = rh_l[1:strstrt(rh_l, ',') - 1] + 0; "
		   "if (rh_x - rh_prev > 1.5 * rh_dx) { print '' }; print rh_l; rh_prev = rh_x }\n"
		   "\t\t\tset print\n"
		   "\t\t\t# The band: runs of adjacent periods with a match; a run of one period is marked\n"
		   "\t\t\t# alone (drawn as a bar). The first row is a point below the axis, so none is empty.\n"
		   "\t\t\teval sprintf('set print $rh_fill%d', g)\n"
		   "\t\t\tprint 'period,low,high,value,alone'\n"
		   "\t\t\tprint sprintf('%g,-1,-1,-1,0', rh_x0)\n"
		   "\t\t\tprint ''\n"
		   "\t\t\trh_run = 0\n"
		   "\t\t\tdo for [rh_r = 1:|$rh_cur|] {\n"
		   "\t\t\t\trh_l = $rh_cur[rh_r]\n"
		   "\t\t\t\trh_x = rh_fld(rh_l)\n"
		   "\t\t\t\trh_l = rh_l[strstrt(rh_l, ',') + 1:*]\n"
		   "\t\t\t\trh_lo = rh_fld(rh_l)\n"
		   "\t\t\t\trh_l = rh_l[strstrt(rh_l, ',') + 1:*]\n"
		   "\t\t\t\trh_hi = rh_fld(rh_l)\n"
		   "\t\t\t\trh_v = rh_l[strstrt(rh_l, ',') + 1:*] + 0\n"
		   "\t\t\t\tif (rh_run > 0 && (rh_lo <= 0 || rh_x - rh_px > 1.5 * rh_dx)) { eval rh_endrun }\n"
		   "\t\t\t\tif (rh_lo > 0) {\n"
		   "\t\t\t\t\tif (rh_run == 1) { print sprintf('%.10g,%.10g,%.10g,%.10g,0', rh_px, rh_plo, rh_phi, rh_pv) }\n"
		   "\t\t\t\t\tif (rh_run >= 1) { print sprintf('%.10g,%.10g,%.10g,%.10g,0', rh_x, rh_lo, rh_hi, rh_v) }\n"
		   "\t\t\t\t\trh_run = rh_run + 1\n"
		   "\t\t\t\t\trh_px = rh_x\n"
		   "\t\t\t\t\trh_plo = rh_lo\n"
		   "\t\t\t\t\trh_phi = rh_hi\n"
		   "\t\t\t\t\trh_pv = rh_v\n"
		   "\t\t\t\t}\n"
		   "\t\t\t}\n"
		   "\t\t\tif (rh_run > 0) { eval rh_endrun }\n"
		   "\t\t\tset print\n"
		   "\t\t}\n"
		   "\t}\n"
		   "\tif (bands && rh_bwp[p] < 0.5) {\n"
		   "\t\tplot for [g = 1:rh_ns] sprintf('$rh_fill%d', g) using 1:2:3 with filledcurves lt g notitle, \\\n"
		   "\t\t\tfor [g = 1:rh_ns] sprintf('$rh_fill%d', g) using ($1 + rh_dodge(g)):(column(5) > 0 ? column(4) : NaN):2:3 "
		   "with yerrorbars lc rgb rh_barc(g) dt 1 lw 1 ps 0 notitle, \\\n"
		   "\t\t\tfor [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with @rh_with lt g notitle\n"
		   "\t} else { if (bands) {\n"
		   "\t\tplot for [g = 1:rh_ns] sprintf('$rh_band%d', g) using ($1 + rh_dodge(g)):(column(2) > 0 ? column(4) : NaN):2:3 "
		   "with yerrorbars lc rgb rh_barc(g) dt 1 lw 1 ps 0 notitle, \\\n"
		   "\t\t\tfor [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with @rh_with lt g notitle\n"
		   "\t} else {\n"
		   "\t\tplot for [g = 1:rh_ns] sprintf('$rh_band%d', g) using 1:4 with @rh_with lt g notitle\n"
		   "\t} }\n"
		   "\teval rh_chk\n"
		   "}\n"
		   "# The key: a strip of its own above the panels, as wide as the figure.\n"
		   "set lmargin at screen 0\n"
		   "set rmargin at screen 1\n"
		   "set tmargin at screen 1 - rh_tt / rh_h\n"
		   "set bmargin at screen 1 - (rh_tt + rh_kh) / rh_h\n"
		   "unset title\n"
		   "unset xlabel\n"
		   "unset ylabel\n"
		   "unset border\n"
		   "unset xtics\n"
		   "unset ytics\n"
		   "set xrange [0:1]\n"
		   "set yrange [0:1]\n"
		   "set key center center horizontal maxcols rh_kcols maxrows rh_krows samplen rh_samplen width 1\n"
		   "plot for [g = 1:rh_ns] NaN with @rh_with lt g title rh_lab(rh_ln(rh_S[g]))\n"
		   "unset multiplot\n");
}

/*
 * Adoption curves from adoption_curve.csv: for each concept, the share of
 * the groups with a document by then that have used it (cumulative
 * adopters / groups at risk), against the period. The share, not the count,
 * because the number of groups can grow over time (the UN had 51 members in
 * 1945 and 193 in 2011): a count would mix new members with adoption.
 * Curves: the --concepts selection, else the concepts with the most
 * adopters, at most 8. Each concept's rows are together in the table, so
 * filtering the others out leaves one unbroken piece per curve.
 */
static int body_adoption(FILE *fp, const chart *c)
{
	static const char *const cv[] = { "rh_co", "rh_nosel" };
	static const char *const pv[] = { "rh_co", "concepts", "rh_P", "maxpanels", "nconcepts", "concepts",
					  "adopters", "--concepts", "8" };
	int err;

	fputs("rh_nosel = ''\n"
	      "stats rh_table using (1) nooutput\n"
	      "rh_cap = STATS_records < 5000 ? STATS_records : 5000\n", fp);
	if ((err = put_vars(fp, c, values_tpl, cv, 2)) < 0)
		return err;
	if ((err = put(fp, c,
		       "# One pass: the concepts and their adopters by the last period.\n"
		       "rh_scan(x) = (rh_c = rh_co_add(rh_str(@P@)), rh_v = valid(@{cumulative_adopters}) ? column(@{cumulative_adopters}) : 0, "
		       "rh_c > 0 && rh_v > rh_co_n[rh_c] ? (rh_co_n[rh_c] = rh_v, 0) : 0)\n"
		       "stats rh_table using (column(@{period})):(rh_scan(0)) nooutput\n"
		       "rh_x0 = STATS_min_x\n"
		       "rh_x1 = STATS_max_x > STATS_min_x ? STATS_max_x : STATS_min_x + 1\n"
		       "# The step between periods: the smallest gap between two rows of a concept\n"
		       "# (its rows are together, by period). The last period's step is drawn that wide.\n"
		       "rh_dx = 0\n"
		       "rh_px = NaN\n"
		       "rh_pcs = ''\n"
		       "rh_gap(c, x) = (rh_d = x - rh_px, rh_dx = c eq rh_pcs && rh_d > 0 && (rh_dx == 0 || rh_d < rh_dx) ? rh_d : rh_dx, rh_px = x, rh_pcs = c, 0)\n"
		       "stats rh_table using (rh_gap(rh_str(@P@), column(@{period}))) nooutput\n"
		       "rh_dx = rh_dx > 0 ? rh_dx : 1\n"
		       "rh_co_w(k) = rh_co_n[k]\n")) < 0)
		return err;
	if ((err = put_vars(fp, c, choose_tpl, pv, 9)) < 0)
		return err;
	return put(fp, c,
		   "rh_np = rh_P_n\n"
		   "rh_kl = 0\n"
		   "do for [rh_k = 1:rh_np] { rh_kl = strlen(rh_lab(rh_pn(rh_P[rh_k]))) > rh_kl ? strlen(rh_lab(rh_pn(rh_P[rh_k]))) : rh_kl }\n"
		   "# The key below the plot, in two columns at 2col: beside it, long names took a third of the width.\n"
		   "rh_kc = width eq '2col' && rh_np > 1 ? 2 : 1\n"
		   "rh_kr = int((rh_np + rh_kc - 1) / rh_kc)\n"
		   "rh_kh = (0.36 * rh_kr + 0.1) * rh_fk\n"
		   "rh_tt = titles ? 0.6 * rh_fk : 0\n"
		   "# Taller with a larger font, so the axis label stays as long as the axis.\n"
		   "rh_ph = (width eq '1col' ? 5.5 : 7.0) * (rh_fk > 1 ? rh_fk : 1)\n"
		   "# What a share is of: the groups with a document by then. When their number grows\n"
		   "# (members join), a share falls: a line under the key says so, with the numbers.\n"
		   "stats rh_table using (valid(@V@) && column(@{period}) == rh_x0 ? column(@{groups}) : NaN) nooutput\n"
		   "rh_g0 = STATS_records > 0 ? STATS_max : 0\n"
		   "stats rh_table using (valid(@V@) && column(@{period}) == rh_x1 ? column(@{groups}) : NaN) nooutput\n"
		   "rh_g1 = STATS_records > 0 ? STATS_max : 0\n"
		   "rh_na = 'Share of the groups with a document by then'\n"
		   "rh_nb = sprintf('(%d in %.0f, %d in %.0f): it falls when groups join.', rh_g0, rh_x0, rh_g1, rh_x1)\n"
		   "rh_nt = rh_g1 == rh_g0 ? '' : rh_cm(rh_na . ' ' . rh_nb) <= rh_wcm - 0.6 ? rh_na . ' ' . rh_nb : rh_na . \"\\n\" . rh_nb\n"
		   "rh_nl = rh_nt eq '' ? 0 : strstrt(rh_nt, \"\\n\") > 0 ? 2 : 1\n"
		   "rh_nh = rh_nl > 0 ? (0.36 * rh_nl + 0.15) * rh_fk : 0\n"
		   "rh_h = rh_ph + rh_tt + rh_kh + rh_nh\n"
		   "eval rh_term(rh_h)\n"
		   "set output rh_out(@N@)\n"
		   "if (titles) { set title @T@ }\n"
		   "# A little room before the first period; the last one as wide as the others.\n"
		   "set xrange [rh_x0 - 0.02 * (rh_x1 - rh_x0):rh_x1 + rh_dx + 0.01 * (rh_x1 - rh_x0)]\n"
		   "set yrange [0:1.02]\n"
		   "set ytics 0.2\n"
		   "set format x '%.0f'\n"
		   "rh_xs = rh_step(rh_x1 - rh_x0, (rh_wcm - 2) / 2)\n"
		   "rh_xs = rh_x0 == int(rh_x0) && rh_x1 == int(rh_x1) && rh_xs < 1 ? 1 : rh_xs\n"
		   "# Periods wider than 1: tics at their starts, a whole number of periods apart.\n"
		   "if (rh_dx > 1) { set xtics rh_x0, ceil(rh_xs / rh_dx - 1e-9) * rh_dx } else { set xtics rh_xs }\n"
		   "set grid ytics lt 1 lc rgb '#E5E5E5' lw 0.5\n"
		   "set xlabel timelabel\n"
		   "set ylabel @A@\n"
		   "set rmargin at screen 1 - 0.5 * rh_fk / rh_wcm\n"
		   "set bmargin at screen (rh_nh + rh_kh + 1.2 * rh_fk) / rh_h\n"
		   "set key at screen 0.5, screen (rh_nh + rh_kh) / rh_h center top vertical maxrows rh_kr samplen rh_samplen width 1\n"
		   "if (rh_nl > 0) { set label 101 rh_nt at screen 0.5, screen (rh_nh - 0.05 * rh_fk) / rh_h center }\n"
		   "# Steps from each period to the next, and the last period's step drawn to its end.\n"
		   "plot for [k = 1:rh_np] rh_table using (column(@{period})):(rh_str(@P@) eq rh_P[k] ? column(@V@) : NaN) "
		   "with steps lt k title rh_lab(rh_pn(rh_P[k])), \\\n"
		   "\tfor [k = 1:rh_np] rh_table using (column(@{period})):(rh_str(@P@) eq rh_P[k] && column(@{period}) == rh_x1 ? column(@V@) : NaN):"
		   "(rh_dx):(0) with vectors nohead lt k notitle\n"
		   "eval rh_chk\n");
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

RH_API int rh_plot_values(size_t i, int what, const char *buf, size_t len, const char *name,
			  int (*fn)(const char *value, void *ud), void *ud)
{
	const chart *c = i < NCHARTS ? &charts[i] : NULL;
	const char *cols[3];
	long at[3];
	size_t ncols = 0, nv = 0;
	char **v = NULL;
	rh_csv csv;
	int err;

	if (!c || !fn || (what != RH_PLOT_GROUPS && what != RH_PLOT_CONCEPTS))
		return rh_error__set(RH_EUSAGE, "plot: no chart %zu or no listing %d", i, what);
	/* The columns each option picks from (see the writers: panels, series, cells, one group). */
	if (what == RH_PLOT_CONCEPTS) {
		if (c->cn & CN_PANEL)
			cols[ncols++] = c->panel;
		if ((c->cn & CN_PANEL) && c->body == body_heatmap)
			cols[ncols++] = c->label;
	} else {
		if (c->body == body_trends)
			cols[ncols++] = c->label;
		else if (c->cn & CN_PANEL)
			;
		else if (c->body == body_heatmap) {
			cols[ncols++] = c->panel;
			cols[ncols++] = c->label;
		} else if (c->body == body_bars || c->body == body_intervals)
			cols[ncols++] = c->panel;
		if (c->grouped)
			cols[ncols++] = "group";
	}
	if (ncols == 0)
		return 0;
	if ((err = rh_csv__read_buf_cols(&csv, buf, len, name, cols, ncols)) < 0)
		return err;
	for (size_t k = 0; k < ncols; k++)
		at[k] = rh_csv__column(&csv, cols[k]);
	if (csv.nrows > 1 && !(v = rh__malloc((csv.nrows - 1) * ncols * sizeof *v))) {
		rh_csv__free(&csv);
		return RH_ENOMEM;
	}
	/* A value the row before has in that column is not listed again (tables sorted by it). */
	for (size_t r = 1; r < csv.nrows; r++)
		for (size_t k = 0; k < ncols; k++)
			if (at[k] >= 0 && (size_t)at[k] < csv.rows[r].ncells && *csv.rows[r].cells[at[k]] &&
			    (r == 1 || strcmp(csv.rows[r].cells[at[k]], csv.rows[r - 1].cells[at[k]])))
				v[nv++] = csv.rows[r].cells[at[k]];
	qsort(v, nv, sizeof *v, by_text);
	err = 0;
	for (size_t k = 0; k < nv && !err; k++)
		if (k == 0 || strcmp(v[k], v[k - 1]))
			err = fn(v[k], ud);
	free(v);
	rh_csv__free(&csv);
	return err;
}

RH_API int rh_plot_write(FILE *fp, size_t i, const rh_plot_options *opts)
{
	rh_plot_options def = RH_PLOT_OPTIONS_INIT;
	int err;

	if (i >= NCHARTS || !fp)
		return rh_error__set(RH_EUSAGE, "plot: no chart %zu", i);
	if (!opts)
		opts = &def;
	if ((err = put_header(fp, &charts[i], opts)) < 0)
		goto done;
	if ((err = charts[i].body(fp, &charts[i])) < 0)
		goto done;
	if (fflush(fp) != 0 || ferror(fp))
		err = rh_error__set(RH_EIO, "%s.gp: write failed: %s", charts[i].name, strerror(errno));
done:
	return err;
}
