/* testtable.h: a CSV table read back from a writer's output, for unit tests (include after cmocka.h). */
#ifndef RH_TESTTABLE_H
#define RH_TESTTABLE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The cells of a table whose fixtures never need quoting. */
typedef struct {
	char *buf;
	char **cell;
	size_t rows, cols; /* rows without the header */
} table;

/* Splits `buf` (taken over, freed by table_free) into cells; every row as wide as the header. */
static inline void table_read(table *t, char *buf)
{
	size_t lines = 0, cap = 0, n = 0;
	t->buf = buf;
	t->cell = NULL;
	t->cols = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char *save = NULL;
		size_t c = 0;
		lines++;
		for (char *f = strtok_r(line, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
			if (n == cap)
				t->cell = realloc(t->cell, (cap = cap * 2 + 64) * sizeof *t->cell);
			t->cell[n++] = f;
			c++;
		}
		if (lines == 1)
			t->cols = c;
		assert_int_equal(c, t->cols);
	}
	t->rows = lines ? lines - 1 : 0;
}

static inline void table_free(table *t)
{
	free(t->cell);
	free(t->buf);
}

/* The cell of column `col` in data row `row` (from 0). */
static inline const char *cell(const table *t, size_t row, const char *col)
{
	for (size_t c = 0; c < t->cols; c++)
		if (!strcmp(t->cell[c], col))
			return t->cell[(row + 1) * t->cols + c];
	fail_msg("no column %s", col);
	return NULL;
}

static inline double num(const table *t, size_t row, const char *col) { return strtod(cell(t, row, col), NULL); }

/* The row whose columns k1, k2 hold v1, v2 (k2 may be NULL); fails if there is none. */
static inline size_t find(const table *t, const char *k1, const char *v1, const char *k2, const char *v2)
{
	for (size_t r = 0; r < t->rows; r++)
		if (!strcmp(cell(t, r, k1), v1) && (!k2 || !strcmp(cell(t, r, k2), v2)))
			return r;
	fail_msg("no row %s=%s %s=%s", k1, v1, k2 ? k2 : "", v2 ? v2 : "");
	return 0;
}

/* got equals want to 1e-9, relative (absolute below 1). */
static inline void near(double got, double want)
{
	if (!(fabs(got - want) <= 1e-9 * fmax(1, fabs(want))))
		fail_msg("got %.12g, want %.12g", got, want);
}

#endif
