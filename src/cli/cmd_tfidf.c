/* cmd_tfidf.c: rhetor tfidf: TF-IDF weights per document or group, and cosine similarity. */
#include "cli.h"

static const cli_flag flags[] = {
	{ "preset", "NAME", "tfidf", "preset", NULL,
	  "sklearn: raw count, ln((1+n)/(1+df))+1, L2;\n"
	  "                         quanteda: raw count, log10(n/df), none;\n"
	  "                         tidytext: count/unit tokens, ln(n/df), none", 0 },
	{ "tf", "raw|log|bool|prop|aug", "tfidf", "tf", NULL, "term weight (overrides the preset)", 0 },
	{ "idf", "smooth|plain|prob|none", "tfidf", "idf", NULL, "inverse document frequency", 0 },
	{ "norm", "l2|l1|none", "tfidf", "norm", NULL, "normalisation of each unit", 0 },
	{ "log-base", "e|2|10", "tfidf", "log_base", NULL, "base of the idf logarithm", 0 },
	{ "unit", "doc|group", "tfidf", "unit", NULL,
	  "units: documents or the groups of --by, each group's\n"
	  "                         counts summed before weighting", 0 },
	{ "min-df", "N|F", "tfidf", "min_df", NULL,
	  "keep terms in at least N units, or a fraction F of them\n"
	  "                         (written with a point: 0.5, 1.0)", 0 },
	{ "max-df", "N|F", "tfidf", "max_df", NULL, "keep terms in at most N units, or a fraction F", 0 },
	{ "similarity", NULL, "tfidf", "similarity", "yes",
	  "also similarity.csv (unit_a, unit_b, cosine), every pair\n"
	  "                         once, unit_a before unit_b", 0 },
	{ "similarity-top", "K", "tfidf", "similarity_top", NULL,
	  "with --similarity, keep only pairs where one is among the\n"
	  "                         other's K nearest (0 keeps all)", 0 },
	CLI_NGRAM_FLAGS,
	{ 0 }
};

static const cli_front front = {
	"tfidf", "tfidf", "CORPUS -o DIR [--preset sklearn|quanteda|tidytext] [--unit doc|group --by COL] [--similarity]",
	"Writes tfidf.csv (unit, term, count, tf, df, idf, tfidf, rank): per unit, terms\n"
	"by tfidf descending then term, the first --top K (0 keeps all).\n"
	"Stop words and --min-count leave terms out before weighting.\n",
	flags, 0, NULL, NULL
};

int cmd_tfidf(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
