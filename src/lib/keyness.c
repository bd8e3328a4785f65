/* keyness.c: the keyness table: terms and concepts of a target group against a reference. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counts_internal.h"
#include "internal.h"
#include "rhetor/plan.h"
#include "rhetor/select.h"
#include "report_internal.h"
#include "rhetor/keyness.h"
#include "rhetor/stats.h"

/* Rates are per 10,000 tokens, as in every table. */

enum { KIND_TERM = 0, KIND_CONCEPT = 1 };

/*
 * A row while the table is ranked: an n-gram table has millions, so it
 * holds what ranking needs (the measures are computed again for the rows
 * written) and the order is a list of row numbers, never rows moved.
 */
typedef struct {
	const char *name;
	uint32_t len, kind;
	double a, b, g2, p, q;
} key_row;

/* Signed G2 descending, then name, then kind: a total order. */
static int cmp_rows(const key_row *a, const key_row *b)
{
	int r;
	if (a->g2 != b->g2)
		return a->g2 > b->g2 ? -1 : 1;
	if ((r = rh_report__cmp_bytes(a->name, a->len, b->name, b->len)) != 0)
		return r;
	return (int)a->kind - (int)b->kind;
}

/*
 * The rows [from, from + n), all of one kind, in cmp_rows order: their
 * numbers into order[0, n). The sort runs on small keys (report_internal.h):
 * G2, the name's bytes eight at a time, the row number.
 */
static int sort_rows(const key_row *rows, size_t from, size_t n, uint32_t *order)
{
	rh_report__key *k;
	if (n == 0)
		return 0;
	if (from + n > UINT32_MAX || !(k = rh__malloc(n * sizeof *k)))
		return RH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const key_row *r = &rows[from + i];
		/* G2 of counts is never NaN; were it so, the row would go last. */
		k[i] = (rh_report__key){ isnan(r->g2) ? UINT64_MAX : rh_report__desc(r->g2), 0, r->name, r->len,
					 (uint32_t)(from + i) };
	}
	rh_report__sort_keys(k, n);
	for (size_t i = 0; i < n; i++)
		order[i] = k[i].item;
	free(k);
	return 0;
}

/* The sorted runs a[0, na) and b[0, nb) of row numbers into dst, in cmp_rows order. */
static void merge_rows(const key_row *rows, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
		       uint32_t *dst)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb)
		dst[n++] = cmp_rows(&rows[a[i]], &rows[b[j]]) <= 0 ? a[i++] : b[j++];
	while (i < na)
		dst[n++] = a[i++];
	while (j < nb)
		dst[n++] = b[j++];
}

/* The group named `name`, or an RH_EUSAGE naming a few that exist. */
static int find_group(const rh_counts *c, const char *role, const char *name, size_t *out)
{
	size_t ng = rh_counts_group_count(c);
	char list[512];
	size_t len = 0;
	for (size_t g = 0; g < ng; g++)
		if (!strcmp(rh_counts_group_name(c, g), name)) {
			*out = g;
			return 0;
		}
	list[0] = '\0';
	for (size_t g = 0; g < ng && g < 12 && len < sizeof list - 64; g++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%.40s", g ? ", " : "",
					rh_counts_group_name(c, g));
	if (ng > 12)
		snprintf(list + len, sizeof list - len, ", ... (%zu in all)", ng);
	return rh_error__set(RH_EUSAGE, "%s '%s' is not a value of %s (values: %s)", role, name,
			     rh_counts_opts(c)->group_col ? rh_counts_opts(c)->group_col : "the grouping", list);
}

/* Every rate of the tables comes from one helper (stats.c). */
static double per_10k(double count, double tokens) { return rh_stats_rate(count, tokens, RH_STATS_PER_10K); }

/* BH q values over the rows [from, to) (one kind). */
static int qvalues(key_row *rows, size_t from, size_t to)
{
	size_t n = to - from;
	double *p;
	int err;
	if (n == 0)
		return 0;
	if (!(p = rh__malloc(n * sizeof *p)))
		return RH_ENOMEM;
	for (size_t i = 0; i < n; i++)
		p[i] = rows[from + i].p;
	if ((err = rh_stats_bh_qvalues(p, n, p)) == 0)
		for (size_t i = 0; i < n; i++)
			rows[from + i].q = p[i];
	free(p);
	return err;
}

