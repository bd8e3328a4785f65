/* main.c: the rhetor command: dispatch to subcommands. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

typedef struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
	{ "count", cmd_count, "the counting pass (or one shard of it) into a counts file" },
	{ "merge", cmd_merge, "the counts files of a corpus's shards summed into one" },
	{ "info", cmd_info, "corpus summary: documents, tokens, types, sentences, groups" },
	{ "freq", cmd_freq, "term and phrase frequencies per document and group" },
	{ "tfidf", cmd_tfidf, "TF-IDF weights (sklearn, quanteda, tidytext presets), similarity" },
	{ "cooc", cmd_cooc, "collocates of each concept and concept co-occurrence" },
	{ "keyness", cmd_keyness, "terms key to one group against another or the rest" },
	{ "trends", cmd_trends, "concept rates over time, trend fits and adoption per group" },
	{ "kwic", cmd_kwic, "every phrase match in its context" },
	{ "phrases", cmd_phrases, "n-grams of 2-5 words scored as multiword expressions, as a dictionary" },
	{ "plot", cmd_plot, "gnuplot scripts (and charts) for the tables in a directory" },
	{ "report", cmd_report, "one self-contained HTML page: what was run, charts, tables, concordance" },
	{ "run", cmd_run, "every table and chart an analysis file asks for, in one pass, and a lock file" },
	{ "verify", cmd_verify, "rerun a lock file and report any difference" },
	{ "tokens", cmd_tokens, "each document's tokens as the text model reads them" },
	{ "synth", cmd_synth, "generate a synthetic speech corpus with known phrase rates" },
};

static void usage(FILE *fp)
{
	fprintf(fp, "Usage: rhetor COMMAND [OPTIONS]\n\nCommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "\n'rhetor COMMAND --help' describes each command.\n"
		    "'rhetor --version' prints the version.\n");
}

int main(int argc, char **argv)
{
	/* GSL's default handler aborts; the library checks status codes. */
	gsl_set_error_handler_off();
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("rhetor %s\n", rh_version());
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "rhetor: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return CLI_USAGE;
}
