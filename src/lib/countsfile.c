/* countsfile.c: counts files (docs/counts-format.md): the counting pass written, read back, sharded and merged. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>
#include <zstd.h>

#include "counts_internal.h"
#include "dict_internal.h"
#include "internal.h"
#include "rhetor/countsfile.h"
#include "rhetor/dict.h"
#include "rhetor/vocab.h"

/* PNG's trick: a high byte, the name, CR LF, ^Z, LF: any text-mode mangling shows. */
static const unsigned char MAGIC[8] = { 0x89, 'R', 'H', 'C', '\r', '\n', 0x1a, '\n' };
#define HEADER_SIZE 56  /* magic, version, compression, payload length, SHA-256 */
#define COMPRESSION_ZSTD 1
/* Level 1: a third of level 3's time for 5% more bytes (32 MB against 31 for the UN corpus). */
#define ZSTD_LEVEL 1

/* ---- bytes out ------------------------------------------------------ */

typedef struct {
	unsigned char *p;
	size_t n, cap;
	int err;
} obuf;

static void put_bytes(obuf *o, const void *s, size_t n)
{
	if (o->err)
		return;
	/* A kilobyte at first: no string of reallocations from 16 bytes up. */
	if (o->n + n + 1 > o->cap && rh__grow(&o->p, &o->cap, o->n + n + 1 < 1024 ? 1024 : o->n + n + 1, 1) < 0) {
		o->err = RH_ENOMEM;
		return;
	}
	if (n)
		memcpy(o->p + o->n, s, n);
	o->n += n;
}

/* Unsigned LEB128: 7 bits a byte, low bits first. */
static void put_u(obuf *o, uint64_t v)
{
	unsigned char b[10];
	size_t k = 0;
	/* Most numbers are one byte: written in place when there is room. */
	if (v < 0x80 && o->n + 2 <= o->cap && !o->err) {
		o->p[o->n++] = (unsigned char)v;
		return;
	}
	do {
		b[k] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			b[k] |= 0x80;
		k++;
	} while (v);
	put_bytes(o, b, k);
}

/* A string: its length, its bytes and a NUL (so it is read in place). */
static void put_sn(obuf *o, const char *s, size_t n)
{
	put_u(o, n);
	put_bytes(o, s, n);
	put_bytes(o, "", 1);
}

static void put_s(obuf *o, const char *s) { put_sn(o, s ? s : "", s ? strlen(s) : 0); }

static void put_le(obuf *o, uint64_t v, size_t n)
{
	unsigned char b[8];
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put_bytes(o, b, n);
}

/*
 * A section: four letters, its length (8 bytes, little-endian), its bytes.
 * Written in place: open_section puts the tag and room for the length,
 * which close_section fills in once the bytes are there.
 */
static size_t open_section(obuf *o, const char tag[4])
{
	put_bytes(o, tag, 4);
	put_le(o, 0, 8);
	return o->n;
}

static void close_section(obuf *o, size_t start)
{
	for (size_t i = 0; !o->err && i < 8; i++)
		o->p[start - 8 + i] = (unsigned char)((uint64_t)(o->n - start) >> (8 * i));
}

static int sha256(unsigned char md[32], const void *p, size_t n)
{
	unsigned int len = 0;
	if (!EVP_Digest(p, n, md, &len, EVP_sha256(), NULL) || len != 32)
		return rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)");
	return 0;
}

static void hex32(char hex[RH_SHA256_HEX], const unsigned char md[32])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

/* ---- bytes in ------------------------------------------------------- */

typedef struct {
	const unsigned char *p, *end;
	int bad;
} ibuf;

static uint64_t get_u(ibuf *in)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (in->p >= in->end) {
			in->bad = 1;
			return 0;
		}
		unsigned char b = *in->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	in->bad = 1;
	return 0;
}

/* A count of items, each at least one byte: never more than the bytes left. */
static size_t get_n(ibuf *in)
{
	uint64_t v = get_u(in);
	if (v > (uint64_t)(in->end - in->p)) {
		in->bad = 1;
		return 0;
	}
	return (size_t)v;
}

static uint32_t get_u32(ibuf *in)
{
	uint64_t v = get_u(in);
	if (v > UINT32_MAX)
		in->bad = 1;
	return (uint32_t)v;
}

static const char *get_s(ibuf *in, size_t *len)
{
	size_t n = get_n(in);
	if (in->bad || (size_t)(in->end - in->p) < n + 1 || in->p[n] != '\0') {
		in->bad = 1;
		if (len)
			*len = 0;
		return "";
	}
	const char *s = (const char *)in->p;
	in->p += n + 1;
	if (len)
		*len = n;
	return s;
}

static uint64_t get_le(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The next section, which must be `tag`: its bytes in *body. */
static int get_section(ibuf *in, const char tag[4], ibuf *body, const char *path)
{
	if (in->end - in->p < 12 || memcmp(in->p, tag, 4) != 0)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: section %.4s missing", path, tag);
	uint64_t n = get_le(in->p + 4, 8);
	in->p += 12;
	if (n > (uint64_t)(in->end - in->p))
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: section %.4s runs past the end", path, tag);
	body->p = in->p;
	body->end = in->p + n;
	body->bad = 0;
	in->p += n;
	return 0;
}

static int section_end(const ibuf *body, const char tag[4], const char *path)
{
	if (body->bad || body->p != body->end)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: section %.4s is malformed", path, tag);
	return 0;
}

/* ---- the settings ---------------------------------------------------- */

/* A value on one line: %, CR and LF escaped as %25, %0D, %0A. */
static void put_line(obuf *o, const char *key, const char *v)
{
	put_bytes(o, key, strlen(key));
	put_bytes(o, "=", 1);
	for (size_t run; v && *v; v += run + 1) {
		char esc[4];
		run = strcspn(v, "%\r\n");
		put_bytes(o, v, run);
		if (!v[run])
			break;
		snprintf(esc, sizeof esc, "%%%02X", (unsigned char)v[run]);
		put_bytes(o, esc, 3);
	}
	put_bytes(o, "\n", 1);
}

static void put_line_u(obuf *o, const char *key, uint64_t v)
{
	char b[32];
	snprintf(b, sizeof b, "%llu", (unsigned long long)v);
	put_line(o, key, b);
}

/*
 * The settings that made the counts, one "key=value" a line, in this
 * order. Every key but shard, first_doc, corpus and dictionary_name must
 * agree between shards that are merged.
 */
RH_API int rh_countsfile_words_digest(char hex[RH_SHA256_HEX], const rh_vocab *words)
{
	obuf o = { 0 };
	unsigned char md[32];
	int err;
	for (uint32_t t = 0; t < rh_vocab_size(words); t++) {
		size_t len;
		const char *s = rh_vocab_term(words, t, &len);
		put_bytes(&o, s, len);
		put_bytes(&o, "\n", 1);
	}
	if ((err = o.err) == 0 && (err = sha256(md, o.p ? o.p : (const unsigned char *)"", o.n)) == 0)
		hex32(hex, md);
	free(o.p);
	return err;
}

/* A word list's digest: the list's own when loaded, else as recorded (a file read back), else none. */
static void words_line(obuf *o, const char *key, const rh_vocab *words, const char *recorded)
{
	char hex[RH_SHA256_HEX];
	if (words && rh_countsfile_words_digest(hex, words) < 0)
		o->err = RH_ENOMEM;
	put_line(o, key, words ? hex : *recorded ? recorded : "none");
}

static void put_settings(obuf *o, const rh_counts *c, const rh_countsfile_info *info, const char *dict_hex)
{
	const rh_counts_options *op = rh_counts_opts(c);
	char shard[64], grams[32];
	put_line(o, "rhetor", rh_version());
	put_line_u(o, "keep_case", op->text.keep_case != 0);
	put_line_u(o, "split_hyphens", op->text.split_hyphens != 0);
	put_line_u(o, "dehyphenate", op->text.dehyphenate != 0);
	words_line(o, "known_words", op->text.known_words, info->known_words);
	snprintf(grams, sizeof grams, "%u-%u", op->ngram_min, op->ngram_max);
	put_line(o, "ngrams", grams);
	words_line(o, "ngram_stop", op->ngram_stop, info->ngram_stop);
	put_line(o, "group", op->group_col ? op->group_col : "");
	put_line_u(o, "window_left", op->window_left);
	put_line_u(o, "window_right", op->window_right);
	put_line_u(o, "within_sentence", op->within_sentence != 0);
	put_line_u(o, "kwic_context", op->kwic_context);
	put_line(o, "where", info->where ? info->where : "");
	put_line(o, "dictionary", dict_hex);
	put_line_u(o, "documents", info->total_docs);
	put_line(o, "ids", info->ids);
	snprintf(shard, sizeof shard, "%u/%u", info->shard, info->nshards);
	put_line(o, "shard", shard);
	put_line_u(o, "first_doc", info->first_doc);
	put_line(o, "corpus", info->corpus ? info->corpus : "");
	put_line(o, "dictionary_name", info->dictionary ? info->dictionary : "");
}

/* Keys that may differ between the shards of one counting. */
static int per_shard_key(const char *key, size_t n)
{
	static const char *const keys[] = { "shard", "first_doc", "corpus", "dictionary_name" };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strlen(keys[i]) == n && !memcmp(keys[i], key, n))
			return 1;
	return 0;
}

