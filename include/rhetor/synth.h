/* rhetor/synth.h: seeded generator of speech-like corpora with known phrase counts. */
#ifndef RHETOR_SYNTH_H
#define RHETOR_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A synthetic corpus: one document per (country, year), text drawn from a
 * word list with Zipf-distributed ranks, and dictionary phrases planted at
 * rates that follow a logistic adoption curve per country and concept. The
 * same options, word list, phrases and seed give byte-identical documents on
 * every machine (GSL's MT19937 generator, integer thresholds for sampling).
 *
 * What is known about every document (the truth for tests): how many times
 * each pattern was planted, and how many matches of each concept a matcher
 * following docs/design.md must report. The two differ only where a planted
 * pattern contains another concept's pattern ("true multilateralism" also
 * holds "multilateralism"). Chance matches cannot happen: every pattern has
 * one word that the random stream never draws, and the words either side of
 * a planted phrase are never dictionary words.
 *
 * Collocates are planted too: each concept gets RH_SYNTH_COLLOCATES words
 * of the list (rh_synth_collocate), which the random stream then never
 * draws. Right after each planted phrase of the concept, collocate k is
 * written with probability rh_synth_collocate_rate(k), independently of the
 * others and in order of k, so every one stands within k+1 tokens of the
 * phrase's last word and nowhere else in the corpus.
 */
typedef struct rh_synth rh_synth;

/* One dictionary row. Strings are copied by rh_synth_new. */
typedef struct {
	const char *concept;
	const char *pattern; /* words separated by spaces; a word may end in `*` */
	const char *family;  /* "china", "liberal" or "shared"; NULL or other = "shared" */
} rh_synth_phrase;

typedef struct {
	uint64_t seed;
	size_t countries;      /* number of speakers, the origin among them */
	int year_first;        /* first and last year, inclusive */
	int year_last;
	size_t docs;           /* 0: one document per country and year */
	uint64_t total_bytes;  /* 0: lengths drawn around doc_words */
	size_t doc_words;      /* mean words per document when total_bytes is 0 */
	double zipf_s;         /* Zipf exponent s: rank r drawn with weight 1/r^s */
	double rate_scale;     /* multiplies every adoption curve's saturation rate */
	const char *origin;    /* the country that adopts "china" concepts first */
	const char *stopwords; /* NULL, or stopwords_len bytes of words never chosen as collocates, */
	size_t stopwords_len;  /* one a line, blank lines and lines starting with `#` skipped */
} rh_synth_options;

#define RH_SYNTH_OPTIONS_INIT { 1, 20, 1990, 2024, 0, 0, 3000, 1.07, 1.0, "CHN", NULL, 0 }

/*
 * Builds a generator. `words` holds `words_len` bytes of a word list, one
 * word a line in order of frequency (rank 1 first); blank lines and lines
 * starting with `#` are skipped. Words are lower-case ASCII letters with an
 * apostrophe or hyphen allowed between two letters. Patterns may use ASCII
 * letters, digits, spaces, and `'` or `-` inside a word; a pattern with a
 * `*` word is counted but never planted. The adoption curves are drawn here
 * from the seed. Returns 0, RH_EUSAGE (bad option, word or pattern, naming
 * it; a pattern none of whose words can be kept out of the stream) or
 * RH_ENOMEM. The strings are copied: the caller's buffers may go.
 */
RH_EXTERN(int) rh_synth_new(rh_synth **out, const rh_synth_options *opts, const char *words,
			    size_t words_len, const rh_synth_phrase *phrases, size_t nphrases);

RH_EXTERN(void) rh_synth_free(rh_synth *s);

/* Documents, in doc_id byte order. */
RH_EXTERN(size_t) rh_synth_doc_count(const rh_synth *s);

typedef struct {
	const char *doc_id;  /* "{country}_{session}_{year}", e.g. "CHN_79_2024" */
	const char *country; /* ISO 3166 alpha-3 code, or XAA... past the built-in list */
	size_t country_index;
	int session;         /* UN General Assembly session: year - 1945 */
	int year;
} rh_synth_doc;

/* Fills *out (strings borrowed from s). Returns 0 or RH_EUSAGE if doc is out of range. */
RH_EXTERN(int) rh_synth_doc_info(const rh_synth *s, size_t doc, rh_synth_doc *out);

