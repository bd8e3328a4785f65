/* cmd_verify.c: rhetor verify: check a lock file's inputs, rerun it and compare every output. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rhetor/analysis.h>

#include "cli.h"

#define CMD "verify"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

/* Prints one line: status, kind, path, and why when not the same. */
static void report(const char *status, const char *kind, const char *path, const char *why)
{
	printf("%-8s %-7s %s%s%s\n", status, kind, path, why ? "  " : "", why ? why : "");
}

/* Reads a whole file, or NULL (quietly) when it cannot. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	if (!fp)
		return NULL;
	do {
		if (n + 65536 > cap) {
			char *nb = realloc(buf, cap = cap * 2 + 65536);
			if (!nb) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * PDF files written by cairo carry the time they were made (/CreationDate),
 * so two renderings of one chart differ there and only there: blank the
 * date's text before comparing.
 */
static void blank_pdf_dates(char *buf, size_t len)
{
	static const char *const keys[] = { "/CreationDate (", "/ModDate (" };
	for (size_t k = 0; k < 2; k++) {
		size_t kl = strlen(keys[k]);
		for (char *p = memmem(buf, len, keys[k], kl); p; p = memmem(p, len - (size_t)(p - buf), keys[k], kl)) {
			p += kl;
			while ((size_t)(p - buf) < len && *p != ')')
				*p++ = ' ';
		}
	}
}

/* Where the rerun's copy first differs from the kept one, in words for the report. */
static void differ_at(const char *kept, const char *fresh, char *why, size_t n)
{
	size_t la = 0, lb = 0, i = 0;
	char *x = slurp(kept, &la), *y = slurp(fresh, &lb);
	if (!x || !y) {
		snprintf(why, n, "(the rerun made other bytes; %s unreadable)", x ? "its copy" : "the kept copy");
	} else {
		while (i < la && i < lb && x[i] == y[i])
			i++;
		snprintf(why, n, "(the rerun made other bytes: first at byte %zu; %zu bytes kept, %zu rerun)", i, la, lb);
	}
	free(x);
	free(y);
}

static int same_pdf(const char *a, const char *b)
{
	size_t la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	int same = 0;
	if (x && y && la == lb) {
		blank_pdf_dates(x, la);
		blank_pdf_dates(y, lb);
		same = !memcmp(x, y, la);
	}
	free(x);
	free(y);
	return same;
}

/* Compares two manifests (sorted by doc_id) and prints each document changed, gone or new. */
static size_t name_documents(const char *old, const char *now)
{
	size_t n = 0;
	const char *p = old, *q = now;
	/* Both lists are in doc_id order: walk them together. */
	while (*p || *q) {
		const char *pe = *p ? strchr(p, '\n') : p, *qe = *q ? strchr(q, '\n') : q;
		const char *pid = *p ? p + 65 : NULL, *qid = *q ? q + 65 : NULL;
		int c;
		if (!pe)
			pe = p + strlen(p);
		if (!qe)
			qe = q + strlen(q);
		if (!pid)
			c = 1;
		else if (!qid)
			c = -1;
		else {
			size_t pl = (size_t)(pe - pid), ql = (size_t)(qe - qid);
			c = memcmp(pid, qid, pl < ql ? pl : ql);
			if (!c)
				c = pl < ql ? -1 : pl > ql;
		}
		if (c == 0) {
			if (memcmp(p, q, 64)) {
				printf("         document %.*s differs\n", (int)(pe - pid), pid);
				n++;
			}
			p = *pe ? pe + 1 : pe;
			q = *qe ? qe + 1 : qe;
		} else if (c < 0) {
			printf("         document %.*s is gone\n", (int)(pe - pid), pid);
			n++;
			p = *pe ? pe + 1 : pe;
		} else {
			printf("         document %.*s is new\n", (int)(qe - qid), qid);
			n++;
			q = *qe ? qe + 1 : qe;
		}
	}
	return n;
}

/* Checks the corpus against the lock's digest and, when it differs, names the documents. */

/* 1 when `file` is one of the corpora of the comma-separated `list`. */
static int in_list(const char *list, const char *file)
{
	size_t n = strlen(file);
	for (const char *p = list; p && *p;) {
		size_t k = strcspn(p, ",");
		if (k == n && !strncmp(p, file, n))
			return 1;
		p += k;
		if (*p)
			p++;
	}
	return 0;
}

