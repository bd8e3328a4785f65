/* freq_internal.h: term ordering shared by every table that ranks terms. */
#ifndef RH_FREQ_INTERNAL_H
#define RH_FREQ_INTERNAL_H

#include "rhetor/vocab.h"

/* Sorts term ids by count[id] descending, then by term (byte order). */
void rh_freq__sort_terms(uint32_t *ids, size_t n, const rh_vocab *v, const uint64_t *count);

/*
 * The header documents.csv gives metadata column `name`: "meta_" + name when
 * rhetor's own columns have that name (doc_id, tokens, types, sentences), so
 * no two columns share a name. `buf` holds the renamed form.
 */
const char *rh_freq__documents_column(const char *name, char *buf, size_t n);

#endif
