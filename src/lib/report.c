/* report.c: helpers shared by the table writers. */
#include <pthread.h>
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
static int radix_sort(rh_report__key *k, size_t n, rh_report__key *scratch);

static void refine(rh_report__key *k, size_t n, size_t depth)
{
	int longer = 0, same_len = 1;
	for (size_t i = 0; i < n; i++) {
		longer |= k[i].len > depth;
		same_len &= k[i].len == k[0].len;
	}
	/* Equal names: the run is in item order already (every sort before
	 * this one kept ties so). */
	if (!longer && same_len)
		return;
	if (n <= 8 || !longer) {
		qsort(k, n, sizeof *k, cmp_full);
		return;
	}
	for (size_t i = 0; i < n; i++)
		k[i].pfx = k[i].len > depth ? rh_report__prefix(k[i].name + depth, k[i].len - depth) : 0;
	if (n < 4096 || !radix_sort(k, n, NULL))
		qsort(k, n, sizeof *k, cmp_pfx);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && k[j].pfx == k[i].pfx; j++)
			;
		if (j - i > 1)
			refine(k + i, j - i, depth + 8);
	}
}

/* The 16-bit digit d (0 the lowest) of the 128-bit number major:pfx. */
static inline unsigned digit(const rh_report__key *k, unsigned d)
{
	return (unsigned)((d < 4 ? k->pfx >> (16 * d) : k->major >> (16 * (d - 4))) & 0xffff);
}

/*
 * Sorts k[0, n), in ascending order of item, by major and pfx: a least
 * significant digit radix sort, stable, so ties stay in item order. Digits
 * that every key shares are skipped. The copy goes to `scratch` (n keys)
 * when given, else to memory of its own; 0 without that memory.
 */
static int radix_sort(rh_report__key *k, size_t n, rh_report__key *scratch)
{
	rh_report__key *tmp = scratch ? scratch : rh__table_alloc(n, sizeof *tmp, 0), *from = k, *to = tmp;
	size_t *count = rh__malloc(65536 * sizeof *count);
	if (!tmp || !count) {
		if (!scratch)
			free(tmp);
		free(count);
		return 0;
	}
	for (unsigned d = 0; d < 8; d++) {
		size_t sum = 0;
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[digit(&from[i], d)]++;
		if (count[digit(&from[0], d)] == n)
			continue;
		for (size_t v = 0; v < 65536; v++) {
			size_t c = count[v];
			count[v] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[digit(&from[i], d)]++] = from[i];
		rh_report__key *t = from;
		from = to;
		to = t;
	}
	if (from != k)
		memcpy(k, from, n * sizeof *k);
	if (!scratch)
		free(tmp);
	free(count);
	return 1;
}

/* k[0, n), pfx set, in order; by radix when they came in item order. */
static void sort_range(rh_report__key *k, size_t n, rh_report__key *scratch, int in_order)
{
	if (n < 4096 || !in_order || !radix_sort(k, n, scratch))
		qsort(k, n, sizeof *k, cmp_pfx);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && k[j].major == k[i].major && k[j].pfx == k[i].pfx; j++)
			;
		if (j - i > 1)
			refine(k + i, j - i, 8);
	}
}

typedef struct {
	rh_report__key *k, *scratch;
	size_t n;
} range_job;

static void *range_job_run(void *arg)
{
	range_job *j = arg;
	sort_range(j->k, j->n, j->scratch, 1);
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * Keys in item order, a million or more, in two ranges of major sorted side
 * by side: the keys below a pivot (the median of a sample, ties with it on
 * whichever side halves the keys better) and the rest, each kept in item
 * order. The ranges' keys are in order of one another, so the two sorted
 * ranges are the whole sorted. 0 when the keys do not split (one value of
 * major), without memory or without a thread.
 */
static int sort_split(rh_report__key *k, size_t n)
{
	enum { SAMPLE = 1023 };
	uint64_t sample[SAMPLE], pivot;
	size_t lt = 0, le = 0, nl;
	rh_report__key *tmp;
	pthread_t t;
	for (size_t i = 0; i < SAMPLE; i++)
		sample[i] = k[i * (n / SAMPLE)].major;
	qsort(sample, SAMPLE, sizeof *sample, cmp_u64);
	pivot = sample[SAMPLE / 2];
	for (size_t i = 0; i < n; i++) {
		lt += k[i].major < pivot;
		le += k[i].major <= pivot;
	}
	nl = (lt > n / 2 ? lt - n / 2 : n / 2 - lt) <= (le > n / 2 ? le - n / 2 : n / 2 - le) ? lt : le;
	if (nl == 0 || nl == n || !(tmp = rh__table_alloc(n, sizeof *tmp, 0)))
		return 0;
	for (size_t i = 0, l = 0, r = nl; i < n; i++) {
		int left = nl == lt ? k[i].major < pivot : k[i].major <= pivot;
		tmp[left ? l++ : r++] = k[i];
	}
	range_job j = { tmp, k, nl };
	if (pthread_create(&t, NULL, range_job_run, &j) != 0) {
		free(tmp);
		return 0;
	}
	sort_range(tmp + nl, n - nl, k + nl, 1);
	pthread_join(t, NULL);
	memcpy(k, tmp, n * sizeof *k);
	free(tmp);
	return 1;
}

void rh_report__sort_keys(rh_report__key *k, size_t n)
{
	int in_order = 1;
	for (size_t i = 0; i < n; i++) {
		k[i].pfx = rh_report__prefix(k[i].name, k[i].len);
		in_order &= i == 0 || k[i - 1].item < k[i].item;
	}
	/* Millions of keys (the n-grams of a corpus) by radix, when ties can
	 * keep the order they came in, on two threads; else, or short of
	 * memory, by qsort. */
	if (n >= (1u << 20) && in_order && sort_split(k, n))
		return;
	sort_range(k, n, NULL, in_order);
}

int rh_report__end(rh_table *t, int err)
{
	if (err == 0)
		err = rh_table_finish(t);
	rh_table_free(t);
	return err;
}

/* Heap with the worst kept item at the root. */
static void sift_down(uint32_t *h, size_t k, size_t i, rh_report__better better, const void *ctx)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, worst = i;
		if (l < k && better(h[worst], h[l], ctx))
			worst = l;
		if (r < k && better(h[worst], h[r], ctx))
			worst = r;
		if (worst == i)
			return;
		uint32_t tmp = h[i];
		h[i] = h[worst];
		h[worst] = tmp;
		i = worst;
	}
}

/* A K of 20 over a speech's thousand terms costs about one comparison per term. */
size_t rh_report__select_top(uint32_t *a, size_t n, size_t k, rh_report__better better, const void *ctx)
{
	if (k > n)
		k = n;
	if (k == 0)
		return 0;
	for (size_t i = k / 2; i-- > 0;)
		sift_down(a, k, i, better, ctx);
	for (size_t j = k; j < n; j++)
		if (better(a[j], a[0], ctx)) {
			uint32_t tmp = a[0];
			a[0] = a[j];
			a[j] = tmp;
			sift_down(a, k, 0, better, ctx);
		}
	for (size_t e = k - 1; e > 0; e--) {
		uint32_t tmp = a[0];
		a[0] = a[e];
		a[e] = tmp;
		sift_down(a, e, 0, better, ctx);
	}
	return k;
}
