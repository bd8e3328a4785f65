/* table.c: CSV table writer: minimal RFC 4180 quoting via libcsv, formula guard. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "internal.h"
#include "rhetor/table.h"

struct rh_table {
	FILE *fp;
	rh_table_options opts;
	size_t ncols, col;
	atomic_int failed; /* a write to the stream failed (set by whichever thread wrote) */
	int write_errno;   /* its errno, set before failed */
	int err;           /* the first error, kept: every later call is a no-op */
	char msg[256];     /* its message */
	size_t used;       /* bytes waiting in buf */
	char *buf;         /* one of bufs: where cells gather */
	/* A table of more than one buffer's worth hands each full buffer to a
	 * thread of its own, which writes it while the other fills: the
	 * system's copy of the bytes runs beside the formatting. */
	size_t flushes;
	int async;         /* the writer thread runs */
	int stop;
	const char *pending; /* a full buffer handed to it, or NULL */
	size_t pending_len;
	pthread_t writer;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char bufs[2][1 << 16];
};

/* Records the first error (sqlite3_str's rule): the caller checks once, at the end. */
static int stick(rh_table *t, int err)
{
	if (t->err == 0 && err < 0) {
		t->err = err;
		snprintf(t->msg, sizeof t->msg, "%s", rh_error_last());
	}
	return t->err;
}

/* The sticky result of a cell or row call: the first error, or one just met writing. */
static int status(rh_table *t)
{
	if (t->err)
		return t->err;
	if (atomic_load_explicit(&t->failed, memory_order_acquire))
		return stick(t, rh_error__set(RH_EIO, "write failed: %s",
					      t->write_errno ? strerror(t->write_errno) : "stream error"));
	return 0;
}

static const char *eol(const rh_table *t) { return t->opts.excel ? "\r\n" : "\n"; }

/* A failed write: its errno, then the flag (the first failure's). */
static void write_failed(rh_table *t)
{
	if (!atomic_load_explicit(&t->failed, memory_order_relaxed)) {
		t->write_errno = errno;
		atomic_store_explicit(&t->failed, 1, memory_order_release);
	}
}

/*
 * Tables run to millions of cells: cells gather in the table's own buffer
 * and reach the stream in blocks (a stdio call per cell cost more than
 * formatting it); the writer owns its stream while it writes, so the
 * unlocked stdio call (GNU) skips the lock. Only one thread at a time
 * touches the stream: the writer thread between a hand-over and its end.
 */
static void write_out(rh_table *t, const char *p, size_t n)
{
	if (n && fwrite_unlocked(p, 1, n, t->fp) != n)
		write_failed(t);
}

