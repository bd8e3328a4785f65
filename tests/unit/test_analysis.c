/* test_analysis.c: analysis files (schema, defaults, errors with their line, lock round trip) and SHA-256 digests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rhetor/analysis.h"
#include "rhetor/corpus.h"
#include "rhetor/counts.h"

static rh_analysis *parse_ok(const char *text)
{
	rh_analysis *a = NULL;
	int err = rh_analysis_parse(&a, text, strlen(text), "t.ini");
	if (err < 0)
		fprintf(stderr, "unexpected: %s\n", rh_error_last());
	assert_int_equal(err, 0);
	return a;
}

/* Parsing fails with RH_EPARSE and a message that contains `want`. */
static void parse_fails(const char *text, const char *want)
{
	rh_analysis *a = NULL;
	assert_int_equal(rh_analysis_parse(&a, text, strlen(text), "t.ini"), RH_EPARSE);
	assert_null(a);
	if (!strstr(rh_error_last(), want))
		fail_msg("message '%s' lacks '%s'", rh_error_last(), want);
}

static void test_defaults(void **state)
{
	rh_analysis *a = parse_ok("[corpus]\npath = texts\nby = country\nstopwords = en\n"
				  "[phrases]\nfile = d.csv\n[cooc]\nwindow = 3\n[kwic]\nwithin = sentence\n"
				  "[tfidf]\npreset = quanteda\nidf = smooth\n[freq]\nstopwords = none\n");
	(void)state;
	assert_true(rh_analysis_has(a, "cooc"));
	assert_false(rh_analysis_has(a, "keyness"));
	assert_true(rh_analysis_has(a, "output"));
	/* Windows follow cooc.window; within follows the other section. */
	assert_string_equal(rh_analysis_get(a, "cooc", "window_left"), "3");
	assert_int_equal(rh_analysis_count(a, "cooc", "window_right"), 3);
	assert_string_equal(rh_analysis_get(a, "cooc", "within"), "sentence");
	/* quanteda: raw tf, log10(n/df), no normalisation; idf given on its own wins. */
	assert_string_equal(rh_analysis_get(a, "tfidf", "tf"), "raw");
	assert_string_equal(rh_analysis_get(a, "tfidf", "idf"), "smooth");
	assert_string_equal(rh_analysis_get(a, "tfidf", "norm"), "none");
	assert_string_equal(rh_analysis_get(a, "tfidf", "log_base"), "10");
	/* Stop words: a section's own, else [corpus]'s. */
	assert_string_equal(rh_analysis_get(a, "freq", "stopwords"), "none");
	assert_string_equal(rh_analysis_get(a, "cooc", "stopwords"), "en");
	assert_string_equal(rh_analysis_get(a, "tfidf", "top"), "20");
	assert_string_equal(rh_analysis_get(a, "output", "dir"), "out");
	assert_null(rh_analysis_get(a, "kwic", "stopwords"));
	rh_analysis_free(a);
}

static void test_values(void **state)
{
	rh_analysis *a = parse_ok("\xEF\xBB\xBF; a comment\n# another\n[corpus]\n  path = a dir/texts ; where\n"
				  "keep_case = true\nthreads = 007\n[plot]\nformat = png,svg\n"
				  "[tfidf]\nmin_df = 2\nmax_df = 0.9\n");
	(void)state;
	/* Leading white space and a comment after white space are not part of the value. */
	assert_string_equal(rh_analysis_get(a, "corpus", "path"), "a dir/texts");
	assert_true(rh_analysis_flag(a, "corpus", "keep_case"));
	assert_string_equal(rh_analysis_get(a, "corpus", "keep_case"), "yes");
	assert_string_equal(rh_analysis_get(a, "corpus", "threads"), "7");
	assert_string_equal(rh_analysis_get(a, "plot", "format"), "png,svg");
	assert_int_equal(rh_analysis_set(a, "plot", "format", "png,gif"), RH_EPARSE);
	assert_int_equal(rh_analysis_set(a, "plot", "colour", "red"), RH_EUSAGE);
	assert_int_equal(rh_analysis_set(a, "keyness", "target", "CHN"), 0);
	assert_true(rh_analysis_has(a, "keyness"));
	rh_analysis_free(a);
}