/* The value of `key` in settings `s`, unescaped into buf (n bytes); NULL when absent. */
static const char *setting(const char *s, const char *key, char *buf, size_t n)
{
	size_t kl = strlen(key);
	for (const char *line = s; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, key, kl) || line[kl] != '=')
			continue;
		const char *v = line + kl + 1;
		size_t k = 0;
		while (*v && *v != '\n' && k + 1 < n) {
			unsigned hi, lo;
			if (*v == '%' && v[1] && v[2] && sscanf(v + 1, "%1x%1x", &hi, &lo) == 2) {
				buf[k++] = (char)(hi << 4 | lo);
				v += 3;
			} else {
				buf[k++] = *v++;
			}
		}
		buf[k] = '\0';
		return buf;
	}
	return NULL;
}

/* ---- the dictionary, as the patterns it holds ---------------------- */

static void put_dict(obuf *o, const rh_dict *d)
{
	put_u(o, d != NULL);
	if (!d)
		return;
	size_t nextra = rh_dict_extra_count(d), npat = rh_dict_pattern_count(d);
	put_u(o, nextra);
	for (size_t k = 0; k < nextra; k++)
		put_s(o, rh_dict_extra_name(d, k));
	put_u(o, npat);
	for (size_t p = 0; p < npat; p++) {
		put_s(o, rh_dict_concept(d, rh_dict_pattern_concept(d, p)));
		put_s(o, rh_dict_pattern(d, p));
		for (size_t k = 0; k < nextra; k++)
			put_s(o, rh_dict_extra(d, p, k));
	}
}

RH_API int rh_countsfile_same_dict(const rh_dict *a, const rh_dict *b)
{
	obuf x = { 0 }, y = { 0 };
	put_dict(&x, a);
	put_dict(&y, b);
	int same = !x.err && !y.err && x.n == y.n && !memcmp(x.p, y.p, x.n);
	free(x.p);
	free(y.p);
	return same;
}

static void put_csv_field(obuf *o, const char *s, int last)
{
	put_bytes(o, "\"", 1);
	for (size_t run; *s; s += run + 1) {
		run = strcspn(s, "\"");
		put_bytes(o, s, run);
		if (!s[run])
			break;
		put_bytes(o, "\"\"", 2);
	}
	put_bytes(o, last ? "\"\n" : "\",", 2);
}

/* The dictionary again: its patterns as a dictionary CSV, parsed as the counting command parsed the file. */
static int get_dict(ibuf *in, rh_dict **out, const char *name, const rh_text_options *topts, const char *path)
{
	obuf csv = { 0 };
	int err;
	*out = NULL;
	if (get_u(in) == 0)
		return in->bad ? rh_error__set(RH_EPARSE, "%s: corrupted counts file: section DICT", path) : 0;
	size_t nextra = get_n(in), npat;
	put_bytes(&csv, "concept,pattern", 15);
	for (size_t k = 0; k < nextra && !in->bad; k++) {
		put_bytes(&csv, ",", 1);
		put_csv_field(&csv, get_s(in, NULL), 1);
		csv.n--; /* the field's line end: more columns follow, or one LF below */
	}
	put_bytes(&csv, "\n", 1);
	npat = get_n(in);
	for (size_t p = 0; p < npat && !in->bad; p++)
		for (size_t k = 0; k < nextra + 2 && !in->bad; k++)
			put_csv_field(&csv, get_s(in, NULL), k == nextra + 1);
	if (in->bad || csv.err) {
		free(csv.p);
		return csv.err ? csv.err : rh_error__set(RH_EPARSE, "%s: corrupted counts file: section DICT", path);
	}
	err = rh_dict_parse(out, (const char *)csv.p, csv.n, name, topts);
	free(csv.p);
	if (err < 0)
		return rh_error__set(err, "%s: its dictionary: %s", path, rh_error_last());
	/* rhetor writes the patterns as its dictionary holds them, concept
	 * names made valid UTF-8, so they parse again without a warning: the
	 * dictionary's own warnings come from section WARN. Patterns that warn
	 * were not written by rhetor, and writing them back would not be read. */
	if (rh_warnings_count(rh_dict_warnings(*out))) {
		err = rh_error__set(RH_EPARSE, "%s: corrupted counts file: section DICT is not as rhetor writes it (%s)",
				    path, rh_warnings_at(rh_dict_warnings(*out), 0));
		rh_dict_free(*out);
		*out = NULL;
		return err;
	}
	return 0;
}

/* ---- writing -------------------------------------------------------- */

static void put_corpus(obuf *o, const rh_corpus *corpus)
{
	size_t nmeta = rh_corpus_meta_count(corpus), ndocs = rh_corpus_count(corpus);
	const rh_warnings *w = rh_corpus_warnings(corpus);
	put_u(o, nmeta);
	for (size_t m = 0; m < nmeta; m++)
		put_s(o, rh_corpus_meta_name(corpus, m));
	put_u(o, ndocs);
	for (size_t d = 0; d < ndocs; d++) {
		put_s(o, rh_corpus_doc_id(corpus, d));
		put_s(o, rh_corpus_doc_source(corpus, d));
		for (size_t m = 0; m < nmeta; m++)
			put_s(o, rh_corpus_meta(corpus, d, m));
	}
	put_u(o, rh_warnings_count(w));
	for (size_t i = 0; i < rh_warnings_count(w); i++)
		put_s(o, rh_warnings_at(w, i));
}

/* Sections DOCS, GRPS, VOCB and ROWS. */
static void put_counts(obuf *o, const rh_counts *c)
{
	size_t ndocs = rh_counts_doc_count(c), nterms = rh_vocab_size(rh_counts_vocab(c)), nnz = 0;
	size_t at = open_section(o, "DOCS");
	for (size_t d = 0; d < ndocs; d++) {
		const rh_doc_stats *s = rh_counts_doc(c, d);
		const uint32_t *t, *k;
		size_t n;
		put_u(o, s->tokens);
		put_u(o, s->types);
		put_u(o, s->sentences);
		put_u(o, s->group);
		rh_counts_doc_terms(c, d, &t, &k, &n);
		nnz += n;
	}
	close_section(o, at);
	at = open_section(o, "GRPS");
	put_u(o, rh_counts_group_count(c));
	for (size_t g = 0; g < rh_counts_group_count(c); g++)
		put_s(o, rh_counts_group_name(c, g));
	close_section(o, at);
	at = open_section(o, "VOCB");
	put_u(o, nterms);
	for (uint32_t t = 0; t < nterms; t++) {
		size_t len;
		const char *s = rh_vocab_term(rh_counts_vocab(c), t, &len);
		put_sn(o, s, len);
	}
	close_section(o, at);
	at = open_section(o, "ROWS");
	put_u(o, nnz);
	for (size_t d = 0; d < ndocs; d++) {
		const uint32_t *t, *k;
		size_t n;
		rh_counts_doc_terms(c, d, &t, &k, &n);
		put_u(o, n);
		for (size_t i = 0; i < n; i++) {
			put_u(o, t[i]);
			put_u(o, k[i]);
		}
	}
	close_section(o, at);
}

/* Sections MTCH and KWIC. */
static void put_matches(obuf *o, const rh_counts *c)
{
	size_t n, prev = 0;
	const rh_match *m = rh_counts_matches(c, &n);
	int kept = rh_counts_opts(c)->kwic_context > 0 && n > 0;
	size_t at = open_section(o, "MTCH");
	put_u(o, n);
	for (size_t i = 0; i < n; i++) {
		/* Documents ascend: each as its distance from the one before. */
		put_u(o, m[i].doc - prev);
		prev = m[i].doc;
		put_u(o, m[i].concept);
		put_u(o, m[i].pattern);
		put_u(o, m[i].sentence);
		put_u(o, m[i].token);
		put_u(o, m[i].ntokens);
		put_u(o, m[i].byte_start);
		put_u(o, m[i].byte_end - m[i].byte_start);
	}
	close_section(o, at);
	at = open_section(o, "KWIC");
	put_u(o, kept);
	for (size_t i = 0; kept && i < n; i++) {
		const char *l = "", *x = "", *r = "";
		rh_counts_kwic(c, i, &l, &x, &r);
		put_s(o, l);
		put_s(o, x);
		put_s(o, r);
	}
	close_section(o, at);
}

