/* cmd_report.c: rhetor report: DIR/report.html, one offline page with what was run, the charts, the tables and the concordance. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define CMD "report"

/* What the page holds at most (the CSV files hold everything). */
#define DEF_ROWS 1000      /* rows of each table */
#define DEF_LINES 20000    /* concordance lines */
#define MAX_WARNINGS 200   /* lines of warnings.txt */

enum { OPT_ROWS = 300, OPT_LINES };

typedef struct {
	long rows, lines;
} report_args;

/*
 * A table of DIR, read by the page's own thread or ahead of it by a second
 * one (read_ahead): the page takes the tables in order, the second thread
 * reads from the last one back, and each is read once, by whichever comes
 * to it first.
 */
typedef struct {
	char *path;
	size_t keep;      /* data rows kept (SIZE_MAX: all) */
	rh_csvfile *f;
	char *msg;        /* why it could not be read, when err < 0 */
	int err;
	int state;        /* 0 not started, 1 being read, 2 read */
} read_job;

typedef struct {
	const char *dir;
	FILE *fp;
	const report_args *args;
	const cli_opts *o;
	rh_analysis *lock;     /* DIR/rhetor.lock.ini, or NULL */
	rh_csvfile *docs;      /* DIR/documents.csv, or NULL */
	const char *by, *time; /* the group and time columns the lock names ("" = none) */
	char **csv;            /* the tables in DIR, in byte order (kwic.csv is the concordance) */
	size_t ncsv;
	char *tables_json;     /* the JSON of the tables (written once the page reaches its data) */
	size_t tables_len;
	char *kwic_json;
	size_t kwic_len;
	size_t problems;       /* files that could not be shown */
	read_job *jobs;        /* one per csv[i] */
	pthread_mutex_t mu;    /* guards jobs[].state */
	pthread_cond_t done;
	pthread_t ahead;
	int has_ahead;
} report;

static const struct option report_opts[] = {
	{ "rows", required_argument, NULL, OPT_ROWS },
	{ "lines", required_argument, NULL, OPT_LINES },
	{ NULL, 0, NULL, 0 },
};

static int on_opt(int val, const char *arg, void *ud)
{
	report_args *a = ud;
	switch (val) {
	case OPT_ROWS: return cli_parse_count(CMD, "--rows", arg, &a->rows);
	case OPT_LINES: return cli_parse_count(CMD, "--lines", arg, &a->lines);
	}
	return CLI_USAGE;
}

static char *path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void text(report *r, const char *s) { rh_html_text(r->fp, s ? s : "", s ? strlen(s) : 0); }
static void json(FILE *fp, const char *s) { rh_html_json(fp, s ? s : "", s ? strlen(s) : 0); }

/* A count with thousands separators: 130708 -> 130,708. */
static void count(FILE *fp, unsigned long long v)
{
	char d[32], out[48];
	int n = snprintf(d, sizeof d, "%llu", v), k = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = d[i];
	}
	out[k] = '\0';
	fputs(out, fp);
}

/* A file name as a relative link: "./" and every byte but [A-Za-z0-9._-] percent-encoded. */
static void href(report *r, const char *name)
{
	fputs("./", r->fp);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		    *p == '_' || *p == '-' || *p == '/')
			fputc(*p, r->fp);
		else
			fprintf(r->fp, "%%%02X", *p);
	}
}

/* The place of a table in the library's list of tables; those it does not know come after, by name. */
static size_t table_rank(const char *name)
{
	for (size_t i = 0; i < rh_tables_count(); i++)
		if (!strcmp(rh_tables_at(i)->name, name))
			return i;
	return rh_tables_count();
}

static int cmp_table(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t rx = table_rank(x), ry = table_rank(y);
	return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x, y);
}

/* The *.csv files of DIR in the order of the list of tables; hidden files (temporary names) left out. */
static int list_tables(report *r)
{
	DIR *d = opendir(r->dir);
	struct dirent *e;
	size_t cap = 0;
	if (!d) {
		cli_error(CMD, "cannot read %s: %s", r->dir, strerror(errno));
		return CLI_FAIL;
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 5 || strcmp(e->d_name + n - 4, ".csv"))
			continue;
		if (r->ncsv == cap) {
			char **v = realloc(r->csv, (cap = cap ? 2 * cap : 32) * sizeof *v);
			if (!v)
				goto oom;
			r->csv = v;
		}
		if (!(r->csv[r->ncsv] = strdup(e->d_name)))
			goto oom;
		r->ncsv++;
	}
	closedir(d);
	qsort(r->csv, r->ncsv, sizeof *r->csv, cmp_table);
	return CLI_OK;
oom:
	closedir(d);
	cli_error(CMD, "out of memory");
	return CLI_FAIL;
}

/* ---- reading the tables on two threads ---- */

