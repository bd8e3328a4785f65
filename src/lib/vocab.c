/* vocab.c: interned vocabulary: open addressing with linear probing, strings in an arena. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rhetor/text.h"
#include "vocab_internal.h"

typedef struct {
	const char *s;
	uint32_t len;
} entry;

typedef struct {
	uint64_t hash;
	uint32_t id; /* id + 1; 0 = empty */
} slot;

struct rh_vocab {
	slot *slots;
	size_t mask; /* slots - 1 (power of two) */
	entry *ent;
	size_t n, cap;
	rh_arena arena;
};

RH_API int rh_vocab_new(rh_vocab **out)
{
	rh_vocab *v;
	*out = NULL;
	if (!(v = rh__calloc(1, sizeof *v)))
		return RH_ENOMEM;
	v->mask = 1023;
	if (!(v->slots = rh__calloc(v->mask + 1, sizeof *v->slots))) {
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
	free(v->slots);
	free(v->ent);
	rh_arena__free(&v->arena);
	free(v);
}

static int rehash(rh_vocab *v)
{
	size_t nmask = v->mask * 2 + 1;
	slot *ns = rh__calloc(nmask + 1, sizeof *ns);
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

int64_t rh_vocab__find_h(const rh_vocab *v, const char *s, size_t n, uint64_t h)
{
	size_t i = h & v->mask;
	for (;;) {
		const slot *sl = &v->slots[i];
		if (!sl->id)
			return -1;
		if (sl->hash == h) {
			const entry *e = &v->ent[sl->id - 1];
			if (e->len == n && memcmp(e->s, s, n) == 0)
				return sl->id - 1;
		}
		i = (i + 1) & v->mask;
	}
}

int64_t rh_vocab__intern_h(rh_vocab *v, const char *s, size_t n, uint64_t h)
{
	size_t i = h & v->mask;
	for (;;) {
		slot *sl = &v->slots[i];
		if (!sl->id)
			break;
		if (sl->hash == h) {
			const entry *e = &v->ent[sl->id - 1];
			if (e->len == n && memcmp(e->s, s, n) == 0)
				return sl->id - 1;
		}
		i = (i + 1) & v->mask;
	}
	if (n > UINT32_MAX || v->n >= UINT32_MAX - 1)
		return rh_error__set(RH_EUSAGE, "vocabulary too large");
	if (rh__grow(&v->ent, &v->cap, v->n + 1, sizeof *v->ent) < 0)
		return RH_ENOMEM;
	char *copy = rh_arena__strndup(&v->arena, s, n);
	if (!copy)
		return RH_ENOMEM;
	v->ent[v->n].s = copy;
	v->ent[v->n].len = (uint32_t)n;
	v->slots[i].hash = h;
	v->slots[i].id = (uint32_t)(v->n + 1);
	v->n++;
	/* Keep the load under 1/2 so probes stay short. */
	if (v->n * 2 > v->mask && rehash(v) < 0)
		return RH_ENOMEM;
	return (int64_t)(v->n - 1);
}

RH_API int64_t rh_vocab_intern(rh_vocab *v, const char *s, size_t n)
{
	return rh_vocab__intern_h(v, s, n, rh__hash(s, n));
}

RH_API int64_t rh_vocab_find(const rh_vocab *v, const char *s, size_t n)
{
	return rh_vocab__find_h(v, s, n, rh__hash(s, n));
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