static void test_errors(void **state)
{
	(void)state;
	parse_fails("[corpus]\npath = x\n[freq]\ntpo = 5\n", "t.ini:4: unknown key 'tpo' in [freq] (keys: top,");
	parse_fails("[corpus]\npath = x\n\n\n[frq]\n", "t.ini:5: unknown section [frq]");
	parse_fails("[corpus]\npath = x\n[freq]\ntop = -1\n", "t.ini:4: top wants a whole number");
	parse_fails("[corpus]\npath = x\n[freq]\ndispersion = maybe\n", "t.ini:4: dispersion wants yes or no");
	parse_fails("[corpus]\npath = x\n[tfidf]\nmax_df = 1.5\n", "t.ini:4: max_df 1.5: a fraction");
	parse_fails("[corpus]\npath = x\n[tfidf]\nunit = country\n", "t.ini:4: unit wants one of doc|group");
	parse_fails("[corpus]\npath = x\npath = y\n", "t.ini:3: path is given twice in [corpus] (first on line 2)");
	parse_fails("[corpus]\npath = x\nthis line has no equals sign\n", "t.ini:3: neither");
	parse_fails("top = 1\n[corpus]\npath = x\n", "t.ini:1: 'top' comes before any [section]");
	parse_fails("[freq]\ntop = 1\n", "no [corpus] section");
	parse_fails("[corpus]\nby = x\n", "t.ini:1: [corpus] needs path");
	parse_fails("[corpus]\npath = x\n[trends]\ntime = year\n", "t.ini:3: [trends] counts the concepts");
	parse_fails("[corpus]\npath = x\n[phrases]\nfile = d\n[keyness]\ntarget = CHN\n",
		    "t.ini:5: [keyness] compares groups");
	parse_fails("[corpus]\npath = x\n[phrases]\nfile = d\n[cooc]\nwindow = 0\n", "t.ini:5: [cooc] the window is empty");
	/* Only the first problem is reported, so the line is the first one's. */
	parse_fails("[corpus]\npath = x\n[freq]\nbad1 = 1\nbad2 = 2\n", "t.ini:4: unknown key 'bad1'");
	{
		char line[400];
		memset(line, 'x', sizeof line);
		memcpy(line, "[corpus]\npath = ", 16);
		line[sizeof line - 1] = '\0';
		parse_fails(line, "t.ini:2: line longer than");
	}
}

/* Writing then parsing gives the same values; the written form lists every key. */
static void test_round_trip(void **state)
{
	rh_analysis *a = parse_ok("[corpus]\npath = texts\n[phrases]\nfile = d.csv\n[kwic]\n"), *b;
	char *text = NULL, *again = NULL;
	size_t len, len2;
	FILE *fp;
	(void)state;
	assert_int_equal(rh_analysis_record_add(a, "outputs", "terms.csv", "ab"), 0);
	assert_int_equal(rh_analysis_record_add(a, "outputs", "adoption.csv", "cd"), 0);
	assert_int_equal(rh_analysis_record_add(a, "outputs", "terms.csv", "ef"), 0);
	assert_int_equal(rh_analysis_record_add(a, "inputs", "d.csv", "01"), 0);
	assert_int_equal(rh_analysis_record_add(a, "corpus", "x", "1"), RH_EUSAGE);
	fp = open_memstream(&text, &len);
	assert_int_equal(rh_analysis_write(fp, a, "made by a test\nsecond line"), 0);
	fclose(fp);
	assert_non_null(strstr(text, "# made by a test\n# second line\n"));
	assert_non_null(strstr(text, "[kwic]\ncontext = 10\nwithin = doc\n"));
	assert_non_null(strstr(text, "name_pattern =\n"));
	/* Free keys sorted by path, a repeated one replaced. */
	assert_non_null(strstr(text, "[outputs]\nadoption.csv = cd\nterms.csv = ef\n"));
	assert_null(strstr(text, "[freq]"));
	b = parse_ok(text);
	assert_int_equal(rh_analysis_record_count(b, "outputs"), 2);
	fp = open_memstream(&again, &len2);
	assert_int_equal(rh_analysis_write(fp, b, "made by a test\nsecond line"), 0);
	fclose(fp);
	assert_int_equal(len, len2);
	assert_memory_equal(text, again, len);
	/* A value that would not read back is refused. */
	assert_int_equal(rh_analysis_set(a, "corpus", "by", "a ;b"), 0);
	free(again);
	again = NULL;
	fp = open_memstream(&again, &len2);
	assert_int_equal(rh_analysis_write(fp, a, NULL), RH_EUSAGE);
	fclose(fp);
	free(text);
	free(again);
	rh_analysis_free(a);
	rh_analysis_free(b);
}

