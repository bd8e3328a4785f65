/* test_plan.c: the plan resolved from an analysis, and the list of tables against README.md's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

static rh_analysis *parse(const char *text)
{
	rh_analysis *a = NULL;
	assert_int_equal(rh_analysis_parse(&a, text, strlen(text), "t.ini"), 0);
	return a;
}

/* Every default the schema states reaches the typed plan, and keys given override them. */
static void defaults_and_overrides(void **state)
{
	rh_plan p;
	rh_analysis *a = parse("[corpus]\npath = c\nby = country\nstopwords = en\nmin_count = 3\n"
			       "[phrases]\nfile = d.csv\n[freq]\n[tfidf]\npreset = quanteda\nmin_df = 0.25\n"
			       "[cooc]\nwindow = 4\nwindow_right = 2\nwithin = sentence\n[keyness]\ntarget = CHN\n"
			       "[kwic]\n[trends]\ntime = year\n");
	(void)state;
	assert_int_equal(rh_plan_resolve(&p, a), 0);
	assert_string_equal(p.corpus_path, "c");
	assert_string_equal(p.by, "country");
	assert_string_equal(p.phrases, "d.csv");
	/* A section's stop list and min_count follow [corpus]. */
	assert_true(p.freq.on);
	assert_string_equal(p.freq.stopwords, "en");
	assert_int_equal(p.freq.report.min_count, 3);
	assert_int_equal(p.freq.report.top, 0);
	/* tf-idf: quanteda's preset is raw count, log10(n/df), no normalisation; top 20 by default. */
	assert_int_equal(p.tfidf.report.top, 20);
	assert_int_equal(p.tfidf_opts.scheme.tf, RH_TF_RAW);
	assert_int_equal(p.tfidf_opts.scheme.idf, RH_IDF_PLAIN);
	assert_int_equal(p.tfidf_opts.scheme.norm, RH_NORM_NONE);
	assert_true(p.tfidf_opts.scheme.idf_base == 10);
	assert_true(p.tfidf_opts.min_df == 0.25 && p.tfidf_opts.min_df_fraction);
	assert_true(p.tfidf_opts.max_df == 1.0 && p.tfidf_opts.max_df_fraction);
	/* The pass: window_left follows window, window_right is its own; cooc's within serves kwic. */
	assert_int_equal(p.pass.window_left, 4);
	assert_int_equal(p.pass.window_right, 2);
	assert_int_equal(p.pass.within_sentence, 1);
	assert_int_equal(p.pass.kwic_context, 10);
	assert_string_equal(p.keyness_opts.target, "CHN");
	assert_string_equal(p.keyness_opts.reference, "rest");
	assert_string_equal(p.trends_opts.time_col, "year");
	assert_false(p.plot.on);
	assert_false(p.dispersion);
	rh_analysis_free(a);
}

/* Which tables a plan asks for: section, flag and needs. */
static void wanted_tables(void **state)
{
	rh_plan p;
	rh_analysis *a = parse("[corpus]\npath = c\n[freq]\ndispersion = yes\n[tfidf]\n");
	(void)state;
	assert_int_equal(rh_plan_resolve(&p, a), 0);
	assert_true(rh_tables_wanted(rh_tables_find("documents.csv"), &p));
	assert_true(rh_tables_wanted(rh_tables_find("terms.csv"), &p));
	assert_true(rh_tables_wanted(rh_tables_find("dispersion.csv"), &p));
	assert_true(rh_tables_wanted(rh_tables_find("tfidf.csv"), &p));
	/* No dictionary: no phrase table; no similarity asked for; no keyness section. */
	assert_false(rh_tables_wanted(rh_tables_find("phrases_by_doc.csv"), &p));
	assert_false(rh_tables_wanted(rh_tables_find("similarity.csv"), &p));
	assert_false(rh_tables_wanted(rh_tables_find("keyness.csv"), &p));
	assert_null(rh_tables_find("nothing.csv"));
	rh_analysis_free(a);
}

