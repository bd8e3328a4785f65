/* rhetor/run.h: the runner: an analysis counted once and every table it asks for written, to files or to memory. */
#ifndef RHETOR_RUN_H
#define RHETOR_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "common.h"
#include "corpus.h"
#include "counts.h"
#include "countsfile.h"
#include "dict.h"
#include "plan.h"
#include "trends.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A run goes through three steps, each doing the ones before it when they
 * have not been done:
 *
 *   rh_run_new     the plan resolved and its paths made relative to a base
 *                  directory; nothing is read;
 *   rh_run_open    the corpus opened (or the one handed over), the
 *                  selection ([corpus] where) applied, documents without a
 *                  group ([corpus] by) left out, the time column checked,
 *                  the stop lists loaded;
 *   rh_run_count   the dictionary loaded, the one counting pass, and what
 *                  several tables read (tf-idf weights, trends) built;
 *
 * then every table the plan asks for is written from the results, to
 * memory (rh_run_table) or wherever a sink puts it (rh_run_tables). The
 * run never prints: what a caller may want to tell (documents left out,
 * warnings, documents without a time) is read back with the getters.
 * Pointers the getters return are borrowed from the run and live as long
 * as it.
 */
typedef struct rh_run rh_run;

/* Most stop lists one run loads (each section may name its own). */
#define RH_RUN_MAX_STOPS 8

typedef struct {
	/* The directory the analysis's relative paths are read from (NULL or ".": as written). */
	const char *base;
	/* rhetor's data directory: DATA/datasets/stopwords/en.txt is the stop
	   list "en", DATA/datasets/words/en-speech.txt the word list that
	   dehyphenate judges mended words by. NULL: neither can be used. */
	const char *data_dir;
	/* Worker threads; -1: [corpus] threads of the analysis (0: one per core). */
	long threads;
	/* A corpus already open (rh_corpus_open, rh_corpus_new, ...), counted in
	   place of [corpus] path ([corpus] meta and name_pattern do not apply to
	   it). The run takes it over and frees it, even when rh_run_new fails. */
	rh_corpus *corpus;
	/* How a key is spelled in messages (a command line's "--time"); NULL,
	   or a NULL answer: "[section] key =". */
	const char *(*key_name)(const char *section, const char *key);
	/* Called as the counting pass goes (rh_counts_options.progress), or NULL. */
	void (*progress)(void *ud, size_t done, size_t total);
	void *progress_ud;
} rh_run_options;

#define RH_RUN_OPTIONS_INIT { NULL, NULL, -1, NULL, NULL, NULL, NULL }

/*
 * Resolves analysis `a` (which must outlive the run) with options `o`
 * (NULL: RH_RUN_OPTIONS_INIT; copied, its strings too). Returns 0, or
 * RH_EUSAGE (a value the plan cannot take) / RH_ENOMEM; *out belongs to
 * the caller (rh_run_free).
 */
RH_EXTERN(int) rh_run_new(rh_run **out, const rh_analysis *a, const rh_run_options *o);
RH_EXTERN(void) rh_run_free(rh_run *r);

/*
 * The corpus and stop lists (see above). A corpus with no document, or
 * none left by the selection or the group column, is RH_EPARSE; an
 * unknown column named by by, where or the trends' time is RH_EUSAGE
 * listing the columns; a file that cannot be read RH_EIO. The message
 * names the key (rh_run_options.key_name) and file. Returns 0 or one of
 * these.
 */
RH_EXTERN(int) rh_run_open(rh_run *r);

/*
 * The counting pass and what is built from it: RH_E... as the dictionary,
 * the pass and the statistics return them, with the message.
 */
RH_EXTERN(int) rh_run_count(rh_run *r);

/* 1 when the run writes table `t` (rhetor/plan.h), once its dictionary is known (after rh_run_count). */
RH_EXTERN(int) rh_run_wants(const rh_run *r, const rh_table_def *t);

/*
 * Writes table `t` into a new buffer: *buf (NUL ended, belongs to the
 * caller) and its length *len, the same bytes its file would hold.
 * Counts first if needed. Returns 0, RH_EUSAGE for a table the run does
 * not want (rh_run_wants), or another RH_E...
 */
RH_EXTERN(int) rh_run_table(rh_run *r, const rh_table_def *t, char **buf, size_t *len);

/*
 * Where tables go: `write` puts table `t` somewhere, writing it with
 * t->write(fp, res), and returns 0 or a value of the caller's own (an
 * exit status, an RH_E... code). It is called for several tables at once
 * from up to the plan's threads, each table once, so it must be safe to
 * call from several threads.
 */
