/* internal.h: helpers shared inside the library (never installed). */
#ifndef RH_INTERNAL_H
#define RH_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "rhetor/common.h"
#include "rhetor/stats.h"
#include "rhetor/table.h"

#define RH_API __attribute__((visibility("default")))

#ifdef RH_DEBUG
#include <assert.h>
#define RH_ASSERT(x) assert(x)
#else
#define RH_ASSERT(x) ((void)0)
#endif

/* Longest error message kept whole (bytes); a longer one keeps its first 1023. */
#define RH_ERROR_MAX (1 << 20)

/*
 * Sets this thread's error message (printf style) and returns `code`. The
 * arguments may include rh_error_last() (to add to the last message).
 */
int rh_error__set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int rh_error__vset(int code, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* A short text for an error code, for when no message could be kept ("out of memory"). */
const char *rh_error__describe(int code);

/* Sets RH_ENOMEM with a standard message and returns it. */
int rh_error__oom(void);

/* Allocation that reports RH_ENOMEM through the error buffer on failure. */
void *rh__malloc(size_t n);
void *rh__calloc(size_t n, size_t size);
void *rh__realloc(void *p, size_t n);
char *rh__strdup(const char *s);
char *rh__strndup(const char *s, size_t n);

/* n elements of `size` bytes for a large table read at random (zeroed when
 * `zero`), in huge pages where the system has them; freed with free(). */
void *rh__table_alloc(size_t n, size_t size, int zero);

/* Grows *buf (element size `size`) to hold at least `need` elements. */
int rh__grow(void *buf, size_t *cap, size_t need, size_t size);

/* Reallocates *buf (element size `size`) to exactly `n` elements. */
int rh__realloc_to(void *buf, size_t n, size_t size);

/* Warnings list, growing; messages are copied. */
struct rh_warnings {
	char **msg;
	size_t n, cap;
};
int rh_warnings__add(rh_warnings *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rh_warnings__clear(rh_warnings *w);

/*
 * Arena: many small allocations freed in one call. With RH_DEBUG_POOL each
 * allocation is its own malloc so sanitizers see every one.
 */
typedef struct rh_arena_block rh_arena_block;
typedef struct {
	rh_arena_block *head;
	size_t block_size;
} rh_arena;

void rh_arena__init(rh_arena *a, size_t block_size);
void *rh_arena__alloc(rh_arena *a, size_t n);
char *rh_arena__strndup(rh_arena *a, const char *s, size_t n);
void rh_arena__free(rh_arena *a);

/*
 * Opens `path` for reading when it is a regular file of at most `max` bytes
 * (checked by type and size before a byte is read; a FIFO is never waited
 * on). `what` names the input in messages ("a dictionary"). *fd_out and
 * *size on success. Returns 0 or RH_EIO naming the file.
 */
int rh_file__open(const char *path, size_t max, const char *what, int *fd_out, uint64_t *size);

/* What a file of this st_mode is, for messages: "a FIFO", "a character device", ... */
const char *rh_file__kind(unsigned mode);

/* Reads fd to its end into *buf (grown; NUL-terminated, *len bytes), RH_EIO past `max` bytes. */
int rh_file__read_fd(int fd, const char *path, size_t max, const char *what, char **buf, size_t *cap, size_t *len,
		     uint64_t size_hint);

/*
 * Invalid UTF-8 in s[0, n) (utf8proc's reading: no surrogates, no overlong
 * forms): the number of invalid bytes, the offset of the first in *first.
 */
size_t rh_utf8__invalid(const char *s, size_t n, size_t *first);

/*
 * `s` itself when it is valid UTF-8, else a copy in `a` with each invalid
 * byte read as U+FFFD; *bad invalid bytes, the first at *first. NULL when
 * out of memory.
 */
const char *rh_utf8__mend(rh_arena *a, const char *s, size_t *bad, size_t *first);

/* 64-bit hash of a byte string (XXH3 from libxxhash). */
uint64_t rh__hash(const void *p, size_t n);

/* A 64-bit key mixed so that its low bits index a table (the finaliser of MurmurHash3, Appleby). */
static inline uint64_t rh__mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* Worker threads for `asked` (0: one per core): 1 to RH__MAX_THREADS. */
#define RH__MAX_THREADS 64
unsigned rh__threads(unsigned asked);
/*
 * Runs fn on args[0, n) (each `size` bytes apart), args[0] on this thread,
 * the others on threads of their own; a part whose thread cannot start
 * runs here. Returns when every part has.
 */
void rh__run_threads(void *(*fn)(void *), void *args, size_t size, unsigned n);

/* Keeps the documents d of c with keep[d] != 0, in order (select.c). */
struct rh_corpus;
void rh_corpus__keep(struct rh_corpus *c, const unsigned char *keep);

/*
 * The documents of a counts file (corpus.c): `ndocs` documents and `nmeta`
 * columns of those names, every value "" until rh_corpus__set_counted sets
 * a document's id, source and nmeta values (copied). rh_corpus_read refuses
 * such a document: its text is not kept.
 */
int rh_corpus__new_counted(struct rh_corpus **out, size_t ndocs, const char *const *names, size_t nmeta);
int rh_corpus__set_counted(struct rh_corpus *c, size_t doc, const char *id, const char *source,
			   const char *const *vals);
/* Adds a warning (copied) to the corpus's. */
int rh_corpus__warn(struct rh_corpus *c, const char *msg);

/* The SHA-256 of `len` bytes at buf into md (analysis_hash.c). Returns 0 or RH_ENOMEM (libcrypto failed). */
int rh_sha256__raw(unsigned char md[32], const void *buf, size_t len);

/*
 * `ncells` cells already written as the table would write them (numbers
 * by rh_table_format_num, words that need neither quotes nor the guard),
 * joined by commas, appended as they are: a table of millions of rows that
 * repeat the same cells formats them once (table.c).
 */
struct rh_table;
int rh_table__cells(struct rh_table *t, const char *s, size_t n, size_t ncells);

/*
 * A table of rows alone (no BOM, no header) of ncols cells into fp, for
 * rows made on another thread; rh_table__raw appends the bytes of such
 * rows (whole rows) to a table where a row would begin. table.c.
 */
int rh_table__new_rows(rh_table **out, FILE *fp, const rh_table_options *opts, size_t ncols);
int rh_table__raw(rh_table *t, const char *s, size_t n);

/*
 * The rows of items [0, n) into t, fn(t, ud, from, to) writing those of
 * items [from, to) in order: in chunks of `chunk` items, the odd ones on a
 * second thread into a rows-only table of the same options, appended in
 * turn. The bytes are those of fn(t, ud, 0, n), which is what runs when
 * one chunk holds every item or no thread starts. table.c.
 */
typedef int (*rh_table__range_fn)(rh_table *t, void *ud, size_t from, size_t to);
int rh_table__split_rows(rh_table *t, const rh_table_options *opts, size_t ncols, size_t n, size_t chunk,
			 rh_table__range_fn fn, void *ud);

/*
 * One step of Benjamini & Hochberg's step-up, from the largest rank down:
 * the q value of p at rank `rank` (1 the smallest p) of m, given the
 * running minimum of the ranks above (1 before the first). stats.c.
 */
double rh_stats__bh_step(double p, size_t m, size_t rank, double running);

/* rh_stats_collocation without its p value (NaN): what ranks the rows, for
 * a table that keeps the top ones and computes those whole (stats.c). */
int rh_stats__collocation_rank(double o11, double r1, double c1, double n, double f_node, rh_colloc *out);

#endif
