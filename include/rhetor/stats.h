/* rhetor/stats.h: every statistic of the toolkit, once, as pure functions over counts. */
#ifndef RHETOR_STATS_H
#define RHETOR_STATS_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Conventions of this module. Inputs are plain numbers (counts as doubles,
 * so sums of shards and very large corpora fit); outputs come last, through
 * pointers, as in the numeric libraries these functions sit beside. Every
 * function returns 0, RH_EUSAGE for inputs outside the domain it documents
 * (negative or non-finite counts, a cell larger than its margin, a NULL
 * output), RH_ENOMEM, or RH_ENUM when a numeric routine fails; the message
 * says which argument. A value that is mathematically undefined for valid
 * counts (a ratio with a zero denominator, log 0) is returned as NaN or
 * +-infinity, as each function states; tables print them as NA and Inf.
 * Distributions come from GSL, whose error handler the program is expected
 * to have turned off (the CLI does); the functions never ask GSL anything
 * outside its domain.
 */

/* ---- Poisson intervals ------------------------------------------------- */

/*
 * Exact (central) Poisson interval for an observed count (Garwood 1936):
 * lo = chi2inv((1-level)/2, 2k)/2 (0 when k = 0),
 * hi = chi2inv((1+level)/2, 2k+2)/2, with k = count and level e.g. 0.95.
 * The interval is for the expected count; the rate per 10,000 tokens and its
 * interval are the caller's 1e4*count/tokens, 1e4*lo/tokens, 1e4*hi/tokens,
 * or one call to rh_stats_rate_ci below. `count` >= 0 (need not be an
 * integer), 0 < level < 1.
 */
RH_EXTERN(int) rh_stats_poisson_ci(double count, double level, double *lo, double *hi);

/* The unit of every rate column (per_10k): occurrences per 10,000 tokens. */
#define RH_STATS_PER_10K 10000.0

/*
 * The rate every table writes: count/tokens*per, NaN (written NA) when
 * tokens is 0, so a group or period without tokens has no rate rather than
 * a rate of 0. Every per_10k cell and interval bound goes through it.
 */
RH_EXTERN(double) rh_stats_rate(double count, double tokens, double per);

/*
 * Rate per `per` tokens (1e4 for "per 10,000") with the exact Poisson
 * interval above scaled the same way (rh_stats_rate of the count and of each bound). When tokens
 * is 0 (and so count is 0) the three outputs are NaN and 0 is returned.
 */
RH_EXTERN(int) rh_stats_rate_ci(double count, double tokens, double per, double level,
				double *rate, double *lo, double *hi);

/* ---- TF-IDF ------------------------------------------------------------ */

/* Term-frequency weights; every kind maps a count of 0 to 0. */
typedef enum {
	RH_TF_RAW = 0, /* "raw":  tf = count */
	RH_TF_LOG,     /* "log":  1 + ln(count) (scikit-learn sublinear_tf) */
	RH_TF_BOOL,    /* "bool": 1 when count > 0 */
	RH_TF_PROP,    /* "prop": count / tokens of the unit (tidytext) */
	RH_TF_AUG      /* "aug":  0.5 + 0.5*count/max count in the unit */
} rh_tf_kind;

/* Inverse document frequencies over n units; log is to `idf_base`. */
typedef enum {
	RH_IDF_SMOOTH = 0, /* "smooth": log((1+n)/(1+df)) + 1 (scikit-learn smooth_idf) */
	RH_IDF_PLAIN,      /* "plain":  log(n/df) (quanteda "inverse", tidytext) */
	RH_IDF_PROB,       /* "prob":   max(0, log((n-df)/df)) (Manning et al. 2008) */
	RH_IDF_NONE        /* "none":   1 */
} rh_idf_kind;

/* Normalisation of each unit's weighted vector. */
typedef enum {
	RH_NORM_L2 = 0, /* "l2": divide by the Euclidean length */
	RH_NORM_L1,     /* "l1": divide by the sum of absolute values */
	RH_NORM_NONE    /* "none" */
} rh_norm_kind;

