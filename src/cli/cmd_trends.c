/* cmd_trends.c: rhetor trends (not built yet). */
#include "cli.h"

int cmd_trends(int argc, char **argv)
{
	cli_error("trends", "not implemented yet");
	return CLI_FAIL;
}
