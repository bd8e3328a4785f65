/* rhetor/analysis.h: analysis files (INI): the schema, its defaults, lock files and SHA-256 digests. */
#ifndef RHETOR_ANALYSIS_H
#define RHETOR_ANALYSIS_H

#include <stddef.h>
#include <stdio.h>

#include "common.h"
#include "corpus.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * An analysis file names a corpus, a dictionary and the tables to compute:
 *
 *   [corpus]   path, meta, meta_id_col, name_pattern, text_col, id_col, by,
 *              keep_case, split_hyphens, dehyphenate, stopwords, min_count,
 *              threads
 *   [phrases]  file
 *   [freq]     top, min_count, stopwords, dispersion
 *   [tfidf]    preset, tf, idf, norm, log_base, unit, min_df, max_df,
 *              similarity, similarity_top, top, min_count, stopwords
 *   [cooc]     window, window_left, window_right, within, min_o11, by_group,
 *              top, min_count, stopwords
 *   [keyness]  target, reference, top, min_count, stopwords
 *   [kwic]     context, within
 *   [trends]   time, period_width
 *   [plot]     format, groups, concepts, titles, width, top, render
 *   [report]   rows, lines (the HTML page: rows per table, concordance lines)
 *   [output]   dir, excel, raw_cells
 *   [rhetor]   version, digest (written in lock files: the digest is the
 *              SHA-256 of the lock as written with an empty digest)
 *   [inputs], [outputs]  free keys: path = SHA-256 (written in lock files)
 *
 * A section that is present is computed ([freq], [tfidf], ... may be empty:
 * every key has a default). An unknown section or key, a key given twice, a
 * value of the wrong kind, a line that is neither `key = value` nor
 * `[section]`, or a line longer than RH_ANALYSIS_MAX_LINE bytes is an
 * RH_EPARSE error naming the file and line. A `;` after white space starts
 * a comment; a line starting with `;` or `#` is one. Leading white space is
 * ignored (a value never continues on the next line).
 *
 * Defaults that follow another key: a section's stopwords and min_count
 * follow [corpus]; cooc.window_left and window_right follow cooc.window;
 * tfidf's tf, idf, norm and log_base follow its preset; cooc.within and
 * kwic.within follow each other (they set the one counting pass, so they
 * must agree), else "doc".
 */

/* Longest line, newline included, that an analysis file may hold. */
#define RH_ANALYSIS_MAX_LINE 196

typedef struct rh_analysis rh_analysis;

/*
 * Parses `len` bytes of `text` (NUL bytes are errors). `name` names the
 * file in messages ("demo.ini:12: unknown key 'tpo' in [freq]"). Values
 * are checked by kind (yes/no, whole numbers, choices), and sections by
 * what they need ([corpus] path; [phrases] file for cooc, kwic and trends;
 * corpus.by for keyness and tfidf unit = group; keyness.target;
 * trends.time). Paths are kept as written. Returns 0, RH_EPARSE or
 * RH_ENOMEM; *out belongs to the caller.
 */
RH_EXTERN(int) rh_analysis_parse(rh_analysis **out, const char *text, size_t len, const char *name);
RH_EXTERN(void) rh_analysis_free(rh_analysis *a);

/*
 * An analysis built in memory, as a command line builds one: [corpus] and
 * [output] present, nothing set. Keys are set with rh_analysis_set, a
 * section with no key given turned on with rh_analysis_enable, and the
 * whole checked with rh_analysis_check (what rh_analysis_parse checks of
 * a file: each section's required keys and what sections need of each
 * other). Returns 0 or RH_ENOMEM; *out belongs to the caller.
 */
RH_EXTERN(int) rh_analysis_new(rh_analysis **out);
RH_EXTERN(int) rh_analysis_enable(rh_analysis *a, const char *section);
/*
 * 0, or RH_EUSAGE with the message in rh_error_last(); *section and *key
 * (when not NULL) name the key at fault, so a caller can say how to set it.
 */
RH_EXTERN(int) rh_analysis_check(const rh_analysis *a, const char **section, const char **key);

/* 1 when SECTION.KEY is in the schema. */
RH_EXTERN(int) rh_analysis_has_key(const char *section, const char *key);
/*
 * The schema's default of a key as written in the schema ("" none; a value
 * starting with '@' follows another key, e.g. "@corpus"), or NULL for a key
 * not in the schema. Static storage.
 */
RH_EXTERN(const char *) rh_analysis_default(const char *section, const char *key);

/* 1 when `section` is present (given in the file, or [corpus]/[output]/[rhetor] always). */
RH_EXTERN(int) rh_analysis_has(const rh_analysis *a, const char *section);

