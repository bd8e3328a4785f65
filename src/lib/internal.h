/* internal.h: helpers shared inside the library (never installed). */
#ifndef RH_INTERNAL_H
#define RH_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "rhetor/common.h"

#define RH_API __attribute__((visibility("default")))

#ifdef RH_DEBUG
#include <assert.h>
#define RH_ASSERT(x) assert(x)
#else
#define RH_ASSERT(x) ((void)0)
#endif

/* Sets this thread's error message (printf style) and returns `code`. */
int rh_error__set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets RH_ENOMEM with a standard message and returns it. */
int rh_error__oom(void);

/* Allocation that reports RH_ENOMEM through the error buffer on failure. */
void *rh__malloc(size_t n);
void *rh__calloc(size_t n, size_t size);
void *rh__realloc(void *p, size_t n);
char *rh__strdup(const char *s);
char *rh__strndup(const char *s, size_t n);

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

/* 64-bit hash of a byte string (XXH3 from libxxhash). */
uint64_t rh__hash(const void *p, size_t n);

/* Keeps the documents d of c with keep[d] != 0, in order (select.c). */
struct rh_corpus;
void rh_corpus__keep(struct rh_corpus *c, const unsigned char *keep);

#endif