/*
 * The q values of the rows order[0, n), one kind in cmp_rows order, with no
 * sort of their own: p falls as |G2| rises, so the rows by |G2| descending
 * (the positive ones from the front, the negative ones from the back, those
 * of G2 0 last) are the rows by p ascending, as the step-up takes them.
 * That p rises along them is checked, not assumed: 0 when it does (q
 * written), 1 when not (nothing written), or an error.
 */
static int qvalues_ranked(key_row *rows, const uint32_t *order, size_t n)
{
	size_t npos = 0, nneg = 0, m = 0, i, j;
	uint32_t *rank;
	int ranked;
	if (n == 0)
		return 0;
	while (npos < n && rows[order[npos]].g2 > 0)
		npos++;
	while (nneg < n - npos && rows[order[n - 1 - nneg]].g2 < 0)
		nneg++;
	if (!(rank = rh__malloc(n * sizeof *rank)))
		return RH_ENOMEM;
	for (i = 0, j = n; i < npos || j > n - nneg;)
		rank[m++] = j == n - nneg || (i < npos && rows[order[i]].g2 >= -rows[order[j - 1]].g2) ? order[i++]
												      : order[--j];
	for (i = npos; i < n - nneg; i++)
		rank[m++] = order[i];
	ranked = rows[rank[0]].p >= 0;
	for (i = 1; i < n && ranked; i++)
		ranked = rows[rank[i]].p >= rows[rank[i - 1]].p;
	if (ranked) {
		double running = 1;
		for (i = n; i-- > 0;)
			rows[rank[i]].q = running = rh_stats__bh_step(rows[rank[i]].p, n, i + 1, running);
	}
	free(rank);
	return !ranked;
}

/* The q values of the rows [from, from + n), order[0, n) their cmp_rows order. */
static int qvalues_of(key_row *rows, size_t from, size_t n, const uint32_t *order)
{
	int r = qvalues_ranked(rows, order, n);
	return r == 1 ? qvalues(rows, from, from + n) : r;
}

/* Of the row numbers order[0, n) sorted by G2, the first `top` positive
 * and the last `top` negative into out; returns how many. */
static size_t keep_top(const key_row *rows, const uint32_t *order, size_t n, size_t top, uint32_t *out)
{
	size_t m = 0, npos = 0, nneg = 0;
	for (size_t i = 0; i < n && npos < top && rows[order[i]].g2 > 0; i++, npos++)
		out[m++] = order[i];
	for (size_t i = n; i > 0 && nneg < top && rows[order[i - 1]].g2 < 0; i--)
		nneg++;
	for (size_t i = n - nneg; i < n; i++)
		out[m++] = order[i];
	return m;
}

enum { SIDE_NONE = 0, SIDE_TARGET, SIDE_REFERENCE };

/* Whether the reference is every document outside the target. */
static int against_rest(const rh_keyness_options *ko) { return !ko->reference || !strcmp(ko->reference, "rest"); }

/*
 * Marks each document's side: a side is a value of the group column or a
 * selection (rhetor/select.h); the reference "rest" (or NULL) is every
 * document outside the target. A document may not be on both sides.
 */
static int sides(const rh_counts *c, const rh_keyness_options *ko, unsigned char *side)
{
	const rh_corpus *corpus = rh_counts_corpus(c);
	size_t nd = rh_counts_doc_count(c), target = 0, ref = (size_t)-1, both = 0, first = 0;
	rh_selection *ts = NULL, *rs = NULL;
	int rest = against_rest(ko), err = 0;

	if (rh_selection_is_expr(ko->target)) {
		if ((err = rh_selection_parse(&ts, ko->target)) < 0 || (err = rh_selection_check(ts, corpus)) < 0)
			goto done;
	} else if ((err = find_group(c, "target", ko->target, &target)) < 0) {
		goto done;
	}
	if (!rest && rh_selection_is_expr(ko->reference)) {
		if ((err = rh_selection_parse(&rs, ko->reference)) < 0 || (err = rh_selection_check(rs, corpus)) < 0)
			goto done;
	} else if (!rest) {
		if ((err = find_group(c, "reference", ko->reference, &ref)) < 0)
			goto done;
		if (!ts && ref == target) {
			err = rh_error__set(RH_EUSAGE, "the reference '%s' is the target itself", ko->reference);
			goto done;
		}
	}
	for (size_t doc = 0; doc < nd; doc++) {
		size_t g = rh_counts_doc(c, doc)->group;
		int in_t = ts ? rh_selection_match(ts, corpus, doc) : g == target;
		int in_r = rest ? !in_t : rs ? rh_selection_match(rs, corpus, doc) : g == ref;
		if (in_t && in_r && !both++)
			first = doc;
		side[doc] = in_t ? SIDE_TARGET : in_r ? SIDE_REFERENCE : SIDE_NONE;
	}
	if (both)
		err = rh_error__set(RH_EUSAGE, "%zu document%s (the first %s) in both the target '%s' and the reference '%s'",
				    both, both == 1 ? " is" : "s are", rh_corpus_doc_id(corpus, first), ko->target,
				    ko->reference);
done:
	rh_selection_free(ts);
	rh_selection_free(rs);
	return err;
}

