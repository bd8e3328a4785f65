/* analysis.c: analysis files: one schema gives the keys, their kinds and defaults, the checks and the lock file. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "internal.h"
#include "rhetor/analysis.h"
#include "rhetor/ngram.h"
#include "rhetor/select.h"
#include "rhetor/stats.h"

typedef enum {
	K_STR,     /* any text */
	K_PATH,    /* a file or directory, relative to the analysis file */
	K_STOP,    /* none, en, or a path */
	K_BOOL,    /* yes/no (also true/false, on/off, 1/0), kept as yes/no */
	K_COUNT,   /* a whole number >= 0 */
	K_REAL,    /* a finite number >= 0 */
	K_ENUM,    /* one of `choices` ("a|b|c") */
	K_FORMATS, /* a comma-separated subset of png, pdf, svg, tex */
	K_DF,      /* a count of units (whole number) or a fraction (0..1, written with . or e) */
	K_SIZES    /* n-gram sizes: N or MIN-MAX, 1..5 */
} key_kind;

/*
 * Defaults starting with '@' follow another key: "@corpus" the same key of
 * [corpus], "@window" cooc.window, "@within" the other section's within,
 * "@preset" tfidf's preset.
 */
typedef struct {
	const char *section, *key;
	key_kind kind;
	const char *def;
	const char *choices;
	int required; /* must be given when the section is present */
} key_def;

