/* plan.c: an analysis resolved into typed settings once, and the one list of tables every caller reads. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rhetor/dispersion.h"
#include "rhetor/freq.h"
#include "rhetor/kwic.h"
#include "rhetor/ngram.h"
#include "rhetor/plan.h"
#include "rhetor/stats.h"

/* A section's report settings: top, min_count and stop list as the analysis gives them. */
static void section(rh_plan_section *s, const rh_analysis *a, const char *name, const rh_table_options *table)
{
	rh_report_options def = RH_REPORT_OPTIONS_INIT;
	s->on = rh_analysis_has(a, name);
	s->report = def;
	s->report.table = *table;
	if (rh_analysis_get(a, name, "top"))
		s->report.top = rh_analysis_count(a, name, "top");
	if (rh_analysis_get(a, name, "min_count"))
		s->report.min_count = rh_analysis_count(a, name, "min_count");
	s->stopwords = rh_analysis_get(a, name, "stopwords");
	if (!s->stopwords)
		s->stopwords = "none";
}

/* A document-frequency limit as scikit-learn reads min_df / max_df (the schema checked the form). */
static void df_limit(const char *v, double *x, int *fraction)
{
	*x = strtod(v, NULL);
	*fraction = strpbrk(v, ".eE") != NULL;
}

