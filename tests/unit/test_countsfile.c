/* test_countsfile.c: counts files: written and read back, every table the same; shards merged as one pass; bad files refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <openssl/evp.h>
#include <zstd.h>

#include <rhetor.h>

#include "testutil.h"

static char *dir;
static rh_dict *dict;
static rh_plan plan;
static rh_analysis *analysis;

/*
 * Seven speeches of three countries over three years, so that every shard
 * of up to seven has a document, shards meet terms the ones before them
 * did not, and groups first appear in later shards.
 */
static const char *const texts[7][2] = {
	{ "a1", "Win-win cooperation is good. We want win-win cooperation now." },
	{ "a2", "Good good good. Human rights matter to all of us." },
	{ "b1", "Sovereignty and human rights; \"win-win\" is a slogan. Cooperation, cooperation!" },
	{ "b2", "A shared future for mankind. Zebra quagga okapi. Human rights and sovereignty." },
	{ "c1", "Rights of humans, human rights, rights. Win-win cooperation again and again." },
	{ "c2", "Nothing here but new words: xylophone yodel zither. Good." },
	{ "d1", "Sovereignty, sovereignty, sovereignty. A shared future. Win-win cooperation." },
};
static const char *const meta =
	"doc_id,country,year\n"
	"a1,CHN,2001\na2,CHN,2002\nb1,USA,2001\nb2,USA,2003\nc1,BRA,2002\nc2,BRA,2003\nd1,ARG,2003\n";
static const char *const dcsv =
	"concept,pattern,label\n"
	"ww,win-win cooperation,Win-win\n"
	"rights,human rights,Rights\n"
	"sov,sovereignty,\"Sovereignty, \"\"the\"\" word\"\n"
	"future,shared future*,Future\n"
	"good,good,Good\n";

static rh_corpus *open_corpus(void)
{
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_corpus *c = NULL;
	char mpath[4200], tdir[4200];
	snprintf(mpath, sizeof mpath, "%s/meta.csv", dir);
	snprintf(tdir, sizeof tdir, "%s/texts", dir);
	co.meta_path = mpath;
	assert_int_equal(rh_corpus_open(&c, tdir, &co), 0);
	return c;
}

static int setup(void **state)
{
	const char *sec, *key;
	(void)state;
	dir = tu_tmpdir();
	for (int i = 0; i < 7; i++) {
		char name[64];
		snprintf(name, sizeof name, "texts/%s.txt", texts[i][0]);
		tu_write(dir, name, texts[i][1], -1);
	}
	tu_write(dir, "meta.csv", meta, -1);
	if (rh_dict_parse(&dict, dcsv, strlen(dcsv), "d.csv", NULL) != 0)
		return -1;
	/* Every statistic's section on, as an analysis file asks. */
	if (rh_analysis_new(&analysis) < 0)
		return -1;
	const char *kv[][3] = {
		{ "corpus", "path", "texts" }, { "corpus", "by", "country" }, { "phrases", "file", "d.csv" },
		{ "freq", "dispersion", "yes" }, { "tfidf", "similarity", "yes" }, { "cooc", "window", "3" },
		{ "keyness", "target", "CHN" }, { "kwic", "context", "4" }, { "trends", "time", "year" },
	};
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++)
		if (rh_analysis_enable(analysis, kv[i][0]) < 0 || rh_analysis_set(analysis, kv[i][0], kv[i][1], kv[i][2]) < 0)
			return -1;
	if (rh_analysis_check(analysis, &sec, &key) < 0 || rh_plan_resolve(&plan, analysis) < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rh_analysis_free(analysis);
	rh_dict_free(dict);
	tu_rmrf(dir);
	free(dir);
	return 0;
}

static rh_counts *count(const rh_corpus *c, unsigned window)
{
	rh_counts_options o = plan.pass;
	rh_counts *out = NULL;
	o.dict = dict;
	o.group_col = "country";
	o.threads = 2;
	o.window_left = o.window_right = window;
	o.within_sentence = 0;
	o.kwic_context = 4;
	assert_int_equal(rh_counts_build(&out, c, &o), 0);
	return out;
}