static const key_def schema[] = {
	{ "rhetor", "version", K_STR, "", NULL, 0 },
	{ "rhetor", "digest", K_STR, "", NULL, 0 },
	{ "corpus", "path", K_PATH, "", NULL, 0 }, /* needed unless counts is given: check_sections */
	{ "corpus", "names", K_STR, "", NULL, 0 },
	{ "corpus", "counts", K_PATH, "", NULL, 0 },
	{ "corpus", "meta", K_PATH, "", NULL, 0 },
	{ "corpus", "meta_id_col", K_STR, "doc_id", NULL, 0 },
	{ "corpus", "name_pattern", K_STR, "", NULL, 0 },
	{ "corpus", "text_col", K_STR, "text", NULL, 0 },
	{ "corpus", "id_col", K_STR, "doc_id", NULL, 0 },
	{ "corpus", "by", K_STR, "", NULL, 0 },
	{ "corpus", "where", K_STR, "", NULL, 0 },
	{ "corpus", "keep_case", K_BOOL, "no", NULL, 0 },
	{ "corpus", "split_hyphens", K_BOOL, "no", NULL, 0 },
	{ "corpus", "dehyphenate", K_BOOL, "no", NULL, 0 },
	{ "corpus", "stopwords", K_STOP, "none", NULL, 0 },
	{ "corpus", "ngrams", K_SIZES, "1", NULL, 0 },
	{ "corpus", "ngram_stop", K_ENUM, "none", "none|edge", 0 },
	{ "corpus", "min_count", K_COUNT, "0", NULL, 0 },
	{ "corpus", "threads", K_COUNT, "0", NULL, 0 },
	{ "phrases", "file", K_PATH, "", NULL, 1 },
	{ "freq", "top", K_COUNT, "0", NULL, 0 },
	{ "freq", "min_count", K_COUNT, "@corpus", NULL, 0 },
	{ "freq", "stopwords", K_STOP, "@corpus", NULL, 0 },
	{ "freq", "dispersion", K_BOOL, "no", NULL, 0 },
	{ "tfidf", "preset", K_ENUM, "sklearn", "sklearn|quanteda|tidytext", 0 },
	{ "tfidf", "tf", K_ENUM, "@preset", "raw|log|bool|prop|aug", 0 },
	{ "tfidf", "idf", K_ENUM, "@preset", "smooth|plain|prob|none", 0 },
	{ "tfidf", "norm", K_ENUM, "@preset", "l2|l1|none", 0 },
	{ "tfidf", "log_base", K_ENUM, "@preset", "e|2|10", 0 },
	{ "tfidf", "unit", K_ENUM, "doc", "doc|group", 0 },
	{ "tfidf", "min_df", K_DF, "1", NULL, 0 },
	{ "tfidf", "max_df", K_DF, "1.0", NULL, 0 },
	{ "tfidf", "similarity", K_BOOL, "no", NULL, 0 },
	{ "tfidf", "similarity_top", K_COUNT, "0", NULL, 0 },
	{ "tfidf", "top", K_COUNT, "20", NULL, 0 },
	{ "tfidf", "min_count", K_COUNT, "@corpus", NULL, 0 },
	{ "tfidf", "stopwords", K_STOP, "@corpus", NULL, 0 },
	{ "cooc", "window", K_COUNT, "5", NULL, 0 },
	{ "cooc", "window_left", K_COUNT, "@window", NULL, 0 },
	{ "cooc", "window_right", K_COUNT, "@window", NULL, 0 },
	{ "cooc", "within", K_ENUM, "@within", "doc|sentence", 0 },
	{ "cooc", "min_o11", K_COUNT, "1", NULL, 0 },
	{ "cooc", "by_group", K_BOOL, "yes", NULL, 0 },
	{ "cooc", "top", K_COUNT, "0", NULL, 0 },
	{ "cooc", "min_count", K_COUNT, "@corpus", NULL, 0 },
	{ "cooc", "stopwords", K_STOP, "@corpus", NULL, 0 },
	{ "keyness", "target", K_STR, "", NULL, 1 },
	{ "keyness", "reference", K_STR, "rest", NULL, 0 },
	{ "keyness", "top", K_COUNT, "0", NULL, 0 },
	{ "keyness", "min_count", K_COUNT, "@corpus", NULL, 0 },
	{ "keyness", "stopwords", K_STOP, "@corpus", NULL, 0 },
	{ "kwic", "context", K_COUNT, "10", NULL, 0 },
	{ "kwic", "within", K_ENUM, "@within", "doc|sentence", 0 },
	{ "trends", "time", K_STR, "", NULL, 1 },
	{ "trends", "period_width", K_REAL, "0", NULL, 0 },
	{ "candidates", "size", K_SIZES, "2", NULL, 0 },
	{ "candidates", "min_count", K_COUNT, "5", NULL, 0 },
	{ "candidates", "smoothing", K_REAL, "0.5", NULL, 0 },
	{ "candidates", "target", K_STR, "", NULL, 0 },
	{ "candidates", "top", K_COUNT, "0", NULL, 0 },
	{ "candidates", "dictionary", K_BOOL, "no", NULL, 0 },
	{ "candidates", "dictionary_top", K_COUNT, "100", NULL, 0 },
	{ "plot", "format", K_FORMATS, "png,pdf", NULL, 0 },
	{ "plot", "groups", K_STR, "", NULL, 0 },
	{ "plot", "concepts", K_STR, "", NULL, 0 },
	{ "plot", "titles", K_BOOL, "no", NULL, 0 },
	{ "plot", "width", K_ENUM, "2col", "1col|2col", 0 },
	{ "plot", "top", K_COUNT, "20", NULL, 0 },
	{ "plot", "render", K_BOOL, "yes", NULL, 0 },
	{ "report", "rows", K_COUNT, "1000", NULL, 0 },
	{ "report", "lines", K_COUNT, "20000", NULL, 0 },
	{ "output", "dir", K_PATH, "out", NULL, 0 },
	{ "output", "excel", K_BOOL, "no", NULL, 0 },
	{ "output", "raw_cells", K_BOOL, "no", NULL, 0 },
};
#define NKEYS (sizeof schema / sizeof *schema)

/* Sections in the order they are written; the last two hold free keys. */
static const char *const sections[] = {
	"rhetor", "corpus", "phrases", "freq", "tfidf", "cooc", "keyness", "kwic", "trends", "candidates", "plot",
	"report", "output", "inputs", "outputs",
};
#define NSECTIONS (sizeof sections / sizeof *sections)
#define SEC_INPUTS (NSECTIONS - 2)

typedef struct {
	char *key, *value;
} record;

struct rh_analysis {
	char *val[NKEYS];          /* NULL: not given (the default applies) */
	unsigned line[NKEYS];      /* where it was given */
	int present[NSECTIONS];
	unsigned sec_line[NSECTIONS];
	record *rec[2];            /* [inputs], [outputs], sorted by key */
	size_t nrec[2], caprec[2];
};

