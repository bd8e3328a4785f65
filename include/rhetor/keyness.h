/* rhetor/keyness.h: terms and concepts key to one group against another or the rest. */
#ifndef RHETOR_KEYNESS_H
#define RHETOR_KEYNESS_H

#include <stdio.h>

#include "counts.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	const char *target;    /* a group name (a value of the counts' group column) */
	const char *reference; /* another group, or NULL or "rest": every other group */
	int concepts;          /* also the dictionary's concepts (rows with kind "concept") */
} rh_keyness_options;

#define RH_KEYNESS_OPTIONS_INIT { NULL, NULL, 0 }

/*
 * keyness.csv: term, target_count, reference_count, target_per_10k,
 * reference_per_10k, log_likelihood, p_value, q_value, chi2, log_ratio,
 * pct_diff, bic, kind ("term" or "concept"). Target and reference sizes are
 * their tokens; measures from rh_stats_keyness; q values by
 * Benjamini-Hochberg over the rows of one kind that are tested (before
 * top). Every term with target_count + reference_count >= max(1,
 * ro->min_count) and not a stop word; concept counts are their matches.
 * Rows: log_likelihood descending (key terms first, the most under-used
 * last), then term (byte order), then kind. With ro->top = K, for each kind
 * the K rows with the highest positive and the K with the lowest negative
 * log_likelihood. RH_EUSAGE, with a message naming some groups, for an
 * unknown target or reference, a reference equal to the target, a side
 * without tokens, or concepts without a dictionary.
 */
RH_EXTERN(int) rh_keyness_write_keyness(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