/* Every table the plan asks for, written from `c`, back to back with their names. */
static char *all_tables(const rh_counts *c, size_t *len)
{
	rh_tfidf *tf = NULL;
	rh_trends *tr = NULL;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	assert_non_null(fp);
	assert_int_equal(rh_tfidf_build(&tf, c, &plan.tfidf_opts), 0);
	assert_int_equal(rh_trends_new(&tr, c, &plan.trends_opts), 0);
	rh_results r = { &plan, c, tf, tr, NULL };
	size_t n = 0;
	for (size_t i = 0; i < rh_tables_count(); i++) {
		const rh_table_def *t = rh_tables_at(i);
		if (!rh_tables_wanted(t, &plan))
			continue;
		fprintf(fp, "== %s\n", t->name);
		if (t->write(fp, &r) < 0)
			fail_msg("%s: %s", t->name, rh_error_last());
		n++;
	}
	/* Every table of the list: a loaded file must feed each. */
	assert_true(n >= 15);
	for (size_t i = 0; i < rh_warnings_count(rh_counts_warnings(c)); i++)
		fprintf(fp, "warning: %s\n", rh_warnings_at(rh_counts_warnings(c), i));
	fclose(fp);
	rh_tfidf_free(tf);
	rh_trends_free(tr);
	return buf;
}

static char *path_of(const char *name)
{
	char *p = malloc(4200);
	snprintf(p, 4200, "%s/%s", dir, name);
	return p;
}

static void save(const rh_counts *c, const rh_countsfile_info *info, const char *name)
{
	char *p = path_of(name);
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(rh_countsfile_write(fp, c, info), 0);
	fclose(fp);
	free(p);
}

static char *slurp(const char *name, size_t *len)
{
	char *p = path_of(name), *buf = NULL;
	FILE *fp = fopen(p, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	*len = (size_t)ftell(fp);
	rewind(fp);
	buf = malloc(*len + 1);
	assert_int_equal(fread(buf, 1, *len, fp), *len);
	fclose(fp);
	free(p);
	return buf;
}

static void assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(x, y, la);
	free(x);
	free(y);
}

static void assert_same_tables(const rh_counts *a, const rh_counts *b)
{
	size_t la, lb;
	char *x = all_tables(a, &la), *y = all_tables(b, &lb);
	if (la != lb || memcmp(x, y, la)) {
		/* The first line that differs, for the failure message. */
		size_t i = 0, line = 1;
		while (i < la && i < lb && x[i] == y[i])
			line += x[i++] == '\n';
		fail_msg("tables differ at line %zu: built %.80s / read %.80s", line, x + i, y + i);
	}
	free(x);
	free(y);
}

/* Written, read back: every table the same bytes; written again: the same file. */
static void round_trip(void **state)
{
	(void)state;
	rh_corpus *c = open_corpus();
	rh_counts *built = count(c, 3);
	rh_countsfile *f = NULL;
	rh_countsfile_info info = RH_COUNTSFILE_INFO_INIT;
	info.total_docs = rh_corpus_count(c);
	info.where = "year >= 2001";
	info.corpus = "texts";
	info.dictionary = "d.csv";
	save(built, &info, "all.rhc");
	char *p = path_of("all.rhc");
	if (rh_countsfile_read(&f, p) != 0)
		fail_msg("%s", rh_error_last());
	const rh_counts *read = rh_countsfile_counts(f);
	assert_int_equal(rh_counts_doc_count(read), 7);
	assert_int_equal(rh_counts_group_count(read), 4);
	assert_string_equal(rh_countsfile_info_of(f)->where, "year >= 2001");
	assert_string_equal(rh_counts_opts(read)->group_col, "country");
	assert_int_equal(rh_counts_opts(read)->window_left, 3);
	/* The label column travels with the dictionary, quotes and comma included. */
	assert_string_equal(rh_dict_extra(rh_counts_dict(read), 2, 0), "Sovereignty, \"the\" word");
	assert_same_tables(built, read);
	save(read, rh_countsfile_info_of(f), "again.rhc");
	assert_same_file("all.rhc", "again.rhc");
	/* Its documents have ids and metadata, not text. */
	char *buf = NULL;
	size_t cap = 0, len;
	assert_int_equal(rh_corpus_read(rh_counts_corpus(read), 0, &buf, &cap, &len), RH_EUSAGE);
	free(buf);
	rh_countsfile_free(f);
	rh_counts_free(built);
	rh_corpus_free(c);
	free(p);
}

