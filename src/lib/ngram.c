/* ngram.c: the multi-word rule, n-gram counts and multiword-expression scores. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "ngram_internal.h"
#include "report_internal.h"
#include "rhetor/ngram.h"
#include "rhetor/plan.h"
#include "rhetor/stats.h"
#include "rhetor/vocab.h"

RH_API int rh_ngram_joins(const rh_tokens *t, const char *text, size_t i) { return rh_ngram__joins(t, text, i); }

RH_API int rh_ngram_sizes(const char *s, unsigned *min_size, unsigned *max_size)
{
	char *end;
	long a, b;
	if (!s || *s < '0' || *s > '9')
		return rh_error__set(RH_EUSAGE, "wants N or MIN-MAX with 1 <= MIN <= MAX <= 5, not '%s'", s ? s : "");
	a = b = strtol(s, &end, 10);
	if (*end == '-' && end[1] >= '0' && end[1] <= '9')
		b = strtol(end + 1, &end, 10);
	if (*end || a < 1 || b > 5 || a > b)
		return rh_error__set(RH_EUSAGE, "wants N or MIN-MAX with 1 <= MIN <= MAX <= 5, not '%s'", s);
	*min_size = (unsigned)a;
	*max_size = (unsigned)b;
	return 0;
}

/* ---- n-grams and their scores --------------------------------------- */

#define NONE UINT32_MAX
#define MAXK 5
#define PER 10000.0 /* rates per 10,000 tokens, as in every table */
/* The lookups of the pass over masked sequences are cache misses
 * independent of each other: it asks for the cells this far ahead. */
#define PREFETCH_AHEAD 12

/*
 * The kept n-grams of one size L. Each is its (L-1)-word prefix and
 * suffix, both kept at the level below (words at level 1). hist counts
 * occurrences by the tokens of the same run before (l) and after (r) them,
 * each capped at cap = max_size - L: an occurrence lies at offset o of a
 * K-word sequence exactly when l >= o and r >= K - L - o.
 */
typedef struct {
	size_t n;
	uint32_t *prefix, *suffix, *last; /* last: the final word */
	uint32_t *count;
	/* Per n-gram, side by side (one or two cache lines for each
	 * occurrence): the last document seen + 1, docs, target, nested, then
	 * the hist cells. */
	uint32_t *stat;
	unsigned cap, stride;
} level;

enum { ST_SEEN, ST_DOCS, ST_TARGET, ST_NESTED, ST_HIST };

/* A masked sequence with fixed first and last word: `span` positions, the
 * words at the positions in `mask`, NONE elsewhere. */
typedef struct {
	uint32_t w[MAXK];
	uint32_t span, mask;
} pattern;

/* A pattern with its cells (at most (2+1)^2: span 3 of 5-grams), one cache line. */
typedef struct {
	pattern key;
	uint32_t hist[9];
} pattern_rec;

/*
 * While the needed patterns are collected: records and open addressing over
 * them (hash's high half << 32 | index + 1; 0 empty). Then, for counting,
 * one table holding the records themselves (span 0 empty), so that a
 * lookup touches one cache line, mostly.
 */
typedef struct {
	pattern_rec *rec;
	uint64_t *slot;
	size_t n, cap, mask;
	pattern_rec *flat;
	size_t flat_mask;
} pattern_set;

struct rh_ngrams {
	rh_ngrams_options opts;
	rh_vocab *vocab;
	size_t ndocs;
	uint64_t *doc_first;
	uint8_t *is_target;
	uint64_t tokens, target_tokens;
	uint32_t *ids; /* every token of the corpus, documents back to back */
	uint8_t *rem;  /* tokens from p to the end of its run of joined tokens, capped at 255 */
	uint32_t *pid; /* id of the kept n-gram of the current level starting at p, or NONE */
	level lv[MAXK + 1];
	uint64_t windows[MAXK + 1]; /* K-word sequences of the corpus */
	pattern_set pats;
	rh_ngram *rows;
	size_t nrows;
	rh_arena arena;
};

static inline unsigned cells(unsigned cap) { return (cap + 1) * (cap + 1); }

/* ---- reading the corpus into one token stream ----------------------- */

enum { MAXT = RH__MAX_THREADS };

static unsigned thread_count(const rh_ngrams *g) { return rh__threads(g->opts.threads); }

/* The documents [d0, d1) of one thread, read into words of its own vocabulary. */
typedef struct {
	rh_ngrams *g;
	const rh_corpus *corpus;
	long col;
	size_t d0, d1;
	rh_vocab *lv;
	uint32_t *ids;
	uint8_t *rem;
	size_t n, cap;
	uint64_t target_tokens;
	int err;
	char *msg; /* the error's message (messages are the thread's own) */
} read_part;

