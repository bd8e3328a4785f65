/* rhetor/trends.h: concept rates over time per group, trend fits, and the adoption of concepts by groups. */
#ifndef RHETOR_TRENDS_H
#define RHETOR_TRENDS_H

#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "counts.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	/* Metadata column holding each document's time, e.g. "year". Required. */
	const char *time_col;
	/*
	 * 0: every distinct time value is a period. > 0: the time column is
	 * read as numbers and binned into periods of this width, each named by
	 * its start: period = width * floor(value / width) (5 gives 1990,
	 * 1995, ...).
	 */
	double period_width;
} rh_trends_options;

#define RH_TRENDS_OPTIONS_INIT { NULL, 0 }

typedef struct rh_trends rh_trends;

/*
 * Sorts every document of `c` (which must have a dictionary) into its
 * group and period and sums the counts of the one counting pass per group x
 * period x concept. `c` is borrowed and must outlive the result.
 *
 * The time column is numeric when period_width > 0, or when more than half
 * of the documents with a value there hold a number (as "1990" or
 * "1990.5"); periods are then ordered as numbers, and written as numbers
 * ("%.10g"). Otherwise periods are the values as written, in byte order,
 * and no trend is fitted. A document whose time value is empty, or not a
 * number when the column is numeric, belongs to no period: it is left out
 * of every trends table and listed by rh_trends_untimed.
 *
 * Returns 0; RH_EUSAGE without a dictionary, for a missing time column, a
 * period width that is negative or not finite, or when no document has a
 * usable time value; RH_ENOMEM.
 */
RH_EXTERN(int) rh_trends_new(rh_trends **out, const rh_counts *c, const rh_trends_options *opts);
RH_EXTERN(void) rh_trends_free(rh_trends *t);

/* 1 when periods are numbers (years), 0 when they are text. */
RH_EXTERN(int) rh_trends_numeric(const rh_trends *t);

/* The number of periods: distinct values (or bins) among the timed documents. */
RH_EXTERN(size_t) rh_trends_period_count(const rh_trends *t);

/*
 * The documents left out for want of a usable time value (corpus indices,
 * ascending), their number in *n. Borrowed from t. The caller can name each
 * with rh_corpus_doc_id and show its value with rh_corpus_meta.
 */
RH_EXTERN(const uint32_t *) rh_trends_untimed(const rh_trends *t, size_t *n);

/*
 * Each function below writes one table to `fp` (borrowed), header first,
 * rows in the stated order; `ro` may be NULL (only its table options
 * apply). Groups come in group order (rh_counts_group_name), concepts in
 * dictionary order, periods in period order. Return 0, RH_EIO or RH_ENOMEM.
 */

/*
 * trends.csv: group, period, concept, count, docs, tokens, per_10k, ci_low,
 * ci_high, docs_total. One row per group x period x concept for every
 * period in which the group has at least one document (a zero count is a
 * row; a period without any document of the group is not: nothing was
 * said). count = matches of the concept in the group's documents of the
 * period, docs = those documents that contain the concept, docs_total =
 * all of them, tokens = their tokens; per_10k and its exact Poisson 95%
 * interval (Garwood 1936) from rh_stats_rate_ci (NA when tokens is 0).
 */
RH_EXTERN(int) rh_trends_write_trends(FILE *fp, const rh_results *r);

/*
 * trend_fit.csv: group, concept, rate_ratio_per_decade, ci_low, ci_high,
 * p_value, dispersion, b1, se_b1, n_periods, total_count, note. Per group x
 * concept, rh_stats_poisson_trend over the group's periods with tokens
 * (count of the period on its numeric value, log tokens as offset):
 * rate_ratio_per_decade = exp(10*b1), i.e. per 10 units of the time column,
 * with its 95% Wald interval and p value, and the Pearson dispersion.
 * note is empty for an ordinary fit; otherwise it says why the numbers are
 * NA or special: text periods, no use, fewer than two periods; uses only in
 * the group's last (or first) period, where the likelihood has no maximum
 * and the rate ratio is written as Inf (or 0) with NA interval and p; a fit
 * that did not settle; a numeric failure.
 */
RH_EXTERN(int) rh_trends_write_trend_fit(FILE *fp, const rh_results *r);

/*
 * adoption.csv: group, concept, first_period, first_doc, total_count,
 * docs_with, last_period. For every group with a timed document and every
 * concept: the first period and, within it, the first document (doc_id
 * order) that uses the concept, the matches in all the group's timed
 * documents, the documents using it and the last period with a use. A
 * group that never uses the concept is listed too, with NA periods, an
 * empty first_doc and total_count 0, so the groups at risk are known.
 */
RH_EXTERN(int) rh_trends_write_adoption(FILE *fp, const rh_results *r);

/*
 * adoption_curve.csv: concept, period, adopters, cumulative_adopters,
 * groups, share. For every concept and every period: the groups whose
 * first use is in that period, those whose first use is in it or earlier,
 * the groups with a document in that period or earlier (the groups that
 * could have adopted by then), and cumulative_adopters / groups.
 */
RH_EXTERN(int) rh_trends_write_adoption_curve(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