RH_EXTERN(size_t) rh_synth_country_count(const rh_synth *s);
RH_EXTERN(const char *) rh_synth_country(const rh_synth *s, size_t country);

/* Concepts in order of first appearance; patterns in the given order. */
RH_EXTERN(size_t) rh_synth_concept_count(const rh_synth *s);
RH_EXTERN(const char *) rh_synth_concept(const rh_synth *s, size_t concept);
RH_EXTERN(const char *) rh_synth_concept_family(const rh_synth *s, size_t concept);
RH_EXTERN(size_t) rh_synth_pattern_count(const rh_synth *s);
RH_EXTERN(const char *) rh_synth_pattern(const rh_synth *s, size_t pattern);
RH_EXTERN(size_t) rh_synth_pattern_concept(const rh_synth *s, size_t pattern);
/* Whether the pattern is ever planted (no `*` word). */
RH_EXTERN(int) rh_synth_pattern_planted(const rh_synth *s, size_t pattern);

/*
 * The random word stream: the word list less the words kept out so that no
 * pattern can occur by chance, in rank order. Word `rank` (0-based) is drawn
 * with probability (rank+1)^-s / sum_k k^-s.
 */
RH_EXTERN(size_t) rh_synth_stream_size(const rh_synth *s);
RH_EXTERN(const char *) rh_synth_stream_word(const rh_synth *s, size_t rank);

/*
 * Planted collocates: word k (0-based, k < RH_SYNTH_COLLOCATES) of a
 * concept, or NULL when the word list ran out of words to give (words past
 * the list's first RH_SYNTH_COLLOCATE_FROM stream words, of at least six
 * letters, no dictionary word and none of the options' stop words, each
 * given to one concept only, in concept order); and the chance that it follows a planted phrase of its concept.
 */
#define RH_SYNTH_COLLOCATES 3
#define RH_SYNTH_COLLOCATE_FROM 300
RH_EXTERN(const char *) rh_synth_collocate(const rh_synth *s, size_t concept, size_t k);
RH_EXTERN(double) rh_synth_collocate_rate(size_t k);

/*
 * The adoption curve of a concept in a country: the planting rate per
 * 10,000 words in year y is saturation / (1 + exp(-slope * (y - midpoint))).
 */
typedef struct {
	double midpoint;   /* year at which half the saturation rate is reached */
	double saturation; /* rate per 10,000 words once adopted */
	double slope;      /* per year */
} rh_synth_curve;

/* Fills *out. Returns 0 or RH_EUSAGE if an index is out of range. */
RH_EXTERN(int) rh_synth_curve_get(const rh_synth *s, size_t country, size_t concept,
				  rh_synth_curve *out);
/* The curve's rate per 10,000 words in `year`. */
RH_EXTERN(double) rh_synth_rate(const rh_synth *s, size_t country, size_t concept, int year);

/*
 * One generated document. Reused across documents: rh_synth_generate
 * overwrites it and keeps its buffers. Initialise with RH_SYNTH_TEXT_INIT
 * (or zero it); release with rh_synth_text_free.
 */
typedef struct {
	char *text;              /* the document, NUL-terminated, `len` bytes */
	size_t len, cap;
	uint32_t *planted;       /* per pattern: times planted */
	uint32_t *concept_count; /* per concept: matches docs/design.md's matcher reports */
	size_t counts_cap;
	uint64_t tokens;         /* tokens by the text model */
	uint64_t sentences;      /* sentences by the text model */
	uint64_t stream_words;   /* tokens drawn from the random stream */
	uint32_t *collocates;    /* [concept * RH_SYNTH_COLLOCATES + k]: times collocate k written */
} rh_synth_text;

#define RH_SYNTH_TEXT_INIT { 0 }

/*
 * Generates document `doc` into *out. Documents are independent of one
 * another (each has its own generator, seeded from the seed, the country
 * and the year), so they may be generated in any order or in parallel on
 * one const rh_synth. Returns 0, RH_EUSAGE (doc out of range) or RH_ENOMEM.
 */
RH_EXTERN(int) rh_synth_generate(rh_synth_text *out, const rh_synth *s, size_t doc);

RH_EXTERN(void) rh_synth_text_free(rh_synth_text *t);

#ifdef __cplusplus
}
#endif

#endif