static int tfidf_scheme(rh_plan *p, const rh_analysis *a)
{
	rh_tfidf_options to = RH_TFIDF_OPTIONS_INIT;
	const char *base = rh_analysis_get(a, "tfidf", "log_base");
	int err;
	if ((err = rh_stats_tfidf_preset(rh_analysis_get(a, "tfidf", "preset"), &to.scheme)) < 0 ||
	    (err = rh_stats_tf_parse(rh_analysis_get(a, "tfidf", "tf"), &to.scheme.tf)) < 0 ||
	    (err = rh_stats_idf_parse(rh_analysis_get(a, "tfidf", "idf"), &to.scheme.idf)) < 0 ||
	    (err = rh_stats_norm_parse(rh_analysis_get(a, "tfidf", "norm"), &to.scheme.norm)) < 0)
		return err;
	to.scheme.idf_base = !strcmp(base, "10") ? 10 : !strcmp(base, "2") ? 2 : 0;
	df_limit(rh_analysis_get(a, "tfidf", "min_df"), &to.min_df, &to.min_df_fraction);
	df_limit(rh_analysis_get(a, "tfidf", "max_df"), &to.max_df, &to.max_df_fraction);
	to.by_group = !strcmp(rh_analysis_get(a, "tfidf", "unit"), "group");
	to.min_count = p->tfidf.report.min_count;
	p->tfidf_opts = to;
	return 0;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

RH_API int rh_plan_resolve(rh_plan *p, const rh_analysis *a)
{
	rh_corpus_options cdef = RH_CORPUS_OPTIONS_INIT;
	rh_text_options tdef = RH_TEXT_OPTIONS_INIT;
	rh_counts_options pdef = RH_COUNTS_OPTIONS_INIT;
	rh_table_options tbdef = RH_TABLE_OPTIONS_INIT;
	rh_cooc_options codef = RH_COOC_OPTIONS_INIT;
	rh_keyness_options kdef = RH_KEYNESS_OPTIONS_INIT;
	rh_trends_options trdef = RH_TRENDS_OPTIONS_INIT;
	rh_ngrams_options ngdef = RH_NGRAMS_OPTIONS_INIT;
	int err;

	memset(p, 0, sizeof *p);
	p->corpus_path = rh_analysis_get(a, "corpus", "path");
	p->corpus_names = or_null(rh_analysis_get(a, "corpus", "names"));
	p->counts_path = or_null(rh_analysis_get(a, "corpus", "counts"));
	p->corpus = cdef;
	p->corpus.meta_path = or_null(rh_analysis_get(a, "corpus", "meta"));
	p->corpus.meta_id_col = rh_analysis_get(a, "corpus", "meta_id_col");
	p->corpus.name_pattern = or_null(rh_analysis_get(a, "corpus", "name_pattern"));
	p->corpus.text_col = rh_analysis_get(a, "corpus", "text_col");
	p->corpus.id_col = rh_analysis_get(a, "corpus", "id_col");
	p->text = tdef;
	p->text.keep_case = rh_analysis_flag(a, "corpus", "keep_case");
	p->text.split_hyphens = rh_analysis_flag(a, "corpus", "split_hyphens");
	p->text.dehyphenate = rh_analysis_flag(a, "corpus", "dehyphenate");
	p->by = or_null(rh_analysis_get(a, "corpus", "by"));
	p->where = or_null(rh_analysis_get(a, "corpus", "where"));
	p->threads = (unsigned)rh_analysis_count(a, "corpus", "threads");
	p->phrases = rh_analysis_has(a, "phrases") ? or_null(rh_analysis_get(a, "phrases", "file")) : NULL;

	p->out_dir = rh_analysis_get(a, "output", "dir");
	p->table = tbdef;
	p->table.excel = rh_analysis_flag(a, "output", "excel");
	p->table.raw_cells = rh_analysis_flag(a, "output", "raw_cells");

	/* documents.csv: every run, only the table format applies. */
	memset(&p->documents, 0, sizeof p->documents);
	p->documents.on = 1;
	p->documents.report.table = p->table;
	p->documents.stopwords = "none";

	section(&p->freq, a, "freq", &p->table);
	p->dispersion = rh_analysis_flag(a, "freq", "dispersion");
	section(&p->tfidf, a, "tfidf", &p->table);
	if ((err = tfidf_scheme(p, a)) < 0)
		return err;
	p->similarity = rh_analysis_flag(a, "tfidf", "similarity");
	p->similarity_top = (size_t)rh_analysis_count(a, "tfidf", "similarity_top");
	section(&p->cooc, a, "cooc", &p->table);
	p->cooc_opts = codef;
	p->cooc_opts.min_o11 = rh_analysis_count(a, "cooc", "min_o11");
	p->cooc_opts.pooled = !rh_analysis_flag(a, "cooc", "by_group");
	section(&p->keyness, a, "keyness", &p->table);
	p->keyness_opts = kdef;
	p->keyness_opts.target = or_null(rh_analysis_get(a, "keyness", "target"));
	p->keyness_opts.reference = rh_analysis_get(a, "keyness", "reference");
	p->keyness_opts.concepts = p->phrases != NULL;
	section(&p->kwic, a, "kwic", &p->table);
	/* The trends tables take only the table format. */
	section(&p->trends, a, "trends", &p->table);
	p->trends_opts = trdef;
	p->trends_opts.time_col = or_null(rh_analysis_get(a, "trends", "time"));
	p->trends_opts.period_width = strtod(rh_analysis_get(a, "trends", "period_width"), NULL);
	section(&p->candidates, a, "candidates", &p->table);
	p->candidates_opts = ngdef;
	if (p->candidates.on &&
	    (err = rh_ngram_sizes(rh_analysis_get(a, "candidates", "size"), &p->candidates_opts.min_size,
				  &p->candidates_opts.max_size)) < 0)
		return rh_error__set(RH_EUSAGE, "[candidates] size %s", rh_error_last());
	p->candidates_opts.min_count = p->candidates.report.min_count;
	p->candidates_opts.smoothing = strtod(rh_analysis_get(a, "candidates", "smoothing"), NULL);
	p->candidates_opts.target = or_null(rh_analysis_get(a, "candidates", "target"));
	p->candidates_dictionary = rh_analysis_flag(a, "candidates", "dictionary");
	p->candidates_dictionary_top = (size_t)rh_analysis_count(a, "candidates", "dictionary_top");

	p->plot.on = rh_analysis_has(a, "plot");
	p->plot.format = rh_analysis_get(a, "plot", "format");
	p->plot.groups = rh_analysis_get(a, "plot", "groups");
	p->plot.concepts = rh_analysis_get(a, "plot", "concepts");
	p->plot.width = rh_analysis_get(a, "plot", "width");
	p->plot.titles = rh_analysis_flag(a, "plot", "titles");
	p->plot.render = rh_analysis_flag(a, "plot", "render");
	p->plot.top = rh_analysis_count(a, "plot", "top");

	p->report.on = rh_analysis_has(a, "report");
	p->report.rows = rh_analysis_count(a, "report", "rows");
	p->report.lines = rh_analysis_count(a, "report", "lines");

	/* The one counting pass serves every section. */
	p->pass = pdef;
	p->pass.text = p->text;
	p->pass.group_col = p->by;
	p->pass.threads = p->threads;
	if (p->cooc.on) {
		p->pass.window_left = (unsigned)rh_analysis_count(a, "cooc", "window_left");
		p->pass.window_right = (unsigned)rh_analysis_count(a, "cooc", "window_right");
	}
	p->pass.within_sentence = (p->cooc.on && !strcmp(rh_analysis_get(a, "cooc", "within"), "sentence")) ||
				  (p->kwic.on && !strcmp(rh_analysis_get(a, "kwic", "within"), "sentence"));
	if (p->kwic.on)
		p->pass.kwic_context = (unsigned)rh_analysis_count(a, "kwic", "context");
	/* N-gram terms: single words (1) stay the words themselves. */
	if ((err = rh_ngram_sizes(rh_analysis_get(a, "corpus", "ngrams"), &p->pass.ngram_min, &p->pass.ngram_max)) < 0)
		return rh_error__set(RH_EUSAGE, "[corpus] ngrams %s", rh_error_last());
	if (p->pass.ngram_max == 1)
		p->pass.ngram_min = p->pass.ngram_max = 0;
	p->ngram_stopwords = NULL;
	if (!strcmp(rh_analysis_get(a, "corpus", "ngram_stop"), "edge")) {
		/* The edges' stop list: the first term list's that has one, else English. */
		const rh_plan_section *terms[] = { &p->freq, &p->tfidf, &p->keyness };
		const char *sw = rh_analysis_get(a, "corpus", "stopwords");
		if (!p->pass.ngram_max)
			return rh_error__set(RH_EUSAGE, "[corpus] ngram_stop = edge wants ngrams of 2 words or more");
		for (size_t i = 0; i < sizeof terms / sizeof *terms && !strcmp(sw, "none"); i++)
			if (terms[i]->on)
				sw = terms[i]->stopwords;
		p->ngram_stopwords = strcmp(sw, "none") ? sw : "en";
	}
	if (p->pass.ngram_max && p->cooc.on)
		return rh_error__set(RH_EUSAGE, "[corpus] ngrams = %s: collocation windows ([cooc]) count single words; "
				     "compute them in an analysis without ngrams", rh_analysis_get(a, "corpus", "ngrams"));
	return 0;
}

RH_API int rh_plan_defaults(rh_plan *p)
{
	static const char text[] = "[corpus]\npath = .\n";
	rh_analysis *a;
	int err;
	if ((err = rh_analysis_parse(&a, text, sizeof text - 1, "defaults")) < 0)
		return err;
	err = rh_plan_resolve(p, a);
	/* Nothing may point into the analysis once it is gone: strings the
	 * defaults hold become the schema's literals or NULL. */
	p->corpus_path = NULL;
	p->corpus.meta_id_col = "doc_id";
	p->corpus.text_col = "text";
	p->corpus.id_col = "doc_id";
	p->out_dir = NULL;
	p->documents.stopwords = p->freq.stopwords = p->tfidf.stopwords = p->cooc.stopwords = "none";
	p->keyness.stopwords = p->kwic.stopwords = p->trends.stopwords = "none";
	p->keyness_opts.reference = NULL;
	p->plot.format = p->plot.groups = p->plot.concepts = p->plot.width = NULL;
	rh_analysis_free(a);
	return err;
}

/* The list of tables: the one place a table's name, columns and writer are written down. */
#define COLS(...) (const char *const[]){ __VA_ARGS__ }, sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *)

/* Columns with an optional last one list it at the end and count one less. */
#define COLS_OPT(...) (const char *const[]){ __VA_ARGS__ }, sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *) - 1

static const rh_table_def tables[] = {
	{ "documents.csv", NULL, NULL, 0, COLS("doc_id", "tokens", "types", "sentences"), NULL,
	  "doc_id (metadata columns between doc_id and tokens)", rh_freq_write_documents },
	{ "terms.csv", "freq", NULL, 0, COLS("group", "term", "count", "docs", "per_10k", "rank"), NULL,
	  "group, count descending, term", rh_freq_write_terms },
	{ "phrases_by_doc.csv", "freq", NULL, RH_NEEDS_PHRASES,
	  COLS("doc_id", "concept", "count", "tokens", "per_10k"), NULL, "doc_id, dictionary order; zeros included",
	  rh_freq_write_phrases_by_doc },
	{ "phrases_by_group.csv", "freq", NULL, RH_NEEDS_PHRASES,
	  COLS("group", "concept", "count", "docs_with", "docs", "tokens", "per_10k", "ci_low", "ci_high"), NULL,
	  "group, dictionary order", rh_freq_write_phrases_by_group },
	{ "dispersion.csv", "freq", "dispersion", 0,
	  COLS("term", "count", "range", "dp", "dp_norm", "juilland_d", "kind"), NULL, "terms by count, then concepts",
	  rh_dispersion_write_dispersion },
	{ "tfidf.csv", "tfidf", NULL, 0, COLS("unit", "term", "count", "tf", "df", "idf", "tfidf", "rank"), NULL,
	  "unit, tfidf descending, term", rh_tfidf_write_tfidf },
	{ "similarity.csv", "tfidf", "similarity", 0, COLS("unit_a", "unit_b", "cosine"), NULL,
	  "unit_a, unit_b (each pair once)", rh_tfidf_write_similarity },
	{ "collocates.csv", "cooc", NULL, RH_NEEDS_PHRASES,
	  COLS_OPT("node", "collocate", "o11", "e11", "f_node", "f_collocate", "r1", "n", "mi", "mi3", "t_score",
		   "z_score", "log_likelihood", "p_value", "dice", "log_dice", "delta_p", "group"),
	  "group", "group, node, log_likelihood descending, collocate", rh_cooc_write_collocates },
	{ "concept_cooc.csv", "cooc", NULL, RH_NEEDS_PHRASES,
	  COLS_OPT("concept_a", "concept_b", "both", "a_only", "b_only", "neither", "jaccard", "pmi", "log_likelihood",
		   "p_value", "group"),
	  "group", "dictionary order of the pair", rh_cooc_write_concept_cooc },
	{ "keyness.csv", "keyness", NULL, 0,
	  COLS("term", "target_count", "reference_count", "target_per_10k", "reference_per_10k", "log_likelihood",
	       "p_value", "q_value", "chi2", "log_ratio", "pct_diff", "bic", "kind"),
	  NULL, "log_likelihood descending", rh_keyness_write_keyness },
	{ "trends.csv", "trends", NULL, RH_NEEDS_PHRASES | RH_NEEDS_TIME,
	  COLS("group", "period", "concept", "count", "docs", "tokens", "per_10k", "ci_low", "ci_high", "docs_total"),
	  NULL, "group, period, dictionary order; zeros included", rh_trends_write_trends },
	{ "trend_fit.csv", "trends", NULL, RH_NEEDS_PHRASES | RH_NEEDS_TIME,
	  COLS("group", "concept", "rate_ratio_per_decade", "ci_low", "ci_high", "p_value", "dispersion", "b1",
	       "se_b1", "n_periods", "total_count", "note", "qp_ci_low", "qp_ci_high", "qp_p_value"),
	  NULL, "group, dictionary order", rh_trends_write_trend_fit },
	{ "adoption.csv", "trends", NULL, RH_NEEDS_PHRASES | RH_NEEDS_TIME,
	  COLS("group", "concept", "first_period", "first_doc", "total_count", "docs_with", "last_period"), NULL,
	  "group, dictionary order", rh_trends_write_adoption },
	{ "adoption_curve.csv", "trends", NULL, RH_NEEDS_PHRASES | RH_NEEDS_TIME,
	  COLS("concept", "period", "adopters", "cumulative_adopters", "groups", "share"), NULL,
	  "dictionary order, period", rh_trends_write_adoption_curve },
	{ "kwic.csv", "kwic", NULL, RH_NEEDS_PHRASES,
	  COLS_OPT("doc_id", "concept", "pattern", "sentence", "token_start", "left", "match", "right", "byte_start",
		   "byte_end", "group"),
	  "group", "doc_id, token, concept", rh_kwic_write_kwic },
	/* The candidates' keyness columns follow with a target: in the array, not counted. */
	{ "candidates.csv", "candidates", NULL, 0,
	  (const char *const[]){ "phrase", "size", "count", "docs", "count_nested", "lambda", "sigma", "z",
				 "target_count", "reference_count", "target_per_10k", "reference_per_10k",
				 "log_likelihood", "p_value", "q_value", "log_ratio" },
	  8,
	  "target_count, reference_count, target_per_10k, reference_per_10k, log_likelihood, p_value, q_value, "
	  "log_ratio",
	  "z descending, phrase", rh_ngrams_write_candidates },
	{ "candidates_dictionary.csv", "candidates", "dictionary", 0, COLS("concept", "pattern", "label"), NULL,
	  "as candidates.csv", rh_ngrams_write_candidates_dictionary },
};
#define NTABLES (sizeof tables / sizeof *tables)

RH_API size_t rh_tables_count(void)
{
	return NTABLES;
}

RH_API const rh_table_def *rh_tables_at(size_t i)
{
	return i < NTABLES ? &tables[i] : NULL;
}

RH_API const rh_table_def *rh_tables_find(const char *name)
{
	for (size_t i = 0; i < NTABLES; i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

static const rh_plan_section *plan_section(const rh_plan *p, const char *name)
{
	static const struct {
		const char *name;
		size_t off;
	} map[] = {
		{ "freq", offsetof(rh_plan, freq) },       { "tfidf", offsetof(rh_plan, tfidf) },
		{ "cooc", offsetof(rh_plan, cooc) },       { "keyness", offsetof(rh_plan, keyness) },
		{ "kwic", offsetof(rh_plan, kwic) },       { "trends", offsetof(rh_plan, trends) },
		{ "candidates", offsetof(rh_plan, candidates) },
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (!strcmp(map[i].name, name))
			return (const rh_plan_section *)(const void *)((const char *)p + map[i].off);
	return NULL;
}

RH_API int rh_tables_wanted(const rh_table_def *t, const rh_plan *p)
{
	const rh_plan_section *s;
	if (!t->section)
		return 1;
	if (!(s = plan_section(p, t->section)) || !s->on)
		return 0;
	if (t->flag && !((!strcmp(t->flag, "dispersion") && p->dispersion) ||
			 (!strcmp(t->flag, "similarity") && p->similarity) ||
			 (!strcmp(t->flag, "dictionary") && p->candidates_dictionary)))
		return 0;
	if ((t->needs & RH_NEEDS_PHRASES) && !p->phrases)
		return 0;
	if ((t->needs & RH_NEEDS_GROUPS) && !p->by)
		return 0;
	if ((t->needs & RH_NEEDS_TIME) && !p->trends_opts.time_col)
		return 0;
	return 1;
}
