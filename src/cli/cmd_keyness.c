/* cmd_keyness.c: rhetor keyness: terms and concepts key to one group against another or the rest. */
#include <rhetor/keyness.h>

#include "cli.h"

enum { OPT_TARGET = 256, OPT_REFERENCE };

static int on_opt(int val, const char *arg, void *ud)
{
	rh_keyness_options *k = ud;
	switch (val) {
	case OPT_TARGET: k->target = arg; return CLI_OK;
	case OPT_REFERENCE: k->reference = arg; return CLI_OK;
	}
	return CLI_USAGE;
}

int cmd_keyness(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "reference", required_argument, NULL, OPT_REFERENCE },
		{ NULL, 0, NULL, 0 }
	};
	rh_keyness_options ko = RH_KEYNESS_OPTIONS_INIT;
	cli_command cmd = {
		"keyness", "CORPUS --by COL --target VALUE [--reference VALUE|rest] -o DIR [--min-count N] [--top K] [--phrases FILE]",
		"Writes documents.csv and keyness.csv (term, target_count, reference_count,\n"
		"target_per_10k, reference_per_10k, log_likelihood, p_value, q_value, chi2,\n"
		"log_ratio, pct_diff, bic, kind): signed 4-cell log-likelihood (Dunning\n"
		"1993), Benjamini-Hochberg q values per kind, Pearson chi-square (signed, no\n"
		"correction), log ratio with a zero count taken as 0.5 (Hardie 2014), %DIFF\n"
		"(Gabrielatos & Marchi 2011), BIC = |G2| - ln(N1+N2) (Wilson 2013). Rows by\n"
		"log_likelihood descending: key terms first, the most under-used last. With\n"
		"--phrases the concepts too (kind = concept, counts = matches).\n"
		"--min-count N leaves out terms with target_count + reference_count < N;\n"
		"--top K keeps, for each kind, the K most key and the K most under-used.\n"
		"Command options:\n"
		"  --target VALUE         the group studied (a value of the --by column)\n"
		"  --reference VALUE|rest another group, or every other group (default: rest)\n",
		1, 1, extra, on_opt, &ko
	};
	cli_opts o;
	cli_loaded l;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	rh_report_options ro;
	cli_out out;
	int rc = cli_parse(argc, argv, &cmd, &o), err;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (!o.by || !ko.target) {
		cli_error(cmd.name, "keyness compares groups: give --by COL and --target VALUE");
		return CLI_USAGE;
	}
	if ((rc = cli_load(cmd.name, &o, &copts, &l)) != CLI_OK)
		goto done;
	ko.concepts = l.dict != NULL;
	cli_report_options(&o, &l, &ro);
	if ((rc = cli_write_documents(cmd.name, &o, &l)) != CLI_OK)
		goto done;
	if ((rc = cli_out_open(cmd.name, &out, o.out, "keyness.csv")) != CLI_OK)
		goto done;
	if ((err = rh_keyness_write(out.fp, l.counts, &ro, &ko)) < 0) {
		cli_out_abort(&out);
		rc = cli_lib_error(cmd.name, err);
		goto done;
	}
	if ((rc = cli_out_commit(cmd.name, &out)) != CLI_OK)
		goto done;
	cli_note(&o, "rhetor keyness: %s against %s; table in %s/keyness.csv\n", ko.target,
		 ko.reference ? ko.reference : "rest", o.out);
done:
	cli_loaded_free(&l);
	return rc;
}
