/* front.c: the analysis commands as front ends of the runner: each flag sets one key of the plan. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * Flags every analysis command takes. A NULL section means the command's
 * own section; such a flag is offered only when that section has the key.
 */
static const cli_flag common_flags[] = {
	{ "counts", "FILE", "corpus", "counts", NULL,
	  "read the counts of rhetor count or rhetor merge in place of\n"
	  "                         CORPUS (their settings and dictionary are the file's)", 0 },
	{ "meta", "FILE.csv", "corpus", "meta", NULL,
	  "metadata joined on doc_id; repeat for several files (a document's\n"
	  "                         values must agree across them)", CLI_APPEND_LIST },
	{ "corpus-name", "A,B", "corpus", "names", NULL,
	  "with several CORPUS arguments, their names in the corpus\n"
	  "                         column (default: each path's last part)", 0 },
	{ "name-pattern", "PAT", "corpus", "name_pattern", NULL,
	  "metadata from file names, e.g. '{country}_{session}_{year}'", 0 },
	{ "text-col", "COL", "corpus", "text_col", NULL, "text column of a CSV corpus", 0 },
	{ "id-col", "COL", "corpus", "id_col", NULL, "id column of a CSV corpus", 0 },
	{ "keep-case", NULL, "corpus", "keep_case", "yes", "do not case-fold", 0 },
	{ "split-hyphens", NULL, "corpus", "split_hyphens", "yes", "'-' separates words (win-win -> win, win)", 0 },
	{ "dehyphenate", NULL, "corpus", "dehyphenate", "yes", "mend words hyphenated at a line end (develop-\\nment)", 0 },
	{ "phrases", "FILE", "phrases", "file", NULL, "phrase dictionary (CSV: concept,pattern)", 0 },
	{ "by", "COL", "corpus", "by", NULL, "group documents by a metadata column", 0 },
	{ "where", "EXPR", "corpus", "where", NULL,
	  "keep the documents whose metadata pass: COL = V (!= < <= > >=),\n"
	  "                         COL in A,B, COL not in A,B; repeat: all must hold", CLI_APPEND },
	{ "stopwords", "en|none|FILE", NULL, "stopwords", NULL, "terms to leave out of term lists", 0 },
	{ "top", "K", NULL, "top", NULL, "rows kept per unit (0 keeps all)", 0 },
	{ "min-count", "N", NULL, "min_count", NULL, "leave out terms seen fewer than N times", 0 },
	{ "threads", "N", "corpus", "threads", NULL, "worker threads (0: one per core)", 0 },
	{ "out", "DIR", "output", "dir", NULL, "output directory (created if needed)", 0 },
	{ "excel", NULL, "output", "excel", "yes", "byte-order mark and CRLF line ends", 0 },
	{ "raw-cells", NULL, "output", "raw_cells", "yes", "no ' before cells that start with = + - @", 0 },
	{ 0 }
};

enum { OPT_QUIET = 0x100, OPT_HELP, OPT_FLAG = 0x200 };

/* The flags of a command: its own, then the common ones that apply to it. */
typedef struct {
	const cli_flag *f[64];
	size_t n;
} flag_set;

static const char *flag_section(const cli_front *c, const cli_flag *f)
{
	return f->section ? f->section : c->section;
}

static void gather(const cli_front *c, flag_set *s)
{
	s->n = 0;
	for (const cli_flag *f = c->flags; f && f->name; f++)
		s->f[s->n++] = f;
	for (const cli_flag *f = common_flags; f->name && s->n < sizeof s->f / sizeof *s->f; f++)
		if (rh_analysis_has_key(flag_section(c, f), f->key))
			s->f[s->n++] = f;
}

/* The command being parsed, for the runner's messages (one command per process). */
static const cli_front *current;

static const char *flag_of(const char *section, const char *key)
{
	static char buf[64];
	flag_set s;
	if (!current)
		return NULL;
	gather(current, &s);
	for (size_t i = 0; i < s.n; i++)
		if (!strcmp(flag_section(current, s.f[i]), section) && !strcmp(s.f[i]->key, key)) {
			snprintf(buf, sizeof buf, "--%s", s.f[i]->name);
			return buf;
		}
	return NULL;
}

