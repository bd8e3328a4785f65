/* test_keyness.c: the keyness table on a three-group fixture worked by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rhetor/keyness.h"
#include "testtable.h"
#include "testutil.h"

/*
 * Groups by the column "side":
 *   t1 (T): "peace and joy and peace"          peace 2, and 2, joy 1       N = 5
 *   r1 (R): "war and war and joy and peace now" war 2, and 3, joy 1, peace 1, now 1   N = 8
 *   s1 (S): "now and then"                     now 1, and 1, then 1        N = 3
 * Target T against the rest (R + S): N1 = 5, N2 = 11:
 *   peace 2/1, and 2/4, joy 1/1, war 0/2, now 0/2, then 0/1.
 */
static char *dir;
static rh_corpus *corpus;
static rh_dict *dict;
static rh_counts *counts;

static int setup(void **state)
{
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_text_options to = RH_TEXT_OPTIONS_INIT;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	static const char d[] = "concept,pattern\npeace,peace\nwar,war\n";
	char meta[4096], texts[4096];
	(void)state;
	dir = tu_tmpdir();
	tu_write(dir, "texts/t1.txt", "peace and joy and peace\n", -1);
	tu_write(dir, "texts/r1.txt", "war and war and joy and peace now\n", -1);
	tu_write(dir, "texts/s1.txt", "now and then\n", -1);
	tu_write(dir, "meta.csv", "doc_id,side\nt1,T\nr1,R\ns1,S\n", -1);
	snprintf(meta, sizeof meta, "%s/meta.csv", dir);
	snprintf(texts, sizeof texts, "%s/texts", dir);
	co.meta_path = meta;
	if (rh_corpus_open(&corpus, texts, &co) < 0 || rh_dict_parse(&dict, d, strlen(d), "d.csv", &to) < 0)
		return -1;
	o.dict = dict;
	o.group_col = "side";
	return rh_counts_build(&counts, corpus, &o) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	rh_counts_free(counts);
	rh_dict_free(dict);
	rh_corpus_free(corpus);
	tu_rmrf(dir);
	free(dir);
	return 0;
}

static int run(table *t, const rh_report_options *ro, const char *target, const char *ref, int concepts)
{
	rh_plan p;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int err;
	tu_plan(&p, ro);
	p.keyness_opts.target = target;
	p.keyness_opts.reference = ref;
	p.keyness_opts.concepts = concepts;
	err = tu_table(rh_keyness_write_keyness, fp, &p, counts, NULL, NULL);
	fclose(fp);
	if (err == 0)
		table_read(t, buf);
	else
		free(buf);
	return err;
}

