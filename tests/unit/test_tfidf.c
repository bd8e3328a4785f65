/* test_tfidf.c: TF-IDF presets, units, term limits, the table and cosine similarity, against hand arithmetic. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <rhetor.h>
#include <rhetor/tfidf.h>

#include "testutil.h"

/*
 * The corpus (tokens after the text model):
 *   d1 "The apple; apple banana!"             the apple apple banana        4 tokens
 *   d2 "The apple cherry cherry cherry the."  the apple cherry x3 the        6 tokens
 *   d3 "Banana \u2014 the date."              banana the date (the em dash separates) 3 tokens
 * side: d1 x, d2 x, d3 y.
 * Document frequencies over n = 3: the 3, apple 2, banana 2, cherry 1, date 1.
 */
static char *dir;
static rh_corpus *corpus;
static rh_counts *counts;

static int setup(void **state)
{
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	char meta[4200];
	(void)state;
	dir = tu_tmpdir();
	tu_write(dir, "docs/d1.txt", "The apple; apple banana!", -1);
	tu_write(dir, "docs/d2.txt", "The apple cherry cherry cherry the.", -1);
	tu_write(dir, "docs/d3.txt", "Banana \xe2\x80\x94 the date.", -1);
	tu_write(dir, "meta.csv", "doc_id,side\nd1,x\nd2,x\nd3,y\n", -1);
	snprintf(meta, sizeof meta, "%s/meta.csv", dir);
	co.meta_path = meta;
	char docs[4200];
	snprintf(docs, sizeof docs, "%s/docs", dir);
	if (rh_corpus_open(&corpus, docs, &co) != 0)
		return -1;
	o.group_col = "side";
	o.threads = 1;
	return rh_counts_build(&counts, corpus, &o) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rh_counts_free(counts);
	rh_corpus_free(corpus);
	tu_rmrf(dir);
	free(dir);
	return 0;
}

static rh_tfidf *build_preset(const char *preset, int by_group)
{
	rh_tfidf_options o = RH_TFIDF_OPTIONS_INIT;
	rh_tfidf *t = NULL;
	assert_int_equal(rh_stats_tfidf_preset(preset, &o.scheme), 0);
	o.by_group = by_group;
	assert_int_equal(rh_tfidf_build(&t, counts, &o), 0);
	return t;
}

static rh_tfidf_cell cell(const rh_tfidf *t, size_t unit, const char *term)
{
	rh_tfidf_cell c;
	assert_int_equal(rh_tfidf_cell_get(t, unit, term, strlen(term), &c), 0);
	return c;
}

#define TOL 1e-15

static void quanteda_preset(void **state)
{
	(void)state;
	rh_tfidf *t = build_preset("quanteda", 0);
	assert_int_equal(rh_tfidf_unit_count(t), 3);
	assert_string_equal(rh_tfidf_unit_name(t, 0), "d1");
	assert_int_equal(rh_tfidf_term_count(t), 5);
	assert_int_equal(rh_tfidf_cell_count(t), 9); /* 3 + 3 + 3 distinct terms */
	/* quanteda dfm_tfidf: count * log10(n/df).
	 *   idf(the) = log10(3/3) = 0
	 *   idf(apple) = idf(banana) = log10(3/2) = 0.17609125905568124
	 *   idf(cherry) = idf(date) = log10(3) = 0.47712125471966244 */
	rh_tfidf_cell c = cell(t, 0, "apple");
	NEAR(c.count, 2, 0);
	NEAR(c.tf, 2, 0);
	NEAR(c.df, 2, 0);
	NEAR(c.idf, 0.17609125905568124, TOL);
	NEAR(c.tfidf, 0.3521825181113625, TOL); /* 2 * 0.17609125905568124 */
	NEAR(cell(t, 0, "banana").tfidf, 0.17609125905568124, TOL);
	NEAR(cell(t, 0, "the").tfidf, 0, 0);
	NEAR(cell(t, 0, "the").idf, 0, 0);
	NEAR(cell(t, 1, "the").count, 2, 0);
	NEAR(cell(t, 1, "apple").tfidf, 0.17609125905568124, TOL);
	NEAR(cell(t, 1, "cherry").tfidf, 1.4313637641589874, 4 * TOL); /* 3 * 0.47712125471966244 */
	NEAR(cell(t, 2, "banana").tfidf, 0.17609125905568124, TOL);
	NEAR(cell(t, 2, "date").tfidf, 0.47712125471966244, TOL);
	/* Absent from the unit: a zero cell that still knows df and idf. */
	c = cell(t, 2, "cherry");
	NEAR(c.count, 0, 0);
	NEAR(c.tfidf, 0, 0);
	NEAR(c.df, 1, 0);
	rh_tfidf_free(t);
}

