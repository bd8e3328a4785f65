/* csvfile.c: the public face of the whole-file CSV reader (csvread.c). */
#include <stdint.h>
#include <stdlib.h>

#include "csvread.h"
#include "internal.h"
#include "rhetor/csvfile.h"

struct rh_csvfile {
	rh_csv csv;
};

RH_API int rh_csvfile_read(rh_csvfile **out, const char *path) { return rh_csvfile_read_head(out, path, SIZE_MAX); }

RH_API int rh_csvfile_read_head(rh_csvfile **out, const char *path, size_t rows)
{
	rh_csvfile *f;
	int err;

	*out = NULL;
	if (!(f = rh__calloc(1, sizeof *f)))
		return RH_ENOMEM;
	if ((err = rh_csv__read_file_head(&f->csv, path, rows)) < 0) {
		free(f);
		return err;
	}
	*out = f;
	return 0;
}

RH_API void rh_csvfile_free(rh_csvfile *f)
{
	if (!f)
		return;
	rh_csv__free(&f->csv);
	free(f);
}

RH_API size_t rh_csvfile_rows(const rh_csvfile *f) { return f->csv.nrecords - 1; }

RH_API size_t rh_csvfile_columns(const rh_csvfile *f) { return f->csv.rows[0].ncells; }

RH_API const char *rh_csvfile_column_name(const rh_csvfile *f, size_t col)
{
	return col < f->csv.rows[0].ncells ? f->csv.rows[0].cells[col] : NULL;
}

RH_API long rh_csvfile_column(const rh_csvfile *f, const char *name) { return rh_csv__column(&f->csv, name); }

RH_API const char *rh_csvfile_cell(const rh_csvfile *f, size_t row, size_t col)
{
	if (row + 1 >= f->csv.nrows || col >= f->csv.rows[row + 1].ncells)
		return NULL;
	return f->csv.rows[row + 1].cells[col];
}

RH_API size_t rh_csvfile_line(const rh_csvfile *f, size_t row)
{
	return row + 1 < f->csv.nrows ? f->csv.rows[row + 1].line : 0;
}
