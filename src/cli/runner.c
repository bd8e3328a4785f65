/* runner.c: the one runner behind every analysis command: resolve the plan, count once, write the tables, draw the charts, lock. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"

int run_add_output(run_ctx *r, const char *name)
{
	char *s;
	if (r->noutputs == r->capoutputs) {
		size_t cap = r->capoutputs ? 2 * r->capoutputs : 32;
		char **n = realloc(r->outputs, cap * sizeof *n);
		if (!n)
			return CLI_FAIL;
		r->outputs = n;
		r->capoutputs = cap;
	}
	if (!(s = strdup(name)))
		return CLI_FAIL;
	r->outputs[r->noutputs++] = s;
	return CLI_OK;
}

/* How a key is spelled in messages: the command's flag, else [section] key. */
static const char *key_name(const run_ctx *r, const char *section, const char *key, char *buf, size_t n)
{
	const char *f = r->req->flag ? r->req->flag(section, key) : NULL;
	if (f)
		return f;
	snprintf(buf, n, "[%s] %s =", section, key);
	return buf;
}

/* The stop list a section names ("none": NULL), loaded on first use and shared. */
static int stop_for(run_ctx *r, const char *value, const rh_vocab **out)
{
	char *file = NULL, *buf = NULL, *resolved = NULL;
	size_t len;
	int rc, err;

	*out = NULL;
	if (!value || !strcmp(value, "none"))
		return CLI_OK;
	if (strcmp(value, "en") && !(resolved = cli_run_path(r->req->base, value)))
		return CLI_FAIL;
	for (size_t i = 0; i < r->nstops; i++)
		if (!strcmp(r->stops[i].name, resolved ? resolved : value)) {
			*out = r->stops[i].v;
			free(resolved);
			return CLI_OK;
		}
	if (r->nstops == RUN_MAX_STOPS) {
		cli_error(r->cmd, "more than %d stop lists", RUN_MAX_STOPS);
		free(resolved);
		return CLI_USAGE;
	}
	if (resolved)
		file = resolved;
	else if (!(file = cli_data_path("datasets/stopwords/en.txt"))) {
		cli_error(r->cmd, "cannot find the stop list datasets/stopwords/en.txt (set RHETOR_DATA_DIR to rhetor's data directory)");
		return CLI_FAIL;
	}
	if ((rc = cli_read_file(r->cmd, file, &buf, &len)) != CLI_OK) {
		free(file);
		return rc;
	}
	run_stop *s = &r->stops[r->nstops];
	if ((err = rh_vocab_load_list(&s->v, buf, len, &r->plan.text)) < 0) {
		free(buf);
		free(file);
		return cli_lib_error(r->cmd, err);
	}
	free(buf);
	s->file = file;
	s->name = resolved ? resolved : "en";
	r->nstops++;
	*out = s->v;
	return CLI_OK;
}

/* Every section's stop list, loaded once each. */
static int load_stops(run_ctx *r)
{
	rh_plan_section *secs[] = { &r->plan.freq, &r->plan.tfidf, &r->plan.cooc, &r->plan.keyness,
				    &r->plan.kwic, &r->plan.trends };
	int rc;
	for (size_t i = 0; i < sizeof secs / sizeof *secs; i++)
		if (secs[i]->on && (rc = stop_for(r, secs[i]->stopwords, &secs[i]->report.stop)) != CLI_OK)
			return rc;
	r->plan.tfidf_opts.stop = r->plan.tfidf.report.stop;
	return CLI_OK;
}

/* Tables are jobs: each writes one file from the results (read-only by then), side by side. */
typedef struct {
	const rh_table_def *def;
	int rc;
} run_job;

typedef struct {
	run_ctx *r;
	const rh_results *res;
	run_job *jobs;
	size_t njobs;
	atomic_size_t next;
} job_set;

