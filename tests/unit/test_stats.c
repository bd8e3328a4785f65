/* test_stats.c: every statistic against hand arithmetic, published examples and scipy. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "rhetor/stats.h"

/* |got - want| <= tol, with both values in the failure message. */
#define NEAR(got, want, tol)                                                                          \
	do {                                                                                          \
		double g_ = (got), w_ = (want);                                                       \
		if (!(fabs(g_ - w_) <= (tol)))                                                        \
			fail_msg("%s = %.12g, expected %.12g (tol %g)", #got, g_, w_, (double)(tol)); \
	} while (0)

/* Relative closeness, for values of any size. */
#define RNEAR(got, want, rel) NEAR(got, want, (rel) * fmax(1e-300, fabs(want)))

/* The upper tail of chi-square(1) at x is erfc(sqrt(x/2)): a libm identity,
 * independent of GSL's incomplete gamma. */
static double chisq1_q(double x) { return erfc(sqrt(x / 2)); }

/* ---- Poisson intervals ---------------------------------------------------- */

static double poisson_cdf(unsigned k, double mu)
{
	/* P(X <= k) summed term by term: e^-mu mu^j / j!. */
	double term = exp(-mu), sum = term;
	unsigned j;
	for (j = 1; j <= k; j++) {
		term *= mu / j;
		sum += term;
	}
	return sum;
}

static void test_poisson_ci_tables(void **state)
{
	double lo, hi;
	(void)state;
	/* Published exact 95% limits (e.g. Ulm 1990's table; Garwood 1936):
	 * k = 0: [0, 3.689]; k = 1: [0.0253, 5.572]; k = 10: [4.795, 18.39].
	 * For k = 0 the upper limit solves e^-mu = 0.025: mu = -ln 0.025 =
	 * 3.688879454; for k = 1 the lower solves 1 - e^-mu = 0.025: mu =
	 * -ln 0.975 = 0.025317808. */
	assert_int_equal(rh_stats_poisson_ci(0, 0.95, &lo, &hi), 0);
	NEAR(lo, 0, 0);
	NEAR(hi, 3.688879454, 1e-8);
	assert_int_equal(rh_stats_poisson_ci(1, 0.95, &lo, &hi), 0);
	NEAR(lo, 0.025317808, 1e-8);
	NEAR(hi, 5.572, 5e-4);
	assert_int_equal(rh_stats_poisson_ci(10, 0.95, &lo, &hi), 0);
	NEAR(lo, 4.795, 5e-4);
	NEAR(hi, 18.39, 5e-3);
}

static void test_poisson_ci_tail_identity(void **state)
{
	/* The limits are defined by the Poisson tails themselves (Garwood
	 * 1936): P(X <= k | hi) = alpha/2 and P(X >= k | lo) = alpha/2. Check
	 * with a direct Poisson sum, no chi-square involved. */
	static const unsigned ks[] = { 1, 2, 5, 10, 37, 100 };
	static const double levels[] = { 0.95, 0.90, 0.99 };
	size_t i, j;
	(void)state;
	for (i = 0; i < sizeof ks / sizeof ks[0]; i++)
		for (j = 0; j < sizeof levels / sizeof levels[0]; j++) {
			double lo, hi, a2 = (1 - levels[j]) / 2;
			assert_int_equal(rh_stats_poisson_ci(ks[i], levels[j], &lo, &hi), 0);
			NEAR(poisson_cdf(ks[i], hi), a2, 1e-9);
			NEAR(1 - poisson_cdf(ks[i] - 1, lo), a2, 1e-9);
		}
}

static void test_poisson_ci_large_and_errors(void **state)
{
	double lo, hi, rate, rlo, rhi;
	(void)state;
	/* Large counts, where GSL's own chi-square inverse gives up (NaN from
	 * about 2k = 6e5) or is wrong: scipy.stats.chi2.ppf gives, for k = 1e6,
	 * [998040.98334, 1001961.91195] (the normal k -+ 1.96 sqrt(k) =
	 * [998040.04, 1001959.96] is close), and for k = 1e9
	 * [999938021.44393, 1000061981.45041]. */
	assert_int_equal(rh_stats_poisson_ci(1e6, 0.95, &lo, &hi), 0);
	NEAR(lo, 998040.98334, 1e-4);
	NEAR(hi, 1001961.91195, 1e-4);
	assert_int_equal(rh_stats_poisson_ci(3e5, 0.95, &lo, &hi), 0);
	NEAR(lo, 298927.43098, 1e-4);
	NEAR(hi, 301075.46511, 1e-4);
	assert_int_equal(rh_stats_poisson_ci(1e9, 0.95, &lo, &hi), 0);
	NEAR(lo, 999938021.44393, 1e-3);
	NEAR(hi, 1000061981.45041, 1e-3);

	/* Rate per 10,000: k = 10 in 20,000 tokens: 5 per 10k, interval
	 * [4.795, 18.39]/2 = [2.398, 9.195]. */
	assert_int_equal(rh_stats_rate_ci(10, 20000, 1e4, 0.95, &rate, &rlo, &rhi), 0);
	NEAR(rate, 5, 1e-12);
	NEAR(rlo, 4.7953887 / 2, 1e-6);
	NEAR(rhi, 18.390356 / 2, 1e-6);
	assert_int_equal(rh_stats_rate_ci(0, 0, 1e4, 0.95, &rate, &rlo, &rhi), 0);
	assert_true(isnan(rate) && isnan(rlo) && isnan(rhi));
	assert_int_equal(rh_stats_rate_ci(3, 0, 1e4, 0.95, &rate, &rlo, &rhi), RH_EUSAGE);

	assert_int_equal(rh_stats_poisson_ci(-1, 0.95, &lo, &hi), RH_EUSAGE);
	assert_int_equal(rh_stats_poisson_ci(NAN, 0.95, &lo, &hi), RH_EUSAGE);
	assert_int_equal(rh_stats_poisson_ci(3, 1.0, &lo, &hi), RH_EUSAGE);
	assert_int_equal(rh_stats_poisson_ci(3, 0.0, &lo, &hi), RH_EUSAGE);
	assert_int_equal(rh_stats_poisson_ci(3, 0.95, NULL, &hi), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "rh_stats_poisson_ci"));
}

/* ---- TF-IDF ------------------------------------------------------------------ */

/*
 * Three documents over terms a, b, c, d:
 *   d1 "a a b"    (3 tokens)  a=2 b=1
 *   d2 "a c"      (2 tokens)  a=1 c=1
 *   d3 "b c c d"  (4 tokens)  b=1 c=2 d=1
 * n = 3; df(a) = df(b) = df(c) = 2, df(d) = 1.
 */
