/* test_trends.c: trends tables: periods, untimed documents, the two-period trend in closed form, edge cases. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <rhetor.h>
#include <rhetor/trends.h>

#include "testutil.h"

typedef tu_fixture fixture;

/* docs: n (name, text) pairs; meta: the metadata CSV. */
static void make(fixture *f, const char *const *docs, size_t n, const char *meta, const char *group_col,
		 int with_dict)
{
	static const char dict[] = "concept,pattern\nww,win-win cooperation\nhr,human rights\n";
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	char meta_path[4200];
	memset(f, 0, sizeof *f);
	f->dir = tu_tmpdir();
	for (size_t i = 0; i < n; i++) {
		char name[256];
		snprintf(name, sizeof name, "texts/%s.txt", docs[2 * i]);
		tu_write(f->dir, name, docs[2 * i + 1], -1);
	}
	tu_write(f->dir, "meta.csv", meta, -1);
	snprintf(meta_path, sizeof meta_path, "%s/meta.csv", f->dir);
	co.meta_path = meta_path;
	char texts[4200];
	snprintf(texts, sizeof texts, "%s/texts", f->dir);
	assert_int_equal(rh_corpus_open(&f->corpus, texts, &co), 0);
	if (with_dict)
		assert_int_equal(rh_dict_parse(&f->dict, dict, strlen(dict), "d.csv", NULL), 0);
	o.dict = f->dict;
	o.group_col = group_col;
	o.threads = 1;
	assert_int_equal(rh_counts_build(&f->counts, f->corpus, &o), 0);
}

/* Runs a table writer into a string (the caller frees it). */
static char *table(int (*write)(FILE *, const rh_results *), const rh_trends *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	rh_plan p;
	tu_plan(&p, NULL);
	assert_int_equal(tu_table(write, fp, &p, NULL, NULL, t), 0);
	fclose(fp);
	return buf;
}

/* The cells of line `row` (0 = header); a quoted cell holds no quote. */
static size_t cells(const char *tab, size_t row, char out[][256], size_t max)
{
	const char *p = tab;
	size_t n = 0;
	for (size_t r = 0; r < row; r++) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	while (n < max) {
		int quoted = *p == '"';
		size_t k = quoted ? strcspn(p + 1, "\"") : strcspn(p, ",\n");
		assert_true(k < 256);
		memcpy(out[n], p + quoted, k);
		out[n++][k] = '\0';
		p += k + 2 * quoted;
		if (*p != ',')
			break;
		p++;
	}
	return n;
}

static double num(const char *s) { return strcmp(s, "NA") == 0 ? NAN : strtod(s, NULL); }

/*
 * Two years: with two points the Poisson model with intercept and slope
 * is saturated, so the fit reproduces both rates: b1 = ln((c2/t2)/(c1/t1))
 * / (y2 - y1), and the slope's variance is (1/c1 + 1/c2)/(y2 - y1)^2 (the
 * variance of a log ratio of two Poisson counts). Here 1 match in 4 tokens
 * (2010) and 3 in 6 (2020): the rate doubles over the decade, rate ratio
 * per decade 2, se = sqrt(1 + 1/3)/10, z = ln 2 / sqrt(4/3) = 0.6002810,
 * p = erfc(z/sqrt 2); the Pearson dispersion has no degrees of freedom: NA.
 */
static void two_periods_closed_form(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"a", "Win-win cooperation is good.",
		"b", "Win-win cooperation, win-win cooperation, win-win cooperation.",
	};
	fixture f;
	rh_trends_options o = RH_TRENDS_OPTIONS_INIT;
	rh_trends *t;
	char c[12][256];
	make(&f, docs, 2, "doc_id,year\na,2010\nb,2020\n", NULL, 1);
	o.time_col = "year";
	assert_int_equal(rh_trends_new(&t, f.counts, &o), 0);
	assert_int_equal(rh_trends_numeric(t), 1);
	assert_int_equal(rh_trends_period_count(t), 2);
	char *tab = table(rh_trends_write_trend_fit, t);
	assert_int_equal(cells(tab, 1, c, 12), 12);
	assert_string_equal(c[0], "all");
	assert_string_equal(c[1], "ww");
	double se = sqrt(1.0 + 1.0 / 3.0) / 10, b1 = log(2.0) / 10, zc = 1.959963984540054;
	NEAR(num(c[2]), 2.0, 1e-8);
	NEAR(num(c[3]), exp(10 * (b1 - zc * se)), 1e-8);
	NEAR(num(c[4]), exp(10 * (b1 + zc * se)), 1e-6);
	NEAR(num(c[5]), erfc(b1 / se / sqrt(2.0)), 1e-8);
	assert_string_equal(c[6], "NA");
	NEAR(num(c[7]), b1, 1e-10);
	NEAR(num(c[8]), se, 1e-9);
	assert_string_equal(c[9], "2");
	assert_string_equal(c[10], "4");
	assert_string_equal(c[11], "");
	/* hr is never used: NA everywhere and a note. */
	assert_int_equal(cells(tab, 2, c, 12), 12);
	assert_string_equal(c[1], "hr");
	assert_string_equal(c[2], "NA");
	assert_string_equal(c[10], "0");
	assert_non_null(strstr(c[11], "never used"));
	free(tab);
	rh_trends_free(t);
	tu_fixture_free(&f);
}

