/* test_run.c: the library's runner on a corpus from memory: selection, groups, trends, tables to memory and through a sink. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rhetor.h>

/*
 * Five speeches. d3 has no country, d5 no year. Counted by hand (tokens
 * are words; case folded; "." is no token):
 *   d1 A 2000  peace and peace        3 tokens: peace 2, and 1
 *   d2 B 2001  peace talks            2 tokens: peace 1, talks 1
 *   d3 - 2001  war                    1 token
 *   d4 A 2002  peace war peace war    4 tokens: peace 2, war 2
 *   d5 B -     talks talks            2 tokens: talks 2
 */
static rh_corpus *speeches(void)
{
	const char *ids[] = { "d1", "d2", "d3", "d4", "d5" };
	const char *texts[] = { "Peace and peace.", "Peace talks.", "War.", "Peace war peace war.", "Talks talks." };
	const char *names[] = { "country", "year" };
	const char *values[] = { "A", "B", "", "A", "B", "2000", "2001", "2001", "2002", "" };
	rh_corpus *c = NULL;
	assert_int_equal(rh_corpus_new(&c, 5, ids, texts, NULL, 2, names, values), 0);
	return c;
}

static rh_analysis *analysis(const char *const *kv)
{
	rh_analysis *a = NULL;
	assert_int_equal(rh_analysis_new(&a), 0);
	assert_int_equal(rh_analysis_set(a, "corpus", "path", "memory"), 0);
	for (; *kv; kv += 3) {
		if (kv[1])
			assert_int_equal(rh_analysis_set(a, kv[0], kv[1], kv[2]), 0);
		else
			assert_int_equal(rh_analysis_enable(a, kv[0]), 0);
	}
	assert_int_equal(rh_analysis_check(a, NULL, NULL), 0);
	return a;
}

static rh_run *start(const rh_analysis *a)
{
	rh_run_options o = RH_RUN_OPTIONS_INIT;
	rh_run *r = NULL;
	o.corpus = speeches();
	o.threads = 2;
	assert_int_equal(rh_run_new(&r, a, &o), 0);
	return r;
}

static char *table(rh_run *r, const char *name)
{
	char *buf = NULL;
	size_t len;
	const rh_table_def *t = rh_tables_find(name);
	assert_non_null(t);
	assert_true(rh_run_wants(r, t));
	assert_int_equal(rh_run_table(r, t, &buf, &len), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static void has_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, prefix, n))
			return;
	fail_msg("no line starting \"%s\" in:\n%s", prefix, text);
}

static void no_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, prefix, n))
			fail_msg("a line starts \"%s\" in:\n%s", prefix, text);
}

/* terms.csv of the analysis `kv`, with the documents left out by the selection and for want of a group. */
static char *terms_of(const char *const *kv, size_t *where, size_t *group)
{
	rh_analysis *a = analysis(kv);
	rh_run *r = start(a);
	char *terms = table(r, "terms.csv");
	rh_run_left_out(r, where, group);
	/* d3 is left out for want of a country: the one warning names it. */
	assert_int_equal(rh_run_warning_count(r), 1);
	assert_non_null(strstr(rh_run_warning_at(r, 0), "d3"));
	rh_run_free(r);
	rh_analysis_free(a);
	return terms;
}

/* Grouped by country: d3 is left out, never pooled; the counts are those above. */
static void test_groups(void **state)
{
	const char *kv[] = { "corpus", "by", "country", "freq", NULL, NULL, NULL };
	size_t where, group;
	char *terms = terms_of(kv, &where, &group);
	(void)state;
	assert_int_equal(where, 0);
	assert_int_equal(group, 1);
	has_line(terms, "group,term,count,docs,per_10k,rank");
	/* A: 7 tokens, peace 4 in 2 documents (4/7 per 10k = 5714.285714). */
	has_line(terms, "A,peace,4,2,5714.285714,1\n");
	has_line(terms, "A,war,2,1,2857.142857,");
	/* B: 4 tokens, talks 3 in 2 documents. */
	has_line(terms, "B,talks,3,2,7500,1\n");
	no_line(terms, "B,war");
	free(terms);
}

/* A selection, then groups: the two counts of documents left out are told apart. */
static void test_where(void **state)
{
	const char *kv[] = { "corpus", "by", "country", "corpus", "where", "year >= 2001", "freq", NULL, NULL, NULL };
	size_t where, group;
	char *terms = terms_of(kv, &where, &group);
	(void)state;
	/* d1 (2000) and d5 (no year) fail the test; d3 then has no country. */
	assert_int_equal(where, 2);
	assert_int_equal(group, 1);
	has_line(terms, "A,peace,2,1,5000,");
	has_line(terms, "B,peace,1,1,5000,");
	no_line(terms, "B,talks,3");
	free(terms);
}

