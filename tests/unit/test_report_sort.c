/* test_report_sort.c: the ranked tables' sort keys against a plain comparison sort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report_internal.h"

/* The order asked for, written out: major, the bytes (a prefix first), item. */
static int cmp_expected(const void *x, const void *y)
{
	const rh_report__key *a = x, *b = y;
	size_t n = a->len < b->len ? a->len : b->len;
	int r;
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if ((r = memcmp(a->name, b->name, n)) != 0)
		return r;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/*
 * n keys with few distinct majors, names that share long prefixes (two
 * to forty bytes from a small alphabet holding a NUL byte, so zero padding
 * and real zeros meet), and repeated names; items 0..n-1, then shuffled
 * when `shuffle` (the comparison sort's path). `spread` majors: 6 from the
 * list below, 1 only its first, 0 random (mostly distinct).
 */
static void sort_case_of(size_t n, int shuffle, unsigned spread)
{
	static const char alpha[] = { 'a', 'b', ' ', 'z', '\0', (char)0xC3 };
	static const double majors[] = { 3.5, 1, 0, -0.0, -2, 1e300 };
	rh_report__key *k = malloc(n * sizeof *k), *e = malloc(n * sizeof *e);
	char *names = malloc(n * 40);
	assert_non_null(k);
	assert_non_null(e);
	assert_non_null(names);
	for (size_t i = 0; i < n; i++) {
		char *s = names + i * 40;
		size_t len = next() % 41;
		/* "international co" and friends: the first 16 bytes often equal. */
		for (size_t b = 0; b < len; b++)
			s[b] = b < 16 && next() % 8 ? "international co"[b] : alpha[next() % sizeof alpha];
		if (i > 0 && next() % 10 == 0) { /* a repeated name */
			memcpy(s, names + (i - 1) * 40, 40);
			len = k[i - 1].len;
		}
		double m = spread ? majors[next() % spread] : (double)(next() % 1000000) / 7;
		k[i] = (rh_report__key){ rh_report__desc(m), 0, s, (uint32_t)len, (uint32_t)i };
	}
	for (size_t i = n; shuffle && i > 1; i--) {
		size_t j = next() % i;
		uint32_t t = k[i - 1].item;
		k[i - 1].item = k[j].item;
		k[j].item = t;
	}
	memcpy(e, k, n * sizeof *k);
	qsort(e, n, sizeof *e, cmp_expected);
	rh_report__sort_keys(k, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(k[i].item, e[i].item);
		assert_ptr_equal(k[i].name, e[i].name);
	}
	free(k);
	free(e);
	free(names);
}

static void sort_case(size_t n, int shuffle) { sort_case_of(n, shuffle, 6); }

static void small_and_large(void **state)
{
	(void)state;
	sort_case(1, 0);
	sort_case(100, 0);
	sort_case(5000, 0);    /* the radix sort's path */
	sort_case(60000, 0);
	sort_case(60000, 1);   /* items not in order: the comparison sort's */
}

/* A million keys or more are sorted in two ranges of major side by side. */
static void split_in_two(void **state)
{
	(void)state;
	sort_case_of(1100000, 0, 6); /* few majors: a tie run falls on one side whole */
	sort_case_of(1100000, 0, 0); /* many */
	sort_case_of(1100000, 0, 1); /* one: no split */
}

static void descending_doubles(void **state)
{
	(void)state;
	assert_true(rh_report__desc(1e300) < rh_report__desc(3.5));
	assert_true(rh_report__desc(3.5) < rh_report__desc(1));
	assert_true(rh_report__desc(1) < rh_report__desc(1e-300));
	assert_true(rh_report__desc(1e-300) < rh_report__desc(0));
	assert_true(rh_report__desc(0) == rh_report__desc(-0.0));
	assert_true(rh_report__desc(0) < rh_report__desc(-1e-300));
	assert_true(rh_report__desc(-1e-300) < rh_report__desc(-2));
	assert_true(rh_report__desc(-2) < rh_report__desc(-1e300));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_and_large),
		cmocka_unit_test(split_in_two),
		cmocka_unit_test(descending_doubles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
