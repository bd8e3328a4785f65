/* vocab_internal.h: the vocabulary's tables, and the inline lookup of the counting pass. */
#ifndef RH_VOCAB_INTERNAL_H
#define RH_VOCAB_INTERNAL_H

#include <string.h>

#include "internal.h"
#include "rhetor/vocab.h"

/*
 * Terms of up to 16 bytes, nearly every token of a speech, live in their own
 * table: the key is the term itself, two 64-bit words zero-padded, so a
 * lookup is two loads, a multiply, and a compare of two words, with no hash
 * call and no memcmp. Longer terms go to a table keyed by XXH3.
 */
#define RH_VOCAB_SHORT 16

typedef struct {
	uint64_t a, b;  /* the term's bytes, zero-padded */
	uint32_t len1;  /* length + 1; 0 = empty */
	uint32_t id;
} rh_vocab__short;

/* A long term's slot: the low half of its hash (the slot's index and a
 * first test before the bytes are compared), 8 bytes where a vocabulary
 * of n-grams holds millions. */
typedef struct {
	uint32_t hash;
	uint32_t id; /* id + 1; 0 = empty */
} rh_vocab__long;

typedef struct {
	const char *s;
	uint32_t len;
} rh_vocab__entry;

struct rh_vocab {
	rh_vocab__short *ss;
	size_t smask, nshort;   /* short slots - 1 (a power of two), used */
	rh_vocab__long *slots;
	size_t mask, nlong;
	rh_vocab__entry *ent;   /* by id */
	size_t n, cap;
	rh_arena arena;
};

/* The first n <= 16 bytes of the 16 readable bytes at s, zero-padded, as two words. */
static inline void rh_vocab__load(const char *s, size_t n, uint64_t *a, uint64_t *b)
{
	uint64_t x, y, ma, mb;
	memcpy(&x, s, 8);
	memcpy(&y, s + 8, 8);
	ma = n >= 8 ? ~0ull : (1ull << (n * 8)) - 1;
	mb = n >= 16 ? ~0ull : n <= 8 ? 0 : (1ull << ((n - 8) * 8)) - 1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	ma = n >= 8 ? ~0ull : ~(~0ull >> (n * 8));
	mb = n >= 16 ? ~0ull : n <= 8 ? 0 : ~(~0ull >> ((n - 8) * 8));
#endif
	*a = x & ma;
	*b = y & mb;
}

/* Folded 128-bit product of the two words (the "mum" mix of wyhash, Wang Yi 2019). */
static inline size_t rh_vocab__short_hash(uint64_t a, uint64_t b, size_t n)
{
	__uint128_t m = (__uint128_t)(a ^ 0xa0761d6478bd642full) * (b ^ n ^ 0xe7037ed1a0b428dbull);
	return (size_t)((uint64_t)m ^ (uint64_t)(m >> 64));
}

/* Adds a short term whose slot search ended, empty, at slot i. Returns its id or RH_E... */
/* Stores s as the next id without entering it in the hash tables: for a
 * term the caller knows is new and never looks up by its bytes (a
 * worker's n-gram, already unique by its words' ids). rh_vocab_find and
 * rh_vocab_intern do not see it; rh_vocab_term does. */
int64_t rh_vocab__append(rh_vocab *v, const char *s, size_t n);

int64_t rh_vocab__add_short(rh_vocab *v, const char *s, size_t n, uint64_t a, uint64_t b, size_t i);

/*
 * A short term's key, worked out ahead of its lookup: its two words and
 * hash. Its slot is prefetched, so a pass that takes the keys of the tokens
 * a few places ahead finds their slots in cache instead of waiting on each
 * (the table of a corpus's words is megabytes; a token's slot is a miss).
 */
typedef struct {
	uint64_t a, b;
	size_t h;
} rh_vocab__key;

/* A long term's key is its XXH3 hash alone. */
static inline void rh_vocab__key_of(const char *s, size_t n, rh_vocab__key *k)
{
	if (n <= RH_VOCAB_SHORT) {
		rh_vocab__load(s, n, &k->a, &k->b);
		k->h = rh_vocab__short_hash(k->a, k->b, n);
	} else {
		k->h = (size_t)rh__hash(s, n);
	}
}

static inline void rh_vocab__key_ahead(const rh_vocab *v, const char *s, size_t n, rh_vocab__key *k)
{
	rh_vocab__key_of(s, n, k);
	if (n <= RH_VOCAB_SHORT)
		__builtin_prefetch(&v->ss[k->h & v->smask]);
	else
		__builtin_prefetch(&v->slots[(uint32_t)k->h & v->mask]);
}

/* rh_vocab__key_ahead for a term without 16 readable bytes after it. */
static inline void rh_vocab__key_ahead_unpadded(const rh_vocab *v, const char *s, size_t n, rh_vocab__key *k)
{
	char buf[RH_VOCAB_SHORT] = { 0 };
	if (n > RH_VOCAB_SHORT) {
		rh_vocab__key_ahead(v, s, n, k);
		return;
	}
	if (n)
		memcpy(buf, s, n);
	rh_vocab__key_ahead(v, buf, n, k);
}

/* Interns a long term (n > 16) whose XXH3 hash is h. */
int64_t rh_vocab__intern_long(rh_vocab *v, const char *s, size_t n, uint64_t h);

/* rh_vocab__intern_padded with the key rh_vocab__key_ahead gave (the table may have grown since). */
static inline int64_t rh_vocab__intern_key(rh_vocab *v, const char *s, size_t n, const rh_vocab__key *k)
{
	if (n <= RH_VOCAB_SHORT) {
		const uint64_t a = k->a, b = k->b;
		size_t i = k->h & v->smask;
		for (;;) {
			const rh_vocab__short *sl = &v->ss[i];
			if (sl->a == a && sl->b == b && sl->len1 == n + 1)
				return sl->id;
			if (!sl->len1)
				return rh_vocab__add_short(v, s, n, a, b, i);
			i = (i + 1) & v->smask;
		}
	}
	return rh_vocab__intern_long(v, s, n, k->h);
}

/* rh_vocab_intern for a term with 16 readable bytes at s, whatever n is (e.g. a form in rh_tokens). */
static inline int64_t rh_vocab__intern_padded(rh_vocab *v, const char *s, size_t n)
{
	rh_vocab__key k = { 0, 0, 0 };
	rh_vocab__key_of(s, n, &k);
	return rh_vocab__intern_key(v, s, n, &k);
}

#endif
