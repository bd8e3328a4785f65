/* synth.c: seeded generator of speech-like corpora with planted phrases and known counts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "internal.h"
#include "rhetor/synth.h"
#include "rhetor/vocab.h"

/* Sentences hold SENT_MIN .. SENT_MIN+SENT_SPAN-1 stream words; paragraphs 2..7 sentences. */
#define SENT_MIN 6
#define SENT_SPAN 29
#define PARA_MIN 2
#define PARA_SPAN 6
#define COMMA_P 0.07   /* chance of a comma after a stream word inside a sentence */
#define OPENING_P 0.7  /* chance that a speech opens with "Mr. President," */
#define BUCKET_BITS 12 /* top bits of a 32-bit draw that index the sampling table */
#define NCOLLOC RH_SYNTH_COLLOCATES

/* The chance that collocate k of a concept follows one of its planted phrases. */
static const double colloc_rate[NCOLLOC] = { 0.6, 0.4, 0.2 };

typedef struct {
	char *text;        /* as given */
	size_t concept;
	size_t nwords;
	char **words;      /* lower-case words, without the trailing `*` of a prefix */
	uint8_t *prefix;   /* word i is a prefix (written with `*`) */
	int planted;       /* no prefix word: can be written out */
	double weight;     /* choice weight among its concept's planted patterns */
	uint32_t *hits;    /* per concept: matches inside the pattern written out alone */
	size_t ntokens;    /* tokens of the pattern written out */
} spattern;

typedef struct {
	char *id;
	size_t country;
	int year;
	uint64_t target_bytes; /* 0 when lengths are drawn in words */
} sdoc;

struct rh_synth {
	rh_synth_options opt;
	/* The random stream, in rank order. */
	char **stream;
	uint8_t *stream_len;
	uint8_t *stream_free;  /* not a word of any pattern: may stand next to a phrase */
	uint8_t *stream_final; /* may end a sentence (no abbreviation, no single letter) */
	size_t nstream;
	uint64_t *thr;         /* thr[i]: draws x < thr[i] (x a 32-bit integer) give rank <= i */
	uint32_t bucket[(1u << BUCKET_BITS) + 1];
	double word_bytes;     /* expected bytes a stream word takes in the text */
	int opening_ok;        /* "Mr. President," holds no dictionary word */
	/* Dictionary. */
	char **concepts;
	const char **family;
	double *concept_wsum;  /* total weight of a concept's planted patterns */
	double *concept_bytes; /* their mean bytes in the text, with the space before, and their collocates' */
	const char **colloc;   /* [concept * NCOLLOC + k]: planted collocates, NULL past the list's end */
	size_t nconcepts;
	spattern *pat;
	size_t npat;
	/* Speakers and documents. */
	char **countries;
	size_t ncountries;
	rh_synth_curve *curves; /* [country * nconcepts + concept] */
	sdoc *docs;
	size_t ndocs;
	rh_arena arena;
};

/* ISO 3166-1 alpha-3 codes of UN members used as speakers, after the origin. */
static const char *const country_codes[] = {
	"CHN", "USA", "GBR", "FRA", "RUS", "DEU", "JPN", "IND", "BRA", "ZAF", "NGA", "EGY",
	"IDN", "PAK", "MEX", "ARG", "CAN", "AUS", "KOR", "TUR", "IRN", "SAU", "ETH", "KEN",
	"VNM", "THA", "MYS", "PHL", "BGD", "DZA", "MAR", "COL", "CHL", "PER", "VEN", "CUB",
	"NOR", "SWE", "NLD", "ITA", "ESP", "POL", "UKR", "KAZ", "LKA", "NPL", "MMR", "LAO",
	"KHM", "MNG", "ZWE", "TZA", "GHA", "SEN", "AGO", "NZL", "FJI", "SGP", "QAT", "ARE",
};
#define NCOUNTRY_CODES (sizeof country_codes / sizeof *country_codes)

/* splitmix64 (Steele, Lea & Flood 2014): spreads a seed and a key over 64 bits. */
static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* MT19937 takes a 32-bit seed on every platform (GSL masks unsigned long). */
static void rng_seed(gsl_rng *r, uint64_t seed, uint64_t key)
{
	gsl_rng_set(r, (unsigned long)(mix64(seed ^ mix64(key)) & 0xffffffffULL));
}

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_alnum(int c) { return is_lower(c) || (c >= '0' && c <= '9'); }

/* A word the text model reads as one token: letters, `'` or `-` between two letters. */
static int word_ok(const char *w, size_t n, int digits)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)w[i];
		if (is_lower(c) || (digits && c >= '0' && c <= '9'))
			continue;
		if ((c == '\'' || c == '-') && i > 0 && i + 1 < n &&
		    (digits ? is_alnum(w[i - 1]) && is_alnum(w[i + 1]) : is_lower(w[i - 1]) && is_lower(w[i + 1])))
			continue;
		return 0;
	}
	return 1;
}

