/* runner.c: the one runner behind every analysis command: resolve the plan, count once, write the tables, draw the charts, lock. */
#include <errno.h>
#include <limits.h>
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

/* One table into out/name, atomically: the sink the library's runner writes through, on the pass's threads. */
static int write_one(void *ud, const rh_table_def *def, const rh_results *res)
{
	run_ctx *r = ud;
	cli_out out;
	int rc, err;
	if ((rc = cli_out_open(r->cmd, &out, r->out, def->name)) != CLI_OK)
		return rc;
	if ((err = def->write(out.fp, res)) < 0) {
		cli_out_abort(&out);
		cli_error(r->cmd, "%s: %s", def->name, rh_error_last());
		return err == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
	}
	if ((rc = cli_out_commit(r->cmd, &out)) != CLI_OK || !r->progress.tty)
		return rc;
	/* Progress on a terminal: how many of the tables are written, the last one named. */
	pthread_mutex_lock(&r->tables_lock);
	fprintf(stderr, "\r\033[Krhetor %s: %zu of %zu tables written (%s)", r->cmd, ++r->tables_done,
		r->tables_total, def->name);
	pthread_mutex_unlock(&r->tables_lock);
	return rc;
}

/* warnings.txt again, with the documents the trends left out after the pass's warnings. */
static int untimed_warnings(run_ctx *r)
{
	const rh_warnings *u = rh_run_untimed(r->run);
	int rc;
	if (rh_warnings_count(u) == 0)
		return CLI_OK;
	if ((rc = cli_report_untimed(r->cmd, &r->o, &r->l, r->out, r->plan->trends_opts.time_col, u)) != CLI_OK)
		return rc;
	return r->l.warnings && r->req->documents ? CLI_OK : run_add_output(r, "warnings.txt");
}

/* Every table the plan asks for but documents.csv; outputs in list order. */
static int write_tables(run_ctx *r)
{
	rh_run_sink sink = { write_one, r };
	int rc;
	for (size_t i = 0; i < rh_tables_count(); i++)
		r->tables_total += rh_tables_at(i)->section && rh_run_wants(r->run, rh_tables_at(i));
	pthread_mutex_init(&r->tables_lock, NULL);
	rc = rh_run_tables(r->run, &sink);
	pthread_mutex_destroy(&r->tables_lock);
	if (r->progress.tty && r->tables_done)
		fputs("\r\033[K", stderr);
	if (rc < 0)
		return cli_lib_error(r->cmd, rc);
	for (size_t i = 0; i < rh_tables_count() && rc == CLI_OK; i++) {
		const rh_table_def *d = rh_tables_at(i);
		if (d->section && rh_run_wants(r->run, d))
			rc = run_add_output(r, d->name);
	}
	return rc;
}

/* Charts: every chart of the output directory's tables; every file drawn joins the outputs. */
static int do_plot(run_ctx *r)
{
	const rh_plan *p = r->plan;
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
	o->corpus_names = r->plan->corpus_names;
	o->corpus_opts = r->plan->corpus;
	o->corpus_opts.meta_path = NULL; /* the run opened the corpus */
	o->text = r->plan->text;
	o->phrases = r->phrases;
	o->metas = r->meta;
	o->home = r->req->home;
	o->by = r->plan->by;
	o->out = r->out;
	o->top = 0;
	o->threads = r->plan->threads;
	o->quiet = r->req->quiet;
	o->table = r->plan->table;
}

/* The corpus, its selection and stop lists; the lock checked before any work; then the one counting pass. */
static int count_corpus(run_ctx *r)
{
	size_t where_out, group_out;
	int err, rc;
	cli_protect_corpus(r->plan->counts_path ? NULL : r->corpus);
	err = rh_run_open(r->run);
	rh_run_left_out(r->run, &where_out, &group_out);
	r->left_out = where_out + group_out;
	/* Also when the selection kept nothing: the note says what it left out, the error why that ends the run. */
	if (r->plan->where && (err == 0 || where_out))
		cli_note(&r->o, "rhetor %s: --where %s: %zu of %zu documents kept, %zu left out\n", r->cmd, r->plan->where,
			 rh_corpus_count(rh_run_corpus(r->run)) + group_out, rh_corpus_count(rh_run_corpus(r->run)) + r->left_out,
			 where_out);
	if (err < 0)
		return cli_lib_error(r->cmd, err);
	if (r->req->lock && (rc = run_check_lock(r)) != CLI_OK)
		return rc;
	if ((err = rh_run_count(r->run)) < 0) {
		if (r->progress.tty)
			fputc('\n', stderr);
		return cli_lib_error(r->cmd, err);
	}
	if (r->progress.tty)
		fputc('\n', stderr);
	return CLI_OK;
}

/* keyness.csv has a row for each concept with a match on either side: the others are named, not left out silently. */
static void note_unmatched(run_ctx *r)
{
	const rh_dict *d = rh_run_dict(r->run);
	size_t nc = d ? rh_dict_concept_count(d) : 0, nm, none = 0, used = 0;
	const rh_match *m = rh_run_counts(r->run) ? rh_counts_matches(rh_run_counts(r->run), &nm) : NULL;
	unsigned char *seen;
	char names[256];
	if (!r->plan->keyness.on || !nc || !(seen = calloc(nc, 1)))
		return;
	for (size_t i = 0; m && i < nm; i++)
		seen[m[i].concept] = 1;
	names[0] = '\0';
	for (size_t k = 0; k < nc; k++)
		if (!seen[k] && none++ < 5 && used < sizeof names)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "",
						 rh_dict_concept(d, k));
	if (none)
		cli_note(&r->o, "rhetor %s: %zu concept%s of the dictionary match%s nowhere in these documents, so keyness.csv "
			 "has no row for %s: %s%s\n", r->cmd, none, none == 1 ? "" : "s", none == 1 ? "es" : "",
			 none == 1 ? "it" : "them", names, none > 5 ? ", ..." : "");
	free(seen);
}

