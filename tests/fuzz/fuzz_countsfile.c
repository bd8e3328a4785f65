/*
 * fuzz_countsfile.c: reading counts files (docs/counts-format.md). The first
 * byte picks what the rest is:
 *   mode 0: a whole file, read as it is: refused with a message or read;
 *   mode 1: a payload, given a valid header, zstd frame and SHA-256 so the
 *           reader reaches its sections: refused with a message or read;
 *   mode 2: a dictionary and documents ("\n%%\n" between parts), counted,
 *           written, read back: the counts read equal the counts built;
 *   mode 3: the same documents counted in two shards and merged: the
 *           merged file is the very file of one pass.
 * Whatever a file read holds, writing it and reading that again gives the
 * same bytes (a counts file is a fixed point of read and write); a file as
 * written, read and written again is those very bytes.
 */
#include <openssl/evp.h>
#include <zstd.h>

#include "fuzz_match.h"

#include "rhetor/countsfile.h"

static const char fallback[] = "concept,pattern,family\n"
			       "win,win-win,china\nwin,win win cooperation,china\ncoop,cooperat*,\n"
			       "future,shared future,china\nrights,human rights,liberal\n";

typedef struct {
	char *p;
	size_t n;
} bytes;

static char *scratch(const char *name)
{
	static char path[4][160];
	static unsigned k;
	char *p = path[k++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", fuzz_scratch(), name);
	return p;
}

/* The counts file of `c` (with `info`, or a whole corpus's) as bytes. */
static bytes write_bytes(const rh_counts *c, const rh_countsfile_info *info)
{
	bytes b = { NULL, 0 };
	FILE *fp = open_memstream(&b.p, &b.n);
	CHECK(fp != NULL, "open_memstream");
	CHECK(rh_countsfile_write(fp, c, info) == 0, "%s", rh_error_last());
	CHECK(fclose(fp) == 0, "fclose");
	return b;
}

/* Reads `path`; NULL when refused, and then with a message naming the file. */
static rh_countsfile *read_file(const char *path, int must)
{
	rh_countsfile *f = NULL;
	int err = rh_countsfile_read(&f, path);
	if (must)
		CHECK(err == 0, "%s", rh_error_last());
	if (err < 0) {
		CHECK(err == RH_EPARSE || err == RH_EIO || err == RH_ENOMEM, "error %d", err);
		CHECK(strstr(rh_error_last(), path) != NULL, "the message names no file: %s", rh_error_last());
		return NULL;
	}
	return f;
}

/* What `f` holds, written again: the bytes `a` it was read from. */
static void written_again(const rh_countsfile *f, const bytes *a)
{
	bytes b = write_bytes(rh_countsfile_counts(f), rh_countsfile_info_of(f));
	CHECK(a->n == b.n && !memcmp(a->p, b.p, a->n), "written, read and written again: %zu bytes, then %zu", a->n, b.n);
	free(b.p);
}

/* Writes what `f` holds, reads that back, writes again: the same bytes. */
static void fixed_point(const rh_countsfile *f)
{
	bytes a = write_bytes(rh_countsfile_counts(f), rh_countsfile_info_of(f));
	const char *path = scratch("again.rhc");
	fuzz_write_file(path, a.p, a.n);
	rh_countsfile *g = read_file(path, 1);
	written_again(g, &a);
	rh_countsfile_free(g);
	free(a.p);
}

/* A file of `payload` with a header, frame and digest a reader accepts. */
static bytes wrap(const char *payload, size_t n)
{
	static const unsigned char magic[8] = { 0x89, 'R', 'H', 'C', '\r', '\n', 0x1a, '\n' };
	size_t bound = ZSTD_compressBound(n);
	bytes b = { malloc(56 + bound), 0 };
	unsigned int mdlen = 0;
	CHECK(b.p != NULL, "malloc");
	memcpy(b.p, magic, 8);
	for (int i = 0; i < 4; i++) {
		b.p[8 + i] = (char)(i == 0);  /* version 1 */
		b.p[12 + i] = (char)(i == 0); /* zstd */
	}
	for (int i = 0; i < 8; i++)
		b.p[16 + i] = (char)((uint64_t)n >> (8 * i));
	CHECK(EVP_Digest(payload, n, (unsigned char *)b.p + 24, &mdlen, EVP_sha256(), NULL) && mdlen == 32, "sha256");
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	CHECK(cc != NULL, "zstd");
	ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	size_t z = ZSTD_compress2(cc, b.p + 56, bound, payload, n);
	CHECK(!ZSTD_isError(z), "%s", ZSTD_getErrorName(z));
	ZSTD_freeCCtx(cc);
	b.n = 56 + z;
	return b;
}

/* Counts read from a file equal the counts built, term by term and match by match. */
static void same_counts(const rh_counts *a, const rh_counts *b)
{
	const rh_vocab *va = rh_counts_vocab(a), *vb = rh_counts_vocab(b);
	size_t nd = rh_counts_doc_count(a), na, nb;
	CHECK(rh_counts_doc_count(b) == nd && rh_counts_tokens(a) == rh_counts_tokens(b), "documents or tokens");
	CHECK(rh_vocab_size(va) == rh_vocab_size(vb), "%zu terms read, %zu counted", rh_vocab_size(vb), rh_vocab_size(va));
	for (uint32_t t = 0; t < rh_vocab_size(va); t++) {
		size_t la, lb;
		const char *sa = rh_vocab_term(va, t, &la), *sb = rh_vocab_term(vb, t, &lb);
		CHECK(la == lb && !memcmp(sa, sb, la), "term %u", t);
		CHECK(rh_counts_term_total(a, t) == rh_counts_term_total(b, t) &&
			      rh_counts_term_docs(a, t) == rh_counts_term_docs(b, t),
		      "term %u: totals", t);
	}
	for (size_t d = 0; d < nd; d++) {
		const rh_doc_stats *x = rh_counts_doc(a, d), *y = rh_counts_doc(b, d);
		const uint32_t *ta, *ca, *tb, *cb;
		CHECK(x->tokens == y->tokens && x->types == y->types && x->sentences == y->sentences &&
			      x->group == y->group,
		      "document %zu: sizes", d);
		CHECK(!strcmp(rh_corpus_doc_id(rh_counts_corpus(a), d), rh_corpus_doc_id(rh_counts_corpus(b), d)),
		      "document %zu: id", d);
		rh_counts_doc_terms(a, d, &ta, &ca, &na);
		rh_counts_doc_terms(b, d, &tb, &cb, &nb);
		CHECK(na == nb && (!na || (!memcmp(ta, tb, na * sizeof *ta) && !memcmp(ca, cb, na * sizeof *ca))),
		      "document %zu: rows", d);
	}
	const rh_match *ma = rh_counts_matches(a, &na), *mb = rh_counts_matches(b, &nb);
	CHECK(na == nb && (!na || !memcmp(ma, mb, na * sizeof *ma)), "%zu matches read, %zu counted", nb, na);
	for (size_t m = 0; rh_counts_opts(a)->kwic_context && m < na; m++) {
		const char *l1, *m1, *r1, *l2, *m2, *r2;
		CHECK(rh_counts_kwic(a, m, &l1, &m1, &r1) == 0 && rh_counts_kwic(b, m, &l2, &m2, &r2) == 0, "%s",
		      rh_error_last());
		CHECK(!strcmp(l1, l2) && !strcmp(m1, m2) && !strcmp(r1, r2), "match %zu: KWIC", m);
	}
	size_t ng = rh_counts_group_count(a), nc = rh_counts_dict(a) ? rh_dict_concept_count(rh_counts_dict(a)) : 0;
	CHECK(rh_counts_group_count(b) == ng, "groups");
	for (size_t g = 0; g < ng; g++) {
		CHECK(!strcmp(rh_counts_group_name(a, g), rh_counts_group_name(b, g)), "group %zu", g);
		for (size_t k = 0; k < nc; k++) {
			const rh_cooc_cell *ea, *eb;
			uint64_t r1a, r1b, fa, fb;
			CHECK(rh_counts_collocates(a, g, k, &ea, &na, &r1a, &fa) == 0 &&
				      rh_counts_collocates(b, g, k, &eb, &nb, &r1b, &fb) == 0,
			      "%s", rh_error_last());
			CHECK(na == nb && r1a == r1b && fa == fb && (!na || !memcmp(ea, eb, na * sizeof *ea)),
			      "group %zu concept %zu: collocates", g, k);
		}
	}
	const rh_warnings *wa = rh_counts_warnings(a), *wb = rh_counts_warnings(b);
	CHECK(rh_warnings_count(wa) == rh_warnings_count(wb), "warnings");
	for (size_t i = 0; i < rh_warnings_count(wa); i++)
		CHECK(!strcmp(rh_warnings_at(wa, i), rh_warnings_at(wb, i)), "warning %zu", i);
}

/* Mode 2 and 3: counts of fuzzed documents through the file. */
static void round_trip(const uint8_t opt, const fuzz_part *part, size_t np, int shards)
{
	rh_counts_options o = RH_COUNTS_OPTIONS_INIT;
	rh_countsfile_info info = RH_COUNTSFILE_INFO_INIT;
	rh_dict *dict = NULL;
	o.text.keep_case = opt & 1;
	o.within_sentence = (opt >> 1) & 1;
	o.kwic_context = (opt >> 2) & 3;
	if ((opt >> 4) & 1)
		o.window_left = o.window_right = 1 + ((opt >> 5) & 1);
	else if ((opt >> 5) & 1)
		o.ngram_min = 1, o.ngram_max = 2;
	o.threads = 1;
	if (rh_dict_parse(&dict, part[0].p, part[0].n, "fuzz.csv", &o.text) < 0)
		CHECK(rh_dict_parse(&dict, fallback, sizeof fallback - 1, "fallback.csv", &o.text) == 0, "%s",
		      rh_error_last());
	rh_corpus *corpus;
	rh_counts *built = fuzz_count(part + 1, np - 1, dict, &o, &corpus);
	CHECK(rh_countsfile_shard(corpus, 1, 1, &info) == 0, "%s", rh_error_last());
	bytes whole = write_bytes(built, &info);
	const char *path = scratch("whole.rhc");
	fuzz_write_file(path, whole.p, whole.n);
	rh_countsfile *f = read_file(path, 1);
	same_counts(built, rh_countsfile_counts(f));
	/* So a fixed point too: written again, read, written, the same bytes again. */
	written_again(f, &whole);
	rh_countsfile_free(f);
	if (shards) {
		const char *paths[2] = { scratch("s1.rhc"), scratch("s2.rhc") };
		for (unsigned k = 1; k <= 2; k++) {
			rh_countsfile_info si = RH_COUNTSFILE_INFO_INIT;
			rh_corpus *sc = fuzz_corpus(part + 1, np - 1);
			rh_counts *sk;
			o.dict = dict;
			CHECK(rh_countsfile_shard(sc, k, 2, &si) == 0, "%s", rh_error_last());
			CHECK(rh_counts_build(&sk, sc, &o) == 0, "%s", rh_error_last());
			bytes b = write_bytes(sk, &si);
			fuzz_write_file(paths[k - 1], b.p, b.n);
			free(b.p);
			rh_counts_free(sk);
			rh_corpus_free(sc);
		}
		rh_countsfile *m = NULL;
		CHECK(rh_countsfile_merge(&m, paths, 2) == 0, "%s", rh_error_last());
		bytes merged = write_bytes(rh_countsfile_counts(m), rh_countsfile_info_of(m));
		CHECK(merged.n == whole.n && !memcmp(merged.p, whole.p, whole.n),
		      "two shards merged: %zu bytes, one pass: %zu", merged.n, whole.n);
		free(merged.p);
		rh_countsfile_free(m);
	}
	free(whole.p);
	fuzz_count_done(built, corpus);
	rh_dict_free(dict);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_part part[9];
	if (size < 1)
		return 0;
	unsigned mode = data[0] & 3;
	if (mode < 2) {
		const char *path = scratch("in.rhc");
		if (mode == 0) {
			fuzz_write_file(path, (const char *)data + 1, size - 1);
		} else {
			bytes b = wrap((const char *)data + 1, size - 1);
			fuzz_write_file(path, b.p, b.n);
			free(b.p);
		}
		rh_countsfile *f = read_file(path, 0);
		if (f) {
			fixed_point(f);
			rh_countsfile_free(f);
		}
		return 0;
	}
	size_t np = fuzz_split(data + 1, size - 1, part, 9);
	if (np < 2)
		return 0;
	round_trip(data[0] >> 2, part, np, mode == 3);
	return 0;
}