static void *read_docs(void *arg)
{
	read_part *rp = arg;
	rh_ngrams *g = rp->g;
	rh_tokens t = RH_TOKENS_INIT;
	char *buf = NULL;
	size_t cap = 0, len;
	int err = 0;
	if ((err = rh_vocab_new(&rp->lv)) < 0)
		goto done;
	for (size_t d = rp->d0; d < rp->d1; d++) {
		if ((err = rh_corpus_read(rp->corpus, d, &buf, &cap, &len)) < 0)
			goto done;
		if ((err = rh_text_tokenize(&t, &g->opts.text, buf, len)) < 0) {
			err = rh_error__set(err, "%s: %s", rh_corpus_doc_source(rp->corpus, d), rh_error_last());
			goto done;
		}
		if (rp->n + t.n >= UINT32_MAX) {
			err = rh_error__set(RH_EUSAGE, "%s: the corpus has more than %u tokens, too many for n-grams",
					    rh_corpus_doc_source(rp->corpus, d), UINT32_MAX - 1);
			goto done;
		}
		size_t need = rp->n + t.n + 1, c2 = rp->cap;
		if (rh__grow(&rp->ids, &rp->cap, need, sizeof *rp->ids) < 0 || rh__grow(&rp->rem, &c2, need, 1) < 0) {
			err = RH_ENOMEM;
			goto done;
		}
		uint32_t *ids = rp->ids + rp->n;
		uint8_t *rem = rp->rem + rp->n;
		for (size_t i = 0; i < t.n; i++) {
			int64_t id = rh_vocab_intern(rp->lv, rh_tokens_form(&t, i), t.tok[i].norm_len);
			if (id < 0) {
				err = (int)id;
				goto done;
			}
			ids[i] = (uint32_t)id;
		}
		rem[t.n] = 0;
		for (size_t i = t.n; i-- > 0;)
			rem[i] = !rh_ngram__joins(&t, buf, i) ? 1 : rem[i + 1] < 255 ? (uint8_t)(rem[i + 1] + 1) : 255;
		if (rp->col >= 0 && g->opts.target && !strcmp(rh_corpus_meta(rp->corpus, d, (size_t)rp->col), g->opts.target)) {
			g->is_target[d] = 1;
			rp->target_tokens += t.n;
		}
		rp->n += t.n;
		g->doc_first[d + 1] = t.n; /* the document's tokens, summed after */
		/* The first part runs on the caller's thread: it tells the progress. */
		if (rp->d0 == 0 && g->opts.progress) {
			size_t done = (d + 1) * g->ndocs / rp->d1;
			g->opts.progress(g->opts.progress_ud, done < g->ndocs ? done : g->ndocs - 1, g->ndocs);
		}
	}
done:
	if (err < 0)
		rp->msg = rh__strdup(rh_error_last());
	rp->err = err;
	free(buf);
	rh_tokens_free(&t);
	return NULL;
}

/* Every token of the corpus as a word id, documents back to back, read on every thread. */
static int read_stream(rh_ngrams *g, const rh_corpus *corpus)
{
	read_part rp[MAXT];
	unsigned nt = thread_count(g);
	uint32_t *l2g = NULL;
	size_t l2g_cap = 0;
	long col = -1;
	int err = 0;

	if (g->opts.group_col && (col = rh_corpus_meta_find(corpus, g->opts.group_col)) < 0)
		return rh_error__set(RH_EUSAGE, "no metadata column '%s' to group by", g->opts.group_col);
	if (!(g->doc_first = rh__calloc(g->ndocs + 1, sizeof *g->doc_first)) ||
	    !(g->is_target = rh__calloc(g->ndocs + 1, 1)))
		return RH_ENOMEM;
	if (nt > g->ndocs)
		nt = g->ndocs ? (unsigned)g->ndocs : 1;
	/* Documents split evenly; the parts are joined in document order. */
	for (unsigned t = 0; t < nt; t++)
		rp[t] = (read_part){ g, corpus, col, g->ndocs * t / nt, g->ndocs * (t + 1) / nt, NULL, NULL, NULL, 0, 0, 0, 0, NULL };
	rh__run_threads(read_docs, rp, sizeof *rp, nt);
	/* The first error in document order. */
	for (unsigned t = 0; t < nt && err == 0; t++)
		if (rp[t].err < 0)
			err = rh_error__set(rp[t].err, "%s", rp[t].msg ? rp[t].msg : "failed");
	for (unsigned t = 0; t < nt && err == 0; t++) {
		g->tokens += rp[t].n;
		g->target_tokens += rp[t].target_tokens;
	}
	if (err == 0 && g->tokens >= UINT32_MAX)
		err = rh_error__set(RH_EUSAGE, "the corpus has more than %u tokens, too many for n-grams", UINT32_MAX - 1);
	if (err == 0 && (!(g->ids = rh__malloc((g->tokens + 1) * sizeof *g->ids)) ||
			 !(g->rem = rh__malloc(g->tokens + 1))))
		err = RH_ENOMEM;
	/* The threads' words in one vocabulary, part by part. */
	for (unsigned t = 0, at = 0; t < nt && err == 0; t++) {
		size_t nw = rh_vocab_size(rp[t].lv);
		if (rh__grow(&l2g, &l2g_cap, nw + 1, sizeof *l2g) < 0) {
			err = RH_ENOMEM;
			break;
		}
		for (uint32_t w = 0; w < nw && err == 0; w++) {
			size_t wl;
			const char *ws = rh_vocab_term(rp[t].lv, w, &wl);
			int64_t id = rh_vocab_intern(g->vocab, ws, wl);
			if (id < 0)
				err = (int)id;
			else
				l2g[w] = (uint32_t)id;
		}
		for (size_t i = 0; i < rp[t].n && err == 0; i++)
			g->ids[at + i] = l2g[rp[t].ids[i]];
		if (err == 0 && rp[t].n)
			memcpy(g->rem + at, rp[t].rem, rp[t].n);
		at += (unsigned)rp[t].n;
	}
	if (err == 0) {
		g->rem[g->tokens] = 0;
		for (size_t d = 0; d < g->ndocs; d++)
			g->doc_first[d + 1] += g->doc_first[d];
		if (g->opts.progress)
			g->opts.progress(g->opts.progress_ud, g->ndocs, g->ndocs);
	}
	if (err == 0 && col >= 0 && g->opts.target && g->target_tokens == 0)
		err = rh_error__set(RH_EUSAGE, "no document with %s = '%s' has a token", g->opts.group_col,
				    g->opts.target);
	for (unsigned t = 0; t < nt; t++) {
		rh_vocab_free(rp[t].lv);
		free(rp[t].ids);
		free(rp[t].rem);
		free(rp[t].msg);
	}
	free(l2g);
	return err;
}

/* ---- counting level by level ---------------------------------------- */

/* Visits every token p of the corpus with its document d and the offset l
 * of p in its run of joined tokens. */
#define FOR_TOKENS(g, d, p, l)                                                                   \
	for (size_t d = 0; d < (g)->ndocs; d++)                                                  \
		for (uint64_t p = (g)->doc_first[d], l = 0, e_ = (g)->doc_first[d + 1]; p < e_; \
		     l = (g)->rem[p] == 1 ? 0 : l + 1, p++)

