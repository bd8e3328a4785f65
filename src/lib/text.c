/* text.c: the text model: UTF-8 clean-up, NFKC + case fold, tokens with byte offsets, sentences. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal.h"
#include "rhetor/file.h"
#include "rhetor/text.h"
#include "rhetor/vocab.h"

/*
 * One pass over the bytes. Runs of ASCII letters and digits, nearly all of
 * an English speech, are copied to the normalised form and lower-cased by
 * table (16 bytes at a time with SSE2); NFKC and case folding of ASCII are
 * exactly that. Only tokens holding non-ASCII letters, marks or digits go
 * through utf8proc, and most of those are pasted together from a cache of
 * single-character forms. Separators are classified one by one; sentence
 * ends are decided at the rare terminators by looking around them.
 */

/*
 * Character classes. ASCII bytes are classified by one table lookup; other
 * code points by classify() (a few named code points, then the Unicode
 * category from utf8proc).
 */
enum {
	K_WORD = 0x00001,  /* letter (L*), mark (M*) or decimal digit (Nd) */
	K_DIGIT = 0x00002, /* decimal digit (Nd) */
	K_APOS = 0x00004,  /* ' and its variants */
	K_HYPH = 0x00008,  /* - and its variants */
	K_DOT = 0x00010,   /* . (kept between two digits or two single letters) */
	K_UPPER = 0x00020, /* upper- or title-case letter (Lu, Lt) */
	K_COMMA = 0x00040, /* , (kept between two digits) */
	K_TERM = 0x00080,  /* sentence terminator: . ! ? … 。！？ */
	K_SPACE = 0x00100, /* white space that is not a line end */
	K_LF = 0x00200,    /* line end */
	K_CR = 0x00400,    /* carriage return: a line end, CRLF counts once */
	K_NUL = 0x00800,   /* NUL byte */
	K_HIGH = 0x01000,  /* lead or stray byte of a non-ASCII sequence */
	K_OPEN = 0x02000,  /* opening quote or bracket */
	K_CLOSE = 0x04000, /* closing quote or bracket */
	K_PARA = 0x08000,  /* paragraph separator: ends a sentence by itself */
	K_CJK = 0x10000    /* 。！？: end a sentence whatever follows */
};

#define NU K_NUL
#define SP K_SPACE
#define LF K_LF
#define CR K_CR
#define TE K_TERM
#define DT (K_DOT | K_TERM)
#define CM K_COMMA
#define HY K_HYPH
#define AP (K_APOS | K_OPEN | K_CLOSE)
#define QU (K_OPEN | K_CLOSE)
#define OP K_OPEN
#define CL K_CLOSE
#define DG (K_WORD | K_DIGIT)
#define UP (K_WORD | K_UPPER)
#define LO K_WORD
#define HI K_HIGH
#define __ 0

static const uint32_t cls[256] = {
	NU, __, __, __, __, __, __, __, __, SP, LF, SP, SP, CR, __, __,
	__, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __,
	SP, TE, QU, __, __, __, __, AP, OP, CL, __, __, CM, HY, DT, __,
	DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, __, __, __, __, __, TE,
	__, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,
	UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, OP, __, CL, __, __,
	__, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,
	LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, OP, __, CL, __, __,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
};


/*
 * The token loop's table: for an ASCII letter or digit, the byte it adds to
 * the normalised form (folded to lower case, or kept); 0 for every other
 * byte, including all of 0x80-0xFF, which take the slow path.
 */
static const uint8_t fold_lower[256] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t fold_keep[256] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
	0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
};

#undef NU
#undef SP
#undef LF
#undef CR
#undef TE
#undef DT
#undef CM
#undef HY
#undef AP
#undef QU
#undef OP
#undef CL
#undef DG
#undef UP
#undef LO
#undef HI
#undef __

/*
 * Decodes the code point at s[i] (i < len) into *cp and returns its length.
 * An ill-formed sequence gives *cp = -1 and the length of its maximal
 * subpart (at least 1), so "E2 80 41" is one U+FFFD followed by "A": the
 * substitution practice recommended by The Unicode Standard (ch. 3.9,
 * "U+FFFD Substitution of Maximal Subparts"). Overlong forms, surrogates and
 * values above U+10FFFF are ill-formed (Table 3-7).
 */