static int check_corpus(const rh_analysis *a, const char *dir, const char *key, const char *want, unsigned threads,
			int *bad)
{
	rh_corpus_options co = RH_CORPUS_OPTIONS_INIT;
	rh_corpus *corpus = NULL;
	char *all = cli_run_paths_joined(dir, rh_analysis_get(a, "corpus", "path"));
	char *path = cli_run_path(dir, key);
	const char *names = rh_analysis_get(a, "corpus", "names");
	char **metas = NULL;
	size_t nmetas = 0;
	char *manifest = NULL, *old = NULL, *oldpath = cli_run_path(dir, CLI_LOCK_MANIFEST);
	char hex[RH_SHA256_HEX];
	const char *np = rh_analysis_get(a, "corpus", "name_pattern");
	size_t len, oldlen;
	struct stat st;
	int err, rc = CLI_OK;

	if (cli_run_paths(dir, rh_analysis_get(a, "corpus", "meta"), &metas, &nmetas) != CLI_OK)
		return CLI_FAIL;
	co.meta_paths = (const char *const *)metas;
	co.nmeta_paths = nmetas;
	co.meta_id_col = rh_analysis_get(a, "corpus", "meta_id_col");
	co.name_pattern = *np ? np : NULL;
	co.text_col = rh_analysis_get(a, "corpus", "text_col");
	co.id_col = rh_analysis_get(a, "corpus", "id_col");
	if (stat(path, &st) != 0) {
		report("missing", "input", key, NULL);
		*bad = 1;
		goto done;
	}
	if (S_ISDIR(st.st_mode) || (err = rh_analysis_sha256_file(hex, path)) < 0 || strcmp(hex, want)) {
		/* A directory's digest is its manifest's; a CSV corpus is hashed as a file. */
		size_t left_out;
		const char *where = rh_analysis_get(a, "corpus", "where");
		if (cli_open_corpus(CMD, all ? all : path, *names ? names : NULL, &co, &corpus) != CLI_OK) {
			report("differs", "input", key, "(cannot be opened as a corpus)");
			*bad = 1;
			goto done;
		}
		/* The manifest lists the documents the analysis kept. */
		if ((rc = cli_apply_where(CMD, *where ? where : NULL, corpus, &left_out)) != CLI_OK)
			goto done;
		if (*rh_analysis_get(a, "corpus", "by") &&
		    (err = rh_corpus_require(corpus, rh_analysis_get(a, "corpus", "by"), &left_out)) < 0) {
			rc = cli_lib_error(CMD, err);
			goto done;
		}
		if ((rc = cli_run_manifest(CMD, corpus, threads, &manifest, &len)) != CLI_OK)
			goto done;
		if (S_ISDIR(st.st_mode) && (err = rh_analysis_sha256(hex, manifest, len)) < 0) {
			rc = cli_lib_error(CMD, err);
			goto done;
		}
	}
	if (!strcmp(hex, want)) {
		report("same", "input", key, NULL);
		goto done;
	}
	report("differs", "input", key, NULL);
	*bad = 1;
	if (manifest && (old = slurp(oldpath, &oldlen)))
		name_documents(old, manifest);
done:
	rh_corpus_free(corpus);
	free(manifest);
	free(old);
	free(oldpath);
	free(path);
	free(all);
	cli_run_paths_free(metas, nmetas);
	return rc;
}

static int check_inputs(const rh_analysis *a, const char *dir, unsigned threads, int *bad)
{
	char *corpus = cli_run_paths_joined(dir, rh_analysis_get(a, "corpus", "path"));
	int rc = CLI_OK;
	for (size_t i = 0; rc == CLI_OK && i < rh_analysis_record_count(a, "inputs"); i++) {
		const char *key, *want;
		char hex[RH_SHA256_HEX], *file;
		rh_analysis_record_at(a, "inputs", i, &key, &want);
		if (!(file = cli_run_path(dir, key)))
			return CLI_FAIL;
		if (corpus && in_list(corpus, file)) {
			rc = check_corpus(a, dir, key, want, threads, bad);
		} else if (access(file, F_OK) != 0) {
			report("missing", "input", key, NULL);
			*bad = 1;
		} else if (rh_analysis_sha256_file(hex, file) < 0) {
			report("missing", "input", key, "(unreadable)");
			*bad = 1;
		} else if (strcmp(hex, want)) {
			report("differs", "input", key, NULL);
			*bad = 1;
		} else {
			report("same", "input", key, NULL);
		}
		free(file);
	}
	free(corpus);
	return rc;
}

