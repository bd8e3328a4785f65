/* dict_internal.h: phrase matching on token word sets, used by the counting pass. */
#ifndef RH_DICT_INTERNAL_H
#define RH_DICT_INTERNAL_H

#include "internal.h"
#include "rhetor/dict.h"

/*
 * Dictionary words are the distinct pattern words (exact, or prefixes from
 * `word*`). A term of n bytes matches at most n + 1 of them (itself and one
 * prefix per length). Writes the ids of the words term s[0..n) matches into
 * words[0..n] (room for n + 1) and returns how many (0 = none).
 */
size_t rh_dict__term_words(const rh_dict *d, const char *s, size_t n, uint32_t *words);

/* Bad rows of a dictionary reported in one error; more are counted. */
#define RH_DICT_MAX_ERRORS 20

/* The word set of one token: `n` ids at `pool + off`. */
typedef struct {
	uint32_t off;
	uint32_t n;
} rh_dict__set;

typedef struct {
	uint32_t concept, pattern, start, len;
} rh_dict__hit;

/*
 * Matches the dictionary over one document: token i has word set sets[i]
 * (ids in `pool`); join[i] is nonzero when only white space separates token
 * i from token i-1. Within a concept the longest pattern starting at a token
 * wins (ties: the first in file order) and matches do not overlap; concepts
 * match independently; the words of a match are separated by white space
 * alone (a comma, full stop or dash between them breaks the phrase, a line
 * break does not), as when punctuation is kept as tokens. Hits are appended to *hits (grown with rh__grow) ordered by start,
 * then concept. `next_free` is scratch of rh_dict_concept_count entries.
 * Returns 0 or RH_ENOMEM.
 */
int rh_dict__match(const rh_dict *d, size_t ntok, const rh_dict__set *sets, const uint32_t *pool,
		   const uint8_t *join, uint32_t *next_free, rh_dict__hit **hits, size_t *nhits,
		   size_t *cap);

/* Adds a warning (copied) to the dictionary's: a dictionary read back from a counts file gets its own again. */
int rh_dict__warn(rh_dict *d, const char *msg);

#endif
