/* cmd_verify.c: rhetor verify (not built yet). */
#include "cli.h"

int cmd_verify(int argc, char **argv)
{
	cli_error("verify", "not implemented yet");
	return CLI_FAIL;
}
