/* test_html.c: escaping for the report page: HTML text, JSON in a script element, the SVG subset; and CSV reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <rhetor.h>

#include "testutil.h"

typedef int (*writer)(FILE *, const char *, size_t);

/* What `w` writes for `len` bytes of `s` (caller frees). */
static char *run(writer w, const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	assert_int_equal(w(fp, s, len), 0);
	fclose(fp);
	return buf;
}

static void expect(writer w, const char *s, const char *want)
{
	char *got = run(w, s, strlen(s));
	assert_string_equal(got, want);
	free(got);
}

static void text_escapes_markup(void **state)
{
	(void)state;
	expect(rh_html_text, "<script>alert(\"x\")</script>", "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
	expect(rh_html_text, "a & b 'c'", "a &amp; b &#39;c&#39;");
	expect(rh_html_text, "&amp;", "&amp;amp;");
	expect(rh_html_text, "line\none\ttab", "line\none\ttab");
	/* Control characters and invalid UTF-8 become U+FFFD; valid UTF-8 stays. */
	expect(rh_html_text, "a\x01" "b\x7f", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	expect(rh_html_text, "\xC3\xA9t\xC3\xA9 \xFF \xE2\x80", "\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD");
	char *got = run(rh_html_text, "a\0b", 3);
	assert_string_equal(got, "a\xEF\xBF\xBD" "b");
	free(got);
}

static void json_is_safe_in_a_script_element(void **state)
{
	(void)state;
	expect(rh_html_json, "</script><!--", "\"\\u003c/script\\u003e\\u003c!--\"");
	expect(rh_html_json, "say \"hi\" \\ & done", "\"say \\\"hi\\\" \\\\ \\u0026 done\"");
	expect(rh_html_json, "a\nb\r\tc\x01", "\"a\\nb\\r\\tc\\u0001\"");
	/* U+2028 and U+2029 end a line in older JavaScript. */
	expect(rh_html_json, "x\xE2\x80\xA8y\xE2\x80\xA9z", "\"x\\u2028y\\u2029z\"");
	expect(rh_html_json, "\xE4\xB8\xAD\xFE", "\"\xE4\xB8\xAD\xEF\xBF\xBD\"");
	expect(rh_html_json, "", "\"\"");
}

/* rh_html_svg's output for `svg`, or NULL when it refuses (nothing written then). */
static char *svg(const char *s, int *err)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	*err = rh_html_svg(fp, s, strlen(s), "c1-");
	fclose(fp);
	if (*err < 0) {
		assert_int_equal(n, 0);
		free(buf);
		return NULL;
	}
	return buf;
}

static void svg_keeps_drawing_and_prefixes_ids(void **state)
{
	int err;
	char *got;
	(void)state;
	got = svg("<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
		  "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
		  "<svg width=\"10\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
		  "<!-- a comment -->"
		  "<defs><circle id='gpDot' r='0.5'/><filter id='textbox'><feFlood flood-color='white'/></filter></defs>"
		  "<use xlink:href='#gpDot' x='1'/><text filter='url(#textbox)'>a &amp; b &lt;c&gt; & d</text></svg>\n",
		  &err);
	assert_int_equal(err, 0);
	assert_string_equal(got, "<svg width=\"10\" xmlns=\"http://www.w3.org/2000/svg\" "
				 "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
				 "<defs><circle id='c1-gpDot' r='0.5'/><filter id='c1-textbox'><feFlood "
				 "flood-color='white'/></filter></defs>"
				 "<use xlink:href='#c1-gpDot' x='1'/><text filter='url(#c1-textbox)'>a &amp; b &lt;c&gt; "
				 "&amp; d</text></svg>");
	free(got);
}

static void svg_refuses_what_could_run_or_fetch(void **state)
{
	static const char *const bad[] = {
		"<svg><script>alert(1)</script></svg>",
		"<svg onload=\"alert(1)\"></svg>",
		"<svg><g ONclick='x'></g></svg>",
		"<svg><a href='#x'>t</a></svg>",
		"<svg><use href='http://example.com/x.svg#a'/></svg>",
		"<svg><use xlink:href='data:image/svg+xml,x'/></svg>",
		"<svg><rect fill='url(http://example.com/p)'/></svg>",
		"<svg><rect style='fill: url( //example.com/p)'/></svg>",
		"<svg><rect style='x' class='javascript:alert(1)'/></svg>",
		"<svg><foreignObject><p>hi</p></foreignObject></svg>",
		"<svg><image href='#a'/></svg>",
		"<svg><style>@import url(x.css)</style></svg>",
		"<svg><text><![CDATA[x]]></text></svg>",
		"<!DOCTYPE svg [<!ENTITY x 'y'>]><svg></svg>",
		"<svg><text>x</svg>",
		"<svg></svg><svg></svg>",
		"text<svg></svg>",
		"<g></g>",
		"<svg><rect x=1/></svg>",
		"<svg><rect x='1/></svg>",
		"<svg><rect x='<'/></svg>",
		"<svg>",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int err;
		char *got = svg(bad[i], &err);
		if (err != RH_EPARSE)
			fail_msg("accepted: %s -> %s", bad[i], got ? got : "");
		assert_non_null(strstr(rh_error_last(), "line 1"));
	}
	/* The prefix must itself be safe. */
	assert_int_equal(rh_html_svg(stdout, "<svg></svg>", 11, "a\"b"), RH_EUSAGE);
}

static void csvfile_reads_cells_and_lines(void **state)
{
	char *dir = tu_tmpdir(), path[4096];
	rh_csvfile *f = NULL;
	(void)state;
	tu_write(dir, "t.csv", "\xEF\xBB\xBFname,note\nx,\"two\nlines\"\ny,\"a \"\"q\"\"\"\n", -1);
	snprintf(path, sizeof path, "%s/t.csv", dir);
	assert_int_equal(rh_csvfile_read(&f, path), 0);
	assert_int_equal(rh_csvfile_rows(f), 2);
	assert_int_equal(rh_csvfile_columns(f), 2);
	assert_string_equal(rh_csvfile_column_name(f, 0), "name");
	assert_null(rh_csvfile_column_name(f, 2));
	assert_int_equal(rh_csvfile_column(f, "note"), 1);
	assert_int_equal(rh_csvfile_column(f, "nope"), -1);
	assert_string_equal(rh_csvfile_cell(f, 0, 1), "two\nlines");
	assert_string_equal(rh_csvfile_cell(f, 1, 1), "a \"q\"");
	assert_null(rh_csvfile_cell(f, 2, 0));
	assert_int_equal(rh_csvfile_line(f, 0), 2);
	assert_int_equal(rh_csvfile_line(f, 1), 4);
	rh_csvfile_free(f);
	tu_write(dir, "bad.csv", "a,b\n1,2\n3\n", -1);
	snprintf(path, sizeof path, "%s/bad.csv", dir);
	assert_int_equal(rh_csvfile_read(&f, path), RH_EPARSE);
	assert_null(f);
	assert_non_null(strstr(rh_error_last(), "bad.csv:3"));
	rh_csvfile_free(NULL);
	tu_rmrf(dir);
	free(dir);
}

/* Only the first rows' cells are kept; every row is still read, checked and counted. */
static void csvfile_head_counts_every_row(void **state)
{
	char *dir = tu_tmpdir(), path[4096];
	rh_csvfile *f = NULL;
	(void)state;
	tu_write(dir, "t.csv", "k,v\na,1\nb,\"2\n2\"\nc,3\nd,4\n", -1);
	snprintf(path, sizeof path, "%s/t.csv", dir);
	assert_int_equal(rh_csvfile_read_head(&f, path, 2), 0);
	assert_int_equal(rh_csvfile_rows(f), 4);
	assert_int_equal(rh_csvfile_columns(f), 2);
	assert_string_equal(rh_csvfile_cell(f, 1, 1), "2\n2");
	assert_null(rh_csvfile_cell(f, 2, 0));
	assert_int_equal(rh_csvfile_line(f, 1), 3);
	assert_int_equal(rh_csvfile_line(f, 2), 0);
	rh_csvfile_free(f);
	/* None kept: the header and the count. */
	assert_int_equal(rh_csvfile_read_head(&f, path, 0), 0);
	assert_int_equal(rh_csvfile_rows(f), 4);
	assert_string_equal(rh_csvfile_column_name(f, 1), "v");
	assert_null(rh_csvfile_cell(f, 0, 0));
	rh_csvfile_free(f);
	/* A short record past those kept is the same error, on its line. */
	tu_write(dir, "bad.csv", "a,b\n1,2\n3,4\n5\n", -1);
	snprintf(path, sizeof path, "%s/bad.csv", dir);
	assert_int_equal(rh_csvfile_read_head(&f, path, 1), RH_EPARSE);
	assert_null(f);
	assert_non_null(strstr(rh_error_last(), "bad.csv:4: 1 field"));
	tu_rmrf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escapes_markup),
		cmocka_unit_test(json_is_safe_in_a_script_element),
		cmocka_unit_test(svg_keeps_drawing_and_prefixes_ids),
		cmocka_unit_test(svg_refuses_what_could_run_or_fetch),
		cmocka_unit_test(csvfile_reads_cells_and_lines),
		cmocka_unit_test(csvfile_head_counts_every_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