static void put_coll(obuf *o, const rh_counts *c)
{
	const rh_dict *d = rh_counts_dict(c);
	size_t nc = d ? rh_dict_concept_count(d) : 0, ng = rh_counts_group_count(c);
	put_u(o, nc);
	for (size_t g = 0; g < ng && nc; g++)
		for (size_t k = 0; k < nc; k++) {
			const rh_cooc_cell *cells;
			size_t n;
			uint64_t r1 = 0, f = 0;
			uint32_t prev = 0;
			if (rh_counts_collocates(c, g, k, &cells, &n, &r1, &f) < 0)
				n = 0;
			put_u(o, r1);
			put_u(o, f);
			put_u(o, n);
			/* Terms ascend within a cell list: each as its distance from the one before. */
			for (size_t i = 0; i < n; i++) {
				put_u(o, cells[i].term - prev);
				prev = cells[i].term;
				put_u(o, cells[i].o11);
			}
		}
}

static void put_warnings(obuf *o, const rh_counts *c)
{
	const rh_warnings *w = rh_counts_warnings(c);
	const rh_dict *d = rh_counts_dict(c);
	size_t nd = d ? rh_warnings_count(rh_dict_warnings(d)) : 0;
	put_u(o, nd);
	put_u(o, rh_warnings_count(w));
	for (size_t i = 0; i < rh_warnings_count(w); i++)
		put_s(o, rh_warnings_at(w, i));
}

/* The payload: every section, in order (docs/counts-format.md), written in place. */
static int payload(obuf *out, const rh_counts *c, const rh_countsfile_info *info)
{
	obuf dict = { 0 }, text = { 0 };
	unsigned char md[32];
	char dict_hex[RH_SHA256_HEX] = "none";
	size_t at;
	int err = 0;

	/* The settings name the dictionary by the digest of its section (the same
	 * patterns, the same digest), and come first: that section is made first. */
	put_dict(&dict, rh_counts_dict(c));
	if (rh_counts_dict(c) && !dict.err) {
		if ((err = sha256(md, dict.p, dict.n)) < 0)
			goto done;
		hex32(dict_hex, md);
	}
	put_settings(&text, c, info, dict_hex);
	at = open_section(out, "META");
	put_sn(out, text.p ? (const char *)text.p : "", text.n);
	close_section(out, at);
	at = open_section(out, "MANI");
	put_sn(out, info->manifest ? info->manifest : "", info->manifest ? info->manifest_len : 0);
	close_section(out, at);
	at = open_section(out, "CORP");
	put_corpus(out, rh_counts_corpus(c));
	close_section(out, at);
	at = open_section(out, "DICT");
	put_bytes(out, dict.p, dict.n);
	close_section(out, at);
	put_counts(out, c);
	put_matches(out, c);
	at = open_section(out, "COLL");
	put_coll(out, c);
	close_section(out, at);
	at = open_section(out, "WARN");
	put_warnings(out, c);
	close_section(out, at);
	err = text.err ? text.err : dict.err ? dict.err : out->err;
done:
	free(dict.p);
	free(text.p);
	return err;
}

static int write_file(FILE *fp, const rh_counts *c, const rh_countsfile_info *info)
{
	obuf pl = { 0 }, hd = { 0 };
	unsigned char md[32];
	ZSTD_CCtx *cc = NULL;
	void *z = NULL;
	size_t zn = 0;
	int err;

	if ((err = rh_counts__need_rows(c, "a counts file")) < 0)
		return err;
	if ((err = payload(&pl, c, info)) < 0 || (err = sha256(md, pl.p, pl.n)) < 0)
		goto done;
	if (!(cc = ZSTD_createCCtx()) || !(z = rh__malloc(ZSTD_compressBound(pl.n)))) {
		err = RH_ENOMEM;
		goto done;
	}
	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, ZSTD_LEVEL);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	zn = ZSTD_compress2(cc, z, ZSTD_compressBound(pl.n), pl.p, pl.n);
	if (ZSTD_isError(zn)) {
		err = rh_error__set(RH_ENOMEM, "compressing the counts: %s", ZSTD_getErrorName(zn));
		goto done;
	}
	put_bytes(&hd, MAGIC, sizeof MAGIC);
	put_le(&hd, RH_COUNTSFILE_VERSION, 4);
	put_le(&hd, COMPRESSION_ZSTD, 4);
	put_le(&hd, pl.n, 8);
	put_bytes(&hd, md, 32);
	if ((err = hd.err) < 0)
		goto done;
	if (fwrite(hd.p, 1, hd.n, fp) != hd.n || fwrite(z, 1, zn, fp) != zn || fflush(fp) != 0)
		err = rh_error__set(RH_EIO, "writing the counts file: %s", strerror(errno));
done:
	ZSTD_freeCCtx(cc);
	free(z);
	free(pl.p);
	free(hd.p);
	return err;
}

/* ---- a counts file read back ---------------------------------------- */

struct rh_countsfile {
	rh_corpus *corpus;
	rh_dict *dict;
	rh_counts *counts;
	rh_countsfile_info info;
	char *settings;
	char *where, *corpus_name, *dict_name, *manifest;
};

RH_API void rh_countsfile_free(rh_countsfile *f)
{
	if (!f)
		return;
	rh_counts_free(f->counts);
	rh_dict_free(f->dict);
	rh_corpus_free(f->corpus);
	free(f->settings);
	free(f->where);
	free(f->corpus_name);
	free(f->dict_name);
	free(f->manifest);
	free(f);
}

RH_API const rh_counts *rh_countsfile_counts(const rh_countsfile *f) { return f->counts; }
RH_API const rh_countsfile_info *rh_countsfile_info_of(const rh_countsfile *f) { return &f->info; }
RH_API const char *rh_countsfile_settings(const rh_countsfile *f) { return f->settings; }

RH_API int rh_countsfile_write(FILE *fp, const rh_counts *c, const rh_countsfile_info *info)
{
	rh_countsfile_info def = RH_COUNTSFILE_INFO_INIT;
	return write_file(fp, c, info ? info : &def);
}

/* A whole number from the settings, or -1 when absent or not one. */
static long long setting_num(const char *s, const char *key)
{
	char buf[32], *end;
	if (!setting(s, key, buf, sizeof buf) || !*buf)
		return -1;
	errno = 0;
	long long v = strtoll(buf, &end, 10);
	return *end || errno || v < 0 ? -1 : v;
}

static char *setting_dup(const char *s, const char *key)
{
	size_t n = strlen(s) + 1;
	char *buf = rh__malloc(n);
	if (buf && !setting(s, key, buf, n))
		*buf = '\0';
	return buf;
}

/* The options of the pass as the settings record them (group_col not set); -1 when one is missing. */
static int opts_from_settings(const char *s, rh_counts_options *op, size_t *total_docs)
{
	static const char *const nums[8] = { "keep_case", "split_hyphens", "dehyphenate", "window_left",
					     "window_right", "within_sentence", "kwic_context", "documents" };
	long long v[8];
	for (int i = 0; i < 8; i++)
		if ((v[i] = setting_num(s, nums[i])) < 0 || (i >= 3 && i < 7 && v[i] > UINT32_MAX))
			return -1;
	op->text.keep_case = (int)v[0];
	op->text.split_hyphens = (int)v[1];
	op->text.dehyphenate = (int)v[2];
	op->window_left = (unsigned)v[3];
	op->window_right = (unsigned)v[4];
	op->within_sentence = (int)v[5];
	op->kwic_context = (unsigned)v[6];
	*total_docs = (size_t)v[7];
	char grams[32];
	if (!setting(s, "ngrams", grams, sizeof grams) || sscanf(grams, "%u-%u", &op->ngram_min, &op->ngram_max) != 2 ||
	    op->ngram_min > op->ngram_max || op->ngram_max > 5)
		return -1;
	return 0;
}

