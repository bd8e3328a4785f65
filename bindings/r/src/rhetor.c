/* rhetor.c: the R package's calls into librhetor: the schema, the list of tables, and one run to its tables' bytes. */
#include <stdlib.h>
#include <string.h>

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

#include <rhetor.h>

#include "config.h"

/* A string of R as UTF-8, or NULL for NA. */
static const char *utf8(SEXP v, R_xlen_t i)
{
	SEXP s = STRING_ELT(v, i);
	return s == NA_STRING ? NULL : Rf_translateCharUTF8(s);
}

static SEXP mkutf8(const char *s) { return s ? Rf_mkCharCE(s, CE_UTF8) : NA_STRING; }

/* The schema's keys: list(section, key, is_path, default), in the library's order. */
static SEXP rhetor_schema(void)
{
	size_t n = rh_analysis_key_count();
	SEXP out = PROTECT(Rf_allocVector(VECSXP, 4));
	SEXP sec = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n)), key = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
	SEXP path = PROTECT(Rf_allocVector(LGLSXP, (R_xlen_t)n)), def = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
	for (size_t i = 0; i < n; i++) {
		const char *s, *k;
		int p;
		rh_analysis_key_at(i, &s, &k, &p);
		SET_STRING_ELT(sec, (R_xlen_t)i, mkutf8(s));
		SET_STRING_ELT(key, (R_xlen_t)i, mkutf8(k));
		LOGICAL(path)[i] = p;
		SET_STRING_ELT(def, (R_xlen_t)i, mkutf8(rh_analysis_default(s, k)));
	}
	SET_VECTOR_ELT(out, 0, sec);
	SET_VECTOR_ELT(out, 1, key);
	SET_VECTOR_ELT(out, 2, path);
	SET_VECTOR_ELT(out, 3, def);
	UNPROTECT(5);
	return out;
}

/* The list of tables: list(name, section), section NA for the table of every run. */
static SEXP rhetor_tables(void)
{
	size_t n = rh_tables_count();
	SEXP out = PROTECT(Rf_allocVector(VECSXP, 2));
	SEXP name = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n)), sec = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
	for (size_t i = 0; i < n; i++) {
		SET_STRING_ELT(name, (R_xlen_t)i, mkutf8(rh_tables_at(i)->name));
		SET_STRING_ELT(sec, (R_xlen_t)i, mkutf8(rh_tables_at(i)->section));
	}
	SET_VECTOR_ELT(out, 0, name);
	SET_VECTOR_ELT(out, 1, sec);
	UNPROTECT(3);
	return out;
}

static SEXP rhetor_version(void) { return Rf_mkString(rh_version()); }

/*
 * What a run keeps until its R objects are made: every C resource is freed
 * before an R error is raised (Rf_error does not return).
 */
typedef struct {
	rh_analysis *a;
	rh_run *run;
	char **bufs;
	size_t *lens;
	const rh_table_def **defs;
	size_t n;
	char msg[4096];
} call_state;

static void state_free(call_state *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->bufs[i]);
	free(st->bufs);
	free(st->lens);
	free(st->defs);
	rh_run_free(st->run);
	rh_analysis_free(st->a);
}

static int fail(call_state *st, int err)
{
	snprintf(st->msg, sizeof st->msg, "%s", *rh_error_last() ? rh_error_last() : "rhetor failed");
	return err;
}

/* The analysis: a file's text, or keys set one by one with sections turned on. */
static int analysis_of(call_state *st, SEXP text, SEXP name, SEXP enable, SEXP sec, SEXP key, SEXP val)
{
	int err;
	if (!Rf_isNull(text)) {
		const char *t = utf8(text, 0);
		err = rh_analysis_parse(&st->a, t, strlen(t), utf8(name, 0));
	} else {
		err = rh_analysis_new(&st->a);
	}
	if (err < 0)
		return fail(st, err);
	for (R_xlen_t i = 0; i < XLENGTH(enable); i++)
		if ((err = rh_analysis_enable(st->a, utf8(enable, i))) < 0)
			return fail(st, err);
	for (R_xlen_t i = 0; i < XLENGTH(sec); i++)
		if ((err = rh_analysis_set(st->a, utf8(sec, i), utf8(key, i), utf8(val, i))) < 0)
			return fail(st, err);
	if (Rf_isNull(text) && (err = rh_analysis_check(st->a, NULL, NULL)) < 0)
		return fail(st, err);
	return 0;
}