static int parse_words(rh_synth *s, const char *buf, size_t len, rh_vocab *index)
{
	size_t cap = 0, i = 0, line = 0;

	while (i < len) {
		size_t e = i, a, b;
		while (e < len && buf[e] != '\n')
			e++;
		line++;
		a = i;
		b = e;
		while (a < b && (buf[a] == ' ' || buf[a] == '\t'))
			a++;
		while (b > a && (buf[b - 1] == ' ' || buf[b - 1] == '\t' || buf[b - 1] == '\r'))
			b--;
		i = e + 1;
		if (a == b || buf[a] == '#')
			continue;
		if (!word_ok(buf + a, b - a, 0) || b - a > 255)
			return rh_error__set(RH_EUSAGE, "word list line %zu: '%.*s' is not one lower-case word",
					     line, (int)(b - a > 64 ? 64 : b - a), buf + a);
		if (rh_vocab_find(index, buf + a, b - a) >= 0)
			continue; /* a repeated word keeps its first rank */
		if (rh_vocab_intern(index, buf + a, b - a) < 0)
			return RH_ENOMEM;
		if (rh__grow(&s->stream, &cap, s->nstream + 1, sizeof *s->stream) < 0)
			return RH_ENOMEM;
		if (!(s->stream[s->nstream++] = rh_arena__strndup(&s->arena, buf + a, b - a)))
			return rh_error__oom();
	}
	if (!s->nstream)
		return rh_error__set(RH_EUSAGE, "word list: no words");
	return 0;
}

static long find_concept(const rh_synth *s, const char *name)
{
	for (size_t c = 0; c < s->nconcepts; c++)
		if (!strcmp(s->concepts[c], name))
			return (long)c;
	return -1;
}

static const char *family_name(const char *f)
{
	if (f && !strcmp(f, "china"))
		return "china";
	if (f && !strcmp(f, "liberal"))
		return "liberal";
	return "shared";
}

static int parse_pattern(rh_synth *s, spattern *p, const char *text)
{
	size_t n = strlen(text), i = 0;
	char *low = rh_arena__strndup(&s->arena, text, n);

	/* n/2 + 1 words at most: each but the last is followed by a space. */
	if (!low)
		return rh_error__oom();
	if (!(p->words = rh__calloc(n / 2 + 1, sizeof *p->words)) || !(p->prefix = rh__calloc(n / 2 + 1, 1)))
		return RH_ENOMEM;
	for (size_t k = 0; k < n; k++)
		if (low[k] >= 'A' && low[k] <= 'Z')
			low[k] = (char)(low[k] - 'A' + 'a');
	p->planted = 1;
	while (i < n) {
		size_t a, b;
		int pre = 0;
		while (i < n && (low[i] == ' ' || low[i] == '\0'))
			i++;
		if (i == n)
			break;
		a = i;
		while (i < n && low[i] != ' ')
			i++;
		b = i;
		if (b - a > 1 && low[b - 1] == '*') {
			pre = 1;
			b--;
		}
		if (!word_ok(low + a, b - a, 1))
			return rh_error__set(RH_EUSAGE,
					     "pattern '%s': synth writes ASCII words (letters, digits, "
					     "' or - inside a word, * at the end) separated by spaces",
					     text);
		low[b] = '\0';
		p->words[p->nwords] = low + a;
		p->prefix[p->nwords++] = (uint8_t)pre;
		if (pre)
			p->planted = 0;
	}
	if (!p->nwords)
		return rh_error__set(RH_EUSAGE, "pattern '%s' has no word", text);
	p->ntokens = p->nwords;
	return 0;
}

/* Whether pattern word (w, prefix) matches the token t. */
static int word_match(const char *w, int prefix, const char *t)
{
	return prefix ? !strncmp(w, t, strlen(w)) : !strcmp(w, t);
}

/*
 * The matches of each concept inside pattern p written out alone, by the
 * matching rule of docs/design.md: left to right, the longest pattern of a
 * concept starting at a token wins and a concept's matches do not overlap;
 * concepts match independently (quanteda's nested_scope = "key").
 */
static void pattern_hits(const rh_synth *s, spattern *p)
{
	for (size_t c = 0; c < s->nconcepts; c++) {
		uint32_t n = 0;
		size_t i = 0;
		while (i < p->nwords) {
			size_t best = 0;
			for (size_t q = 0; q < s->npat; q++) {
				const spattern *o = &s->pat[q];
				size_t k;
				if (o->concept != c || o->nwords <= best || i + o->nwords > p->nwords)
					continue;
				for (k = 0; k < o->nwords; k++)
					if (!word_match(o->words[k], o->prefix[k], p->words[i + k]))
						break;
				if (k == o->nwords)
					best = o->nwords;
			}
			if (best) {
				n++;
				i += best;
			} else {
				i++;
			}
		}
		p->hits[c] = n;
	}
}

static int any_pattern_word(const rh_synth *s, const char *w)
{
	for (size_t q = 0; q < s->npat; q++)
		for (size_t k = 0; k < s->pat[q].nwords; k++)
			if (word_match(s->pat[q].words[k], s->pat[q].prefix[k], w))
				return 1;
	return 0;
}

/*
 * Keeps one word of every pattern out of the random stream, so no pattern
 * can be drawn by chance: the rarest of its exact words (a word not in the
 * list is out already), or for a pattern of prefixes only, every listed
 * word its narrowest prefix matches.
 */
