/* testutil.h: fixtures for unit tests: scratch directories and files. */
#ifndef RH_TESTUTIL_H
#define RH_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rhetor.h>

/*
 * A plan of the schema's defaults whose every section reports with `ro`
 * (NULL: the defaults), so a test calls a table writer as the runner does.
 */
static inline void tu_plan(rh_plan *p, const rh_report_options *ro)
{
	rh_plan_section *secs[] = { &p->documents, &p->freq, &p->tfidf, &p->cooc, &p->keyness, &p->kwic, &p->trends };
	if (rh_plan_defaults(p) < 0)
		abort();
	for (size_t i = 0; ro && i < sizeof secs / sizeof *secs; i++)
		secs[i]->report = *ro;
}

/* Writes one table of counts `c` (and tf-idf `tf`, trends `tr`, or NULL) with plan `p`. */
static inline int tu_table(int (*w)(FILE *, const rh_results *), FILE *fp, const rh_plan *p, const rh_counts *c,
			   const rh_tfidf *tf, const rh_trends *tr)
{
	rh_results r = { p, c, tf, tr, NULL };
	return w(fp, &r);
}

/* The same with a plan of defaults and report options `ro` (NULL: the defaults). */
static inline int tu_write_ro(int (*w)(FILE *, const rh_results *), FILE *fp, const rh_counts *c,
			      const rh_report_options *ro)
{
	rh_plan p;
	tu_plan(&p, ro);
	return tu_table(w, fp, &p, c, NULL, NULL);
}

/* A fresh scratch directory; the caller frees the returned path. */
static inline char *tu_tmpdir(void)
{
	char tmpl[] = "/tmp/rhetor-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	return d ? strdup(d) : NULL;
}

/* Writes `len` bytes (or strlen) to DIR/NAME, creating subdirectories. */
static inline void tu_write(const char *dir, const char *name, const char *text, long len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	for (char *s = path + strlen(dir) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(path, 0777);
			*s = '/';
		}
	FILE *fp = fopen(path, "wb");
	if (!fp)
		abort();
	fwrite(text, 1, len < 0 ? strlen(text) : (size_t)len, fp);
	fclose(fp);
}

static inline void tu_rmrf(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
}

/* A corpus written to a scratch directory, its dictionary and its counts. */
typedef struct {
	char *dir;
	rh_corpus *corpus;
	rh_dict *dict;
	rh_counts *counts;
} tu_fixture;

/* Frees everything and removes the scratch directory. */
static inline void tu_fixture_free(tu_fixture *f)
{
	rh_counts_free(f->counts);
	rh_dict_free(f->dict);
	rh_corpus_free(f->corpus);
	tu_rmrf(f->dir);
	free(f->dir);
}

/* got is within tol of want (absolute); needs cmocka.h included before. */
#define NEAR(got, want, tol)                                                                          \
	do {                                                                                          \
		double g_ = (got), w_ = (want);                                                       \
		if (!(fabs(g_ - w_) <= (tol)))                                                        \
			fail_msg("%s = %.17g, expected %.17g (tol %g)", #got, g_, w_, (double)(tol)); \
	} while (0)

#endif