static int level_alloc(level *v, size_t n, unsigned cap)
{
	v->n = n;
	v->cap = cap;
	v->stride = ST_HIST + cells(cap);
	if (!(v->prefix = rh__calloc(n + 1, sizeof *v->prefix)) || !(v->suffix = rh__calloc(n + 1, sizeof *v->suffix)) ||
	    !(v->last = rh__calloc(n + 1, sizeof *v->last)) || !(v->count = rh__calloc(n + 1, sizeof *v->count)) ||
	    !(v->stat = rh__table_alloc((n + 1) * v->stride, sizeof *v->stat, 1)))
		return RH_ENOMEM;
	return 0;
}

static void level_free(level *v)
{
	free(v->prefix);
	free(v->suffix);
	free(v->last);
	free(v->count);
	free(v->stat);
	memset(v, 0, sizeof *v);
}

/* The next size asked for above L, or 0: runs that long make an
 * occurrence of an L-gram nested (quanteda's count_nested). */
static unsigned next_size(const rh_ngrams *g, unsigned L)
{
	return L >= g->opts.min_size && L < g->opts.max_size ? L + 1 : 0;
}

/* Docs, target, nested and hist of n-gram id at level v, seen at p of doc d. */
static inline void tally(rh_ngrams *g, level *v, unsigned L, uint32_t id, size_t d, uint64_t p, uint64_t l)
{
	unsigned nx = next_size(g, L);
	uint64_t r = (uint64_t)g->rem[p] - L;
	uint32_t *st = v->stat + (size_t)id * v->stride;
	if (st[ST_SEEN] != d + 1) {
		st[ST_SEEN] = (uint32_t)(d + 1);
		st[ST_DOCS]++;
	}
	st[ST_TARGET] += g->is_target[d];
	st[ST_NESTED] += nx && l + g->rem[p] >= nx;
	st[ST_HIST + (l < v->cap ? l : v->cap) * (v->cap + 1) + (r < v->cap ? r : v->cap)]++;
}

/* Lookups of the passes below are cache misses independent of each other:
 * each pass asks for the cells of the token this far ahead. */
#define TALLY_AHEAD 8

/* Asks for the cells of n-gram id (NONE: none) at level v. */
static inline void prefetch_stat(const level *v, uint32_t id)
{
	if (id != NONE) {
		const uint32_t *st = v->stat + (size_t)id * v->stride;
		__builtin_prefetch(st, 1);
		__builtin_prefetch(st + v->stride - 1, 1);
	}
}

static int count_words(rh_ngrams *g)
{
	level *v = &g->lv[1];
	uint64_t k = g->opts.min_count;
	int err;
	if ((err = level_alloc(v, rh_vocab_size(g->vocab), g->opts.max_size - 1)) < 0)
		return err;
	for (uint64_t p = 0; p < g->tokens; p++)
		v->count[g->ids[p]]++;
	FOR_TOKENS (g, d, p, l) {
		uint32_t w = g->ids[p];
		if (p + TALLY_AHEAD < g->tokens)
			prefetch_stat(v, g->ids[p + TALLY_AHEAD]);
		v->last[w] = w;
		tally(g, v, 1, w, d, p, l);
		g->pid[p] = v->count[w] >= k ? w : NONE;
	}
	for (unsigned K = 1; K <= g->opts.max_size; K++)
		for (uint64_t p = 0; p < g->tokens; p++)
			g->windows[K] += g->rem[p] >= K;
	return 0;
}

typedef struct {
	uint64_t key; /* prefix << 32 | suffix; UINT64_MAX empty */
	uint32_t count, id; /* id: the entry, in order of first sight */
} gram_slot;

static gram_slot *slot_find(gram_slot *s, size_t mask, uint64_t key)
{
	size_t j = rh__mix64(key) & mask;
	while (s[j].key != UINT64_MAX && s[j].key != key)
		j = (j + 1) & mask;
	return &s[j];
}

static int slots_grow(gram_slot **s, size_t *mask)
{
	size_t nmask = *mask ? *mask * 2 + 1 : (1u << 16) - 1;
	gram_slot *ns = rh__table_alloc(nmask + 1, sizeof *ns, 0);
	if (!ns)
		return RH_ENOMEM;
	for (size_t i = 0; i <= nmask; i++)
		ns[i].key = UINT64_MAX;
	for (size_t i = 0; *s && i <= *mask; i++)
		if ((*s)[i].key != UINT64_MAX)
			*slot_find(ns, nmask, (*s)[i].key) = (*s)[i];
	free(*s);
	*s = ns;
	*mask = nmask;
	return 0;
}

/*
 * Level L from level L-1: an L-gram is counted only where both its prefix
 * and its suffix were kept (an L-gram seen k times has both seen at least
 * k times), and kept when seen min_count times. pid then names the kept
 * L-gram at each position.
 */