static int section_index(const char *s)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		if (!strcmp(sections[i], s))
			return (int)i;
	return -1;
}

static int key_index(const char *section, const char *key)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(schema[i].section, section) && !strcmp(schema[i].key, key))
			return (int)i;
	return -1;
}

static int is_choice(const char *choices, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = choices; *p;) {
		size_t k = strcspn(p, "|");
		if (k == n && !strncmp(p, v, n))
			return 1;
		p += k;
		if (*p == '|')
			p++;
	}
	return 0;
}

/*
 * Checks `v` against key k's kind; *canon gets the value to keep (a new
 * string). Returns 0, or RH_EPARSE with a message that starts with `where`.
 */
static int check_value(const char *where, size_t k, const char *v, char **canon)
{
	const key_def *d = &schema[k];
	char *end;
	const char *keep = v;

	*canon = NULL;
	switch (d->kind) {
	case K_STR:
	case K_PATH:
	case K_STOP:
		if (d->required && !*v)
			return rh_error__set(RH_EPARSE, "%s: %s wants a value", where, d->key);
		break;
	case K_BOOL:
		if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1"))
			keep = "yes";
		else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "0"))
			keep = "no";
		else
			return rh_error__set(RH_EPARSE, "%s: %s wants yes or no, not '%s'", where, d->key, v);
		break;
	case K_COUNT: {
		unsigned long long n;
		char buf[32];
		errno = 0;
		n = strtoull(v, &end, 10);
		if (!*v || *end || errno || v[0] == '-' || v[0] == '+' || n > 0x7fffffffULL)
			return rh_error__set(RH_EPARSE, "%s: %s wants a whole number >= 0, not '%s'", where,
					     d->key, v);
		snprintf(buf, sizeof buf, "%llu", n);
		*canon = rh__strdup(buf);
		return *canon ? 0 : RH_ENOMEM;
	}
	case K_REAL: {
		double x;
		errno = 0;
		x = strtod(v, &end);
		if (!*v || *end || errno || !isfinite(x) || x < 0 || x > 1e15)
			return rh_error__set(RH_EPARSE, "%s: %s wants a number >= 0, not '%s'", where, d->key, v);
		break;
	}
	case K_ENUM:
		if (!is_choice(d->choices, v))
			return rh_error__set(RH_EPARSE, "%s: %s wants one of %s, not '%s'", where, d->key,
					     d->choices, v);
		break;
	case K_FORMATS:
		if (!*v)
			return rh_error__set(RH_EPARSE, "%s: %s wants a list of png, pdf, svg, tex", where, d->key);
		for (const char *p = v; *p;) {
			size_t n = strcspn(p, ",");
			char one[8];
			if (n == 0 || n >= sizeof one)
				return rh_error__set(RH_EPARSE, "%s: %s: '%s' is not a list of png, pdf, svg, tex",
						     where, d->key, v);
			memcpy(one, p, n);
			one[n] = '\0';
			if (!is_choice("png|pdf|svg|tex", one))
				return rh_error__set(RH_EPARSE, "%s: %s: '%s' is not one of png, pdf, svg, tex",
						     where, d->key, one);
			p += n;
			if (*p == ',' && !*++p)
				return rh_error__set(RH_EPARSE, "%s: %s ends with a comma", where, d->key);
		}
		break;
	case K_SIZES: {
		unsigned lo, hi;
		if (rh_ngram_sizes(v, &lo, &hi) < 0)
			return rh_error__set(RH_EPARSE, "%s: %s %s", where, d->key, rh_error_last());
		break;
	}
	case K_DF: {
		/* scikit-learn's reading: a float is a fraction of the units, an int a count. */
		double x;
		errno = 0;
		x = strtod(v, &end);
		if (!*v || *end || errno || !isfinite(x) || x < 0)
			return rh_error__set(RH_EPARSE, "%s: %s wants a count or a fraction, not '%s'", where,
					     d->key, v);
		if (strpbrk(v, ".eE")) {
			if (x > 1)
				return rh_error__set(RH_EPARSE,
						     "%s: %s %s: a fraction must be between 0 and 1 (a whole number is a count)",
						     where, d->key, v);
		} else if (strspn(v, "0123456789") != strlen(v)) {
			return rh_error__set(RH_EPARSE, "%s: %s wants a count or a fraction, not '%s'", where,
					     d->key, v);
		}
		break;
	}
	}
	*canon = rh__strdup(keep);
	return *canon ? 0 : RH_ENOMEM;
}

