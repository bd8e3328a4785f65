/* cmd_kwic.c: rhetor kwic: every phrase match in its context, as written. */
#include <string.h>

#include <rhetor/kwic.h>

#include "cli.h"

enum { OPT_CONTEXT = 256, OPT_WITHIN };

typedef struct {
	long context;
	int within_sentence;
} kwic_args;

static int on_opt(int val, const char *arg, void *ud)
{
	kwic_args *a = ud;
	switch (val) {
	case OPT_CONTEXT: return cli_parse_count("kwic", "--context", arg, &a->context);
	case OPT_WITHIN:
		return cli_parse_within("kwic", arg, &a->within_sentence);
	}
	return CLI_USAGE;
}

int cmd_kwic(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "context", required_argument, NULL, OPT_CONTEXT },
		{ "within", required_argument, NULL, OPT_WITHIN },
		{ NULL, 0, NULL, 0 }
	};
	kwic_args a = { 10, 0 };
	cli_command cmd = {
		"kwic", "CORPUS --phrases FILE -o DIR [--context K] [--within sentence]",
		"Writes documents.csv and kwic.csv (doc_id, concept, pattern, sentence,\n"
		"token_start, left, match, right, byte_start, byte_end; with --by a last\n"
		"`group` column): one row per match, in document and token order. The\n"
		"match is the original text, bytes [byte_start, byte_end) of the document;\n"
		"left and right hold up to K tokens of context as written (line breaks\n"
		"shown as spaces). sentence and token_start count from 0.\n"
		"Command options:\n"
		"  --context K            tokens of context each side (default 10, at least 1)\n"
		"  --within doc|sentence  context stops at document (default) or sentence bounds\n",
		1, 1, extra, on_opt, &a
	};
	cli_opts o;
	cli_loaded l;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	rh_report_options ro;
	int rc = cli_parse(argc, argv, &cmd, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (!o.phrases) {
		cli_error(cmd.name, "which phrases? Give a phrase dictionary with --phrases FILE");
		return CLI_USAGE;
	}
	if (a.context == 0) {
		cli_error(cmd.name, "--context must be at least 1");
		return CLI_USAGE;
	}
	copts.kwic_context = (unsigned)a.context;
	copts.within_sentence = a.within_sentence;
	if ((rc = cli_load(cmd.name, &o, &copts, &l)) != CLI_OK)
		goto done;
	cli_report_options(&o, &l, &ro);
	if ((rc = cli_write_documents(cmd.name, &o, &l)) != CLI_OK ||
	    (rc = cli_write_table(cmd.name, &o, "kwic.csv", rh_kwic_write, &l, &ro)) != CLI_OK)
		goto done;
	{
		size_t nm;
		rh_counts_matches(l.counts, &nm);
		cli_note(&o, "rhetor kwic: %zu matches in %zu documents; table in %s/kwic.csv\n", nm,
			 rh_counts_doc_count(l.counts), o.out);
	}
done:
	cli_loaded_free(&l);
	return rc;
}
