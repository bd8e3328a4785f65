/* cli.c: option parsing, loading, output files and messages shared by the subcommands. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum {
	OPT_PHRASES = 1000, OPT_BY, OPT_STOPWORDS, OPT_TOP, OPT_MIN_COUNT, OPT_THREADS,
	OPT_EXCEL, OPT_RAW_CELLS, OPT_META, OPT_NAME_PATTERN, OPT_TEXT_COL, OPT_ID_COL,
	OPT_KEEP_CASE, OPT_SPLIT_HYPHENS, OPT_DEHYPHENATE, OPT_QUIET, OPT_HELP, OPT_OUT
};

static const struct option common_opts[] = {
	{ "phrases", required_argument, NULL, OPT_PHRASES },
	{ "by", required_argument, NULL, OPT_BY },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "stopwords", required_argument, NULL, OPT_STOPWORDS },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "min-count", required_argument, NULL, OPT_MIN_COUNT },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "excel", no_argument, NULL, OPT_EXCEL },
	{ "raw-cells", no_argument, NULL, OPT_RAW_CELLS },
	{ "meta", required_argument, NULL, OPT_META },
	{ "name-pattern", required_argument, NULL, OPT_NAME_PATTERN },
	{ "text-col", required_argument, NULL, OPT_TEXT_COL },
	{ "id-col", required_argument, NULL, OPT_ID_COL },
	{ "keep-case", no_argument, NULL, OPT_KEEP_CASE },
	{ "split-hyphens", no_argument, NULL, OPT_SPLIT_HYPHENS },
	{ "dehyphenate", no_argument, NULL, OPT_DEHYPHENATE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, OPT_HELP },
};

static const char common_help[] =
	"Corpus options:\n"
	"  --meta FILE.csv        metadata joined on doc_id\n"
	"  --name-pattern PAT     metadata from file names, e.g. '{country}_{session}_{year}'\n"
	"  --text-col COL         text column of a CSV corpus (default: text)\n"
	"  --id-col COL           id column of a CSV corpus (default: doc_id)\n"
	"  --keep-case            do not case-fold\n"
	"  --split-hyphens        '-' separates words (win-win -> win, win)\n"
	"  --dehyphenate          mend words hyphenated at a line end (develop-\\nment)\n"
	"  --stopwords en|none|FILE  terms to leave out of term lists (default: none)\n"
	"  --phrases FILE         phrase dictionary (CSV: concept,pattern)\n"
	"  --by COL               group documents by a metadata column\n"
	"  --top K                rows kept per unit (0 keeps all)\n"
	"  --min-count N          leave out terms seen fewer than N times\n"
	"  --threads N            worker threads (default: one per core)\n"
	"Output options:\n"
	"  -o, --out DIR          output directory (created if needed)\n"
	"  --excel                byte-order mark and CRLF line ends\n"
	"  --raw-cells            no ' before cells that start with = + - @\n"
	"  -q, --quiet            print nothing but errors\n"
	"  -h, --help             this help\n";

void cli_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "rhetor %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_lib_error(const char *cmd, int code)
{
	const char *msg = rh_error_last();
	cli_error(cmd, "%s", *msg ? msg : "failed");
	return code == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
}

void cli_note(const cli_opts *o, const char *fmt, ...)
{
	va_list ap;
	if (o && o->quiet)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

int cli_parse_count(const char *cmd, const char *opt, const char *arg, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 0) {
		cli_error(cmd, "%s wants a whole number >= 0, not '%s'", opt, arg);
		return CLI_USAGE;
	}
	/* The same bound as an analysis file's counts: no value wraps around
	   when it is narrowed (--threads 4294967297 is not 1 thread). */
	if (v > 2147483647L) {
		cli_error(cmd, "%s wants a whole number of at most 2147483647, not '%s'", opt, arg);
		return CLI_USAGE;
	}
	*out = v;
	return CLI_OK;
}

