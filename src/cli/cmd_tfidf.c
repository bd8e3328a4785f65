/* cmd_tfidf.c: rhetor tfidf (not built yet). */
#include "cli.h"

int cmd_tfidf(int argc, char **argv)
{
	cli_error("tfidf", "not implemented yet");
	return CLI_FAIL;
}