static const double doc_counts[3][4] = { { 2, 1, 0, 0 }, { 1, 0, 1, 0 }, { 0, 1, 2, 1 } };
static const double doc_tokens[3] = { 3, 2, 4 };
static const double term_df[4] = { 2, 2, 2, 1 };

static void weigh(const rh_tfidf_scheme *s, size_t doc, double out[4])
{
	double max = 0;
	size_t t;
	for (t = 0; t < 4; t++)
		max = fmax(max, doc_counts[doc][t]);
	for (t = 0; t < 4; t++) {
		double tf, idf;
		assert_int_equal(rh_stats_tf(s->tf, doc_counts[doc][t], doc_tokens[doc], max, &tf), 0);
		assert_int_equal(rh_stats_idf(s->idf, s->idf_base, 3, term_df[t], &idf), 0);
		out[t] = tf * idf;
	}
	assert_int_equal(rh_stats_normalize(s->norm, out, 4), 0);
}

static void test_tfidf_presets(void **state)
{
	rh_tfidf_scheme s = RH_TFIDF_SCHEME_INIT, p;
	double v[4];
	(void)state;

	/* sklearn: idf(a,b,c) = ln(4/3) + 1 = 1.287682072, idf(d) = ln(4/2) + 1
	 * = 1.693147181. d1 = (2, 1, 0, 0)*1.287682: after L2, (2, 1)/sqrt(5) =
	 * (0.894427191, 0.447213595). d3 = (0, 1.287682, 2.575364, 1.693147);
	 * squares 1.658125 + 6.632500 + 2.866747 = 11.157372, length
	 * 3.340265405: (0, 0.385502922, 0.771005843, 0.506890015). */
	assert_int_equal(rh_stats_tfidf_preset("sklearn", &p), 0);
	assert_int_equal(p.tf, s.tf);
	assert_int_equal(p.idf, s.idf);
	NEAR(p.idf_base, s.idf_base, 0);
	assert_int_equal(p.norm, s.norm);
	assert_int_equal(p.tf, RH_TF_RAW);
	assert_int_equal(p.idf, RH_IDF_SMOOTH);
	NEAR(p.idf_base, 0, 0);
	assert_int_equal(p.norm, RH_NORM_L2);
	weigh(&p, 0, v);
	NEAR(v[0], 0.894427191, 1e-9);
	NEAR(v[1], 0.447213595, 1e-9);
	NEAR(v[2], 0, 0);
	weigh(&p, 2, v);
	NEAR(v[1], 0.385502922, 1e-9);
	NEAR(v[2], 0.771005843, 1e-9);
	NEAR(v[3], 0.506890015, 1e-9);

	/* quanteda: count * log10(n/df): log10(1.5) = 0.176091259,
	 * log10(3) = 0.477121255. d1 a: 2*0.176091259 = 0.352182518; d3 d:
	 * 1*0.477121255. No normalisation. */
	assert_int_equal(rh_stats_tfidf_preset("quanteda", &p), 0);
	assert_int_equal(p.tf, RH_TF_RAW);
	assert_int_equal(p.idf, RH_IDF_PLAIN);
	NEAR(p.idf_base, 10, 0);
	assert_int_equal(p.norm, RH_NORM_NONE);
	weigh(&p, 0, v);
	NEAR(v[0], 0.352182518, 1e-9);
	NEAR(v[1], 0.176091259, 1e-9);
	weigh(&p, 2, v);
	NEAR(v[3], 0.477121255, 1e-9);

	/* tidytext: (count/doc tokens) * ln(n/df): d1 a: (2/3)*ln 1.5 =
	 * 0.666667*0.405465108 = 0.270310072; d2 a: (1/2)*0.405465108 =
	 * 0.202732554; d3 d: (1/4)*ln 3 = 0.25*1.098612289 = 0.274653072. */
	assert_int_equal(rh_stats_tfidf_preset("tidytext", &p), 0);
	weigh(&p, 0, v);
	NEAR(v[0], 0.270310072, 1e-9);
	weigh(&p, 1, v);
	NEAR(v[0], 0.202732554, 1e-9);
	weigh(&p, 2, v);
	NEAR(v[3], 0.274653072, 1e-9);

	assert_int_equal(rh_stats_tfidf_preset("gensim", &p), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "sklearn"));
	assert_int_equal(rh_stats_tfidf_preset(NULL, &p), RH_EUSAGE);
}

