/* fuzz_text.c: the tokenizer and sentence splitter, and the stop list reader, on any bytes. */
#include "fuzz.h"

#include "rhetor/text.h"
#include "rhetor/vocab.h"

/* White space by the Unicode categories Zs, Zl, Zp and the ASCII controls. */
static int has_space(const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp;
	while (fuzz_next_cp(s, n, &i, &cp) > 0) {
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cp <= 0x20 || cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rh_text_options o = RH_TEXT_OPTIONS_INIT;
	rh_tokens t = RH_TOKENS_INIT, again = RH_TOKENS_INIT;
	rh_vocab *stop = NULL;
	const char *text;
	size_t len, end = 0;
	uint32_t sent = 0;

	if (size < 1)
		return 0;
	o.keep_case = data[0] & 1;
	o.split_hyphens = (data[0] >> 1) & 1;
	text = (const char *)data + 1;
	len = size - 1;

	CHECK(rh_text_tokenize(&t, &o, text, len) == 0, "%s", rh_error_last());
	CHECK(t.n == 0 || t.sentences >= 1, "%u sentences for %zu tokens", t.sentences, t.n);
	for (size_t i = 0; i < t.n; i++) {
		const rh_token *k = &t.tok[i];
		CHECK(k->length > 0 && k->norm_len > 0, "token %zu is empty", i);
		CHECK(k->offset >= end, "token %zu starts at %u, before the end of the last (%zu)", i, k->offset, end);
		CHECK((size_t)k->offset + k->length <= len, "token %zu ends past the input", i);
		CHECK((size_t)k->norm + k->norm_len <= t.norm_len, "token %zu: form past the buffer", i);
		CHECK(k->sentence >= sent && k->sentence < t.sentences, "token %zu: sentence %u", i, k->sentence);
		CHECK(fuzz_valid_utf8(rh_tokens_form(&t, i), k->norm_len), "token %zu: form is not UTF-8", i);
		CHECK(!has_space(rh_tokens_form(&t, i), k->norm_len), "token %zu: form '%.*s' holds white space", i,
		      (int)k->norm_len, rh_tokens_form(&t, i));
		end = (size_t)k->offset + k->length;
		sent = k->sentence;
	}
	CHECK(t.invalid_utf8 == 0 || t.first_invalid < len, "first invalid byte past the input");
	CHECK(t.nul_bytes == 0 || (t.first_nul < len && text[t.first_nul] == '\0'), "first NUL misplaced");

	/* The same bytes give the same tokens, into a fresh struct and into a reused one. */
	CHECK(rh_text_tokenize(&again, &o, text, len) == 0, "%s", rh_error_last());
	CHECK(again.n == t.n && again.sentences == t.sentences && again.norm_len == t.norm_len, "second run differs");
	CHECK(!t.n || !memcmp(again.tok, t.tok, t.n * sizeof *t.tok), "second run: other tokens");
	CHECK(!t.norm_len || !memcmp(again.norm, t.norm, t.norm_len), "second run: other forms");
	CHECK(rh_text_tokenize(&again, &o, "a b. C", 6) == 0 && again.n == 3, "reused struct");

	/* A stop list is read with the same tokenizer: every word is a term. */
	if (rh_vocab_load_list(&stop, text, len, &o) == 0) {
		for (size_t i = 0; i < rh_vocab_size(stop); i++) {
			size_t n;
			const char *w = rh_vocab_term(stop, (uint32_t)i, &n);
			CHECK(w && n > 0 && fuzz_valid_utf8(w, n), "stop word %zu", i);
		}
	}
	rh_vocab_free(stop);
	rh_tokens_free(&t);
	rh_tokens_free(&again);
	return 0;
}
