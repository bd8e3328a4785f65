/* cmd_plot.c: rhetor plot (not built yet). */
#include "cli.h"

int cmd_plot(int argc, char **argv)
{
	cli_error("plot", "not implemented yet");
	return CLI_FAIL;
}