static int choose_exclusions(rh_synth *s, rh_vocab *index, uint8_t *out_word)
{
	for (size_t q = 0; q < s->npat; q++) {
		const spattern *p = &s->pat[q];
		int64_t rarest = -1;
		int absent = 0, exact = 0;
		for (size_t k = 0; k < p->nwords; k++) {
			if (p->prefix[k])
				continue;
			exact = 1;
			int64_t r = rh_vocab_find(index, p->words[k], strlen(p->words[k]));
			if (r < 0)
				absent = 1;
			else if (r > rarest)
				rarest = r;
		}
		if (absent)
			continue;
		if (exact) {
			out_word[rarest] = 1;
			continue;
		}
		size_t best_k = 0, best_n = (size_t)-1;
		for (size_t k = 0; k < p->nwords; k++) {
			size_t n = 0;
			for (size_t r = 0; r < s->nstream; r++)
				n += word_match(p->words[k], 1, s->stream[r]);
			if (n < best_n) {
				best_n = n;
				best_k = k;
			}
		}
		for (size_t r = 0; r < s->nstream; r++)
			if (word_match(p->words[best_k], 1, s->stream[r]))
				out_word[r] = 1;
	}
	return 0;
}

/* The stop words of the options, one a line, into `stops`. */
static int read_stopwords(const rh_synth_options *o, rh_vocab *stops)
{
	const char *buf = o->stopwords;
	size_t len = o->stopwords ? o->stopwords_len : 0, i = 0;

	while (i < len) {
		size_t a = i, b;
		while (i < len && buf[i] != '\n')
			i++;
		b = i++;
		while (a < b && (buf[a] == ' ' || buf[a] == '\t'))
			a++;
		while (b > a && (buf[b - 1] == ' ' || buf[b - 1] == '\t' || buf[b - 1] == '\r'))
			b--;
		if (a < b && buf[a] != '#' && rh_vocab_intern(stops, buf + a, b - a) < 0)
			return RH_ENOMEM;
	}
	return 0;
}

/* A collocate: six letters or more, no stop word, no dictionary word. */
static int collocate_ok(const rh_synth *s, const rh_vocab *stops, const char *w)
{
	size_t n = strlen(w);
	if (n < 6 || rh_vocab_find(stops, w, n) >= 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_lower((unsigned char)w[i]))
			return 0;
	return !any_pattern_word(s, w);
}

/*
 * Gives each planted concept, in order, the next NCOLLOC collocate words of
 * the stream past its first RH_SYNTH_COLLOCATE_FROM, and takes them out of
 * the stream: a collocate occurs only next to its concept's phrases.
 */
static int choose_collocates(rh_synth *s)
{
	size_t r = RH_SYNTH_COLLOCATE_FROM, keep = 0;
	uint8_t *taken = NULL;
	rh_vocab *stops = NULL;
	int err;

	if ((err = rh_vocab_new(&stops)) < 0 || (err = read_stopwords(&s->opt, stops)) < 0) {
		rh_vocab_free(stops);
		return err;
	}
	if (!(s->colloc = rh__calloc(s->nconcepts * NCOLLOC + 1, sizeof *s->colloc)) ||
	    !(taken = rh__calloc(s->nstream + 1, 1))) {
		rh_vocab_free(stops);
		return RH_ENOMEM;
	}
	for (size_t c = 0; c < s->nconcepts; c++) {
		if (s->concept_wsum[c] <= 0)
			continue;
		for (size_t k = 0; k < NCOLLOC; k++) {
			while (r < s->nstream && !collocate_ok(s, stops, s->stream[r]))
				r++;
			if (r >= s->nstream)
				break;
			s->colloc[c * NCOLLOC + k] = s->stream[r];
			s->concept_bytes[c] += colloc_rate[k] * (double)(strlen(s->stream[r]) + 1);
			taken[r++] = 1;
		}
	}
	for (r = 0; r < s->nstream; r++)
		if (!taken[r])
			s->stream[keep++] = s->stream[r];
	s->nstream = keep;
	free(taken);
	rh_vocab_free(stops);
	return 0;
}

static int final_ok(const char *w)
{
	static const char *const abbrev[] = { "mr", "mrs", "ms", "dr", "prof", "st", "no", "etc" };
	if (strlen(w) < 2)
		return 0; /* "I." reads as a capital initial */
	for (size_t i = 0; i < sizeof abbrev / sizeof *abbrev; i++)
		if (!strcmp(w, abbrev[i]))
			return 0;
	return 1;
}

/*
 * Zipf's law (Zipf 1949): rank r (1-based) has probability r^-s / H(n,s),
 * H(n,s) = sum_{k=1..n} k^-s. The cumulative probabilities become 32-bit
 * integer thresholds so that sampling compares integers only.
 */
static int build_sampler(rh_synth *s)
{
	size_t n = s->nstream;
	double total = 0, acc = 0, bytes = 0;

	if (!(s->thr = rh__malloc(n * sizeof *s->thr)))
		return RH_ENOMEM;
	for (size_t r = 0; r < n; r++)
		total += pow((double)(r + 1), -s->opt.zipf_s);
	for (size_t r = 0; r < n; r++) {
		double w = pow((double)(r + 1), -s->opt.zipf_s);
		acc += w;
		bytes += w / total * (double)s->stream_len[r];
		s->thr[r] = (uint64_t)floor(acc / total * 4294967296.0 + 0.5);
		if (s->thr[r] > 4294967296ULL)
			s->thr[r] = 4294967296ULL;
	}
	s->thr[n - 1] = 4294967296ULL;
	for (uint32_t b = 0, r = 0; b <= (1u << BUCKET_BITS); b++) {
		uint64_t lo = (uint64_t)b << (32 - BUCKET_BITS);
		while (r < n - 1 && s->thr[r] <= lo)
			r++;
		s->bucket[b] = r;
	}
	/* A word, its space, and its share of commas and full stops. */
	s->word_bytes = bytes + 1.0 + COMMA_P + 1.0 / (SENT_MIN + (SENT_SPAN - 1) / 2.0);
	return 0;
}