static void test_tfidf_parts(void **state)
{
	double v;
	rh_tf_kind tk;
	rh_idf_kind ik;
	rh_norm_kind nk;
	(void)state;
	/* tf of a count of 4 in a unit of 20 tokens whose top term has 8. */
	assert_int_equal(rh_stats_tf(RH_TF_RAW, 4, 20, 8, &v), 0);
	NEAR(v, 4, 0);
	assert_int_equal(rh_stats_tf(RH_TF_LOG, 4, 20, 8, &v), 0);
	NEAR(v, 2.386294361, 1e-9); /* 1 + ln 4 = 1 + 1.386294361 */
	assert_int_equal(rh_stats_tf(RH_TF_BOOL, 4, 20, 8, &v), 0);
	NEAR(v, 1, 0);
	assert_int_equal(rh_stats_tf(RH_TF_PROP, 4, 20, 8, &v), 0);
	NEAR(v, 0.2, 1e-15);
	assert_int_equal(rh_stats_tf(RH_TF_AUG, 4, 20, 8, &v), 0);
	NEAR(v, 0.75, 1e-15); /* 0.5 + 0.5*4/8 */
	assert_int_equal(rh_stats_tf(RH_TF_AUG, 0, 20, 8, &v), 0);
	NEAR(v, 0, 0);
	assert_int_equal(rh_stats_tf(RH_TF_LOG, 1, 20, 8, &v), 0);
	NEAR(v, 1, 0);
	assert_int_equal(rh_stats_tf(RH_TF_PROP, 21, 20, 21, &v), RH_EUSAGE);
	assert_int_equal(rh_stats_tf(RH_TF_RAW, -1, 20, 8, &v), RH_EUSAGE);

	/* idf over n = 10 units, df = 2: plain ln 5 = 1.609437912; base 2:
	 * log2 5 = 2.321928095; smooth ln(11/3) + 1 = 2.299282984; prob
	 * ln(8/2) = 1.386294361; prob with df > n/2 floors at 0. */
	assert_int_equal(rh_stats_idf(RH_IDF_PLAIN, 0, 10, 2, &v), 0);
	NEAR(v, 1.609437912, 1e-9);
	assert_int_equal(rh_stats_idf(RH_IDF_PLAIN, 2, 10, 2, &v), 0);
	NEAR(v, 2.321928095, 1e-9);
	assert_int_equal(rh_stats_idf(RH_IDF_SMOOTH, 0, 10, 2, &v), 0);
	NEAR(v, 2.299282984, 1e-9);
	assert_int_equal(rh_stats_idf(RH_IDF_SMOOTH, 0, 10, 0, &v), 0);
	NEAR(v, 1 + log(11), 1e-12);
	assert_int_equal(rh_stats_idf(RH_IDF_PROB, 0, 10, 2, &v), 0);
	NEAR(v, 1.386294361, 1e-9);
	assert_int_equal(rh_stats_idf(RH_IDF_PROB, 0, 10, 7, &v), 0);
	NEAR(v, 0, 0);
	assert_int_equal(rh_stats_idf(RH_IDF_PROB, 0, 10, 10, &v), 0);
	NEAR(v, 0, 0);
	assert_int_equal(rh_stats_idf(RH_IDF_NONE, 0, 10, 2, &v), 0);
	NEAR(v, 1, 0);
	assert_int_equal(rh_stats_idf(RH_IDF_PLAIN, 0, 10, 0, &v), RH_EUSAGE);
	assert_int_equal(rh_stats_idf(RH_IDF_PLAIN, 0, 10, 11, &v), RH_EUSAGE);
	assert_int_equal(rh_stats_idf(RH_IDF_PLAIN, 1, 10, 2, &v), RH_EUSAGE);

	/* Names round-trip; unknown names are usage errors. */
	assert_int_equal(rh_stats_tf_parse("aug", &tk), 0);
	assert_int_equal(tk, RH_TF_AUG);
	assert_string_equal(rh_stats_tf_name(tk), "aug");
	assert_int_equal(rh_stats_idf_parse("prob", &ik), 0);
	assert_int_equal(ik, RH_IDF_PROB);
	assert_string_equal(rh_stats_idf_name(RH_IDF_SMOOTH), "smooth");
	assert_int_equal(rh_stats_norm_parse("l1", &nk), 0);
	assert_int_equal(nk, RH_NORM_L1);
	assert_string_equal(rh_stats_norm_name(RH_NORM_NONE), "none");
	assert_int_equal(rh_stats_tf_parse("sublinear", &tk), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "raw, log, bool, prop, aug"));
	assert_int_equal(rh_stats_norm_parse(NULL, &nk), RH_EUSAGE);
}

static void test_normalize(void **state)
{
	double v[3] = { 3, -4, 0 }, z[2] = { 0, 0 };
	double inf[1] = { INFINITY };
	(void)state;
	assert_int_equal(rh_stats_normalize(RH_NORM_L2, v, 3), 0); /* length 5 */
	NEAR(v[0], 0.6, 1e-15);
	NEAR(v[1], -0.8, 1e-15);
	v[0] = 3, v[1] = -4;
	assert_int_equal(rh_stats_normalize(RH_NORM_L1, v, 3), 0); /* |3| + |-4| = 7 */
	NEAR(v[0], 3.0 / 7, 1e-15);
	NEAR(v[1], -4.0 / 7, 1e-15);
	v[0] = 3, v[1] = -4;
	assert_int_equal(rh_stats_normalize(RH_NORM_NONE, v, 3), 0);
	NEAR(v[0], 3, 0);
	assert_int_equal(rh_stats_normalize(RH_NORM_L2, z, 2), 0);
	NEAR(z[0], 0, 0);
	assert_int_equal(rh_stats_normalize(RH_NORM_L2, NULL, 0), 0);
	assert_int_equal(rh_stats_normalize(RH_NORM_L2, inf, 1), RH_EUSAGE);
}

/* ---- collocation ----------------------------------------------------------------- */

static void test_collocation_hand(void **state)
{
	rh_colloc c;
	(void)state;
	/* o11 = 8, R1 = 100, C1 = 40, N = 10,000, f(node) = 10.
	 * O12 = 92, O21 = 32, O22 = 10000 - 100 - 40 + 8 = 9868.
	 * E11 = 100*40/10000 = 0.4, E12 = 100*9960/10000 = 99.6,
	 * E21 = 9900*40/10000 = 39.6, E22 = 9900*9960/10000 = 9860.4.
	 * MI = log2(8/0.4) = log2 20 = 4.321928095.
	 * MI3 = log2(512/0.4) = log2 1280 = 10.321928095.
	 * t = 7.6/sqrt 8 = 7.6/2.828427125 = 2.687005769.
	 * z = 7.6/sqrt 0.4 = 7.6/0.632455532 = 12.016655109.
	 * G2 = 2*(8 ln 20 + 92 ln(92/99.6) + 32 ln(32/39.6) + 9868 ln(9868/9860.4))
	 *    = 2*(23.965858188 - 7.302370054 - 6.818982895 + 7.602928135)
	 *    = 2*17.447433374 = 34.894866749; p = erfc(sqrt(G2/2)) = 3.48e-9.
	 * Dice = 2*8/(10 + 40) = 0.32; logDice = 14 + log2 0.32 = 14 - 1.643856190
	 *    = 12.356143810.
	 * Delta P = 8/100 - 32/9900 = 0.08 - 0.003232323 = 0.076767677. */
	assert_int_equal(rh_stats_collocation(8, 100, 40, 10000, 10, &c), 0);
	NEAR(c.o11, 8, 0);
	NEAR(c.o12, 92, 0);
	NEAR(c.o21, 32, 0);
	NEAR(c.o22, 9868, 0);
	NEAR(c.e11, 0.4, 1e-12);
	NEAR(c.e12, 99.6, 1e-10);
	NEAR(c.e21, 39.6, 1e-10);
	NEAR(c.e22, 9860.4, 1e-8);
	NEAR(c.mi, 4.321928095, 1e-9);
	NEAR(c.mi3, 10.321928095, 1e-9);
	NEAR(c.t_score, 2.687005769, 1e-9);
	NEAR(c.z_score, 12.016655109, 1e-9);
	NEAR(c.log_likelihood, 34.894866749, 1e-8);
	RNEAR(c.p_value, chisq1_q(34.894866749), 1e-7);
	RNEAR(c.p_value, 3.47997e-9, 1e-5);
	NEAR(c.dice, 0.32, 1e-15);
	NEAR(c.log_dice, 12.356143810, 1e-9);
	NEAR(c.delta_p, 0.076767677, 1e-9);
}