static inline int decode(const uint8_t *s, size_t len, size_t i, int32_t *cp)
{
	uint32_t c = s[i];
	size_t rem = len - i;
	uint8_t lo = 0x80, hi = 0xBF;

	*cp = -1;
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c < 0xC2)
		return 1;
	if (c < 0xE0) {
		if (rem < 2 || (s[i + 1] & 0xC0) != 0x80)
			return 1;
		*cp = (int32_t)(((c & 0x1F) << 6) | (s[i + 1] & 0x3F));
		return 2;
	}
	if (c < 0xF0) {
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		if (rem < 2 || s[i + 1] < lo || s[i + 1] > hi)
			return 1;
		if (rem < 3 || (s[i + 2] & 0xC0) != 0x80)
			return 2;
		*cp = (int32_t)(((c & 0x0F) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3F));
		return 3;
	}
	if (c < 0xF5) {
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (rem < 2 || s[i + 1] < lo || s[i + 1] > hi)
			return 1;
		if (rem < 3 || (s[i + 2] & 0xC0) != 0x80)
			return 2;
		if (rem < 4 || (s[i + 3] & 0xC0) != 0x80)
			return 3;
		*cp = (int32_t)(((c & 0x07) << 18) | ((s[i + 1] & 0x3Fu) << 12) |
				((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3F));
		return 4;
	}
	return 1;
}

/*
 * The class of a non-ASCII code point. The variants docs/design.md names act as
 * the ASCII `'` and `-`; a few compatibility forms whose NFKC form is one of
 * the ASCII characters the model gives a role (full-width and small
 * apostrophe, hyphen, full stop, comma) act as that character. Everything
 * else is classified by its own Unicode category. That already makes
 * full-width letters and digits (Lu, Ll, Nd) and ligatures such as U+FB01
 * (Ll) token characters, whose NFKC form is then plain letters or digits.
 * Superscript and subscript digits, circled and parenthesised numbers and
 * vulgar fractions are category No, not Nd: they separate tokens even
 * though NFKC turns them into digits. This is deliberate: in speeches they
 * are mostly footnote markers ("development¹") and units ("km²"), which
 * must not glue a digit onto the word.
 */
static uint32_t classify(int32_t cp)
{
	switch (cp) {
	case 0x2018: /* left single quotation mark */
		return K_APOS | K_OPEN;
	case 0x2019: /* right single quotation mark */
		return K_APOS | K_CLOSE;
	case 0x02BC: /* modifier letter apostrophe (Lm, but read as ') */
	case 0x2032: /* prime */
		return K_APOS;
	case 0xFF07: /* full-width apostrophe */
		return K_APOS | K_OPEN | K_CLOSE;
	case 0x2010: /* hyphen */
	case 0x2011: /* non-breaking hyphen */
	case 0xFE63: /* small hyphen-minus */
	case 0xFF0D: /* full-width hyphen-minus */
		return K_HYPH;
	case 0xFE52: /* small full stop */
	case 0xFF0E: /* full-width full stop */
		return K_DOT | K_TERM;
	case 0xFE50: /* small comma */
	case 0xFF0C: /* full-width comma */
		return K_COMMA;
	case 0x2026: /* horizontal ellipsis */
		return K_TERM;
	case 0x3002: /* ideographic full stop */
	case 0xFF61: /* half-width ideographic full stop */
	case 0xFF01: /* full-width exclamation mark */
	case 0xFF1F: /* full-width question mark */
		return K_TERM | K_CJK;
	case 0x0085: /* next line */
		return K_LF;
	case 0x00A1: /* inverted exclamation mark */
	case 0x00BF: /* inverted question mark */
		return K_OPEN;
	default:
		break;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return K_WORD | K_UPPER;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return K_WORD;
	case UTF8PROC_CATEGORY_ND:
		return K_WORD | K_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
		return K_SPACE;
	case UTF8PROC_CATEGORY_ZL:
		return K_LF;
	case UTF8PROC_CATEGORY_ZP:
		return K_PARA;
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PI:
		return K_OPEN;
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PF:
		return K_CLOSE;
	default:
		return 0;
	}
}

/* The class of the code point at s[i]; 0 at the end or for invalid bytes. */
static inline uint32_t class_at(const uint8_t *s, size_t len, size_t i, int *m)
{
	int32_t cp;
	*m = 0;
	if (i >= len)
		return 0;
	if (s[i] < 0x80) {
		*m = 1;
		return cls[s[i]];
	}
	*m = decode(s, len, i, &cp);
	return cp < 0 ? 0 : classify(cp);
}

/* The class of the code point that ends just before s[k] (k > base). */
static uint32_t class_before(const uint8_t *s, size_t base, size_t k, size_t *start)
{
	size_t p = k - 1;
	int32_t cp;
	int steps = 0;

	while (p > base && (s[p] & 0xC0) == 0x80 && steps < 3) {
		p--;
		steps++;
	}
	*start = p;
	if (s[p] < 0x80)
		return p + 1 == k ? cls[s[p]] : 0;
	if ((size_t)decode(s, k, p, &cp) != k - p || cp < 0)
		return 0;
	return classify(cp);
}

