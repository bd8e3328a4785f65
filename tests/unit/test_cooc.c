/* test_cooc.c: the collocates, concept co-occurrence and KWIC tables on fixtures worked by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rhetor/cooc.h"
#include "rhetor/kwic.h"
#include "testtable.h"
#include "testutil.h"

typedef int (*writer)(FILE *, const rh_counts *, const rh_report_options *);

static int write_colloc(FILE *fp, const rh_counts *c, const rh_report_options *ro, long min_o11)
{
	rh_plan p;
	tu_plan(&p, ro);
	p.cooc_opts.min_o11 = min_o11;
	return tu_table(rh_cooc_write_collocates, fp, &p, c, NULL, NULL);
}

static char *run_colloc(const rh_counts *c, const rh_report_options *ro, long min_o11)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(write_colloc(fp, c, ro, min_o11), 0);
	fclose(fp);
	return buf;
}

static int write_concepts(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	return tu_write_ro(rh_cooc_write_concept_cooc, fp, c, ro);
}

static int write_colloc_1(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	return write_colloc(fp, c, ro, 1);
}

static int kwic_writer(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	return tu_write_ro(rh_kwic_write_kwic, fp, c, ro);
}

static char *run(writer w, const rh_counts *c, const rh_report_options *ro)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(w(fp, c, ro), 0);
	fclose(fp);
	return buf;
}

/* ---- fixtures ---------------------------------------------------------- */

typedef tu_fixture fixture;

static void fixture_open(fixture *f, const char *const *files, const char *meta, const char *dict,
			 const char *group_col, unsigned wl, unsigned wr, int within_sentence, unsigned kwic)
{
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_text_options to = RH_TEXT_OPTIONS_INIT;
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	char path[4096];
	memset(f, 0, sizeof *f);
	assert_non_null(f->dir = tu_tmpdir());
	for (size_t i = 0; files[i]; i += 2)
		tu_write(f->dir, files[i], files[i + 1], -1);
	if (meta) {
		tu_write(f->dir, "meta.csv", meta, -1);
		snprintf(path, sizeof path, "%s/meta.csv", f->dir);
		co.meta_path = path;
	}
	snprintf(path + 2048, 2048, "%s/texts", f->dir);
	assert_int_equal(rh_corpus_open(&f->corpus, path + 2048, &co), 0);
	assert_int_equal(rh_dict_parse(&f->dict, dict, strlen(dict), "dict.csv", &to), 0);
	o.dict = f->dict;
	o.group_col = group_col;
	o.threads = 2;
	o.window_left = wl;
	o.window_right = wr;
	o.within_sentence = within_sentence;
	o.kwic_context = kwic;
	assert_int_equal(rh_counts_build(&f->counts, f->corpus, &o), 0);
}

/*
 * Three documents, one sentence each (tokens numbered from 0):
 *   a: peace(0) and(1) win-win(2) cooperation(3) bring(4) peace(5) and(6) joy(7)
 *   b: joy(0) win-win(1) cooperation(2)
 *   c: win-win(0) cooperation(1) and(2) win-win(3) cooperation(4) for(5) joy(6)
 * N = 8 + 3 + 7 = 18. Frequencies: peace 2, and 3, win-win 4, cooperation 4,
 * bring 1, joy 3, for 1 (sum 18).
 */
static const char *const three_docs[] = {
	"texts/a.txt", "peace and win-win cooperation bring peace and joy\n",
	"texts/b.txt", "joy win-win cooperation\n",
	"texts/c.txt", "win-win cooperation and win-win cooperation for joy\n",
	NULL
};
static const char three_meta[] = "doc_id,side\na,X\nb,Y\nc,X\n";
static const char ww_peace[] = "concept,pattern\nww,win-win cooperation\npeace,peace\n";

/*
 * Window 2 each side, within documents. Node ww (win-win cooperation):
 *   a [2,4): left peace(0) and(1), right bring(4) peace(5)          -> 4 tokens
 *   b [1,3): left joy(0); right clipped at the document end          -> 1
 *   c [0,2) and [3,5): first: left clipped at the start, right and(2)
 *     win-win(3); second: left cooperation(1) and(2), right for(5) joy(6).
 *     The two windows overlap on and(2) and hold each other's node
 *     tokens; merged and without node tokens: and(2) for(5) joy(6)   -> 3
 *   R1 = 4 + 1 + 3 = 8, f_node = 4; O11: peace 2, and 2, joy 2, bring 1,
 *   for 1 (sum 8 = R1); win-win and cooperation never.
 * Node peace: a@0: left clipped, right and(1) win-win(2); a@5: left
 *   cooperation(3) bring(4), right and(6) joy(7): R1 = 6, f_node = 2;
 *   O11: and 2, win-win 1, cooperation 1, bring 1, joy 1.
 */
