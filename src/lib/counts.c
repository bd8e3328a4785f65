/* counts.c: the one streaming pass: read, tokenise, match and count every document. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "counts_internal.h"
#include "dict_internal.h"
#include "internal.h"
#include "ngram_internal.h"
#include "rhetor/counts.h"
#include "rhetor/file.h"
#include "rhetor/ngram.h"
#include "vocab_internal.h"

/* Collocation counts of one document: (concept, local term) -> o11. */
typedef struct {
	uint32_t concept, term, n;
} coll_entry;

/* An n-gram of packed word ids (0: empty) and its local term. */
typedef struct {
	uint64_t key;
	uint32_t term;
} gram_slot;

/* What a worker hands back for one document, in its own local term ids. */
typedef struct {
	int err;
	char *errmsg;
	unsigned worker;
	uint64_t tokens;
	uint32_t sentences;
	uint32_t types;             /* distinct words */
	uint32_t nterms;
	uint32_t *terms, *counts;   /* local ids, first-occurrence order */
	rh_match *matches;          /* doc field filled at merge */
	size_t nmatches;
	char **kwic;                /* 3 strings per match, or NULL */
	coll_entry *coll;
	size_t ncoll;
	uint64_t *r1;               /* per concept, or NULL */
	char *warn[3];
	uint32_t new_first, nnew;   /* local ids first made in this document */
	rh_vocab__entry *names;     /* their names (in the worker's arena, which never moves) */
	unsigned char sha[32];      /* the SHA-256 of the bytes read (opts.digests) */
} doc_result;

typedef struct {
	rh_vocab *lv;            /* local vocabulary */
	rh_dict__set *lset;      /* local id -> dictionary word set */
	size_t lset_cap;
	uint32_t *pool;          /* word ids of every set */
	size_t pool_n, pool_cap;
	uint32_t *cnt;           /* local id -> count in the current document */
	size_t cnt_cap;
	uint32_t *touched;
	size_t touched_cap;
	uint32_t *ids, *sent;
	uint8_t *join;           /* token i - 1 joins token i (rh_ngram_joins) */
	rh_dict__set *tsets;
	size_t tok_cap;
	rh_dict__hit *hits;
	size_t hits_cap;
	uint32_t *next_free;
	coll_entry *coll;
	size_t coll_cap;
	rh_tokens toks;
	char *buf;
	size_t buf_cap;
	char *gram;              /* an n-gram's words joined by spaces */
	size_t gram_cap;
	uint8_t *lstop;          /* local id -> 0 not looked up, 1 not a stop word, 2 a stop word */
	size_t lstop_n, lstop_cap;
	uint8_t *tstop;          /* the document's tokens: 1 a stop word */
	size_t tstop_cap;
	/* n-grams by their words' local ids: a lookup of one word for each
	 * occurrence; the joined words are made and interned in lv once, when
	 * an n-gram is first seen. The ids packed into one word when they fit
	 * (gtab), else their 4n bytes in gv. */
	gram_slot *gtab;
	size_t gmask, gused;
	rh_vocab *gv;
	uint32_t *g2t;           /* gv id -> local term id */
	size_t g2t_cap;
	uint32_t *occ;           /* the document's n-grams: start << 3 | size, then their terms */
	size_t occ_cap;
	/* Owned by the merging thread, which runs beside the worker: */
	uint32_t *l2g;           /* local -> global id */
	size_t l2g_n, l2g_cap;
	rh_vocab__entry *lname;  /* local id -> name, from the documents' results */
	size_t lname_n, lname_cap;
} worker;

/* Collocation totals over the corpus: key (group*concepts+concept, term). */
typedef struct {
	uint64_t key;  /* gc << 32 | term; UINT64_MAX = empty */
	uint64_t n;
} coll_slot;

struct rh_counts {
	const rh_corpus *corpus;
	const rh_dict *dict;
	rh_counts_options opts;
	rh_warnings warnings;
	size_t ndocs;
	rh_doc_stats *docs;
	uint64_t tokens;
	rh_vocab *vocab;
	uint64_t *term_total;
	uint32_t *term_docs;
	size_t term_cap;
	uint64_t *row_ptr;
	uint32_t *col, *val;
	size_t nnz, nnz_cap;
	size_t rows_gid;       /* the one group whose documents keep rows (rows_group), or SIZE_MAX: all */
	char **groups;
	size_t ngroups;
	uint32_t *group_docs;  /* documents by group */
	uint64_t *group_ptr;   /* per group, into group_docs */
	uint64_t *group_tokens;
	rh_match *matches;
	size_t nmatches, matches_cap;
	char **kwic;
	size_t kwic_cap;
	size_t nconcepts;
	coll_slot *cslots;
	size_t cmask, cused;
	uint64_t *r1, *f_node;         /* per group x concept */
	rh_cooc_cell *cells;           /* sorted by (gc, term) after the pass */
	uint64_t *cell_ptr;            /* per gc */
	unsigned char (*sha)[32];      /* per document, with opts.digests */
	rh_arena arena;
};

/* ---- groups ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int make_groups(rh_counts *c)
{
	long col = -1;
	char **vals;
	size_t n = 0;
	if (c->opts.group_col && (col = rh_corpus_meta_find(c->corpus, c->opts.group_col)) < 0)
		return rh_error__set(RH_EUSAGE, "no metadata column '%s' to group by", c->opts.group_col);
	if (col < 0) {
		if (!(c->groups = rh__malloc(sizeof *c->groups)) ||
		    !(c->groups[0] = rh_arena__strndup(&c->arena, "all", 3)))
			return RH_ENOMEM;
		c->ngroups = 1;
		return 0;
	}
	if (!(vals = rh__malloc((c->ndocs + 1) * sizeof *vals)))
		return RH_ENOMEM;
	for (size_t d = 0; d < c->ndocs; d++) {
		vals[d] = (char *)rh_corpus_meta(c->corpus, d, (size_t)col);
		/* A group name is a cell of every grouped row: a long one multiplies. */
		if (strlen(vals[d]) > RH_MAX_GROUP_NAME) {
			free(vals);
			return rh_error__set(RH_EPARSE, "%s: %s has a value of %zu bytes; a group name may have at most %d",
					     rh_corpus_doc_id(c->corpus, d), c->opts.group_col,
					     strlen(rh_corpus_meta(c->corpus, d, (size_t)col)), RH_MAX_GROUP_NAME);
		}
	}
	qsort(vals, c->ndocs, sizeof *vals, cmp_str);
	for (size_t d = 0; d < c->ndocs; d++)
		if (n == 0 || strcmp(vals[n - 1], vals[d]))
			vals[n++] = vals[d];
	c->groups = vals;
	c->ngroups = n;
	for (size_t d = 0; d < c->ndocs; d++) {
		const char *v = rh_corpus_meta(c->corpus, d, (size_t)col);
		char *const *hit = bsearch(&v, c->groups, n, sizeof *c->groups, cmp_str);
		c->docs[d].group = (uint32_t)(hit - c->groups);
	}
	return 0;
}

/* ---- the worker's side: one document ------------------------------- */

/* A new local id's count, zero. */
static inline int local_new(worker *w, size_t id)
{
	if (rh__grow(&w->cnt, &w->cnt_cap, id + 1, sizeof *w->cnt) < 0)
		return RH_ENOMEM;
	w->cnt[id] = 0;
	return 0;
}

static inline int local_term_key(worker *w, const rh_dict *dict, const char *s, size_t n, const rh_vocab__key *key,
				 uint32_t *out)
{
	size_t before = w->lv->n;
	/* rh_tokens keeps RH_TOKENS_PAD readable bytes after every form. */
	int64_t id = key ? rh_vocab__intern_key(w->lv, s, n, key) : rh_vocab__intern_padded(w->lv, s, n);
	if (id < 0)
		return (int)id;
	if ((size_t)id == before) {
		if (local_new(w, (size_t)id) < 0)
			return RH_ENOMEM;
		if (dict) {
			/* A term matches at most n + 1 dictionary words: written in place. */
			if (rh__grow(&w->lset, &w->lset_cap, (size_t)id + 1, sizeof *w->lset) < 0 ||
			    rh__grow(&w->pool, &w->pool_cap, w->pool_n + n + 1, sizeof *w->pool) < 0)
				return RH_ENOMEM;
			size_t k = rh_dict__term_words(dict, s, n, w->pool + w->pool_n);
			w->lset[id].off = (uint32_t)w->pool_n;
			w->lset[id].n = (uint32_t)k;
			w->pool_n += k;
		}
	}
	*out = (uint32_t)id;
	return 0;
}

