/* test_dict.c: dictionary loading and the matching rules of docs/design.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rhetor.h>

#include "testutil.h"

typedef tu_fixture fixture;

/* One document `text`, the dictionary `dict_csv`, counted with `opts`. */
static void build(fixture *f, const char *text, const char *dict_csv, rh_counts_options *opts)
{
	rh_counts_options def = RH_COUNTS_OPTIONS_INIT;
	memset(f, 0, sizeof *f);
	f->dir = tu_tmpdir();
	assert_non_null(f->dir);
	tu_write(f->dir, "d1.txt", text, -1);
	assert_int_equal(rh_corpus_open(&f->corpus, f->dir, NULL), 0);
	assert_int_equal(rh_dict_parse(&f->dict, dict_csv, strlen(dict_csv), "dict.csv", NULL), 0);
	if (!opts)
		opts = &def;
	opts->dict = f->dict;
	assert_int_equal(rh_counts_build(&f->counts, f->corpus, opts), 0);
}

static size_t count_concept(const fixture *f, const char *concept)
{
	size_t n, k = 0;
	const rh_match *m = rh_counts_matches(f->counts, &n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rh_dict_concept(f->dict, m[i].concept), concept))
			k++;
	return k;
}

static void nested_concepts_count_independently(void **state)
{
	fixture f;
	build(&f, "We build a community of shared future for mankind. A shared future matters.",
	      "concept,pattern\ncsf,community of shared future for mankind\nsf,shared future\n", NULL);
	/* csf once; "shared future" inside it and once more on its own. */
	assert_int_equal(count_concept(&f, "csf"), 1);
	assert_int_equal(count_concept(&f, "sf"), 2);
	tu_fixture_free(&f);
}

static void longest_pattern_wins_within_concept(void **state)
{
	fixture f;
	size_t n;
	build(&f, "Win-win cooperation and win-win results, win-win.",
	      "concept,pattern\nww,win-win\nww,win-win cooperation\n", NULL);
	const rh_match *m = rh_counts_matches(f.counts, &n);
	/* Three matches: the first is the longer pattern (2 tokens), not also the shorter. */
	assert_int_equal(n, 3);
	assert_int_equal(m[0].ntokens, 2);
	assert_string_equal(rh_dict_pattern(f.dict, m[0].pattern), "win-win cooperation");
	assert_int_equal(m[1].ntokens, 1);
	assert_int_equal(m[1].token, 3); /* win-win(0) cooperation(1) and(2) win-win(3) */
	tu_fixture_free(&f);
}

static void matches_do_not_overlap_within_concept(void **state)
{
	fixture f;
	/* "a a a" with pattern "a a": matches at 0 only (1 would overlap), then none at 2. */
	build(&f, "a a a", "concept,pattern\nx,a a\n", NULL);
	assert_int_equal(count_concept(&f, "x"), 1);
	tu_fixture_free(&f);
}

static void wildcard_matches_prefix(void **state)
{
	fixture f;
	build(&f, "Cooperation, cooperative, co-operation and cooperate.",
	      "concept,pattern\ncoop,cooperat*\n", NULL);
	/* cooperation, cooperative, cooperate: 3; "co-operation" is one other token. */
	assert_int_equal(count_concept(&f, "coop"), 3);
	tu_fixture_free(&f);
}

static void wildcard_inside_phrase(void **state)
{
	fixture f;
	build(&f, "Mutually beneficial cooperation. Mutually beneficial cooperative ties.",
	      "concept,pattern\nmb,mutually beneficial cooperat*\n", NULL);
	assert_int_equal(count_concept(&f, "mb"), 2);
	tu_fixture_free(&f);
}

static void punctuation_breaks_a_phrase(void **state)
{
	fixture f;
	/* Matches: "Human rights" (white space only, one sentence); not
	 * "human. Rights", "human, rights", "human - rights" or
	 * "human\n\nrights" (a blank line ends a sentence). */
	build(&f, "We defend human. Rights are universal. Human rights! human, rights; "
		  "human - rights; human\n\nrights.",
	      "concept,pattern\nhr,human rights\n", NULL);
	assert_int_equal(count_concept(&f, "hr"), 1);
	tu_fixture_free(&f);
}

