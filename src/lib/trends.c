/* trends.c: concept counts per group and period, Poisson trend fits and adoption, from the one counting pass. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rhetor/plan.h"
#include "rhetor/stats.h"
#include "rhetor/trends.h"

/* Rates are per 10,000 tokens, as in every other table. */
#define PER RH_STATS_PER_10K
#define LEVEL 0.95

struct rh_trends {
	const rh_counts *c;
	const rh_dict *dict;
	int numeric;
	size_t ng, np, nk;
	double *pval;          /* numeric periods, ascending (np) */
	const char **plabel;   /* text periods, byte order (np); borrowed from the corpus */
	int32_t *doc_period;   /* per document: its period, or -1 */
	uint32_t *untimed;     /* documents without a usable time, ascending */
	size_t nuntimed;
	uint32_t *cell_docs;   /* group x period: documents */
	uint64_t *cell_tokens; /* group x period: tokens */
	uint64_t *count;       /* group x period x concept: matches */
	uint32_t *with;        /* group x period x concept: documents with a match */
	int32_t *first_p;      /* group x concept: first period with a use, or -1 */
	int32_t *last_p;       /* group x concept: last period with a use, or -1 */
	uint32_t *first_doc;   /* group x concept: first document using it in first_p */
	uint64_t *total;       /* group x concept: matches in timed documents */
	uint32_t *docs_with;   /* group x concept: timed documents using it */
	int32_t *group_first;  /* group: first period with a document, or -1 */
};