/* State of one parse: the text, the line being read, the first error. */
typedef struct {
	rh_analysis *a;
	const char *name;
	const char *p, *end;
	unsigned line;
	char section[64];
	int err;
	char msg[1024]; /* the first error's message */
} parse_state;

/* Keeps the first error and its message: it names the first problem in the file. */
static void parse_fail(parse_state *ps, int code)
{
	if (ps->err)
		return;
	ps->err = code;
	snprintf(ps->msg, sizeof ps->msg, "%s", rh_error_last());
}

/*
 * inih's reader: one physical line per call, leading white space removed
 * (so no line is read as the continuation of a value), section headers
 * checked here where the line number is known.
 */
static char *reader(char *str, int num, void *stream)
{
	parse_state *ps = stream;
	const char *q, *s;
	size_t n, lead;

	if (ps->p >= ps->end)
		return NULL;
	q = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
	n = q ? (size_t)(q - ps->p) + 1 : (size_t)(ps->end - ps->p);
	s = ps->p;
	ps->p += n;
	ps->line++;
	lead = 0;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	s += lead;
	n -= lead;
	if (memchr(s, '\0', n)) {
		parse_fail(ps, rh_error__set(RH_EPARSE, "%s:%u: a NUL byte", ps->name, ps->line));
		n = 0;
	} else if (n + lead > RH_ANALYSIS_MAX_LINE || n + 1 > (size_t)num) {
		parse_fail(ps, rh_error__set(RH_EPARSE, "%s:%u: line longer than %d bytes", ps->name, ps->line,
					     RH_ANALYSIS_MAX_LINE));
		n = 0;
	}
	memcpy(str, s, n);
	str[n] = '\0';
	if (n && s[0] == '[') {
		/* inih's reading of a header: the text up to the first ']', untrimmed. */
		const char *close = memchr(s, ']', n);
		size_t len = close ? (size_t)(close - s) - 1 : 0;
		int si;
		if (close && len < sizeof ps->section) {
			memcpy(ps->section, s + 1, len);
			ps->section[len] = '\0';
			if ((si = section_index(ps->section)) < 0) {
				parse_fail(ps, rh_error__set(RH_EPARSE,
							     "%s:%u: unknown section [%s] (sections: corpus, phrases, freq, tfidf, cooc, keyness, kwic, trends, candidates, plot, report, output)",
							     ps->name, ps->line, ps->section));
			} else if (!ps->a->present[si]) {
				ps->a->present[si] = 1;
				ps->a->sec_line[si] = ps->line;
			}
		}
	}
	return str;
}