int cli_runner(const cli_run_request *req)
{
	rh_run_options ro = RH_RUN_OPTIONS_INIT;
	run_ctx r;
	int rc, err;

	memset(&r, 0, sizeof r);
	r.req = req;
	r.cmd = req->cmd;
	r.data_dir = cli_data_dir();
	ro.base = req->base;
	ro.data_dir = r.data_dir;
	ro.threads = req->threads;
	ro.key_name = req->flag;
	r.progress.cmd = req->cmd;
	r.progress.tty = !req->quiet && isatty(STDERR_FILENO);
	ro.progress = cli_progress;
	ro.progress_ud = &r.progress;
	if ((err = rh_run_new(&r.run, req->a, &ro)) < 0) {
		free(r.data_dir);
		return cli_lib_error(r.cmd, err);
	}
	r.plan = rh_run_plan(r.run);
	/* Where the counts come from: a counts file stands for the corpus, in the lock too. */
	if (r.plan->counts_path)
		r.corpus = cli_run_path(req->base, r.plan->counts_path);
	else
		r.corpus = cli_run_paths_joined(req->base, r.plan->corpus_path);
	r.meta = r.plan->counts_path ? NULL : cli_run_paths_joined(req->base, r.plan->corpus.meta_path);
	r.phrases = cli_run_path(req->base, r.plan->phrases);
	r.out = req->out ? strdup(req->out) : cli_run_path(req->base, r.plan->out_dir);
	if (!r.corpus || !r.out) {
		cli_error(r.cmd, "out of memory");
		rc = CLI_FAIL;
		goto done;
	}
	fill_opts(&r);
	if (req->lock)
		rh_run_keep_digests(r.run);
	if ((rc = count_corpus(&r)) != CLI_OK)
		goto done;
	/* The run's corpus, dictionary and counts, borrowed for the shared helpers. */
	r.l.corpus = (rh_corpus *)rh_run_corpus(r.run);
	r.l.dict = (rh_dict *)rh_run_dict(r.run);
	r.l.counts = (rh_counts *)rh_run_counts(r.run);
	r.l.warnings = cli_print_warnings(r.cmd, &r.o, &r.l);
	r.stop_files = rh_run_stop_files(r.run, &r.nstops);
	if (req->documents) {
		if ((rc = cli_write_documents(r.cmd, &r.o, &r.l, rh_run_results(r.run))) != CLI_OK ||
		    (rc = run_add_output(&r, "documents.csv")) != CLI_OK)
			goto done;
		if (r.l.warnings && (rc = run_add_output(&r, "warnings.txt")) != CLI_OK)
			goto done;
	}
	if (rh_run_trends(r.run)) {
		if ((rc = untimed_warnings(&r)) != CLI_OK)
			goto done;
		if (!rh_trends_numeric(rh_run_trends(r.run)))
			cli_note(&r.o, "rhetor %s: the values of '%s' are not numbers: periods in byte order, no trend fitted\n",
				 r.cmd, r.plan->trends_opts.time_col);
	}
	if ((rc = write_tables(&r)) != CLI_OK || (r.plan->plot.on && (rc = do_plot(&r)) != CLI_OK))
		goto done;
	note_unmatched(&r);
	if (req->lock && (rc = run_write_lock(&r)) != CLI_OK)
		goto done;
	/* The page reads the tables and the lock from the output directory, not
	 * the counts: they are let go first, so the two are never held at once. */
	size_t ndocs = rh_counts_doc_count(r.l.counts);
	unsigned long long ntokens = (unsigned long long)rh_counts_tokens(r.l.counts);
	/* The plan lives in the run: what the page needs of it is copied out first,
	 * and the options that borrow from it are cleared. */
	int report_on = r.plan->report.on;
	long report_rows = r.plan->report.rows, report_lines = r.plan->report.lines;
	r.l = (cli_loaded){ 0 };
	r.plan = NULL;
	r.o.corpus_names = NULL;
	r.o.text = (rh_text_options){ 0 };
	r.o.table = (rh_table_options){ 0 };
	rh_run_free(r.run);
	r.run = NULL;
	/* The page reads the lock, so it comes last; it is not one of the outputs the lock lists. */
	if (report_on && (rc = cli_report_write(r.cmd, r.out, report_rows, report_lines, &r.o)) != CLI_OK)
		goto done;
	cli_note(&r.o, "rhetor %s: %zu documents, %llu tokens; %zu files%s in %s/\n", r.cmd, ndocs, ntokens, r.noutputs,
		 req->lock ? " and " CLI_LOCK_FILE : "", r.out);
done:
	rh_run_free(r.run);
	for (size_t i = 0; i < r.noutputs; i++)
		free(r.outputs[i]);
	free(r.outputs);
	free(r.corpus);
	free(r.meta);
	free(r.phrases);
	free(r.out);
	free(r.data_dir);
	return rc;
}
