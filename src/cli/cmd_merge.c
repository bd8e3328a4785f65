/* cmd_merge.c: rhetor merge: the counts files of the shards of a corpus summed into the counts of the whole. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "merge"

static void help(void)
{
	printf("Usage: rhetor merge PART... -o COUNTS\n\n"
	       "Sums the counts files of the N shards of one counting (rhetor count\n"
	       "--shard K/N, in any order) into COUNTS, the same file rhetor count\n"
	       "writes for the whole corpus. Refused, with the files named: shards\n"
	       "counted with other settings, dictionaries, selections or versions, a\n"
	       "shard given twice, a missing shard, shards that share documents, a\n"
	       "truncated or corrupted file. Shards are read one at a time.\n\n"
	       "Options:\n"
	       "  -o, --out COUNTS       the counts file to write\n"
	       "  -q, --quiet            print nothing but errors\n"
	       "  -h, --help             this help\n");
}

int cmd_merge(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *slash;
	rh_countsfile *m = NULL;
	cli_opts o;
	cli_out f;
	char *dir = NULL;
	int ch, rc = CLI_OK, err;

	memset(&o, 0, sizeof o);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': out = optarg; break;
		case 'q': o.quiet = 1; break;
		case 'h': help(); return CLI_OK;
		default:
			return cli_opt_error(CMD, ch, argv);
		}
	}
	if (optind >= argc) {
		cli_error(CMD, "which shards? Usage: rhetor merge PART... -o COUNTS");
		return CLI_USAGE;
	}
	if (!out) {
		cli_error(CMD, "where to write? Give the counts file with -o COUNTS");
		return CLI_USAGE;
	}
	for (int i = optind; i < argc; i++)
		if (!strcmp(argv[i], out)) {
			cli_error(CMD, "-o %s is one of the shards; write the merged counts elsewhere", out);
			return CLI_USAGE;
		}
	if ((err = rh_countsfile_merge(&m, (const char *const *)argv + optind, (size_t)(argc - optind))) < 0)
		return cli_lib_error(CMD, err);
	slash = strrchr(out, '/');
	if (!(dir = slash ? strndup(out, (size_t)(slash - out)) : strdup("."))) {
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = cli_out_open(CMD, &f, *dir ? dir : "/", slash ? slash + 1 : out)) != CLI_OK)
		goto done;
	if ((err = rh_countsfile_write(f.fp, rh_countsfile_counts(m), rh_countsfile_info_of(m))) < 0) {
		cli_out_abort(&f);
		rc = cli_lib_error(CMD, err);
		goto done;
	}
	if ((rc = cli_out_commit(CMD, &f)) != CLI_OK)
		goto done;
	cli_note(&o, "rhetor %s: %d shards, %zu documents, %llu tokens in %s\n", CMD, argc - optind,
		 rh_counts_doc_count(rh_countsfile_counts(m)), (unsigned long long)rh_counts_tokens(rh_countsfile_counts(m)),
		 out);
done:
	rh_countsfile_free(m);
	free(dir);
	return rc;
}