static int record_add(rh_analysis *a, size_t r, const char *key, const char *value)
{
	size_t lo = 0, hi = a->nrec[r];
	char *v;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(a->rec[r][mid].key, key);
		if (c == 0) {
			if (!(v = rh__strdup(value)))
				return RH_ENOMEM;
			free(a->rec[r][mid].value);
			a->rec[r][mid].value = v;
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (rh__grow(&a->rec[r], &a->caprec[r], a->nrec[r] + 1, sizeof(record)) < 0)
		return RH_ENOMEM;
	memmove(&a->rec[r][lo + 1], &a->rec[r][lo], (a->nrec[r] - lo) * sizeof(record));
	a->rec[r][lo].key = rh__strdup(key);
	a->rec[r][lo].value = rh__strdup(value);
	a->nrec[r]++;
	if (!a->rec[r][lo].key || !a->rec[r][lo].value)
		return RH_ENOMEM;
	return 0;
}

/* The keys of a section, for the message about an unknown one. */
static void section_keys(const char *section, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < NKEYS && n < cap; i++)
		if (!strcmp(schema[i].section, section))
			n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", schema[i].key);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	parse_state *ps = user;
	rh_analysis *a = ps->a;
	int si = section_index(section), k, err;
	char where[512], keys[512], *canon;

	snprintf(where, sizeof where, "%s:%u", ps->name, ps->line);
	if (si < 0) {
		if (!*section)
			parse_fail(ps, rh_error__set(RH_EPARSE, "%s: '%s' comes before any [section]", where, name));
		/* An unknown section was reported at its header. */
		return 1;
	}
	if ((size_t)si >= SEC_INPUTS) {
		if ((err = record_add(a, (size_t)si - SEC_INPUTS, name, value)) < 0)
			parse_fail(ps, err);
		return 1;
	}
	if ((k = key_index(section, name)) < 0) {
		section_keys(section, keys, sizeof keys);
		parse_fail(ps, rh_error__set(RH_EPARSE, "%s: unknown key '%s' in [%s] (keys: %s)", where, name,
					     section, keys));
		return 1;
	}
	if (a->val[k]) {
		parse_fail(ps, rh_error__set(RH_EPARSE, "%s: %s is given twice in [%s] (first on line %u)", where,
					     name, section, a->line[k]));
		return 1;
	}
	if ((err = check_value(where, (size_t)k, value, &canon)) < 0) {
		parse_fail(ps, err);
		return 1;
	}
	a->val[k] = canon;
	a->line[k] = ps->line;
	return 1;
}

/*
 * What the sections need of each other. `name` (NULL: an analysis built in
 * memory) and the line of the section start each message; *sec and *key
 * name the key at fault.
 */
static int check_sections(const rh_analysis *a, const char *name, const char **sec, const char **key)
{
	static const char *const need_dict[] = { "cooc", "kwic", "trends" };
	char where[300];
	int si;

#define WHERE(line) (name ? (snprintf(where, sizeof where, "%s:%u: ", name, (line)), where) : "")
#define FAULT(s, k) (*sec = (s), *key = (k))
	if (!a->present[section_index("corpus")])
		return FAULT("corpus", "path"),
		       rh_error__set(RH_EPARSE, "%s%sno [corpus] section (it names the corpus: path = DIR)",
				     name ? name : "", name ? ": " : "");
	/* A counts file (rhetor count, rhetor merge) stands in for the corpus, and holds its dictionary. */
	const int counted = *rh_analysis_get(a, "corpus", "counts") != '\0';
	if (counted && *rh_analysis_get(a, "corpus", "path"))
		return FAULT("corpus", "counts"),
		       rh_error__set(RH_EPARSE, "%s[corpus] has both path and counts: the counts file stands for the corpus, give one of them",
				     WHERE(a->sec_line[section_index("corpus")]));
	if (!counted && !*rh_analysis_get(a, "corpus", "path"))
		return FAULT("corpus", "path"),
		       rh_error__set(RH_EPARSE, "%s[corpus] needs path = ... (or counts = FILE)",
				     WHERE(a->sec_line[section_index("corpus")]));
	for (size_t k = 0; k < NKEYS; k++) {
		si = section_index(schema[k].section);
		if (schema[k].required && a->present[si] && !a->val[k])
			return FAULT(schema[k].section, schema[k].key),
			       rh_error__set(RH_EPARSE, "%s[%s] needs %s = ...", WHERE(a->sec_line[si]),
					     schema[k].section, schema[k].key);
	}
	for (size_t i = 0; i < sizeof need_dict / sizeof *need_dict; i++) {
		si = section_index(need_dict[i]);
		if (a->present[si] && !a->present[section_index("phrases")] && !counted)
			return FAULT("phrases", "file"),
			       rh_error__set(RH_EPARSE, "%s[%s] counts the concepts of a dictionary: add [phrases] file = FILE",
					     WHERE(a->sec_line[si]), need_dict[i]);
	}
	if (a->present[si = section_index("keyness")] && !*rh_analysis_get(a, "corpus", "by") && !counted &&
	    !rh_selection_is_expr(rh_analysis_get(a, "keyness", "target")))
		return FAULT("corpus", "by"),
		       rh_error__set(RH_EPARSE, "%s[keyness] compares groups: set by = COLUMN in [corpus], or a selection as the target (target = country = CHN)",
				     WHERE(a->sec_line[si]));
	if (a->present[si = section_index("candidates")] && counted)
		return FAULT("corpus", "counts"),
		       rh_error__set(RH_EPARSE, "%s[candidates] reads the texts, which a counts file does not hold: give [corpus] path",
				     WHERE(a->sec_line[si]));
	if (a->present[si = section_index("candidates")] && *rh_analysis_get(a, "candidates", "target") &&
	    !*rh_analysis_get(a, "corpus", "by"))
		return FAULT("corpus", "by"),
		       rh_error__set(RH_EPARSE, "%s[candidates] target = %s: the keyness of candidates needs by = COLUMN in [corpus]",
				     WHERE(a->sec_line[si]), rh_analysis_get(a, "candidates", "target"));
	if (a->present[si = section_index("tfidf")] && !strcmp(rh_analysis_get(a, "tfidf", "unit"), "group") &&
	    !*rh_analysis_get(a, "corpus", "by"))
		return FAULT("corpus", "by"),
		       rh_error__set(RH_EPARSE, "%s[tfidf] unit = group needs by = COLUMN in [corpus]",
				     WHERE(a->sec_line[si]));
	{
		int kc = key_index("cooc", "within"), kk = key_index("kwic", "within");
		if (a->val[kc] && a->val[kk] && strcmp(a->val[kc], a->val[kk]))
			return FAULT("kwic", "within"),
			       rh_error__set(RH_EPARSE,
					     "%swithin = %s, but [cooc] says %s on line %u: one counting pass serves both, so they must agree",
					     WHERE(a->line[kk]), a->val[kk], a->val[kc], a->line[kc]);
	}
	if (a->present[si = section_index("cooc")] && rh_analysis_count(a, "cooc", "window_left") == 0 &&
	    rh_analysis_count(a, "cooc", "window_right") == 0)
		return FAULT("cooc", "window"),
		       rh_error__set(RH_EPARSE, "%s[cooc] the window is empty: window, window_left or window_right above 0",
				     WHERE(a->sec_line[si]));
	if (a->present[si = section_index("kwic")] && rh_analysis_count(a, "kwic", "context") == 0)
		return FAULT("kwic", "context"),
		       rh_error__set(RH_EPARSE, "%s[kwic] context must be at least 1", WHERE(a->sec_line[si]));
#undef WHERE
#undef FAULT
	return 0;
}

