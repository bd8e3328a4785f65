/* rhetor/select.h: selections: which documents a test on their metadata keeps. */
#ifndef RHETOR_SELECT_H
#define RHETOR_SELECT_H

#include <stddef.h>

#include "common.h"
#include "corpus.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A selection is one or more tests, all of which must hold:
 *
 *   COLUMN OP VALUE     OP one of = != < <= > >=
 *   COLUMN in A,B,C     the value is one of the list
 *   COLUMN not in A,B   the value is none of the list
 *
 * White space around the column, the operator and each value is ignored.
 * A comparison is numeric when both sides are numbers (strtod reads all of
 * each, finitely: "2013" and "2013.0" are equal) and byte-wise otherwise
 * ("CHN" < "USA"). A document without a value in the column (an empty
 * cell) fails every test but != and not in.
 */
typedef struct rh_selection rh_selection;

/*
 * Parses `text`: one test, or several separated by ';'. Returns 0,
 * RH_EUSAGE with a message quoting the test, or RH_ENOMEM. *out belongs to
 * the caller (free with rh_selection_free).
 */
RH_EXTERN(int) rh_selection_parse(rh_selection **out, const char *text);
RH_EXTERN(void) rh_selection_free(rh_selection *s);

/* 1 when `text` reads as a selection (it holds an operator), 0 when it is a plain value. */
RH_EXTERN(int) rh_selection_is_expr(const char *text);

/*
 * Checks that every column the selection names is a metadata column of
 * `c`: RH_EUSAGE naming the column and listing the columns otherwise.
 */
RH_EXTERN(int) rh_selection_check(const rh_selection *s, const rh_corpus *c);

/* 1 when document `doc` of `c` passes every test (the columns checked first). */
RH_EXTERN(int) rh_selection_match(const rh_selection *s, const rh_corpus *c, size_t doc);

/*
 * Keeps only the documents of `c` that pass; the others leave the corpus
 * (ids, metadata and order of the rest unchanged), so every table of the
 * corpus afterwards equals that of a corpus holding only the kept
 * documents. *left_out gets how many left. Returns 0 or RH_EUSAGE (an
 * unknown column).
 */
RH_EXTERN(int) rh_corpus_select(rh_corpus *c, const rh_selection *s, size_t *left_out);

#ifdef __cplusplus
}
#endif

#endif
