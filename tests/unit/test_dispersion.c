/* test_dispersion.c: dispersion over documents against published examples and hand arithmetic. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <rhetor.h>
#include <rhetor/dispersion.h>

#include "testutil.h"

/* A corpus of one document per part: part i holds `counts[i]` times
 * `word` and then `filler` up to sizes[i] tokens. */
typedef tu_fixture fixture;

static void make(fixture *f, const char *word, const char *filler, const unsigned *counts,
		 const unsigned *sizes, size_t k, const char *dict_csv)
{
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	memset(f, 0, sizeof *f);
	f->dir = tu_tmpdir();
	for (size_t i = 0; i < k; i++) {
		char name[32], text[1024] = "";
		for (unsigned j = 0; j < sizes[i]; j++) {
			strcat(text, j < counts[i] ? word : filler);
			strcat(text, " ");
		}
		snprintf(name, sizeof name, "p%zu.txt", i + 1);
		tu_write(f->dir, name, text, -1);
	}
	assert_int_equal(rh_corpus_open(&f->corpus, f->dir, &co), 0);
	if (dict_csv)
		assert_int_equal(rh_dict_parse(&f->dict, dict_csv, strlen(dict_csv), "d.csv", NULL), 0);
	o.dict = f->dict;
	assert_int_equal(rh_counts_build(&f->counts, f->corpus, &o), 0);
}

static rh_dispersion of_term(const fixture *f, const char *term)
{
	rh_dispersion d;
	int64_t id = rh_vocab_find(rh_counts_vocab(f->counts), term, strlen(term));
	assert_true(id >= 0);
	assert_int_equal(rh_dispersion_term(f->counts, (uint32_t)id, &d), 0);
	return d;
}

static void juilland_published(void **state)
{
	/* Juilland's D over five equal parts with frequencies 0, 4, 3, 2, 1:
	 * mean 2, population sd sqrt((4+4+1+0+1)/5) = sqrt 2, CV = sqrt(2)/2
	 * = 0.70711, D = 1 - CV/sqrt(5-1) = 1 - 0.35355 = 0.6464 (the
	 * textbook example of the measure). DP: each part holds 1/5 of the
	 * corpus, the word's shares are 0, .4, .3, .2, .1: DP = 0.5 *
	 * (.2+.2+.1+0+.1) = 0.3, DPnorm = 0.3/(1 - 0.2) = 0.375; range 4. */
	static const unsigned counts[] = { 0, 4, 3, 2, 1 }, sizes[] = { 10, 10, 10, 10, 10 };
	fixture f;
	(void)state;
	make(&f, "x", "f", counts, sizes, 5, NULL);
	rh_dispersion d = of_term(&f, "x");
	NEAR(d.juilland_d, 0.6464466094067262, 1e-12);
	NEAR(round(d.juilland_d * 1e4) / 1e4, 0.6464, 0);
	NEAR(d.dp, 0.3, 1e-15);
	NEAR(d.dp_norm, 0.375, 1e-15);
	NEAR(d.range, 4, 0);
	tu_fixture_free(&f);
}

static void gries_dp_equal_parts(void **state)
{
	/* DP as Gries (2008) defines it, in the example Lijffijt & Gries
	 * (2012, table 1) work through: three equally large parts, one with
	 * 2/3 of the occurrences, one with 1/3, one with none. Expected shares
	 * 1/3 each: DP = 0.5 * (|2/3-1/3| + |1/3-1/3| + |0-1/3|) = 1/3; its
	 * maximum for three equal parts is 1 - 1/3, so DPnorm = 0.5.
	 * Juilland on rates 2/9, 1/9, 0: mean 1/9, sd (1/9) sqrt(2/3), D = 1 -
	 * sqrt(2/3)/sqrt 2 = 1 - 1/sqrt 3 = 0.42264973081037427. */
	static const unsigned counts[] = { 2, 1, 0 }, sizes[] = { 9, 9, 9 };
	fixture f;
	(void)state;
	make(&f, "a", "z", counts, sizes, 3, NULL);
	rh_dispersion d = of_term(&f, "a");
	NEAR(d.dp, 1.0 / 3, 1e-15);
	NEAR(d.dp_norm, 0.5, 1e-15);
	NEAR(d.juilland_d, 0.42264973081037427, 1e-15);
	NEAR(d.range, 2, 0);
	tu_fixture_free(&f);
}

static void gries_dp_unequal_parts(void **state)
{
	/* Five parts of unequal size (9, 10, 10, 10, 11 tokens: 50) with 1, 2,
	 * 3, 4, 5 occurrences (15). Expected shares s = .18 .2 .2 .2 .22,
	 * observed v = 1/15 2/15 3/15 4/15 5/15 = .0667 .1333 .2 .2667 .3333;
	 * |v - s| = .11333 .06667 0 .06667 .11333, sum .36, DP = 0.18 (Gries
	 * 2008's formula with unequal parts); DPnorm = 0.18/(1 - 0.18) =
	 * 0.21951219512195122 (Lijffijt & Gries 2012).
	 * Juilland's D on the parts' rates (how rhetor reads unequal parts):
	 * 1/9 .2 .3 .4 5/11, mean 0.29313131313131313, population sd
	 * 0.12595825941147315, CV 0.4296990930990986, D = 1 - CV/2 =
	 * 0.7851504534504508. */
	static const unsigned counts[] = { 1, 2, 3, 4, 5 }, sizes[] = { 9, 10, 10, 10, 11 };
	fixture f;
	(void)state;
	make(&f, "a", "z", counts, sizes, 5, NULL);
	rh_dispersion d = of_term(&f, "a");
	NEAR(d.dp, 0.18, 1e-15);
	NEAR(d.dp_norm, 0.21951219512195122, 1e-15);
	NEAR(d.juilland_d, 0.7851504534504508, 1e-14);
	NEAR(d.range, 5, 0);
	tu_fixture_free(&f);
}

