/* test_synth.c: the synthetic corpus generator: determinism, Zipf shares, planted truth, sizes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rhetor/synth.h"
#include "rhetor/text.h"

static char *words_buf;
static size_t words_len;

static int load_words(void **state)
{
	const char *path = RH_SOURCE_DIR "/datasets/words/en-speech.txt";
	FILE *fp = fopen(path, "rb");
	long n;
	if (!fp)
		return -1;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	words_buf = malloc((size_t)n + 1);
	if (!words_buf || fread(words_buf, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		return -1;
	}
	fclose(fp);
	words_len = (size_t)n;
	return 0;
}

static int free_words(void **state)
{
	free(words_buf);
	return 0;
}

/* The lines of the word list that are words (not comments, not blank). */
static size_t count_word_lines(void)
{
	size_t n = 0;
	for (size_t i = 0; i < words_len;) {
		size_t e = i;
		while (e < words_len && words_buf[e] != '\n')
			e++;
		if (e > i && words_buf[i] != '#')
			n++;
		i = e + 1;
	}
	return n;
}

/* Occurrences of `needle` in `hay` delimited by a space before and a space, comma or dot after. */
static size_t count_phrase(const char *hay, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += k)
		if (p > hay && p[-1] == ' ' && (p[k] == ' ' || p[k] == ',' || p[k] == '.'))
			n++;
	return n;
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static const rh_synth_phrase small_dict[] = {
	{ "true_multilateralism", "true multilateralism", "china" },
	{ "multilateralism", "multilateralism", "shared" },
	{ "win_win", "win-win cooperation", "china" },
	{ "win_win", "win win cooperation", "china" },
	{ "democracy", "democra*", "liberal" },
	{ "democracy", "democracy", "liberal" },
	{ "democratization", "democratization of international relations", "china" },
	{ "of_the", "of the", "shared" },
};
#define NSMALL (sizeof small_dict / sizeof *small_dict)

static rh_synth *make(const rh_synth_options *o, const rh_synth_phrase *ph, size_t n)
{
	rh_synth *s = NULL;
	int err = rh_synth_new(&s, o, words_buf, words_len, ph, n);
	if (err < 0)
		fail_msg("rh_synth_new: %s", rh_error_last());
	return s;
}

static uint64_t corpus_hash(const rh_synth *s)
{
	rh_synth_text t = RH_SYNTH_TEXT_INIT;
	uint64_t h = 0;
	for (size_t i = 0; i < rh_synth_doc_count(s); i++) {
		assert_int_equal(rh_synth_generate(&t, s, i), 0);
		h = h * 31 + fnv1a(t.text, t.len);
	}
	rh_synth_text_free(&t);
	return h;
}

/* Same seed: the same bytes, document for document; another seed: other bytes. */
static void test_deterministic(void **state)
{
	rh_synth_options o = RH_SYNTH_OPTIONS_INIT;
	o.countries = 4;
	o.year_first = 2015;
	o.year_last = 2018;
	o.doc_words = 800;
	o.seed = 42;
	rh_synth *a = make(&o, small_dict, NSMALL), *b = make(&o, small_dict, NSMALL);
	assert_int_equal(rh_synth_doc_count(a), 16);
	assert_true(corpus_hash(a) == corpus_hash(b));
	/* Generating in another order gives the same documents. */
	rh_synth_text t1 = RH_SYNTH_TEXT_INIT, t2 = RH_SYNTH_TEXT_INIT;
	assert_int_equal(rh_synth_generate(&t1, a, 3), 0);
	assert_int_equal(rh_synth_generate(&t2, b, 7), 0);
	assert_int_equal(rh_synth_generate(&t2, b, 3), 0);
	assert_int_equal(t1.len, t2.len);
	assert_memory_equal(t1.text, t2.text, t1.len);
	rh_synth_free(b);
	o.seed = 43;
	b = make(&o, small_dict, NSMALL);
	assert_true(corpus_hash(a) != corpus_hash(b));
	rh_synth_text_free(&t1);
	rh_synth_text_free(&t2);
	rh_synth_free(a);
	rh_synth_free(b);
}