static inline int local_term(worker *w, const rh_dict *dict, const char *s, size_t n, uint32_t *out)
{
	return local_term_key(w, dict, s, n, NULL, out);
}

/* A copy of s[0..n); with `squash`, each run of line breaks and tabs becomes one space. */
static char *dup_span(const char *s, size_t n, int squash)
{
	char *d = rh__strndup(s, n);
	if (d && squash) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			int brk = d[i] == '\n' || d[i] == '\r' || d[i] == '\t' || d[i] == '\f' || d[i] == '\v';
			if (!brk)
				d[k++] = d[i];
			else if (k == 0 || d[k - 1] != ' ')
				d[k++] = ' ';
		}
		d[k] = '\0';
	}
	return d;
}

static int is_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t'; }

/* Left and right context of a match, as written, line breaks shown as spaces. */
static int kwic_lines(const rh_counts *c, const worker *w, const rh_dict__hit *h, const char *text,
		      char **out)
{
	const rh_tokens *t = &w->toks;
	const unsigned k = c->opts.kwic_context;
	const int ws = c->opts.within_sentence;
	size_t lo = h->start, hi = h->start + h->len; /* context tokens [lo, hi) */
	size_t ms = t->tok[h->start].offset;
	size_t me = t->tok[h->start + h->len - 1].offset + t->tok[h->start + h->len - 1].length;
	for (unsigned i = 0; i < k && lo > 0 && (!ws || w->sent[lo - 1] == w->sent[h->start]); i++)
		lo--;
	for (unsigned i = 0; i < k && hi < t->n && (!ws || w->sent[hi] == w->sent[h->start]); i++)
		hi++;
	size_t ls = t->tok[lo].offset, re = t->tok[hi - 1].offset + t->tok[hi - 1].length;
	size_t le = ms, rs = me;
	while (le > ls && is_space(text[le - 1]))
		le--;
	while (rs < re && is_space(text[rs]))
		rs++;
	if (!(out[0] = dup_span(text + ls, le - ls, 1)) || !(out[1] = dup_span(text + ms, me - ms, 0)) ||
	    !(out[2] = dup_span(text + rs, re - rs, 1)))
		return RH_ENOMEM;
	return 0;
}

