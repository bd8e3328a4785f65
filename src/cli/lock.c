/* lock.c: the lock file of rhetor run: the analysis as it ran, every default explicit, and the SHA-256 of every input and output. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"

char *cli_run_path(const char *base, const char *value) { return rh_run_path(base, value); }

int cli_run_paths(const char *base, const char *value, char ***out, size_t *n)
{
	return rh_run_paths(out, n, base, value) < 0 ? CLI_FAIL : CLI_OK;
}

char *cli_run_paths_joined(const char *base, const char *value)
{
	char **list = NULL, *joined = NULL;
	size_t n = 0, used = 0, cap = 1;
	if (cli_run_paths(base, value, &list, &n) != CLI_OK)
		return NULL;
	for (size_t k = 0; k < n; k++)
		cap += strlen(list[k]) + 1;
	if (n && (joined = malloc(cap)))
		for (size_t k = 0; k < n; k++)
			used += (size_t)snprintf(joined + used, cap - used, "%s%s", k ? "," : "", list[k]);
	cli_run_paths_free(list, n);
	return joined;
}

void cli_run_paths_free(char **v, size_t n) { rh_run_paths_free(v, n); }

char *cli_run_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}


/*
 * Path `target` relative to directory `from` (both made absolute first), or
 * absolute when they share no directory but the root.
 */
char *cli_relative_to(const char *from, const char *target)
{
	char a[PATH_MAX], b[PATH_MAX], *out;
	size_t common = 0, up = 0, n;
	if (!realpath(from, a) || !realpath(target, b))
		return NULL;
	for (size_t i = 0;; i++) {
		if ((a[i] == '/' || !a[i]) && (b[i] == '/' || !b[i]))
			common = i;
		if (!a[i] || !b[i] || a[i] != b[i])
			break;
	}
	if (!strcmp(a, "/"))
		common = 0;
	/* Nothing in common but the root: the absolute path says more than ../../.. */
	if (common == 0)
		return strdup(b);
	for (const char *p = a + common; *p; p++)
		if (*p == '/')
			up++;
	n = up * 3 + strlen(b) + 2;
	if (!(out = malloc(n)))
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < up; i++)
		strcat(out, "../");
	strcat(out, b[common] == '/' ? b + common + 1 : b + common);
	n = strlen(out);
	if (n == 0)
		strcpy(out, ".");
	else if (out[n - 1] == '/')
		out[n - 1] = '\0';
	return out;
}

/* Adds `path = SHA-256 of file` to [inputs], the key relative to the lock's directory. */
static char *lock_key(run_ctx *r, const char *file);

static int hash_input(run_ctx *r, rh_analysis *lock, const char *file, const char *digest)
{
	char hex[RH_SHA256_HEX], *rel = lock_key(r, file);
	int err;
	if (!rel)
		return CLI_FAIL;
	if (!digest && (err = rh_analysis_sha256_file(hex, file)) < 0) {
		free(rel);
		return cli_lib_error(r->cmd, err);
	}
	err = rh_analysis_record_add(lock, "inputs", rel, digest ? digest : hex);
	free(rel);
	return err < 0 ? cli_lib_error(r->cmd, err) : CLI_OK;
}

/* The outputs' digests, taken on the run's threads, recorded in the outputs' order. */
static int hash_outputs(run_ctx *r, rh_analysis *lock)
{
	char **files = calloc(r->noutputs + 1, sizeof *files);
	char (*hex)[RH_SHA256_HEX] = malloc((r->noutputs + 1) * sizeof *hex);
	int rc = CLI_OK, err = 0;
	if (!files || !hex)
		rc = CLI_FAIL;
	for (size_t i = 0; rc == CLI_OK && i < r->noutputs; i++)
		if (!(files[i] = cli_run_path(r->out, r->outputs[i])))
			rc = CLI_FAIL;
	if (rc != CLI_OK)
		cli_error(r->cmd, "out of memory");
	else if ((err = rh_analysis_sha256_files(hex, (const char *const *)files, r->noutputs, r->o.threads)) < 0)
		rc = cli_lib_error(r->cmd, err);
	for (size_t i = 0; rc == CLI_OK && i < r->noutputs; i++)
		if ((err = rh_analysis_record_add(lock, "outputs", r->outputs[i], hex[i])) < 0)
			rc = cli_lib_error(r->cmd, err);
	for (size_t i = 0; files && i < r->noutputs; i++)
		free(files[i]);
	free(files);
	free(hex);
	return rc;
}

