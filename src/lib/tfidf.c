/* tfidf.c: the unit x term matrix as a GSL sparse matrix, its TF-IDF weights, cosine similarity. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_spblas.h>
#include <gsl/gsl_spmatrix.h>

#include "counts_internal.h"
#include "internal.h"
#include "report_internal.h"
#include "rhetor/plan.h"
#include "rhetor/tfidf.h"

struct rh_tfidf {
	const rh_counts *c;
	rh_tfidf_options opts;
	size_t n;          /* units */
	size_t nv;         /* vocabulary size: the matrix has this many columns */
	size_t kept;       /* distinct terms kept */
	/*
	 * Weights, units x terms in compressed rows (GSL CSR: row u holds
	 * cells p[u] .. p[u+1]-1, column i[k], weight data[k]). Filled by
	 * direct array writes, never by gsl_spmatrix_set, so building it is
	 * linear in the number of cells.
	 */
	gsl_spmatrix *w;
	/*
	 * Per cell: the count, parallel to w->data. 32 bits: a document has
	 * fewer than 2^32 tokens, and a group's total is checked; half the
	 * memory of a double on a corpus of ten million cells.
	 */
	uint32_t *count;
	double *unit_total; /* per unit: sum of kept counts ("prop" tf) */
	double *unit_max;   /* per unit: largest kept count ("aug" tf) */
	uint32_t *df;       /* per term: units containing it (kept terms; 0 otherwise) */
	double *idf;        /* per term: its idf (kept terms; NaN otherwise) */
};

static int gsl_fail(const char *what, int status)
{
	return rh_error__set(RH_ENUM, "tf-idf: %s failed: %s", what, gsl_strerror(status));
}

/* A GSL sparse matrix of at least 1 x 1 (GSL refuses empty dimensions). */
static gsl_spmatrix *sp_alloc(size_t n1, size_t n2, size_t nzmax, int type)
{
	gsl_spmatrix *m = gsl_spmatrix_alloc_nzmax(n1 ? n1 : 1, n2 ? n2 : 1, nzmax ? nzmax : 1, type);
	if (!m)
		rh_error__oom();
	return m;
}

RH_API void rh_tfidf_free(rh_tfidf *t)
{
	if (!t)
		return;
	if (t->w)
		gsl_spmatrix_free(t->w);
	free(t->count);
	free(t->unit_total);
	free(t->unit_max);
	free(t->df);
	free(t->idf);
	free(t);
}

/*
 * The build runs on the units in parts, one a thread, each part a range of
 * units whose cells are one range of the matrix: every cell is computed as
 * one thread alone would, so the matrix is the same whatever the threads.
 */
typedef struct {
	rh_tfidf *t;
	size_t u0, u1;       /* the units of this part */
	uint32_t *ncell;     /* per unit: its distinct terms (then its cells kept) */
	uint32_t *df;        /* per term: the units of this part containing it */
	uint32_t *mark;      /* groups: per term, the last unit + 1 that met it */
	int64_t *slot;       /* groups: per term, its cell in the current unit's row, or -1 */
	const unsigned char *keep;
	size_t kept;         /* cells kept, compacted to the part's first cell */
	int err;
	char msg[256];       /* its message: the thread's own is lost with the thread */
} build_part;

/* Each unit's distinct terms (a group's: each term marked with the last unit that counted it) and each
 * term's units (of this part). */
static void *count_part(void *arg)
{
	build_part *bp = arg;
	const rh_tfidf *t = bp->t;
	const uint32_t *terms, *counts;
	size_t m;
	for (size_t u = bp->u0; u < bp->u1; u++) {
		if (!t->opts.by_group) {
			rh_counts_doc_terms(t->c, u, &terms, &counts, &m);
			bp->ncell[u] = (uint32_t)m;
			for (size_t k = 0; k < m; k++)
				bp->df[terms[k]]++;
			continue;
		}
		size_t nd, total = 0;
		const uint32_t *docs = rh_counts_group_docs(t->c, u, &nd);
		for (size_t j = 0; j < nd; j++) {
			rh_counts_doc_terms(t->c, docs[j], &terms, &counts, &m);
			for (size_t k = 0; k < m; k++)
				if (bp->mark[terms[k]] != (uint32_t)u + 1) {
					bp->mark[terms[k]] = (uint32_t)u + 1;
					bp->df[terms[k]]++;
					total++;
				}
		}
		bp->ncell[u] = (uint32_t)total;
	}
	return NULL;
}

