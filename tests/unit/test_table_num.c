/* test_table_num.c: number cells are exactly printf's "%.10g", and integers "%lld". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rhetor.h>

/* The reference: the C library's own conversion, as the contract states. */
static void check(double v)
{
	char want[64], got[32];
	if (v == 0)
		strcpy(want, "0");
	else
		snprintf(want, sizeof want, "%.10g", v);
	rh_table_format_num(got, v);
	if (strcmp(want, got) != 0)
		fail_msg("%.17g: want %s, got %s", v, want, got);
}

/* A small deterministic generator (splitmix64), so failures repeat. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void integers_and_edges(void **state)
{
	static const double v[] = { 1, -1, 9, 10, 99, 100, 12345, 999999999, 1e9, 9999999999.0, 1e10,
				    -9999999999.0, 12345678901.0, 0.5, 0.1, 0.0001, 0.00010000000000000001,
				    0.00009999999999999999, 1e-5, 2.5, 0.125, 1.5e-4, 123456.7890123,
				    9999999999.5, 9999999999.4, 999999999.95, 99999.999995, 0.99999999995,
				    0.999999999949, 0.30000000000000004, 1.0000000005, 1.00000000050000001,
				    1.0000000015, 2.0000000025, 1e-3, 1e-2, 1e-1, 1e-4 };
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		check(v[i]);
		check(-v[i]);
	}
	/* The doubles on both sides of each power of ten in and near the range. */
	for (int k = -6; k <= 11; k++) {
		double p = pow(10, k);
		check(p);
		check(nextafter(p, 0));
		check(nextafter(p, INFINITY));
	}
	char buf[32];
	assert_string_equal(rh_table_format_num(buf, NAN), "NA");
	assert_string_equal(rh_table_format_num(buf, -INFINITY), "-Inf");
}

/* Rates as the tables compute them: count / tokens * 10000, and means. */
static void rates(void **state)
{
	uint64_t s = 1;
	for (int i = 0; i < 2000000; i++) {
		double count = (double)(next(&s) % 5000), tokens = (double)(1 + next(&s) % 200000);
		check(count / tokens * 10000.0);
		check(count / tokens);
	}
}

/* Halfway cases: ten significant digits and a 5, at every scale. */
static void ties(void **state)
{
	uint64_t s = 2;
	for (int i = 0; i < 500000; i++) {
		double d = (double)(1000000000ULL + next(&s) % 9000000000ULL) + 0.5;
		int k = (int)(next(&s) % 14);
		check(d / pow(10, k));
		check(nextafter(d, 0) / pow(10, k));
	}
}

/* Any bit pattern of a double from 1e-6 to 1e11. */
static void random_doubles(void **state)
{
	uint64_t s = 3;
	for (int i = 0; i < 2000000; i++) {
		double m = (double)(next(&s) >> 11) / 9007199254740992.0; /* [0, 1) */
		double v = pow(10, -6 + 17 * m);
		if (next(&s) & 1)
			v = -v;
		check(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers_and_edges),
		cmocka_unit_test(rates),
		cmocka_unit_test(ties),
		cmocka_unit_test(random_doubles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
