/* fuzz_match.h: the counting pass over documents in memory, and the invariants of its matches. */
#ifndef RH_FUZZ_MATCH_H
#define RH_FUZZ_MATCH_H

#include <sys/stat.h>

#include "fuzz.h"

#include "rhetor/corpus.h"
#include "rhetor/counts.h"
#include "rhetor/dict.h"
#include "rhetor/text.h"
#include "rhetor/vocab.h"

/* White space alone, as a phrase's words may be separated: ASCII blanks and line ends, NBSP. */
static inline int fuzz_only_space(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v')
			continue;
		if (ch == 0xC2 && i + 1 < to && (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

/* Whether token `k` of `doc` is word `w` of pattern tokens `pat` (prefix when the word ends in '*'). */
static inline int fuzz_word_matches(const rh_tokens *doc, size_t k, const rh_tokens *pat, size_t w, const char *ptext)
{
	const rh_token *pt = &pat->tok[w];
	size_t n = doc->tok[k].norm_len, pn = pt->norm_len;
	int prefix = ptext[pt->offset + pt->length] == '*';
	if (prefix ? n < pn : n != pn)
		return 0;
	return !memcmp(rh_tokens_form(doc, k), rh_tokens_form(pat, w), pn);
}

/* texts[0, n) as a corpus in memory, document i named dNN (so in that order). */
static inline rh_corpus *fuzz_corpus(const fuzz_part *texts, size_t n)
{
	char names[16][8];
	const char *ids[16], *tx[16];
	size_t lens[16];
	rh_corpus *corpus = NULL;
	CHECK(n <= 16, "%zu documents", n);
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "d%02zu", i);
		ids[i] = names[i];
		tx[i] = texts[i].p;
		lens[i] = texts[i].n;
	}
	CHECK(rh_corpus_new(&corpus, n, ids, tx, lens, 0, NULL, NULL) == 0, "%s", rh_error_last());
	CHECK(rh_corpus_count(corpus) == n, "%zu documents, %zu given", rh_corpus_count(corpus), n);
	return corpus;
}

/*
 * Counts texts[i] as document dNN of a corpus in memory with `dict`, and
 * checks every count and match against an independent reading: the tokens
 * of each document, the pattern's own tokens. Returns the counts (the
 * caller frees them) so a target can check more.
 */
/*
 * The n-gram terms `o` asks for in `doc` (tokenised from `text`), counted
 * independently of the pass: every run of ngram_min..ngram_max tokens with
 * white space alone between them, in one sentence, not starting or ending
 * with a word of ngram_stop.
 */
static inline uint64_t fuzz_gram_count(const rh_tokens *doc, const char *text, const rh_counts_options *o)
{
	uint64_t n = 0;
	for (size_t i = 0; i < doc->n; i++)
		for (size_t k = i; k < doc->n && k - i + 1 <= o->ngram_max; k++) {
			if (k > i && (doc->tok[k].sentence != doc->tok[k - 1].sentence ||
				      !fuzz_only_space(text, doc->tok[k - 1].offset + doc->tok[k - 1].length, doc->tok[k].offset)))
				break;
			if (k - i + 1 < o->ngram_min)
				continue;
			if (o->ngram_stop &&
			    (rh_vocab_find(o->ngram_stop, rh_tokens_form(doc, i), doc->tok[i].norm_len) >= 0 ||
			     rh_vocab_find(o->ngram_stop, rh_tokens_form(doc, k), doc->tok[k].norm_len) >= 0))
				continue;
			n++;
		}
	return n;
}

static inline rh_counts *fuzz_count(const fuzz_part *texts, size_t ntexts, const rh_dict *dict,
				    const rh_counts_options *copts, rh_corpus **corpus_out)
{
	rh_corpus *corpus = fuzz_corpus(texts, ntexts);
	rh_counts *counts = NULL;
	rh_tokens doc = RH_TOKENS_INIT, pat = RH_TOKENS_INIT;
	const rh_match *m;
	size_t nm, ntok_all = 0;
	uint64_t nterm_all = 0;

	rh_counts_options o = *copts;
	o.dict = dict;
	CHECK(rh_counts_build(&counts, corpus, &o) == 0, "%s", rh_error_last());

	m = rh_counts_matches(counts, &nm);
	for (size_t d = 0, mi = 0; d < ntexts; d++) {
		const rh_doc_stats *st = rh_counts_doc(counts, d);
		const uint32_t *terms, *cnt;
		size_t nterms;
		uint64_t sum = 0;
		CHECK(rh_text_tokenize(&doc, &o.text, texts[d].p, texts[d].n) == 0, "%s", rh_error_last());
		CHECK(st->tokens == doc.n, "doc %zu: %llu tokens counted, %zu read", d, (unsigned long long)st->tokens,
		      doc.n);
		CHECK(st->sentences == doc.sentences, "doc %zu: sentences", d);
		rh_counts_doc_terms(counts, d, &terms, &cnt, &nterms);
		for (size_t k = 0; k < nterms; k++)
			sum += cnt[k];
		if (o.ngram_max) {
			/* Each term an n-gram of ngram_min..ngram_max words; as many as the runs of joined tokens. */
			uint64_t want = fuzz_gram_count(&doc, texts[d].p, &o);
			CHECK(sum == want, "doc %zu: %llu n-grams counted, %llu in the text", d, (unsigned long long)sum,
			      (unsigned long long)want);
			for (size_t k = 0; k < nterms; k++) {
				size_t len, words = 1;
				const char *t = rh_vocab_term(rh_counts_vocab(counts), terms[k], &len);
				for (size_t b = 0; b < len; b++)
					words += t[b] == ' ';
				CHECK(len > 0 && t[0] != ' ' && t[len - 1] != ' ' && words >= o.ngram_min && words <= o.ngram_max,
				      "doc %zu: term '%s' is not an n-gram of %u-%u words", d, t, o.ngram_min, o.ngram_max);
			}
		} else {
			CHECK(sum == doc.n && nterms == st->types, "doc %zu: term counts", d);
		}
		nterm_all += sum;
		ntok_all += doc.n;
		for (; mi < nm && m[mi].doc == d; mi++) {
			const rh_match *x = &m[mi];
			const char *ptext = rh_dict_pattern(dict, x->pattern);
			CHECK(x->concept == rh_dict_pattern_concept(dict, x->pattern), "match %zu: concept", mi);
			CHECK(rh_text_tokenize(&pat, &o.text, ptext, strlen(ptext)) == 0, "%s", rh_error_last());
			CHECK(x->ntokens == pat.n && pat.n == rh_dict_pattern_length(dict, x->pattern), "match %zu: length",
			      mi);
			CHECK((size_t)x->token + x->ntokens <= doc.n, "match %zu past the document", mi);
			for (size_t w = 0; w < pat.n; w++) {
				size_t k = x->token + w;
				CHECK(fuzz_word_matches(&doc, k, &pat, w, ptext), "match %zu: token %zu is not word %zu of '%s'",
				      mi, k, w, ptext);
				CHECK(doc.tok[k].sentence == x->sentence, "match %zu crosses a sentence", mi);
				if (w)
					CHECK(fuzz_only_space(texts[d].p, doc.tok[k - 1].offset + doc.tok[k - 1].length,
							      doc.tok[k].offset),
					      "match %zu: more than white space between its words", mi);
			}
			const rh_token *first = &doc.tok[x->token], *last = &doc.tok[x->token + x->ntokens - 1];
			CHECK(x->byte_start == first->offset && x->byte_end == last->offset + last->length,
			      "match %zu: byte span", mi);
			if (mi > 0 && m[mi - 1].doc == d)
				CHECK(m[mi - 1].token < x->token ||
					      (m[mi - 1].token == x->token && m[mi - 1].concept < x->concept),
				      "matches out of order at %zu", mi);
			if (o.kwic_context) {
				const char *left, *match, *right;
				CHECK(rh_counts_kwic(counts, mi, &left, &match, &right) == 0, "%s", rh_error_last());
				CHECK(strlen(match) == x->byte_end - x->byte_start &&
					      !memcmp(match, texts[d].p + x->byte_start, strlen(match)),
				      "match %zu: kwic text is not the bytes as written", mi);
			}
		}
	}
	CHECK(rh_counts_tokens(counts) == ntok_all, "corpus tokens");
	uint64_t total = 0;
	for (size_t t = 0; t < rh_vocab_size(rh_counts_vocab(counts)); t++)
		total += rh_counts_term_total(counts, (uint32_t)t);
	CHECK(total == nterm_all, "term totals add up to %llu, not %llu", (unsigned long long)total,
	      (unsigned long long)nterm_all);

	rh_tokens_free(&doc);
	rh_tokens_free(&pat);
	*corpus_out = corpus;
	return counts;
}

static inline void fuzz_count_done(rh_counts *counts, rh_corpus *corpus)
{
	rh_counts_free(counts);
	rh_corpus_free(corpus);
}

#endif
