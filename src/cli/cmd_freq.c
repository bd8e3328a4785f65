/* cmd_freq.c: rhetor freq: term and phrase frequencies per document and group. */
#include <rhetor/dispersion.h>

#include "cli.h"

enum { OPT_DISPERSION = 256 };

static int on_opt(int val, const char *arg, void *ud)
{
	if (val != OPT_DISPERSION)
		return CLI_USAGE;
	*(int *)ud = 1;
	return CLI_OK;
}

int cmd_freq(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "dispersion", no_argument, NULL, OPT_DISPERSION },
		{ NULL, 0, NULL, 0 }
	};
	int dispersion = 0;
	const cli_command cmd = {
		"freq", "CORPUS -o DIR [--phrases FILE] [--by COL] [--top K] [--stopwords en] [--dispersion]",
		"Writes documents.csv and terms.csv (group, term, count, docs, per_10k,\n"
		"rank); with --phrases also phrases_by_doc.csv (every document x concept)\n"
		"and phrases_by_group.csv (with exact Poisson 95% intervals).\n"
		"  --dispersion           also write dispersion.csv (term, count, range, dp,\n"
		"                         dp_norm, juilland_d, kind) over the documents: the\n"
		"                         terms (kind term; --top, --min-count, --stopwords\n"
		"                         apply) and, with --phrases, each concept (kind concept)\n",
		1, 1, extra, on_opt, &dispersion
	};
	cli_opts o;
	cli_loaded l;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	rh_report_options ro;
	int rc = cli_parse(argc, argv, &cmd, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if ((rc = cli_load(cmd.name, &o, &copts, &l)) != CLI_OK)
		goto done;
	cli_report_options(&o, &l, &ro);
	if ((rc = cli_write_documents(cmd.name, &o, &l)) != CLI_OK ||
	    (rc = cli_write_table(cmd.name, &o, "terms.csv", rh_freq_terms, &l, &ro)) != CLI_OK)
		goto done;
	if (l.dict && ((rc = cli_write_table(cmd.name, &o, "phrases_by_doc.csv", rh_freq_phrases_by_doc, &l, &ro)) != CLI_OK ||
		       (rc = cli_write_table(cmd.name, &o, "phrases_by_group.csv", rh_freq_phrases_by_group, &l, &ro)) != CLI_OK))
		goto done;
	if (dispersion && (rc = cli_write_table(cmd.name, &o, "dispersion.csv", rh_dispersion_write, &l, &ro)) != CLI_OK)
		goto done;
	cli_note(&o, "rhetor freq: %zu documents, %llu tokens; tables in %s/\n", rh_counts_doc_count(l.counts),
		 (unsigned long long)rh_counts_tokens(l.counts), o.out);
done:
	cli_loaded_free(&l);
	return rc;
}
