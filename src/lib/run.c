/* run.c: the runner: a plan's corpus opened and selected, counted once, and every table it asks for written. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "rhetor/file.h"
#include "rhetor/run.h"
#include "rhetor/select.h"
#include "rhetor/tfidf.h"
#include "rhetor/vocab.h"

#define STOP_LIST "datasets/stopwords/en.txt"
#define WORD_LIST "datasets/words/en-speech.txt"

/* A stop list one or more sections use, loaded once. */
typedef struct {
	char *name; /* the value as in the analysis: "en" or a resolved path */
	char *file; /* the file read */
	rh_vocab *v;
} run_stop;

struct rh_run {
	const rh_analysis *a;
	rh_plan plan;
	rh_run_options o;
	char *base, *data_dir;
	char **paths, **names;      /* the corpora, resolved; their names (or NULL) */
	size_t npaths, nnames;
	char **metas;               /* the metadata files, resolved */
	size_t nmetas;
	char *joined, *phrases;
	rh_corpus *corpus;
	rh_dict *dict;
	rh_vocab *words;
	rh_counts_options copts;
	rh_counts *counts;
	rh_tfidf *tfidf;
	rh_trends *trends;
	rh_ngrams *ngrams;
	rh_results res;
	run_stop stops[RH_RUN_MAX_STOPS];
	const char *stop_files[RH_RUN_MAX_STOPS];
	size_t nstops;
	size_t where_out, group_out;
	rh_warnings untimed;
	int opened, counted;
	int all_rows;               /* count every document's row whatever the plan reads (a counts file) */
	int digests;                /* the pass keeps each document's SHA-256 (rh_run_keep_digests) */
	char *counts_file;          /* [corpus] counts, resolved */
	rh_countsfile *cfile;       /* read from it: the corpus, dictionary and counts above are its */
	unsigned shard_k, shard_n;  /* count shard k of n (rh_run_shard); 0 of 0: every document */
	rh_countsfile_info shard;   /* which shard of which documents the counts are */
};

RH_API char *rh_run_path(const char *base, const char *value)
{
	size_t n;
	char *p;
	if (!value || !*value)
		return NULL;
	if (value[0] == '/' || !base || !*base || !strcmp(base, "."))
		return rh__strdup(value);
	n = strlen(base) + strlen(value) + 2;
	if ((p = rh__malloc(n)))
		snprintf(p, n, "%s/%s", base, value);
	return p;
}

RH_API void rh_run_paths_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

RH_API int rh_run_paths(char ***out, size_t *n, const char *base, const char *value)
{
	char **v = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (const char *p = value ? value : ""; *p;) {
		size_t k = strcspn(p, ","), lead = 0, len = k;
		char *one, *abs;
		while (lead < len && (p[lead] == ' ' || p[lead] == '\t'))
			lead++;
		while (len > lead && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len > lead) {
			one = rh__strndup(p + lead, len - lead);
			abs = one ? rh_run_path(base, one) : NULL;
			free(one);
			if (!abs || rh__grow(&v, &cap, *n + 1, sizeof *v) < 0) {
				free(abs);
				rh_run_paths_free(v, *n);
				*n = 0;
				return RH_ENOMEM;
			}
			v[(*n)++] = abs;
		}
		p += k;
		if (*p)
			p++;
	}
	*out = v;
	return 0;
}

/* How a key is spelled in messages: the caller's spelling, else [section] key =. */
static const char *key_name(const rh_run *r, const char *section, const char *key, char *buf, size_t n)
{
	const char *f = r->o.key_name ? r->o.key_name(section, key) : NULL;
	if (f)
		return f;
	snprintf(buf, n, "[%s] %s =", section, key);
	return buf;
}

