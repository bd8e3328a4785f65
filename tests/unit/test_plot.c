/* test_plot.c: the gnuplot string quoting, header checks and script text of the chart writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <rhetor/plot.h>

static void expect_quote(const char *in, const char *want)
{
	char *q = NULL;

	assert_int_equal(rh_plot_quote(&q, in), 0);
	assert_non_null(q);
	assert_string_equal(q, want);
	free(q);
}

/* Inputs and outputs worked by hand from the rules in plot.h. */
static void test_quote_plain(void **state)
{
	(void)state;
	expect_quote("China", "'China'");
	expect_quote("", "''");
	expect_quote(NULL, "''");
	/* A quote doubles: it's -> 'it''s'. */
	expect_quote("it's", "'it''s'");
	expect_quote("'", "''''");
	/* Nothing else is special inside gnuplot single quotes. */
	expect_quote("a\\b", "'a\\b'");
	expect_quote("`touch MARKER`", "'`touch MARKER`'");
	expect_quote("system(\"touch MARKER\")", "'system(\"touch MARKER\")'");
	expect_quote("@macro $x # ; EOD", "'@macro $x # ; EOD'");
}

static void test_quote_control(void **state)
{
	(void)state;
	/* Newline, CR, tab, ESC and DEL become spaces: the literal stays on one line. */
	expect_quote("a\nb", "'a b'");
	expect_quote("a\r\nb", "'a  b'");
	expect_quote("\t\x1b\x7f", "'   '");
	/* A newline then a command cannot escape the string. */
	expect_quote("x'\nsystem('id')", "'x'' system(''id'')'");
}

static void test_quote_utf8(void **state)
{
	(void)state;
	/* Valid UTF-8 is kept: U+00E9 (C3 A9), U+4E2D (E4 B8 AD), U+1F600 (F0 9F 98 80). */
	expect_quote("caf\xc3\xa9", "'caf\xc3\xa9'");
	expect_quote("\xe4\xb8\xad", "'\xe4\xb8\xad'");
	expect_quote("\xf0\x9f\x98\x80", "'\xf0\x9f\x98\x80'");
	/* A lone continuation byte, a truncated sequence, an overlong '/' (C0 AF)
	 * and a UTF-16 surrogate (ED A0 80) are each one '?' per byte. */
	expect_quote("a\x80z", "'a?z'");
	expect_quote("a\xc3", "'a?'");
	expect_quote("\xc0\xaf", "'?" "?'");
	expect_quote("\xed\xa0\x80", "'?" "?" "?'");
}

static void test_quote_cap(void **state)
{
	char in[10001], want[RH_PLOT_QUOTE_MAX + 3];
	char *q = NULL;

	(void)state;
	/* 10,000 x's keep RH_PLOT_QUOTE_MAX of them. */
	memset(in, 'x', 10000);
	in[10000] = '\0';
	want[0] = '\'';
	memset(want + 1, 'x', RH_PLOT_QUOTE_MAX);
	want[RH_PLOT_QUOTE_MAX + 1] = '\'';
	want[RH_PLOT_QUOTE_MAX + 2] = '\0';
	expect_quote(in, want);

	/* 10,000 quotes: 200 kept, each doubled, 400 + 2 bytes. */
	memset(in, '\'', 10000);
	assert_int_equal(rh_plot_quote(&q, in), 0);
	assert_int_equal(strlen(q), 2 * RH_PLOT_QUOTE_MAX + 2);
	free(q);

	/* The cut never splits a character: 199 x's then U+00E9 (2 bytes) would
	 * need 201 bytes, so the e-acute is dropped. */
	memset(in, 'x', 199);
	memcpy(in + 199, "\xc3\xa9", 3);
	assert_int_equal(rh_plot_quote(&q, in), 0);
	assert_int_equal(strlen(q), 199 + 2);
	free(q);
}

/*
 * Every output of the quoting function is a well-formed literal: starts and
 * ends with a quote, inside only doubled quotes, no control byte.
 */
static void test_quote_wellformed(void **state)
{
	unsigned seed = 12345;
	char in[64];

	(void)state;
	for (int round = 0; round < 2000; round++) {
		char *q = NULL;
		size_t n, k;

		for (k = 0; k < sizeof in - 1; k++) {
			seed = seed * 1103515245u + 12345u;
			in[k] = (char)((seed >> 16) & 0xff);
			if (!in[k])
				in[k] = '\'';
		}
		in[sizeof in - 1] = '\0';
		assert_int_equal(rh_plot_quote(&q, in), 0);
		n = strlen(q);
		assert_true(n >= 2 && q[0] == '\'' && q[n - 1] == '\'');
		for (k = 1; k + 1 < n; k++) {
			unsigned char c = (unsigned char)q[k];

			assert_false(c < 0x20 || c == 0x7f);
			if (c == '\'') {
				assert_true(q[k + 1] == '\'' && k + 2 < n);
				k++;
			}
		}
		free(q);
	}
}

