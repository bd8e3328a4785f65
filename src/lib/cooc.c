/* cooc.c: the collocates and concept co-occurrence tables, from the counting pass's windows and matches. */
#include <stdlib.h>
#include <string.h>

#include "counts_internal.h"
#include "internal.h"
#include "rhetor/plan.h"
#include "report_internal.h"
#include "rhetor/cooc.h"
#include "rhetor/stats.h"

typedef struct {
	const char *term;
	size_t len;
	double c1;
	rh_colloc m;
} colloc_row;

/* log_likelihood descending, then collocate: a total order, so output is stable. */
static int cmp_rows(const void *x, const void *y)
{
	const colloc_row *a = x, *b = y;
	if (a->m.log_likelihood != b->m.log_likelihood)
		return a->m.log_likelihood > b->m.log_likelihood ? -1 : 1;
	return rh_report__cmp_bytes(a->term, a->len, b->term, b->len);
}

/*
 * The collocation cells of concept k summed over every group, in ascending
 * term order as rh_counts_collocates gives them; `o11` is zeroed scratch of
 * vocabulary size, left zeroed.
 */
static int pool_cells(const rh_counts *c, size_t k, uint64_t *o11, rh_cooc_cell **pool, size_t *cap,
		      const rh_cooc_cell **cells, size_t *n, uint64_t *r1, uint64_t *f_node)
{
	size_t nv = rh_vocab_size(rh_counts_vocab(c)), m = 0;
	int err;
	*r1 = *f_node = 0;
	for (size_t g = 0; g < rh_counts_group_count(c); g++) {
		const rh_cooc_cell *gc;
		size_t gn;
		uint64_t gr1, gf;
		if ((err = rh_counts_collocates(c, g, k, &gc, &gn, &gr1, &gf)) < 0)
			return err;
		*r1 += gr1;
		*f_node += gf;
		for (size_t i = 0; i < gn; i++)
			o11[gc[i].term] += gc[i].o11;
	}
	for (size_t t = 0; t < nv; t++) {
		if (!o11[t])
			continue;
		if (rh__grow(pool, cap, m + 1, sizeof **pool) < 0)
			return RH_ENOMEM;
		(*pool)[m++] = (rh_cooc_cell){ (uint32_t)t, (uint32_t)o11[t] };
		o11[t] = 0;
	}
	*cells = *pool;
	*n = m;
	return 0;
}

