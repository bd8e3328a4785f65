/* cmd_phrases.c: rhetor phrases: n-grams of 2-5 words scored as multiword expressions. */
#include <stdlib.h>
#include <string.h>

#include <rhetor/file.h>

#include "cli.h"

static const cli_flag flags[] = {
	{ "size", "N|MIN-MAX", "candidates", "size", NULL, "n-gram sizes, 1-5", 0 },
	{ "smoothing", "X", "candidates", "smoothing", NULL, "added to every cell of the scores", 0 },
	{ "target", "VALUE", "candidates", "target", NULL,
	  "with --by: the documents whose keyness is computed (all others\n"
	  "                         are the reference)", 0 },
	{ "dictionary-out", "FILE", NULL, "dictionary", "yes",
	  "also write the first rows as a dictionary (concept,pattern,label)\n"
	  "                         for --phrases: candidates_dictionary.csv, and a copy in FILE", CLI_OWN },
	{ "dictionary-top", "K", "candidates", "dictionary_top", NULL, "rows in that dictionary (0: all)", 0 },
	{ 0 }
};

/* The runner, then the dictionary it wrote copied to the file --dictionary-out names. */
static int phrases_run(const cli_run_request *req)
{
	char *dir, *src = NULL, *buf = NULL, *to_dir;
	const char *to = req->own, *base;
	size_t len = 0, n;
	cli_out out;
	int rc = cli_runner(req), err;
	if (rc != CLI_OK || !to)
		return rc;
	dir = req->out ? strdup(req->out) : cli_run_path(req->base, rh_analysis_get(req->a, "output", "dir"));
	if (!dir)
		return CLI_FAIL;
	n = strlen(dir) + sizeof "/candidates_dictionary.csv";
	if (!(src = malloc(n))) {
		free(dir);
		return CLI_FAIL;
	}
	snprintf(src, n, "%s/candidates_dictionary.csv", dir);
	free(dir);
	if ((err = rh_file_read(&buf, &len, src, (size_t)1 << 30)) < 0) {
		free(src);
		return cli_lib_error(req->cmd, err);
	}
	free(src);
	base = strrchr(to, '/') ? strrchr(to, '/') + 1 : to;
	if (!(to_dir = cli_run_dirname(to))) {
		free(buf);
		return CLI_FAIL;
	}
	if ((rc = cli_out_open(req->cmd, &out, to_dir, base)) == CLI_OK) {
		if (len && fwrite(buf, 1, len, out.fp) != len) {
			cli_out_abort(&out);
			cli_error(req->cmd, "%s: write failed", to);
			rc = CLI_FAIL;
		} else
			rc = cli_out_commit(req->cmd, &out);
	}
	free(to_dir);
	free(buf);
	return rc;
}

static const cli_front front = {
	"phrases", "candidates",
	"CORPUS -o DIR [--size 2-5] [--min-count K] [--smoothing 0.5] [--by COL --target VALUE] "
	"[--dictionary-out FILE] [--top K]",
	"Writes documents.csv and candidates.csv: every n-gram of --size words seen\n"
	"at least --min-count times, under the multi-word rule (tokens separated by\n"
	"white space alone, inside one sentence), with phrase, size, count, docs,\n"
	"count_nested, lambda, sigma, z: the multiword-expression score of Blaheta &\n"
	"Johnson (2001) as quanteda's textstat_collocations computes it (--smoothing\n"
	"added to each of the 2^K cells), rows by z descending, then phrase. With\n"
	"--by COL --target VALUE also the candidates' keyness in the target documents\n"
	"against all others (target_count, reference_count, target_per_10k,\n"
	"reference_per_10k, log_likelihood, p_value, q_value, log_ratio, as rhetor\n"
	"keyness). --top K writes the first K rows only.\n",
	flags, 1, phrases_run, NULL
};

int cmd_phrases(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
