/* test_ngram.c: the multi-word rule, n-gram counts and multiword-expression scores. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include <rhetor.h>

#include "testutil.h"

/* ---- the multi-word rule -------------------------------------------- */

static void joins_only_across_white_space_in_a_sentence(void **state)
{
	(void)state;
	/* a b | c | d e | F g | h i j */
	const char *text = "a b,c\n\nd e. F g-\nh i\t\n j";
	static const int want[] = { 1, 0, 0, 1, 0, 1, 0, 1, 1, 0 };
	rh_tokens t = RH_TOKENS_INIT;
	rh_text_options o = RH_TEXT_OPTIONS_INIT;
	assert_int_equal(rh_text_tokenize(&t, &o, text, strlen(text)), 0);
	assert_int_equal(t.n, 10);
	for (size_t i = 0; i < t.n; i++)
		if (rh_ngram_joins(&t, text, i) != want[i])
			fail_msg("token %zu (%.*s): joins = %d, want %d", i, (int)t.tok[i].length,
				 text + t.tok[i].offset, rh_ngram_joins(&t, text, i), want[i]);
	rh_tokens_free(&t);
}

/* Phrase matches follow the same rule: none spans a blank line, a comma, a
 * full stop or a line-end hyphen; line breaks and NBSP are white space. */
static void phrase_matches_follow_the_rule(void **state)
{
	(void)state;
	const char *text = "Win-win\n\ncooperation. Win-win cooperation, win-win,\ncooperation and win-win\n"
			   "cooperation. A shared-\nfuture, a shared\xc2\xa0" "future. For mankind. We share.\n";
	const char *dcsv = "concept,pattern\nww,win-win cooperation\nsf,shared future\nmw,mankind we\n";
	tu_fixture f = { tu_tmpdir(), NULL, NULL, NULL };
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	size_t n, per[3] = { 0, 0, 0 };
	tu_write(f.dir, "a.txt", text, -1);
	assert_int_equal(rh_corpus_open(&f.corpus, f.dir, NULL), 0);
	assert_int_equal(rh_dict_parse(&f.dict, dcsv, strlen(dcsv), "d.csv", NULL), 0);
	o.dict = f.dict;
	assert_int_equal(rh_counts_build(&f.counts, f.corpus, &o), 0);
	const rh_match *m = rh_counts_matches(f.counts, &n);
	for (size_t i = 0; i < n; i++)
		per[m[i].concept]++;
	assert_int_equal(per[0], 2); /* "Win-win cooperation", "win-win\ncooperation" */
	assert_int_equal(per[1], 1); /* "shared<NBSP>future" */
	assert_int_equal(per[2], 0);
	tu_fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(joins_only_across_white_space_in_a_sentence),
		cmocka_unit_test(phrase_matches_follow_the_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