/* Shard k of n of the corpus, counted and written; its name. */
static void count_shard(unsigned k, unsigned n, unsigned window, const char *name)
{
	rh_corpus *c = open_corpus();
	rh_countsfile_info info = RH_COUNTSFILE_INFO_INIT;
	assert_int_equal(rh_countsfile_shard(c, k, n, &info), 0);
	info.corpus = "texts";
	info.dictionary = "d.csv";
	rh_counts *s = count(c, window);
	save(s, &info, name);
	rh_counts_free(s);
	rh_corpus_free(c);
}

static rh_countsfile *merge(unsigned n, const char *prefix, int expect)
{
	char *paths[16];
	rh_countsfile *m = NULL;
	for (unsigned k = 0; k < n; k++) {
		char name[64];
		/* Given in reverse: merge puts them in order by what they say. */
		snprintf(name, sizeof name, "%s%u.rhc", prefix, n - k);
		paths[k] = path_of(name);
	}
	assert_int_equal(rh_countsfile_merge(&m, (const char *const *)paths, n), expect);
	for (unsigned k = 0; k < n; k++)
		free(paths[k]);
	return m;
}

/* Blocks of 1, 2, 3 and 7 shards merge into the single pass: the same tables and the same file. */
static void shards_merge_as_one(void **state)
{
	(void)state;
	static const unsigned ns[] = { 1, 2, 3, 7 };
	rh_corpus *c = open_corpus();
	rh_countsfile_info info = RH_COUNTSFILE_INFO_INIT;
	assert_int_equal(rh_countsfile_shard(c, 1, 1, &info), 0);
	info.corpus = "texts";
	info.dictionary = "d.csv";
	rh_counts *single = count(c, 3);
	save(single, &info, "single.rhc");
	for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
		char prefix[32];
		size_t seen = 0;
		snprintf(prefix, sizeof prefix, "n%u-", ns[i]);
		for (unsigned k = 1; k <= ns[i]; k++) {
			char name[64];
			snprintf(name, sizeof name, "%s%u.rhc", prefix, k);
			count_shard(k, ns[i], 3, name);
			rh_countsfile *s = NULL;
			char *p = path_of(name);
			assert_int_equal(rh_countsfile_read(&s, p), 0);
			/* Contiguous blocks: each document once, in order. */
			assert_int_equal(rh_countsfile_info_of(s)->first_doc, seen);
			seen += rh_counts_doc_count(rh_countsfile_counts(s));
			rh_countsfile_free(s);
			free(p);
		}
		assert_int_equal(seen, 7);
		rh_countsfile *m = merge(ns[i], prefix, 0);
		assert_same_tables(single, rh_countsfile_counts(m));
		save(rh_countsfile_counts(m), rh_countsfile_info_of(m), "merged.rhc");
		assert_same_file("single.rhc", "merged.rhc");
		rh_countsfile_free(m);
	}
	rh_counts_free(single);
	rh_corpus_free(c);
}

static void expect_message(const char *a, const char *b)
{
	if (!strstr(rh_error_last(), a) || (b && !strstr(rh_error_last(), b)))
		fail_msg("message \"%s\" does not name %s%s%s", rh_error_last(), a, b ? " and " : "", b ? b : "");
}

/* Duplicated, missing, mismatched shards: refused, the message naming the problem and the files. */
static void bad_merges(void **state)
{
	(void)state;
	char *paths[3];
	rh_countsfile *m = NULL;
	count_shard(1, 3, 3, "x1.rhc");
	count_shard(2, 3, 3, "x2.rhc");
	count_shard(3, 3, 3, "x3.rhc");
	count_shard(2, 3, 5, "w2.rhc");
	count_shard(2, 4, 3, "q2.rhc");
	paths[0] = path_of("x1.rhc");
	paths[1] = path_of("x2.rhc");
	paths[2] = path_of("x2.rhc");
	assert_int_equal(rh_countsfile_merge(&m, (const char *const *)paths, 3), RH_EUSAGE);
	expect_message("shard 2/3 is given twice", "x2.rhc");
	assert_int_equal(rh_countsfile_merge(&m, (const char *const *)paths, 2), RH_EUSAGE);
	expect_message("shard 3/3 is missing", NULL);
	free(paths[1]);
	paths[1] = path_of("w2.rhc");
	free(paths[2]);
	paths[2] = path_of("x3.rhc");
	assert_int_equal(rh_countsfile_merge(&m, (const char *const *)paths, 3), RH_EUSAGE);
	expect_message("different settings: window_left", "w2.rhc");
	free(paths[1]);
	paths[1] = path_of("q2.rhc");
	assert_int_equal(rh_countsfile_merge(&m, (const char *const *)paths, 3), RH_EUSAGE);
	expect_message("shards of different countings", "q2.rhc");
	assert_null(m);
	for (int i = 0; i < 3; i++)
		free(paths[i]);
}