typedef struct {
	int (*write)(void *ud, const rh_table_def *t, const rh_results *res);
	void *ud;
} rh_run_sink;

/*
 * Every table the run wants except documents.csv (which callers write
 * when and where they want it, with rh_run_table or its writer), through
 * `sink`. Counts first if needed (an RH_E... code if that fails). Returns
 * 0, or the first non-zero value a sink returned, in list order.
 */
RH_EXTERN(int) rh_run_tables(rh_run *r, const rh_run_sink *sink);

/*
 * Counts only shard `k` of `n` (1 <= k <= n) of the documents the run
 * keeps (rh_countsfile_shard), for rh_run_write_counts. Called before
 * rh_run_open. Returns 0, or RH_EUSAGE for k or n out of range or a run
 * already opened.
 */
RH_EXTERN(int) rh_run_shard(rh_run *r, unsigned k, unsigned n);

/*
 * The counting pass takes each document's SHA-256 as it reads it, so that
 * rh_run_manifest reads no document again. Called before rh_run_count.
 */
RH_EXTERN(void) rh_run_keep_digests(rh_run *r);

/*
 * The manifest of the documents counted (rh_analysis_corpus_manifest):
 * from the pass's digests (rh_run_keep_digests), else read again. Counts
 * first if needed. RH_EUSAGE with [corpus] counts (the counts file holds
 * its manifest).
 */
RH_EXTERN(int) rh_run_manifest(rh_run *r, char **manifest, size_t *len);

/*
 * The counts, the corpus's manifest and the settings that made them,
 * written to `fp` as a counts file (rhetor/countsfile.h) that [corpus]
 * counts reads in place of the corpus. Counts first if needed. Returns 0
 * or RH_E...
 */
RH_EXTERN(int) rh_run_write_counts(rh_run *r, FILE *fp);

/*
 * With [corpus] counts: the counts file read (after rh_run_open), which
 * holds the corpus's documents, the dictionary and the counts; else NULL.
 */
RH_EXTERN(const rh_countsfile *) rh_run_countsfile(const rh_run *r);

/* The plan as resolved (after rh_run_count, plan->phrases is NULL when no dictionary was loaded). */
RH_EXTERN(const rh_plan *) rh_run_plan(const rh_run *r);
/* The corpus (NULL before rh_run_open, unless one was handed over): once open, the documents the run kept. */
RH_EXTERN(const rh_corpus *) rh_run_corpus(const rh_run *r);
/* The dictionary, the counts, the trends (NULL when there are none, or before rh_run_count).
 * When the plan's one table of terms is keyness of a group against the rest,
 * the counts keep the rows of that group's documents only (rows_group,
 * rhetor/counts.h; rh_counts_has_row says which). */
RH_EXTERN(const rh_dict *) rh_run_dict(const rh_run *r);
RH_EXTERN(const rh_counts *) rh_run_counts(const rh_run *r);
RH_EXTERN(const rh_trends *) rh_run_trends(const rh_run *r);
/* What every table is written from (after rh_run_count). */
RH_EXTERN(const rh_results *) rh_run_results(const rh_run *r);

/* Documents left out by the selection ([corpus] where) and for want of a group ([corpus] by). */
RH_EXTERN(void) rh_run_left_out(const rh_run *r, size_t *by_where, size_t *by_group);

/*
 * The run's warnings in the order a warnings file lists them: the
 * corpus's, the counting pass's, then one for each document the trends
 * left out for want of a usable time. rh_run_untimed: that last part
 * alone (NULL before rh_run_count).
 */
RH_EXTERN(size_t) rh_run_warning_count(const rh_run *r);
RH_EXTERN(const char *) rh_run_warning_at(const rh_run *r, size_t i);
RH_EXTERN(const rh_warnings *) rh_run_untimed(const rh_run *r);

/* The stop list files read, in the order first used (*n of them). */
RH_EXTERN(const char *const *) rh_run_stop_files(const rh_run *r, size_t *n);

/*
 * `value` relative to `base` (an absolute value, or a base of NULL or
 * ".", kept as it is). Returns a new string (the caller frees it), or
 * NULL for an empty value or when out of memory.
 */
RH_EXTERN(char *) rh_run_path(const char *base, const char *value);
/*
 * A list of paths separated by ',' (blanks around each ignored), each
 * made relative to `base`: *out, *n of them (rh_run_paths_free). Returns
 * 0 or RH_ENOMEM.
 */
RH_EXTERN(int) rh_run_paths(char ***out, size_t *n, const char *base, const char *value);
RH_EXTERN(void) rh_run_paths_free(char **v, size_t n);

#ifdef __cplusplus
}
#endif

#endif
