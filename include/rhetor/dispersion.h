/* rhetor/dispersion.h: how evenly terms and concepts spread over the documents of a corpus. */
#ifndef RHETOR_DISPERSION_H
#define RHETOR_DISPERSION_H

#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "counts.h"
#include "report.h"
#include "stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Dispersion of a term (`term` an id of rh_counts_vocab(c)) or of a
 * concept of c's dictionary (`concept` an index into it) over the parts
 * that are the corpus's documents, each of its own size in tokens:
 * rh_stats_dispersion with counts[i] = occurrences in document i and
 * sizes[i] = its tokens. So DP compares each document's share of the
 * occurrences with its share of the corpus (Gries 2008), DPnorm divides by
 * DP's maximum (Lijffijt & Gries 2012), and Juilland's D is computed on the
 * documents' rates (occurrences per token) rather than raw counts, which
 * for parts of unequal size keeps a long speech from looking like a
 * concentration; documents without tokens are no part. Return 0; RH_EUSAGE
 * for an id out of range (or a concept without a dictionary).
 */
RH_EXTERN(int) rh_dispersion_term(const rh_counts *c, uint32_t term, rh_dispersion *out);
RH_EXTERN(int) rh_dispersion_concept(const rh_counts *c, size_t concept, rh_dispersion *out);

/*
 * dispersion.csv: term, count, range, dp, dp_norm, juilland_d, kind.
 * First the terms (kind "term"): by corpus count descending then term
 * (byte order), stop words (ro->stop) and terms under ro->min_count left
 * out, the first ro->top kept (0 all). Then, when c has a dictionary, one
 * row per concept in dictionary order (kind "concept", the concept's name
 * in the term column; top, stop words and min_count do not apply). count
 * is the corpus total and range the number of documents with at least one
 * occurrence. Returns 0, RH_EIO or RH_ENOMEM.
 */
RH_EXTERN(int) rh_dispersion_write_dispersion(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
