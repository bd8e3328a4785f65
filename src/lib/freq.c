/* freq.c: the frequency tables: documents, terms per group, phrases per document and group. */
#include <stdlib.h>
#include <string.h>

#include "counts_internal.h"
#include "internal.h"
#include "rhetor/plan.h"
#include "report_internal.h"
#include "freq_internal.h"
#include "rhetor/freq.h"
#include "rhetor/stats.h"

/* Rates are per 10,000 tokens: the unit of comparison across speeches. */

/* Every rate of the tables comes from one helper (stats.c). */
static double per_10k(double count, double tokens) { return rh_stats_rate(count, tokens, RH_STATS_PER_10K); }

static const rh_report_options *opts_or_default(const rh_report_options *ro, rh_report_options *def)
{
	rh_report_options d = RH_REPORT_OPTIONS_INIT;
	*def = d;
	return ro ? ro : def;
}

/* Starts a table; on failure nothing is left to free. */
static int start(rh_table **t, FILE *fp, const rh_report_options *ro, const char *const *cols, size_t n)
{
	return rh_table_new(t, fp, &ro->table, cols, n);
}


const char *rh_freq__documents_column(const char *name, char *buf, size_t n)
{
	static const char *const own[] = { "doc_id", "tokens", "types", "sentences" };
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		if (!strcmp(name, own[i])) {
			snprintf(buf, n, "meta_%s", name);
			return buf;
		}
	return name;
}

static int documents_table(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	rh_report_options def;
	const rh_corpus *corpus = rh_counts_corpus(c);
	size_t nmeta = rh_corpus_meta_count(corpus), ncols = nmeta + 4;
	const char **cols;
	rh_table *t;
	int err;

	ro = opts_or_default(ro, &def);
	char (*names)[80];
	if (!(cols = rh__malloc(ncols * sizeof *cols)) || !(names = rh__malloc((nmeta + 1) * sizeof *names))) {
		free(cols);
		return RH_ENOMEM;
	}
	cols[0] = "doc_id";
	for (size_t i = 0; i < nmeta; i++)
		cols[1 + i] = rh_freq__documents_column(rh_corpus_meta_name(corpus, i), names[i], sizeof names[i]);
	cols[nmeta + 1] = "tokens";
	cols[nmeta + 2] = "types";
	cols[nmeta + 3] = "sentences";
	err = start(&t, fp, ro, cols, ncols);
	free(cols);
	free(names);
	if (err < 0)
		return err;
	for (size_t d = 0; d < rh_counts_doc_count(c) && err == 0; d++) {
		const rh_doc_stats *s = rh_counts_doc(c, d);
		/* Sticky errors: the row's end reports the first. */
		rh_table_text(t, rh_corpus_doc_id(corpus, d));
		for (size_t i = 0; i < nmeta; i++)
			rh_table_text(t, rh_corpus_meta(corpus, d, i));
		rh_table_int(t, (long long)s->tokens);
		rh_table_int(t, s->types);
		rh_table_int(t, s->sentences);
		err = rh_table_end_row(t);
	}
	return rh_report__end(t, err);
}

typedef struct {
	const rh_vocab *v;
	const uint64_t *count;
} term_order;

static _Thread_local const term_order *sort_ctx;

/* Count descending, then term in byte order: a total order, so ranks are stable. */
static int cmp_terms(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const term_order *o = sort_ctx;
	if (o->count[x] != o->count[y])
		return o->count[x] > o->count[y] ? -1 : 1;
	size_t lx, ly;
	const char *sx = rh_vocab_term(o->v, x, &lx), *sy = rh_vocab_term(o->v, y, &ly);
	int r = memcmp(sx, sy, lx < ly ? lx : ly);
	return r ? r : (lx < ly ? -1 : lx > ly);
}

typedef struct {
	uint64_t count, pfx; /* pfx: the term's first eight bytes, big-endian: their byte order */
	uint32_t id;
} term_key;

static int cmp_term_keys(const void *a, const void *b)
{
	const term_key *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->pfx != y->pfx)
		return x->pfx < y->pfx ? -1 : 1;
	return cmp_terms(&x->id, &y->id);
}

