/* rhetor/csvfile.h: reading a whole CSV table (a result table, a metadata file) into memory. */
#ifndef RHETOR_CSVFILE_H
#define RHETOR_CSVFILE_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rh_csvfile rh_csvfile;

/*
 * Reads the CSV file at `path` with the reader the corpus and the
 * dictionary use (RFC 4180 through libcsv, strict; a leading BOM skipped;
 * every record as wide as the header). Returns 0, RH_EIO ("PATH: why"),
 * RH_EPARSE ("PATH:LINE: what") or RH_ENOMEM; on error *out is NULL.
 */
RH_EXTERN(int) rh_csvfile_read(rh_csvfile **out, const char *path);

/*
 * The same, keeping the cells of the first `rows` data rows only: every
 * row is still read and checked, and rh_csvfile_rows counts them all;
 * rh_csvfile_cell and rh_csvfile_line see the rows kept.
 */
RH_EXTERN(int) rh_csvfile_read_head(rh_csvfile **out, const char *path, size_t rows);
RH_EXTERN(void) rh_csvfile_free(rh_csvfile *f);

/* The number of data rows (the header is not one) and of columns. */
RH_EXTERN(size_t) rh_csvfile_rows(const rh_csvfile *f);
RH_EXTERN(size_t) rh_csvfile_columns(const rh_csvfile *f);

/* Column `col`'s name from the header; NULL past the end. Borrowed. */
RH_EXTERN(const char *) rh_csvfile_column_name(const rh_csvfile *f, size_t col);

/* The index of the column named `name`, or -1. */
RH_EXTERN(long) rh_csvfile_column(const rh_csvfile *f, const char *name);

/* The cell of data row `row`, column `col` (NUL-terminated); NULL past the end. Borrowed. */
RH_EXTERN(const char *) rh_csvfile_cell(const rh_csvfile *f, size_t row, size_t col);

/* The 1-based line of the file where data row `row` starts (0 past the end). */
RH_EXTERN(size_t) rh_csvfile_line(const rh_csvfile *f, size_t row);

#ifdef __cplusplus
}
#endif

#endif
