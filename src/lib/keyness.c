/* keyness.c: the keyness table: terms and concepts of a target group against a reference. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rhetor/plan.h"
#include "rhetor/select.h"
#include "report_internal.h"
#include "rhetor/keyness.h"
#include "rhetor/stats.h"

/* Rates are per 10,000 tokens, as in every table. */

enum { KIND_TERM = 0, KIND_CONCEPT = 1 };

typedef struct {
	const char *name;
	size_t len;
	int kind;
	double a, b;
	rh_keyness k;
	double q;
} key_row;

/* Signed G2 descending, then name, then kind: a total order. */
static int cmp_rows(const void *x, const void *y)
{
	const key_row *a = x, *b = y;
	int r;
	if (a->k.log_likelihood != b->k.log_likelihood)
		return a->k.log_likelihood > b->k.log_likelihood ? -1 : 1;
	if ((r = rh_report__cmp_bytes(a->name, a->len, b->name, b->len)) != 0)
		return r;
	return a->kind - b->kind;
}

/*
 * Sorting millions of rows (the n-grams of a corpus) by cmp_rows moves
 * rows of a hundred bytes and, at every tie in G2, reads both names from
 * wherever they lie. So the sort runs on small keys (report_internal.h):
 * G2, the name's bytes eight at a time, the row; all rows of one kind, so
 * the order is cmp_rows'.
 */
static int sort_rows(key_row *rows, size_t n, key_row *tmp)
{
	rh_report__key *k;
	if (n < 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (isnan(rows[i].k.log_likelihood)) {
			qsort(rows, n, sizeof *rows, cmp_rows);
			return 0;
		}
	if (n > UINT32_MAX || !(k = rh__malloc(n * sizeof *k)))
		return RH_ENOMEM;
	for (size_t i = 0; i < n; i++)
		k[i] = (rh_report__key){ rh_report__desc(rows[i].k.log_likelihood), 0, rows[i].name,
					 (uint32_t)rows[i].len, (uint32_t)i };
	rh_report__sort_keys(k, n);
	for (size_t i = 0; i < n; i++)
		tmp[i] = rows[k[i].item];
	memcpy(rows, tmp, n * sizeof *rows);
	free(k);
	return 0;
}

/* The sorted runs a[0, na) and b[0, nb) into dst, in cmp_rows order. */
static void merge_rows(const key_row *a, size_t na, const key_row *b, size_t nb, key_row *dst)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb)
		dst[n++] = cmp_rows(&a[i], &b[j]) <= 0 ? a[i++] : b[j++];
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
		p[i] = rows[from + i].k.p_value;
	if ((err = rh_stats_bh_qvalues(p, n, p)) == 0)
		for (size_t i = 0; i < n; i++)
			rows[from + i].q = p[i];
	free(p);
	return err;
}

/* Keeps, of rows [from, to) sorted by G2, the first `top` positive and the last `top` negative. */
static size_t keep_top(key_row *rows, size_t from, size_t to, size_t top, key_row *out)
{
	size_t n = 0, npos = 0, nneg = 0;
	for (size_t i = from; i < to && npos < top && rows[i].k.log_likelihood > 0; i++, npos++)
		out[n++] = rows[i];
	for (size_t i = to; i > from && nneg < top && rows[i - 1].k.log_likelihood < 0; i--)
		nneg++;
	for (size_t i = to - nneg; i < to; i++)
		out[n++] = rows[i];
	return n;
}

