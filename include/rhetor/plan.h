/* rhetor/plan.h: an analysis resolved once into typed settings, the results it computes, and the list of tables. */
#ifndef RHETOR_PLAN_H
#define RHETOR_PLAN_H

#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "common.h"
#include "cooc.h"
#include "corpus.h"
#include "counts.h"
#include "keyness.h"
#include "ngram.h"
#include "report.h"
#include "text.h"
#include "tfidf.h"
#include "trends.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One statistic's section of the plan: whether the analysis asks for it,
 * its report settings (top, min_count, table format; `stop` is the loaded
 * stop list, which the caller sets from `stopwords`) and its stop list as
 * written ("none", "en" or a path).
 */
typedef struct {
	int on;
	rh_report_options report;
	const char *stopwords;
} rh_plan_section;

/*
 * The plan: every setting of an analysis, typed, with every default
 * applied. Strings are borrowed from the rh_analysis it was resolved from
 * and live as long as it; paths are as written (relative to the analysis
 * file's directory, or absolute). Pointers the caller fills in after
 * loading (the dictionary, stop lists) are noted.
 */
typedef struct {
	const char *corpus_path;   /* [corpus] path: one, or several separated by ',' */
	const char *corpus_names;  /* [corpus] names: the corpus column's values, or NULL */
	const char *counts_path;   /* [corpus] counts: a counts file read in place of the corpus, or NULL */
	rh_corpus_options corpus;  /* meta, name_pattern, text_col, id_col, meta_id_col */
	rh_text_options text;      /* keep_case, split_hyphens, dehyphenate */
	const char *by;            /* group column, or NULL */
	const char *where;         /* the documents kept: tests separated by ';' (rhetor/select.h), or NULL */
	unsigned threads;          /* 0: one per core */
	const char *phrases;       /* dictionary file, or NULL */

	/* The one counting pass: what every section needs (text, dict,
	 * group_col and threads are filled in by the caller; ngram_stop is the
	 * loaded list `ngram_stopwords` names, set by the caller). */
	rh_counts_options pass;
	const char *ngram_stopwords; /* the n-grams' edge stop list: [corpus] stopwords, else the first
				      * of freq, tfidf, keyness that has one, else "en"; NULL: none */

	rh_plan_section documents; /* always on; its report gives the table format */
	rh_plan_section freq;
	int dispersion;            /* [freq] dispersion */
	rh_plan_section tfidf;
	rh_tfidf_options tfidf_opts; /* stop and min_count follow the section's report */
	int similarity;
	size_t similarity_top;
	rh_plan_section cooc;
	rh_cooc_options cooc_opts;
	rh_plan_section keyness;
	rh_keyness_options keyness_opts;
	rh_plan_section kwic;
	rh_plan_section trends;
	rh_trends_options trends_opts;
	/* [candidates]: n-grams scored as multiword expressions, in a pass of
	 * their own (text, group_col, threads and progress are the runner's). */
	rh_plan_section candidates;
	rh_ngrams_options candidates_opts;
	int candidates_dictionary;          /* also candidates_dictionary.csv */
	size_t candidates_dictionary_top;   /* its rows (0: all) */

	struct {
		int on;
		const char *format, *groups, *concepts, *width;
		int titles, render;
		long top;
	} plot;

	struct {
		int on;
		long rows, lines;  /* rows of each table, concordance lines */
	} report;

	const char *out_dir;       /* [output] dir */
	rh_table_options table;    /* [output] excel, raw_cells */
} rh_plan;

/*
 * Fills `p` from analysis `a`, every default applied and every value
 * checked once more by kind (the schema in analysis.c is the only place
 * defaults and checks live). Returns 0, or RH_EUSAGE with a message naming
 * the key.
 */
RH_EXTERN(int) rh_plan_resolve(rh_plan *p, const rh_analysis *a);

/*
 * Fills `p` with the schema's defaults for an analysis with every
 * statistic's section off (for callers that set fields by hand, as tests
 * do). Returns 0 or RH_ENOMEM.
 */
RH_EXTERN(int) rh_plan_defaults(rh_plan *p);

/*
 * What a plan computed: the counts, and the weights and trends built from
 * them when the plan asks for them. Every table is written from this.
 * Borrowed pointers; NULL for what the plan does not ask for.
 */
struct rh_results {
	const rh_plan *plan;
	const rh_counts *counts;
	const rh_tfidf *tfidf;
	const rh_trends *trends;
	const rh_ngrams *ngrams;   /* the candidates */
};

/* What a table needs from the plan beyond its section. */
enum {
	RH_NEEDS_PHRASES = 1,  /* a dictionary */
	RH_NEEDS_GROUPS = 2,   /* a group column (--by) */
	RH_NEEDS_TIME = 4      /* a time column */
};

/*
 * One table: its file name, the plan section that asks for it (NULL:
 * every run), the key of that section that must be yes (NULL: none), what
 * else it needs, its columns in order (`optional`: the column or columns,
 * "a, b", added at the end in some cases, or NULL), its row order in
 * words, and its writer.
 * Every writer has this one signature and writes the whole table to `fp`
 * (0, or a negative RH_E... with rh_error_last()).
 */
typedef struct {
	const char *name;
	const char *section;
	const char *flag;
	unsigned needs;
	const char *const *columns;
	size_t ncolumns;
	const char *optional;
	const char *order;
	int (*write)(FILE *fp, const rh_results *r);
} rh_table_def;

/* The list of tables, in the order they are written. */
RH_EXTERN(size_t) rh_tables_count(void);
RH_EXTERN(const rh_table_def *) rh_tables_at(size_t i);
/* The table of that file name, or NULL. */
RH_EXTERN(const rh_table_def *) rh_tables_find(const char *name);
/* 1 when plan `p` asks for table `t` (its section on, its flag set, its needs met). */
RH_EXTERN(int) rh_tables_wanted(const rh_table_def *t, const rh_plan *p);

#ifdef __cplusplus
}
#endif

#endif