static void test_errors(void **state)
{
	const char *bad_col[] = { "corpus", "where", "yr = 1", "freq", NULL, NULL, NULL };
	const char *none[] = { "corpus", "where", "country = C", "freq", NULL, NULL, NULL };
	const char *bad_by[] = { "corpus", "by", "region", "freq", NULL, NULL, NULL };
	const char *const *cases[] = { bad_col, none, bad_by };
	const int codes[] = { RH_EUSAGE, RH_EPARSE, RH_EUSAGE };
	const char *msgs[] = { "[corpus] where =: no metadata column 'yr' (columns: country, year)",
			       "[corpus] where = country = C leaves no document",
			       "[corpus] by = region: no such metadata column (columns: country, year)" };
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		rh_analysis *a = analysis(cases[i]);
		rh_run *r = start(a);
		char *buf = (char *)1;
		size_t len;
		assert_int_equal(rh_run_open(r), codes[i]);
		assert_string_equal(rh_error_last(), msgs[i]);
		/* A later step says the same, and gives no bytes. */
		assert_int_equal(rh_run_table(r, rh_tables_find("terms.csv"), &buf, &len), codes[i]);
		assert_null(buf);
		rh_run_free(r);
		rh_analysis_free(a);
	}
}

/* Trends over the year, by country, with a dictionary from a file; d5 has no year. */
static void test_trends(void **state)
{
	char dir[] = "/tmp/rh_run_XXXXXX", dict[64];
	FILE *f;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(dict, sizeof dict, "%s/d.csv", dir);
	assert_non_null(f = fopen(dict, "w"));
	fputs("concept,pattern\npeace,peace\n", f);
	assert_int_equal(fclose(f), 0);
	{
		const char *kv[] = { "corpus", "by", "country", "phrases", "file", dict, "trends", "time", "year", NULL };
		rh_analysis *a = analysis(kv);
		rh_run *r = start(a);
		const rh_warnings *u;
		char *trends = table(r, "trends.csv");
		has_line(trends, "group,period,concept,count,docs,tokens,per_10k,");
		/* A in 2000: d1, peace twice in 3 tokens; in 2002: d4, twice in 4. */
		has_line(trends, "A,2000,peace,2,1,3,6666.666667,");
		has_line(trends, "A,2002,peace,2,1,4,5000,");
		has_line(trends, "B,2001,peace,1,1,2,5000,");
		u = rh_run_untimed(r);
		assert_int_equal(rh_warnings_count(u), 1);
		assert_string_equal(rh_warnings_at(u, 0), "d5: no value in the time column 'year'; left out of the trends");
		free(trends);
		rh_run_free(r);
		rh_analysis_free(a);
	}
	unlink(dict);
	rmdir(dir);
}

/* Every table through a sink, on two threads, holds the bytes rh_run_table gives. */
typedef struct {
	pthread_mutex_t lock;
	const char *names[64];
	char *bytes[64];
	size_t n;
} collected;

static int collect(void *ud, const rh_table_def *t, const rh_results *res)
{
	collected *c = ud;
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);
	int err = t->write(fp, res);
	fclose(fp);
	pthread_mutex_lock(&c->lock);
	c->names[c->n] = t->name;
	c->bytes[c->n++] = buf;
	pthread_mutex_unlock(&c->lock);
	return err;
}

static void test_sink(void **state)
{
	const char *kv[] = { "corpus", "by", "country", "freq", "dispersion", "yes", "tfidf", NULL, NULL,
			     "keyness", "target", "A", NULL };
	rh_analysis *a = analysis(kv);
	rh_run *r = start(a);
	collected c = { PTHREAD_MUTEX_INITIALIZER, { 0 }, { 0 }, 0 };
	rh_run_sink sink = { collect, &c };
	size_t wanted = 0;
	(void)state;
	assert_int_equal(rh_run_tables(r, &sink), 0);
	for (size_t i = 0; i < rh_tables_count(); i++) {
		const rh_table_def *t = rh_tables_at(i);
		if (!t->section || !rh_run_wants(r, t))
			continue;
		wanted++;
		for (size_t k = 0; k < c.n; k++)
			if (!strcmp(c.names[k], t->name)) {
				char *mine = table(r, t->name);
				assert_string_equal(c.bytes[k], mine);
				free(mine);
			}
	}
	/* A table the analysis does not ask for is refused, not written from results it lacks. */
	{
		char *buf = (char *)1;
		size_t len;
		assert_int_equal(rh_run_table(r, rh_tables_find("trends.csv"), &buf, &len), RH_EUSAGE);
		assert_null(buf);
		assert_string_equal(rh_error_last(), "trends.csv is not a table of this analysis");
	}
	/* terms, dispersion, tfidf, keyness: each once. */
	assert_int_equal(wanted, 4);
	assert_int_equal(c.n, 4);
	for (size_t k = 0; k < c.n; k++)
		free(c.bytes[k]);
	rh_run_free(r);
	rh_analysis_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_trends),
		cmocka_unit_test(test_sink),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