static void tidytext_preset(void **state)
{
	(void)state;
	rh_tfidf *t = build_preset("tidytext", 0);
	/* tidytext bind_tf_idf: tf = n / tokens of the document, idf = ln(n/df).
	 *   ln(3/2) = 0.4054651081081644, ln 3 = 1.0986122886681098
	 * d1 (4 tokens): apple 2/4 * 0.4054651081081644 = 0.2027325540540822
	 *                banana 1/4 * 0.4054651081081644 = 0.1013662770270411
	 * d2 (6 tokens): apple 1/6 * 0.4054651081081644 = 0.0675775180180274
	 *                cherry 3/6 * 1.0986122886681098 = 0.5493061443340549
	 *                the 2/6 * ln 1 = 0
	 * d3 (3 tokens): banana 1/3 * 0.4054651081081644 = 0.1351550360360548
	 *                date 1/3 * 1.0986122886681098 = 0.3662040962227033 */
	rh_tfidf_cell c = cell(t, 0, "apple");
	NEAR(c.tf, 0.5, 0);
	NEAR(c.idf, 0.4054651081081644, TOL);
	NEAR(c.tfidf, 0.2027325540540822, TOL);
	NEAR(cell(t, 0, "banana").tfidf, 0.1013662770270411, TOL);
	NEAR(cell(t, 1, "apple").tfidf, 0.0675775180180274, TOL);
	NEAR(cell(t, 1, "cherry").tfidf, 0.5493061443340549, TOL);
	NEAR(cell(t, 1, "the").tf, 1.0 / 3, TOL);
	NEAR(cell(t, 1, "the").tfidf, 0, 0);
	NEAR(cell(t, 2, "banana").tfidf, 0.1351550360360548, TOL);
	NEAR(cell(t, 2, "date").tfidf, 0.3662040962227033, TOL);
	rh_tfidf_free(t);
}

static void sklearn_preset(void **state)
{
	(void)state;
	rh_tfidf *t = build_preset("sklearn", 0);
	/* idf = ln((1+n)/(1+df)) + 1 with n = 3:
	 *   the ln(4/4)+1 = 1; apple, banana ln(4/3)+1 = 1.2876820724517808;
	 *   cherry, date ln(4/2)+1 = 1.6931471805599454.
	 * d1 raw: the 1, apple 2*1.2876820724517808 = 2.5753641449035616,
	 *   banana 1.2876820724517808; L2 length sqrt(1 + 6.6325... + 1.6581...)
	 *   = 3.048052755214149, so the 0.32807831107560415, apple
	 *   0.844921119064628, banana 0.422460559532314.
	 * d3: banana 1.2876820724517808, the 1, date 1.6931471805599454;
	 *   length 2.350504731914362: banana 0.5478321549274363, the
	 *   0.4254405389711991, date 0.7203334490549893. */
	NEAR(cell(t, 0, "the").tfidf, 0.32807831107560415, TOL);
	NEAR(cell(t, 0, "apple").tfidf, 0.844921119064628, TOL);
	NEAR(cell(t, 0, "banana").tfidf, 0.422460559532314, TOL);
	NEAR(cell(t, 0, "banana").idf, 1.2876820724517808, TOL);
	NEAR(cell(t, 2, "banana").tfidf, 0.5478321549274363, TOL);
	NEAR(cell(t, 2, "the").tfidf, 0.4254405389711991, TOL);
	NEAR(cell(t, 2, "date").tfidf, 0.7203334490549893, TOL);
	rh_tfidf_free(t);
}