static void match_records_byte_span(void **state)
{
	fixture f;
	size_t n;
	const char *text = "Mr. President, \xE2\x80\x9CWin\xE2\x80\x91win cooperation\xE2\x80\x9D is our goal.";
	build(&f, text, "concept,pattern\nww,win-win cooperation\n", NULL);
	const rh_match *m = rh_counts_matches(f.counts, &n);
	assert_int_equal(n, 1);
	/* "Mr. President, " is 15 bytes, the opening quote 3: the match starts at 18. */
	assert_int_equal(m[0].byte_start, 18);
	/* Win(3) U+2011(3) win(3) space(1) cooperation(11) = 21 bytes. */
	assert_int_equal(m[0].byte_end, 18 + 21);
	tu_fixture_free(&f);
}

static void case_folding_and_variants(void **state)
{
	fixture f;
	build(&f, "XI JINPING met Xi Jinping.", "concept,pattern\nxi,xi jinping\n", NULL);
	assert_int_equal(count_concept(&f, "xi"), 2);
	tu_fixture_free(&f);
}

static void expect_parse_error(const char *csv, const char *fragment)
{
	rh_dict *d = NULL;
	assert_int_equal(rh_dict_parse(&d, csv, strlen(csv), "bad.csv", NULL), RH_EPARSE);
	assert_null(d);
	if (!strstr(rh_error_last(), fragment))
		fail_msg("error '%s' lacks '%s'", rh_error_last(), fragment);
}

static void bad_dictionaries(void **state)
{
	expect_parse_error("concept,words\na,b\n", "concept and pattern");
	expect_parse_error("concept,pattern\na,co*op\n", "bad.csv:2");
	expect_parse_error("concept,pattern\na,*op\n", "'*' may only end a word");
	expect_parse_error("concept,pattern\na,x y\na,X  Y\n", "bad.csv:3");
	expect_parse_error("concept,pattern\na,...\n", "no word");
	expect_parse_error("concept,pattern\na,\"x\n", "bad.csv");
}

/* Every bad row in one message, one a line, the first 20 shown and all counted. */
static void every_bad_row_reported(void **state)
{
	char csv[4096] = "concept,pattern\nok,fine\n";
	rh_dict *d = NULL;
	for (int i = 0; i < 24; i++)
		strcat(csv, i % 2 ? "a,*x\n" : ",empty\n");
	strcat(csv, "ok,also fine\n");
	assert_int_equal(rh_dict_parse(&d, csv, strlen(csv), "bad.csv", NULL), RH_EPARSE);
	assert_null(d);
	const char *msg = rh_error_last();
	/* Rows 3..26 are bad; lines 3..22 are shown, 23 on are only counted. */
	for (int line = 3; line <= 22; line++) {
		char want[32];
		snprintf(want, sizeof want, "bad.csv:%d: ", line);
		if (!strstr(msg, want))
			fail_msg("'%s' lacks '%s'", msg, want);
	}
	assert_null(strstr(msg, "bad.csv:23:"));
	assert_non_null(strstr(msg, "\nbad.csv: 24 bad rows, the first 20 shown"));
	/* Longer than the old 1 KB buffer, and whole. */
	assert_true(strlen(msg) > 1024);
	/* Two bad rows: both, and the count. */
	expect_parse_error("concept,pattern\n,x\na,*y\n", "bad.csv:2: empty concept\nbad.csv:3: pattern");
	expect_parse_error("concept,pattern\n,x\na,*y\n", "\nbad.csv: 2 bad rows");
}

/* A word matches every prefix pattern it starts with: more than 16 (the old silent cap). */
static void any_number_of_prefixes(void **state)
{
	const char *word = "internationalisation";
	char csv[4096] = "concept,pattern\n";
	fixture f;
	size_t n = strlen(word);
	for (size_t k = 1; k <= n; k++) {
		char line[64];
		snprintf(line, sizeof line, "c%zu,%.*s*\n", k, (int)k, word);
		strcat(csv, line);
	}
	strcat(csv, "whole,internationalisation\n");
	build(&f, "Internationalisation, internationally.", csv, NULL);
	assert_int_equal(rh_dict_concept_count(f.dict), n + 1);
	/* By hand: "internationally" shares its first 13 bytes ("international") with the word. */
	for (size_t k = 1; k <= n; k++) {
		char name[16];
		snprintf(name, sizeof name, "c%zu", k);
		assert_int_equal(count_concept(&f, name), k <= 13 ? 2 : 1);
	}
	assert_int_equal(count_concept(&f, "whole"), 1);
	tu_fixture_free(&f);
}