/* The rows of this part's units (columns and counts) from the counts: documents, or groups summed. */
static void *fill_part(void *arg)
{
	build_part *bp = arg;
	rh_tfidf *t = bp->t;
	gsl_spmatrix *w = t->w;
	const uint32_t *terms, *counts;
	size_t m;
	for (size_t u = bp->u0; u < bp->u1; u++) {
		size_t k = (size_t)w->p[u];
		if (!t->opts.by_group) {
			rh_counts_doc_terms(t->c, u, &terms, &counts, &m);
			for (size_t j = 0; j < m; j++, k++) {
				w->i[k] = (int)terms[j];
				t->count[k] = counts[j];
			}
			continue;
		}
		size_t nd, row = k;
		const uint32_t *docs = rh_counts_group_docs(t->c, u, &nd);
		for (size_t j = 0; j < nd; j++) {
			rh_counts_doc_terms(t->c, docs[j], &terms, &counts, &m);
			for (size_t q = 0; q < m; q++) {
				uint32_t term = terms[q];
				if (bp->slot[term] < 0) {
					bp->slot[term] = (int64_t)k;
					w->i[k] = (int)term;
					t->count[k++] = 0;
				}
				t->count[bp->slot[term]] += counts[q];
			}
		}
		for (size_t q = row; q < k; q++)
			bp->slot[w->i[q]] = -1;
	}
	return NULL;
}

/* Drops the cells of left-out terms of this part's units, to the part's first cell; ncell[u] becomes the unit's
 * cells kept. The rows' starts (w->p) are still those of every cell until the parts are joined. */
static void *compact_part(void *arg)
{
	build_part *bp = arg;
	rh_tfidf *t = bp->t;
	gsl_spmatrix *w = t->w;
	size_t k2 = (size_t)w->p[bp->u0], first = k2;
	for (size_t u = bp->u0; u < bp->u1; u++) {
		size_t from = (size_t)w->p[u], to = (size_t)w->p[u + 1], n = k2;
		for (size_t k = from; k < to; k++)
			if (bp->keep[w->i[k]]) {
				w->i[k2] = w->i[k];
				t->count[k2++] = t->count[k];
			}
		bp->ncell[u] = (uint32_t)(k2 - n);
	}
	bp->kept = k2 - first;
	return NULL;
}

static int check_limit(const char *name, double v, int fraction)
{
	if (!isfinite(v) || v < 0 || (fraction && v > 1))
		return rh_error__set(RH_EUSAGE, "tf-idf: %s = %g is not %s", name, v,
				     fraction ? "a fraction between 0 and 1" : "a count >= 0");
	return 0;
}

/*
 * Which terms stay: not a stop word, at least min_count occurrences in the
 * corpus, and df within [min_df, max_df] in scikit-learn's sense
 * (CountVectorizer: max_doc_count = max_df or max_df*n, min_doc_count =
 * min_df or min_df*n; keep min_doc_count <= df <= max_doc_count).
 */
static int choose_terms(rh_tfidf *t, const uint32_t *df, unsigned char *keep)
{
	const rh_tfidf_options *o = &t->opts;
	const rh_vocab *v = rh_counts_vocab(t->c);
	double n = (double)t->n, lo, hi;
	size_t before = 0;
	int err;

	if ((err = check_limit("min_df", o->min_df, o->min_df_fraction)) < 0 ||
	    (err = check_limit("max_df", o->max_df, o->max_df_fraction)) < 0)
		return err;
	lo = o->min_df_fraction ? o->min_df * n : o->min_df;
	hi = o->max_df_fraction ? o->max_df * n : o->max_df;
	if (hi < lo)
		return rh_error__set(RH_EUSAGE, "tf-idf: max_df (%g units) allows fewer units than min_df (%g units)",
				     hi, lo);
	t->kept = 0;
	for (size_t term = 0; term < t->nv; term++) {
		int k = df[term] > 0;
		if (k && o->min_count > 0 && rh_counts_term_total(t->c, (uint32_t)term) < (uint64_t)o->min_count)
			k = 0;
		if (k && o->stop) {
			size_t len;
			const char *s = rh_vocab_term(v, (uint32_t)term, &len);
			k = rh_vocab_find(o->stop, s, len) < 0;
		}
		before += k;
		if (k && !((double)df[term] >= lo && (double)df[term] <= hi))
			k = 0;
		keep[term] = (unsigned char)k;
		t->kept += k;
	}
	if (before > 0 && t->kept == 0)
		return rh_error__set(RH_EUSAGE, "tf-idf: no term is left after the document-frequency limits "
				     "(min_df %g, max_df %g units of %zu); lower min_df or raise max_df", lo, hi, t->n);
	return 0;
}