/*
 * Zipf: with no dictionary the stream is the whole list, n = 5000 words.
 * Rank 1 ("the") has probability 1/H(n,s), H(n,s) = sum_{k<=n} k^-s; for
 * n = 5000, s = 1.07, Euler-Maclaurin gives H ~ zeta(1.07) - n^-0.07/0.07
 * ~ 14.86 - 7.87 = 6.99, so p1 ~ 0.143 and p2 = p1 / 2^1.07 ~ 0.068. The
 * test sums H itself. Over ~400,000 drawn words the standard error of the
 * share is about 0.0006; the tolerance is 0.004.
 */
static void test_zipf_share(void **state)
{
	rh_synth_options o = RH_SYNTH_OPTIONS_INIT;
	rh_text_options to = RH_TEXT_OPTIONS_INIT;
	rh_tokens tk = RH_TOKENS_INIT;
	rh_synth_text t = RH_SYNTH_TEXT_INIT;
	size_t n = count_word_lines();
	double h = 0;
	uint64_t the = 0, of = 0, drawn = 0, opening = 0;

	assert_int_equal(n, 5000);
	o.countries = 10;
	o.year_first = 2001;
	o.year_last = 2010;
	o.doc_words = 4000;
	rh_synth *s = make(&o, NULL, 0);
	assert_int_equal(rh_synth_stream_size(s), n);
	for (size_t k = 1; k <= n; k++)
		h += pow((double)k, -1.07);
	for (size_t i = 0; i < rh_synth_doc_count(s); i++) {
		assert_int_equal(rh_synth_generate(&t, s, i), 0);
		assert_int_equal(rh_text_tokenize(&tk, &to, t.text, t.len), 0);
		opening += !strncmp(t.text, "Mr. President, ", 15);
		for (size_t j = 0; j < tk.n; j++) {
			if (tk.tok[j].norm_len == 3 && !memcmp(rh_tokens_form(&tk, j), "the", 3))
				the++;
			if (tk.tok[j].norm_len == 2 && !memcmp(rh_tokens_form(&tk, j), "of", 2))
				of++;
		}
		/* Every token is a stream word, except "Mr. President". */
		assert_int_equal(tk.n, t.stream_words + 2 * !strncmp(t.text, "Mr. President, ", 15));
		drawn += t.stream_words;
	}
	assert_true(drawn > 300000);
	assert_true(the > of);
	assert_float_equal((double)the / (double)drawn, 1.0 / h, 0.004);
	assert_float_equal((double)of / (double)drawn, pow(2.0, -1.07) / h, 0.004);
	/* The opening comes with probability 0.7: 100 speeches, sd ~ 4.6. */
	assert_in_range(opening, 50, 90);
	rh_tokens_free(&tk);
	rh_synth_text_free(&t);
	rh_synth_free(s);
}

/*
 * Truth: counts found independently in the text (substring search, and the
 * tokenizer for tokens and sentences) equal what the generator reports.
 * "multilateralism" is counted inside every "true multilateralism";
 * "democra*" inside every "democratization of international relations".
 * "of the" is planted while the stream keeps "the" but drops "of" (the rarer
 * word), so every token "of" is a planted one.
 */
