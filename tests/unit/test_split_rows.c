/* test_split_rows.c: rows formatted on two threads (rh_table__split_rows) against the rows written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"
#include "rhetor/table.h"

/* Items whose rows the test writes; `bad` fails the row of that item (SIZE_MAX: none). */
typedef struct {
	size_t bad;
	int calls;
} job;

/* Item i's row: i, 3i, a cell that needs quotes every seventh item, i / 4 as a number. */
static int rows(rh_table *t, void *ud, size_t from, size_t to)
{
	job *j = ud;
	__atomic_add_fetch(&j->calls, 1, __ATOMIC_RELAXED);
	for (size_t i = from; i < to; i++) {
		char s[32];
		if (i == j->bad)
			return rh_error__set(RH_EPARSE, "item %zu bad", i);
		snprintf(s, sizeof s, i % 7 ? "w%zu" : "w,%zu", i);
		rh_table_int(t, (long long)i);
		rh_table_int(t, 3 * (long long)i);
		rh_table_text(t, s);
		rh_table_num(t, (double)i / 4);
		int err = rh_table_end_row(t);
		if (err < 0)
			return err;
	}
	return 0;
}

/* The table of items [0, n), as one thread writes it: the header, then each row by hand. */
static char *expected(size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	fputs("i,three,word,quarter\n", fp);
	for (size_t i = 0; i < n; i++) {
		char q[32];
		/* i / 4 has at most two decimals: %.10g prints it as the table does. */
		snprintf(q, sizeof q, "%.10g", (double)i / 4);
		if (i % 7)
			fprintf(fp, "%zu,%zu,w%zu,%s\n", i, 3 * i, i, q);
		else
			fprintf(fp, "%zu,%zu,\"w,%zu\",%s\n", i, 3 * i, i, q);
	}
	fclose(fp);
	return buf;
}

static int write_split(size_t n, size_t chunk, job *j, char **out)
{
	static const char *const cols[] = { "i", "three", "word", "quarter" };
	rh_table_options o = RH_TABLE_OPTIONS_INIT;
	rh_table *t = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(out, &len);
	int err;
	assert_non_null(fp);
	assert_int_equal(rh_table_new(&t, fp, &o, cols, 4), 0);
	if ((err = rh_table__split_rows(t, &o, 4, n, chunk, rows, j)) == 0)
		err = rh_table_finish(t);
	rh_table_free(t);
	fclose(fp);
	return err;
}

/* Every size and chunk: the same bytes as the rows written out, in order. */
static void same_bytes(void **state)
{
	static const size_t sizes[] = { 0, 1, 6, 7, 8, 13, 14, 15, 100, 5000 };
	static const size_t chunks[] = { 1, 2, 7, 64, 5000 };
	(void)state;
	for (size_t a = 0; a < sizeof sizes / sizeof *sizes; a++)
		for (size_t b = 0; b < sizeof chunks / sizeof *chunks; b++) {
			job j = { SIZE_MAX, 0 };
			char *got = NULL, *want = expected(sizes[a]);
			assert_int_equal(write_split(sizes[a], chunks[b], &j, &got), 0);
			assert_string_equal(got, want);
			/* One call when one chunk holds every item, else one a chunk. */
			size_t nchunks = chunks[b] >= sizes[a] ? 1 : (sizes[a] + chunks[b] - 1) / chunks[b];
			assert_int_equal(j.calls, (int)nchunks);
			free(got);
			free(want);
		}
}

/* A row that fails in a chunk of the second thread (odd) or of this one (even): that error, its message, no hang. */
static void errors(void **state)
{
	(void)state;
	for (size_t bad = 0; bad < 40; bad += 3) {
		job j = { bad, 0 };
		char *got = NULL, msg[32];
		assert_int_equal(write_split(40, 4, &j, &got), RH_EPARSE);
		snprintf(msg, sizeof msg, "item %zu bad", bad);
		assert_string_equal(rh_error_last(), msg);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_bytes),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
