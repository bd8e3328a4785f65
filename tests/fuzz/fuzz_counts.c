/*
 * fuzz_counts.c: the counting pass end to end, on a corpus in memory. The input
 * is a byte of options, a dictionary (a fixed one when it does not parse),
 * then documents, the parts separated by "\n%%\n". Every count and match is
 * checked against the tokens read independently, and one thread and two
 * give the same matches.
 */
#include "fuzz_match.h"

static const char fallback[] = "concept,pattern\n"
			       "win,win-win\nwin,win win cooperation\ncoop,cooperat*\n"
			       "future,shared future\nfuture,community of shared future for mankind\n"
			       "rights,human rights\nun,U.N.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_part part[9];
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	rh_dict *dict = NULL;
	rh_corpus *c1, *c2;

	if (size < 1)
		return 0;
	o.text.keep_case = data[0] & 1;
	o.text.split_hyphens = (data[0] >> 1) & 1;
	o.within_sentence = (data[0] >> 2) & 1;
	o.window_left = o.window_right = (data[0] >> 3) & 3;
	o.kwic_context = (data[0] >> 5) & 3;
	o.threads = 1;
	size_t np = fuzz_split(data + 1, size - 1, part, 9);
	if (np < 2)
		return 0;
	if (rh_dict_parse(&dict, part[0].p, part[0].n, "fuzz.csv", &o.text) < 0)
		CHECK(rh_dict_parse(&dict, fallback, sizeof fallback - 1, "fallback.csv", &o.text) == 0, "%s",
		      rh_error_last());
	rh_counts *one = fuzz_count(part + 1, np - 1, dict, &o, &c1);
	fuzz_count_done(one, c1);
	if (data[0] >> 7) {
		size_t n1, n2;
		o.threads = 2;
		rh_counts *two = fuzz_count(part + 1, np - 1, dict, &o, &c2);
		/* The same documents, counted again on one thread. */
		rh_corpus *c3 = fuzz_corpus(part + 1, np - 1);
		rh_counts *ref;
		o.threads = 1;
		o.dict = dict;
		CHECK(rh_counts_build(&ref, c3, &o) == 0, "%s", rh_error_last());
		const rh_match *m1 = rh_counts_matches(ref, &n1), *m2 = rh_counts_matches(two, &n2);
		CHECK(n1 == n2 && (!n1 || !memcmp(m1, m2, n1 * sizeof *m1)), "two threads match otherwise than one");
		CHECK(rh_counts_tokens(ref) == rh_counts_tokens(two), "two threads count otherwise than one");
		rh_counts_free(ref);
		rh_corpus_free(c3);
		fuzz_count_done(two, c2);
	}
	rh_dict_free(dict);
	return 0;
}
