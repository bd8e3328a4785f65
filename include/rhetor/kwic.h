/* rhetor/kwic.h: every phrase match in its context, as written. */
#ifndef RHETOR_KWIC_H
#define RHETOR_KWIC_H

#include <stdio.h>

#include "counts.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * kwic.csv: doc_id, concept, pattern, sentence, token_start, left, match,
 * right, byte_start, byte_end, then `group` when the counts were grouped.
 * One row per match, in the counts' order (document, token, concept).
 * `pattern` is the dictionary pattern as written; sentence and token_start
 * count from 0 within the document; match is the original bytes
 * [byte_start, byte_end) of the document, left and right the context kept
 * by the pass (line breaks shown as spaces). Needs counts built with a
 * dictionary and kwic_context > 0 (RH_EUSAGE otherwise).
 */
RH_EXTERN(int) rh_kwic_write_kwic(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
