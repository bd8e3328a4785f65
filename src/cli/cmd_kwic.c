/* cmd_kwic.c: rhetor kwic (not built yet). */
#include "cli.h"

int cmd_kwic(int argc, char **argv)
{
	cli_error("kwic", "not implemented yet");
	return CLI_FAIL;
}
