/* cmd_tokens.c: rhetor tokens (not built yet). */
#include "cli.h"

int cmd_tokens(int argc, char **argv)
{
	cli_error("tokens", "not implemented yet");
	return CLI_FAIL;
}
