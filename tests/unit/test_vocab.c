/* test_vocab.c: the interned vocabulary and word lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <rhetor.h>

static void intern_and_find(void **state)
{
	rh_vocab *v;
	assert_int_equal(rh_vocab_new(&v), 0);
	assert_int_equal(rh_vocab_intern(v, "win-win", 7), 0);
	assert_int_equal(rh_vocab_intern(v, "cooperation", 11), 1);
	assert_int_equal(rh_vocab_intern(v, "win-win", 7), 0);
	/* A prefix is another term. */
	assert_int_equal(rh_vocab_intern(v, "win", 3), 2);
	assert_int_equal(rh_vocab_find(v, "cooperation", 11), 1);
	assert_int_equal(rh_vocab_find(v, "cooperatio", 10), -1);
	size_t len;
	assert_string_equal(rh_vocab_term(v, 1, &len), "cooperation");
	assert_int_equal(len, 11);
	assert_null(rh_vocab_term(v, 3, NULL));
	rh_vocab_free(v);
	rh_vocab_free(NULL);
}

static void many_terms_survive_growth(void **state)
{
	rh_vocab *v;
	char buf[32];
	assert_int_equal(rh_vocab_new(&v), 0);
	for (int i = 0; i < 200000; i++) {
		int n = snprintf(buf, sizeof buf, "t%d", i);
		assert_int_equal(rh_vocab_intern(v, buf, (size_t)n), i);
	}
	assert_int_equal(rh_vocab_size(v), 200000);
	for (int i = 0; i < 200000; i += 997) {
		int n = snprintf(buf, sizeof buf, "t%d", i);
		assert_int_equal(rh_vocab_find(v, buf, (size_t)n), i);
		assert_string_equal(rh_vocab_term(v, (uint32_t)i, NULL), buf);
	}
	rh_vocab_free(v);
}

/*
 * Terms of up to 16 bytes and longer ones live in two tables: ids stay one
 * sequence in order of first interning, and a term at the boundary, a term
 * with NUL bytes, the empty term and a prefix padded with NULs are all
 * distinct. Expected ids are the order of the calls.
 */
static void short_and_long_terms(void **state)
{
	static const char *const t[] = { "", "a", "abcdefg", "abcdefgh", "abcdefghijklmno", "abcdefghijklmnop",
					 "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz0123456789" };
	static const size_t len[] = { 0, 1, 7, 8, 15, 16, 17, 36 };
	rh_vocab *v;
	(void)state;
	assert_int_equal(rh_vocab_new(&v), 0);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < 8; i++)
			assert_int_equal(rh_vocab_intern(v, t[i], len[i]), (int64_t)i);
	/* "a\0" and "a\0\0b" differ from "a" though their padded words agree on "a". */
	assert_int_equal(rh_vocab_intern(v, "a\0", 2), 8);
	assert_int_equal(rh_vocab_intern(v, "a\0\0b", 4), 9);
	assert_int_equal(rh_vocab_find(v, "a", 1), 1);
	assert_int_equal(rh_vocab_find(v, "a\0", 2), 8);
	assert_int_equal(rh_vocab_find(v, "abcdefghijklmnopq", 17), 6);
	assert_int_equal(rh_vocab_find(v, "abcdefghijklmnopr", 17), -1);
	assert_int_equal(rh_vocab_find(v, "abcdefghijklmnoq", 16), -1);
	for (size_t i = 0; i < 8; i++) {
		size_t n;
		const char *s = rh_vocab_term(v, (uint32_t)i, &n);
		assert_int_equal(n, len[i]);
		assert_memory_equal(s, t[i], len[i]);
	}
	assert_int_equal(rh_vocab_size(v), 10);
	rh_vocab_free(v);
}

static void word_list_is_normalised(void **state)
{
	const char *list = "# a comment line\nThe\nPEOPLE\xE2\x80\x99S\n\nwin\xE2\x80\x91win\n";
	rh_vocab *v;
	assert_int_equal(rh_vocab_load_list(&v, list, strlen(list), NULL), 0);
	/* "# a comment line" is not read; the rest folded like the text. */
	assert_int_equal(rh_vocab_size(v), 3);
	assert_true(rh_vocab_find(v, "the", 3) >= 0);
	assert_true(rh_vocab_find(v, "people's", 8) >= 0);
	assert_true(rh_vocab_find(v, "win-win", 7) >= 0);
	assert_int_equal(rh_vocab_find(v, "comment", 7), -1);
	rh_vocab_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intern_and_find),
		cmocka_unit_test(many_terms_survive_growth),
		cmocka_unit_test(word_list_is_normalised),
		cmocka_unit_test(short_and_long_terms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
