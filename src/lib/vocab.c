/* vocab.c: interned vocabulary: open addressing with linear probing, strings in an arena. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rhetor/text.h"
#include "vocab_internal.h"

RH_API int rh_vocab_new(rh_vocab **out)
{
	rh_vocab *v;
	*out = NULL;
	if (!(v = rh__calloc(1, sizeof *v)))
		return RH_ENOMEM;
	/* Small at first: a dictionary holds several vocabularies of a few terms
	 * each, and a table grows by doubling (a rehash of a few slots). */
	v->smask = 63;
	v->mask = 15;
	if (!(v->ss = rh__calloc(v->smask + 1, sizeof *v->ss)) ||
	    !(v->slots = rh__calloc(v->mask + 1, sizeof *v->slots))) {
		free(v->ss);
		free(v);
		return RH_ENOMEM;
	}
	rh_arena__init(&v->arena, 1 << 16);
	*out = v;
	return 0;
}

RH_API void rh_vocab_free(rh_vocab *v)
{
	if (!v)
		return;
	free(v->ss);
	free(v->slots);
	free(v->ent);
	rh_arena__free(&v->arena);
	free(v);
}

/* Keep each table's load under 1/2 so probes stay short. */
static int rehash_short(rh_vocab *v)
{
	size_t nmask = v->smask * 2 + 1;
	rh_vocab__short *ns = rh__table_alloc(nmask + 1, sizeof *ns, 1);
	if (!ns)
		return RH_ENOMEM;
	for (size_t i = 0; i <= v->smask; i++) {
		const rh_vocab__short *sl = &v->ss[i];
		if (!sl->len1)
			continue;
		size_t j = rh_vocab__short_hash(sl->a, sl->b, sl->len1 - 1) & nmask;
		while (ns[j].len1)
			j = (j + 1) & nmask;
		ns[j] = *sl;
	}
	free(v->ss);
	v->ss = ns;
	v->smask = nmask;
	return 0;
}

static int rehash_long(rh_vocab *v)
{
	size_t nmask = v->mask * 2 + 1;
	rh_vocab__long *ns = rh__table_alloc(nmask + 1, sizeof *ns, 1);
	if (!ns)
		return RH_ENOMEM;
	for (size_t i = 0; i <= v->mask; i++) {
		if (!v->slots[i].id)
			continue;
		size_t j = v->slots[i].hash & nmask;
		while (ns[j].id)
			j = (j + 1) & nmask;
		ns[j] = v->slots[i];
	}
	free(v->slots);
	v->slots = ns;
	v->mask = nmask;
	return 0;
}

/* Stores a copy of s as the next id; returns it or RH_E... */
static int64_t add_entry(rh_vocab *v, const char *s, size_t n)
{
	char *copy;
	if (n > UINT32_MAX || v->n >= UINT32_MAX - 1)
		return rh_error__set(RH_EUSAGE, "vocabulary too large");
	if (rh__grow(&v->ent, &v->cap, v->n + 1, sizeof *v->ent) < 0 ||
	    !(copy = rh_arena__strndup(&v->arena, s, n)))
		return RH_ENOMEM;
	v->ent[v->n].s = copy;
	v->ent[v->n].len = (uint32_t)n;
	return (int64_t)v->n++;
}

int64_t rh_vocab__append(rh_vocab *v, const char *s, size_t n) { return add_entry(v, s, n); }

int64_t rh_vocab__add_short(rh_vocab *v, const char *s, size_t n, uint64_t a, uint64_t b, size_t i)
{
	int64_t id = add_entry(v, s, n);
	if (id < 0)
		return id;
	v->ss[i] = (rh_vocab__short){ a, b, (uint32_t)n + 1, (uint32_t)id };
	if (++v->nshort * 2 > v->smask && rehash_short(v) < 0)
		return RH_ENOMEM;
	return id;
}

