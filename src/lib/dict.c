/* dict.c: phrase dictionaries: loading, pattern words with prefix wildcards, matching. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "dict_internal.h"
#include "rhetor/file.h"
#include "rhetor/vocab.h"
#include <unistd.h>

typedef struct {
	char *text;      /* as written */
	uint32_t concept;
	uint32_t len;    /* words */
	uint32_t *words; /* dictionary word ids */
	char **extra;
} pattern;

struct rh_dict {
	char **concepts;
	size_t nconcepts, concepts_cap;
	rh_vocab *concept_ids;  /* concept name -> id (ids in order of first appearance) */
	pattern *pat;
	size_t npat, pat_cap;
	char **extra_names;
	size_t nextra;
	/* Words: exact forms in `exact` (vocab id -> word id), prefixes listed. */
	rh_vocab *exact;
	uint32_t *exact_word; /* vocab id -> word id */
	size_t exact_cap;
	/* Prefixes (from `word*`): prefix -> index into prefix_word. A term of
	   n bytes has at most n prefixes, each found by one look-up. */
	rh_vocab *prefixes;
	uint32_t *prefix_word;
	size_t prefix_cap;
	size_t nwords;
	/* Concept and words of each pattern -> the first pattern with them. */
	rh_vocab *pattern_keys;
	uint32_t *key_first;
	size_t key_cap;
	uint32_t *key_buf;
	size_t key_buf_cap;
	rh_warnings warnings;
	/* Patterns by their first word: first_ptr[w]..first_ptr[w+1] in first_pat. */
	uint32_t *first_ptr, *first_pat;
	rh_arena arena;
};

static int64_t word_id(rh_dict *d, const char *s, size_t n, int is_prefix)
{
	if (!is_prefix) {
		size_t before = rh_vocab_size(d->exact);
		int64_t v = rh_vocab_intern(d->exact, s, n);
		if (v < 0)
			return v;
		if ((size_t)v == before) {
			if (rh__grow(&d->exact_word, &d->exact_cap, (size_t)v + 1, sizeof *d->exact_word) < 0)
				return RH_ENOMEM;
			d->exact_word[v] = (uint32_t)d->nwords++;
		}
		return d->exact_word[v];
	}
	size_t before = rh_vocab_size(d->prefixes);
	int64_t v = rh_vocab_intern(d->prefixes, s, n);
	if (v < 0)
		return v;
	if ((size_t)v == before) {
		if (rh__grow(&d->prefix_word, &d->prefix_cap, (size_t)v + 1, sizeof *d->prefix_word) < 0)
			return RH_ENOMEM;
		d->prefix_word[v] = (uint32_t)d->nwords++;
	}
	return d->prefix_word[v];
}

static long concept_id(rh_dict *d, const char *name)
{
	size_t before = rh_vocab_size(d->concept_ids);
	int64_t v = rh_vocab_intern(d->concept_ids, name, strlen(name));
	if (v < 0)
		return (long)v;
	if ((size_t)v < before)
		return (long)v;
	if (rh__grow(&d->concepts, &d->concepts_cap, d->nconcepts + 1, sizeof *d->concepts) < 0)
		return RH_ENOMEM;
	if (!(d->concepts[d->nconcepts] = rh_arena__strndup(&d->arena, name, strlen(name))))
		return RH_ENOMEM;
	return (long)d->nconcepts++;
}

/*
 * The first earlier pattern with the same concept and words as p, or -1
 * (and p is remembered). One hash look-up per pattern, so a dictionary of
 * many patterns loads in linear time.
 */