enum { SIDE_NONE = 0, SIDE_TARGET, SIDE_REFERENCE };

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
	int rest = !ko->reference || !strcmp(ko->reference, "rest"), err = 0;

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
	key_row *rows = NULL, *out = NULL;
	const key_row *fin;
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
	for (size_t doc = 0; doc < nd; doc++)
		if (side[doc] == SIDE_TARGET)
			n1 += (double)rh_counts_doc(c, doc)->tokens;
		else if (side[doc] == SIDE_REFERENCE)
			n2 += (double)rh_counts_doc(c, doc)->tokens;
	if (n1 == 0 || n2 == 0) {
		err = rh_error__set(RH_EUSAGE, "the %s has no tokens: keyness compares two texts",
				    n1 == 0 ? "target" : "reference");
		goto done;
	}

	if (!(ca = rh__calloc(nv + nc + 1, sizeof *ca)) || !(cb = rh__calloc(nv + nc + 1, sizeof *cb)) ||
	    !(rows = rh__malloc((nv + nc + 1) * sizeof *rows)) || !(out = rh__malloc((nv + nc + 1) * sizeof *out))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* Term counts of each side; concepts' match counts after them. */
	for (size_t doc = 0; doc < nd; doc++) {
		const uint32_t *terms, *counts;
		size_t n;
		uint64_t *to = side[doc] == SIDE_TARGET ? ca : side[doc] == SIDE_REFERENCE ? cb : NULL;
		if (!to)
			continue;
		rh_counts_doc_terms(c, doc, &terms, &counts, &n);
		for (size_t k = 0; k < n; k++)
			to[terms[k]] += counts[k];
	}
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
	for (size_t i = 0; i < nv + nc; i++) {
		key_row *r = &rows[nrows];
		uint64_t total = ca[i] + cb[i];
		if (total == 0 || (ro->min_count > 0 && total < (uint64_t)ro->min_count))
			continue;
		if (i < nv) {
			r->name = rh_vocab_term(v, (uint32_t)i, &r->len);
			if (ro->stop && rh_vocab_find(ro->stop, r->name, r->len) >= 0)
				continue;
			r->kind = KIND_TERM;
		} else {
			r->name = rh_dict_concept(d, i - nv);
			r->len = strlen(r->name);
			r->kind = KIND_CONCEPT;
		}
		r->a = (double)ca[i];
		r->b = (double)cb[i];
		if ((err = rh_stats_keyness(r->a, r->b, n1, n2, &r->k)) < 0)
			goto done;
		nrows++;
	}
	/* Rows are terms first, then concepts: each kind is its own family of tests. */
	for (nterms = 0; nterms < nrows && rows[nterms].kind == KIND_TERM; nterms++)
		;
	if ((err = qvalues(rows, 0, nterms)) < 0 || (err = qvalues(rows, nterms, nrows)) < 0)
		goto done;
	if ((err = sort_rows(rows, nterms, out)) < 0 || (err = sort_rows(rows + nterms, nrows - nterms, out)) < 0)
		goto done;
	/* Terms, then concepts, each sorted: the table merges the two. */
	if (ro->top > 0) {
		size_t nt = keep_top(rows, 0, nterms, (size_t)ro->top, out);
		nout = nt + keep_top(rows, nterms, nrows, (size_t)ro->top, out + nt);
		merge_rows(out, nt, out + nt, nout - nt, rows);
		fin = rows;
	} else {
		nout = nrows;
		merge_rows(rows, nterms, rows + nterms, nrows - nterms, out);
		fin = out;
	}

	if ((err = rh_table_new(&t, fp, &ro->table, td->columns, td->ncolumns)) < 0)
		goto done;
	for (size_t i = 0; i < nout && err == 0; i++) {
		const key_row *r = &fin[i];
		rh_table_textn(t, r->name, r->len);
		rh_table_int(t, (long long)r->a);
		rh_table_int(t, (long long)r->b);
		rh_table_num(t, per_10k(r->a, n1));
		rh_table_num(t, per_10k(r->b, n2));
		rh_table_num(t, r->k.log_likelihood);
		rh_table_num(t, r->k.p_value);
		rh_table_num(t, r->q);
		rh_table_num(t, r->k.chi2);
		rh_table_num(t, r->k.log_ratio);
		rh_table_num(t, r->k.pct_diff);
		rh_table_num(t, r->k.bic);
		rh_table_text(t, r->kind == KIND_TERM ? "term" : "concept");
		err = rh_table_end_row(t);
	}
	if (err == 0)
		err = rh_table_finish(t);
done:
	rh_table_free(t);
	free(side);
	free(ca);
	free(cb);
	free(rows);
	free(out);
	return err;
}

RH_API int rh_keyness_write_keyness(FILE *fp, const rh_results *r)
{
	rh_keyness_options ko = r->plan->keyness_opts;
	ko.concepts = ko.concepts && rh_counts_dict(r->counts) != NULL;
	return keyness_table(fp, r->counts, &r->plan->keyness.report, &ko);
}
