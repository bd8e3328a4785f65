/* report.c: helpers shared by the table writers. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report_internal.h"

int rh_report__keep_term(const rh_counts *c, const rh_report_options *ro, uint32_t term)
{
	uint64_t total = rh_counts_term_total(c, term);
	if (total == 0 || (ro->min_count > 0 && total < (uint64_t)ro->min_count))
		return 0;
	if (ro->stop) {
		size_t len;
		const char *s = rh_vocab_term(rh_counts_vocab(c), term, &len);
		if (rh_vocab_find(ro->stop, s, len) >= 0)
			return 0;
	}
	return 1;
}

int rh_report__cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);
	return r ? r : (la < lb ? -1 : la > lb);
}

/* The order of rh_report__sort_keys, reading the whole names. */
static int cmp_full(const void *x, const void *y)
{
	const rh_report__key *a = x, *b = y;
	int r;
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if ((r = rh_report__cmp_bytes(a->name, a->len, b->name, b->len)) != 0)
		return r;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* major, then the eight name bytes in pfx, then item: no name is read. */
static int cmp_pfx(const void *x, const void *y)
{
	const rh_report__key *a = x, *b = y;
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->pfx != b->pfx)
		return a->pfx < b->pfx ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/*
 * k[0, n) agree on major and on the names' zero-padded bytes [0, depth):
 * sorted by the next eight bytes, and each run that agrees on those too by
 * the bytes after them (a radix sort on the most significant eight bytes
 * at a time). Names that end within the bytes compared, and small runs,
 * are put in order by whole names.
 */
static void refine(rh_report__key *k, size_t n, size_t depth)
{
	int longer = 0;
	for (size_t i = 0; i < n && !longer; i++)
		longer = k[i].len > depth;
	if (n <= 8 || !longer) {
		qsort(k, n, sizeof *k, cmp_full);
		return;
	}
	for (size_t i = 0; i < n; i++)
		k[i].pfx = k[i].len > depth ? rh_report__prefix(k[i].name + depth, k[i].len - depth) : 0;
	qsort(k, n, sizeof *k, cmp_pfx);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && k[j].pfx == k[i].pfx; j++)
			;
		if (j - i > 1)
			refine(k + i, j - i, depth + 8);
	}
}

void rh_report__sort_keys(rh_report__key *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		k[i].pfx = rh_report__prefix(k[i].name, k[i].len);
	qsort(k, n, sizeof *k, cmp_pfx);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && k[j].major == k[i].major && k[j].pfx == k[i].pfx; j++)
			;
		if (j - i > 1)
			refine(k + i, j - i, 8);
	}
}

int rh_report__end(rh_table *t, int err)
{
	if (err == 0)
		err = rh_table_finish(t);
	rh_table_free(t);
	return err;
}
