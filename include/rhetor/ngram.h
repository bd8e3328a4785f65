/* rhetor/ngram.h: the multi-word rule, n-gram counts and multiword-expression scores. */
#ifndef RHETOR_NGRAM_H
#define RHETOR_NGRAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "corpus.h"
#include "table.h"
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

/*
 * N-gram sizes as written: "N" or "MIN-MAX", 1 <= MIN <= MAX <= 5. Returns 0,
 * or RH_EUSAGE with a message quoting `s`.
 */
RH_EXTERN(int) rh_ngram_sizes(const char *s, unsigned *min_size, unsigned *max_size);

/* ---- n-gram counts and multiword-expression candidates --------------- */

typedef struct {
	rh_text_options text;
	unsigned min_size, max_size; /* n-gram sizes, 1 <= min_size <= max_size <= 5 */
	uint64_t min_count;          /* n-grams seen fewer times are dropped (0 or 1: none) */
	double smoothing;            /* added to every cell of the scores, >= 0 */
	/* Optional: documents whose metadata column group_col equals target
	 * are the target of the candidates' keyness, all others the reference. */
	const char *group_col, *target;
	unsigned threads; /* worker threads; 0 = one per core. The result is the same whatever it is. */
	/* Called after each document is read (done, total). */
	void (*progress)(void *ud, size_t done, size_t total);
	void *progress_ud;
} rh_ngrams_options;

#define RH_NGRAMS_OPTIONS_INIT { RH_TEXT_OPTIONS_INIT, 2, 2, 2, 0.5, NULL, NULL, 0, NULL, NULL }

/*
 * One n-gram of min_size..max_size words seen at least min_count times.
 *
 * The scores are those of quanteda's textstat_collocations (Blaheta &
 * Johnson 2001): for a K-word n-gram and each of the 2^K match patterns b
 * (bit i set: position i agrees), c_b is the number of K-word sequences of
 * the corpus (under the multi-word rule) that agree with it on exactly the
 * positions in b, plus the smoothing; lambda = sum over b of
 * (-1)^(K-|b|) ln c_b, sigma = sqrt(sum over b of 1/c_b), z = lambda/sigma.
 * The cells come from counts of masked sequences by inclusion-exclusion
 * (Moebius inversion over the positions): time linear in the corpus.
 * Unigrams (size 1) have no scores (NaN).
 */
typedef struct {
	const char *phrase;    /* the words, normalised, joined by one space; borrowed */
	unsigned size;
	uint64_t count;        /* occurrences */
	uint32_t docs;         /* documents with at least one */
	/* Occurrences inside a run of joined tokens long enough for the next
	 * larger size asked for (0 for the largest): what quanteda reports as
	 * count_nested, the occurrences overlapped by a longer sequence. */
	uint64_t count_nested;
	double lambda, sigma, z;
	uint64_t target_count; /* occurrences in the target documents (0 without one) */
} rh_ngram;

typedef struct rh_ngrams rh_ngrams;

/*
 * Counts every n-gram of `corpus` (borrowed; it must outlive the result)
 * under the multi-word rule and scores the kept ones. min_count prunes
 * level by level (an n-gram is counted only where both of its
 * (n-1)-word parts were kept), so rare n-grams are never all held at once.
 * Rows are ordered by z descending, then phrase (byte order); unigrams by
 * count descending, then phrase. RH_EUSAGE for sizes outside 1..5, a
 * negative or non-finite smoothing, an unknown group column, or a target
 * that no document has; RH_EIO naming a file that cannot be read.
 */
RH_EXTERN(int) rh_ngrams_build(rh_ngrams **out, const rh_corpus *corpus, const rh_ngrams_options *opts);
RH_EXTERN(void) rh_ngrams_free(rh_ngrams *g);

RH_EXTERN(size_t) rh_ngrams_count(const rh_ngrams *g);
/* Row i in table order, or NULL past the end. Borrowed. */
RH_EXTERN(const rh_ngram *) rh_ngrams_at(const rh_ngrams *g, size_t i);
RH_EXTERN(uint64_t) rh_ngrams_tokens(const rh_ngrams *g);
/* Tokens of the target documents (0 without a target). */
RH_EXTERN(uint64_t) rh_ngrams_target_tokens(const rh_ngrams *g);

/*
 * candidates.csv (the list of tables, rhetor/plan.h) from r->ngrams:
 * phrase, size, count, docs, count_nested, lambda, sigma, z and, with a
 * target, target_count, reference_count, target_per_10k,
 * reference_per_10k, log_likelihood, p_value, q_value, log_ratio (measures
 * from rh_stats_keyness with the target's and the other documents' tokens
 * as sizes; Benjamini-Hochberg q values over all rows). The first
 * [candidates] top rows (0: all), in the order of rh_ngrams_at.
 */
RH_EXTERN(int) rh_ngrams_write_candidates(FILE *fp, const rh_results *r);

/*
 * candidates_dictionary.csv: a dictionary of the first [candidates]
 * dictionary_top rows (0: all): concept,pattern,label with the concept the
 * phrase with `_` for spaces, the pattern and the label the phrase, ready
 * for rh_dict_load.
 */
RH_EXTERN(int) rh_ngrams_write_candidates_dictionary(FILE *fp, const rh_results *r);

#ifdef __cplusplus
}
#endif

#endif
