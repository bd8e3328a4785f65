/* rhetor/text.h: the text model: UTF-8 clean-up, NFKC + case fold, tokens, sentences. */
#ifndef RHETOR_TEXT_H
#define RHETOR_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rh_vocab;

typedef struct {
	int keep_case;     /* skip case folding (NFKC still applies) */
	int split_hyphens; /* '-' separates tokens */
	int dehyphenate;   /* mend line-end hyphenation (see rh_text_tokenize) */
	/*
	 * With dehyphenate: the known words (case-folded forms, as
	 * rh_vocab_load_list makes them from a word list). Borrowed; NULL knows
	 * no word, so every mended word keeps its hyphen.
	 */
	const struct rh_vocab *known_words;
} rh_text_options;

#define RH_TEXT_OPTIONS_INIT { 0, 0, 0, NULL }

/* One token. Offsets are bytes in the original text, as written. */
typedef struct {
	uint32_t offset;   /* byte offset of the token's first byte */
	uint32_t length;   /* byte length in the original text */
	uint32_t norm;     /* offset of the normalised form in rh_tokens.norm */
	uint32_t norm_len; /* byte length of the normalised form */
	uint32_t sentence; /* 0-based sentence index in the document */
} rh_token;

/*
 * The tokens of one text. Reused across texts: rh_text_tokenize overwrites
 * it and keeps its buffers. Initialise with RH_TOKENS_INIT (or zero it);
 * release with rh_tokens_free.
 */
typedef struct {
	rh_token *tok;
	size_t n, cap;
	char *norm; /* normalised forms back to back, not NUL-separated, then
		     * at least RH_TOKENS_PAD readable bytes (for word-wise loads) */
	size_t norm_len, norm_cap;
	uint32_t sentences;      /* number of sentences (0 for a text with no token) */
	size_t invalid_utf8;     /* invalid sequences, each read as U+FFFD */
	size_t first_invalid;    /* byte offset of the first one */
	size_t nul_bytes;        /* NUL bytes (read as separators) */
	size_t first_nul;        /* byte offset of the first one */
	int bom;                 /* a leading UTF-8 BOM was skipped */
} rh_tokens;

#define RH_TOKENS_INIT { 0 }
#define RH_TOKENS_PAD 16

/*
 * Tokenises `len` bytes of `text` by the text model of docs/design.md: a
 * leading BOM skipped; CR and CRLF read as LF; invalid UTF-8 read as U+FFFD
 * and counted; NFKC and (unless keep_case) case folding, with any space a
 * compatibility form brings (U+FDFA, U+FE7C, U+037A) dropped, so a form
 * never holds white space; U+2019 U+2018 U+02BC U+2032 read as `'`, U+2010
 * U+2011 as `-`; tokens are maximal runs of L*, M*, Nd with, kept inside, a
 * single `'` or `-` between two such characters, a single `.` or `,`
 * between two digits, and a single `.` between two single letters
 * (initialisms: "U.N." gives u.n, "U.S.S.R." u.s.s.r, "e.g." e.g; a letter
 * is single when no token character touches it on its other side, so
 * "peace.The" stays two tokens; the last dot is no part of the token).
 *
 * With dehyphenate, a hyphen at a line end mends the word it splits: a word,
 * `-`, optional spaces, one line end, optional spaces and a lower-case letter
 * make one token. Its form drops the hyphen when the two pieces around it
 * (the letters since the token's last `'`, `-`, `.` or `,`, and the letters
 * after the line end) make a word of known_words ("develop-\nment" gives
 * development), and keeps it otherwise ("self-\ngovernment" gives
 * self-government); with split_hyphens too, a kept hyphen separates as any
 * other does. The token's offset and length still cover the bytes as
 * written, hyphen and line end included. A hyphen with no line end after it
 * ("Anti- Fascist") joins nothing.
 *
 * Sentences end at . ! ? … 。！？ followed by white space and an upper-case
 * letter, digit or opening quote, or by the end of the text, never after a
 * known abbreviation (Mr. Mrs. Ms. Dr. Prof. St. No. U.S. U.N. e.g. i.e.
 * etc.), a single capital initial or a run of capital initials ("U.S.A."):
 * "the U.N. Then" goes on in one sentence. A blank line ends a sentence.
 * Texts of 4 GiB or more are refused (RH_EUSAGE), and so is a token of
 * more than RH_MAX_TOKEN bytes (RH_EPARSE, with its byte offset).
 * Returns 0, RH_ENOMEM, RH_EUSAGE or RH_EPARSE.
 */
RH_EXTERN(int) rh_text_tokenize(rh_tokens *out, const rh_text_options *opts,
				const char *text, size_t len);

/* The normalised form of token i (not NUL-terminated; see norm_len). */
static inline const char *rh_tokens_form(const rh_tokens *t, size_t i)
{
	return t->norm + t->tok[i].norm;
}

RH_EXTERN(void) rh_tokens_free(rh_tokens *t);

#ifdef __cplusplus
}
#endif

#endif
