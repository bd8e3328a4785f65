/* select.c: selections of documents by tests on their metadata (--where, keyness sides). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rhetor/select.h"

typedef enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_NOT_IN } op_kind;

typedef struct {
	char *column;
	op_kind op;
	char **values; /* one, or the list of in / not in */
	size_t nvalues;
} test;

struct rh_selection {
	test *tests;
	size_t n, cap;
};

static char *trim_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char *d = rh__malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* A word operator ("in", "not in") after white space at p: its length from p, or 0. */
static size_t word_op(const char *p, op_kind *op)
{
	const char *q = p;
	while (isspace((unsigned char)*q))
		q++;
	if (!strncmp(q, "not", 3) && isspace((unsigned char)q[3])) {
		const char *r = q + 3;
		while (isspace((unsigned char)*r))
			r++;
		if (!strncmp(r, "in", 2) && (isspace((unsigned char)r[2]) || !r[2])) {
			*op = OP_NOT_IN;
			return (size_t)(r + 2 - p);
		}
	}
	if (!strncmp(q, "in", 2) && (isspace((unsigned char)q[2]) || !q[2])) {
		*op = OP_IN;
		return (size_t)(q + 2 - p);
	}
	return 0;
}

/* Where the first operator of `t` starts (its kind and length), or NULL. */
static const char *find_op(const char *t, op_kind *op, size_t *len)
{
	for (const char *p = t; *p; p++) {
		if (isspace((unsigned char)*p) && p > t && (*len = word_op(p, op)))
			return p;
		switch (*p) {
		case '!':
			if (p[1] == '=') {
				*op = OP_NE;
				*len = 2;
				return p;
			}
			break;
		case '<':
		case '>':
			*op = p[1] == '=' ? (*p == '<' ? OP_LE : OP_GE) : (*p == '<' ? OP_LT : OP_GT);
			*len = p[1] == '=' ? 2 : 1;
			return p;
		case '=':
			*op = OP_EQ;
			*len = p[1] == '=' ? 2 : 1;
			return p;
		}
	}
	return NULL;
}

RH_API int rh_selection_is_expr(const char *text)
{
	op_kind op;
	size_t len;
	return text && find_op(text, &op, &len) != NULL;
}

static int add_value(test *t, const char *s, size_t n)
{
	char *v = trim_dup(s, n), **nv;
	if (!v)
		return RH_ENOMEM;
	if (!(nv = realloc(t->values, (t->nvalues + 1) * sizeof *nv))) {
		free(v);
		return RH_ENOMEM;
	}
	t->values = nv;
	t->values[t->nvalues++] = v;
	return 0;
}

static void test_free(test *t)
{
	free(t->column);
	for (size_t i = 0; i < t->nvalues; i++)
		free(t->values[i]);
	free(t->values);
}

static int parse_test(rh_selection *s, const char *text, size_t n)
{
	char *one = trim_dup(text, n);
	const char *at, *rhs;
	op_kind op;
	size_t len;
	test t;
	int err = 0;

	if (!one)
		return RH_ENOMEM;
	memset(&t, 0, sizeof t);
	if (!*one) {
		free(one);
		return 0; /* "a; ; b" and a trailing ';' */
	}
	if (!(at = find_op(one, &op, &len)) || at == one) {
		err = rh_error__set(RH_EUSAGE,
				    "'%s' is not a test: write COLUMN = VALUE (or != < <= > >=), COLUMN in A,B or COLUMN not in A,B",
				    one);
		goto done;
	}
	t.op = op;
	if (!(t.column = trim_dup(one, (size_t)(at - one)))) {
		err = RH_ENOMEM;
		goto done;
	}
	rhs = at + len;
	if (op == OP_IN || op == OP_NOT_IN) {
		for (const char *p = rhs;;) {
			size_t k = strcspn(p, ",");
			if ((err = add_value(&t, p, k)) < 0)
				goto done;
			if (!p[k])
				break;
			p += k + 1;
		}
	} else if ((err = add_value(&t, rhs, strlen(rhs))) < 0) {
		goto done;
	}
	for (size_t i = 0; i < t.nvalues; i++)
		if (!*t.values[i] && t.nvalues > 1) {
			err = rh_error__set(RH_EUSAGE, "'%s': an empty value in the list", one);
			goto done;
		}
	if (strpbrk(t.column, "=<>!") || !*t.column) {
		err = rh_error__set(RH_EUSAGE, "'%s': no column before the operator", one);
		goto done;
	}
	if (rh__grow(&s->tests, &s->cap, s->n + 1, sizeof *s->tests) < 0) {
		err = RH_ENOMEM;
		goto done;
	}
	s->tests[s->n++] = t;
	memset(&t, 0, sizeof t);
done:
	test_free(&t);
	free(one);
	return err;
}