/* The settings section: the options of the pass and what info records. */
static int read_settings(rh_countsfile *f, ibuf *body, rh_counts_options *op, const char *path)
{
	size_t len;
	const char *s = get_s(body, &len);
	char shard[64];
	unsigned k = 0, n = 0;

	if (body->bad || !(f->settings = rh__strndup(s, len)))
		return body->bad ? rh_error__set(RH_EPARSE, "%s: corrupted counts file: section META", path) : RH_ENOMEM;
	if (opts_from_settings(s, op, &f->info.total_docs) < 0)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: its settings", path);
	if (!setting(s, "shard", shard, sizeof shard) || sscanf(shard, "%u/%u", &k, &n) != 2 || k < 1 || k > n ||
	    setting_num(s, "first_doc") < 0)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: setting shard", path);
	f->info.shard = k;
	f->info.nshards = n;
	f->info.first_doc = (size_t)setting_num(s, "first_doc");
	if (!setting(s, "ids", f->info.ids, sizeof f->info.ids))
		f->info.ids[0] = '\0';
	if (!setting(s, "known_words", f->info.known_words, sizeof f->info.known_words) ||
	    !strcmp(f->info.known_words, "none"))
		f->info.known_words[0] = '\0';
	if (!setting(s, "ngram_stop", f->info.ngram_stop, sizeof f->info.ngram_stop) || !strcmp(f->info.ngram_stop, "none"))
		f->info.ngram_stop[0] = '\0';
	if (!(f->where = setting_dup(s, "where")) || !(f->corpus_name = setting_dup(s, "corpus")) ||
	    !(f->dict_name = setting_dup(s, "dictionary_name")))
		return RH_ENOMEM;
	f->info.where = *f->where ? f->where : NULL;
	f->info.corpus = *f->corpus_name ? f->corpus_name : NULL;
	f->info.dictionary = *f->dict_name ? f->dict_name : NULL;
	return 0;
}

/* Counts from their parts over the file's corpus and dictionary, grouped as the settings say. */
static int assemble(rh_countsfile *f, rh_counts_options *op, rh_counts__parts *p)
{
	char *group = setting_dup(f->settings, "group");
	int err;
	if (!group)
		return RH_ENOMEM;
	op->group_col = *group ? group : NULL;
	op->dict = f->dict;
	err = rh_counts__assemble(&f->counts, f->corpus, f->dict, op, p);
	free(group);
	return err;
}

static int read_corpus(rh_countsfile *f, ibuf *in, const char *path)
{
	size_t nmeta = get_n(in), ndocs;
	const char **names = rh__calloc(nmeta + 1, sizeof *names), **vals = rh__calloc(nmeta + 1, sizeof *vals);
	int err = 0;
	if (!names || !vals) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t m = 0; m < nmeta; m++)
		names[m] = get_s(in, NULL);
	ndocs = get_n(in);
	if (in->bad || (err = rh_corpus__new_counted(&f->corpus, ndocs, names, nmeta)) < 0)
		goto done;
	for (size_t d = 0; d < ndocs && !in->bad; d++) {
		const char *id = get_s(in, NULL), *src = get_s(in, NULL);
		for (size_t m = 0; m < nmeta; m++)
			vals[m] = get_s(in, NULL);
		if ((err = rh_corpus__set_counted(f->corpus, d, id, src, vals)) < 0)
			goto done;
	}
	for (size_t i = 0, n = get_n(in); i < n && !in->bad; i++)
		if ((err = rh_corpus__warn(f->corpus, get_s(in, NULL))) < 0)
			goto done;
done:
	free(names);
	free(vals);
	if (err == 0 && in->bad)
		err = rh_error__set(RH_EPARSE, "%s: corrupted counts file: section CORP", path);
	return err;
}

static int read_counts(rh_counts__parts *p, ibuf *docs, ibuf *groups, ibuf *vocab, ibuf *rows, size_t ndocs)
{
	int err;
	p->ndocs = ndocs;
	if (!(p->docs = rh__calloc(ndocs + 1, sizeof *p->docs)) || !(p->row_ptr = rh__calloc(ndocs + 1, sizeof *p->row_ptr)))
		return RH_ENOMEM;
	for (size_t d = 0; d < ndocs; d++) {
		p->docs[d].tokens = get_u(docs);
		p->docs[d].types = get_u32(docs);
		p->docs[d].sentences = get_u32(docs);
		p->docs[d].group = get_u32(docs);
	}
	p->ngroups = get_n(groups);
	if (!(p->groups = rh__calloc(p->ngroups + 1, sizeof *p->groups)))
		return RH_ENOMEM;
	for (size_t g = 0; g < p->ngroups; g++)
		if (!(p->groups[g] = rh__strdup(get_s(groups, NULL))))
			return RH_ENOMEM;
	if ((err = rh_vocab_new(&p->vocab)) < 0)
		return err;
	for (size_t t = 0, n = get_n(vocab); t < n && !vocab->bad; t++) {
		size_t len;
		const char *s = get_s(vocab, &len);
		int64_t id = rh_vocab_intern(p->vocab, s, len);
		if (id < 0)
			return (int)id;
		if ((size_t)id != t) /* a term twice */
			vocab->bad = 1;
	}
	size_t nnz = get_n(rows), k = 0;
	if (!(p->col = rh__malloc((nnz + 1) * sizeof *p->col)) || !(p->val = rh__malloc((nnz + 1) * sizeof *p->val)))
		return RH_ENOMEM;
	for (size_t d = 0; d < ndocs && !rows->bad; d++) {
		size_t n = get_n(rows);
		if (n > nnz - k) {
			rows->bad = 1;
			break;
		}
		for (size_t i = 0; i < n; i++, k++) {
			p->col[k] = get_u32(rows);
			p->val[k] = get_u32(rows);
		}
		p->row_ptr[d + 1] = k;
	}
	if (k != nnz)
		rows->bad = 1;
	return 0;
}

static int read_matches(rh_counts__parts *p, ibuf *mt, ibuf *kw)
{
	uint64_t doc = 0;
	p->nmatches = get_n(mt);
	if (!(p->matches = rh__calloc(p->nmatches + 1, sizeof *p->matches)))
		return RH_ENOMEM;
	for (size_t i = 0; i < p->nmatches && !mt->bad; i++) {
		rh_match *m = &p->matches[i];
		doc += get_u(mt);
		m->doc = doc > UINT32_MAX ? UINT32_MAX : (uint32_t)doc;
		m->concept = get_u32(mt);
		m->pattern = get_u32(mt);
		m->sentence = get_u32(mt);
		m->token = get_u32(mt);
		m->ntokens = get_u32(mt);
		m->byte_start = get_u32(mt);
		uint64_t end = (uint64_t)m->byte_start + get_u(mt);
		m->byte_end = end > UINT32_MAX ? (mt->bad = 1, 0) : (uint32_t)end;
	}
	if (get_u(kw) == 0)
		return 0;
	if (!(p->kwic = rh__calloc(3 * p->nmatches + 1, sizeof *p->kwic)))
		return RH_ENOMEM;
	for (size_t i = 0; i < 3 * p->nmatches; i++)
		if (!(p->kwic[i] = rh__strdup(get_s(kw, NULL))))
			return RH_ENOMEM;
	return 0;
}

static int read_coll(rh_counts__parts *p, ibuf *in)
{
	size_t ngc;
	p->nconcepts = get_n(in);
	ngc = p->ngroups * p->nconcepts;
	if (in->bad || (p->nconcepts && ngc / p->nconcepts != p->ngroups) || ngc > (size_t)(in->end - in->p))
		return in->bad = 1, 0;
	if (!(p->r1 = rh__calloc(ngc + 1, sizeof *p->r1)) || !(p->f_node = rh__calloc(ngc + 1, sizeof *p->f_node)) ||
	    !(p->cell_ptr = rh__calloc(ngc + 1, sizeof *p->cell_ptr)))
		return RH_ENOMEM;
	size_t cap = 0, n = 0;
	for (size_t gc = 0; gc < ngc && !in->bad; gc++) {
		p->r1[gc] = get_u(in);
		p->f_node[gc] = get_u(in);
		size_t k = get_n(in);
		uint64_t term = 0;
		if (rh__grow(&p->cells, &cap, n + k + 1, sizeof *p->cells) < 0)
			return RH_ENOMEM;
		for (size_t i = 0; i < k; i++, n++) {
			term += get_u(in);
			p->cells[n].term = term > UINT32_MAX ? (in->bad = 1, 0) : (uint32_t)term;
			p->cells[n].o11 = get_u32(in);
		}
		p->cell_ptr[gc + 1] = n;
	}
	return 0;
}

