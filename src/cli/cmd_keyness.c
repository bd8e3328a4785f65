/* cmd_keyness.c: rhetor keyness (not built yet). */
#include "cli.h"

int cmd_keyness(int argc, char **argv)
{
	cli_error("keyness", "not implemented yet");
	return CLI_FAIL;
}