static size_t draw_rank(const rh_synth *s, gsl_rng *r)
{
	uint64_t x = gsl_rng_get(r) & 0xffffffffULL;
	size_t b = (size_t)(x >> (32 - BUCKET_BITS));
	size_t lo = s->bucket[b], hi = s->bucket[b + 1];

	/* The smallest i in [lo, hi] with x < thr[i]. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x < s->thr[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int add_country(rh_synth *s, const char *code, size_t *cap)
{
	if (rh__grow(&s->countries, cap, s->ncountries + 1, sizeof *s->countries) < 0)
		return RH_ENOMEM;
	if (!(s->countries[s->ncountries++] = rh_arena__strndup(&s->arena, code, strlen(code))))
		return rh_error__oom();
	return 0;
}

static int make_countries(rh_synth *s)
{
	size_t cap = 0, k = 0;
	int err;

	if ((err = add_country(s, s->opt.origin, &cap)) < 0)
		return err;
	while (s->ncountries < s->opt.countries) {
		char code[8];
		if (k < NCOUNTRY_CODES) {
			if (!strcmp(country_codes[k], s->opt.origin)) {
				k++;
				continue;
			}
			strcpy(code, country_codes[k]);
		} else {
			size_t x = k - NCOUNTRY_CODES;
			if (x >= 26 * 26)
				return rh_error__set(RH_EUSAGE, "at most %zu countries",
						     (size_t)(NCOUNTRY_CODES + 26 * 26));
			code[0] = 'X';
			code[1] = (char)('A' + x / 26);
			code[2] = (char)('A' + x % 26);
			code[3] = '\0';
		}
		k++;
		if ((err = add_country(s, code, &cap)) < 0)
			return err;
	}
	return 0;
}

static double uniform(gsl_rng *r, double a, double b) { return a + (b - a) * gsl_rng_uniform(r); }

/*
 * Adoption curves: each country and concept get a logistic rate curve
 * (Griliches 1957; the S curve of diffusion, Rogers 2003). The origin
 * adopts "china" concepts early and strongly and others follow it; the
 * "liberal" concepts are adopted early by others and late and weakly by the
 * origin; "shared" concepts by anyone. Three draws per pair in a fixed
 * order, so adding countries leaves the first ones' curves unchanged.
 */
static int draw_curves(rh_synth *s)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double first = s->opt.year_first, span = s->opt.year_last - s->opt.year_first;

	if (!r)
		return rh_error__oom();
	if (!(s->curves = rh__calloc(s->ncountries * s->nconcepts + 1, sizeof *s->curves))) {
		gsl_rng_free(r);
		return RH_ENOMEM;
	}
	if (span < 1)
		span = 1;
	rng_seed(r, s->opt.seed, 0x6375727665ULL);
	for (size_t k = 0; k < s->ncountries; k++)
		for (size_t c = 0; c < s->nconcepts; c++) {
			double u1 = gsl_rng_uniform(r), u2 = gsl_rng_uniform(r), u3 = gsl_rng_uniform(r);
			rh_synth_curve *cv = &s->curves[k * s->nconcepts + c];
			const char *f = s->family[c];
			cv->slope = 0.25 + 0.75 * u3;
			if (!strcmp(f, "china") && k == 0) {
				cv->midpoint = first + span * 0.3 * u1;
				cv->saturation = 3 + 7 * u2;
			} else if (!strcmp(f, "china")) {
				cv->midpoint = s->curves[c].midpoint + span * (0.15 + 0.85 * u1);
				cv->saturation = 0.3 + 2.7 * u2;
			} else if (!strcmp(f, "liberal") && k == 0) {
				cv->midpoint = first + span * (0.3 + 0.9 * u1);
				cv->saturation = 0.1 + 0.9 * u2;
			} else if (!strcmp(f, "liberal")) {
				cv->midpoint = first + span * (-0.4 + 0.8 * u1);
				cv->saturation = 1 + 5 * u2;
			} else {
				cv->midpoint = first + span * (-0.3 + 0.9 * u1);
				cv->saturation = 1 + 4 * u2;
			}
			cv->saturation *= s->opt.rate_scale;
		}
	gsl_rng_free(r);
	return 0;
}

static int doc_cmp(const void *a, const void *b)
{
	return strcmp(((const sdoc *)a)->id, ((const sdoc *)b)->id);
}