/* tf and the norm of this part's units, each from stats.c, where the formulas and their sources live. */
static void *weigh_part(void *arg)
{
	build_part *bp = arg;
	rh_tfidf *t = bp->t;
	const rh_tfidf_scheme *s = &t->opts.scheme;
	gsl_spmatrix *w = t->w;
	int err;

	for (size_t u = bp->u0; u < bp->u1; u++) {
		size_t from = (size_t)w->p[u], to = (size_t)w->p[u + 1];
		double total = 0, max = 0;
		for (size_t k = from; k < to; k++) {
			total += t->count[k];
			if (t->count[k] > max)
				max = t->count[k];
		}
		t->unit_total[u] = total;
		t->unit_max[u] = max;
		for (size_t k = from; k < to; k++) {
			double tf;
			if ((err = rh_stats_tf(s->tf, t->count[k], total, max, &tf)) < 0)
				goto fail;
			w->data[k] = tf * t->idf[w->i[k]];
		}
		if ((err = rh_stats_normalize(s->norm, w->data + from, to - from)) < 0)
			goto fail;
	}
	return NULL;
fail:
	bp->err = err;
	snprintf(bp->msg, sizeof bp->msg, "%s", rh_error_last());
	return NULL;
}

/* The first error of the parts, in unit order. */
static int parts_error(const build_part *bp, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (bp[i].err < 0)
			return rh_error__set(bp[i].err, "%s", bp[i].msg);
	return 0;
}

/* Runs fn on every part. */
static void run_parts(void *(*fn)(void *), build_part *bp, unsigned n) { rh__run_threads(fn, bp, sizeof *bp, n); }