RH_API int rh_run_new(rh_run **out, const rh_analysis *a, const rh_run_options *o)
{
	static const rh_run_options def = RH_RUN_OPTIONS_INIT;
	rh_run *r;
	int err;

	*out = NULL;
	if (!o)
		o = &def;
	if (!(r = rh__calloc(1, sizeof *r))) {
		rh_corpus_free(o->corpus);
		return RH_ENOMEM;
	}
	r->a = a;
	r->o = *o;
	r->corpus = o->corpus;
	if ((err = rh_plan_resolve(&r->plan, a)) < 0)
		goto fail;
	if (o->threads >= 0)
		r->plan.threads = r->plan.pass.threads = (unsigned)o->threads;
	err = RH_ENOMEM;
	if ((o->base && !(r->base = rh__strdup(o->base))) || (o->data_dir && !(r->data_dir = rh__strdup(o->data_dir))))
		goto fail;
	r->o.base = r->base;
	r->o.data_dir = r->data_dir;
	if (r->plan.counts_path && !(r->counts_file = rh_run_path(r->base, r->plan.counts_path)))
		goto fail;
	if (!r->corpus && !r->counts_file) {
		if ((err = rh_run_paths(&r->paths, &r->npaths, r->base, r->plan.corpus_path)) < 0 ||
		    (err = rh_run_paths(&r->names, &r->nnames, NULL, r->plan.corpus_names)) < 0)
			goto fail;
		if (r->plan.corpus_path && *r->plan.corpus_path) {
			size_t cap = 1, used = 0;
			for (size_t k = 0; k < r->npaths; k++)
				cap += strlen(r->paths[k]) + 1;
			if (!(r->joined = rh__malloc(cap)))
				goto fail;
			r->joined[0] = '\0';
			for (size_t k = 0; k < r->npaths; k++)
				used += (size_t)snprintf(r->joined + used, cap - used, "%s%s", k ? "," : "", r->paths[k]);
		}
		if ((err = rh_run_paths(&r->metas, &r->nmetas, r->base, r->plan.corpus.meta_path)) < 0)
			goto fail;
		err = RH_ENOMEM;
	}
	if (r->plan.phrases && *r->plan.phrases && !(r->phrases = rh_run_path(r->base, r->plan.phrases)))
		goto fail;
	*out = r;
	return 0;
fail:
	rh_run_free(r);
	return err;
}

RH_API void rh_run_free(rh_run *r)
{
	if (!r)
		return;
	rh_tfidf_free(r->tfidf);
	rh_trends_free(r->trends);
	rh_ngrams_free(r->ngrams);
	if (r->cfile) {
		rh_countsfile_free(r->cfile);
	} else {
		rh_counts_free(r->counts);
		rh_dict_free(r->dict);
		rh_corpus_free(r->corpus);
	}
	rh_vocab_free(r->words);
	free(r->counts_file);
	for (size_t i = 0; i < r->nstops; i++) {
		rh_vocab_free(r->stops[i].v);
		free(r->stops[i].file);
		free(r->stops[i].name);
	}
	rh_warnings__clear(&r->untimed);
	rh_run_paths_free(r->paths, r->npaths);
	rh_run_paths_free(r->names, r->nnames);
	free(r->joined);
	rh_run_paths_free(r->metas, r->nmetas);
	free(r->phrases);
	free(r->base);
	free(r->data_dir);
	free(r);
}

/* DATA/rel, or an error saying the data directory is needed for `what`. */
static int data_file(const rh_run *r, const char *rel, const char *what, char **out)
{
	size_t n;
	*out = NULL;
	if (!r->data_dir)
		return rh_error__set(RH_EIO, "cannot find the %s %s (no data directory given)", what, rel);
	n = strlen(r->data_dir) + strlen(rel) + 2;
	if (!(*out = rh__malloc(n)))
		return RH_ENOMEM;
	snprintf(*out, n, "%s/%s", r->data_dir, rel);
	return 0;
}

/* Reads a word list (a stop list, the known words) into *v, terms as `text` makes them. */
static int load_list(const char *file, const rh_text_options *text, rh_vocab **v)
{
	char *buf = NULL;
	size_t len;
	int err = rh_file_read(&buf, &len, file, RH_MAX_LIST);
	if (err == 0)
		err = rh_vocab_load_list(v, buf, len, text);
	free(buf);
	return err;
}