static size_t find_chart(const char *name)
{
	for (size_t i = 0; i < rh_plot_count(); i++)
		if (!strcmp(rh_plot_name(i), name))
			return i;
	fail_msg("no chart %s", name);
	return 0;
}

static void test_charts_and_headers(void **state)
{
	size_t terms = find_chart("terms");

	(void)state;
	/* Every table of docs/design.md that has a chart. */
	assert_string_equal(rh_plot_table(terms), "terms.csv");
	assert_string_equal(rh_plot_table(find_chart("keyness")), "keyness.csv");
	assert_string_equal(rh_plot_table(find_chart("concepts")), "phrases_by_group.csv");
	assert_string_equal(rh_plot_table(find_chart("similarity")), "similarity.csv");
	assert_string_equal(rh_plot_table(find_chart("trends")), "trends.csv");
	/* The adoption chart draws the curve table of rhetor trends. */
	assert_string_equal(rh_plot_table(find_chart("adoption")), "adoption_curve.csv");
	assert_null(rh_plot_name(rh_plot_count()));
	assert_int_equal(rh_plot_check_header(find_chart("adoption"),
					      "concept,period,adopters,cumulative_adopters,groups,share\n"), 0);
	/* trends.csv may end with docs_total after the required columns. */
	assert_int_equal(rh_plot_check_header(find_chart("trends"),
					      "group,period,concept,count,docs,tokens,per_10k,ci_low,ci_high,docs_total\n"), 0);
	assert_int_equal(rh_plot_check_header(find_chart("adoption"),
					      "group,concept,first_period,first_doc,total_count\n"), RH_EPARSE);

	assert_int_equal(rh_plot_check_header(terms, "group,term,count,docs,per_10k,rank\n"), 0);
	assert_int_equal(rh_plot_check_header(terms, "\xef\xbb\xbfgroup,term,count,docs,per_10k,rank\r\n"), 0);
	/* "rank" missing; "per_10" is not "per_10k". */
	assert_int_equal(rh_plot_check_header(terms, "group,term,count,docs,per_10k"), RH_EPARSE);
	assert_int_equal(rh_plot_check_header(terms, "group,term,per_10,rank"), RH_EPARSE);
	assert_int_equal(rh_plot_check_header(rh_plot_count(), "x"), RH_EUSAGE);
}

/* Writes chart `name` with `o` into a string. */
static char *script(const char *name, const rh_plot_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(rh_plot_write(fp, find_chart(name), o), 0);
	fclose(fp);
	return buf;
}

static void test_script_text(void **state)
{
	const char *groups[] = { "China", "it's `x`\nsystem('y')" };
	rh_plot_options o = RH_PLOT_OPTIONS_INIT;
	char *s;

	(void)state;
	s = script("terms", NULL);
	/* Reads the table itself, loads the style, takes fmt from the style. */
	assert_non_null(strstr(s, "rh_table = rh_dir . '../' . 'terms.csv'"));
	assert_non_null(strstr(s, "load rh_dir . 'rhetor.gp'"));
	assert_non_null(strstr(s, "if (!exists(\"top\")) top = 20 "));
	assert_non_null(strstr(s, "array groups = ['']\n"));
	free(s);

	o.top = 7;
	o.groups = groups;
	o.ngroups = 2;
	s = script("terms", &o);
	assert_non_null(strstr(s, " top = 7 "));
	/* The selection is quoted: newline a space, quotes doubled. */
	assert_non_null(strstr(s, "array groups = ['China', 'it''s `x` system(''y'')']\n"));
	/* Only the trends and adoption charts take concepts. */
	assert_null(strstr(s, "array concepts"));
	free(s);
}

/*
 * --concepts reaches the trends and adoption scripts through the quoting
 * function, and the trends script reads its table once whole (the groups)
 * and then from the first to the last row of each group drawn, whatever the
 * table's size; whole again only when none of the groups given is in the
 * table (every group read) or the table has blank lines (gnuplot's blocks).
 */
static void test_concepts_text(void **state)
{
	const char *concepts[] = { "win_win", "a'b\tc" }, *groups[] = { "CHN" };
	rh_plot_options o = RH_PLOT_OPTIONS_INIT;
	const char *p;
	char *s;
	int reads = 0;

	(void)state;
	o.concepts = concepts;
	o.nconcepts = 2;
	o.groups = groups;
	o.ngroups = 1;
	s = script("trends", &o);
	assert_non_null(strstr(s, "array concepts = ['win_win', 'a''b c']\n"));
	assert_non_null(strstr(s, "array groups = ['CHN']\n"));
	for (p = s; (p = strstr(p, " rh_table using")) != NULL; p++) {
		const char *line = p;
		while (line > s && line[-1] != '\n')
			line--;
		reads += strncmp(line, "if (rh_given && rh_gr_nd == 0) {", 32) != 0;
	}
	assert_int_equal(reads, 2);
	assert_non_null(strstr(s, "if (rh_blk == 0 && rh_nj > 0) {\n"
				  "\tdo for [rh_k = 1:rh_nj] { stats rh_table every ::rh_ra[rh_k]::rh_rb[rh_k] using (rh_scan2r(0)) nooutput }\n"
				  "} else {\n\tstats rh_table using (rh_scan2r(0)) nooutput\n}\n"));
	assert_non_null(strstr(s, "if (rh_given && rh_gr_nd == 0) { rh_given = 0; stats rh_table using (rh_scan1(0)) nooutput }\n"));
	free(s);
	s = script("adoption", &o);
	assert_non_null(strstr(s, "array concepts = ['win_win', 'a''b c']\n"));
	assert_non_null(strstr(s, "with steps"));
	free(s);
	s = script("adoption", NULL);
	assert_non_null(strstr(s, "array concepts = ['']\n"));
	free(s);
}

