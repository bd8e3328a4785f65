/* render.c: the charts of a directory of tables: a gnuplot script per table, the shared style, and gnuplot runs side by side. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rhetor/analysis.h>
#include <rhetor/plot.h>

#include "cli.h"

#define CMD "plot"

/* The output formats the scripts know; only these names reach gnuplot. */
static const char *const formats[] = { "png", "pdf", "svg", "tex" };
#define NFORMATS (sizeof formats / sizeof *formats)

int cli_render_formats(const char *cmd, const char *list, unsigned *mask)
{
	*mask = 0;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ","), k;

		for (k = 0; k < NFORMATS; k++)
			if (strlen(formats[k]) == n && !strncmp(p, formats[k], n))
				break;
		if (k == NFORMATS) {
			cli_error(cmd, "--format: '%.*s' is not one of png, pdf, svg, tex", (int)n, p);
			return CLI_USAGE;
		}
		*mask |= 1u << k;
		p += n;
		if (*p == ',')
			p++;
	}
	return CLI_OK;
}

int cli_list_split(const char *cmd, const char *opt, const char *arg, cli_list *l)
{
	cli_list_free(l);
	if (!(l->buf = strdup(arg))) {
		cli_error(cmd, "out of memory");
		return CLI_FAIL;
	}
	for (char *p = strtok(l->buf, ","); p; p = strtok(NULL, ",")) {
		if (l->n == CLI_LIST_MAX) {
			cli_error(cmd, "%s: at most %d values", opt, CLI_LIST_MAX);
			return CLI_USAGE;
		}
		l->v[l->n++] = p;
	}
	return CLI_OK;
}

void cli_list_free(cli_list *l)
{
	free(l->buf);
	memset(l, 0, sizeof *l);
}

int cli_files_add(cli_files *f, const char *name)
{
	char *s;

	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 16;
		char **v = realloc(f->v, cap * sizeof *v);

		if (!v)
			return CLI_FAIL;
		f->v = v;
		f->cap = cap;
	}
	if (!(s = strdup(name)))
		return CLI_FAIL;
	f->v[f->n++] = s;
	return CLI_OK;
}

