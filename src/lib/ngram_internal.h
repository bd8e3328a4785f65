/* ngram_internal.h: the multi-word rule, inline for the passes that test it at every token. */
#ifndef RH_NGRAM_INTERNAL_H
#define RH_NGRAM_INTERNAL_H

#include "rhetor/text.h"

/* White space alone between two tokens: ASCII space, tab, line ends, page
 * breaks (form feeds are common in speeches taken from PDF), NBSP. */
static inline int rh_ngram__only_space(const char *text, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v')
			continue;
		if (ch == 0xC2 && i + 1 < to && (unsigned char)text[i + 1] == 0xA0) {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

/* rh_ngram_joins (rhetor/ngram.h): token i joins token i + 1. Most tokens
 * are a single space apart, tested first. */
static inline int rh_ngram__joins(const rh_tokens *t, const char *text, size_t i)
{
	if (i + 1 >= t->n)
		return 0;
	const rh_token *a = &t->tok[i], *b = &t->tok[i + 1];
	size_t from = a->offset + a->length;
	if (a->sentence != b->sentence)
		return 0;
	if (b->offset == from + 1 && text[from] == ' ')
		return 1;
	return rh_ngram__only_space(text, from, b->offset);
}

#endif
