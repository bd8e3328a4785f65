/* test_corpus.c: directory, CSV and in-memory corpora, metadata join, name patterns, reading texts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rhetor/corpus.h"
#include "rhetor/select.h"

static char tmpdir[] = "/tmp/rh_corpus_XXXXXX";
static char pathbuf[8][4096];
static int pathslot;

/* tmpdir + "/" + rel, in one of a few rotating static buffers. */
static const char *at(const char *rel)
{
	char *p = pathbuf[pathslot++ % 8];
	snprintf(p, sizeof pathbuf[0], "%s/%s", tmpdir, rel);
	return p;
}

static void mkdirs(const char *rel)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", at(rel));
	for (char *p = tmp + strlen(tmpdir) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			assert_true(mkdir(tmp, 0755) == 0 || errno == EEXIST);
			*p = '/';
		}
	}
	assert_true(mkdir(tmp, 0755) == 0 || errno == EEXIST);
}

/* Writes a file below the scratch directory, making its parent directories. */
static const char *put(const char *rel, const char *text)
{
	char dir[4096];
	const char *slash = strrchr(rel, '/');
	const char *path;
	FILE *f;
	if (slash) {
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - rel), rel);
		mkdirs(dir);
	}
	path = at(rel);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!haystack || !strstr(haystack, needle))
		fail_msg("\"%s\" does not contain \"%s\"", haystack ? haystack : "(null)", needle);
}

static long doc_index(const rh_corpus *c, const char *id)
{
	for (size_t i = 0; i < rh_corpus_count(c); i++)
		if (strcmp(rh_corpus_doc_id(c, i), id) == 0)
			return (long)i;
	return -1;
}

/* The value of column `col` for document `id`, both looked up by name. */
static const char *meta_of(const rh_corpus *c, const char *id, const char *col)
{
	long d = doc_index(c, id), k = rh_corpus_meta_find(c, col);
	if (d < 0)
		fail_msg("no document \"%s\"", id);
	if (k < 0)
		fail_msg("no column \"%s\"", col);
	return rh_corpus_meta(c, (size_t)d, (size_t)k);
}

