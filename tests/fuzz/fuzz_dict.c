/*
 * fuzz_dict.c: the dictionary parser and the phrase matcher. The input is a
 * dictionary, then (after "\n%%\n") a text. The text the matcher reads is the
 * dictionary's own patterns, each between commas (so no two run together),
 * then the input's text: every pattern laid out must be found, and every
 * match must be its pattern's words.
 */
#include "fuzz_match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_part part[2];
	rh_text_options topts = RH_TEXT_OPTIONS_INIT;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	rh_dict *dict = NULL;
	rh_tokens pat = RH_TOKENS_INIT, doc = RH_TOKENS_INIT;
	char *text = NULL;
	size_t *starts = NULL, len = 0, cap = 0;

	if (size < 1)
		return 0;
	topts.keep_case = data[0] & 1;
	topts.split_hyphens = (data[0] >> 1) & 1;
	size_t np = fuzz_split(data + 1, size - 1, part, 2);
	if (rh_dict_parse(&dict, part[0].p, part[0].n, "fuzz.csv", &topts) < 0) {
		CHECK(*rh_error_last() != '\0', "an error without a message");
		return 0;
	}
	size_t npat = rh_dict_pattern_count(dict), ncon = rh_dict_concept_count(dict);
	CHECK(npat > 0 && ncon > 0 && ncon <= npat, "%zu patterns, %zu concepts", npat, ncon);

	/* "x , P1 , P2 , ... , text": each pattern with its '*' removed. */
	starts = calloc(npat, sizeof *starts);
	CHECK(starts != NULL, "oom");
	for (size_t p = 0; p <= npat; p++) {
		const char *s = p < npat ? rh_dict_pattern(dict, p) : (np > 1 ? part[1].p : "");
		size_t n = p < npat ? strlen(s) : (np > 1 ? part[1].n : 0);
		CHECK(p == npat || rh_dict_pattern_concept(dict, p) < ncon, "pattern %zu: concept", p);
		if (len + n + 8 > cap) {
			cap = 2 * (len + n + 8);
			CHECK((text = realloc(text, cap)) != NULL, "oom");
		}
		memcpy(text + len, p ? " , " : "x , ", p ? 3 : 4);
		len += p ? 3 : 4;
		if (p < npat)
			starts[p] = len;
		for (size_t i = 0; i < n; i++)
			if (p == npat || s[i] != '*')
				text[len++] = s[i];
	}

	rh_corpus *corpus;
	fuzz_part doc_part = { text, len };
	copts.text = topts;
	copts.threads = 1;
	copts.kwic_context = 2;
	rh_counts *counts = fuzz_count(&doc_part, 1, dict, &copts, &corpus);

	/*
	 * Each pattern laid out is found at its first token, by its concept,
	 * at least as long, when the text reads it as the same words (the
	 * context can change a token: "U.N" before a comma) in one sentence
	 * with white space alone between them.
	 */
	size_t nm;
	const rh_match *m = rh_counts_matches(counts, &nm);
	CHECK(rh_text_tokenize(&doc, &topts, text, len) == 0, "%s", rh_error_last());
	for (size_t p = 0, k = 0; p < npat; p++) {
		const char *ptext = rh_dict_pattern(dict, p);
		int same = 1;
		CHECK(rh_text_tokenize(&pat, &topts, ptext, strlen(ptext)) == 0, "%s", rh_error_last());
		while (k < doc.n && doc.tok[k].offset < starts[p])
			k++;
		if (k + pat.n > doc.n)
			continue;
		for (size_t w = 0; w < pat.n && same; w++) {
			size_t t = k + w;
			same = fuzz_word_matches(&doc, t, &pat, w, ptext) && doc.tok[t].sentence == doc.tok[k].sentence &&
			       (!w || fuzz_only_space(text, doc.tok[t - 1].offset + doc.tok[t - 1].length, doc.tok[t].offset));
			/* Pattern words with '*' removed may join the next word. */
			same = same && doc.tok[t].norm_len == pat.tok[w].norm_len;
		}
		if (!same)
			continue;
		size_t c = rh_dict_pattern_concept(dict, p), i;
		for (i = 0; i < nm; i++)
			if (m[i].token == k && m[i].concept == c)
				break;
		CHECK(i < nm, "pattern %zu '%s' laid out at token %zu is not found", p, ptext, k);
		CHECK(m[i].ntokens >= pat.n, "pattern %zu found shorter", p);
	}
	fuzz_count_done(counts, corpus);
	rh_tokens_free(&pat);
	rh_tokens_free(&doc);
	rh_dict_free(dict);
	free(text);
	free(starts);
	return 0;
}