static long same_pattern(rh_dict *d, const pattern *p, size_t index)
{
	size_t n = p->len + 1, before = rh_vocab_size(d->pattern_keys);
	int64_t v;
	if (rh__grow(&d->key_buf, &d->key_buf_cap, n, sizeof *d->key_buf) < 0)
		return RH_ENOMEM;
	d->key_buf[0] = p->concept;
	memcpy(d->key_buf + 1, p->words, p->len * sizeof *p->words);
	if ((v = rh_vocab_intern(d->pattern_keys, (const char *)d->key_buf, n * sizeof *d->key_buf)) < 0)
		return (long)v;
	if ((size_t)v < before)
		return (long)d->key_first[v];
	if (rh__grow(&d->key_first, &d->key_cap, (size_t)v + 1, sizeof *d->key_first) < 0)
		return RH_ENOMEM;
	d->key_first[v] = (uint32_t)index;
	return -1;
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

static int add_pattern(rh_dict *d, const rh_csv *csv, const rh_csv_row *row, long ccol, long pcol,
		       rh_tokens *toks, const rh_text_options *topts)
{
	const char *cname, *ptext = row->cells[pcol];
	size_t bad, first;
	long c;
	int err;
	pattern *p;

	/* A concept name reaches every table: it is made valid UTF-8, and said so. */
	if (!(cname = rh_utf8__mend(&d->arena, row->cells[ccol], &bad, &first)))
		return RH_ENOMEM;
	if (bad && (err = rh_warnings__add(&d->warnings,
					    "%s:%zu: concept '%s' is not valid UTF-8 (%zu bad byte%s, the first at byte %zu); "
					    "read as U+FFFD",
					    csv->name, row->line, cname, bad, bad == 1 ? "" : "s", first + 1)) < 0)
		return err;

	if (is_blank(cname))
		return rh_error__set(RH_EPARSE, "%s:%zu: empty concept", csv->name, row->line);
	/* The pattern as kept (invalid UTF-8 as U+FFFD, three bytes for one) is
	 * what is tokenised, so a token's end is where its '*' is looked for. */
	if (!(ptext = rh_utf8__mend(&d->arena, ptext, &bad, &first)))
		return RH_ENOMEM;
	if ((err = rh_text_tokenize(toks, topts, ptext, strlen(ptext))) < 0)
		return rh_error__set(err, "%s:%zu: %s", csv->name, row->line, rh_error_last());
	if (toks->n == 0)
		return rh_error__set(RH_EPARSE, "%s:%zu: pattern '%s' has no word", csv->name, row->line, ptext);
	if ((c = concept_id(d, cname)) < 0)
		return (int)c;
	if (rh__grow(&d->pat, &d->pat_cap, d->npat + 1, sizeof *d->pat) < 0)
		return RH_ENOMEM;
	p = &d->pat[d->npat];
	memset(p, 0, sizeof *p);
	p->concept = (uint32_t)c;
	p->len = (uint32_t)toks->n;
	if (!(p->text = rh_arena__strndup(&d->arena, ptext, strlen(ptext))) ||
	    !(p->words = rh_arena__alloc(&d->arena, toks->n * sizeof *p->words)) ||
	    !(p->extra = rh_arena__alloc(&d->arena, (d->nextra + 1) * sizeof *p->extra)))
		return RH_ENOMEM;
	for (size_t i = 0; i < toks->n; i++) {
		const rh_token *t = &toks->tok[i];
		size_t end = t->offset + t->length;
		/* A '*' right after a word makes it a prefix. */
		int pre = ptext[end] == '*';
		int64_t w = word_id(d, rh_tokens_form(toks, i), t->norm_len, pre);
		if (w < 0)
			return (int)w;
		p->words[i] = (uint32_t)w;
	}
	for (size_t i = 0, k = 0; i < row->ncells; i++)
		if ((long)i != ccol && (long)i != pcol)
			p->extra[k++] = row->cells[i];
	/* The same words twice in one concept is a slip in the dictionary. */
	long same = same_pattern(d, p, d->npat);
	if (same < -1)
		return (int)same;
	if (same >= 0)
		return rh_error__set(RH_EPARSE, "%s:%zu: pattern '%s' repeats '%s' in concept '%s'", csv->name,
				     row->line, ptext, d->pat[same].text, cname);
	d->npat++;
	return 0;
}

/* '*' is allowed only at the end of a word. */
static int check_wildcards(const rh_csv *csv, const rh_csv_row *row, const char *ptext)
{
	for (const char *s = ptext; *s; s++) {
		if (*s != '*')
			continue;
		int word_before = s > ptext && s[-1] != ' ' && s[-1] != '*';
		int end_after = s[1] == '\0' || s[1] == ' ';
		if (!word_before || !end_after)
			return rh_error__set(RH_EPARSE,
					     "%s:%zu: pattern '%s': '*' may only end a word (prefix match, e.g. cooperat*)",
					     csv->name, row->line, ptext);
	}
	return 0;
}

static int build_index(rh_dict *d)
{
	if (!(d->first_ptr = rh__calloc(d->nwords + 2, sizeof *d->first_ptr)) ||
	    !(d->first_pat = rh__calloc(d->npat + 1, sizeof *d->first_pat)))
		return RH_ENOMEM;
	for (size_t i = 0; i < d->npat; i++)
		d->first_ptr[d->pat[i].words[0] + 1]++;
	for (size_t w = 0; w < d->nwords; w++)
		d->first_ptr[w + 1] += d->first_ptr[w];
	uint32_t *fill = rh__calloc(d->nwords + 1, sizeof *fill);
	if (!fill)
		return RH_ENOMEM;
	/* Patterns of one first word stay in file order. */
	for (size_t i = 0; i < d->npat; i++) {
		uint32_t w = d->pat[i].words[0];
		d->first_pat[d->first_ptr[w] + fill[w]++] = (uint32_t)i;
	}
	free(fill);
	return 0;
}

/* The messages of the bad rows of a dictionary, one a line. */
typedef struct {
	char *text;
	size_t len, cap;
	size_t n; /* bad rows, kept or not */
} bad_rows;

static int bad_row(bad_rows *b, const char *msg)
{
	size_t n = strlen(msg);
	if (b->n++ >= RH_DICT_MAX_ERRORS)
		return 0;
	if (rh__grow(&b->text, &b->cap, b->len + n + 2, 1) < 0)
		return RH_ENOMEM;
	if (b->len)
		b->text[b->len++] = '\n';
	memcpy(b->text + b->len, msg, n + 1);
	b->len += n;
	return 0;
}

static int bad_rows_error(const bad_rows *b, const char *name)
{
	if (b->n == 1)
		return rh_error__set(RH_EPARSE, "%s", b->text);
	if (b->n <= RH_DICT_MAX_ERRORS)
		return rh_error__set(RH_EPARSE, "%s\n%s: %zu bad rows", b->text, name, b->n);
	return rh_error__set(RH_EPARSE, "%s\n%s: %zu bad rows, the first %d shown", b->text, name, b->n,
			     RH_DICT_MAX_ERRORS);
}

RH_API int rh_dict_parse(rh_dict **out, const char *buf, size_t len, const char *name,
			 const rh_text_options *topts)
{
	rh_csv csv;
	rh_dict *d = NULL;
	rh_tokens toks = RH_TOKENS_INIT;
	rh_text_options tdef = RH_TEXT_OPTIONS_INIT;
	bad_rows bad = { NULL, 0, 0, 0 };
	long ccol, pcol;
	int err;

	*out = NULL;
	if (!topts)
		topts = &tdef;
	if ((err = rh_csv__read_buf(&csv, buf, len, name)) < 0)
		return err;
	if (!(d = rh__calloc(1, sizeof *d))) {
		err = RH_ENOMEM;
		goto done;
	}
	rh_arena__init(&d->arena, 1 << 14);
	if ((err = rh_vocab_new(&d->exact)) < 0 || (err = rh_vocab_new(&d->concept_ids)) < 0 ||
	    (err = rh_vocab_new(&d->prefixes)) < 0 || (err = rh_vocab_new(&d->pattern_keys)) < 0)
		goto done;
	if (csv.nrows == 0) {
		err = rh_error__set(RH_EPARSE, "%s: empty file; a dictionary needs the header concept,pattern", name);
		goto done;
	}
	ccol = rh_csv__column(&csv, "concept");
	pcol = rh_csv__column(&csv, "pattern");
	if (ccol < 0 || pcol < 0) {
		err = rh_error__set(RH_EPARSE, "%s:%zu: the header needs the columns concept and pattern",
				    name, csv.rows[0].line);
		goto done;
	}
	d->nextra = csv.rows[0].ncells - 2;
	if (!(d->extra_names = rh_arena__alloc(&d->arena, (d->nextra + 1) * sizeof *d->extra_names))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0, k = 0; i < csv.rows[0].ncells; i++)
		if ((long)i != ccol && (long)i != pcol &&
		    !(d->extra_names[k++] = rh_arena__strndup(&d->arena, csv.rows[0].cells[i],
							       strlen(csv.rows[0].cells[i])))) {
			err = RH_ENOMEM;
			goto done;
		}
	/* Every bad row is reported (up to RH_DICT_MAX_ERRORS), not only the first. */
	for (size_t r = 1; r < csv.nrows; r++) {
		const rh_csv_row *row = &csv.rows[r];
		if ((err = check_wildcards(&csv, row, row->cells[pcol])) == 0)
			err = add_pattern(d, &csv, row, ccol, pcol, &toks, topts);
		if (err == RH_EPARSE) {
			if ((err = bad_row(&bad, rh_error_last())) < 0)
				goto done;
			continue;
		}
		if (err < 0)
			goto done;
		/* Annotation cells point into the CSV's arena: copy them. */
		pattern *p = &d->pat[d->npat - 1];
		for (size_t k = 0; k < d->nextra; k++) {
			size_t nbad, first;
			const char *v = rh_utf8__mend(&d->arena, p->extra[k], &nbad, &first);
			if (!v || !(p->extra[k] = rh_arena__strndup(&d->arena, v, strlen(v)))) {
				err = RH_ENOMEM;
				goto done;
			}
		}
	}
	if (bad.n) {
		err = bad_rows_error(&bad, name);
		goto done;
	}
	if (d->npat == 0) {
		err = rh_error__set(RH_EPARSE, "%s: no patterns", name);
		goto done;
	}
	if ((err = build_index(d)) < 0)
		goto done;
	*out = d;
	d = NULL;
done:
	rh_tokens_free(&toks);
	rh_csv__free(&csv);
	rh_dict_free(d);
	free(bad.text);
	return err;
}

RH_API int rh_dict_load(rh_dict **out, const char *path, const rh_text_options *topts)
{
	uint64_t size;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int fd, err;
	*out = NULL;
	if ((err = rh_file__open(path, RH_MAX_LIST, "a dictionary", &fd, &size)) < 0)
		return err;
	err = rh_file__read_fd(fd, path, RH_MAX_LIST, "a dictionary", &buf, &cap, &len, size);
	close(fd);
	if (err == 0)
		err = rh_dict_parse(out, buf, len, path, topts);
	free(buf);
	return err;
}

RH_API void rh_dict_free(rh_dict *d)
{
	if (!d)
		return;
	free(d->concepts);
	free(d->pat);
	free(d->exact_word);
	free(d->prefix_word);
	free(d->key_first);
	free(d->key_buf);
	rh_vocab_free(d->concept_ids);
	rh_vocab_free(d->prefixes);
	rh_vocab_free(d->pattern_keys);
	rh_warnings__clear(&d->warnings);
	free(d->first_ptr);
	free(d->first_pat);
	rh_vocab_free(d->exact);
	rh_arena__free(&d->arena);
	free(d);
}

RH_API size_t rh_dict_concept_count(const rh_dict *d) { return d->nconcepts; }
RH_API const char *rh_dict_concept(const rh_dict *d, size_t c) { return c < d->nconcepts ? d->concepts[c] : NULL; }
RH_API size_t rh_dict_pattern_count(const rh_dict *d) { return d->npat; }
RH_API const char *rh_dict_pattern(const rh_dict *d, size_t p) { return p < d->npat ? d->pat[p].text : NULL; }
RH_API size_t rh_dict_pattern_concept(const rh_dict *d, size_t p) { return d->pat[p].concept; }
RH_API size_t rh_dict_pattern_length(const rh_dict *d, size_t p) { return d->pat[p].len; }
RH_API size_t rh_dict_extra_count(const rh_dict *d) { return d->nextra; }
RH_API const char *rh_dict_extra_name(const rh_dict *d, size_t col) { return col < d->nextra ? d->extra_names[col] : NULL; }
RH_API const char *rh_dict_extra(const rh_dict *d, size_t p, size_t col)
{
	return (p < d->npat && col < d->nextra) ? d->pat[p].extra[col] : NULL;
}

size_t rh_dict__term_words(const rh_dict *d, const char *s, size_t n, uint32_t *words)
{
	size_t k = 0;
	int64_t v = rh_vocab_find(d->exact, s, n);
	if (v >= 0)
		words[k++] = d->exact_word[v];
	if (rh_vocab_size(d->prefixes) == 0)
		return k;
	/* Every prefix of the term, one look-up each: n bytes, n look-ups. */
	for (size_t len = 1; len <= n; len++)
		if ((v = rh_vocab_find(d->prefixes, s, len)) >= 0)
			words[k++] = d->prefix_word[v];
	return k;
}

RH_API const rh_warnings *rh_dict_warnings(const rh_dict *d) { return d ? &d->warnings : NULL; }

static int set_has(const rh_dict__set *set, const uint32_t *pool, uint32_t w)
{
	const uint32_t *p = pool + set->off;
	for (uint32_t i = 0; i < set->n; i++)
		if (p[i] == w)
			return 1;
	return 0;
}

int rh_dict__match(const rh_dict *d, size_t ntok, const rh_dict__set *sets, const uint32_t *pool,
		   const uint8_t *join, uint32_t *next_free, rh_dict__hit **hits, size_t *nhits,
		   size_t *cap)
{
	memset(next_free, 0, d->nconcepts * sizeof *next_free);
	for (size_t i = 0; i < ntok; i++) {
		const rh_dict__set *s0 = &sets[i];
		size_t first_hit = *nhits;
		for (uint32_t a = 0; a < s0->n; a++) {
			uint32_t w = pool[s0->off + a];
			for (uint32_t q = d->first_ptr[w]; q < d->first_ptr[w + 1]; q++) {
				uint32_t pi = d->first_pat[q];
				const pattern *p = &d->pat[pi];
				size_t k;
				if (next_free[p->concept] > i || i + p->len > ntok)
					continue;
				for (k = 1; k < p->len; k++)
					if (!join[i + k] || !set_has(&sets[i + k], pool, p->words[k]))
						break;
				if (k < p->len)
					continue;
				/* Longest within the concept at this start; ties keep file order. */
				size_t h;
				for (h = first_hit; h < *nhits; h++)
					if ((*hits)[h].concept == p->concept)
						break;
				if (h < *nhits) {
					rh_dict__hit *old = &(*hits)[h];
					if (p->len > old->len || (p->len == old->len && pi < old->pattern)) {
						old->pattern = pi;
						old->len = p->len;
					}
					continue;
				}
				if (rh__grow(hits, cap, *nhits + 1, sizeof **hits) < 0)
					return RH_ENOMEM;
				(*hits)[(*nhits)++] = (rh_dict__hit){ p->concept, pi, (uint32_t)i, p->len };
			}
		}
		/* Order this start's hits by concept; mark their tokens as taken. */
		for (size_t h = first_hit + 1; h < *nhits; h++) {
			rh_dict__hit t = (*hits)[h];
			size_t j = h;
			while (j > first_hit && (*hits)[j - 1].concept > t.concept) {
				(*hits)[j] = (*hits)[j - 1];
				j--;
			}
			(*hits)[j] = t;
		}
		for (size_t h = first_hit; h < *nhits; h++)
			next_free[(*hits)[h].concept] = (*hits)[h].start + (*hits)[h].len;
	}
	return 0;
}

int rh_dict__warn(rh_dict *d, const char *msg) { return rh_warnings__add(&d->warnings, "%s", msg); }