static int make_docs(rh_synth *s)
{
	size_t nyears = (size_t)(s->opt.year_last - s->opt.year_first + 1);
	size_t all = nyears * s->ncountries, n = s->opt.docs ? s->opt.docs : all;
	gsl_rng *r = NULL;
	double wsum = 0;
	int err = 0;

	if (n > all)
		return rh_error__set(RH_EUSAGE, "%zu documents asked for, but %zu countries x %zu years "
				     "give only %zu (one per country and year)", n, s->ncountries, nyears, all);
	if (!(s->docs = rh__calloc(n, sizeof *s->docs)))
		return RH_ENOMEM;
	s->ndocs = n;
	/* Spread the documents evenly over the (year, country) pairs. */
	for (size_t j = 0; j < n; j++) {
		size_t pair = (size_t)((unsigned long long)j * all / n);
		sdoc *d = &s->docs[j];
		char id[64];
		d->country = pair % s->ncountries;
		d->year = s->opt.year_first + (int)(pair / s->ncountries);
		snprintf(id, sizeof id, "%s_%d_%d", s->countries[d->country], d->year - 1945, d->year);
		if (!(d->id = rh_arena__strndup(&s->arena, id, strlen(id))))
			return rh_error__oom();
	}
	qsort(s->docs, n, sizeof *s->docs, doc_cmp);
	if (!s->opt.total_bytes)
		return 0;
	/* Byte targets: shares of the total drawn between 0.6 and 1.4. */
	if (!(r = gsl_rng_alloc(gsl_rng_mt19937)))
		return rh_error__oom();
	rng_seed(r, s->opt.seed, 0x73697a6573ULL);
	double *w = rh__malloc(n * sizeof *w);
	if (!w) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t j = 0; j < n; j++)
		wsum += w[j] = 0.6 + 0.8 * gsl_rng_uniform(r);
	for (size_t j = 0; j < n; j++)
		s->docs[j].target_bytes = (uint64_t)floor((double)s->opt.total_bytes * w[j] / wsum);
	free(w);
done:
	gsl_rng_free(r);
	return err;
}

static int check_options(const rh_synth_options *o)
{
	if (o->countries < 1)
		return rh_error__set(RH_EUSAGE, "at least one country is needed");
	if (o->year_last < o->year_first || o->year_first < 1946 || o->year_last > 9999)
		return rh_error__set(RH_EUSAGE, "years %d-%d: need 1946 <= first <= last <= 9999",
				     o->year_first, o->year_last);
	if (!(o->zipf_s > 0 && o->zipf_s < 10))
		return rh_error__set(RH_EUSAGE, "Zipf exponent %g: need 0 < s < 10", o->zipf_s);
	if (!(o->rate_scale >= 0 && o->rate_scale < 1e6))
		return rh_error__set(RH_EUSAGE, "rate scale %g: need 0 <= scale < 1e6", o->rate_scale);
	if (!o->total_bytes && (o->doc_words < 1 || o->doc_words > 100000000))
		return rh_error__set(RH_EUSAGE, "words per document %zu: need 1 to 1e8", o->doc_words);
	if (!o->origin || strlen(o->origin) < 1 || strlen(o->origin) > 16 || strchr(o->origin, '_') ||
	    strchr(o->origin, '/'))
		return rh_error__set(RH_EUSAGE, "origin country: a short code without '_' or '/' is needed");
	return 0;
}

