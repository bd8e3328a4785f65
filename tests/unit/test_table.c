/* test_table.c: the CSV writer: quoting, the formula guard, numbers, --excel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <rhetor.h>

/* Writes one table of two columns and returns its bytes (caller frees). */
static char *write_table(const rh_table_options *o, const char *a, double b)
{
	static const char *const cols[] = { "text", "num" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	rh_table *t;
	assert_int_equal(rh_table_new(&t, fp, o, cols, 2), 0);
	assert_int_equal(rh_table_text(t, a), 0);
	assert_int_equal(rh_table_num(t, b), 0);
	assert_int_equal(rh_table_end_row(t), 0);
	assert_int_equal(rh_table_finish(t), 0);
	rh_table_free(t);
	fclose(fp);
	return buf;
}

static void expect(const rh_table_options *o, const char *cell, double num, const char *want)
{
	char *got = write_table(o, cell, num);
	assert_string_equal(got, want);
	free(got);
}

static void quoting_only_when_needed(void **state)
{
	rh_table_options o = RH_TABLE_OPTIONS_INIT;
	expect(&o, "plain", 1, "text,num\nplain,1\n");
	expect(&o, "a,b", 1, "text,num\n\"a,b\",1\n");
	expect(&o, "say \"hi\"", 1, "text,num\n\"say \"\"hi\"\"\",1\n");
	expect(&o, "two\nlines", 1, "text,num\n\"two\nlines\",1\n");
	expect(&o, " padded", 1, "text,num\n\" padded\",1\n");
	/* Readers trim unquoted blanks at the ends: a trailing tab is quoted. */
	expect(&o, "tab\t", 1, "text,num\n\"tab\t\",1\n");
	expect(&o, "in\tside", 1, "text,num\nin\tside,1\n");
	/* A BOM opening the first cell would be read back as the file's. */
	expect(&o, "\xEF\xBB\xBF" "bom", 1, "text,num\n\"\xEF\xBB\xBF" "bom\",1\n");
	expect(&o, "", 1, "text,num\n,1\n");
	expect(&o, "people\xE2\x80\x99s", 1, "text,num\npeople\xE2\x80\x99s,1\n");
}

static void formula_guard(void **state)
{
	rh_table_options o = RH_TABLE_OPTIONS_INIT, raw = RH_TABLE_OPTIONS_INIT;
	raw.raw_cells = 1;
	expect(&o, "=HYPERLINK(\"x\")", 0, "text,num\n\"'=HYPERLINK(\"\"x\"\")\",0\n");
	expect(&o, "+x", 0, "text,num\n'+x,0\n");
	expect(&o, "-x", 0, "text,num\n'-x,0\n");
	expect(&o, "-cmd", 0, "text,num\n'-cmd,0\n");
	expect(&o, "-", 0, "text,num\n'-,0\n");
	expect(&o, "-1-1", 0, "text,num\n'-1-1,0\n");
	expect(&o, "-1e", 0, "text,num\n'-1e,0\n");
	expect(&o, "-.", 0, "text,num\n'-.,0\n");
	/* A plain number is a number, not a formula: numeric metadata stay numbers. */
	expect(&o, "+1", 0, "text,num\n+1,0\n");
	expect(&o, "-0.5", 0, "text,num\n-0.5,0\n");
	expect(&o, "-3", 0, "text,num\n-3,0\n");
	expect(&o, "+3", 0, "text,num\n+3,0\n");
	expect(&o, "-1e-5", 0, "text,num\n-1e-5,0\n");
	expect(&o, "-.5", 0, "text,num\n-.5,0\n");
	expect(&o, "-5.", 0, "text,num\n-5.,0\n");
	expect(&o, "+2E+10", 0, "text,num\n+2E+10,0\n");
	expect(&o, "@SUM(A1)", 0, "text,num\n'@SUM(A1),0\n");
	expect(&o, "\tx", 0, "text,num\n'\tx,0\n");
	expect(&raw, "\tx", 0, "text,num\n\"\tx\",0\n");
	expect(&o, "a=b", 0, "text,num\na=b,0\n");
	expect(&raw, "=1+2", 0, "text,num\n=1+2,0\n");
}

/* Column names go through the same writer as cells: metadata columns are data. */
static void header_cells(void **state)
{
	static const char *const cols[] = { "doc_id", "=HYPERLINK(\"http://x\")", "a,b", "say \"x\"", "two\nlines", "-3" };
	rh_table_options o = RH_TABLE_OPTIONS_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	rh_table *t;
	assert_int_equal(rh_table_new(&t, fp, &o, cols, 6), 0);
	assert_int_equal(rh_table_finish(t), 0);
	rh_table_free(t);
	fclose(fp);
	assert_string_equal(buf, "doc_id,\"'=HYPERLINK(\"\"http://x\"\")\",\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",-3\n");
	free(buf);
}

/* A table of one column: an empty cell is written "" so the row is not a blank line. */
static void one_empty_column(void **state)
{
	static const char *const cols[] = { "x" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	rh_table *t;
	assert_int_equal(rh_table_new(&t, fp, NULL, cols, 1), 0);
	assert_int_equal(rh_table_text(t, ""), 0);
	assert_int_equal(rh_table_end_row(t), 0);
	assert_int_equal(rh_table_finish(t), 0);
	rh_table_free(t);
	fclose(fp);
	assert_string_equal(buf, "x\n\"\"\n");
	free(buf);
}

/* A write that fails says why (errno's text), not only that it failed. */
static void write_error_says_why(void **state)
{
	static const char *const cols[] = { "x" };
	FILE *fp = fopen("/dev/full", "w");
	rh_table *t;
	if (!fp)
		skip();
	assert_int_equal(rh_table_new(&t, fp, NULL, cols, 1), 0);
	for (int i = 0; i < 10000; i++) {
		rh_table_text(t, "a long enough cell to fill the stdio buffer");
		rh_table_end_row(t);
	}
	assert_int_equal(rh_table_finish(t), RH_EIO);
	assert_non_null(strstr(rh_error_last(), "No space left on device"));
	rh_table_free(t);
	fclose(fp);
}

static void numbers(void **state)
{
	rh_table_options o = RH_TABLE_OPTIONS_INIT;
	char buf[32];
	/* %.10g: ten significant digits, no trailing zeros. */
	expect(&o, "x", 2000, "text,num\nx,2000\n");
	expect(&o, "x", 1.0 / 3, "text,num\nx,0.3333333333\n");
	expect(&o, "x", 1e-7, "text,num\nx,1e-07\n");
	expect(&o, "x", NAN, "text,num\nx,NA\n");
	expect(&o, "x", -INFINITY, "text,num\nx,-Inf\n");
	assert_string_equal(rh_table_format_num(buf, -0.0), "0");
	assert_string_equal(rh_table_format_num(buf, INFINITY), "Inf");
	assert_string_equal(rh_table_format_num(buf, 12345678901.0), "1.23456789e+10");
}

static void excel(void **state)
{
	rh_table_options o = RH_TABLE_OPTIONS_INIT;
	o.excel = 1;
	expect(&o, "a", 1, "\xEF\xBB\xBFtext,num\r\na,1\r\n");
}

static void row_width_checked(void **state)
{
	static const char *const cols[] = { "a", "b" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	rh_table *t;
	assert_int_equal(rh_table_new(&t, fp, NULL, cols, 2), 0);
	assert_int_equal(rh_table_int(t, 1), 0);
	assert_int_equal(rh_table_end_row(t), RH_EUSAGE);
	rh_table_free(t);
	fclose(fp);
	free(buf);
}

/* Appends s[0, n) to the growing string *out. */
static void append(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*out = realloc(*out, *cap);
		assert_non_null(*out);
	}
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
}

/* s as RFC 4180 writes a field that needs quotes: in quotes, each quote doubled. */
static void append_quoted(char **out, size_t *len, size_t *cap, const char *s)
{
	append(out, len, cap, "\"", 1);
	for (; *s; s++) {
		append(out, len, cap, s, 1);
		if (*s == '"')
			append(out, len, cap, "\"", 1);
	}
	append(out, len, cap, "\"", 1);
}

/*
 * A table of megabytes (its blocks go to the stream from a thread of the
 * table's own) holds the bytes a table written cell by cell by these rules
 * holds: plain cells as they are, cells with a comma or a quote quoted,
 * formulas guarded, cells longer than the table's buffer (plain and
 * quoted) whole.
 */
static void large_table_same_bytes(void **state)
{
	static const char *const cols[] = { "text", "n" };
	char *got = NULL, *want = NULL, *huge = malloc(200001), *hq = malloc(150001);
	size_t glen = 0, wlen = 0, wcap = 0;
	FILE *fp = open_memstream(&got, &glen);
	rh_table *t;
	assert_non_null(huge);
	assert_non_null(hq);
	memset(huge, 'x', 200000);
	huge[200000] = '\0';
	for (int i = 0; i < 150000; i++)
		hq[i] = i % 3 == 0 ? '"' : 'y';
	hq[150000] = '\0';
	append(&want, &wlen, &wcap, "text,n\n", 7);
	assert_int_equal(rh_table_new(&t, fp, NULL, cols, 2), 0);
	for (int i = 0; i < 200000; i++) {
		char cell[64], num[32];
		const char *c = cell;
		switch (i % 5) {
		case 0: snprintf(cell, sizeof cell, "word%d", i); break;
		case 1: snprintf(cell, sizeof cell, "a,b %d", i); break;
		case 2: snprintf(cell, sizeof cell, "say \"%d\"", i); break;
		case 3: snprintf(cell, sizeof cell, "=SUM(%d)", i); break;
		default: c = i % 50000 == 4 ? huge : i % 50000 == 9 ? hq : "plain"; break;
		}
		rh_table_text(t, c);
		rh_table_int(t, i);
		assert_int_equal(rh_table_end_row(t), 0);
		if (i % 5 == 1 || i % 5 == 2 || c == hq)
			append_quoted(&want, &wlen, &wcap, c);
		else if (i % 5 == 3)
			append(&want, &wlen, &wcap, "'", 1), append(&want, &wlen, &wcap, c, strlen(c));
		else
			append(&want, &wlen, &wcap, c, strlen(c));
		snprintf(num, sizeof num, ",%d\n", i);
		append(&want, &wlen, &wcap, num, strlen(num));
	}
	assert_int_equal(rh_table_finish(t), 0);
	rh_table_free(t);
	fclose(fp);
	assert_true(glen > (size_t)4 << 20);
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, wlen);
	free(got);
	free(want);
	free(huge);
	free(hq);
}

/* A table freed unfinished still gives the stream every row (the thread's blocks too). */
static void freed_unfinished_keeps_rows(void **state)
{
	static const char *const cols[] = { "x" };
	char *got = NULL;
	size_t glen = 0;
	FILE *fp = open_memstream(&got, &glen);
	rh_table *t;
	assert_int_equal(rh_table_new(&t, fp, NULL, cols, 1), 0);
	for (int i = 0; i < 100000; i++) {
		rh_table_text(t, "row");
		rh_table_end_row(t);
	}
	rh_table_free(t);
	fclose(fp);
	assert_int_equal(glen, 2 + 100000 * 4);
	assert_memory_equal(got + glen - 8, "row\nrow\n", 8);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting_only_when_needed),
		cmocka_unit_test(formula_guard),
		cmocka_unit_test(header_cells),
		cmocka_unit_test(one_empty_column),
		cmocka_unit_test(write_error_says_why),
		cmocka_unit_test(numbers),
		cmocka_unit_test(excel),
		cmocka_unit_test(row_width_checked),
		cmocka_unit_test(large_table_same_bytes),
		cmocka_unit_test(freed_unfinished_keeps_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
