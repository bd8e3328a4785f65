/* cmd_trends.c: rhetor trends: concept rates over time per group, trend fits and adoption. */
#include "cli.h"

static const cli_flag flags[] = {
	{ "time", "COL", "trends", "time", NULL, "metadata column with each document's time (e.g. year)", 0 },
	{ "period-width", "N", "trends", "period_width", NULL,
	  "group numeric times into periods of N (named by their\n"
	  "                         start: 5 gives 1990, 1995, ...); 0: each value", CLI_CHECK_POSITIVE },
	{ 0 }
};

static const cli_front front = {
	"trends", "trends", "CORPUS --phrases FILE --time COL [--by COL] [--period-width N] -o DIR",
	"Counts each concept per group and period and writes:\n"
	"  trends.csv         group, period, concept, count, docs (documents using it),\n"
	"                     tokens, per_10k, ci_low, ci_high (exact Poisson 95%),\n"
	"                     docs_total (documents of the group in the period)\n"
	"  trend_fit.csv      Poisson regression of count on time with log(tokens) as\n"
	"                     offset: rate_ratio_per_decade, 95% interval, p value,\n"
	"                     Pearson dispersion; note says why a row has no fit\n"
	"  adoption.csv       first period and first document using each concept, per group\n"
	"  adoption_curve.csv per concept and period: groups adopting, cumulative, at risk\n"
	"  documents.csv      as rhetor freq writes it\n",
	flags, 1, NULL, NULL
};

int cmd_trends(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
