/* dispersion.c: dispersion of terms and concepts over documents (the formulas are in stats.c). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "counts_internal.h"
#include "internal.h"
#include "rhetor/plan.h"
#include "report_internal.h"
#include "freq_internal.h"
#include "rhetor/dict.h"
#include "rhetor/dispersion.h"
#include "rhetor/table.h"

/* Part sizes: every document's tokens. */
static double *doc_sizes(const rh_counts *c)
{
	size_t n = rh_counts_doc_count(c);
	double *s = rh__malloc((n + 1) * sizeof *s);
	if (s)
		for (size_t d = 0; d < n; d++)
			s[d] = (double)rh_counts_doc(c, d)->tokens;
	return s;
}

RH_API int rh_dispersion_term(const rh_counts *c, uint32_t term, rh_dispersion *out)
{
	size_t n, m;
	double *counts = NULL, *sizes = NULL;
	const uint32_t *terms, *cnt;
	int err;

	if (!c || !out)
		return rh_error__set(RH_EUSAGE, "rh_dispersion_term: NULL argument");
	if (term >= rh_vocab_size(rh_counts_vocab(c)))
		return rh_error__set(RH_EUSAGE, "rh_dispersion_term: term %u is not in the vocabulary", term);
	if ((err = rh_counts__need_rows(c, "rh_dispersion_term")) < 0)
		return err;
	n = rh_counts_doc_count(c);
	if (!(counts = rh__calloc(n + 1, sizeof *counts)) || !(sizes = doc_sizes(c))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t d = 0; d < n; d++) {
		rh_counts_doc_terms(c, d, &terms, &cnt, &m);
		for (size_t k = 0; k < m; k++)
			if (terms[k] == term)
				counts[d] = cnt[k];
	}
	err = rh_stats_dispersion(counts, sizes, n, out);
done:
	free(counts);
	free(sizes);
	return err;
}

/* counts[concept*n + doc]: the matches of every concept in every document. */
static double *concept_counts(const rh_counts *c, size_t nc)
{
	size_t n = rh_counts_doc_count(c), nm;
	const rh_match *ms = rh_counts_matches(c, &nm);
	double *cnt = rh__calloc(nc * n + 1, sizeof *cnt);
	if (cnt)
		for (size_t i = 0; i < nm; i++)
			cnt[(size_t)ms[i].concept * n + ms[i].doc] += 1;
	return cnt;
}

RH_API int rh_dispersion_concept(const rh_counts *c, size_t concept, rh_dispersion *out)
{
	const rh_dict *dict;
	double *cnt = NULL, *sizes = NULL;
	size_t nc;
	int err;

	if (!c || !out)
		return rh_error__set(RH_EUSAGE, "rh_dispersion_concept: NULL argument");
	dict = rh_counts_dict(c);
	nc = dict ? rh_dict_concept_count(dict) : 0;
	if (concept >= nc)
		return rh_error__set(RH_EUSAGE, "rh_dispersion_concept: concept %zu of %zu", concept, nc);
	if (!(cnt = concept_counts(c, nc)) || !(sizes = doc_sizes(c))) {
		err = RH_ENOMEM;
		goto done;
	}
	err = rh_stats_dispersion(cnt + concept * rh_counts_doc_count(c), sizes, rh_counts_doc_count(c), out);
done:
	free(cnt);
	free(sizes);
	return err;
}

static int write_row(rh_table *t, const char *name, size_t len, double count, const rh_dispersion *dp,
		     const char *kind)
{
	int err;
	rh_table_textn(t, name, len);
	rh_table_int(t, (long long)count);
	rh_table_int(t, (long long)dp->range);
	rh_table_num(t, dp->dp);
	rh_table_num(t, dp->dp_norm);
	rh_table_num(t, dp->juilland_d);
	rh_table_text(t, kind);
	err = rh_table_end_row(t);
	return err;
}

/*
 * The selected terms' measures, computed by several threads: each term is
 * a dense pass over all documents, so the whole vocabulary of a large
 * corpus is worth spreading over the cores. Each thread writes only its
 * own terms' results; the table is written afterwards in order.
 */
typedef struct {
	size_t first, step, sel, n;
	const size_t *off;
	const uint32_t *post_doc, *post_cnt;
	const double *sizes;
	rh_dispersion *res;
	int err;
	char msg[256];
} term_job;

static void *term_worker(void *arg)
{
	term_job *jb = arg;
	double *counts = rh__calloc(jb->n + 1, sizeof *counts);
	if (!counts) {
		jb->err = RH_ENOMEM;
		return NULL;
	}
	for (size_t j = jb->first; j < jb->sel && jb->err == 0; j += jb->step) {
		size_t from = j ? jb->off[j - 1] : 0;
		for (size_t k = from; k < jb->off[j]; k++)
			counts[jb->post_doc[k]] = jb->post_cnt[k];
		if ((jb->err = rh_stats_dispersion(counts, jb->sizes, jb->n, &jb->res[j])) < 0)
			snprintf(jb->msg, sizeof jb->msg, "%s", rh_error_last());
		for (size_t k = from; k < jb->off[j]; k++)
			counts[jb->post_doc[k]] = 0;
	}
	free(counts);
	return NULL;
}

enum { MAX_THREADS = 64 };

