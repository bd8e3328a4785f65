/*
 * fuzz_counts.c: the counting pass end to end, on a corpus in memory. The input
 * is a byte of options, a dictionary (a fixed one when it does not parse),
 * then documents, the parts separated by "\n%%\n". Every count and match is
 * checked against the tokens read independently, and one thread and two
 * give the same matches (the one-thread counts are the reference).
 */
#include "fuzz_match.h"

static const char fallback[] = "concept,pattern\n"
			       "win,win-win\nwin,win win cooperation\ncoop,cooperat*\n"
			       "future,shared future\nfuture,community of shared future for mankind\n"
			       "rights,human rights\nun,U.N.\n";

/*
 * The fixed dictionary read with these text options, parsed once for each of
 * the four (the parse itself is fuzz_dict's: here it is the same every time).
 */
static rh_dict *fallback_dict(const rh_text_options *t)
{
	static rh_dict *parsed[4];
	rh_dict **d = &parsed[(t->keep_case ? 1 : 0) | (t->split_hyphens ? 2 : 0)];
	if (!*d)
		CHECK(rh_dict_parse(d, fallback, sizeof fallback - 1, "fallback.csv", t) == 0, "%s", rh_error_last());
	return *d;
}

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
		dict = fallback_dict(&o.text);
	rh_counts *one = fuzz_count(part + 1, np - 1, dict, &o, &c1);
	if (data[0] >> 7) {
		size_t n1, n2;
		o.threads = 2;
		rh_counts *two = fuzz_count(part + 1, np - 1, dict, &o, &c2);
		const rh_match *m1 = rh_counts_matches(one, &n1), *m2 = rh_counts_matches(two, &n2);
		CHECK(n1 == n2 && (!n1 || !memcmp(m1, m2, n1 * sizeof *m1)), "two threads match otherwise than one");
		CHECK(rh_counts_tokens(one) == rh_counts_tokens(two), "two threads count otherwise than one");
		fuzz_count_done(two, c2);
	}
	fuzz_count_done(one, c1);
	if (dict != fallback_dict(&o.text))
		rh_dict_free(dict);
	return 0;
}
