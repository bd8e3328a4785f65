/* cmd_plot.c: rhetor plot: a gnuplot script per table in DIR, rendered where gnuplot is installed. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rhetor/plot.h>

#include "cli.h"

#define CMD "plot"
#define MAX_GROUPS 64

enum { OPT_FORMAT = 300, OPT_NO_RENDER, OPT_TITLES, OPT_WIDTH, OPT_GROUPS, OPT_CONCEPTS };

/* The output formats the scripts know; only these names reach gnuplot. */
static const char *const formats[] = { "png", "pdf", "svg", "tex" };
#define NFORMATS (sizeof formats / sizeof *formats)

typedef struct {
	int want[NFORMATS];
	int no_render;
	int titles;
	const char *width;     /* "1col" or "2col" (a constant, never the argument) */
	char *groups_buf;      /* the --groups argument, split in place */
	const char *groups[MAX_GROUPS];
	size_t ngroups;
	char *concepts_buf;    /* the --concepts argument, split in place */
	const char *concepts[MAX_GROUPS];
	size_t nconcepts;
	int format_given;
} plot_args;

static const struct option plot_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "no-render", no_argument, NULL, OPT_NO_RENDER },
	{ "titles", no_argument, NULL, OPT_TITLES },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "groups", required_argument, NULL, OPT_GROUPS },
	{ "concepts", required_argument, NULL, OPT_CONCEPTS },
	{ NULL, 0, NULL, 0 },
};

/* Splits a comma-separated list into at most MAX_GROUPS values (in *buf, replaced). */
static int split_list(const char *arg, const char *opt, char **buf, const char **v, size_t *n)
{
	free(*buf);
	*n = 0;
	if (!(*buf = strdup(arg))) {
		cli_error(CMD, "out of memory");
		return CLI_FAIL;
	}
	for (char *p = strtok(*buf, ","); p; p = strtok(NULL, ",")) {
		if (*n == MAX_GROUPS) {
			cli_error(CMD, "%s: at most %d values", opt, MAX_GROUPS);
			return CLI_USAGE;
		}
		v[(*n)++] = p;
	}
	return CLI_OK;
}