static void job_read(read_job *j)
{
	if ((j->err = rh_csvfile_read_head(&j->f, j->path, j->keep)) < 0)
		j->msg = strdup(rh_error_last());
}

static void *read_ahead(void *arg)
{
	report *r = arg;
	pthread_mutex_lock(&r->mu);
	for (size_t i = r->ncsv; i-- > 0 && r->jobs[i].state == 0;) {
		r->jobs[i].state = 1;
		pthread_mutex_unlock(&r->mu);
		job_read(&r->jobs[i]);
		pthread_mutex_lock(&r->mu);
		r->jobs[i].state = 2;
		pthread_cond_broadcast(&r->done);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Table i, read: by this thread if the other has not started it, else once the other is done. */
static read_job *take(report *r, size_t i)
{
	read_job *j = &r->jobs[i];
	pthread_mutex_lock(&r->mu);
	if (j->state == 0) {
		j->state = 1;
		pthread_mutex_unlock(&r->mu);
		job_read(j);
		pthread_mutex_lock(&r->mu);
		j->state = 2;
	}
	while (j->state != 2)
		pthread_cond_wait(&r->done, &r->mu);
	pthread_mutex_unlock(&r->mu);
	return j;
}

/* The page shows the first rows of each table (all of kwic.csv, the concordance chooses its lines). */
static int start_reading(report *r)
{
	if (!(r->jobs = calloc(r->ncsv ? r->ncsv : 1, sizeof *r->jobs)))
		goto oom;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->done, NULL);
	for (size_t i = 0; i < r->ncsv; i++) {
		if (!(r->jobs[i].path = path_in(r->dir, r->csv[i])))
			return CLI_FAIL;
		r->jobs[i].keep = !strcmp(r->csv[i], "kwic.csv") ? SIZE_MAX : r->args->rows > 0 ? (size_t)r->args->rows : 0;
	}
	/* Without a second thread, the page reads every table itself. */
	r->has_ahead = r->ncsv > 1 && pthread_create(&r->ahead, NULL, read_ahead, r) == 0;
	return CLI_OK;
oom:
	cli_error(CMD, "out of memory");
	return CLI_FAIL;
}

static void stop_reading(report *r)
{
	if (!r->jobs)
		return;
	if (r->has_ahead)
		pthread_join(r->ahead, NULL);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->done);
	for (size_t i = 0; i < r->ncsv; i++) {
		rh_csvfile_free(r->jobs[i].f);
		free(r->jobs[i].msg);
		free(r->jobs[i].path);
	}
	free(r->jobs);
}

/* Reads an optional file: CLI_OK with *buf NULL when it does not exist. */
static int read_optional(const char *path, char **buf, size_t *len)
{
	struct stat st;
	*buf = NULL;
	*len = 0;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return CLI_OK;
	return cli_read_file(CMD, path, buf, len);
}

/* ---- what was run ---- */

static int cmp_pstr(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return strcmp(x, y);
}

/* The number of distinct values of column `col` of documents.csv, and the first and last in order. */
static size_t distinct(const rh_csvfile *f, long col, const char **lo, const char **hi)
{
	size_t n = rh_csvfile_rows(f), k = 0;
	const char **v = malloc((n ? n : 1) * sizeof *v);
	int numeric = 1;
	*lo = *hi = NULL;
	if (!v)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char *end;
		v[i] = rh_csvfile_cell(f, i, (size_t)col);
		strtod(v[i], &end);
		if (end == v[i] || *end)
			numeric = 0;
	}
	qsort(v, n, sizeof *v, cmp_pstr);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]))
			k++;
	if (n) {
		*lo = v[0];
		*hi = v[n - 1];
		if (numeric)
			for (size_t i = 0; i < n; i++) {
				if (strtod(v[i], NULL) < strtod(*lo, NULL))
					*lo = v[i];
				if (strtod(v[i], NULL) > strtod(*hi, NULL))
					*hi = v[i];
			}
	}
	free(v);
	return k;
}

static void kv_row(report *r, const char *key, const char *value)
{
	fputs("<tr><th>", r->fp);
	text(r, key);
	fputs("</th><td>", r->fp);
	text(r, value);
	fputs("</td></tr>\n", r->fp);
}

/* "LABEL (COLUMN) | how many distinct values [, first to last]" for a column of documents.csv. */
static void distinct_row(report *r, const char *label, const char *column, int range)
{
	const char *lo, *hi;
	long col;
	size_t n;
	if (!*column || (col = rh_csvfile_column(r->docs, column)) < 0)
		return;
	n = distinct(r->docs, col, &lo, &hi);
	fprintf(r->fp, "<tr><th>%s (", label);
	text(r, column);
	fputs(")</th><td class=\"num\">", r->fp);
	count(r->fp, n);
	if (range && n > 1) {
		fputs(", ", r->fp);
		text(r, lo);
		fputs(" to ", r->fp);
		text(r, hi);
	}
	fputs("</td></tr>\n", r->fp);
}

