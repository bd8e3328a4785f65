/* cmd_tfidf.c: rhetor tfidf: TF-IDF weights per document or group, and cosine similarity. */
#include <stdlib.h>
#include <string.h>

#include <rhetor/tfidf.h>

#include "cli.h"

enum {
	OPT_PRESET = 256, OPT_TF, OPT_IDF, OPT_NORM, OPT_LOG_BASE, OPT_UNIT, OPT_MIN_DF, OPT_MAX_DF,
	OPT_SIMILARITY, OPT_SIMILARITY_TOP
};

/* The top of each unit when --top is not given. */
#define DEFAULT_TOP 20

typedef struct {
	const char *preset, *tf, *idf, *norm, *log_base, *unit;
	const char *min_df, *max_df;
	int similarity;
	long similarity_top;
} tfidf_args;

static int on_opt(int val, const char *arg, void *ud)
{
	tfidf_args *a = ud;
	switch (val) {
	case OPT_PRESET: a->preset = arg; return CLI_OK;
	case OPT_TF: a->tf = arg; return CLI_OK;
	case OPT_IDF: a->idf = arg; return CLI_OK;
	case OPT_NORM: a->norm = arg; return CLI_OK;
	case OPT_LOG_BASE: a->log_base = arg; return CLI_OK;
	case OPT_UNIT: a->unit = arg; return CLI_OK;
	case OPT_MIN_DF: a->min_df = arg; return CLI_OK;
	case OPT_MAX_DF: a->max_df = arg; return CLI_OK;
	case OPT_SIMILARITY: a->similarity = 1; return CLI_OK;
	case OPT_SIMILARITY_TOP:
		a->similarity = 1;
		return cli_parse_count("tfidf", "--similarity-top", arg, &a->similarity_top);
	}
	return CLI_USAGE;
}

int cmd_tfidf(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "preset", required_argument, NULL, OPT_PRESET },
		{ "tf", required_argument, NULL, OPT_TF },
		{ "idf", required_argument, NULL, OPT_IDF },
		{ "norm", required_argument, NULL, OPT_NORM },
		{ "log-base", required_argument, NULL, OPT_LOG_BASE },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "min-df", required_argument, NULL, OPT_MIN_DF },
		{ "max-df", required_argument, NULL, OPT_MAX_DF },
		{ "similarity", no_argument, NULL, OPT_SIMILARITY },
		{ "similarity-top", required_argument, NULL, OPT_SIMILARITY_TOP },
		{ NULL, 0, NULL, 0 }
	};
	tfidf_args a = { 0 };
	cli_command cmd = {
		"tfidf", "CORPUS -o DIR [--preset sklearn|quanteda|tidytext] [--unit doc|group --by COL] [--similarity]",
		"Writes tfidf.csv (unit, term, count, tf, df, idf, tfidf, rank): per unit, terms\n"
		"by tfidf descending then term, the first --top K (default 20; 0 keeps all).\n"
		"  --preset NAME          sklearn (default): raw count, ln((1+n)/(1+df))+1, L2;\n"
		"                         quanteda: raw count, log10(n/df), none;\n"
		"                         tidytext: count/unit tokens, ln(n/df), none\n"
		"  --tf raw|log|bool|prop|aug      term weight (overrides the preset)\n"
		"  --idf smooth|plain|prob|none    inverse document frequency\n"
		"  --norm l2|l1|none               normalisation of each unit\n"
		"  --log-base e|2|10               base of the idf logarithm\n"
		"  --unit doc|group       units: documents (default) or the groups of --by,\n"
		"                         each group's counts summed before weighting\n"
		"  --min-df N|F, --max-df N|F      keep terms in at least / at most N units, or\n"
		"                         a fraction F of them (written with a point: 0.5, 1.0)\n"
		"  --similarity           also write similarity.csv (unit_a, unit_b, cosine),\n"
		"                         every pair once, unit_a before unit_b\n"
		"  --similarity-top K     keep only pairs where one is among the other's K nearest\n"
		"Stop words and --min-count leave terms out before weighting.\n",
		1, 1, extra, on_opt, &a
	};
	rh_tfidf_options to = RH_TFIDF_OPTIONS_INIT;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	rh_report_options ro;
	rh_tfidf *t = NULL;
	cli_opts o;
	cli_loaded l;
	cli_out out;
	int rc, err;

	memset(&l, 0, sizeof l);
	rc = cli_parse(argc, argv, &cmd, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if ((rc = cli_tfidf_scheme("tfidf", a.preset, a.tf, a.idf, a.norm, a.log_base, a.min_df, a.max_df, &to)) != CLI_OK)
		return rc;
	if (a.unit && strcmp(a.unit, "doc") && strcmp(a.unit, "group")) {
		cli_error("tfidf", "--unit %s: one of doc, group", a.unit);
		return CLI_USAGE;
	}
	to.by_group = a.unit && !strcmp(a.unit, "group");
	if (to.by_group && !o.by) {
		cli_error(cmd.name, "--unit group needs --by COL (the metadata column that groups documents)");
		return CLI_USAGE;
	}
	if ((rc = cli_load(cmd.name, &o, &copts, &l)) != CLI_OK)
		goto done;
	cli_report_options(&o, &l, &ro);
	ro.top = o.top < 0 ? DEFAULT_TOP : o.top;
	to.min_count = o.min_count;
	to.stop = l.stop;
	if ((err = rh_tfidf_build(&t, l.counts, &to)) < 0) {
		rc = cli_lib_error(cmd.name, err);
		goto done;
	}
	if ((rc = cli_out_open(cmd.name, &out, o.out, "tfidf.csv")) != CLI_OK)
		goto done;
	if ((err = rh_tfidf_write(out.fp, t, &ro)) < 0) {
		cli_out_abort(&out);
		rc = cli_lib_error(cmd.name, err);
		goto done;
	}
	if ((rc = cli_out_commit(cmd.name, &out)) != CLI_OK)
		goto done;
	if (a.similarity) {
		if ((rc = cli_out_open(cmd.name, &out, o.out, "similarity.csv")) != CLI_OK)
			goto done;
		if ((err = rh_tfidf_similarity_write(out.fp, t, (size_t)a.similarity_top, &o.table)) < 0) {
			cli_out_abort(&out);
			rc = cli_lib_error(cmd.name, err);
			goto done;
		}
		if ((rc = cli_out_commit(cmd.name, &out)) != CLI_OK)
			goto done;
	}
	cli_note(&o, "rhetor tfidf: %zu %s, %zu terms, %zu cells (%s, %s idf, %s norm); tables in %s/\n",
		 rh_tfidf_unit_count(t), to.by_group ? "groups" : "documents", rh_tfidf_term_count(t),
		 rh_tfidf_cell_count(t), rh_stats_tf_name(to.scheme.tf), rh_stats_idf_name(to.scheme.idf),
		 rh_stats_norm_name(to.scheme.norm), o.out);
done:
	rh_tfidf_free(t);
	cli_loaded_free(&l);
	return rc;
}
