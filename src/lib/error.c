/* error.c: per-thread error messages, allocation wrappers, warnings, arena, threads. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "internal.h"

/*
 * The message lives in a per-thread buffer: a fixed one for the usual short
 * message, a heap one for a longer message (a dictionary's list of bad rows)
 * so nothing is cut. The heap buffer is freed when its thread ends (a key
 * destructor) or replaced by the next long message.
 */
static _Thread_local char rh_error_buf[1024];
static _Thread_local char *rh_error_long;
static pthread_key_t rh_error_key;
static pthread_once_t rh_error_once = PTHREAD_ONCE_INIT;

static void error_key_init(void) { pthread_key_create(&rh_error_key, free); }

RH_API const char *rh_error_last(void) { return rh_error_long ? rh_error_long : rh_error_buf; }

static void error_drop_long(void)
{
	if (rh_error_long) {
		free(rh_error_long);
		rh_error_long = NULL;
		pthread_setspecific(rh_error_key, NULL);
	}
}

RH_API void rh_error_clear(void)
{
	error_drop_long();
	rh_error_buf[0] = '\0';
}

RH_API const char *rh_version(void) { return RH_VERSION; }

int rh_error__vset(int code, const char *fmt, va_list ap)
{
	va_list again;
	int n;
	va_copy(again, ap);
	/* The message may quote the last one (rh_error_last() as an argument). */
	char *old = rh_error_long, tmp[sizeof rh_error_buf];
	rh_error_long = NULL;
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	memcpy(rh_error_buf, tmp, sizeof tmp);
	if (n >= (int)sizeof rh_error_buf && n < RH_ERROR_MAX) {
		char *big = malloc((size_t)n + 1);
		pthread_once(&rh_error_once, error_key_init);
		if (big) {
			vsnprintf(big, (size_t)n + 1, fmt, again);
			rh_error_long = big;
		}
	}
	free(old);
	pthread_setspecific(rh_error_key, rh_error_long);
	va_end(again);
	return code;
}

int rh_error__set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rh_error__vset(code, fmt, ap);
	va_end(ap);
	return code;
}

const char *rh_error__describe(int code)
{
	switch (code) {
	case RH_OK:
		return "no error";
	case RH_EIO:
		return "input or output failed";
	case RH_EPARSE:
		return "malformed input";
	case RH_EUTF8:
		return "text that cannot be used as UTF-8";
	case RH_ENOMEM:
		return "out of memory";
	case RH_EUSAGE:
		return "inconsistent request";
	case RH_ENUM:
		return "a numeric routine failed";
	default:
		return "unknown error";
	}
}

int rh_error__oom(void) { return rh_error__set(RH_ENOMEM, "out of memory"); }

void *rh__malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		rh_error__oom();
	return p;
}

void *rh__calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		rh_error__oom();
	return p;
}

void *rh__realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		rh_error__oom();
	return q;
}

