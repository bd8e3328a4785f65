/* table.c: CSV table writer: minimal RFC 4180 quoting via libcsv, formula guard. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "internal.h"
#include "rhetor/table.h"

struct rh_table {
	FILE *fp;
	rh_table_options opts;
	size_t ncols, col;
	int failed;
};

static const char *eol(const rh_table *t) { return t->opts.excel ? "\r\n" : "\n"; }

static int sep(rh_table *t)
{
	if (t->col++ > 0 && fputc(',', t->fp) == EOF)
		t->failed = 1;
	return 0;
}

static int needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return 1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',' || c == '"' || c == '\n' || c == '\r')
			return 1;
	}
	return 0;
}

/* A leading = + - @ TAB or CR makes spreadsheets evaluate the cell. */
static int is_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

RH_API int rh_table_textn(rh_table *t, const char *s, size_t n)
{
	int guard = !t->opts.raw_cells && n > 0 && is_formula_start(s[0]);
	sep(t);
	if (guard || needs_quotes(s, n)) {
		/* csv_fwrite always quotes; quoting the guarded cell keeps the
		 * `'` and the text one field. */
		if (guard) {
			char *tmp = rh__malloc(n + 1);
			if (!tmp)
				return RH_ENOMEM;
			tmp[0] = '\'';
			memcpy(tmp + 1, s, n);
			if (needs_quotes(tmp, n + 1)) {
				if (csv_fwrite(t->fp, tmp, n + 1) != 0)
					t->failed = 1;
			} else if (fwrite(tmp, 1, n + 1, t->fp) != n + 1) {
				t->failed = 1;
			}
			free(tmp);
		} else if (csv_fwrite(t->fp, s, n) != 0) {
			t->failed = 1;
		}
	} else if (n && fwrite(s, 1, n, t->fp) != n) {
		t->failed = 1;
	}
	return t->failed ? rh_error__set(RH_EIO, "write failed") : 0;
}

RH_API int rh_table_text(rh_table *t, const char *s) { return rh_table_textn(t, s, s ? strlen(s) : 0); }

RH_API int rh_table_int(rh_table *t, long long v)
{
	sep(t);
	if (fprintf(t->fp, "%lld", v) < 0)
		t->failed = 1;
	return t->failed ? rh_error__set(RH_EIO, "write failed") : 0;
}

RH_API char *rh_table_format_num(char *buf, double v)
{
	if (isnan(v))
		strcpy(buf, "NA");
	else if (isinf(v))
		strcpy(buf, v > 0 ? "Inf" : "-Inf");
	else if (v == 0)
		strcpy(buf, "0"); /* never "-0" */
	else
		snprintf(buf, 32, "%.10g", v);
	return buf;
}

RH_API int rh_table_num(rh_table *t, double v)
{
	char buf[32];
	sep(t);
	if (fputs(rh_table_format_num(buf, v), t->fp) == EOF)
		t->failed = 1;
	return t->failed ? rh_error__set(RH_EIO, "write failed") : 0;
}

RH_API int rh_table_end_row(rh_table *t)
{
	if (t->col != t->ncols)
		return rh_error__set(RH_EUSAGE, "table row has %zu cells, header has %zu", t->col, t->ncols);
	if (fputs(eol(t), t->fp) == EOF)
		t->failed = 1;
	t->col = 0;
	return t->failed ? rh_error__set(RH_EIO, "write failed") : 0;
}

RH_API int rh_table_new(rh_table **out, FILE *fp, const rh_table_options *opts,
			const char *const *columns, size_t ncols)
{
	rh_table *t;
	rh_table_options def = RH_TABLE_OPTIONS_INIT;
	int err;
	*out = NULL;
	if (!(t = rh__calloc(1, sizeof *t)))
		return RH_ENOMEM;
	t->fp = fp;
	t->opts = opts ? *opts : def;
	t->ncols = ncols;
	if (t->opts.excel && fputs("\xEF\xBB\xBF", fp) == EOF)
		t->failed = 1;
	for (size_t i = 0; i < ncols; i++) {
		/* Column names are ours: never guarded. */
		sep(t);
		if (fputs(columns[i], fp) == EOF)
			t->failed = 1;
	}
	if ((err = rh_table_end_row(t)) < 0) {
		free(t);
		return err;
	}
	*out = t;
	return 0;
}

RH_API int rh_table_finish(rh_table *t)
{
	if (fflush(t->fp) != 0 || ferror(t->fp))
		t->failed = 1;
	return t->failed ? rh_error__set(RH_EIO, "write failed") : 0;
}

RH_API void rh_table_free(rh_table *t) { free(t); }