int cli_parse_real(const char *cmd, const char *opt, const char *arg, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (errno || end == arg || *end) {
		cli_error(cmd, "%s wants a number, not '%s'", opt, arg);
		return CLI_USAGE;
	}
	*out = v;
	return CLI_OK;
}

int cli_parse_within(const char *cmd, const char *arg, int *within_sentence)
{
	if (!strcmp(arg, "doc") || !strcmp(arg, "document"))
		*within_sentence = 0;
	else if (!strcmp(arg, "sentence"))
		*within_sentence = 1;
	else {
		cli_error(cmd, "--within wants doc or sentence, not '%s'", arg);
		return CLI_USAGE;
	}
	return CLI_OK;
}

static void print_help(const cli_command *cmd)
{
	printf("Usage: rhetor %s %s\n\n", cmd->name, cmd->synopsis);
	if (cmd->help && *cmd->help)
		printf("%s\n", cmd->help);
	if (cmd->needs_corpus)
		fputs(common_help, stdout);
	else
		printf("  -o, --out DIR          output directory\n"
		       "  -q, --quiet            print nothing but errors\n"
		       "  -h, --help             this help\n");
}

int cli_parse(int argc, char **argv, const cli_command *cmd, cli_opts *o)
{
	rh_corpus_options cdef = RH_CORPUS_OPTIONS_INIT;
	rh_text_options tdef = RH_TEXT_OPTIONS_INIT;
	rh_table_options tbdef = RH_TABLE_OPTIONS_INIT;
	size_t ncommon = sizeof common_opts / sizeof *common_opts, nextra = 0;
	struct option *all;
	int rc = CLI_OK, c;
	long v;

	memset(o, 0, sizeof *o);
	o->corpus_opts = cdef;
	o->text = tdef;
	o->table = tbdef;
	o->top = -1;
	while (cmd->extra && cmd->extra[nextra].name)
		nextra++;
	if (!(all = calloc(ncommon + nextra + 1, sizeof *all))) {
		cli_error(cmd->name, "out of memory");
		return CLI_FAIL;
	}
	memcpy(all, common_opts, ncommon * sizeof *all);
	if (nextra)
		memcpy(all + ncommon, cmd->extra, nextra * sizeof *all);

	optind = 1;
	opterr = 0;
	while (rc == CLI_OK && (c = getopt_long(argc, argv, ":o:qh", all, NULL)) != -1) {
		switch (c) {
		case 'o': case OPT_OUT: o->out = optarg; break;
		case 'q': case OPT_QUIET: o->quiet = 1; break;
		case 'h': case OPT_HELP: print_help(cmd); rc = -1; break;
		case OPT_PHRASES: o->phrases = optarg; break;
		case OPT_BY: o->by = optarg; break;
		case OPT_STOPWORDS: o->stopwords = optarg; break;
		case OPT_TOP: rc = cli_parse_count(cmd->name, "--top", optarg, &o->top); break;
		case OPT_MIN_COUNT: rc = cli_parse_count(cmd->name, "--min-count", optarg, &o->min_count); break;
		case OPT_THREADS:
			if ((rc = cli_parse_count(cmd->name, "--threads", optarg, &v)) == CLI_OK)
				o->threads = (unsigned)v;
			break;
		case OPT_EXCEL: o->table.excel = 1; break;
		case OPT_RAW_CELLS: o->table.raw_cells = 1; break;
		case OPT_META: o->corpus_opts.meta_path = optarg; break;
		case OPT_NAME_PATTERN: o->corpus_opts.name_pattern = optarg; break;
		case OPT_TEXT_COL: o->corpus_opts.text_col = optarg; break;
		case OPT_ID_COL: o->corpus_opts.id_col = optarg; break;
		case OPT_KEEP_CASE: o->text.keep_case = 1; break;
		case OPT_SPLIT_HYPHENS: o->text.split_hyphens = 1; break;
		case OPT_DEHYPHENATE: o->text.dehyphenate = 1; break;
		case ':':
		case '?':
			rc = cli_opt_error(cmd->name, c, argv);
			break;
		default:
			if (cmd->on_opt)
				rc = cmd->on_opt(c, optarg, cmd->ud);
			else
				rc = CLI_USAGE;
			break;
		}
	}
	free(all);
	if (rc != CLI_OK)
		return rc;
	if (optind < argc)
		o->corpus = argv[optind++];
	if (optind < argc) {
		cli_error(cmd->name, "unexpected argument '%s' (see --help)", argv[optind]);
		return CLI_USAGE;
	}
	if (cmd->needs_corpus && !o->corpus) {
		cli_error(cmd->name, "which corpus? Usage: rhetor %s %s", cmd->name, cmd->synopsis);
		return CLI_USAGE;
	}
	if (cmd->needs_out && !o->out) {
		cli_error(cmd->name, "where to write? Give an output directory with -o DIR");
		return CLI_USAGE;
	}
	return CLI_OK;
}

