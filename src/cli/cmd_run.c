/* cmd_run.c: rhetor run (not built yet). */
#include "cli.h"

int cmd_run(int argc, char **argv)
{
	cli_error("run", "not implemented yet");
	return CLI_FAIL;
}