static void test_directory(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	char *buf = NULL;
	size_t cap = 0, len = 0;
	(void)state;
	put("dir1/sub/b.txt", "bee");
	put("dir1/a.txt", "hello a");
	put("dir1/sub-x/c.txt", "sea");
	put("dir1/sub/notes.md", "not a text");
	put("dir1/sub/upper.TXT", "wrong case");
	put("dir1/.hidden.txt", "hidden");
	put("dir1/.git/x.txt", "hidden directory");
	put("dir1/plain", "no suffix");
	assert_int_equal(rh_corpus_open(&c, at("dir1"), &o), 0);
	/* Byte order: '-' (0x2D) sorts before '/' (0x2F), so "sub-x/c" < "sub/b". */
	assert_int_equal(rh_corpus_count(c), 3);
	assert_string_equal(rh_corpus_doc_id(c, 0), "a");
	assert_string_equal(rh_corpus_doc_id(c, 1), "sub-x/c");
	assert_string_equal(rh_corpus_doc_id(c, 2), "sub/b");
	assert_string_equal(rh_corpus_doc_source(c, 2), at("dir1/sub/b.txt"));
	assert_int_equal(rh_corpus_meta_count(c), 0);
	assert_int_equal(rh_warnings_count(rh_corpus_warnings(c)), 0);
	assert_int_equal(rh_corpus_read(c, 0, &buf, &cap, &len), 0);
	assert_int_equal(len, 7);
	assert_memory_equal(buf, "hello a", 7);
	assert_int_equal(rh_corpus_read(c, 2, &buf, &cap, &len), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(buf, "bee", 3);
	free(buf);
	rh_corpus_free(c);

	/* A trailing slash on the directory changes nothing. */
	assert_int_equal(rh_corpus_open(&c, at("dir1/"), &o), 0);
	assert_int_equal(rh_corpus_count(c), 3);
	assert_string_equal(rh_corpus_doc_id(c, 2), "sub/b");
	rh_corpus_free(c);
}

static void test_links_and_loops(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	(void)state;
	put("dir2/a.txt", "a");
	put("other/far.txt", "far");
	assert_int_equal(symlink(at("dir2/a.txt"), at("dir2/link.txt")), 0);
	assert_int_equal(symlink(at("other"), at("dir2/o")), 0);
	mkdirs("dir2/sub");
	assert_int_equal(symlink("..", at("dir2/sub/up")), 0);
	assert_int_equal(rh_corpus_open(&c, at("dir2"), &o), 0);
	/* a, o/far (a directory link); link.txt is a.txt again (counted once,
	   as a); sub/up loops back to dir2 (read once). */
	assert_int_equal(rh_corpus_count(c), 2);
	assert_string_equal(rh_corpus_doc_id(c, 0), "a");
	assert_string_equal(rh_corpus_doc_id(c, 1), "o/far");
	assert_int_equal(rh_warnings_count(rh_corpus_warnings(c)), 2);
	/* Warnings in walk order: sub/up is met after link.txt. */
	assert_contains(rh_warnings_at(rh_corpus_warnings(c), 0), "sub/up");
	assert_contains(rh_warnings_at(rh_corpus_warnings(c), 1), "link.txt: the same file as");
	rh_corpus_free(c);
}

static void test_missing_directory(void **state)
{
	rh_corpus *c = NULL;
	(void)state;
	assert_int_equal(rh_corpus_open(&c, at("no-such-dir"), NULL), RH_EIO);
	assert_null(c);
	assert_contains(rh_error_last(), at("no-such-dir"));
	if (geteuid() != 0) {
		/* a directory that cannot be listed is an error naming it */
		put("dir3/locked/a.txt", "x");
		assert_int_equal(chmod(at("dir3/locked"), 0), 0);
		assert_int_equal(rh_corpus_open(&c, at("dir3"), NULL), RH_EIO);
		assert_contains(rh_error_last(), at("dir3/locked"));
		assert_int_equal(chmod(at("dir3/locked"), 0755), 0);
	}
}

static void put_meta_dir(void)
{
	put("dir4/a.txt", "a");
	put("dir4/sub/b.txt", "b");
}

static void test_metadata_join(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	(void)state;
	put_meta_dir();
	o.meta_path = put("meta_ok.csv", "doc_id,country,year\nsub/b,USA,2019\na,CHN,2018\n");
	assert_int_equal(rh_corpus_open(&c, at("dir4"), &o), 0);
	assert_int_equal(rh_corpus_meta_count(c), 2);
	assert_string_equal(rh_corpus_meta_name(c, 0), "country");
	assert_string_equal(rh_corpus_meta_name(c, 1), "year");
	assert_int_equal(rh_corpus_meta_find(c, "year"), 1);
	assert_int_equal(rh_corpus_meta_find(c, "Year"), -1);
	assert_int_equal(rh_corpus_meta_find(c, "doc_id"), -1);
	assert_string_equal(rh_corpus_meta(c, 0, 0), "CHN");
	assert_string_equal(rh_corpus_meta(c, 0, 1), "2018");
	assert_string_equal(rh_corpus_meta(c, 1, 0), "USA");
	assert_string_equal(rh_corpus_meta(c, 1, 1), "2019");
	assert_int_equal(rh_warnings_count(rh_corpus_warnings(c)), 0);
	rh_corpus_free(c);

	/* a different id column name */
	o.meta_path = put("meta_key.csv", "file,country\na,CHN\nsub/b,USA\n");
	o.meta_id_col = "file";
	assert_int_equal(rh_corpus_open(&c, at("dir4"), &o), 0);
	assert_int_equal(rh_corpus_meta_count(c), 1);
	assert_string_equal(meta_of(c, "sub/b", "country"), "USA");
	rh_corpus_free(c);
}

static void test_metadata_errors(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	char want[4200];
	(void)state;
	put_meta_dir();
	o.meta_path = put("meta_noid.csv", "id,country\na,CHN\n");
	assert_int_equal(rh_corpus_open(&c, at("dir4"), &o), RH_EPARSE);
	assert_null(c);
	assert_contains(rh_error_last(), o.meta_path);
	assert_contains(rh_error_last(), "\"doc_id\"");
	assert_contains(rh_error_last(), "id, country");

	/* "a" on lines 2 and 4 */
	o.meta_path = put("meta_dup.csv", "doc_id,x\na,1\nsub/b,2\na,3\n");
	assert_int_equal(rh_corpus_open(&c, at("dir4"), &o), RH_EPARSE);
	snprintf(want, sizeof want, "%s:4:", o.meta_path);
	assert_contains(rh_error_last(), want);
	assert_contains(rh_error_last(), "line 2");
	assert_contains(rh_error_last(), "\"a\"");

	/* the quote opened on line 3 is never closed */
	o.meta_path = put("meta_quote.csv", "doc_id,x\na,1\nsub/b,\"open\n");
	assert_int_equal(rh_corpus_open(&c, at("dir4"), &o), RH_EPARSE);
	snprintf(want, sizeof want, "%s:3:", o.meta_path);
	assert_contains(rh_error_last(), want);
}

static void test_metadata_warnings(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	const rh_warnings *w;
	char want[4200];
	(void)state;
	put_meta_dir();
	/* "zzz" on line 3 has no document */
	o.meta_path = put("meta_extra.csv", "doc_id,x\na,1\nzzz,2\nsub/b,3\n");
	assert_int_equal(rh_corpus_open(&c, at("dir4"), &o), 0);
	w = rh_corpus_warnings(c);
	assert_int_equal(rh_warnings_count(w), 1);
	snprintf(want, sizeof want, "%s:3:", o.meta_path);
	assert_contains(rh_warnings_at(w, 0), want);
	assert_contains(rh_warnings_at(w, 0), "zzz");
	assert_int_equal(rh_corpus_count(c), 2);
	assert_string_equal(meta_of(c, "sub/b", "x"), "3");
	rh_corpus_free(c);

	/* "sub/b" has no row: kept, with empty values */
	o.meta_path = put("meta_short.csv", "doc_id,x\na,1\n");
	assert_int_equal(rh_corpus_open(&c, at("dir4"), &o), 0);
	w = rh_corpus_warnings(c);
	assert_int_equal(rh_warnings_count(w), 1);
	assert_contains(rh_warnings_at(w, 0), "sub/b");
	assert_int_equal(rh_corpus_count(c), 2);
	assert_string_equal(meta_of(c, "a", "x"), "1");
	assert_string_equal(meta_of(c, "sub/b", "x"), "");
	rh_corpus_free(c);
}

static void test_name_pattern(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	const rh_warnings *w;
	(void)state;
	put("dir5/CHN_73_2018.txt", "x");
	put("dir5/USA_73_2018.txt", "x");
	put("dir5/old/FRA_1_1946.txt", "x");
	put("dir5/odd.txt", "x");
	o.name_pattern = "{country}_{session}_{year}";
	assert_int_equal(rh_corpus_open(&c, at("dir5"), &o), 0);
	assert_int_equal(rh_corpus_count(c), 4);
	assert_int_equal(rh_corpus_meta_count(c), 3);
	assert_string_equal(rh_corpus_meta_name(c, 0), "country");
	assert_string_equal(rh_corpus_meta_name(c, 1), "session");
	assert_string_equal(rh_corpus_meta_name(c, 2), "year");
	assert_string_equal(meta_of(c, "CHN_73_2018", "country"), "CHN");
	assert_string_equal(meta_of(c, "CHN_73_2018", "session"), "73");
	assert_string_equal(meta_of(c, "CHN_73_2018", "year"), "2018");
	/* the last path component is what the pattern reads */
	assert_string_equal(meta_of(c, "old/FRA_1_1946", "country"), "FRA");
	assert_string_equal(meta_of(c, "old/FRA_1_1946", "year"), "1946");
	assert_string_equal(meta_of(c, "odd", "country"), "");
	w = rh_corpus_warnings(c);
	assert_int_equal(rh_warnings_count(w), 1);
	assert_contains(rh_warnings_at(w, 0), "odd");
	assert_contains(rh_warnings_at(w, 0), "name pattern");
	rh_corpus_free(c);

	/* a literal prefix; "{a}{b}" cannot be split and is an error */
	o.name_pattern = "USA_{session}_{year}";
	assert_int_equal(rh_corpus_open(&c, at("dir5"), &o), 0);
	assert_string_equal(meta_of(c, "USA_73_2018", "session"), "73");
	assert_string_equal(meta_of(c, "CHN_73_2018", "session"), "");
	assert_int_equal(rh_warnings_count(rh_corpus_warnings(c)), 3);
	rh_corpus_free(c);
	o.name_pattern = "{a}{b}";
	assert_int_equal(rh_corpus_open(&c, at("dir5"), &o), RH_EPARSE);
	assert_contains(rh_error_last(), "{a}{b}");
}

static void test_pattern_with_metadata(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	const rh_warnings *w;
	(void)state;
	put("dir6/CHN_73_2018.txt", "x");
	put("dir6/USA_73_2018.txt", "x");
	o.meta_path = put("meta6.csv", "doc_id,country,region\nCHN_73_2018,CHN,Asia\nUSA_73_2018,US,Americas\n");
	o.name_pattern = "{country}_{session}_{year}";
	assert_int_equal(rh_corpus_open(&c, at("dir6"), &o), 0);
	/* the metadata CSV's columns first, then the pattern's new ones */
	assert_int_equal(rh_corpus_meta_count(c), 4);
	assert_string_equal(rh_corpus_meta_name(c, 0), "country");
	assert_string_equal(rh_corpus_meta_name(c, 1), "region");
	assert_string_equal(rh_corpus_meta_name(c, 2), "session");
	assert_string_equal(rh_corpus_meta_name(c, 3), "year");
	/* "US" (metadata) and "USA" (file name) disagree: the metadata value stays */
	assert_string_equal(meta_of(c, "USA_73_2018", "country"), "US");
	assert_string_equal(meta_of(c, "CHN_73_2018", "country"), "CHN");
	assert_string_equal(meta_of(c, "USA_73_2018", "year"), "2018");
	w = rh_corpus_warnings(c);
	assert_int_equal(rh_warnings_count(w), 1);
	assert_contains(rh_warnings_at(w, 0), "USA_73_2018");
	assert_contains(rh_warnings_at(w, 0), "country");
	rh_corpus_free(c);
}

static void test_csv_corpus(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	char *buf = NULL, want[4200];
	size_t cap = 0, len = 0;
	const char *path;
	(void)state;
	/* "b" on line 2, "a" on line 3 */
	path = put("speeches.csv", "doc_id,speaker,text,year\n"
				   "b,Mr X,\"Hello, world\",2001\n"
				   "a,Ms Y,Second text,2002\n");
	assert_int_equal(rh_corpus_open(&c, path, &o), 0);
	assert_int_equal(rh_corpus_count(c), 2);
	assert_string_equal(rh_corpus_doc_id(c, 0), "a");
	assert_string_equal(rh_corpus_doc_id(c, 1), "b");
	snprintf(want, sizeof want, "%s:3", path);
	assert_string_equal(rh_corpus_doc_source(c, 0), want);
	assert_int_equal(rh_corpus_meta_count(c), 2);
	assert_string_equal(rh_corpus_meta_name(c, 0), "speaker");
	assert_string_equal(rh_corpus_meta_name(c, 1), "year");
	assert_string_equal(rh_corpus_meta(c, 0, 0), "Ms Y");
	assert_string_equal(rh_corpus_meta(c, 1, 1), "2001");
	assert_int_equal(rh_corpus_read(c, 1, &buf, &cap, &len), 0);
	assert_int_equal(len, 12);
	assert_memory_equal(buf, "Hello, world", 12);
	rh_corpus_free(c);

	/* other column names, and a metadata CSV after the corpus's own columns */
	o.text_col = "body";
	o.id_col = "key";
	o.meta_path = put("speeches_meta.csv", "doc_id,party\nk1,Green\n");
	path = put("speeches2.csv", "key,body\nk1,one\n");
	assert_int_equal(rh_corpus_open(&c, path, &o), 0);
	assert_string_equal(rh_corpus_doc_id(c, 0), "k1");
	assert_string_equal(meta_of(c, "k1", "party"), "Green");
	assert_int_equal(rh_corpus_read(c, 0, &buf, &cap, &len), 0);
	assert_memory_equal(buf, "one", 3);
	free(buf);
	rh_corpus_free(c);
}

static void test_csv_corpus_row_numbers(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	char csv[1024] = "text,year\n", line[64];
	char *buf = NULL;
	size_t cap = 0, len = 0;
	(void)state;
	for (int i = 1; i <= 12; i++) {
		snprintf(line, sizeof line, "text %d,%d\n", i, 1990 + i);
		strcat(csv, line);
	}
	assert_int_equal(rh_corpus_open(&c, put("rows.csv", csv), &o), 0);
	/* 12 rows: ids are two digits wide, "01" .. "12", so byte order is row order */
	assert_int_equal(rh_corpus_count(c), 12);
	assert_string_equal(rh_corpus_doc_id(c, 0), "01");
	assert_string_equal(rh_corpus_doc_id(c, 9), "10");
	assert_string_equal(rh_corpus_doc_id(c, 11), "12");
	assert_int_equal(rh_corpus_meta_count(c), 1);
	assert_string_equal(rh_corpus_meta(c, 9, 0), "2000");
	assert_int_equal(rh_corpus_read(c, 9, &buf, &cap, &len), 0);
	assert_int_equal(len, 7);
	assert_memory_equal(buf, "text 10", 7);
	free(buf);
	rh_corpus_free(c);
}

static void test_csv_corpus_errors(void **state)
{
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	const char *path;
	char want[4200];
	(void)state;
	/* "x" on lines 2 and 4 */
	path = put("dups.csv", "doc_id,text\nx,one\ny,two\nx,three\n");
	assert_int_equal(rh_corpus_open(&c, path, &o), RH_EPARSE);
	assert_null(c);
	snprintf(want, sizeof want, "%s:4:", path);
	assert_contains(rh_error_last(), want);
	assert_contains(rh_error_last(), "line 2");
	assert_contains(rh_error_last(), "\"x\"");

	path = put("notext.csv", "doc_id,body\nx,one\n");
	assert_int_equal(rh_corpus_open(&c, path, &o), RH_EPARSE);
	assert_contains(rh_error_last(), path);
	assert_contains(rh_error_last(), "\"text\"");
	assert_contains(rh_error_last(), "doc_id, body");
}

static void test_unreadable_file(void **state)
{
	rh_corpus *c = NULL;
	char *buf = NULL;
	size_t cap = 0, len = 0;
	(void)state;
	put("dir7/a.txt", "a");
	put("dir7/b.txt", "b");
	assert_int_equal(symlink(at("dir7/nowhere"), at("dir7/dangling.txt")), 0);
	assert_int_equal(rh_corpus_open(&c, at("dir7"), NULL), 0);
	/* a, b, dangling: a link to nothing is listed and fails on reading */
	assert_int_equal(rh_corpus_count(c), 3);
	assert_string_equal(rh_corpus_doc_id(c, 2), "dangling");
	assert_int_equal(rh_corpus_read(c, 2, &buf, &cap, &len), RH_EIO);
	assert_contains(rh_error_last(), at("dir7/dangling.txt"));
	assert_contains(rh_error_last(), "No such file");

	/* a file removed after the corpus was opened */
	assert_int_equal(unlink(at("dir7/b.txt")), 0);
	assert_int_equal(rh_corpus_read(c, 1, &buf, &cap, &len), RH_EIO);
	assert_contains(rh_error_last(), at("dir7/b.txt"));

	if (geteuid() != 0) {
		/* permissions are enforced for ordinary users only */
		assert_int_equal(chmod(at("dir7/a.txt"), 0), 0);
		assert_int_equal(rh_corpus_read(c, 0, &buf, &cap, &len), RH_EIO);
		assert_contains(rh_error_last(), at("dir7/a.txt"));
		assert_contains(rh_error_last(), "Permission denied");
		assert_int_equal(chmod(at("dir7/a.txt"), 0644), 0);
	}
	free(buf);
	rh_corpus_free(c);
}

static void test_real_un_corpus(void **state)
{
	char base[4096], texts[4200], meta[4200];
	const char *shared = getenv("RH_SHARED");
	rh_corpus *c = NULL;
	rh_corpus_options o = RH_CORPUS_OPTIONS_INIT;
	struct stat st;
	struct timespec t0, t1;
	long doc;
	double secs;
	(void)state;
	if (shared && *shared)
		snprintf(base, sizeof base, "%s/corpora/ungdc", shared);
	else
		snprintf(base, sizeof base, "%s/../shared/corpora/ungdc", RH_SOURCE_DIR);
	snprintf(texts, sizeof texts, "%s/texts", base);
	snprintf(meta, sizeof meta, "%s/metadata.csv", base);
	if (stat(texts, &st) != 0 || stat(meta, &st) != 0) {
		print_message("skipping: the UN General Debate corpus is not at %s\n", base);
		skip();
	}
	o.meta_path = meta;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(rh_corpus_open(&c, texts, &o), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("opened %zu documents with metadata in %.3f s\n", rh_corpus_count(c), secs);
	assert_int_equal(rh_corpus_count(c), 10952);
	assert_int_equal(rh_warnings_count(rh_corpus_warnings(c)), 0);
	assert_true((doc = doc_index(c, "CHN_73_2018")) >= 0);
	assert_string_equal(meta_of(c, "CHN_73_2018", "country"), "CHN");
	for (size_t i = 1; i < rh_corpus_count(c); i++)
		assert_true(strcmp(rh_corpus_doc_id(c, i - 1), rh_corpus_doc_id(c, i)) < 0);
	rh_corpus_free(c);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A corpus from memory: ids sorted, texts copied byte for byte (a NUL inside too), metadata by column. */
static void test_memory_corpus(void **state)
{
	char t2[] = { 'b', '\0', 'c' };
	const char *ids[] = { "z", "a", "m" };
	const char *texts[] = { "last text", t2, NULL };
	const size_t lens[] = { 9, 3, 0 };
	const char *names[] = { "country", "year" };
	const char *values[] = { "CHN", "USA", NULL, "2013", "2001", "1999" };
	char *buf = NULL, bad[] = { 'x', (char)0xff, '\0' };
	size_t cap = 0, len;
	rh_corpus *c = NULL;
	rh_selection *sel = NULL;
	size_t left;
	(void)state;

	char id_z[] = "z", name_c[] = "country", val_chn[] = "CHN";
	ids[0] = id_z;
	names[0] = name_c;
	values[0] = val_chn;
	assert_int_equal(rh_corpus_new(&c, 3, ids, texts, lens, 2, names, values), 0);
	/* Every byte was copied: the caller's strings may change or go. */
	id_z[0] = name_c[0] = val_chn[0] = '?';
	assert_int_equal(rh_corpus_count(c), 3);
	assert_string_equal(rh_corpus_doc_id(c, 0), "a");
	assert_string_equal(rh_corpus_doc_id(c, 1), "m");
	assert_string_equal(rh_corpus_doc_id(c, 2), "z");
	assert_string_equal(rh_corpus_doc_source(c, 0), "row 2");
	assert_int_equal(rh_corpus_meta_count(c), 2);
	assert_string_equal(meta_of(c, "a", "country"), "USA");
	assert_string_equal(meta_of(c, "z", "country"), "CHN");
	assert_string_equal(meta_of(c, "m", "country"), "");
	assert_string_equal(meta_of(c, "m", "year"), "1999");
	assert_int_equal(rh_corpus_read(c, 0, &buf, &cap, &len), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(buf, t2, 3);
	assert_int_equal(rh_corpus_read(c, 1, &buf, &cap, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(rh_corpus_read(c, 2, &buf, &cap, &len), 0);
	assert_string_equal(buf, "last text");
	/* Selections work on it as on a corpus read from files. */
	assert_int_equal(rh_selection_parse(&sel, "year >= 2000"), 0);
	assert_int_equal(rh_corpus_select(c, sel, &left), 0);
	assert_int_equal(left, 1);
	assert_int_equal(rh_corpus_count(c), 2);
	assert_string_equal(rh_corpus_doc_id(c, 1), "z");
	rh_selection_free(sel);
	rh_corpus_free(c);

	/* lens NULL: each text ends at its NUL; invalid UTF-8 in a value is mended with a warning. */
	{
		const char *one_id[] = { "d" }, *one_text[] = { "plain" }, *one_name[] = { "note" };
		const char *one_val[] = { bad };
		assert_int_equal(rh_corpus_new(&c, 1, one_id, one_text, NULL, 1, one_name, one_val), 0);
		assert_int_equal(rh_corpus_read(c, 0, &buf, &cap, &len), 0);
		assert_int_equal(len, 5);
		assert_string_equal(meta_of(c, "d", "note"), "x\xef\xbf\xbd");
		assert_int_equal(rh_warnings_count(rh_corpus_warnings(c)), 1);
		assert_contains(rh_warnings_at(rh_corpus_warnings(c), 0), "row 1");
		rh_corpus_free(c);
	}
	free(buf);
}

static void test_memory_corpus_errors(void **state)
{
	const char *dup[] = { "a", "b", "a" }, *texts[] = { "x", "y", "z" }, *empty[] = { "a", "" };
	const char *names[] = { "k", "k" }, *values[] = { "1", "2", "3", "4", "5", "6" };
	rh_corpus *c = (rh_corpus *)1;
	(void)state;
	assert_int_equal(rh_corpus_new(&c, 3, dup, texts, NULL, 0, NULL, NULL), RH_EUSAGE);
	assert_null(c);
	assert_contains(rh_error_last(), "row 3: doc_id \"a\" given twice (first in row 1)");
	assert_int_equal(rh_corpus_new(&c, 2, empty, texts, NULL, 0, NULL, NULL), RH_EUSAGE);
	assert_contains(rh_error_last(), "row 2: no doc_id");
	{
		const char *ok[] = { "a", "b", "c" };
		assert_int_equal(rh_corpus_new(&c, 3, ok, texts, NULL, 2, names, values), RH_EUSAGE);
		assert_contains(rh_error_last(), "metadata column 'k' given twice");
		assert_null(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_links_and_loops),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_metadata_join),
		cmocka_unit_test(test_metadata_errors),
		cmocka_unit_test(test_metadata_warnings),
		cmocka_unit_test(test_name_pattern),
		cmocka_unit_test(test_pattern_with_metadata),
		cmocka_unit_test(test_csv_corpus),
		cmocka_unit_test(test_csv_corpus_row_numbers),
		cmocka_unit_test(test_csv_corpus_errors),
		cmocka_unit_test(test_unreadable_file),
		cmocka_unit_test(test_real_un_corpus),
		cmocka_unit_test(test_memory_corpus),
		cmocka_unit_test(test_memory_corpus_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