static int is_ascii_letter(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Whether the `.` at s[dot] closes a known abbreviation or a capital
 * initial ("J.", "U.S."). The candidate is the run of ASCII letters and dots
 * that ends at the dot and does not continue a longer word.
 */
static int is_abbreviation(const uint8_t *s, size_t base, size_t dot)
{
	static const struct {
		char s[6];
		uint8_t n;
	} abbrev[] = {
		{ "Mr.", 3 }, { "Mrs.", 4 }, { "Ms.", 3 }, { "Dr.", 3 }, { "Prof.", 5 },
		{ "St.", 3 }, { "No.", 3 }, { "U.S.", 4 }, { "U.N.", 4 }, { "e.g.", 4 },
		{ "i.e.", 4 }, { "etc.", 4 }, { "MR.", 3 }, { "MRS.", 4 }, { "MS.", 3 },
		{ "DR.", 3 }, { "PROF.", 5 }, { "ST.", 3 }, { "NO.", 3 }, { "E.G.", 4 },
		{ "I.E.", 4 }, { "ETC.", 4 },
	};
	size_t k = dot, n, p;
	uint32_t kb;

	while (k > base && dot - k < 16 && (is_ascii_letter(s[k - 1]) || s[k - 1] == '.'))
		k--;
	if (k > base && (is_ascii_letter(s[k - 1]) || s[k - 1] == '.'))
		return 0; /* too long to be one */
	while (k < dot && s[k] == '.')
		k++;
	if (k == dot) {
		/* A non-ASCII capital initial: "Ž. Smith". */
		if (dot == base)
			return 0;
		kb = class_before(s, base, dot, &p);
		if ((kb & (K_WORD | K_UPPER)) != (K_WORD | K_UPPER) || s[p] < 0x80)
			return 0;
		return p == base || !(class_before(s, base, p, &p) & K_WORD);
	}
	if (k > base && (class_before(s, base, k, &p) & K_WORD))
		return 0;
	n = dot - k + 1;
	for (size_t a = 0; n <= 5 && a < sizeof abbrev / sizeof *abbrev; a++)
		if (abbrev[a].n == n && abbrev[a].s[0] == (char)s[k] && memcmp(abbrev[a].s, s + k, n) == 0)
			return 1;
	/* One or more capital initials, each followed by its dot. */
	if (n % 2)
		return 0;
	for (size_t t = k; t < dot; t += 2)
		if (!(s[t] >= 'A' && s[t] <= 'Z') || s[t + 1] != '.')
			return 0;
	return 1;
}

/*
 * Whether s[from, to) is exactly one letter (L*): the single letters of an
 * initialism ("U.N.", "e.g."). Marks and digits are not letters here.
 */
static int one_letter(const uint8_t *s, size_t from, size_t to)
{
	int32_t cp;
	utf8proc_category_t cat;
	if (to <= from)
		return 0;
	if (s[from] < 0x80)
		return to - from == 1 && is_ascii_letter(s[from]);
	if ((size_t)decode(s, to, from, &cp) != to - from || cp < 0)
		return 0;
	cat = utf8proc_category(cp);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/*
 * Whether the code point at s[j] is a letter standing alone: a letter that
 * no further token character follows. With one_letter on the letter before
 * a `.`, this is the initialism rule: "U.N" and "u.s.s.r" stay one token,
 * "peace.The" does not.
 */
static int lone_letter_at(const uint8_t *s, size_t len, size_t j)
{
	int m, m2;
	if (j >= len)
		return 0;
	(void)class_at(s, len, j, &m);
	if (m == 0 || !one_letter(s, j, j + (size_t)m))
		return 0;
	return !(class_at(s, len, j + (size_t)m, &m2) & K_WORD);
}

/*
 * Line-end hyphenation: the hyphen just before s[j] is followed by optional
 * spaces, one line end, optional spaces and a lower-case letter (Ll). Returns
 * the index of that letter, or 0 when the hyphen is not a line-end one (no
 * line end, a blank line, or a capital, digit or separator after it).
 */
static size_t line_end_hyphen(const uint8_t *s, size_t len, size_t j)
{
	uint32_t k;
	int m, lines = 0;
	int32_t cp;
	for (;;) {
		k = class_at(s, len, j, &m);
		if (k & K_SPACE) {
			j += (size_t)m;
		} else if (k & (K_LF | K_CR)) {
			if (++lines > 1)
				return 0;
			j += (size_t)m;
			if ((k & K_CR) && j < len && s[j] == '\n')
				j++;
		} else {
			break;
		}
	}
	if (lines != 1 || j >= len)
		return 0;
	if (s[j] < 0x80)
		return s[j] >= 'a' && s[j] <= 'z' ? j : 0;
	if (decode(s, len, j, &cp) < 1 || cp < 0)
		return 0;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL ? j : 0;
}

/*
 * Whether `before` (the raw form of the word piece ending at a line-end
 * hyphen) joined with the word piece of the text at s[j] is a known word.
 * The joined word is normalised as a token would be, always case-folded, and
 * looked up in `words`.
 */
static int known_join(const rh_vocab *words, const char *before, size_t nb, const uint8_t *s,
		      size_t len, size_t j)
{
	char small[64];
	char *w = small;
	size_t e = j, n;
	int ascii = 1, m, found;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t r;

	if (!words)
		return 0;
	while (e < len && (class_at(s, len, e, &m) & K_WORD))
		e += (size_t)m;
	n = nb + (e - j);
	if (n > sizeof small && !(w = rh__malloc(n)))
		return 0; /* out of memory only loses the join without hyphen */
	memcpy(w, before, nb);
	memcpy(w + nb, s + j, e - j);
	for (size_t q = 0; q < n; q++) {
		if ((uint8_t)w[q] >= 0x80)
			ascii = 0;
		else if (w[q] >= 'A' && w[q] <= 'Z')
			w[q] = (char)(w[q] + 32);
	}
	if (ascii) {
		found = rh_vocab_find(words, w, n) >= 0;
	} else {
		r = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &mapped,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
		found = r >= 0 && rh_vocab_find(words, (const char *)mapped, (size_t)r) >= 0;
		free(mapped);
	}
	if (w != small)
		free(w);
	return found;
}

/*
 * A terminator (. ! ? … 。！？) that is not inside a token starts at s[at]
 * (code point cp, m bytes). Sets *pending when a sentence ends there: after
 * the run of further terminators and closing quotes or brackets that follows
 * it, there is white space and then an upper-case letter, a digit or an
 * opening quote or bracket, or the end of the text; and the terminator is
 * not the dot of a known abbreviation or initial. The ideographic
 * terminators 。！？ end a sentence whatever follows: the scripts that use
 * them put no space after them and have no case. Returns the index after
 * the run, which holds no token character.
 */
static size_t sentence_run(const uint8_t *s, size_t base, size_t len, size_t at, int m,
			   int32_t cp, int *pending)
{
	size_t j = at + (size_t)m, w;
	uint32_t k;
	int cjk = cp >= 0x80 && (classify(cp) & K_CJK), more = 0, m2;

	while (j < len && (k = class_at(s, len, j, &m2)) & (K_TERM | K_CLOSE)) {
		if (k & K_CJK)
			cjk = 1;
		if (k & K_TERM)
			more = 1;
		j += (size_t)m2;
	}
	if (cjk) {
		*pending = 1;
		return j;
	}
	w = j;
	while (w < len && (k = class_at(s, len, w, &m2)) & (K_SPACE | K_LF | K_CR | K_PARA))
		w += (size_t)m2;
	if (w == len) {
		*pending = 1;
		return j;
	}
	if (w == j)
		return j;
	k = class_at(s, len, w, &m2);
	if (!((k & K_UPPER) || (k & K_DIGIT) || (k & K_OPEN)))
		return j;
	k = cp < 0x80 ? cls[cp] : classify(cp);
	/* "U.N.? Yes": a terminator after the abbreviation's dot ends the sentence. */
	if ((k & K_DOT) && !more && is_abbreviation(s, base, at))
		return j;
	*pending = 1;
	return j;
}

/*
 * The hot loop: copies the run of ASCII letters and digits at q (before e)
 * to o, folded by wf, and returns its length. Where SSE2 is there it goes
 * 16 bytes at a time and stores 16 bytes whatever the run's length, so o
 * must have room for e - q bytes (the tokenizer keeps room in norm for the
 * rest of the text).
 */
static inline size_t scan_ascii(const uint8_t *q, const uint8_t *e, char *o,
				const uint8_t *wf, int keep_case)
{
	const uint8_t *q0 = q;
	uint8_t f;
#ifdef __SSE2__
	const __m128i lo_a = _mm_set1_epi8('a' - 1), hi_z = _mm_set1_epi8('z' + 1);
	const __m128i lo_0 = _mm_set1_epi8('0' - 1), hi_9 = _mm_set1_epi8('9' + 1);
	const __m128i bit = _mm_set1_epi8(0x20);
	const __m128i fold = keep_case ? _mm_setzero_si128() : bit;
	while (e - q >= 16) {
		/* Bytes 0x80-0xFF compare as negative: never in range. */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i l = _mm_or_si128(v, bit);
		__m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(l, lo_a), _mm_cmplt_epi8(l, hi_z));
		__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, lo_0), _mm_cmplt_epi8(v, hi_9));
		unsigned stop = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, digit)) & 0xFFFFu;
		_mm_storeu_si128((__m128i *)(void *)o, _mm_or_si128(v, _mm_and_si128(alpha, fold)));
		if (stop)
			return (size_t)(q - q0) + (unsigned)__builtin_ctz(stop);
		q += 16;
		o += 16;
	}