static int read_warnings(rh_counts__parts *p, ibuf *in, rh_dict *dict)
{
	size_t nd = get_n(in), n = get_n(in);
	int err;
	if (nd > n || (nd && !dict))
		return in->bad = 1, 0;
	for (size_t i = 0; i < n && !in->bad; i++) {
		const char *w = get_s(in, NULL);
		if ((err = rh_warnings__add(&p->warnings, "%s", w)) < 0 || (i < nd && (err = rh_dict__warn(dict, w)) < 0))
			return err;
	}
	return 0;
}

/*
 * A decompression context for one reading, made when first needed (a file
 * refused by its header needs none): *dc, which the caller frees, so the
 * shards of a merge share one.
 */
static int dctx(ZSTD_DCtx **dc)
{
	if (!*dc && !(*dc = ZSTD_createDCtx()))
		return RH_ENOMEM;
	ZSTD_DCtx_reset(*dc, ZSTD_reset_session_only);
	return 0;
}

/* The checked, decompressed payload of the counts file in buf[0, len). */
static int unpack(unsigned char **out, size_t *out_len, const unsigned char *buf, size_t len, const char *path,
		  ZSTD_DCtx **dc)
{
	unsigned char md[32];
	uint64_t n, zn;
	size_t got;
	*out = NULL;
	if (len < sizeof MAGIC ? memcmp(buf, MAGIC, len) != 0 : memcmp(buf, MAGIC, sizeof MAGIC) != 0)
		return rh_error__set(RH_EPARSE, "%s: not a rhetor counts file (it does not start as one; `rhetor count` writes them)", path);
	if (len < HEADER_SIZE)
		return rh_error__set(RH_EPARSE, "%s: truncated counts file (%zu bytes; its header alone has %d)", path, len, HEADER_SIZE);
	if (get_le(buf + 8, 4) != RH_COUNTSFILE_VERSION)
		return rh_error__set(RH_EPARSE, "%s: a counts file of format version %llu; this rhetor (%s) reads version %d",
				     path, (unsigned long long)get_le(buf + 8, 4), rh_version(), RH_COUNTSFILE_VERSION);
	if (get_le(buf + 12, 4) != COMPRESSION_ZSTD)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: unknown compression %llu", path,
				     (unsigned long long)get_le(buf + 12, 4));
	n = get_le(buf + 16, 8);
	zn = ZSTD_findFrameCompressedSize(buf + HEADER_SIZE, len - HEADER_SIZE);
	if (ZSTD_isError(zn))
		return rh_error__set(RH_EPARSE, "%s: truncated or corrupted counts file (%s)", path, ZSTD_getErrorName(zn));
	if (zn != len - HEADER_SIZE)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: %llu bytes after its end", path,
				     (unsigned long long)(len - HEADER_SIZE - zn));
	if (ZSTD_getFrameContentSize(buf + HEADER_SIZE, zn) != n || n > (uint64_t)SIZE_MAX / 2)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: the sizes in its header disagree", path);
	if (dctx(dc) < 0 || !(*out = rh__malloc(n + 1)))
		return RH_ENOMEM;
	got = ZSTD_decompressDCtx(*dc, *out, n, buf + HEADER_SIZE, zn);
	if (ZSTD_isError(got) || got != n || sha256(md, *out, n) < 0 || memcmp(md, buf + 24, 32) != 0) {
		free(*out);
		*out = NULL;
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file (%s)", path,
				     ZSTD_isError(got) ? ZSTD_getErrorName(got) : "its SHA-256 does not match");
	}
	*out_len = (size_t)n;
	return 0;
}

static int read_payload(rh_countsfile *f, const unsigned char *pl, size_t len, const char *path)
{
	static const char tags[12][5] = { "META", "MANI", "CORP", "DICT", "DOCS", "GRPS",
					  "VOCB", "ROWS", "MTCH", "KWIC", "COLL", "WARN" };
	ibuf in = { pl, pl + len, 0 }, s[12];
	rh_counts_options op = RH_COUNTS_OPTIONS_INIT;
	rh_counts__parts p;
	size_t mlen;
	int err = 0;

	memset(&p, 0, sizeof p);
	for (int i = 0; i < 12; i++)
		if ((err = get_section(&in, tags[i], &s[i], path)) < 0)
			return err;
	if (in.p != in.end)
		return rh_error__set(RH_EPARSE, "%s: corrupted counts file: bytes after its last section", path);
	if ((err = read_settings(f, &s[0], &op, path)) < 0 || (err = section_end(&s[0], "META", path)) < 0)
		return err;
	const char *man = get_s(&s[1], &mlen);
	if ((err = section_end(&s[1], "MANI", path)) < 0)
		return err;
	if (mlen && !(f->manifest = rh__strndup(man, mlen)))
		return RH_ENOMEM;
	f->info.manifest = f->manifest;
	f->info.manifest_len = mlen;
	if ((err = read_corpus(f, &s[2], path)) < 0 || (err = section_end(&s[2], "CORP", path)) < 0 ||
	    (err = get_dict(&s[3], &f->dict, f->dict_name, &op.text, path)) < 0 ||
	    (err = section_end(&s[3], "DICT", path)) < 0)
		return err;
	if ((err = read_counts(&p, &s[4], &s[5], &s[6], &s[7], rh_corpus_count(f->corpus))) < 0 ||
	    (err = read_matches(&p, &s[8], &s[9])) < 0 || (err = read_coll(&p, &s[10])) < 0 ||
	    (err = read_warnings(&p, &s[11], f->dict)) < 0)
		goto done;
	for (int i = 4; i < 12; i++)
		if ((err = section_end(&s[i], tags[i], path)) < 0)
			goto done;
	if ((err = assemble(f, &op, &p)) < 0)
		err = rh_error__set(err, "%s: corrupted counts file: %s", path, rh_error_last());
done:
	rh_counts__parts_free(&p);
	return err;
}

static int read_whole(const char *path, unsigned char **buf, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	size_t cap = 0, n, step = 1 << 20;
	*buf = NULL;
	*len = 0;
	if (!fp)
		return rh_error__set(RH_EIO, "%s: %s", path, strerror(errno));
	/* A regular file's size is known: one buffer of that size (and a byte to
	 * see the end), not a megabyte for a file of a few hundred bytes. */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < SIZE_MAX - step)
		step = (size_t)st.st_size + 1;
	for (;;) {
		if (rh__grow(buf, &cap, *len + step, 1) < 0) {
			fclose(fp);
			return RH_ENOMEM;
		}
		size_t want = cap - *len;
		*len += n = fread(*buf + *len, 1, want, fp);
		if (n < want) /* the end, or an error: ferror tells */
			break;
	}
	if (ferror(fp)) {
		fclose(fp);
		return rh_error__set(RH_EIO, "%s: read error: %s", path, strerror(errno));
	}
	fclose(fp);
	return 0;
}

static int read_path(rh_countsfile **out, const char *path, ZSTD_DCtx **dc)
{
	rh_countsfile *f = NULL;
	unsigned char *buf = NULL, *pl = NULL;
	size_t len = 0, plen = 0;
	int err;

	*out = NULL;
	if ((err = read_whole(path, &buf, &len)) < 0 || (err = unpack(&pl, &plen, buf, len, path, dc)) < 0)
		goto done;
	free(buf);
	buf = NULL;
	if (!(f = rh__calloc(1, sizeof *f))) {
		err = RH_ENOMEM;
		goto done;
	}
	if ((err = read_payload(f, pl, plen, path)) < 0)
		goto done;
	f->info.where = f->where && *f->where ? f->where : NULL;
	*out = f;
	f = NULL;
done:
	rh_countsfile_free(f);
	free(buf);
	free(pl);
	return err;
}

RH_API int rh_countsfile_read(rh_countsfile **out, const char *path)
{
	ZSTD_DCtx *dc = NULL;
	int err = read_path(out, path, &dc);
	ZSTD_freeDCtx(dc);
	return err;
}

/* ---- shards ---------------------------------------------------------- */