RH_API int rh_selection_parse(rh_selection **out, const char *text)
{
	rh_selection *s;
	int err = 0;
	*out = NULL;
	if (!(s = rh__calloc(1, sizeof *s)))
		return RH_ENOMEM;
	for (const char *p = text ? text : ""; *p && err == 0;) {
		size_t k = strcspn(p, ";");
		err = parse_test(s, p, k);
		p += k;
		if (*p)
			p++;
	}
	if (err == 0 && s->n == 0)
		err = rh_error__set(RH_EUSAGE, "an empty selection: write COLUMN = VALUE");
	if (err < 0) {
		rh_selection_free(s);
		return err;
	}
	*out = s;
	return 0;
}

RH_API void rh_selection_free(rh_selection *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		test_free(&s->tests[i]);
	free(s->tests);
	free(s);
}

RH_API int rh_selection_check(const rh_selection *s, const rh_corpus *c)
{
	for (size_t i = 0; i < s->n; i++) {
		if (rh_corpus_meta_find(c, s->tests[i].column) >= 0)
			continue;
		char cols[1024];
		return rh_error__set(RH_EUSAGE, "no metadata column '%s' (columns: %s)", s->tests[i].column,
				     rh_corpus_meta_list(c, cols, sizeof cols));
	}
	return 0;
}

/* A number when strtod reads all of `s` to a finite value. */
static int as_number(const char *s, double *x)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return 0;
	errno = 0;
	*x = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	return !*end && !errno && isfinite(*x);
}

/* <0, 0, >0: numeric when both are numbers, bytes otherwise. */
static int compare(const char *a, const char *b)
{
	double x, y;
	if (as_number(a, &x) && as_number(b, &y))
		return (x > y) - (x < y);
	return strcmp(a, b);
}

static int pass(const test *t, const char *v)
{
	int missing = !v || !*v, r;
	switch (t->op) {
	case OP_NE:
		return missing || compare(v, t->values[0]) != 0;
	case OP_NOT_IN:
		if (missing)
			return 1;
		for (size_t i = 0; i < t->nvalues; i++)
			if (compare(v, t->values[i]) == 0)
				return 0;
		return 1;
	case OP_IN:
		if (missing)
			return 0;
		for (size_t i = 0; i < t->nvalues; i++)
			if (compare(v, t->values[i]) == 0)
				return 1;
		return 0;
	default:
		break;
	}
	if (missing)
		return 0;
	r = compare(v, t->values[0]);
	switch (t->op) {
	case OP_EQ: return r == 0;
	case OP_LT: return r < 0;
	case OP_LE: return r <= 0;
	case OP_GT: return r > 0;
	case OP_GE: return r >= 0;
	default: return 0;
	}
}

RH_API int rh_selection_match(const rh_selection *s, const rh_corpus *c, size_t doc)
{
	for (size_t i = 0; i < s->n; i++) {
		long col = rh_corpus_meta_find(c, s->tests[i].column);
		if (col < 0 || !pass(&s->tests[i], rh_corpus_meta(c, doc, (size_t)col)))
			return 0;
	}
	return 1;
}

RH_API int rh_corpus_select(rh_corpus *c, const rh_selection *s, size_t *left_out)
{
	size_t n = rh_corpus_count(c), kept = 0;
	unsigned char *keep;
	int err;
	*left_out = 0;
	if ((err = rh_selection_check(s, c)) < 0)
		return err;
	if (!(keep = rh__malloc(n + 1)))
		return RH_ENOMEM;
	for (size_t d = 0; d < n; d++)
		kept += keep[d] = (unsigned char)rh_selection_match(s, c, d);
	rh_corpus__keep(c, keep);
	free(keep);
	*left_out = n - kept;
	return 0;
}