#else
	(void)keep_case;
#endif
	while (q < e && (f = wf[*q]) != 0) {
		*o++ = (char)f;
		q++;
	}
	return (size_t)(q - q0);
}

/*
 * The normalised form of one code point on its own, cached: cp, then the
 * UTF-8 bytes, or len = NOT_SIMPLE when the form cannot simply be pasted
 * next to its neighbours (see simple_form).
 */
typedef struct {
	int32_t cp;
	uint8_t len;
	char b[11];
} form_entry;

/* The class of one non-ASCII code point, cached. */
typedef struct {
	int32_t cp;
	uint32_t k;
} class_entry;

#define NOT_SIMPLE 0xFF
#define FORM_CACHE 256

/* Scratch space for normalising tokens, reused for the whole text. */
typedef struct {
	int32_t *buf;
	size_t cap;
	int32_t *heap;    /* when the stack buffer is too small */
	form_entry *form; /* FORM_CACHE entries, filled on first use */
	int form_ready;
	class_entry *cls; /* FORM_CACHE classes of recent non-ASCII code points */
	int cls_ready;
} scratch;

/* classify(cp) through a small direct-mapped cache: texts reuse few code points. */
static inline uint32_t classify_cached(scratch *sc, int32_t cp)
{
	uint32_t h = (uint32_t)cp % FORM_CACHE;
	if (!sc->cls_ready) {
		for (size_t f = 0; f < FORM_CACHE; f++)
			sc->cls[f].cp = -1;
		sc->cls_ready = 1;
	}
	if (sc->cls[h].cp != cp) {
		sc->cls[h].cp = cp;
		sc->cls[h].k = classify(cp);
	}
	return sc->cls[h].k;
}

