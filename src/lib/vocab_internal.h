/* vocab_internal.h: vocabulary calls that take a precomputed hash. */
#ifndef RH_VOCAB_INTERNAL_H
#define RH_VOCAB_INTERNAL_H

#include "internal.h"
#include "rhetor/vocab.h"

int64_t rh_vocab__intern_h(rh_vocab *v, const char *s, size_t n, uint64_t h);
int64_t rh_vocab__find_h(const rh_vocab *v, const char *s, size_t n, uint64_t h);

#endif