/* The stop list a section names ("none": NULL), loaded on first use and shared. */
static int stop_for(rh_run *r, const char *value, const rh_vocab **out)
{
	char *file = NULL, *name = NULL;
	run_stop *s;
	int err;

	*out = NULL;
	if (!value || !strcmp(value, "none"))
		return 0;
	if (!(name = strcmp(value, "en") ? rh_run_path(r->base, value) : rh__strdup("en")))
		return RH_ENOMEM;
	for (size_t i = 0; i < r->nstops; i++)
		if (!strcmp(r->stops[i].name, name)) {
			*out = r->stops[i].v;
			free(name);
			return 0;
		}
	if (r->nstops == RH_RUN_MAX_STOPS) {
		free(name);
		return rh_error__set(RH_EUSAGE, "more than %d stop lists", RH_RUN_MAX_STOPS);
	}
	if (strcmp(value, "en"))
		err = (file = rh__strdup(name)) ? 0 : RH_ENOMEM;
	else
		err = data_file(r, STOP_LIST, "stop list", &file);
	s = &r->stops[r->nstops];
	if (err < 0 || (err = load_list(file, &r->plan.text, &s->v)) < 0) {
		free(file);
		free(name);
		return err;
	}
	s->file = file;
	s->name = name;
	r->stop_files[r->nstops++] = file;
	*out = s->v;
	return 0;
}

/* Every section's stop list, loaded once each. */
static int load_stops(rh_run *r)
{
	rh_plan_section *secs[] = { &r->plan.freq, &r->plan.tfidf, &r->plan.cooc, &r->plan.keyness,
				    &r->plan.kwic, &r->plan.trends };
	int err;
	for (size_t i = 0; i < sizeof secs / sizeof *secs; i++)
		if (secs[i]->on && (err = stop_for(r, secs[i]->stopwords, &secs[i]->report.stop)) < 0)
			return err;
	r->plan.tfidf_opts.stop = r->plan.tfidf.report.stop;
	return r->plan.ngram_stopwords ? stop_for(r, r->plan.ngram_stopwords, &r->plan.pass.ngram_stop) : 0;
}

/* The corpus the analysis names: one path, or several read as one. */
static int open_corpus(rh_run *r)
{
	char buf[64];
	rh_corpus_options co;
	if (r->npaths == 0)
		return rh_error__set(RH_EUSAGE, "no corpus path given");
	if (r->nnames && r->nnames != r->npaths)
		return rh_error__set(RH_EUSAGE, "%s %s names %zu corpora, but %zu are given",
				     key_name(r, "corpus", "names", buf, sizeof buf), r->plan.corpus_names, r->nnames,
				     r->npaths);
	co = r->plan.corpus;
	co.meta_path = NULL;
	co.meta_paths = (const char *const *)r->metas;
	co.nmeta_paths = r->nmetas;
	return rh_corpus_open_many(&r->corpus, (const char *const *)r->paths,
				   r->nnames ? (const char *const *)r->names : NULL, r->npaths, &co);
}

/* A column the plan names, checked against the corpus: RH_EUSAGE listing the columns. */
static int check_column(const rh_run *r, const char *section, const char *key, const char *col)
{
	char buf[64], cols[1024];
	if (!col || rh_corpus_meta_find(r->corpus, col) >= 0)
		return 0;
	return rh_error__set(RH_EUSAGE, "%s %s: no such metadata column (columns: %s)",
			     key_name(r, section, key, buf, sizeof buf), col,
			     rh_corpus_meta_list(r->corpus, cols, sizeof cols));
}