/*
 * Reads the apostrophe and hyphen variants in a normalised form b[0, n) as
 * ASCII, in place; returns the new length. A compatibility decomposition
 * can produce one (U+0149 is U+02BC n), and it must read like the one in
 * the text.
 */
static size_t map_variants(uint8_t *b, size_t n)
{
	size_t o = 0;
	for (size_t q = 0; q < n;) {
		if (b[q] == 0xCA && q + 1 < n && b[q + 1] == 0xBC) {
			b[o++] = '\'';
			q += 2;
		} else if (b[q] == 0xE2 && q + 2 < n && b[q + 1] == 0x80 &&
			   (b[q + 2] == 0x98 || b[q + 2] == 0x99 || b[q + 2] == 0xB2)) {
			b[o++] = '\'';
			q += 3;
		} else if (b[q] == 0xE2 && q + 2 < n && b[q + 1] == 0x80 &&
			   (b[q + 2] == 0x90 || b[q + 2] == 0x91)) {
			b[o++] = '-';
			q += 3;
		} else {
			b[o++] = b[q++];
		}
	}
	return o;
}

/*
 * Fills e with the normalised form of code point cp alone. The form is
 * simple when every code point in it is ASCII, or a letter (L*) or decimal
 * digit (Nd) of canonical combining class 0 that is no Hangul jamo. Then
 * nothing in it can compose with or be reordered against a neighbour: the
 * characters that compose as the second of a pair are all marks (M*), or
 * Hangul vowel and trailing jamo, which compose algorithmically. So the
 * form of a token made of ASCII and simple characters is the concatenation
 * of their forms. Everything else takes the full utf8proc path.
 */
static void simple_form(form_entry *e, int32_t cp, utf8proc_option_t opt)
{
	uint8_t in[4];
	int32_t buf[24];
	utf8proc_ssize_t r, n;
	size_t len;

	e->cp = cp;
	e->len = NOT_SIMPLE;
	n = utf8proc_encode_char(cp, in);
	r = utf8proc_decompose(in, n, buf, 24, opt);
	if (r < 0 || r > 24 || (r = utf8proc_reencode(buf, r, opt)) < 0)
		return;
	len = map_variants((uint8_t *)buf, (size_t)r);
	if (len > sizeof e->b || memchr(buf, ' ', len))
		return;
	for (size_t q = 0; q < len;) {
		const uint8_t *b = (const uint8_t *)buf;
		int32_t c;
		int m = decode(b, len, q, &c);
		const utf8proc_property_t *pr;
		if (c < 0)
			return;
		pr = utf8proc_get_property(c);
		if (pr->combining_class != 0 || (c >= 0x1100 && c <= 0x11FF) ||
		    (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF))
			return;
		switch (pr->category) {
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
		case UTF8PROC_CATEGORY_ND:
			break;
		default:
			/* A space in a compatibility form (U+FDFA, U+FE7C, U+037A)
			   takes the full path, which drops it. */
			if (c >= 0x80 || c == ' ')
				return;
		}
		q += (size_t)m;
	}
	memcpy(e->b, buf, len);
	e->len = (uint8_t)len;
}