RH_API int rh_analysis_new(rh_analysis **out)
{
	rh_analysis *a;
	*out = NULL;
	if (!(a = rh__calloc(1, sizeof *a)))
		return RH_ENOMEM;
	a->present[section_index("rhetor")] = 1;
	a->present[section_index("corpus")] = 1;
	a->present[section_index("output")] = 1;
	*out = a;
	return 0;
}

RH_API int rh_analysis_enable(rh_analysis *a, const char *section)
{
	int si = section_index(section);
	if (si < 0 || (size_t)si >= SEC_INPUTS)
		return rh_error__set(RH_EUSAGE, "no section [%s]", section);
	a->present[si] = 1;
	return 0;
}

RH_API int rh_analysis_check(const rh_analysis *a, const char **section, const char **key)
{
	const char *s = NULL, *k = NULL;
	int err = check_sections(a, NULL, &s, &k);
	if (section)
		*section = s;
	if (key)
		*key = k;
	return err < 0 ? RH_EUSAGE : 0;
}

RH_API int rh_analysis_has_key(const char *section, const char *key)
{
	return key_index(section, key) >= 0;
}

RH_API const char *rh_analysis_default(const char *section, const char *key)
{
	int k = key_index(section, key);
	return k < 0 ? NULL : schema[k].def;
}

