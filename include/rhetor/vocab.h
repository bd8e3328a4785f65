/* rhetor/vocab.h: interned vocabulary, term string <-> dense id. */
#ifndef RHETOR_VOCAB_H
#define RHETOR_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rh_vocab rh_vocab;

RH_EXTERN(int) rh_vocab_new(rh_vocab **out);
RH_EXTERN(void) rh_vocab_free(rh_vocab *v);

/*
 * The id of the n bytes at s, adding them if new. Ids are dense, from 0, in
 * order of first interning. Returns the id (>= 0) or RH_ENOMEM.
 */
RH_EXTERN(int64_t) rh_vocab_intern(rh_vocab *v, const char *s, size_t n);

/* The id of s, or -1 when absent. */
RH_EXTERN(int64_t) rh_vocab_find(const rh_vocab *v, const char *s, size_t n);

RH_EXTERN(size_t) rh_vocab_size(const rh_vocab *v);

/* The term with id `id`, NUL-terminated, borrowed from v; its length in *len if non-NULL. */
RH_EXTERN(const char *) rh_vocab_term(const rh_vocab *v, uint32_t id, size_t *len);

/*
 * A word list (stop words): each line's tokens, normalised by the text model
 * with `topts`, become terms; lines starting with '#' are comments.
 * Returns 0, RH_ENOMEM.
 */
RH_EXTERN(int) rh_vocab_load_list(rh_vocab **out, const char *buf, size_t len,
				  const rh_text_options *topts);

#ifdef __cplusplus
}
#endif

#endif