/*
 * Sorts term ids by count descending, then term. Shared by every table
 * that ranks terms. Millions of terms (n-grams) sort on small keys that
 * hold the count and a term's first bytes, so a tie reads the strings only
 * when those are equal; without memory for the keys, on the ids alone.
 */
void rh_freq__sort_terms(uint32_t *ids, size_t n, const rh_vocab *v, const uint64_t *count)
{
	term_order o = { v, count };
	term_key *k = n > 1 ? rh__malloc(n * sizeof *k) : NULL;
	sort_ctx = &o;
	if (!k) {
		qsort(ids, n, sizeof *ids, cmp_terms);
		sort_ctx = NULL;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *t = rh_vocab_term(v, ids[i], &len);
		k[i] = (term_key){ count[ids[i]], rh_report__prefix(t, len), ids[i] };
	}
	qsort(k, n, sizeof *k, cmp_term_keys);
	for (size_t i = 0; i < n; i++)
		ids[i] = k[i].id;
	sort_ctx = NULL;
	free(k);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * Every term's place in byte order, for ranking many groups: each group then
 * sorts on one integer key (count descending, then that place), the same
 * order as rh_freq__sort_terms without comparing strings.
 */
static int byte_ranks(const rh_vocab *v, uint32_t **out)
{
	size_t nv = rh_vocab_size(v);
	uint32_t *ids = rh__malloc((nv + 1) * sizeof *ids), *rank = rh__malloc((nv + 1) * sizeof *rank);
	uint64_t *zero = rh__calloc(nv + 1, sizeof *zero);
	*out = NULL;
	if (!ids || !rank || !zero) {
		free(ids);
		free(rank);
		free(zero);
		return RH_ENOMEM;
	}
	for (uint32_t i = 0; i < nv; i++)
		ids[i] = i;
	rh_freq__sort_terms(ids, nv, v, zero); /* all counts equal: byte order */
	for (uint32_t r = 0; r < nv; r++)
		rank[ids[r]] = r;
	free(ids);
	free(zero);
	*out = rank;
	return 0;
}

/* Term order of one group: count descending, then place in byte order. */
typedef struct {
	const uint64_t *count;
	const uint32_t *rank;
} group_order;

static int better_term(uint32_t a, uint32_t b, const void *ctx)
{
	const group_order *o = ctx;
	return o->count[a] != o->count[b] ? o->count[a] > o->count[b] : o->rank[a] < o->rank[b];
}

/*
 * Sorts the n term ids of one group as rh_freq__sort_terms would, on keys
 * (UINT32_MAX - count) << 32 | rank; `key` has room for n and by_rank maps
 * ranks back to ids. Only the first `want` are wanted in order: fewer than
 * n are chosen by rh_report__select_top in that order, the rest following
 * in no order (ids still holds every id). Counts of 2^32 or more take the
 * string comparison.
 */
static void sort_group(uint32_t *ids, size_t n, size_t want, const rh_vocab *v, const uint64_t *count,
		       const uint32_t *rank, const uint32_t *by_rank, uint64_t *key)
{
	for (size_t k = 0; k < n; k++)
		if (count[ids[k]] > UINT32_MAX) {
			rh_freq__sort_terms(ids, n, v, count);
			return;
		}
	if (want > 0 && want < n) {
		group_order o = { count, rank };
		rh_report__select_top(ids, n, want, better_term, &o);
		return;
	}
	for (size_t k = 0; k < n; k++)
		key[k] = (uint64_t)(UINT32_MAX - count[ids[k]]) << 32 | rank[ids[k]];
	qsort(key, n, sizeof *key, cmp_u64);
	for (size_t k = 0; k < n; k++)
		ids[k] = by_rank[(uint32_t)key[k]];
}

static int terms_table(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("terms.csv");
	rh_report_options def;
	const rh_vocab *v = rh_counts_vocab(c);
	size_t nv = rh_vocab_size(v), ng = rh_counts_group_count(c);
	uint64_t *count = NULL, *key = NULL;
	uint32_t *docs = NULL, *ids = NULL, *rank = NULL, *by_rank = NULL;
	unsigned char *keep = NULL;
	rh_table *t = NULL;
	int err;

	ro = opts_or_default(ro, &def);
	if ((err = rh_counts__need_rows(c, "terms.csv")) < 0)
		return err;
	if (!(count = rh__calloc(nv + 1, sizeof *count)) || !(docs = rh__calloc(nv + 1, sizeof *docs)) ||
	    !(ids = rh__malloc((nv + 1) * sizeof *ids)) || !(keep = rh__malloc(nv + 1))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (uint32_t i = 0; i < nv; i++)
		keep[i] = (unsigned char)rh_report__keep_term(c, ro, i);
	if (ng > 1) {
		if ((err = byte_ranks(v, &rank)) < 0)
			goto done;
		if (!(key = rh__malloc((nv + 1) * sizeof *key)) || !(by_rank = rh__malloc((nv + 1) * sizeof *by_rank))) {
			err = RH_ENOMEM;
			goto done;
		}
		for (uint32_t i = 0; i < nv; i++)
			by_rank[rank[i]] = i;
	}
	if ((err = start(&t, fp, ro, td->columns, td->ncolumns)) < 0)
		goto done;
	for (size_t g = 0; g < ng && err == 0; g++) {
		const char *gname = rh_counts_group_name(c, g);
		double tokens = (double)rh_counts_group_tokens(c, g);
		size_t n = 0, nd, kept = 0, rows;
		const uint32_t *dl = rh_counts_group_docs(c, g, &nd);
		/* The group's terms, each once, in the order its documents bring them. */
		for (size_t j = 0; j < nd; j++) {
			const uint32_t *terms, *counts;
			size_t m;
			rh_counts_doc_terms(c, dl[j], &terms, &counts, &m);
			for (size_t q = 0; q < m; q++) {
				uint32_t i = terms[q];
				if (count[i] == 0)
					ids[n++] = i;
				count[i] += counts[q];
				docs[i]++;
			}
		}
		for (size_t k = 0; k < n; k++) {
			uint32_t i = ids[k];
			if (keep[i])
				ids[kept++] = i;
			else
				count[i] = docs[i] = 0;
		}
		n = kept;
		rows = ro->top > 0 && (size_t)ro->top < n ? (size_t)ro->top : n;
		if (rank)
			sort_group(ids, n, rows, v, count, rank, by_rank, key);
		else
			rh_freq__sort_terms(ids, n, v, count);
		for (size_t k = 0; k < rows && err == 0; k++) {
			uint32_t i = ids[k];
			size_t len;
			const char *s = rh_vocab_term(v, i, &len);
			rh_table_text(t, gname);
			rh_table_textn(t, s, len);
			rh_table_int(t, (long long)count[i]);
			rh_table_int(t, docs[i]);
			rh_table_num(t, per_10k((double)count[i], tokens));
			rh_table_int(t, (long long)k + 1);
			err = rh_table_end_row(t);
		}
		for (size_t k = 0; k < n; k++)
			count[ids[k]] = docs[ids[k]] = 0;
	}
done:
	free(count);
	free(docs);
	free(ids);
	free(key);
	free(rank);
	free(by_rank);
	free(keep);
	return t ? rh_report__end(t, err) : err;
}

static int by_doc_table(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("phrases_by_doc.csv");
	rh_report_options def;
	const rh_dict *d = rh_counts_dict(c);
	size_t nm, m = 0, nc;
	const rh_match *ms = rh_counts_matches(c, &nm);
	uint64_t *cnt;
	rh_table *t;
	int err;

	ro = opts_or_default(ro, &def);
	if (!d)
		return rh_error__set(RH_EUSAGE, "phrase tables need a dictionary");
	nc = rh_dict_concept_count(d);
	if (!(cnt = rh__calloc(nc, sizeof *cnt)))
		return RH_ENOMEM;
	if ((err = start(&t, fp, ro, td->columns, td->ncolumns)) < 0) {
		free(cnt);
		return err;
	}
	for (size_t doc = 0; doc < rh_counts_doc_count(c) && err == 0; doc++) {
		double tokens = (double)rh_counts_doc(c, doc)->tokens;
		memset(cnt, 0, nc * sizeof *cnt);
		for (; m < nm && ms[m].doc == doc; m++)
			cnt[ms[m].concept]++;
		for (size_t k = 0; k < nc && err == 0; k++) {
			rh_table_text(t, rh_corpus_doc_id(rh_counts_corpus(c), doc));
			rh_table_text(t, rh_dict_concept(d, k));
			rh_table_int(t, (long long)cnt[k]);
			rh_table_num(t, tokens);
			rh_table_num(t, per_10k((double)cnt[k], tokens));
			err = rh_table_end_row(t);
		}
	}
	free(cnt);
	return rh_report__end(t, err);
}

static int by_group_table(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("phrases_by_group.csv");
	rh_report_options def;
	const rh_dict *d = rh_counts_dict(c);
	size_t nm, nc, ng = rh_counts_group_count(c);
	const rh_match *ms = rh_counts_matches(c, &nm);
	uint64_t *cnt = NULL, *with = NULL;
	uint32_t last_doc = UINT32_MAX;
	rh_table *t = NULL;
	int err = 0;

	ro = opts_or_default(ro, &def);
	if (!d)
		return rh_error__set(RH_EUSAGE, "phrase tables need a dictionary");
	nc = rh_dict_concept_count(d);
	if (!(cnt = rh__calloc(ng * nc + 1, sizeof *cnt)) || !(with = rh__calloc(ng * nc + 1, sizeof *with))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* Matches come by document; a concept's first match in a document counts it once. */
	for (size_t m = 0, first = 0; m < nm; m++) {
		if (ms[m].doc != last_doc) {
			last_doc = ms[m].doc;
			first = m;
		}
		size_t gc = (size_t)rh_counts_doc(c, ms[m].doc)->group * nc + ms[m].concept;
		int seen = 0;
		for (size_t k = first; k < m && !seen; k++)
			seen = ms[k].concept == ms[m].concept;
		cnt[gc]++;
		with[gc] += !seen;
	}
	if ((err = start(&t, fp, ro, td->columns, td->ncolumns)) < 0)
		goto done;
	for (size_t g = 0; g < ng && err == 0; g++) {
		size_t ndocs;
		double tokens = (double)rh_counts_group_tokens(c, g);
		rh_counts_group_docs(c, g, &ndocs);
		for (size_t k = 0; k < nc && err == 0; k++) {
			double n = (double)cnt[g * nc + k], rate, lo, hi;
			if ((err = rh_stats_rate_ci(n, tokens, RH_STATS_PER_10K, 0.95, &rate, &lo, &hi)) < 0)
				break;
			rh_table_text(t, rh_counts_group_name(c, g));
			rh_table_text(t, rh_dict_concept(d, k));
			rh_table_int(t, (long long)n);
			rh_table_int(t, (long long)with[g * nc + k]);
			rh_table_int(t, (long long)ndocs);
			rh_table_num(t, tokens);
			rh_table_num(t, rate);
			rh_table_num(t, lo);
			rh_table_num(t, hi);
			err = rh_table_end_row(t);
		}
	}
done:
	free(cnt);
	free(with);
	return t ? rh_report__end(t, err) : err;
}

RH_API int rh_freq_write_documents(FILE *fp, const rh_results *r)
{
	return documents_table(fp, r->counts, &r->plan->documents.report);
}

RH_API int rh_freq_write_terms(FILE *fp, const rh_results *r)
{
	return terms_table(fp, r->counts, &r->plan->freq.report);
}

RH_API int rh_freq_write_phrases_by_doc(FILE *fp, const rh_results *r)
{
	return by_doc_table(fp, r->counts, &r->plan->freq.report);
}

RH_API int rh_freq_write_phrases_by_group(FILE *fp, const rh_results *r)
{
	return by_group_table(fp, r->counts, &r->plan->freq.report);
}
