/* cmd_freq.c: rhetor freq: term and phrase frequencies per document and group. */
#include "cli.h"

static const cli_flag flags[] = {
	{ "dispersion", NULL, "freq", "dispersion", "yes",
	  "also dispersion.csv over the documents: the terms (kind term; --top,\n"
	  "                         --min-count, --stopwords apply) and each concept (kind concept)", 0 },
	CLI_NGRAM_FLAGS,
	{ 0 }
};

static const cli_front front = {
	"freq", "freq", "CORPUS -o DIR [--phrases FILE] [--by COL] [--top K] [--stopwords en] [--dispersion]",
	"Writes documents.csv and terms.csv (group, term, count, docs, per_10k,\n"
	"rank); with --phrases also phrases_by_doc.csv (every document x concept)\n"
	"and phrases_by_group.csv (with exact Poisson 95% intervals).\n",
	flags, 1, NULL, NULL
};

int cmd_freq(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