static void group_units(void **state)
{
	(void)state;
	rh_tfidf *t = build_preset("tidytext", 1);
	/* Groups summed before weighting: x = d1 + d2 (10 tokens): the 3,
	 * apple 3, banana 1, cherry 3; y = d3 (3 tokens): banana, the, date.
	 * n = 2 groups; df over groups: the 2, banana 2, apple 1, cherry 1,
	 * date 1. idf: ln(2/2) = 0 for the and banana, ln 2 = 0.6931471805599453
	 * for the others.
	 *   x apple  3/10 * 0.6931471805599453 = 0.2079441541679836
	 *   x cherry 3/10 * 0.6931471805599453 = 0.2079441541679836
	 *   y date   1/3  * 0.6931471805599453 = 0.23104906018664842 */
	assert_int_equal(rh_tfidf_unit_count(t), 2);
	assert_string_equal(rh_tfidf_unit_name(t, 0), "x");
	assert_string_equal(rh_tfidf_unit_name(t, 1), "y");
	rh_tfidf_cell c = cell(t, 0, "apple");
	NEAR(c.count, 3, 0);
	NEAR(c.df, 1, 0);
	NEAR(c.tfidf, 0.2079441541679836, TOL);
	NEAR(cell(t, 0, "cherry").tfidf, 0.2079441541679836, TOL);
	NEAR(cell(t, 0, "the").count, 3, 0);
	NEAR(cell(t, 0, "banana").df, 2, 0);
	NEAR(cell(t, 0, "banana").tfidf, 0, 0);
	NEAR(cell(t, 1, "date").tfidf, 0.23104906018664842, TOL);
	assert_int_equal(rh_tfidf_cell_count(t), 7); /* 4 + 3 */
	rh_tfidf_free(t);
}

static void df_limits(void **state)
{
	rh_tfidf_options o = RH_TFIDF_OPTIONS_INIT;
	rh_tfidf *t = NULL;
	(void)state;
	/* scikit-learn: min_df = 2 (a count) keeps df >= 2; max_df = 0.9 (a
	 * fraction) keeps df <= 2.7: apple and banana remain. */
	o.min_df = 2;
	o.min_df_fraction = 0;
	o.max_df = 0.9;
	o.max_df_fraction = 1;
	assert_int_equal(rh_tfidf_build(&t, counts, &o), 0);
	assert_int_equal(rh_tfidf_term_count(t), 2);
	assert_int_equal(rh_tfidf_cell_count(t), 4); /* d1 apple banana, d2 apple, d3 banana */
	/* The idf keeps n = 3 and df; only the norm changes. d1: apple
	 * 2*1.2876820724517808, banana 1.2876820724517808: L2 gives 2/sqrt 5 =
	 * 0.8944271909999159 and 1/sqrt 5 = 0.4472135954999579. */
	NEAR(cell(t, 0, "apple").tfidf, 0.8944271909999159, TOL);
	NEAR(cell(t, 0, "banana").tfidf, 0.4472135954999579, TOL);
	NEAR(cell(t, 0, "the").tfidf, 0, 0);
	NEAR(cell(t, 0, "the").df, 0, 0);
	/* d2 keeps apple alone: unit length. */
	NEAR(cell(t, 1, "apple").tfidf, 1, TOL);
	rh_tfidf_free(t);
	t = NULL;

	/* min_df = 1.0 as a fraction: only terms in every unit (the). */
	o.min_df = 1.0;
	o.min_df_fraction = 1;
	o.max_df = 1.0;
	o.max_df_fraction = 1;
	assert_int_equal(rh_tfidf_build(&t, counts, &o), 0);
	assert_int_equal(rh_tfidf_term_count(t), 1);
	rh_tfidf_free(t);
	t = NULL;

	/* max_df = 2 units (a count) below min_df = 3 units: refused, as
	 * scikit-learn refuses it. */
	o.min_df = 3;
	o.min_df_fraction = 0;
	o.max_df = 2;
	o.max_df_fraction = 0;
	assert_int_equal(rh_tfidf_build(&t, counts, &o), RH_EUSAGE);
	assert_null(t);
	/* Limits that leave no term: refused. */
	o.min_df = 4;
	o.max_df = 10;
	assert_int_equal(rh_tfidf_build(&t, counts, &o), RH_EUSAGE);
	/* A fraction above 1. */
	o.min_df = 1;
	o.max_df = 1.5;
	o.max_df_fraction = 1;
	assert_int_equal(rh_tfidf_build(&t, counts, &o), RH_EUSAGE);
}