static void test_collocation_repulsion_and_bounds(void **state)
{
	rh_colloc c;
	(void)state;
	/* Fewer than expected: o11 = 1, R1 = 100, C1 = 500, N = 10,000:
	 * E11 = 5, O12 = 99, O21 = 499, O22 = 9401; E12 = 95, E21 = 495,
	 * E22 = 9405. G2 = 2*(1 ln 0.2 + 99 ln(99/95) + 499 ln(499/495)
	 *  + 9401 ln(9401/9405)) with 1 ln 0.2 = -1.609437912,
	 * 99 ln(1.042105263) = 4.083052895, 499 ln(1.008080808) = 4.016118258,
	 * 9401 ln(0.999574694) = -3.999149268; sum = 2.490583973;
	 * G2 = 4.981167945, negative because O11 < E11.
	 * MI = log2 0.2 = -2.321928095. */
	assert_int_equal(rh_stats_collocation(1, 100, 500, 10000, 20, &c), 0);
	NEAR(c.log_likelihood, -4.981167945, 1e-8);
	NEAR(c.mi, -2.321928095, 1e-9);
	NEAR(c.t_score, -4, 1e-12); /* (1 - 5)/sqrt 1 */
	RNEAR(c.p_value, chisq1_q(4.981167945), 1e-7);

	/* Rychly (2008): logDice is at most 14, reached when Dice = 1, i.e.
	 * when every occurrence of both is shared: o11 = f(node) = C1 = 7. */
	assert_int_equal(rh_stats_collocation(7, 70, 7, 100000, 7, &c), 0);
	NEAR(c.dice, 1, 0);
	NEAR(c.log_dice, 14, 0);

	/* o11 = 0: logs are -Inf, t undefined, G2 still finite and negative:
	 * E11 = 10*10/100 = 1, O = (0, 10, 10, 80), E = (1, 9, 9, 81),
	 * G2 = -2*(0 + 20 ln(10/9) + 80 ln(80/81)) = -2*(2.107210313 -
	 * 0.993801600) = -2.226817427. */
	assert_int_equal(rh_stats_collocation(0, 10, 10, 100, 10, &c), 0);
	assert_true(isinf(c.mi) && c.mi < 0);
	assert_true(isinf(c.log_dice) && c.log_dice < 0);
	assert_true(isnan(c.t_score));
	NEAR(c.z_score, -1, 1e-12);
	NEAR(c.log_likelihood, -2.226817427, 1e-8);

	assert_int_equal(rh_stats_collocation(11, 10, 40, 1000, 5, &c), RH_EUSAGE);
	assert_int_equal(rh_stats_collocation(5, 10, 40, 44, 5, &c), RH_EUSAGE); /* 10 + 40 - 5 > 44 */
	assert_int_equal(rh_stats_collocation(5, 10, 40, 1000, 5, NULL), RH_EUSAGE);
}

/* ---- keyness ---------------------------------------------------------------------- */

static void test_keyness_hand(void **state)
{
	rh_keyness k;
	(void)state;
	/* a = 20 in N1 = 1000, b = 10 in N2 = 2000. Table (term, other) x
	 * (target, reference): O = 20, 10, 980, 1990; E11 = 1000*30/3000 = 10,
	 * E12 = 20, E21 = 990, E22 = 1980.
	 * G2 = 2*(20 ln 2 + 10 ln 0.5 + 980 ln(980/990) + 1990 ln(1990/1980))
	 *    = 2*(13.862943611 - 6.931471806 - 9.949324035 + 10.025210120)
	 *    = 2*7.007357890 = 14.014715781.
	 * chi2 = (O - E)^2 sum 1/E = 100*(1/10 + 1/20 + 1/990 + 1/1980)
	 *    = 100*0.151515152 = 15.151515152.
	 * log ratio = log2((20/1000)/(10/2000)) = log2 4 = 2.
	 * %DIFF = 100*(0.02 - 0.005)/0.005 = 300.
	 * BIC = 14.014715781 - ln 3000 = 14.014715781 - 8.006367568 = 6.008348213.
	 * p = erfc(sqrt(14.014715781/2)) = 0.000181385. */
	assert_int_equal(rh_stats_keyness(20, 10, 1000, 2000, &k), 0);
	NEAR(k.log_likelihood, 14.014715781, 1e-8);
	NEAR(k.chi2, 15.151515152, 1e-8);
	NEAR(k.log_ratio, 2, 1e-12);
	NEAR(k.pct_diff, 300, 1e-9);
	NEAR(k.bic, 6.008348213, 1e-8);
	RNEAR(k.p_value, 0.000181385494, 1e-8);

	/* The same table with target and reference swapped: under-use. G2 and
	 * chi2 change sign, log ratio is -2, %DIFF = 100*(0.005 - 0.02)/0.02
	 * = -75, BIC uses |G2| and stays 6.008348213. */
	assert_int_equal(rh_stats_keyness(10, 20, 2000, 1000, &k), 0);
	NEAR(k.log_likelihood, -14.014715781, 1e-8);
	NEAR(k.chi2, -15.151515152, 1e-8);
	NEAR(k.log_ratio, -2, 1e-12);
	NEAR(k.pct_diff, -75, 1e-9);
	NEAR(k.bic, 6.008348213, 1e-8);
	RNEAR(k.p_value, 0.000181385494, 1e-8);
}

static void test_keyness_zero_and_equal(void **state)
{
	rh_keyness k;
	(void)state;
	/* a = 5, b = 0, N1 = N2 = 1000: E11 = E12 = 2.5, E21 = E22 = 997.5.
	 * G2 = 2*(5 ln 2 + 0 + 995 ln(995/997.5) + 1000 ln(1000/997.5))
	 *    = 2*(3.465735903 - 2.496869 + 2.503131) = 6.944003147.
	 * chi2 = 2.5^2*(2/2.5 + 2/997.5) = 6.25*0.802005013 = 5.012531328.
	 * log ratio with b taken as 0.5: log2((5/1000)/(0.5/1000)) = log2 10
	 *    = 3.321928095. %DIFF: +Inf. BIC = 6.944003147 - ln 2000
	 *    = 6.944003147 - 7.600902460 = -0.656899313. */
	assert_int_equal(rh_stats_keyness(5, 0, 1000, 1000, &k), 0);
	NEAR(k.log_likelihood, 6.944003147, 1e-8);
	NEAR(k.chi2, 5.012531328, 1e-8);
	NEAR(k.log_ratio, 3.321928095, 1e-9);
	assert_true(isinf(k.pct_diff) && k.pct_diff > 0);
	NEAR(k.bic, -0.656899313, 1e-8);
	/* a = 0 in the target: log ratio log2((0.5/1000)/(5/1000)) = -log2 10;
	 * %DIFF = 100*(0 - 0.005)/0.005 = -100. */
	assert_int_equal(rh_stats_keyness(0, 5, 1000, 1000, &k), 0);
	NEAR(k.log_ratio, -3.321928095, 1e-9);
	NEAR(k.pct_diff, -100, 1e-12);
	NEAR(k.log_likelihood, -6.944003147, 1e-8);
	/* Equal rates: everything 0, p = 1. */
	assert_int_equal(rh_stats_keyness(3, 6, 1000, 2000, &k), 0);
	NEAR(k.log_likelihood, 0, 1e-12);
	NEAR(k.chi2, 0, 1e-12);
	NEAR(k.p_value, 1, 1e-12);
	NEAR(k.pct_diff, 0, 1e-12);
	NEAR(k.log_ratio, 0, 1e-12);
	/* Both zero: %DIFF undefined. */
	assert_int_equal(rh_stats_keyness(0, 0, 1000, 1000, &k), 0);
	assert_true(isnan(k.pct_diff));

	assert_int_equal(rh_stats_keyness(5, 0, 0, 1000, &k), RH_EUSAGE);
	assert_int_equal(rh_stats_keyness(1001, 0, 1000, 1000, &k), RH_EUSAGE);
}

