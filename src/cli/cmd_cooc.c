/* cmd_cooc.c: rhetor cooc: collocates of each concept and co-occurrence of concepts. */
#include "cli.h"

static const cli_flag flags[] = {
	{ "window", "W", "cooc", "window", NULL, "tokens each side of a match", 0 },
	{ "window-left", "L", "cooc", "window_left", NULL, "tokens before a match", 0 },
	{ "window-right", "R", "cooc", "window_right", NULL,
	  "tokens after a match; e.g. --window-left 0\n"
	  "                         --window-right 1 gives adjacent bigrams", 0 },
	{ "within", "doc|sentence", "cooc", "within", NULL,
	  "windows and concept units stop at document or sentence\n"
	  "                         bounds; concept_cooc counts documents or sentences", 0 },
	{ "min-o11", "K", "cooc", "min_o11", NULL, "leave out collocates seen fewer than K times in the windows", 0 },
	{ 0 }
};

static const cli_front front = {
	"cooc", "cooc", "CORPUS --phrases FILE -o DIR [--window W] [--within doc|sentence] [--min-o11 K] [--top K] [--by COL]",
	"Writes documents.csv, collocates.csv (node, collocate, o11, e11, f_node,\n"
	"f_collocate, r1, n, mi, mi3, t_score, z_score, log_likelihood, p_value,\n"
	"dice, log_dice, delta_p) and concept_cooc.csv (concept_a, concept_b, both,\n"
	"a_only, b_only, neither, jaccard, pmi, log_likelihood, p_value).\n"
	"Windows of nearby matches of one concept are merged (each token counted\n"
	"once) and never hold the concept's own tokens; n and f_collocate are the\n"
	"group's. With --by COL both tables are computed per group and end with a\n"
	"`group` column. Rows: group, node (dictionary order), log_likelihood\n"
	"descending, collocate; --top K keeps K collocates per group and node.\n",
	flags, 1, NULL, NULL
};

int cmd_cooc(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