static void collocates_by_hand(void **state)
{
	fixture f;
	table t;
	size_t r;
	(void)state;
	fixture_open(&f, three_docs, NULL, ww_peace, NULL, 2, 2, 0, 0);
	table_read(&t, run_colloc(f.counts, NULL, 1));
	assert_int_equal(t.cols, 17); /* ungrouped: no group column */
	assert_string_equal(t.cell[0], "node");
	assert_string_equal(t.cell[16], "delta_p");
	assert_int_equal(t.rows, 10);

	/*
	 * ww with peace: O11 = 2, R1 = 8, C1 = 2, N = 18; O12 = 6, O21 = 0,
	 * O22 = 18 - 8 - 2 + 2 = 10. E11 = 8*2/18 = 8/9, E12 = 8*16/18 = 64/9,
	 * E21 = 10*2/18 = 10/9, E22 = 10*16/18 = 80/9.
	 * MI = log2(2/(8/9)) = log2(2.25) = 1.169925001; MI3 = log2(8/(8/9)) =
	 * log2 9 = 3.169925001; t = (2 - 8/9)/sqrt 2 = (10/9)/1.414213562 =
	 * 0.7856742013; z = (10/9)/sqrt(8/9) = 1.178511302.
	 * G2 = 2*(2 ln 2.25 + 6 ln(54/64) + 0 + 10 ln(90/80))
	 *    = 2*(1.621860432 - 1.019394217 + 1.177830357) = 3.560593144 (> 0:
	 * O11 > E11); p = erfc(sqrt(G2/2)) = 0.0591665936.
	 * Dice = 2*2/(4 + 2) = 2/3; logDice = 14 + log2(2/3) = 13.4150375;
	 * Delta P = 2/8 - 0/(18 - 8) = 0.25.
	 */
	r = find(&t, "node", "ww", "collocate", "peace");
	assert_string_equal(cell(&t, r, "o11"), "2");
	assert_string_equal(cell(&t, r, "f_node"), "4");
	assert_string_equal(cell(&t, r, "f_collocate"), "2");
	assert_string_equal(cell(&t, r, "r1"), "8");
	assert_string_equal(cell(&t, r, "n"), "18");
	near(num(&t, r, "e11"), 8.0 / 9);
	near(num(&t, r, "mi"), 1.1699250014);
	near(num(&t, r, "mi3"), 3.1699250014);
	near(num(&t, r, "t_score"), 0.7856742013);
	near(num(&t, r, "z_score"), 1.178511302);
	near(num(&t, r, "log_likelihood"), 3.5605931364);
	near(num(&t, r, "p_value"), 0.0591665936);
	near(num(&t, r, "dice"), 2.0 / 3);
	near(num(&t, r, "log_dice"), 13.4150374993);
	near(num(&t, r, "delta_p"), 0.25);

	/* ww with and: O11 = 2, C1 = 3, E11 = 8*3/18 = 4/3, MI = log2 1.5 =
	 * 0.5849625007; Dice = 4/(4+3) = 0.5714285714; Delta P = 2/8 - 1/10 = 0.15. */
	r = find(&t, "node", "ww", "collocate", "and");
	assert_string_equal(cell(&t, r, "o11"), "2");
	near(num(&t, r, "e11"), 4.0 / 3);
	near(num(&t, r, "mi"), 0.5849625007);
	near(num(&t, r, "dice"), 4.0 / 7);
	near(num(&t, r, "delta_p"), 0.15);
	/* Merged windows: and(2) of c sits in both windows there, counted once. */
	r = find(&t, "node", "ww", "collocate", "for");
	assert_string_equal(cell(&t, r, "o11"), "1");

	/*
	 * Order: node in dictionary order (ww, then peace), G2 descending, then
	 * collocate. ww: peace 3.561, bring = for 1.696 (same table: O11 1, C1 1),
	 * and = joy 0.721. peace: bring (O11 1, R1 6, C1 1: E11 1/3, G2 2.317),
	 * and (O11 2, C1 3: E11 1, G2 1.698), joy (O11 1, C1 3: E11 = 6*3/18 = 1
	 * = O11, G2 0), then the repelled cooperation = win-win (O11 1, C1 4:
	 * E11 4/3 > 1, G2 -0.1666451888, MI log2(3/4) = -0.4150374993).
	 */
	static const char *const order[][2] = {
		{ "ww", "peace" }, { "ww", "bring" }, { "ww", "for" }, { "ww", "and" }, { "ww", "joy" },
		{ "peace", "bring" }, { "peace", "and" }, { "peace", "joy" }, { "peace", "cooperation" },
		{ "peace", "win-win" },
	};
	for (r = 0; r < 10; r++) {
		assert_string_equal(cell(&t, r, "node"), order[r][0]);
		assert_string_equal(cell(&t, r, "collocate"), order[r][1]);
	}
	r = find(&t, "node", "peace", "collocate", "win-win");
	near(num(&t, r, "log_likelihood"), -0.1666451888);
	near(num(&t, r, "mi"), -0.4150374993);
	assert_string_equal(cell(&t, r, "r1"), "6");
	assert_string_equal(cell(&t, r, "f_node"), "2");
	r = find(&t, "node", "peace", "collocate", "joy");
	near(num(&t, r, "log_likelihood"), 0);
	near(num(&t, r, "p_value"), 1);
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);
}