/*
 * A few compatibility characters decompose to words with spaces between
 * them (U+FDFA, a phrase in one character) or to a space and a mark (U+FE7C,
 * U+037A). A token's form never holds white space, so that a form always
 * reads as one word: the spaces are dropped. Returns the new length.
 */
static size_t drop_spaces(uint8_t *b, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (b[i] != ' ')
			b[k++] = b[i];
	return k;
}

/* Grows the scratch buffer to at least `need` code points. */
static int grow_scratch(scratch *sc, size_t need)
{
	size_t c = sc->cap;
	int32_t *p;
	while (c < need)
		c *= 2;
	if (!(p = rh__realloc(sc->heap, c * sizeof *p)))
		return RH_ENOMEM;
	sc->heap = sc->buf = p;
	sc->cap = c;
	return 0;
}

/*
 * The form of raw[0, n) pasted together from the cached forms of its
 * characters into the scratch buffer; its length, or -1 when a character's
 * form is not simple (or the buffer is full).
 */
static utf8proc_ssize_t paste_simple(scratch *sc, utf8proc_option_t opt, const uint8_t *raw, size_t n)
{
	uint8_t *b = (uint8_t *)sc->buf;
	size_t o = 0, room = sc->cap * sizeof *sc->buf;

	if (!sc->form_ready) {
		for (size_t f = 0; f < FORM_CACHE; f++)
			sc->form[f].cp = -1;
		sc->form_ready = 1;
	}
	for (size_t q = 0; q < n;) {
		form_entry *e;
		int32_t cp;
		if (raw[q] < 0x80) {
			if (o >= room)
				return -1;
			b[o++] = raw[q++];
			continue;
		}
		q += (size_t)decode(raw, n, q, &cp);
		e = &sc->form[(uint32_t)cp % FORM_CACHE];
		if (e->cp != cp)
			simple_form(e, cp, opt);
		if (e->len == NOT_SIMPLE || o + e->len > room)
			return -1;
		memcpy(b + o, e->b, e->len);
		o += e->len;
	}
	return (utf8proc_ssize_t)o;
}

/*
 * The full form of raw[0, rawlen) into the scratch buffer with utf8proc,
 * variants read as ASCII; its length, or a negative RH_E... code.
 */
static utf8proc_ssize_t full_form(scratch *sc, utf8proc_option_t opt, const uint8_t *raw,
				  utf8proc_ssize_t rawlen, size_t start)
{
	utf8proc_ssize_t r, blen;
	int err;
	for (;;) {
		r = utf8proc_decompose(raw, rawlen, sc->buf, (utf8proc_ssize_t)sc->cap, opt);
		if (r < 0)
			return rh_error__set(RH_EUTF8, "text: normalising the token at norm offset %zu failed: %s",
					     start, utf8proc_errmsg(r));
		if ((size_t)r <= sc->cap)
			break;
		if ((err = grow_scratch(sc, (size_t)r)) < 0)
			return err;
	}
	blen = utf8proc_reencode(sc->buf, r, opt);
	if (blen < 0)
		return rh_error__set(RH_EUTF8, "text: normalising the token at norm offset %zu failed: %s",
				     start, utf8proc_errmsg(blen));
	return (utf8proc_ssize_t)map_variants((uint8_t *)sc->buf, (size_t)blen);
}

/*
 * Normalises the raw form of the current token, out->norm[start, *nl), in
 * place: NFKC and (unless keep_case) case folding with utf8proc, as
 * utf8proc_map(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
 * UTF8PROC_CASEFOLD) would but without a malloc per call. Tokens whose
 * non-ASCII characters all have simple forms are pasted together from the
 * cache. `reserve` more bytes must stay free after the result for the rest
 * of the text.
 *
 * A few letters and marks have a compatibility form that holds a space
 * (U+FDFA, a phrase in one character; U+FE7C and U+037A, a mark on a space).
 * A token never holds white space, so that one token is one word of the
 * output: the spaces are dropped and the rest is normalised again (NFKC of
 * an NFKC string only reorders and composes, so no space comes back).
 */