static int select_docs(rh_run *r)
{
	rh_selection *sel = NULL;
	char buf[64];
	int err;
	if (!r->plan.where)
		return 0;
	if ((err = rh_selection_parse(&sel, r->plan.where)) < 0 || (err = rh_corpus_select(r->corpus, sel, &r->where_out)) < 0) {
		rh_selection_free(sel);
		/* A test that cannot be read, or a column that is not there: the caller's to fix. */
		return rh_error__set(err == RH_ENOMEM ? err : RH_EUSAGE, "%s: %s", key_name(r, "corpus", "where", buf, sizeof buf), rh_error_last());
	}
	rh_selection_free(sel);
	if (rh_corpus_count(r->corpus) == 0)
		return rh_error__set(RH_EPARSE, "%s %s leaves no document", key_name(r, "corpus", "where", buf, sizeof buf),
				     r->plan.where);
	return 0;
}

/*
 * A counting setting of the plan against the counts file's: the file's
 * stands, and a plan that asks for another is told so.
 */
static int differs(const rh_run *r, const char *section, const char *key, const char *want, const char *has)
{
	char buf[64];
	return rh_error__set(RH_EUSAGE, "%s %s: %s was counted with %s (the counting settings are the counts file's: give the same, or count again)",
			     key_name(r, section, key, buf, sizeof buf), want, r->counts_file, has);
}

static int num_differs(const rh_run *r, const char *section, const char *key, unsigned want, unsigned has)
{
	char w[32], h[64];
	snprintf(w, sizeof w, "%u", want);
	snprintf(h, sizeof h, "%s = %u", key, has);
	return differs(r, section, key, w, h);
}

/*
 * The counts of a counts file in place of the corpus: its documents (the
 * selection and grouping already applied), dictionary and counts. What
 * the plan leaves open (by, where, the dictionary) is the file's; what it
 * sets must be what the file was counted with.
 */
