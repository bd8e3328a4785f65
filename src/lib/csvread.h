/* csvread.h: whole-file CSV reading through libcsv (strict), with line numbers. */
#ifndef RH_CSVREAD_H
#define RH_CSVREAD_H

#include <stddef.h>

#include "internal.h"

typedef struct {
	char **cells;   /* NUL-terminated cell texts (in the arena) */
	size_t ncells;
	size_t line;    /* 1-based line where the record starts */
} rh_csv_row;

typedef struct {
	rh_csv_row *rows; /* rows[0] is the header */
	size_t nrows;     /* rows kept */
	size_t nrecords;  /* records read and checked, the header too (nrows unless cut by `keep`) */
	rh_arena arena;   /* holds every cell */
	char *name;       /* the file name, for messages */
} rh_csv;

/*
 * Reads a whole CSV file (RFC 4180, libcsv strict mode). A leading BOM is
 * skipped; LF, CRLF and CR line ends are accepted. Every record must have
 * as many fields as the header. Fully blank lines are skipped. Errors:
 * RH_EIO (cannot read "PATH: strerror"), RH_EPARSE ("PATH:LINE: what"),
 * RH_ENOMEM. On error *out is left empty (nothing to free).
 */
int rh_csv__read_file(rh_csv *out, const char *path);

/*
 * The same, keeping the cells of the header and the first `keep` data rows
 * only: every record is still read and checked, and counted in nrecords.
 */
int rh_csv__read_file_head(rh_csv *out, const char *path, size_t keep);

/* The same from a buffer; `name` is used in messages. */
int rh_csv__read_buf(rh_csv *out, const char *buf, size_t len, const char *name);
int rh_csv__read_buf_head(rh_csv *out, const char *buf, size_t len, const char *name, size_t keep);

/*
 * From a buffer, every record read and checked, the data rows keeping the
 * cells of the header's columns named in cols[0..ncols) only (the others
 * read as ""): for a caller that reads a few columns of a large table.
 */
int rh_csv__read_buf_cols(rh_csv *out, const char *buf, size_t len, const char *name, const char *const *cols,
			  size_t ncols);

/* The index of header column `name`, or -1. */
long rh_csv__column(const rh_csv *csv, const char *name);

void rh_csv__free(rh_csv *csv);

#endif