static void test_keyness_large_corpus(void **state)
{
	rh_keyness k;
	(void)state;
	/* A rare term in corpora of 1e8 and 4e8 tokens, where the naive
	 * sum O ln(O/E) loses digits in the big cells. a = 30, b = 40:
	 * E11 = 70*1e8/5e8 = 14, E12 = 56, and the big cells differ from their
	 * expectations by -16 and +16. With O = E + e, O ln(O/E) = e + e^2/(2E)
	 * - ..., so the big cells add (-16 + 256/(2*(1e8 - 14))) + (16 +
	 * 256/(2*(4e8 - 56))) = 1.28e-6 + 0.32e-6 = 1.6e-6. Small cells:
	 * 30 ln(30/14) = 30*0.762140052 = 22.864201560, 40 ln(40/56) =
	 * 40*(-0.336472237) = -13.458889465. G2 = 2*(9.405312095 + 1.6e-6) =
	 * 18.810627390. */
	assert_int_equal(rh_stats_keyness(30, 40, 1e8, 4e8, &k), 0);
	NEAR(k.log_likelihood, 18.81062739, 1e-7);
}

/* ---- Benjamini-Hochberg ------------------------------------------------------------ */

static void test_bh(void **state)
{
	/* m = 5, p = (0.01, 0.04, 0.03, 0.005, 0.5). Sorted with ranks:
	 * 0.005 (1): 5*0.005/1 = 0.025; 0.01 (2): 5*0.01/2 = 0.025;
	 * 0.03 (3): 0.05; 0.04 (4): 0.05; 0.5 (5): 0.5.
	 * Running minimum from the top: 0.5, 0.05, 0.05, 0.025, 0.025.
	 * Back in input order: (0.025, 0.05, 0.05, 0.025, 0.5). */
	double p[5] = { 0.01, 0.04, 0.03, 0.005, 0.5 }, q[5];
	/* Ties and the step-up: p = (0.9, 0.2, 0.9): 0.2 (1): 0.6; 0.9 (2):
	 * 1.35; 0.9 (3): 0.9 -> from the top 0.9, 0.9, 0.6: q = (0.9, 0.6,
	 * 0.9); the tied p values share q. */
	double t[3] = { 0.9, 0.2, 0.9 };
	/* NaN is left out: m = 2 for (0.02, NaN, 0.03): 0.02 (1): 0.04,
	 * 0.03 (2): 0.03 -> q = (0.03, NaN, 0.03). */
	double u[3] = { 0.02, NAN, 0.03 };
	double bad[2] = { 0.5, 1.5 };
	(void)state;
	assert_int_equal(rh_stats_bh_qvalues(p, 5, q), 0);
	NEAR(q[0], 0.025, 1e-15);
	NEAR(q[1], 0.05, 1e-15);
	NEAR(q[2], 0.05, 1e-15);
	NEAR(q[3], 0.025, 1e-15);
	NEAR(q[4], 0.5, 1e-15);
	/* in place */
	assert_int_equal(rh_stats_bh_qvalues(t, 3, t), 0);
	NEAR(t[0], 0.9, 1e-15);
	NEAR(t[1], 0.6, 1e-15);
	NEAR(t[2], 0.9, 1e-15);
	assert_int_equal(rh_stats_bh_qvalues(u, 3, u), 0);
	NEAR(u[0], 0.03, 1e-15);
	assert_true(isnan(u[1]));
	NEAR(u[2], 0.03, 1e-15);
	assert_int_equal(rh_stats_bh_qvalues(NULL, 0, NULL), 0);
	assert_int_equal(rh_stats_bh_qvalues(bad, 2, q), RH_EUSAGE);
}

static void test_bh_monotone(void **state)
{
	/* A scrambled vector with many ties: q must follow p's order, stay in
	 * [p, 1], and be equal for equal p. */
	enum { M = 200 };
	double p[M], q[M];
	size_t i, j;
	(void)state;
	for (i = 0; i < M; i++)
		p[i] = (double)((i * 37) % 50) / 49.0 * ((i % 3) ? 1 : 0.01);
	assert_int_equal(rh_stats_bh_qvalues(p, M, q), 0);
	for (i = 0; i < M; i++) {
		assert_true(q[i] >= p[i] && q[i] <= 1);
		for (j = 0; j < M; j++) {
			if (p[i] < p[j])
				assert_true(q[i] <= q[j]);
			if (p[i] == p[j])
				assert_true(q[i] == q[j]);
		}
	}
}

/* ---- chi-square tail --------------------------------------------------------------- */

static void test_chisq_p(void **state)
{
	double p;
	(void)state;
	/* Textbook critical values: chi2(1) 3.841459 -> 0.05, 6.634897 -> 0.01,
	 * 10.827566 -> 0.001; chi2(2) at x is e^(-x/2): x = 2 ln 20 -> 0.05. */
	assert_int_equal(rh_stats_chisq_p(3.841458821, 1, &p), 0);
	NEAR(p, 0.05, 1e-9);
	assert_int_equal(rh_stats_chisq_p(6.634896601, 1, &p), 0);
	NEAR(p, 0.01, 1e-9);
	assert_int_equal(rh_stats_chisq_p(10.827566170, 1, &p), 0);
	NEAR(p, 0.001, 1e-10);
	assert_int_equal(rh_stats_chisq_p(2 * log(20), 2, &p), 0);
	NEAR(p, 0.05, 1e-12);
	assert_int_equal(rh_stats_chisq_p(0, 1, &p), 0);
	NEAR(p, 1, 0);
	assert_int_equal(rh_stats_chisq_p(INFINITY, 1, &p), 0);
	NEAR(p, 0, 0);
	/* Far tail stays relative-accurate: erfc(sqrt(100)) = erfc(10) = 2.088e-45. */
	assert_int_equal(rh_stats_chisq_p(200, 1, &p), 0);
	RNEAR(p, erfc(10), 1e-9);
	assert_int_equal(rh_stats_chisq_p(-1, 1, &p), RH_EUSAGE);
	assert_int_equal(rh_stats_chisq_p(1, 0, &p), RH_EUSAGE);
}