RH_API int rh_synth_new(rh_synth **out, const rh_synth_options *opts, const char *words,
			size_t words_len, const rh_synth_phrase *phrases, size_t nphrases)
{
	rh_synth_options defaults = RH_SYNTH_OPTIONS_INIT;
	rh_synth *s = NULL;
	rh_vocab *index = NULL;
	uint8_t *excluded = NULL;
	size_t keep = 0;
	int err;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	if ((err = check_options(opts)) < 0)
		return err;
	if (!(s = rh__calloc(1, sizeof *s)))
		return RH_ENOMEM;
	rh_arena__init(&s->arena, 1 << 14);
	s->opt = *opts;
	if (!(s->opt.origin = rh_arena__strndup(&s->arena, opts->origin, strlen(opts->origin)))) {
		err = rh_error__oom();
		goto done;
	}
	if ((err = rh_vocab_new(&index)) < 0 || (err = parse_words(s, words, words_len, index)) < 0)
		goto done;

	/* Dictionary: concepts in order of first appearance (at most one per phrase). */
	if (nphrases && (!(s->pat = rh__calloc(nphrases, sizeof *s->pat)) ||
			 !(s->concepts = rh__calloc(nphrases, sizeof *s->concepts)) ||
			 !(s->family = rh__calloc(nphrases, sizeof *s->family)))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < nphrases; i++) {
		spattern *p = &s->pat[s->npat++];
		long c;
		if (!phrases[i].concept || !*phrases[i].concept || !phrases[i].pattern) {
			err = rh_error__set(RH_EUSAGE, "phrase %zu: concept and pattern are needed", i + 1);
			goto done;
		}
		if ((c = find_concept(s, phrases[i].concept)) < 0) {
			if (!(s->concepts[s->nconcepts] = rh_arena__strndup(&s->arena, phrases[i].concept,
									   strlen(phrases[i].concept)))) {
				err = rh_error__oom();
				goto done;
			}
			s->family[s->nconcepts] = family_name(phrases[i].family);
			c = (long)s->nconcepts++;
		}
		p->concept = (size_t)c;
		if (!(p->text = rh_arena__strndup(&s->arena, phrases[i].pattern, strlen(phrases[i].pattern)))) {
			err = rh_error__oom();
			goto done;
		}
		if ((err = parse_pattern(s, p, p->text)) < 0)
			goto done;
	}
	/* Variants: the first listed (the official wording) is the likeliest, weight 1/j. */
	for (size_t c = 0; c < s->nconcepts; c++) {
		size_t j = 0;
		for (size_t q = 0; q < s->npat; q++)
			if (s->pat[q].concept == c && s->pat[q].planted)
				s->pat[q].weight = 1.0 / (double)++j;
	}
	if (!(s->concept_wsum = rh__calloc(s->nconcepts + 1, sizeof *s->concept_wsum)) ||
	    !(s->concept_bytes = rh__calloc(s->nconcepts + 1, sizeof *s->concept_bytes))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t q = 0; q < s->npat; q++)
		if (s->pat[q].planted) {
			s->concept_wsum[s->pat[q].concept] += s->pat[q].weight;
			s->concept_bytes[s->pat[q].concept] += s->pat[q].weight * (double)(strlen(s->pat[q].text) + 1);
		}
	for (size_t c = 0; c < s->nconcepts; c++)
		if (s->concept_wsum[c] > 0)
			s->concept_bytes[c] /= s->concept_wsum[c];
	for (size_t q = 0; q < s->npat; q++) {
		if (!(s->pat[q].hits = rh__calloc(s->nconcepts + 1, sizeof *s->pat[q].hits))) {
			err = RH_ENOMEM;
			goto done;
		}
		if (s->pat[q].planted)
			pattern_hits(s, &s->pat[q]);
	}

	/* The stream: the word list less the exclusions. */
	if (!(excluded = rh__calloc(s->nstream, 1))) {
		err = RH_ENOMEM;
		goto done;
	}
	if ((err = choose_exclusions(s, index, excluded)) < 0)
		goto done;
	for (size_t r = 0; r < s->nstream; r++)
		if (!excluded[r])
			s->stream[keep++] = s->stream[r];
	s->nstream = keep;
	if (!keep) {
		err = rh_error__set(RH_EUSAGE, "word list: every word is a dictionary word");
		goto done;
	}
	err = choose_collocates(s);
	s->opt.stopwords = NULL; /* the caller's buffer, read only here */
	s->opt.stopwords_len = 0;
	if (err < 0)
		goto done;
	keep = s->nstream;
	if (!(s->stream_len = rh__malloc(keep)) || !(s->stream_free = rh__malloc(keep)) ||
	    !(s->stream_final = rh__malloc(keep))) {
		err = RH_ENOMEM;
		goto done;
	}
	int any_free = 0, any_final = 0;
	for (size_t r = 0; r < keep; r++) {
		s->stream_len[r] = (uint8_t)strlen(s->stream[r]);
		s->stream_free[r] = (uint8_t)!any_pattern_word(s, s->stream[r]);
		s->stream_final[r] = (uint8_t)final_ok(s->stream[r]);
		any_free |= s->stream_free[r] && s->stream_final[r];
		any_final |= s->stream_final[r];
	}
	if (!any_final || (s->npat && !any_free)) {
		err = rh_error__set(RH_EUSAGE, "word list: too few words outside the dictionary to write sentences");
		goto done;
	}
	s->opening_ok = !any_pattern_word(s, "mr") && !any_pattern_word(s, "president");
	if ((err = build_sampler(s)) < 0 || (err = make_countries(s)) < 0 || (err = draw_curves(s)) < 0 ||
	    (err = make_docs(s)) < 0)
		goto done;
	*out = s;
	s = NULL;
done:
	free(excluded);
	rh_vocab_free(index);
	rh_synth_free(s);
	return err;
}

RH_API void rh_synth_free(rh_synth *s)
{
	if (!s)
		return;
	for (size_t q = 0; q < s->npat; q++) {
		free(s->pat[q].words);
		free(s->pat[q].prefix);
		free(s->pat[q].hits);
	}
	free(s->pat);
	free(s->concepts);
	free(s->family);
	free(s->concept_wsum);
	free(s->concept_bytes);
	free(s->colloc);
	free(s->stream);
	free(s->stream_len);
	free(s->stream_free);
	free(s->stream_final);
	free(s->thr);
	free(s->countries);
	free(s->curves);
	free(s->docs);
	rh_arena__free(&s->arena);
	free(s);
}

RH_API size_t rh_synth_doc_count(const rh_synth *s) { return s->ndocs; }

RH_API int rh_synth_doc_info(const rh_synth *s, size_t doc, rh_synth_doc *out)
{
	if (doc >= s->ndocs)
		return rh_error__set(RH_EUSAGE, "document %zu of %zu", doc, s->ndocs);
	out->doc_id = s->docs[doc].id;
	out->country_index = s->docs[doc].country;
	out->country = s->countries[s->docs[doc].country];
	out->year = s->docs[doc].year;
	out->session = out->year - 1945;
	return 0;
}