static int open_counts(rh_run *r)
{
	const rh_counts_options *co;
	const rh_countsfile_info *info;
	int err;
	if ((err = rh_countsfile_read(&r->cfile, r->counts_file)) < 0)
		return err;
	r->counts = (rh_counts *)rh_countsfile_counts(r->cfile);
	r->corpus = (rh_corpus *)rh_counts_corpus(r->counts);
	r->dict = (rh_dict *)rh_counts_dict(r->counts);
	co = rh_counts_opts(r->counts);
	info = rh_countsfile_info_of(r->cfile);
	if (info->nshards != 1)
		return rh_error__set(RH_EUSAGE, "%s is shard %u of %u: merge the shards first (rhetor merge)", r->counts_file,
				     info->shard, info->nshards);
	const rh_text_options *t = &r->plan.text;
	if (t->keep_case != co->text.keep_case || t->split_hyphens != co->text.split_hyphens ||
	    t->dehyphenate != co->text.dehyphenate) {
		const char *key = t->keep_case != co->text.keep_case ? "keep_case"
				  : t->split_hyphens != co->text.split_hyphens ? "split_hyphens" : "dehyphenate";
		int has = !strcmp(key, "keep_case") ? co->text.keep_case
			  : !strcmp(key, "split_hyphens") ? co->text.split_hyphens : co->text.dehyphenate;
		char h[64];
		snprintf(h, sizeof h, "%s = %s", key, has ? "yes" : "no");
		return differs(r, "corpus", key, has ? "no" : "yes", h);
	}
	char has[300];
	snprintf(has, sizeof has, "by = %.200s", co->group_col ? co->group_col : "(none)");
	if (r->plan.by && (!co->group_col || strcmp(r->plan.by, co->group_col)))
		return differs(r, "corpus", "by", r->plan.by, has);
	snprintf(has, sizeof has, "where = %.200s", info->where ? info->where : "(every document)");
	if (r->plan.where && (!info->where || strcmp(r->plan.where, info->where)))
		return differs(r, "corpus", "where", r->plan.where, has);
	r->plan.by = co->group_col;
	r->plan.where = NULL;
	if (r->plan.cooc.on && (r->plan.pass.window_left != co->window_left || r->plan.pass.window_right != co->window_right))
		return r->plan.pass.window_left != co->window_left
			       ? num_differs(r, "cooc", "window_left", r->plan.pass.window_left, co->window_left)
			       : num_differs(r, "cooc", "window_right", r->plan.pass.window_right, co->window_right);
	if (r->plan.kwic.on && r->plan.pass.kwic_context != co->kwic_context)
		return num_differs(r, "kwic", "context", r->plan.pass.kwic_context, co->kwic_context);
	if ((r->plan.cooc.on || r->plan.kwic.on) && !r->plan.pass.within_sentence != !co->within_sentence)
		return differs(r, r->plan.cooc.on ? "cooc" : "kwic", "within", co->within_sentence ? "doc" : "sentence",
			       co->within_sentence ? "within = sentence" : "within = doc");
	const rh_counts_options *pp = &r->plan.pass;
	if (pp->ngram_max && (pp->ngram_min != co->ngram_min || pp->ngram_max != co->ngram_max)) {
		char w[32], h[48];
		snprintf(w, sizeof w, "%u-%u", pp->ngram_min, pp->ngram_max);
		snprintf(h, sizeof h, co->ngram_max ? "ngrams = %u-%u" : "single words", co->ngram_min, co->ngram_max);
		return differs(r, "corpus", "ngrams", w, h);
	}
	if (pp->ngram_stop) {
		char hex[RH_SHA256_HEX];
		if ((err = rh_countsfile_words_digest(hex, pp->ngram_stop)) < 0)
			return err;
		if (strcmp(hex, info->ngram_stop))
			return differs(r, "corpus", "ngram_stop", "edge", *info->ngram_stop ? "another edge stop list" : "ngram_stop = none");
	}
	if (r->phrases) {
		/* A dictionary named: the very patterns the file was counted with. */
		rh_dict *d = NULL;
		int same;
		if ((err = rh_dict_load(&d, r->phrases, &r->plan.text)) < 0)
			return err;
		same = r->dict && rh_countsfile_same_dict(d, r->dict);
		rh_dict_free(d);
		if (!same)
			return differs(r, "phrases", "file", r->phrases, r->dict ? "another dictionary" : "no dictionary");
	}
	/* The file's dictionary serves the tables that need one. */
	if (r->dict && !r->plan.phrases)
		r->plan.phrases = info->dictionary ? info->dictionary : r->counts_file;
	if (!r->dict)
		r->plan.phrases = NULL;
	r->plan.keyness_opts.concepts = r->plan.phrases != NULL;
	r->copts = *co;
	return 0;
}

RH_API int rh_run_open(rh_run *r)
{
	int err;
	if (r->opened)
		return 0;
	if (r->counts_file) {
		if ((err = open_counts(r)) < 0)
			return err;
		if ((r->plan.trends.on && (err = check_column(r, "trends", "time", r->plan.trends_opts.time_col)) < 0) ||
		    (err = load_stops(r)) < 0)
			return err;
		r->opened = 1;
		return 0;
	}
	if (!r->corpus && (err = open_corpus(r)) < 0)
		return err;
	if (rh_corpus_count(r->corpus) == 0)
		return rh_error__set(RH_EPARSE,
				     "%s: no documents (a corpus is a directory of .txt files, searched recursively, or a .csv file)",
				     r->joined ? r->joined : "the corpus");
	if ((err = check_column(r, "corpus", "by", r->plan.by)) < 0 || (err = select_docs(r)) < 0)
		return err;
	/* A group needs a name: documents without one are left out, never pooled. */
	if (r->plan.by) {
		if ((err = rh_corpus_require(r->corpus, r->plan.by, &r->group_out)) < 0)
			return err;
		if (rh_corpus_count(r->corpus) == 0)
			return rh_error__set(RH_EPARSE, "no document has a value in '%s'", r->plan.by);
	}
	if ((r->plan.trends.on && (err = check_column(r, "trends", "time", r->plan.trends_opts.time_col)) < 0) ||
	    (err = load_stops(r)) < 0)
		return err;
	if (r->shard_n && (err = rh_countsfile_shard(r->corpus, r->shard_k, r->shard_n, &r->shard)) < 0)
		return err;
	r->opened = 1;
	return 0;
}