/* The default as a reader wants it: "" (none) and defaults that follow another key are described. */
static void print_default(const char *section, const char *key)
{
	const char *d = rh_analysis_default(section, key);
	if (!d || !*d)
		return;
	if (!strcmp(d, "@corpus"))
		printf(" [as the corpus: %s]", rh_analysis_default("corpus", key));
	else if (!strcmp(d, "@window"))
		printf(" [--window]");
	else if (!strcmp(d, "@preset"))
		printf(" [from the preset]");
	else if (!strcmp(d, "@within"))
		printf(" [doc]");
	else if (strcmp(d, "no"))
		printf(" [%s]", d);
}

static void print_help(const cli_front *c)
{
	flag_set s;
	gather(c, &s);
	printf("Usage: rhetor %s %s\n\n%s\nOptions (defaults in brackets):\n", c->name, c->synopsis, c->help);
	for (size_t i = 0; i < s.n; i++) {
		const cli_flag *f = s.f[i];
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", f->name, f->arg ? " " : "", f->arg ? f->arg : "");
		printf("  %-22s %s", left, f->help);
		if (f->arg)
			print_default(flag_section(c, f), f->key);
		printf("\n");
	}
	printf("  %-22s %s\n  %-22s %s\n", "-q, --quiet", "print nothing but errors", "-h, --help", "this help");
	printf("Each option sets one key of an analysis file (rhetor run --help lists them).\n");
}

/* Sets the key a flag names; a usage error says which flag. */
static int set_flag(const cli_front *c, rh_analysis *a, const cli_flag *f, const char *arg, const char **own)
{
	const char *v = f->arg ? arg : f->value;
	int err;
	char *joined = NULL;
	if ((f->check == CLI_APPEND || f->check == CLI_APPEND_LIST) && *rh_analysis_get(a, flag_section(c, f), f->key)) {
		const char *old = rh_analysis_get(a, flag_section(c, f), f->key);
		size_t n = strlen(old) + strlen(v) + 3;
		if (!(joined = malloc(n)))
			return CLI_FAIL;
		snprintf(joined, n, f->check == CLI_APPEND ? "%s;%s" : "%s, %s", old, v);
		v = joined;
	}
	if (f->check == CLI_OWN) {
		/* An own flag may turn a key on as well (--dictionary-out: [candidates] dictionary = yes). */
		*own = arg;
		if (!*f->key || !f->value)
			return CLI_OK;
		v = f->value;
	}
	if (f->check == CLI_CHECK_POSITIVE && !(strtod(v, NULL) > 0)) {
		cli_error(c->name, "--%s wants a number > 0, not '%s'", f->name, v);
		return CLI_USAGE;
	}
	err = rh_analysis_set(a, flag_section(c, f), f->key, v);
	if (err < 0) {
		const char *msg = rh_error_last(), *colon = strstr(msg, ": ");
		cli_error(c->name, "--%s %s: %s", f->name, arg ? arg : "", colon ? colon + 2 : msg);
	}
	free(joined);
	return err < 0 ? CLI_USAGE : CLI_OK;
}