static void corpus_rows(report *r)
{
	long tok;
	unsigned long long tokens = 0;
	if (!r->docs) {
		fputs("<tr><th>documents</th><td>no documents.csv in this directory</td></tr>\n", r->fp);
		return;
	}
	fputs("<tr><th>documents</th><td class=\"num\">", r->fp);
	count(r->fp, rh_csvfile_rows(r->docs));
	fputs("</td></tr>\n", r->fp);
	if ((tok = rh_csvfile_column(r->docs, "tokens")) >= 0) {
		for (size_t i = 0; i < rh_csvfile_rows(r->docs); i++)
			tokens += strtoull(rh_csvfile_cell(r->docs, i, (size_t)tok), NULL, 10);
		fputs("<tr><th>tokens</th><td class=\"num\">", r->fp);
		count(r->fp, tokens);
		fputs("</td></tr>\n", r->fp);
	}
	distinct_row(r, "groups", r->by, 0);
	distinct_row(r, "periods", r->time, 1);
}

static void lock_sections(report *r)
{
	const char *prev = NULL;
	fputs("<details id=\"analysis\"><summary>The analysis, every default made explicit (from <a "
	      "href=\"./rhetor.lock.ini\">rhetor.lock.ini</a>)</summary>\n<div class=\"sections\">\n", r->fp);
	for (size_t i = 0; i < rh_analysis_key_count(); i++) {
		const char *sec, *key;
		int is_path;
		if (rh_analysis_key_at(i, &sec, &key, &is_path) < 0 || !rh_analysis_has(r->lock, sec))
			continue;
		if (!prev || strcmp(prev, sec)) {
			if (prev)
				fputs("</table>\n", r->fp);
			fputs("<table class=\"kv\"><caption>[", r->fp);
			text(r, sec);
			fputs("]</caption>\n", r->fp);
			prev = sec;
		}
		kv_row(r, key, rh_analysis_get(r->lock, sec, key));
	}
	if (prev)
		fputs("</table>\n", r->fp);
	fputs("</div>\n</details>\n", r->fp);
	if (rh_analysis_record_count(r->lock, "inputs")) {
		fputs("<details><summary>Inputs and their SHA-256</summary><table class=\"kv mono\">\n", r->fp);
		for (size_t i = 0; i < rh_analysis_record_count(r->lock, "inputs"); i++) {
			const char *k, *v;
			if (rh_analysis_record_at(r->lock, "inputs", i, &k, &v) == 0)
				kv_row(r, k, v);
		}
		fputs("</table></details>\n", r->fp);
	}
	fputs("<p class=\"note\">Rerun it with <code>rhetor run rhetor.lock.ini</code> in this directory; "
	      "<code>rhetor verify .</code> reruns it and names any file that differs.</p>\n", r->fp);
}

static int write_warnings(report *r)
{
	char *path = path_in(r->dir, "warnings.txt"), *buf = NULL;
	size_t len = 0, lines = 0, shown = 0;
	int rc;
	if (!path)
		return CLI_FAIL;
	rc = read_optional(path, &buf, &len);
	free(path);
	if (rc != CLI_OK)
		return rc;
	fputs("<h3>Warnings</h3>\n", r->fp);
	if (!buf) {
		fputs("<p>None: the run wrote no warnings.txt.</p>\n", r->fp);
		return CLI_OK;
	}
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\n' || i + 1 == len) {
			lines++;
			if (lines == MAX_WARNINGS)
				shown = i + 1;
		}
	if (lines <= MAX_WARNINGS)
		shown = len;
	fputs("<p>", r->fp);
	count(r->fp, lines);
	fprintf(r->fp, " warning%s in <a href=\"./warnings.txt\">warnings.txt</a>", lines == 1 ? "" : "s");
	if (lines > MAX_WARNINGS)
		fprintf(r->fp, " (the first %d here)", MAX_WARNINGS);
	fputs(":</p>\n<pre id=\"warnings\">", r->fp);
	rh_html_text(r->fp, buf, shown);
	fputs("</pre>\n", r->fp);
	free(buf);
	return CLI_OK;
}

static int write_run(report *r)
{
	fputs("<table class=\"kv\">\n", r->fp);
	if (r->lock) {
		const char *v = rh_analysis_get(r->lock, "rhetor", "version");
		const char *where = rh_analysis_get(r->lock, "corpus", "where");
		kv_row(r, "rhetor version", v && *v ? v : "not recorded");
		kv_row(r, "corpus", rh_analysis_get(r->lock, "corpus", "path"));
		if ((v = rh_analysis_get(r->lock, "corpus", "meta")) && *v)
			kv_row(r, "metadata", v);
		if ((v = rh_analysis_get(r->lock, "phrases", "file")) && *v && rh_analysis_has(r->lock, "phrases"))
			kv_row(r, "phrases", v);
		if (where && *where)
			kv_row(r, "filter (where)", where);
	}
	corpus_rows(r);
	fputs("</table>\n", r->fp);
	if (r->lock)
		lock_sections(r);
	else
		fputs("<p>No rhetor.lock.ini in this directory: these tables were written by single commands, whose "
		      "settings are not recorded. <code>rhetor run</code> records them.</p>\n",
		      r->fp);
	return write_warnings(r);
}