static int normalise(rh_tokens *out, scratch *sc, utf8proc_option_t opt, size_t start,
		     size_t *nl, size_t reserve)
{
	const uint8_t *raw = (const uint8_t *)out->norm + start;
	utf8proc_ssize_t rawlen = (utf8proc_ssize_t)(*nl - start), blen;
	int err;

	if ((blen = paste_simple(sc, opt, raw, (size_t)rawlen)) < 0 &&
	    (blen = full_form(sc, opt, raw, rawlen, start)) < 0)
		return (int)blen;
	if (memchr(sc->buf, ' ', (size_t)blen)) {
		size_t k = drop_spaces((uint8_t *)sc->buf, (size_t)blen);
		if ((err = rh__grow(&out->norm, &out->norm_cap, start + (size_t)blen + reserve, 1)) < 0)
			return err;
		memcpy(out->norm + start, sc->buf, k);
		if ((blen = full_form(sc, opt, (const uint8_t *)out->norm + start, (utf8proc_ssize_t)k,
				      start)) < 0)
			return (int)blen;
		blen = (utf8proc_ssize_t)drop_spaces((uint8_t *)sc->buf, (size_t)blen);
	}
	if (start + (size_t)blen > UINT32_MAX)
		return rh_error__set(RH_EUSAGE, "text: normalised text exceeds 4 GiB");
	if ((err = rh__grow(&out->norm, &out->norm_cap, start + (size_t)blen + reserve, 1)) < 0)
		return err;
	memcpy(out->norm + start, sc->buf, (size_t)blen);
	*nl = start + (size_t)blen;
	return 0;
}