static int count_level(rh_ngrams *g, unsigned L)
{
	gram_slot *s = NULL;
	size_t mask = 0, used = 0, n = 0;
	uint64_t k = g->opts.min_count;
	level *v = &g->lv[L];
	uint32_t *id_of = NULL; /* entry (in order of first sight) -> kept id or NONE */
	int err = 0;
	if ((err = slots_grow(&s, &mask)) < 0)
		return err;
	/* pid[p] becomes the entry of the L-gram at p; ascending p reads
	 * pid[p + 1] before it is rewritten. */
	for (uint64_t p = 0; p < g->tokens; p++) {
		if (g->rem[p] < L || g->pid[p] == NONE || g->pid[p + 1] == NONE) {
			g->pid[p] = NONE;
			continue;
		}
		/* pid ahead of p still holds the level below. */
		uint64_t q = p + 2 * TALLY_AHEAD;
		if (q + 1 < g->tokens && g->rem[q] >= L && g->pid[q] != NONE && g->pid[q + 1] != NONE)
			__builtin_prefetch(&s[rh__mix64((uint64_t)g->pid[q] << 32 | g->pid[q + 1]) & mask]);
		uint64_t key = (uint64_t)g->pid[p] << 32 | g->pid[p + 1];
		gram_slot *e = slot_find(s, mask, key);
		if (e->key == UINT64_MAX) {
			if ((used + 1) * 2 > mask) {
				if ((err = slots_grow(&s, &mask)) < 0)
					goto done;
				e = slot_find(s, mask, key);
			}
			e->key = key;
			e->count = 0;
			e->id = (uint32_t)used++;
		}
		e->count++;
		g->pid[p] = e->id;
	}
	if (!(id_of = rh__table_alloc(used + 1, sizeof *id_of, 0))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i <= mask; i++)
		if (s[i].key != UINT64_MAX)
			id_of[s[i].id] = s[i].count >= k ? (uint32_t)n++ : NONE;
	if ((err = level_alloc(v, n, g->opts.max_size - L)) < 0)
		goto done;
	for (size_t i = 0; i <= mask; i++)
		if (s[i].key != UINT64_MAX && id_of[s[i].id] != NONE) {
			uint32_t id = id_of[s[i].id];
			v->prefix[id] = (uint32_t)(s[i].key >> 32);
			v->suffix[id] = (uint32_t)s[i].key;
			v->last[id] = g->lv[L - 1].last[v->suffix[id]];
			v->count[id] = s[i].count;
		}
	free(s);
	s = NULL;
	FOR_TOKENS (g, d, p, l) {
		if (p + 2 * TALLY_AHEAD < g->tokens && g->pid[p + 2 * TALLY_AHEAD] != NONE)
			__builtin_prefetch(&id_of[g->pid[p + 2 * TALLY_AHEAD]]);
		if (p + TALLY_AHEAD < g->tokens && g->pid[p + TALLY_AHEAD] != NONE)
			prefetch_stat(v, id_of[g->pid[p + TALLY_AHEAD]]);
		uint32_t id = g->pid[p] == NONE ? NONE : id_of[g->pid[p]];
		if (id != NONE)
			tally(g, v, L, id, d, p, l);
		g->pid[p] = id;
	}
done:
	free(s);
	free(id_of);
	return err;
}

/* The words of n-gram id of size L into w[0..L). */
static void gram_words(const rh_ngrams *g, unsigned L, uint32_t id, uint32_t *w)
{
	for (unsigned k = L; k >= 1; k--) {
		w[k - 1] = g->lv[k].last[id];
		if (k > 1)
			id = g->lv[k].prefix[id];
	}
}

/* ---- masked sequences with a gap ------------------------------------ */

/* Folded 128-bit product (the "mum" mix of wyhash, Wang Yi 2019). */
static inline uint64_t mum(uint64_t a, uint64_t b)
{
	__uint128_t m = (__uint128_t)a * b;
	return (uint64_t)m ^ (uint64_t)(m >> 64);
}

/* The pattern's 28 bytes as three words, two independent products: the
 * pass over masked sequences computes some ten of these per token. */
static inline uint64_t pattern_hash(const pattern *k)
{
	uint64_t x = (uint64_t)k->w[0] | (uint64_t)k->w[1] << 32, y = (uint64_t)k->w[2] | (uint64_t)k->w[3] << 32;
	uint64_t z = (uint64_t)k->w[4] | (uint64_t)k->span << 32 | (uint64_t)k->mask << 40;
	return mum(x ^ 0xa0761d6478bd642fULL, y ^ 0xe7037ed1a0b428dbULL) ^
	       mum(z ^ 0x8ebc6af09c88c6e3ULL, 0x589965cc75374cc3ULL);
}

/* The slot of k, whose hash is h: holding its index + 1 in the low half, or 0. */
static uint64_t *pattern_slot(const pattern_set *ps, const pattern *k, uint64_t h)
{
	uint64_t fp = h >> 32 << 32;
	size_t j = h & ps->mask;
	while (ps->slot[j] && ((ps->slot[j] & ~0xffffffffULL) != fp ||
			       memcmp(&ps->rec[(uint32_t)ps->slot[j] - 1].key, k, sizeof *k)))
		j = (j + 1) & ps->mask;
	return &ps->slot[j];
}

/* The counting table from the collected records. */
static int pattern_flatten(pattern_set *ps)
{
	size_t size = 1;
	while (size < ps->n + ps->n / 2 + 1)
		size *= 2;
	if (!(ps->flat = rh__table_alloc(size, sizeof *ps->flat, 1)))
		return RH_ENOMEM;
	ps->flat_mask = size - 1;
	for (size_t i = 0; i < ps->n; i++) {
		size_t j = pattern_hash(&ps->rec[i].key) & ps->flat_mask;
		while (ps->flat[j].key.span)
			j = (j + 1) & ps->flat_mask;
		ps->flat[j] = ps->rec[i];
	}
	free(ps->rec);
	free(ps->slot);
	ps->rec = NULL;
	ps->slot = NULL;
	return 0;
}

/* The record of k, whose hash is h, or NULL. */
static pattern_rec *pattern_find_hashed(const pattern_set *ps, const pattern *k, uint64_t h)
{
	if (!ps->flat)
		return NULL;
	for (size_t j = h & ps->flat_mask;; j = (j + 1) & ps->flat_mask) {
		pattern_rec *r = &ps->flat[j];
		if (!r->key.span)
			return NULL;
		if (!memcmp(&r->key, k, sizeof *k))
			return r;
	}
}

/* Adds k, whose hash is h, unless it is there. */
static int pattern_add(pattern_set *ps, const pattern *k, uint64_t h)
{
	if ((ps->n + 1) * 2 > ps->mask) {
		size_t nmask = ps->mask ? ps->mask * 2 + 1 : (1u << 16) - 1;
		uint64_t *ns = rh__table_alloc(nmask + 1, sizeof *ns, 1);
		if (!ns)
			return RH_ENOMEM;
		free(ps->slot);
		ps->slot = ns;
		ps->mask = nmask;
		for (size_t i = 0; i < ps->n; i++) {
			uint64_t hi = pattern_hash(&ps->rec[i].key);
			*pattern_slot(ps, &ps->rec[i].key, hi) = hi >> 32 << 32 | (i + 1);
		}
	}
	uint64_t *sl = pattern_slot(ps, k, h);
	if (*sl)
		return 0;
	if (rh__grow(&ps->rec, &ps->cap, ps->n + 1, sizeof *ps->rec) < 0)
		return RH_ENOMEM;
	memset(&ps->rec[ps->n], 0, sizeof *ps->rec);
	ps->rec[ps->n].key = *k;
	*sl = h >> 32 << 32 | ++ps->n;
	return 0;
}

