/*
 * fuzz_table.c: the table writer and the reader: cells (NUL-separated in
 * the input) written as a table, header included, read back equal, with
 * the formula guard's `'` where the writer's rule puts one.
 */
#include "fuzz.h"

#include "csvread.h"
#include "rhetor/table.h"

/* A plain decimal number: [+-] digits [. digits] [e [+-] digits], or with the point first. */
static int plain_number(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (!digits)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, e++;
		if (!e)
			return 0;
	}
	return i == n;
}

static int guarded(const char *s, size_t n)
{
	return n > 0 && strchr("=+-@\t\r", s[0]) && s[0] != '\0' && !plain_number(s, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rh_table_options o = RH_TABLE_OPTIONS_INIT;
	fuzz_part cell[64];
	size_t ncells = 0, ncols;
	char *buf = NULL;
	size_t len = 0;
	rh_table *t;
	rh_csv csv;

	if (size < 1)
		return 0;
	o.excel = data[0] & 1;
	o.raw_cells = (data[0] >> 1) & 1;
	ncols = 1 + (data[0] >> 2) % 4;
	for (size_t i = 1, start = 1; i <= size && ncells < 60; i++)
		if (i == size || data[i] == '\0') {
			cell[ncells++] = (fuzz_part){ (const char *)data + start, i - start };
			start = i + 1;
		}
	while (ncells % ncols)
		cell[ncells++] = (fuzz_part){ "", 0 };
	if (ncells < ncols)
		return 0;

	const char *names[4];
	char *owned[4];
	for (size_t c = 0; c < ncols; c++)
		names[c] = owned[c] = strndup(cell[c].p, cell[c].n);
	FILE *fp = open_memstream(&buf, &len);
	CHECK(fp != NULL, "open_memstream");
	CHECK(rh_table_new(&t, fp, &o, names, ncols) == 0, "%s", rh_error_last());
	for (size_t i = ncols; i < ncells; i++) {
		CHECK(rh_table_textn(t, cell[i].p, cell[i].n) == 0, "%s", rh_error_last());
		if ((i + 1) % ncols == 0)
			CHECK(rh_table_end_row(t) == 0, "%s", rh_error_last());
	}
	CHECK(rh_table_finish(t) == 0, "%s", rh_error_last());
	rh_table_free(t);
	fclose(fp);

	CHECK(rh_csv__read_buf(&csv, buf, len, "table.csv") == 0, "the table does not read back: %s", rh_error_last());
	CHECK(csv.nrows == ncells / ncols, "%zu rows read, %zu written", csv.nrows, ncells / ncols);
	for (size_t i = 0; i < ncells; i++) {
		const char *got = csv.rows[i / ncols].cells[i % ncols];
		const char *want = cell[i].p;
		size_t n = cell[i].n, glen = strlen(got);
		if (!o.raw_cells && guarded(want, n)) {
			CHECK(glen == n + 1 && got[0] == '\'' && !memcmp(got + 1, want, n), "cell %zu: guard", i);
		} else {
			CHECK(glen == n && !memcmp(got, want, n), "cell %zu: '%.*s' read back as '%s'", i, (int)n, want, got);
		}
	}
	rh_csv__free(&csv);
	for (size_t c = 0; c < ncols; c++)
		free(owned[c]);
	free(buf);
	return 0;
}