/*
 * Where rhetor's data may be, in order: RHETOR_DATA_DIR; the data directory
 * beside an installed program (PREFIX/bin/rhetor reads PREFIX/share/rhetor,
 * wherever the prefix was moved); the source tree the program was built
 * from; the data directory it was configured to install into.
 */
static size_t data_roots(char roots[4][PATH_MAX])
{
	size_t n = 0;
	const char *env = getenv("RHETOR_DATA_DIR");
	char exe[PATH_MAX];
	ssize_t len;
	if (env && *env)
		snprintf(roots[n++], PATH_MAX, "%s", env);
	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		char *slash;
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
#ifdef RH_DATA_REL
			if ((size_t)snprintf(roots[n], PATH_MAX, "%s/../%s", exe, RH_DATA_REL) < PATH_MAX)
				n++;
#endif
		}
	}
#ifdef RH_SOURCE_DIR
	snprintf(roots[n++], PATH_MAX, "%s", RH_SOURCE_DIR);
#endif
#ifdef RH_DATA_DIR
	snprintf(roots[n++], PATH_MAX, "%s", RH_DATA_DIR);
#endif
	return n;
}

char *cli_data_dir(void)
{
	static const char *const marks[] = { "datasets/stopwords/en.txt", CLI_WORD_LIST };
	char roots[4][PATH_MAX];
	size_t n = data_roots(roots);
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
		for (size_t i = 0; i < n; i++) {
			char p[2 * PATH_MAX];
			snprintf(p, sizeof p, "%s/%s", roots[i], marks[k]);
			if (access(p, R_OK) == 0)
				return strdup(roots[i]);
		}
	return NULL;
}