/* One table into out/name, atomically. */
static int write_one(run_ctx *r, const rh_table_def *def, const rh_results *res)
{
	cli_out out;
	int rc, err;
	if ((rc = cli_out_open(r->cmd, &out, r->out, def->name)) != CLI_OK)
		return rc;
	if ((err = def->write(out.fp, res)) < 0) {
		cli_out_abort(&out);
		cli_error(r->cmd, "%s: %s", def->name, rh_error_last());
		return err == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
	}
	return cli_out_commit(r->cmd, &out);
}

static void *job_worker(void *arg)
{
	job_set *js = arg;
	size_t i;
	while ((i = atomic_fetch_add(&js->next, 1)) < js->njobs)
		js->jobs[i].rc = write_one(js->r, js->jobs[i].def, js->res);
	return NULL;
}

/* warnings.txt again, with the documents the trends left out after the pass's warnings. */
static int untimed_warnings(run_ctx *r, const rh_trends *t)
{
	size_t n;
	int rc;
	rh_trends_untimed(t, &n);
	if (n == 0)
		return CLI_OK;
	if ((rc = cli_report_untimed(r->cmd, &r->o, &r->l, r->out, r->plan.trends_opts.time_col, t)) != CLI_OK)
		return rc;
	return r->l.warnings && r->req->documents ? CLI_OK : run_add_output(r, "warnings.txt");
}

/* Every table the plan asks for but documents.csv, on the pass's threads; outputs in list order. */
static int write_tables(run_ctx *r, const rh_results *res)
{
	job_set js;
	pthread_t tid[64];
	unsigned nthreads = r->plan.threads ? r->plan.threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN), started = 0;
	int rc = CLI_OK;

	memset(&js, 0, sizeof js);
	js.r = r;
	js.res = res;
	if (!(js.jobs = calloc(rh_tables_count(), sizeof *js.jobs))) {
		cli_error(r->cmd, "out of memory");
		return CLI_FAIL;
	}
	for (size_t i = 0; i < rh_tables_count(); i++) {
		const rh_table_def *d = rh_tables_at(i);
		if (d->section && rh_tables_wanted(d, &r->plan))
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
	for (size_t i = 0; i < js.njobs; i++) {
		if (js.jobs[i].rc != CLI_OK) {
			if (rc == CLI_OK)
				rc = js.jobs[i].rc;
		} else if (run_add_output(r, js.jobs[i].def->name) != CLI_OK) {
			rc = CLI_FAIL;
		}
	}
	free(js.jobs);
	return rc;
}

/* Charts: every chart of the output directory's tables; every file drawn joins the outputs. */
static int do_plot(run_ctx *r)
{
	const rh_plan *p = &r->plan;
	cli_render_options ro = CLI_RENDER_OPTIONS_INIT;
	rh_plot_options po = RH_PLOT_OPTIONS_INIT;
	cli_list groups = { 0 }, concepts = { 0 };
	cli_files written = { 0 };
	const char **labels = NULL;
	char timelabel[256];
	int rc;

	if ((rc = cli_render_formats(r->cmd, p->plot.format, &ro.formats)) != CLI_OK ||
	    (rc = cli_list_split(r->cmd, "plot.groups", p->plot.groups, &groups)) != CLI_OK ||
	    (rc = cli_list_split(r->cmd, "plot.concepts", p->plot.concepts, &concepts)) != CLI_OK)
		goto done;
	ro.width = !strcmp(p->plot.width, "1col") ? "1col" : "2col";
	ro.titles = p->plot.titles;
	ro.render = p->plot.render;
	ro.threads = r->o.threads; /* the renderer may draw several charts at once */
	ro.quiet = r->o.quiet;
	if (p->plot.top > 0)
		po.top = (unsigned)(p->plot.top > 1000 ? 1000 : p->plot.top);
	po.groups = groups.n ? groups.v : NULL;
	po.ngroups = groups.n;
	po.concepts = concepts.n ? concepts.v : NULL;
	po.nconcepts = concepts.n;
	/* Concepts named by the dictionary's label column; the time axis by the trends' time column. */
	if (r->l.dict && (rc = cli_render_labels(r->l.dict, &labels, &po.nlabels)) != CLI_OK)
		goto done;
	po.labels = labels;
	if (p->trends.on)
		po.time = cli_render_time(p->trends_opts.time_col, p->trends_opts.period_width, timelabel, sizeof timelabel);
	if ((rc = cli_render(r->out, &po, &ro, &written)) != CLI_OK)
		goto done;
	for (size_t i = 0; i < written.n && rc == CLI_OK; i++)
		rc = run_add_output(r, written.v[i]);
done:
	free(labels);
	cli_files_free(&written);
	cli_list_free(&groups);
	cli_list_free(&concepts);
	return rc;
}

