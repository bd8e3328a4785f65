/* report_internal.h: small helpers shared by the table writers. */
#ifndef RH_REPORT_INTERNAL_H
#define RH_REPORT_INTERNAL_H

#include <string.h>

#include "rhetor/counts.h"
#include "rhetor/report.h"

/* Whether `term` is listed: seen in the corpus, at least min_count times, not a stop word. */
int rh_report__keep_term(const rh_counts *c, const rh_report_options *ro, uint32_t term);

/* Byte order of two strings, the shorter first on a common prefix. */
int rh_report__cmp_bytes(const char *a, size_t la, const char *b, size_t lb);

/*
 * The first eight bytes of s[0, len) as a big-endian number, zero-padded:
 * two names in that order of their prefixes are in rh_report__cmp_bytes
 * order, so a sort compares these first and reads the names only on a tie.
 */
static inline uint64_t rh_report__prefix(const char *s, size_t len)
{
	uint64_t p = 0;
	for (size_t b = 0; b < 8; b++)
		p = p << 8 | (b < len ? (unsigned char)s[b] : 0);
	return p;
}

/*
 * A sort key of a ranked table: `major` (the caller's rank: count or score,
 * encoded so that ascending is the table's order), then the name's bytes in
 * rh_report__cmp_bytes order, then `item` (the caller's index) ascending.
 */
typedef struct {
	uint64_t major, pfx; /* pfx: set by rh_report__sort_keys */
	const char *name;
	uint32_t len, item;
} rh_report__key;

/* Sorts k[0, n) in that order (items distinct). */
void rh_report__sort_keys(rh_report__key *k, size_t n);

/* `v` descending as an unsigned key ascending (-0 as 0; v not NaN). */
static inline uint64_t rh_report__desc(double v)
{
	uint64_t u;
	if (v == 0)
		v = 0;
	memcpy(&u, &v, sizeof u);
	u = u >> 63 ? ~u : u | 1ull << 63; /* ascending order of v */
	return ~u;
}

/* 1 when item a ranks before item b (a total order over the caller's items). */
typedef int (*rh_report__better)(uint32_t a, uint32_t b, const void *ctx);

/*
 * Moves the best k of a[0..n) to a[0..k), sorted best first; returns k (at
 * most n). The others follow in a[k..n), in no order. O(n log k).
 */
size_t rh_report__select_top(uint32_t *a, size_t n, size_t k, rh_report__better better, const void *ctx);

/* Finishes (when err is 0) and frees a table; returns the first error. */
int rh_report__end(rh_table *t, int err);

#endif
