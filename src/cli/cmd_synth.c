/* cmd_synth.c: rhetor synth (not built yet). */
#include "cli.h"

int cmd_synth(int argc, char **argv)
{
	cli_error("synth", "not implemented yet");
	return CLI_FAIL;
}