static int is_blank(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

/*
 * A decimal number, surrounding white space allowed: "1990", "-3.5",
 * "2e3". Hexadecimal, "inf" and "nan", which strtod also takes, are not
 * times.
 */
static int parse_number(const char *s, double *out)
{
	char *end;
	const char *p = s;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return 0;
	if (strpbrk(s, "xX"))
		return 0;
	double v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

RH_API void rh_trends_free(rh_trends *t)
{
	if (!t)
		return;
	free(t->pval);
	free(t->plabel);
	free(t->doc_period);
	free(t->untimed);
	free(t->cell_docs);
	free(t->cell_tokens);
	free(t->count);
	free(t->with);
	free(t->first_p);
	free(t->last_p);
	free(t->first_doc);
	free(t->total);
	free(t->docs_with);
	free(t->group_first);
	free(t);
}

/* Every document's period: t->doc_period, t->untimed, and the sorted distinct periods. */
static int assign_periods(rh_trends *t, long col, double width)
{
	const rh_corpus *corpus = rh_counts_corpus(t->c);
	size_t nd = rh_counts_doc_count(t->c), nvalued = 0, nnum = 0, n = 0;
	double *num = NULL;
	const char **txt = NULL;
	int err = 0;

	if (!(num = rh__malloc((nd + 1) * sizeof *num)) || !(txt = rh__malloc((nd + 1) * sizeof *txt)) ||
	    !(t->doc_period = rh__malloc((nd + 1) * sizeof *t->doc_period)) ||
	    !(t->untimed = rh__malloc((nd + 1) * sizeof *t->untimed))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t d = 0; d < nd; d++) {
		const char *v = rh_corpus_meta(corpus, d, (size_t)col);
		double x;
		if (is_blank(v))
			continue;
		nvalued++;
		nnum += parse_number(v, &x);
	}
	t->numeric = width > 0 || 2 * nnum > nvalued;

	/* Each document's key (a number or the text), then the distinct keys. */
	for (size_t d = 0; d < nd; d++) {
		const char *v = rh_corpus_meta(corpus, d, (size_t)col);
		double x;
		t->doc_period[d] = -1;
		if (is_blank(v) || (t->numeric && !parse_number(v, &x))) {
			t->untimed[t->nuntimed++] = (uint32_t)d;
			continue;
		}
		if (t->numeric)
			num[n++] = width > 0 ? width * floor(x / width) : x;
		else
			txt[n++] = v;
	}
	if (n == 0) {
		err = rh_error__set(RH_EUSAGE, "no document has a %s in the time column '%s'",
				    t->numeric ? "number" : "value", rh_corpus_meta_name(corpus, (size_t)col));
		goto done;
	}
	if (t->numeric) {
		qsort(num, n, sizeof *num, cmp_double);
		for (size_t i = 0; i < n; i++)
			if (t->np == 0 || num[i] != num[t->np - 1])
				num[t->np++] = num[i];
		t->pval = num;
		num = NULL;
	} else {
		qsort(txt, n, sizeof *txt, cmp_str);
		for (size_t i = 0; i < n; i++)
			if (t->np == 0 || strcmp(txt[i], txt[t->np - 1]) != 0)
				txt[t->np++] = txt[i];
		t->plabel = txt;
		txt = NULL;
	}
	for (size_t d = 0; d < nd; d++) {
		const char *v = rh_corpus_meta(corpus, d, (size_t)col);
		double x;
		size_t lo = 0, hi = t->np;
		if (is_blank(v) || (t->numeric && !parse_number(v, &x)))
			continue;
		if (t->numeric && width > 0)
			x = width * floor(x / width);
		/* Binary search for the key among the distinct periods. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int r = t->numeric ? cmp_double(&t->pval[mid], &x) : strcmp(t->plabel[mid], v);
			if (r < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		RH_ASSERT(lo < t->np);
		t->doc_period[d] = (int32_t)lo;
	}
done:
	free(num);
	free(txt);
	return err;
}

/* Sums the matches of the counting pass into cells, and finds first and last uses. */
static int sum_cells(rh_trends *t)
{
	size_t ng = t->ng, np = t->np, nk = t->nk, nd = rh_counts_doc_count(t->c), nm;
	const rh_match *ms = rh_counts_matches(t->c, &nm);
	size_t *seen = NULL;
	int err = 0;

	if (!(t->cell_docs = rh__calloc(ng * np + 1, sizeof *t->cell_docs)) ||
	    !(t->cell_tokens = rh__calloc(ng * np + 1, sizeof *t->cell_tokens)) ||
	    !(t->count = rh__calloc(ng * np * nk + 1, sizeof *t->count)) ||
	    !(t->with = rh__calloc(ng * np * nk + 1, sizeof *t->with)) ||
	    !(t->first_p = rh__malloc((ng * nk + 1) * sizeof *t->first_p)) ||
	    !(t->last_p = rh__malloc((ng * nk + 1) * sizeof *t->last_p)) ||
	    !(t->first_doc = rh__calloc(ng * nk + 1, sizeof *t->first_doc)) ||
	    !(t->total = rh__calloc(ng * nk + 1, sizeof *t->total)) ||
	    !(t->docs_with = rh__calloc(ng * nk + 1, sizeof *t->docs_with)) ||
	    !(t->group_first = rh__malloc((ng + 1) * sizeof *t->group_first)) ||
	    !(seen = rh__calloc(nk + 1, sizeof *seen))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < ng * nk; i++)
		t->first_p[i] = t->last_p[i] = -1;
	for (size_t g = 0; g < ng; g++)
		t->group_first[g] = -1;
	for (size_t d = 0; d < nd; d++) {
		const rh_doc_stats *s = rh_counts_doc(t->c, d);
		int32_t p = t->doc_period[d];
		if (p < 0)
			continue;
		t->cell_docs[s->group * np + (size_t)p]++;
		t->cell_tokens[s->group * np + (size_t)p] += s->tokens;
		if (t->group_first[s->group] < 0 || p < t->group_first[s->group])
			t->group_first[s->group] = p;
	}
	/* Matches come by document; seen[k] holds 1 + the last document in
	 * which concept k was counted, so each document counts once in docs. */
	for (size_t m = 0; m < nm; m++) {
		uint32_t d = ms[m].doc, k = ms[m].concept;
		int32_t p = t->doc_period[d];
		if (p < 0)
			continue;
		size_t g = rh_counts_doc(t->c, d)->group, gk = g * nk + k, cell = (g * np + (size_t)p) * nk + k;
		t->count[cell]++;
		t->total[gk]++;
		if (seen[k] == (size_t)d + 1)
			continue;
		seen[k] = (size_t)d + 1;
		t->with[cell]++;
		t->docs_with[gk]++;
		/* Documents come in doc_id order, so within a period the first
		 * document seen is the first in doc_id order. */
		if (t->first_p[gk] < 0 || p < t->first_p[gk]) {
			t->first_p[gk] = p;
			t->first_doc[gk] = d;
		}
		if (p > t->last_p[gk])
			t->last_p[gk] = p;
	}
done:
	free(seen);
	return err;
}

RH_API int rh_trends_new(rh_trends **out, const rh_counts *c, const rh_trends_options *opts)
{
	rh_trends *t = NULL;
	long col;
	int err;

	if (!out || !c || !opts)
		return rh_error__set(RH_EUSAGE, "trends: NULL argument");
	*out = NULL;
	if (!rh_counts_dict(c))
		return rh_error__set(RH_EUSAGE, "trends need a phrase dictionary");
	if (!opts->time_col || !*opts->time_col)
		return rh_error__set(RH_EUSAGE, "trends need a time column");
	if (!isfinite(opts->period_width) || opts->period_width < 0)
		return rh_error__set(RH_EUSAGE, "period width %g: want a number > 0 (or 0 for one period per value)",
				     opts->period_width);
	if ((col = rh_corpus_meta_find(rh_counts_corpus(c), opts->time_col)) < 0)
		return rh_error__set(RH_EUSAGE, "no metadata column '%s' for the time", opts->time_col);
	if (!(t = rh__calloc(1, sizeof *t)))
		return RH_ENOMEM;
	t->c = c;
	t->dict = rh_counts_dict(c);
	t->ng = rh_counts_group_count(c);
	t->nk = rh_dict_concept_count(t->dict);
	if ((err = assign_periods(t, col, opts->period_width)) < 0 || (err = sum_cells(t)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	rh_trends_free(t);
	return err;
}

RH_API int rh_trends_numeric(const rh_trends *t) { return t ? t->numeric : 0; }

RH_API size_t rh_trends_period_count(const rh_trends *t) { return t ? t->np : 0; }

RH_API const uint32_t *rh_trends_untimed(const rh_trends *t, size_t *n)
{
	*n = t ? t->nuntimed : 0;
	return t ? t->untimed : NULL;
}

/* ---- tables ----------------------------------------------------------- */

static int start(rh_table **tb, FILE *fp, const rh_report_options *ro, const char *const *cols, size_t n)
{
	rh_table_options def = RH_TABLE_OPTIONS_INIT;
	return rh_table_new(tb, fp, ro ? &ro->table : &def, cols, n);
}

static int finish(rh_table *tb, int err)
{
	if (err == 0)
		err = rh_table_finish(tb);
	rh_table_free(tb);
	return err;
}

/* A period cell: a number as tables write numbers, or the text; NA for none. */
static int put_period(rh_table *tb, const rh_trends *t, int32_t p)
{
	if (p < 0)
		return rh_table_num(tb, NAN);
	return t->numeric ? rh_table_num(tb, t->pval[p]) : rh_table_text(tb, t->plabel[p]);
}

static int trends_table(FILE *fp, const rh_trends *t, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("trends.csv");
	rh_table *tb;
	int err;

	if ((err = start(&tb, fp, ro, td->columns, td->ncolumns)) < 0)
		return err;
	for (size_t g = 0; g < t->ng && err == 0; g++) {
		for (size_t p = 0; p < t->np && err == 0; p++) {
			size_t cell = g * t->np + p;
			double tokens = (double)t->cell_tokens[cell];
			if (t->cell_docs[cell] == 0)
				continue;
			for (size_t k = 0; k < t->nk && err == 0; k++) {
				double n = (double)t->count[cell * t->nk + k], rate, lo, hi;
				if ((err = rh_stats_rate_ci(n, tokens, PER, LEVEL, &rate, &lo, &hi)) < 0)
					break;
				/* The table's errors are sticky: the row's end reports the first. */
				rh_table_text(tb, rh_counts_group_name(t->c, g));
				put_period(tb, t, (int32_t)p);
				rh_table_text(tb, rh_dict_concept(t->dict, k));
				rh_table_int(tb, (long long)n);
				rh_table_int(tb, t->with[cell * t->nk + k]);
				rh_table_num(tb, tokens);
				rh_table_num(tb, rate);
				rh_table_num(tb, lo);
				rh_table_num(tb, hi);
				rh_table_int(tb, t->cell_docs[cell]);
				err = rh_table_end_row(tb);
			}
		}
	}
	return finish(tb, err);
}

/* Every estimate NA: no fit. */
static void unfitted(rh_poisson_trend *f, size_t n)
{
	memset(f, 0, sizeof *f);
	f->n_used = n;
	f->b0 = f->b1 = f->se_b1 = f->z = f->p_value = NAN;
	f->rate_ratio = f->rr_low = f->rr_high = f->deviance = f->dispersion = NAN;
}

/* One row of trend_fit.csv: the fit, the periods it used, and why it is not an ordinary fit ("" when it is). */
typedef struct {
	rh_poisson_trend fit;
	size_t n_periods;
	char note[256];
} trend_row;

/*
 * Fits one group x concept over the group's periods with tokens. With an
 * intercept and one slope, the score equations of the Poisson log-linear
 * model, sum(y - mu) = 0 and sum(y - mu)*x = 0, say that the mean year
 * weighted by the fitted counts mu must equal the mean year weighted by the
 * observed counts. When every use falls in one period at an end of the series, that
 * mean is the series' first or last year, which positive mu can approach
 * but never reach: the likelihood has no maximum (b1 goes to +-infinity,
 * as with separation in logistic regression). The rate ratio is then its
 * limit, Inf or 0, with no Wald interval; any other series with a use has
 * a finite estimate.
 */
static int fit_row(const rh_trends *t, size_t g, size_t k, double *x, double *y, double *e, trend_row *r)
{
	size_t n = 0;
	double xmin = INFINITY, xmax = -INFINITY, pmin = INFINITY, pmax = -INFINITY, total = 0;
	int err;

	r->note[0] = '\0';
	for (size_t p = 0; p < t->np; p++) {
		size_t cell = g * t->np + p;
		if (t->cell_tokens[cell] == 0)
			continue;
		x[n] = t->numeric ? t->pval[p] : 0;
		y[n] = (double)t->count[cell * t->nk + k];
		e[n] = (double)t->cell_tokens[cell];
		xmin = fmin(xmin, x[n]);
		xmax = fmax(xmax, x[n]);
		if (y[n] > 0) {
			pmin = fmin(pmin, x[n]);
			pmax = fmax(pmax, x[n]);
		}
		total += y[n];
		n++;
	}
	r->n_periods = n;
	if (!t->numeric)
		snprintf(r->note, sizeof r->note, "periods are not numbers: no trend fitted");
	else if (total == 0)
		snprintf(r->note, sizeof r->note, "never used: no trend fitted");
	else if (n < 2 || xmin == xmax)
		snprintf(r->note, sizeof r->note, "fewer than two periods with tokens: no trend fitted");
	else if (pmin == pmax && (pmax == xmax || pmin == xmin)) {
		char buf[32];
		int last = pmax == xmax;
		rh_table_format_num(buf, pmax);
		snprintf(r->note, sizeof r->note,
			 "used only in the %s period (%s): the rate ratio is the limit %s, no interval",
			 last ? "last" : "first", buf, last ? "Inf" : "0");
	}
	if (r->note[0]) {
		unfitted(&r->fit, n);
		if (t->numeric && total > 0 && n >= 2 && xmin < xmax) {
			int last = pmax == xmax;
			r->fit.rate_ratio = last ? INFINITY : 0;
			r->fit.b1 = last ? INFINITY : -INFINITY;
		}
		return 0;
	}
	if ((err = rh_stats_poisson_trend(x, y, e, n, &r->fit)) < 0) {
		if (err != RH_ENUM)
			return err;
		snprintf(r->note, sizeof r->note, "no fit: %s", rh_error_last());
		rh_error_clear();
		unfitted(&r->fit, n);
		return 0;
	}
	if (!r->fit.converged)
		snprintf(r->note, sizeof r->note, "the fit did not settle in %u iterations", r->fit.iterations);
	return 0;
}

static int fit_table(FILE *fp, const rh_trends *t, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("trend_fit.csv");
	double *x = NULL, *y = NULL, *e = NULL;
	rh_table *tb = NULL;
	trend_row r;
	int err = 0;

	if (!(x = rh__malloc((t->np + 1) * sizeof *x)) || !(y = rh__malloc((t->np + 1) * sizeof *y)) ||
	    !(e = rh__malloc((t->np + 1) * sizeof *e))) {
		err = RH_ENOMEM;
		goto done;
	}
	if ((err = start(&tb, fp, ro, td->columns, td->ncolumns)) < 0)
		goto done;
	for (size_t g = 0; g < t->ng && err == 0; g++) {
		if (t->group_first[g] < 0)
			continue;
		for (size_t k = 0; k < t->nk && err == 0; k++) {
			if ((err = fit_row(t, g, k, x, y, e, &r)) < 0)
				break;
			rh_table_text(tb, rh_counts_group_name(t->c, g));
			rh_table_text(tb, rh_dict_concept(t->dict, k));
			rh_table_num(tb, r.fit.rate_ratio);
			rh_table_num(tb, r.fit.rr_low);
			rh_table_num(tb, r.fit.rr_high);
			rh_table_num(tb, r.fit.p_value);
			rh_table_num(tb, r.fit.dispersion);
			rh_table_num(tb, r.fit.b1);
			rh_table_num(tb, r.fit.se_b1);
			rh_table_int(tb, (long long)r.n_periods);
			rh_table_int(tb, (long long)t->total[g * t->nk + k]);
			rh_table_text(tb, r.note);
			rh_table_num(tb, r.fit.qp_rr_low);
			rh_table_num(tb, r.fit.qp_rr_high);
			rh_table_num(tb, r.fit.qp_p_value);
			err = rh_table_end_row(tb);
		}
	}
done:
	free(x);
	free(y);
	free(e);
	return tb ? finish(tb, err) : err;
}

static int adoption_table(FILE *fp, const rh_trends *t, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("adoption.csv");
	const rh_corpus *corpus = rh_counts_corpus(t->c);
	rh_table *tb;
	int err;

	if ((err = start(&tb, fp, ro, td->columns, td->ncolumns)) < 0)
		return err;
	for (size_t g = 0; g < t->ng && err == 0; g++) {
		if (t->group_first[g] < 0)
			continue;
		for (size_t k = 0; k < t->nk && err == 0; k++) {
			size_t gk = g * t->nk + k;
			int used = t->first_p[gk] >= 0;
			rh_table_text(tb, rh_counts_group_name(t->c, g));
			rh_table_text(tb, rh_dict_concept(t->dict, k));
			put_period(tb, t, t->first_p[gk]);
			rh_table_text(tb, used ? rh_corpus_doc_id(corpus, t->first_doc[gk]) : "");
			rh_table_int(tb, (long long)t->total[gk]);
			rh_table_int(tb, t->docs_with[gk]);
			put_period(tb, t, t->last_p[gk]);
			err = rh_table_end_row(tb);
		}
	}
	return finish(tb, err);
}

static int curve_table(FILE *fp, const rh_trends *t, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("adoption_curve.csv");
	uint64_t *entered = NULL, *adopt = NULL;
	rh_table *tb = NULL;
	int err = 0;

	if (!(entered = rh__calloc(t->np + 1, sizeof *entered)) || !(adopt = rh__calloc(t->np + 1, sizeof *adopt))) {
		err = RH_ENOMEM;
		goto done;
	}
	/* Groups that could have adopted by each period: first document at or before it. */
	for (size_t g = 0; g < t->ng; g++)
		if (t->group_first[g] >= 0)
			entered[t->group_first[g]]++;
	for (size_t p = 1; p < t->np; p++)
		entered[p] += entered[p - 1];
	if ((err = start(&tb, fp, ro, td->columns, td->ncolumns)) < 0)
		goto done;
	for (size_t k = 0; k < t->nk && err == 0; k++) {
		uint64_t cum = 0;
		memset(adopt, 0, t->np * sizeof *adopt);
		for (size_t g = 0; g < t->ng; g++)
			if (t->first_p[g * t->nk + k] >= 0)
				adopt[t->first_p[g * t->nk + k]]++;
		for (size_t p = 0; p < t->np && err == 0; p++) {
			cum += adopt[p];
			rh_table_text(tb, rh_dict_concept(t->dict, k));
			put_period(tb, t, (int32_t)p);
			rh_table_int(tb, (long long)adopt[p]);
			rh_table_int(tb, (long long)cum);
			rh_table_int(tb, (long long)entered[p]);
			rh_table_num(tb, entered[p] ? (double)cum / (double)entered[p] : NAN);
			err = rh_table_end_row(tb);
		}
	}
done:
	free(entered);
	free(adopt);
	return tb ? finish(tb, err) : err;
}

RH_API int rh_trends_write_trends(FILE *fp, const rh_results *r)
{
	return trends_table(fp, r->trends, &r->plan->trends.report);
}

RH_API int rh_trends_write_trend_fit(FILE *fp, const rh_results *r)
{
	return fit_table(fp, r->trends, &r->plan->trends.report);
}

RH_API int rh_trends_write_adoption(FILE *fp, const rh_results *r)
{
	return adoption_table(fp, r->trends, &r->plan->trends.report);
}

RH_API int rh_trends_write_adoption_curve(FILE *fp, const rh_results *r)
{
	return curve_table(fp, r->trends, &r->plan->trends.report);
}