/* ---- charts ---- */

static int write_charts(report *r)
{
	char *plots = path_in(r->dir, "plots");
	size_t shown = 0, scripts = 0;
	int rc = CLI_OK;
	if (!plots)
		return CLI_FAIL;
	for (size_t i = 0; i < rh_plot_count(); i++) {
		const char *name = rh_plot_name(i);
		char file[256], *svg_path, *gp_path, *buf = NULL, prefix[300];
		size_t len;
		struct stat st;
		int has_gp, err;

		snprintf(file, sizeof file, "%s.gp", name);
		if (!(gp_path = path_in(plots, file)))
			break;
		has_gp = stat(gp_path, &st) == 0;
		free(gp_path);
		snprintf(file, sizeof file, "%s.svg", name);
		if (!(svg_path = path_in(plots, file)))
			break;
		if ((rc = read_optional(svg_path, &buf, &len)) != CLI_OK) {
			free(svg_path);
			break;
		}
		free(svg_path);
		scripts += has_gp;
		if (!buf && !has_gp)
			continue;
		fprintf(r->fp, "<figure id=\"chart-%s\">\n", name);
		snprintf(prefix, sizeof prefix, "c-%s-", name);
		if (!buf) {
			fprintf(r->fp, "<p class=\"note\">plots/%s.gp was not drawn as SVG: "
				       "<code>rhetor plot . --format svg</code> draws it.</p>\n", name);
		} else if ((err = rh_html_svg(r->fp, buf, len, prefix)) < 0) {
			cli_note(r->o, "rhetor report: warning: plots/%s.svg left out: %s\n", name, rh_error_last());
			fputs("<p class=\"note\">This chart is not shown inline: ", r->fp);
			text(r, rh_error_last());
			fprintf(r->fp, " (<a href=\"./plots/%s.svg\">plots/%s.svg</a>).</p>\n", name, name);
			r->problems++;
		} else {
			shown++;
		}
		fprintf(r->fp, "\n<figcaption><b>%s</b>: ", name);
		text(r, rh_plot_describe(i));
		fprintf(r->fp, ", from <a href=\"./%s\">%s</a>. Redraw it: <code>cd plots &amp;&amp; gnuplot -e "
			       "&quot;fmt=&#39;svg&#39;&quot; %s.gp</code> (the script opens with its settings), or "
			       "every chart: <code>rhetor plot . --format svg</code>.</figcaption>\n</figure>\n",
			rh_plot_table(i), rh_plot_table(i), name);
		free(buf);
	}
	if (shown == 0 && scripts == 0)
		fputs("<p>No charts in plots/: <code>rhetor plot . --format svg</code> draws them.</p>\n", r->fp);
	free(plots);
	return rc;
}

/* ---- tables ---- */

/* One table's JSON: {"id":..,"name":..,"total":N,"columns":[..],"rows":[[..],..]}. */
static void table_json(FILE *js, const char *id, const char *name, const rh_csvfile *f, size_t shown)
{
	fprintf(js, "{\"id\":\"%s\",\"name\":", id);
	json(js, name);
	fprintf(js, ",\"total\":%zu,\"columns\":[", rh_csvfile_rows(f));
	for (size_t c = 0; c < rh_csvfile_columns(f); c++) {
		fputs(c ? "," : "", js);
		json(js, rh_csvfile_column_name(f, c));
	}
	fputs("],\"rows\":[", js);
	for (size_t i = 0; i < shown; i++) {
		fputs(i ? ",\n[" : "\n[", js);
		for (size_t c = 0; c < rh_csvfile_columns(f); c++) {
			fputs(c ? "," : "", js);
			json(js, rh_csvfile_cell(f, i, c));
		}
		fputc(']', js);
	}
	fputs("]}", js);
}