/* --min-o11, --top and stop words filter rows; the windows stay as they are. */
static void collocates_filters(void **state)
{
	fixture f;
	table t;
	rh_report_options ro = RH_REPORT_OPTIONS_INIT;
	rh_text_options to = RH_TEXT_OPTIONS_INIT;
	rh_vocab *stop;
	(void)state;
	fixture_open(&f, three_docs, NULL, ww_peace, NULL, 2, 2, 0, 0);
	/* O11 >= 2: ww keeps peace, and, joy; peace keeps and. */
	table_read(&t, run_colloc(f.counts, NULL, 2));
	assert_int_equal(t.rows, 4);
	assert_string_equal(cell(&t, 3, "collocate"), "and");
	free(t.cell);
	free(t.buf);
	/* top 1: the first row of each node, every cell as in the whole table
	 * (with --top the p values are computed for the rows kept only). */
	table all;
	table_read(&all, run_colloc(f.counts, NULL, 1));
	ro.top = 1;
	table_read(&t, run_colloc(f.counts, &ro, 1));
	assert_int_equal(t.rows, 2);
	assert_string_equal(cell(&t, 0, "collocate"), "peace");
	assert_string_equal(cell(&t, 1, "collocate"), "bring");
	for (size_t r = 0; r < t.rows; r++) {
		size_t a = find(&all, "node", cell(&t, r, "node"), "collocate", cell(&t, r, "collocate"));
		assert_true(isfinite(num(&t, r, "p_value")) && num(&t, r, "p_value") < 1);
		for (size_t k = 0; k < t.cols; k++)
			assert_string_equal(t.cell[(r + 1) * t.cols + k], all.cell[(a + 1) * all.cols + k]);
	}
	table_free(&all);
	free(t.cell);
	free(t.buf);
	/* Stop word "and": the rows go, r1 (the windows) does not change. */
	assert_int_equal(rh_vocab_load_list(&stop, "and\n", 4, &to), 0);
	ro.top = 0;
	ro.stop = stop;
	table_read(&t, run_colloc(f.counts, &ro, 1));
	assert_int_equal(t.rows, 8);
	for (size_t r = 0; r < t.rows; r++)
		assert_string_not_equal(cell(&t, r, "collocate"), "and");
	assert_string_equal(cell(&t, find(&t, "node", "ww", "collocate", "peace"), "r1"), "8");
	free(t.cell);
	free(t.buf);
	rh_vocab_free(stop);
	tu_fixture_free(&f);
}

/*
 * Grouped by side: X = {a, c}, Y = {b}. N and f(collocate) are the group's.
 * X: N = 8 + 7 = 15, ww R1 = 4 + 3 = 7, f_node 3; joy: O11 1 (c), C1 2
 *   (a, c): E11 = 7*2/15 = 0.9333333333, MI = log2(1/0.9333) = 0.0995356736.
 * Y: N = 3, ww R1 = 1, f_node 1; joy: O11 1, C1 1: Dice = 2*1/(1+1) = 1, so
 *   logDice = 14, the maximum Rychly (2008) gives, reached when node and
 *   collocate always occur together; Delta P = 1/1 - 0/2 = 1; E11 = 1/3,
 *   MI = log2 3 = 1.5849625007.
 */