typedef struct {
	rh_tf_kind tf;
	rh_idf_kind idf;
	/* Base of the idf logarithm: 0 (or e) natural log, 10 as quanteda.
	 * The "log" tf always uses the natural log. */
	double idf_base;
	rh_norm_kind norm;
} rh_tfidf_scheme;

/* The default scheme, identical to the "sklearn" preset. */
#define RH_TFIDF_SCHEME_INIT { RH_TF_RAW, RH_IDF_SMOOTH, 0.0, RH_NORM_L2 }

/*
 * Fills *out with a named preset that reproduces its anchor exactly:
 *   "sklearn"  raw count, ln((1+n)/(1+df)) + 1, L2 (TfidfVectorizer defaults)
 *   "quanteda" raw count, log10(n/df), none (dfm_tfidf defaults)
 *   "tidytext" count/unit tokens, ln(n/df), none (bind_tf_idf)
 * RH_EUSAGE (naming the presets) for any other name or a NULL argument.
 */
RH_EXTERN(int) rh_stats_tfidf_preset(const char *name, rh_tfidf_scheme *out);

/*
 * Parse the option spellings given in the enum comments above ("raw",
 * "smooth", "l2", ...); RH_EUSAGE for anything else. The *_name functions
 * give the spelling back (static strings; "?" for an unknown value), so a
 * lock file can state every choice.
 */
RH_EXTERN(int) rh_stats_tf_parse(const char *name, rh_tf_kind *out);
RH_EXTERN(int) rh_stats_idf_parse(const char *name, rh_idf_kind *out);
RH_EXTERN(int) rh_stats_norm_parse(const char *name, rh_norm_kind *out);
RH_EXTERN(const char *) rh_stats_tf_name(rh_tf_kind kind);
RH_EXTERN(const char *) rh_stats_idf_name(rh_idf_kind kind);
RH_EXTERN(const char *) rh_stats_norm_name(rh_norm_kind kind);

/*
 * Term weight of a term occurring `count` times in a unit of `unit_tokens`
 * tokens whose most frequent term occurs `max_count` times (only "prop" and
 * "aug" look at those two). Requires 0 <= count <= max_count (for "aug") and
 * count <= unit_tokens (for "prop"); a count of 0 gives 0 for every kind.
 */
RH_EXTERN(int) rh_stats_tf(rh_tf_kind kind, double count, double unit_tokens, double max_count,
			   double *out);

/*
 * Inverse document frequency of a term found in `df` of `n` units, with the
 * logarithm to `base` (0 = natural). Requires 1 <= df <= n, except "smooth"
 * and "none" which accept df = 0; base must be 0 or positive and not 1.
 */
RH_EXTERN(int) rh_stats_idf(rh_idf_kind kind, double base, double n, double df, double *out);

/*
 * Normalises v[0..n) in place by `norm`. A zero vector stays zero (as
 * scikit-learn leaves it). RH_EUSAGE for a non-finite element.
 */
RH_EXTERN(int) rh_stats_normalize(rh_norm_kind norm, double *v, size_t n);

/* ---- Collocation ------------------------------------------------------- */

/*
 * Surface co-occurrence of a node with a collocate (Evert 2008). Table:
 *   O11 collocate tokens inside the node's windows, O12 = R1 - O11,
 *   O21 = C1 - O11, O22 = N - R1 - C1 + O11, Eij = Ri*Cj/N.
 */
typedef struct {
	double o11, o12, o21, o22;
	double e11, e12, e21, e22;
	double mi;             /* log2(O11/E11) (Church & Hanks 1990); -Inf when O11 = 0 */
	double mi3;            /* log2(O11^3/E11) (Daille 1994); -Inf when O11 = 0 */
	double t_score;        /* (O11-E11)/sqrt(O11); NaN when O11 = 0 */
	double z_score;        /* (O11-E11)/sqrt(E11) */
	double log_likelihood; /* 2*sum Oij ln(Oij/Eij), negative when O11 < E11 (Dunning 1993) */
	double p_value;        /* upper tail of chi-square(1) at |G2| */
	double dice;           /* 2*O11/(f(node)+f(collocate)) */
	double log_dice;       /* 14 + log2(Dice) (Rychly 2008); -Inf when O11 = 0 */
	double delta_p;        /* O11/R1 - O21/(N-R1) (Gries 2013); NaN when R1 = 0 or R1 = N */
} rh_colloc;

