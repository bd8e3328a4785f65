/*
 * outputs.c: what rhetor wrote in an output directory, so that it removes
 * only its own files, and its temporary files removed when a signal ends
 * the run.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- temporary files and fatal signals ------------------------------------ */

/*
 * The temporary files being written, for the signal handler: it may only
 * read these slots and call unlink (async-signal-safe), then die of the
 * signal as it would have.
 */
#define MAX_TEMPS 256
static char *volatile temps[MAX_TEMPS];
static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;
static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGXFSZ };

static void on_fatal(int sig)
{
	for (size_t i = 0; i < MAX_TEMPS; i++) {
		char *p = temps[i];
		if (p)
			unlink(p);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
		struct sigaction old;
		/* A signal ignored by the caller (nohup) stays ignored. */
		if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal[i], &sa, NULL);
	}
}

void cli_temp_register(char *path)
{
	pthread_once(&handlers_once, install_handlers);
	for (size_t i = 0; i < MAX_TEMPS; i++) {
		char *expected = NULL;
		if (__atomic_compare_exchange_n((char **)&temps[i], &expected, path, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return;
	}
	/* More than MAX_TEMPS at once: this one is not removed on a signal. */
}

void cli_temp_unregister(const char *path)
{
	for (size_t i = 0; i < MAX_TEMPS; i++) {
		char *expected = (char *)path;
		if (__atomic_compare_exchange_n((char **)&temps[i], &expected, NULL, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return;
	}
}

/* ---- the corpus is never written ---------------------------------------------- */

/* The corpus directories of the run (their real paths); several corpora give several. */
#define MAX_ROOTS 32
static char corpus_roots[MAX_ROOTS][PATH_MAX];
static size_t nroots;

void cli_protect_corpus(const char *paths)
{
	char **v = NULL;
	size_t n = 0;
	struct stat st;
	nroots = 0;
	if (!paths || cli_run_paths(NULL, paths, &v, &n) != CLI_OK)
		return;
	for (size_t k = 0; k < n && nroots < MAX_ROOTS; k++)
		if (stat(v[k], &st) == 0 && S_ISDIR(st.st_mode) && realpath(v[k], corpus_roots[nroots]))
			nroots++;
	cli_run_paths_free(v, n);
}

int cli_is_document(const char *dir, const char *name)
{
	char real[PATH_MAX], *path;
	size_t n = strlen(name);
	struct stat st;
	int inside = 0;
	if (!nroots || n < 4 || strcmp(name + n - 4, ".txt") || !realpath(dir, real))
		return 0;
	for (size_t k = 0; k < nroots && !inside; k++) {
		size_t r = strlen(corpus_roots[k]);
		inside = !strncmp(real, corpus_roots[k], r) && (real[r] == '\0' || real[r] == '/' || r == 1);
	}
	if (!inside || !(path = cli_run_path(dir, name)))
		return 0;
	inside = lstat(path, &st) == 0;
	free(path);
	return inside;
}

/* ---- the manifest of what rhetor wrote ------------------------------------ */

/*
 * DIR/.rhetor-written lists each file rhetor put in DIR that a later run
 * may remove (warnings.txt): its name, device, inode, size and modification
 * time as rhetor left it. A file is rhetor's while all five still agree:
 * one put there by anyone else (a document of the corpus when the output
 * directory is the corpus) is not. Other outputs are not listed: they are
 * only ever replaced, and a directory without warnings has no manifest.
 */
#define MANIFEST ".rhetor-written"
static pthread_mutex_t manifest_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct {
	char name[256];
	unsigned long long dev, ino, size, sec, nsec;
} written;

/* The entries of DIR's manifest (a missing or unreadable one has none). */
static size_t manifest_read(const char *dir, written **out)
{
	char *path = cli_run_path(dir, MANIFEST), line[512];
	written *w = NULL;
	size_t n = 0, cap = 0;
	FILE *fp = path ? fopen(path, "r") : NULL;
	*out = NULL;
	free(path);
	if (!fp)
		return 0;
	while (fgets(line, sizeof line, fp)) {
		written e;
		if (sscanf(line, "%255[^\t]\t%llu\t%llu\t%llu\t%llu.%llu", e.name, &e.dev, &e.ino, &e.size, &e.sec,
			   &e.nsec) != 6)
			continue;
		if (n == cap) {
			written *g = realloc(w, (cap = cap * 2 + 32) * sizeof *w);
			if (!g)
				break;
			w = g;
		}
		w[n++] = e;
	}
	fclose(fp);
	*out = w;
	return n;
}

static void manifest_write(const char *dir, const written *w, size_t n)
{
	char *path = cli_run_path(dir, MANIFEST), *tmp = cli_run_path(dir, "." MANIFEST ".tmp.XXXXXX");
	int fd = -1;
	FILE *fp = NULL;
	if (path && tmp && (fd = mkstemp(tmp)) >= 0 && (fp = fdopen(fd, "w"))) {
		for (size_t i = 0; i < n; i++)
			fprintf(fp, "%s\t%llu\t%llu\t%llu\t%llu.%09llu\n", w[i].name, w[i].dev, w[i].ino, w[i].size,
				w[i].sec, w[i].nsec);
		if (fclose(fp) != 0 || rename(tmp, path) != 0)
			unlink(tmp);
	} else if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	free(path);
	free(tmp);
}

static int same_file(const written *e, const struct stat *st)
{
	return e->dev == (unsigned long long)st->st_dev && e->ino == (unsigned long long)st->st_ino &&
	       e->size == (unsigned long long)st->st_size && e->sec == (unsigned long long)st->st_mtim.tv_sec &&
	       e->nsec == (unsigned long long)st->st_mtim.tv_nsec;
}

/* The files a later run may remove, the only ones the manifest lists (tables are only replaced). */
static int removable(const char *name) { return !strcmp(name, "warnings.txt"); }

void cli_written_note(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *dir;
	written *w = NULL, e;
	struct stat st;
	size_t n, i;
	if (!removable(name))
		return;
	dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	if (!dir || strlen(name) >= sizeof e.name || stat(path, &st) != 0) {
		free(dir);
		return;
	}
	pthread_mutex_lock(&manifest_lock);
	n = manifest_read(dir, &w);
	for (i = 0; i < n && strcmp(w[i].name, name); i++)
		;
	if (i == n) {
		written *g = realloc(w, (n + 1) * sizeof *w);
		if (!g)
			goto done;
		w = g;
		n++;
	}
	snprintf(w[i].name, sizeof w[i].name, "%s", name);
	w[i].dev = (unsigned long long)st.st_dev;
	w[i].ino = (unsigned long long)st.st_ino;
	w[i].size = (unsigned long long)st.st_size;
	w[i].sec = (unsigned long long)st.st_mtim.tv_sec;
	w[i].nsec = (unsigned long long)st.st_mtim.tv_nsec;
	manifest_write(dir, w, n);
done:
	pthread_mutex_unlock(&manifest_lock);
	free(w);
	free(dir);
}

int cli_remove_written(const char *dir, const char *name)
{
	char *path = cli_run_path(dir, name);
	written *w = NULL;
	struct stat st;
	size_t n, i;
	int removed = 0;
	if (!path)
		return 0;
	if (lstat(path, &st) != 0) {
		free(path);
		return 0;
	}
	pthread_mutex_lock(&manifest_lock);
	n = manifest_read(dir, &w);
	for (i = 0; i < n && strcmp(w[i].name, name); i++)
		;
	if (i < n && S_ISREG(st.st_mode) && same_file(&w[i], &st) && unlink(path) == 0) {
		removed = 1;
		memmove(&w[i], &w[i + 1], (n - i - 1) * sizeof *w);
		manifest_write(dir, w, n - 1);
	}
	pthread_mutex_unlock(&manifest_lock);
	free(w);
	free(path);
	return removed ? 1 : -1;
}