static void collocates_by_group(void **state)
{
	fixture f;
	table t;
	size_t r;
	(void)state;
	fixture_open(&f, three_docs, three_meta, ww_peace, "side", 2, 2, 0, 0);
	table_read(&t, run_colloc(f.counts, NULL, 1));
	assert_int_equal(t.cols, 18);
	assert_string_equal(t.cell[17], "group"); /* after every required column */
	r = find(&t, "group", "X", "collocate", "joy");
	assert_string_equal(cell(&t, r, "node"), "ww");
	assert_string_equal(cell(&t, r, "n"), "15");
	assert_string_equal(cell(&t, r, "r1"), "7");
	assert_string_equal(cell(&t, r, "f_node"), "3");
	assert_string_equal(cell(&t, r, "f_collocate"), "2");
	near(num(&t, r, "e11"), 7.0 * 2 / 15);
	near(num(&t, r, "mi"), 0.0995356736);
	r = find(&t, "group", "Y", "collocate", "joy");
	assert_string_equal(cell(&t, r, "n"), "3");
	assert_string_equal(cell(&t, r, "r1"), "1");
	near(num(&t, r, "dice"), 1);
	near(num(&t, r, "log_dice"), 14);
	near(num(&t, r, "delta_p"), 1);
	near(num(&t, r, "mi"), 1.5849625007);
	/* Groups in order: every X row before every Y row. */
	assert_string_equal(cell(&t, 0, "group"), "X");
	assert_string_equal(cell(&t, t.rows - 1, "group"), "Y");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);
}

/*
 * Pooled over the groups, a grouped pass gives the ungrouped tables: for ww,
 * R1 = 8, f_node = 4 and N = 18 as worked out above, whatever the grouping.
 */
static int write_pooled(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	rh_plan p;
	tu_plan(&p, ro);
	p.cooc_opts.pooled = 1;
	return tu_table(rh_cooc_write_collocates, fp, &p, c, NULL, NULL);
}

static int write_concepts_pooled(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	rh_plan p;
	tu_plan(&p, ro);
	p.cooc_opts.pooled = 1;
	return tu_table(rh_cooc_write_concept_cooc, fp, &p, c, NULL, NULL);
}

static void pooled_equals_ungrouped(void **state)
{
	fixture g, u;
	table t;
	size_t r;
	(void)state;
	fixture_open(&g, three_docs, three_meta, ww_peace, "side", 2, 2, 0, 0);
	fixture_open(&u, three_docs, three_meta, ww_peace, NULL, 2, 2, 0, 0);
	char *pooled = run(write_pooled, g.counts, NULL), *plain = run(write_colloc_1, u.counts, NULL);
	assert_string_equal(pooled, plain);
	table_read(&t, pooled);
	assert_int_equal(t.cols, 17); /* no group column */
	r = find(&t, "node", "ww", "collocate", "joy");
	assert_string_equal(cell(&t, r, "r1"), "8");
	assert_string_equal(cell(&t, r, "f_node"), "4");
	assert_string_equal(cell(&t, r, "n"), "18");
	assert_string_equal(cell(&t, r, "o11"), "2");
	free(t.cell);
	free(t.buf);
	free(plain);
	pooled = run(write_concepts_pooled, g.counts, NULL);
	plain = run(write_concepts, u.counts, NULL);
	assert_string_equal(pooled, plain);
	free(pooled);
	free(plain);
	tu_fixture_free(&g);
	tu_fixture_free(&u);
}

/*
 * Right-only windows of 1 (adjacent bigrams), and sentences as bounds.
 *   s: "Joy and peace. Win-win cooperation for all. Peace now."
 *   tokens joy(0) and(1) peace(2) | win-win(3) cooperation(4) for(5) all(6) | peace(7) now(8)
 * Window left 0, right 1: ww -> for(5): R1 1; peace@2 -> win-win(3) across
 * the sentence end when within documents (R1 2 with now(8)), nothing there
 * within sentences (R1 1). Window 2 each side within sentences: ww has left
 * nothing (peace(2) is in sentence 0), right for all: R1 = 2; within the
 * document it also has and(1) peace(2): R1 = 4.
 */
static const char *const sentence_doc[] = {
	"texts/s.txt", "Joy and peace. Win-win cooperation for all. Peace now.\n", NULL
};