/* FIPS 180-2, appendix B: the SHA-256 of "abc" and of the 448-bit message. */
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_448 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void test_sha256(void **state)
{
	char hex[RH_SHA256_HEX], path[] = "/tmp/rh_analysis_XXXXXX";
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	int fd;
	(void)state;
	assert_int_equal(rh_analysis_sha256(hex, "abc", 3), 0);
	assert_string_equal(hex, SHA_ABC);
	assert_int_equal(rh_analysis_sha256(hex, m, strlen(m)), 0);
	assert_string_equal(hex, SHA_448);
	assert_int_equal(rh_analysis_sha256(hex, "", 0), 0);
	assert_string_equal(hex, SHA_EMPTY);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, m, strlen(m)), (int)strlen(m));
	close(fd);
	assert_int_equal(rh_analysis_sha256_file(hex, path), 0);
	assert_string_equal(hex, SHA_448);
	{
		/* Many files on several threads: each its own digest, in the order given. */
		char many[40][RH_SHA256_HEX], p2[] = "/tmp/rh_analysis_XXXXXX";
		const char *paths[40];
		assert_true((fd = mkstemp(p2)) >= 0);
		assert_int_equal(write(fd, "abc", 3), 3);
		close(fd);
		for (int i = 0; i < 40; i++)
			paths[i] = i % 2 ? path : p2;
		assert_int_equal(rh_analysis_sha256_files(many, paths, 40, 3), 0);
		for (int i = 0; i < 40; i++)
			assert_string_equal(many[i], i % 2 ? SHA_448 : SHA_ABC);
		/* Two missing: the error names the first of them in that order. */
		paths[3] = "/nonexistent/rh_first";
		paths[31] = "/nonexistent/rh_later";
		assert_int_equal(rh_analysis_sha256_files(many, paths, 40, 2), RH_EIO);
		assert_non_null(strstr(rh_error_last(), "/nonexistent/rh_first"));
		assert_int_equal(rh_analysis_sha256_files(many, paths, 0, 2), 0);
		unlink(p2);
	}
	unlink(path);
	assert_int_equal(rh_analysis_sha256_file(hex, path), RH_EIO);
	assert_non_null(strstr(rh_error_last(), path));
}

/* The manifest: one line per document in doc_id order, the same whatever the threads. */
static void test_manifest(void **state)
{
	char dir[] = "/tmp/rh_manifest_XXXXXX", p[4200];
	rh_corpus *c = NULL;
	char *m1 = NULL, *m2 = NULL;
	size_t l1, l2;
	FILE *fp;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof p, "%s/b.txt", dir);
	assert_non_null(fp = fopen(p, "w"));
	fputs("abc", fp);
	fclose(fp);
	snprintf(p, sizeof p, "%s/a%%1.txt", dir);
	assert_non_null(fp = fopen(p, "w"));
	fclose(fp);
	assert_int_equal(rh_corpus_open(&c, dir, NULL), 0);
	assert_int_equal(rh_analysis_corpus_manifest(&m1, &l1, c, 1), 0);
	assert_int_equal(rh_analysis_corpus_manifest(&m2, &l2, c, 3), 0);
	/* "a%1" sorts before "b"; its % is escaped; the empty file has the empty digest. */
	assert_string_equal(m1, SHA_EMPTY "\ta%251\n" SHA_ABC "\tb\n");
	assert_int_equal(l1, strlen(m1));
	assert_string_equal(m1, m2);
	free(m2);
	/* From the digests a counting pass took as it read (one and two threads), or, without them, read again. */
	for (int digests = 0; digests <= 1; digests++)
		for (unsigned threads = 1; threads <= 2; threads++) {
			rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
			rh_counts *k = NULL;
			o.threads = threads;
			o.digests = digests;
			assert_int_equal(rh_counts_build(&k, c, &o), 0);
			if (digests) {
				char hex[65];
				const unsigned char *md = rh_counts_doc_sha256(k, 1);
				assert_non_null(md);
				for (int i = 0; i < 32; i++)
					snprintf(hex + 2 * i, 3, "%02x", md[i]);
				assert_string_equal(hex, SHA_ABC);
				assert_null(rh_counts_doc_sha256(k, 2));
			} else {
				assert_null(rh_counts_doc_sha256(k, 0));
			}
			assert_int_equal(rh_analysis_counts_manifest(&m2, &l2, k, threads), 0);
			assert_string_equal(m2, m1);
			assert_int_equal(l2, l1);
			free(m2);
			rh_counts_free(k);
		}
	free(m1);
	rh_corpus_free(c);
	snprintf(p, sizeof p, "%s/b.txt", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/a%%1.txt", dir);
	unlink(p);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_manifest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