/* One warning for each document the trends left out: no time, or a time that is not a number. */
static int untimed_warnings(rh_run *r)
{
	const char *col = r->plan.trends_opts.time_col;
	long c = rh_corpus_meta_find(r->corpus, col);
	size_t n;
	const uint32_t *docs = rh_trends_untimed(r->trends, &n);
	int err = 0;
	for (size_t i = 0; i < n && err == 0; i++) {
		const char *id = rh_corpus_doc_id(r->corpus, docs[i]);
		const char *v = c >= 0 ? rh_corpus_meta(r->corpus, docs[i], (size_t)c) : "", *p = v;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			err = rh_warnings__add(&r->untimed, "%s: no value in the time column '%s'; left out of the trends", id, col);
		else
			err = rh_warnings__add(&r->untimed, "%s: time '%.60s' in column '%s' is not a number; left out of the trends",
					       id, v, col);
	}
	return err;
}

/*
 * The one group whose documents' rows of the document x term matrix are
 * read, when that is all a table reads of them: keyness of a group against
 * the rest of the corpus (the reference's counts are the totals less the
 * target's), with no table of terms, tf-idf or collocates. Of the n-grams
 * of a corpus, the rows are the largest part of the counts. NULL: every
 * document's row.
 */
static const char *rows_group(const rh_run *r)
{
	const rh_plan *p = &r->plan;
	const rh_keyness_options *k = &p->keyness_opts;
	if (!p->keyness.on || !p->by || !k->target || rh_selection_is_expr(k->target) ||
	    (k->reference && strcmp(k->reference, "rest")))
		return NULL;
	if (p->freq.on || p->dispersion || p->tfidf.on || p->cooc.on || r->all_rows)
		return NULL;
	return k->target;
}

/* Where the counts come from: the corpus, counted in one pass with the dictionary. */
static int count_corpus(rh_run *r)
{
	static const rh_text_options folded = RH_TEXT_OPTIONS_INIT;
	rh_text_options topts = r->plan.text;
	int err;

	if (r->plan.text.dehyphenate) {
		char *file;
		if ((err = data_file(r, WORD_LIST, "word list", &file)) < 0)
			return err;
		err = load_list(file, &folded, &r->words);
		free(file);
		if (err < 0)
			return err;
	}
	topts.known_words = r->words;
	if (r->phrases && (err = rh_dict_load(&r->dict, r->phrases, &topts)) < 0)
		return err;
	r->copts = r->plan.pass;
	r->copts.text = topts;
	r->copts.dict = r->dict;
	r->copts.group_col = r->plan.by;
	r->copts.threads = r->plan.threads;
	r->copts.progress = r->o.progress;
	r->copts.progress_ud = r->o.progress_ud;
	r->copts.rows_group = rows_group(r);
	r->copts.digests = r->digests;
	return rh_counts_build(&r->counts, r->corpus, &r->copts);
}