/* A corpus from list(doc_id, text, names, values): values column by column, NA for none. */
static int corpus_of(call_state *st, SEXP corpus, rh_corpus **out)
{
	SEXP ids = VECTOR_ELT(corpus, 0), texts = VECTOR_ELT(corpus, 1), names = VECTOR_ELT(corpus, 2),
	     values = VECTOR_ELT(corpus, 3);
	size_t n = (size_t)XLENGTH(ids), k = (size_t)XLENGTH(names), nv = (size_t)XLENGTH(values);
	const char **cid = calloc(n + 1, sizeof *cid), **ctext = calloc(n + 1, sizeof *ctext);
	const char **cnames = calloc(k + 1, sizeof *cnames), **cvals = calloc(nv + 1, sizeof *cvals);
	int err = 0;
	if (!cid || !ctext || !cnames || !cvals) {
		snprintf(st->msg, sizeof st->msg, "out of memory");
		err = RH_ENOMEM;
	} else {
		/* translateCharUTF8 keeps its strings until the call returns. */
		for (size_t i = 0; i < n; i++) {
			cid[i] = utf8(ids, (R_xlen_t)i);
			ctext[i] = utf8(texts, (R_xlen_t)i);
		}
		for (size_t j = 0; j < k; j++)
			cnames[j] = utf8(names, (R_xlen_t)j);
		for (size_t v = 0; v < nv; v++)
			cvals[v] = utf8(values, (R_xlen_t)v);
		if ((err = rh_corpus_new(out, n, cid, ctext, NULL, k, cnames, cvals)) < 0)
			fail(st, err);
	}
	free(cid);
	free(ctext);
	free(cnames);
	free(cvals);
	return err;
}

/* Every table the run wants, in list order, as bytes. */
static int tables_of(call_state *st)
{
	size_t cap = rh_tables_count();
	int err;
	if ((err = rh_run_count(st->run)) < 0)
		return fail(st, err);
	st->bufs = calloc(cap, sizeof *st->bufs);
	st->lens = calloc(cap, sizeof *st->lens);
	st->defs = calloc(cap, sizeof *st->defs);
	if (!st->bufs || !st->lens || !st->defs) {
		snprintf(st->msg, sizeof st->msg, "out of memory");
		return RH_ENOMEM;
	}
	for (size_t i = 0; i < cap; i++) {
		const rh_table_def *t = rh_tables_at(i);
		if (!rh_run_wants(st->run, t))
			continue;
		if ((err = rh_run_table(st->run, t, &st->bufs[st->n], &st->lens[st->n])) < 0)
			return fail(st, err);
		st->defs[st->n++] = t;
	}
	return 0;
}

/*
 * One run: rhetor_run(text, name, enable, sec, key, val, base, corpus,
 * threads, data_dir). Returns list(tables = named list of raw vectors,
 * warnings = character); an error carries rhetor's message.
 */
static SEXP rhetor_run(SEXP text, SEXP name, SEXP enable, SEXP sec, SEXP key, SEXP val, SEXP base, SEXP corpus,
		       SEXP threads, SEXP data_dir)
{
	call_state st;
	rh_run_options o = RH_RUN_OPTIONS_INIT;
	SEXP out, tabs, names, warns;
	int err;

	memset(&st, 0, sizeof st);
	o.base = Rf_isNull(base) ? NULL : utf8(base, 0);
	o.data_dir = Rf_isNull(data_dir) ? NULL : utf8(data_dir, 0);
#ifdef RHETOR_DATA_DIR_DEFAULT
	if (!o.data_dir)
		o.data_dir = RHETOR_DATA_DIR_DEFAULT;
#endif
	o.threads = Rf_isNull(threads) ? -1 : (long)Rf_asInteger(threads);
	if ((err = analysis_of(&st, text, name, enable, sec, key, val)) < 0 ||
	    (!Rf_isNull(corpus) && (err = corpus_of(&st, corpus, &o.corpus)) < 0))
		goto failed;
	if ((err = rh_run_new(&st.run, st.a, &o)) < 0) {
		fail(&st, err);
		goto failed;
	}
	if ((err = tables_of(&st)) < 0)
		goto failed;
	out = PROTECT(Rf_allocVector(VECSXP, 2));
	tabs = PROTECT(Rf_allocVector(VECSXP, (R_xlen_t)st.n));
	names = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)st.n));
	for (size_t i = 0; i < st.n; i++) {
		SEXP raw = Rf_allocVector(RAWSXP, (R_xlen_t)st.lens[i]);
		SET_VECTOR_ELT(tabs, (R_xlen_t)i, raw);
		if (st.lens[i])
			memcpy(RAW(raw), st.bufs[i], st.lens[i]);
		SET_STRING_ELT(names, (R_xlen_t)i, mkutf8(st.defs[i]->name));
	}
	Rf_setAttrib(tabs, R_NamesSymbol, names);
	warns = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)rh_run_warning_count(st.run)));
	for (size_t i = 0; i < rh_run_warning_count(st.run); i++)
		SET_STRING_ELT(warns, (R_xlen_t)i, mkutf8(rh_run_warning_at(st.run, i)));
	SET_VECTOR_ELT(out, 0, tabs);
	SET_VECTOR_ELT(out, 1, warns);
	state_free(&st);
	UNPROTECT(4);
	return out;
failed:
	state_free(&st);
	Rf_error("%s", st.msg);
	return R_NilValue;
}

static const R_CallMethodDef calls[] = {
	{ "rhetor_schema", (DL_FUNC)&rhetor_schema, 0 },
	{ "rhetor_tables", (DL_FUNC)&rhetor_tables, 0 },
	{ "rhetor_version", (DL_FUNC)&rhetor_version, 0 },
	{ "rhetor_run", (DL_FUNC)&rhetor_run, 10 },
	{ NULL, NULL, 0 }
};

void R_init_rhetor(DllInfo *dll)
{
	R_registerRoutines(dll, NULL, calls, NULL, NULL);
	R_useDynamicSymbols(dll, FALSE);
	R_forceSymbols(dll, TRUE);
}