/* The rows of ids [from, to): their counts on each side (terms' from the
 * documents, concepts' given), from rows + from on. */
typedef struct {
	const rh_counts *c;
	const rh_report_options *ro;
	const unsigned char *side;
	uint64_t *ca, *cb;
	key_row *rows;
	size_t from, to, nv;
	double n1, n2;
	int rest; /* the reference is every document outside the target */
	size_t nrows;
	int err;
	char *msg; /* the error's message (messages are the thread's own) */
} row_job;

typedef struct {
	double g2, p;
	int known;
} memo_cell;

static void *row_job_run(void *arg)
{
	enum { MEMO = 32 };
	memo_cell memo[MEMO][MEMO] = { { { 0, 0, 0 } } };
	row_job *j = arg;
	const rh_vocab *v = rh_counts_vocab(j->c);
	const rh_dict *d = rh_counts_dict(j->c);
	const size_t nd = rh_counts_doc_count(j->c), lo = j->from, hi = j->to < j->nv ? j->to : j->nv;
	/* Against the rest, the reference's counts are the corpus totals less
	 * the target's: only the target's documents are read. */
	for (size_t doc = 0; doc < nd && lo < hi; doc++) {
		const uint32_t *terms, *counts;
		size_t n;
		uint64_t *to = j->side[doc] == SIDE_TARGET ? j->ca : j->side[doc] == SIDE_REFERENCE && !j->rest ? j->cb : NULL;
		if (!to)
			continue;
		rh_counts_doc_terms(j->c, doc, &terms, &counts, &n);
		for (size_t k = 0; k < n; k++)
			if (terms[k] >= lo && terms[k] < hi)
				to[terms[k]] += counts[k];
	}
	for (size_t i = lo; j->rest && i < hi; i++)
		j->cb[i] = rh_counts_term_total(j->c, (uint32_t)i) - j->ca[i];
	for (size_t i = j->from; i < j->to; i++) {
		key_row *r = &j->rows[j->from + j->nrows];
		uint64_t total = j->ca[i] + j->cb[i];
		if (total == 0 || (j->ro->min_count > 0 && total < (uint64_t)j->ro->min_count))
			continue;
		size_t len;
		if (i < j->nv) {
			r->name = rh_vocab_term(v, (uint32_t)i, &len);
			if (j->ro->stop && rh_vocab_find(j->ro->stop, r->name, len) >= 0)
				continue;
			r->kind = KIND_TERM;
		} else {
			r->name = rh_dict_concept(d, i - j->nv);
			len = strlen(r->name);
			r->kind = KIND_CONCEPT;
		}
		r->len = (uint32_t)len;
		r->a = (double)j->ca[i];
		r->b = (double)j->cb[i];
		/* Most n-grams are rare: G2 and p of small counts are computed once. */
		const int small = j->ca[i] < MEMO && j->cb[i] < MEMO;
		memo_cell *m = small ? &memo[j->ca[i]][j->cb[i]] : NULL;
		if (!m || !m->known) {
			rh_keyness k;
			if ((j->err = rh_stats_keyness(r->a, r->b, j->n1, j->n2, &k)) < 0) {
				j->msg = rh__strdup(rh_error_last());
				return NULL;
			}
			if (m)
				*m = (memo_cell){ k.log_likelihood, k.p_value, 1 };
			r->g2 = k.log_likelihood;
			r->p = k.p_value;
		} else {
			r->g2 = m->g2;
			r->p = m->p;
		}
		j->nrows++;
	}
	return NULL;
}

/* The cells of a row after its name: NUMS numbers and the kind. */
enum { NUMS = 11, ROW_CELLS = NUMS * 32 + 16 };

/*
 * The rows fin[from, to) into t. Rows are written in G2 order, far from
 * where they and their names lie: both are fetched a few rows ahead. Rows
 * of the same counts (the long tail of n-grams seen once) have the same
 * cells but the name, formatted once.
 */