static void against_the_rest(void **state)
{
	table t;
	(void)state;
	assert_int_equal(run(&t, NULL, "T", NULL, 0), 0);
	assert_int_equal(t.cols, 13);
	assert_string_equal(t.cell[11], "bic");
	assert_string_equal(t.cell[12], "kind");
	assert_int_equal(t.rows, 6);
	/*
	 * peace: a = 2, b = 1, N1 = 5, N2 = 11, N = 16. Table [2 1; 3 10];
	 * E = [3*5/16 3*11/16; 13*5/16 13*11/16] = [0.9375 2.0625; 4.0625 8.9375].
	 * G2 = 2*(2 ln(2/0.9375) + 1 ln(1/2.0625) + 3 ln(3/4.0625) + 10 ln(10/8.9375))
	 *    = 2*(1.5153714 - 0.7239188 - 0.9095588 + 1.1232918) = 2.0103713 (2/5 > 1/11: +).
	 * p = erfc(sqrt(G2/2)) = 0.1562270814.
	 * chi2 = sum (O-E)^2/E, |O-E| = 1.0625: 1.12890625*(1/0.9375 + 1/2.0625 +
	 *   1/4.0625 + 1/8.9375) = 2.1557109557.
	 * log ratio = log2((2/5)/(1/11)) = log2 4.4 = 2.1375035237;
	 * %DIFF = 100*(0.4 - 0.0909..)/0.0909.. = 340; BIC = 2.0103712739 - ln 16
	 * = 2.0103712739 - 2.7725887222 = -0.7622174484.
	 * Rates: 2/5*1e4 = 4000, 1/11*1e4 = 909.0909091.
	 */
	assert_string_equal(cell(&t, 0, "term"), "peace");
	assert_string_equal(cell(&t, 0, "target_count"), "2");
	assert_string_equal(cell(&t, 0, "reference_count"), "1");
	near(num(&t, 0, "target_per_10k"), 4000);
	near(num(&t, 0, "reference_per_10k"), 1e4 / 11);
	near(num(&t, 0, "log_likelihood"), 2.0103712739);
	near(num(&t, 0, "p_value"), 0.1562270814);
	near(num(&t, 0, "chi2"), 2.1557109557);
	near(num(&t, 0, "log_ratio"), 2.1375035237);
	near(num(&t, 0, "pct_diff"), 340);
	near(num(&t, 0, "bic"), -0.7622174484);
	assert_string_equal(cell(&t, 0, "kind"), "term");
	/*
	 * Signed G2 of the others (same arithmetic): joy (1/1) 0.3506267831,
	 * and (2/4) 0.0193079251, then (0/1) -0.7793389369, now = war (0/2)
	 * -1.6255802729. Order: G2 descending, ties by term: peace, joy, and,
	 * then, now, war.
	 */
	static const char *const order[] = { "peace", "joy", "and", "then", "now", "war" };
	for (size_t r = 0; r < 6; r++)
		assert_string_equal(cell(&t, r, "term"), order[r]);
	near(num(&t, 1, "log_likelihood"), 0.3506267831);
	near(num(&t, 2, "log_likelihood"), 0.0193079251);
	near(num(&t, 3, "log_likelihood"), -0.7793389369);
	near(num(&t, 5, "log_likelihood"), -1.6255802729);
	/* war: a = 0 taken as 0.5 (Hardie 2014): log2((0.5/5)/(2/11)) = log2 0.55
	 * = -0.8624964763; %DIFF = 100*(0 - 2/11)/(2/11) = -100; BIC on |G2|:
	 * 1.6255802729 - 2.7725887222 = -1.1470084493. */
	near(num(&t, 5, "log_ratio"), -0.8624964763);
	near(num(&t, 5, "pct_diff"), -100);
	near(num(&t, 5, "bic"), -1.1470084493);
	/*
	 * Benjamini-Hochberg over the 6 p values, ascending: peace 0.1562270814,
	 * now = war 0.2023154504, then 0.3773433926, joy 0.5537585376, and
	 * 0.8894873207. m*p/rank: 0.9373624885, 0.6069463511, 0.4046309007,
	 * 0.5660150890, 0.6645102452, 0.8894873207; running minimum from the
	 * top: and 0.8894873207, joy 0.6645102452, then 0.5660150890, and
	 * 0.4046309007 for now, war and peace.
	 */
	near(num(&t, 0, "q_value"), 0.4046309007);
	near(num(&t, 1, "q_value"), 0.6645102452);
	near(num(&t, 2, "q_value"), 0.8894873207);
	near(num(&t, 3, "q_value"), 0.5660150890);
	near(num(&t, 4, "q_value"), 0.4046309007);
	near(num(&t, 5, "q_value"), 0.4046309007);
	table_free(&t);
	/* "rest" is spelled out the same. */
	assert_int_equal(run(&t, NULL, "T", "rest", 0), 0);
	assert_int_equal(t.rows, 6);
	near(num(&t, 0, "log_likelihood"), 2.0103712739);
	table_free(&t);
}

/*
 * Against R alone (N2 = 8): "then" (0 and 0) is not a row. peace 2/1:
 * table [2 1; 3 7], N 13, E11 = 3*5/13 = 1.153846, E12 = 3*8/13 = 1.846154,
 * E21 = 10*5/13 = 3.846154, E22 = 10*8/13 = 6.153846; G2 = 2*(2 ln(2/1.153846)
 * + 1 ln(1/1.846154) + 3 ln(3/3.846154) + 7 ln(7/6.153846)) = 2*(1.1000927 -
 * 0.6131045 - 0.7453841 + 0.9018301) = 1.2868684519.
 * war 0/2: -2.1650362563, the last row.
 */
static void against_one_group(void **state)
{
	table t;
	(void)state;
	assert_int_equal(run(&t, NULL, "T", "R", 0), 0);
	assert_int_equal(t.rows, 5);
	assert_string_equal(cell(&t, 0, "term"), "peace");
	near(num(&t, 0, "log_likelihood"), 1.2868684519);
	assert_string_equal(cell(&t, 4, "term"), "war");
	near(num(&t, 4, "log_likelihood"), -2.1650362563);
	near(num(&t, 4, "reference_per_10k"), 2500);
	table_free(&t);
}

/*
 * Concepts (peace 2/1, war 0/2 matches: the same tables as the terms) are
 * rows of kind "concept", after the term on a tie; their q values are their
 * own family of m = 2: p 0.1562270814, 0.2023154504 -> m*p/rank 0.3124541628,
 * 0.2023154504 -> q = 0.2023154504 for both.
 */
static void concepts_too(void **state)
{
	table t;
	(void)state;
	assert_int_equal(run(&t, NULL, "T", NULL, 1), 0);
	assert_int_equal(t.rows, 8);
	assert_string_equal(cell(&t, 0, "term"), "peace");
	assert_string_equal(cell(&t, 0, "kind"), "term");
	assert_string_equal(cell(&t, 1, "term"), "peace");
	assert_string_equal(cell(&t, 1, "kind"), "concept");
	near(num(&t, 1, "log_likelihood"), 2.0103712739);
	near(num(&t, 1, "q_value"), 0.2023154504);
	near(num(&t, 0, "q_value"), 0.4046309007); /* the terms' family is unchanged */
	assert_string_equal(cell(&t, 7, "term"), "war");
	assert_string_equal(cell(&t, 7, "kind"), "concept");
	near(num(&t, 7, "q_value"), 0.2023154504);
	table_free(&t);
}

