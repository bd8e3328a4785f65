/* runner.h: the state of one run, shared by the runner and the lock writer (src/cli only). */
#ifndef RH_CLI_RUNNER_H
#define RH_CLI_RUNNER_H

#include <pthread.h>

#include <rhetor.h>

#include "cli.h"

typedef struct {
	const cli_run_request *req;
	const char *cmd;
	rh_run *run;            /* the library's runner: plan, corpus, counts, tables */
	const rh_plan *plan;    /* the run's */
	cli_opts o;             /* quiet, out, threads: for the shared helpers */
	cli_loaded l;           /* corpus, dictionary, counts: borrowed from the run (never cli_loaded_free) */
	char *corpus, *meta, *phrases, *out; /* resolved paths */
	char *data_dir;         /* rhetor's data directory, or NULL */
	cli_progress_state progress;
	pthread_mutex_t tables_lock; /* tables_done: written by the sink on the pass's threads */
	size_t tables_done, tables_total;
	const char *const *stop_files; /* the stop lists read, from the run */
	size_t nstops;
	size_t left_out;        /* documents --where and --by left out */
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