char *cli_data_path(const char *rel)
{
	char roots[4][PATH_MAX];
	size_t n = data_roots(roots);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(roots[i]) + strlen(rel) + 2;
		char *p = malloc(len);
		if (!p)
			return NULL;
		snprintf(p, len, "%s/%s", roots[i], rel);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

int cli_read_file(const char *cmd, const char *path, char **buf, size_t *len)
{
	int err = rh_file_read(buf, len, path, RH_MAX_LIST);
	return err < 0 ? cli_lib_error(cmd, err) : CLI_OK;
}

static int load_stopwords(const char *cmd, const cli_opts *o, rh_vocab **out)
{
	char *path = NULL, *buf = NULL;
	size_t len;
	int rc, err;
	*out = NULL;
	if (!o->stopwords || !strcmp(o->stopwords, "none"))
		return CLI_OK;
	if (!strcmp(o->stopwords, "en")) {
		if (!(path = cli_data_path("datasets/stopwords/en.txt"))) {
			cli_error(cmd, "cannot find the stop list datasets/stopwords/en.txt (set RHETOR_DATA_DIR to rhetor's data directory)");
			return CLI_FAIL;
		}
	} else if (!(path = strdup(o->stopwords))) {
		return CLI_FAIL;
	}
	if ((rc = cli_read_file(cmd, path, &buf, &len)) == CLI_OK &&
	    (err = rh_vocab_load_list(out, buf, len, &o->text)) < 0)
		rc = cli_lib_error(cmd, err);
	free(buf);
	free(path);
	return rc;
}

int cli_known_words(const char *cmd, const cli_opts *o, rh_vocab **out)
{
	static const rh_text_options folded = RH_TEXT_OPTIONS_INIT;
	char *path, *buf = NULL;
	size_t len;
	int rc, err;
	*out = NULL;
	if (!o->text.dehyphenate)
		return CLI_OK;
	if (!(path = cli_data_path(CLI_WORD_LIST))) {
		cli_error(cmd, "cannot find the word list " CLI_WORD_LIST " (set RHETOR_DATA_DIR to rhetor's data directory)");
		return CLI_FAIL;
	}
	if ((rc = cli_read_file(cmd, path, &buf, &len)) == CLI_OK &&
	    (err = rh_vocab_load_list(out, buf, len, &folded)) < 0)
		rc = cli_lib_error(cmd, err);
	free(buf);
	free(path);
	return rc;
}

void cli_progress(void *ud, size_t done, size_t total)
{
	cli_progress_state *p = ud;
	if (p->tty)
		fprintf(stderr, "\rrhetor %s: %zu/%zu documents", p->cmd, done, total);
}

/* At most this many warnings are printed; all are counted. */
#define CLI_MAX_WARNINGS 20

static size_t print_warnings(const char *cmd, const cli_opts *o, const rh_warnings *w, size_t printed)
{
	size_t n = rh_warnings_count(w);
	for (size_t i = 0; i < n && !o->quiet; i++, printed++)
		if (printed < CLI_MAX_WARNINGS)
			fprintf(stderr, "rhetor %s: warning: %s\n", cmd, rh_warnings_at(w, i));
	return n;
}

int cli_open_corpus(const char *cmd, const char *paths, const char *names, const rh_corpus_options *co, rh_corpus **out)
{
	char **p = NULL, **nm = NULL;
	size_t np = 0, nn = 0;
	int err, rc = CLI_OK;
	*out = NULL;
	if (!strchr(paths, ',') && !names) {
		if ((err = rh_corpus_open(out, paths, co)) < 0)
			return cli_lib_error(cmd, err);
		return CLI_OK;
	}
	if ((rc = cli_run_paths(NULL, paths, &p, &np)) != CLI_OK || (names && (rc = cli_run_paths(NULL, names, &nm, &nn)) != CLI_OK))
		goto done;
	if (names && nn != np) {
		cli_error(cmd, "--corpus-name %s names %zu corpora, but %zu are given", names, nn, np);
		rc = CLI_USAGE;
		goto done;
	}
	if ((err = rh_corpus_open_many(out, (const char *const *)p, (const char *const *)nm, np, co)) < 0)
		rc = cli_lib_error(cmd, err);
done:
	cli_run_paths_free(p, np);
	cli_run_paths_free(nm, nn);
	return rc;
}

int cli_open(const char *cmd, const cli_opts *o, cli_loaded *l)
{
	int err;

	memset(l, 0, sizeof *l);
	cli_protect_corpus(o->corpus);
	if ((err = cli_open_corpus(cmd, o->corpus, o->corpus_names, &o->corpus_opts, &l->corpus)) != CLI_OK)
		return err;
	if (rh_corpus_count(l->corpus) == 0) {
		cli_error(cmd, "%s: no documents (a corpus is a directory of .txt files, searched recursively, or a .csv file)",
			  o->corpus);
		return CLI_FAIL;
	}
	if (o->by && rh_corpus_meta_find(l->corpus, o->by) < 0) {
		char cols[1024];
		cli_error(cmd, "--by %s: no such metadata column (columns: %s)", o->by,
			  rh_corpus_meta_list(l->corpus, cols, sizeof cols));
		return CLI_USAGE;
	}
	return CLI_OK;
}

int cli_count(const char *cmd, const cli_opts *o, rh_counts_options *copts, cli_loaded *l)
{
	int err, rc;
	cli_progress_state ps = { cmd, !o->quiet && isatty(STDERR_FILENO) };
	rh_text_options topts = o->text;

	if ((rc = cli_known_words(cmd, o, &l->words)) != CLI_OK)
		return rc;
	topts.known_words = l->words;
	if (o->phrases && (err = rh_dict_load(&l->dict, o->phrases, &topts)) < 0)
		return cli_lib_error(cmd, err);
	if ((rc = load_stopwords(cmd, o, &l->stop)) != CLI_OK)
		return rc;
	copts->text = topts;
	copts->dict = l->dict;
	copts->group_col = o->by;
	copts->threads = o->threads;
	copts->progress = cli_progress;
	copts->progress_ud = &ps;
	err = rh_counts_build(&l->counts, l->corpus, copts);
	if (ps.tty)
		fputc('\n', stderr);
	if (err < 0)
		return cli_lib_error(cmd, err);
	l->warnings = cli_print_warnings(cmd, o, l);
	return CLI_OK;
}

int cli_opt_error(const char *cmd, int ch, char **argv)
{
	if (ch == ':')
		cli_error(cmd, "option '%s' needs a value (see --help)", argv[optind - 1]);
	else
		cli_error(cmd, "unknown option '%s' (see --help)", argv[optind - 1]);
	return CLI_USAGE;
}

size_t cli_print_warnings(const char *cmd, const cli_opts *o, const cli_loaded *l)
{
	size_t n = print_warnings(cmd, o, rh_corpus_warnings(l->corpus), 0);
	n += print_warnings(cmd, o, rh_counts_warnings(l->counts), n);
	if (n > CLI_MAX_WARNINGS)
		cli_note(o, "rhetor %s: warning: ... %zu warnings in all (each one in %s/warnings.txt)\n",
			 cmd, n, o->out ? o->out : "the output directory");
	return n;
}

int cli_load(const char *cmd, const cli_opts *o, rh_counts_options *copts, cli_loaded *l)
{
	int rc = cli_open(cmd, o, l);
	return rc == CLI_OK ? cli_count(cmd, o, copts, l) : rc;
}

void cli_loaded_free(cli_loaded *l)
{
	rh_counts_free(l->counts);
	rh_dict_free(l->dict);
	rh_corpus_free(l->corpus);
	rh_vocab_free(l->stop);
	rh_vocab_free(l->words);
	memset(l, 0, sizeof *l);
}

int cli_is_stop(const cli_loaded *l, uint32_t term)
{
	size_t len;
	const char *s;
	if (!l->stop)
		return 0;
	s = rh_vocab_term(rh_counts_vocab(l->counts), term, &len);
	return rh_vocab_find(l->stop, s, len) >= 0;
}

int cli_mkdirs(const char *dir)
{
	char *p = strdup(dir);
	int rc = 0;
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

int cli_out_open(const char *cmd, cli_out *out, const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 32;
	int fd;
	memset(out, 0, sizeof *out);
	if (cli_is_document(dir, name)) {
		cli_error(cmd, "%s/%s is a document of the corpus; rhetor does not replace it (write the output elsewhere)",
			  dir, name);
		return CLI_FAIL;
	}
	if (cli_mkdirs(dir) != 0) {
		cli_error(cmd, "cannot create output directory %s: %s", dir, strerror(errno));
		return CLI_FAIL;
	}
	out->path = malloc(len);
	out->tmp = malloc(len);
	if (!out->path || !out->tmp) {
		cli_out_abort(out);
		cli_error(cmd, "out of memory");
		return CLI_FAIL;
	}
	snprintf(out->path, len, "%s/%s", dir, name);
	snprintf(out->tmp, len, "%s/.%s.tmp.XXXXXX", dir, name);
	/* Known to the signal handler before it exists, so no signal finds it unlisted. */
	cli_temp_register(out->tmp);
	if ((fd = mkstemp(out->tmp)) < 0 || !(out->fp = fdopen(fd, "wb"))) {
		cli_error(cmd, "cannot write in %s: %s", dir, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(out->tmp);
		}
		cli_temp_unregister(out->tmp);
		free(out->tmp);
		out->tmp = NULL;
		cli_out_abort(out);
		return CLI_FAIL;
	}
	fchmod(fd, 0644);
	setvbuf(out->fp, NULL, _IOFBF, 1 << 20);
	return CLI_OK;
}

int cli_out_table(const char *cmd, const cli_opts *o, cli_out *out, const char *name,
		  const char *const *cols, size_t ncols)
{
	int rc, err;
	const char *dir = o->out ? o->out : ".";
	if ((rc = cli_out_open(cmd, out, dir, name)) != CLI_OK)
		return rc;
	if ((err = rh_table_new(&out->table, out->fp, &o->table, cols, ncols)) < 0) {
		cli_out_abort(out);
		return cli_lib_error(cmd, err);
	}
	return CLI_OK;
}

int cli_out_commit(const char *cmd, cli_out *out)
{
	int failed = 0;
	if (out->table && rh_table_finish(out->table) < 0)
		failed = 1;
	if (fflush(out->fp) != 0 || ferror(out->fp))
		failed = 1;
	if (fclose(out->fp) != 0)
		failed = 1;
	out->fp = NULL;
	if (!failed && rename(out->tmp, out->path) != 0)
		failed = 1;
	if (failed) {
		cli_error(cmd, "cannot write %s: %s", out->path, strerror(errno));
		cli_out_abort(out);
		return CLI_FAIL;
	}
	cli_temp_unregister(out->tmp);
	cli_written_note(out->path);
	rh_table_free(out->table);
	free(out->tmp);
	free(out->path);
	memset(out, 0, sizeof *out);
	return CLI_OK;
}

void cli_out_abort(cli_out *out)
{
	if (out->fp)
		fclose(out->fp);
	if (out->tmp) {
		unlink(out->tmp);
		cli_temp_unregister(out->tmp);
	}
	rh_table_free(out->table);
	free(out->tmp);
	free(out->path);
	memset(out, 0, sizeof *out);
}

/*
 * warnings.txt names the run's input files as the lock does, by their path
 * from the output directory, so that a rerun from elsewhere (rhetor verify)
 * writes the same bytes; the messages on stderr keep the paths as given.
 */
typedef struct {
	char *from[64], *to[64];
	size_t n;
} path_map;

static void map_add(path_map *m, const char *out, const char *list)
{
	char **v = NULL;
	size_t nv = 0;
	if (!list || cli_run_paths(NULL, list, &v, &nv) != CLI_OK)
		return;
	for (size_t k = 0; k < nv && m->n < sizeof m->from / sizeof *m->from; k++) {
		char *rel = strcmp(v[k], ".") ? cli_relative_to(out, v[k]) : NULL;
		if (rel && strcmp(rel, v[k])) {
			m->from[m->n] = v[k];
			m->to[m->n++] = rel;
			v[k] = NULL;
		} else {
			free(rel);
		}
	}
	cli_run_paths_free(v, nv);
}

static void map_init(path_map *m, const cli_opts *o, const char *out)
{
	memset(m, 0, sizeof *m);
	map_add(m, out, o->corpus);
	map_add(m, out, o->metas);
	if (o->phrases && !strchr(o->phrases, ','))
		map_add(m, out, o->phrases);
}

static void map_free(path_map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
}

/* One warning, each input path in it (at a word's start, before '/', ':', ',', ';', ' ' or the end) mapped. */
static void put_warning(FILE *fp, const path_map *m, const char *w)
{
	for (const char *p = w; *p;) {
		size_t best = 0, len = 0;
		if (p == w || p[-1] == ' ')
			for (size_t i = 0; i < m->n; i++) {
				size_t n = strlen(m->from[i]);
				if (n > len && !strncmp(p, m->from[i], n) && strchr("/:,; ", p[n])) {
					best = i;
					len = n;
				}
			}
		if (len) {
			fputs(m->to[best], fp);
			p += len;
		} else {
			fputc(*p++, fp);
		}
	}
	fputc('\n', fp);
}

/* warnings.txt lists every warning of the run; no warnings, no file. */
static int write_warnings(const char *cmd, const cli_opts *o, const cli_loaded *l)
{
	const rh_warnings *ws[2] = { rh_corpus_warnings(l->corpus), rh_counts_warnings(l->counts) };
	path_map m;
	cli_out out;
	int rc;
	if (l->warnings == 0) {
		/* An old warnings.txt goes only if rhetor wrote it: with -o CORPUS
		   it may be a document. */
		if (cli_remove_written(o->out, "warnings.txt") < 0)
			cli_note(o, "rhetor %s: %s/warnings.txt was not written by rhetor; left as it is\n", cmd, o->out);
		return CLI_OK;
	}
	if ((rc = cli_out_open(cmd, &out, o->out, "warnings.txt")) != CLI_OK)
		return rc;
	map_init(&m, o, o->home ? o->home : o->out);
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < rh_warnings_count(ws[k]); i++)
			put_warning(out.fp, &m, rh_warnings_at(ws[k], i));
	map_free(&m);
	return cli_out_commit(cmd, &out);
}

int cli_write_documents(const char *cmd, const cli_opts *o, const cli_loaded *l, const rh_results *res)
{
	cli_out out;
	int rc, err;
	if ((rc = cli_out_open(cmd, &out, o->out, "documents.csv")) != CLI_OK)
		return rc;
	if ((err = rh_freq_write_documents(out.fp, res)) < 0) {
		cli_out_abort(&out);
		cli_error(cmd, "documents.csv: %s", rh_error_last());
		return CLI_FAIL;
	}
	if ((rc = cli_out_commit(cmd, &out)) != CLI_OK)
		return rc;
	return write_warnings(cmd, o, l);
}

/*
 * Documents without a usable time: one warning each on stderr (the first
 * 20), and every one in warnings.txt after the warnings of the corpus and
 * the counting pass.
 */
int cli_report_untimed(const char *cmd, const cli_opts *o, const cli_loaded *l, const char *dir, const char *col,
		       const rh_warnings *untimed)
{
	size_t n = rh_warnings_count(untimed);
	const rh_warnings *ws[2] = { rh_corpus_warnings(l->corpus), rh_counts_warnings(l->counts) };
	path_map m;
	cli_out out;
	int rc;

	if (n == 0)
		return CLI_OK;
	for (size_t i = 0; i < n && i < 20; i++)
		cli_note(o, "rhetor %s: warning: %s\n", cmd, rh_warnings_at(untimed, i));
	cli_note(o, "rhetor %s: warning: %zu document%s without a usable time in '%s' (each one in %s/warnings.txt)\n",
		 cmd, n, n == 1 ? "" : "s", col, dir);
	if ((rc = cli_out_open(cmd, &out, dir, "warnings.txt")) != CLI_OK)
		return rc;
	map_init(&m, o, o->home ? o->home : dir);
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < rh_warnings_count(ws[k]); i++)
			put_warning(out.fp, &m, rh_warnings_at(ws[k], i));
	for (size_t i = 0; i < n; i++)
		put_warning(out.fp, &m, rh_warnings_at(untimed, i));
	map_free(&m);
	return cli_out_commit(cmd, &out);
}