/* Uses only in the first year: the likelihood keeps rising as b1 -> -inf; the limit 0 is written. */
static void first_period_only(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"a", "Win-win cooperation.", "b", "Peace.", "c", "Peace and quiet.",
	};
	fixture f;
	rh_trends_options o = RH_TRENDS_OPTIONS_INIT;
	rh_trends *t;
	char c[12][256];
	make(&f, docs, 3, "doc_id,year\na,1990\nb,1991\nc,1992\n", NULL, 1);
	o.time_col = "year";
	assert_int_equal(rh_trends_new(&t, f.counts, &o), 0);
	char *tab = table(rh_trends_write_trend_fit, t);
	assert_int_equal(cells(tab, 1, c, 12), 12);
	assert_string_equal(c[2], "0");
	assert_string_equal(c[3], "NA");
	assert_string_equal(c[5], "NA");
	assert_string_equal(c[7], "-Inf");
	assert_string_equal(c[9], "3");
	assert_non_null(strstr(c[11], "only in the first period (1990)"));
	free(tab);
	rh_trends_free(t);
	tu_fixture_free(&f);
}

/*
 * The time column is numeric when more than half of the documents with a
 * value hold a number; the others are untimed. Here 3 of 4 values are
 * numbers: "x" is left out, and the empty value too.
 */
static void numeric_majority_and_untimed(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"a", "Human rights.", "b", "Human rights.", "c", "Human rights.", "d", "Human rights.",
		"e", "Human rights.",
	};
	fixture f;
	rh_trends_options o = RH_TRENDS_OPTIONS_INIT;
	rh_trends *t;
	size_t n;
	make(&f, docs, 5, "doc_id,year\na,1990\nb, 1991 \nc,x\nd,\ne,1990.5\n", NULL, 1);
	o.time_col = "year";
	assert_int_equal(rh_trends_new(&t, f.counts, &o), 0);
	assert_int_equal(rh_trends_numeric(t), 1);
	assert_int_equal(rh_trends_period_count(t), 3); /* 1990, 1990.5, 1991 */
	const uint32_t *u = rh_trends_untimed(t, &n);
	assert_int_equal(n, 2);
	assert_int_equal(u[0], 2); /* c */
	assert_int_equal(u[1], 3); /* d */
	char *tab = table(rh_trends_write_trends, t), c[10][256];
	/* Rows: (1990, ww) (1990, hr) (1990.5, ww) (1990.5, hr) (1991, ww) (1991, hr). */
	assert_int_equal(cells(tab, 4, c, 10), 10);
	assert_string_equal(c[1], "1990.5");
	assert_string_equal(c[2], "hr");
	assert_string_equal(c[3], "1");
	assert_int_equal(cells(tab, 6, c, 10), 10);
	assert_string_equal(c[1], "1991");
	free(tab);
	rh_trends_free(t);

	/* Width 5: 1990, 1990.5 and 1991 all fall in the period 1990. */
	o.period_width = 5;
	assert_int_equal(rh_trends_new(&t, f.counts, &o), 0);
	assert_int_equal(rh_trends_period_count(t), 1);
	tab = table(rh_trends_write_trends, t);
	assert_int_equal(cells(tab, 2, c, 10), 10);
	assert_string_equal(c[1], "1990");
	assert_string_equal(c[3], "3");  /* count */
	assert_string_equal(c[9], "3");  /* docs_total */
	free(tab);
	rh_trends_free(t);
	tu_fixture_free(&f);
}

