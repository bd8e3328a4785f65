/*
 * fuzz_csv.c: the CSV reader on any bytes: a table or an error with a
 * message, never anything else; read keeping only the first rows, the same
 * error, or the same count of records and the same rows kept; read keeping
 * one column's cells, the same error, or the same rows with that column's
 * cells and the others empty.
 */
#include "fuzz.h"

#include "csvread.h"

/* The read that keeps `keep` data rows agrees with the whole read `csv` (or its error `err`, `msg`). */
static void same_head(const uint8_t *data, size_t size, size_t keep, int err, const char *msg, const rh_csv *csv)
{
	rh_csv head;
	int herr = rh_csv__read_buf_head(&head, (const char *)data, size, "fuzz.csv", keep);
	CHECK(herr == err, "keeping %zu rows: error %d, the whole read %d", keep, herr, err);
	if (err < 0) {
		CHECK(!strcmp(rh_error_last(), msg), "keeping %zu rows: '%s', the whole read '%s'", keep, rh_error_last(), msg);
		return;
	}
	CHECK(head.nrecords == csv->nrows, "keeping %zu rows: %zu records, the whole read %zu", keep, head.nrecords, csv->nrows);
	CHECK(head.nrows == (csv->nrows < keep + 1 ? csv->nrows : keep + 1), "keeping %zu rows: %zu kept", keep, head.nrows);
	for (size_t r = 0; r < head.nrows; r++) {
		CHECK(head.rows[r].ncells == csv->rows[r].ncells && head.rows[r].line == csv->rows[r].line, "row %zu", r);
		for (size_t c = 0; c < head.rows[r].ncells; c++)
			CHECK(!strcmp(head.rows[r].cells[c], csv->rows[r].cells[c]), "row %zu cell %zu", r, c);
	}
	rh_csv__free(&head);
}

/* The read that keeps the cells of the header's first column only agrees with the whole read. */
static void same_column(const uint8_t *data, size_t size, int err, const char *msg, const rh_csv *csv)
{
	rh_csv part;
	const char *col = csv ? csv->rows[0].cells[0] : "x";
	int perr = rh_csv__read_buf_cols(&part, (const char *)data, size, "fuzz.csv", &col, 1);
	CHECK(perr == err, "keeping one column: error %d, the whole read %d", perr, err);
	if (err < 0) {
		CHECK(!strcmp(rh_error_last(), msg), "keeping one column: '%s', the whole read '%s'", rh_error_last(), msg);
		return;
	}
	CHECK(part.nrows == csv->nrows && part.nrecords == csv->nrows, "keeping one column: %zu rows", part.nrows);
	for (size_t r = 0; r < part.nrows; r++) {
		CHECK(part.rows[r].ncells == csv->rows[r].ncells && part.rows[r].line == csv->rows[r].line, "row %zu", r);
		for (size_t c = 0; c < part.rows[r].ncells; c++) {
			/* Every column named as the first one is kept; the header whole. */
			int kept = r == 0 || !strcmp(csv->rows[0].cells[c], col);
			CHECK(!strcmp(part.rows[r].cells[c], kept ? csv->rows[r].cells[c] : ""), "row %zu cell %zu", r, c);
		}
	}
	rh_csv__free(&part);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rh_csv csv;
	size_t line = 1, keep = size % 4;
	int err = rh_csv__read_buf(&csv, (const char *)data, size, "fuzz.csv");
	if (err < 0) {
		char *msg;
		CHECK(err == RH_EPARSE, "error %d: %s", err, rh_error_last());
		CHECK(!strncmp(rh_error_last(), "fuzz.csv", 8), "message does not name the file: %s", rh_error_last());
		CHECK(csv.rows == NULL && csv.nrows == 0, "a failed read leaves rows behind");
		CHECK((msg = strdup(rh_error_last())) != NULL, "strdup");
		same_head(data, size, keep, err, msg, NULL);
		same_column(data, size, err, msg, NULL);
		free(msg);
		return 0;
	}
	CHECK(csv.nrecords == csv.nrows, "%zu records, %zu rows kept", csv.nrecords, csv.nrows);
	same_head(data, size, keep, 0, NULL, &csv);
	same_column(data, size, 0, NULL, &csv);
	CHECK(csv.nrows >= 1, "no header");
	for (size_t r = 0; r < csv.nrows; r++) {
		const rh_csv_row *row = &csv.rows[r];
		CHECK(row->ncells == csv.rows[0].ncells, "row %zu: %zu cells", r, row->ncells);
		CHECK(row->line >= line, "row %zu starts on line %zu, before %zu", r, row->line, line);
		line = row->line + 1;
		for (size_t c = 0; c < row->ncells; c++)
			CHECK(row->cells[c] != NULL, "row %zu cell %zu", r, c);
	}
	/* No more lines than line ends. */
	size_t ends = 1;
	for (size_t i = 0; i < size; i++)
		ends += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	CHECK(csv.rows[csv.nrows - 1].line <= ends, "last record on line %zu of %zu", csv.rows[csv.nrows - 1].line, ends);
	CHECK(rh_csv__column(&csv, csv.rows[0].cells[0]) == 0, "the first column is not found by its name");
	rh_csv__free(&csv);
	return 0;
}
