/* rhetor/table.h: the one CSV writer every table goes through (libcsv). */
#ifndef RHETOR_TABLE_H
#define RHETOR_TABLE_H

#include <stdio.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	/* Byte-order mark and CRLF line ends, for spreadsheets that want them. */
	int excel;
	/* Write text cells as they are: no `'` before a leading = + - @ TAB CR. */
	int raw_cells;
} rh_table_options;

#define RH_TABLE_OPTIONS_INIT { 0, 0 }

typedef struct rh_table rh_table;

/*
 * Starts a table on `fp` (borrowed, not closed) and writes its header row.
 * `columns` holds `ncols` names. Returns 0 or RH_ENOMEM / RH_EIO.
 */
RH_EXTERN(int) rh_table_new(rh_table **out, FILE *fp, const rh_table_options *opts,
			    const char *const *columns, size_t ncols);

/*
 * Errors are sticky (as sqlite3_str's): the first error a call meets
 * (a failed write, with its cause; a row of the wrong length; no memory) is
 * kept, every later call does nothing and returns it, and rh_table_finish
 * or rh_table_error report it once at the end. A writer can so make its
 * calls plainly and check once.
 *
 * One cell of the current row. Text cells are quoted only when they need it
 * (RFC 4180) and guarded against spreadsheet formulas unless raw_cells.
 * Numbers: integers in plain decimal; reals as "%.10g" (NaN as "NA",
 * infinities as "Inf" / "-Inf").
 */
RH_EXTERN(int) rh_table_text(rh_table *t, const char *s);
RH_EXTERN(int) rh_table_textn(rh_table *t, const char *s, size_t n);
RH_EXTERN(int) rh_table_int(rh_table *t, long long v);
RH_EXTERN(int) rh_table_num(rh_table *t, double v);

/* Ends the row; RH_EUSAGE if it does not have exactly ncols cells. */
RH_EXTERN(int) rh_table_end_row(rh_table *t);

/* Flushes and checks the stream; the first error (RH_EIO if any write failed), or 0. */
RH_EXTERN(int) rh_table_finish(rh_table *t);
/* The first error met so far, with its message set again in rh_error_last(); 0 if none. */
RH_EXTERN(int) rh_table_error(rh_table *t);

RH_EXTERN(void) rh_table_free(rh_table *t);

/*
 * Formats a real number exactly as table cells do ("%.10g", "NA", "Inf");
 * `buf` needs 32 bytes. Returns buf.
 */
RH_EXTERN(char *) rh_table_format_num(char *buf, double v);

#ifdef __cplusplus
}
#endif

#endif
