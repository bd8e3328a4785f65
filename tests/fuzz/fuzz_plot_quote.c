/*
 * fuzz_plot_quote.c: the one function that puts corpus text into a gnuplot
 * script. Its output must be a single-quoted literal that reads back, by
 * gnuplot's rule ('' is a quote, nothing else is special), as the input with
 * control characters made spaces and invalid UTF-8 made '?', cut at a
 * character boundary after RH_PLOT_QUOTE_MAX input bytes.
 */
#include "fuzz.h"

#include "rhetor/plot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = strndup((const char *)data, size), *q = NULL, *want;
	size_t n = strlen(s), used = 0, w = 0;

	CHECK(rh_plot_quote(&q, s) == 0, "%s", rh_error_last());
	/* The expected content, by utf8proc's reading of the input. */
	want = malloc(n + 1);
	while (used < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + used, (utf8proc_ssize_t)(n - used), &cp);
		size_t len = r > 0 ? (size_t)r : 1;
		if (used + len > RH_PLOT_QUOTE_MAX)
			break;
		if (r <= 0)
			want[w++] = '?';
		else if (cp < 0x20 || cp == 0x7F)
			want[w++] = ' ';
		else
			memcpy(want + w, s + used, len), w += len;
		used += len;
	}

	/* Read the literal back. */
	size_t qn = strlen(q), i = 1, g = 0;
	char *got = malloc(qn + 1);
	CHECK(qn >= 2 && q[0] == '\'', "'%s' does not open with a quote", q);
	for (;;) {
		CHECK(i < qn, "'%s' is not closed", q);
		CHECK((unsigned char)q[i] >= 0x20 && q[i] != 0x7F, "control byte 0x%02x in the literal", (unsigned char)q[i]);
		if (q[i] == '\'') {
			if (i + 1 < qn && q[i + 1] == '\'') {
				got[g++] = '\'';
				i += 2;
				continue;
			}
			break;
		}
		got[g++] = q[i++];
	}
	CHECK(i == qn - 1, "text after the closing quote: '%s'", q);
	CHECK(g == w && !memcmp(got, want, w), "'%s' reads back as '%.*s', not '%.*s'", s, (int)g, got, (int)w, want);
	CHECK(fuzz_valid_utf8(got, g), "the literal is not UTF-8");
	free(got);
	free(want);
	free(q);
	free(s);
	return 0;
}
