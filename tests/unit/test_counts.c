/* test_counts.c: the counting pass: per-document counts, groups, windows, KWIC, threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <rhetor.h>

#include "testutil.h"

static char *dir;
static rh_corpus *corpus;
static rh_dict *dict;

/*
 * a.txt: "Win-win cooperation is good. We want win-win cooperation now."
 *   tokens: win-win cooperation is good | we want win-win cooperation now  = 9, 2 sentences
 * b.txt: "Good good good."  tokens 3, types 1, 1 sentence
 * c.txt: "" (empty)
 */
static int setup(void **state)
{
	const char *meta = "doc_id,country\na,CHN\nb,USA\nc,CHN\n";
	const char *dcsv = "concept,pattern\nww,win-win cooperation\ngood,good\n";
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	dir = tu_tmpdir();
	tu_write(dir, "a.txt", "Win-win cooperation is good. We want win-win cooperation now.", -1);
	tu_write(dir, "b.txt", "Good good good.", -1);
	tu_write(dir, "c.txt", "", 0);
	tu_write(dir, "meta.csv", meta, -1);
	char mpath[4200];
	snprintf(mpath, sizeof mpath, "%s/meta.csv", dir);
	co.meta_path = mpath;
	char tdir[4200];
	snprintf(tdir, sizeof tdir, "%s", dir);
	if (rh_corpus_open(&corpus, tdir, &co) != 0)
		return -1;
	if (rh_dict_parse(&dict, dcsv, strlen(dcsv), "d.csv", NULL) != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	rh_dict_free(dict);
	rh_corpus_free(corpus);
	tu_rmrf(dir);
	free(dir);
	return 0;
}

static rh_counts *count(unsigned threads, unsigned window, int within_sentence, unsigned kwic)
{
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	rh_counts *c = NULL;
	o.dict = dict;
	o.group_col = "country";
	o.threads = threads;
	o.window_left = o.window_right = window;
	o.within_sentence = within_sentence;
	o.kwic_context = kwic;
	assert_int_equal(rh_counts_build(&c, corpus, &o), 0);
	return c;
}

static uint64_t term_total(const rh_counts *c, const char *term)
{
	int64_t id = rh_vocab_find(rh_counts_vocab(c), term, strlen(term));
	return id < 0 ? 0 : rh_counts_term_total(c, (uint32_t)id);
}

static void document_counts(void **state)
{
	rh_counts *c = count(1, 0, 0, 0);
	/* meta.csv is not a .txt: three documents a, b, c. */
	assert_int_equal(rh_counts_doc_count(c), 3);
	assert_int_equal(rh_counts_doc(c, 0)->tokens, 9);
	assert_int_equal(rh_counts_doc(c, 0)->types, 7); /* win-win cooperation is good we want now */
	assert_int_equal(rh_counts_doc(c, 0)->sentences, 2);
	assert_int_equal(rh_counts_doc(c, 1)->tokens, 3);
	assert_int_equal(rh_counts_doc(c, 1)->types, 1);
	assert_int_equal(rh_counts_doc(c, 2)->tokens, 0);
	assert_int_equal(rh_counts_tokens(c), 12);
	assert_int_equal(term_total(c, "good"), 4);
	assert_int_equal(rh_counts_term_docs(c, (uint32_t)rh_vocab_find(rh_counts_vocab(c), "good", 4)), 2);
	/* The empty document is kept, with a warning naming it. */
	assert_int_equal(rh_warnings_count(rh_counts_warnings(c)), 1);
	assert_non_null(strstr(rh_warnings_at(rh_counts_warnings(c), 0), "c.txt"));
	rh_counts_free(c);
}

static void groups_from_metadata(void **state)
{
	rh_counts *c = count(1, 0, 0, 0);
	size_t n;
	assert_int_equal(rh_counts_group_count(c), 2);
	assert_string_equal(rh_counts_group_name(c, 0), "CHN");
	assert_string_equal(rh_counts_group_name(c, 1), "USA");
	const uint32_t *docs = rh_counts_group_docs(c, 0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(docs[0], 0);
	assert_int_equal(docs[1], 2);
	assert_int_equal(rh_counts_group_tokens(c, 0), 9);
	assert_int_equal(rh_counts_group_tokens(c, 1), 3);
	rh_counts_free(c);
}

static void matches_in_order(void **state)
{
	rh_counts *c = count(1, 0, 0, 0);
	size_t n;
	const rh_match *m = rh_counts_matches(c, &n);
	/* a: ww@0, good@3, ww@6; b: good@0,1,2 */
	assert_int_equal(n, 6);
	assert_int_equal(m[0].doc, 0);
	assert_int_equal(m[0].token, 0);
	assert_int_equal(m[1].token, 3);
	assert_int_equal(m[2].token, 6);
	assert_int_equal(m[2].sentence, 1);
	assert_int_equal(m[3].doc, 1);
	rh_counts_free(c);
}

static uint32_t o11_of(const rh_counts *c, size_t g, size_t concept, const char *term, uint64_t *r1, uint64_t *f)
{
	const rh_cooc_cell *cells;
	size_t n;
	int64_t id = rh_vocab_find(rh_counts_vocab(c), term, strlen(term));
	assert_int_equal(rh_counts_collocates(c, g, concept, &cells, &n, r1, f), 0);
	for (size_t i = 0; i < n; i++)
		if ((int64_t)cells[i].term == id)
			return cells[i].o11;
	return 0;
}

static void windows_clip_at_document_bounds(void **state)
{
	/*
	 * Window 2 in doc a (tokens 0..8):
	 *   ww@0-1: left none (document start), right is(2) good(3)      -> 2
	 *   ww@6-7: left we(4) want(5), right now(8) (document end)       -> 3
	 * R1 = 5 for ww in CHN; "good" o11 = 1, "is" 1, "now" 1.
	 */
	rh_counts *c = count(1, 2, 0, 0);
	uint64_t r1, f;
	assert_int_equal(o11_of(c, 0, 0, "good", &r1, &f), 1);
	assert_int_equal(r1, 5);
	assert_int_equal(f, 2);
	assert_int_equal(o11_of(c, 0, 0, "now", &r1, &f), 1);
	assert_int_equal(o11_of(c, 0, 0, "want", &r1, &f), 1);
	/* The node's own tokens are never its collocates. */
	assert_int_equal(o11_of(c, 0, 0, "cooperation", &r1, &f), 0);
	assert_int_equal(o11_of(c, 0, 0, "win-win", &r1, &f), 0);
	/*
	 * "good" in b: good good good, window 2. Every token is itself a node,
	 * and a concept's span never includes its own matches (windows of nearby
	 * matches merge, each token counted once): R1 = 0, o11 = 0, f = 3.
	 * In a, good@3: left cooperation(1) is(2), right we(4) want(5): R1 = 4.
	 */
	assert_int_equal(o11_of(c, 1, 1, "good", &r1, &f), 0);
	assert_int_equal(r1, 0);
	assert_int_equal(f, 3);
	assert_int_equal(o11_of(c, 0, 1, "want", &r1, &f), 1);
	assert_int_equal(r1, 4);
	rh_counts_free(c);
}

static void windows_clip_at_sentence_bounds(void **state)
{
	/*
	 * Within sentences, window 2: ww@0 right is good (2); ww@6 left we want,
	 * right now (3): R1 = 5 as before. good@3 (sentence 0): left
	 * cooperation is, right none: R1 = 2.
	 */
	rh_counts *c = count(1, 2, 1, 0);
	uint64_t r1, f;
	assert_int_equal(o11_of(c, 0, 1, "is", &r1, &f), 1);
	assert_int_equal(r1, 2);
	assert_int_equal(o11_of(c, 0, 1, "we", &r1, &f), 0);
	rh_counts_free(c);
}

static void kwic_keeps_original_text(void **state)
{
	rh_counts *c = count(1, 0, 0, 2);
	const char *l, *m, *r;
	assert_int_equal(rh_counts_kwic(c, 2, &l, &m, &r), 0);
	assert_string_equal(l, "We want");
	assert_string_equal(m, "win-win cooperation");
	assert_string_equal(r, "now"); /* context ends with its last token */
	assert_int_equal(rh_counts_kwic(c, 0, &l, &m, &r), 0);
	assert_string_equal(l, "");
	assert_string_equal(m, "Win-win cooperation");
	assert_string_equal(r, "is good");
	rh_counts_free(c);
}

static void same_result_for_any_thread_count(void **state)
{
	rh_counts *a = count(1, 3, 0, 0), *b = count(3, 3, 0, 0);
	const rh_vocab *va = rh_counts_vocab(a), *vb = rh_counts_vocab(b);
	assert_int_equal(rh_vocab_size(va), rh_vocab_size(vb));
	for (uint32_t i = 0; i < rh_vocab_size(va); i++)
		assert_string_equal(rh_vocab_term(va, i, NULL), rh_vocab_term(vb, i, NULL));
	for (size_t d = 0; d < rh_counts_doc_count(a); d++) {
		const uint32_t *ta, *tb, *ca, *cb;
		size_t na, nb;
		rh_counts_doc_terms(a, d, &ta, &ca, &na);
		rh_counts_doc_terms(b, d, &tb, &cb, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(ta, tb, na * sizeof *ta);
		assert_memory_equal(ca, cb, na * sizeof *ca);
	}
	rh_counts_free(a);
	rh_counts_free(b);
}

/* keyness.csv of `c` against the rest, as bytes. */
static char *keyness_bytes(const rh_counts *c, const char *target, const char *reference, int *err)
{
	rh_plan p;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	tu_plan(&p, NULL);
	p.keyness_opts.target = target;
	p.keyness_opts.reference = reference;
	*err = tu_table(rh_keyness_write_keyness, fp, &p, c, NULL, NULL);
	fclose(fp);
	return buf;
}

/*
 * rows_group "USA": only b (USA) keeps its row; the totals still count a,
 * b and c; keyness of USA against the rest reads the same table as from
 * every row; readers of every row refuse, naming the group.
 */
static void rows_of_one_group(void **state)
{
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	rh_counts *part = NULL, *full = count(1, 0, 0, 0);
	const uint32_t *t, *k;
	size_t n;
	int err;
	o.dict = dict;
	o.group_col = "country";
	o.rows_group = "USA";
	assert_int_equal(rh_counts_build(&part, corpus, &o), 0);
	assert_false(rh_counts_has_row(part, 0));
	assert_true(rh_counts_has_row(part, 1));
	assert_false(rh_counts_has_row(part, 2));
	assert_true(rh_counts_has_row(full, 0));
	rh_counts_doc_terms(part, 0, &t, &k, &n);
	assert_int_equal(n, 0);
	rh_counts_doc_terms(part, 1, &t, &k, &n);
	assert_int_equal(n, 1); /* good x 3 */
	assert_int_equal(k[0], 3);
	assert_string_equal(rh_vocab_term(rh_counts_vocab(part), t[0], NULL), "good");
	assert_int_equal(term_total(part, "good"), 4);
	assert_int_equal(term_total(part, "cooperation"), 2);
	assert_int_equal(rh_counts_term_docs(part, (uint32_t)rh_vocab_find(rh_counts_vocab(part), "good", 4)), 2);

	int e1, e2;
	char *a = keyness_bytes(full, "USA", NULL, &e1), *b = keyness_bytes(part, "USA", "rest", &e2);
	assert_int_equal(e1, 0);
	assert_int_equal(e2, 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* CHN's rows, or USA's against CHN, are not kept. */
	free(keyness_bytes(part, "CHN", NULL, &err));
	assert_int_equal(err, RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "'USA'"));
	free(keyness_bytes(part, "USA", "CHN", &err));
	assert_int_equal(err, RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "'USA'"));

	rh_tfidf *tf = NULL;
	assert_int_equal(rh_tfidf_build(&tf, part, NULL), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "'USA'"));
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(rh_countsfile_write(fp, part, NULL), RH_EUSAGE);
	assert_non_null(strstr(rh_error_last(), "counts file"));
	fclose(fp);
	free(buf);
	rh_counts_free(part);
	rh_counts_free(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(document_counts),
		cmocka_unit_test(groups_from_metadata),
		cmocka_unit_test(matches_in_order),
		cmocka_unit_test(windows_clip_at_document_bounds),
		cmocka_unit_test(windows_clip_at_sentence_bounds),
		cmocka_unit_test(kwic_keeps_original_text),
		cmocka_unit_test(same_result_for_any_thread_count),
		cmocka_unit_test(rows_of_one_group),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
