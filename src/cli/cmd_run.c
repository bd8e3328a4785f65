/* cmd_run.c: rhetor run: every table and chart an analysis file asks for, from one counting pass, and a lock file. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rhetor/analysis.h>

#include "cli.h"

#define CMD "run"
#define MAX_STOPS 8
#define MAX_CHARTS 64

/* A stop list one or more sections use, loaded once. */
typedef struct {
	const char *name; /* the value as in the analysis: "en" or a resolved path */
	char *file;       /* the file read */
	rh_vocab *v;
} stop_list;

typedef struct {
	const char *cmd;
	const rh_analysis *a;
	const char *base;       /* directory the analysis's paths are relative to */
	cli_opts o;
	cli_loaded l;
	char *corpus, *meta, *phrases, *out; /* resolved paths */
	stop_list stops[MAX_STOPS];
	size_t nstops;
	char **outputs;         /* files written, relative to out */
	size_t noutputs, capoutputs;
	struct job_set *jobs;   /* while the tables are written */
} run_ctx;

char *cli_run_path(const char *base, const char *value)
{
	size_t n;
	char *p;
	if (!value || !*value)
		return NULL;
	if (value[0] == '/' || !base || !*base || !strcmp(base, "."))
		return strdup(value);
	n = strlen(base) + strlen(value) + 2;
	if ((p = malloc(n)))
		snprintf(p, n, "%s/%s", base, value);
	return p;
}

char *cli_run_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int add_output(run_ctx *r, const char *name)
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