RH_API int rh_text_tokenize(rh_tokens *out, const rh_text_options *opts,
			    const char *text, size_t len)
{
	static const rh_text_options defaults = RH_TEXT_OPTIONS_INIT;
	const uint8_t *s = (const uint8_t *)text;
	int32_t stackbuf[256];
	form_entry forms[FORM_CACHE];
	class_entry classes[FORM_CACHE];
	scratch sc = { stackbuf, sizeof stackbuf / sizeof *stackbuf, NULL, forms, 0, classes, 0 };
	utf8proc_option_t nopt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
	const uint8_t *wf;
	int keep_case;
	uint32_t jmask, cur = 0;
	size_t i = 0, base = 0, n = 0, nl = 0, tcap;
	int err = 0, pending = 0, has_tok = 0, lines = 0, dehyph;
	/*
	 * The loop keeps its state in locals whose address never escapes, and
	 * the token array and form buffer in local pointers: the form is
	 * written through char pointers, which may alias anything, so state
	 * kept behind a pointer would be reloaded after every byte stored.
	 */
	rh_token *tok;
	char *nb;

	if (!out)
		return rh_error__set(RH_EUSAGE, "rh_text_tokenize: no output");
	out->n = 0;
	out->norm_len = 0;
	out->sentences = 0;
	out->invalid_utf8 = 0;
	out->first_invalid = 0;
	out->nul_bytes = 0;
	out->first_nul = 0;
	out->bom = 0;
	if (!text && len)
		return rh_error__set(RH_EUSAGE, "rh_text_tokenize: NULL text of %zu bytes", len);
	if (len > UINT32_MAX)
		return rh_error__set(RH_EUSAGE, "rh_text_tokenize: text of %zu bytes; 4 GiB or more is refused", len);
	if (!opts)
		opts = &defaults;
	keep_case = opts->keep_case != 0;
	wf = keep_case ? fold_keep : fold_lower;
	jmask = opts->split_hyphens ? K_APOS : (K_APOS | K_HYPH);
	dehyph = opts->dehyphenate != 0;
	if (!keep_case)
		nopt |= UTF8PROC_CASEFOLD;

	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		base = i = 3;
		out->bom = 1;
	}
	/*
	 * A token's raw form (ASCII folded inline, non-ASCII bytes copied,
	 * variants mapped to ASCII) is never longer than its original bytes,
	 * so with room for the whole text no check is needed per byte; only
	 * normalisation can grow a form, and normalise() keeps the reserve.
	 */
	if ((err = rh__grow(&out->norm, &out->norm_cap, len - base + 1 + RH_TOKENS_PAD, 1)) < 0)
		goto done;
	nb = out->norm;
	tok = out->tok;
	tcap = out->cap;

	while (i < len) {
		uint32_t c = s[i], k = cls[c];
		size_t tok_start, norm_start, piece, piece_norm;
		int32_t cp;
		int m, m2, needs_norm = 0, ends;

		if (!(k & K_WORD)) {
			if (c < 0x80) {
				i++;
				if (k & K_SPACE)
					continue;
				if (k & (K_LF | K_CR)) {
					if ((k & K_CR) && i < len && s[i] == '\n')
						i++;
					if (++lines >= 2)
						pending = 1;
					continue;
				}
				lines = 0;
				if (k & K_TERM) {
					ends = 0;
					i = sentence_run(s, base, len, i - 1, 1, (int32_t)c, &ends);
					pending |= ends;
				} else if ((k & K_NUL) && out->nul_bytes++ == 0)
					out->first_nul = i - 1;
				continue;
			}
			m = decode(s, len, i, &cp);
			if (cp < 0) {
				if (out->invalid_utf8++ == 0)
					out->first_invalid = i;
				i += (size_t)m;
				lines = 0;
				continue;
			}
			k = classify_cached(&sc, cp);
			if (!(k & K_WORD)) {
				size_t at = i;
				i += (size_t)m;
				if (k & K_SPACE)
					continue;
				if (k & K_LF) {
					if (++lines >= 2)
						pending = 1;
					continue;
				}
				lines = 0;
				if (k & K_PARA)
					pending = 1;
				else if (k & K_TERM) {
					ends = 0;
					i = sentence_run(s, base, len, at, m, cp, &ends);
					pending |= ends;
				}
				continue;
			}
		}

		/* A token starts at s[i]. */
		lines = 0;
		tok_start = i;
		norm_start = nl;
		/* The current piece: since the start or the last `'`, `-`, `.` or `,` kept. */
		piece = i;
		piece_norm = nl;
		for (;;) {
			size_t p, nx, j;
			{
				size_t w = scan_ascii(s + i, s + len, nb + nl, wf, keep_case);
				i += w;
				nl += w;
			}
			if (i >= len)
				break;
			c = s[i];
			if (c < 0x80) {
				k = cls[c];
				m = 1;
			} else {
				m = decode(s, len, i, &cp);
				if (cp < 0)
					break;
				k = classify_cached(&sc, cp);
				if (k & K_WORD) {
					memcpy(nb + nl, s + i, (size_t)m);
					nl += (size_t)m;
					needs_norm = 1;
					i += (size_t)m;
					continue;
				}
			}
			/* A separator or joiner of m bytes at s[i]; most often a space, which ends it. */
			if (!(k & (K_APOS | K_HYPH | K_DOT | K_COMMA)))
				break;
			nx = i + (size_t)m;
			if ((k & K_HYPH) && dehyph && (j = line_end_hyphen(s, len, nx)) != 0) {
				if (known_join(opts->known_words, nb + piece_norm, nl - piece_norm, s, len, j)) {
					i = j; /* one word: the piece goes on */
					continue;
				}
				if (!opts->split_hyphens) {
					nb[nl++] = '-';
					i = piece = j;
					piece_norm = nl;
					continue;
				}
				break;
			}
			if ((k & jmask) && (class_at(s, len, nx, &m2) & K_WORD)) {
				nb[nl++] = (k & K_APOS) ? '\'' : '-';
				i = piece = nx;
				piece_norm = nl;
				continue;
			}
			if ((k & (K_DOT | K_COMMA)) && (class_at(s, len, nx, &m2) & K_DIGIT) &&
			    (class_before(s, tok_start, i, &p) & K_DIGIT)) {
				nb[nl++] = (k & K_DOT) ? '.' : ',';
				i = piece = nx;
				piece_norm = nl;
				continue;
			}
			if ((k & K_DOT) && one_letter(s, piece, i) && lone_letter_at(s, len, nx)) {
				nb[nl++] = '.';
				i = piece = nx;
				piece_norm = nl;
				continue;
			}
			break;
		}
		if (i - tok_start > RH_MAX_TOKEN) {
			err = rh_error__set(RH_EPARSE, "a token of %zu bytes at byte %zu; a token may have at most %d",
					    i - tok_start, tok_start + 1, RH_MAX_TOKEN);
			goto done;
		}
		if (needs_norm) {
			size_t end = nl;
			if ((err = normalise(out, &sc, nopt, norm_start, &end, len - i)) < 0)
				goto done;
			nl = end;
			nb = out->norm;
		}
		if (n == tcap) {
			if ((err = rh__grow(&out->tok, &out->cap, n + 1, sizeof *out->tok)) < 0)
				goto done;
			tok = out->tok;
			tcap = out->cap;
		}
		if (pending && has_tok)
			cur++;
		pending = 0;
		has_tok = 1;
		tok[n] = (rh_token){ (uint32_t)tok_start, (uint32_t)(i - tok_start), (uint32_t)norm_start,
				     (uint32_t)(nl - norm_start), cur };
		n++;
	}
	if ((err = rh__grow(&out->norm, &out->norm_cap, nl + RH_TOKENS_PAD, 1)) < 0)
		goto done;
	out->n = n;
	out->norm_len = nl;
	out->sentences = n ? cur + 1 : 0;

done:
	free(sc.heap);
	if (err < 0) {
		out->n = 0;
		out->norm_len = 0;
		out->sentences = 0;
	}
	return err;
}

RH_API void rh_tokens_free(rh_tokens *t)
{
	if (!t)
		return;
	free(t->tok);
	free(t->norm);
	memset(t, 0, sizeof *t);
}
