/* rhetor/dict.h: phrase dictionaries: concepts, their patterns, and matching rules. */
#ifndef RHETOR_DICT_H
#define RHETOR_DICT_H

#include <stddef.h>

#include "common.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rh_dict rh_dict;

/*
 * Loads a dictionary CSV with header `concept,pattern` (further columns are
 * kept as annotations). Each pattern is tokenised like the text with `topts`;
 * a word ending in `*` matches any token with that prefix. Concepts are
 * numbered in order of first appearance; patterns in file order. A word may
 * match any number of prefixes. Errors (RH_EPARSE, RH_EIO) name the file and
 * line: a malformed CSV, a missing column, an empty pattern, a pattern
 * repeated within one concept; every bad row is listed in the one message
 * (the first 20, one a line, and how many there are). A FIFO or device is
 * refused by type, a file over RH_MAX_LIST bytes by its size, before reading.
 */
RH_EXTERN(int) rh_dict_load(rh_dict **out, const char *path, const rh_text_options *topts);

/* The same from a buffer; `name` is used in messages. */
RH_EXTERN(int) rh_dict_parse(rh_dict **out, const char *buf, size_t len, const char *name,
			     const rh_text_options *topts);

RH_EXTERN(void) rh_dict_free(rh_dict *d);

/*
 * Problems the dictionary survived: a concept name that is not valid UTF-8
 * (read with U+FFFD, as texts are). The counting pass repeats them in its
 * own warnings.
 */
RH_EXTERN(const rh_warnings *) rh_dict_warnings(const rh_dict *d);

RH_EXTERN(size_t) rh_dict_concept_count(const rh_dict *d);
RH_EXTERN(const char *) rh_dict_concept(const rh_dict *d, size_t concept);

RH_EXTERN(size_t) rh_dict_pattern_count(const rh_dict *d);
/* The pattern as written in the file. */
RH_EXTERN(const char *) rh_dict_pattern(const rh_dict *d, size_t pattern);
RH_EXTERN(size_t) rh_dict_pattern_concept(const rh_dict *d, size_t pattern);
/* Its length in tokens. */
RH_EXTERN(size_t) rh_dict_pattern_length(const rh_dict *d, size_t pattern);

/* Annotation columns (beyond concept and pattern) and their values per pattern. */
RH_EXTERN(size_t) rh_dict_extra_count(const rh_dict *d);
RH_EXTERN(const char *) rh_dict_extra_name(const rh_dict *d, size_t col);
RH_EXTERN(const char *) rh_dict_extra(const rh_dict *d, size_t pattern, size_t col);

#ifdef __cplusplus
}
#endif

#endif
