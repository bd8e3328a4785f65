/* cmd_keyness.c: rhetor keyness: terms and concepts key to one group against another or the rest. */
#include "cli.h"

static const cli_flag flags[] = {
	{ "target", "VALUE", "keyness", "target", NULL, "the group studied (a value of the --by column)", 0 },
	{ "reference", "VALUE|rest", "keyness", "reference", NULL, "another group, or every other group", 0 },
	CLI_NGRAM_FLAGS,
	{ 0 }
};

static const cli_front front = {
	"keyness", "keyness",
	"CORPUS --by COL --target VALUE [--reference VALUE|rest] -o DIR [--min-count N] [--top K] [--phrases FILE]",
	"Writes documents.csv and keyness.csv (term, target_count, reference_count,\n"
	"target_per_10k, reference_per_10k, log_likelihood, p_value, q_value, chi2,\n"
	"log_ratio, pct_diff, bic, kind): signed 4-cell log-likelihood (Dunning\n"
	"1993), Benjamini-Hochberg q values per kind, Pearson chi-square (signed, no\n"
	"correction), log ratio with a zero count taken as 0.5 (Hardie 2014), %DIFF\n"
	"(Gabrielatos & Marchi 2011), BIC = |G2| - ln(N1+N2) (Wilson 2013). Rows by\n"
	"log_likelihood descending: key terms first, the most under-used last. With\n"
	"--phrases the concepts too (kind = concept, counts = matches).\n"
	"--min-count N leaves out terms with target_count + reference_count < N;\n"
	"--top K keeps, for each kind, the K most key and the K most under-used.\n",
	flags, 1, NULL, NULL
};

int cmd_keyness(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