/*
 * The value of a schema key with its default applied, as it would be
 * written ("" = none). NULL for a key that is not in the schema. Borrowed:
 * valid until the key is set again or `a` is freed.
 */
RH_EXTERN(const char *) rh_analysis_get(const rh_analysis *a, const char *section, const char *key);
/* The same, read as yes/no (1/0) or as a whole number (a key of that kind). */
RH_EXTERN(int) rh_analysis_flag(const rh_analysis *a, const char *section, const char *key);
RH_EXTERN(long) rh_analysis_count(const rh_analysis *a, const char *section, const char *key);

/*
 * Sets a schema key as if the file had said so (checked the same way; the
 * section becomes present). RH_EUSAGE for a key not in the schema,
 * RH_EPARSE for a bad value.
 */
RH_EXTERN(int) rh_analysis_set(rh_analysis *a, const char *section, const char *key, const char *value);

/*
 * Schema keys, in the order lock files list them: key i's section and
 * name, and whether its value is a file or directory path (read relative
 * to the analysis file) rather than a word. stopwords is a path unless it
 * is "none" or "en". Returns 0, or RH_EUSAGE past the end.
 */
RH_EXTERN(size_t) rh_analysis_key_count(void);
RH_EXTERN(int) rh_analysis_key_at(size_t i, const char **section, const char **key, int *is_path);

/*
 * The free keys of [inputs] or [outputs] (path = SHA-256): add one (a
 * path given twice replaces its value), count them, read the i-th in byte
 * order of the path. Borrowed strings.
 */
RH_EXTERN(int) rh_analysis_record_add(rh_analysis *a, const char *section, const char *key, const char *value);
RH_EXTERN(size_t) rh_analysis_record_count(const rh_analysis *a, const char *section);
RH_EXTERN(int) rh_analysis_record_at(const rh_analysis *a, const char *section, size_t i, const char **key,
				     const char **value);

/*
 * Writes `a` as an analysis file to `fp`: `comment` (NULL for none) as `# `
 * lines, then every present section with every key of the schema and its
 * effective value, in schema order, then [inputs] and [outputs] sorted by
 * path. Parsing the result gives the same values. RH_EUSAGE when a value
 * cannot be written so (a line break, a ';' first or after white space, white space
 * at either end, a line longer than RH_ANALYSIS_MAX_LINE); RH_EIO.
 */
RH_EXTERN(int) rh_analysis_write(FILE *fp, const rh_analysis *a, const char *comment);

/* SHA-256 (OpenSSL libcrypto) as 64 lower-case hex digits and a NUL. */
#define RH_SHA256_HEX 65

/* The SHA-256 of `len` bytes. Returns 0 or RH_ENOMEM. */
RH_EXTERN(int) rh_analysis_sha256(char hex[RH_SHA256_HEX], const void *buf, size_t len);
/* The SHA-256 of a file's bytes. Returns 0, RH_EIO naming the file, or RH_ENOMEM. */
RH_EXTERN(int) rh_analysis_sha256_file(char hex[RH_SHA256_HEX], const char *path);
/* rh_analysis_sha256_file of each of paths[0, n) into hex[i], on `threads` threads (0: one per core);
 * the error of the first file in that order that fails. */
RH_EXTERN(int) rh_analysis_sha256_files(char (*hex)[RH_SHA256_HEX], const char *const *paths, size_t n,
					unsigned threads);

/*
 * The corpus manifest: one line "SHA-256 TAB doc_id LF" per document in
 * corpus order (doc_id order), the SHA-256 of the document's bytes as
 * rh_corpus_read gives them; '%', TAB, CR and LF in a doc_id written as
 * %25, %09, %0D, %0A. *manifest (NUL-terminated, *len bytes) belongs to
 * the caller; the corpus digest is the SHA-256 of the manifest. Documents
 * are read and hashed on `threads` threads (0: one per core); the result
 * does not depend on it. Returns 0, RH_EIO naming the document, RH_ENOMEM.
 */
RH_EXTERN(int) rh_analysis_corpus_manifest(char **manifest, size_t *len, const rh_corpus *c, unsigned threads);

/*
 * The same manifest of the corpus `counts` counted: from the digests its
 * pass kept (rh_counts_options.digests), reading nothing again; without
 * them, as rh_analysis_corpus_manifest reads it.
 */
struct rh_counts;
RH_EXTERN(int) rh_analysis_counts_manifest(char **manifest, size_t *len, const struct rh_counts *counts,
					   unsigned threads);

#ifdef __cplusplus
}
#endif

#endif