static int write_tables(report *r)
{
	FILE *js = open_memstream(&r->tables_json, &r->tables_len);
	size_t written = 0;
	if (!js) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	fputc('[', js);
	for (size_t i = 0; i < r->ncsv; i++) {
		char id[32];
		read_job *j;
		rh_csvfile *f;
		const rh_table_def *def;
		size_t shown;
		if (!strcmp(r->csv[i], "kwic.csv"))
			continue;
		/* Only the rows shown are kept; every row is read and counted. */
		j = take(r, i);
		snprintf(id, sizeof id, "t%zu", i);
		fprintf(r->fp, "<h3 id=\"h-%s\">", id);
		text(r, r->csv[i]);
		fputs("</h3>\n<p class=\"note\">", r->fp);
		if (j->err < 0) {
			const char *why = j->msg ? j->msg : "out of memory";
			cli_note(r->o, "rhetor report: warning: %s left out: %s\n", r->csv[i], why);
			fputs("Not shown: ", r->fp);
			text(r, why);
			fputs("</p>\n", r->fp);
			r->problems++;
			continue;
		}
		f = j->f;
		shown = rh_csvfile_rows(f) < (size_t)r->args->rows ? rh_csvfile_rows(f) : (size_t)r->args->rows;
		fputs("<a href=\"", r->fp);
		href(r, r->csv[i]);
		fputs("\">", r->fp);
		text(r, r->csv[i]);
		fputs("</a> has ", r->fp);
		count(r->fp, rh_csvfile_rows(f));
		fprintf(r->fp, " row%s; ", rh_csvfile_rows(f) == 1 ? "" : "s");
		if (shown == rh_csvfile_rows(f)) {
			fputs("all of them are here.", r->fp);
		} else {
			fputs("the first ", r->fp);
			count(r->fp, shown);
			fputs(" are here.", r->fp);
		}
		if ((def = rh_tables_find(r->csv[i])) && def->order) {
			fputs(" Rows in the order: ", r->fp);
			text(r, def->order);
			fputs(".", r->fp);
		}
		fprintf(r->fp, "</p>\n<div class=\"view\" id=\"%s\"></div>\n", id);
		fputs(written++ ? ",\n" : "\n", js);
		table_json(js, id, r->csv[i], f, shown);
		rh_csvfile_free(f);
		j->f = NULL;
	}
	fputc(']', js);
	if (fclose(js) != 0) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	if (written == 0)
		fputs("<p>No tables (*.csv) in this directory.</p>\n", r->fp);
	return CLI_OK;
}

/* ---- concordance ---- */

typedef struct {
	const char *doc, *period;
} doc_period;

static int cmp_doc(const void *a, const void *b) { return strcmp(((const doc_period *)a)->doc, ((const doc_period *)b)->doc); }

/* Concept ids in the order of their names (ctx: each id's name). */
static int cmp_first(const void *a, const void *b, void *ctx)
{
	const char *const *name = ctx;
	return strcmp(name[*(const uint32_t *)a], name[*(const uint32_t *)b]);
}

/*
 * Which lines of kwic.csv the page holds when it cannot hold them all: each
 * concept gets an equal share of `limit` (a concept with fewer lines keeps
 * them all and leaves the rest to the others), and within a concept the
 * lines kept are spread evenly through the file, so every group and period
 * stays in view. keep[i] is set for the lines kept; returns how many.
 */
static size_t choose_lines(const rh_csvfile *f, size_t ccol, size_t limit, unsigned char *keep)
{
	size_t n = rh_csvfile_rows(f), nc = 0, kept = 0;
	rh_vocab *names = NULL;
	uint32_t *of = malloc((n ? n : 1) * sizeof *of), *order = NULL, *rank = NULL;
	const char **first = NULL;
	size_t *seen = NULL, *total = NULL, *quota = NULL;
	if (!of || rh_vocab_new(&names) < 0)
		goto done;
	/* Each line's concept by the order concepts first appear; ranked by name, the order shares are dealt in. */
	for (size_t i = 0; i < n; i++) {
		const char *c = rh_csvfile_cell(f, i, ccol);
		int64_t id = rh_vocab_intern(names, c, strlen(c));
		if (id < 0)
			goto done;
		of[i] = (uint32_t)id;
	}
	nc = rh_vocab_size(names);
	first = malloc((nc ? nc : 1) * sizeof *first);
	order = malloc((nc ? nc : 1) * sizeof *order);
	rank = malloc((nc ? nc : 1) * sizeof *rank);
	seen = calloc(nc ? nc : 1, sizeof *seen);
	total = calloc(nc ? nc : 1, sizeof *total);
	quota = calloc(nc ? nc : 1, sizeof *quota);
	if (!first || !order || !rank || !seen || !total || !quota)
		goto done;
	for (size_t i = n; i-- > 0;)
		first[of[i]] = rh_csvfile_cell(f, i, ccol);
	for (size_t k = 0; k < nc; k++)
		order[k] = (uint32_t)k;
	qsort_r(order, nc, sizeof *order, cmp_first, first);
	for (size_t k = 0; k < nc; k++)
		rank[order[k]] = (uint32_t)k;
	for (size_t i = 0; i < n; i++) {
		of[i] = rank[of[i]];
		total[of[i]]++;
	}
	/* Water-filling: the smallest concepts first, each at most an equal share of what is left. */
	{
		size_t left = limit, todo = nc;
		int changed = 1;
		for (size_t k = 0; k < nc; k++)
			quota[k] = (size_t)-1;
		while (changed && todo) {
			size_t share = left / todo;
			changed = 0;
			for (size_t k = 0; k < nc; k++)
				if (quota[k] == (size_t)-1 && total[k] <= share) {
					quota[k] = total[k];
					left -= total[k];
					todo--;
					changed = 1;
				}
		}
		/* The rest share what is left, the remainder one line each to the first. */
		for (size_t k = 0, extra = todo ? left % todo : 0; k < nc; k++)
			if (quota[k] == (size_t)-1)
				quota[k] = left / todo + (extra ? (extra--, 1) : 0);
	}
	/* Line j of a concept with t lines and quota q is kept when floor(j*q/t) < floor((j+1)*q/t). */
	for (size_t i = 0; i < n; i++) {
		size_t k = of[i], j = seen[k]++;
		unsigned long long a = (unsigned long long)j * quota[k] / total[k];
		unsigned long long b = (unsigned long long)(j + 1) * quota[k] / total[k];
		keep[i] = a < b;
		kept += keep[i];
	}
done:
	free(seen);
	free(total);
	free(quota);
	free(first);
	free(order);
	free(rank);
	free(of);
	rh_vocab_free(names);
	return kept;
}