static int write_range(rh_table *t, const key_row *rows, const uint32_t *fin, size_t from, size_t to, double n1,
		       double n2)
{
	enum { AHEAD = 32 };
	char cells[ROW_CELLS];
	size_t ncells = 0;
	const key_row *prev = NULL;
	int err = 0;
	for (size_t i = from; i < to && err == 0; i++) {
		const key_row *r = &rows[fin[i]];
		if (i + 2 * AHEAD < to)
			__builtin_prefetch(&rows[fin[i + 2 * AHEAD]]);
		if (i + AHEAD < to)
			__builtin_prefetch(rows[fin[i + AHEAD]].name);
		if (!prev || r->a != prev->a || r->b != prev->b || r->q != prev->q || r->kind != prev->kind) {
			rh_keyness k;
			if ((err = rh_stats_keyness(r->a, r->b, n1, n2, &k)) < 0)
				break;
			const double vals[NUMS] = { r->a, r->b, per_10k(r->a, n1), per_10k(r->b, n2), k.log_likelihood,
						 k.p_value, r->q, k.chi2, k.log_ratio, k.pct_diff, k.bic };
			/* The counts as rh_table_int writes them, then numbers. */
			ncells = (size_t)snprintf(cells, sizeof cells, "%lld,%lld,", (long long)r->a, (long long)r->b);
			for (unsigned j = 2; j < NUMS; j++) {
				rh_table_format_num(cells + ncells, vals[j]);
				ncells += strlen(cells + ncells);
				cells[ncells++] = ',';
			}
			const char *kind = r->kind == KIND_TERM ? "term" : "concept";
			memcpy(cells + ncells, kind, strlen(kind));
			ncells += strlen(kind);
			prev = r;
		}
		rh_table_textn(t, r->name, r->len);
		rh_table__cells(t, cells, ncells, NUMS + 1);
		err = rh_table_end_row(t);
	}
	return err;
}

/* The rows fin[from, to): the range a table's writer asks for (rh_table__split_rows). */
typedef struct {
	const key_row *rows;
	const uint32_t *fin;
	double n1, n2;
} rows_job;

static int rows_range(rh_table *t, void *ud, size_t from, size_t to)
{
	const rows_job *j = ud;
	return write_range(t, j->rows, j->fin, from, to, j->n1, j->n2);
}