/* The masked sequence of the positions S (a bit set over w[0..K)), from its
 * first to its last position. */
static void pattern_of(pattern *k, const uint32_t *w, unsigned S)
{
	unsigned i0 = (unsigned)__builtin_ctz(S), i1 = 31u - (unsigned)__builtin_clz(S);
	memset(k, 0, sizeof *k);
	k->span = i1 - i0 + 1;
	k->mask = S >> i0;
	for (unsigned i = 0; i < MAXK; i++)
		k->w[i] = i < k->span && (k->mask >> i & 1) ? w[i0 + i] : NONE;
}

static int is_gapped(unsigned S) { return S && (S >> __builtin_ctz(S)) & ((S >> __builtin_ctz(S)) + 1); }

typedef struct {
	rh_ngrams *g;
	const uint8_t *first, *last;
	size_t d0, d1; /* documents [d0, d1) */
} pattern_pass;

/* The interior masks of a span s: 2^(s-2) - 1 of them (none fixed up to all
 * but one), at pats[mask_base(s) + in] of a lookahead. */
#define NMASKS 11 /* 1 + 3 + 7: spans 3, 4 and 5 */
static inline unsigned mask_base(unsigned span) { return (1u << (span - 2)) - span + 1; }

/* The patterns to look up at one position, made and hashed once, while
 * their cells are fetched ahead of the lookups. */
typedef struct {
	pattern k[NMASKS];
	uint64_t h[NMASKS];
	unsigned spans; /* bit s: the span s passed the first/last word filter */
} lookahead;

#define RING 16 /* a power of two above PREFETCH_AHEAD */

static void prepare_patterns(const pattern_pass *pp, uint64_t q, lookahead *la)
{
	const rh_ngrams *g = pp->g;
	const uint32_t *w = g->ids + q;
	la->spans = 0;
	for (unsigned span = 3; span <= g->opts.max_size && span <= g->rem[q]; span++) {
		if (!(pp->first[w[0]] & 1u << span) || !(pp->last[w[span - 1]] & 1u << span))
			continue;
		la->spans |= 1u << span;
		for (unsigned in = 0, b = mask_base(span); in + 1 < 1u << (span - 2); in++) {
			pattern_of(&la->k[b + in], w, 1u | in << 1 | 1u << (span - 1));
			la->h[b + in] = pattern_hash(&la->k[b + in]);
			__builtin_prefetch(&g->pats.flat[la->h[b + in] & g->pats.flat_mask]);
		}
	}
}

/*
 * The cells of position p (offset l in its run). A sequence that lacks the
 * pattern of the interior positions `in` lacks that of every superset of
 * them too (a needed pattern's sub-patterns with the same ends are needed
 * as well), so those are not looked up.
 */
static void count_at(const pattern_pass *pp, uint64_t p, uint64_t l, const lookahead *la)
{
	const rh_ngrams *g = pp->g;
	const unsigned maxk = g->opts.max_size;
	for (unsigned span = 3; span <= maxk && span <= g->rem[p]; span++) {
		unsigned cap = maxk - span, miss[NMASKS], nmiss = 0;
		uint64_t r = (uint64_t)g->rem[p] - span;
		size_t cell = (l < cap ? l : cap) * (cap + 1) + (r < cap ? r : cap);
		if (!(la->spans & 1u << span))
			continue;
		for (unsigned in = 0, b = mask_base(span); in + 1 < 1u << (span - 2); in++) {
			unsigned m = 0;
			while (m < nmiss && (miss[m] & in) != miss[m])
				m++;
			if (m < nmiss)
				continue;
			pattern_rec *pr = pattern_find_hashed(&g->pats, &la->k[b + in], la->h[b + in]);
			if (pr)
				__atomic_fetch_add(&pr->hist[cell], 1, __ATOMIC_RELAXED);
			else if (in == 0)
				break;
			else
				miss[nmiss++] = in;
		}
	}
}

/* Counts the needed masked sequences with a gap in documents [d0, d1):
 * read-only lookups, relaxed atomic adds, so threads share the cells.
 * Position q is prepared PREFETCH_AHEAD positions before it is counted. */
static void *count_patterns_in(void *arg)
{
	const pattern_pass *pp = arg;
	const rh_ngrams *g = pp->g;
	lookahead ring[RING];
	for (size_t d = pp->d0; d < pp->d1; d++) {
		uint64_t s = g->doc_first[d], e = g->doc_first[d + 1], l = 0;
		for (uint64_t q = s; q < e + PREFETCH_AHEAD; q++) {
			if (q < e)
				prepare_patterns(pp, q, &ring[q & (RING - 1)]);
			if (q >= s + PREFETCH_AHEAD) {
				uint64_t p = q - PREFETCH_AHEAD;
				count_at(pp, p, l, &ring[p & (RING - 1)]);
				l = g->rem[p] == 1 ? 0 : l + 1;
			}
		}
	}
	return NULL;
}

static int count_patterns_threaded(rh_ngrams *g, const uint8_t *first, const uint8_t *last)
{
	pattern_pass pp[MAXT];
	unsigned nt = thread_count(g);
	size_t d = 0;
	/* Documents split by tokens, so each thread gets about as many. */
	for (unsigned t = 0; t < nt; t++) {
		size_t d0 = d;
		uint64_t until = g->tokens * (uint64_t)(t + 1) / nt;
		while (d < g->ndocs && (g->doc_first[d + 1] <= until || t == nt - 1))
			d++;
		pp[t] = (pattern_pass){ g, first, last, d0, d };
	}
	rh__run_threads(count_patterns_in, pp, sizeof *pp, nt);
	return 0;
}

/*
 * The masked sequences with a gap that scoring the kept n-grams needs,
 * counted in one pass by the tokens before and after them in their run.
 */
