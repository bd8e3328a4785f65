/* rhetor/freq.h: the frequency tables: documents, terms, phrases by document and group. */
#ifndef RHETOR_FREQ_H
#define RHETOR_FREQ_H

#include <stdio.h>

#include "counts.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Each function writes one table of docs/design.md to `fp` (borrowed), header
 * first, rows in the stated order. Return 0, RH_EIO or RH_ENOMEM.
 */

/* documents.csv: doc_id, metadata columns..., tokens, types, sentences; corpus order. */
RH_EXTERN(int) rh_freq_write_documents(FILE *fp, const rh_results *r);

/*
 * terms.csv: group, term, count, docs, per_10k, rank. Per group (in group
 * order), terms by count descending then term (byte order); rank is that
 * position, from 1. Stop words and terms under min_count (corpus total) are
 * left out before ranking; top keeps the first K of each group.
 */
RH_EXTERN(int) rh_freq_write_terms(FILE *fp, const rh_results *r);

/*
 * phrases_by_doc.csv: doc_id, concept, count, tokens, per_10k: every
 * document x concept, zeros included; documents in corpus order, concepts in
 * dictionary order. RH_EUSAGE without a dictionary.
 */
RH_EXTERN(int) rh_freq_write_phrases_by_doc(FILE *fp, const rh_results *r);

/*
 * phrases_by_group.csv: group, concept, count, docs_with, docs, tokens,
 * per_10k, ci_low, ci_high: every group x concept; the interval is the exact
 * Poisson 95% interval of the count (Garwood 1936) as a rate per 10,000.
 */
RH_EXTERN(int) rh_freq_write_phrases_by_group(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