/*
 * Every collocation measure of docs/design.md from o11 (collocate tokens in the
 * node's windows), r1 (total window size), c1 (collocate frequency), n
 * (corpus tokens) and f_node (node frequency, for Dice). Requires all >= 0,
 * n > 0, o11 <= r1, o11 <= c1, r1 + c1 - o11 <= n, f_node + c1 > 0.
 */
RH_EXTERN(int) rh_stats_collocation(double o11, double r1, double c1, double n, double f_node,
				    rh_colloc *out);

/* ---- Keyness ----------------------------------------------------------- */

typedef struct {
	/* Signed 4-cell log-likelihood G2 (Dunning 1993; Rayson & Garside
	 * 2000): positive when the term is relatively more frequent in the
	 * target (a/N1 > b/N2), negative when less. As AntConc and quanteda's
	 * textstat_keyness(measure = "lr", correction = "none"). */
	double log_likelihood;
	double p_value;   /* upper tail of chi-square(1) at |G2| */
	/* Pearson chi-square on the same 2x2 table, no Yates correction,
	 * signed like G2 (as quanteda's measure = "chi2", correction = "none"). */
	double chi2;
	/* log2((a/N1)/(b/N2)) with a zero count replaced by 0.5 (Hardie 2014). */
	double log_ratio;
	/* 100*(a/N1 - b/N2)/(b/N2) (Gabrielatos & Marchi 2011); +Inf when
	 * b = 0 < a (the limit; no small number is substituted), NaN when
	 * a = b = 0. */
	double pct_diff;
	/* |G2| - ln(N1+N2) (Wilson 2013): the BIC approximation for one degree
	 * of freedom, an amount of evidence for a difference whatever its
	 * direction, so it uses |G2| (the sign lives in log_likelihood and
	 * log_ratio); with signed G2 an under-used term would read as strong
	 * evidence against any difference. */
	double bic;
} rh_keyness;

/*
 * Keyness of a term counted a times in a target of n1 tokens and b times in
 * a reference of n2 tokens. Requires 0 <= a <= n1, 0 <= b <= n2, n1 > 0,
 * n2 > 0.
 */
RH_EXTERN(int) rh_stats_keyness(double a, double b, double n1, double n2, rh_keyness *out);

/*
 * Benjamini-Hochberg adjusted p values (Benjamini & Hochberg 1995), as R's
 * p.adjust(method = "BH"): q(i) = min over ranks j >= rank(i) of
 * m*p(j)/j, capped at 1; equal p values get equal q values and the order of
 * q follows the order of p. NaN entries are left out of m and give NaN.
 * q may be the same array as p. RH_EUSAGE for p outside [0, 1].
 */
RH_EXTERN(int) rh_stats_bh_qvalues(const double *p, size_t n, double *q);

/* Upper tail of chi-square(df) at x >= 0, 0 < df <= 1e6: the p value of a
 * G2 or chi2. */
RH_EXTERN(int) rh_stats_chisq_p(double x, double df, double *p);

/* ---- Concept co-occurrence -------------------------------------------- */

typedef struct {
	double jaccard;        /* both/(both + a_only + b_only); NaN when all three are 0 */
	double pmi;            /* log2(P(a,b)/(P(a)P(b))) = log2(both*N/((both+a_only)(both+b_only))) */
	double log_likelihood; /* signed G2 of the 2x2 table, negative when both < expected */
	double p_value;        /* upper tail of chi-square(1) at |G2| */
} rh_cooc;

/*
 * Co-occurrence of two concepts over N = both + a_only + b_only + neither
 * units (documents or sentences). PMI is -Inf when both = 0 and NaN when a
 * or b occurs in no unit. Requires all counts >= 0 and N > 0.
 */