static int cmp_coll(const void *a, const void *b)
{
	const coll_entry *x = a, *y = b;
	if (x->concept != y->concept)
		return x->concept < y->concept ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

/*
 * Surface co-occurrence (Evert 2008): every token of a document is classed
 * once, as inside the span of a concept (within +-W of one of its matches,
 * inside the document or sentence, and not itself part of a match of that
 * concept) or outside it. Overlapping windows of nearby matches are merged,
 * so a token is never counted twice and the 2x2 table stays a partition of
 * the tokens (O11 <= C1, R1 + C1 - O11 <= N). R1 is the size of the span.
 */
static int windows(const rh_counts *c, worker *w, const rh_dict__hit *hits, size_t nhits, doc_result *r)
{
	const unsigned WL = c->opts.window_left, WR = c->opts.window_right;
	const int ws = c->opts.within_sentence;
	const size_t ntok = w->toks.n;
	size_t n = 0, m = 0;
	if (!(r->r1 = rh__calloc(c->nconcepts, sizeof *r->r1)))
		return RH_ENOMEM;
	/* First (concept, position) pairs: n = 1 a window token, n = 0 a node token. */
	for (size_t i = 0; i < nhits; i++) {
		const rh_dict__hit *h = &hits[i];
		size_t s = h->start, e = h->start + h->len;
		uint32_t sl = w->sent[s], sr = w->sent[e - 1];
		if (rh__grow(&w->coll, &w->coll_cap, n + (size_t)WL + WR + h->len, sizeof *w->coll) < 0)
			return RH_ENOMEM;
		for (size_t k = s; k < e; k++)
			w->coll[n++] = (coll_entry){ h->concept, (uint32_t)k, 0 };
		for (unsigned k = 1; k <= WL && s >= k && (!ws || w->sent[s - k] == sl); k++)
			w->coll[n++] = (coll_entry){ h->concept, (uint32_t)(s - k), 1 };
		for (unsigned k = 0; k < WR && e + k < ntok && (!ws || w->sent[e + k] == sr); k++)
			w->coll[n++] = (coll_entry){ h->concept, (uint32_t)(e + k), 1 };
	}
	if (n)
		qsort(w->coll, n, sizeof *w->coll, cmp_coll);
	/* Each position once per concept, node positions dropped; then term ids. */
	for (size_t i = 0, j; i < n; i = j) {
		int node = 0;
		for (j = i; j < n && w->coll[j].concept == w->coll[i].concept && w->coll[j].term == w->coll[i].term; j++)
			node |= w->coll[j].n == 0;
		if (!node)
			w->coll[m++] = (coll_entry){ w->coll[i].concept, w->ids[w->coll[i].term], 1 };
	}
	n = m;
	if (n)
		qsort(w->coll, n, sizeof *w->coll, cmp_coll);
	m = 0;
	for (size_t i = 0; i < n; i++) {
		r->r1[w->coll[i].concept]++;
		if (m > 0 && w->coll[m - 1].concept == w->coll[i].concept && w->coll[m - 1].term == w->coll[i].term)
			w->coll[m - 1].n++;
		else
			w->coll[m++] = w->coll[i];
	}
	if (m && !(r->coll = rh__malloc(m * sizeof *r->coll)))
		return RH_ENOMEM;
	if (m)
		memcpy(r->coll, w->coll, m * sizeof *r->coll);
	r->ncoll = m;
	return 0;
}

/* Whether the word of local id `id` is in the n-gram stop list, looked up once per worker. */
static int gram_stop(const rh_counts *c, worker *w, uint32_t id)
{
	if (id >= w->lstop_n) {
		if (rh__grow(&w->lstop, &w->lstop_cap, (size_t)id + 1, 1) < 0)
			return RH_ENOMEM;
		memset(w->lstop + w->lstop_n, 0, (size_t)id + 1 - w->lstop_n);
		w->lstop_n = (size_t)id + 1;
	}
	if (!w->lstop[id]) {
		size_t len;
		const char *s = rh_vocab_term(w->lv, id, &len);
		w->lstop[id] = rh_vocab_find(c->opts.ngram_stop, s, len) >= 0 ? 2 : 1;
	}
	return w->lstop[id] == 2;
}

/* ---- n-grams as terms ---------------------------------------------- */

/* The local ids of words [i, i + n) packed into one word: the size in the
 * top four bits, each id in 60/n bits; 0 when an id does not fit. */
static inline uint64_t gram_pack(const uint32_t *ids, unsigned n)
{
	const unsigned bits = 60 / n;
	uint64_t key = (uint64_t)n << 60;
	for (unsigned k = 0; k < n; k++) {
		if (bits < 32 && ids[k] >> bits)
			return 0;
		key |= (uint64_t)ids[k] << (bits * k);
	}
	return key;
}

/* Small at first (a worker may meet few n-grams); doubling keeps the load under 1/2. */
static int gtab_grow(worker *w)
{
	size_t nmask = w->gmask ? w->gmask * 2 + 1 : 255;
	gram_slot *ns = rh__table_alloc(nmask + 1, sizeof *ns, 1);
	if (!ns)
		return RH_ENOMEM;
	for (size_t i = 0; w->gtab && i <= w->gmask; i++)
		if (w->gtab[i].key) {
			size_t j = rh__mix64(w->gtab[i].key) & nmask;
			while (ns[j].key)
				j = (j + 1) & nmask;
			ns[j] = w->gtab[i];
		}
	free(w->gtab);
	w->gtab = ns;
	w->gmask = nmask;
	return 0;
}

/*
 * The local term of the n-gram of n words at token i, new to the worker: its
 * words joined by spaces. A word is its own 1-gram (looked up in lv); a
 * longer n-gram is unique by its words' ids (gtab or gv find it from then
 * on) and no word holds a space, so it is only stored in lv, never hashed.
 */
static int gram_new(worker *w, size_t i, unsigned n, uint32_t *id)
{
	const rh_tokens *t = &w->toks;
	size_t len = 0;
	int64_t g;
	for (unsigned k = 0; k < n; k++) {
		size_t fl = t->tok[i + k].norm_len;
		if (rh__grow(&w->gram, &w->gram_cap, len + 1 + fl + RH_TOKENS_PAD, 1) < 0)
			return RH_ENOMEM;
		if (k)
			w->gram[len++] = ' ';
		memcpy(w->gram + len, rh_tokens_form(t, i + k), fl);
		len += fl;
	}
	if (n == 1)
		return local_term(w, NULL, w->gram, len, id);
	if ((g = rh_vocab__append(w->lv, w->gram, len)) < 0)
		return (int)g;
	if (local_new(w, (size_t)g) < 0)
		return RH_ENOMEM;
	*id = (uint32_t)g;
	return 0;
}

/* The local term of the n-gram of n words at token i whose packed key is key (not 0). */
static int gram_term_packed(worker *w, size_t i, unsigned n, uint64_t key, uint32_t *id)
{
	size_t j = rh__mix64(key) & w->gmask;
	while (w->gtab[j].key && w->gtab[j].key != key)
		j = (j + 1) & w->gmask;
	if (w->gtab[j].key) {
		*id = w->gtab[j].term;
		return 0;
	}
	int err = gram_new(w, i, n, id);
	if (err < 0)
		return err;
	w->gtab[j] = (gram_slot){ key, *id };
	if (++w->gused * 2 > w->gmask)
		return gtab_grow(w);
	return 0;
}

/* The same for ids too large to pack: their 4n bytes in gv. */
static int gram_term_bytes(worker *w, size_t i, unsigned n, uint32_t *id)
{
	int64_t g;
	size_t before;
	int err;
	if (!w->gv && (err = rh_vocab_new(&w->gv)) < 0)
		return err;
	before = rh_vocab_size(w->gv);
	if ((g = rh_vocab_intern(w->gv, (const char *)(w->ids + i), 4 * n)) < 0)
		return (int)g;
	if ((size_t)g == before) {
		if ((err = gram_new(w, i, n, id)) < 0 ||
		    rh__grow(&w->g2t, &w->g2t_cap, (size_t)g + 1, sizeof *w->g2t) < 0)
			return err < 0 ? err : RH_ENOMEM;
		w->g2t[g] = *id;
	}
	*id = w->g2t[g];
	return 0;
}

/*
 * The document's terms when they are n-grams: at each token, the runs of
 * ngram_min..ngram_max joined tokens starting there, in order of position
 * then size, counted into cnt/touched as single words are. Three passes,
 * each fetching a few n-grams ahead what it reads (the n-grams of a corpus
 * are millions): the document's n-grams, their terms, the terms' counts.
 */
static int gram_terms(const rh_counts *c, worker *w, size_t *ntouched)
{
	enum { AHEAD = 8, RING = 16 };
	const rh_tokens *t = &w->toks;
	const unsigned lo = c->opts.ngram_min, hi = c->opts.ngram_max;
	size_t nt = 0, nocc = 0;
	int err;
	if (!w->gtab && (err = gtab_grow(w)) < 0)
		return err;
	if (t->n > UINT32_MAX >> 3)
		return rh_error__set(RH_EUSAGE, "a document of %zu tokens is too long for n-grams", t->n);
	if (rh__grow(&w->touched, &w->touched_cap, t->n * (hi - lo + 1) + 1, sizeof *w->touched) < 0 ||
	    rh__grow(&w->occ, &w->occ_cap, 2 * t->n * (hi - lo + 1) + 1, sizeof *w->occ) < 0)
		return RH_ENOMEM;
	/* Each token's word in the edge stop list or not, looked up once. */
	if (c->opts.ngram_stop) {
		if (rh__grow(&w->tstop, &w->tstop_cap, t->n + 1, 1) < 0)
			return RH_ENOMEM;
		for (size_t i = 0; i < t->n; i++) {
			if ((err = gram_stop(c, w, w->ids[i])) < 0)
				return err;
			w->tstop[i] = (uint8_t)err;
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		if (c->opts.ngram_stop && w->tstop[i])
			continue; /* every n-gram from here begins with a stop word */
		for (unsigned n = 1; n <= hi && i + n <= t->n; n++) {
			size_t k = i + n - 1;
			if (n > 1 && !w->join[k])
				break;
			if (n < lo || (c->opts.ngram_stop && w->tstop[k]))
				continue;
			w->occ[nocc++] = (uint32_t)i << 3 | n;
		}
	}
	uint32_t *term = w->occ + nocc;
	uint64_t key[RING];
	for (size_t j = 0; j < nocc + AHEAD; j++) {
		if (j < nocc) {
			key[j % RING] = gram_pack(w->ids + (w->occ[j] >> 3), w->occ[j] & 7);
			__builtin_prefetch(&w->gtab[rh__mix64(key[j % RING]) & w->gmask]);
		}
		if (j < AHEAD)
			continue;
		size_t q = j - AHEAD, i = w->occ[q] >> 3;
		unsigned n = w->occ[q] & 7;
		err = key[q % RING] ? gram_term_packed(w, i, n, key[q % RING], &term[q]) : gram_term_bytes(w, i, n, &term[q]);
		if (err < 0)
			return err;
	}
	for (size_t j = 0; j < nocc; j++) {
		if (j + AHEAD < nocc)
			__builtin_prefetch(&w->cnt[term[j + AHEAD]], 1);
		if (w->cnt[term[j]]++ == 0)
			w->touched[nt++] = term[j];
	}
	*ntouched = nt;
	return 0;
}

static int do_doc(const rh_counts *c, worker *w, size_t doc, doc_result *r)
{
	const rh_dict *dict = c->dict;
	const char *src = rh_corpus_doc_source(c->corpus, doc);
	const int grams = c->opts.ngram_max > 0;
	size_t len, ntouched = 0, nhits = 0;
	int err;

	r->new_first = (uint32_t)rh_vocab_size(w->lv);
	if ((err = rh_corpus_read(c->corpus, doc, &w->buf, &w->buf_cap, &len)) < 0)
		return err;
	/* While the bytes are in the cache: the lock's manifest need not read them again. */
	if (c->opts.digests && (err = rh_sha256__raw(r->sha, w->buf ? w->buf : "", len)) < 0)
		return err;
	if ((err = rh_text_tokenize(&w->toks, &c->opts.text, w->buf, len)) < 0)
		return rh_error__set(err, "%s: %s", src, rh_error_last());
	const rh_tokens *t = &w->toks;
	if (rh__grow(&w->ids, &w->tok_cap, t->n, sizeof *w->ids) < 0)
		return RH_ENOMEM;
	size_t cap = w->tok_cap;
	/* A document has at most as many distinct terms as tokens. */
	if (rh__grow(&w->touched, &w->touched_cap, t->n, sizeof *w->touched) < 0)
		return RH_ENOMEM;
	if (rh__realloc_to(&w->sent, cap, sizeof *w->sent) < 0 ||
	    (dict && rh__realloc_to(&w->tsets, cap, sizeof *w->tsets) < 0) ||
	    ((dict || grams) && rh__realloc_to(&w->join, cap, sizeof *w->join) < 0))
		return RH_ENOMEM;
	/*
	 * Two passes over the tokens, each fetching what it reads a few tokens
	 * ahead (a corpus's words fill megabytes: a slot or a count read cold is
	 * a cache miss): the terms' ids first, each token's vocabulary slot
	 * prefetched AHEAD tokens before its lookup; then the counts and word
	 * sets by id, prefetched the same way.
	 */
	enum { AHEAD = 8, RING = 16 };
	rh_vocab__key ring[RING];
	for (size_t i = 0; i < AHEAD && i < t->n; i++)
		rh_vocab__key_ahead(w->lv, rh_tokens_form(t, i), t->tok[i].norm_len, &ring[i % RING]);
	for (size_t i = 0; i < t->n; i++) {
		uint32_t id = 0;
		if (i + AHEAD < t->n)
			rh_vocab__key_ahead(w->lv, rh_tokens_form(t, i + AHEAD), t->tok[i + AHEAD].norm_len,
					    &ring[(i + AHEAD) % RING]);
		if ((err = local_term_key(w, dict, rh_tokens_form(t, i), t->tok[i].norm_len, &ring[i % RING], &id)) < 0)
			return err;
		w->ids[i] = id;
	}
	for (size_t i = 0; i < t->n; i++) {
		const uint32_t id = w->ids[i];
		if (i + AHEAD < t->n) {
			__builtin_prefetch(&w->cnt[w->ids[i + AHEAD]], 1);
			if (dict)
				__builtin_prefetch(&w->lset[w->ids[i + AHEAD]]);
		}
		if (w->cnt[id]++ == 0)
			w->touched[ntouched++] = id;
		w->sent[i] = t->tok[i].sentence;
		if (dict)
			w->tsets[i] = w->lset[id];
		if (dict || grams)
			w->join[i] = i > 0 && rh_ngram__joins(t, w->buf, i - 1);
	}
	r->tokens = t->n;
	r->sentences = t->sentences;
	r->types = (uint32_t)ntouched;
	if (grams) {
		for (size_t i = 0; i < ntouched; i++)
			w->cnt[w->touched[i]] = 0;
		if ((err = gram_terms(c, w, &ntouched)) < 0)
			return err;
	}
	/* The merge, beside the next documents' counting, reads the names
	 * from here, never from the growing local vocabulary. */
	r->nnew = (uint32_t)(rh_vocab_size(w->lv) - r->new_first);
	if (r->nnew && !(r->names = rh__malloc(r->nnew * sizeof *r->names)))
		return RH_ENOMEM;
	for (uint32_t i = 0; i < r->nnew; i++) {
		size_t nl;
		r->names[i].s = rh_vocab_term(w->lv, r->new_first + i, &nl);
		r->names[i].len = (uint32_t)nl;
	}
	r->nterms = (uint32_t)ntouched;
	if (!(r->terms = rh__malloc(ntouched * sizeof *r->terms)) ||
	    !(r->counts = rh__malloc(ntouched * sizeof *r->counts)))
		return RH_ENOMEM;
	for (size_t i = 0; i < ntouched; i++) {
		r->terms[i] = w->touched[i];
		r->counts[i] = w->cnt[w->touched[i]];
		w->cnt[w->touched[i]] = 0;
	}
	if (dict) {
		if ((err = rh_dict__match(dict, t->n, w->tsets, w->pool, w->join, w->next_free, &w->hits,
					  &nhits, &w->hits_cap)) < 0)
			return err;
		if (nhits && !(r->matches = rh__malloc(nhits * sizeof *r->matches)))
			return RH_ENOMEM;
		for (size_t i = 0; i < nhits; i++) {
			const rh_dict__hit *h = &w->hits[i];
			const rh_token *a = &t->tok[h->start], *b = &t->tok[h->start + h->len - 1];
			r->matches[i] = (rh_match){ (uint32_t)doc, h->concept, h->pattern, a->sentence,
						    h->start, h->len, a->offset, b->offset + b->length };
		}
		r->nmatches = nhits;
		if (c->opts.kwic_context && nhits) {
			if (!(r->kwic = rh__calloc(3 * nhits, sizeof *r->kwic)))
				return RH_ENOMEM;
			for (size_t i = 0; i < nhits; i++)
				if ((err = kwic_lines(c, w, &w->hits[i], w->buf, r->kwic + 3 * i)) < 0)
					return err;
		}
		if ((c->opts.window_left || c->opts.window_right) && (err = windows(c, w, w->hits, nhits, r)) < 0)
			return err;
	}
	/* Text problems the document survives: warnings naming file and byte. */
	char msg[512];
	int nw = 0;
	if (t->invalid_utf8) {
		snprintf(msg, sizeof msg, "%s: invalid UTF-8 at byte %zu (%zu sequence%s read as U+FFFD)", src,
			 t->first_invalid, t->invalid_utf8, t->invalid_utf8 == 1 ? "" : "s");
		if (!(r->warn[nw++] = rh__strdup(msg)))
			return RH_ENOMEM;
	}
	if (t->nul_bytes) {
		snprintf(msg, sizeof msg, "%s: %zu NUL byte%s, the first at byte %zu (a binary file?); read as spaces",
			 src, t->nul_bytes, t->nul_bytes == 1 ? "" : "s", t->first_nul);
		if (!(r->warn[nw++] = rh__strdup(msg)))
			return RH_ENOMEM;
	}
	if (t->n == 0) {
		snprintf(msg, sizeof msg, "%s: no words (%zu bytes); kept as a document with 0 tokens", src, len);
		if (!(r->warn[nw++] = rh__strdup(msg)))
			return RH_ENOMEM;
	}
	return 0;
}

/* ---- batches of documents on worker threads ------------------------ */

typedef struct {
	const rh_counts *c;
	worker *workers;
	doc_result *res;
	size_t first, count;
	atomic_size_t next;
	atomic_int failed;
} batch;

typedef struct {
	batch *b;
	unsigned id;
} thread_arg;

static void *run_worker(void *arg)
{
	thread_arg *ta = arg;
	batch *b = ta->b;
	worker *w = &b->workers[ta->id];
	for (;;) {
		size_t i = atomic_fetch_add(&b->next, 1);
		if (i >= b->count || atomic_load(&b->failed))
			break;
		doc_result *r = &b->res[i];
		r->worker = ta->id;
		if ((r->err = do_doc(b->c, w, b->first + i, r)) < 0) {
			r->errmsg = rh__strdup(rh_error_last());
			atomic_store(&b->failed, 1);
			break;
		}
	}
	return NULL;
}

static void result_clear(doc_result *r, int keep_kwic)
{
	free(r->errmsg);
	free(r->terms);
	free(r->counts);
	free(r->matches);
	if (r->kwic && !keep_kwic)
		for (size_t i = 0; i < 3 * r->nmatches; i++)
			free(r->kwic[i]);
	free(r->kwic);
	free(r->coll);
	free(r->r1);
	for (int i = 0; i < 3; i++)
		free(r->warn[i]);
	free(r->names);
	memset(r, 0, sizeof *r);
}

static void worker_free(worker *w)
{
	rh_vocab_free(w->lv);
	free(w->lset);
	free(w->pool);
	free(w->cnt);
	free(w->touched);
	free(w->ids);
	free(w->sent);
	free(w->join);
	free(w->tsets);
	free(w->hits);
	free(w->next_free);
	free(w->coll);
	free(w->buf);
	free(w->gram);
	free(w->lstop);
	free(w->tstop);
	free(w->gtab);
	rh_vocab_free(w->gv);
	free(w->g2t);
	free(w->occ);
	free(w->l2g);
	free(w->lname);
	rh_tokens_free(&w->toks);
}

/* ---- merging into the corpus totals, in document order -------------- */

static int coll_add(rh_counts *c, uint64_t key, uint64_t n)
{
	if ((c->cused + 1) * 2 > c->cmask) {
		size_t nmask = c->cmask ? c->cmask * 2 + 1 : 4095;
		coll_slot *ns = rh__malloc((nmask + 1) * sizeof *ns);
		if (!ns)
			return RH_ENOMEM;
		for (size_t i = 0; i <= nmask; i++)
			ns[i].key = UINT64_MAX;
		for (size_t i = 0; c->cslots && i <= c->cmask; i++) {
			if (c->cslots[i].key == UINT64_MAX)
				continue;
			size_t j = rh__hash(&c->cslots[i].key, sizeof(uint64_t)) & nmask;
			while (ns[j].key != UINT64_MAX)
				j = (j + 1) & nmask;
			ns[j] = c->cslots[i];
		}
		free(c->cslots);
		c->cslots = ns;
		c->cmask = nmask;
	}
	size_t j = rh__hash(&key, sizeof key) & c->cmask;
	while (c->cslots[j].key != UINT64_MAX && c->cslots[j].key != key)
		j = (j + 1) & c->cmask;
	if (c->cslots[j].key == UINT64_MAX) {
		c->cslots[j].key = key;
		c->cslots[j].n = 0;
		c->cused++;
	}
	c->cslots[j].n += n;
	return 0;
}

static int global_term_key(rh_counts *c, worker *w, uint32_t local, const rh_vocab__key *key, uint32_t *out);

static int global_term_slow(rh_counts *c, worker *w, uint32_t local, uint32_t *out)
{
	return global_term_key(c, w, local, NULL, out);
}

/* The global id of local term `local`, interned with its key when it has one (rh_vocab__key_ahead_unpadded). */
static int global_term_key(rh_counts *c, worker *w, uint32_t local, const rh_vocab__key *key, uint32_t *out)
{
	if (local >= w->lname_n)
		return rh_error__set(RH_EUSAGE, "internal: local term %u has no name", local);
	if (local >= w->l2g_n) {
		size_t need = w->lname_n;
		if (rh__grow(&w->l2g, &w->l2g_cap, need, sizeof *w->l2g) < 0)
			return RH_ENOMEM;
		for (size_t i = w->l2g_n; i < need; i++)
			w->l2g[i] = UINT32_MAX;
		w->l2g_n = need;
	}
	if (w->l2g[local] == UINT32_MAX) {
		size_t len = w->lname[local].len;
		const char *s = w->lname[local].s;
		size_t before = rh_vocab_size(c->vocab);
		int64_t g = key ? rh_vocab__intern_key(c->vocab, s, len, key) : rh_vocab_intern(c->vocab, s, len);
		if (g < 0)
			return (int)g;
		if ((size_t)g == before) {
			size_t cap = c->term_cap;
			if (rh__grow(&c->term_total, &cap, (size_t)g + 1, sizeof *c->term_total) < 0)
				return RH_ENOMEM;
			cap = c->term_cap;
			if (rh__grow(&c->term_docs, &cap, (size_t)g + 1, sizeof *c->term_docs) < 0)
				return RH_ENOMEM;
			c->term_cap = cap;
			c->term_total[g] = 0;
			c->term_docs[g] = 0;
		}
		w->l2g[local] = (uint32_t)g;
	}
	*out = w->l2g[local];
	return 0;
}

/* The global id of a worker's local term: a lookup once the term is known. */
static inline int global_term(rh_counts *c, worker *w, uint32_t local, uint32_t *out)
{
	if (local < w->l2g_n && w->l2g[local] != UINT32_MAX) {
		*out = w->l2g[local];
		return 0;
	}
	return global_term_slow(c, w, local, out);
}

/*
 * The terms a document met first in its worker (ids from new_first on), in
 * the corpus vocabulary in the order the merge meets them, each slot asked
 * for a few terms ahead: the n-grams of a corpus are millions, and their
 * first sight is a miss in a table as large. Any other new term the merge
 * finds is interned as it comes.
 */
static int intern_new(rh_counts *c, worker *w, const doc_result *r)
{
	enum { AHEAD = 8, RING = 16 };
	rh_vocab__key ring[RING];
	uint32_t *fresh, m = 0, g;
	int err = 0;
	if (r->nnew == 0)
		return 0;
	if (!(fresh = rh__malloc((size_t)r->nnew * sizeof *fresh)))
		return RH_ENOMEM;
	for (uint32_t i = 0; i < r->nterms && m < r->nnew; i++)
		if (r->terms[i] >= r->new_first)
			fresh[m++] = r->terms[i];
	for (uint32_t j = 0; j < m + AHEAD && err == 0; j++) {
		if (j < m) {
			const rh_vocab__entry *e = &w->lname[fresh[j]];
			rh_vocab__key_ahead_unpadded(c->vocab, e->s, e->len, &ring[j % RING]);
		}
		if (j >= AHEAD)
			err = global_term_key(c, w, fresh[j - AHEAD], &ring[(j - AHEAD) % RING], &g);
	}
	free(fresh);
	return err;
}

static int merge(rh_counts *c, worker *workers, size_t doc, doc_result *r)
{
	worker *w = &workers[r->worker];
	rh_doc_stats *ds = &c->docs[doc];
	int err;

	/* A worker's documents come in the order it counted them. */
	if (r->new_first != w->lname_n)
		return rh_error__set(RH_EUSAGE, "internal: local terms out of order");
	if (rh__grow(&w->lname, &w->lname_cap, w->lname_n + r->nnew, sizeof *w->lname) < 0)
		return RH_ENOMEM;
	if (r->nnew)
		memcpy(w->lname + w->lname_n, r->names, r->nnew * sizeof *r->names);
	w->lname_n += r->nnew;
	if ((err = intern_new(c, w, r)) < 0)
		return err;
	ds->tokens = r->tokens;
	ds->types = r->types;
	ds->sentences = r->sentences;
	if (c->sha)
		memcpy(c->sha[doc], r->sha, sizeof r->sha);
	c->tokens += r->tokens;
	const int row = rh_counts_has_row(c, doc);
	if (row && (rh__grow(&c->col, &c->nnz_cap, c->nnz + r->nterms, sizeof *c->col) < 0 ||
		    rh__realloc_to(&c->val, c->nnz_cap, sizeof *c->val) < 0))
		return RH_ENOMEM;
	/* Each term's global id asked for 16 terms ahead and its totals 8 ahead:
	 * with millions of n-grams, both are misses. */
	for (uint32_t i = 0; i < r->nterms; i++) {
		uint32_t g;
		if (i + 16 < r->nterms && r->terms[i + 16] < w->l2g_n)
			__builtin_prefetch(&w->l2g[r->terms[i + 16]]);
		if (i + 8 < r->nterms && r->terms[i + 8] < w->l2g_n && (g = w->l2g[r->terms[i + 8]]) != UINT32_MAX) {
			__builtin_prefetch(&c->term_total[g], 1);
			__builtin_prefetch(&c->term_docs[g], 1);
		}
		if ((err = global_term(c, w, r->terms[i], &g)) < 0)
			return err;
		if (row) {
			c->col[c->nnz] = g;
			c->val[c->nnz++] = r->counts[i];
		}
		c->term_total[g] += r->counts[i];
		c->term_docs[g]++;
	}
	c->row_ptr[doc + 1] = c->nnz;

	if (r->nmatches) {
		if (rh__grow(&c->matches, &c->matches_cap, c->nmatches + r->nmatches, sizeof *c->matches) < 0)
			return RH_ENOMEM;
		memcpy(c->matches + c->nmatches, r->matches, r->nmatches * sizeof *r->matches);
		if (r->kwic) {
			if (rh__grow(&c->kwic, &c->kwic_cap, 3 * (c->nmatches + r->nmatches), sizeof *c->kwic) < 0)
				return RH_ENOMEM;
			memcpy(c->kwic + 3 * c->nmatches, r->kwic, 3 * r->nmatches * sizeof *r->kwic);
		}
		for (size_t i = 0; i < r->nmatches; i++)
			c->f_node[(size_t)ds->group * c->nconcepts + r->matches[i].concept]++;
		c->nmatches += r->nmatches;
	}
	if (r->r1) {
		size_t gc0 = (size_t)ds->group * c->nconcepts;
		for (size_t k = 0; k < c->nconcepts; k++)
			c->r1[gc0 + k] += r->r1[k];
		for (size_t i = 0; i < r->ncoll; i++) {
			uint32_t g;
			if ((err = global_term(c, w, r->coll[i].term, &g)) < 0)
				return err;
			if ((err = coll_add(c, (uint64_t)(gc0 + r->coll[i].concept) << 32 | g, r->coll[i].n)) < 0)
				return err;
		}
	}
	for (int i = 0; i < 3 && r->warn[i]; i++)
		if ((err = rh_warnings__add(&c->warnings, "%s", r->warn[i])) < 0)
			return err;
	return 0;
}

static int cmp_slot(const void *a, const void *b)
{
	uint64_t x = ((const coll_slot *)a)->key, y = ((const coll_slot *)b)->key;
	return x < y ? -1 : x > y;
}

/*
 * s[0, n) in ascending order of key (all distinct): a least significant
 * digit radix sort, 16 bits a digit, skipping the digits every key shares
 * (a group x concept index and a term id leave most of the 64 bits alike).
 * 0 without the memory it needs.
 */
static int sort_slots(coll_slot *s, size_t n)
{
	coll_slot *tmp = rh__malloc(n * sizeof *tmp), *from = s, *to = tmp;
	size_t *count = rh__malloc(65536 * sizeof *count);
	uint64_t all_or = 0, all_and = UINT64_MAX;
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		all_or |= s[i].key;
		all_and &= s[i].key;
	}
	for (unsigned d = 0; d < 64; d += 16) {
		size_t sum = 0;
		if ((((all_or ^ all_and) >> d) & 0xffff) == 0)
			continue;
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(from[i].key >> d) & 0xffff]++;
		for (size_t v = 0; v < 65536; v++) {
			size_t c = count[v];
			count[v] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[(from[i].key >> d) & 0xffff]++] = from[i];
		coll_slot *t = from;
		from = to;
		to = t;
	}
	if (from != s)
		memcpy(s, from, n * sizeof *s);
	free(tmp);
	free(count);
	return 1;
}

