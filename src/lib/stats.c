/* stats.c: the statistics of docs/design.md, each formula once, over plain counts. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_vector.h>

#include "internal.h"
#include "report_internal.h"
#include "rhetor/stats.h"

/* ---- argument checks --------------------------------------------------- */

static int need_count(const char *fn, const char *name, double v)
{
	if (isfinite(v) && v >= 0)
		return 0;
	return rh_error__set(RH_EUSAGE, "%s: %s = %g is not a count (needs a finite value >= 0)", fn,
			     name, v);
}

static int need_out(const char *fn, const void *p)
{
	if (p)
		return 0;
	return rh_error__set(RH_EUSAGE, "%s: NULL output", fn);
}

static int need_le(const char *fn, const char *a_name, double a, const char *b_name, double b)
{
	if (a <= b)
		return 0;
	return rh_error__set(RH_EUSAGE, "%s: %s = %g exceeds %s = %g", fn, a_name, a, b_name, b);
}

/* ---- distributions ------------------------------------------------------ */

RH_API int rh_stats_chisq_p(double x, double df, double *p)
{
	int err;
	if ((err = need_out("rh_stats_chisq_p", p)) < 0)
		return err;
	/* GSL's upper tail is wrong for huge df (0.0079 instead of 0.025 at
	 * df = 2e9); up to 1e6 it matches scipy to 1e-9. */
	if (isnan(x) || x < 0 || !(df > 0 && df <= 1e6))
		return rh_error__set(RH_EUSAGE,
				     "rh_stats_chisq_p: needs x >= 0 and 0 < df <= 1e6 (x = %g, df = %g)", x, df);
	if (isinf(x)) {
		*p = 0;
		return 0;
	}
	*p = gsl_cdf_chisq_Q(x, df);
	if (!isfinite(*p))
		return rh_error__set(RH_ENUM, "rh_stats_chisq_p: GSL chi-square tail failed at x = %g, df = %g",
				     x, df);
	return 0;
}

/* p value of a signed statistic on one degree of freedom. */
static double chisq1_p(double signed_stat)
{
	double p = 1;
	rh_stats_chisq_p(fabs(signed_stat), 1, &p);
	return p;
}

/*
 * The chi-square quantile x with P(chi2(nu) <= x) = p, 0 < p < 1; NaN if
 * none is found. GSL's inverse (gsl_cdf_chisq_Pinv / Qinv) is exact for
 * moderate nu but fails (NaN) or returns a wrong value from nu ~ 6e5 on
 * (counts in the hundreds of thousands), and its distribution function
 * itself drifts above the mean from nu ~ 1e7 (0.02501 for 0.02502 at 1e7,
 * where scipy agrees with the normal limit). So: up to nu = 2e6 GSL's
 * answer is checked against the distribution function and, when it does
 * not satisfy it, the equation is solved by bisection; beyond, the Wilson &
 * Hilferty (1931) approximation is used, which there agrees with scipy's
 * exact quantiles to about 1e-11 relative.
 */