static void stop_words_before_weighting(void **state)
{
	rh_tfidf_options o = RH_TFIDF_OPTIONS_INIT;
	rh_vocab *stop = NULL;
	rh_tfidf *t = NULL;
	(void)state;
	assert_int_equal(rh_vocab_load_list(&stop, "the\n", 4, NULL), 0);
	assert_int_equal(rh_stats_tfidf_preset("tidytext", &o.scheme), 0);
	o.stop = stop;
	o.min_count = 2; /* date (1) and banana (2) vs min 2: date goes */
	assert_int_equal(rh_tfidf_build(&t, counts, &o), 0);
	/* Kept: apple (3), banana (2), cherry (3). The tf denominator is the
	 * kept tokens: d1 has apple 2 + banana 1 = 3, so apple's tf = 2/3 and
	 * tfidf = 2/3 * ln(3/2) = 0.2703100720721096. */
	assert_int_equal(rh_tfidf_term_count(t), 3);
	NEAR(cell(t, 0, "apple").tf, 2.0 / 3, TOL);
	NEAR(cell(t, 0, "apple").tfidf, 0.2703100720721096, TOL);
	NEAR(cell(t, 2, "date").count, 0, 0);
	NEAR(cell(t, 2, "banana").tf, 1, 0); /* banana is d3's only kept token */
	rh_tfidf_free(t);
	rh_vocab_free(stop);
}

static char *write_table(const rh_tfidf *t, long top, int similarity)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	rh_report_options ro = RH_REPORT_OPTIONS_INIT;
	rh_plan p;
	assert_non_null(fp);
	ro.top = top;
	tu_plan(&p, &ro);
	p.similarity_top = (size_t)top;
	assert_int_equal(tu_table(similarity ? rh_tfidf_write_similarity : rh_tfidf_write_tfidf, fp, &p, NULL, t, NULL), 0);
	fclose(fp);
	return buf;
}

static void table_order_and_top(void **state)
{
	(void)state;
	rh_tfidf *t = build_preset("quanteda", 0);
	char *s = write_table(t, 2, 0);
	/* Values from quanteda_preset, printed as %.10g. */
	assert_string_equal(s, "unit,term,count,tf,df,idf,tfidf,rank\n"
			       "d1,apple,2,2,2,0.1760912591,0.3521825181,1\n"
			       "d1,banana,1,1,2,0.1760912591,0.1760912591,2\n"
			       "d2,cherry,3,3,1,0.4771212547,1.431363764,1\n"
			       "d2,apple,1,1,2,0.1760912591,0.1760912591,2\n"
			       "d3,date,1,1,1,0.4771212547,0.4771212547,1\n"
			       "d3,banana,1,1,2,0.1760912591,0.1760912591,2\n");
	free(s);
	rh_tfidf_free(t);

	/* Equal weights fall back to the term's byte order: with tf bool and
	 * no idf every present term weighs 1. */
	rh_tfidf_options o = RH_TFIDF_OPTIONS_INIT;
	o.scheme.tf = RH_TF_BOOL;
	o.scheme.idf = RH_IDF_NONE;
	o.scheme.norm = RH_NORM_NONE;
	t = NULL;
	assert_int_equal(rh_tfidf_build(&t, counts, &o), 0);
	s = write_table(t, 0, 0);
	assert_string_equal(s, "unit,term,count,tf,df,idf,tfidf,rank\n"
			       "d1,apple,2,1,2,1,1,1\n"
			       "d1,banana,1,1,2,1,1,2\n"
			       "d1,the,1,1,3,1,1,3\n"
			       "d2,apple,1,1,2,1,1,1\n"
			       "d2,cherry,3,1,1,1,1,2\n"
			       "d2,the,2,1,3,1,1,3\n"
			       "d3,banana,1,1,2,1,1,1\n"
			       "d3,date,1,1,1,1,1,2\n"
			       "d3,the,1,1,3,1,1,3\n");
	free(s);
	rh_tfidf_free(t);
}

