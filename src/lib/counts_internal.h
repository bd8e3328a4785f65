/* counts_internal.h: counts put together from their parts (a counts file, merged shards). */
#ifndef RH_COUNTS_INTERNAL_H
#define RH_COUNTS_INTERNAL_H

#include "internal.h"
#include "rhetor/counts.h"

/*
 * Everything the counting pass keeps that cannot be derived from the rest:
 * what rh_counts__assemble takes over (every array malloc'd; each pointer
 * is set to NULL once taken, so the caller frees what is left either way).
 * Term totals and document frequencies, corpus and group token sums and the
 * documents of each group are derived again from these.
 */
typedef struct {
	size_t ndocs;
	rh_doc_stats *docs;          /* ndocs; group indexes into groups */
	rh_vocab *vocab;             /* term ids as the rows use them */
	uint64_t *row_ptr;           /* ndocs + 1 */
	uint32_t *col, *val;         /* row_ptr[ndocs] pairs, each row in first-occurrence order */
	char **groups;               /* ngroups names, sorted (byte order) */
	size_t ngroups;
	rh_match *matches;           /* by document, token, concept */
	size_t nmatches;
	char **kwic;                 /* 3 per match, or NULL */
	size_t nconcepts;
	uint64_t *r1, *f_node;       /* ngroups x nconcepts, or NULL when both are 0 */
	rh_cooc_cell *cells;         /* by (group x concept, term) */
	uint64_t *cell_ptr;          /* ngroups x nconcepts + 1, or NULL when there are no cells */
	rh_warnings warnings;        /* the pass's own, the dictionary's first */
} rh_counts__parts;

/* 0 when every document kept its row, else an error saying that `what` needs them all. */
int rh_counts__need_rows(const rh_counts *c, const char *what);

/* Frees what `p` still holds. */
void rh_counts__parts_free(rh_counts__parts *p);

/*
 * Counts from their parts, over `corpus` and `dict` (borrowed, as for
 * rh_counts_build) with options `opts` (copied; group_col is copied too).
 * Takes what `p` holds. Returns 0, RH_ENOMEM, or RH_EPARSE when the parts
 * disagree with each other (a term id past the vocabulary, a group past the
 * groups).
 */
int rh_counts__assemble(rh_counts **out, const rh_corpus *corpus, const rh_dict *dict,
			const rh_counts_options *opts, rh_counts__parts *p);

#endif