static double chisq_quantile(double p, double nu)
{
	double x, z, c, w, lo, hi;
	int i;

	/* Wilson & Hilferty (1931): (chi2/nu)^(1/3) is nearly normal with
	 * mean 1 - 2/(9 nu) and variance 2/(9 nu). */
	z = gsl_cdf_ugaussian_Pinv(p);
	c = fmax(1 - 2 / (9 * nu) + z * sqrt(2 / (9 * nu)), 0.01);
	if (nu > 2e6)
		return nu * c * c * c;

	x = p <= 0.5 ? gsl_cdf_chisq_Pinv(p, nu) : gsl_cdf_chisq_Qinv(1 - p, nu);
	if (isfinite(x) && x >= 0 && fabs(gsl_cdf_chisq_P(x, nu) - p) <= 1e-12 * fmin(p, 1 - p))
		return x;
	x = nu * c * c * c;
	for (w = 0.01, i = 0;; w *= 2, i++) {
		lo = x * fmax(0, 1 - w);
		hi = x * (1 + w);
		if (gsl_cdf_chisq_P(lo, nu) <= p && gsl_cdf_chisq_P(hi, nu) >= p)
			break;
		if (i == 60)
			return NAN;
	}
	for (i = 0; i < 200 && hi - lo > 4 * DBL_EPSILON * hi; i++) {
		double mid = lo + (hi - lo) / 2, pm = gsl_cdf_chisq_P(mid, nu);
		if (!isfinite(pm))
			return NAN;
		if (pm < p)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}

/* ---- Poisson intervals -------------------------------------------------- */

RH_API int rh_stats_poisson_ci(double count, double level, double *lo, double *hi)
{
	static const char fn[] = "rh_stats_poisson_ci";
	double alpha, l, h;
	int err;

	if ((err = need_out(fn, lo)) < 0 || (err = need_out(fn, hi)) < 0 ||
	    (err = need_count(fn, "count", count)) < 0)
		return err;
	if (!(level > 0 && level < 1))
		return rh_error__set(RH_EUSAGE, "%s: level = %g is not between 0 and 1", fn, level);
	alpha = 1 - level;
	/* Garwood (1936): the exact central interval from the chi-square /
	 * Poisson tail identity P(X >= k | mu) = P(chi2(2k) <= 2 mu). */
	l = count > 0 ? chisq_quantile(alpha / 2, 2 * count) / 2 : 0;
	h = chisq_quantile(1 - alpha / 2, 2 * count + 2) / 2;
	if (!isfinite(l) || !isfinite(h))
		return rh_error__set(RH_ENUM, "%s: GSL chi-square quantile failed for count = %g", fn, count);
	*lo = l;
	*hi = h;
	return 0;
}

RH_API double rh_stats_rate(double count, double tokens, double per)
{
	return tokens > 0 ? count / tokens * per : NAN;
}

RH_API int rh_stats_rate_ci(double count, double tokens, double per, double level, double *rate,
			    double *lo, double *hi)
{
	static const char fn[] = "rh_stats_rate_ci";
	double l, h;
	int err;

	if ((err = need_out(fn, rate)) < 0 || (err = need_out(fn, lo)) < 0 ||
	    (err = need_out(fn, hi)) < 0 || (err = need_count(fn, "count", count)) < 0 ||
	    (err = need_count(fn, "tokens", tokens)) < 0 || (err = need_le(fn, "count", count, "tokens", tokens)) < 0)
		return err;
	if (!(isfinite(per) && per > 0))
		return rh_error__set(RH_EUSAGE, "%s: per = %g must be positive", fn, per);
	if (tokens == 0) {
		*rate = *lo = *hi = NAN;
		return 0;
	}
	if ((err = rh_stats_poisson_ci(count, level, &l, &h)) < 0)
		return err;
	*rate = rh_stats_rate(count, tokens, per);
	*lo = rh_stats_rate(l, tokens, per);
	*hi = rh_stats_rate(h, tokens, per);
	return 0;
}

/* ---- TF-IDF --------------------------------------------------------------- */

static const char *const tf_names[] = { "raw", "log", "bool", "prop", "aug" };
static const char *const idf_names[] = { "smooth", "plain", "prob", "none" };
static const char *const norm_names[] = { "l2", "l1", "none" };

#define NAMES_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int parse_name(const char *what, const char *const *names, size_t n, const char *name, int *out)
{
	size_t i;
	if (name)
		for (i = 0; i < n; i++)
			if (strcmp(name, names[i]) == 0) {
				*out = (int)i;
				return 0;
			}
	return rh_error__set(RH_EUSAGE, "unknown %s \"%s\" (one of: %s%s%s%s%s%s%s%s%s)", what,
			     name ? name : "(null)", names[0], n > 1 ? ", " : "", n > 1 ? names[1] : "",
			     n > 2 ? ", " : "", n > 2 ? names[2] : "", n > 3 ? ", " : "", n > 3 ? names[3] : "",
			     n > 4 ? ", " : "", n > 4 ? names[4] : "");
}

RH_API int rh_stats_tf_parse(const char *name, rh_tf_kind *out)
{
	int v = 0, err;
	if ((err = need_out("rh_stats_tf_parse", out)) < 0 ||
	    (err = parse_name("tf weighting", tf_names, NAMES_COUNT(tf_names), name, &v)) < 0)
		return err;
	*out = (rh_tf_kind)v;
	return 0;
}

RH_API int rh_stats_idf_parse(const char *name, rh_idf_kind *out)
{
	int v = 0, err;
	if ((err = need_out("rh_stats_idf_parse", out)) < 0 ||
	    (err = parse_name("idf weighting", idf_names, NAMES_COUNT(idf_names), name, &v)) < 0)
		return err;
	*out = (rh_idf_kind)v;
	return 0;
}

RH_API int rh_stats_norm_parse(const char *name, rh_norm_kind *out)
{
	int v = 0, err;
	if ((err = need_out("rh_stats_norm_parse", out)) < 0 ||
	    (err = parse_name("normalisation", norm_names, NAMES_COUNT(norm_names), name, &v)) < 0)
		return err;
	*out = (rh_norm_kind)v;
	return 0;
}

RH_API const char *rh_stats_tf_name(rh_tf_kind kind)
{
	return (unsigned)kind < NAMES_COUNT(tf_names) ? tf_names[kind] : "?";
}

RH_API const char *rh_stats_idf_name(rh_idf_kind kind)
{
	return (unsigned)kind < NAMES_COUNT(idf_names) ? idf_names[kind] : "?";
}

RH_API const char *rh_stats_norm_name(rh_norm_kind kind)
{
	return (unsigned)kind < NAMES_COUNT(norm_names) ? norm_names[kind] : "?";
}

RH_API int rh_stats_tfidf_preset(const char *name, rh_tfidf_scheme *out)
{
	/* The anchors' documented defaults: scikit-learn TfidfVectorizer
	 * (norm="l2", use_idf, smooth_idf, sublinear_tf=False); quanteda
	 * dfm_tfidf(scheme_tf = "count", scheme_df = "inverse", base = 10);
	 * tidytext bind_tf_idf (tf = n/sum(n), idf = ln(documents/df)). */
	static const struct {
		const char *name;
		rh_tfidf_scheme scheme;
	} presets[] = {
		{ "sklearn", { RH_TF_RAW, RH_IDF_SMOOTH, 0.0, RH_NORM_L2 } },
		{ "quanteda", { RH_TF_RAW, RH_IDF_PLAIN, 10.0, RH_NORM_NONE } },
		{ "tidytext", { RH_TF_PROP, RH_IDF_PLAIN, 0.0, RH_NORM_NONE } },
	};
	size_t i;
	int err;

	if ((err = need_out("rh_stats_tfidf_preset", out)) < 0)
		return err;
	for (i = 0; name && i < NAMES_COUNT(presets); i++)
		if (strcmp(name, presets[i].name) == 0) {
			*out = presets[i].scheme;
			return 0;
		}
	return rh_error__set(RH_EUSAGE, "unknown tf-idf preset \"%s\" (one of: sklearn, quanteda, tidytext)",
			     name ? name : "(null)");
}

RH_API int rh_stats_tf(rh_tf_kind kind, double count, double unit_tokens, double max_count, double *out)
{
	static const char fn[] = "rh_stats_tf";
	int err;

	if ((err = need_out(fn, out)) < 0 || (err = need_count(fn, "count", count)) < 0)
		return err;
	if (count == 0 && (unsigned)kind < NAMES_COUNT(tf_names)) {
		/* Every kind maps absence to 0, so sparse vectors stay sparse. */
		*out = 0;
		return 0;
	}
	switch (kind) {
	case RH_TF_RAW:
		*out = count;
		return 0;
	case RH_TF_LOG: /* sublinear tf (Salton & Buckley 1988; scikit-learn) */
		*out = 1 + log(count);
		return 0;
	case RH_TF_BOOL:
		*out = 1;
		return 0;
	case RH_TF_PROP: /* relative frequency in the unit (tidytext) */
		if ((err = need_count(fn, "unit_tokens", unit_tokens)) < 0 ||
		    (err = need_le(fn, "count", count, "unit_tokens", unit_tokens)) < 0)
			return err;
		*out = count / unit_tokens;
		return 0;
	case RH_TF_AUG: /* augmented frequency (Salton & Buckley 1988) */
		if ((err = need_count(fn, "max_count", max_count)) < 0 ||
		    (err = need_le(fn, "count", count, "max_count", max_count)) < 0)
			return err;
		*out = 0.5 + 0.5 * count / max_count;
		return 0;
	}
	return rh_error__set(RH_EUSAGE, "%s: unknown tf kind %d", fn, (int)kind);
}

RH_API int rh_stats_idf(rh_idf_kind kind, double base, double n, double df, double *out)
{
	static const char fn[] = "rh_stats_idf";
	double lb; /* ln(base): divide natural logs by it */
	int err;

	if ((err = need_out(fn, out)) < 0 || (err = need_count(fn, "n", n)) < 0 ||
	    (err = need_count(fn, "df", df)) < 0 || (err = need_le(fn, "df", df, "n", n)) < 0)
		return err;
	if (base == 0)
		lb = 1;
	else if (isfinite(base) && base > 0 && base != 1)
		lb = log(base);
	else
		return rh_error__set(RH_EUSAGE, "%s: logarithm base %g (use 0 for natural, or > 0 and not 1)",
				     fn, base);
	switch (kind) {
	case RH_IDF_SMOOTH:
		/* scikit-learn smooth_idf: one extra document containing every
		 * term, and +1 so terms in every document keep some weight. */
		*out = log((1 + n) / (1 + df)) / lb + 1;
		return 0;
	case RH_IDF_PLAIN:
		/* Sparck Jones (1972) inverse document frequency. */
		if (df < 1)
			return rh_error__set(RH_EUSAGE, "%s: plain idf needs df >= 1 (df = %g)", fn, df);
		*out = log(n / df) / lb;
		return 0;
	case RH_IDF_PROB:
		/* Probabilistic idf (Robertson & Sparck Jones 1976), floored at
		 * 0 as in Manning, Raghavan & Schuetze (2008, table 6.15). */
		if (df < 1)
			return rh_error__set(RH_EUSAGE, "%s: prob idf needs df >= 1 (df = %g)", fn, df);
		*out = df < n ? fmax(0, log((n - df) / df) / lb) : 0;
		return 0;
	case RH_IDF_NONE:
		*out = 1;
		return 0;
	}
	return rh_error__set(RH_EUSAGE, "%s: unknown idf kind %d", fn, (int)kind);
}

RH_API int rh_stats_normalize(rh_norm_kind norm, double *v, size_t n)
{
	static const char fn[] = "rh_stats_normalize";
	double len = 0;
	size_t i;

	if (n > 0 && !v)
		return rh_error__set(RH_EUSAGE, "%s: NULL vector", fn);
	if ((unsigned)norm >= NAMES_COUNT(norm_names))
		return rh_error__set(RH_EUSAGE, "%s: unknown normalisation %d", fn, (int)norm);
	for (i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return rh_error__set(RH_EUSAGE, "%s: element %zu is not finite", fn, i);
	if (norm == RH_NORM_NONE)
		return 0;
	for (i = 0; i < n; i++)
		len += norm == RH_NORM_L2 ? v[i] * v[i] : fabs(v[i]);
	if (norm == RH_NORM_L2)
		len = sqrt(len);
	if (len == 0)
		return 0;
	for (i = 0; i < n; i++)
		v[i] /= len;
	return 0;
}

/* ---- 2x2 tables ------------------------------------------------------------ */

typedef struct {
	double e11, e12, e21, e22;
	double g2;   /* signed: negative when o11 < e11 */
	double chi2; /* Pearson, no continuity correction, signed like g2 */
} table2x2;

/* O*ln(O/E) written as O*log1p(dd/E), dd = O - E given exactly; 0*ln 0 = 0. */
static double oln(double o, double e, double dd)
{
	return o > 0 ? o * log1p(dd / e) : 0;
}

/*
 * Expected counts under independence, log-likelihood G2 = 2*sum O ln(O/E)
 * (Dunning 1993) and Pearson X2 = sum (O-E)^2/E of a 2x2 table. The margins
 * are fixed, so every cell differs from its expectation by the same d =
 * O11 - E11 = (O11*O22 - O12*O21)/N up to sign; writing each term with d
 * keeps G2 accurate when N is in the millions and O22 ~ E22.
 */
static void table2x2_compute(double o11, double o12, double o21, double o22, table2x2 *t)
{
	double r1 = o11 + o12, r2 = o21 + o22, c1 = o11 + o21, c2 = o12 + o22;
	double n = r1 + r2;
	double d, g2, x2 = 0;

	t->e11 = r1 * c1 / n;
	t->e12 = r1 * c2 / n;
	t->e21 = r2 * c1 / n;
	t->e22 = r2 * c2 / n;
	d = (o11 * o22 - o12 * o21) / n;
	g2 = 2 * (oln(o11, t->e11, d) + oln(o12, t->e12, -d) + oln(o21, t->e21, -d) + oln(o22, t->e22, d));
	g2 = fmax(0, g2); /* rounding can leave a tiny negative when O = E */
	/* A zero expectation means a zero margin: that cell and d are 0 too. */
	if (t->e11 > 0)
		x2 += d * d / t->e11;
	if (t->e12 > 0)
		x2 += d * d / t->e12;
	if (t->e21 > 0)
		x2 += d * d / t->e21;
	if (t->e22 > 0)
		x2 += d * d / t->e22;
	t->g2 = d < 0 ? -g2 : g2;
	t->chi2 = d < 0 ? -x2 : x2;
}

/* ---- collocation ------------------------------------------------------------- */

static int collocation(double o11, double r1, double c1, double n, double f_node, int with_p, rh_colloc *out)
{
	static const char fn[] = "rh_stats_collocation";
	table2x2 t;
	double d;
	int err;

	if ((err = need_out(fn, out)) < 0 || (err = need_count(fn, "o11", o11)) < 0 ||
	    (err = need_count(fn, "r1", r1)) < 0 || (err = need_count(fn, "c1", c1)) < 0 ||
	    (err = need_count(fn, "n", n)) < 0 || (err = need_count(fn, "f_node", f_node)) < 0 ||
	    (err = need_le(fn, "o11", o11, "r1", r1)) < 0 || (err = need_le(fn, "o11", o11, "c1", c1)) < 0 ||
	    (err = need_le(fn, "r1 + c1 - o11", r1 + c1 - o11, "n", n)) < 0)
		return err;
	if (n == 0 || f_node + c1 == 0)
		return rh_error__set(RH_EUSAGE, "%s: needs n > 0 and f_node + c1 > 0", fn);

	/* Surface co-occurrence contingency table (Evert 2008). */
	out->o11 = o11;
	out->o12 = r1 - o11;
	out->o21 = c1 - o11;
	out->o22 = n - r1 - c1 + o11;
	table2x2_compute(out->o11, out->o12, out->o21, out->o22, &t);
	out->e11 = t.e11;
	out->e12 = t.e12;
	out->e21 = t.e21;
	out->e22 = t.e22;
	d = o11 - t.e11;

	/* Pointwise mutual information (Church & Hanks 1990) and its cubed
	 * variant MI3 (Daille 1994), as Evert (2008) states them. */
	out->mi = o11 > 0 ? log2(o11 / t.e11) : -INFINITY;
	out->mi3 = o11 > 0 ? 3 * log2(o11) - log2(t.e11) : -INFINITY;
	/* t-score (Church et al. 1991) and z-score (Dennis 1965), Evert (2008). */
	out->t_score = o11 > 0 ? d / sqrt(o11) : NAN;
	out->z_score = t.e11 > 0 ? d / sqrt(t.e11) : NAN;
	/* Log-likelihood (Dunning 1993), signed for repulsion. */
	out->log_likelihood = t.g2;
	out->p_value = with_p ? chisq1_p(t.g2) : NAN;
	/* Dice coefficient and logDice = 14 + log2(Dice) (Rychly 2008). */
	out->dice = 2 * o11 / (f_node + c1);
	out->log_dice = o11 > 0 ? 14 + log2(out->dice) : -INFINITY;
	/* Delta P, collocate given node (Gries 2013). */
	out->delta_p = (r1 > 0 && r1 < n) ? o11 / r1 - out->o21 / (n - r1) : NAN;
	return 0;
}

RH_API int rh_stats_collocation(double o11, double r1, double c1, double n, double f_node, rh_colloc *out)
{
	return collocation(o11, r1, c1, n, f_node, 1, out);
}

int rh_stats__collocation_rank(double o11, double r1, double c1, double n, double f_node, rh_colloc *out)
{
	return collocation(o11, r1, c1, n, f_node, 0, out);
}

/* ---- keyness ----------------------------------------------------------------- */

RH_API int rh_stats_keyness(double a, double b, double n1, double n2, rh_keyness *out)
{
	static const char fn[] = "rh_stats_keyness";
	table2x2 t;
	double fa, fb;
	int err;

	if ((err = need_out(fn, out)) < 0 || (err = need_count(fn, "a", a)) < 0 ||
	    (err = need_count(fn, "b", b)) < 0 || (err = need_count(fn, "n1", n1)) < 0 ||
	    (err = need_count(fn, "n2", n2)) < 0 || (err = need_le(fn, "a", a, "n1", n1)) < 0 ||
	    (err = need_le(fn, "b", b, "n2", n2)) < 0)
		return err;
	if (n1 == 0 || n2 == 0)
		return rh_error__set(RH_EUSAGE, "%s: both corpora need tokens (n1 = %g, n2 = %g)", fn, n1, n2);

	/* Rows: the term, every other token; columns: target, reference. */
	table2x2_compute(a, b, n1 - a, n2 - b, &t);
	/* Signed 4-cell log-likelihood (Dunning 1993; Rayson & Garside 2000). */
	out->log_likelihood = t.g2;
	out->p_value = chisq1_p(t.g2);
	/* Pearson chi-square, no Yates correction. */
	out->chi2 = t.chi2;
	/* Log ratio, a zero count taken as 0.5 (Hardie 2014). */
	out->log_ratio = log2(((a > 0 ? a : 0.5) / n1) / ((b > 0 ? b : 0.5) / n2));
	/* %DIFF (Gabrielatos & Marchi 2011). */
	fa = a / n1;
	fb = b / n2;
	if (b > 0)
		out->pct_diff = 100 * (fa - fb) / fb;
	else
		out->pct_diff = a > 0 ? INFINITY : NAN;
	/* BIC approximation of the Bayes factor, one degree of freedom
	 * (Wilson 2013), on |G2|: see the header. */
	out->bic = fabs(t.g2) - log(n1 + n2);
	return 0;
}

double rh_stats__bh_step(double p, size_t m, size_t rank, double running)
{
	double v = p * (double)m / (double)rank;
	return v < running ? v : running;
}

RH_API int rh_stats_bh_qvalues(const double *p, size_t n, double *q)
{
	static const char fn[] = "rh_stats_bh_qvalues";
	rh_report__key *r = NULL;
	double *tmp = NULL, running = 1;
	size_t i, m = 0, j;
	int err = 0;

	if (n == 0)
		return 0;
	if (!p || !q)
		return rh_error__set(RH_EUSAGE, "%s: NULL array", fn);
	if (n > UINT32_MAX)
		return rh_error__set(RH_EUSAGE, "%s: %zu p values, more than %u", fn, n, UINT32_MAX);
	for (i = 0; i < n; i++)
		if (!isnan(p[i]) && !(p[i] >= 0 && p[i] <= 1))
			return rh_error__set(RH_EUSAGE, "%s: p[%zu] = %g is not in [0, 1]", fn, i, p[i]);
	if (!(r = rh__malloc(n * sizeof *r)) || !(tmp = rh__malloc(n * sizeof *tmp))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* Ranked by p, ties by position (the sort keys' order, report_internal.h:
	 * a p in [0, 1] ascends as its bits do), so the result is one. */
	for (i = 0; i < n; i++) {
		tmp[i] = NAN;
		if (!isnan(p[i])) {
			double v = p[i] == 0 ? 0 : p[i]; /* -0 as 0 */
			uint64_t bits;
			memcpy(&bits, &v, sizeof bits);
			r[m++] = (rh_report__key){ bits, 0, "", 0, (uint32_t)i };
		}
	}
	rh_report__sort_keys(r, m);
	/* Benjamini & Hochberg (1995) step-up: q at rank j is the smallest
	 * m*p/k over ranks k >= j, so q is monotone in p, equal for tied p,
	 * and never above 1 (the running minimum starts there). */
	for (j = m; j-- > 0;)
		tmp[r[j].item] = running = rh_stats__bh_step(p[r[j].item], m, j + 1, running);
	memcpy(q, tmp, n * sizeof *q);
done:
	free(r);
	free(tmp);
	return err;
}

/* ---- concept co-occurrence ------------------------------------------------------ */

RH_API int rh_stats_cooc(double both, double a_only, double b_only, double neither, rh_cooc *out)
{
	static const char fn[] = "rh_stats_cooc";
	table2x2 t;
	double n, fa, fb, any;
	int err;

	if ((err = need_out(fn, out)) < 0 || (err = need_count(fn, "both", both)) < 0 ||
	    (err = need_count(fn, "a_only", a_only)) < 0 || (err = need_count(fn, "b_only", b_only)) < 0 ||
	    (err = need_count(fn, "neither", neither)) < 0)
		return err;
	n = both + a_only + b_only + neither;
	if (n == 0)
		return rh_error__set(RH_EUSAGE, "%s: no units", fn);
	fa = both + a_only;
	fb = both + b_only;
	any = both + a_only + b_only;
	/* Jaccard (1912): shared units over units with either concept. */
	out->jaccard = any > 0 ? both / any : NAN;
	/* Pointwise mutual information over units (Church & Hanks 1990). */
	if (fa == 0 || fb == 0)
		out->pmi = NAN;
	else
		out->pmi = both > 0 ? log2(both * n / (fa * fb)) : -INFINITY;
	/* Signed log-likelihood of the units' 2x2 table (Dunning 1993). */
	table2x2_compute(both, a_only, b_only, neither, &t);
	out->log_likelihood = t.g2;
	out->p_value = chisq1_p(t.g2);
	return 0;
}

/* ---- dispersion ------------------------------------------------------------------ */

RH_API int rh_stats_dispersion(const double *counts, const double *sizes, size_t k, rh_dispersion *out)
{
	static const char fn[] = "rh_stats_dispersion";
	double total = 0, size = 0, min_s = INFINITY, dp = 0, mean = 0, var = 0;
	size_t i, parts = 0, range = 0;
	int err;

	if ((err = need_out(fn, out)) < 0)
		return err;
	if (k > 0 && (!counts || !sizes))
		return rh_error__set(RH_EUSAGE, "%s: NULL array", fn);
	for (i = 0; i < k; i++) {
		if (!(isfinite(counts[i]) && counts[i] >= 0) || !(isfinite(sizes[i]) && sizes[i] >= 0) ||
		    counts[i] > sizes[i])
			return rh_error__set(RH_EUSAGE, "%s: part %zu has count %g and size %g", fn, i,
					     counts[i], sizes[i]);
		if (sizes[i] == 0)
			continue;
		parts++;
		range += counts[i] > 0;
		total += counts[i];
		size += sizes[i];
		mean += counts[i] / sizes[i];
	}
	out->range = (double)range;
	out->dp = out->dp_norm = out->juilland_d = NAN;
	if (parts == 0 || total == 0)
		return 0;
	mean /= (double)parts;
	for (i = 0; i < k; i++) {
		double s, r;
		if (sizes[i] == 0)
			continue;
		s = sizes[i] / size;
		if (s < min_s)
			min_s = s;
		/* Gries (2008): half the summed gaps between each part's
		 * share of the term and its share of the corpus. */
		dp += fabs(counts[i] / total - s);
		r = counts[i] / sizes[i] - mean;
		var += r * r;
	}
	out->dp = 0.5 * dp;
	if (parts < 2)
		return 0;
	/* Lijffijt & Gries (2012): DP's maximum is 1 - min s. */
	out->dp_norm = out->dp / (1 - min_s);
	/* Juilland & Chang-Rodriguez (1964): D = 1 - V/sqrt(k-1), V the
	 * coefficient of variation (population sd / mean) across parts. */
	out->juilland_d = 1 - (sqrt(var / (double)parts) / mean) / sqrt((double)parts - 1);
	/* D lies in [0, 1] (V is at most sqrt(k-1), reached when one part has
	 * every occurrence); rounding can put it a few ulps outside. */
	if (out->juilland_d < 0)
		out->juilland_d = 0;
	else if (out->juilland_d > 1)
		out->juilland_d = 1;
	return 0;
}

/* ---- trends: Poisson regression ---------------------------------------------------- */

/* Poisson deviance 2*sum(y ln(y/mu) - (y - mu)), y ln y = 0 at y = 0. */
static double poisson_deviance(const double *y, const double *mu, size_t m)
{
	double dev = 0;
	size_t i;
	for (i = 0; i < m; i++)
		dev += (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
	return 2 * dev;
}

static void trend_unfitted(rh_poisson_trend *out, size_t used)
{
	out->fitted = 0;
	out->converged = 0;
	out->iterations = 0;
	out->n_used = used;
	out->b0 = out->b1 = out->se_b1 = out->z = out->p_value = NAN;
	out->rate_ratio = out->rr_low = out->rr_high = NAN;
	out->deviance = out->dispersion = NAN;
	out->qp_rr_low = out->qp_rr_high = out->qp_p_value = NAN;
}

enum { TREND_MAX_ITER = 100 };

RH_API int rh_stats_poisson_trend(const double *year, const double *count, const double *exposure, size_t n,
				  rh_poisson_trend *out)
{
	static const char fn[] = "rh_stats_poisson_trend";
	double *x = NULL, *y = NULL, *off = NULL, *mu = NULL;
	gsl_matrix *X = NULL, *cov = NULL;
	gsl_vector *w = NULL, *z = NULL, *c = NULL;
	gsl_multifit_linear_workspace *ws = NULL;
	double xbar = 0, xmin = INFINITY, xmax = -INFINITY, ysum = 0, dev = NAN, dev_old, chisq, pearson = 0;
	double zcrit, se;
	size_t i, m = 0;
	unsigned it;
	int err = 0, status;

	if ((err = need_out(fn, out)) < 0)
		return err;
	if (n > 0 && (!year || !count || !exposure))
		return rh_error__set(RH_EUSAGE, "%s: NULL array", fn);
	for (i = 0; i < n; i++) {
		if (!isfinite(year[i]) || !(isfinite(count[i]) && count[i] >= 0) ||
		    !(isfinite(exposure[i]) && exposure[i] >= 0) || (exposure[i] == 0 && count[i] > 0))
			return rh_error__set(RH_EUSAGE, "%s: row %zu (year %g, count %g, exposure %g) is invalid", fn,
					     i, year[i], count[i], exposure[i]);
		if (exposure[i] == 0)
			continue;
		m++;
		ysum += count[i];
		xbar += year[i];
		xmin = fmin(xmin, year[i]);
		xmax = fmax(xmax, year[i]);
	}
	trend_unfitted(out, m);
	if (m < 2 || xmin == xmax || ysum == 0)
		return 0;
	xbar /= (double)m;

	if (!(x = rh__malloc(m * sizeof *x)) || !(y = rh__malloc(m * sizeof *y)) ||
	    !(off = rh__malloc(m * sizeof *off)) || !(mu = rh__malloc(m * sizeof *mu))) {
		err = RH_ENOMEM;
		goto done;
	}
	X = gsl_matrix_alloc(m, 2);
	cov = gsl_matrix_alloc(2, 2);
	w = gsl_vector_alloc(m);
	z = gsl_vector_alloc(m);
	c = gsl_vector_alloc(2);
	ws = gsl_multifit_linear_alloc(m, 2);
	if (!X || !cov || !w || !z || !c || !ws) {
		err = rh_error__oom();
		goto done;
	}
	m = 0;
	for (i = 0; i < n; i++) {
		if (exposure[i] == 0)
			continue;
		/* Centring the year keeps the 2-column design well conditioned;
		 * the slope is unchanged and b0 is shifted back at the end. */
		x[m] = year[i] - xbar;
		y[m] = count[i];
		off[m] = log(exposure[i]);
		gsl_matrix_set(X, m, 0, 1);
		gsl_matrix_set(X, m, 1, x[m]);
		mu[m] = y[m] + 0.1; /* R's glm start for the Poisson family */
		m++;
	}

	/* IRLS for the log link (McCullagh & Nelder 1989, sec. 2.5): working
	 * response eta - offset + (y - mu)/mu, weights mu. */
	dev_old = poisson_deviance(y, mu, m);
	for (it = 1; it <= TREND_MAX_ITER; it++) {
		for (i = 0; i < m; i++) {
			gsl_vector_set(w, i, mu[i]);
			gsl_vector_set(z, i, log(mu[i]) - off[i] + (y[i] - mu[i]) / mu[i]);
		}
		status = gsl_multifit_wlinear(X, w, z, c, cov, &chisq, ws);
		if (status) {
			err = rh_error__set(RH_ENUM, "%s: weighted least squares failed at iteration %u: %s", fn, it,
					    gsl_strerror(status));
			goto done;
		}
		for (i = 0; i < m; i++)
			mu[i] = exp(off[i] + gsl_vector_get(c, 0) + gsl_vector_get(c, 1) * x[i]);
		dev = poisson_deviance(y, mu, m);
		if (!isfinite(dev)) {
			err = rh_error__set(RH_ENUM, "%s: the fit diverged at iteration %u", fn, it);
			goto done;
		}
		out->iterations = it;
		if (fabs(dev - dev_old) < 1e-10 * (fabs(dev) + 0.1)) {
			out->converged = 1;
			break;
		}
		dev_old = dev;
	}
	out->b1 = gsl_vector_get(c, 1);
	out->b0 = gsl_vector_get(c, 0) - out->b1 * xbar;
	out->deviance = dev;

	/* Covariance = inverse Fisher information (X' diag(mu) X)^-1 at the
	 * final mu: one more weighted fit, keeping only its covariance. */
	for (i = 0; i < m; i++) {
		double r = y[i] - mu[i];
		gsl_vector_set(w, i, mu[i]);
		gsl_vector_set(z, i, 0);
		pearson += r * r / mu[i];
	}
	status = gsl_multifit_wlinear(X, w, z, c, cov, &chisq, ws);
	se = sqrt(gsl_matrix_get(cov, 1, 1));
	if (status || !isfinite(se)) {
		err = rh_error__set(RH_ENUM, "%s: no standard error for the slope%s%s", fn, status ? ": " : "",
				    status ? gsl_strerror(status) : "");
		goto done;
	}
	out->se_b1 = se;
	/* Wald test and interval on the log scale (normal approximation). */
	out->z = out->b1 / se;
	out->p_value = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
	zcrit = gsl_cdf_ugaussian_Qinv(0.025);
	out->rate_ratio = exp(10 * out->b1);
	out->rr_low = exp(10 * (out->b1 - zcrit * se));
	out->rr_high = exp(10 * (out->b1 + zcrit * se));
	/* Pearson dispersion: near 1 for Poisson data, above it when the
	 * counts vary more than the model allows (overdispersion). */
	out->dispersion = m > 2 ? pearson / (double)(m - 2) : NAN;
	/* Quasi-Poisson (McCullagh & Nelder 1989, 4.5): the same slope, its
	 * standard error times sqrt(dispersion), a t test on m - 2 degrees of
	 * freedom as R's summary.glm(family = quasipoisson) gives it, and the
	 * Wald interval with the t quantile. Only for overdispersed counts. */
	out->qp_rr_low = out->qp_rr_high = out->qp_p_value = NAN;
	if (m > 2 && out->dispersion > 1) {
		double df = (double)(m - 2), sq = se * sqrt(out->dispersion), tcrit = gsl_cdf_tdist_Qinv(0.025, df);
		out->qp_p_value = 2 * gsl_cdf_tdist_Q(fabs(out->b1 / sq), df);
		out->qp_rr_low = exp(10 * (out->b1 - tcrit * sq));
		out->qp_rr_high = exp(10 * (out->b1 + tcrit * sq));
	}
	out->fitted = 1;
done:
	if (err < 0)
		trend_unfitted(out, out->n_used);
	gsl_multifit_linear_free(ws);
	gsl_vector_free(c);
	gsl_vector_free(z);
	gsl_vector_free(w);
	gsl_matrix_free(cov);
	gsl_matrix_free(X);
	free(mu);
	free(off);
	free(y);
	free(x);
	return err;
}
