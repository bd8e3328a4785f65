/* ngram.c: the multi-word rule, n-gram counts and multiword-expression scores. */
#include "internal.h"
#include "rhetor/ngram.h"

/* White space alone between two tokens: ASCII space, tab, line ends, page
 * breaks (form feeds are common in speeches taken from PDF), NBSP. */
static int only_space(const char *text, size_t from, size_t to)
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

RH_API int rh_ngram_joins(const rh_tokens *t, const char *text, size_t i)
{
	if (i + 1 >= t->n)
		return 0;
	const rh_token *a = &t->tok[i], *b = &t->tok[i + 1];
	return a->sentence == b->sentence && only_space(text, a->offset + a->length, b->offset);
}