static int count_patterns(rh_ngrams *g)
{
	pattern_set *ps = &g->pats;
	uint8_t *first = NULL, *last = NULL; /* per word: spans in which it is the first / last fixed word */
	size_t nw = rh_vocab_size(g->vocab);
	unsigned maxk = g->opts.max_size;
	int err = 0;
	if (!(first = rh__calloc(nw + 1, 1)) || !(last = rh__calloc(nw + 1, 1))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* The patterns of a batch of n-grams are made and their slots asked
	 * for before the first is added (each is a miss in a table of
	 * millions). */
	enum { BATCH = 64 };
	pattern *bk = rh__malloc(BATCH * 16 * sizeof *bk);
	uint64_t *bh = rh__malloc(BATCH * 16 * sizeof *bh);
	if (!bk || !bh) {
		err = RH_ENOMEM;
		goto batch_done;
	}
	for (unsigned K = g->opts.min_size < 3 ? 3 : g->opts.min_size; K <= maxk; K++)
		for (uint32_t id0 = 0; id0 < g->lv[K].n; id0 += BATCH) {
			size_t nb = 0;
			for (uint32_t id = id0; id < g->lv[K].n && id - id0 < BATCH; id++) {
				uint32_t w[MAXK];
				gram_words(g, K, id, w);
				for (unsigned S = 1; S < 1u << K; S++) {
					if (!is_gapped(S))
						continue;
					pattern_of(&bk[nb], w, S);
					first[w[__builtin_ctz(S)]] |= (uint8_t)(1u << bk[nb].span);
					last[w[31 - __builtin_clz(S)]] |= (uint8_t)(1u << bk[nb].span);
					bh[nb] = pattern_hash(&bk[nb]);
					if (ps->slot)
						__builtin_prefetch(&ps->slot[bh[nb] & ps->mask]);
					nb++;
				}
			}
			for (size_t i = 0; i < nb; i++)
				if ((err = pattern_add(ps, &bk[i], bh[i])) < 0)
					goto batch_done;
		}
batch_done:
	free(bk);
	free(bh);
	if (err < 0)
		goto done;
	if (!ps->n)
		goto done;
	if ((err = pattern_flatten(ps)) < 0)
		goto done;
	err = count_patterns_threaded(g, first, last);
done:
	free(first);
	free(last);
	return err;
}

/* ---- scores ---------------------------------------------------------- */

/* Occurrences counted in cells[(cap+1)^2] at offset >= o with >= q tokens after. */
static uint64_t hist_at_least(const uint32_t *h, unsigned cap, unsigned o, unsigned q)
{
	uint64_t s = 0;
	for (unsigned l = o; l <= cap; l++)
		for (unsigned r = q; r <= cap; r++)
			s += h[l * (cap + 1) + r];
	return s;
}

/*
 * Blaheta & Johnson (2001) as quanteda's textstat_collocations computes
 * them. M[S] counts the K-word sequences that agree with the n-gram on the
 * positions in S (and anything elsewhere); the cells that agree on exactly
 * S follow by Moebius inversion over the supersets of S. The sums run over
 * b = 0 .. 2^K - 1 in order, as quanteda's do.
 */
static int score(const rh_ngrams *g, unsigned K, uint32_t id, double *lambda, double *sigma)
{
	int64_t M[1u << MAXK];
	const uint32_t *h[1u << MAXK];
	uint32_t w[MAXK], sub[MAXK + 1][MAXK];
	pattern pk[1u << MAXK];
	uint64_t ph[1u << MAXK];
	const unsigned full = (1u << K) - 1;
	/* The contiguous parts of the n-gram, level by level from the top
	 * (sub[L][i]: words i .. i + L - 1), each one load from a part above;
	 * the words are sub[1]. */
	sub[K][0] = id;
	for (unsigned L = K; L > 1; L--) {
		for (unsigned i = 0; i + L <= K; i++)
			sub[L - 1][i] = g->lv[L].prefix[sub[L][i]];
		sub[L - 1][K - L + 1] = g->lv[L].suffix[sub[L][K - L]];
	}
	for (unsigned i = 0; i < K; i++)
		w[i] = sub[1][i];
	/* Every cell's counts are a miss of their own: all are asked for
	 * before the first is read. */
	for (unsigned S = 1; S <= full; S++) {
		unsigned i0 = (unsigned)__builtin_ctz(S), i1 = 31u - (unsigned)__builtin_clz(S), L = i1 - i0 + 1;
		if (is_gapped(S)) {
			pattern_of(&pk[S], w, S);
			ph[S] = pattern_hash(&pk[S]);
			__builtin_prefetch(&g->pats.flat[ph[S] & g->pats.flat_mask]);
		} else {
			h[S] = g->lv[L].stat + (size_t)sub[L][i0] * g->lv[L].stride + ST_HIST;
			__builtin_prefetch(h[S]);
		}
	}
	for (unsigned S = 0; S <= full; S++) {
		if (!S) {
			M[S] = (int64_t)g->windows[K];
			continue;
		}
		unsigned i0 = (unsigned)__builtin_ctz(S), i1 = 31u - (unsigned)__builtin_clz(S), L = i1 - i0 + 1;
		unsigned cap = g->opts.max_size - L;
		if (is_gapped(S)) {
			const pattern_rec *pr = pattern_find_hashed(&g->pats, &pk[S], ph[S]);
			if (!pr)
				return rh_error__set(RH_EUSAGE, "internal: a masked sequence was not counted");
			h[S] = pr->hist;
		}
		M[S] = (int64_t)hist_at_least(h[S], cap, i0, K - 1 - i1);
	}
	for (unsigned i = 0; i < K; i++)
		for (unsigned S = 0; S <= full; S++)
			if (!(S >> i & 1))
				M[S] -= M[S | 1u << i];
	double l = 0, s = 0;
	for (unsigned S = 0; S <= full; S++) {
		double c = (double)M[S] + g->opts.smoothing;
		int sign = (K - (unsigned)__builtin_popcount(S)) % 2 ? -1 : 1;
		l += sign * log(c);
		s += 1.0 / c;
	}
	*lambda = l;
	*sigma = sqrt(s);
	return 0;
}

/* ---- rows ------------------------------------------------------------ */

/*
 * Rows in table order: n-grams of two words or more first, by z
 * descending (NaN last), then unigrams by count descending; ties by
 * phrase in byte order. A million rows and more: sorted on small keys
 * (report_internal.h), the rows moved once.
 */
static int sort_rows(rh_ngrams *g)
{
	size_t n = g->nrows, nmulti = 0;
	rh_report__key *k;
	rh_ngram *sorted;
	if (n < 2)
		return 0;
	if (n > UINT32_MAX || !(k = rh__malloc(n * sizeof *k)))
		return RH_ENOMEM;
	if (!(sorted = rh__malloc(n * sizeof *sorted))) {
		free(k);
		return RH_ENOMEM;
	}
	for (int uni = 0; uni <= 1; uni++) {
		size_t m = 0, from = uni ? nmulti : 0;
		for (size_t i = 0; i < n; i++) {
			const rh_ngram *r = &g->rows[i];
			if ((r->size == 1) != uni)
				continue;
			uint64_t major = uni ? ~r->count : isnan(r->z) ? UINT64_MAX : rh_report__desc(r->z);
			k[from + m++] = (rh_report__key){ major, 0, r->phrase, (uint32_t)strlen(r->phrase), (uint32_t)i };
		}
		rh_report__sort_keys(k + from, m);
		if (!uni)
			nmulti = m;
	}
	for (size_t i = 0; i < n; i++)
		sorted[i] = g->rows[k[i].item];
	free(k);
	free(g->rows);
	g->rows = sorted;
	return 0;
}

typedef struct {
	const rh_ngrams *g;
	const uint32_t *ids;
	size_t from, to;
	int err;
} score_part;

static void *score_rows(void *arg)
{
	score_part *sp = arg;
	for (size_t i = sp->from; i < sp->to && sp->err == 0; i++) {
		rh_ngram *r = &sp->g->rows[i];
		if (r->size > 1 && (sp->err = score(sp->g, r->size, sp->ids[i], &r->lambda, &r->sigma)) == 0)
			r->z = r->lambda / r->sigma;
	}
	return NULL;
}

static int make_rows(rh_ngrams *g)
{
	size_t n = 0;
	for (unsigned L = g->opts.min_size; L <= g->opts.max_size; L++)
		n += L == 1 ? 0 : g->lv[L].n;
	if (g->opts.min_size == 1)
		for (uint32_t w = 0; w < g->lv[1].n; w++)
			n += g->lv[1].count[w] >= g->opts.min_count;
	uint32_t *ids = rh__malloc((n + 1) * sizeof *ids); /* per row: its n-gram's id at its level */
	if (!ids || !(g->rows = rh__calloc(n + 1, sizeof *g->rows))) {
		free(ids);
		return RH_ENOMEM;
	}
	for (unsigned L = g->opts.min_size; L <= g->opts.max_size; L++) {
		level *v = &g->lv[L];
		for (uint32_t id = 0; id < v->n; id++) {
			uint32_t w[MAXK];
			size_t len = 0;
			if (L == 1 && v->count[id] < g->opts.min_count)
				continue;
			gram_words(g, L, id, w);
			for (unsigned i = 0; i < L; i++) {
				size_t wl;
				rh_vocab_term(g->vocab, w[i], &wl);
				len += wl + 1;
			}
			char *ph = rh_arena__alloc(&g->arena, len);
			if (!ph) {
				free(ids);
				return RH_ENOMEM;
			}
			len = 0;
			for (unsigned i = 0; i < L; i++) {
				size_t wl;
				const char *t = rh_vocab_term(g->vocab, w[i], &wl);
				if (i)
					ph[len++] = ' ';
				memcpy(ph + len, t, wl);
				len += wl;
			}
			ph[len] = '\0';
			ids[g->nrows] = id;
			rh_ngram *r = &g->rows[g->nrows++];
			const uint32_t *st = v->stat + (size_t)id * v->stride;
			*r = (rh_ngram){ ph, L, v->count[id], st[ST_DOCS], st[ST_NESTED], NAN, NAN, NAN, st[ST_TARGET] };
		}
	}
	/* The scores, independent of each other, on every thread. */
	score_part sp[MAXT];
	unsigned nt = thread_count(g);
	for (unsigned t = 0; t < nt; t++)
		sp[t] = (score_part){ g, ids, g->nrows * t / nt, g->nrows * (t + 1) / nt, 0 };
	rh__run_threads(score_rows, sp, sizeof *sp, nt);
	free(ids);
	for (unsigned t = 0; t < nt; t++)
		if (sp[t].err < 0)
			return sp[t].err;
	return sort_rows(g);
}

RH_API int rh_ngrams_build(rh_ngrams **out, const rh_corpus *corpus, const rh_ngrams_options *opts)
{
	rh_ngrams_options def = RH_NGRAMS_OPTIONS_INIT;
	rh_ngrams *g;
	int err;

	*out = NULL;
	if (!opts)
		opts = &def;
	if (opts->min_size < 1 || opts->max_size > MAXK || opts->min_size > opts->max_size)
		return rh_error__set(RH_EUSAGE, "n-gram sizes must lie within 1-%d, the smaller first (got %u-%u)",
				     MAXK, opts->min_size, opts->max_size);
	if (!(opts->smoothing >= 0) || !isfinite(opts->smoothing))
		return rh_error__set(RH_EUSAGE, "the smoothing must be a number >= 0 (got %g)", opts->smoothing);
	if (!(g = rh__calloc(1, sizeof *g)))
		return RH_ENOMEM;
	g->opts = *opts;
	if (g->opts.min_count < 1)
		g->opts.min_count = 1;
	g->ndocs = rh_corpus_count(corpus);
	rh_arena__init(&g->arena, 1 << 16);
	if ((err = rh_vocab_new(&g->vocab)) < 0 || (err = read_stream(g, corpus)) < 0)
		goto done;
	if (!(g->pid = rh__malloc((g->tokens + 1) * sizeof *g->pid))) {
		err = RH_ENOMEM;
		goto done;
	}
	if ((err = count_words(g)) < 0)
		goto done;
	for (unsigned L = 2; L <= g->opts.max_size; L++)
		if ((err = count_level(g, L)) < 0)
			goto done;
	free(g->pid);
	g->pid = NULL;
	if ((err = count_patterns(g)) < 0 || (err = make_rows(g)) < 0)
		goto done;
	/* The stream and the counts behind the scores are no longer needed. */
	free(g->ids);
	free(g->rem);
	g->ids = NULL;
	g->rem = NULL;
	*out = g;
	g = NULL;
done:
	rh_ngrams_free(g);
	return err;
}

RH_API void rh_ngrams_free(rh_ngrams *g)
{
	if (!g)
		return;
	rh_vocab_free(g->vocab);
	free(g->doc_first);
	free(g->is_target);
	free(g->ids);
	free(g->rem);
	free(g->pid);
	for (unsigned L = 0; L <= MAXK; L++)
		level_free(&g->lv[L]);
	free(g->pats.rec);
	free(g->pats.slot);
	free(g->pats.flat);
	free(g->rows);
	rh_arena__free(&g->arena);
	free(g);
}

RH_API size_t rh_ngrams_count(const rh_ngrams *g) { return g->nrows; }
RH_API const rh_ngram *rh_ngrams_at(const rh_ngrams *g, size_t i) { return i < g->nrows ? &g->rows[i] : NULL; }
RH_API uint64_t rh_ngrams_tokens(const rh_ngrams *g) { return g->tokens; }
RH_API uint64_t rh_ngrams_target_tokens(const rh_ngrams *g) { return g->target_tokens; }

/* ---- tables ---------------------------------------------------------- */

static int write_candidates(FILE *fp, const rh_ngrams *g, const rh_table_options *to, size_t top)
{
	/* The header is the list of tables' (rhetor/plan.h): eight columns, sixteen with a target. */
	const rh_table_def *td = rh_tables_find("candidates.csv");
	const int key = g->opts.target != NULL;
	size_t n = top && top < g->nrows ? top : g->nrows;
	double n1 = (double)g->target_tokens, n2 = (double)(g->tokens - g->target_tokens);
	rh_keyness *k = NULL;
	double *q = NULL;
	rh_table *t = NULL;
	int err = 0;

	if (key) {
		if (!(k = rh__calloc(g->nrows + 1, sizeof *k)) || !(q = rh__calloc(g->nrows + 1, sizeof *q))) {
			err = RH_ENOMEM;
			goto done;
		}
		if (n2 <= 0) {
			err = rh_error__set(RH_EUSAGE, "every document is in the target '%s': no reference to compare with",
					    g->opts.target);
			goto done;
		}
		for (size_t i = 0; i < g->nrows; i++) {
			const rh_ngram *r = &g->rows[i];
			if ((err = rh_stats_keyness((double)r->target_count, (double)(r->count - r->target_count), n1, n2,
						    &k[i])) < 0)
				goto done;
			q[i] = k[i].p_value;
		}
		/* q values over every row, not only those written. */
		if ((err = rh_stats_bh_qvalues(q, g->nrows, q)) < 0)
			goto done;
	}
	if ((err = rh_table_new(&t, fp, to, td->columns, td->ncolumns + (key ? 8 : 0))) < 0)
		goto done;
	/* The table's errors are sticky: plain calls, one check at the end. */
	for (size_t i = 0; i < n; i++) {
		const rh_ngram *r = &g->rows[i];
		rh_table_text(t, r->phrase);
		rh_table_int(t, r->size);
		rh_table_int(t, (long long)r->count);
		rh_table_int(t, r->docs);
		rh_table_int(t, (long long)r->count_nested);
		rh_table_num(t, r->lambda);
		rh_table_num(t, r->sigma);
		rh_table_num(t, r->z);
		if (key) {
			uint64_t b = r->count - r->target_count;
			rh_table_int(t, (long long)r->target_count);
			rh_table_int(t, (long long)b);
			rh_table_num(t, (double)r->target_count / n1 * PER);
			rh_table_num(t, (double)b / n2 * PER);
			rh_table_num(t, k[i].log_likelihood);
			rh_table_num(t, k[i].p_value);
			rh_table_num(t, q[i]);
			rh_table_num(t, k[i].log_ratio);
		}
		rh_table_end_row(t);
	}
	err = rh_table_finish(t);
done:
	rh_table_free(t);
	free(k);
	free(q);
	return err;
}

static int write_dictionary(FILE *fp, const rh_ngrams *g, const rh_table_options *to, size_t top)
{
	static const char *const cols[] = { "concept", "pattern", "label" };
	size_t n = top && top < g->nrows ? top : g->nrows;
	rh_table *t = NULL;
	int err;
	if ((err = rh_table_new(&t, fp, to, cols, 3)) < 0)
		return err;
	for (size_t i = 0; i < n && err == 0; i++) {
		const char *ph = g->rows[i].phrase;
		char *concept = rh__strdup(ph);
		if (!concept) {
			err = RH_ENOMEM;
			break;
		}
		for (char *c = concept; *c; c++)
			if (*c == ' ')
				*c = '_';
		rh_table_text(t, concept);
		rh_table_text(t, ph);
		rh_table_text(t, ph);
		rh_table_end_row(t);
		free(concept);
	}
	if (err == 0)
		err = rh_table_finish(t);
	rh_table_free(t);
	return err;
}

RH_API int rh_ngrams_write_candidates(FILE *fp, const rh_results *r)
{
	const rh_plan_section *s = &r->plan->candidates;
	if (!r->ngrams)
		return rh_error__set(RH_EUSAGE, "candidates.csv: no candidates were computed");
	return write_candidates(fp, r->ngrams, &s->report.table, (size_t)s->report.top);
}

RH_API int rh_ngrams_write_candidates_dictionary(FILE *fp, const rh_results *r)
{
	if (!r->ngrams)
		return rh_error__set(RH_EUSAGE, "candidates_dictionary.csv: no candidates were computed");
	return write_dictionary(fp, r->ngrams, &r->plan->candidates.report.table, r->plan->candidates_dictionary_top);
}