/* Collocation totals into cells sorted by (group x concept, term). */
static int finish_coll(rh_counts *c)
{
	size_t ngc = c->ngroups * c->nconcepts, n = 0;
	if (!(c->cell_ptr = rh__calloc(ngc + 1, sizeof *c->cell_ptr)))
		return RH_ENOMEM;
	for (size_t i = 0; c->cslots && i <= c->cmask; i++)
		if (c->cslots[i].key != UINT64_MAX)
			c->cslots[n++] = c->cslots[i];
	if (n && (n < 4096 || !sort_slots(c->cslots, n)))
		qsort(c->cslots, n, sizeof *c->cslots, cmp_slot);
	if (!(c->cells = rh__malloc((n + 1) * sizeof *c->cells)))
		return RH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		uint64_t gc = c->cslots[i].key >> 32;
		c->cells[i].term = (uint32_t)(c->cslots[i].key & 0xffffffffu);
		c->cells[i].o11 = (uint32_t)c->cslots[i].n;
		c->cell_ptr[gc + 1]++;
	}
	for (size_t i = 0; i < ngc; i++)
		c->cell_ptr[i + 1] += c->cell_ptr[i];
	free(c->cslots);
	c->cslots = NULL;
	return 0;
}

static int finish_groups(rh_counts *c)
{
	if (!(c->group_ptr = rh__calloc(c->ngroups + 1, sizeof *c->group_ptr)) ||
	    !(c->group_tokens = rh__calloc(c->ngroups + 1, sizeof *c->group_tokens)) ||
	    !(c->group_docs = rh__calloc(c->ndocs + 1, sizeof *c->group_docs)))
		return RH_ENOMEM;
	for (size_t d = 0; d < c->ndocs; d++) {
		c->group_ptr[c->docs[d].group + 1]++;
		c->group_tokens[c->docs[d].group] += c->docs[d].tokens;
	}
	for (size_t g = 0; g < c->ngroups; g++)
		c->group_ptr[g + 1] += c->group_ptr[g];
	uint64_t *fill = rh__calloc(c->ngroups + 1, sizeof *fill);
	if (!fill)
		return RH_ENOMEM;
	for (size_t d = 0; d < c->ndocs; d++) {
		uint32_t g = c->docs[d].group;
		c->group_docs[c->group_ptr[g] + fill[g]++] = (uint32_t)d;
	}
	free(fill);
	return 0;
}

