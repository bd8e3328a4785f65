/* cmd_plot.c: rhetor plot: a gnuplot script per table in DIR, rendered where gnuplot is installed. */
#include <stdlib.h>
#include <string.h>

#include <rhetor/analysis.h>
#include <rhetor/plot.h>

#include "cli.h"

#define CMD "plot"

enum { OPT_FORMAT = 300, OPT_NO_RENDER, OPT_TITLES, OPT_WIDTH, OPT_GROUPS, OPT_CONCEPTS };

typedef struct {
	cli_render_options ro;
	cli_list groups;       /* --groups */
	cli_list concepts;     /* --concepts */
} plot_args;

static const struct option plot_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "no-render", no_argument, NULL, OPT_NO_RENDER },
	{ "titles", no_argument, NULL, OPT_TITLES },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "groups", required_argument, NULL, OPT_GROUPS },
	{ "concepts", required_argument, NULL, OPT_CONCEPTS },
	{ NULL, 0, NULL, 0 },
};

static int on_opt(int val, const char *arg, void *ud)
{
	plot_args *a = ud;

	switch (val) {
	case OPT_FORMAT: return cli_render_formats(CMD, arg, &a->ro.formats);
	case OPT_NO_RENDER: a->ro.render = 0; return CLI_OK;
	case OPT_TITLES: a->ro.titles = 1; return CLI_OK;
	case OPT_WIDTH:
		/* The width reaches gnuplot as one of these constants, never as the argument. */
		if (!strcmp(arg, "1col"))
			a->ro.width = "1col";
		else if (!strcmp(arg, "2col"))
			a->ro.width = "2col";
		else {
			cli_error(CMD, "--width wants 1col or 2col, not '%s'", arg);
			return CLI_USAGE;
		}
		return CLI_OK;
	case OPT_GROUPS: return cli_list_split(CMD, "--groups", arg, &a->groups);
	case OPT_CONCEPTS: return cli_list_split(CMD, "--concepts", arg, &a->concepts);
	}
	return CLI_USAGE;
}

int cmd_plot(int argc, char **argv)
{
	plot_args a = { .ro = CLI_RENDER_OPTIONS_INIT };
	char help[2048];
	cli_command cmd = {
		.name = CMD,
		.synopsis = "DIR [--format png,pdf,svg,tex] [--no-render] [--titles] [--width 1col|2col] "
			    "[--groups A,B,...] [--concepts A,B,...] [--top K] [--threads N]",
		.help = help,
		.extra = plot_opts,
		.on_opt = on_opt,
		.ud = &a,
	};
	rh_plot_options po = RH_PLOT_OPTIONS_INIT;
	cli_files written = { 0 };
	struct rh_analysis *lock = NULL;
	rh_dict *dict = NULL;
	const char **labels = NULL;
	char timelabel[256];
	cli_opts o;
	int rc;

	/* The defaults are [plot]'s in the schema, as for rhetor run. */
	snprintf(help, sizeof help,
			"Writes DIR/plots/NAME.gp for every table in DIR it knows, with the shared\n"
			"style DIR/plots/rhetor.gp, and renders each with gnuplot when installed.\n"
			"  --format LIST          formats to render (default %s): png, pdf, svg,\n"
			"                         tex (cairolatex: NAME-tex.tex + NAME-tex.pdf)\n"
			"  --no-render            write the scripts only\n"
			"  --titles               draw a title above each figure\n"
			"  --width 1col|2col      figure width: 8.5 cm or 17.5 cm (default %s)\n"
			"  --groups A,B,...       panels or series to draw, in this order (trends:\n"
			"                         the groups; default the groups with most matches)\n"
			"  --concepts A,B,...     concepts to draw: the trends' panels, the adoption\n"
			"                         curves, the collocates' panels, the co-occurrence\n"
			"                         cells (default: those with the most matches, adopters)\n"
			"  Names no table has are an error listing the valid ones. After rhetor run,\n"
			"  the dictionary's labels, the time column and the groups and concepts of\n"
			"  [plot] (and its top) come from DIR/rhetor.lock.ini. A script changed by\n"
			"  hand is kept (and rendered); the new one is written beside it as NAME.gp.new.\n"
			"  --top K                bars per panel (default %s)\n"
			"  --threads N            gnuplot processes at once (default: one per core)\n",
		 rh_analysis_default("plot", "format"), rh_analysis_default("plot", "width"),
		 rh_analysis_default("plot", "top"));
	a.ro.width = rh_analysis_default("plot", "width");
	if ((rc = cli_render_formats(CMD, rh_analysis_default("plot", "format"), &a.ro.formats)) != CLI_OK)
		goto done;
	if ((rc = cli_parse(argc, argv, &cmd, &o)) != CLI_OK) {
		rc = rc < 0 ? CLI_OK : rc;
		goto done;
	}
	if (!o.corpus) {
		cli_error(CMD, "which directory? Usage: rhetor plot %s", cmd.synopsis);
		rc = CLI_USAGE;
		goto done;
	}
	a.ro.threads = o.threads;
	a.ro.quiet = o.quiet;
	/* After rhetor run, the lock file names the dictionary (labels) and the time column. */
	if ((rc = cli_render_context(o.corpus, &lock, &dict)) != CLI_OK ||
	    (dict && (rc = cli_render_labels(dict, &labels, &po.nlabels)) != CLI_OK))
		goto done;
	po.labels = labels;
	if (lock && rh_analysis_has(lock, "trends"))
		po.time = cli_render_time(rh_analysis_get(lock, "trends", "time"),
					  strtod(rh_analysis_get(lock, "trends", "period_width"), NULL), timelabel, sizeof timelabel);
	/* The groups and concepts the analysis chose, unless chosen here. */
	if (lock && !a.groups.n && (rc = cli_list_split(CMD, "plot.groups", rh_analysis_get(lock, "plot", "groups"), &a.groups)) != CLI_OK)
		goto done;
	if (lock && !a.concepts.n &&
	    (rc = cli_list_split(CMD, "plot.concepts", rh_analysis_get(lock, "plot", "concepts"), &a.concepts)) != CLI_OK)
		goto done;
	po.groups = a.groups.n ? a.groups.v : NULL;
	po.ngroups = a.groups.n;
	po.concepts = a.concepts.n ? a.concepts.v : NULL;
	po.nconcepts = a.concepts.n;
	/* Bars per panel: --top, else the analysis's, else the schema's default (0). */
	if (o.top <= 0 && lock && rh_analysis_has(lock, "plot"))
		o.top = rh_analysis_count(lock, "plot", "top");
	if (o.top > 0)
		po.top = (unsigned)(o.top > 1000 ? 1000 : o.top);
	rc = cli_render(o.corpus, &po, &a.ro, &written);
done:
	free(labels);
	rh_dict_free(dict);
	rh_analysis_free(lock);
	cli_files_free(&written);
	cli_list_free(&a.groups);
	cli_list_free(&a.concepts);
	return rc;
}