RH_API int rh_analysis_parse(rh_analysis **out, const char *text, size_t len, const char *name)
{
	parse_state ps;
	rh_analysis *a;
	int rc, err = 0;

	*out = NULL;
	if (!(a = rh__calloc(1, sizeof *a)))
		return RH_ENOMEM;
	memset(&ps, 0, sizeof ps);
	ps.a = a;
	ps.name = name ? name : "analysis";
	ps.p = text;
	ps.end = text + len;
	/* A UTF-8 byte-order mark is allowed; inih would only see it on line 1 of a file. */
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		ps.p += 3;
	rc = ini_parse_stream(reader, &ps, handler, &ps);
	if (ps.err) {
		err = ps.err == RH_ENOMEM ? ps.err : rh_error__set(ps.err, "%s", ps.msg);
	} else if (rc > 0) {
		err = rh_error__set(RH_EPARSE, "%s:%d: neither 'key = value' nor '[section]'", ps.name, rc);
	} else if (rc < 0) {
		err = rh_error__oom();
	} else {
		a->present[section_index("rhetor")] = 1;
		const char *sec, *key;
		a->present[section_index("output")] = 1;
		err = check_sections(a, ps.name, &sec, &key);
	}
	if (err < 0) {
		rh_analysis_free(a);
		return err;
	}
	*out = a;
	return 0;
}

RH_API void rh_analysis_free(rh_analysis *a)
{
	if (!a)
		return;
	for (size_t k = 0; k < NKEYS; k++)
		free(a->val[k]);
	for (int r = 0; r < 2; r++) {
		for (size_t i = 0; i < a->nrec[r]; i++) {
			free(a->rec[r][i].key);
			free(a->rec[r][i].value);
		}
		free(a->rec[r]);
	}
	free(a);
}

RH_API int rh_analysis_has(const rh_analysis *a, const char *section)
{
	int si = section_index(section);
	return si >= 0 && a->present[si];
}

/* The value of tfidf's tf, idf, norm or log_base that its preset gives. */
static const char *preset_value(const rh_analysis *a, const char *key)
{
	rh_tfidf_scheme s;
	if (rh_stats_tfidf_preset(rh_analysis_get(a, "tfidf", "preset"), &s) < 0)
		return "";
	if (!strcmp(key, "tf"))
		return rh_stats_tf_name(s.tf);
	if (!strcmp(key, "idf"))
		return rh_stats_idf_name(s.idf);
	if (!strcmp(key, "norm"))
		return rh_stats_norm_name(s.norm);
	return s.idf_base == 10 ? "10" : s.idf_base == 2 ? "2" : "e";
}

RH_API const char *rh_analysis_get(const rh_analysis *a, const char *section, const char *key)
{
	int k = key_index(section, key);
	const char *def;
	if (k < 0)
		return NULL;
	if (a->val[k])
		return a->val[k];
	def = schema[k].def;
	if (def[0] != '@')
		return def;
	if (!strcmp(def, "@corpus"))
		return rh_analysis_get(a, "corpus", key);
	if (!strcmp(def, "@window"))
		return rh_analysis_get(a, "cooc", "window");
	if (!strcmp(def, "@preset"))
		return preset_value(a, key);
	/* @within: the other section's value when given. */
	{
		int other = key_index(!strcmp(section, "cooc") ? "kwic" : "cooc", "within");
		return a->val[other] ? a->val[other] : "doc";
	}
}

RH_API int rh_analysis_flag(const rh_analysis *a, const char *section, const char *key)
{
	const char *v = rh_analysis_get(a, section, key);
	return v && !strcmp(v, "yes");
}

RH_API long rh_analysis_count(const rh_analysis *a, const char *section, const char *key)
{
	const char *v = rh_analysis_get(a, section, key);
	return v ? strtol(v, NULL, 10) : 0;
}

RH_API int rh_analysis_set(rh_analysis *a, const char *section, const char *key, const char *value)
{
	int k = key_index(section, key), err;
	char where[128], *canon;
	if (k < 0)
		return rh_error__set(RH_EUSAGE, "no key '%s' in [%s]", key, section);
	snprintf(where, sizeof where, "[%s]", section);
	if ((err = check_value(where, (size_t)k, value, &canon)) < 0)
		return err;
	free(a->val[k]);
	a->val[k] = canon;
	a->present[section_index(section)] = 1;
	return 0;
}

RH_API size_t rh_analysis_key_count(void)
{
	return NKEYS;
}

RH_API int rh_analysis_key_at(size_t i, const char **section, const char **key, int *is_path)
{
	if (i >= NKEYS)
		return rh_error__set(RH_EUSAGE, "no key %zu in the schema", i);
	*section = schema[i].section;
	*key = schema[i].key;
	*is_path = schema[i].kind == K_PATH || schema[i].kind == K_STOP;
	return 0;
}