static void windows_one_sided_and_sentences(void **state)
{
	fixture f;
	table t;
	(void)state;
	fixture_open(&f, sentence_doc, NULL, ww_peace, NULL, 0, 1, 0, 0);
	table_read(&t, run_colloc(f.counts, NULL, 1));
	assert_int_equal(t.rows, 3);
	assert_string_equal(cell(&t, find(&t, "node", "ww", "collocate", "for"), "r1"), "1");
	assert_string_equal(cell(&t, find(&t, "node", "peace", "collocate", "win-win"), "r1"), "2");
	assert_string_equal(cell(&t, find(&t, "node", "peace", "collocate", "now"), "o11"), "1");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);

	fixture_open(&f, sentence_doc, NULL, ww_peace, NULL, 0, 1, 1, 0);
	table_read(&t, run_colloc(f.counts, NULL, 1));
	assert_int_equal(t.rows, 2); /* win-win after peace(2) is in the next sentence */
	assert_string_equal(cell(&t, find(&t, "node", "peace", "collocate", "now"), "r1"), "1");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);

	fixture_open(&f, sentence_doc, NULL, ww_peace, NULL, 2, 2, 1, 0);
	table_read(&t, run_colloc(f.counts, NULL, 1));
	assert_string_equal(cell(&t, find(&t, "node", "ww", "collocate", "all"), "r1"), "2");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);

	fixture_open(&f, sentence_doc, NULL, ww_peace, NULL, 2, 2, 0, 0);
	table_read(&t, run_colloc(f.counts, NULL, 1));
	assert_string_equal(cell(&t, find(&t, "node", "ww", "collocate", "all"), "r1"), "4");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);
}

/*
 * Concepts in documents (dictionary order ww, peace, joy):
 *   d1 "peace and win-win cooperation"  ww, peace
 *   d2 "peace for all"                  peace
 *   d3 "win-win cooperation now"        ww
 *   d4 "joy for all"                    joy
 *   d5 "peace and joy"                  peace, joy
 * ww/peace: both 1 (d1), a_only 1 (d3), b_only 2 (d2, d5), neither 1 (d4).
 *   Jaccard = 1/(1+1+2) = 0.25; PMI = log2(1*5/((1+1)(1+2))) = log2(5/6) =
 *   -0.2630344058. G2: E11 = 2*3/5 = 1.2, E12 = 2*2/5 = 0.8, E21 = 3*3/5 =
 *   1.8, E22 = 3*2/5 = 1.2; 2*(1 ln(1/1.2) + 1 ln(1/0.8) + 2 ln(2/1.8) +
 *   1 ln(1/1.2)) = 2*(-0.1823215568 + 0.2231435513 + 0.2107210313 -
 *   0.1823215568) = 0.1384429381, negative as 1 < E11: -0.1384429381.
 * ww/joy: both 0, a_only 2, b_only 2, neither 1: Jaccard 0, PMI -Inf.
 * peace/joy: both 1 (d5), a_only 2, b_only 1 (d4), neither 1 (d3).
 */
static const char *const concept_docs[] = {
	"texts/d1.txt", "peace and win-win cooperation\n", "texts/d2.txt", "peace for all\n",
	"texts/d3.txt", "win-win cooperation now\n", "texts/d4.txt", "joy for all\n",
	"texts/d5.txt", "peace and joy\n", NULL
};

static void concept_cooc_by_hand(void **state)
{
	fixture f;
	table t;
	static const char dict[] = "concept,pattern\nww,win-win cooperation\npeace,peace\njoy,joy\n";
	(void)state;
	fixture_open(&f, concept_docs, NULL, dict, NULL, 0, 0, 0, 0);
	table_read(&t, run(write_concepts, f.counts, NULL));
	assert_int_equal(t.rows, 3);
	assert_string_equal(t.cell[8], "log_likelihood");
	assert_string_equal(cell(&t, 0, "concept_a"), "ww");
	assert_string_equal(cell(&t, 0, "concept_b"), "peace");
	assert_string_equal(cell(&t, 0, "both"), "1");
	assert_string_equal(cell(&t, 0, "a_only"), "1");
	assert_string_equal(cell(&t, 0, "b_only"), "2");
	assert_string_equal(cell(&t, 0, "neither"), "1");
	near(num(&t, 0, "jaccard"), 0.25);
	near(num(&t, 0, "pmi"), -0.2630344058);
	near(num(&t, 0, "log_likelihood"), -0.1384429381);
	assert_string_equal(cell(&t, 1, "concept_b"), "joy");
	assert_string_equal(cell(&t, 1, "both"), "0");
	assert_string_equal(cell(&t, 1, "a_only"), "2");
	assert_string_equal(cell(&t, 1, "b_only"), "2");
	assert_string_equal(cell(&t, 1, "pmi"), "-Inf");
	assert_string_equal(cell(&t, 2, "concept_a"), "peace");
	assert_string_equal(cell(&t, 2, "both"), "1");
	assert_string_equal(cell(&t, 2, "a_only"), "2");
	assert_string_equal(cell(&t, 2, "b_only"), "1");
	assert_string_equal(cell(&t, 2, "neither"), "1");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);
}