/* Concept names reach every table: invalid UTF-8 is warned about and read as U+FFFD. */
static void concept_names_made_valid(void **state)
{
	rh_dict *d;
	const char *csv = "concept,pattern\nw\xffw,win-win\nok,fine\n";
	assert_int_equal(rh_dict_parse(&d, csv, strlen(csv), "d.csv", NULL), 0);
	assert_string_equal(rh_dict_concept(d, 0), "w\xef\xbf\xbdw");
	assert_int_equal(rh_warnings_count(rh_dict_warnings(d)), 1);
	assert_non_null(strstr(rh_warnings_at(rh_dict_warnings(d), 0), "d.csv:2: concept"));
	assert_non_null(strstr(rh_warnings_at(rh_dict_warnings(d), 0), "byte 2"));
	rh_dict_free(d);
}

/*
 * A byte of invalid UTF-8 before a prefix pattern (read as U+FFFD, which
 * separates words) leaves it a prefix: "cooperation" and "cooperate" match
 * it, and "cooperat*" in the same concept is the same pattern again.
 */
static void prefix_after_invalid_utf8(void **state)
{
	fixture f;
	rh_dict *d;
	const char *twice = "concept,pattern\ncoop,\xc8" "cooperat*\ncoop,cooperat*\n";
	build(&f, "Cooperation, cooperate and cooperat.", "concept,pattern\ncoop,\xc8" "cooperat*\n", NULL);
	assert_int_equal(count_concept(&f, "coop"), 3);
	assert_string_equal(rh_dict_pattern(f.dict, 0), "\xef\xbf\xbd" "cooperat*");
	tu_fixture_free(&f);
	assert_int_equal(rh_dict_parse(&d, twice, strlen(twice), "d.csv", NULL), RH_EPARSE);
	assert_non_null(strstr(rh_error_last(), "d.csv:3: pattern 'cooperat*' repeats"));
}

/*
 * A dictionary of 80,000 patterns in 40,000 concepts, half of them
 * prefixes, loads whole. (That loading stays linear, where 200,000
 * patterns once took 99 s, is a figure of make bench: a time is never a
 * test's verdict.)
 */
static void many_patterns_load(void **state)
{
	const int n = 80000;
	size_t len = 0;
	char *csv = malloc((size_t)n * 24 + 32);
	rh_dict *d;
	(void)state;
	assert_non_null(csv);
	len += (size_t)sprintf(csv, "concept,pattern\n");
	for (int i = 0; i < n / 2; i++)
		len += (size_t)sprintf(csv + len, "c%d,w%d human\nc%d,p%d*\n", i, i, i, i);
	assert_int_equal(rh_dict_parse(&d, csv, len, "big.csv", NULL), 0);
	assert_int_equal(rh_dict_pattern_count(d), (size_t)n);
	assert_int_equal(rh_dict_concept_count(d), (size_t)n / 2);
	assert_int_equal(rh_dict_pattern_length(d, 0), 2);
	rh_dict_free(d);
	free(csv);
}

static void annotations_kept(void **state)
{
	rh_dict *d;
	const char *csv = "concept,pattern,family\nww,win-win,china\nhr,human rights,liberal\n";
	assert_int_equal(rh_dict_parse(&d, csv, strlen(csv), "d.csv", NULL), 0);
	assert_int_equal(rh_dict_extra_count(d), 1);
	assert_string_equal(rh_dict_extra_name(d, 0), "family");
	assert_string_equal(rh_dict_extra(d, 1, 0), "liberal");
	assert_int_equal(rh_dict_concept_count(d), 2);
	assert_int_equal(rh_dict_pattern_length(d, 1), 2);
	rh_dict_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nested_concepts_count_independently),
		cmocka_unit_test(longest_pattern_wins_within_concept),
		cmocka_unit_test(matches_do_not_overlap_within_concept),
		cmocka_unit_test(wildcard_matches_prefix),
		cmocka_unit_test(wildcard_inside_phrase),
		cmocka_unit_test(punctuation_breaks_a_phrase),
		cmocka_unit_test(match_records_byte_span),
		cmocka_unit_test(case_folding_and_variants),
		cmocka_unit_test(bad_dictionaries),
		cmocka_unit_test(annotations_kept),
		cmocka_unit_test(every_bad_row_reported),
		cmocka_unit_test(any_number_of_prefixes),
		cmocka_unit_test(concept_names_made_valid),
		cmocka_unit_test(prefix_after_invalid_utf8),
		cmocka_unit_test(many_patterns_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
