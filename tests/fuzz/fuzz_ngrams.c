/*
 * fuzz_ngrams.c: n-gram terms of the counting pass. The input is a byte of
 * options (sizes, case, the edge stop list, threads), then documents
 * separated by "\n%%\n". Each document's n-gram count equals the runs of
 * joined tokens counted from its tokens independently, every term has
 * between min and max words, and two threads count as one.
 */
#include "fuzz_match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char stop_words[] = "the\nof\nand\nto\n";
	fuzz_part part[8];
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	rh_vocab *stop = NULL;
	rh_corpus *c1, *c2;

	if (size < 1)
		return 0;
	o.ngram_min = 1 + (data[0] & 1);
	o.ngram_max = o.ngram_min + ((data[0] >> 1) & 3);
	if (o.ngram_max > 5)
		o.ngram_max = 5;
	o.text.keep_case = (data[0] >> 3) & 1;
	o.text.split_hyphens = (data[0] >> 4) & 1;
	if ((data[0] >> 5) & 1) {
		CHECK(rh_vocab_load_list(&stop, stop_words, sizeof stop_words - 1, &o.text) == 0, "%s", rh_error_last());
		o.ngram_stop = stop;
	}
	o.threads = 1;
	size_t np = fuzz_split(data + 1, size - 1, part, 8);
	rh_counts *one = fuzz_count(part, np, NULL, &o, &c1);
	if (data[0] >> 7) {
		o.threads = 2;
		rh_counts *two = fuzz_count(part, np, NULL, &o, &c2);
		const rh_vocab *v1 = rh_counts_vocab(one), *v2 = rh_counts_vocab(two);
		CHECK(rh_vocab_size(v1) == rh_vocab_size(v2), "two threads make another vocabulary");
		for (size_t t = 0; t < rh_vocab_size(v1); t++)
			CHECK(!strcmp(rh_vocab_term(v1, (uint32_t)t, NULL), rh_vocab_term(v2, (uint32_t)t, NULL)) &&
				      rh_counts_term_total(one, (uint32_t)t) == rh_counts_term_total(two, (uint32_t)t),
			      "term %zu differs with two threads", t);
		fuzz_count_done(two, c2);
	}
	fuzz_count_done(one, c1);
	rh_vocab_free(stop);
	return 0;
}
