/* csvcheck.c: reads each CSV file given with libcsv (strict, rhetor's reader) and checks that every cell is valid UTF-8. */
#include <stdio.h>
#include <string.h>

#include "csvread.h"

int main(int argc, char **argv)
{
	int status = 0;
	for (int i = 1; i < argc; i++) {
		rh_csv csv;
		size_t bad = 0, first = 0;
		if (rh_csv__read_file(&csv, argv[i]) < 0) {
			fprintf(stderr, "csvcheck: %s\n", rh_error_last());
			status = 1;
			continue;
		}
		for (size_t r = 0; r < csv.nrows && !bad; r++)
			for (size_t c = 0; c < csv.rows[r].ncells && !bad; c++) {
				const char *s = csv.rows[r].cells[c];
				if (rh_utf8__invalid(s, strlen(s), &first)) {
					bad = 1;
					fprintf(stderr, "csvcheck: %s:%zu: cell %zu is not valid UTF-8\n", argv[i],
						csv.rows[r].line, c + 1);
				}
			}
		if (bad)
			status = 1;
		else
			printf("%s: %zu rows of %zu columns\n", argv[i], csv.nrows - 1, csv.rows[0].ncells);
		rh_csv__free(&csv);
	}
	return status;
}
