/* rhetor/plot.h: gnuplot scripts for the result tables (the library only writes text). */
#ifndef RHETOR_PLOT_H
#define RHETOR_PLOT_H

#include <stdio.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Each chart is drawn from one table. Its script is written to a FILE * the
 * caller opens (conventionally DIR/plots/<name>.gp); the script reads
 * ../<table> with gnuplot itself, loads the shared style rhetor.gp from its
 * own directory and takes the output format from the variable `fmt`
 * ('png' by default, 'pdf', 'svg', 'tex'). No cell of the table is ever
 * copied into the script: the only data-derived text a script holds is the
 * caller's `groups` and `concepts` selections, the concept labels, the
 * time column's name and the cells holding a backslash (see `table`), all
 * written through rh_plot_quote.
 */
typedef struct {
	/* Bars (or rows) per panel; 0: the default of [plot] top (rhetor/analysis.h). */
	unsigned top;
	/*
	 * Panels or series to draw, in this order (groups for terms.csv,
	 * phrases_by_group.csv and trends.csv, units for tfidf.csv, nodes for
	 * collocates.csv, cells of the heatmaps); values absent from the table
	 * are skipped, and a chart whose table has none of them chooses as with
	 * none given. NULL or ngroups == 0: every value in the table's order
	 * (as many as fit), except trends.csv, where the 8 groups with the most
	 * matches are drawn.
	 */
	const char *const *groups;
	size_t ngroups;
	/*
	 * The table's header line as read (NULL: unknown). It lets a chart whose
	 * table may end with an optional `group` column (concept_cooc.csv and
	 * collocates.csv written with --by) draw one group's rows: the first
	 * of `groups` found there, else the group `all`, else the first group.
	 */
	const char *header;
	/*
	 * Concepts to draw, in this order, for the charts of trends.csv
	 * (panels) and adoption_curve.csv (curves); absent ones are skipped.
	 * NULL or nconcepts == 0 (or none found): the concepts with the most
	 * matches (trends, within the groups drawn) or the most adopters
	 * (adoption), as many as fit.
	 */
	const char *const *concepts;
	size_t nconcepts;
	/*
	 * How concepts are named on the charts: pairs of a concept and its
	 * label (labels[2k] the concept, labels[2k + 1] its label), e.g. from
	 * the dictionary's `label` column; nlabels counts pairs. A concept
	 * without a label reads with its underscores as spaces. NULL: none.
	 */
	const char *const *labels;
	size_t nlabels;
	/* The name of the time column (trends --time), for the time axis; NULL: "period". */
	const char *time;
	/*
	 * The table's bytes (NULL: not known). gnuplot reads a backslash in a
	 * data file as an escape ('a\b' as 'ab'); the script names each cell
	 * holding one (up to 100 of them) with its gnuplot reading, so labels
	 * show the cell as the table has it.
	 */
	const char *table;
	size_t table_len;
} rh_plot_options;

#define RH_PLOT_OPTIONS_INIT { 0, NULL, 0, NULL, NULL, 0, NULL, 0, NULL, NULL, 0 }

/* The number of charts rhetor knows (indices 0 .. count-1, a fixed order). */
RH_EXTERN(size_t) rh_plot_count(void);

/* Chart i's name ("terms": script terms.gp, outputs terms.png ...); NULL if i is out of range. */
RH_EXTERN(const char *) rh_plot_name(size_t i);

/* The table chart i reads ("terms.csv"); NULL if i is out of range. */
RH_EXTERN(const char *) rh_plot_table(size_t i);

/* A one-line description of chart i; NULL if i is out of range. */
RH_EXTERN(const char *) rh_plot_describe(size_t i);

/*
 * Checks that a table's header line (as read from the file, with or without
 * the line end; a leading BOM is allowed) has every column chart i reads.
 * Returns 0, RH_EPARSE naming the first missing column, or RH_EUSAGE.
 */
RH_EXTERN(int) rh_plot_check_header(size_t i, const char *header);

/*
 * Writes chart i's gnuplot script to `fp` (borrowed). `opts` may be NULL
 * (defaults). Returns 0, RH_EUSAGE (bad index), RH_ENOMEM or RH_EIO (a write
 * failed).
 */
RH_EXTERN(int) rh_plot_write(FILE *fp, size_t i, const rh_plot_options *opts);

/* What rh_plot_values lists: the values --groups or --concepts can name. */
enum { RH_PLOT_GROUPS = 0, RH_PLOT_CONCEPTS = 1 };

/*
 * The distinct values that the `groups` (what = RH_PLOT_GROUPS) or
 * `concepts` (RH_PLOT_CONCEPTS) options can pick in chart i, read from its
 * table: `len` bytes at `buf` (a whole CSV file; `name` names it in
 * messages). Calls fn(value, ud) once per value, in byte order; a non-zero
 * return from fn stops the listing and is returned. A chart that takes no
 * such value lists none. Returns 0, fn's value, RH_EPARSE (the table is not
 * CSV, with file and line), RH_ENOMEM or RH_EUSAGE (bad index).
 */
RH_EXTERN(int) rh_plot_values(size_t i, int what, const char *buf, size_t len, const char *name,
			      int (*fn)(const char *value, void *ud), void *ud);

/* Longest content, in bytes of the input, that rh_plot_quote keeps. */
#define RH_PLOT_QUOTE_MAX 200

/*
 * Makes `s` a gnuplot single-quoted string literal, quotes included, in a new
 * string *out (the caller frees it). In such a literal gnuplot expands
 * nothing (no backslash escapes, no backquote command substitution, no @
 * macros) and '' stands for one quote; so each ' becomes '', every control
 * byte (below 0x20, and 0x7F) becomes a space so the literal cannot end the
 * command line, a byte that is not part of valid UTF-8 becomes '?', and the
 * content stops after RH_PLOT_QUOTE_MAX bytes of input at a character
 * boundary. Returns 0 or RH_ENOMEM; s == NULL gives ''.
 */
RH_EXTERN(int) rh_plot_quote(char **out, const char *s);

#ifdef __cplusplus
}
#endif

#endif