static void *writer_main(void *arg)
{
	rh_table *t = arg;
	pthread_mutex_lock(&t->mu);
	for (;;) {
		while (!t->pending && !t->stop)
			pthread_cond_wait(&t->cv, &t->mu);
		if (!t->pending)
			break;
		const char *p = t->pending;
		size_t n = t->pending_len;
		pthread_mutex_unlock(&t->mu);
		write_out(t, p, n);
		pthread_mutex_lock(&t->mu);
		t->pending = NULL;
		pthread_cond_broadcast(&t->cv);
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

/* Waits until the writer thread has written what it was handed. */
static void sync_writer(rh_table *t)
{
	if (!t->async)
		return;
	pthread_mutex_lock(&t->mu);
	while (t->pending)
		pthread_cond_wait(&t->cv, &t->mu);
	pthread_mutex_unlock(&t->mu);
}

static void stop_writer(rh_table *t)
{
	if (!t->async)
		return;
	pthread_mutex_lock(&t->mu);
	t->stop = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->writer, NULL);
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	t->async = 0;
}

/* Starts the writer thread; without one the table writes as it goes. */
static void start_writer(rh_table *t)
{
	if (pthread_mutex_init(&t->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&t->cv, NULL) != 0) {
		pthread_mutex_destroy(&t->mu);
		return;
	}
	if (pthread_create(&t->writer, NULL, writer_main, t) != 0) {
		pthread_cond_destroy(&t->cv);
		pthread_mutex_destroy(&t->mu);
		return;
	}
	t->async = 1;
}

/* The buffer's bytes on their way to the stream: handed to the writer
 * thread (started at the second full buffer), or written here. */
static void flush_buf(rh_table *t)
{
	if (!t->used)
		return;
	if (!t->async && t->flushes++ == 1)
		start_writer(t);
	if (!t->async) {
		write_out(t, t->buf, t->used);
		t->used = 0;
		return;
	}
	pthread_mutex_lock(&t->mu);
	while (t->pending)
		pthread_cond_wait(&t->cv, &t->mu);
	t->pending = t->buf;
	t->pending_len = t->used;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
	t->buf = t->buf == t->bufs[0] ? t->bufs[1] : t->bufs[0];
	t->used = 0;
}

/* Everything so far written to the stream: the caller may use it. */
static void drain(rh_table *t)
{
	flush_buf(t);
	sync_writer(t);
}

static void put(rh_table *t, const char *s, size_t n)
{
	if (t->used + n > sizeof t->bufs[0]) {
		flush_buf(t);
		if (n > sizeof t->bufs[0]) {
			sync_writer(t);
			write_out(t, s, n);
			return;
		}
	}
	memcpy(t->buf + t->used, s, n);
	t->used += n;
}

/* s[0, n) as one quoted field (RFC 4180, libcsv's csv_write), into the buffer when it fits. */
static void put_quoted(rh_table *t, const char *s, size_t n)
{
	size_t need = 2 * n + 2; /* every byte a quote, doubled, and the two around */
	if (n > (sizeof t->bufs[0] - 2) / 2) {
		drain(t);
		if (csv_fwrite(t->fp, s, n) != 0)
			write_failed(t);
		return;
	}
	if (t->used + need > sizeof t->bufs[0])
		flush_buf(t);
	t->used += csv_write(t->buf + t->used, sizeof t->bufs[0] - t->used, s, n);
}

static int sep(rh_table *t)
{
	if (t->col++ > 0)
		put(t, ",", 1);
	return 0;
}

/* libcsv, and many readers, trim unquoted blanks at either end of a field. */
static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (is_blank(s[0]) || is_blank(s[n - 1]))
		return 1;
	/* A byte-order mark opening the table would be read as the file's. */
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
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

static size_t digits(const char *s, size_t n, size_t *i)
{
	size_t from = *i;
	while (*i < n && s[*i] >= '0' && s[*i] <= '9')
		(*i)++;
	return *i - from;
}

/*
 * A plain decimal number: an optional sign, digits with an optional point
 * (at least one digit), an optional exponent. Spreadsheets, R and pandas
 * read it as a number, never as a formula, so a signed one ("-0.5", "+3",
 * "-1e-5") is written as it is.
 */
static int is_plain_number(const char *s, size_t n)
{
	size_t i = 0, d;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	d = digits(s, n, &i);
	if (i < n && s[i] == '.') {
		i++;
		d += digits(s, n, &i);
	}
	if (d == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (digits(s, n, &i) == 0)
			return 0;
	}
	return i == n;
}

RH_API int rh_table_textn(rh_table *t, const char *s, size_t n)
{
	int guard = !t->opts.raw_cells && n > 0 && is_formula_start(s[0]) && !is_plain_number(s, n);
	if (t->err)
		return t->err;
	sep(t);
	/* A row of one empty cell would be a blank line, which readers skip. */
	if (n == 0 && t->ncols == 1) {
		put(t, "\"\"", 2);
		return status(t);
	}
	if (guard || needs_quotes(s, n)) {
		/* A guarded cell is `'` and the text, quoted when it needs it. */
		if (guard) {
			char *tmp = rh__malloc(n + 1);
			if (!tmp)
				return stick(t, rh_error__oom());
			tmp[0] = '\'';
			memcpy(tmp + 1, s, n);
			if (needs_quotes(tmp, n + 1))
				put_quoted(t, tmp, n + 1);
			else
				put(t, tmp, n + 1);
			free(tmp);
		} else {
			put_quoted(t, s, n);
		}
	} else {
		put(t, s, n);
	}
	return status(t);
}

RH_API int rh_table_text(rh_table *t, const char *s) { return rh_table_textn(t, s, s ? strlen(s) : 0); }

/* Decimal digits of v at the end of buf[0, 24); returns where they start. */
static char *utoa_end(char *end, unsigned long long v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* "%lld" of v into buf (24 bytes at least); returns the length. */
static size_t lltoa(char *buf, long long v)
{
	char tmp[24], *p = utoa_end(tmp + sizeof tmp, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
	size_t n = 0;
	if (v < 0)
		buf[n++] = '-';
	memcpy(buf + n, p, (size_t)(tmp + sizeof tmp - p));
	return n + (size_t)(tmp + sizeof tmp - p);
}

RH_API int rh_table_int(rh_table *t, long long v)
{
	char buf[24];
	if (t->err)
		return t->err;
	sep(t);
	put(t, buf, lltoa(buf, v));
	return status(t);
}

/*
 * "%.10g" of a finite v, without printf's exact multi-precision conversion
 * when a double computation is sure to give the same digits; 0 when it is
 * not (v out of the fixed-notation range, or too close to a rounding
 * boundary), and the caller uses snprintf. %.10g (C11 7.21.6.1) writes the
 * value correctly rounded to 10 significant digits, in fixed notation when
 * its decimal exponent X satisfies -4 <= X < 10, trailing zeros (and a
 * trailing point) removed.
 */
static size_t fast_g10(char *buf, double v)
{
	/* Exact powers of ten: 10^k is a double without rounding for k <= 22. */
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
				      1e10, 1e11, 1e12, 1e13 };
	double a = v < 0 ? -v : v;
	size_t n = 0;
	int x;

	if (a < 1e-4 || a >= 1e10)
		return 0;
	if (a == (double)(unsigned long long)a) {
		/* An integer below 10^10 has at most 10 digits: printed as is. */
		char tmp[24], *p = utoa_end(tmp + sizeof tmp, (unsigned long long)a);
		if (v < 0)
			buf[n++] = '-';
		memcpy(buf + n, p, (size_t)(tmp + sizeof tmp - p));
		return n + (size_t)(tmp + sizeof tmp - p);
	}
	/* X, the decimal exponent: 10^X <= a < 10^(X+1), X in [-4, 9]. 10^-k
	 * is inexact, so a double next to it may get X one off; its ten
	 * digits then round to 1000000000 either way and print the same. */
	for (x = 9; x > -4 && a < (x >= 0 ? p10[x] : 1.0 / p10[-x]); x--)
		;
	/* s = a * 10^(9-X) lies in [10^9, 10^10): one rounding, so within
	 * 10^10 * 2^-53 (about 1.2e-6) of the exact product. */
	double s = a * p10[9 - x];
	double f = floor(s), frac = s - f;
	if (frac > 0.5 - 1e-5 && frac < 0.5 + 1e-5)
		return 0; /* near a tie: printf rounds the exact value */
	unsigned long long d = (unsigned long long)f + (frac > 0.5);
	if (d < 1000000000ULL || d >= 10000000000ULL)
		return 0; /* rounded up to 10^10: X changes */
	char dig[10];
	for (int i = 9; i >= 0; i--) {
		dig[i] = (char)('0' + d % 10);
		d /= 10;
	}
	int nd = 10;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (v < 0)
		buf[n++] = '-';
	if (x >= 0) {
		/* x + 1 integer digits, then the rest after a point */
		int ni = x + 1;
		for (int i = 0; i < ni; i++)
			buf[n++] = i < nd ? dig[i] : '0';
		if (nd > ni) {
			buf[n++] = '.';
			for (int i = ni; i < nd; i++)
				buf[n++] = dig[i];
		}
	} else {
		buf[n++] = '0';
		buf[n++] = '.';
		for (int i = 0; i < -x - 1; i++)
			buf[n++] = '0';
		for (int i = 0; i < nd; i++)
			buf[n++] = dig[i];
	}
	return n;
}

static size_t format_num(char *buf, double v)
{
	size_t n;
	if (isnan(v))
		n = (size_t)sprintf(buf, "NA");
	else if (isinf(v))
		n = (size_t)sprintf(buf, "%s", v > 0 ? "Inf" : "-Inf");
	else if (v == 0)
		n = (size_t)sprintf(buf, "0"); /* never "-0" */
	else if (!(n = fast_g10(buf, v)))
		n = (size_t)snprintf(buf, 32, "%.10g", v);
	buf[n] = '\0';
	return n;
}

RH_API char *rh_table_format_num(char *buf, double v)
{
	format_num(buf, v);
	return buf;
}

RH_API int rh_table_num(rh_table *t, double v)
{
	char buf[32];
	if (t->err)
		return t->err;
	sep(t);
	put(t, buf, format_num(buf, v));
	return status(t);
}

int rh_table__cells(rh_table *t, const char *s, size_t n, size_t ncells)
{
	if (t->err)
		return t->err;
	if (ncells == 0)
		return 0;
	sep(t);
	put(t, s, n);
	t->col += ncells - 1;
	return status(t);
}

RH_API int rh_table_end_row(rh_table *t)
{
	if (t->err)
		return t->err;
	if (t->col != t->ncols)
		return stick(t, rh_error__set(RH_EUSAGE, "table row has %zu cells, header has %zu", t->col, t->ncols));
	put(t, eol(t), t->opts.excel ? 2 : 1);
	t->col = 0;
	return status(t);
}

/* A table of ncols columns into fp: with `header`, the BOM (--excel) and the columns' names first. */
static int table_new(rh_table **out, FILE *fp, const rh_table_options *opts, const char *const *columns, size_t ncols,
		     int header)
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
	t->buf = t->bufs[0];
	if (header) {
		if (t->opts.excel && fputs("\xEF\xBB\xBF", fp) == EOF)
			write_failed(t);
		/* Column names may come from the data (metadata columns): they are
		   cells like any other, quoted and guarded the same way. */
		for (size_t i = 0; i < ncols; i++)
			rh_table_text(t, columns[i]);
		if ((err = rh_table_end_row(t)) < 0) {
			stop_writer(t);
			free(t);
			return err;
		}
	}
	*out = t;
	return 0;
}

RH_API int rh_table_new(rh_table **out, FILE *fp, const rh_table_options *opts,
			const char *const *columns, size_t ncols)
{
	return table_new(out, fp, opts, columns, ncols, 1);
}

int rh_table__new_rows(rh_table **out, FILE *fp, const rh_table_options *opts, size_t ncols)
{
	return table_new(out, fp, opts, NULL, ncols, 0);
}

int rh_table__raw(rh_table *t, const char *s, size_t n)
{
	if (t->err)
		return t->err;
	if (t->col != 0)
		return stick(t, rh_error__set(RH_EUSAGE, "rows appended inside a row"));
	put(t, s, n);
	return status(t);
}

RH_API int rh_table_finish(rh_table *t)
{
	if (!t->err)
		flush_buf(t);
	stop_writer(t);
	if (!t->err && (fflush(t->fp) != 0 || ferror(t->fp)))
		write_failed(t);
	return rh_table_error(t);
}

RH_API int rh_table_error(rh_table *t)
{
	int err = status(t);
	if (err < 0)
		rh_error__set(err, "%s", t->msg);
	return err;
}

/* Rows not yet written when a table is freed unfinished still reach the stream. */
RH_API void rh_table_free(rh_table *t)
{
	if (!t)
		return;
	if (!t->err)
		flush_buf(t);
	stop_writer(t);
	free(t);
}

/* ---- rows formatted on two threads ---------------------------------- */

/*
 * Items [0, n) in chunks of `chunk`: this thread writes the even chunks
 * straight into the table, a helper the odd ones, each into one of two
 * buffers of its own that this thread appends in turn and hands back. The
 * bytes are those of one thread's writing; at most two chunks wait in
 * memory.
 */
typedef struct {
	char *buf;
	size_t len, cap;
	int full;   /* formatted, not yet appended */
} chunk_buf;

typedef struct {
	const rh_table_options *opts;
	size_t n, ncols, chunk;
	rh_table__range_fn fn;
	void *ud;
	chunk_buf slot[2];      /* odd chunk c goes to slot (c / 2) % 2 */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;               /* this thread failed: the helper ends */
	int err;                /* the helper's error */
	char *msg;              /* its message (messages are the thread's own) */
} chunk_job;

/* The chunk's bytes, into a buffer kept from chunk to chunk. */
static ssize_t chunk_write(void *cookie, const char *s, size_t n)
{
	chunk_buf *b = cookie;
	if (rh__grow(&b->buf, &b->cap, b->len + n, 1) < 0)
		return -1;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	return (ssize_t)n;
}

/* Items [from, to) of j into b, as a rows-only table writes them. */
static int chunk_format(chunk_job *j, chunk_buf *b, size_t from, size_t to)
{
	rh_table *t = NULL;
	FILE *fp;
	int err;
	b->len = 0;
	if (!(fp = fopencookie(b, "w", (cookie_io_functions_t){ NULL, chunk_write, NULL, NULL })))
		return rh_error__oom();
	if ((err = rh_table__new_rows(&t, fp, j->opts, j->ncols)) == 0 && (err = j->fn(t, j->ud, from, to)) == 0)
		err = rh_table_finish(t);
	rh_table_free(t);
	if (fclose(fp) != 0 && err == 0)
		err = rh_error__oom();
	return err;
}

static void *chunk_job_run(void *arg)
{
	chunk_job *j = arg;
	for (size_t c = 1; c * j->chunk < j->n; c += 2) {
		chunk_buf *b = &j->slot[(c / 2) % 2];
		pthread_mutex_lock(&j->mu);
		while (b->full && !j->stop)
			pthread_cond_wait(&j->cv, &j->mu);
		int stop = j->stop;
		pthread_mutex_unlock(&j->mu);
		if (stop)
			break;
		size_t to = (c + 1) * j->chunk < j->n ? (c + 1) * j->chunk : j->n;
		int err = chunk_format(j, b, c * j->chunk, to);
		pthread_mutex_lock(&j->mu);
		if (err < 0) {
			j->err = err;
			j->msg = rh__strdup(rh_error_last());
		} else {
			b->full = 1;
		}
		pthread_cond_broadcast(&j->cv);
		pthread_mutex_unlock(&j->mu);
		if (err < 0)
			break;
	}
	return NULL;
}

int rh_table__split_rows(rh_table *t, const rh_table_options *opts, size_t ncols, size_t n, size_t chunk,
			 rh_table__range_fn fn, void *ud)
{
	chunk_job j = { opts, n, ncols, chunk ? chunk : 1, fn, ud, { { NULL, 0, 0, 0 }, { NULL, 0, 0, 0 } },
			PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, NULL };
	pthread_t pt;
	int err = 0;
	if (j.chunk >= n || pthread_create(&pt, NULL, chunk_job_run, &j) != 0)
		return fn(t, ud, 0, n);
	for (size_t c = 0; c * j.chunk < n && err == 0; c += 2) {
		size_t to = (c + 1) * j.chunk < n ? (c + 1) * j.chunk : n;
		if ((err = fn(t, ud, c * j.chunk, to)) < 0 || to == n)
			break;
		chunk_buf *b = &j.slot[((c + 1) / 2) % 2];
		pthread_mutex_lock(&j.mu);
		while (!b->full && j.err == 0)
			pthread_cond_wait(&j.cv, &j.mu);
		if (j.err < 0)
			err = rh_error__set(j.err, "%s", j.msg ? j.msg : "out of memory");
		pthread_mutex_unlock(&j.mu);
		if (err < 0)
			break;
		err = rh_table__raw(t, b->buf, b->len);
		pthread_mutex_lock(&j.mu);
		b->full = 0;
		pthread_cond_broadcast(&j.cv);
		pthread_mutex_unlock(&j.mu);
	}
	pthread_mutex_lock(&j.mu);
	j.stop = 1;
	pthread_cond_broadcast(&j.cv);
	pthread_mutex_unlock(&j.mu);
	pthread_join(pt, NULL);
	if (err == 0 && j.err < 0)
		err = rh_error__set(j.err, "%s", j.msg ? j.msg : "out of memory");
	free(j.slot[0].buf);
	free(j.slot[1].buf);
	free(j.msg);
	return err;
}
