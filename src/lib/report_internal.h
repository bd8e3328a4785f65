/* report_internal.h: small helpers shared by the table writers. */
#ifndef RH_REPORT_INTERNAL_H
#define RH_REPORT_INTERNAL_H

#include "rhetor/counts.h"
#include "rhetor/report.h"

/* Whether `term` is listed: seen in the corpus, at least min_count times, not a stop word. */
int rh_report__keep_term(const rh_counts *c, const rh_report_options *ro, uint32_t term);

/* Byte order of two strings, the shorter first on a common prefix. */
int rh_report__cmp_bytes(const char *a, size_t la, const char *b, size_t lb);

/* Finishes (when err is 0) and frees a table; returns the first error. */
int rh_report__end(rh_table *t, int err);

#endif