/* ---- concept co-occurrence --------------------------------------------------------- */

static void test_cooc(void **state)
{
	rh_cooc c;
	(void)state;
	/* both = 10, a_only = 20, b_only = 30, neither = 40; N = 100.
	 * Jaccard = 10/60 = 0.166666667. PMI = log2(10*100/(30*40)) =
	 * log2(0.833333) = -0.263034406. E11 = 30*40/100 = 12, E12 = 30*60/100
	 * = 18, E21 = 70*40/100 = 28, E22 = 42. G2 = 2*(10 ln(10/12) +
	 * 20 ln(20/18) + 30 ln(30/28) + 40 ln(40/42)) = 2*(-1.823215568 +
	 * 2.107210313 + 2.069786145 - 1.951606567) = 2*0.402174323 =
	 * 0.804348646, negative since 10 < 12; p = erfc(sqrt(0.402174323)) =
	 * 0.369796368. */
	assert_int_equal(rh_stats_cooc(10, 20, 30, 40, &c), 0);
	NEAR(c.jaccard, 0.166666667, 1e-9);
	NEAR(c.pmi, -0.263034406, 1e-9);
	NEAR(c.log_likelihood, -0.804348646, 1e-9);
	NEAR(c.p_value, 0.369796368, 1e-9);
	/* Never together: PMI -Inf, Jaccard 0. */
	assert_int_equal(rh_stats_cooc(0, 5, 5, 90, &c), 0);
	NEAR(c.jaccard, 0, 0);
	assert_true(isinf(c.pmi) && c.pmi < 0);
	assert_true(c.log_likelihood < 0);
	/* Neither concept anywhere. */
	assert_int_equal(rh_stats_cooc(0, 0, 0, 9, &c), 0);
	assert_true(isnan(c.jaccard) && isnan(c.pmi));
	NEAR(c.log_likelihood, 0, 0);
	assert_int_equal(rh_stats_cooc(0, 0, 0, 0, &c), RH_EUSAGE);
}

/* ---- dispersion -------------------------------------------------------------------- */

static void test_dispersion_juilland(void **state)
{
	/* The textbook example of Juilland's D: frequencies 0, 4, 3, 2, 1 in
	 * five equal parts. Mean 2; population variance (4+4+1+0+1)/5 = 2;
	 * sd = 1.414214; CV = 0.707107; D = 1 - 0.707107/sqrt(4) = 0.646447. */
	double counts[5] = { 0, 4, 3, 2, 1 }, sizes[5] = { 100, 100, 100, 100, 100 };
	rh_dispersion d;
	(void)state;
	assert_int_equal(rh_stats_dispersion(counts, sizes, 5, &d), 0);
	NEAR(d.juilland_d, 0.6464, 5e-5);
	NEAR(d.juilland_d, 1 - sqrt(2) / 2 / 2, 1e-12);
	NEAR(d.range, 4, 0);
	/* DP with equal parts s_i = 0.2, v = (0, .4, .3, .2, .1): gaps 0.2, 0.2,
	 * 0.1, 0, 0.1 -> DP = 0.3; DPnorm = 0.3/0.8 = 0.375. */
	NEAR(d.dp, 0.3, 1e-12);
	NEAR(d.dp_norm, 0.375, 1e-12);
}

static void test_dispersion_gries(void **state)
{
	/* Gries (2008)'s example corpus: five parts of 9, 10, 10, 10 and 11
	 * words (50 in all). "a" occurs 1, 2, 3, 4, 5 times (15), "b" twice
	 * in every part (10).
	 * s = (9, 10, 10, 10, 11)/50 = (0.18, 0.2, 0.2, 0.2, 0.22).
	 * "a": v = (1, 2, 3, 4, 5)/15; in 150ths, v = (10, 20, 30, 40, 50) and
	 *   s = (27, 30, 30, 30, 33): gaps 17 + 10 + 0 + 10 + 17 = 54/150 =
	 *   0.36, DP = 0.18; DPnorm = 0.18/(1 - 0.18) = 0.219512195.
	 * "b": v = 0.2 each: gaps 0.02 + 0 + 0 + 0 + 0.02, DP = 0.02,
	 *   DPnorm = 0.02/0.82 = 0.024390244.
	 * Juilland on rates for "b": r = (2/9, 0.2, 0.2, 0.2, 2/11):
	 *   mean = (0.222222 + 0.6 + 0.181818)/5 = 0.200808;
	 *   squared gaps: 0.00045857 + 3*0.00000065 + 0.00036062 = 0.00082114;
	 *   var = 0.00016423, sd = 0.01281515, CV = 0.06381791,
	 *   D = 1 - 0.06381791/2 = 0.96809104. */
	double sizes[5] = { 9, 10, 10, 10, 11 };
	double a[5] = { 1, 2, 3, 4, 5 }, b[5] = { 2, 2, 2, 2, 2 };
	rh_dispersion d;
	(void)state;
	assert_int_equal(rh_stats_dispersion(a, sizes, 5, &d), 0);
	NEAR(d.dp, 0.18, 1e-12);
	NEAR(d.dp_norm, 0.219512195, 1e-9);
	NEAR(d.range, 5, 0);
	assert_int_equal(rh_stats_dispersion(b, sizes, 5, &d), 0);
	NEAR(d.dp, 0.02, 1e-12);
	NEAR(d.dp_norm, 0.024390244, 1e-9);
	NEAR(d.juilland_d, 0.96809104, 1e-7);
}