/* The columns a plan names exist in the corpus: checked before the counting pass. */
static int check_time(run_ctx *r)
{
	const char *col = r->plan.trends_opts.time_col;
	char buf[64], cols[1024];
	if (!r->plan.trends.on || !col || rh_corpus_meta_find(r->l.corpus, col) >= 0)
		return CLI_OK;
	cli_error(r->cmd, "%s %s: no such metadata column (columns: %s)", key_name(r, "trends", "time", buf, sizeof buf),
		  col, rh_corpus_meta_list(r->l.corpus, cols, sizeof cols));
	return CLI_USAGE;
}

int cli_apply_where(const char *cmd, const char *where, rh_corpus *c, size_t *left_out)
{
	rh_selection *sel = NULL;
	int err;
	*left_out = 0;
	if (!where)
		return CLI_OK;
	if ((err = rh_selection_parse(&sel, where)) < 0 || (err = rh_corpus_select(c, sel, left_out)) < 0) {
		rh_selection_free(sel);
		cli_error(cmd, "--where: %s", rh_error_last());
		return CLI_USAGE;
	}
	rh_selection_free(sel);
	return CLI_OK;
}


/* The options the shared helpers read, from the plan and the request. */
static void fill_opts(run_ctx *r)
{
	cli_opts *o = &r->o;
	memset(o, 0, sizeof *o);
	o->corpus = r->corpus;
	o->corpus_names = r->plan.corpus_names;
	o->corpus_opts = r->plan.corpus;
	o->corpus_opts.meta_path = r->meta;
	o->text = r->plan.text;
	o->phrases = r->phrases;
	o->by = r->plan.by;
	o->out = r->out;
	o->top = 0;
	o->threads = r->plan.threads;
	o->quiet = r->req->quiet;
	o->table = r->plan.table;
}