static int collocates_table(FILE *fp, const rh_counts *c, const rh_report_options *ro, const rh_cooc_options *co)
{
	const rh_table_def *td = rh_tables_find("collocates.csv");
	rh_report_options rdef = RH_REPORT_OPTIONS_INIT;
	rh_cooc_options cdef = RH_COOC_OPTIONS_INIT;
	const rh_dict *d = rh_counts_dict(c);
	const rh_counts_options *copts = rh_counts_opts(c);
	const rh_vocab *v = rh_counts_vocab(c);
	const int pooled = co && co->pooled && copts->group_col != NULL;
	const int grouped = copts->group_col != NULL && !pooled;
	size_t nv = rh_vocab_size(v), nc, rows_cap = 0, pool_cap = 0, ng = rh_counts_group_count(c);
	uint64_t *count = NULL, *o11 = NULL;
	rh_cooc_cell *pool = NULL;
	colloc_row *rows = NULL;
	rh_table *t = NULL;
	int err = 0;

	if (!ro)
		ro = &rdef;
	if (!co)
		co = &cdef;
	if (!d)
		return rh_error__set(RH_EUSAGE, "collocates need a phrase dictionary (the nodes)");
	if ((err = rh_counts__need_rows(c, "collocates.csv")) < 0)
		return err;
	if (copts->window_left == 0 && copts->window_right == 0)
		return rh_error__set(RH_EUSAGE, "collocates need counts with a window (window_left or window_right > 0)");
	nc = rh_dict_concept_count(d);
	if (!(count = rh__calloc(nv + 1, sizeof *count)) || (pooled && !(o11 = rh__calloc(nv + 1, sizeof *o11)))) {
		err = RH_ENOMEM;
		goto done;
	}
	if ((err = rh_table_new(&t, fp, &ro->table, td->columns, td->ncolumns + (grouped ? 1 : 0))) < 0)
		goto done;
	for (size_t g = 0; g < (pooled ? 1 : ng) && err == 0; g++) {
		/* N and f(collocate) are the group's: the table is that of the group's text. */
		double n_tok = pooled ? (double)rh_counts_tokens(c) : (double)rh_counts_group_tokens(c, g);
		memset(count, 0, nv * sizeof *count);
		for (size_t h = pooled ? 0 : g; h < (pooled ? ng : g + 1); h++)
			rh_counts_group_sum(c, h, count, NULL);
		for (size_t k = 0; k < nc && err == 0; k++) {
			const rh_cooc_cell *cells;
			size_t ncells, nrows = 0;
			uint64_t r1, f_node;
			if (pooled)
				err = pool_cells(c, k, o11, &pool, &pool_cap, &cells, &ncells, &r1, &f_node);
			else
				err = rh_counts_collocates(c, g, k, &cells, &ncells, &r1, &f_node);
			if (err < 0)
				break;
			if (rh__grow(&rows, &rows_cap, ncells + 1, sizeof *rows) < 0) {
				err = RH_ENOMEM;
				break;
			}
			for (size_t i = 0; i < ncells; i++) {
				colloc_row *row = &rows[nrows];
				if ((long)cells[i].o11 < co->min_o11 || !rh_report__keep_term(c, ro, cells[i].term))
					continue;
				row->term = rh_vocab_term(v, cells[i].term, &row->len);
				row->c1 = (double)count[cells[i].term];
				/* With --top, p values only for the rows kept (below). */
				if ((err = (ro->top > 0 ? rh_stats__collocation_rank : rh_stats_collocation)(
					     cells[i].o11, (double)r1, row->c1, n_tok, (double)f_node, &row->m)) < 0) {
					char why[256];
					snprintf(why, sizeof why, "%s", rh_error_last());
					err = rh_error__set(err, "collocates of %s with %s in group %s: %s",
							    rh_dict_concept(d, k), row->term,
							    rh_counts_group_name(c, g), why);
					break;
				}
				nrows++;
			}
			if (err < 0)
				break;
			qsort(rows, nrows, sizeof *rows, cmp_rows);
			if (ro->top > 0 && (size_t)ro->top < nrows)
				nrows = (size_t)ro->top;
			for (size_t i = 0; ro->top > 0 && i < nrows && err == 0; i++)
				err = rh_stats_collocation(rows[i].m.o11, (double)r1, rows[i].c1, n_tok, (double)f_node,
							   &rows[i].m);
			for (size_t i = 0; i < nrows && err == 0; i++) {
				const colloc_row *row = &rows[i];
				const rh_colloc *m = &row->m;
				rh_table_text(t, rh_dict_concept(d, k));
				rh_table_textn(t, row->term, row->len);
				rh_table_int(t, (long long)m->o11);
				rh_table_num(t, m->e11);
				rh_table_int(t, (long long)f_node);
				rh_table_int(t, (long long)row->c1);
				rh_table_int(t, (long long)r1);
				rh_table_int(t, (long long)n_tok);
				rh_table_num(t, m->mi);
				rh_table_num(t, m->mi3);
				rh_table_num(t, m->t_score);
				rh_table_num(t, m->z_score);
				rh_table_num(t, m->log_likelihood);
				rh_table_num(t, m->p_value);
				rh_table_num(t, m->dice);
				rh_table_num(t, m->log_dice);
				rh_table_num(t, m->delta_p);
				if (grouped)
					rh_table_text(t, rh_counts_group_name(c, g));
				err = rh_table_end_row(t);
			}
		}
	}
done:
	free(count);
	free(o11);
	free(pool);
	free(rows);
	return t ? rh_report__end(t, err) : err;
}

/* Per group: units, units with each concept, units with each pair. */
typedef struct {
	size_t nc, ng;
	uint64_t *units;   /* per group */
	uint64_t *with;    /* per group x concept */
	uint64_t *both;    /* per group x concept x concept, a < b used */
} unit_counts;

/* Adds one unit of group g holding the `n` distinct concepts in present[]. */
static void add_unit(unit_counts *u, size_t g, const uint32_t *present, size_t n)
{
	uint64_t *with = u->with + g * u->nc, *both = u->both + g * u->nc * u->nc;
	for (size_t i = 0; i < n; i++) {
		with[present[i]]++;
		for (size_t j = 0; j < n; j++)
			if (present[i] < present[j])
				both[(size_t)present[i] * u->nc + present[j]]++;
	}
}

