/* rhetor/corpus.h: a corpus: documents, their ids, metadata and text. */
#ifndef RHETOR_CORPUS_H
#define RHETOR_CORPUS_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	const char *text_col;     /* CSV corpus: the text column ("text") */
	const char *id_col;       /* CSV corpus: the id column ("doc_id"; when the
				     CSV has none, ids are the 1-based row numbers) */
	const char *meta_path;    /* metadata CSV joined on doc_id, or NULL */
	const char *meta_id_col;  /* its id column ("doc_id") */
	const char *name_pattern; /* e.g. "{country}_{session}_{year}", or NULL */
	/* Several metadata CSVs, each joined on doc_id in turn (used in place
	 * of meta_path when nmeta_paths > 0): a column of several files is one
	 * column, and two files giving one document different values for it
	 * is an RH_EPARSE error naming both. */
	const char *const *meta_paths;
	size_t nmeta_paths;
} rh_corpus_options;

#define RH_CORPUS_OPTIONS_INIT { "text", "doc_id", NULL, "doc_id", NULL, NULL, 0 }

typedef struct rh_corpus rh_corpus;

/*
 * Opens a corpus: a directory of .txt files (recursive; doc_id is the path
 * below the directory without ".txt") or a .csv file with a text column.
 * Documents are sorted by doc_id (byte order). Metadata come from the
 * metadata CSV (joined on doc_id) and from the name pattern, in that order of
 * columns. Problems the corpus survives (a metadata row with no document, a
 * document with no metadata, a file name that does not fit the pattern) are
 * warnings; a malformed CSV, a missing id column, duplicate doc_ids or an
 * unreadable directory are errors (RH_EPARSE / RH_EIO) naming file and line.
 */
RH_EXTERN(int) rh_corpus_open(rh_corpus **out, const char *path, const rh_corpus_options *opts);
RH_EXTERN(void) rh_corpus_free(rh_corpus *c);

/*
 * Several corpora read as one: `n` paths (each as rh_corpus_open reads
 * it), their documents in doc_id order, each with a `corpus` metadata
 * column holding its corpus's name: names[i], or (names NULL) the path's
 * last component without ".csv" ("seed/texts" is "texts"). Metadata and
 * the name pattern of `opts` apply to the whole. A doc_id in two corpora,
 * and two corpora of one name, are RH_EUSAGE errors naming both. With
 * n == 1 and names NULL, exactly rh_corpus_open (no corpus column).
 */
RH_EXTERN(int) rh_corpus_open_many(rh_corpus **out, const char *const *paths, const char *const *names, size_t n,
				   const rh_corpus_options *opts);

/*
 * A corpus from memory: `n` documents, document i with id ids[i] and the
 * text texts[i] of lens[i] bytes (lens NULL: each text ends at its first
 * NUL byte), and `ncols` metadata columns, column j named names[j] with
 * document i's value at values[j * n + i] (column by column; a NULL value
 * is no value). Every byte is copied: the arrays may go once it returns.
 * Documents are sorted by doc_id as rh_corpus_open sorts them, and a
 * document's source, for messages, is "row K" (K its 1-based place in the
 * arrays). Invalid UTF-8 in an id, a name or a value is read as U+FFFD
 * with a warning, as in files. An empty or missing id, an id given twice,
 * an empty or repeated column name, or a text over RH_MAX_DOCUMENT bytes
 * is RH_EUSAGE naming the rows. Returns 0, RH_EUSAGE or RH_ENOMEM; *out
 * belongs to the caller.
 */
RH_EXTERN(int) rh_corpus_new(rh_corpus **out, size_t n, const char *const *ids, const char *const *texts,
			     const size_t *lens, size_t ncols, const char *const *names, const char *const *values);

RH_EXTERN(size_t) rh_corpus_count(const rh_corpus *c);
RH_EXTERN(const char *) rh_corpus_doc_id(const rh_corpus *c, size_t doc);
/* Where the document comes from, for messages: its file, or "FILE.csv:LINE". */
RH_EXTERN(const char *) rh_corpus_doc_source(const rh_corpus *c, size_t doc);

/* Metadata columns (doc_id itself is not one). */
RH_EXTERN(size_t) rh_corpus_meta_count(const rh_corpus *c);
RH_EXTERN(const char *) rh_corpus_meta_name(const rh_corpus *c, size_t col);
/* The column named `name`, or -1. */
RH_EXTERN(long) rh_corpus_meta_find(const rh_corpus *c, const char *name);
/* The metadata column names as a message lists them ("a, b, c", or how to add some), in buf (n bytes). Returns buf. */
RH_EXTERN(const char *) rh_corpus_meta_list(const rh_corpus *c, char *buf, size_t n);
/* The value of column `col` for document `doc`; "" when it has none. */
RH_EXTERN(const char *) rh_corpus_meta(const rh_corpus *c, size_t doc, size_t col);

/*
 * Reads document `doc`'s bytes into *buf (grown with realloc as needed; the
 * caller frees it), its length in *len. Safe to call from several threads
 * at once with distinct buffers. Returns 0 or RH_EIO / RH_ENOMEM.
 */
RH_EXTERN(int) rh_corpus_read(const rh_corpus *c, size_t doc, char **buf, size_t *cap, size_t *len);

RH_EXTERN(const rh_warnings *) rh_corpus_warnings(const rh_corpus *c);

/*
 * Leaves out the documents with no value (empty or blank) in column `col`,
 * as a grouping by it needs, with one warning that counts them and names
 * the first few. *left_out gets how many. Returns 0, RH_EUSAGE for an
 * unknown column, RH_ENOMEM.
 */
RH_EXTERN(int) rh_corpus_require(rh_corpus *c, const char *col, size_t *left_out);

#ifdef __cplusplus
}
#endif

#endif