RH_API int rh_run_count(rh_run *r)
{
	int err;
	if (r->counted)
		return 0;
	if ((err = rh_run_open(r)) < 0 || (!r->cfile && (err = count_corpus(r)) < 0))
		return err;
	r->plan.phrases = r->dict ? r->plan.phrases : NULL;
	r->res.plan = &r->plan;
	r->res.counts = r->counts;
	/* What more than one table reads is computed once, before the tables are written. */
	if (r->plan.tfidf.on && (err = rh_tfidf_build(&r->tfidf, r->counts, &r->plan.tfidf_opts)) < 0)
		return err;
	if (r->plan.trends.on && r->dict && r->plan.trends_opts.time_col) {
		if ((err = rh_trends_new(&r->trends, r->counts, &r->plan.trends_opts)) < 0 || (err = untimed_warnings(r)) < 0)
			return err;
	}
	/* The candidates: n-grams of their own sizes, in a pass of their own over the same documents. */
	if (r->plan.candidates.on) {
		rh_ngrams_options no = r->plan.candidates_opts;
		no.text = r->copts.text;
		no.group_col = no.target ? r->plan.by : NULL;
		no.threads = r->plan.threads;
		no.progress = r->o.progress;
		no.progress_ud = r->o.progress_ud;
		if ((err = rh_ngrams_build(&r->ngrams, r->corpus, &no)) < 0)
			return err;
	}
	r->res.tfidf = r->tfidf;
	r->res.trends = r->trends;
	r->res.ngrams = r->ngrams;
	r->counted = 1;
	return 0;
}

RH_API int rh_run_wants(const rh_run *r, const rh_table_def *t) { return t && rh_tables_wanted(t, &r->plan); }

RH_API int rh_run_table(rh_run *r, const rh_table_def *t, char **buf, size_t *len)
{
	FILE *fp;
	int err;
	*buf = NULL;
	*len = 0;
	if ((err = rh_run_count(r)) < 0)
		return err;
	/* A table the plan does not ask for has nothing to be written from (no trends, no groups, ...). */
	if (!rh_run_wants(r, t))
		return rh_error__set(RH_EUSAGE, "%s is not a table of this analysis", t ? t->name : "(no table)");
	if (!(fp = open_memstream(buf, len)))
		return rh_error__oom();
	err = t->write(fp, &r->res);
	if (fclose(fp) != 0 && err == 0)
		err = rh_error__oom();
	if (err < 0) {
		free(*buf);
		*buf = NULL;
		*len = 0;
	}
	return err;
}

/* Tables are jobs: each goes to the sink from the results (read-only by then), side by side. */
typedef struct {
	const rh_table_def *def;
	int rc;
} run_job;

typedef struct {
	const rh_run *r;
	const rh_run_sink *sink;
	run_job *jobs;
	size_t njobs;
	atomic_size_t next;
} job_set;

static void *job_worker(void *arg)
{
	job_set *js = arg;
	size_t i;
	while ((i = atomic_fetch_add(&js->next, 1)) < js->njobs)
		js->jobs[i].rc = js->sink->write(js->sink->ud, js->jobs[i].def, &js->r->res);
	return NULL;
}

RH_API int rh_run_tables(rh_run *r, const rh_run_sink *sink)
{
	job_set js;
	pthread_t tid[64];
	unsigned nthreads, started = 0;
	int err;

	if ((err = rh_run_count(r)) < 0)
		return err;
	nthreads = r->plan.threads ? r->plan.threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	memset(&js, 0, sizeof js);
	js.r = r;
	js.sink = sink;
	if (!(js.jobs = rh__calloc(rh_tables_count(), sizeof *js.jobs)))
		return RH_ENOMEM;
	for (size_t i = 0; i < rh_tables_count(); i++) {
		const rh_table_def *d = rh_tables_at(i);
		if (d->section && rh_run_wants(r, d))
			js.jobs[js.njobs++].def = d;
	}
	if (nthreads > js.njobs)
		nthreads = (unsigned)js.njobs;
	if (nthreads > sizeof tid / sizeof *tid)
		nthreads = sizeof tid / sizeof *tid;
	atomic_init(&js.next, 0);
	for (unsigned i = 1; i < nthreads; i++) {
		if (pthread_create(&tid[i], NULL, job_worker, &js) != 0)
			break;
		started = i;
	}
	job_worker(&js);
	for (unsigned i = 1; i <= started; i++)
		pthread_join(tid[i], NULL);
	for (size_t i = 0; i < js.njobs && err == 0; i++)
		err = js.jobs[i].rc;
	free(js.jobs);
	return err;
}