static void test_planted_truth(void **state)
{
	rh_synth_options o = RH_SYNTH_OPTIONS_INIT;
	rh_text_options to = RH_TEXT_OPTIONS_INIT;
	rh_tokens tk = RH_TOKENS_INIT;
	rh_synth_text t = RH_SYNTH_TEXT_INIT;
	uint64_t total[NSMALL] = { 0 };

	o.countries = 6;
	o.year_first = 2000;
	o.year_last = 2009;
	o.doc_words = 2000;
	o.rate_scale = 5;
	o.seed = 7;
	rh_synth *s = make(&o, small_dict, NSMALL);
	assert_int_equal(rh_synth_concept_count(s), 6);
	assert_int_equal(rh_synth_pattern_count(s), NSMALL);
	assert_false(rh_synth_pattern_planted(s, 4)); /* democra* */
	for (size_t r = 0; r < rh_synth_stream_size(s); r++) {
		const char *w = rh_synth_stream_word(s, r);
		assert_string_not_equal(w, "of");
		assert_string_not_equal(w, "multilateralism");
		assert_false(!strncmp(w, "democra", 7));
	}
	for (size_t i = 0; i < rh_synth_doc_count(s); i++) {
		assert_int_equal(rh_synth_generate(&t, s, i), 0);
		size_t tm = count_phrase(t.text, "true multilateralism");
		size_t m = count_phrase(t.text, "multilateralism");
		size_t ww = count_phrase(t.text, "win-win cooperation") + count_phrase(t.text, "win win cooperation");
		size_t dz = count_phrase(t.text, "democratization of international relations");
		size_t dm = count_phrase(t.text, "democracy");
		size_t oft = count_phrase(t.text, "of the");
		assert_int_equal(t.planted[0], tm);
		assert_int_equal(t.planted[1], m - tm);
		assert_int_equal(t.planted[2] + t.planted[3], ww);
		assert_int_equal(t.planted[4], 0);
		assert_int_equal(t.planted[5], dm);
		assert_int_equal(t.planted[6], dz);
		assert_int_equal(t.concept_count[0], tm);
		assert_int_equal(t.concept_count[1], m);
		assert_int_equal(t.concept_count[2], ww);
		assert_int_equal(t.concept_count[3], dm + dz);
		assert_int_equal(t.concept_count[4], dz);
		/* "of the" planted, plus the "of" inside each "democratization of ...". */
		assert_int_equal(t.concept_count[5], oft);
		assert_int_equal(rh_text_tokenize(&tk, &to, t.text, t.len), 0);
		size_t of = 0;
		for (size_t j = 0; j < tk.n; j++)
			of += tk.tok[j].norm_len == 2 && !memcmp(rh_tokens_form(&tk, j), "of", 2);
		assert_int_equal(of, t.planted[7] + dz);
		assert_int_equal(tk.n, t.tokens);
		assert_int_equal(tk.sentences, t.sentences);
		for (size_t p = 0; p < NSMALL; p++)
			total[p] += t.planted[p];
	}
	/* Every planted pattern turned up somewhere at this rate. */
	for (size_t p = 0; p < NSMALL; p++)
		if (p != 4)
			assert_true(total[p] > 0);
	/* Variant weights 1/j: "win-win cooperation" about twice "win win cooperation". */
	assert_true(total[2] > total[3]);
	rh_tokens_free(&tk);
	rh_synth_text_free(&t);
	rh_synth_free(s);
}

/* Sizes: the total byte target within 1%; word targets between 0.6 and 1.4 times the mean. */
static void test_sizes(void **state)
{
	rh_synth_options o = RH_SYNTH_OPTIONS_INIT;
	rh_synth_text t = RH_SYNTH_TEXT_INIT;
	uint64_t total = 0;

	o.countries = 5;
	o.docs = 12;
	o.total_bytes = 1000000;
	rh_synth *s = make(&o, small_dict, NSMALL);
	assert_int_equal(rh_synth_doc_count(s), 12);
	for (size_t i = 0; i < 12; i++) {
		assert_int_equal(rh_synth_generate(&t, s, i), 0);
		assert_int_equal(strlen(t.text), t.len);
		total += t.len;
	}
	assert_in_range(total, 990000, 1010000);
	rh_synth_free(s);

	o.total_bytes = 0;
	o.docs = 0;
	o.doc_words = 1500;
	s = make(&o, small_dict, NSMALL);
	assert_int_equal(rh_synth_doc_count(s), 5 * 35);
	for (size_t i = 0; i < rh_synth_doc_count(s); i++) {
		assert_int_equal(rh_synth_generate(&t, s, i), 0);
		/* A sentence or two (up to 34 words each) past the target. */
		assert_in_range(t.stream_words, 900, 2100 + 100);
	}
	rh_synth_text_free(&t);
	rh_synth_free(s);
}