/* The stop list a section names ("none": NULL), loaded on first use. */
static int stop_for(run_ctx *r, const char *section, const rh_vocab **out)
{
	const char *v = rh_analysis_get(r->a, section, "stopwords");
	char *file = NULL, *buf = NULL, *resolved = NULL;
	size_t len;
	int rc, err;

	*out = NULL;
	if (!v || !strcmp(v, "none"))
		return CLI_OK;
	if (strcmp(v, "en") && !(resolved = cli_run_path(r->base, v)))
		return CLI_FAIL;
	for (size_t i = 0; i < r->nstops; i++)
		if (!strcmp(r->stops[i].name, resolved ? resolved : v)) {
			*out = r->stops[i].v;
			free(resolved);
			return CLI_OK;
		}
	if (r->nstops == MAX_STOPS) {
		cli_error(r->cmd, "more than %d stop lists", MAX_STOPS);
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
	stop_list *s = &r->stops[r->nstops];
	if ((err = rh_vocab_load_list(&s->v, buf, len, &r->o.text)) < 0) {
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

/*
 * Report options of a section: its top, min_count and stop list (none for
 * a section without such keys); the output's cell format.
 */
static int section_ro(run_ctx *r, const char *section, rh_report_options *ro)
{
	rh_report_options def = RH_REPORT_OPTIONS_INIT;
	*ro = def;
	ro->table = r->o.table;
	ro->top = rh_analysis_count(r->a, section, "top");
	ro->min_count = rh_analysis_count(r->a, section, "min_count");
	return stop_for(r, section, &ro->stop);
}

/*
 * Tables are jobs: each writes one file from the counts (read-only by then)
 * and they run side by side on the pass's threads. Everything a job reads
 * is prepared before, on the calling thread: stop lists, tf-idf weights,
 * trends. Outputs join the list in job order, whatever thread ran them.
 */
typedef struct run_job run_job;
struct run_job {
	const char *name;
	int (*write)(FILE *fp, const run_ctx *r, const run_job *j);
	/* The writer's settings. */
	int (*counts_write)(FILE *, const rh_counts *, const rh_report_options *);
	int (*trends_write)(FILE *, const rh_trends *, const rh_report_options *);
	const rh_report_options *ro;
	int rc;
};

#define MAX_JOBS 24

/* What the jobs share, alive until they are done. */
struct job_set {
	rh_report_options ro_freq, ro_tfidf, ro_cooc, ro_keyness, ro_kwic, ro_trends;
	rh_cooc_options co;
	rh_keyness_options ko;
	rh_tfidf *tfidf;
	size_t sim_top;
	rh_trends *trends;
	run_job jobs[MAX_JOBS];
	size_t njobs;
	atomic_size_t next;
	run_ctx *r;
};
typedef struct job_set job_set;

static job_set *jobs_of(const run_ctx *r);

static int add_job(job_set *js, const char *name, int (*write)(FILE *, const run_ctx *, const run_job *),
		   const rh_report_options *ro)
{
	run_job *j = &js->jobs[js->njobs++];
	memset(j, 0, sizeof *j);
	j->name = name;
	j->write = write;
	j->ro = ro;
	return CLI_OK;
}

static int w_counts(FILE *fp, const run_ctx *r, const run_job *j)
{
	return j->counts_write(fp, r->l.counts, j->ro);
}

static int add_counts_job(job_set *js, const char *name,
			  int (*write)(FILE *, const rh_counts *, const rh_report_options *),
			  const rh_report_options *ro)
{
	add_job(js, name, w_counts, ro);
	js->jobs[js->njobs - 1].counts_write = write;
	return CLI_OK;
}

static int w_tfidf(FILE *fp, const run_ctx *r, const run_job *j)
{
	return rh_tfidf_write(fp, jobs_of(r)->tfidf, j->ro);
}

static int w_similarity(FILE *fp, const run_ctx *r, const run_job *j)
{
	return rh_tfidf_similarity_write(fp, jobs_of(r)->tfidf, jobs_of(r)->sim_top, &r->o.table);
}

static int w_collocates(FILE *fp, const run_ctx *r, const run_job *j)
{
	return rh_cooc_collocates(fp, r->l.counts, j->ro, &jobs_of(r)->co);
}

static int w_concepts(FILE *fp, const run_ctx *r, const run_job *j)
{
	return rh_cooc_concepts(fp, r->l.counts, j->ro, &jobs_of(r)->co);
}

static int w_keyness(FILE *fp, const run_ctx *r, const run_job *j)
{
	return rh_keyness_write(fp, r->l.counts, j->ro, &jobs_of(r)->ko);
}

static int w_trends(FILE *fp, const run_ctx *r, const run_job *j)
{
	return j->trends_write(fp, jobs_of(r)->trends, j->ro);
}

/* Runs one job: the table into out/name, atomically. */
static void run_one(run_ctx *r, run_job *j)
{
	cli_out out;
	int err;
	if ((j->rc = cli_out_open(r->cmd, &out, r->out, j->name)) != CLI_OK)
		return;
	if ((err = j->write(out.fp, r, j)) < 0) {
		cli_out_abort(&out);
		cli_error(r->cmd, "%s: %s", j->name, rh_error_last());
		j->rc = err == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
		return;
	}
	j->rc = cli_out_commit(r->cmd, &out);
}

static void *job_worker(void *arg)
{
	job_set *js = arg;
	size_t i;
	while ((i = atomic_fetch_add(&js->next, 1)) < js->njobs)
		run_one(js->r, &js->jobs[i]);
	return NULL;
}

static void freq_jobs(run_ctx *r, job_set *js)
{
	add_counts_job(js, "terms.csv", rh_freq_terms, &js->ro_freq);
	if (r->l.dict) {
		add_counts_job(js, "phrases_by_doc.csv", rh_freq_phrases_by_doc, &js->ro_freq);
		add_counts_job(js, "phrases_by_group.csv", rh_freq_phrases_by_group, &js->ro_freq);
	}
	if (rh_analysis_flag(r->a, "freq", "dispersion"))
		add_counts_job(js, "dispersion.csv", rh_dispersion_write, &js->ro_freq);
}

/* The tf-idf weights, built before the jobs start. */
static int tfidf_jobs(run_ctx *r, job_set *js)
{
	rh_tfidf_options to = RH_TFIDF_OPTIONS_INIT;
	int err, rc;

	if ((rc = cli_tfidf_scheme(r->cmd, rh_analysis_get(r->a, "tfidf", "preset"), rh_analysis_get(r->a, "tfidf", "tf"),
				   rh_analysis_get(r->a, "tfidf", "idf"), rh_analysis_get(r->a, "tfidf", "norm"),
				   rh_analysis_get(r->a, "tfidf", "log_base"), rh_analysis_get(r->a, "tfidf", "min_df"),
				   rh_analysis_get(r->a, "tfidf", "max_df"), &to)) != CLI_OK)
		return rc;
	to.by_group = !strcmp(rh_analysis_get(r->a, "tfidf", "unit"), "group");
	to.min_count = js->ro_tfidf.min_count;
	to.stop = js->ro_tfidf.stop;
	if ((err = rh_tfidf_build(&js->tfidf, r->l.counts, &to)) < 0)
		return cli_lib_error(r->cmd, err);
	js->sim_top = (size_t)rh_analysis_count(r->a, "tfidf", "similarity_top");
	add_job(js, "tfidf.csv", w_tfidf, &js->ro_tfidf);
	if (rh_analysis_flag(r->a, "tfidf", "similarity"))
		add_job(js, "similarity.csv", w_similarity, &js->ro_tfidf);
	return CLI_OK;
}
/* warnings.txt again, with the documents the trends left out after the pass's warnings. */
static int untimed_warnings(run_ctx *r, const char *col, const rh_trends *t)
{
	size_t n;
	int rc;
	rh_trends_untimed(t, &n);
	if (n == 0)
		return CLI_OK;
	if ((rc = cli_report_untimed(r->cmd, &r->o, &r->l, r->out, col, t)) != CLI_OK)
		return rc;
	return r->l.warnings ? CLI_OK : add_output(r, "warnings.txt");
}

/* The trends, counted before the jobs start; warnings.txt gains the untimed documents. */
static int trends_jobs(run_ctx *r, job_set *js)
{
	static const struct {
		const char *name;
		int (*write)(FILE *, const rh_trends *, const rh_report_options *);
	} tables[] = {
		{ "trends.csv", rh_trends_write_table },
		{ "trend_fit.csv", rh_trends_write_fit },
		{ "adoption.csv", rh_trends_write_adoption },
		{ "adoption_curve.csv", rh_trends_write_curve },
	};
	rh_trends_options topts = RH_TRENDS_OPTIONS_INIT;
	int rc, err;

	topts.time_col = rh_analysis_get(r->a, "trends", "time");
	topts.period_width = strtod(rh_analysis_get(r->a, "trends", "period_width"), NULL);
	if (rh_corpus_meta_find(r->l.corpus, topts.time_col) < 0) {
		cli_error(r->cmd, "[trends] time = %s: no such metadata column", topts.time_col);
		return CLI_USAGE;
	}
	if ((err = rh_trends_new(&js->trends, r->l.counts, &topts)) < 0)
		return cli_lib_error(r->cmd, err);
	if ((rc = untimed_warnings(r, topts.time_col, js->trends)) != CLI_OK)
		return rc;
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		add_job(js, tables[i].name, w_trends, &js->ro_trends);
		js->jobs[js->njobs - 1].trends_write = tables[i].write;
	}
	return CLI_OK;
}

/* Every table the analysis asks for: settings first, then the jobs on `threads` threads. */
static int write_tables(run_ctx *r)
{
	const rh_analysis *a = r->a;
	job_set *js = calloc(1, sizeof *js);
	pthread_t tid[64];
	unsigned nthreads = r->o.threads ? r->o.threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN), started = 0;
	int rc = CLI_OK;

	if (!js) {
		cli_error(r->cmd, "out of memory");
		return CLI_FAIL;
	}
	js->r = r;
	r->jobs = js;
	js->ro_trends.table = r->o.table; /* only the table format applies to the trends tables */
	if ((rh_analysis_has(a, "freq") && (rc = section_ro(r, "freq", &js->ro_freq)) != CLI_OK) ||
	    (rh_analysis_has(a, "tfidf") && (rc = section_ro(r, "tfidf", &js->ro_tfidf)) != CLI_OK) ||
	    (rh_analysis_has(a, "cooc") && (rc = section_ro(r, "cooc", &js->ro_cooc)) != CLI_OK) ||
	    (rh_analysis_has(a, "keyness") && (rc = section_ro(r, "keyness", &js->ro_keyness)) != CLI_OK) ||
	    (rh_analysis_has(a, "kwic") && (rc = section_ro(r, "kwic", &js->ro_kwic)) != CLI_OK))
		goto done;
	if (rh_analysis_has(a, "freq"))
		freq_jobs(r, js);
	if (rh_analysis_has(a, "tfidf") && (rc = tfidf_jobs(r, js)) != CLI_OK)
		goto done;
	if (rh_analysis_has(a, "cooc")) {
		js->co.min_o11 = rh_analysis_count(a, "cooc", "min_o11");
		js->co.pooled = !rh_analysis_flag(a, "cooc", "by_group");
		add_job(js, "collocates.csv", w_collocates, &js->ro_cooc);
		add_job(js, "concept_cooc.csv", w_concepts, &js->ro_cooc);
	}
	if (rh_analysis_has(a, "keyness")) {
		js->ko.target = rh_analysis_get(a, "keyness", "target");
		js->ko.reference = rh_analysis_get(a, "keyness", "reference");
		js->ko.concepts = r->l.dict != NULL;
		add_job(js, "keyness.csv", w_keyness, &js->ro_keyness);
	}
	if (rh_analysis_has(a, "kwic"))
		add_counts_job(js, "kwic.csv", rh_kwic_write, &js->ro_kwic);
	if (rh_analysis_has(a, "trends") && (rc = trends_jobs(r, js)) != CLI_OK)
		goto done;

	if (nthreads > js->njobs)
		nthreads = (unsigned)js->njobs;
	if (nthreads > sizeof tid / sizeof *tid)
		nthreads = sizeof tid / sizeof *tid;
	atomic_init(&js->next, 0);
	for (unsigned i = 1; i < nthreads; i++) {
		if (pthread_create(&tid[i], NULL, job_worker, js) != 0)
			break;
		started = i;
	}
	job_worker(js);
	for (unsigned i = 1; i <= started; i++)
		pthread_join(tid[i], NULL);
	for (size_t i = 0; i < js->njobs; i++) {
		if (js->jobs[i].rc != CLI_OK) {
			if (rc == CLI_OK)
				rc = js->jobs[i].rc;
		} else if (add_output(r, js->jobs[i].name) != CLI_OK) {
			rc = CLI_FAIL;
		}
	}
done:
	rh_tfidf_free(js->tfidf);
	rh_trends_free(js->trends);
	free(js);
	r->jobs = NULL;
	return rc;
}

static job_set *jobs_of(const run_ctx *r)
{
	return r->jobs;
}

/* Charts: every chart of the output directory's tables; every file drawn joins the outputs. */
static int do_plot(run_ctx *r)
{
	cli_render_options ro = CLI_RENDER_OPTIONS_INIT;
	rh_plot_options po = RH_PLOT_OPTIONS_INIT;
	cli_list groups = { 0 }, concepts = { 0 };
	cli_files written = { 0 };
	long top = rh_analysis_count(r->a, "plot", "top");
	const char *width = rh_analysis_get(r->a, "plot", "width");
	int rc;

	if ((rc = cli_render_formats(r->cmd, rh_analysis_get(r->a, "plot", "format"), &ro.formats)) != CLI_OK ||
	    (rc = cli_list_split(r->cmd, "plot.groups", rh_analysis_get(r->a, "plot", "groups"), &groups)) != CLI_OK ||
	    (rc = cli_list_split(r->cmd, "plot.concepts", rh_analysis_get(r->a, "plot", "concepts"), &concepts)) != CLI_OK)
		goto done;
	if (strcmp(width, "1col") && strcmp(width, "2col")) {
		cli_error(r->cmd, "plot.width wants 1col or 2col, not '%s'", width);
		rc = CLI_USAGE;
		goto done;
	}
	ro.width = !strcmp(width, "1col") ? "1col" : "2col";
	ro.titles = rh_analysis_flag(r->a, "plot", "titles");
	ro.render = rh_analysis_flag(r->a, "plot", "render");
	ro.threads = r->o.threads; /* the renderer may draw several charts at once */
	ro.quiet = r->o.quiet;
	if (top > 0)
		po.top = (unsigned)(top > 1000 ? 1000 : top);
	po.groups = groups.n ? groups.v : NULL;
	po.ngroups = groups.n;
	po.concepts = concepts.n ? concepts.v : NULL;
	po.nconcepts = concepts.n;
	if ((rc = cli_render(r->out, &po, &ro, &written)) != CLI_OK)
		goto done;
	for (size_t i = 0; i < written.n && rc == CLI_OK; i++)
		rc = add_output(r, written.v[i]);
done:
	cli_files_free(&written);
	cli_list_free(&groups);
	cli_list_free(&concepts);
	return rc;
}

/*
 * Path `target` relative to directory `from` (both made absolute first), or
 * absolute when they share no directory but the root.
 */
static char *relative_to(const char *from, const char *target)
{
	char a[PATH_MAX], b[PATH_MAX], *out;
	size_t common = 0, up = 0, n;
	if (!realpath(from, a) || !realpath(target, b))
		return NULL;
	for (size_t i = 0;; i++) {
		if ((a[i] == '/' || !a[i]) && (b[i] == '/' || !b[i]))
			common = i;
		if (!a[i] || !b[i] || a[i] != b[i])
			break;
	}
	if (!strcmp(a, "/"))
		common = 0;
	/* Nothing in common but the root: the absolute path says more than ../../.. */
	if (common == 0)
		return strdup(b);
	for (const char *p = a + common; *p; p++)
		if (*p == '/')
			up++;
	n = up * 3 + strlen(b) + 2;
	if (!(out = malloc(n)))
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < up; i++)
		strcat(out, "../");
	strcat(out, b[common] == '/' ? b + common + 1 : b + common);
	n = strlen(out);
	if (n == 0)
		strcpy(out, ".");
	else if (out[n - 1] == '/')
		out[n - 1] = '\0';
	return out;
}