/* Cosine from the cells alone, in plain dense loops over the vocabulary. */
static double dense_cosine_in(const rh_counts *c, const rh_tfidf *t, size_t a, size_t b)
{
	const rh_vocab *v = rh_counts_vocab(c);
	double dot = 0, na = 0, nb = 0;
	for (uint32_t i = 0; i < rh_vocab_size(v); i++) {
		size_t len;
		const char *s = rh_vocab_term(v, i, &len);
		rh_tfidf_cell ca, cb;
		assert_int_equal(rh_tfidf_cell_get(t, a, s, len, &ca), 0);
		assert_int_equal(rh_tfidf_cell_get(t, b, s, len, &cb), 0);
		dot += ca.tfidf * cb.tfidf;
		na += ca.tfidf * ca.tfidf;
		nb += cb.tfidf * cb.tfidf;
	}
	return dot / sqrt(na * nb);
}

static double dense_cosine(const rh_tfidf *t, size_t a, size_t b) { return dense_cosine_in(counts, t, a, b); }

static void cosine(void **state)
{
	static const char *const presets[] = { "sklearn", "quanteda", "tidytext" };
	double m[9];
	(void)state;
	for (size_t p = 0; p < 3; p++) {
		rh_tfidf *t = build_preset(presets[p], 0);
		assert_int_equal(rh_tfidf_similarity_matrix(t, m), 0);
		for (size_t a = 0; a < 3; a++) {
			NEAR(m[a * 3 + a], 1, 1e-15);
			for (size_t b = 0; b < 3; b++) {
				/* Symmetric to the last bit: both orders add the same products in the same order. */
				assert_true(m[a * 3 + b] == m[b * 3 + a]);
				NEAR(m[a * 3 + b], dense_cosine(t, a, b), 1e-14);
			}
		}
		if (p == 0) {
			/* sklearn d1 . d3 over the shared terms (the, banana):
			 * 0.32807831107560415*0.4254405389711991 +
			 * 0.422460559532314*0.5478321549274363 = 0.13957781348876575 +
			 * 0.23143747870043807 = 0.3710152921892038
			 * (the vectors have unit length). */
			NEAR(m[0 * 3 + 2], 0.3710152921892038, 1e-15);
		}
		if (p == 1) {
			/* quanteda: d2 and d3 share only "the", weighted 0: cosine 0. */
			NEAR(m[1 * 3 + 2], 0, 0);
		}
		rh_tfidf_free(t);
	}
}

static void similarity_table(void **state)
{
	(void)state;
	rh_tfidf *t = build_preset("quanteda", 0);
	char *s = write_table(t, 0, 1);
	double m[9];
	char want[512];
	assert_int_equal(rh_tfidf_similarity_matrix(t, m), 0);
	/* The upper triangle, a before b; d2 and d3 share only the
	 * zero-weighted "the": cosine 0. */
	char c01[32], c02[32];
	rh_table_format_num(c01, m[1]);
	rh_table_format_num(c02, m[2]);
	snprintf(want, sizeof want, "unit_a,unit_b,cosine\nd1,d2,%s\nd1,d3,%s\nd2,d3,0\n", c01, c02);
	assert_string_equal(s, want);
	/* By hand, with a = log10(3/2) = 0.17609125905568124 and c = log10 3 =
	 * 0.47712125471966244: d1 = (apple 2a, banana a), d2 = (apple a,
	 * cherry 3c), d3 = (banana a, date c), "the" weighing 0 everywhere.
	 *   cos(d1,d2) = 2a^2 / (sqrt(5a^2) sqrt(a^2 + 9c^2)) = 0.10921214170159073
	 *   cos(d1,d3) = a^2 / (sqrt(5a^2) sqrt(a^2 + c^2))   = 0.15484392985454035 */
	NEAR(m[1], 0.10921214170159073, 1e-15);
	NEAR(m[2], 0.15484392985454035, 1e-15);
	free(s);
	/* Each unit's single nearest: d1's is d3 (0.1548 > 0.1092), d2's is
	 * d1 (0.1092 > 0), d3's is d1. The union, each pair written once. */
	s = write_table(t, 1, 1);
	snprintf(want, sizeof want, "unit_a,unit_b,cosine\nd1,d2,%s\nd1,d3,%s\n", c01, c02);
	assert_string_equal(s, want);
	free(s);
	rh_tfidf_free(t);
}

