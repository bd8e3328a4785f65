/* rhetor/counts.h: the one streaming pass over a corpus, and every count it yields. */
#ifndef RHETOR_COUNTS_H
#define RHETOR_COUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "corpus.h"
#include "dict.h"
#include "text.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	rh_text_options text;
	const rh_dict *dict;     /* phrases to match, or NULL */
	const char *group_col;   /* metadata column that groups documents, or NULL (one group "all") */
	unsigned threads;        /* worker threads; 0 = one per core */
	/* Collocation windows: window_left tokens before and window_right
	 * tokens after every phrase match (both 0 = no collocation counts). */
	unsigned window_left, window_right;
	/* Windows, concept co-occurrence units and KWIC context stop at
	 * sentence bounds (otherwise at document bounds). */
	int within_sentence;
	/* Keep KWIC lines with this many tokens of context each side (0 = none). */
	unsigned kwic_context;
	/* Terms are the n-grams of ngram_min..ngram_max words under the
	 * multi-word rule (rh_ngram_joins), joined by one space (both 0: single
	 * words). With ngram_stop, n-grams whose first or last word is in it
	 * are not counted. Collocation windows need single words. */
	unsigned ngram_min, ngram_max;
	const rh_vocab *ngram_stop;
	/* Called from the calling thread after each batch of documents. */
	void (*progress)(void *ud, size_t done, size_t total);
	void *progress_ud;
	/* With rows_group, only the documents of that group (a value of
	 * group_col) keep their row of the document x term matrix; term totals
	 * and document frequencies still count every document. For a pass
	 * whose one reader of rows is keyness of that group against the rest
	 * (the reference is the totals less the target): the readers of every
	 * row (term tables, tf-idf, dispersion, collocates, counts files)
	 * refuse such counts. NULL: every document's row. */
	const char *rows_group;
	/* Keep each document's SHA-256, of its bytes as read, for a corpus
	 * manifest that reads nothing again (rh_analysis_counts_manifest). */
	int digests;
} rh_counts_options;

#define RH_COUNTS_OPTIONS_INIT { RH_TEXT_OPTIONS_INIT, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL, 0 }

typedef struct rh_counts rh_counts;

/*
 * Reads, tokenises, matches and counts every document of `corpus` in one
 * pass. `corpus` and `opts->dict` are borrowed and must outlive the result.
 * The result is the same whatever `threads` is. Documents that cannot be
 * read are errors (RH_EIO naming the file); text problems (invalid UTF-8,
 * NUL bytes, an empty document) are warnings.
 */
RH_EXTERN(int) rh_counts_build(rh_counts **out, const rh_corpus *corpus, const rh_counts_options *opts);
RH_EXTERN(void) rh_counts_free(rh_counts *c);

RH_EXTERN(const rh_warnings *) rh_counts_warnings(const rh_counts *c);
RH_EXTERN(const rh_corpus *) rh_counts_corpus(const rh_counts *c);
RH_EXTERN(const rh_dict *) rh_counts_dict(const rh_counts *c);
RH_EXTERN(const rh_counts_options *) rh_counts_opts(const rh_counts *c);

/* Documents (in corpus order) */
typedef struct {
	uint64_t tokens;
	uint32_t types;     /* distinct words (single words, with or without n-gram terms) */
	uint32_t sentences;
	uint32_t group; /* index into the groups */
} rh_doc_stats;

RH_EXTERN(size_t) rh_counts_doc_count(const rh_counts *c);
RH_EXTERN(const rh_doc_stats *) rh_counts_doc(const rh_counts *c, size_t doc);
RH_EXTERN(uint64_t) rh_counts_tokens(const rh_counts *c);
/* The SHA-256 (32 bytes) of document `doc`'s bytes as the pass read them, or NULL without opts.digests. */
RH_EXTERN(const unsigned char *) rh_counts_doc_sha256(const rh_counts *c, size_t doc);

/* Vocabulary: term ids are dense; corpus totals per term. */
RH_EXTERN(const rh_vocab *) rh_counts_vocab(const rh_counts *c);
RH_EXTERN(uint64_t) rh_counts_term_total(const rh_counts *c, uint32_t term);
RH_EXTERN(uint32_t) rh_counts_term_docs(const rh_counts *c, uint32_t term);

/*
 * The document x term matrix in compressed rows: for document `doc`, *n
 * pairs (terms[k], counts[k]), in order of first occurrence in the
 * document. Borrowed.
 */
RH_EXTERN(void) rh_counts_doc_terms(const rh_counts *c, size_t doc, const uint32_t **terms,
				    const uint32_t **counts, size_t *n);
/* Whether document `doc` kept its row (every document does unless rows_group is set). */
RH_EXTERN(int) rh_counts_has_row(const rh_counts *c, size_t doc);

/* Groups: the distinct values of group_col, sorted (byte order). */
RH_EXTERN(size_t) rh_counts_group_count(const rh_counts *c);
RH_EXTERN(const char *) rh_counts_group_name(const rh_counts *c, size_t group);

/* The documents of `group` (ascending), their count in *n. Borrowed. */
RH_EXTERN(const uint32_t *) rh_counts_group_docs(const rh_counts *c, size_t group, size_t *n);
/* The tokens of all documents in `group`. */
RH_EXTERN(uint64_t) rh_counts_group_tokens(const rh_counts *c, size_t group);
/*
 * Adds the term counts of `group`'s documents into counts[term] and, when
 * `docs` is not NULL, the number of its documents containing each term into
 * docs[term]. Both arrays have rh_vocab_size() entries, owned by the caller.
 */
RH_EXTERN(void) rh_counts_group_sum(const rh_counts *c, size_t group, uint64_t *counts, uint32_t *docs);

/* Phrase matches, ordered by document, token, concept. */
typedef struct {
	uint32_t doc, concept, pattern;
	uint32_t sentence;  /* sentence index in the document */
	uint32_t token;     /* position of the first token */
	uint32_t ntokens;
	uint32_t byte_start, byte_end; /* span in the original text */
} rh_match;

RH_EXTERN(const rh_match *) rh_counts_matches(const rh_counts *c, size_t *n);

/*
 * KWIC text of match `m` (when kwic_context > 0): the original bytes left of,
 * of, and right of the match, NUL-terminated, borrowed.
 */
RH_EXTERN(int) rh_counts_kwic(const rh_counts *c, size_t m, const char **left,
			      const char **match, const char **right);

/*
 * Collocation windows of `concept` in `group` (when a window is set): the
 * span of a concept is every token within the window of one of its matches
 * (clipped at document or sentence bounds), each counted once where windows
 * of nearby matches overlap, and never a token of a match of that concept
 * (Evert 2008). r1 is the size of the span,
 * f_node the number of node matches, and *n cells (term id, o11) with terms
 * in ascending id order. Borrowed.
 */
typedef struct {
	uint32_t term;
	uint32_t o11;
} rh_cooc_cell;

RH_EXTERN(int) rh_counts_collocates(const rh_counts *c, size_t group, size_t concept,
				    const rh_cooc_cell **cells, size_t *n, uint64_t *r1,
				    uint64_t *f_node);

#ifdef __cplusplus
}
#endif

#endif