/* The slot of a long term, or of the empty slot where its search ended. */
static size_t find_long(const rh_vocab *v, const char *s, size_t n, uint64_t h)
{
	size_t i = (uint32_t)h & v->mask;
	for (;;) {
		const rh_vocab__long *sl = &v->slots[i];
		if (!sl->id)
			return i;
		if (sl->hash == (uint32_t)h) {
			const rh_vocab__entry *e = &v->ent[sl->id - 1];
			if (e->len == n && memcmp(e->s, s, n) == 0)
				return i;
		}
		i = (i + 1) & v->mask;
	}
}

/* The short key of any n <= 16 bytes at s (no padding needed). */
static void load_copy(const char *s, size_t n, uint64_t *a, uint64_t *b)
{
	char buf[RH_VOCAB_SHORT] = { 0 };
	if (n)
		memcpy(buf, s, n);
	rh_vocab__load(buf, n, a, b);
}

RH_API int64_t rh_vocab_intern(rh_vocab *v, const char *s, size_t n)
{
	if (n <= RH_VOCAB_SHORT) {
		char buf[RH_VOCAB_SHORT] = { 0 };
		if (n)
			memcpy(buf, s, n);
		return rh_vocab__intern_padded(v, buf, n);
	}
	return rh_vocab__intern_long(v, s, n, rh__hash(s, n));
}

int64_t rh_vocab__intern_long(rh_vocab *v, const char *s, size_t n, uint64_t h)
{
	size_t i = find_long(v, s, n, h);
	if (v->slots[i].id)
		return v->slots[i].id - 1;
	int64_t id = add_entry(v, s, n);
	if (id < 0)
		return id;
	v->slots[i].hash = (uint32_t)h;
	v->slots[i].id = (uint32_t)id + 1;
	if (++v->nlong * 2 > v->mask && rehash_long(v) < 0)
		return RH_ENOMEM;
	return id;
}

RH_API int64_t rh_vocab_find(const rh_vocab *v, const char *s, size_t n)
{
	if (n <= RH_VOCAB_SHORT) {
		uint64_t a, b;
		load_copy(s, n, &a, &b);
		for (size_t i = rh_vocab__short_hash(a, b, n) & v->smask;; i = (i + 1) & v->smask) {
			const rh_vocab__short *sl = &v->ss[i];
			if (sl->a == a && sl->b == b && sl->len1 == n + 1)
				return sl->id;
			if (!sl->len1)
				return -1;
		}
	}
	size_t i = find_long(v, s, n, rh__hash(s, n));
	return v->slots[i].id ? (int64_t)v->slots[i].id - 1 : -1;
}

RH_API size_t rh_vocab_size(const rh_vocab *v) { return v ? v->n : 0; }

RH_API const char *rh_vocab_term(const rh_vocab *v, uint32_t id, size_t *len)
{
	if (id >= v->n)
		return NULL;
	if (len)
		*len = v->ent[id].len;
	return v->ent[id].s;
}

RH_API int rh_vocab_load_list(rh_vocab **out, const char *buf, size_t len, const rh_text_options *topts)
{
	rh_vocab *v = NULL;
	rh_tokens toks = RH_TOKENS_INIT;
	int err;
	size_t i = 0;
	*out = NULL;
	if ((err = rh_vocab_new(&v)) < 0)
		return err;
	while (i < len) {
		size_t j = i;
		while (j < len && buf[j] != '\n')
			j++;
		/* '#' starts a comment line; every token of a line is a term. */
		if (j > i && buf[i] != '#') {
			if ((err = rh_text_tokenize(&toks, topts, buf + i, j - i)) < 0)
				goto done;
			for (size_t k = 0; k < toks.n; k++)
				if ((err = (int)rh_vocab_intern(v, rh_tokens_form(&toks, k), toks.tok[k].norm_len)) < 0)
					goto done;
		}
		i = j + 1;
	}
	err = 0;
	*out = v;
	v = NULL;
done:
	rh_tokens_free(&toks);
	rh_vocab_free(v);
	return err;
}