static void test_dispersion_edges(void **state)
{
	rh_dispersion d;
	/* All in one of four equal parts: DP = 0.5*(0.75 + 3*0.25) = 0.75 =
	 * 1 - min s, so DPnorm = 1; D = 0 (CV = sqrt(k-1)). */
	double c1[4] = { 8, 0, 0, 0 }, s1[4] = { 50, 50, 50, 50 };
	/* A part of size 0 is left out: same answers as the three others. */
	double c2[4] = { 3, 0, 3, 3 }, s2[4] = { 10, 0, 10, 10 };
	double c3[1] = { 4 }, s3[1] = { 10 };
	double c4[2] = { 0, 0 }, s4[2] = { 10, 10 };
	double c5[2] = { 1, 2 }, s5[2] = { 10, 0 };
	(void)state;
	assert_int_equal(rh_stats_dispersion(c1, s1, 4, &d), 0);
	NEAR(d.dp, 0.75, 1e-12);
	NEAR(d.dp_norm, 1, 1e-12);
	NEAR(d.juilland_d, 0, 1e-12);
	NEAR(d.range, 1, 0);
	assert_int_equal(rh_stats_dispersion(c2, s2, 4, &d), 0);
	NEAR(d.dp, 0, 1e-12);
	NEAR(d.juilland_d, 1, 1e-12);
	NEAR(d.range, 3, 0);
	assert_int_equal(rh_stats_dispersion(c3, s3, 1, &d), 0);
	NEAR(d.dp, 0, 0);
	assert_true(isnan(d.dp_norm) && isnan(d.juilland_d));
	assert_int_equal(rh_stats_dispersion(c4, s4, 2, &d), 0);
	assert_true(isnan(d.dp) && isnan(d.juilland_d));
	NEAR(d.range, 0, 0);
	assert_int_equal(rh_stats_dispersion(c5, s5, 2, &d), RH_EUSAGE);
	/* All in one of seven unequal parts: D = 0 by hand (mean r/7, population
	 * sd r*sqrt(6)/7, V = sqrt(6)), never a rounding error below it. */
	{
		double c6[7] = { 0, 0, 0, 3, 0, 0, 0 }, s6[7] = { 2913, 1777, 4051, 3309, 2222, 977, 3571 };
		assert_int_equal(rh_stats_dispersion(c6, s6, 7, &d), 0);
		assert_true(d.juilland_d >= 0 && d.juilland_d <= 1e-12);
	}
}

/* ---- Poisson regression ------------------------------------------------------------ */

static void test_trend_exact_series(void **state)
{
	/* Counts exactly exposure*exp(b0 + b1*year) with b1 = 0.05, b0 =
	 * -100 - 0.05*... : the fit reproduces them, so b1 = 0.05 and the
	 * deviance and Pearson dispersion are 0. Rate ratio per decade =
	 * exp(0.5) = 1.648721271. */
	enum { M = 8 };
	double year[M], count[M], expo[M];
	rh_poisson_trend r;
	size_t i;
	(void)state;
	for (i = 0; i < M; i++) {
		year[i] = 1990 + 3 * (double)i;
		expo[i] = 1e5 * (1 + (double)(i % 3));
		count[i] = expo[i] * exp(-104.5 + 0.05 * year[i]);
	}
	assert_int_equal(rh_stats_poisson_trend(year, count, expo, M, &r), 0);
	assert_true(r.fitted && r.converged);
	assert_int_equal(r.n_used, M);
	NEAR(r.b1, 0.05, 1e-10);
	NEAR(r.b0, -104.5, 1e-6);
	NEAR(r.rate_ratio, 1.648721271, 1e-8);
	NEAR(r.deviance, 0, 1e-9);
	NEAR(r.dispersion, 0, 1e-9);
	assert_true(r.rr_low < r.rate_ratio && r.rate_ratio < r.rr_high);
}

static void test_trend_hand(void **state)
{
	/* Three years 0, 1, 2, exposure 1 each, counts 10, 20, 40: exactly
	 * doubling, so mu = y, b1 = ln 2 = 0.693147181, b0 = ln 10. Fisher
	 * information with x centred (-1, 0, 1) and weights mu = (10, 20, 40):
	 * [[sum mu, sum mu x], [sum mu x, sum mu x^2]] = [[70, 30], [30, 50]],
	 * det = 3500 - 900 = 2600, var(b1) = 70/2600 = 0.026923077,
	 * se = 0.164082531. z = 0.693147181/0.164082531 = 4.224381335,
	 * p = erfc(z/sqrt 2) = 2.39598e-5. Per decade: exp(10 ln 2) = 1024;
	 * interval exp(10*(ln 2 -+ 1.959963985*0.164082531)):
	 * exp(6.931471806 - 3.215958) = exp(3.715514) = 41.07967 and
	 * exp(10.147430) = 25525.43. A row with no tokens is skipped. */
	double year[4] = { 0, 1, 2, 3 }, count[4] = { 10, 20, 40, 0 }, expo[4] = { 1, 1, 1, 0 };
	rh_poisson_trend r;
	(void)state;
	assert_int_equal(rh_stats_poisson_trend(year, count, expo, 4, &r), 0);
	assert_true(r.fitted && r.converged);
	assert_int_equal(r.n_used, 3);
	NEAR(r.b1, 0.693147181, 1e-9);
	NEAR(r.b0, log(10), 1e-9);
	NEAR(r.se_b1, 0.164082531, 1e-9);
	NEAR(r.z, 4.224381335, 1e-8);
	RNEAR(r.p_value, 2.39598e-5, 1e-5);
	NEAR(r.rate_ratio, 1024, 1e-6);
	NEAR(r.rr_low, 41.07967, 1e-4);
	RNEAR(r.rr_high, 1024 * 1024 / 41.07967, 1e-6); /* symmetric on the log scale */
	NEAR(r.dispersion, 0, 1e-9);
}

static void test_trend_noisy_hand(void **state)
{
	/* Two years, a saturated model: mu = y, so b1 = ln((y2/e2)/(y1/e1))/(x2 - x1)
	 * = ln((30/2000)/(12/1000))/10 = ln 1.25/10 = 0.022314355, and
	 * var(b1) = (1/12 + 1/30)/10^2 = 0.116666667/100, se = 0.034156503.
	 * Rate ratio per decade = 1.25 exactly; dispersion NaN (no df). */
	double year[2] = { 2000, 2010 }, count[2] = { 12, 30 }, expo[2] = { 1000, 2000 };
	rh_poisson_trend r;
	(void)state;
	assert_int_equal(rh_stats_poisson_trend(year, count, expo, 2, &r), 0);
	assert_true(r.fitted);
	NEAR(r.b1, 0.022314355, 1e-9);
	NEAR(r.se_b1, 0.034156503, 1e-9);
	NEAR(r.rate_ratio, 1.25, 1e-9);
	assert_true(isnan(r.dispersion));
}

