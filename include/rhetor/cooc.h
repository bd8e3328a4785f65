/* rhetor/cooc.h: collocates of each concept and co-occurrence of concepts, as tables. */
#ifndef RHETOR_COOC_H
#define RHETOR_COOC_H

#include <stdio.h>

#include "counts.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	/* Collocates seen fewer than this many times in a node's windows are left out. */
	long min_o11;
	/* When the counts are grouped, compute the tables once over the whole
	 * corpus instead of per group (no group column). Counts are additive
	 * across groups, so this equals an ungrouped pass. */
	int pooled;
} rh_cooc_options;

#define RH_COOC_OPTIONS_INIT { 1, 0 }

/*
 * collocates.csv: node, collocate, o11, e11, f_node, f_collocate, r1, n, mi,
 * mi3, t_score, z_score, log_likelihood, p_value, dice, log_dice, delta_p,
 * then `group` when the counts were grouped (group_col set) and not pooled. Every concept
 * of the dictionary against every term counted in its windows (the counts
 * need a dictionary and window_left or window_right > 0, else RH_EUSAGE).
 * n and f_collocate are those of the group (the corpus when ungrouped);
 * measures from rh_stats_collocation. Rows: groups in group order, nodes in
 * dictionary order, then log_likelihood descending, then collocate (byte
 * order). ro->stop and ro->min_count (corpus total) leave collocates out,
 * ro->top keeps the first K rows per group and node; `co` may be NULL.
 * Returns 0, RH_EUSAGE, RH_EIO or RH_ENOMEM.
 */
RH_EXTERN(int) rh_cooc_write_collocates(FILE *fp, const rh_results *r);

/*
 * concept_cooc.csv: concept_a, concept_b, both, a_only, b_only, neither,
 * jaccard, pmi, log_likelihood, p_value, then `group` when grouped and not
 * pooled (`co` may be NULL). Units are
 * sentences when the counts were built with within_sentence, else
 * documents; `neither` counts the units of the group with neither concept
 * (all documents, or the sum of their sentences). Every pair a < b in
 * dictionary order, per group; a group with no units has no rows. Measures
 * from rh_stats_cooc. RH_EUSAGE without a dictionary.
 */
RH_EXTERN(int) rh_cooc_write_concept_cooc(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
