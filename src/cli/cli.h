/* cli.h: what the subcommands share: options, loading, output files, messages. */
#ifndef RH_CLI_H
#define RH_CLI_H

#include <getopt.h>
#include <stdio.h>

#include <rhetor.h>

/* Exit statuses (GNU): data or system failure 1, wrong usage 2. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Options every corpus command accepts. */
typedef struct {
	const char *corpus;      /* the positional CORPUS: a path, or paths separated by ',' (several corpora) */
	const char *corpus_names; /* --corpus-name A,B: their names in the corpus column, or NULL */
	rh_corpus_options corpus_opts;
	rh_text_options text;
	const char *phrases;     /* --phrases FILE */
	const char *metas;       /* the metadata files a run joined, separated by ',' (for warnings.txt), or NULL */
	const char *home;        /* warnings.txt names input files by their path from here (NULL: out) */
	const char *by;          /* --by COL */
	const char *out;         /* -o DIR */
	const char *stopwords;   /* --stopwords en|none|FILE */
	long top;                /* --top K (0 = all); -1 = the command's default */
	long min_count;          /* --min-count N */
	unsigned threads;        /* --threads N (0 = all cores) */
	int quiet;
	rh_table_options table;  /* --excel, --raw-cells */
} cli_opts;

/*
 * A command's own options: getopt_long entries (val >= 256 by convention)
 * and a handler called for each; it returns 0, or CLI_USAGE after printing
 * why.
 */
typedef int (*cli_opt_fn)(int val, const char *arg, void *ud);

typedef struct {
	const char *name;       /* "freq" */
	const char *synopsis;   /* "CORPUS [--phrases FILE] ... -o DIR" */
	const char *help;       /* the command's own options, one per line */
	int needs_corpus;       /* a positional CORPUS is required */
	int needs_out;          /* -o DIR is required */
	const struct option *extra;
	cli_opt_fn on_opt;
	void *ud;
} cli_command;

/*
 * Parses argv for `cmd`. Returns CLI_OK, CLI_USAGE (message printed), or -1
 * when --help was printed (the caller exits 0).
 */
int cli_parse(int argc, char **argv, const cli_command *cmd, cli_opts *o);