/* One batch of documents on the worker threads. */
typedef struct {
	batch b;
	pthread_t tid[RH__MAX_THREADS];
	thread_arg ta[RH__MAX_THREADS];
	unsigned first_id; /* the worker of tid[0] */
	unsigned started;  /* threads running: workers first_id .. first_id + started - 1 */
	int active;        /* launched and not yet landed */
} batch_run;

/*
 * Starts the workers on documents [first, first + size) into res: no more
 * of them than the batch has documents. With one worker asked for, or no
 * thread to be had, counts them here. With `here` (the caller has nothing
 * to merge yet) this thread is worker 0 and returns when the batch is
 * counted, so one thread fewer is started.
 */
static void launch(batch_run *br, const rh_counts *c, worker *workers, doc_result *res, size_t first, size_t size,
		  unsigned nthreads, int here)
{
	br->b = (batch){ c, workers, res, first, c->ndocs - first < size ? c->ndocs - first : size, 0, 0 };
	unsigned want = br->b.count < nthreads ? (unsigned)br->b.count : nthreads;
	br->first_id = here ? 1 : 0;
	br->started = 0;
	for (unsigned i = br->first_id; nthreads > 1 && i < want; i++) {
		br->ta[i] = (thread_arg){ &br->b, i };
		if (pthread_create(&br->tid[i - br->first_id], NULL, run_worker, &br->ta[i]) != 0)
			break;
		br->started++;
	}
	if (here || br->started == 0) {
		br->ta[0] = (thread_arg){ &br->b, 0 };
		run_worker(&br->ta[0]);
	}
	br->active = 1;
}

