/* test_csvread.c: the strict CSV reader: quoting, line numbers, line ends, BOM, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"

static char tmpdir[] = "/tmp/rh_csvread_XXXXXX";

/* Writes `len` bytes to a file in the scratch directory; returns its path (static). */
static const char *write_fixture(const char *name, const char *data, size_t len)
{
	static char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static const char *write_str(const char *name, const char *data)
{
	return write_fixture(name, data, strlen(data));
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static void test_quoted_fields(void **state)
{
	rh_csv csv;
	/* line 1 header; line 2 comma inside quotes; line 3 doubled quotes;
	   lines 4-6 one record whose text spans three lines; line 7 the next. */
	const char *path = write_str("quoted.csv", "id,text,n\n"
						   "1,\"a, b\",x\n"
						   "2,\"say \"\"hi\"\"\",y\n"
						   "3,\"multi\nline\ntext\",z\n"
						   "4,after,w\n");
	(void)state;
	assert_int_equal(rh_csv__read_file(&csv, path), 0);
	assert_int_equal(csv.nrows, 5);
	assert_int_equal(csv.rows[0].ncells, 3);
	assert_string_equal(csv.rows[1].cells[1], "a, b");
	assert_string_equal(csv.rows[2].cells[1], "say \"hi\"");
	assert_string_equal(csv.rows[3].cells[1], "multi\nline\ntext");
	assert_string_equal(csv.rows[3].cells[2], "z");
	assert_string_equal(csv.rows[4].cells[1], "after");
	assert_int_equal(csv.rows[0].line, 1);
	assert_int_equal(csv.rows[1].line, 2);
	assert_int_equal(csv.rows[2].line, 3);
	assert_int_equal(csv.rows[3].line, 4);
	assert_int_equal(csv.rows[4].line, 7);
	assert_int_equal(rh_csv__column(&csv, "n"), 2);
	assert_int_equal(rh_csv__column(&csv, "missing"), -1);
	assert_string_equal(csv.name, path);
	rh_csv__free(&csv);
}

static void test_crlf_and_cr(void **state)
{
	rh_csv csv;
	/* line 1 header, line 2 "1,2", line 3 blank, lines 4-5 a quoted CRLF,
	   line 6 "4,5". */
	const char *path = write_str("crlf.csv", "a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5\r\n");
	(void)state;
	assert_int_equal(rh_csv__read_file(&csv, path), 0);
	assert_int_equal(csv.nrows, 4);
	assert_string_equal(csv.rows[1].cells[1], "2");
	assert_string_equal(csv.rows[2].cells[1], "x\r\ny");
	assert_int_equal(csv.rows[1].line, 2);
	assert_int_equal(csv.rows[2].line, 4);
	assert_int_equal(csv.rows[3].line, 6);
	rh_csv__free(&csv);

	/* Old Mac line ends, and no line end after the last record. */
	path = write_str("cr.csv", "a,b\r1,2\r\r3,4");
	assert_int_equal(rh_csv__read_file(&csv, path), 0);
	assert_int_equal(csv.nrows, 3);
	assert_int_equal(csv.rows[1].line, 2);
	assert_int_equal(csv.rows[2].line, 4);
	assert_string_equal(csv.rows[2].cells[0], "3");
	assert_string_equal(csv.rows[2].cells[1], "4");
	rh_csv__free(&csv);
}

static void test_bom(void **state)
{
	rh_csv csv;
	const char *path = write_str("bom.csv", "\xEF\xBB\xBFname,v\nx,1\n");
	(void)state;
	assert_int_equal(rh_csv__read_file(&csv, path), 0);
	assert_string_equal(csv.rows[0].cells[0], "name");
	assert_int_equal(rh_csv__column(&csv, "name"), 0);
	assert_int_equal(csv.rows[1].line, 2);
	rh_csv__free(&csv);
}

static void test_blank_lines(void **state)
{
	rh_csv csv;
	/* records on lines 1, 4 and 6; lines 2, 3, 5 and 7 are blank */
	const char *path = write_str("blank.csv", "a,b\n\n\n1,2\n   \n3,4\n\n");
	(void)state;
	assert_int_equal(rh_csv__read_file(&csv, path), 0);
	assert_int_equal(csv.nrows, 3);
	assert_int_equal(csv.rows[1].line, 4);
	assert_int_equal(csv.rows[2].line, 6);
	assert_string_equal(csv.rows[2].cells[0], "3");
	rh_csv__free(&csv);
}

static void test_unbalanced_quote(void **state)
{
	rh_csv csv;
	char want[4200];
	/* The quote opened on line 3 never closes. */
	const char *path = write_str("open.csv", "a,b\n1,2\n3,\"open\nmore\n");
	(void)state;
	assert_int_equal(rh_csv__read_file(&csv, path), RH_EPARSE);
	snprintf(want, sizeof want, "%s:3:", path);
	assert_contains(rh_error_last(), want);
	assert_contains(rh_error_last(), "unbalanced quote");
	assert_int_equal(csv.nrows, 0);
	assert_null(csv.rows);
}

static void test_field_count(void **state)
{
	rh_csv csv;
	char want[4200];
	const char *path = write_str("count.csv", "a,b\n1,2\n\n1,2,3\n");
	(void)state;
	assert_int_equal(rh_csv__read_file(&csv, path), RH_EPARSE);
	snprintf(want, sizeof want, "%s:4:", path);
	assert_contains(rh_error_last(), want);
	assert_contains(rh_error_last(), "3 fields, the header has 2");
}

static void test_nul_and_bad_quote(void **state)
{
	rh_csv csv;
	(void)state;
	assert_int_equal(rh_csv__read_buf(&csv, "a,b\n1,x\0y\n", 10, "nul.csv"), RH_EPARSE);
	assert_contains(rh_error_last(), "nul.csv:2:");
	assert_contains(rh_error_last(), "NUL byte");
	/* a quote inside an unquoted field; the offending quote is byte 4 of line 2 */
	assert_int_equal(rh_csv__read_buf(&csv, "a,b\n1,x\"y\n", 10, "q.csv"), RH_EPARSE);
	assert_contains(rh_error_last(), "q.csv:2:");
	assert_contains(rh_error_last(), "invalid quoting at byte 4");
	/* text after a closing quote, on line 3 */
	assert_int_equal(rh_csv__read_buf(&csv, "a,b\n1,2\n\"x\"y,2\n", 15, "q2.csv"), RH_EPARSE);
	assert_contains(rh_error_last(), "q2.csv:3:");
	/* an empty file has no header */
	assert_int_equal(rh_csv__read_buf(&csv, "", 0, "empty.csv"), RH_EPARSE);
	assert_contains(rh_error_last(), "empty.csv");
}

static void test_missing_file(void **state)
{
	rh_csv csv;
	char path[4200];
	(void)state;
	snprintf(path, sizeof path, "%s/no-such.csv", tmpdir);
	assert_int_equal(rh_csv__read_file(&csv, path), RH_EIO);
	assert_contains(rh_error_last(), path);
	assert_contains(rh_error_last(), "No such file");
}

/* A CRLF split across the 4 MiB read blocks, and a long field across them. */
static void test_block_boundary(void **state)
{
	const size_t block = 4u << 20, k = block - 1 - 7;
	size_t len = 0;
	char *data = malloc(block + 64);
	rh_csv csv;
	const char *path;
	(void)state;
	assert_non_null(data);
	/* "a,b\r\n" is 5 bytes and "1," 2 more: k filler bytes put the CR at
	   offset block-1 and its LF at offset block, the first byte of block two. */
	memcpy(data, "a,b\r\n1,", 7);
	len = 7;
	memset(data + len, 'x', k);
	len += k;
	assert_int_equal(len, block - 1);
	memcpy(data + len, "\r\n2,\"p\nq\"\r\n3,z", 14);
	len += 14;
	path = write_fixture("big.csv", data, len);
	free(data);
	assert_int_equal(rh_csv__read_file(&csv, path), 0);
	assert_int_equal(csv.nrows, 4);
	assert_int_equal(strlen(csv.rows[1].cells[1]), k);
	assert_int_equal(csv.rows[1].line, 2);
	assert_int_equal(csv.rows[2].line, 3);
	assert_string_equal(csv.rows[2].cells[1], "p\nq");
	assert_int_equal(csv.rows[3].line, 5);
	assert_string_equal(csv.rows[3].cells[1], "z");
	rh_csv__free(&csv);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_crlf_and_cr),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_unbalanced_quote),
		cmocka_unit_test(test_field_count),
		cmocka_unit_test(test_nul_and_bad_quote),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_block_boundary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