static void test_trend_degenerate(void **state)
{
	double year[3] = { 2000, 2000, 2000 }, count[3] = { 1, 2, 3 }, expo[3] = { 10, 10, 10 };
	double y2[3] = { 2000, 2001, 2002 }, zero[3] = { 0, 0, 0 };
	double sep[3] = { 0, 0, 5 }, neg[3] = { 1, -1, 1 };
	rh_poisson_trend r;
	(void)state;
	/* One distinct year: no slope. */
	assert_int_equal(rh_stats_poisson_trend(year, count, expo, 3, &r), 0);
	assert_false(r.fitted);
	assert_true(isnan(r.b1) && isnan(r.rate_ratio) && isnan(r.p_value));
	/* No counts at all. */
	assert_int_equal(rh_stats_poisson_trend(y2, zero, expo, 3, &r), 0);
	assert_false(r.fitted);
	assert_true(isnan(r.se_b1));
	/* No rows. */
	assert_int_equal(rh_stats_poisson_trend(NULL, NULL, NULL, 0, &r), 0);
	assert_false(r.fitted);
	/* Zero until the last year: the slope runs off to a large value with a
	 * huge standard error and p near 1 (as R's glm). */
	assert_int_equal(rh_stats_poisson_trend(y2, sep, expo, 3, &r), 0);
	assert_true(r.fitted);
	assert_true(r.b1 > 5 && r.se_b1 > 100 && r.p_value > 0.9);
	/* Invalid rows. */
	assert_int_equal(rh_stats_poisson_trend(y2, neg, expo, 3, &r), RH_EUSAGE);
	assert_int_equal(rh_stats_poisson_trend(y2, count, zero, 3, &r), RH_EUSAGE);
}

/* ---- cross-check against scipy and scikit-learn -------------------------------------- */

#define MAXF 64

static int parse_numbers(char *s, double *v, int max)
{
	int n = 0;
	char *end;
	while (n < max) {
		double x = strtod(s, &end);
		if (end == s)
			break;
		v[n++] = x;
		s = end;
	}
	return n;
}

static void check_line(const char *kind, double *v, int nv, int *checked)
{
	if (strcmp(kind, "chisq_q") == 0 && nv == 3) {
		double p;
		assert_int_equal(rh_stats_chisq_p(v[0], v[1], &p), 0);
		RNEAR(p, v[2], 1e-9);
	} else if (strcmp(kind, "poisson_ci") == 0 && nv == 4) {
		double lo, hi;
		assert_int_equal(rh_stats_poisson_ci(v[0], v[1], &lo, &hi), 0);
		RNEAR(lo, v[2], 1e-9);
		RNEAR(hi, v[3], 1e-9);
	} else if (strcmp(kind, "keyness") == 0 && nv == 7) {
		rh_keyness k;
		assert_int_equal(rh_stats_keyness(v[0], v[1], v[2], v[3], &k), 0);
		NEAR(k.log_likelihood, v[4], 1e-7 * fmax(1, fabs(v[4])));
		RNEAR(k.p_value, v[5], 1e-6);
		NEAR(k.chi2, v[6], 1e-7 * fmax(1, fabs(v[6])));
	} else if (strcmp(kind, "colloc") == 0 && nv == 6) {
		rh_colloc c;
		assert_int_equal(rh_stats_collocation(v[0], v[1], v[2], v[3], v[0] + 1, &c), 0);
		NEAR(c.log_likelihood, v[4], 1e-7 * fmax(1, fabs(v[4])));
		RNEAR(c.p_value, v[5], 1e-6);
	} else if (strcmp(kind, "sklearn_row") == 0 && nv == 5) {
		rh_tfidf_scheme s;
		double w[4];
		int t;
		assert_int_equal(rh_stats_tfidf_preset("sklearn", &s), 0);
		weigh(&s, (size_t)v[0], w);
		for (t = 0; t < 4; t++)
			NEAR(w[t], v[1 + t], 1e-12);
	} else if (strcmp(kind, "trend") == 0 && nv >= 1) {
		int m = (int)v[0];
		rh_poisson_trend r;
		assert_int_equal(nv, 1 + 3 * m + 4);
		assert_int_equal(rh_stats_poisson_trend(v + 1, v + 1 + m, v + 1 + 2 * m, (size_t)m, &r), 0);
		assert_true(r.fitted && r.converged);
		RNEAR(r.b1, v[1 + 3 * m], 1e-7);
		RNEAR(r.se_b1, v[2 + 3 * m], 1e-6);
		RNEAR(r.p_value, v[3 + 3 * m], 1e-5);
		RNEAR(r.dispersion, v[4 + 3 * m], 1e-6);
	} else {
		fail_msg("crosscheck: unexpected line kind \"%s\" with %d numbers", kind, nv);
	}
	(*checked)++;
}

static void test_crosscheck_scipy(void **state)
{
	const char *cmd = "/usr/bin/python3 " RH_SOURCE_DIR "/tests/stats/crosscheck.py";
	char line[4096], kind[32];
	double v[MAXF];
	int checked = 0, skipped = 0, off;
	FILE *fp;
	(void)state;
	fp = popen(cmd, "r");
	if (!fp)
		skip();
	while (fgets(line, sizeof line, fp)) {
		if (strncmp(line, "skip", 4) == 0) {
			skipped = 1;
			break;
		}
		if (sscanf(line, "%31s%n", kind, &off) != 1)
			continue;
		check_line(kind, v, parse_numbers(line + off, v, MAXF), &checked);
	}
	if (pclose(fp) != 0 || skipped) {
		if (checked == 0)
			skip();
		fail_msg("crosscheck script failed after %d lines", checked);
	}
	if (checked == 0)
		skip();
	assert_true(checked >= 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poisson_ci_tables),
		cmocka_unit_test(test_poisson_ci_tail_identity),
		cmocka_unit_test(test_poisson_ci_large_and_errors),
		cmocka_unit_test(test_tfidf_presets),
		cmocka_unit_test(test_tfidf_parts),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_collocation_hand),
		cmocka_unit_test(test_collocation_repulsion_and_bounds),
		cmocka_unit_test(test_keyness_hand),
		cmocka_unit_test(test_keyness_zero_and_equal),
		cmocka_unit_test(test_keyness_large_corpus),
		cmocka_unit_test(test_bh),
		cmocka_unit_test(test_bh_monotone),
		cmocka_unit_test(test_chisq_p),
		cmocka_unit_test(test_cooc),
		cmocka_unit_test(test_dispersion_juilland),
		cmocka_unit_test(test_dispersion_gries),
		cmocka_unit_test(test_dispersion_edges),
		cmocka_unit_test(test_trend_exact_series),
		cmocka_unit_test(test_trend_hand),
		cmocka_unit_test(test_trend_noisy_hand),
		cmocka_unit_test(test_trend_degenerate),
		cmocka_unit_test(test_crosscheck_scipy),
	};
	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