static int keyness_table(FILE *fp, const rh_counts *c, const rh_report_options *ro, const rh_keyness_options *ko)
{
	const rh_table_def *td = rh_tables_find("keyness.csv");
	rh_report_options rdef = RH_REPORT_OPTIONS_INIT;
	const rh_vocab *v = rh_counts_vocab(c);
	const rh_dict *d = rh_counts_dict(c);
	size_t nv = rh_vocab_size(v), nd = rh_counts_doc_count(c), nc = 0;
	unsigned char *side = NULL;
	size_t nrows = 0, nterms, nout;
	uint64_t *ca = NULL, *cb = NULL;
	key_row *rows = NULL;
	uint32_t *order = NULL, *out = NULL;
	const uint32_t *fin;
	double n1 = 0, n2 = 0;
	rh_table *t = NULL;
	int err = 0;

	if (!ro)
		ro = &rdef;
	if (!ko || !ko->target)
		return rh_error__set(RH_EUSAGE, "keyness needs a target group");
	if (ko->concepts && !d)
		return rh_error__set(RH_EUSAGE, "keyness of concepts needs a phrase dictionary");
	if (ko->concepts)
		nc = rh_dict_concept_count(d);
	if (!(side = rh__calloc(nd + 1, 1)))
		return RH_ENOMEM;
	if ((err = sides(c, ko, side)) < 0)
		goto done;
	/* The documents whose terms are read (the target's, and the reference's
	 * unless it is the rest) must have kept their rows. */
	for (size_t doc = 0; doc < nd; doc++) {
		if ((side[doc] == SIDE_TARGET || (side[doc] == SIDE_REFERENCE && !against_rest(ko))) &&
		    !rh_counts_has_row(c, doc)) {
			err = rh_counts__need_rows(c, "keyness of this target and reference");
			goto done;
		}
		if (side[doc] == SIDE_TARGET)
			n1 += (double)rh_counts_doc(c, doc)->tokens;
		else if (side[doc] == SIDE_REFERENCE)
			n2 += (double)rh_counts_doc(c, doc)->tokens;
	}
	if (n1 == 0 || n2 == 0) {
		err = rh_error__set(RH_EUSAGE, "the %s has no tokens: keyness compares two texts",
				    n1 == 0 ? "target" : "reference");
		goto done;
	}

	if (!(ca = rh__calloc(nv + nc + 1, sizeof *ca)) || !(cb = rh__calloc(nv + nc + 1, sizeof *cb)) ||
	    !(rows = rh__table_alloc(nv + nc + 1, sizeof *rows, 0))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* Concepts' match counts after the terms'. */
	if (nc) {
		size_t nm;
		const rh_match *ms = rh_counts_matches(c, &nm);
		for (size_t i = 0; i < nm; i++) {
			if (side[ms[i].doc] == SIDE_TARGET)
				ca[nv + ms[i].concept]++;
			else if (side[ms[i].doc] == SIDE_REFERENCE)
				cb[nv + ms[i].concept]++;
		}
	}
	/* The terms' counts of each side and the rows, in two halves of the
	 * ids side by side for millions of terms (n-grams): each half's rows
	 * in place from its first id, then joined. */
	const int rest = against_rest(ko);
	row_job rj[2] = { { c, ro, side, ca, cb, rows, 0, nv / 2, nv, n1, n2, rest, 0, 0, NULL },
			  { c, ro, side, ca, cb, rows, nv / 2, nv + nc, nv, n1, n2, rest, 0, 0, NULL } };
	pthread_t rt;
	int two = nv >= 100000 && pthread_create(&rt, NULL, row_job_run, &rj[1]) == 0;
	if (!two)
		rj[0].to = nv + nc;
	row_job_run(&rj[0]);
	if (two)
		pthread_join(rt, NULL);
	for (int h = 0; h < 1 + two && err == 0; h++)
		if (rj[h].err < 0)
			err = rh_error__set(rj[h].err, "%s", rj[h].msg ? rj[h].msg : "failed");
	free(rj[0].msg);
	free(rj[1].msg);
	if (err < 0)
		goto done;
	nrows = rj[0].nrows;
	if (two) {
		memmove(rows + nrows, rows + rj[1].from, rj[1].nrows * sizeof *rows);
		nrows += rj[1].nrows;
	}
	/* The counts are in the rows now. */
	free(ca);
	free(cb);
	ca = cb = NULL;
	/* Rows are terms first, then concepts: each kind is its own family of tests. */
	for (nterms = 0; nterms < nrows && rows[nterms].kind == KIND_TERM; nterms++)
		;
	if (!(order = rh__malloc((nrows + 1) * sizeof *order)) || !(out = rh__malloc((nrows + 1) * sizeof *out))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* Each kind's order, then its q values read off that order. */
	if ((err = sort_rows(rows, 0, nterms, order)) < 0 ||
	    (err = sort_rows(rows, nterms, nrows - nterms, order + nterms)) < 0 ||
	    (err = qvalues_of(rows, 0, nterms, order)) < 0 || (err = qvalues_of(rows, nterms, nrows - nterms, order + nterms)) < 0)
		goto done;
	/* Terms, then concepts, each sorted: the table merges the two. */
	if (ro->top > 0) {
		size_t nt = keep_top(rows, order, nterms, (size_t)ro->top, out);
		nout = nt + keep_top(rows, order + nterms, nrows - nterms, (size_t)ro->top, out + nt);
		merge_rows(rows, out, nt, out + nt, nout - nt, order);
		fin = order;
	} else {
		nout = nrows;
		merge_rows(rows, order, nterms, order + nterms, nrows - nterms, out);
		fin = out;
	}

	if ((err = rh_table_new(&t, fp, &ro->table, td->columns, td->ncolumns)) < 0)
		goto done;
	/* Millions of rows (n-grams) are formatted on two threads. */
	rows_job wj = { rows, fin, n1, n2 };
	err = rh_table__split_rows(t, &ro->table, td->ncolumns, nout, nout < 200000 ? nout : 1 << 15, rows_range, &wj);
	if (err == 0)
		err = rh_table_finish(t);
done:
	rh_table_free(t);
	free(side);
	free(ca);
	free(cb);
	free(rows);
	free(order);
	free(out);
	return err;
}

RH_API int rh_keyness_write_keyness(FILE *fp, const rh_results *r)
{
	rh_keyness_options ko = r->plan->keyness_opts;
	ko.concepts = ko.concepts && rh_counts_dict(r->counts) != NULL;
	return keyness_table(fp, r->counts, &r->plan->keyness.report, &ko);
}