static void zero_vector(void **state)
{
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	rh_tfidf_options to = RH_TFIDF_OPTIONS_INIT;
	rh_corpus *cp = NULL;
	rh_counts *c = NULL;
	rh_tfidf *t = NULL;
	double m[9];
	char *d = tu_tmpdir();
	(void)state;
	/* Under quanteda's idf a unit holding only terms found everywhere
	 * weighs nothing: its cosine with anything is undefined (NaN). */
	tu_write(d, "a.txt", "the x", -1);
	tu_write(d, "b.txt", "the y", -1);
	tu_write(d, "c.txt", "the", -1);
	assert_int_equal(rh_corpus_open(&cp, d, &co), 0);
	assert_int_equal(rh_counts_build(&c, cp, &o), 0);
	assert_int_equal(rh_stats_tfidf_preset("quanteda", &to.scheme), 0);
	assert_int_equal(rh_tfidf_build(&t, c, &to), 0);
	assert_int_equal(rh_tfidf_similarity_matrix(t, m), 0);
	assert_true(isnan(m[2]) && isnan(m[8]) && isnan(m[6]));
	NEAR(m[1], 0, 0); /* a and b share only "the" (weight 0) */
	NEAR(m[0], 1, 1e-15);
	rh_tfidf_free(t);
	rh_counts_free(c);
	rh_corpus_free(cp);
	tu_rmrf(d);
	free(d);
}

/*
 * The build on several threads (parts of the units) gives the matrix one
 * thread gives: 1,200 generated documents in 150 groups, units of both
 * kinds, with and without a stop list (cells dropped part by part), the
 * whole table (about 200,000 rows, written on two threads) compared byte
 * for byte; document frequencies against the texts' own.
 */
/*
 * ndoc generated documents of LEN words from a skewed vocabulary of NWORD
 * (w0, w1, ...), document d in group d % ngroup (column g); *df0 and *df7:
 * the documents holding w0 and w7.
 */
enum { MAXDOC = 2100, NWORD = 500, LEN = 200 };
static rh_corpus *generated(size_t ndoc, size_t ngroup, size_t *df0, size_t *df7)
{
	static char text[MAXDOC][LEN * 6], idbuf[MAXDOC][8], gbuf[MAXDOC][8];
	static const char *ids[MAXDOC], *texts[MAXDOC], *vals[MAXDOC];
	const char *names[] = { "g" };
	uint32_t x = 12345;
	rh_corpus *cp = NULL;
	assert_true(ndoc <= MAXDOC);
	*df0 = *df7 = 0;
	for (size_t d = 0; d < ndoc; d++) {
		char *p = text[d];
		int has0 = 0, has7 = 0;
		for (int k = 0; k < LEN; k++) {
			x = x * 1103515245u + 12345u;
			/* Low ranks far more often: a skewed vocabulary, as in speech. */
			unsigned w = ((x >> 16) % NWORD) * ((x >> 8) % NWORD) / NWORD;
			has0 |= w == 0;
			has7 |= w == 7;
			p += sprintf(p, "%sw%u", k ? " " : "", w);
		}
		*df0 += has0;
		*df7 += has7;
		snprintf(idbuf[d], sizeof idbuf[d], "d%04zu", d);
		snprintf(gbuf[d], sizeof gbuf[d], "g%03zu", d % ngroup);
		ids[d] = idbuf[d];
		texts[d] = text[d];
		vals[d] = gbuf[d];
	}
	assert_int_equal(rh_corpus_new(&cp, ndoc, ids, texts, NULL, 1, names, vals), 0);
	return cp;
}