/* An analysis built in memory is checked as a file is, and names the key at fault. */
static void built_in_memory(void **state)
{
	rh_analysis *a;
	const char *sec, *key;
	(void)state;
	assert_int_equal(rh_analysis_new(&a), 0);
	assert_int_equal(rh_analysis_set(a, "corpus", "path", "c"), 0);
	assert_int_equal(rh_analysis_enable(a, "cooc"), 0);
	assert_int_equal(rh_analysis_check(a, &sec, &key), RH_EUSAGE);
	assert_string_equal(sec, "phrases");
	assert_string_equal(key, "file");
	assert_int_equal(rh_analysis_set(a, "phrases", "file", "d.csv"), 0);
	assert_int_equal(rh_analysis_check(a, &sec, &key), 0);
	assert_int_equal(rh_analysis_enable(a, "trends"), 0);
	assert_int_equal(rh_analysis_check(a, &sec, &key), RH_EUSAGE);
	assert_string_equal(sec, "trends");
	assert_string_equal(key, "time");
	assert_int_equal(rh_analysis_set(a, "corpus", "threads", "4294967297"), RH_EPARSE);
	rh_analysis_free(a);
}

/* Splits "a, b, c" into out[]; returns the count. */
static size_t split_cols(char *s, char **out, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(s, ","); tok && n < max; tok = strtok(NULL, ",")) {
		while (*tok == ' ')
			tok++;
		size_t len = strlen(tok);
		while (len && tok[len - 1] == ' ')
			tok[--len] = '\0';
		out[n++] = tok;
	}
	return n;
}

/*
 * README.md's table of tables lists every table of the program, in the
 * program's order, with the same columns: the README cannot disagree with
 * the list in plan.c.
 */
static void readme_lists_every_table(void **state)
{
	char path[4096], line[2048];
	FILE *fp;
	size_t row = 0;
	(void)state;
	snprintf(path, sizeof path, "%s/README.md", RH_SOURCE_DIR);
	assert_non_null(fp = fopen(path, "r"));
	while (fgets(line, sizeof line, fp)) {
		char *cell[5], *cols[40], *p = line + 1;
		size_t nc = 0, n;
		const rh_table_def *d;
		if (strncmp(line, "| ", 2) || !strstr(line, ".csv |"))
			continue;
		for (char *bar; nc < 5 && (bar = strchr(p, '|')); p = bar + 1) {
			*bar = '\0';
			cell[nc++] = p;
		}
		assert_int_equal(nc, 4);
		while (*cell[0] == ' ')
			cell[0]++;
		cell[0][strcspn(cell[0], " ")] = '\0';
		d = rh_tables_at(row);
		assert_non_null(d);
		assert_string_equal(cell[0], d->name);
		/* An optional last column is written "[, group]". */
		char *opt = strstr(cell[2], "[,");
		if (opt) {
			*opt = '\0';
			opt += 2;
			opt[strcspn(opt, "]")] = '\0';
			while (*opt == ' ')
				opt++;
			assert_non_null(d->optional);
			assert_string_equal(opt, d->optional);
		} else if (d->optional) {
			fail_msg("README.md does not show %s's optional %s column", d->name, d->optional);
		}
		n = split_cols(cell[2], cols, 40);
		/* documents.csv: the metadata columns sit between doc_id and tokens. */
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (!strcmp(cols[i], "metadata..."))
				continue;
			assert_true(k < d->ncolumns);
			assert_string_equal(cols[i], d->columns[k]);
			k++;
		}
		assert_int_equal(k, d->ncolumns);
		row++;
	}
	fclose(fp);
	assert_int_equal(row, rh_tables_count());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_and_overrides),
		cmocka_unit_test(wanted_tables),
		cmocka_unit_test(built_in_memory),
		cmocka_unit_test(readme_lists_every_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