RH_API size_t rh_synth_country_count(const rh_synth *s) { return s->ncountries; }
RH_API const char *rh_synth_country(const rh_synth *s, size_t k) { return k < s->ncountries ? s->countries[k] : NULL; }
RH_API size_t rh_synth_concept_count(const rh_synth *s) { return s->nconcepts; }
RH_API const char *rh_synth_concept(const rh_synth *s, size_t c) { return c < s->nconcepts ? s->concepts[c] : NULL; }
RH_API const char *rh_synth_concept_family(const rh_synth *s, size_t c) { return c < s->nconcepts ? s->family[c] : NULL; }
RH_API size_t rh_synth_pattern_count(const rh_synth *s) { return s->npat; }
RH_API const char *rh_synth_pattern(const rh_synth *s, size_t p) { return p < s->npat ? s->pat[p].text : NULL; }
RH_API size_t rh_synth_pattern_concept(const rh_synth *s, size_t p) { return p < s->npat ? s->pat[p].concept : 0; }
RH_API int rh_synth_pattern_planted(const rh_synth *s, size_t p) { return p < s->npat && s->pat[p].planted; }
RH_API size_t rh_synth_stream_size(const rh_synth *s) { return s->nstream; }
RH_API const char *rh_synth_stream_word(const rh_synth *s, size_t r) { return r < s->nstream ? s->stream[r] : NULL; }

RH_API const char *rh_synth_collocate(const rh_synth *s, size_t concept, size_t k)
{
	return concept < s->nconcepts && k < NCOLLOC ? s->colloc[concept * NCOLLOC + k] : NULL;
}

RH_API double rh_synth_collocate_rate(size_t k) { return k < NCOLLOC ? colloc_rate[k] : 0; }

RH_API int rh_synth_curve_get(const rh_synth *s, size_t country, size_t concept, rh_synth_curve *out)
{
	if (country >= s->ncountries || concept >= s->nconcepts)
		return rh_error__set(RH_EUSAGE, "curve (%zu, %zu) out of range", country, concept);
	*out = s->curves[country * s->nconcepts + concept];
	return 0;
}

/* Logistic curve: saturation / (1 + exp(-slope (year - midpoint))) (Griliches 1957). */
RH_API double rh_synth_rate(const rh_synth *s, size_t country, size_t concept, int year)
{
	if (country >= s->ncountries || concept >= s->nconcepts)
		return 0;
	const rh_synth_curve *c = &s->curves[country * s->nconcepts + concept];
	return c->saturation / (1.0 + exp(-c->slope * ((double)year - c->midpoint)));
}

/* A phrase to plant: its pattern and the stream-word position it waits for. */
typedef struct {
	double pos; /* share of the document written before it */
	uint32_t order;
	uint32_t pattern;
} plant;

