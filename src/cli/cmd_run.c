/* cmd_run.c: rhetor run: every table and chart an analysis file asks for, from one counting pass, and a lock file. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rhetor/analysis.h>

#include "cli.h"

#define CMD "run"

int cli_run_load(const char *cmd, const char *path, rh_analysis **a)
{
	char *buf = NULL;
	size_t len;
	int rc, err;
	*a = NULL;
	if ((rc = cli_read_file(cmd, path, &buf, &len)) != CLI_OK)
		return rc;
	err = rh_analysis_parse(a, buf, len, path);
	free(buf);
	/* A mistake in the analysis file is a usage error: nothing was computed. */
	return err < 0 ? cli_lib_error(cmd, err == RH_EPARSE ? RH_EUSAGE : err) : CLI_OK;
}

/*
 * --set SECTION.KEY=VALUE: changes one key of the analysis as it is read (a
 * section named this way is added). A path given so is read from the
 * current directory, so it is made absolute here.
 */
static int apply_set(rh_analysis *a, const char *arg)
{
	const char *dot = strchr(arg, '.'), *eq = strchr(arg, '=');
	char section[64], key[64], *value = NULL;
	const char *sec, *k;
	int is_path = 0, err;

	if (!dot || !eq || dot > eq || (size_t)(dot - arg) >= sizeof section || (size_t)(eq - dot - 1) >= sizeof key) {
		cli_error(CMD, "--set wants SECTION.KEY=VALUE, not '%s'", arg);
		return CLI_USAGE;
	}
	snprintf(section, sizeof section, "%.*s", (int)(dot - arg), arg);
	snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
	for (size_t i = 0; i < rh_analysis_key_count(); i++) {
		rh_analysis_key_at(i, &sec, &k, &is_path);
		if (!strcmp(sec, section) && !strcmp(k, key))
			break;
		is_path = 0;
	}
	if (is_path && eq[1] && eq[1] != '/' && strcmp(eq + 1, "none") && strcmp(eq + 1, "en")) {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd) || !(value = cli_run_path(cwd, eq + 1))) {
			cli_error(CMD, "--set %s: %s", arg, strerror(errno));
			return CLI_FAIL;
		}
	}
	err = rh_analysis_set(a, section, key, value ? value : eq + 1);
	free(value);
	if (err < 0) {
		cli_error(CMD, "--set %s: %s", arg, rh_error_last());
		return CLI_USAGE;
	}
	return CLI_OK;
}

enum { OPT_THREADS = 256, OPT_HELP, OPT_OUT, OPT_QUIET, OPT_SET };

static const char run_help[] =
	"Usage: rhetor run ANALYSIS.ini [-o DIR] [--set SECTION.KEY=VALUE ...] [--threads N] [--quiet]\n\n"
	"Counts the corpus once and writes every table and chart the analysis file asks\n"
	"for, then DIR/" CLI_LOCK_FILE ": the analysis with every default explicit, the\n"
	"version and the SHA-256 of every input and output (rhetor verify DIR checks it).\n"
	"Paths in the analysis file are relative to the file's own directory.\n"
	"  -o, --out DIR          output directory (default: [output] dir of the file)\n"
	"  --set SECTION.KEY=VALUE  change one key (e.g. --set corpus.path=texts/); a\n"
	"                         relative path given so is read from the current directory\n"
	"  --threads N            worker threads (default: [corpus] threads; 0 = one per core)\n"
	"  -q, --quiet            print nothing but errors\n"
	"  -h, --help             this help\n"
	"Sections and keys (defaults in brackets; [@corpus]: as in [corpus]):\n";

/* The keys of the schema, a section a line, with their defaults. */
static void print_keys(void)
{
	const char *prev = "", *sec, *key;
	int is_path;
	size_t col = 0;
	for (size_t i = 0; i < rh_analysis_key_count(); i++) {
		const char *def;
		char item[96];
		rh_analysis_key_at(i, &sec, &key, &is_path);
		if (!strcmp(sec, "rhetor"))
			continue;
		def = rh_analysis_default(sec, key);
		snprintf(item, sizeof item, "%s%s%s%s", key, *def ? " [" : "", def, *def ? "]" : "");
		if (strcmp(sec, prev)) {
			char head[16];
			snprintf(head, sizeof head, "[%s]", sec);
			printf("%s  %-9s %s", *prev ? "\n" : "", head, item);
			col = 12 + strlen(item);
			prev = sec;
		} else if (col + strlen(item) + 2 > 78) {
			printf(",\n            %s", item);
			col = 12 + strlen(item);
		} else {
			printf(", %s", item);
			col += strlen(item) + 2;
		}
	}
	printf("\nA section that is present is computed; documents.csv is always written.\n");
}


int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "set", required_argument, NULL, OPT_SET },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *path, *sets[32];
	size_t nsets = 0;
	long threads = -1;
	int quiet = 0, c, rc;
	rh_analysis *a = NULL;
	char *base = NULL;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': case OPT_OUT: out = optarg; break;
		case 'q': case OPT_QUIET: quiet = 1; break;
		case 'h': case OPT_HELP: fputs(run_help, stdout); print_keys(); return CLI_OK;
		case OPT_THREADS:
			if ((rc = cli_parse_count(CMD, "--threads", optarg, &threads)) != CLI_OK)
				return rc;
			break;
		case OPT_SET:
			if (nsets == sizeof sets / sizeof *sets) {
				cli_error(CMD, "at most %zu --set options", sizeof sets / sizeof *sets);
				return CLI_USAGE;
			}
			sets[nsets++] = optarg;
			break;
		default:
			return cli_opt_error(CMD, c, argv);
		}
	}
	if (optind != argc - 1) {
		cli_error(CMD, optind >= argc ? "which analysis? Usage: rhetor run ANALYSIS.ini [-o DIR] [--set SECTION.KEY=VALUE]"
					      : "one analysis file at a time (see --help)");
		return CLI_USAGE;
	}
	path = argv[optind];
	if ((rc = cli_run_load(CMD, path, &a)) != CLI_OK)
		return rc;
	for (size_t i = 0; i < nsets; i++)
		if ((rc = apply_set(a, sets[i])) != CLI_OK) {
			rh_analysis_free(a);
			return rc;
		}
	if (!(base = cli_run_dirname(path))) {
		rh_analysis_free(a);
		return CLI_FAIL;
	}
	{
		cli_run_request req = { CMD, a, base, out, threads, quiet, 1, 1, NULL, NULL, NULL };
		rc = cli_runner(&req);
	}
	free(base);
	rh_analysis_free(a);
	return rc;
}
