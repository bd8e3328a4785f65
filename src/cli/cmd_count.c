/* cmd_count.c: rhetor count: the counting pass of a corpus, or of one shard of it, into a counts file. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const cli_flag flags[] = {
	{ "shard", "K/N", "", "", NULL,
	  "count only the K-th of N shards: contiguous blocks of the\n"
	  "                         documents in doc_id order (rhetor merge sums them)", CLI_OWN },
	{ "window", "W", "cooc", "window", NULL, "collocation window each side of a match (with --phrases)", 0 },
	{ "within", "doc|sentence", "cooc", "within", NULL, "windows and KWIC context stop at document or sentence bounds", 0 },
	{ "context", "K", "kwic", "context", NULL, "tokens of KWIC context kept each side (with --phrases)", 0 },
	CLI_NGRAM_FLAGS,
	{ 0 }
};

static const char *const with_phrases[] = { "cooc", "kwic", NULL };

/* "K/N" with 1 <= K <= N. */
static int parse_shard(const char *s, unsigned *k, unsigned *n)
{
	char *end;
	unsigned long a = strtoul(s, &end, 10), b;
	if (end == s || *end != '/' || a > 1000000)
		return -1;
	s = end + 1;
	b = strtoul(s, &end, 10);
	if (end == s || *end || b > 1000000 || a < 1 || a > b)
		return -1;
	*k = (unsigned)a;
	*n = (unsigned)b;
	return 0;
}

static int count_run(const cli_run_request *req)
{
	rh_run_options ro = RH_RUN_OPTIONS_INIT;
	cli_progress_state ps = { req->cmd, !req->quiet && isatty(STDERR_FILENO) };
	rh_run *run = NULL;
	unsigned shard = 0, nshards = 0;
	char *data = cli_data_dir(), *dir = NULL;
	const char *out, *slash;
	cli_opts o;
	cli_loaded l;
	cli_out f;
	struct stat st;
	int rc = CLI_OK, err;

	memset(&o, 0, sizeof o);
	memset(&l, 0, sizeof l);
	o.quiet = req->quiet;
	if (req->own && parse_shard(req->own, &shard, &nshards) < 0) {
		cli_error(req->cmd, "--shard %s: give K/N with 1 <= K <= N (2/7: the second of seven)", req->own);
		rc = CLI_USAGE;
		goto done;
	}
	ro.base = req->base;
	ro.data_dir = data;
	ro.threads = req->threads;
	ro.key_name = req->flag;
	ro.progress = cli_progress;
	ro.progress_ud = &ps;
	if ((err = rh_run_new(&run, req->a, &ro)) < 0 || (nshards && (err = rh_run_shard(run, shard, nshards)) < 0)) {
		rc = cli_lib_error(req->cmd, err);
		goto done;
	}
	out = rh_run_plan(run)->out_dir;
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_error(req->cmd, "-o %s is a directory: -o names the counts file to write", out);
		rc = CLI_USAGE;
		goto done;
	}
	cli_protect_corpus(rh_run_plan(run)->corpus_path);
	err = rh_run_count(run);
	if (ps.tty)
		fputc('\n', stderr);
	if (err < 0) {
		rc = cli_lib_error(req->cmd, err);
		goto done;
	}
	l.corpus = (rh_corpus *)rh_run_corpus(run);
	l.counts = (rh_counts *)rh_run_counts(run);
	o.out = "the analysis's output directory";
	cli_print_warnings(req->cmd, &o, &l);
	slash = strrchr(out, '/');
	if (!(dir = slash ? strndup(out, (size_t)(slash - out)) : strdup("."))) {
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = cli_out_open(req->cmd, &f, *dir ? dir : "/", slash ? slash + 1 : out)) != CLI_OK)
		goto done;
	if ((err = rh_run_write_counts(run, f.fp)) < 0) {
		cli_out_abort(&f);
		rc = cli_lib_error(req->cmd, err);
		goto done;
	}
	if ((rc = cli_out_commit(req->cmd, &f)) != CLI_OK)
		goto done;
	if (nshards)
		cli_note(&o, "rhetor %s: shard %u/%u: %zu documents, %llu tokens in %s\n", req->cmd, shard, nshards,
			 rh_counts_doc_count(l.counts), (unsigned long long)rh_counts_tokens(l.counts), out);
	else
		cli_note(&o, "rhetor %s: %zu documents, %llu tokens in %s\n", req->cmd, rh_counts_doc_count(l.counts),
			 (unsigned long long)rh_counts_tokens(l.counts), out);
done:
	rh_run_free(run);
	free(data);
	free(dir);
	return rc;
}

static const cli_front front = {
	"count", "output", "CORPUS [--phrases FILE] [--by COL] [--where EXPR] [--shard K/N] -o COUNTS",
	"Writes the counts file COUNTS: the counting pass of the corpus (its\n"
	"documents' ids and metadata, vocabulary, term counts, phrase matches with\n"
	"their KWIC lines, collocation windows, warnings) and the settings and\n"
	"input digests that made it (docs/counts-format.md). With --shard K/N only\n"
	"the K-th of N blocks of documents is counted; rhetor merge sums the N\n"
	"shards into the counts of the whole. Every analysis command reads a\n"
	"counts file with --counts COUNTS in place of CORPUS.\n",
	flags, 0, count_run, with_phrases
};

int cmd_count(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