static void parts_agree(void **state)
{
	enum { NDOC = 1200, NGROUP = 150 };
	size_t df0, df7;
	rh_corpus *cp = generated(NDOC, NGROUP, &df0, &df7);
	rh_counts *c1 = NULL, *c3 = NULL;
	rh_vocab *stop = NULL;
	(void)state;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	o.group_col = "g";
	o.threads = 1;
	assert_int_equal(rh_counts_build(&c1, cp, &o), 0);
	o.threads = 3;
	assert_int_equal(rh_counts_build(&c3, cp, &o), 0);
	assert_int_equal(rh_vocab_load_list(&stop, "w1\nw2\nw3\n", 9, NULL), 0);
	for (int by_group = 0; by_group <= 1; by_group++)
		for (int with_stop = 0; with_stop <= 1; with_stop++) {
			rh_tfidf_options to = RH_TFIDF_OPTIONS_INIT;
			rh_tfidf *t1 = NULL, *t3 = NULL;
			assert_int_equal(rh_stats_tfidf_preset("sklearn", &to.scheme), 0);
			to.by_group = by_group;
			to.stop = with_stop ? stop : NULL;
			assert_int_equal(rh_tfidf_build(&t1, c1, &to), 0);
			assert_int_equal(rh_tfidf_build(&t3, c3, &to), 0);
			assert_int_equal(rh_tfidf_cell_count(t1), rh_tfidf_cell_count(t3));
			assert_int_equal(rh_tfidf_term_count(t1), rh_tfidf_term_count(t3));
			if (!by_group) {
				rh_tfidf_cell a;
				/* w0 and w7 in as many units as documents hold them. */
				for (size_t d = 0; d < NDOC; d++)
					if (rh_tfidf_cell_get(t3, d, "w0", 2, &a) == 0 && a.count > 0) {
						assert_int_equal(a.df, df0);
						break;
					}
				for (size_t d = 0; d < NDOC; d++)
					if (rh_tfidf_cell_get(t3, d, "w7", 2, &a) == 0 && a.count > 0) {
						assert_int_equal(a.df, df7);
						break;
					}
			}
			for (long top = 0; top <= 5; top += 5) {
				char *s1 = write_table(t1, top, 0), *s3 = write_table(t3, top, 0);
				assert_true(strlen(s1) > 1000);
				assert_string_equal(s1, s3);
				free(s1);
				free(s3);
			}
			rh_tfidf_free(t1);
			rh_tfidf_free(t3);
		}
	rh_vocab_free(stop);
	rh_counts_free(c1);
	rh_counts_free(c3);
	rh_corpus_free(cp);
}

/*
 * The similarity matrix both ways it is made: 150 groups (the whole
 * product at once, each pair once) and 2,100 documents (GSL's product in
 * blocks of units): symmetric to the bit, each cosine the dense one.
 */
static void similarity_paths(void **state)
{
	size_t df0, df7;
	rh_corpus *cp = generated(MAXDOC, 150, &df0, &df7);
	rh_counts *c = NULL;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	(void)state;
	o.group_col = "g";
	o.threads = 2;
	assert_int_equal(rh_counts_build(&c, cp, &o), 0);
	for (int by_group = 1; by_group >= 0; by_group--) {
		rh_tfidf_options to = RH_TFIDF_OPTIONS_INIT;
		rh_tfidf *t = NULL;
		assert_int_equal(rh_stats_tfidf_preset("sklearn", &to.scheme), 0);
		to.by_group = by_group;
		assert_int_equal(rh_tfidf_build(&t, c, &to), 0);
		size_t n = rh_tfidf_unit_count(t);
		assert_int_equal(n, by_group ? 150 : MAXDOC);
		double *m = malloc(n * n * sizeof *m);
		assert_non_null(m);
		assert_int_equal(rh_tfidf_similarity_matrix(t, m), 0);
		for (size_t a = 0; a < n; a++)
			for (size_t b = 0; b < a; b++)
				assert_memory_equal(&m[a * n + b], &m[b * n + a], sizeof *m);
		for (size_t k = 0; k < 60; k++) {
			size_t a = (k * 7919) % n, b = (k * 104729 + 3) % n;
			NEAR(m[a * n + b], dense_cosine_in(c, t, a, b), 1e-12);
		}
		free(m);
		rh_tfidf_free(t);
	}
	rh_counts_free(c);
	rh_corpus_free(cp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quanteda_preset),
		cmocka_unit_test(tidytext_preset),
		cmocka_unit_test(sklearn_preset),
		cmocka_unit_test(group_units),
		cmocka_unit_test(df_limits),
		cmocka_unit_test(stop_words_before_weighting),
		cmocka_unit_test(table_order_and_top),
		cmocka_unit_test(cosine),
		cmocka_unit_test(similarity_table),
		cmocka_unit_test(zero_vector),
		cmocka_unit_test(parts_agree),
		cmocka_unit_test(similarity_paths),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