/* Half numbers or fewer: text periods in byte order; only empty values are untimed. */
static void text_periods(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"a", "Human rights.", "b", "Human rights.", "c", "Peace.",
	};
	fixture f;
	rh_trends_options o = RH_TRENDS_OPTIONS_INIT;
	rh_trends *t;
	size_t n;
	char c[12][256];
	make(&f, docs, 3, "doc_id,era\na,late\nb,1990\nc,early\n", NULL, 1);
	o.time_col = "era";
	assert_int_equal(rh_trends_new(&t, f.counts, &o), 0);
	assert_int_equal(rh_trends_numeric(t), 0);
	rh_trends_untimed(t, &n);
	assert_int_equal(n, 0);
	char *tab = table(rh_trends_write_trends, t);
	assert_int_equal(cells(tab, 1, c, 10), 10);
	assert_string_equal(c[1], "1990");
	assert_int_equal(cells(tab, 3, c, 10), 10);
	assert_string_equal(c[1], "early");
	assert_int_equal(cells(tab, 5, c, 10), 10);
	assert_string_equal(c[1], "late");
	free(tab);
	tab = table(rh_trends_write_trend_fit, t);
	assert_int_equal(cells(tab, 1, c, 12), 12);
	assert_string_equal(c[2], "NA");
	assert_non_null(strstr(c[11], "not numbers"));
	free(tab);
	rh_trends_free(t);
	tu_fixture_free(&f);
}

/* A speech without tokens: a row with tokens 0 and NA rates; no fit row uses it. */
static void empty_document(void **state)
{
	(void)state;
	static const char *const docs[] = { "a", "Human rights.", "b", "", "c", "Human rights and peace." };
	fixture f;
	rh_trends_options o = RH_TRENDS_OPTIONS_INIT;
	rh_trends *t;
	char c[12][256];
	make(&f, docs, 3, "doc_id,year\na,2000\nb,2001\nc,2002\n", NULL, 1);
	o.time_col = "year";
	assert_int_equal(rh_trends_new(&t, f.counts, &o), 0);
	char *tab = table(rh_trends_write_trends, t);
	assert_int_equal(cells(tab, 3, c, 10), 10);
	assert_string_equal(c[1], "2001");
	assert_string_equal(c[5], "0");
	assert_string_equal(c[6], "NA");
	assert_string_equal(c[7], "NA");
	free(tab);
	tab = table(rh_trends_write_trend_fit, t);
	assert_int_equal(cells(tab, 2, c, 12), 12);
	assert_string_equal(c[1], "hr");
	assert_string_equal(c[9], "2"); /* periods with tokens */
	/* 1 in 2 tokens, then 1 in 4: closed form as above, ratio (1/4)/(1/2)
	 * over two years, so per decade 0.5^5. */
	NEAR(num(c[2]), pow(0.5, 5), 1e-8);
	free(tab);
	rh_trends_free(t);
	tu_fixture_free(&f);
}

static void usage_errors(void **state)
{
	(void)state;
	static const char *const docs[] = { "a", "Human rights.", "b", "Peace." };
	fixture f, nd;
	rh_trends_options o = RH_TRENDS_OPTIONS_INIT;
	rh_trends *t = (rh_trends *)&o;
	make(&f, docs, 2, "doc_id,year,blank\na,2000,\nb,2001,\n", NULL, 1);
	assert_int_equal(rh_trends_new(&t, f.counts, &o), RH_EUSAGE); /* no time column given */
	assert_null(t);
	o.time_col = "session";
	assert_int_equal(rh_trends_new(&t, f.counts, &o), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "session"));
	o.time_col = "blank";
	assert_int_equal(rh_trends_new(&t, f.counts, &o), RH_EUSAGE);
	o.time_col = "year";
	o.period_width = -1;
	assert_int_equal(rh_trends_new(&t, f.counts, &o), RH_EUSAGE);
	o.period_width = NAN;
	assert_int_equal(rh_trends_new(&t, f.counts, &o), RH_EUSAGE);
	make(&nd, docs, 2, "doc_id,year\na,2000\nb,2001\n", NULL, 0);
	o.period_width = 0;
	assert_int_equal(rh_trends_new(&t, nd.counts, &o), RH_EUSAGE);
	rh_trends_free(NULL);
	tu_fixture_free(&nd);
	tu_fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_periods_closed_form),
		cmocka_unit_test(first_period_only),
		cmocka_unit_test(numeric_majority_and_untimed),
		cmocka_unit_test(text_periods),
		cmocka_unit_test(empty_document),
		cmocka_unit_test(usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
