/* runner.h: the state of one run, shared by the runner and the lock writer (src/cli only). */
#ifndef RH_CLI_RUNNER_H
#define RH_CLI_RUNNER_H

#include <rhetor.h>

#include "cli.h"

#define RUN_MAX_STOPS 8

/* A stop list one or more sections use, loaded once. */
typedef struct {
	const char *name; /* the value as in the analysis: "en" or a resolved path */
	char *file;       /* the file read */
	rh_vocab *v;
} run_stop;

typedef struct {
	const cli_run_request *req;
	const char *cmd;
	rh_plan plan;
	cli_opts o;             /* quiet, out, threads: for the shared helpers */
	cli_loaded l;           /* corpus, dictionary, counts */
	char *corpus, *meta, *phrases, *out; /* resolved paths */
	run_stop stops[RUN_MAX_STOPS];
	size_t nstops;
	size_t left_out;        /* documents --where left out */
	char **outputs;         /* files written, relative to out */
	size_t noutputs, capoutputs;
} run_ctx;

/* Adds a file written (relative to the output directory) to the outputs. */
int run_add_output(run_ctx *r, const char *name);

/* The lock file and its corpus manifest (lock.c). Returns an exit status. */
int run_write_lock(run_ctx *r);

/*
 * Before any work: every value of the analysis and every input path can
 * be written in the lock and read back as it is (a value starting with ';'
 * or an input path the lock cannot hold is refused now, not after the last
 * table). Returns an exit status.
 */
int run_check_lock(run_ctx *r);

#endif