static int record_section(const char *section)
{
	if (!strcmp(section, "inputs"))
		return 0;
	if (!strcmp(section, "outputs"))
		return 1;
	return -1;
}

RH_API int rh_analysis_record_add(rh_analysis *a, const char *section, const char *key, const char *value)
{
	int r = record_section(section);
	if (r < 0)
		return rh_error__set(RH_EUSAGE, "[%s] holds no free keys", section);
	return record_add(a, (size_t)r, key, value);
}

RH_API size_t rh_analysis_record_count(const rh_analysis *a, const char *section)
{
	int r = record_section(section);
	return r < 0 ? 0 : a->nrec[r];
}

RH_API int rh_analysis_record_at(const rh_analysis *a, const char *section, size_t i, const char **key,
				 const char **value)
{
	int r = record_section(section);
	if (r < 0 || i >= a->nrec[r])
		return rh_error__set(RH_EUSAGE, "no record %zu in [%s]", i, section);
	*key = a->rec[r][i].key;
	*value = a->rec[r][i].value;
	return 0;
}

/* White space as inih reads it (isspace in the C locale): it trims it and a ';' after it starts a comment. */
static int ini_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

/* Whether `key = value` reads back as written (see rh_analysis_write). */
static int writable(const char *section, const char *key, const char *value)
{
	size_t n = strlen(value), kn = strlen(key);
	if (strpbrk(key, "=:;\n\r") || !kn || key[0] == '[' || key[0] == '#' || ini_space(key[0]) ||
	    ini_space(key[kn - 1]))
		return rh_error__set(RH_EUSAGE, "[%s] '%s' cannot be a key of an analysis file", section, key);
	if (strpbrk(value, "\n\r") || (n && (ini_space(value[0]) || ini_space(value[n - 1]))))
		return rh_error__set(RH_EUSAGE, "[%s] %s: '%s' cannot be written in an analysis file", section, key,
				     value);
	for (const char *p = strchr(value, ';'); p; p = strchr(p + 1, ';'))
		if (p == value || ini_space(p[-1]))
			return rh_error__set(RH_EUSAGE, "[%s] %s: '%s' holds a ';' that would start a comment", section,
					     key, value);
	if (kn + n + 4 > RH_ANALYSIS_MAX_LINE)
		return rh_error__set(RH_EUSAGE, "[%s] %s: '%s' is longer than an analysis file line allows", section,
				     key, value);
	return 0;
}

RH_API int rh_analysis_write(FILE *fp, const rh_analysis *a, const char *comment)
{
	int err;
	if (comment)
		for (const char *p = comment; *p;) {
			size_t n = strcspn(p, "\n");
			fprintf(fp, "# %.*s\n", (int)n, p);
			p += n;
			if (*p)
				p++;
		}
	for (size_t s = 0; s < NSECTIONS; s++) {
		if (s < SEC_INPUTS && !a->present[s])
			continue;
		if (s >= SEC_INPUTS && a->nrec[s - SEC_INPUTS] == 0)
			continue;
		fprintf(fp, "\n[%s]\n", sections[s]);
		if (s >= SEC_INPUTS) {
			const record *r = a->rec[s - SEC_INPUTS];
			for (size_t i = 0; i < a->nrec[s - SEC_INPUTS]; i++) {
				if ((err = writable(sections[s], r[i].key, r[i].value)) < 0)
					return err;
				fprintf(fp, "%s =%s%s\n", r[i].key, *r[i].value ? " " : "", r[i].value);
			}
			continue;
		}
		for (size_t k = 0; k < NKEYS; k++) {
			const char *v;
			if (strcmp(schema[k].section, sections[s]))
				continue;
			v = rh_analysis_get(a, schema[k].section, schema[k].key);
			if ((err = writable(sections[s], schema[k].key, v)) < 0)
				return err;
			fprintf(fp, "%s =%s%s\n", schema[k].key, *v ? " " : "", v);
		}
	}
	if (ferror(fp))
		return rh_error__set(RH_EIO, "writing the analysis file failed");
	return 0;
}
