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

/* ---- n-grams and scores --------------------------------------------- */

static rh_ngrams *ngrams_of(tu_fixture *f, const char *text, unsigned lo, unsigned hi, uint64_t min_count)
{
	rh_ngrams_options o = RH_NGRAMS_OPTIONS_INIT;
	rh_ngrams *g = NULL;
	f->dir = tu_tmpdir();
	tu_write(f->dir, "a.txt", text, -1);
	assert_int_equal(rh_corpus_open(&f->corpus, f->dir, NULL), 0);
	o.min_size = lo;
	o.max_size = hi;
	o.min_count = min_count;
	assert_int_equal(rh_ngrams_build(&g, f->corpus, &o), 0);
	return g;
}

static const rh_ngram *row_of(const rh_ngrams *g, const char *phrase)
{
	for (size_t i = 0; i < rh_ngrams_count(g); i++)
		if (!strcmp(rh_ngrams_at(g, i)->phrase, phrase))
			return rh_ngrams_at(g, i);
	return NULL;
}

/*
 * "x y z, x y w, w y z x.": runs [x y z] [x y w] [w y z x].
 *
 * Bigrams: xy xy yz yz yw wy zx (7). For "x y" (bit 0: first word x, bit 1:
 * second word y): xy xy agree on both (cell 3: 2); wy on the second only
 * (cell 2: 1); yz yz yw zx on neither (cell 0: 4); cell 1: 0. With 0.5 added:
 * 4.5 0.5 1.5 2.5, lambda = ln 4.5 - ln 0.5 - ln 1.5 + ln 2.5 = ln 15,
 * sigma = sqrt(1/4.5 + 1/0.5 + 1/1.5 + 1/2.5).
 *
 * Trigrams: xyz xyw wyz yzx (4). For "x y z": xyz cell 7, xyw cell 3 (x y),
 * wyz cell 6 (y z), yzx cell 0 (no position agrees): each 1, the other four
 * cells 0. With 0.5: 1.5 at cells 0 3 6 7, 0.5 at 1 2 4 5; signs
 * (-1)^(3-|b|): - + + - + - - +, so lambda = -ln 1.5 + 3 ln 0.5 - ln 0.5
 * - 2 ln 1.5 + ln 1.5 = 2 ln 0.5 - 2 ln 1.5 = -2 ln 3, sigma = sqrt(4/1.5 +
 * 4/0.5).
 */
static void scores_worked_by_hand(void **state)
{
	(void)state;
	tu_fixture f = { 0 };
	rh_ngrams *g = ngrams_of(&f, "x y z, x y w, w y z x.", 2, 3, 1);
	const rh_ngram *r = row_of(g, "x y");
	assert_non_null(r);
	assert_int_equal(r->size, 2);
	assert_int_equal(r->count, 2);
	assert_int_equal(r->docs, 1);
	/* Both "x y" sit in runs of 3 or more, which hold trigrams. */
	assert_int_equal(r->count_nested, 2);
	NEAR(r->lambda, log(15.0), 1e-12);
	NEAR(r->sigma, sqrt(1 / 4.5 + 1 / 0.5 + 1 / 1.5 + 1 / 2.5), 1e-12);
	NEAR(r->z, log(15.0) / sqrt(1 / 4.5 + 1 / 0.5 + 1 / 1.5 + 1 / 2.5), 1e-12);
	r = row_of(g, "x y z");
	assert_non_null(r);
	assert_int_equal(r->count, 1);
	assert_int_equal(r->count_nested, 0); /* the largest size */
	NEAR(r->lambda, -2 * log(3.0), 1e-12);
	NEAR(r->sigma, sqrt(4 / 1.5 + 4 / 0.5), 1e-12);
	NEAR(r->z, -2 * log(3.0) / sqrt(4 / 1.5 + 4 / 0.5), 1e-12);
	/* Every bigram and trigram of the runs, none across a comma (no "w w",
	 * no "y w w"): 5 distinct bigrams, 4 trigrams. */
	assert_int_equal(rh_ngrams_count(g), 9);
	assert_null(row_of(g, "w w"));
	assert_null(row_of(g, "y w w"));
	assert_non_null(row_of(g, "y z x"));
	rh_ngrams_free(g);
	tu_fixture_free(&f);
}

/* No n-gram spans a comma, a full stop, a line-end hyphen or a blank line. */
static void ngrams_follow_the_rule(void **state)
{
	(void)state;
	tu_fixture f = { 0 };
	rh_ngrams *g = ngrams_of(&f, "For mankind. We care, for all self-\nreliant people\n\nat home\nand abroad.", 2, 2,
				 1);
	static const char *const want[] = { "for mankind", "we care", "for all", "all self", "reliant people",
					    "at home", "home and", "and abroad" };
	assert_int_equal(rh_ngrams_count(g), sizeof want / sizeof *want);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!row_of(g, want[i]))
			fail_msg("no bigram '%s'", want[i]);
	rh_ngrams_free(g);
	tu_fixture_free(&f);
}

/* min_count drops rarer n-grams and keeps the counts of the others exact. */
static void min_count_prunes(void **state)
{
	(void)state;
	tu_fixture f = { 0 };
	rh_ngrams *g = ngrams_of(&f, "a b c a b c a b d. a b c", 2, 3, 3);
	/* bigrams: a b x4, b c x3, c a x2, b d x1; trigrams: a b c x3, b c a x2, c a b x2, a b d x1 */
	assert_int_equal(rh_ngrams_count(g), 3);
	assert_int_equal(row_of(g, "a b")->count, 4);
	assert_int_equal(row_of(g, "b c")->count, 3);
	assert_int_equal(row_of(g, "a b c")->count, 3);
	rh_ngrams_free(g);
	tu_fixture_free(&f);
}

static void bad_options(void **state)
{
	(void)state;
	rh_ngrams_options o = RH_NGRAMS_OPTIONS_INIT;
	rh_ngrams *g = NULL;
	o.max_size = 6;
	assert_int_equal(rh_ngrams_build(&g, NULL, &o), RH_EUSAGE);
	o.max_size = 2;
	o.smoothing = -1;
	assert_int_equal(rh_ngrams_build(&g, NULL, &o), RH_EUSAGE);
	assert_null(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(joins_only_across_white_space_in_a_sentence),
		cmocka_unit_test(phrase_matches_follow_the_rule),
		cmocka_unit_test(scores_worked_by_hand),
		cmocka_unit_test(ngrams_follow_the_rule),
		cmocka_unit_test(min_count_prunes),
		cmocka_unit_test(bad_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