/* Prints "rhetor CMD: " + message to stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Same for a library error: code, then rh_error_last(). Returns the exit status. */
int cli_lib_error(const char *cmd, int code);
/* getopt_long's ':' (a value missing) or '?' (an unknown option), named; returns CLI_USAGE. */
int cli_opt_error(const char *cmd, int ch, char **argv);
/* Prints a note to stderr unless quiet. */
void cli_note(const cli_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a non-negative integer option value; CLI_USAGE with a message on error. */
int cli_parse_count(const char *cmd, const char *opt, const char *arg, long *out);
/* Parses --within doc|sentence into *within_sentence (0 or 1). */
int cli_parse_within(const char *cmd, const char *arg, int *within_sentence);
/* Parses a real number option value. */
int cli_parse_real(const char *cmd, const char *opt, const char *arg, double *out);

/*
 * Opens the corpus, the dictionary (when --phrases) and runs the counting
 * pass with `copts` (the text, dictionary, group and thread fields are filled
 * in from `o`). Prints warnings to stderr. Everything returned belongs to the
 * caller (free with cli_loaded_free). Returns an exit status.
 */
typedef struct {
	rh_corpus *corpus;
	rh_dict *dict;
	rh_counts *counts;
	rh_vocab *stop; /* stop list, or NULL */
	rh_vocab *words; /* known words for --dehyphenate, or NULL */
	size_t warnings;
} cli_loaded;

int cli_load(const char *cmd, const cli_opts *o, rh_counts_options *copts, cli_loaded *l);
/* cli_load in two steps: the corpus (and the --by column checked), then the dictionary, stop list and pass. */
int cli_open(const char *cmd, const cli_opts *o, cli_loaded *l);
/* The corpus of `paths` (one, or several separated by ',', named by `names` or NULL). Returns an exit status. */
int cli_open_corpus(const char *cmd, const char *paths, const char *names, const rh_corpus_options *co, rh_corpus **out);
int cli_count(const char *cmd, const cli_opts *o, rh_counts_options *copts, cli_loaded *l);

/* Progress of the counting pass on stderr, when it is a terminal (`tty`): an rh_counts_options.progress. */
typedef struct {
	const char *cmd;
	int tty;
} cli_progress_state;
void cli_progress(void *ud, size_t done, size_t total);
/* The warnings of the corpus and the pass of `l` on stderr (the first few, unless quiet). Returns how many there are. */
size_t cli_print_warnings(const char *cmd, const cli_opts *o, const cli_loaded *l);

/* The word list --dehyphenate judges mended words by, shipped with rhetor. */
#define CLI_WORD_LIST "datasets/words/en-speech.txt"

/* With --dehyphenate, loads CLI_WORD_LIST into *out (else *out = NULL). Returns an exit status. */
int cli_known_words(const char *cmd, const cli_opts *o, rh_vocab **out);
void cli_loaded_free(cli_loaded *l);

/* Whether term `id` of the counts' vocabulary is a stop word. */
int cli_is_stop(const cli_loaded *l, uint32_t term);

/*
 * Output files are written under a temporary name in the same directory and
 * renamed into place by cli_out_commit, so an interrupted run never leaves a
 * half-written table under the real name.
 */
typedef struct {
	FILE *fp;
	char *tmp;
	char *path;
	rh_table *table;
} cli_out;

/* Creates DIR and its parents where missing; 0, or -1 with errno. */
int cli_mkdirs(const char *dir);

/* Creates DIR (and parents) if needed and opens DIR/NAME for writing. */
int cli_out_open(const char *cmd, cli_out *out, const char *dir, const char *name);
/* The same, starting a table with the given header. */
int cli_out_table(const char *cmd, const cli_opts *o, cli_out *out, const char *name,
		  const char *const *cols, size_t ncols);
/* Finishes the table (if any), closes and renames. Returns an exit status. */
int cli_out_commit(const char *cmd, cli_out *out);
/* Closes and removes the temporary file. */
void cli_out_abort(cli_out *out);

/*
 * A temporary file being written: removed if SIGINT, SIGTERM, SIGHUP or
 * SIGXFSZ ends the run (the handlers are installed on first use). `path`
 * must stay valid until cli_temp_unregister.
 */
void cli_temp_register(char *path);
void cli_temp_unregister(const char *path);

/*
 * rhetor's own files in an output directory: cli_written_note records the
 * file at `path` (just renamed into place) in its directory's manifest when
 * a later run may remove it (warnings.txt);
 * cli_remove_written removes DIR/NAME only if it is still the file rhetor
 * wrote there (1), leaving any other file alone (-1; 0: there is none).
 */
void cli_written_note(const char *path);
int cli_remove_written(const char *dir, const char *name);

/*
 * The corpus directories being read (one path, or several separated by ','
 * as the runner joins them): a text file inside one is a document, which
 * rhetor never replaces (-o CORPUS must not turn a document named
 * warnings.txt into rhetor's warnings).
 * cli_is_document: whether DIR/NAME is such an existing document.
 */
void cli_protect_corpus(const char *paths);
int cli_is_document(const char *dir, const char *name);

/* Reads a whole file into *buf (caller frees); prints the error. Returns an exit status. */
int cli_read_file(const char *cmd, const char *path, char **buf, size_t *len);

/*
 * Documents the trends left out for want of a usable time (`untimed`, a
 * message each, as rh_run_untimed gives them): a warning each on
 * stderr (the first 20), and every one in DIR/warnings.txt after the
 * warnings of the corpus and the pass. Returns an exit status.
 */
int cli_report_untimed(const char *cmd, const cli_opts *o, const cli_loaded *l, const char *dir, const char *col,
		       const rh_warnings *untimed);

/* Resolves a data file shipped with rhetor (e.g. "stopwords/en.txt"). */
char *cli_data_path(const char *rel);
/* rhetor's data directory: the first place cli_data_path looks that holds its stop list or word list, or NULL. Caller frees. */
char *cli_data_dir(void);

/* Writes documents.csv (doc_id, metadata..., tokens, types, sentences) and warnings.txt. */
int cli_write_documents(const char *cmd, const cli_opts *o, const cli_loaded *l, const rh_results *res);

/*
 * rhetor run, shared with rhetor verify (cmd_run.c). The lock file and the
 * corpus manifest beside it, in the output directory.
 */
#define CLI_LOCK_FILE "rhetor.lock.ini"
#define CLI_LOCK_MANIFEST "rhetor.lock.documents.tsv"
struct rh_analysis;
/* Reads and parses an analysis file; prints the error. Returns an exit status. */
int cli_run_load(const char *cmd, const char *path, struct rh_analysis **a);
/*
 * The lock's own digest: the SHA-256 of `lock` as rhetor writes it, without
 * its opening comment and with [rhetor] digest empty (64 hex digits and a
 * NUL into hex). Returns 0 or a library error.
 */
int cli_lock_digest(struct rh_analysis *lock, char hex[65]);
/*
 * Whether `lock` is one rhetor wrote for directory `dir`: its [output] dir
 * is "." (the lock's own directory) and its digest matches. Prints why
 * not. Returns an exit status.
 */
int cli_lock_check(const char *cmd, struct rh_analysis *lock, const char *path);
/*
 * The runner every analysis command goes through: resolves the plan of
 * analysis `a` (paths relative to `base`), counts the corpus once, writes
 * every table the plan asks for (documents.csv and warnings.txt when
 * `documents`), draws the charts of [plot], and with `lock` writes the lock
 * file. `out` NULL: [output] dir; `threads` -1: [corpus] threads. `flag`
 * gives a key's command-line spelling for messages (NULL: [section] key).
 * Returns an exit status.
 */
typedef struct {
	const char *cmd;
	const struct rh_analysis *a;
	const char *base;
	const char *out;
	long threads;
	int quiet;
	int lock;
	int documents;
	const char *(*flag)(const char *section, const char *key);
	const char *home;  /* the directory warnings.txt names input files from (verify: the lock's); NULL: out */
	const char *own;   /* the value of the command's own flag (CLI_OWN), or NULL */
} cli_run_request;

int cli_runner(const cli_run_request *req);

/* Keeps the documents of `c` that pass `where` (NULL: all); the message names the test. Returns an exit status. */
int cli_apply_where(const char *cmd, const char *where, rh_corpus *c, size_t *left_out);

/*
 * A command as a front end of the runner: each flag sets one key of the
 * plan. `section` NULL in a flag: the command's own section. A flag with
 * no argument sets `value`. `check` adds what only a command line needs
 * (a value given must be > 0 where the key's 0 means "not given").
 */
enum {
	CLI_CHECK_NONE = 0,
	CLI_CHECK_POSITIVE,
	CLI_APPEND,      /* repeatable: values joined with ';' */
	CLI_APPEND_LIST, /* repeatable: a list of paths, joined with ", " */
	CLI_OWN          /* not a plan key: the command's own value (cli_run_request.own) */
};

typedef struct {
	const char *name;    /* long option, without "--" */
	const char *arg;     /* its value in the help ("W"), NULL for none */
	const char *section;
	const char *key;
	const char *value;
	const char *help;
	int check;
} cli_flag;

/* The flags of the commands whose tables list terms: terms as n-grams. */
#define CLI_NGRAM_FLAGS                                                                                          \
	{ "ngrams", "N|MIN-MAX", "corpus", "ngrams", NULL,                                                        \
	  "terms are the n-grams of N (to MAX) words, 1-5: consecutive words\n"                                    \
	  "                         with only white space between, in one sentence", 0 },                          \
	{ "ngram-stop", "none|edge", "corpus", "ngram_stop", NULL,                                                \
	  "edge: leave out n-grams that begin or end with a stop word\n"                                           \
	  "                         (the --stopwords list, else the English one)", 0 }

typedef struct {
	const char *name;      /* "freq" */
	const char *section;   /* the plan section it turns on */
	const char *synopsis;
	const char *help;      /* what it writes, in words */
	const cli_flag *flags; /* its own flags, ended by a zeroed entry */
	int documents;         /* writes documents.csv */
	int (*run)(const cli_run_request *req); /* what runs the analysis; NULL: cli_runner */
	const char *const *with_phrases;        /* sections turned on too when a dictionary is given */
} cli_front;

/* Parses argv into an analysis and hands it to the runner. Returns an exit status. */
int cli_front_main(int argc, char **argv, const cli_front *c);

/* `value` relative to `base` (absolute values kept); NULL for an empty value. Caller frees. */
char *cli_run_path(const char *base, const char *value);
/*
 * A list of paths (corpus = A, B: several corpora read as one) split on ','
 * and each resolved against `base`; *out (n entries) freed with
 * cli_run_paths_free. Returns an exit status.
 */
int cli_run_paths(const char *base, const char *value, char ***out, size_t *n);
/* The path of `target` from directory `from` (both must exist), malloc'd; NULL with errno set. */
char *cli_relative_to(const char *from, const char *target);
void cli_run_paths_free(char **v, size_t n);
/* The same list with each path resolved, joined with ',' again (NULL on failure or an empty list). Caller frees. */
char *cli_run_paths_joined(const char *base, const char *value);
/* The directory part of `path` ("." when none). Caller frees. */
char *cli_run_dirname(const char *path);
/* The corpus manifest (rh_analysis_corpus_manifest); prints the error. Returns an exit status. */
int cli_run_manifest(const char *cmd, const rh_corpus *corpus, unsigned threads, char **manifest, size_t *len);

/*
 * Charts (render.c). A comma-separated option value split in place: at most
 * CLI_LIST_MAX values, borrowed from buf (cli_list_free frees it).
 */
#define CLI_LIST_MAX 64
typedef struct {
	char *buf;
	const char *v[CLI_LIST_MAX];
	size_t n;
} cli_list;
/* Splits `arg` into *l (freed first); `opt` names the option in messages. Returns an exit status. */
int cli_list_split(const char *cmd, const char *opt, const char *arg, cli_list *l);
void cli_list_free(cli_list *l);

/* A list of file names, each owned by the list. */
typedef struct {
	char **v;
	size_t n, cap;
} cli_files;
int cli_files_add(cli_files *f, const char *name);
void cli_files_free(cli_files *f);

/* What to render: CLI_FORMAT_* bits, as --format and [plot] format name them. */
enum { CLI_FORMAT_PNG = 1, CLI_FORMAT_PDF = 2, CLI_FORMAT_SVG = 4, CLI_FORMAT_TEX = 8 };
typedef struct {
	unsigned formats;   /* CLI_FORMAT_* bits */
	const char *width;  /* "1col" or "2col" */
	int titles;         /* a title above each figure */
	int render;         /* 0: the scripts only */
	unsigned threads;   /* gnuplot processes at once; 0: one per core */
	int quiet;
} cli_render_options;
/* Formats and width are set by the caller, from the plan or [plot]'s defaults. */
#define CLI_RENDER_OPTIONS_INIT { 0, NULL, 0, 1, 0, 0 }

/* Parses "png,pdf,..." into CLI_FORMAT_* bits; CLI_USAGE (message printed) for an unknown name. */
int cli_render_formats(const char *cmd, const char *list, unsigned *formats);

/*
 * The charts of the tables in `dir`: writes DIR/plots/NAME.gp for every table
 * there that a chart reads, the shared style DIR/plots/rhetor.gp, and, with
 * ro->render and gnuplot installed, renders each in every format asked for.
 * gnuplot draws into a scratch directory of its own; what it drew is renamed
 * into DIR/plots (never written through a file or link already there) only
 * when the run was clean, and is then listed. Adds to `written` every file
 * it wrote, relative to `dir` ("plots/terms.gp", "plots/terms.png"): the
 * scripts in chart order, the style, then the drawings in chart and format
 * order. A script or style changed by hand since rhetor plot wrote it (each
 * ends with the SHA-256 of its text) is kept, and rendered: the new text goes
 * to NAME.gp.new with a note. Prints notes (unless ro->quiet) and errors.
 * Returns an exit status.
 */
int cli_render(const char *dir, const rh_plot_options *po, const cli_render_options *ro, cli_files *written);

/*
 * The concept labels of a dictionary's optional `label` column, as
 * rh_plot_options.labels wants them: *pairs holds 2 * *npairs strings
 * borrowed from `d` (concept, label, ...); the array belongs to the caller
 * (NULL when the dictionary has no labels). Returns an exit status.
 */
int cli_render_labels(const rh_dict *d, const char ***pairs, size_t *npairs);
/*
 * What a chart of DIR can learn from DIR/rhetor.lock.ini when there is one:
 * the analysis as run (*lock; NULL without a lock file) and its dictionary
 * (*dict; NULL when none or gone). Both belong to the caller. Returns an
 * exit status.
 */
int cli_render_context(const char *dir, struct rh_analysis **lock, rh_dict **dict);

/*
 * The time axis label: the trends time column `time`, with the period width
 * when periods are wider than 1, written in `buf`. Returns buf, or NULL
 * when time is NULL or empty.
 */
const char *cli_render_time(const char *time, double width, char *buf, size_t cap);

/* Subcommands. */
int cmd_info(int argc, char **argv);
int cmd_freq(int argc, char **argv);
int cmd_tfidf(int argc, char **argv);
int cmd_cooc(int argc, char **argv);
int cmd_keyness(int argc, char **argv);
int cmd_phrases(int argc, char **argv);
int cmd_kwic(int argc, char **argv);
int cmd_count(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
int cmd_trends(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_report(int argc, char **argv);

/*
 * rhetor report, shared with rhetor run (cmd_report.c): writes DIR/report.html
 * with at most `rows` rows of each table and `lines` concordance lines;
 * messages start "rhetor CMD". Returns an exit status.
 */
int cli_report_write(const char *cmd, const char *dir, long rows, long lines, const cli_opts *o);

/* The report page's template, style and script (the files of report/, embedded at build time; NUL-terminated). */
extern const unsigned char cli_asset_report_html[], cli_asset_report_css[], cli_asset_report_js[];
extern const size_t cli_asset_report_html_len, cli_asset_report_css_len, cli_asset_report_js_len;

#endif