/* Waits for a launched batch. */
static void land(batch_run *br)
{
	for (unsigned i = 0; i < br->started; i++)
		pthread_join(br->tid[i], NULL);
	br->started = 0;
	br->active = 0;
}

/* The first document's error in a landed batch, or 0. */
static int batch_error(const batch_run *br)
{
	const doc_result *res = br->b.res;
	for (size_t i = 0; i < br->b.count; i++)
		if (res[i].err < 0) {
			/* No room to copy the worker's message: its code still says what failed. */
			if (res[i].errmsg)
				return rh_error__set(res[i].err, "%s", res[i].errmsg);
			return rh_error__set(res[i].err, "%s: %s", rh_corpus_doc_source(br->b.c->corpus, br->b.first + i),
					     rh_error__describe(res[i].err));
		}
	if (atomic_load(&br->b.failed))
		return rh_error__set(RH_EIO, "reading the corpus failed");
	return 0;
}

/* Frees the results [from, count) of a landed batch. */
static void clear_results(batch_run *br, size_t from, int keep_kwic)
{
	for (size_t j = from; j < br->b.count; j++)
		result_clear(&br->b.res[j], keep_kwic);
}

RH_API int rh_counts_build(rh_counts **out, const rh_corpus *corpus, const rh_counts_options *opts)
{
	rh_counts_options def = RH_COUNTS_OPTIONS_INIT;
	rh_counts *c;
	worker *workers = NULL;
	doc_result *res[2] = { NULL, NULL };
	batch_run run[2] = { { .active = 0 }, { .active = 0 } };
	unsigned nthreads;
	size_t batch_size;
	int err;

	*out = NULL;
	if (!(c = rh__calloc(1, sizeof *c)))
		return RH_ENOMEM;
	c->corpus = corpus;
	c->opts = opts ? *opts : def;
	c->dict = c->opts.dict;
	c->nconcepts = c->dict ? rh_dict_concept_count(c->dict) : 0;
	c->ndocs = rh_corpus_count(corpus);
	rh_arena__init(&c->arena, 1 << 12);
	if (c->opts.kwic_context > RH_MAX_KWIC_CONTEXT) {
		err = rh_error__set(RH_EUSAGE, "a KWIC context of %u tokens; at most %d are kept on each side",
				    c->opts.kwic_context, RH_MAX_KWIC_CONTEXT);
		goto done;
	}
	if (c->opts.ngram_max && (c->opts.ngram_min < 1 || c->opts.ngram_min > c->opts.ngram_max || c->opts.ngram_max > 5)) {
		err = rh_error__set(RH_EUSAGE, "n-gram sizes %u-%u; 1 <= min <= max <= 5", c->opts.ngram_min,
				    c->opts.ngram_max);
		goto done;
	}
	if (c->opts.ngram_max && (c->opts.window_left || c->opts.window_right)) {
		err = rh_error__set(RH_EUSAGE, "collocation windows count single words, not n-grams");
		goto done;
	}
	/* The dictionary's warnings come first among the pass's. */
	for (size_t i = 0; c->dict && i < rh_warnings_count(rh_dict_warnings(c->dict)); i++)
		if ((err = rh_warnings__add(&c->warnings, "%s", rh_warnings_at(rh_dict_warnings(c->dict), i))) < 0)
			goto done;
	nthreads = rh__threads(c->opts.threads);
	batch_size = 64 * (size_t)nthreads;
	if ((err = rh_vocab_new(&c->vocab)) < 0)
		goto done;
	if (!(c->docs = rh__calloc(c->ndocs + 1, sizeof *c->docs)) ||
	    !(c->row_ptr = rh__calloc(c->ndocs + 1, sizeof *c->row_ptr)) ||
	    (c->opts.digests && !(c->sha = rh__calloc(c->ndocs + 1, sizeof *c->sha)))) {
		err = RH_ENOMEM;
		goto done;
	}
	if ((err = make_groups(c)) < 0)
		goto done;
	/* The group whose documents keep rows: none when no document has that value. */
	c->rows_gid = SIZE_MAX;
	if (c->opts.rows_group) {
		const char *name = c->opts.rows_group;
		c->rows_gid = c->ngroups;
		for (size_t g = 0; g < c->ngroups; g++)
			if (!strcmp(c->groups[g], name))
				c->rows_gid = g;
		if (!(c->opts.rows_group = rh_arena__strndup(&c->arena, name, strlen(name)))) {
			err = RH_ENOMEM;
			goto done;
		}
	}
	if (!(c->r1 = rh__calloc(c->ngroups * c->nconcepts + 1, sizeof *c->r1)) ||
	    !(c->f_node = rh__calloc(c->ngroups * c->nconcepts + 1, sizeof *c->f_node)) ||
	    !(workers = rh__calloc(nthreads, sizeof *workers)) ||
	    !(res[0] = rh__calloc(batch_size, sizeof *res[0])) || !(res[1] = rh__calloc(batch_size, sizeof *res[1]))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (unsigned i = 0; i < nthreads; i++) {
		if ((err = rh_vocab_new(&workers[i].lv)) < 0)
			goto done;
		if (!(workers[i].next_free = rh__calloc(c->nconcepts + 1, sizeof *workers[i].next_free))) {
			err = RH_ENOMEM;
			goto done;
		}
	}

	/* Batch k is merged, in document order, while the workers count batch k + 1. */
	if (c->ndocs)
		launch(&run[0], c, workers, res[0], 0, batch_size, nthreads, 1);
	for (size_t first = 0, k = 0; first < c->ndocs; first += batch_size, k ^= 1) {
		batch_run *cur = &run[k], *next = &run[k ^ 1];
		land(cur);
		if ((err = batch_error(cur)) < 0) {
			clear_results(cur, 0, 0);
			goto done;
		}
		if (first + batch_size < c->ndocs)
			launch(next, c, workers, res[k ^ 1], first + batch_size, batch_size, nthreads, 0);
		for (size_t i = 0; i < cur->b.count; i++) {
			err = merge(c, workers, first + i, &res[k][i]);
			result_clear(&res[k][i], err == 0);
			if (err < 0) {
				clear_results(cur, i + 1, 0);
				if (next->active) {
					atomic_store(&next->b.failed, 1);
					land(next);
					clear_results(next, 0, 0);
				}
				goto done;
			}
		}
		if (c->opts.progress)
			c->opts.progress(c->opts.progress_ud, first + cur->b.count, c->ndocs);
	}
	if ((err = finish_coll(c)) < 0 || (err = finish_groups(c)) < 0)
		goto done;
	*out = c;
	c = NULL;
done:
	for (unsigned i = 0; workers && i < nthreads; i++)
		worker_free(&workers[i]);
	free(workers);
	free(res[0]);
	free(res[1]);
	rh_counts_free(c);
	return err;
}

RH_API void rh_counts_free(rh_counts *c)
{
	if (!c)
		return;
	rh_warnings__clear(&c->warnings);
	free(c->docs);
	rh_vocab_free(c->vocab);
	free(c->term_total);
	free(c->term_docs);
	free(c->row_ptr);
	free(c->col);
	free(c->val);
	free(c->groups);
	free(c->group_docs);
	free(c->group_ptr);
	free(c->group_tokens);
	free(c->matches);
	if (c->kwic)
		for (size_t i = 0; i < 3 * c->nmatches; i++)
			free(c->kwic[i]);
	free(c->kwic);
	free(c->cslots);
	free(c->r1);
	free(c->f_node);
	free(c->cells);
	free(c->cell_ptr);
	free(c->sha);
	rh_arena__free(&c->arena);
	free(c);
}

RH_API const rh_warnings *rh_counts_warnings(const rh_counts *c) { return &c->warnings; }
RH_API const rh_corpus *rh_counts_corpus(const rh_counts *c) { return c->corpus; }
RH_API const rh_dict *rh_counts_dict(const rh_counts *c) { return c->dict; }
RH_API const rh_counts_options *rh_counts_opts(const rh_counts *c) { return &c->opts; }
RH_API size_t rh_counts_doc_count(const rh_counts *c) { return c->ndocs; }
RH_API const rh_doc_stats *rh_counts_doc(const rh_counts *c, size_t doc) { return doc < c->ndocs ? &c->docs[doc] : NULL; }

RH_API const unsigned char *rh_counts_doc_sha256(const rh_counts *c, size_t doc)
{
	return c && c->sha && doc < c->ndocs ? c->sha[doc] : NULL;
}
RH_API uint64_t rh_counts_tokens(const rh_counts *c) { return c->tokens; }
RH_API const rh_vocab *rh_counts_vocab(const rh_counts *c) { return c->vocab; }
RH_API uint64_t rh_counts_term_total(const rh_counts *c, uint32_t t) { return t < rh_vocab_size(c->vocab) ? c->term_total[t] : 0; }
RH_API uint32_t rh_counts_term_docs(const rh_counts *c, uint32_t t) { return t < rh_vocab_size(c->vocab) ? c->term_docs[t] : 0; }

RH_API void rh_counts_doc_terms(const rh_counts *c, size_t doc, const uint32_t **terms,
				const uint32_t **counts, size_t *n)
{
	uint64_t a = c->row_ptr[doc], b = c->row_ptr[doc + 1];
	/* A corpus without a token has no rows to point into. */
	*terms = c->col ? c->col + a : NULL;
	*counts = c->val ? c->val + a : NULL;
	*n = (size_t)(b - a);
}

RH_API int rh_counts_has_row(const rh_counts *c, size_t doc)
{
	return doc < c->ndocs && (c->rows_gid == SIZE_MAX || c->docs[doc].group == c->rows_gid);
}

int rh_counts__need_rows(const rh_counts *c, const char *what)
{
	if (c->rows_gid == SIZE_MAX)
		return 0;
	return rh_error__set(RH_EUSAGE, "%s needs every document's terms; these counts keep those of group '%s' only",
			     what, c->opts.rows_group);
}

RH_API size_t rh_counts_group_count(const rh_counts *c) { return c->ngroups; }
RH_API const char *rh_counts_group_name(const rh_counts *c, size_t g) { return g < c->ngroups ? c->groups[g] : NULL; }

RH_API const uint32_t *rh_counts_group_docs(const rh_counts *c, size_t g, size_t *n)
{
	*n = g < c->ngroups ? (size_t)(c->group_ptr[g + 1] - c->group_ptr[g]) : 0;
	return g < c->ngroups ? c->group_docs + c->group_ptr[g] : NULL;
}

RH_API uint64_t rh_counts_group_tokens(const rh_counts *c, size_t g) { return g < c->ngroups ? c->group_tokens[g] : 0; }

RH_API void rh_counts_group_sum(const rh_counts *c, size_t g, uint64_t *counts, uint32_t *docs)
{
	size_t nd;
	const uint32_t *dl = rh_counts_group_docs(c, g, &nd);
	for (size_t i = 0; i < nd; i++) {
		uint64_t a = c->row_ptr[dl[i]], b = c->row_ptr[dl[i] + 1];
		for (uint64_t k = a; k < b; k++) {
			counts[c->col[k]] += c->val[k];
			if (docs)
				docs[c->col[k]]++;
		}
	}
}

RH_API const rh_match *rh_counts_matches(const rh_counts *c, size_t *n)
{
	*n = c->nmatches;
	return c->matches;
}

RH_API int rh_counts_kwic(const rh_counts *c, size_t m, const char **left, const char **match, const char **right)
{
	if (!c->kwic || m >= c->nmatches)
		return rh_error__set(RH_EUSAGE, "no KWIC lines were kept (kwic_context = 0)");
	*left = c->kwic[3 * m];
	*match = c->kwic[3 * m + 1];
	*right = c->kwic[3 * m + 2];
	return 0;
}

RH_API int rh_counts_collocates(const rh_counts *c, size_t group, size_t concept, const rh_cooc_cell **cells,
				size_t *n, uint64_t *r1, uint64_t *f_node)
{
	if (group >= c->ngroups || concept >= c->nconcepts)
		return rh_error__set(RH_EUSAGE, "no such group or concept");
	size_t gc = group * c->nconcepts + concept;
	*cells = c->cells + c->cell_ptr[gc];
	*n = (size_t)(c->cell_ptr[gc + 1] - c->cell_ptr[gc]);
	*r1 = c->r1[gc];
	*f_node = c->f_node[gc];
	return 0;
}

/* ---- counts from their parts: a counts file read back, shards merged ---- */

void rh_counts__parts_free(rh_counts__parts *p)
{
	free(p->docs);
	rh_vocab_free(p->vocab);
	free(p->row_ptr);
	free(p->col);
	free(p->val);
	for (size_t g = 0; p->groups && g < p->ngroups; g++)
		free(p->groups[g]);
	free(p->groups);
	free(p->matches);
	for (size_t i = 0; p->kwic && i < 3 * p->nmatches; i++)
		free(p->kwic[i]);
	free(p->kwic);
	free(p->r1);
	free(p->f_node);
	free(p->cells);
	free(p->cell_ptr);
	rh_warnings__clear(&p->warnings);
	memset(p, 0, sizeof *p);
}

/* The parts refer only to what they hold: every id in range, rows and cells in bounds. */
static int parts_check(const rh_counts__parts *p, const rh_dict *dict)
{
	size_t nterms = rh_vocab_size(p->vocab), ngc = p->ngroups * p->nconcepts;
	if (p->nconcepts != (dict ? rh_dict_concept_count(dict) : 0))
		return rh_error__set(RH_EPARSE, "%zu concepts counted, but the dictionary has %zu", p->nconcepts,
				     dict ? rh_dict_concept_count(dict) : 0);
	if (p->row_ptr[0] != 0)
		return rh_error__set(RH_EPARSE, "the first row does not start at 0");
	for (size_t d = 0; d < p->ndocs; d++) {
		if (p->docs[d].group >= p->ngroups || p->row_ptr[d + 1] < p->row_ptr[d])
			return rh_error__set(RH_EPARSE, "document %zu: group or row out of range", d);
	}
	for (uint64_t k = 0; k < p->row_ptr[p->ndocs]; k++)
		if (p->col[k] >= nterms)
			return rh_error__set(RH_EPARSE, "a row names term %u of %zu", p->col[k], nterms);
	for (size_t i = 0; i < p->nmatches; i++)
		if (p->matches[i].doc >= p->ndocs || p->matches[i].concept >= p->nconcepts ||
		    p->matches[i].pattern >= rh_dict_pattern_count(dict))
			return rh_error__set(RH_EPARSE, "match %zu: document, concept or pattern out of range", i);
	for (size_t i = 0; p->cell_ptr && i < ngc; i++)
		if (p->cell_ptr[i + 1] < p->cell_ptr[i])
			return rh_error__set(RH_EPARSE, "collocation cells out of order");
	for (uint64_t k = 0; p->cell_ptr && k < p->cell_ptr[ngc]; k++)
		if (p->cells[k].term >= nterms)
			return rh_error__set(RH_EPARSE, "a collocation cell names term %u of %zu", p->cells[k].term, nterms);
	return 0;
}

int rh_counts__assemble(rh_counts **out, const rh_corpus *corpus, const rh_dict *dict,
			const rh_counts_options *opts, rh_counts__parts *p)
{
	rh_counts *c;
	size_t nterms, ngc = p->ngroups * p->nconcepts;
	int err;

	*out = NULL;
	if (p->ndocs != rh_corpus_count(corpus))
		return rh_error__set(RH_EPARSE, "%zu documents counted, but the corpus has %zu", p->ndocs,
				     rh_corpus_count(corpus));
	if ((err = parts_check(p, dict)) < 0)
		return err;
	if (!(c = rh__calloc(1, sizeof *c)))
		return RH_ENOMEM;
	rh_arena__init(&c->arena, 1 << 12);
	c->corpus = corpus;
	c->dict = dict;
	c->opts = *opts;
	c->opts.dict = dict;
	c->opts.progress = NULL;
	c->opts.progress_ud = NULL;
	c->opts.rows_group = NULL; /* a counts file holds every document's row */
	c->rows_gid = SIZE_MAX;
	c->nconcepts = p->nconcepts;
	c->ndocs = p->ndocs;
	if (opts->group_col && !(c->opts.group_col = rh_arena__strndup(&c->arena, opts->group_col, strlen(opts->group_col)))) {
		err = RH_ENOMEM;
		goto done;
	}
	c->docs = p->docs, p->docs = NULL;
	c->vocab = p->vocab, p->vocab = NULL;
	c->row_ptr = p->row_ptr, p->row_ptr = NULL;
	c->col = p->col, p->col = NULL;
	c->val = p->val, p->val = NULL;
	c->nnz = c->nnz_cap = (size_t)c->row_ptr[c->ndocs];
	c->matches = p->matches, p->matches = NULL;
	c->nmatches = c->matches_cap = p->nmatches;
	c->kwic = p->kwic, p->kwic = NULL;
	c->warnings = p->warnings;
	memset(&p->warnings, 0, sizeof p->warnings);
	if (!(c->groups = rh__calloc(p->ngroups + 1, sizeof *c->groups))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t g = 0; g < p->ngroups; g++)
		if (!(c->groups[g] = rh_arena__strndup(&c->arena, p->groups[g], strlen(p->groups[g])))) {
			err = RH_ENOMEM;
			goto done;
		}
	c->ngroups = p->ngroups;
	c->r1 = p->r1, p->r1 = NULL;
	c->f_node = p->f_node, p->f_node = NULL;
	c->cells = p->cells, p->cells = NULL;
	c->cell_ptr = p->cell_ptr, p->cell_ptr = NULL;
	if ((!c->r1 && !(c->r1 = rh__calloc(ngc + 1, sizeof *c->r1))) ||
	    (!c->f_node && !(c->f_node = rh__calloc(ngc + 1, sizeof *c->f_node))) ||
	    (!c->cell_ptr && !(c->cell_ptr = rh__calloc(ngc + 1, sizeof *c->cell_ptr))) ||
	    (!c->cells && !(c->cells = rh__malloc(sizeof *c->cells)))) {
		err = RH_ENOMEM;
		goto done;
	}
	nterms = rh_vocab_size(c->vocab);
	c->term_cap = nterms + 1;
	if (!(c->term_total = rh__calloc(c->term_cap, sizeof *c->term_total)) ||
	    !(c->term_docs = rh__calloc(c->term_cap, sizeof *c->term_docs))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t d = 0; d < c->ndocs; d++) {
		c->tokens += c->docs[d].tokens;
		for (uint64_t k = c->row_ptr[d]; k < c->row_ptr[d + 1]; k++) {
			c->term_total[c->col[k]] += c->val[k];
			c->term_docs[c->col[k]]++;
		}
	}
	if ((err = finish_groups(c)) < 0)
		goto done;
	*out = c;
	c = NULL;
done:
	rh_counts_free(c);
	return err;
}
