/* cmd_kwic.c: rhetor kwic: every phrase match in its context, as written. */
#include "cli.h"

static const cli_flag flags[] = {
	{ "context", "K", "kwic", "context", NULL, "tokens of context each side (at least 1)", 0 },
	{ "within", "doc|sentence", "kwic", "within", NULL, "context stops at document or sentence bounds", 0 },
	{ 0 }
};

static const cli_front front = {
	"kwic", "kwic", "CORPUS --phrases FILE -o DIR [--context K] [--within sentence]",
	"Writes documents.csv and kwic.csv (doc_id, concept, pattern, sentence,\n"
	"token_start, left, match, right, byte_start, byte_end; with --by a last\n"
	"`group` column): one row per match, in document and token order. The\n"
	"match is the original text, bytes [byte_start, byte_end) of the document;\n"
	"left and right hold up to K tokens of context as written (line breaks\n"
	"shown as spaces). sentence and token_start count from 0.\n",
	flags, 1, NULL, NULL
};

int cmd_kwic(int argc, char **argv)
{
	return cli_front_main(argc, argv, &front);
}
