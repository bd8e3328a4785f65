/* rhetor/countsfile.h: counts files: the counting pass saved, read back, sharded and merged. */
#ifndef RHETOR_COUNTSFILE_H
#define RHETOR_COUNTSFILE_H

#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "common.h"
#include "corpus.h"
#include "counts.h"
#include "dict.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The format version this library writes and reads (docs/counts-format.md). */
#define RH_COUNTSFILE_VERSION 1

/*
 * What a counts file records beyond the counts: which part of which
 * selection of documents it counted, and the inputs that made it. Strings
 * are borrowed (from the caller when writing, from the rh_countsfile when
 * read).
 */
typedef struct {
	unsigned shard, nshards;   /* shard K of N, 1-based; 1 of 1 for a whole corpus */
	size_t first_doc;          /* the index of the shard's first document in the whole selection */
	size_t total_docs;         /* documents in the whole selection */
	char ids[RH_SHA256_HEX];   /* SHA-256 of the whole selection's doc ids, one a line ("" = not known) */
	char known_words[RH_SHA256_HEX]; /* SHA-256 of the known words of dehyphenate ("" = none) */
	char ngram_stop[RH_SHA256_HEX];  /* SHA-256 of the n-grams' edge stop list ("" = none) */
	const char *where;         /* the selection (--where) as written, or NULL */
	const char *corpus;        /* the corpus as the counting command named it (messages only), or NULL */
	const char *dictionary;    /* the dictionary file as named (messages only), or NULL */
	const char *manifest;      /* the shard's corpus manifest (rh_analysis_corpus_manifest), or NULL */
	size_t manifest_len;
} rh_countsfile_info;

#define RH_COUNTSFILE_INFO_INIT { 1, 1, 0, 0, "", "", "", NULL, NULL, NULL, NULL, 0 }

/*
 * Keeps the documents of shard `k` of `n` (1 <= k <= n) of corpus `c`: the
 * k-th of n contiguous blocks of its documents in their order (document d
 * of D is in block floor(d n / D) + 1), so every document is in exactly one
 * shard and the shards in order are the corpus in order. Fills info's
 * shard, nshards, first_doc, total_docs and ids from the whole corpus.
 * Returns 0, RH_EUSAGE for k or n out of range, RH_ENOMEM.
 */
RH_EXTERN(int) rh_countsfile_shard(rh_corpus *c, unsigned k, unsigned n, rh_countsfile_info *info);

/*
 * Writes counts `c` (built by rh_counts_build, or read from a counts file)
 * and `info` to `fp` as a counts file: the documents with their ids and
 * metadata, the vocabulary, every count, the groups, the phrase matches
 * with their KWIC text, the collocation windows, the warnings, the
 * dictionary, and the settings that made them. The same counts and info
 * give the same bytes. Returns 0, RH_EIO (a write failed), RH_ENOMEM.
 */
RH_EXTERN(int) rh_countsfile_write(FILE *fp, const rh_counts *c, const rh_countsfile_info *info);

/*
 * The SHA-256 of a word list as loaded (its terms in id order, each
 * followed by LF), as a counts file records the known words and the
 * n-grams' stop list. Returns 0 or RH_ENOMEM.
 */
RH_EXTERN(int) rh_countsfile_words_digest(char hex[RH_SHA256_HEX], const rh_vocab *words);

/*
 * 1 when dictionaries `a` and `b` hold the same patterns of the same
 * concepts with the same annotations, in the same order (what a counts
 * file's dictionary digest covers), else 0.
 */
RH_EXTERN(int) rh_countsfile_same_dict(const rh_dict *a, const rh_dict *b);

typedef struct rh_countsfile rh_countsfile;

/*
 * Reads a counts file: counts that every table's writer reads as it reads
 * counts just built (over documents whose ids and metadata the file holds,
 * and whose text is not kept). A file that is not a counts file, of
 * another format version, truncated or corrupted (its SHA-256 does not
 * match) is RH_EPARSE naming `path`; an unreadable one RH_EIO.
 */
RH_EXTERN(int) rh_countsfile_read(rh_countsfile **out, const char *path);
RH_EXTERN(void) rh_countsfile_free(rh_countsfile *f);

/* Borrowed from `f`, alive as long as it. */
RH_EXTERN(const rh_counts *) rh_countsfile_counts(const rh_countsfile *f);
RH_EXTERN(const rh_countsfile_info *) rh_countsfile_info_of(const rh_countsfile *f);
/* The settings as the file records them: "key=value" lines (docs/counts-format.md). */
RH_EXTERN(const char *) rh_countsfile_settings(const rh_countsfile *f);

/*
 * Merges the shards in `paths` (any order) into the counts of the whole
 * selection, equal to counting it in one pass. Shards are read one at a
 * time: memory follows the merged vocabulary and counts, not the number of
 * shards. Refused (RH_EUSAGE, naming the files): shards counted with other
 * settings, dictionaries, selections or versions of rhetor, of different
 * numbers of shards, a shard given twice, a missing shard, shards that
 * share a document; RH_EPARSE / RH_EIO as rh_countsfile_read.
 */
RH_EXTERN(int) rh_countsfile_merge(rh_countsfile **out, const char *const *paths, size_t n);

#ifdef __cplusplus
}
#endif

#endif
