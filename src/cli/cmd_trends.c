/* cmd_trends.c: rhetor trends: concept rates over time per group, trend fits and adoption. */
#include <stdlib.h>
#include <string.h>

#include <rhetor/trends.h>

#include "cli.h"

enum { OPT_TIME = 256, OPT_PERIOD_WIDTH };

typedef struct {
	const char *time;
	double width;
} trends_args;

static int on_opt(int val, const char *arg, void *ud)
{
	trends_args *a = ud;
	switch (val) {
	case OPT_TIME:
		a->time = arg;
		return CLI_OK;
	case OPT_PERIOD_WIDTH:
		if (cli_parse_real("trends", "--period-width", arg, &a->width) != CLI_OK)
			return CLI_USAGE;
		if (!(a->width > 0) || a->width > 1e15) {
			cli_error("trends", "--period-width wants a number > 0, not '%s'", arg);
			return CLI_USAGE;
		}
		return CLI_OK;
	}
	return CLI_USAGE;
}

typedef int (*trends_writer)(FILE *, const rh_trends *, const rh_report_options *);

static int write_one(const char *cmd, const cli_opts *o, const char *name, trends_writer write,
		     const rh_trends *t, const rh_report_options *ro)
{
	cli_out out;
	int rc, err;
	if ((rc = cli_out_open(cmd, &out, o->out, name)) != CLI_OK)
		return rc;
	if ((err = write(out.fp, t, ro)) < 0) {
		cli_out_abort(&out);
		cli_error(cmd, "%s: %s", name, rh_error_last());
		return err == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
	}
	return cli_out_commit(cmd, &out);
}

/* Fails early, before the counting pass, when the time column does not exist. */
static int check_time_col(const char *cmd, const cli_opts *o, const char *col)
{
	rh_corpus *corpus;
	int err, rc = CLI_OK;
	if ((err = rh_corpus_open(&corpus, o->corpus, &o->corpus_opts)) < 0)
		return cli_lib_error(cmd, err);
	if (rh_corpus_meta_find(corpus, col) < 0) {
		size_t n = rh_corpus_meta_count(corpus);
		cli_error(cmd, "--time %s: no such metadata column (columns: %s)", col,
			  n ? "" : "none; use --meta or --name-pattern");
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "%s%s", i ? ", " : "  ", rh_corpus_meta_name(corpus, i));
		if (n)
			fputc('\n', stderr);
		rc = CLI_USAGE;
	}
	rh_corpus_free(corpus);
	return rc;
}

int cmd_trends(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "time", required_argument, NULL, OPT_TIME },
		{ "period-width", required_argument, NULL, OPT_PERIOD_WIDTH },
		{ NULL, 0, NULL, 0 }
	};
	trends_args a = { NULL, 0 };
	const cli_command cmd = {
		"trends", "CORPUS --phrases FILE --time COL [--by COL] [--period-width N] -o DIR",
		"Counts each concept per group and period and writes:\n"
		"  trends.csv         group, period, concept, count, docs (documents using it),\n"
		"                     tokens, per_10k, ci_low, ci_high (exact Poisson 95%),\n"
		"                     docs_total (documents of the group in the period)\n"
		"  trend_fit.csv      Poisson regression of count on time with log(tokens) as\n"
		"                     offset: rate_ratio_per_decade, 95% interval, p value,\n"
		"                     Pearson dispersion; note says why a row has no fit\n"
		"  adoption.csv       first period and first document using each concept, per group\n"
		"  adoption_curve.csv per concept and period: groups adopting, cumulative, at risk\n"
		"  documents.csv      as rhetor freq writes it\n"
		"  --time COL             metadata column with each document's time (e.g. year)\n"
		"  --period-width N       group numeric times into periods of N (named by their\n"
		"                         start: 5 gives 1990, 1995, ...); default: each value\n",
		1, 1, extra, on_opt, &a
	};
	rh_trends_options topts = RH_TRENDS_OPTIONS_INIT;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	rh_report_options ro;
	rh_trends *t = NULL;
	cli_opts o;
	cli_loaded l;
	int rc = cli_parse(argc, argv, &cmd, &o), err;

	memset(&l, 0, sizeof l);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (!a.time) {
		cli_error(cmd.name, "which metadata column holds the time? Give --time COL (e.g. --time year)");
		return CLI_USAGE;
	}
	if (!o.phrases) {
		cli_error(cmd.name, "trends count the concepts of a dictionary: give --phrases FILE");
		return CLI_USAGE;
	}
	if ((rc = check_time_col(cmd.name, &o, a.time)) != CLI_OK)
		return rc;
	if ((rc = cli_load(cmd.name, &o, &copts, &l)) != CLI_OK)
		goto done;
	topts.time_col = a.time;
	topts.period_width = a.width;
	if ((err = rh_trends_new(&t, l.counts, &topts)) < 0) {
		rc = cli_lib_error(cmd.name, err);
		goto done;
	}
	cli_report_options(&o, &l, &ro);
	if ((rc = cli_write_documents(cmd.name, &o, &l)) != CLI_OK ||
	    (rc = cli_report_untimed(cmd.name, &o, &l, o.out, a.time, t)) != CLI_OK ||
	    (rc = write_one(cmd.name, &o, "trends.csv", rh_trends_write_table, t, &ro)) != CLI_OK ||
	    (rc = write_one(cmd.name, &o, "trend_fit.csv", rh_trends_write_fit, t, &ro)) != CLI_OK ||
	    (rc = write_one(cmd.name, &o, "adoption.csv", rh_trends_write_adoption, t, &ro)) != CLI_OK ||
	    (rc = write_one(cmd.name, &o, "adoption_curve.csv", rh_trends_write_curve, t, &ro)) != CLI_OK)
		goto done;
	if (!rh_trends_numeric(t))
		cli_note(&o, "rhetor %s: the values of '%s' are not numbers: periods in byte order, no trend fitted\n",
			 cmd.name, a.time);
	cli_note(&o, "rhetor %s: %zu documents, %zu periods, %zu groups; tables in %s/\n",
		 cmd.name, rh_counts_doc_count(l.counts), rh_trends_period_count(t), rh_counts_group_count(l.counts),
		 o.out);
done:
	rh_trends_free(t);
	cli_loaded_free(&l);
	return rc;
}