/*
 * Sentences as units: s.txt has 3 sentences; peace in sentences 0 and 2, ww
 * in 1: both 0, a_only (ww) 1, b_only 2, neither 0. As documents (1 unit):
 * both 1, the rest 0.
 */
static void concept_cooc_sentences(void **state)
{
	fixture f;
	table t;
	(void)state;
	fixture_open(&f, sentence_doc, NULL, ww_peace, NULL, 0, 0, 1, 0);
	table_read(&t, run(write_concepts, f.counts, NULL));
	assert_int_equal(t.rows, 1);
	assert_string_equal(cell(&t, 0, "both"), "0");
	assert_string_equal(cell(&t, 0, "a_only"), "1");
	assert_string_equal(cell(&t, 0, "b_only"), "2");
	assert_string_equal(cell(&t, 0, "neither"), "0");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);

	fixture_open(&f, sentence_doc, NULL, ww_peace, NULL, 0, 0, 0, 0);
	table_read(&t, run(write_concepts, f.counts, NULL));
	assert_string_equal(cell(&t, 0, "both"), "1");
	assert_string_equal(cell(&t, 0, "neither"), "0");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);
}

/* Without windows or a dictionary the tables are usage errors, not empty files. */
static void usage_errors(void **state)
{
	fixture f;
	FILE *fp = fopen("/dev/null", "w");
	(void)state;
	fixture_open(&f, three_docs, NULL, ww_peace, NULL, 0, 0, 0, 0);
	assert_int_equal(write_colloc(fp, f.counts, NULL, 1), RH_EUSAGE);
	assert_int_equal(tu_write_ro(rh_kwic_write_kwic, fp, f.counts, NULL), RH_EUSAGE);
	fclose(fp);
	tu_fixture_free(&f);
}

/* KWIC rows: match = the bytes at [byte_start, byte_end) of the file, as written. */
static void kwic_rows(void **state)
{
	static const char *const files[] = {
		"texts/k.txt", "We want Win-win cooperation now. Peace at last.\n", NULL
	};
	fixture f;
	table t;
	(void)state;
	fixture_open(&f, files, NULL, ww_peace, NULL, 0, 0, 0, 2);
	table_read(&t, run(kwic_writer, f.counts, NULL));
	assert_int_equal(t.rows, 2);
	assert_string_equal(cell(&t, 0, "doc_id"), "k");
	assert_string_equal(cell(&t, 0, "concept"), "ww");
	assert_string_equal(cell(&t, 0, "pattern"), "win-win cooperation");
	assert_string_equal(cell(&t, 0, "left"), "We want");
	/* "We want " is 8 bytes, "Win-win cooperation" 19: [8, 27). */
	assert_string_equal(cell(&t, 0, "match"), "Win-win cooperation");
	assert_string_equal(cell(&t, 0, "right"), "now. Peace");
	assert_string_equal(cell(&t, 0, "byte_start"), "8");
	assert_string_equal(cell(&t, 0, "byte_end"), "27");
	/* " now. " follows: Peace is [33, 38), token 5, in the second sentence. */
	assert_string_equal(cell(&t, 1, "concept"), "peace");
	assert_string_equal(cell(&t, 1, "sentence"), "1");
	assert_string_equal(cell(&t, 1, "token_start"), "5");
	assert_string_equal(cell(&t, 1, "match"), "Peace");
	assert_string_equal(cell(&t, 1, "byte_start"), "33");
	assert_string_equal(cell(&t, 1, "byte_end"), "38");
	free(t.cell);
	free(t.buf);
	tu_fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(collocates_by_hand),
		cmocka_unit_test(collocates_filters),
		cmocka_unit_test(collocates_by_group),
		cmocka_unit_test(pooled_equals_ungrouped),
		cmocka_unit_test(windows_one_sided_and_sentences),
		cmocka_unit_test(concept_cooc_by_hand),
		cmocka_unit_test(concept_cooc_sentences),
		cmocka_unit_test(usage_errors),
		cmocka_unit_test(kwic_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
