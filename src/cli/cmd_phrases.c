/* cmd_phrases.c: rhetor phrases: n-grams of 2-5 words scored as multiword expressions. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rhetor/ngram.h>

#include "cli.h"

/* Without --min-count: rarer sequences say little and cost memory. */
#define DEFAULT_MIN_COUNT 5
#define DEFAULT_DICTIONARY_TOP 100

enum { OPT_SIZE = 256, OPT_SMOOTHING, OPT_TARGET, OPT_DICT_OUT, OPT_DICT_TOP };

typedef struct {
	const char *size, *smoothing, *target, *dict_out, *dict_top;
} phrases_args;

static int on_opt(int val, const char *arg, void *ud)
{
	phrases_args *a = ud;
	switch (val) {
	case OPT_SIZE: a->size = arg; return CLI_OK;
	case OPT_SMOOTHING: a->smoothing = arg; return CLI_OK;
	case OPT_TARGET: a->target = arg; return CLI_OK;
	case OPT_DICT_OUT: a->dict_out = arg; return CLI_OK;
	case OPT_DICT_TOP: a->dict_top = arg; return CLI_OK;
	}
	return CLI_USAGE;
}

/* "N" or "MIN-MAX", each 1..5. */
static int parse_size(const char *cmd, const char *arg, unsigned *lo, unsigned *hi)
{
	if (rh_ngram_sizes(arg, lo, hi) < 0) {
		cli_error(cmd, "--size %s", rh_error_last());
		return CLI_USAGE;
	}
	return CLI_OK;
}

static void progress(void *ud, size_t done, size_t total)
{
	if (ud && (done % 256 == 0 || done == total))
		fprintf(stderr, "\rrhetor phrases: %zu/%zu documents", done, total);
}

/* Writes the dictionary to `path` (in any directory), atomically. */
static int write_dictionary(const char *cmd, const cli_opts *o, const char *path, const rh_ngrams *g, size_t top)
{
	char *dir = cli_run_dirname(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	cli_out out;
	int rc, err;
	if (!dir)
		return CLI_FAIL;
	if ((rc = cli_out_open(cmd, &out, dir, base)) == CLI_OK) {
		if ((err = rh_ngrams_write_dictionary(out.fp, g, &o->table, top)) < 0) {
			cli_out_abort(&out);
			rc = cli_lib_error(cmd, err);
		} else
			rc = cli_out_commit(cmd, &out);
	}
	free(dir);
	return rc;
}

int cmd_phrases(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "smoothing", required_argument, NULL, OPT_SMOOTHING },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "dictionary-out", required_argument, NULL, OPT_DICT_OUT },
		{ "dictionary-top", required_argument, NULL, OPT_DICT_TOP },
		{ NULL, 0, NULL, 0 }
	};
	phrases_args a = { 0 };
	cli_command cmd = {
		"phrases",
		"CORPUS -o DIR [--size 2-5] [--min-count K] [--smoothing 0.5] [--by COL --target VALUE] "
		"[--dictionary-out FILE] [--top K]",
		"Writes candidates.csv: every n-gram of --size words (default 2) seen at\n"
		"least --min-count times (default 5), under the multi-word rule (tokens\n"
		"separated by white space alone, inside one sentence), with phrase, size,\n"
		"count, docs, count_nested, lambda, sigma, z: the multiword-expression score\n"
		"of Blaheta & Johnson (2001) as quanteda's textstat_collocations computes it\n"
		"(0.5 added to each of the 2^K cells, --smoothing), rows by z descending,\n"
		"then phrase. With --by COL --target VALUE also the candidates' keyness in\n"
		"the target documents against all others (target_count, reference_count,\n"
		"target_per_10k, reference_per_10k, log_likelihood, p_value, q_value,\n"
		"log_ratio, as rhetor keyness). --top K writes the first K rows only.\n"
		"Command options:\n"
		"  --size N|MIN-MAX       n-gram sizes, 1-5 (default 2)\n"
		"  --smoothing X          added to every cell of the scores (default 0.5)\n"
		"  --target VALUE         with --by: the documents whose keyness is computed\n"
		"  --dictionary-out FILE  also write the first rows as a dictionary\n"
		"                         (concept,pattern,label) for --phrases\n"
		"  --dictionary-top K     rows in that dictionary (default 100; 0 all)\n",
		1, 1, extra, on_opt, &a
	};
	cli_opts o;
	rh_ngrams_options no = RH_NGRAMS_OPTIONS_INIT;
	rh_corpus *corpus = NULL;
	rh_ngrams *g = NULL;
	long dict_top = DEFAULT_DICTIONARY_TOP;
	cli_out out;
	int rc = cli_parse(argc, argv, &cmd, &o), err;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (a.size && (rc = parse_size(cmd.name, a.size, &no.min_size, &no.max_size)) != CLI_OK)
		return rc;
	if (a.smoothing && (rc = cli_parse_real(cmd.name, "--smoothing", a.smoothing, &no.smoothing)) != CLI_OK)
		return rc;
	if (a.dict_top && (rc = cli_parse_count(cmd.name, "--dictionary-top", a.dict_top, &dict_top)) != CLI_OK)
		return rc;
	if (!o.by != !a.target) {
		cli_error(cmd.name, "keyness of candidates needs both --by COL and --target VALUE");
		return CLI_USAGE;
	}
	no.text = o.text;
	no.min_count = o.min_count > 0 ? (uint64_t)o.min_count : DEFAULT_MIN_COUNT;
	no.group_col = o.by;
	no.target = a.target;
	no.threads = o.threads;
	no.progress = progress;
	no.progress_ud = !o.quiet && isatty(STDERR_FILENO) ? &o : NULL;
	if ((err = rh_corpus_open(&corpus, o.corpus, &o.corpus_opts)) < 0)
		return cli_lib_error(cmd.name, err);
	if (rh_corpus_count(corpus) == 0) {
		cli_error(cmd.name, "%s: no documents (a corpus is a directory of .txt files, searched recursively, or a .csv file)",
			  o.corpus);
		rc = CLI_FAIL;
		goto done;
	}
	err = rh_ngrams_build(&g, corpus, &no);
	if (no.progress_ud)
		fputc('\n', stderr);
	if (err < 0) {
		rc = cli_lib_error(cmd.name, err);
		goto done;
	}
	if ((rc = cli_out_open(cmd.name, &out, o.out, "candidates.csv")) != CLI_OK)
		goto done;
	if ((err = rh_ngrams_write_candidates(out.fp, g, &o.table, o.top > 0 ? (size_t)o.top : 0)) < 0) {
		cli_out_abort(&out);
		rc = cli_lib_error(cmd.name, err);
		goto done;
	}
	if ((rc = cli_out_commit(cmd.name, &out)) != CLI_OK)
		goto done;
	if (a.dict_out && (rc = write_dictionary(cmd.name, &o, a.dict_out, g, (size_t)dict_top)) != CLI_OK)
		goto done;
	cli_note(&o, "rhetor phrases: %zu candidates of %u-%u words seen at least %llu times; table in %s/candidates.csv\n",
		 rh_ngrams_count(g), no.min_size, no.max_size, (unsigned long long)no.min_count, o.out);
done:
	rh_ngrams_free(g);
	rh_corpus_free(corpus);
	return rc;
}
