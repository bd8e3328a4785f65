/* rhetor/tfidf.h: TF-IDF weights of documents or groups, and cosine similarity between them. */
#ifndef RHETOR_TFIDF_H
#define RHETOR_TFIDF_H

#include <stddef.h>
#include <stdio.h>

#include "common.h"
#include "counts.h"
#include "report.h"
#include "stats.h"
#include "table.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Which terms enter the matrix and how they are weighted. Terms are left
 * out before any weight is computed (as scikit-learn drops stop words and
 * applies min_df/max_df before its idf): a left-out term changes neither
 * the norm of a unit nor its "prop" and "aug" denominators, which are the
 * sum and the maximum of the counts of the terms kept in the unit.
 */
typedef struct {
	rh_tfidf_scheme scheme;  /* RH_TFIDF_SCHEME_INIT: the "sklearn" preset */
	int by_group;            /* units: 0 = documents, 1 = the groups of the counts */
	/*
	 * Document-frequency limits with scikit-learn's meaning: a number of
	 * units when the *_fraction flag is 0, a fraction of the n units
	 * (0..1, compared as df <= max_df*n, df >= min_df*n) when it is 1.
	 * Kept: min <= df <= max, df counted over the units.
	 */
	double min_df;
	int min_df_fraction;
	double max_df;
	int max_df_fraction;
	long min_count;          /* terms seen fewer times in the corpus are left out */
	const rh_vocab *stop;    /* stop words, left out; NULL for none (borrowed) */
} rh_tfidf_options;

/* sklearn preset, document units, min_df = 1 (count), max_df = 1.0 (fraction). */
#define RH_TFIDF_OPTIONS_INIT { RH_TFIDF_SCHEME_INIT, 0, 1.0, 0, 1.0, 1, 0, NULL }

/* The weighted unit x term matrix (a GSL sparse matrix inside). */
typedef struct rh_tfidf rh_tfidf;

/*
 * Builds the count matrix of the units from `c` (documents, or the groups
 * of c's group column with each group's document counts summed before
 * weighting; n is then the number of groups and df counts groups), leaves
 * out terms by `opts` (NULL: defaults) and weighs every cell with the
 * formulas of rh_stats_tf, rh_stats_idf and rh_stats_normalize. `c` is
 * borrowed and must outlive the result. Returns 0; RH_EUSAGE when max_df
 * allows fewer units than min_df, when the limits leave out every term,
 * for a limit outside its domain, or for a group of 2^32 tokens or more (a
 * unit's counts are held in 32 bits); RH_ENOMEM; RH_ENUM when GSL fails.
 */
RH_EXTERN(int) rh_tfidf_build(rh_tfidf **out, const rh_counts *c, const rh_tfidf_options *opts);
RH_EXTERN(void) rh_tfidf_free(rh_tfidf *t);

/* Units (documents in corpus order, or groups in group order) and their names (borrowed). */
RH_EXTERN(size_t) rh_tfidf_unit_count(const rh_tfidf *t);
RH_EXTERN(const char *) rh_tfidf_unit_name(const rh_tfidf *t, size_t unit);
/* Number of distinct terms kept, and of non-zero count cells. */
RH_EXTERN(size_t) rh_tfidf_term_count(const rh_tfidf *t);
RH_EXTERN(size_t) rh_tfidf_cell_count(const rh_tfidf *t);

/* One cell: the columns of tfidf.csv. */
typedef struct {
	double count; /* occurrences of the term in the unit */
	double tf;    /* term weight */
	double df;    /* units containing the term */
	double idf;   /* inverse document frequency */
	double tfidf; /* tf*idf, normalised over the unit */
} rh_tfidf_cell;

/*
 * The cell of `term` (normalised text, `len` bytes) in `unit`. A term that
 * the unit does not contain, or that was left out, gives a cell of zeros
 * (df and idf included when the term was kept). RH_EUSAGE for a unit out of
 * range.
 */
RH_EXTERN(int) rh_tfidf_cell_get(const rh_tfidf *t, size_t unit, const char *term, size_t len,
				 rh_tfidf_cell *out);

/*
 * tfidf.csv: unit, term, count, tf, df, idf, tfidf, rank. Units in unit
 * order; within a unit, terms by tfidf descending then term (byte order),
 * rank being that position from 1; ro->top keeps the first K (0 all).
 * ro->min_count and ro->stop are not looked at (they belong to the build).
 * Returns 0, RH_EIO or RH_ENOMEM.
 */
RH_EXTERN(int) rh_tfidf_write_tfidf(FILE *fp, const rh_results *r);

/*
 * Cosine similarity of every pair of units on their weighted vectors:
 * w_a.w_b/(|w_a||w_b|), from the sparse product W W' (GSL sparse BLAS).
 * NaN when either vector is zero.
 *
 * rh_tfidf_similarity_matrix fills out[a*n + b] for all n*n pairs (n =
 * rh_tfidf_unit_count; the caller allocates), for small numbers of units.
 *
 * rh_tfidf_write_similarity writes similarity.csv: unit_a, unit_b, cosine,
 * the upper triangle (a before b in unit order) in long form, ordered by a
 * then b. top > 0 keeps only the pairs in which b is one of a's `top`
 * nearest units or a one of b's (cosine descending, then unit order; NaN
 * never counts as near). Memory stays bounded however many units there are;
 * time grows with the square of their number.
 * Both return 0, RH_EIO, RH_ENOMEM or RH_ENUM.
 */
RH_EXTERN(int) rh_tfidf_similarity_matrix(const rh_tfidf *t, double *out);
RH_EXTERN(int) rh_tfidf_write_similarity(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