int cli_run_manifest(const char *cmd, const rh_corpus *corpus, unsigned threads, char **manifest, size_t *len)
{
	int err = rh_analysis_corpus_manifest(manifest, len, corpus, threads);
	return err < 0 ? cli_lib_error(cmd, err) : CLI_OK;
}

int cli_lock_digest(rh_analysis *lock, char hex[RH_SHA256_HEX])
{
	char *text = NULL, *kept = strdup(rh_analysis_get(lock, "rhetor", "digest"));
	size_t len = 0;
	FILE *mem;
	int err;
	if (!kept || !(mem = open_memstream(&text, &len))) {
		free(kept);
		return RH_ENOMEM;
	}
	if ((err = rh_analysis_set(lock, "rhetor", "digest", "")) == 0)
		err = rh_analysis_write(mem, lock, NULL);
	fclose(mem);
	if (err == 0)
		err = rh_analysis_sha256(hex, text, len);
	if (err == 0)
		err = rh_analysis_set(lock, "rhetor", "digest", kept);
	free(kept);
	free(text);
	return err;
}

int cli_lock_check(const char *cmd, rh_analysis *lock, const char *path)
{
	char hex[RH_SHA256_HEX], want[RH_SHA256_HEX + 1];
	const char *dir = rh_analysis_get(lock, "output", "dir");
	int err;
	/* A copy: computing the digest sets the value again, which frees the lock's. */
	snprintf(want, sizeof want, "%s", rh_analysis_get(lock, "rhetor", "digest"));
	/* rhetor writes "." there: a lock names its own directory, never another. */
	if (strcmp(dir, ".")) {
		cli_error(cmd, "%s: [output] dir is '%s', not '.': this lock was not written so by rhetor; refused", path,
			  dir);
		return CLI_FAIL;
	}
	if (!*want) {
		cli_error(cmd, "%s: no [rhetor] digest: not a lock rhetor wrote (or an older rhetor's); refused", path);
		return CLI_FAIL;
	}
	if ((err = cli_lock_digest(lock, hex)) < 0)
		return cli_lib_error(cmd, err);
	if (strcmp(hex, want)) {
		cli_error(cmd, "%s: its digest does not match: the lock was edited after rhetor wrote it; refused", path);
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* A lock key for file `file`: its path relative to the output directory (created if need be). */
static char *lock_key(run_ctx *r, const char *file)
{
	char *rel = cli_relative_to(r->out, file);
	if (!rel)
		cli_error(r->cmd, "%s: %s", file, strerror(errno));
	return rel;
}

/* Input `file` named in `probe` as the lock will name it, with a placeholder digest. */
static int probe_input(run_ctx *r, rh_analysis *probe, const char *file)
{
	static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";
	char *key = lock_key(r, file);
	int err, rc = CLI_OK;
	if (!key)
		return CLI_FAIL;
	if ((err = rh_analysis_record_add(probe, "inputs", key, zeros)) < 0)
		rc = cli_lib_error(r->cmd, err);
	free(key);
	return rc;
}

int run_check_lock(run_ctx *r)
{
	const char *lists[2] = { r->corpus, r->meta };
	char *text = NULL;
	size_t len = 0;
	rh_analysis *probe = NULL;
	FILE *mem;
	int err, rc = CLI_OK;

	if (cli_mkdirs(r->out) != 0) {
		cli_error(r->cmd, "cannot create output directory %s: %s", r->out, strerror(errno));
		return CLI_FAIL;
	}
	if (!(mem = open_memstream(&text, &len)))
		return CLI_FAIL;
	err = rh_analysis_write(mem, r->req->a, NULL);
	fclose(mem);
	if (err == 0)
		err = rh_analysis_parse(&probe, text, len, "lock");
	free(text);
	if (err < 0) {
		cli_error(r->cmd, "the lock file could not hold this: %s (nothing was run)", rh_error_last());
		return err == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
	}
	/* Every corpus and metadata file of the lists, the dictionary, the stop lists. */
	for (size_t l = 0; l < 2 && rc == CLI_OK; l++) {
		char **v = NULL;
		size_t nv = 0;
		if (lists[l] && (rc = cli_run_paths(NULL, lists[l], &v, &nv)) == CLI_OK)
			for (size_t k = 0; k < nv && rc == CLI_OK; k++)
				rc = probe_input(r, probe, v[k]);
		cli_run_paths_free(v, nv);
	}
	if (rc == CLI_OK && r->phrases)
		rc = probe_input(r, probe, r->phrases);
	for (size_t i = 0; i < r->nstops && rc == CLI_OK; i++)
		rc = probe_input(r, probe, r->stop_files[i]);
	if (rc == CLI_OK) {
		text = NULL;
		if (!(mem = open_memstream(&text, &len))) {
			rh_analysis_free(probe);
			return CLI_FAIL;
		}
		err = rh_analysis_write(mem, probe, NULL);
		fclose(mem);
		free(text);
		if (err < 0) {
			cli_error(r->cmd, "the lock file could not hold this: %s (nothing was run)", rh_error_last());
			rc = err == RH_EUSAGE ? CLI_USAGE : CLI_FAIL;
		}
	}
	rh_analysis_free(probe);
	return rc;
}

/*
 * The lock file: the analysis with every default explicit and every path
 * relative to the lock's directory, the version, the digests of the
 * inputs and outputs; the corpus manifest beside it.
 */
int run_write_lock(run_ctx *r)
{
	static const char head[] =
		"rhetor lock file: the analysis as it ran, every default explicit, paths relative\n"
		"to this file's directory, and the SHA-256 of every input and output.\n"
		"The corpus digest is the SHA-256 of " CLI_LOCK_MANIFEST " (one line per document).\n"
		"Check it with: rhetor verify DIR   Rerun it with: rhetor run DIR/" CLI_LOCK_FILE;
	char comment[sizeof head + 128];
	rh_analysis *lock = NULL;
	char *text = NULL, *manifest = NULL, hex[RH_SHA256_HEX];
	size_t len, mlen;
	cli_out out;
	int rc = CLI_OK, err;
	struct stat st;

	if (r->plan->where)
		snprintf(comment, sizeof comment, "%s\nwhere kept %zu documents and left out %zu.", head,
			 rh_corpus_count(r->l.corpus), r->left_out);
	else
		snprintf(comment, sizeof comment, "%s", head);
	/* A fresh copy of the analysis through its own writer and parser. */
	{
		FILE *mem = open_memstream(&text, &len);
		if (!mem)
			return CLI_FAIL;
		err = rh_analysis_write(mem, r->req->a, NULL);
		fclose(mem);
		if (err < 0 || (err = rh_analysis_parse(&lock, text, len, "lock")) < 0) {
			rc = cli_lib_error(r->cmd, err);
			goto done;
		}
	}
	/* Paths relative to the lock's directory. */
	for (size_t i = 0; i < rh_analysis_key_count(); i++) {
		const char *sec, *key, *v;
		int is_path;
		rh_analysis_key_at(i, &sec, &key, &is_path);
		v = rh_analysis_get(r->req->a, sec, key);
		if (!is_path || !*v || !strcmp(v, "none") || !strcmp(v, "en") || !rh_analysis_has(r->req->a, sec))
			continue;
		if (!strcmp(sec, "output")) {
			err = rh_analysis_set(lock, sec, key, ".");
		} else {
			/* A list of corpora: each path relative to the lock. */
			char **list = NULL, *joined = NULL;
			size_t n = 0, used = 0, cap = 0;
			if (cli_run_paths(r->req->base, v, &list, &n) != CLI_OK)
				goto oom;
			for (size_t k = 0; k < n; k++) {
				char *rel = cli_relative_to(r->out, list[k]), *nj;
				if (!rel) {
					cli_error(r->cmd, "%s: %s", list[k], strerror(errno));
					cli_run_paths_free(list, n);
					free(joined);
					rc = CLI_FAIL;
					goto done;
				}
				cap = used + strlen(rel) + 3;
				if (!(nj = realloc(joined, cap))) {
					free(rel);
					cli_run_paths_free(list, n);
					free(joined);
					goto oom;
				}
				joined = nj;
				used += (size_t)snprintf(joined + used, cap - used, "%s%s", k ? ", " : "", rel);
				free(rel);
			}
			err = rh_analysis_set(lock, sec, key, joined ? joined : "");
			free(joined);
			cli_run_paths_free(list, n);
		}
		if (err < 0) {
			rc = cli_lib_error(r->cmd, err);
			goto done;
		}
	}
	if ((err = rh_analysis_set(lock, "rhetor", "version", rh_version())) < 0) {
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	/* Inputs: the corpus (the digest of its manifest), metadata, dictionary, stop lists. */
	if (rh_run_countsfile(r->run)) {
		/* Counted elsewhere: the manifest the counts file holds. */
		const rh_countsfile_info *ci = rh_countsfile_info_of(rh_run_countsfile(r->run));
		mlen = ci->manifest_len;
		if (!(manifest = malloc(mlen + 1)))
			goto oom;
		memcpy(manifest, ci->manifest ? ci->manifest : "", mlen);
		manifest[mlen] = '\0';
	} else if ((err = rh_run_manifest(r->run, &manifest, &mlen)) < 0) {
		/* From the digests the pass took (rh_run_keep_digests): no document is read again. */
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	if ((err = rh_analysis_sha256(hex, manifest, mlen)) < 0) {
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	if ((rc = cli_out_open(r->cmd, &out, r->out, CLI_LOCK_MANIFEST)) != CLI_OK)
		goto done;
	fwrite(manifest, 1, mlen, out.fp);
	if ((rc = cli_out_commit(r->cmd, &out)) != CLI_OK)
		goto done;
	{
		/* Each corpus: a directory has the digest of the manifest, a CSV file its own. */
		char **list = NULL;
		size_t n = 0;
		if ((rc = cli_run_paths(NULL, r->corpus, &list, &n)) != CLI_OK)
			goto done;
		for (size_t k = 0; rc == CLI_OK && k < n; k++)
			rc = hash_input(r, lock, list[k], stat(list[k], &st) == 0 && S_ISDIR(st.st_mode) ? hex : NULL);
		cli_run_paths_free(list, n);
	}
	if (rc == CLI_OK && r->meta) {
		char **list = NULL;
		size_t n = 0;
		if ((rc = cli_run_paths(NULL, r->meta, &list, &n)) == CLI_OK)
			for (size_t k = 0; rc == CLI_OK && k < n; k++)
				rc = hash_input(r, lock, list[k], NULL);
		cli_run_paths_free(list, n);
	}
	if (rc == CLI_OK && r->phrases)
		rc = hash_input(r, lock, r->phrases, NULL);
	for (size_t i = 0; rc == CLI_OK && i < r->nstops; i++)
		rc = hash_input(r, lock, r->stop_files[i], NULL);
	if (rc == CLI_OK && r->o.text.dehyphenate) {
		char *words = cli_data_path(CLI_WORD_LIST);
		rc = words ? hash_input(r, lock, words, NULL) : CLI_FAIL;
		free(words);
	}
	if (rc != CLI_OK)
		goto done;
	if ((rc = hash_outputs(r, lock)) != CLI_OK)
		goto done;
	/* The lock's own digest, so that verify knows an edited lock. */
	if ((err = cli_lock_digest(lock, hex)) < 0 || (err = rh_analysis_set(lock, "rhetor", "digest", hex)) < 0) {
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	if ((rc = cli_out_open(r->cmd, &out, r->out, CLI_LOCK_FILE)) != CLI_OK)
		goto done;
	if ((err = rh_analysis_write(out.fp, lock, comment)) < 0) {
		cli_out_abort(&out);
		rc = cli_lib_error(r->cmd, err);
		goto done;
	}
	rc = cli_out_commit(r->cmd, &out);
	goto done;
oom:
	cli_error(r->cmd, "out of memory");
	rc = CLI_FAIL;
done:
	free(manifest);
	free(text);
	rh_analysis_free(lock);
	return rc;
}

