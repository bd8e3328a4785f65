/* fuzz_csv.c: the CSV reader on any bytes: a table or an error with a message, never anything else. */
#include "fuzz.h"

#include "csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rh_csv csv;
	size_t line = 1;
	int err = rh_csv__read_buf(&csv, (const char *)data, size, "fuzz.csv");
	if (err < 0) {
		CHECK(err == RH_EPARSE, "error %d: %s", err, rh_error_last());
		CHECK(!strncmp(rh_error_last(), "fuzz.csv", 8), "message does not name the file: %s", rh_error_last());
		CHECK(csv.rows == NULL && csv.nrows == 0, "a failed read leaves rows behind");
		return 0;
	}
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