/* Adds `path = SHA-256 of file` to [inputs], the key relative to the lock's directory. */
static int hash_input(run_ctx *r, rh_analysis *lock, const char *file, const char *digest)
{
	char hex[RH_SHA256_HEX], *rel = relative_to(r->out, file);
	int err;
	if (!rel) {
		cli_error(r->cmd, "%s: %s", file, strerror(errno));
		return CLI_FAIL;
	}
	if (!digest && (err = rh_analysis_sha256_file(hex, file)) < 0) {
		free(rel);
		return cli_lib_error(r->cmd, err);
	}
	err = rh_analysis_record_add(lock, "inputs", rel, digest ? digest : hex);
	free(rel);
	return err < 0 ? cli_lib_error(r->cmd, err) : CLI_OK;
}

int cli_run_manifest(const char *cmd, const rh_corpus *corpus, unsigned threads, char **manifest, size_t *len)
{
	int err = rh_analysis_corpus_manifest(manifest, len, corpus, threads);
	return err < 0 ? cli_lib_error(cmd, err) : CLI_OK;
}

/*
 * The lock file: the analysis with every default explicit and every path
 * relative to the lock's directory, the version, the digests of the
 * inputs and outputs; the corpus manifest beside it.
 */
static int write_lock(run_ctx *r)
{
	static const char comment[] =
		"rhetor lock file: the analysis as it ran, every default explicit, paths relative\n"
		"to this file's directory, and the SHA-256 of every input and output.\n"
		"The corpus digest is the SHA-256 of " CLI_LOCK_MANIFEST " (one line per document).\n"
		"Check it with: rhetor verify DIR   Rerun it with: rhetor run DIR/" CLI_LOCK_FILE;
	rh_analysis *lock = NULL;
	char *text = NULL, *manifest = NULL, hex[RH_SHA256_HEX];
	size_t len, mlen;
	cli_out out;
	int rc = CLI_OK, err;
	struct stat st;

	/* A fresh copy of the analysis through its own writer and parser. */
	{
		FILE *mem = open_memstream(&text, &len);
		if (!mem)
			return CLI_FAIL;
		err = rh_analysis_write(mem, r->a, NULL);
		fclose(mem);
		if (err < 0 || (err = rh_analysis_parse(&lock, text, len, "lock")) < 0) {
			rc = cli_lib_error(r->cmd, err);
			goto done;
		}
	}
	/* Paths relative to the lock's directory. */
	for (size_t i = 0; i < rh_analysis_key_count(); i++) {
		const char *sec, *key, *v;
		int is_path;
		char *abs, *rel;
		rh_analysis_key_at(i, &sec, &key, &is_path);
		v = rh_analysis_get(r->a, sec, key);
		if (!is_path || !*v || !strcmp(v, "none") || !strcmp(v, "en") || !rh_analysis_has(r->a, sec))
			continue;
		if (!strcmp(sec, "output")) {
			err = rh_analysis_set(lock, sec, key, ".");
		} else {
			if (!(abs = cli_run_path(r->base, v)))
				goto oom;
			rel = relative_to(r->out, abs);
			if (!rel) {
				cli_error(r->cmd, "%s: %s", abs, strerror(errno));
				free(abs);
				rc = CLI_FAIL;
				goto done;
			}
			err = rh_analysis_set(lock, sec, key, rel);
			free(abs);
			free(rel);
		}
		if (err < 0) {
			rc = cli_lib_error(r->cmd, err);
			goto done;
		}
	}
	if ((err = rh_analysis_set(lock, "rhetor", "version", rh_version())) < 0) {
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	/* Inputs: the corpus (the digest of its manifest), metadata, dictionary, stop lists. */
	if ((rc = cli_run_manifest(r->cmd, r->l.corpus, r->o.threads, &manifest, &mlen)) != CLI_OK)
		goto done;
	if ((err = rh_analysis_sha256(hex, manifest, mlen)) < 0) {
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	if ((rc = cli_out_open(r->cmd, &out, r->out, CLI_LOCK_MANIFEST)) != CLI_OK)
		goto done;
	fwrite(manifest, 1, mlen, out.fp);
	if ((rc = cli_out_commit(r->cmd, &out)) != CLI_OK)
		goto done;
	if (stat(r->corpus, &st) == 0 && S_ISDIR(st.st_mode))
		rc = hash_input(r, lock, r->corpus, hex);
	else
		rc = hash_input(r, lock, r->corpus, NULL);
	if (rc == CLI_OK && r->meta)
		rc = hash_input(r, lock, r->meta, NULL);
	if (rc == CLI_OK && r->phrases)
		rc = hash_input(r, lock, r->phrases, NULL);
	for (size_t i = 0; rc == CLI_OK && i < r->nstops; i++)
		rc = hash_input(r, lock, r->stops[i].file, NULL);
	if (rc != CLI_OK)
		goto done;
	for (size_t i = 0; i < r->noutputs; i++) {
		char *file = cli_run_path(r->out, r->outputs[i]);
		if (!file)
			goto oom;
		err = rh_analysis_sha256_file(hex, file);
		free(file);
		if (err < 0 || (err = rh_analysis_record_add(lock, "outputs", r->outputs[i], hex)) < 0) {
			rc = cli_lib_error(r->cmd, err);
			goto done;
		}
	}
	if ((rc = cli_out_open(r->cmd, &out, r->out, CLI_LOCK_FILE)) != CLI_OK)
		goto done;
	if ((err = rh_analysis_write(out.fp, lock, comment)) < 0) {
		cli_out_abort(&out);
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	rc = cli_out_commit(r->cmd, &out);
	goto done;
oom:
	cli_error(r->cmd, "out of memory");
	rc = CLI_FAIL;
done:
	free(manifest);
	free(text);
	rh_analysis_free(lock);
	return rc;
}

int cli_run(const char *cmd, const rh_analysis *a, const char *base, const char *out, long threads, int quiet)
{
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	run_ctx r;
	int rc;

	memset(&r, 0, sizeof r);
	r.cmd = cmd;
	r.a = a;
	r.base = base;
	r.corpus = cli_run_path(base, rh_analysis_get(a, "corpus", "path"));
	r.meta = cli_run_path(base, rh_analysis_get(a, "corpus", "meta"));
	if (rh_analysis_has(a, "phrases"))
		r.phrases = cli_run_path(base, rh_analysis_get(a, "phrases", "file"));
	r.out = out ? strdup(out) : cli_run_path(base, rh_analysis_get(a, "output", "dir"));
	if (!r.corpus || !r.out) {
		cli_error(cmd, "out of memory");
		rc = CLI_FAIL;
		goto done;
	}

	/* The options every command shares, from the analysis. */
	{
		rh_corpus_options cdef = RH_CORPUS_OPTIONS_INIT;
		rh_text_options tdef = RH_TEXT_OPTIONS_INIT;
		rh_table_options tbdef = RH_TABLE_OPTIONS_INIT;
		const char *np = rh_analysis_get(a, "corpus", "name_pattern"), *by = rh_analysis_get(a, "corpus", "by");
		cli_opts *o = &r.o;
		o->corpus = r.corpus;
		o->corpus_opts = cdef;
		o->corpus_opts.meta_path = r.meta;
		o->corpus_opts.meta_id_col = rh_analysis_get(a, "corpus", "meta_id_col");
		o->corpus_opts.name_pattern = *np ? np : NULL;
		o->corpus_opts.text_col = rh_analysis_get(a, "corpus", "text_col");
		o->corpus_opts.id_col = rh_analysis_get(a, "corpus", "id_col");
		o->text = tdef;
		o->text.keep_case = rh_analysis_flag(a, "corpus", "keep_case");
		o->text.split_hyphens = rh_analysis_flag(a, "corpus", "split_hyphens");
		o->phrases = r.phrases;
		o->by = *by ? by : NULL;
		o->out = r.out;
		o->stopwords = NULL; /* each section's own list, loaded by stop_for */
		o->top = 0;
		o->min_count = 0;
		o->threads = threads >= 0 ? (unsigned)threads : (unsigned)rh_analysis_count(a, "corpus", "threads");
		o->quiet = quiet;
		o->table = tbdef;
		o->table.excel = rh_analysis_flag(a, "output", "excel");
		o->table.raw_cells = rh_analysis_flag(a, "output", "raw_cells");
	}
	/* One pass with what every section needs. */
	if (rh_analysis_has(a, "cooc")) {
		copts.window_left = (unsigned)rh_analysis_count(a, "cooc", "window_left");
		copts.window_right = (unsigned)rh_analysis_count(a, "cooc", "window_right");
	}
	if ((rh_analysis_has(a, "cooc") && !strcmp(rh_analysis_get(a, "cooc", "within"), "sentence")) ||
	    (rh_analysis_has(a, "kwic") && !strcmp(rh_analysis_get(a, "kwic", "within"), "sentence")))
		copts.within_sentence = 1;
	if (rh_analysis_has(a, "kwic"))
		copts.kwic_context = (unsigned)rh_analysis_count(a, "kwic", "context");
	if ((rc = cli_load(cmd, &r.o, &copts, &r.l)) != CLI_OK)
		goto done;
	if ((rc = cli_write_documents(cmd, &r.o, &r.l)) != CLI_OK || (rc = add_output(&r, "documents.csv")) != CLI_OK)
		goto done;
	if (r.l.warnings && (rc = add_output(&r, "warnings.txt")) != CLI_OK)
		goto done;
	if ((rc = write_tables(&r)) != CLI_OK || (rh_analysis_has(a, "plot") && (rc = do_plot(&r)) != CLI_OK))
		goto done;
	if ((rc = write_lock(&r)) != CLI_OK)
		goto done;
	/* The page reads the lock, so it comes last; it is not one of the outputs the lock lists. */
	if (rh_analysis_has(a, "report") &&
	    (rc = cli_report_write(cmd, r.out, rh_analysis_count(a, "report", "rows"),
				   rh_analysis_count(a, "report", "lines"), &r.o)) != CLI_OK)
		goto done;
	cli_note(&r.o, "rhetor %s: %zu documents, %llu tokens; %zu files and %s in %s/\n", cmd,
		 rh_counts_doc_count(r.l.counts), (unsigned long long)rh_counts_tokens(r.l.counts), r.noutputs,
		 CLI_LOCK_FILE, r.out);
done:
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

int cli_run_load(const char *cmd, const char *path, rh_analysis **a)
{
	char *buf = NULL;
	size_t len;
	int rc, err;
	*a = NULL;
	if ((rc = cli_read_file(cmd, path, &buf, &len)) != CLI_OK)
		return rc;
	err = rh_analysis_parse(a, buf, len, path);
	free(buf);
	/* A mistake in the analysis file is a usage error: nothing was computed. */
	return err < 0 ? cli_lib_error(cmd, err == RH_EPARSE ? RH_EUSAGE : err) : CLI_OK;
}

/*
 * --set SECTION.KEY=VALUE: changes one key of the analysis as it is read (a
 * section named this way is added). A path given so is read from the
 * current directory, so it is made absolute here.
 */
static int apply_set(rh_analysis *a, const char *arg)
{
	const char *dot = strchr(arg, '.'), *eq = strchr(arg, '=');
	char section[64], key[64], *value = NULL;
	const char *sec, *k;
	int is_path = 0, err;

	if (!dot || !eq || dot > eq || (size_t)(dot - arg) >= sizeof section || (size_t)(eq - dot - 1) >= sizeof key) {
		cli_error(CMD, "--set wants SECTION.KEY=VALUE, not '%s'", arg);
		return CLI_USAGE;
	}
	snprintf(section, sizeof section, "%.*s", (int)(dot - arg), arg);
	snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
	for (size_t i = 0; i < rh_analysis_key_count(); i++) {
		rh_analysis_key_at(i, &sec, &k, &is_path);
		if (!strcmp(sec, section) && !strcmp(k, key))
			break;
		is_path = 0;
	}
	if (is_path && eq[1] && eq[1] != '/' && strcmp(eq + 1, "none") && strcmp(eq + 1, "en")) {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd) || !(value = cli_run_path(cwd, eq + 1))) {
			cli_error(CMD, "--set %s: %s", arg, strerror(errno));
			return CLI_FAIL;
		}
	}
	err = rh_analysis_set(a, section, key, value ? value : eq + 1);
	free(value);
	if (err < 0) {
		cli_error(CMD, "--set %s: %s", arg, rh_error_last());
		return CLI_USAGE;
	}
	return CLI_OK;
}

enum { OPT_THREADS = 256, OPT_HELP, OPT_OUT, OPT_QUIET, OPT_SET };

static const char run_help[] =
	"Usage: rhetor run ANALYSIS.ini [-o DIR] [--set SECTION.KEY=VALUE ...] [--threads N] [--quiet]\n\n"
	"Counts the corpus once and writes every table and chart the analysis file asks\n"
	"for, then DIR/" CLI_LOCK_FILE ": the analysis with every default explicit, the\n"
	"version and the SHA-256 of every input and output (rhetor verify DIR checks it).\n"
	"Paths in the analysis file are relative to the file's own directory.\n"
	"  -o, --out DIR          output directory (default: [output] dir of the file)\n"
	"  --set SECTION.KEY=VALUE  change one key (e.g. --set corpus.path=texts/); a\n"
	"                         relative path given so is read from the current directory\n"
	"  --threads N            worker threads (default: [corpus] threads; 0 = one per core)\n"
	"  -q, --quiet            print nothing but errors\n"
	"  -h, --help             this help\n"
	"Sections and keys (defaults in brackets):\n"
	"  [corpus]  path, meta, meta_id_col [doc_id], name_pattern, text_col [text],\n"
	"            id_col [doc_id], by, keep_case [no], split_hyphens [no],\n"
	"            stopwords [none] and min_count [0] (the default of every section),\n"
	"            threads [0]\n"
	"  [phrases] file\n"
	"  [freq]    top [0], min_count, stopwords, dispersion [no]\n"
	"  [tfidf]   preset [sklearn], tf, idf, norm, log_base (from the preset), unit [doc],\n"
	"            min_df [1], max_df [1.0], similarity [no], similarity_top [0], top [20],\n"
	"            min_count, stopwords\n"
	"  [cooc]    window [5], window_left, window_right [window], within [doc], min_o11 [1],\n"
	"            top [0], min_count, stopwords, by_group [yes] (no: one table over the\n"
	"            whole corpus even when [corpus] by is set)\n"
	"  [keyness] target, reference [rest], top [0], min_count, stopwords\n"
	"  [kwic]    context [10], within [as cooc, else doc]\n"
	"  [trends]  time, period_width [0]\n"
	"  [plot]    format [png,pdf], groups, concepts, titles [no], width [2col], top [20],\n"
	"            render [yes] (rhetor plot's options)\n"
	"  [report]  rows [1000], lines [20000]: DIR/report.html (rhetor report's options;\n"
	"            it shows the charts drawn as svg)\n"
	"  [output]  dir [out], excel [no], raw_cells [no]\n"
	"A section that is present is computed; documents.csv is always written.\n";

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "set", required_argument, NULL, OPT_SET },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *path, *sets[32];
	size_t nsets = 0;
	long threads = -1;
	int quiet = 0, c, rc;
	rh_analysis *a = NULL;
	char *base = NULL;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': case OPT_OUT: out = optarg; break;
		case 'q': case OPT_QUIET: quiet = 1; break;
		case 'h': case OPT_HELP: fputs(run_help, stdout); return CLI_OK;
		case OPT_THREADS:
			if ((rc = cli_parse_count(CMD, "--threads", optarg, &threads)) != CLI_OK)
				return rc;
			break;
		case OPT_SET:
			if (nsets == sizeof sets / sizeof *sets) {
				cli_error(CMD, "at most %zu --set options", sizeof sets / sizeof *sets);
				return CLI_USAGE;
			}
			sets[nsets++] = optarg;
			break;
		case ':':
			cli_error(CMD, "option '%s' needs a value (see --help)", argv[optind - 1]);
			return CLI_USAGE;
		default:
			cli_error(CMD, "unknown option '%s' (see --help)", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind != argc - 1) {
		cli_error(CMD, optind >= argc ? "which analysis? Usage: rhetor run ANALYSIS.ini [-o DIR] [--set SECTION.KEY=VALUE]"
					      : "one analysis file at a time (see --help)");
		return CLI_USAGE;
	}
	path = argv[optind];
	if ((rc = cli_run_load(CMD, path, &a)) != CLI_OK)
		return rc;
	for (size_t i = 0; i < nsets; i++)
		if ((rc = apply_set(a, sets[i])) != CLI_OK) {
			rh_analysis_free(a);
			return rc;
		}
	if (!(base = cli_run_dirname(path))) {
		rh_analysis_free(a);
		return CLI_FAIL;
	}
	rc = cli_run(CMD, a, base, out, threads, quiet);
	free(base);
	rh_analysis_free(a);
	return rc;
}