RH_API int rh_tfidf_build(rh_tfidf **out, const rh_counts *c, const rh_tfidf_options *opts)
{
	rh_tfidf_options def = RH_TFIDF_OPTIONS_INIT;
	build_part bp[RH__MAX_THREADS];
	rh_tfidf *t = NULL;
	unsigned char *keep = NULL;
	uint32_t *ncell = NULL;
	unsigned nparts = 0;
	size_t nnz = 0, seen = 0;
	int err;

	if (!out || !c)
		return rh_error__set(RH_EUSAGE, "rh_tfidf_build: NULL argument");
	*out = NULL;
	if ((err = rh_counts__need_rows(c, "tf-idf")) < 0)
		return err;
	if (!(t = rh__calloc(1, sizeof *t)))
		return RH_ENOMEM;
	t->c = c;
	t->opts = opts ? *opts : def;
	t->n = t->opts.by_group ? rh_counts_group_count(c) : rh_counts_doc_count(c);
	t->nv = rh_vocab_size(rh_counts_vocab(c));
	for (size_t g = 0; t->opts.by_group && g < t->n; g++)
		if (rh_counts_group_tokens(c, g) > UINT32_MAX) {
			err = rh_error__set(RH_EUSAGE, "tf-idf: group %s holds %llu tokens; a unit may hold at most %u",
					    rh_counts_group_name(c, g), (unsigned long long)rh_counts_group_tokens(c, g),
					    (unsigned)UINT32_MAX);
			goto done;
		}
	/* Parts of as many units each, at least 64 a part. */
	nparts = rh__threads(rh_counts_opts(c)->threads);
	if (nparts > t->n / 64)
		nparts = t->n / 64 ? (unsigned)(t->n / 64) : 1;
	memset(bp, 0, sizeof bp);
	if (!(ncell = rh__calloc(t->n + 1, sizeof *ncell)) || !(t->df = rh__calloc(t->nv + 1, sizeof *t->df))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (unsigned i = 0; i < nparts; i++) {
		bp[i] = (build_part){ .t = t, .ncell = ncell, .u0 = t->n * i / nparts, .u1 = t->n * (i + 1) / nparts };
		if (i == 0)
			bp[i].df = t->df;
		else if (!(bp[i].df = rh__calloc(t->nv + 1, sizeof *bp[i].df))) {
			err = RH_ENOMEM;
			goto done;
		}
		if (t->opts.by_group && !(bp[i].mark = rh__calloc(t->nv + 1, sizeof *bp[i].mark))) {
			err = RH_ENOMEM;
			goto done;
		}
	}
	run_parts(count_part, bp, nparts);
	for (size_t u = 0; u < t->n; u++)
		nnz += ncell[u];
	/* GSL indexes cells with int. */
	if (nnz > INT_MAX || t->nv > INT_MAX || t->n > INT_MAX) {
		err = rh_error__set(RH_EUSAGE, "tf-idf: %zu cells are more than one matrix can index", nnz);
		goto done;
	}
	if (!(t->w = sp_alloc(t->n, t->nv, nnz, GSL_SPMATRIX_CSR)) ||
	    !(t->count = rh__malloc((nnz + 1) * sizeof *t->count)) ||
	    !(t->unit_total = rh__calloc(t->n + 1, sizeof *t->unit_total)) ||
	    !(t->unit_max = rh__calloc(t->n + 1, sizeof *t->unit_max)) ||
	    !(t->idf = rh__malloc((t->nv + 1) * sizeof *t->idf)) || !(keep = rh__malloc(t->nv + 1))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t u = 0, k = 0; u <= t->n; u++) {
		t->w->p[u] = (int)k;
		k += u < t->n ? ncell[u] : 0;
	}
	t->w->nz = nnz;
	for (unsigned i = 0; i < nparts; i++) {
		free(bp[i].mark);
		bp[i].mark = NULL;
		if (t->opts.by_group) {
			if (!(bp[i].slot = rh__malloc((t->nv + 1) * sizeof *bp[i].slot))) {
				err = RH_ENOMEM;
				goto done;
			}
			memset(bp[i].slot, 0xff, (t->nv + 1) * sizeof *bp[i].slot);
		}
	}
	run_parts(fill_part, bp, nparts);
	for (unsigned i = 1; i < nparts; i++)
		for (size_t term = 0; term < t->nv; term++)
			t->df[term] += bp[i].df[term];
	if ((err = choose_terms(t, t->df, keep)) < 0)
		goto done;
	for (size_t term = 0; term < t->nv; term++)
		seen += t->df[term] > 0;
	/* Cells of terms left out dropped: each part to its first cell, then the parts joined. */
	if (t->kept < seen) {
		size_t k = 0;
		for (unsigned i = 0; i < nparts; i++)
			bp[i].keep = keep;
		run_parts(compact_part, bp, nparts);
		for (unsigned i = 0; i < nparts; i++) {
			size_t from = (size_t)t->w->p[bp[i].u0];
			if (from != k) {
				memmove(t->w->i + k, t->w->i + from, bp[i].kept * sizeof *t->w->i);
				memmove(t->count + k, t->count + from, bp[i].kept * sizeof *t->count);
			}
			k += bp[i].kept;
		}
		for (size_t u = 0, at = 0; u <= t->n; u++) {
			t->w->p[u] = (int)at;
			at += u < t->n ? ncell[u] : 0;
		}
		t->w->nz = k;
	}
	for (size_t term = 0; term < t->nv; term++)
		if (!keep[term])
			t->df[term] = 0;
	for (size_t term = 0; term < t->nv; term++) {
		t->idf[term] = NAN;
		if (t->df[term] && (err = rh_stats_idf(t->opts.scheme.idf, t->opts.scheme.idf_base, (double)t->n,
						       (double)t->df[term], &t->idf[term])) < 0)
			goto done;
	}
	run_parts(weigh_part, bp, nparts);
	if ((err = parts_error(bp, nparts)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	for (unsigned i = 0; i < nparts; i++) {
		if (i > 0)
			free(bp[i].df);
		free(bp[i].mark);
		free(bp[i].slot);
	}
	free(ncell);
	free(keep);
	rh_tfidf_free(t);
	return err;
}

RH_API size_t rh_tfidf_unit_count(const rh_tfidf *t) { return t ? t->n : 0; }

RH_API const char *rh_tfidf_unit_name(const rh_tfidf *t, size_t unit)
{
	if (!t || unit >= t->n)
		return NULL;
	return t->opts.by_group ? rh_counts_group_name(t->c, unit)
				: rh_corpus_doc_id(rh_counts_corpus(t->c), unit);
}

RH_API size_t rh_tfidf_term_count(const rh_tfidf *t) { return t ? t->kept : 0; }

RH_API size_t rh_tfidf_cell_count(const rh_tfidf *t) { return t ? t->w->nz : 0; }

/* The term weight of cell k of unit u (not stored: recomputed from the count). */
static double cell_tf(const rh_tfidf *t, size_t u, size_t k)
{
	double tf = NAN;
	rh_stats_tf(t->opts.scheme.tf, t->count[k], t->unit_total[u], t->unit_max[u], &tf);
	return tf;
}

RH_API int rh_tfidf_cell_get(const rh_tfidf *t, size_t unit, const char *term, size_t len, rh_tfidf_cell *out)
{
	int64_t id;
	if (!t || !out || !term)
		return rh_error__set(RH_EUSAGE, "rh_tfidf_cell_get: NULL argument");
	if (unit >= t->n)
		return rh_error__set(RH_EUSAGE, "rh_tfidf_cell_get: unit %zu of %zu", unit, t->n);
	memset(out, 0, sizeof *out);
	id = rh_vocab_find(rh_counts_vocab(t->c), term, len);
	if (id < 0 || !t->df[id])
		return 0;
	out->df = t->df[id];
	out->idf = t->idf[id];
	for (size_t k = (size_t)t->w->p[unit]; k < (size_t)t->w->p[unit + 1]; k++)
		if (t->w->i[k] == (int)id) {
			out->count = t->count[k];
			out->tf = cell_tf(t, unit, k);
			out->tfidf = t->w->data[k];
			break;
		}
	return 0;
}

/* Cells: tfidf descending, then term in byte order. */
static int better_cell(uint32_t a, uint32_t b, const void *ctx)
{
	const rh_tfidf *t = ctx;
	double wa = t->w->data[a], wb = t->w->data[b];
	size_t la, lb;
	const char *sa, *sb;
	int r;

	if (wa != wb)
		return wa > wb;
	sa = rh_vocab_term(rh_counts_vocab(t->c), (uint32_t)t->w->i[a], &la);
	sb = rh_vocab_term(rh_counts_vocab(t->c), (uint32_t)t->w->i[b], &lb);
	r = memcmp(sa, sb, la < lb ? la : lb);
	return r ? r < 0 : la < lb;
}

/* The units whose rows a call writes (rh_table__split_rows). */
typedef struct {
	const rh_tfidf *t;
	size_t top, maxlen;
} units_job;

/* The rows of units [from, to): each unit's top cells by weight. */
static int unit_rows(rh_table *tb, void *ud, size_t from_u, size_t to_u)
{
	const units_job *j = ud;
	const rh_tfidf *t = j->t;
	const rh_vocab *v = rh_counts_vocab(t->c);
	uint32_t *idx = rh__malloc((j->maxlen + 1) * sizeof *idx);
	int err = 0;
	if (!idx)
		return RH_ENOMEM;
	for (size_t u = from_u; u < to_u && err == 0; u++) {
		size_t from = (size_t)t->w->p[u], len = (size_t)t->w->p[u + 1] - from, k;
		const char *name = rh_tfidf_unit_name(t, u);
		for (size_t q = 0; q < len; q++)
			idx[q] = (uint32_t)(from + q);
		k = rh_report__select_top(idx, len, j->top ? j->top : len, better_cell, t);
		for (size_t r = 0; r < k && err == 0; r++) {
			uint32_t cell = idx[r], term = (uint32_t)t->w->i[cell];
			size_t tl;
			const char *ts = rh_vocab_term(v, term, &tl);
			rh_table_text(tb, name);
			rh_table_textn(tb, ts, tl);
			rh_table_int(tb, (long long)t->count[cell]);
			rh_table_num(tb, cell_tf(t, u, cell));
			rh_table_int(tb, (long long)t->df[term]);
			rh_table_num(tb, t->idf[term]);
			rh_table_num(tb, t->w->data[cell]);
			rh_table_int(tb, (long long)r + 1);
			err = rh_table_end_row(tb);
		}
	}
	free(idx);
	return err;
}

static int tfidf_table(FILE *fp, const rh_tfidf *t, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("tfidf.csv");
	rh_report_options def = RH_REPORT_OPTIONS_INIT;
	units_job j = { t, 0, 0 };
	size_t rows = 0;
	rh_table *tb = NULL;
	int err = 0;

	if (!fp || !t)
		return rh_error__set(RH_EUSAGE, "tfidf_table: NULL argument");
	if (!ro)
		ro = &def;
	j.top = ro->top > 0 ? (size_t)ro->top : 0;
	for (size_t u = 0; u < t->n; u++) {
		size_t len = (size_t)(t->w->p[u + 1] - t->w->p[u]);
		if (len > j.maxlen)
			j.maxlen = len;
		rows += j.top && len > j.top ? j.top : len;
	}
	if ((err = rh_table_new(&tb, fp, &ro->table, td->columns, td->ncolumns)) < 0)
		goto done;
	/* A hundred thousand rows or more (every document's top terms) on two threads, 256 units a chunk. */
	if ((err = rh_table__split_rows(tb, &ro->table, td->ncolumns, t->n, rows < 100000 ? t->n : 256, unit_rows,
					&j)) == 0)
		err = rh_table_finish(tb);
done:
	rh_table_free(tb);
	return err;
}

/* ---- cosine similarity ----------------------------------------------------------- */

/* Called with unit u and cos[x] for every unit x (NaN when a vector is zero). */
typedef int (*cos_row_fn)(void *ud, size_t u, const double *cos);

/* Result cells per block of the product: bounds memory whatever the number of units. */
#define SIM_BLOCK_CELLS ((size_t)1 << 22)

/*
 * Every row of the cosine matrix, unit by unit, from C = W W' computed by
 * gsl_spblas_dgemm block by block (C's columns for a run of units). GSL's
 * product wants compressed columns: W's CSR arrays are already W' in CSC,
 * and one transpose gives W in CSC. A second transpose sorts the terms
 * within each unit, so every dot product adds the shared terms in the same
 * (term) order: cos(a, b) and cos(b, a) are the same double.
 */
/* Row u of the cosine matrix from its dot products dot[0, n). */
static void cos_of(const double *norm, size_t u, const double *dot, size_t n, double *cos)
{
	for (size_t x = 0; x < n; x++) {
		double d = norm[u] * norm[x];
		/* Rounding can carry a cosine a hair above 1. */
		cos[x] = d > 0 ? fmin(1.0, dot[x] / d) : NAN;
	}
}

/*
 * Every row of the cosine matrix from C = W W' kept whole (n x n doubles):
 * C(i, j) for i <= j only, as gsl_spblas_dgemm makes it (over unit j's
 * terms in their order, the first product of a unit i stored and the others
 * added, wc's column of each term giving the units i), then C(j, i) = C(i, j).
 * The two are the same double in GSL's product too (the same products,
 * a * b = b * a, added in the same term order), so the rows are its rows
 * bit for bit, with half the multiplications.
 */
static int half_products(const rh_tfidf *t, const gsl_spmatrix *wc, const gsl_spmatrix *wt, const double *norm,
			 double *cos, cos_row_fn fn, void *ud)
{
	size_t n = t->n;
	double *c = rh__table_alloc(n * n, sizeof *c, 1);
	unsigned char *seen = rh__calloc(n, 1);
	int err = 0, sorted = 1;
	if (!c || !seen) {
		free(c);
		free(seen);
		return RH_ENOMEM;
	}
	/* A term's units in ascending order (a transpose's order) let the scan of a column stop at unit j. */
	for (size_t k = 0; k < t->nv && sorted; k++)
		for (size_t q = (size_t)wc->p[k] + 1; q < (size_t)wc->p[k + 1] && sorted; q++)
			sorted = wc->i[q - 1] < wc->i[q];
	for (size_t j = 0; j < n; j++) {
		double *x = c + j * n;
		for (size_t p = (size_t)wt->p[j]; p < (size_t)wt->p[j + 1]; p++) {
			const size_t k = (size_t)wt->i[p];
			const double b = wt->data[p];
			for (size_t q = (size_t)wc->p[k]; q < (size_t)wc->p[k + 1]; q++) {
				const size_t i = (size_t)wc->i[q];
				if (i > j) {
					if (sorted)
						break;
					continue;
				}
				if (!seen[i]) {
					seen[i] = 1;
					x[i] = b * wc->data[q];
				} else {
					x[i] += b * wc->data[q];
				}
			}
		}
		memset(seen, 0, j + 1);
	}
	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; i < j; i++)
			c[i * n + j] = c[j * n + i];
	for (size_t u = 0; u < n && err == 0; u++) {
		cos_of(norm, u, c + u * n, n, cos);
		err = fn(ud, u, cos);
	}
	free(c);
	free(seen);
	return err;
}

static int cosine_rows(const rh_tfidf *t, cos_row_fn fn, void *ud)
{
	const gsl_spmatrix *w = t->w;
	size_t n = t->n, nz = w->nz, block;
	gsl_spmatrix *wt = NULL, *wc = NULL, *b = NULL, *cm = NULL;
	double *norm = NULL, *dot = NULL, *cos = NULL;
	int err = 0, status;

	if (n == 0)
		return 0;
	if (!(norm = rh__malloc(n * sizeof *norm)) || !(dot = rh__calloc(n, sizeof *dot)) ||
	    !(cos = rh__malloc(n * sizeof *cos))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t u = 0; u < n; u++) {
		double s = 0;
		for (size_t k = (size_t)w->p[u]; k < (size_t)w->p[u + 1]; k++)
			s += w->data[k] * w->data[k];
		norm[u] = sqrt(s);
	}
	if (!(wt = sp_alloc(t->nv, n, nz, GSL_SPMATRIX_CSC)) || !(wc = sp_alloc(n, t->nv, nz, GSL_SPMATRIX_CSC))) {
		err = RH_ENOMEM;
		goto done;
	}
	memcpy(wt->p, w->p, (n + 1) * sizeof *wt->p);
	memcpy(wt->i, w->i, nz * sizeof *wt->i);
	memcpy(wt->data, w->data, nz * sizeof *wt->data);
	wt->nz = nz;
	if ((status = gsl_spmatrix_transpose_memcpy(wc, wt)) != 0 ||
	    (status = gsl_spmatrix_transpose_memcpy(wt, wc)) != 0) {
		err = gsl_fail("transposing the tf-idf matrix", status);
		goto done;
	}
	/* Units whose whole product fits one block: each pair's dot product once (see half_products). */
	if (n <= SIM_BLOCK_CELLS / n) {
		err = half_products(t, wc, wt, norm, cos, fn, ud);
		goto done;
	}
	block = SIM_BLOCK_CELLS / n;
	if (block < 1)
		block = 1;
	for (size_t b0 = 0; b0 < n && err == 0; b0 += block) {
		size_t bl = n - b0 < block ? n - b0 : block;
		size_t off = (size_t)wt->p[b0], bnz = (size_t)wt->p[b0 + bl] - off;
		if (!(b = sp_alloc(t->nv, bl, bnz, GSL_SPMATRIX_CSC)) || !(cm = sp_alloc(n, bl, n * bl, GSL_SPMATRIX_CSC))) {
			err = RH_ENOMEM;
			break;
		}
		for (size_t j = 0; j <= bl; j++)
			b->p[j] = wt->p[b0 + j] - (int)off;
		memcpy(b->i, wt->i + off, bnz * sizeof *b->i);
		memcpy(b->data, wt->data + off, bnz * sizeof *b->data);
		b->nz = bnz;
		if ((status = gsl_spblas_dgemm(1.0, wc, b, cm)) != 0) {
			err = gsl_fail("the sparse product W W'", status);
			break;
		}
		for (size_t j = 0; j < bl && err == 0; j++) {
			size_t u = b0 + j;
			for (size_t k = (size_t)cm->p[j]; k < (size_t)cm->p[j + 1]; k++)
				dot[cm->i[k]] = cm->data[k];
			cos_of(norm, u, dot, n, cos);
			for (size_t k = (size_t)cm->p[j]; k < (size_t)cm->p[j + 1]; k++)
				dot[cm->i[k]] = 0;
			err = fn(ud, u, cos);
		}
		gsl_spmatrix_free(b);
		gsl_spmatrix_free(cm);
		b = cm = NULL;
	}
done:
	if (b)
		gsl_spmatrix_free(b);
	if (cm)
		gsl_spmatrix_free(cm);
	if (wt)
		gsl_spmatrix_free(wt);
	if (wc)
		gsl_spmatrix_free(wc);
	free(norm);
	free(dot);
	free(cos);
	return err;
}

typedef struct {
	double *out;
	size_t n;
} matrix_ud;

static int to_matrix(void *ud, size_t u, const double *cos)
{
	matrix_ud *m = ud;
	memcpy(m->out + u * m->n, cos, m->n * sizeof *cos);
	return 0;
}

RH_API int rh_tfidf_similarity_matrix(const rh_tfidf *t, double *out)
{
	matrix_ud m;
	if (!t || (!out && t->n))
		return rh_error__set(RH_EUSAGE, "rh_tfidf_similarity_matrix: NULL argument");
	m.out = out;
	m.n = t->n;
	return cosine_rows(t, to_matrix, &m);
}

typedef struct {
	uint32_t a, b;
	double cos;
} sim_pair;

typedef struct {
	const rh_tfidf *t;
	rh_table *tb;
	size_t top;
	/* top > 0: the pairs kept so far, and a scratch list of units */
	sim_pair *pairs;
	size_t npairs, cap;
	uint32_t *idx;
	const double *cos; /* the row being ranked */
} sim_ud;

static int write_pair(rh_table *tb, const rh_tfidf *t, size_t a, size_t b, double cos)
{
	int err;
	rh_table_text(tb, rh_tfidf_unit_name(t, a));
	rh_table_text(tb, rh_tfidf_unit_name(t, b));
	rh_table_num(tb, cos);
	err = rh_table_end_row(tb);
	return err;
}

static int write_upper(void *ud, size_t u, const double *cos)
{
	sim_ud *s = ud;
	int err = 0;
	for (size_t x = u + 1; x < s->t->n && err == 0; x++)
		err = write_pair(s->tb, s->t, u, x, cos[x]);
	return err;
}

/* Nearer: larger cosine, then earlier unit. */
static int better_unit(uint32_t a, uint32_t b, const void *ctx)
{
	const double *cos = ctx;
	if (cos[a] != cos[b])
		return cos[a] > cos[b];
	return a < b;
}

static int keep_nearest(void *ud, size_t u, const double *cos)
{
	sim_ud *s = ud;
	size_t m = 0, k;
	for (size_t x = 0; x < s->t->n; x++)
		if (x != u && !isnan(cos[x]))
			s->idx[m++] = (uint32_t)x;
	k = rh_report__select_top(s->idx, m, s->top, better_unit, cos);
	if (rh__grow(&s->pairs, &s->cap, s->npairs + k, sizeof *s->pairs) < 0)
		return RH_ENOMEM;
	for (size_t j = 0; j < k; j++) {
		uint32_t x = s->idx[j];
		sim_pair *p = &s->pairs[s->npairs++];
		p->a = (uint32_t)(u < x ? u : x);
		p->b = (uint32_t)(u < x ? x : u);
		p->cos = cos[x];
	}
	return 0;
}

static int cmp_pair(const void *x, const void *y)
{
	const sim_pair *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

static int similarity_table(FILE *fp, const rh_tfidf *t, size_t top, const rh_table_options *topts)
{
	const rh_table_def *td = rh_tables_find("similarity.csv");
	rh_table_options def = RH_TABLE_OPTIONS_INIT;
	sim_ud s;
	int err;

	if (!fp || !t)
		return rh_error__set(RH_EUSAGE, "similarity_table: NULL argument");
	memset(&s, 0, sizeof s);
	s.t = t;
	s.top = top;
	if ((err = rh_table_new(&s.tb, fp, topts ? topts : &def, td->columns, td->ncolumns)) < 0)
		return err;
	if (top == 0) {
		err = cosine_rows(t, write_upper, &s);
	} else if (!(s.idx = rh__malloc((t->n + 1) * sizeof *s.idx))) {
		err = RH_ENOMEM;
	} else if ((err = cosine_rows(t, keep_nearest, &s)) == 0) {
		/* Both cosines of a pair are the same double (see cosine_rows), so
		 * a pair found from either end is one row. */
		qsort(s.pairs, s.npairs, sizeof *s.pairs, cmp_pair);
		for (size_t j = 0; j < s.npairs && err == 0; j++)
			if (j == 0 || cmp_pair(&s.pairs[j - 1], &s.pairs[j]) != 0)
				err = write_pair(s.tb, t, s.pairs[j].a, s.pairs[j].b, s.pairs[j].cos);
	}
	if (err == 0)
		err = rh_table_finish(s.tb);
	rh_table_free(s.tb);
	free(s.pairs);
	free(s.idx);
	return err;
}

RH_API int rh_tfidf_write_tfidf(FILE *fp, const rh_results *r)
{
	return tfidf_table(fp, r->tfidf, &r->plan->tfidf.report);
}

RH_API int rh_tfidf_write_similarity(FILE *fp, const rh_results *r)
{
	return similarity_table(fp, r->tfidf, r->plan->similarity_top, &r->plan->tfidf.report.table);
}