void cli_files_free(cli_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

/*
 * Reads the header line of a table and whether a data row follows.
 * Returns 1 (usable), 0 (absent: skip quietly), -1 (error printed).
 */
static int read_header(const char *path, char *hdr, size_t cap, int *has_rows)
{
	FILE *fp = fopen(path, "rb");
	int c;

	*has_rows = 0;
	if (!fp) {
		if (errno == ENOENT)
			return 0;
		cli_error(CMD, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (!fgets(hdr, (int)cap, fp)) {
		hdr[0] = '\0';
	} else if (!strchr(hdr, '\n')) {
		/* A header longer than the buffer: skip the rest of the line. */
		while ((c = fgetc(fp)) != EOF && c != '\n')
			;
	}
	while ((c = fgetc(fp)) != EOF)
		if (c != '\n' && c != '\r') {
			*has_rows = 1;
			break;
		}
	fclose(fp);
	return 1;
}

/*
 * Every file rhetor plot writes in DIR/plots ends with a stamp: the SHA-256
 * of the text above it. A file whose stamp no longer matches (or that has
 * none) was changed by hand and is never replaced; the new text goes beside
 * it as NAME.new, and a note says so.
 */
static const char stamp_head[] = "# rhetor plot wrote this file; the SHA-256 of the text above: ";
static const char stamp_tail[] = "\n# Edit freely: rhetor plot then keeps your version and writes its own to NAME.new.\n";

/* 1 when `path` is absent or still as rhetor plot wrote it, else 0. */
static int unchanged(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL, hex[RH_SHA256_HEX];
	size_t len = 0, cap = 0, n, hl = sizeof stamp_head - 1, tl = sizeof stamp_tail - 1;
	int same = 0;

	if (!fp)
		return errno == ENOENT;
	for (;;) {
		if (len + 8192 > cap) {
			char *t = realloc(buf, cap = 2 * cap + 8192);

			if (!t)
				goto done;
			buf = t;
		}
		if ((n = fread(buf + len, 1, 8192, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp) || len < hl + 64 + tl || memcmp(buf + len - tl, stamp_tail, tl) != 0)
		goto done;
	len -= tl + 64 + hl;
	if (memcmp(buf + len, stamp_head, hl) != 0 || rh_analysis_sha256(hex, buf, len) < 0)
		goto done;
	same = memcmp(hex, buf + len + hl, 64) == 0;
done:
	fclose(fp);
	free(buf);
	return same;
}

/*
 * Writes `text` and its stamp to PLOTS/NAME, atomically, unless NAME was
 * changed by hand: then to PLOTS/NAME.new, with a note. Lists what it wrote
 * in `written` as plots/... Returns an exit status.
 */
static int publish(const cli_opts *o, const char *plots, const char *name, const char *text, size_t len,
		   cli_files *written)
{
	char *path = join(plots, name), file[300], rel[310], hex[RH_SHA256_HEX];
	cli_out out;
	int rc, err;

	if (!path) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	snprintf(file, sizeof file, "%s%s", name, unchanged(path) ? "" : ".new");
	if (strcmp(file, name))
		cli_note(o, "rhetor plot: %s was changed by hand; kept it (and render it), wrote the new one to %s.new\n",
			 path, path);
	free(path);
	if ((err = rh_analysis_sha256(hex, text, len)) < 0)
		return cli_lib_error(CMD, err);
	if ((rc = cli_out_open(CMD, &out, plots, file)) != CLI_OK)
		return rc;
	fwrite(text, 1, len, out.fp);
	fprintf(out.fp, "%s%s%s", stamp_head, hex, stamp_tail);
	if ((rc = cli_out_commit(CMD, &out)) != CLI_OK)
		return rc;
	snprintf(rel, sizeof rel, "plots/%s", file);
	if (cli_files_add(written, rel) != CLI_OK) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* Publishes the shared style beside the scripts. */
static int copy_style(const cli_opts *o, const char *plots, cli_files *written)
{
	char *src = cli_data_path("plots/rhetor.gp"), *buf = NULL;
	size_t len;
	int rc;

	if (!src) {
		cli_error(CMD, "cannot find the chart style plots/rhetor.gp (set RHETOR_DATA_DIR to rhetor's data directory)");
		return CLI_FAIL;
	}
	if ((rc = cli_read_file(CMD, src, &buf, &len)) == CLI_OK)
		rc = publish(o, plots, "rhetor.gp", buf, len, written);
	free(buf);
	free(src);
	return rc;
}

/* The gnuplot executable: $RHETOR_GNUPLOT if set, else the first on PATH. */
static char *find_gnuplot(void)
{
	const char *env = getenv("RHETOR_GNUPLOT"), *path = getenv("PATH");

	if (env && *env)
		return access(env, X_OK) == 0 ? strdup(env) : NULL;
	if (!path)
		path = "/usr/bin:/bin";
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, ":");
		char dir[4096];

		if (n > 0 && n < sizeof dir - 16) {
			char *cand;

			memcpy(dir, p, n);
			dir[n] = '\0';
			if ((cand = join(dir, "gnuplot")) && access(cand, X_OK) == 0)
				return cand;
			free(cand);
		}
		p += n;
		if (*p == ':')
			p++;
	}
	return NULL;
}

/*
 * gnuplot cuts a data cell longer than 1024 bytes when it reads it as a
 * string, and says so; the label is cut to a few characters anyway, so this
 * one message is a note, not a failure.
 */
static const char long_cell[] = "input file contains very long line with no separators, truncating";

/*
 * What a script says it left out (panels beyond a page, rows beyond --top):
 * a line that starts with this is passed on as a note, not a failure. The
 * scripts print only counts and fixed text there, never a table cell.
 */
static const char note_prefix[] = "rhetor note: ";

/*
 * Checks what gnuplot wrote to stderr: every line is a failure (gnuplot only
 * writes warnings and errors there) except the long-cell note and the
 * scripts' own notes, which are shown once (for the first format) unless
 * quiet. Prints the failing lines. Returns their number.
 */
static size_t judge_stderr(const cli_opts *o, const char *script, const char *fmt, int first, char *text)
{
	size_t bad = 0, notes = 0;

	for (char *line = text, *end; line && *line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (strstr(line, long_cell)) {
			notes++;
			continue;
		}
		if (!*line)
			continue;
		if (!strncmp(line, note_prefix, sizeof note_prefix - 1)) {
			if (first)
				cli_note(o, "rhetor plot: %s\n", line + sizeof note_prefix - 1);
			continue;
		}
		if (bad++ == 0)
			cli_error(CMD, "gnuplot on %s (%s) said:", script, fmt);
		if (bad <= 40)
			fprintf(stderr, "%s\n", line);
	}
	if (notes && first)
		cli_note(o, "rhetor plot: %s: a table cell is longer than 1024 bytes; gnuplot cut it\n", script);
	return bad;
}

/*
 * One gnuplot run: chart `chart` in format `fmt`. The jobs run side by side,
 * each with its own stderr pipe and its own scratch directory (below the
 * plots directory) for what it draws, and are judged in job order once done,
 * so what is printed, the files kept and the exit status do not depend on
 * which ends first.
 */
typedef struct {
	size_t chart;      /* index into rh_plot_* */
	size_t fmt;        /* index into formats */
	int first;         /* the chart's first format: its notes are shown */
	off_t weight;      /* size of the chart's table: larger tables start first */
	pid_t pid;         /* the child while it runs, else 0 */
	int fd;            /* read end of its stderr pipe, -1 once closed */
	int state;         /* JOB_QUEUED, JOB_RUNNING, JOB_DONE */
	int status;        /* its wait status */
	const char *fail;  /* "pipe", "fork", "mkdtemp" or "waitpid" when that failed, with errno in err */
	int err;
	char *scratch;     /* its scratch directory, or NULL */
	char *text;        /* what it wrote to stderr (the first 256 KiB) */
	size_t len, cap;
} plot_job;

enum { JOB_QUEUED, JOB_RUNNING, JOB_DONE };

/* Most gnuplot processes at once (each holds a pipe open here). */
#define MAX_PROCS 256

/*
 * Starts `gnuplot -d -e "fmt='F'; width='W'; titles=T; render_here=1" ../NAME.gp`
 * in a fresh scratch directory PLOTS/.render-NAME-F-XXXXXX: fork and exec
 * with an argument vector, no shell, stdin and stdout on /dev/null, stderr
 * into a fresh pipe. render_here tells the script to read its table and the
 * style beside itself and to draw into the current directory, so the
 * cairolatex form names its PDF without a directory. On failure the job is
 * done with j->fail set.
 */
static void job_start(plot_job *j, const char *gnuplot, const char *plots, const cli_render_options *ro)
{
	char script[256], setup[128], tail[300];
	int fds[2];

	snprintf(script, sizeof script, "../%s.gp", rh_plot_name(j->chart));
	snprintf(tail, sizeof tail, ".render-%s-%s-XXXXXX", rh_plot_name(j->chart), formats[j->fmt]);
	/* fmt and width are constants from this file's tables, never user text. */
	snprintf(setup, sizeof setup, "fmt='%s'; width='%s'; titles=%d; render_here=1", formats[j->fmt],
		 ro->width, ro->titles);
	if (!(j->scratch = join(plots, tail)) || !mkdtemp(j->scratch)) {
		j->fail = "mkdtemp";
		j->err = errno;
		free(j->scratch);
		j->scratch = NULL;
		j->state = JOB_DONE;
		return;
	}
	/* Close-on-exec: no child keeps another child's pipe open. */
	if (pipe2(fds, O_CLOEXEC) != 0) {
		j->fail = "pipe";
		j->err = errno;
		j->state = JOB_DONE;
		return;
	}
	if ((j->pid = fork()) < 0) {
		j->fail = "fork";
		j->err = errno;
		j->pid = 0;
		j->state = JOB_DONE;
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (j->pid == 0) {
		char *argv[] = { "gnuplot", "-d", "-e", setup, script, NULL };
		int null = open("/dev/null", O_RDWR);

		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
		}
		dup2(fds[1], 2);
		if (chdir(j->scratch) != 0)
			_exit(126);
		execv(gnuplot, argv);
		_exit(127);
	}
	close(fds[1]);
	j->fd = fds[0];
	j->state = JOB_RUNNING;
}

/*
 * Reads what a running job's pipe holds; at the end of the pipe (the child
 * has exited or is exiting), waits for the child and marks the job done.
 */
static void job_read(plot_job *j)
{
	char buf[4096];
	ssize_t r;

	while ((r = read(j->fd, buf, sizeof buf)) < 0 && errno == EINTR)
		;
	if (r > 0) {
		/* Keep the first 256 KiB; a runaway warning loop is cut there. */
		if (j->len + (size_t)r + 1 > j->cap && j->len < (256u << 10)) {
			char *t = realloc(j->text, j->len + (size_t)r + 1 + 4096);

			if (t) {
				j->text = t;
				j->cap = j->len + (size_t)r + 1 + 4096;
			}
		}
		if (j->len + (size_t)r + 1 <= j->cap) {
			memcpy(j->text + j->len, buf, (size_t)r);
			j->len += (size_t)r;
			j->text[j->len] = '\0';
		}
		return;
	}
	close(j->fd);
	j->fd = -1;
	while (waitpid(j->pid, &j->status, 0) < 0)
		if (errno != EINTR) {
			j->fail = "waitpid";
			j->err = errno;
			break;
		}
	j->pid = 0;
	j->state = JOB_DONE;
}

/*
 * Judges a finished job as the serial loop did: its stderr (judge_stderr),
 * then its exit status. Returns 0 or -1.
 */
static int job_report(const cli_opts *o, plot_job *j)
{
	const char *fmt = formats[j->fmt];
	char script[256];
	size_t bad;

	if (j->fail && strcmp(j->fail, "waitpid") != 0) {
		cli_error(CMD, "%s: %s", j->fail, strerror(j->err));
		return -1;
	}
	snprintf(script, sizeof script, "%s.gp", rh_plot_name(j->chart));
	bad = j->text ? judge_stderr(o, script, fmt, j->first, j->text) : 0;
	if (j->fail) {
		cli_error(CMD, "%s: %s", j->fail, strerror(j->err));
		return -1;
	}
	if (!WIFEXITED(j->status) || WEXITSTATUS(j->status) != 0) {
		cli_error(CMD, "gnuplot failed on %s (%s)%s", script, fmt,
			  WIFEXITED(j->status) && WEXITSTATUS(j->status) == 127 ? ": cannot run gnuplot" : "");
		return -1;
	}
	return bad ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Empties a job's scratch directory: with keep, every file gnuplot drew there
 * is renamed into the plots directory (rename replaces a file or a symbolic
 * link of that name and never writes through it) and listed in `written` as
 * plots/NAME, in name order; without, they are removed. Returns 0 or -1
 * (error printed).
 */
static int job_collect(plot_job *j, const char *plots, int keep, cli_files *written)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!j->scratch)
		return 0;
	if (!(d = opendir(j->scratch))) {
		cli_error(CMD, "cannot read %s: %s", j->scratch, strerror(errno));
		rc = -1;
		goto done;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			char **t = realloc(names, (cap = cap ? 2 * cap : 8) * sizeof *t);

			if (!t) {
				rc = -1;
				break;
			}
			names = t;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc < 0)
		cli_error(CMD, "out of memory");
	if (n)
		qsort(names, n, sizeof *names, by_name); /* names is NULL when the directory is empty */
	for (size_t i = 0; i < n; i++) {
		char *from = join(j->scratch, names[i]), *to = join(plots, names[i]), rel[300];
		struct stat st;

		if (!from || !to) {
			rc = -1;
		} else if (keep && rc == 0 && lstat(from, &st) == 0 && S_ISREG(st.st_mode)) {
			if (rename(from, to) != 0) {
				cli_error(CMD, "cannot write %s: %s", to, strerror(errno));
				rc = -1;
			} else if (snprintf(rel, sizeof rel, "plots/%s", names[i]) >= (int)sizeof rel ||
				   cli_files_add(written, rel) != CLI_OK) {
				cli_error(CMD, "out of memory");
				rc = -1;
			}
		}
		if (from)
			unlink(from);
		free(from);
		free(to);
		free(names[i]);
	}
done:
	free(names);
	if (rmdir(j->scratch) != 0 && rc == 0) {
		cli_error(CMD, "cannot remove %s: %s", j->scratch, strerror(errno));
		rc = -1;
	}
	free(j->scratch);
	j->scratch = NULL;
	return rc;
}

/*
 * Runs the jobs, at most `nprocs` gnuplot processes at once, starting those
 * with the largest tables first (the longest runs, so the last to finish is
 * a short one) and reporting each in job order as soon as those before it
 * are reported; a job judged good has its files moved into place. Adds to
 * *rendered and *failed. Returns CLI_OK, or CLI_FAIL (nothing started) when
 * out of memory.
 */
static int run_jobs(const cli_opts *o, plot_job *jobs, size_t njobs, unsigned nprocs, const char *gnuplot,
		    const char *plots, const cli_render_options *ro, cli_files *written, size_t *rendered,
		    size_t *failed)
{
	size_t *order = malloc(njobs * sizeof *order), started = 0, reported = 0, running = 0;
	/* Progress on a terminal only (DESIGN: a progress line when stderr is one), cleared at the end. */
	int progress = !o->quiet && isatty(2);
	struct pollfd *pfd = malloc((nprocs ? nprocs : 1) * sizeof *pfd);
	plot_job **pj = malloc((nprocs ? nprocs : 1) * sizeof *pj);
	int rc = CLI_OK;

	if (njobs == 0)
		goto done;
	if (!order || !pfd || !pj) {
		cli_error(CMD, "out of memory");
		rc = CLI_FAIL;
		goto done;
	}
	/* Start order: table size, largest first; ties in job order (insertion sort, stable). */
	for (size_t i = 0; i < njobs; i++) {
		size_t k = i;

		for (; k > 0 && jobs[order[k - 1]].weight < jobs[i].weight; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	while (reported < njobs) {
		nfds_t n = 0;

		while (running < nprocs && started < njobs) {
			plot_job *j = &jobs[order[started++]];

			job_start(j, gnuplot, plots, ro);
			if (j->state == JOB_RUNNING)
				running++;
		}
		for (size_t i = 0; i < njobs && n < nprocs; i++)
			if (jobs[i].state == JOB_RUNNING) {
				pfd[n].fd = jobs[i].fd;
				pfd[n].events = POLLIN;
				pfd[n].revents = 0;
				pj[n++] = &jobs[i];
			}
		if (n > 0) {
			if (poll(pfd, n, -1) < 0 && errno != EINTR) {
				/* Cannot happen with valid descriptors; read them one by one instead. */
				for (nfds_t i = 0; i < n; i++)
					pfd[i].revents = POLLIN;
			}
			for (nfds_t i = 0; i < n; i++)
				if (pfd[i].revents) {
					job_read(pj[i]);
					if (pj[i]->state == JOB_DONE)
						running--;
				}
		}
		while (reported < njobs && jobs[reported].state == JOB_DONE) {
			plot_job *j = &jobs[reported++];
			int good;

			if (progress)
				fputs("\r\033[K", stderr);
			good = job_report(o, j) == 0;

			if (job_collect(j, plots, good, written) != 0)
				good = 0;
			if (good)
				(*rendered)++;
			else
				(*failed)++;
			free(j->text);
			j->text = NULL;
			if (progress)
				fprintf(stderr, "\rrhetor plot: %zu of %zu charts drawn", reported, njobs);
		}
	}
	if (progress)
		fputs("\r\033[K", stderr);
done:
	free(order);
	free(pfd);
	free(pj);
	return rc;
}

/* Renders the charts whose scripts were written (done[i]), in the formats asked for. */
static int render(const cli_opts *o, const char *dir, const char *plots, const int *done, size_t written_scripts,
		  const cli_render_options *ro, cli_files *written, size_t *rendered, size_t *failed)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned nprocs = ro->threads ? ro->threads : cores > 0 ? (unsigned)cores : 1;
	size_t njobs = 0;
	plot_job *jobs;
	char *gnuplot = find_gnuplot();
	int rc;

	if (!gnuplot) {
		cli_note(o, "rhetor plot: gnuplot is not installed; wrote %zu scripts in %s.\n"
			    "Render each by hand there, e.g.: cd %s && gnuplot -e \"fmt='pdf'\" NAME.gp\n",
			 written_scripts, plots, plots);
		return CLI_OK;
	}
	/* The jobs: each chart written, each format asked for, in these orders. */
	if (!(jobs = calloc(rh_plot_count() * NFORMATS, sizeof *jobs))) {
		free(gnuplot);
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	for (size_t i = 0; i < rh_plot_count(); i++) {
		char *table = done[i] ? join(dir, rh_plot_table(i)) : NULL;
		struct stat st;
		off_t weight = table && stat(table, &st) == 0 ? st.st_size : 0;

		free(table);
		for (size_t k = 0, first = 1; done[i] && k < NFORMATS; k++) {
			if (!(ro->formats & (1u << k)))
				continue;
			jobs[njobs] = (plot_job){ .chart = i, .fmt = k, .first = (int)first, .weight = weight, .fd = -1 };
			njobs++;
			first = 0;
		}
	}
	if (nprocs > njobs)
		nprocs = (unsigned)njobs;
	if (nprocs > MAX_PROCS)
		nprocs = MAX_PROCS;
	rc = run_jobs(o, jobs, njobs, nprocs, gnuplot, plots, ro, written, rendered, failed);
	free(jobs);
	free(gnuplot);
	return rc;
}

static int add_value(const char *v, void *ud)
{
	cli_files *set = ud;

	for (size_t k = 0; k < set->n; k++)
		if (!strcmp(set->v[k], v))
			return 0;
	return cli_files_add(set, v) == CLI_OK ? 0 : RH_ENOMEM;
}

/*
 * Every name given to --groups (what = RH_PLOT_GROUPS) or --concepts must be
 * a value some table in `dir` has where that option picks: else a usage
 * error naming the unknown ones and listing the valid ones, on one line.
 * Nothing is checked when no table takes such names.
 */
static int check_names(const char *dir, const char *const *want, size_t nwant, int what)
{
	const char *opt = what == RH_PLOT_GROUPS ? "--groups" : "--concepts";
	cli_files set = { 0 };
	size_t unknown = 0;
	int rc = CLI_OK, err;

	if (nwant == 0)
		return CLI_OK;
	for (size_t i = 0; i < rh_plot_count() && rc == CLI_OK; i++) {
		char *path = join(dir, rh_plot_table(i)), *buf = NULL;
		size_t len;

		if (!path)
			rc = CLI_FAIL;
		else if (access(path, F_OK) == 0 && (rc = cli_read_file(CMD, path, &buf, &len)) == CLI_OK &&
			 (err = rh_plot_values(i, what, buf, len, path, add_value, &set)) < 0 && err != RH_EPARSE)
			rc = cli_lib_error(CMD, err);
		/* A table that is not strict CSV (made by hand) names nothing here; gnuplot still reads what it can. */
		free(buf);
		free(path);
	}
	for (size_t k = 0; k < nwant && rc == CLI_OK && set.n > 0; k++) {
		int found = 0;

		for (size_t j = 0; j < set.n && !found; j++)
			found = !strcmp(set.v[j], want[k]);
		if (found)
			continue;
		if (unknown++ == 0)
			cli_error(CMD, "%s: no table in %s has '%s'", opt, dir, want[k]);
		else
			fprintf(stderr, "rhetor %s: %s: no table in %s has '%s'\n", CMD, opt, dir, want[k]);
	}
	if (unknown) {
		fprintf(stderr, "rhetor %s: %s: the names it can pick there (%zu):", CMD, opt, set.n);
		for (size_t j = 0; j < set.n && j < 60; j++)
			fprintf(stderr, "%s %s", j ? "," : "", set.v[j]);
		fprintf(stderr, "%s\n", set.n > 60 ? ", ..." : "");
		rc = CLI_USAGE;
	}
	cli_files_free(&set);
	return rc;
}

int cli_render(const char *dir, const rh_plot_options *po_in, const cli_render_options *ro, cli_files *written)
{
	rh_plot_options po = *po_in;
	cli_opts o = { .quiet = ro->quiet };
	char *plots = NULL, *text = NULL, *tbytes = NULL, hdr[4096];
	size_t nscripts = 0, rendered = 0, failed = 0;
	int *done = calloc(rh_plot_count(), sizeof *done);
	int rc = CLI_OK, err;

	if (!done || !(plots = join(dir, "plots"))) {
		cli_error(CMD, "out of memory");
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = check_names(dir, po.groups, po.ngroups, RH_PLOT_GROUPS)) != CLI_OK ||
	    (rc = check_names(dir, po.concepts, po.nconcepts, RH_PLOT_CONCEPTS)) != CLI_OK)
		goto done;
	for (size_t i = 0; i < rh_plot_count(); i++) {
		char *table = join(dir, rh_plot_table(i)), name[256];
		int has_rows, got;
		FILE *ms;
		size_t len;

		if (!table) {
			rc = CLI_FAIL;
			goto done;
		}
		got = read_header(table, hdr, sizeof hdr, &has_rows);
		if (got > 0 && (err = rh_plot_check_header(i, hdr)) < 0) {
			cli_lib_error(CMD, err);
			got = -1;
		} else if (got > 0 && !has_rows) {
			cli_note(&o, "rhetor plot: %s has no rows; no chart\n", rh_plot_table(i));
			got = 0;
		}
		/* The script names the cells gnuplot would read otherwise (backslashes). */
		if (got > 0 && (rc = cli_read_file(CMD, table, &tbytes, &po.table_len)) != CLI_OK) {
			free(table);
			goto done;
		}
		free(table);
		if (got <= 0) {
			failed += got < 0;
			continue;
		}
		po.table = tbytes;
		snprintf(name, sizeof name, "%s.gp", rh_plot_name(i));
		po.header = hdr;
		if (!(ms = open_memstream(&text, &len))) {
			cli_error(CMD, "out of memory");
			rc = CLI_FAIL;
			goto done;
		}
		err = rh_plot_write(ms, i, &po);
		free(tbytes);
		tbytes = NULL;
		po.table = NULL;
		if (fclose(ms) != 0 && err == 0)
			err = RH_ENOMEM;
		if (err < 0) {
			rc = cli_lib_error(CMD, err);
			goto done;
		}
		rc = publish(&o, plots, name, text, len, written);
		free(text);
		text = NULL;
		if (rc != CLI_OK)
			goto done;
		done[i] = 1;
		nscripts++;
	}
	if (nscripts == 0) {
		cli_error(CMD, "no table to chart in %s", dir);
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = copy_style(&o, plots, written)) != CLI_OK)
		goto done;
	if (ro->render &&
	    (rc = render(&o, dir, plots, done, nscripts, ro, written, &rendered, &failed)) != CLI_OK)
		goto done;
	cli_note(&o, "rhetor plot: %zu scripts in %s, %zu charts rendered%s\n", nscripts, plots, rendered,
		 failed ? ", some failed" : "");
	rc = failed ? CLI_FAIL : CLI_OK;
done:
	free(text);
	free(tbytes);
	free(done);
	free(plots);
	return rc;
}

int cli_render_labels(const rh_dict *d, const char ***pairs, size_t *npairs)
{
	size_t col = rh_dict_extra_count(d), nc = rh_dict_concept_count(d), n = 0;
	const char **seen, **v;

	*pairs = NULL;
	*npairs = 0;
	for (size_t k = 0; k < rh_dict_extra_count(d); k++)
		if (!strcmp(rh_dict_extra_name(d, k), "label"))
			col = k;
	if (col == rh_dict_extra_count(d))
		return CLI_OK;
	seen = calloc(nc + 1, sizeof *seen);
	v = calloc(2 * nc + 1, sizeof *v);
	if (!seen || !v) {
		free(seen);
		free(v);
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	/* A concept's label: the first of its patterns' that is not empty. */
	for (size_t p = 0; p < rh_dict_pattern_count(d); p++) {
		size_t c = rh_dict_pattern_concept(d, p);
		const char *l = rh_dict_extra(d, p, col);

		if (c < nc && !seen[c] && l && *l)
			seen[c] = l;
	}
	for (size_t c = 0; c < nc; c++)
		if (seen[c]) {
			v[2 * n] = rh_dict_concept(d, c);
			v[2 * n + 1] = seen[c];
			n++;
		}
	free(seen);
	*pairs = v;
	*npairs = n;
	return CLI_OK;
}

int cli_render_context(const char *dir, rh_analysis **lock, rh_dict **dict)
{
	char *path = join(dir, CLI_LOCK_FILE), *file;
	const char *phrases;
	rh_text_options to = RH_TEXT_OPTIONS_INIT;
	int rc, err;

	*lock = NULL;
	*dict = NULL;
	if (!path) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	if (access(path, F_OK) != 0) {
		free(path);
		return CLI_OK;
	}
	rc = cli_run_load(CMD, path, lock);
	free(path);
	if (rc != CLI_OK)
		return rc;
	phrases = rh_analysis_get(*lock, "phrases", "file");
	if (!phrases || !*phrases)
		return CLI_OK;
	if (!(file = cli_run_path(dir, phrases))) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	/* Labels are a convenience: a dictionary gone since the run leaves the names as they are. */
	if (access(file, R_OK) == 0 && (err = rh_dict_load(dict, file, &to)) < 0) {
		free(file);
		return cli_lib_error(CMD, err);
	}
	free(file);
	return CLI_OK;
}

const char *cli_render_time(const char *time, double width, char *buf, size_t cap)
{
	if (!time || !*time)
		return NULL;
	if (width > 0 && width != 1)
		snprintf(buf, cap, "%s (%g-%s periods)", time, width, time);
	else
		snprintf(buf, cap, "%s", time);
	return buf;
}