/*
 * top 1: for each kind the most key and the most under-used row: peace and
 * war (terms), peace and war (concepts). min_count 3 keeps terms with a + b
 * >= 3: peace (3) and "and" (6); their q: m = 2, p 0.1562270814 and
 * 0.8894873207 -> 0.3124541628 and 0.8894873207.
 */
static void top_and_min_count(void **state)
{
	table t;
	rh_report_options ro = RH_REPORT_OPTIONS_INIT;
	(void)state;
	ro.top = 1;
	assert_int_equal(run(&t, &ro, "T", NULL, 1), 0);
	assert_int_equal(t.rows, 4);
	assert_string_equal(cell(&t, 0, "term"), "peace");
	assert_string_equal(cell(&t, 1, "term"), "peace");
	assert_string_equal(cell(&t, 2, "term"), "war");
	assert_string_equal(cell(&t, 2, "kind"), "term");
	assert_string_equal(cell(&t, 3, "kind"), "concept");
	table_free(&t);
	ro.top = 0;
	ro.min_count = 3;
	assert_int_equal(run(&t, &ro, "T", NULL, 0), 0);
	assert_int_equal(t.rows, 2);
	assert_string_equal(cell(&t, 1, "term"), "and");
	near(num(&t, 0, "q_value"), 0.3124541628);
	near(num(&t, 1, "q_value"), 0.8894873207);
	table_free(&t);
}

/* Unknown groups are usage errors whose message lists the groups there are. */
static void unknown_groups(void **state)
{
	table t;
	(void)state;
	assert_int_equal(run(&t, NULL, "CHN", NULL, 0), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "'CHN'"));
	assert_non_null(strstr(rh_error_last(), "R, S, T"));
	assert_int_equal(run(&t, NULL, "T", "USA", 0), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "reference 'USA'"));
	assert_int_equal(run(&t, NULL, "T", "T", 0), RH_EUSAGE);
}

/*
 * A table of 262,244 rows, past the size written in chunks of 32,768 rows on
 * two threads, in nine chunks (the last one this thread's): T holds words
 * t000000..t131121 once each and R words r000000..r131121, so every row of
 * T's words has G2 > 0, every row of R's the same G2 < 0, and the rows are
 * T's words by name, then R's by name, each once, with their counts.
 */
static void chunked_rows_in_order(void **state)
{
	enum { HALF = 131122 };
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	rh_corpus *cp = NULL;
	rh_counts *c = NULL;
	char path[4200], word[16];
	(void)state;
	for (int side = 0; side < 2; side++) {
		char *text = malloc((size_t)HALF * 8 + 1), *p = text;
		for (size_t i = 0; i < HALF; i++)
			p += sprintf(p, "%c%06zu ", side ? 'r' : 't', i);
		tu_write(dir, side ? "big/texts/r.txt" : "big/texts/t.txt", text, (long)(p - text));
		free(text);
	}
	tu_write(dir, "big/meta.csv", "doc_id,side\nt,T\nr,R\n", -1);
	snprintf(path, sizeof path, "%s/big/meta.csv", dir);
	co.meta_path = path;
	char texts[4200];
	snprintf(texts, sizeof texts, "%s/big/texts", dir);
	assert_int_equal(rh_corpus_open(&cp, texts, &co), 0);
	o.group_col = "side";
	o.threads = 2;
	assert_int_equal(rh_counts_build(&c, cp, &o), 0);

	rh_plan pl;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	tu_plan(&pl, NULL);
	pl.keyness_opts.target = "T";
	assert_int_equal(tu_table(rh_keyness_write_keyness, fp, &pl, c, NULL, NULL), 0);
	fclose(fp);
	table t;
	table_read(&t, buf);
	assert_int_equal(t.rows, 2 * HALF);
	for (size_t r = 0; r < t.rows; r++) {
		const int ref = r >= HALF;
		snprintf(word, sizeof word, "%c%06zu", ref ? 'r' : 't', ref ? r - HALF : r);
		assert_string_equal(cell(&t, r, "term"), word);
		assert_string_equal(cell(&t, r, "target_count"), ref ? "0" : "1");
		assert_string_equal(cell(&t, r, "reference_count"), ref ? "1" : "0");
		/* Equal counts, equal cells: the G2 of a row is that of the first of its side. */
		assert_string_equal(cell(&t, r, "log_likelihood"), cell(&t, ref ? HALF : 0, "log_likelihood"));
	}
	assert_true(num(&t, 0, "log_likelihood") > 0 && num(&t, HALF, "log_likelihood") < 0);
	table_free(&t);
	rh_counts_free(c);
	rh_corpus_free(cp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(against_the_rest),
		cmocka_unit_test(against_one_group),
		cmocka_unit_test(concepts_too),
		cmocka_unit_test(top_and_min_count),
		cmocka_unit_test(unknown_groups),
		cmocka_unit_test(chunked_rows_in_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