static int plant_cmp(const void *a, const void *b)
{
	const plant *x = a, *y = b;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int put(rh_synth_text *t, const char *p, size_t n)
{
	if (t->len + n + 1 > t->cap && rh__grow(&t->text, &t->cap, t->len + n + 1, 1) < 0)
		return RH_ENOMEM;
	memcpy(t->text + t->len, p, n);
	t->len += n;
	return 0;
}

/* Draws a stream word; `need_free` and `need_final` restrict it (by redrawing). */
static size_t draw_word(const rh_synth *s, gsl_rng *r, int need_free, int need_final)
{
	for (;;) {
		size_t w = draw_rank(s, r);
		if ((!need_free || s->stream_free[w]) && (!need_final || s->stream_final[w]))
			return w;
	}
}

static int put_word(rh_synth_text *t, const rh_synth *s, size_t w, int cap_first)
{
	const char *p = s->stream[w];
	size_t n = s->stream_len[w];
	int err;

	if ((err = put(t, p, n)) < 0)
		return err;
	/* The pronoun I is written upper case, also in I'm, I've, I'd, I'll. */
	if (cap_first || (p[0] == 'i' && (n == 1 || p[1] == '\'')))
		t->text[t->len - n] = (char)(p[0] - 'a' + 'A');
	return 0;
}

RH_API int rh_synth_generate(rh_synth_text *out, const rh_synth *s, size_t doc)
{
	const sdoc *d;
	gsl_rng *r = NULL;
	plant *pl = NULL;
	size_t npl = 0, plcap = 0, next = 0;
	uint64_t words_target, byte_target = 0, words = 0;
	double half_sentence;
	int err = 0;

	if (doc >= s->ndocs)
		return rh_error__set(RH_EUSAGE, "document %zu of %zu", doc, s->ndocs);
	d = &s->docs[doc];
	if (out->counts_cap < s->npat + s->nconcepts * NCOLLOC + 1) {
		size_t n = s->npat + s->nconcepts * NCOLLOC + 1;
		uint32_t *a = rh__realloc(out->planted, n * sizeof *a);
		if (!a)
			return RH_ENOMEM;
		out->planted = a;
		uint32_t *b = rh__realloc(out->concept_count, n * sizeof *b);
		if (!b)
			return RH_ENOMEM;
		out->concept_count = b;
		uint32_t *cl = rh__realloc(out->collocates, n * sizeof *cl);
		if (!cl)
			return RH_ENOMEM;
		out->collocates = cl;
		out->counts_cap = n;
	}
	memset(out->planted, 0, s->npat * sizeof *out->planted);
	memset(out->concept_count, 0, s->nconcepts * sizeof *out->concept_count);
	memset(out->collocates, 0, s->nconcepts * NCOLLOC * sizeof *out->collocates);
	out->len = out->tokens = out->sentences = out->stream_words = 0;

	if (!(r = gsl_rng_alloc(gsl_rng_mt19937)))
		return rh_error__oom();
	rng_seed(r, s->opt.seed, ((uint64_t)d->country << 32) | (uint32_t)d->year);

	/*
	 * Length: words drawn around the mean, or the document's share of the
	 * bytes, less the bytes the planted phrases are expected to take.
	 */
	if (s->opt.total_bytes) {
		double phrase_bytes = 0;
		for (size_t c = 0; c < s->nconcepts; c++)
			phrase_bytes += rh_synth_rate(s, d->country, c, d->year) / 10000.0 * s->concept_bytes[c];
		byte_target = d->target_bytes;
		words_target = (uint64_t)((double)byte_target / (s->word_bytes + phrase_bytes));
		(void)gsl_rng_uniform(r); /* keep the draws aligned with the other mode */
	} else {
		words_target = (uint64_t)((double)s->opt.doc_words * uniform(r, 0.6, 1.4) + 0.5);
		if (!words_target)
			words_target = 1;
	}
	half_sentence = s->word_bytes * (SENT_MIN + (SENT_SPAN - 1) / 2.0) / 2.0;

	/* Planted phrases: a Poisson number per concept at the curve's rate, each a variant. */
	for (size_t c = 0; c < s->nconcepts; c++) {
		double mu = rh_synth_rate(s, d->country, c, d->year) * (double)words_target / 10000.0;
		double wsum = s->concept_wsum[c];
		unsigned int n;
		if (wsum <= 0 || !(mu > 0))
			continue;
		n = gsl_ran_poisson(r, mu);
		for (unsigned int i = 0; i < n; i++) {
			double u = gsl_rng_uniform(r) * wsum;
			size_t pick = 0;
			for (size_t q = 0; q < s->npat; q++) {
				if (s->pat[q].concept != c || !s->pat[q].planted)
					continue;
				pick = q;
				if (u < s->pat[q].weight)
					break;
				u -= s->pat[q].weight;
			}
			if (rh__grow(&pl, &plcap, npl + 1, sizeof *pl) < 0) {
				err = RH_ENOMEM;
				goto done;
			}
			pl[npl].pos = gsl_rng_uniform(r);
			pl[npl].order = (uint32_t)npl;
			pl[npl].pattern = (uint32_t)pick;
			npl++;
		}
	}
	if (npl)
		qsort(pl, npl, sizeof *pl, plant_cmp);

	/* The text: paragraphs of sentences of stream words, phrases planted inside sentences. */
	int opening = s->opening_ok && gsl_rng_uniform(r) < OPENING_P;
	int para_left = PARA_MIN + (int)gsl_rng_uniform_int(r, PARA_SPAN);
	if (opening) {
		if ((err = put(out, "Mr. President, ", 15)) < 0)
			goto done;
		out->tokens += 2;
	}
	for (;;) {
		size_t len = SENT_MIN + gsl_rng_uniform_int(r, SENT_SPAN);
		int after_phrase = 0;
		for (size_t j = 0; j < len; j++) {
			int last = j + 1 == len;
			size_t w = draw_word(s, r, after_phrase, last);
			if (j > 0 && (err = put(out, " ", 1)) < 0)
				goto done;
			if ((err = put_word(out, s, w, j == 0 && !opening)) < 0)
				goto done;
			opening = 0;
			words++;
			after_phrase = 0;
			if (last)
				break;
			if (gsl_rng_uniform(r) < COMMA_P && (err = put(out, ",", 1)) < 0)
				goto done;
			/* A phrase goes between two stream words that are no dictionary words. */
			if (next < npl && s->stream_free[w] &&
			    (s->opt.total_bytes ? (byte_target ? (double)out->len / (double)byte_target : 1.0)
						: (double)words / (double)words_target) >= pl[next].pos) {
				const spattern *p = &s->pat[pl[next].pattern];
				if ((err = put(out, " ", 1)) < 0 || (err = put(out, p->text, strlen(p->text))) < 0)
					goto done;
				out->planted[pl[next].pattern]++;
				for (size_t c = 0; c < s->nconcepts; c++)
					out->concept_count[c] += p->hits[c];
				out->tokens += p->ntokens;
				for (size_t k = 0; k < NCOLLOC; k++) {
					size_t at = p->concept * NCOLLOC + k;
					if (!s->colloc[at] || gsl_rng_uniform(r) >= colloc_rate[k])
						continue;
					if ((err = put(out, " ", 1)) < 0 ||
					    (err = put(out, s->colloc[at], strlen(s->colloc[at]))) < 0)
						goto done;
					out->collocates[at]++;
					out->tokens++;
				}
				next++;
				after_phrase = 1;
			}
		}
		if ((err = put(out, ".", 1)) < 0)
			goto done;
		out->sentences++;
		int enough = s->opt.total_bytes ? (double)out->len + half_sentence >= (double)byte_target
						: words >= words_target;
		if (enough && next == npl)
			break;
		if (--para_left == 0) {
			para_left = PARA_MIN + (int)gsl_rng_uniform_int(r, PARA_SPAN);
			err = put(out, "\n\n", 2);
		} else {
			err = put(out, " ", 1);
		}
		if (err < 0)
			goto done;
	}
	if ((err = put(out, "\n", 1)) < 0)
		goto done;
	out->text[out->len] = '\0';
	out->stream_words = words;
	out->tokens += words;
done:
	free(pl);
	gsl_rng_free(r);
	return err;
}

RH_API void rh_synth_text_free(rh_synth_text *t)
{
	if (!t)
		return;
	free(t->text);
	free(t->planted);
	free(t->concept_count);
	free(t->collocates);
	memset(t, 0, sizeof *t);
}