static void write_bytes(const char *name, const char *buf, size_t len)
{
	char *p = path_of(name);
	FILE *fp = fopen(p, "wb");
	fwrite(buf, 1, len, fp);
	fclose(fp);
	free(p);
}

static void expect_refused(const char *name, const char *what)
{
	rh_countsfile *f = NULL;
	char *p = path_of(name);
	assert_int_equal(rh_countsfile_read(&f, p), RH_EPARSE);
	assert_null(f);
	expect_message(what, p);
	free(p);
}

/* Truncated, corrupted, foreign and future files: each refused, naming the file and what is wrong. */
static void bad_files(void **state)
{
	(void)state;
	size_t len;
	count_shard(1, 1, 3, "good.rhc");
	char *buf = slurp("good.rhc", &len);
	write_bytes("half.rhc", buf, len / 2);
	expect_refused("half.rhc", "truncated");
	write_bytes("head.rhc", buf, 20);
	expect_refused("head.rhc", "truncated");
	buf[len - 10] ^= 0x20;
	write_bytes("flipped.rhc", buf, len);
	expect_refused("flipped.rhc", "corrupted");
	buf[len - 10] ^= 0x20;
	buf[30] ^= 1; /* the SHA-256 in the header */
	write_bytes("digest.rhc", buf, len);
	expect_refused("digest.rhc", "SHA-256 does not match");
	buf[30] ^= 1;
	buf[8] = 2; /* format version 2 */
	write_bytes("future.rhc", buf, len);
	expect_refused("future.rhc", "format version 2");
	write_bytes("text.rhc", meta, strlen(meta));
	expect_refused("text.rhc", "not a rhetor counts file");
	free(buf);
}

/* good.rhc with the payload given a new header, digest and frame, as rhetor would write it. */
static void rewrap(const char *name, const unsigned char *buf, const unsigned char *pl, size_t n)
{
	enum { HEADER = 56 };
	size_t bound = ZSTD_compressBound(n);
	unsigned char *out = malloc(HEADER + bound);
	unsigned int mdlen = 0;
	memcpy(out, buf, 16); /* magic, version, codec */
	for (int i = 0; i < 8; i++)
		out[16 + i] = (unsigned char)((uint64_t)n >> (8 * i));
	assert_true(EVP_Digest(pl, n, out + 24, &mdlen, EVP_sha256(), NULL) && mdlen == 32);
	size_t z = ZSTD_compress(out + HEADER, bound, pl, n, 1);
	assert_false(ZSTD_isError(z));
	write_bytes(name, (const char *)out, HEADER + z);
	free(out);
}

/*
 * A counts file whose section DICT holds a concept name of invalid UTF-8
 * (rhetor writes names valid) is refused, not read: read and written again,
 * its dictionary would warn where section WARN says nothing, and the file
 * written would not be read back.
 */
static void dict_not_as_written(void **state)
{
	(void)state;
	size_t len;
	count_shard(1, 1, 3, "good.rhc");
	unsigned char *buf = (unsigned char *)slurp("good.rhc", &len);
	uint64_t n = 0;
	for (int i = 0; i < 8; i++)
		n |= (uint64_t)buf[16 + i] << (8 * i);
	unsigned char *pl = malloc(n);
	assert_int_equal(ZSTD_decompress(pl, n, buf + 56, len - 56), n);
	/* The concept "rights" in section DICT, as its length byte and bytes. */
	unsigned char *d = memmem(pl, n, "DICT", 4), *r = d ? memmem(d, n - (size_t)(d - pl), "rights", 6) : NULL;
	assert_non_null(r);
	rewrap("same.rhc", buf, pl, n);
	rh_countsfile *f = NULL;
	char *p = path_of("same.rhc");
	assert_int_equal(rh_countsfile_read(&f, p), 0); /* the re-wrapped payload as it was: read */
	rh_countsfile_free(f);
	free(p);
	r[0] = 0xff;
	rewrap("dict.rhc", buf, pl, n);
	expect_refused("dict.rhc", "section DICT is not as rhetor writes it");
	free(pl);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(shards_merge_as_one),
		cmocka_unit_test(bad_merges),
		cmocka_unit_test(bad_files),
		cmocka_unit_test(dict_not_as_written),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