/*
 * The optional trailing group column of a table made with --by, counted by
 * hand: concept_a=1 ... log_likelihood=9, p_value=10, group=11; collocates
 * has 17 required columns, so its group is 18. A `group` among the required
 * columns (terms.csv's first) is not the optional one, and a chart whose table
 * never has one ignores it.
 */
static void test_group_column(void **state)
{
	rh_plot_options o = RH_PLOT_OPTIONS_INIT;
	char *s;

	(void)state;
	o.header = "concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood,p_value,group\r\n";
	s = script("concept_cooc", &o);
	assert_non_null(strstr(s, "\nrh_gcol = 11\n"));
	/* valid() needs a number: the check stays on log_likelihood (9). */
	assert_non_null(strstr(s, "\nrh_last = 9\n"));
	/* A panel per group given: rows of any of them; each panel its own group's. */
	assert_non_null(strstr(s, "rh_ok(x) = rh_gpos(rh_str(rh_gcol)) > 0\n"));
	assert_non_null(strstr(s, "rh_q = rh_gcol > 0 ? rh_gpos(rh_str(rh_gcol)) : 1, rh_gn[rh_q] = rh_gn[rh_q] + 1, rh_keep(rh_q)"));
	assert_non_null(strstr(s, "rh_ki(t) = (rh_i = t >= 1 ? int(t) : 1, t >= 1 && rh_kq[rh_i] == rh_hp)\n"));
	free(s);

	o.header = "\xef\xbb\xbfnode,collocate,o11,e11,f_node,f_collocate,r1,n,mi,mi3,t_score,z_score,"
		   "log_likelihood,p_value,dice,log_dice,delta_p,group";
	s = script("collocates", &o);
	assert_non_null(strstr(s, "\nrh_gcol = 18\n"));
	free(s);

	/* No group column, no header, or a chart without the option: every row. */
	o.header = "concept_a,concept_b,both,a_only,b_only,neither,jaccard,pmi,log_likelihood,p_value\n";
	s = script("concept_cooc", &o);
	assert_non_null(strstr(s, "\nrh_gcol = 0\nrh_ok(x) = 1\n"));
	free(s);
	s = script("concept_cooc", NULL);
	assert_non_null(strstr(s, "\nrh_gcol = 0\n"));
	free(s);
	o.header = "group,term,count,docs,per_10k,rank,group\n";
	s = script("terms", &o);
	assert_non_null(strstr(s, "\nrh_gcol = 0\n"));
	free(s);
}

/* The heatmaps draw the one row per pair (kept in the pass over the table) twice, both triangles, and the diagonal. */
static void test_heatmap_text(void **state)
{
	char *s;

	(void)state;
	s = script("similarity", NULL);
	assert_non_null(strstr(s, "rh_ksz = rh_n * rh_n * rh_ngd + 1\n"));
	assert_non_null(strstr(s, "(rh_km = rh_km + 1, rh_ka[rh_km] = rh_a, rh_kb[rh_km] = rh_b, "));
	assert_non_null(strstr(s, "using (rh_ki(rh_t) ? rh_ka[rh_i] : NaN):(rh_kb[rh_i])"));
	assert_non_null(strstr(s, "using (rh_ki(rh_t) ? rh_kb[rh_i] : NaN):(rh_ka[rh_i])"));
	assert_non_null(strstr(s, "[rh_t = 0:rh_n:1] '+' using (rh_t > 0 ? rh_t : NaN):(rh_t)"));
	/* Colours over the values off the diagonal; the diagonal grey. */
	assert_non_null(strstr(s, "set cbrange [rh_lo:rh_hi]\n"));
	assert_non_null(strstr(s, "(rh_t + 0.5) with boxxyerror fc rgb '#BDBDBD'"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote_plain),
		cmocka_unit_test(test_quote_control),
		cmocka_unit_test(test_quote_utf8),
		cmocka_unit_test(test_quote_cap),
		cmocka_unit_test(test_quote_wellformed),
		cmocka_unit_test(test_charts_and_headers),
		cmocka_unit_test(test_script_text),
		cmocka_unit_test(test_concepts_text),
		cmocka_unit_test(test_group_column),
		cmocka_unit_test(test_heatmap_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
