/* cmd_cooc.c: rhetor cooc: collocates of each concept and co-occurrence of concepts. */
#include <string.h>

#include <rhetor/cooc.h>

#include "cli.h"

enum { OPT_WINDOW = 256, OPT_WINDOW_LEFT, OPT_WINDOW_RIGHT, OPT_WITHIN, OPT_MIN_O11 };

typedef struct {
	long window, left, right; /* -1 = not given */
	int within_sentence;
	long min_o11;
} cooc_args;

static int on_opt(int val, const char *arg, void *ud)
{
	cooc_args *a = ud;
	switch (val) {
	case OPT_WINDOW: return cli_parse_count("cooc", "--window", arg, &a->window);
	case OPT_WINDOW_LEFT: return cli_parse_count("cooc", "--window-left", arg, &a->left);
	case OPT_WINDOW_RIGHT: return cli_parse_count("cooc", "--window-right", arg, &a->right);
	case OPT_MIN_O11: return cli_parse_count("cooc", "--min-o11", arg, &a->min_o11);
	case OPT_WITHIN:
		return cli_parse_within("cooc", arg, &a->within_sentence);
	}
	return CLI_USAGE;
}

/* Writes one of the two tables into o->out/name, atomically. */
static int write_one(const cli_opts *o, const char *name, const cli_loaded *l, const rh_report_options *ro,
		     const rh_cooc_options *co)
{
	cli_out out;
	int rc, err;
	if ((rc = cli_out_open("cooc", &out, o->out, name)) != CLI_OK)
		return rc;
	err = co ? rh_cooc_collocates(out.fp, l->counts, ro, co) : rh_cooc_concepts(out.fp, l->counts, ro, NULL);
	if (err < 0) {
		cli_out_abort(&out);
		cli_error("cooc", "%s: %s", name, rh_error_last());
		return err == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
	}
	return cli_out_commit("cooc", &out);
}

int cmd_cooc(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "window", required_argument, NULL, OPT_WINDOW },
		{ "window-left", required_argument, NULL, OPT_WINDOW_LEFT },
		{ "window-right", required_argument, NULL, OPT_WINDOW_RIGHT },
		{ "within", required_argument, NULL, OPT_WITHIN },
		{ "min-o11", required_argument, NULL, OPT_MIN_O11 },
		{ NULL, 0, NULL, 0 }
	};
	cooc_args a = { -1, -1, -1, 0, 1 };
	cli_command cmd = {
		"cooc", "CORPUS --phrases FILE -o DIR [--window W] [--within doc|sentence] [--min-o11 K] [--top K] [--by COL]",
		"Writes documents.csv, collocates.csv (node, collocate, o11, e11, f_node,\n"
		"f_collocate, r1, n, mi, mi3, t_score, z_score, log_likelihood, p_value,\n"
		"dice, log_dice, delta_p) and concept_cooc.csv (concept_a, concept_b, both,\n"
		"a_only, b_only, neither, jaccard, pmi, log_likelihood, p_value).\n"
		"Windows of nearby matches of one concept are merged (each token counted\n"
		"once) and never hold the concept's own tokens; n and f_collocate are the\n"
		"group's. With --by COL both tables are computed per group and end with a\n"
		"`group` column. Rows: group, node (dictionary order), log_likelihood\n"
		"descending, collocate; --top K keeps K collocates per group and node.\n"
		"Command options:\n"
		"  --window W             tokens each side of a match (default 5)\n"
		"  --window-left L        tokens before a match (default: W)\n"
		"  --window-right R       tokens after a match (default: W); e.g.\n"
		"                         --window-left 0 --window-right 1 gives adjacent bigrams\n"
		"  --within doc|sentence  windows and concept units stop at document (default)\n"
		"                         or sentence bounds; concept_cooc counts documents or sentences\n"
		"  --min-o11 K            leave out collocates seen fewer than K times in the windows (default 1)\n",
		1, 1, extra, on_opt, &a
	};
	cli_opts o;
	cli_loaded l;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	rh_cooc_options co = RH_COOC_OPTIONS_INIT;
	rh_report_options ro;
	long w;
	int rc = cli_parse(argc, argv, &cmd, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (!o.phrases) {
		cli_error(cmd.name, "which concepts? Give a phrase dictionary with --phrases FILE");
		return CLI_USAGE;
	}
	w = a.window < 0 ? 5 : a.window;
	copts.window_left = (unsigned)(a.left < 0 ? w : a.left);
	copts.window_right = (unsigned)(a.right < 0 ? w : a.right);
	if (copts.window_left == 0 && copts.window_right == 0) {
		cli_error(cmd.name, "the window is empty: give --window, --window-left or --window-right above 0");
		return CLI_USAGE;
	}
	copts.within_sentence = a.within_sentence;
	co.min_o11 = a.min_o11;
	if ((rc = cli_load(cmd.name, &o, &copts, &l)) != CLI_OK)
		goto done;
	cli_report_options(&o, &l, &ro);
	if ((rc = cli_write_documents(cmd.name, &o, &l)) != CLI_OK ||
	    (rc = write_one(&o, "collocates.csv", &l, &ro, &co)) != CLI_OK ||
	    (rc = write_one(&o, "concept_cooc.csv", &l, &ro, NULL)) != CLI_OK)
		goto done;
	cli_note(&o, "rhetor cooc: %zu documents, %llu tokens, %zu concepts; tables in %s/\n",
		 rh_counts_doc_count(l.counts), (unsigned long long)rh_counts_tokens(l.counts),
		 rh_dict_concept_count(l.dict), o.out);
done:
	cli_loaded_free(&l);
	return rc;
}
