/* rhetor/ngram.h: the multi-word rule, n-gram counts and multiword-expression scores. */
#ifndef RHETOR_NGRAM_H
#define RHETOR_NGRAM_H

#include <stddef.h>

#include "common.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The one rule for every multi-word unit (a phrase match, an n-gram): token
 * i joins token i + 1 when both are in one sentence and only white space
 * (spaces, tabs, line ends, form feeds, NBSP) lies between them in `text`,
 * the bytes `t` was tokenised from. A comma, a full stop, a line-end hyphen
 * or a blank line (which ends a sentence) between them breaks the unit.
 * 0 when i + 1 is not a token of `t`.
 */
RH_EXTERN(int) rh_ngram_joins(const rh_tokens *t, const char *text, size_t i);

#ifdef __cplusplus
}
#endif

#endif
