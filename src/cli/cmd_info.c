/* cmd_info.c: rhetor info: what a corpus holds. */
#include <string.h>

#include "cli.h"

int cmd_info(int argc, char **argv)
{
	static const cli_command cmd = {
		"info", "CORPUS [--meta FILE.csv] [--by COL] [-o DIR]",
		"Prints documents, tokens, types, sentences and groups; with -o DIR also\n"
		"writes documents.csv (doc_id, metadata..., tokens, types, sentences).\n",
		1, 0, NULL, NULL, NULL
	};
	cli_opts o;
	cli_loaded l;
	rh_counts_options copts = RH_COUNTS_OPTIONS_INIT;
	int rc = cli_parse(argc, argv, &cmd, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if ((rc = cli_load(cmd.name, &o, &copts, &l)) != CLI_OK) {
		cli_loaded_free(&l);
		return rc;
	}
	uint64_t sentences = 0;
	size_t nd = rh_counts_doc_count(l.counts);
	for (size_t d = 0; d < nd; d++)
		sentences += rh_counts_doc(l.counts, d)->sentences;
	printf("corpus     %s\n", o.corpus);
	printf("documents  %zu\n", nd);
	printf("tokens     %llu\n", (unsigned long long)rh_counts_tokens(l.counts));
	printf("types      %zu\n", rh_vocab_size(rh_counts_vocab(l.counts)));
	printf("sentences  %llu\n", (unsigned long long)sentences);
	printf("metadata   ");
	for (size_t i = 0; i < rh_corpus_meta_count(l.corpus); i++)
		printf("%s%s", i ? ", " : "", rh_corpus_meta_name(l.corpus, i));
	printf("%s\n", rh_corpus_meta_count(l.corpus) ? "" : "(none)");
	if (o.by) {
		size_t ng = rh_counts_group_count(l.counts);
		printf("groups     %zu by %s:", ng, o.by);
		for (size_t g = 0; g < ng; g++)
			printf(" %s", rh_counts_group_name(l.counts, g));
		printf("\n");
	}
	printf("warnings   %zu\n", l.warnings);
	if (o.out) {
		rh_plan plan;
		rh_results res = { &plan, l.counts, NULL, NULL, NULL };
		if (rh_plan_defaults(&plan) < 0) {
			rc = cli_lib_error(cmd.name, RH_ENOMEM);
		} else {
			plan.documents.report.table = o.table;
			rc = cli_write_documents(cmd.name, &o, &l, &res);
		}
	}
	cli_loaded_free(&l);
	return rc;
}