RH_API int rh_run_shard(rh_run *r, unsigned k, unsigned n)
{
	if (n < 1 || k < 1 || k > n)
		return rh_error__set(RH_EUSAGE, "shard %u/%u: K/N needs 1 <= K <= N", k, n);
	if (r->opened)
		return rh_error__set(RH_EUSAGE, "shard %u/%u: the run has opened its corpus already", k, n);
	r->shard_k = k;
	r->shard_n = n;
	return 0;
}

RH_API void rh_run_keep_digests(rh_run *r) { r->digests = 1; }

RH_API int rh_run_manifest(rh_run *r, char **manifest, size_t *len)
{
	int err;
	*manifest = NULL;
	*len = 0;
	if ((err = rh_run_count(r)) < 0)
		return err;
	if (r->cfile)
		return rh_error__set(RH_EUSAGE, "the corpus of a counts file is not read: its manifest is the file's");
	return rh_analysis_counts_manifest(manifest, len, r->counts, r->plan.threads);
}

RH_API int rh_run_write_counts(rh_run *r, FILE *fp)
{
	rh_countsfile_info info = RH_COUNTSFILE_INFO_INIT;
	char *manifest = NULL;
	size_t len = 0;
	int err;
	r->all_rows = 1; /* a counts file holds every document's row */
	r->digests = 1;  /* and the manifest of its documents */
	if ((err = rh_run_count(r)) < 0)
		return err;
	if (r->cfile)
		return rh_countsfile_write(fp, r->counts, rh_countsfile_info_of(r->cfile));
	if (r->shard_n)
		info = r->shard;
	else if ((err = rh_countsfile_shard(r->corpus, 1, 1, &info)) < 0)
		return err;
	if ((err = rh_run_manifest(r, &manifest, &len)) < 0)
		return err;
	info.where = r->plan.where;
	info.corpus = r->joined;
	info.dictionary = r->dict ? r->phrases : NULL;
	info.manifest = manifest;
	info.manifest_len = len;
	err = rh_countsfile_write(fp, r->counts, &info);
	free(manifest);
	return err;
}

RH_API const rh_countsfile *rh_run_countsfile(const rh_run *r) { return r->cfile; }

RH_API const rh_plan *rh_run_plan(const rh_run *r) { return &r->plan; }
RH_API const rh_corpus *rh_run_corpus(const rh_run *r) { return r->opened || r->corpus ? r->corpus : NULL; }
RH_API const rh_dict *rh_run_dict(const rh_run *r) { return r->dict; }
RH_API const rh_counts *rh_run_counts(const rh_run *r) { return r->counts; }
RH_API const rh_trends *rh_run_trends(const rh_run *r) { return r->trends; }
RH_API const rh_results *rh_run_results(const rh_run *r) { return r->counted ? &r->res : NULL; }

RH_API void rh_run_left_out(const rh_run *r, size_t *by_where, size_t *by_group)
{
	if (by_where)
		*by_where = r->where_out;
	if (by_group)
		*by_group = r->group_out;
}

RH_API size_t rh_run_warning_count(const rh_run *r)
{
	return rh_warnings_count(rh_corpus_warnings(r->corpus)) + rh_warnings_count(rh_counts_warnings(r->counts)) +
	       r->untimed.n;
}

RH_API const char *rh_run_warning_at(const rh_run *r, size_t i)
{
	const rh_warnings *ws[3] = { rh_corpus_warnings(r->corpus), rh_counts_warnings(r->counts), &r->untimed };
	for (size_t k = 0; k < 3; k++) {
		size_t n = rh_warnings_count(ws[k]);
		if (i < n)
			return rh_warnings_at(ws[k], i);
		i -= n;
	}
	return NULL;
}

RH_API const rh_warnings *rh_run_untimed(const rh_run *r) { return r->counted ? &r->untimed : NULL; }

RH_API const char *const *rh_run_stop_files(const rh_run *r, size_t *n)
{
	*n = r->nstops;
	return r->stop_files;
}