static char *table(const fixture *f, long top, const rh_vocab *stop)
{
	rh_report_options ro = RH_REPORT_OPTIONS_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	ro.top = top;
	ro.stop = stop;
	assert_int_equal(tu_write_ro(rh_dispersion_write_dispersion, fp, f->counts, &ro), 0);
	fclose(fp);
	return buf;
}

static void concepts_and_table(void **state)
{
	/* Parts of 10 tokens with x 0, 4, 3, 2, 1 times (as above) and the
	 * filler f 10, 6, 7, 8, 9 times (40). The concept "xx" = "x x"
	 * matches without overlap: 0, 2, 1, 1, 0 times (4, range 3).
	 *   f:  shares .25 .15 .175 .2 .225 vs .2: DP = .5*.15 = 0.075,
	 *       DPnorm .075/.8 = 0.09375; rates 1 .6 .7 .8 .9, mean .8, sd
	 *       sqrt(.02) = .141421, D = 1 - .176777/2 = 0.9116116524
	 *   xx: shares 0 .5 .25 .25 0: DP = .5*(.2+.3+.05+.05+.2) = 0.4,
	 *       DPnorm 0.5; rates 0 .2 .1 .1 0, mean .08, sd sqrt(.0056) =
	 *       .0748331, D = 1 - .935414/2 = 0.5322928267 */
	static const unsigned counts[] = { 0, 4, 3, 2, 1 }, sizes[] = { 10, 10, 10, 10, 10 };
	fixture f;
	rh_vocab *stop = NULL;
	rh_dispersion d;
	char *s;
	(void)state;
	make(&f, "x", "f", counts, sizes, 5, "concept,pattern\nxx,x x\n");
	assert_int_equal(rh_dispersion_concept(f.counts, 0, &d), 0);
	NEAR(d.dp, 0.4, 1e-15);
	NEAR(d.dp_norm, 0.5, 1e-15);
	NEAR(d.range, 3, 0);
	assert_int_equal(rh_dispersion_concept(f.counts, 1, &d), RH_EUSAGE);

	s = table(&f, 0, NULL);
	assert_string_equal(s, "term,count,range,dp,dp_norm,juilland_d,kind\n"
			       "f,40,5,0.075,0.09375,0.9116116524,term\n"
			       "x,10,4,0.3,0.375,0.6464466094,term\n"
			       "xx,4,3,0.4,0.5,0.5322928267,concept\n");
	free(s);
	/* --top counts terms only; stop words leave terms out; concepts stay. */
	assert_int_equal(rh_vocab_load_list(&stop, "f\n", 2, NULL), 0);
	s = table(&f, 1, stop);
	assert_string_equal(s, "term,count,range,dp,dp_norm,juilland_d,kind\n"
			       "x,10,4,0.3,0.375,0.6464466094,term\n"
			       "xx,4,3,0.4,0.5,0.5322928267,concept\n");
	free(s);
	s = table(&f, 1, NULL);
	assert_string_equal(s, "term,count,range,dp,dp_norm,juilland_d,kind\n"
			       "f,40,5,0.075,0.09375,0.9116116524,term\n"
			       "xx,4,3,0.4,0.5,0.5322928267,concept\n");
	free(s);
	rh_vocab_free(stop);
	tu_fixture_free(&f);
}

static void threads_agree(void **state)
{
	/* The table is computed by several threads when there are many
	 * terms: the bytes must not depend on the thread count. 100 parts of
	 * 100 tokens with terms w0..w99, term wj in every part i with
	 * (i + j) % 7 < 3, so dispersions differ. */
	char *d = tu_tmpdir(), *s1 = NULL, *s4 = NULL;
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_corpus *cp = NULL;
	(void)state;
	for (int i = 0; i < 100; i++) {
		char name[32], text[2048] = "";
		for (int j = 0; j < 100; j++) {
			char w[16];
			snprintf(w, sizeof w, "w%d ", (i + j) % 7 < 3 ? j : 100 + i % 3);
			strcat(text, w);
		}
		snprintf(name, sizeof name, "p%03d.txt", i);
		tu_write(d, name, text, -1);
	}
	assert_int_equal(rh_corpus_open(&cp, d, &co), 0);
	for (unsigned th = 1; th <= 4; th += 3) {
		rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
		rh_report_options ro = RH_REPORT_OPTIONS_INIT;
		rh_counts *c = NULL;
		size_t len = 0;
		char **out = th == 1 ? &s1 : &s4;
		o.threads = th;
		assert_int_equal(rh_counts_build(&c, cp, &o), 0);
		FILE *fp = open_memstream(out, &len);
		assert_int_equal(tu_write_ro(rh_dispersion_write_dispersion, fp, c, &ro), 0);
		fclose(fp);
		rh_counts_free(c);
	}
	assert_string_equal(s1, s4);
	assert_true(strlen(s1) > 100 * 20);
	free(s1);
	free(s4);
	rh_corpus_free(cp);
	tu_rmrf(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(juilland_published),
		cmocka_unit_test(gries_dp_equal_parts),
		cmocka_unit_test(gries_dp_unequal_parts),
		cmocka_unit_test(concepts_and_table),
		cmocka_unit_test(threads_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