int cli_front_main(int argc, char **argv, const cli_front *c)
{
	struct option opts[80];
	flag_set s;
	rh_analysis *a = NULL;
	int quiet = 0, out_given = 0, ch, rc = CLI_OK, err;
	size_t n = 0;
	const char *sec, *key, *own = NULL;

	current = c;
	gather(c, &s);
	for (size_t i = 0; i < s.n; i++)
		opts[n++] = (struct option){ s.f[i]->name, s.f[i]->arg ? required_argument : no_argument, NULL,
					     OPT_FLAG + (int)i };
	opts[n++] = (struct option){ "quiet", no_argument, NULL, OPT_QUIET };
	opts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	if ((err = rh_analysis_new(&a)) < 0)
		return cli_lib_error(c->name, err);
	if ((err = rh_analysis_enable(a, c->section)) < 0) {
		rc = cli_lib_error(c->name, err);
		goto done;
	}
	optind = 1;
	opterr = 0;
	while (rc == CLI_OK && (ch = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		if (ch == 'o')
			for (size_t i = 0; i < s.n; i++)
				if (!strcmp(s.f[i]->name, "out"))
					ch = OPT_FLAG + (int)i;
		switch (ch) {
		case 'q': case OPT_QUIET: quiet = 1; break;
		case 'h': case OPT_HELP: print_help(c); rc = -1; break;
		case ':':
		case '?':
			rc = cli_opt_error(c->name, ch, argv);
			break;
		default:
			if (ch >= OPT_FLAG && (size_t)(ch - OPT_FLAG) < s.n) {
				rc = set_flag(c, a, s.f[ch - OPT_FLAG], optarg, &own);
				out_given |= !strcmp(s.f[ch - OPT_FLAG]->name, "out");
			} else
				rc = CLI_USAGE;
		}
	}
	if (rc != CLI_OK)
		goto done;
	/* Several CORPUS arguments are read as one corpus with a corpus column. */
	if (optind < argc) {
		size_t len = 1;
		char *paths;
		for (int i = optind; i < argc; i++) {
			if (strchr(argv[i], ',')) {
				cli_error(c->name, "%s: a corpus path with a comma cannot be one of several", argv[i]);
				rc = CLI_USAGE;
				goto done;
			}
			len += strlen(argv[i]) + 1;
		}
		if (!(paths = calloc(1, len))) {
			rc = CLI_FAIL;
			goto done;
		}
		for (int i = optind; i < argc; i++) {
			if (i > optind)
				strcat(paths, ",");
			strcat(paths, argv[i]);
		}
		err = rh_analysis_set(a, "corpus", "path", paths);
		free(paths);
		if (err < 0) {
			rc = cli_lib_error(c->name, RH_EUSAGE);
			goto done;
		}
	}
	if (*rh_analysis_get(a, "corpus", "counts") && *rh_analysis_get(a, "corpus", "path")) {
		cli_error(c->name, "give CORPUS or --counts FILE, not both (the counts file stands for its corpus)");
		rc = CLI_USAGE;
		goto done;
	}
	if (!*rh_analysis_get(a, "corpus", "path") && !*rh_analysis_get(a, "corpus", "counts")) {
		cli_error(c->name, "which corpus? Usage: rhetor %s %s", c->name, c->synopsis);
		rc = CLI_USAGE;
		goto done;
	}
	/* Sections a dictionary brings with it (rhetor count keeps windows and KWIC lines). */
	for (const char *const *sp = c->with_phrases; sp && *sp && rh_analysis_has(a, "phrases"); sp++)
		/* Collocation windows count single words: none with n-gram terms. */
		if ((strcmp(*sp, "cooc") || !strcmp(rh_analysis_get(a, "corpus", "ngrams"), "1")) &&
		    (err = rh_analysis_enable(a, *sp)) < 0) {
			rc = cli_lib_error(c->name, err);
			goto done;
		}
	/* -o is asked for: the schema's default directory is for analysis files. */
	if (!out_given) {
		cli_error(c->name, "where to write? Give an output directory with -o DIR");
		rc = CLI_USAGE;
		goto done;
	}
	if (rh_analysis_check(a, &sec, &key) < 0) {
		const char *f = flag_of(sec, key);
		if (f)
			cli_error(c->name, "%s is needed: %s", f, rh_error_last());
		else
			cli_error(c->name, "%s", rh_error_last());
		rc = CLI_USAGE;
		goto done;
	}
	{
		cli_run_request req = { c->name, a, ".", NULL, -1, quiet, 0, c->documents, flag_of, NULL, own };
		rc = c->run ? c->run(&req) : cli_runner(&req);
	}
done:
	rh_analysis_free(a);
	current = NULL;
	return rc < 0 ? CLI_OK : rc;
}