char *rh__strndup(const char *s, size_t n)
{
	char *d = rh__malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

char *rh__strdup(const char *s) { return rh__strndup(s, strlen(s)); }

/* Asks for huge pages for the whole 2 MB pages of a block of 4 MB or more. */
static void huge_hint(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + bytes) & ~(huge - 1);
	if (bytes >= 2 * huge && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}

/*
 * A hash table of hundreds of megabytes read at random misses the TLB at
 * nearly every lookup in 4 KB pages; in 2 MB pages (Linux's transparent huge
 * pages, asked for with madvise) most lookups find their page translated.
 * Tables below 4 MB take the plain allocator.
 */
void *rh__table_alloc(size_t n, size_t size, int zero)
{
	const size_t huge = (size_t)2 << 20;
	size_t bytes;
	void *p;
	if (size && n > SIZE_MAX / size - huge) {
		rh_error__oom();
		return NULL;
	}
	bytes = n * size;
	/*
	 * Zeroed by writing, not by calloc: a hash table's fresh pages that a
	 * probe reads before any slot is written are the kernel's shared zero
	 * page, and the first write to each then costs a fault and a TLB
	 * flush on every core the process runs on.
	 */
	if (bytes < 2 * huge) {
		p = rh__malloc(bytes ? bytes : 1);
		if (p && zero)
			memset(p, 0, bytes);
		return p;
	}
	bytes = (bytes + huge - 1) / huge * huge;
	if (!(p = aligned_alloc(huge, bytes))) {
		rh_error__oom();
		return NULL;
	}
#ifdef MADV_HUGEPAGE
	(void)madvise(p, bytes, MADV_HUGEPAGE); /* a hint: without it the table still works */
#endif
	if (zero)
		memset(p, 0, bytes);
	return p;
}

int rh__grow(void *buf, size_t *cap, size_t need, size_t size)
{
	void **b = buf;
	size_t c = *cap;
	void *p;
	if (need <= c)
		return 0;
	if (c < 16)
		c = 16;
	while (c < need)
		c += c / 2;
	if (!(p = rh__realloc(*b, c * size)))
		return RH_ENOMEM;
	huge_hint(p, c * size);
	*b = p;
	*cap = c;
	return 0;
}

int rh__realloc_to(void *buf, size_t n, size_t size)
{
	void **b = buf;
	void *p = rh__realloc(*b, n * size);
	if (!p)
		return RH_ENOMEM;
	*b = p;
	return 0;
}

int rh_warnings__add(rh_warnings *w, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *msg;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return rh_error__set(RH_EUSAGE, "warning: bad format");
	if (rh__grow(&w->msg, &w->cap, w->n + 1, sizeof *w->msg) < 0 || !(msg = rh__malloc((size_t)n + 1)))
		return RH_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	w->msg[w->n++] = msg;
	return 0;
}

void rh_warnings__clear(rh_warnings *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->msg[i]);
	free(w->msg);
	memset(w, 0, sizeof *w);
}

RH_API size_t rh_warnings_count(const rh_warnings *w) { return w ? w->n : 0; }

RH_API const char *rh_warnings_at(const rh_warnings *w, size_t i)
{
	return (w && i < w->n) ? w->msg[i] : NULL;
}

struct rh_arena_block {
	rh_arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void rh_arena__init(rh_arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 65536;
}

void *rh_arena__alloc(rh_arena *a, size_t n)
{
	rh_arena_block *b = a->head;
	n = (n + 15) & ~(size_t)15;
#ifdef RH_DEBUG_POOL
	b = NULL;
#endif
	if (!b || b->size - b->used < n) {
		size_t sz = n > a->block_size ? n : a->block_size;
#ifdef RH_DEBUG_POOL
		sz = n;
#endif
		if (!(b = rh__malloc(sizeof *b + sz)))
			return NULL;
		b->used = 0;
		b->size = sz;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

char *rh_arena__strndup(rh_arena *a, const char *s, size_t n)
{
	char *d = rh_arena__alloc(a, n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

void rh_arena__free(rh_arena *a)
{
	rh_arena_block *b = a->head;
	while (b) {
		rh_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

uint64_t rh__hash(const void *p, size_t n) { return XXH3_64bits(p, n); }

unsigned rh__threads(unsigned asked)
{
	long n = asked ? (long)asked : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > RH__MAX_THREADS ? RH__MAX_THREADS : (unsigned)n;
}

void rh__run_threads(void *(*fn)(void *), void *args, size_t size, unsigned n)
{
	pthread_t tid[RH__MAX_THREADS];
	unsigned started = 0;
	if (n > RH__MAX_THREADS)
		n = RH__MAX_THREADS;
	for (unsigned t = 1; t < n; t++) {
		if (pthread_create(&tid[t], NULL, fn, (char *)args + t * size) != 0)
			break;
		started = t;
	}
	for (unsigned t = 0; t < n; t++)
		if (t == 0 || t > started)
			fn((char *)args + t * size);
	for (unsigned t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
}