/* Documents: ids {country}_{session}_{year} in byte order, the origin among the countries. */
static void test_documents(void **state)
{
	rh_synth_options o = RH_SYNTH_OPTIONS_INIT;
	rh_synth_doc d, prev;
	o.countries = 3;
	o.year_first = 2023;
	o.year_last = 2024;
	rh_synth *s = make(&o, small_dict, NSMALL);
	assert_int_equal(rh_synth_doc_count(s), 6);
	assert_string_equal(rh_synth_country(s, 0), "CHN");
	assert_int_equal(rh_synth_doc_info(s, 0, &d), 0);
	assert_string_equal(d.doc_id, "CHN_78_2023");
	assert_int_equal(d.session, 78);
	for (size_t i = 1; i < 6; i++) {
		prev = d;
		assert_int_equal(rh_synth_doc_info(s, i, &d), 0);
		assert_true(strcmp(prev.doc_id, d.doc_id) < 0);
		char want[64];
		snprintf(want, sizeof want, "%s_%d_%d", d.country, d.year - 1945, d.year);
		assert_string_equal(d.doc_id, want);
	}
	assert_int_equal(rh_synth_doc_info(s, 6, &d), RH_EUSAGE);
	rh_synth_free(s);
	/* Fewer documents than pairs: spread over all the years. */
	o.countries = 10;
	o.year_first = 1990;
	o.year_last = 1999;
	o.docs = 20;
	s = make(&o, small_dict, NSMALL);
	int seen[10] = { 0 };
	for (size_t i = 0; i < 20; i++) {
		assert_int_equal(rh_synth_doc_info(s, i, &d), 0);
		seen[d.year - 1990]++;
	}
	for (int y = 0; y < 10; y++)
		assert_int_equal(seen[y], 2);
	rh_synth_free(s);
}

/* Adoption: the origin's curve for a "china" concept rises before every other country's. */
static void test_curves(void **state)
{
	rh_synth_options o = RH_SYNTH_OPTIONS_INIT;
	rh_synth_curve c0, ck;
	o.countries = 30;
	rh_synth *s = make(&o, small_dict, NSMALL);
	for (size_t c = 0; c < rh_synth_concept_count(s); c++) {
		if (strcmp(rh_synth_concept_family(s, c), "china"))
			continue;
		assert_int_equal(rh_synth_curve_get(s, 0, c, &c0), 0);
		for (size_t k = 1; k < rh_synth_country_count(s); k++) {
			assert_int_equal(rh_synth_curve_get(s, k, c, &ck), 0);
			assert_true(ck.midpoint > c0.midpoint);
		}
		/* The logistic curve: half the saturation at the midpoint, rising. */
		int y = (int)floor(c0.midpoint);
		assert_true(rh_synth_rate(s, 0, c, y + 1) > rh_synth_rate(s, 0, c, y));
		double half = c0.saturation / (1 + exp(-c0.slope * (y - c0.midpoint)));
		assert_float_equal(rh_synth_rate(s, 0, c, y), half, 1e-12);
	}
	rh_synth_free(s);
}

static void test_errors(void **state)
{
	rh_synth_options o = RH_SYNTH_OPTIONS_INIT;
	rh_synth *s = NULL;
	static const rh_synth_phrase comma[] = { { "x", "common, comprehensive security", NULL } };
	static const rh_synth_phrase star[] = { { "x", "co*operation", NULL } };

	assert_int_equal(rh_synth_new(&s, &o, "the\nOf\n", 8, NULL, 0), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "line 2"));
	assert_int_equal(rh_synth_new(&s, &o, "# only a comment\n", 17, NULL, 0), RH_EUSAGE);
	assert_int_equal(rh_synth_new(&s, &o, words_buf, words_len, comma, 1), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "common, comprehensive"));
	assert_int_equal(rh_synth_new(&s, &o, words_buf, words_len, star, 1), RH_EUSAGE);
	o.docs = 20 * 35 + 1;
	assert_int_equal(rh_synth_new(&s, &o, words_buf, words_len, NULL, 0), RH_EUSAGE);
	o.docs = 0;
	o.year_first = 2000;
	o.year_last = 1999;
	assert_int_equal(rh_synth_new(&s, &o, words_buf, words_len, NULL, 0), RH_EUSAGE);
	assert_null(s);
	rh_synth_free(NULL);
	rh_synth_text_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic), cmocka_unit_test(test_zipf_share),
		cmocka_unit_test(test_planted_truth), cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_documents),     cmocka_unit_test(test_curves),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, load_words, free_words);
}
