/* analysis_hash.c: SHA-256 digests of files and of a corpus's documents (OpenSSL libcrypto), for lock files. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "internal.h"
#include "rhetor/analysis.h"
#include "rhetor/counts.h"


static void to_hex(char hex[RH_SHA256_HEX], const unsigned char *md)
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

int rh_sha256__raw(unsigned char md[32], const void *buf, size_t len)
{
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (!EVP_Digest(buf, len, out, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		return rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)");
	memcpy(md, out, 32);
	return 0;
}

RH_API int rh_analysis_sha256(char hex[RH_SHA256_HEX], const void *buf, size_t len)
{
	unsigned char md[32];
	int err = rh_sha256__raw(md, buf, len);
	if (err == 0)
		to_hex(hex, md);
	return err;
}

RH_API int rh_analysis_sha256_file(char hex[RH_SHA256_HEX], const char *path)
{
	unsigned char md[EVP_MAX_MD_SIZE], *buf = NULL;
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = NULL;
	FILE *fp = NULL;
	size_t n;
	int err = 0;

	if (!(fp = fopen(path, "rb"))) {
		err = rh_error__set(RH_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	if (!(buf = rh__malloc(1 << 16)) || !(ctx = EVP_MD_CTX_new()) ||
	    !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		err = buf ? rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)") : RH_ENOMEM;
		goto done;
	}
	while ((n = fread(buf, 1, 1 << 16, fp)) > 0)
		if (!EVP_DigestUpdate(ctx, buf, n)) {
			err = rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)");
			goto done;
		}
	if (ferror(fp)) {
		err = rh_error__set(RH_EIO, "%s: read error", path);
		goto done;
	}
	if (!EVP_DigestFinal_ex(ctx, md, &mdlen) || mdlen != 32) {
		err = rh_error__set(RH_ENOMEM, "SHA-256 failed (libcrypto)");
		goto done;
	}
	to_hex(hex, md);
done:
	EVP_MD_CTX_free(ctx);
	free(buf);
	if (fp)
		fclose(fp);
	return err;
}

/*
 * Items handed out one at a time to the threads: files by path, or the
 * documents of a corpus (each thread keeps one read buffer). Each item's
 * digest into hex[i], its error and message into err[i], errmsg[i].
 */
typedef struct {
	const char *const *paths; /* or NULL: the documents of c */
	const rh_corpus *c;
	size_t n;
	atomic_size_t *next;
	char (*hex)[RH_SHA256_HEX];
	int *err;
	char **errmsg;
} digest_job;

static void *digest_worker(void *arg)
{
	digest_job *j = arg;
	char *buf = NULL;
	size_t cap = 0, len, i;
	int err;
	while ((i = atomic_fetch_add(j->next, 1)) < j->n) {
		if (j->paths)
			err = rh_analysis_sha256_file(j->hex[i], j->paths[i]);
		else if ((err = rh_corpus_read(j->c, i, &buf, &cap, &len)) == 0)
			err = rh_analysis_sha256(j->hex[i], buf ? buf : "", len);
		if ((j->err[i] = err) < 0)
			j->errmsg[i] = strdup(rh_error_last());
	}
	free(buf);
	return NULL;
}

/*
 * The n items of `base` digested on `threads` threads (0: one per core);
 * the error of the first failing item in their order, whatever thread met
 * it first.
 */
static int digest_all(digest_job base, unsigned threads)
{
	digest_job jobs[RH__MAX_THREADS];
	atomic_size_t next;
	unsigned nt = rh__threads(threads);
	int err = 0;
	base.err = rh__calloc(base.n + 1, sizeof *base.err);
	base.errmsg = rh__calloc(base.n + 1, sizeof *base.errmsg);
	if (!base.err || !base.errmsg) {
		free(base.err);
		free(base.errmsg);
		return RH_ENOMEM;
	}
	if (nt > base.n)
		nt = base.n ? (unsigned)base.n : 1;
	atomic_init(&next, 0);
	base.next = &next;
	for (unsigned t = 0; t < nt; t++)
		jobs[t] = base;
	rh__run_threads(digest_worker, jobs, sizeof *jobs, nt);
	for (size_t i = 0; i < base.n && err == 0; i++)
		if (base.err[i] < 0)
			err = rh_error__set(base.err[i], "%s",
					    base.errmsg[i] ? base.errmsg[i]
					    : base.paths   ? base.paths[i]
							   : "cannot read a document");
	for (size_t i = 0; i < base.n; i++)
		free(base.errmsg[i]);
	free(base.err);
	free(base.errmsg);
	return err;
}

RH_API int rh_analysis_sha256_files(char (*hex)[RH_SHA256_HEX], const char *const *paths, size_t n, unsigned threads)
{
	return digest_all((digest_job){ .paths = paths, .n = n, .hex = hex }, threads);
}

/* A doc_id as one manifest field: %, TAB, CR and LF escaped. */
static size_t escaped_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += (*s == '%' || *s == '\t' || *s == '\r' || *s == '\n') ? 3 : 1;
	return n;
}

static char *put_escaped(char *p, const char *s)
{
	for (; *s; s++) {
		if (*s == '%' || *s == '\t' || *s == '\r' || *s == '\n')
			p += sprintf(p, "%%%02X", (unsigned char)*s);
		else
			*p++ = *s;
	}
	return p;
}

/* The manifest's lines from each document's digest (hex[d]) and doc_id. */
static int write_manifest(char **manifest, size_t *len, const rh_corpus *c, char (*hex)[RH_SHA256_HEX])
{
	size_t n = rh_corpus_count(c), total = 1;
	char *out, *p;
	for (size_t d = 0; d < n; d++)
		total += 64 + 2 + escaped_len(rh_corpus_doc_id(c, d));
	if (!(out = rh__malloc(total)))
		return RH_ENOMEM;
	p = out;
	for (size_t d = 0; d < n; d++) {
		memcpy(p, hex[d], 64);
		p += 64;
		*p++ = '\t';
		p = put_escaped(p, rh_corpus_doc_id(c, d));
		*p++ = '\n';
	}
	*p = '\0';
	*manifest = out;
	*len = (size_t)(p - out);
	return 0;
}

RH_API int rh_analysis_corpus_manifest(char **manifest, size_t *len, const rh_corpus *c, unsigned threads)
{
	size_t n = rh_corpus_count(c);
	char (*hex)[RH_SHA256_HEX] = rh__calloc(n + 1, sizeof *hex);
	int err;

	*manifest = NULL;
	*len = 0;
	if (!hex)
		return RH_ENOMEM;
	if ((err = digest_all((digest_job){ .c = c, .n = n, .hex = hex }, threads)) == 0)
		err = write_manifest(manifest, len, c, hex);
	free(hex);
	return err;
}

RH_API int rh_analysis_counts_manifest(char **manifest, size_t *len, const rh_counts *counts, unsigned threads)
{
	const rh_corpus *c = rh_counts_corpus(counts);
	size_t n = rh_corpus_count(c);
	char (*hex)[RH_SHA256_HEX];
	int err;

	*manifest = NULL;
	*len = 0;
	if (n == 0 || !rh_counts_doc_sha256(counts, 0))
		return rh_analysis_corpus_manifest(manifest, len, c, threads);
	if (!(hex = rh__malloc(n * sizeof *hex)))
		return RH_ENOMEM;
	for (size_t d = 0; d < n; d++)
		to_hex(hex[d], rh_counts_doc_sha256(counts, d));
	err = write_manifest(manifest, len, c, hex);
	free(hex);
	return err;
}