RH_API int rh_countsfile_shard(rh_corpus *c, unsigned k, unsigned n, rh_countsfile_info *info)
{
	size_t total = rh_corpus_count(c), first = total;
	unsigned char *keep, md[32];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	int err = 0;

	if (n < 1 || k < 1 || k > n)
		return rh_error__set(RH_EUSAGE, "shard %u/%u: K/N needs 1 <= K <= N", k, n);
	if (!(keep = rh__malloc(total + 1)))
		return RH_ENOMEM;
	if (!(ctx = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		err = rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)");
		goto done;
	}
	for (size_t d = 0; d < total; d++) {
		const char *id = rh_corpus_doc_id(c, d);
		keep[d] = (uint64_t)d * n / total + 1 == k;
		if (keep[d] && first == total)
			first = d;
		if (!EVP_DigestUpdate(ctx, id, strlen(id)) || !EVP_DigestUpdate(ctx, "\n", 1)) {
			err = rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)");
			goto done;
		}
	}
	if (!EVP_DigestFinal_ex(ctx, md, &mdlen) || mdlen != 32) {
		err = rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)");
		goto done;
	}
	hex32(info->ids, md);
	info->shard = k;
	info->nshards = n;
	info->first_doc = first;
	info->total_docs = total;
	rh_corpus__keep(c, keep);
done:
	EVP_MD_CTX_free(ctx);
	free(keep);
	return err;
}

/* A counts file's settings alone: its header checked and the start of its payload decompressed. */
static int peek_settings(const char *path, char **out, ZSTD_DCtx **dc)
{
	unsigned char hd[HEADER_SIZE], in[1 << 16];
	uint64_t plen;
	obuf got = { 0 };
	FILE *fp;
	size_t n;
	int err = 0;

	*out = NULL;
	if (!(fp = fopen(path, "rb")))
		return rh_error__set(RH_EIO, "%s: %s", path, strerror(errno));
	n = fread(hd, 1, sizeof hd, fp);
	if (n < sizeof hd) {
		/* Too short for a header: let the whole reading say why. */
		err = unpack(&got.p, &got.n, hd, n, path, dc);
		goto done;
	}
	if (memcmp(hd, MAGIC, sizeof MAGIC) || get_le(hd + 8, 4) != RH_COUNTSFILE_VERSION) {
		err = unpack(&got.p, &got.n, hd, n, path, dc);
		goto done;
	}
	if ((err = dctx(dc)) < 0)
		goto done;
	plen = get_le(hd + 16, 8);
	for (;;) {
		/* META is the first section: its tag, length, and a string with the settings. */
		if (got.n >= 12) {
			uint64_t len = get_le(got.p + 4, 8);
			if (memcmp(got.p, "META", 4) || len > (1 << 20)) {
				err = rh_error__set(RH_EPARSE, "%s: corrupted counts file: section META missing", path);
				goto done;
			}
			if (got.n >= 12 + len) {
				ibuf b = { got.p + 12, got.p + 12 + len, 0 };
				size_t sl;
				const char *s = get_s(&b, &sl);
				if (b.bad) {
					err = rh_error__set(RH_EPARSE, "%s: corrupted counts file: section META", path);
					goto done;
				}
				if (!(*out = rh__strndup(s, sl)))
					err = RH_ENOMEM;
				goto done;
			}
		}
		if ((n = fread(in, 1, sizeof in, fp)) == 0) {
			err = rh_error__set(RH_EPARSE, "%s: truncated counts file (it ends inside its settings)", path);
			goto done;
		}
		ZSTD_inBuffer zi = { in, n, 0 };
		while (zi.pos < zi.size) {
			/* Room for what the header says is left, up to zstd's block: a small file, a small buffer. */
			size_t room = ZSTD_DStreamOutSize();
			if (plen > got.n && plen - got.n < room)
				room = (size_t)(plen - got.n);
			if (rh__grow(&got.p, &got.cap, got.n + room, 1) < 0) {
				err = RH_ENOMEM;
				goto done;
			}
			ZSTD_outBuffer zo = { got.p + got.n, got.cap - got.n, 0 };
			size_t r = ZSTD_decompressStream(*dc, &zo, &zi);
			if (ZSTD_isError(r)) {
				err = rh_error__set(RH_EPARSE, "%s: corrupted counts file (%s)", path, ZSTD_getErrorName(r));
				goto done;
			}
			got.n += zo.pos;
			if (r == 0 && zo.pos == 0)
				break;
		}
	}
done:
	free(got.p);
	fclose(fp);
	return err;
}

/* The first line where two settings disagree, but for the keys of a shard's own: 0 when none. */
static int settings_differ(const char *a, const char *b, char *key, size_t n)
{
	for (;;) {
		while (*a && per_shard_key(a, strcspn(a, "=")))
			a += strcspn(a, "\n") + (a[strcspn(a, "\n")] != '\0');
		while (*b && per_shard_key(b, strcspn(b, "=")))
			b += strcspn(b, "\n") + (b[strcspn(b, "\n")] != '\0');
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
		if (!*a && !*b)
			return 0;
		if (la != lb || memcmp(a, b, la)) {
			size_t kl = strcspn(*a ? a : b, "=");
			snprintf(key, n, "%.*s", (int)(kl < 64 ? kl : 64), *a ? a : b);
			return 1;
		}
		a += la + (a[la] != '\0');
		b += lb + (b[lb] != '\0');
	}
}

/* The merged counts as they grow, one shard at a time. */
typedef struct {
	rh_countsfile *f;        /* the result: corpus, dictionary, info */
	rh_counts__parts p;      /* its counts; docs' groups are ids in gnames until the end */
	rh_vocab *gnames;        /* group names in the order they were met */
	size_t nnz, nnz_cap, kwic_cap, matches_cap, gc_cap;
	uint64_t *cells;         /* key: (group id x concept) << 32 | term; sorted */
	uint64_t *o11;
	size_t ncells;
	obuf manifest;
	size_t ndocs;            /* documents merged so far */
	const char *last_path;
} merger;

typedef struct {
	uint64_t key, n;
} cell_kv;

static int cmp_kv(const void *a, const void *b)
{
	uint64_t x = ((const cell_kv *)a)->key, y = ((const cell_kv *)b)->key;
	return x < y ? -1 : x > y;
}

/* The shard's cells, in merged ids and sorted, summed into the merged cells by one linear merge. */
static int merge_cells(merger *m, cell_kv *kv, size_t n)
{
	size_t total = m->ncells + n, i = 0, j = 0, k = 0;
	uint64_t *keys, *vals;
	if (n)
		qsort(kv, n, sizeof *kv, cmp_kv);
	if (!(keys = rh__malloc((total + 1) * sizeof *keys)) || !(vals = rh__malloc((total + 1) * sizeof *vals))) {
		free(keys);
		return RH_ENOMEM;
	}
	while (i < m->ncells || j < n) {
		uint64_t key;
		if (j >= n || (i < m->ncells && m->cells[i] <= kv[j].key)) {
			key = m->cells[i];
			if (k && keys[k - 1] == key)
				vals[k - 1] += m->o11[i];
			else
				keys[k] = key, vals[k++] = m->o11[i];
			i++;
		} else {
			key = kv[j].key;
			if (k && keys[k - 1] == key)
				vals[k - 1] += kv[j].n;
			else
				keys[k] = key, vals[k++] = kv[j].n;
			j++;
		}
	}
	free(m->cells);
	free(m->o11);
	m->cells = keys;
	m->o11 = vals;
	m->ncells = k;
	return 0;
}