static int term_measures(const rh_counts *c, size_t sel, size_t n, const size_t *off, const uint32_t *post_doc,
			 const uint32_t *post_cnt, const double *sizes, rh_dispersion *res)
{
	term_job jobs[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	long want = rh_counts_opts(c)->threads ? (long)rh_counts_opts(c)->threads : sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = want < 1 ? 1 : want > MAX_THREADS ? MAX_THREADS : (size_t)want, started = 0;
	int err = 0;

	/* Small selections are not worth a thread. */
	if (sel < 64)
		nt = 1;
	for (size_t i = 0; i < nt; i++) {
		term_job jb = { i, nt, sel, n, off, post_doc, post_cnt, sizes, res, 0, "" };
		jobs[i] = jb;
	}
	for (size_t i = 1; i < nt; i++, started++)
		if (pthread_create(&tid[i], NULL, term_worker, &jobs[i]) != 0)
			break;
	/* Jobs whose thread did not start run here, after the first. */
	term_worker(&jobs[0]);
	for (size_t i = 1 + started; i < nt; i++)
		term_worker(&jobs[i]);
	for (size_t i = 1; i <= started; i++)
		pthread_join(tid[i], NULL);
	for (size_t i = 0; i < nt && err == 0; i++)
		if ((err = jobs[i].err) < 0 && jobs[i].msg[0])
			rh_error__set(err, "%s", jobs[i].msg);
	return err;
}

static int dispersion_table(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("dispersion.csv");
	rh_report_options def = RH_REPORT_OPTIONS_INIT;
	const rh_vocab *v;
	const rh_dict *dict;
	size_t nv, n, sel = 0, m;
	uint64_t *total = NULL;
	uint32_t *ids = NULL;
	int64_t *slot = NULL;   /* term -> position in the selection, or -1 */
	size_t *off = NULL;     /* the selection's documents: off[j] .. off[j+1] */
	uint32_t *post_doc = NULL, *post_cnt = NULL;
	double *sizes = NULL, *ccnt = NULL;
	rh_dispersion *res = NULL;
	rh_table *t = NULL;
	int err = 0;

	if (!fp || !c)
		return rh_error__set(RH_EUSAGE, "dispersion_table: NULL argument");
	if ((err = rh_counts__need_rows(c, "dispersion.csv")) < 0)
		return err;
	if (!ro)
		ro = &def;
	v = rh_counts_vocab(c);
	dict = rh_counts_dict(c);
	nv = rh_vocab_size(v);
	n = rh_counts_doc_count(c);
	if (!(total = rh__malloc((nv + 1) * sizeof *total)) || !(ids = rh__malloc((nv + 1) * sizeof *ids)) ||
	    !(slot = rh__malloc((nv + 1) * sizeof *slot)) || !(sizes = doc_sizes(c))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (uint32_t i = 0; i < nv; i++) {
		total[i] = rh_counts_term_total(c, i);
		slot[i] = -1;
		if (rh_report__keep_term(c, ro, i))
			ids[sel++] = i;
	}
	rh_freq__sort_terms(ids, sel, v, total);
	if (ro->top > 0 && (size_t)ro->top < sel)
		sel = (size_t)ro->top;

	/* The documents of each selected term, gathered in one pass over the
	 * document x term matrix (a column-wise copy of the selected columns). */
	if (!(off = rh__calloc(sel + 1, sizeof *off))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t j = 0; j < sel; j++) {
		slot[ids[j]] = (int64_t)j;
		off[j + 1] = off[j] + rh_counts_term_docs(c, ids[j]);
	}
	if (!(post_doc = rh__malloc((off[sel] + 1) * sizeof *post_doc)) ||
	    !(post_cnt = rh__malloc((off[sel] + 1) * sizeof *post_cnt)) || !(res = rh__malloc((sel + 1) * sizeof *res))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t d = 0; d < n; d++) {
		const uint32_t *terms, *cnt;
		rh_counts_doc_terms(c, d, &terms, &cnt, &m);
		for (size_t k = 0; k < m; k++) {
			int64_t j = slot[terms[k]];
			if (j >= 0) {
				post_doc[off[j]] = (uint32_t)d;
				post_cnt[off[j]++] = cnt[k];
			}
		}
	}
	/* off[j] now ends term j's list, which starts at off[j-1] (0 for j = 0). */
	if ((err = term_measures(c, sel, n, off, post_doc, post_cnt, sizes, res)) < 0)
		goto done;

	if ((err = rh_table_new(&t, fp, &ro->table, td->columns, td->ncolumns)) < 0)
		goto done;
	for (size_t j = 0; j < sel && err == 0; j++) {
		size_t len;
		const char *s = rh_vocab_term(v, ids[j], &len);
		err = write_row(t, s, len, (double)total[ids[j]], &res[j], "term");
	}
	if (err == 0 && dict) {
		size_t nc = rh_dict_concept_count(dict);
		if (!(ccnt = concept_counts(c, nc))) {
			err = RH_ENOMEM;
			goto done;
		}
		for (size_t k = 0; k < nc && err == 0; k++) {
			const double *row = ccnt + k * n;
			const char *name = rh_dict_concept(dict, k);
			double sum = 0;
			rh_dispersion dp;
			for (size_t d = 0; d < n; d++)
				sum += row[d];
			if ((err = rh_stats_dispersion(row, sizes, n, &dp)) == 0)
				err = write_row(t, name, strlen(name), sum, &dp, "concept");
		}
	}
	if (err == 0)
		err = rh_table_finish(t);
done:
	rh_table_free(t);
	free(total);
	free(ids);
	free(slot);
	free(off);
	free(post_doc);
	free(post_cnt);
	free(res);
	free(sizes);
	free(ccnt);
	return err;
}

RH_API int rh_dispersion_write_dispersion(FILE *fp, const rh_results *r)
{
	return dispersion_table(fp, r->counts, &r->plan->freq.report);
}