static int on_opt(int val, const char *arg, void *ud)
{
	plot_args *a = ud;

	switch (val) {
	case OPT_FORMAT: {
		memset(a->want, 0, sizeof a->want);
		a->format_given = 1;
		for (const char *p = arg; *p;) {
			size_t n = strcspn(p, ","), k;

			for (k = 0; k < NFORMATS; k++)
				if (strlen(formats[k]) == n && !strncmp(p, formats[k], n))
					break;
			if (k == NFORMATS) {
				cli_error(CMD, "--format: '%.*s' is not one of png, pdf, svg, tex", (int)n, p);
				return CLI_USAGE;
			}
			a->want[k] = 1;
			p += n;
			if (*p == ',')
				p++;
		}
		return CLI_OK;
	}
	case OPT_NO_RENDER: a->no_render = 1; return CLI_OK;
	case OPT_TITLES: a->titles = 1; return CLI_OK;
	case OPT_WIDTH:
		if (!strcmp(arg, "1col"))
			a->width = "1col";
		else if (!strcmp(arg, "2col"))
			a->width = "2col";
		else {
			cli_error(CMD, "--width wants 1col or 2col, not '%s'", arg);
			return CLI_USAGE;
		}
		return CLI_OK;
	case OPT_GROUPS:
		return split_list(arg, "--groups", &a->groups_buf, a->groups, &a->ngroups);
	case OPT_CONCEPTS:
		return split_list(arg, "--concepts", &a->concepts_buf, a->concepts, &a->nconcepts);
	}
	return CLI_USAGE;
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

/* Copies the shared style into the plots directory, atomically. */
static int copy_style(const char *plots)
{
	char *src = cli_data_path("plots/rhetor.gp");
	FILE *in;
	cli_out out;
	char buf[8192];
	size_t n;
	int rc;

	if (!src) {
		cli_error(CMD, "cannot find the chart style plots/rhetor.gp (set RHETOR_DATA_DIR to rhetor's data directory)");
		return CLI_FAIL;
	}
	if (!(in = fopen(src, "rb"))) {
		cli_error(CMD, "cannot read %s: %s", src, strerror(errno));
		free(src);
		return CLI_FAIL;
	}
	if ((rc = cli_out_open(CMD, &out, plots, "rhetor.gp")) == CLI_OK) {
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			fwrite(buf, 1, n, out.fp);
		if (ferror(in)) {
			cli_error(CMD, "cannot read %s: %s", src, strerror(errno));
			cli_out_abort(&out);
			rc = CLI_FAIL;
		} else {
			rc = cli_out_commit(CMD, &out);
		}
	}
	fclose(in);
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
 * --quiet. Prints the failing lines. Returns their number.
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
 * each with its own stderr pipe, and are judged in job order once done, so
 * what is printed and the exit status do not depend on which ends first.
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
	const char *fail;  /* "pipe", "fork" or "waitpid" when that failed, with errno in err */
	int err;
	char *text;        /* what it wrote to stderr (the first 256 KiB) */
	size_t len, cap;
} plot_job;

enum { JOB_QUEUED, JOB_RUNNING, JOB_DONE };

/* Most gnuplot processes at once (each holds a pipe open here). */
#define MAX_PROCS 256

/*
 * Starts `gnuplot -d -e "fmt='F'; width='W'; titles=T" NAME.gp` in the plots
 * directory: fork and exec with an argument vector, no shell, stdin and
 * stdout on /dev/null, stderr into a fresh pipe. On failure the job is done
 * with j->fail set.
 */
static void job_start(plot_job *j, const char *gnuplot, const char *plots, const plot_args *a)
{
	char script[256], setup[96];
	int fds[2];

	snprintf(script, sizeof script, "%s.gp", rh_plot_name(j->chart));
	/* fmt and width are constants from this file's tables, never user text. */
	snprintf(setup, sizeof setup, "fmt='%s'; width='%s'; titles=%d", formats[j->fmt], a->width, a->titles);
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
		if (chdir(plots) != 0)
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

/*
 * Runs the jobs, at most `nprocs` gnuplot processes at once, starting those
 * with the largest tables first (the longest runs, so the last to finish is
 * a short one) and reporting each in job order as soon as those before it
 * are reported. Adds to *rendered and *failed. Returns CLI_OK, or CLI_FAIL
 * (nothing started) when out of memory.
 */
static int run_jobs(const cli_opts *o, plot_job *jobs, size_t njobs, unsigned nprocs, const char *gnuplot,
		    const char *plots, const plot_args *a, size_t *rendered, size_t *failed)
{
	size_t *order = malloc(njobs * sizeof *order), started = 0, reported = 0, running = 0;
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

			job_start(j, gnuplot, plots, a);
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

			if (job_report(o, j) == 0)
				(*rendered)++;
			else
				(*failed)++;
			free(j->text);
			j->text = NULL;
		}
	}
done:
	free(order);
	free(pfd);
	free(pj);
	return rc;
}

