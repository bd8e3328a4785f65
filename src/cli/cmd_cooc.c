/* cmd_cooc.c: rhetor cooc (not built yet). */
#include "cli.h"

int cmd_cooc(int argc, char **argv)
{
	cli_error("cooc", "not implemented yet");
	return CLI_FAIL;
}