static int merge_one(merger *m, rh_countsfile *s, const char *path)
{
	const rh_counts *c = s->counts;
	const rh_corpus *sc = s->corpus;
	rh_counts__parts *p = &m->p;
	size_t nd = rh_counts_doc_count(c), nterms = rh_vocab_size(rh_counts_vocab(c));
	size_t ng = rh_counts_group_count(c), nc = p->nconcepts, nmeta = rh_corpus_meta_count(sc);
	uint32_t *tmap = NULL, *gmap = NULL;
	const char **vals = NULL;
	cell_kv *kv = NULL;
	size_t nkv = 0, kvcap = 0, nm;
	int err = 0;

	if (s->info.first_doc != m->ndocs || m->ndocs + nd > m->f->info.total_docs)
		return rh_error__set(RH_EUSAGE, "%s starts at document %zu, but the shards before it end at %zu", path,
				     s->info.first_doc, m->ndocs);
	if (nmeta != rh_corpus_meta_count(m->f->corpus))
		return rh_error__set(RH_EUSAGE, "%s and %s have different metadata columns", m->last_path, path);
	for (size_t k = 0; k < nmeta; k++)
		if (strcmp(rh_corpus_meta_name(sc, k), rh_corpus_meta_name(m->f->corpus, k)))
			return rh_error__set(RH_EUSAGE, "%s and %s have different metadata columns (%s, %s)", m->last_path,
					     path, rh_corpus_meta_name(m->f->corpus, k), rh_corpus_meta_name(sc, k));
	/* Shards in order hold ascending doc_ids: one not above the last merged is a shared document. */
	if (nd && m->ndocs && strcmp(rh_corpus_doc_id(sc, 0), rh_corpus_doc_id(m->f->corpus, m->ndocs - 1)) <= 0)
		return rh_error__set(RH_EUSAGE, "%s and %s share documents (%s)", m->last_path, path, rh_corpus_doc_id(sc, 0));
	if (!(tmap = rh__malloc((nterms + 1) * sizeof *tmap)) || !(gmap = rh__malloc((ng + 1) * sizeof *gmap)) ||
	    !(vals = rh__calloc(nmeta + 1, sizeof *vals))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* Terms new to the merge take the next ids in the shard's own order: the order of one pass. */
	for (uint32_t t = 0; t < nterms; t++) {
		size_t len;
		const char *str = rh_vocab_term(rh_counts_vocab(c), t, &len);
		int64_t id = rh_vocab_intern(p->vocab, str, len);
		if (id < 0) {
			err = (int)id;
			goto done;
		}
		tmap[t] = (uint32_t)id;
	}
	for (size_t g = 0; g < ng; g++) {
		const char *name = rh_counts_group_name(c, g);
		int64_t id = rh_vocab_intern(m->gnames, name, strlen(name));
		if (id < 0) {
			err = (int)id;
			goto done;
		}
		gmap[g] = (uint32_t)id;
	}
	size_t ngc = rh_vocab_size(m->gnames) * nc;
	if (nc && ngc > m->gc_cap) {
		size_t cap = m->gc_cap;
		if (rh__grow(&p->r1, &cap, ngc, sizeof *p->r1) < 0)
			goto oom;
		cap = m->gc_cap;
		if (rh__grow(&p->f_node, &cap, ngc, sizeof *p->f_node) < 0)
			goto oom;
		memset(p->r1 + m->gc_cap, 0, (cap - m->gc_cap) * sizeof *p->r1);
		memset(p->f_node + m->gc_cap, 0, (cap - m->gc_cap) * sizeof *p->f_node);
		m->gc_cap = cap;
	}
	for (size_t d = 0; d < nd; d++) {
		const rh_doc_stats *ds = rh_counts_doc(c, d);
		const uint32_t *t, *k;
		size_t n, doc = m->ndocs + d;
		for (size_t i = 0; i < nmeta; i++)
			vals[i] = rh_corpus_meta(sc, d, i);
		if ((err = rh_corpus__set_counted(m->f->corpus, doc, rh_corpus_doc_id(sc, d), rh_corpus_doc_source(sc, d),
						  vals)) < 0)
			goto done;
		p->docs[doc] = *ds;
		p->docs[doc].group = gmap[ds->group];
		rh_counts_doc_terms(c, d, &t, &k, &n);
		if (rh__grow(&p->col, &m->nnz_cap, m->nnz + n + 1, sizeof *p->col) < 0 ||
		    rh__realloc_to(&p->val, m->nnz_cap, sizeof *p->val) < 0)
			goto oom;
		for (size_t i = 0; i < n; i++) {
			p->col[m->nnz] = tmap[t[i]];
			p->val[m->nnz++] = k[i];
		}
		p->row_ptr[doc + 1] = m->nnz;
	}
	const rh_match *mt = rh_counts_matches(c, &nm);
	if (rh__grow(&p->matches, &m->matches_cap, p->nmatches + nm + 1, sizeof *p->matches) < 0)
		goto oom;
	if (rh_counts_opts(c)->kwic_context && rh__grow(&p->kwic, &m->kwic_cap, 3 * (p->nmatches + nm) + 1, sizeof *p->kwic) < 0)
		goto oom;
	for (size_t i = 0; i < nm; i++, p->nmatches++) {
		const char *lmr[3];
		p->matches[p->nmatches] = mt[i];
		p->matches[p->nmatches].doc = (uint32_t)(mt[i].doc + m->ndocs);
		if (!p->kwic)
			continue;
		rh_counts_kwic(c, i, &lmr[0], &lmr[1], &lmr[2]);
		p->kwic[3 * p->nmatches] = p->kwic[3 * p->nmatches + 1] = p->kwic[3 * p->nmatches + 2] = NULL;
		for (int x = 0; x < 3; x++) {
			if (!(p->kwic[3 * p->nmatches + x] = rh__strdup(lmr[x]))) {
				p->nmatches++; /* so the strings copied so far are freed */
				goto oom;
			}
		}
	}
	for (size_t g = 0; g < ng && nc; g++)
		for (size_t k = 0; k < nc; k++) {
			const rh_cooc_cell *cells;
			size_t n;
			uint64_t r1, f, gc = (uint64_t)gmap[g] * nc + k;
			if ((err = rh_counts_collocates(c, g, k, &cells, &n, &r1, &f)) < 0)
				goto done;
			p->r1[gc] += r1;
			p->f_node[gc] += f;
			if (rh__grow(&kv, &kvcap, nkv + n + 1, sizeof *kv) < 0)
				goto oom;
			for (size_t i = 0; i < n; i++)
				kv[nkv++] = (cell_kv){ gc << 32 | tmap[cells[i].term], cells[i].o11 };
		}
	if ((err = merge_cells(m, kv, nkv)) < 0)
		goto done;
	/* The dictionary's warnings once, from the first shard; each shard's own after them. */
	const rh_warnings *w = rh_counts_warnings(c);
	for (size_t i = m->ndocs ? (s->dict ? rh_warnings_count(rh_dict_warnings(s->dict)) : 0) : 0;
	     i < rh_warnings_count(w); i++)
		if ((err = rh_warnings__add(&p->warnings, "%s", rh_warnings_at(w, i))) < 0)
			goto done;
	put_bytes(&m->manifest, s->info.manifest ? s->info.manifest : "", s->info.manifest_len);
	if ((err = m->manifest.err) < 0)
		goto done;
	m->ndocs += nd;
	m->last_path = path;
	goto done;
oom:
	err = RH_ENOMEM;
done:
	free(tmap);
	free(gmap);
	free(vals);
	free(kv);
	return err;
}

static int cmp_name_idx(const void *a, const void *b, void *ud)
{
	const rh_vocab *v = ud;
	size_t la, lb;
	const char *x = rh_vocab_term(v, *(const uint32_t *)a, &la), *y = rh_vocab_term(v, *(const uint32_t *)b, &lb);
	int r = memcmp(x, y, la < lb ? la : lb);
	return r ? r : (la > lb) - (la < lb);
}

/* Groups sorted by name as one pass sorts them; documents, windows and cells follow. */
static int merge_finish(merger *m)
{
	rh_counts__parts *p = &m->p;
	size_t ng = rh_vocab_size(m->gnames), nc = p->nconcepts, ngc = ng * nc;
	uint32_t *order = rh__malloc((ng + 1) * sizeof *order), *rank = rh__malloc((ng + 1) * sizeof *rank);
	uint64_t *r1 = rh__calloc(ngc + 1, sizeof *r1), *fn = rh__calloc(ngc + 1, sizeof *fn);
	cell_kv *kv = rh__malloc((m->ncells + 1) * sizeof *kv);
	int err = 0;

	if (!order || !rank || !r1 || !fn || !kv || !(p->groups = rh__calloc(ng + 1, sizeof *p->groups)) ||
	    !(p->cell_ptr = rh__calloc(ngc + 1, sizeof *p->cell_ptr)) ||
	    !(p->cells = rh__malloc((m->ncells + 1) * sizeof *p->cells))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (uint32_t g = 0; g < ng; g++)
		order[g] = g;
	qsort_r(order, ng, sizeof *order, cmp_name_idx, m->gnames);
	for (uint32_t g = 0; g < ng; g++) {
		size_t len;
		const char *s = rh_vocab_term(m->gnames, order[g], &len);
		rank[order[g]] = g;
		if (!(p->groups[g] = rh__strndup(s, len))) {
			err = RH_ENOMEM;
			goto done;
		}
	}
	p->ngroups = ng;
	for (size_t d = 0; d < p->ndocs; d++)
		p->docs[d].group = rank[p->docs[d].group];
	for (size_t g = 0; g < ng; g++)
		for (size_t k = 0; k < nc; k++) {
			r1[rank[g] * nc + k] = p->r1[g * nc + k];
			fn[rank[g] * nc + k] = p->f_node[g * nc + k];
		}
	free(p->r1);
	free(p->f_node);
	p->r1 = r1, r1 = NULL;
	p->f_node = fn, fn = NULL;
	for (size_t i = 0; i < m->ncells; i++) {
		uint64_t gc = m->cells[i] >> 32, g = gc / nc, k = gc % nc;
		kv[i] = (cell_kv){ (rank[g] * nc + k) << 32 | (m->cells[i] & 0xffffffffu), m->o11[i] };
	}
	if (m->ncells)
		qsort(kv, m->ncells, sizeof *kv, cmp_kv);
	for (size_t i = 0; i < m->ncells; i++) {
		p->cells[i] = (rh_cooc_cell){ (uint32_t)(kv[i].key & 0xffffffffu), (uint32_t)kv[i].n };
		p->cell_ptr[(kv[i].key >> 32) + 1]++;
	}
	for (size_t i = 0; i < ngc; i++)
		p->cell_ptr[i + 1] += p->cell_ptr[i];
done:
	free(order);
	free(rank);
	free(r1);
	free(fn);
	free(kv);
	return err;
}

/* The result takes the first shard's corpus columns and warnings, dictionary and settings. */
static int merge_start(merger *m, rh_countsfile *first)
{
	rh_countsfile *f;
	const rh_corpus *sc = first->corpus;
	size_t nmeta = rh_corpus_meta_count(sc), total = first->info.total_docs;
	const char **names = rh__calloc(nmeta + 1, sizeof *names);
	int err;

	if (!names || !(f = m->f = rh__calloc(1, sizeof *f))) {
		free(names);
		return RH_ENOMEM;
	}
	for (size_t k = 0; k < nmeta; k++)
		names[k] = rh_corpus_meta_name(sc, k);
	err = rh_corpus__new_counted(&f->corpus, total, names, nmeta);
	free(names);
	if (err < 0)
		return err;
	for (size_t i = 0; i < rh_warnings_count(rh_corpus_warnings(sc)); i++)
		if ((err = rh_corpus__warn(f->corpus, rh_warnings_at(rh_corpus_warnings(sc), i))) < 0)
			return err;
	f->dict = first->dict;
	first->dict = NULL;
	/* The shard's counts borrow the dictionary: they go before the shard does. */
	f->info = first->info;
	f->info.shard = f->info.nshards = 1;
	f->info.first_doc = 0;
	if (!(f->settings = rh__strdup(first->settings)) || !(f->where = rh__strdup(first->where ? first->where : "")) ||
	    !(f->corpus_name = rh__strdup(first->corpus_name ? first->corpus_name : "")) ||
	    !(f->dict_name = rh__strdup(first->dict_name ? first->dict_name : "")))
		return RH_ENOMEM;
	f->info.where = *f->where ? f->where : NULL;
	f->info.corpus = *f->corpus_name ? f->corpus_name : NULL;
	f->info.dictionary = *f->dict_name ? f->dict_name : NULL;
	m->p.ndocs = total;
	m->p.nconcepts = f->dict ? rh_dict_concept_count(f->dict) : 0;
	if (!(m->p.docs = rh__calloc(total + 1, sizeof *m->p.docs)) ||
	    !(m->p.row_ptr = rh__calloc(total + 1, sizeof *m->p.row_ptr)))
		return RH_ENOMEM;
	if ((err = rh_vocab_new(&m->p.vocab)) < 0 || (err = rh_vocab_new(&m->gnames)) < 0)
		return err;
	return 0;
}

/* Every shard's settings agree, and each of 1..N is given once. */
static int check_shards(const char *const *paths, size_t n, char **settings, size_t *order)
{
	unsigned k0 = 0, n0 = 0;
	char key[80], a[256], b[256], va[256], vb[256];
	for (size_t i = 0; i < n; i++) {
		unsigned k, nn;
		char shard[64];
		if (!setting(settings[i], "shard", shard, sizeof shard) || sscanf(shard, "%u/%u", &k, &nn) != 2 || k < 1 ||
		    k > nn)
			return rh_error__set(RH_EPARSE, "%s: corrupted counts file: setting shard", paths[i]);
		if (i == 0) {
			k0 = k, n0 = nn;
			if (n0 > n + 1000000)
				return rh_error__set(RH_EUSAGE, "%s is shard %u of %u: %zu given", paths[0], k, nn, n);
			for (size_t j = 0; j < n0; j++)
				order[j] = SIZE_MAX;
		} else if (nn != n0) {
			return rh_error__set(RH_EUSAGE, "%s is shard %u/%u but %s is shard %u/%u: shards of different countings",
					     paths[0], k0, n0, paths[i], k, nn);
		}
		if (settings_differ(settings[0], settings[i], key, sizeof key)) {
			snprintf(a, sizeof a, "%s", setting(settings[0], key, va, sizeof va) ? va : "(none)");
			snprintf(b, sizeof b, "%s", setting(settings[i], key, vb, sizeof vb) ? vb : "(none)");
			return rh_error__set(RH_EUSAGE, "%s and %s were counted with different settings: %s is '%s' in one and '%s' in the other%s",
					     paths[0], paths[i], key, a, b,
					     !strcmp(key, "rhetor") ? " (versions of rhetor)" :
					     !strcmp(key, "dictionary") ? " (different dictionaries)" :
					     !strcmp(key, "ids") || !strcmp(key, "documents") ? " (different corpora or selections)" : "");
		}
		if (order[k - 1] != SIZE_MAX)
			return rh_error__set(RH_EUSAGE, "shard %u/%u is given twice: %s and %s", k, nn, paths[order[k - 1]], paths[i]);
		order[k - 1] = i;
	}
	for (unsigned k = 0; k < n0; k++)
		if (order[k] == SIZE_MAX)
			return rh_error__set(RH_EUSAGE, "shard %u/%u is missing (%zu of %u shards given, the first %s)", k + 1, n0, n,
					     n0, paths[0]);
	return 0;
}

RH_API int rh_countsfile_merge(rh_countsfile **out, const char *const *paths, size_t n)
{
	char **settings = NULL;
	size_t *order = NULL, nsh = 0;
	ZSTD_DCtx *dc = NULL; /* one for every shard */
	merger m;
	int err = 0;

	*out = NULL;
	memset(&m, 0, sizeof m);
	if (n == 0)
		return rh_error__set(RH_EUSAGE, "no shards to merge");
	if (!(settings = rh__calloc(n, sizeof *settings))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if ((err = peek_settings(paths[i], &settings[i], &dc)) < 0)
			goto done;
	/* The first shard's number of shards bounds the table of which file is which. */
	{
		char shard[64];
		unsigned k = 0;
		if (setting(settings[0], "shard", shard, sizeof shard))
			sscanf(shard, "%u/%zu", &k, &nsh);
	}
	if (nsh < 1 || nsh > n + 1000000) {
		err = rh_error__set(RH_EUSAGE, "%s says it is one of %zu shards, %zu given", paths[0], nsh, n);
		goto done;
	}
	if (!(order = rh__malloc(nsh * sizeof *order))) {
		err = RH_ENOMEM;
		goto done;
	}
	if ((err = check_shards(paths, n, settings, order)) < 0)
		goto done;
	for (size_t k = 0; k < nsh; k++) {
		rh_countsfile *s = NULL;
		const char *path = paths[order[k]];
		if ((err = read_path(&s, path, &dc)) < 0)
			goto done;
		if (k == 0 && (err = merge_start(&m, s)) < 0) {
			rh_countsfile_free(s);
			goto done;
		}
		err = merge_one(&m, s, path);
		rh_countsfile_free(s);
		if (err < 0)
			goto done;
	}
	if (m.ndocs != m.f->info.total_docs) {
		err = rh_error__set(RH_EUSAGE, "the shards hold %zu documents of %zu", m.ndocs, m.f->info.total_docs);
		goto done;
	}
	if ((err = merge_finish(&m)) < 0)
		goto done;
	if (m.manifest.n && !(m.f->manifest = rh__strndup((const char *)m.manifest.p, m.manifest.n))) {
		err = RH_ENOMEM;
		goto done;
	}
	m.f->info.manifest = m.f->manifest;
	m.f->info.manifest_len = m.manifest.n;
	{
		rh_counts_options op = RH_COUNTS_OPTIONS_INIT;
		size_t total;
		opts_from_settings(m.f->settings, &op, &total);
		if ((err = assemble(m.f, &op, &m.p)) < 0)
			goto done;
	}
	*out = m.f;
	m.f = NULL;
done:
	for (size_t i = 0; settings && i < n; i++)
		free(settings[i]);
	free(settings);
	free(order);
	ZSTD_freeDCtx(dc);
	rh_counts__parts_free(&m.p);
	rh_vocab_free(m.gnames);
	free(m.cells);
	free(m.o11);
	free(m.manifest.p);
	rh_countsfile_free(m.f);
	return err;
}
