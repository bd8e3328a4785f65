/* fuzz.h: what the libFuzzer targets share: a check that aborts with a message, input splitting, scratch files. */
#ifndef RH_FUZZ_H
#define RH_FUZZ_H

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant: on failure libFuzzer keeps the input that broke it. */
#define CHECK(cond, ...)                                                                        \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                            \
			fputc('\n', stderr);                                                     \
			abort();                                                                 \
		}                                                                                \
	} while (0)

/* The input splits into parts at each "\n%%\n": a dictionary, then documents. */
#define FUZZ_SEP "\n%%\n"

typedef struct {
	const char *p;
	size_t n;
} fuzz_part;

/* Up to `max` parts of data[0, size); returns how many. */
static inline size_t fuzz_split(const uint8_t *data, size_t size, fuzz_part *parts, size_t max)
{
	const char *s = (const char *)data, *end = s + size;
	size_t k = 0;
	while (k < max) {
		const char *sep = k + 1 < max ? memmem(s, (size_t)(end - s), FUZZ_SEP, 4) : NULL;
		parts[k].p = s;
		parts[k].n = sep ? (size_t)(sep - s) : (size_t)(end - s);
		k++;
		if (!sep)
			break;
		s = sep + 4;
	}
	return k;
}

/*
 * The code point at s[*i] into *cp, by utf8proc's reading (no surrogates,
 * no overlong forms), and *i past it: 1, or 0 at the end, -1 when invalid.
 */
static inline int fuzz_next_cp(const char *s, size_t n, size_t *i, int32_t *cp)
{
	if (*i >= n)
		return 0;
	utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), cp);
	if (r <= 0)
		return -1;
	*i += (size_t)r;
	return 1;
}

/* Whether s[0, n) is valid UTF-8. */
static inline int fuzz_valid_utf8(const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp;
	int r;
	while ((r = fuzz_next_cp(s, n, &i, &cp)) > 0)
		;
	return r == 0;
}

/* A scratch directory for the process, removed at exit. */
static char fuzz_dir[64];

static int fuzz_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void fuzz_cleanup(void)
{
	if (fuzz_dir[0])
		nftw(fuzz_dir, fuzz_rm, 8, FTW_DEPTH | FTW_PHYS);
}

static inline const char *fuzz_scratch(void)
{
	if (!fuzz_dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/rhetor-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(fuzz_dir)) {
			perror("mkdtemp");
			abort();
		}
		atexit(fuzz_cleanup);
	}
	return fuzz_dir;
}

/* Writes n bytes to `path`. */
static inline void fuzz_write_file(const char *path, const char *s, size_t n)
{
	FILE *fp = fopen(path, "wb");
	CHECK(fp != NULL, "%s", path);
	CHECK(fwrite(s, 1, n, fp) == n || n == 0, "%s", path);
	CHECK(fclose(fp) == 0, "%s", path);
}

#endif
