/* freq_internal.h: term ordering shared by every table that ranks terms. */
#ifndef RH_FREQ_INTERNAL_H
#define RH_FREQ_INTERNAL_H

#include "rhetor/vocab.h"

/* Sorts term ids by count[id] descending, then by term (byte order). */
void rh_freq__sort_terms(uint32_t *ids, size_t n, const rh_vocab *v, const uint64_t *count);

#endif