static int concepts_table(FILE *fp, const rh_counts *c, const rh_report_options *ro, const rh_cooc_options *co)
{
	const rh_table_def *td = rh_tables_find("concept_cooc.csv");
	rh_report_options rdef = RH_REPORT_OPTIONS_INIT;
	const rh_dict *d = rh_counts_dict(c);
	const rh_counts_options *copts = rh_counts_opts(c);
	const int pooled = co && co->pooled && copts->group_col != NULL;
	const int grouped = copts->group_col != NULL && !pooled, by_sentence = copts->within_sentence;
	unit_counts u = { 0 };
	uint32_t *present = NULL;
	unsigned char *seen = NULL;
	size_t nm, npresent = 0;
	const rh_match *ms = rh_counts_matches(c, &nm);
	rh_table *t = NULL;
	int err = 0;

	if (!ro)
		ro = &rdef;
	if (!d)
		return rh_error__set(RH_EUSAGE, "concept co-occurrence needs a phrase dictionary");
	u.nc = rh_dict_concept_count(d);
	u.ng = pooled ? 1 : rh_counts_group_count(c);
	if (!(u.units = rh__calloc(u.ng + 1, sizeof *u.units)) ||
	    !(u.with = rh__calloc(u.ng * u.nc + 1, sizeof *u.with)) ||
	    !(u.both = rh__calloc(u.ng * u.nc * u.nc + 1, sizeof *u.both)) ||
	    !(present = rh__malloc((u.nc + 1) * sizeof *present)) || !(seen = rh__calloc(u.nc + 1, 1))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t doc = 0; doc < rh_counts_doc_count(c); doc++) {
		const rh_doc_stats *s = rh_counts_doc(c, doc);
		u.units[pooled ? 0 : s->group] += by_sentence ? s->sentences : 1;
	}
	/* Matches come by document and token, so each unit's matches are consecutive. */
	for (size_t i = 0; i < nm; i++) {
		const rh_match *m = &ms[i];
		if (!seen[m->concept]) {
			seen[m->concept] = 1;
			present[npresent++] = m->concept;
		}
		if (i + 1 == nm || ms[i + 1].doc != m->doc || (by_sentence && ms[i + 1].sentence != m->sentence)) {
			add_unit(&u, pooled ? 0 : rh_counts_doc(c, m->doc)->group, present, npresent);
			for (size_t k = 0; k < npresent; k++)
				seen[present[k]] = 0;
			npresent = 0;
		}
	}
	if ((err = rh_table_new(&t, fp, &ro->table, td->columns, td->ncolumns + (grouped ? 1 : 0))) < 0)
		goto done;
	for (size_t g = 0; g < u.ng && err == 0; g++) {
		const uint64_t *with = u.with + g * u.nc, *both = u.both + g * u.nc * u.nc;
		if (u.units[g] == 0)
			continue;
		for (size_t a = 0; a < u.nc && err == 0; a++) {
			for (size_t b = a + 1; b < u.nc && err == 0; b++) {
				uint64_t ab = both[a * u.nc + b], ao = with[a] - ab, bo = with[b] - ab;
				uint64_t ne = u.units[g] - ab - ao - bo;
				rh_cooc s;
				if ((err = rh_stats_cooc((double)ab, (double)ao, (double)bo, (double)ne, &s)) < 0)
					break;
				rh_table_text(t, rh_dict_concept(d, a));
				rh_table_text(t, rh_dict_concept(d, b));
				rh_table_int(t, (long long)ab);
				rh_table_int(t, (long long)ao);
				rh_table_int(t, (long long)bo);
				rh_table_int(t, (long long)ne);
				rh_table_num(t, s.jaccard);
				rh_table_num(t, s.pmi);
				rh_table_num(t, s.log_likelihood);
				rh_table_num(t, s.p_value);
				if (grouped)
					rh_table_text(t, rh_counts_group_name(c, g));
				err = rh_table_end_row(t);
			}
		}
	}
done:
	free(u.units);
	free(u.with);
	free(u.both);
	free(present);
	free(seen);
	return t ? rh_report__end(t, err) : err;
}

RH_API int rh_cooc_write_collocates(FILE *fp, const rh_results *r)
{
	return collocates_table(fp, r->counts, &r->plan->cooc.report, &r->plan->cooc_opts);
}

RH_API int rh_cooc_write_concept_cooc(FILE *fp, const rh_results *r)
{
	return concepts_table(fp, r->counts, &r->plan->cooc.report, &r->plan->cooc_opts);
}