/* Compares every output of the lock: the copy in DIR, and the rerun's in `tmp` (whose lock is `again`). */
static void check_outputs(const rh_analysis *a, const rh_analysis *again, const char *dir, const char *tmp, int *bad)
{
	for (size_t i = 0; i < rh_analysis_record_count(a, "outputs"); i++) {
		const char *key, *want, *k2, *got = NULL;
		char hex[RH_SHA256_HEX], *kept, *fresh;
		size_t n;
		rh_analysis_record_at(a, "outputs", i, &key, &want);
		kept = cli_run_path(dir, key);
		fresh = cli_run_path(tmp, key);
		n = again ? rh_analysis_record_count(again, "outputs") : 0;
		for (size_t j = 0; j < n; j++) {
			const char *v;
			rh_analysis_record_at(again, "outputs", j, &k2, &v);
			if (!strcmp(k2, key))
				got = v;
		}
		if (access(kept, F_OK) != 0) {
			report("missing", "output", key, "(not in the directory)");
			*bad = 1;
		} else if (rh_analysis_sha256_file(hex, kept) < 0 || strcmp(hex, want)) {
			report("differs", "output", key, "(changed since the run)");
			*bad = 1;
		} else if (!got) {
			report("missing", "output", key, "(the rerun did not make it)");
			*bad = 1;
		} else if (strcmp(got, want)) {
			size_t kl = strlen(key);
			if (kl > 4 && !strcmp(key + kl - 4, ".pdf") && same_pdf(kept, fresh)) {
				report("same", "output", key, "(but for the PDF's creation date)");
			} else {
				char why[160];
				differ_at(kept, fresh, why, sizeof why);
				report("differs", "output", key, why);
				*bad = 1;
			}
		} else {
			report("same", "output", key, NULL);
		}
		free(kept);
		free(fresh);
	}
	/* What the rerun made that the lock does not list. */
	for (size_t j = 0; again && j < rh_analysis_record_count(again, "outputs"); j++) {
		const char *k2, *v, *key, *w;
		int found = 0;
		rh_analysis_record_at(again, "outputs", j, &k2, &v);
		for (size_t i = 0; i < rh_analysis_record_count(a, "outputs") && !found; i++) {
			rh_analysis_record_at(a, "outputs", i, &key, &w);
			found = !strcmp(key, k2);
		}
		if (!found) {
			report("extra", "output", k2, "(made by the rerun, not in the lock)");
			*bad = 1;
		}
	}
}

enum { OPT_THREADS = 256, OPT_HELP, OPT_QUIET };

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	static const char help[] =
		"Usage: rhetor verify DIR [--threads N]\n\n"
		"Reads DIR/" CLI_LOCK_FILE " (written by rhetor run), checks the SHA-256 of\n"
		"every input (naming each corpus document that changed), reruns the analysis\n"
		"into a temporary directory and compares every output with the lock and with\n"
		"the copy in DIR. One line per file: same, differs or missing (and extra for\n"
		"a file the rerun made that the lock does not list). PDF charts are compared\n"
		"without their creation date. Exit status 0 when everything agrees, 1 if not.\n"
		"  --threads N            worker threads (default: one per core)\n"
		"  -h, --help             this help\n";
	const char *dir;
	char *lockpath = NULL, *tmp = NULL, *again_path = NULL;
	const char *tmproot = getenv("TMPDIR");
	rh_analysis *a = NULL, *again = NULL;
	long threads = 0;
	int c, rc, bad = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': case OPT_HELP: fputs(help, stdout); return CLI_OK;
		case OPT_THREADS:
			if ((rc = cli_parse_count(CMD, "--threads", optarg, &threads)) != CLI_OK)
				return rc;
			break;
		default:
			return cli_opt_error(CMD, c, argv);
		}
	}
	if (optind != argc - 1) {
		cli_error(CMD, "which directory? Usage: rhetor verify DIR");
		return CLI_USAGE;
	}
	dir = argv[optind];
	if (!(lockpath = cli_run_path(dir, CLI_LOCK_FILE))) {
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = cli_run_load(CMD, lockpath, &a)) != CLI_OK || (rc = cli_lock_check(CMD, a, lockpath)) != CLI_OK)
		goto done;
	if (strcmp(rh_analysis_get(a, "rhetor", "version"), rh_version()))
		printf("note: the lock was written by rhetor %s; this is rhetor %s\n",
		       rh_analysis_get(a, "rhetor", "version"), rh_version());
	if ((rc = check_inputs(a, dir, (unsigned)threads, &bad)) != CLI_OK)
		goto done;
	fflush(stdout);

	if (!tmproot || !*tmproot)
		tmproot = "/tmp";
	if (!(tmp = cli_run_path(tmproot, "rhetor-verify.XXXXXX")) || !mkdtemp(tmp)) {
		cli_error(CMD, "cannot make a temporary directory in %s: %s", tmproot, strerror(errno));
		rc = CLI_FAIL;
		goto done;
	}
	cli_run_request req = { CMD, a, dir, tmp, threads, 1, 1, 1, NULL, dir, NULL };
	if (cli_runner(&req) != CLI_OK) {
		cli_error(CMD, "the rerun failed; outputs compared with what it made");
		bad = 1;
	}
	if ((again_path = cli_run_path(tmp, CLI_LOCK_FILE)) && access(again_path, F_OK) == 0 &&
	    cli_run_load(CMD, again_path, &again) != CLI_OK)
		bad = 1;
	check_outputs(a, again, dir, tmp, &bad);
	printf("%s\n", bad ? "verify: DIFFERENCES (see above)" : "verify: every input and output agrees with the lock");
	rc = bad ? CLI_FAIL : CLI_OK;
done:
	if (tmp && access(tmp, F_OK) == 0)
		nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	rh_analysis_free(a);
	rh_analysis_free(again);
	free(again_path);
	free(tmp);
	free(lockpath);
	return rc;
}