RH_EXTERN(int) rh_stats_cooc(double both, double a_only, double b_only, double neither,
			     rh_cooc *out);

/* ---- Dispersion -------------------------------------------------------- */

typedef struct {
	double range;      /* parts where the term occurs */
	double dp;         /* Gries (2008) DP, 0 (even) .. 1 - min s (clumped); NaN if the term never occurs */
	double dp_norm;    /* DP/(1 - min s) (Lijffijt & Gries 2012); NaN with one part */
	double juilland_d; /* Juilland's D (Juilland & Chang-Rodriguez 1964); NaN with one part */
} rh_dispersion;

/*
 * Dispersion of a term counted counts[i] times in part i of sizes[i] tokens,
 * i < k. DP = 0.5*sum|v_i - s_i| with s_i = sizes_i/sum sizes and v_i =
 * counts_i/sum counts (Gries 2008). Juilland's D = 1 - CV/sqrt(k-1), CV the
 * population standard deviation over the mean of the relative frequencies
 * counts_i/sizes_i: for equal parts this is the classical measure on raw
 * counts; for unequal parts (documents) it compares rates, so a long
 * document does not look like a concentration. Parts of size 0 carry no
 * text and are left out of every measure (k counts only the others); a
 * count above 0 in such a part, or above its size, is RH_EUSAGE. D is NaN
 * when the term never occurs.
 */
RH_EXTERN(int) rh_stats_dispersion(const double *counts, const double *sizes, size_t k,
				   rh_dispersion *out);

/* ---- Trends: Poisson regression --------------------------------------- */

typedef struct {
	/* 1 when the model was fitted; 0 when the data cannot identify a slope
	 * (no count above 0, or fewer than two distinct years with tokens):
	 * then every double below is NaN. */
	int fitted;
	/* 1 when the deviance settled (|change| < 1e-10*(|deviance| + 0.1), R's
	 * rule with a tighter tolerance); 0 after 100 iterations without. A
	 * series that is 0 until its last year has an infinite slope: the fit
	 * stops with a very large b1 and se_b1 and p near 1, as R's glm does. */
	int converged;
	unsigned iterations;
	size_t n_used;          /* rows used: those with exposure > 0 */
	double b0, b1;          /* log(mu) = b0 + b1*year + log(exposure) */
	double se_b1;           /* from the inverse Fisher information */
	double z, p_value;      /* Wald test of b1 = 0, two-sided normal */
	double rate_ratio;      /* per decade: exp(10*b1) */
	double rr_low, rr_high; /* exp(10*(b1 -+ z(0.975)*se)), z(0.975) = 1.959964 */
	double deviance;        /* 2*sum(y ln(y/mu) - (y - mu)) */
	double dispersion;      /* Pearson: sum (y-mu)^2/mu / (n_used - 2); NaN when n_used = 2 */
	/* Quasi-Poisson, when dispersion > 1 (else NaN): se*sqrt(dispersion), the
	 * interval exp(10*(b1 -+ t(0.975, n_used-2)*se*sqrt(dispersion))) and the
	 * two-sided t p value on n_used - 2 degrees of freedom (R's summary.glm
	 * with family = quasipoisson). */
	double qp_rr_low, qp_rr_high, qp_p_value;
} rh_poisson_trend;

/*
 * Poisson regression of count on year with log(exposure) as offset, by
 * iteratively reweighted least squares (Nelder & Wedderburn 1972; McCullagh
 * & Nelder 1989), each step a GSL weighted least-squares fit, started as R's
 * glm does (mu = y + 0.1), the year centred internally. Rows with exposure 0
 * are skipped (their count must be 0). Requires finite years, counts >= 0,
 * exposure >= 0. See `fitted` for data that cannot be fitted (return 0).
 */
RH_EXTERN(int) rh_stats_poisson_trend(const double *year, const double *count,
				      const double *exposure, size_t n, rh_poisson_trend *out);

#ifdef __cplusplus
}
#endif

#endif