static int write_kwic(report *r)
{
	static const char *const need[] = { "doc_id", "concept", "pattern", "left", "match", "right", "byte_start",
					    "byte_end" };
	enum { NNEED = sizeof need / sizeof *need };
	char *path = path_in(r->dir, "kwic.csv");
	rh_csvfile *f = NULL;
	doc_period *dp = NULL;
	unsigned char *keep = NULL;
	long col[NNEED], gcol, tcol = -1;
	size_t n, kept, ndp = 0;
	FILE *js;
	struct stat st;
	int err;

	if (!path)
		return CLI_FAIL;
	err = stat(path, &st);
	free(path);
	/* kwic.csv is one of the tables listed (list_tables), read whole. */
	for (size_t i = 0; i < r->ncsv && err == 0; i++) {
		read_job *j;
		if (strcmp(r->csv[i], "kwic.csv"))
			continue;
		j = take(r, i);
		f = j->f;
		j->f = NULL;
		if (j->err < 0) {
			const char *why = j->msg ? j->msg : "out of memory";
			cli_note(r->o, "rhetor report: warning: kwic.csv left out: %s\n", why);
			fputs("<p>The concordance is not shown: ", r->fp);
			text(r, why);
			fputs("</p>\n", r->fp);
			r->problems++;
			return CLI_OK;
		}
		break;
	}
	if (!f) { /* not there (or gone since the directory was listed) */
		fputs("<p>No kwic.csv in this directory: <code>rhetor kwic</code>, or [kwic] in an analysis file, "
		      "writes it.</p>\n", r->fp);
		return CLI_OK;
	}
	for (size_t k = 0; k < NNEED; k++)
		if ((col[k] = rh_csvfile_column(f, need[k])) < 0) {
			cli_note(r->o, "rhetor report: warning: kwic.csv has no column %s; no concordance\n", need[k]);
			fprintf(r->fp, "<p>The concordance is not shown: kwic.csv has no column %s.</p>\n", need[k]);
			r->problems++;
			rh_csvfile_free(f);
			return CLI_OK;
		}
	gcol = rh_csvfile_column(f, "group");
	/* The period of each line comes from its document's row in documents.csv. */
	if (r->docs && *r->time && (tcol = rh_csvfile_column(r->docs, r->time)) >= 0) {
		long idcol = rh_csvfile_column(r->docs, "doc_id");
		if (idcol < 0 || !(dp = malloc((rh_csvfile_rows(r->docs) + 1) * sizeof *dp))) {
			tcol = -1;
		} else {
			for (size_t i = 0; i < rh_csvfile_rows(r->docs); i++)
				dp[ndp++] = (doc_period){ rh_csvfile_cell(r->docs, i, (size_t)idcol),
							  rh_csvfile_cell(r->docs, i, (size_t)tcol) };
			qsort(dp, ndp, sizeof *dp, cmp_doc);
		}
	}
	n = rh_csvfile_rows(f);
	if (!(keep = malloc(n ? n : 1))) {
		rh_csvfile_free(f);
		free(dp);
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	if (n <= (size_t)r->args->lines) {
		memset(keep, 1, n);
		kept = n;
	} else {
		kept = choose_lines(f, (size_t)col[1], (size_t)r->args->lines, keep);
	}

	fputs("<p class=\"note\"><a href=\"./kwic.csv\">kwic.csv</a> has ", r->fp);
	count(r->fp, n);
	fprintf(r->fp, " line%s", n == 1 ? "" : "s");
	if (kept == n) {
		fputs("; all of them are here.", r->fp);
	} else {
		fputs("; ", r->fp);
		count(r->fp, kept);
		fputs(" of them are here: an equal share for each concept (every line of the rarer ones), spread "
		      "evenly through the file, so every group and period is in view.",
		      r->fp);
	}
	fputs(" Choose a concept, pattern, group or period, or type words; sort by the words to the left or to the "
	      "right of the match as in AntConc. Each line shows its document and the byte offset where the "
	      "match starts in it.</p>\n<div id=\"kwic-view\"></div>\n",
	      r->fp);

	if (!(js = open_memstream(&r->kwic_json, &r->kwic_len))) {
		rh_csvfile_free(f);
		free(dp);
		free(keep);
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	fprintf(js, "{\"total\":%zu,\"group_name\":", n);
	json(js, *r->by ? r->by : "group");
	fputs(",\"period_name\":", js);
	json(js, *r->time ? r->time : "period");
	fputs(",\"columns\":[\"doc_id\",\"concept\",\"pattern\",\"left\",\"match\",\"right\",\"byte_start\",\"byte_end\"", js);
	if (gcol >= 0)
		fputs(",\"group\"", js);
	if (tcol >= 0)
		fputs(",\"period\"", js);
	fputs("],\"rows\":[", js);
	for (size_t i = 0, w = 0; i < n; i++) {
		if (!keep[i])
			continue;
		fputs(w++ ? ",\n[" : "\n[", js);
		for (size_t k = 0; k < NNEED; k++) {
			fputs(k ? "," : "", js);
			json(js, rh_csvfile_cell(f, i, (size_t)col[k]));
		}
		if (gcol >= 0) {
			fputc(',', js);
			json(js, rh_csvfile_cell(f, i, (size_t)gcol));
		}
		if (tcol >= 0) {
			doc_period key = { rh_csvfile_cell(f, i, (size_t)col[0]), NULL };
			doc_period *hit = bsearch(&key, dp, ndp, sizeof *dp, cmp_doc);
			fputc(',', js);
			json(js, hit ? hit->period : "");
		}
		fputc(']', js);
	}
	fputs("]}", js);
	err = fclose(js);
	rh_csvfile_free(f);
	free(dp);
	free(keep);
	if (err != 0) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* ---- the page ---- */

/* The CSP source for the page's script: 'sha256-' and the base64 of its digest (RFC 4648). */
static int script_hash(char out[64])
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char hex[RH_SHA256_HEX];
	unsigned char d[33] = { 0 };
	size_t k = 0;
	if (rh_analysis_sha256(hex, cli_asset_report_js, cli_asset_report_js_len) < 0)
		return -1;
	for (size_t i = 0; i < 32; i++) {
		unsigned hi, lo;
		sscanf(hex + 2 * i, "%1x%1x", &hi, &lo);
		d[i] = (unsigned char)(hi << 4 | lo);
	}
	k = (size_t)snprintf(out, 64, "sha256-");
	for (size_t i = 0; i < 33; i += 3) {
		unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | (i + 2 < 33 ? d[i + 2] : 0);
		out[k++] = b64[v >> 18 & 63];
		out[k++] = b64[v >> 12 & 63];
		out[k++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
		out[k++] = i + 2 < 32 ? b64[v & 63] : '=';
	}
	out[k] = '\0';
	return 0;
}

static int fill(report *r, const char *name, size_t len)
{
#define IS(s) (len == sizeof s - 1 && !memcmp(name, s, len))
	if (IS("TITLE")) {
		const char *slash = strrchr(r->dir, '/');
		fputs("rhetor report: ", r->fp);
		text(r, slash && slash[1] ? slash + 1 : r->dir);
	} else if (IS("VERSION")) {
		text(r, rh_version());
	} else if (IS("SCRIPT_HASH")) {
		char h[64];
		if (script_hash(h) < 0)
			return cli_lib_error(CMD, RH_ENOMEM);
		fputs(h, r->fp);
	} else if (IS("STYLE")) {
		fwrite(cli_asset_report_css, 1, cli_asset_report_css_len, r->fp);
	} else if (IS("SCRIPT")) {
		fwrite(cli_asset_report_js, 1, cli_asset_report_js_len, r->fp);
	} else if (IS("ROWS")) {
		count(r->fp, (unsigned long long)r->args->rows);
	} else if (IS("RUN")) {
		return write_run(r);
	} else if (IS("CHARTS")) {
		return write_charts(r);
	} else if (IS("TABLES")) {
		return write_tables(r);
	} else if (IS("KWIC")) {
		return write_kwic(r);
	} else if (IS("DATA")) {
		fputs("{\"tables\":", r->fp);
		fwrite(r->tables_json ? r->tables_json : "[]", 1, r->tables_json ? r->tables_len : 2, r->fp);
		fputs(",\n\"kwic\":", r->fp);
		fwrite(r->kwic_json ? r->kwic_json : "null", 1, r->kwic_json ? r->kwic_len : 4, r->fp);
		fputs("}", r->fp);
	} else {
		cli_error(CMD, "the page template names an unknown part '%.*s'", (int)len, name);
		return CLI_FAIL;
	}
	return CLI_OK;
#undef IS
}

static int write_page(report *r)
{
	const char *t = (const char *)cli_asset_report_html, *end = t + cli_asset_report_html_len;
	while (t < end) {
		const char *m = memmem(t, (size_t)(end - t), "@@", 2), *e;
		int rc;
		if (!m) {
			fwrite(t, 1, (size_t)(end - t), r->fp);
			break;
		}
		fwrite(t, 1, (size_t)(m - t), r->fp);
		if (!(e = memmem(m + 2, (size_t)(end - m - 2), "@@", 2))) {
			cli_error(CMD, "the page template has an unclosed @@");
			return CLI_FAIL;
		}
		if ((rc = fill(r, m + 2, (size_t)(e - m - 2))) != CLI_OK)
			return rc;
		t = e + 2;
	}
	return CLI_OK;
}

static int load_inputs(report *r)
{
	char *path, *buf;
	size_t len;
	int rc, err;
	struct stat st;

	if (stat(r->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cli_error(CMD, "%s: not a directory", r->dir);
		return CLI_FAIL;
	}
	if (!(path = path_in(r->dir, CLI_LOCK_FILE)))
		return CLI_FAIL;
	rc = read_optional(path, &buf, &len);
	if (rc == CLI_OK && buf) {
		err = rh_analysis_parse(&r->lock, buf, len, path);
		if (err < 0)
			rc = cli_lib_error(CMD, err);
	}
	free(buf);
	free(path);
	if (rc != CLI_OK)
		return rc;
	r->by = r->lock && rh_analysis_get(r->lock, "corpus", "by") ? rh_analysis_get(r->lock, "corpus", "by") : "";
	r->time = r->lock && rh_analysis_has(r->lock, "trends") ? rh_analysis_get(r->lock, "trends", "time") : "";
	if (!r->time)
		r->time = "";
	if (!(path = path_in(r->dir, "documents.csv")))
		return CLI_FAIL;
	if (stat(path, &st) == 0 && (err = rh_csvfile_read(&r->docs, path)) < 0) {
		cli_note(r->o, "rhetor report: warning: %s\n", rh_error_last());
		r->problems++;
	}
	free(path);
	if ((rc = list_tables(r)) != CLI_OK)
		return rc;
	return start_reading(r);
}

int cmd_report(int argc, char **argv)
{
	report_args a = { DEF_ROWS, DEF_LINES };
	cli_command cmd = {
		.name = CMD,
		.synopsis = "DIR [--rows N] [--lines N]",
		.help = "Writes DIR/report.html: one self-contained page (it loads nothing) with what was run\n"
			"(DIR/rhetor.lock.ini, warnings.txt), every chart in DIR/plots as inline SVG\n"
			"(rhetor plot DIR --format svg draws them), every table of DIR as a sortable,\n"
			"filterable view of its first rows, and a searchable concordance of kwic.csv.\n"
			"  --rows N               rows of each table in the page (default 1000)\n"
			"  --lines N              concordance lines in the page (default 20000)\n",
		.extra = report_opts,
		.on_opt = on_opt,
		.ud = &a,
	};
	cli_opts o;
	int rc;

	if ((rc = cli_parse(argc, argv, &cmd, &o)) != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (!o.corpus) {
		cli_error(CMD, "which directory? Usage: rhetor report %s", cmd.synopsis);
		return CLI_USAGE;
	}
	if (o.out) {
		cli_error(CMD, "the page is written in DIR itself (its links to the tables are relative); no -o");
		return CLI_USAGE;
	}
	return cli_report_write(CMD, o.corpus, a.rows, a.lines, &o);
}

int cli_report_write(const char *cmd, const char *dir, long rows, long lines, const cli_opts *o)
{
	report_args a = { rows, lines };
	report r;
	cli_out out;
	int rc;

	memset(&r, 0, sizeof r);
	r.dir = dir;
	r.args = &a;
	r.o = o;
	if ((rc = load_inputs(&r)) != CLI_OK)
		goto done;
	if ((rc = cli_out_open(cmd, &out, r.dir, "report.html")) != CLI_OK)
		goto done;
	r.fp = out.fp;
	if ((rc = write_page(&r)) != CLI_OK) {
		cli_out_abort(&out);
		goto done;
	}
	if ((rc = cli_out_commit(cmd, &out)) != CLI_OK)
		goto done;
	cli_note(o, "rhetor %s: %s/report.html written%s\n", cmd, r.dir,
		 r.problems ? " (some files left out, see above)" : "");
done:
	stop_reading(&r);
	rh_analysis_free(r.lock);
	rh_csvfile_free(r.docs);
	for (size_t i = 0; i < r.ncsv; i++)
		free(r.csv[i]);
	free(r.csv);
	free(r.tables_json);
	free(r.kwic_json);
	return rc;
}