int cli_runner(const cli_run_request *req)
{
	const rh_analysis *a = req->a;
	rh_counts_options copts;
	rh_tfidf *tfidf = NULL;
	rh_trends *trends = NULL;
	rh_results res;
	run_ctx r;
	int rc, err;

	memset(&r, 0, sizeof r);
	r.req = req;
	r.cmd = req->cmd;
	if ((err = rh_plan_resolve(&r.plan, a)) < 0)
		return cli_lib_error(r.cmd, err);
	if (req->threads >= 0)
		r.plan.threads = r.plan.pass.threads = (unsigned)req->threads;
	r.corpus = cli_run_paths_joined(req->base, r.plan.corpus_path);
	r.meta = cli_run_path(req->base, r.plan.corpus.meta_path);
	r.phrases = cli_run_path(req->base, r.plan.phrases);
	r.out = req->out ? strdup(req->out) : cli_run_path(req->base, r.plan.out_dir);
	if (!r.corpus || !r.out) {
		cli_error(r.cmd, "out of memory");
		rc = CLI_FAIL;
		goto done;
	}
	fill_opts(&r);
	copts = r.plan.pass;
	if ((rc = cli_open(r.cmd, &r.o, &r.l)) != CLI_OK ||
	    (rc = cli_apply_where(r.cmd, r.plan.where, r.l.corpus, &r.left_out)) != CLI_OK)
		goto done;
	if (r.plan.where) {
		cli_note(&r.o, "rhetor %s: --where %s: %zu of %zu documents kept, %zu left out\n", r.cmd, r.plan.where,
			 rh_corpus_count(r.l.corpus), rh_corpus_count(r.l.corpus) + r.left_out, r.left_out);
		if (rh_corpus_count(r.l.corpus) == 0) {
			cli_error(r.cmd, "--where %s leaves no document", r.plan.where);
			rc = CLI_FAIL;
			goto done;
		}
	}
	/* A group needs a name: documents without one are left out, never pooled. */
	if (r.plan.by) {
		size_t none;
		if ((err = rh_corpus_require(r.l.corpus, r.plan.by, &none)) < 0) {
			rc = cli_lib_error(r.cmd, err);
			goto done;
		}
		r.left_out += none;
		if (rh_corpus_count(r.l.corpus) == 0) {
			cli_error(r.cmd, "no document has a value in '%s'", r.plan.by);
			rc = CLI_FAIL;
			goto done;
		}
	}
	if ((rc = check_time(&r)) != CLI_OK ||
	    (rc = load_stops(&r)) != CLI_OK || (req->lock && (rc = run_check_lock(&r)) != CLI_OK) ||
	    (rc = cli_count(r.cmd, &r.o, &copts, &r.l)) != CLI_OK)
		goto done;
	r.plan.phrases = r.l.dict ? r.plan.phrases : NULL;

	memset(&res, 0, sizeof res);
	res.plan = &r.plan;
	res.counts = r.l.counts;
	if (req->documents) {
		if ((rc = cli_write_documents(r.cmd, &r.o, &r.l, &res)) != CLI_OK ||
		    (rc = run_add_output(&r, "documents.csv")) != CLI_OK)
			goto done;
		if (r.l.warnings && (rc = run_add_output(&r, "warnings.txt")) != CLI_OK)
			goto done;
	}
	/* What more than one table reads is computed once, before the tables are written. */
	if (r.plan.tfidf.on && (err = rh_tfidf_build(&tfidf, r.l.counts, &r.plan.tfidf_opts)) < 0) {
		rc = cli_lib_error(r.cmd, err);
		goto done;
	}
	if (r.plan.trends.on && r.l.dict && r.plan.trends_opts.time_col) {
		if ((err = rh_trends_new(&trends, r.l.counts, &r.plan.trends_opts)) < 0) {
			rc = cli_lib_error(r.cmd, err);
			goto done;
		}
		if ((rc = untimed_warnings(&r, trends)) != CLI_OK)
			goto done;
		if (!rh_trends_numeric(trends))
			cli_note(&r.o, "rhetor %s: the values of '%s' are not numbers: periods in byte order, no trend fitted\n",
				 r.cmd, r.plan.trends_opts.time_col);
	}
	res.tfidf = tfidf;
	res.trends = trends;
	if ((rc = write_tables(&r, &res)) != CLI_OK || (r.plan.plot.on && (rc = do_plot(&r)) != CLI_OK))
		goto done;
	if (req->lock && (rc = run_write_lock(&r)) != CLI_OK)
		goto done;
	/* The page reads the lock, so it comes last; it is not one of the outputs the lock lists. */
	if (r.plan.report.on && (rc = cli_report_write(r.cmd, r.out, r.plan.report.rows, r.plan.report.lines, &r.o)) != CLI_OK)
		goto done;
	cli_note(&r.o, "rhetor %s: %zu documents, %llu tokens; %zu files%s in %s/\n", r.cmd,
		 rh_counts_doc_count(r.l.counts), (unsigned long long)rh_counts_tokens(r.l.counts), r.noutputs,
		 req->lock ? " and " CLI_LOCK_FILE : "", r.out);
done:
	rh_tfidf_free(tfidf);
	rh_trends_free(trends);
	cli_loaded_free(&r.l);
	for (size_t i = 0; i < r.nstops; i++) {
		rh_vocab_free(r.stops[i].v);
		free(r.stops[i].file);
	}
	for (size_t i = 0; i < r.noutputs; i++)
		free(r.outputs[i]);
	free(r.outputs);
	free(r.corpus);
	free(r.meta);
	free(r.phrases);
	free(r.out);
	return rc;
}
