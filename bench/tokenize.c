/* tokenize.c: throughput of rh_text_tokenize on files (each file one text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rhetor/text.h"

/*
 * Usage: tokenize FILE...  Reads every file into memory, then tokenises each
 * one as a text, and prints bytes, tokens, sentences and MB/s (best of 7).
 * Build: cc -O2 bench/tokenize.c -Iinclude BUILD/librhetor.a -lutf8proc ...
 */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	char **buf = calloc((size_t)argc, sizeof *buf);
	size_t *len = calloc((size_t)argc, sizeof *len), total = 0;
	rh_tokens t = RH_TOKENS_INIT;
	double best = 1e30;
	unsigned long long ntok = 0, nsent = 0;

	if (!buf || !len)
		return 1;
	for (int a = 1; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		long n;
		if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
			fprintf(stderr, "tokenize: cannot read %s\n", argv[a]);
			return 1;
		}
		buf[a] = malloc((size_t)n + 1);
		if (!buf[a] || fread(buf[a], 1, (size_t)n, f) != (size_t)n)
			return 1;
		fclose(f);
		len[a] = (size_t)n;
		total += (size_t)n;
	}
	for (int rep = 0; rep < 7; rep++) {
		double t0 = now();
		ntok = nsent = 0;
		for (int a = 1; a < argc; a++) {
			if (rh_text_tokenize(&t, NULL, buf[a], len[a]) < 0)
				return 1;
			ntok += t.n;
			nsent += t.sentences;
		}
		t0 = now() - t0;
		if (t0 < best)
			best = t0;
	}
	printf("%zu bytes, %llu tokens, %llu sentences, %.3f s, %.1f MB/s\n", total, ntok, nsent,
	       best, (double)total / best / 1e6);
	rh_tokens_free(&t);
	for (int a = 1; a < argc; a++)
		free(buf[a]);
	free(buf);
	free(len);
	return 0;
}