int cmd_plot(int argc, char **argv)
{
	plot_args a = { .want = { 1, 1, 0, 0 }, .width = "2col" };
	cli_command cmd = {
		.name = CMD,
		.synopsis = "DIR [--format png,pdf,svg,tex] [--no-render] [--titles] [--width 1col|2col] "
			    "[--groups A,B,...] [--top K] [--threads N]",
		.help = "Writes DIR/plots/NAME.gp for every table in DIR it knows, with the shared\n"
			"style DIR/plots/rhetor.gp, and renders each with gnuplot when installed.\n"
			"  --format LIST          formats to render (default png,pdf): png, pdf, svg,\n"
			"                         tex (cairolatex: NAME-tex.tex + NAME-tex.pdf)\n"
			"  --no-render            write the scripts only\n"
			"  --titles               draw a title above each figure\n"
			"  --width 1col|2col      figure width: 8.5 cm or 17.5 cm (default 2col)\n"
			"  --groups A,B,...       panels or series to draw, in this order (trends:\n"
			"                         the groups; default the groups with most matches)\n"
			"  --concepts A,B,...     concepts to draw in the trends and adoption charts\n"
			"                         (default: those with the most matches, adopters)\n"
			"  --top K                bars per panel (default 20)\n"
			"  --threads N            gnuplot processes at once (default: one per core)\n",
		.extra = plot_opts,
		.on_opt = on_opt,
		.ud = &a,
	};
	rh_plot_options po = RH_PLOT_OPTIONS_INIT;
	cli_opts o;
	char *plots = NULL, *gnuplot = NULL, hdr[4096];
	plot_job *jobs = NULL;
	size_t written = 0, rendered = 0, failed = 0;
	int rc, err;
	int done[64] = { 0 };

	if ((rc = cli_parse(argc, argv, &cmd, &o)) != CLI_OK) {
		free(a.groups_buf);
		free(a.concepts_buf);
		return rc < 0 ? CLI_OK : rc;
	}
	if (!o.corpus) {
		cli_error(CMD, "which directory? Usage: rhetor plot %s", cmd.synopsis);
		free(a.groups_buf);
		free(a.concepts_buf);
		return CLI_USAGE;
	}
	if (o.top > 0)
		po.top = (unsigned)(o.top > 1000 ? 1000 : o.top);
	po.groups = a.ngroups ? a.groups : NULL;
	po.ngroups = a.ngroups;
	po.concepts = a.nconcepts ? a.concepts : NULL;
	po.nconcepts = a.nconcepts;
	if (!(plots = join(o.corpus, "plots"))) {
		rc = CLI_FAIL;
		goto done;
	}

	for (size_t i = 0; i < rh_plot_count() && i < sizeof done / sizeof *done; i++) {
		char *table = join(o.corpus, rh_plot_table(i)), name[256];
		int has_rows, got;
		cli_out out;

		if (!table) {
			rc = CLI_FAIL;
			goto done;
		}
		got = read_header(table, hdr, sizeof hdr, &has_rows);
		free(table);
		if (got == 0)
			continue;
		if (got < 0) {
			failed++;
			continue;
		}
		if ((err = rh_plot_check_header(i, hdr)) < 0) {
			cli_lib_error(CMD, err);
			failed++;
			continue;
		}
		if (!has_rows) {
			cli_note(&o, "rhetor plot: %s has no rows; no chart\n", rh_plot_table(i));
			continue;
		}
		snprintf(name, sizeof name, "%s.gp", rh_plot_name(i));
		po.header = hdr;
		if ((rc = cli_out_open(CMD, &out, plots, name)) != CLI_OK)
			goto done;
		if ((err = rh_plot_write(out.fp, i, &po)) < 0) {
			cli_out_abort(&out);
			rc = cli_lib_error(CMD, err);
			goto done;
		}
		if ((rc = cli_out_commit(CMD, &out)) != CLI_OK)
			goto done;
		done[i] = 1;
		written++;
	}
	if (written == 0) {
		cli_error(CMD, "no table to chart in %s", o.corpus);
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = copy_style(plots)) != CLI_OK)
		goto done;

	if (!a.no_render && !(gnuplot = find_gnuplot())) {
		cli_note(&o, "rhetor plot: gnuplot is not installed; wrote %zu scripts in %s.\n"
			     "Render each by hand there, e.g.: cd %s && gnuplot -e \"fmt='pdf'\" NAME.gp\n",
			 written, plots, plots);
		a.no_render = 1;
	}
	if (!a.no_render) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		unsigned nprocs = o.threads ? o.threads : cores > 0 ? (unsigned)cores : 1;
		size_t njobs = 0;

		/* The jobs: each chart written, each format asked for, in these orders. */
		if (!(jobs = calloc(written * NFORMATS, sizeof *jobs))) {
			cli_error(CMD, "out of memory");
			rc = CLI_FAIL;
			goto done;
		}
		for (size_t i = 0; i < rh_plot_count() && i < sizeof done / sizeof *done; i++) {
			char *table = done[i] ? join(o.corpus, rh_plot_table(i)) : NULL;
			struct stat st;
			off_t weight = table && stat(table, &st) == 0 ? st.st_size : 0;

			free(table);
			for (size_t k = 0, first = 1; done[i] && k < NFORMATS; k++) {
				if (!a.want[k])
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
		if ((rc = run_jobs(&o, jobs, njobs, nprocs, gnuplot, plots, &a, &rendered, &failed)) != CLI_OK)
			goto done;
	}
	cli_note(&o, "rhetor plot: %zu scripts in %s, %zu charts rendered%s\n", written, plots,
		 rendered, failed ? ", some failed" : "");
	rc = failed ? CLI_FAIL : CLI_OK;
done:
	free(jobs);
	free(plots);
	free(gnuplot);
	free(a.groups_buf);
	free(a.concepts_buf);
	return rc;
}
