/* test_text.c: unit tests of the tokenizer against the text model of docs/design.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "rhetor/text.h"
#include "rhetor/vocab.h"

/*
 * Every expected value below was worked out by hand from the text model:
 * tokens are written "form/sentence" separated by one space. Non-ASCII
 * characters are spelled as UTF-8 byte escapes with the code point named in
 * a comment.
 */

static rh_tokens T = RH_TOKENS_INIT;

/* "form/sentence form/sentence ..." of the tokens in T. */
static const char *render(void)
{
	static char buf[65536];
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < T.n; i++) {
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s/%u", i ? " " : "",
				      (int)T.tok[i].norm_len, rh_tokens_form(&T, i),
				      (unsigned)T.tok[i].sentence);
		assert_true(o < sizeof buf);
	}
	return buf;
}

static void tok_n(const char *text, size_t len, int keep_case, int split_hyphens)
{
	rh_text_options o = RH_TEXT_OPTIONS_INIT;
	o.keep_case = keep_case;
	o.split_hyphens = split_hyphens;
	assert_int_equal(rh_text_tokenize(&T, &o, text, len), 0);
}

/* Tokenises a NUL-terminated text with default options and checks it. */
static void check(const char *text, const char *expect, unsigned sentences)
{
	tok_n(text, strlen(text), 0, 0);
	assert_string_equal(render(), expect);
	assert_int_equal(T.sentences, sentences);
}

static void check_opt(const char *text, int keep_case, int split, const char *expect)
{
	tok_n(text, strlen(text), keep_case, split);
	assert_string_equal(render(), expect);
}

/* The original bytes of token i are `orig`. */
static void check_orig(const char *text, size_t i, const char *orig)
{
	assert_true(i < T.n);
	assert_int_equal(T.tok[i].length, strlen(orig));
	assert_memory_equal(text + T.tok[i].offset, orig, strlen(orig));
}

static void teardown_all(void)
{
	rh_tokens_free(&T);
}

/* ---- sentences ---- */

static void test_mr_president(void **state)
{
	(void)state;
	/* "Mr." is an abbreviation, and a comma follows "President". */
	check("Mr. President, I congratulate you.",
	      "mr/0 president/0 i/0 congratulate/0 you/0", 1);
	check("Mrs. Smith and Dr. Jones met Prof. Brown in St. Lucia.",
	      "mrs/0 smith/0 and/0 dr/0 jones/0 met/0 prof/0 brown/0 in/0 st/0 lucia/0", 1);
	check("Resolution No. 5 passed.", "resolution/0 no/0 5/0 passed/0", 1);
	/* Only the abbreviation "No." with its capital: "no." ends a sentence. */
	check("I said no. Then I left.", "i/0 said/0 no/0 then/1 i/1 left/1", 2);
}

static void test_initial(void **state)
{
	(void)state;
	check("J. Smith spoke. He left.", "j/0 smith/0 spoke/0 he/1 left/1", 2);
	/* U+017D (Z with caron) as a single capital initial. */
	check("\xC5\xBD. Smith spoke.", "\xC5\xBE/0 smith/0 spoke/0", 1);
	/* An initialism is one token; a run of capital initials ends no sentence. */
	check("J.R.R. Tolkien wrote.", "j.r.r/0 tolkien/0 wrote/0", 1);
}

static void test_us_policy(void **state)
{
	(void)state;
	check("The U.S. policy is clear.", "the/0 u.s/0 policy/0 is/0 clear/0", 1);
	/* A known abbreviation never ends a sentence, even before a capital. */
	check("The U.N. Charter binds us.", "the/0 u.n/0 charter/0 binds/0 us/0", 1);
	check("Fruit, e.g. Apples, i.e. Food, etc. And more.",
	      "fruit/0 e.g/0 apples/0 i.e/0 food/0 etc/0 and/0 more/0", 1);
}

/* ---- initialisms: a single `.` between two single letters ---- */

static void test_initialisms(void **state)
{
	const char *s;
	(void)state;
	/* The last dot is no part of the token: "U.N." spans 3 bytes. */
	s = "the U.N. and the U.S.S.R. met";
	check(s, "the/0 u.n/0 and/0 the/0 u.s.s.r/0 met/0", 1);
	check_orig(s, 1, "U.N");
	check_orig(s, 4, "U.S.S.R");
	check("U.S.A. e.g. i.e", "u.s.a/0 e.g/0 i.e/0", 1);
	/* "peace.The": the letters around the dot are not single. Nor in
	 * "A.Smith" (S is followed by m) or "in.A" (n follows i). */
	check("peace.The end", "peace/0 the/0 end/0", 1);
	check("A.Smith in.A x.y", "a/0 smith/0 in/0 a/0 x.y/0", 1);
	/* Two dots, a digit or a hyphen between letters: no initialism. */
	check("U..N A.5 U.N.-led", "u/0 n/0 a/0 5/0 u.n/0 led/0", 1);
	/* U+00C9 (E acute) is a single letter too: "\xC3\x89.U." gives \xC3\xA9.u. */
	check("\xC3\x89.U. policy", "\xC3\xA9.u/0 policy/0", 1);
	/* keep_case keeps the capitals. */
	check_opt("U.N. Charter", 1, 0, "U.N/0 Charter/0");
	/*
	 * Sentence ends around an initialism: U.N. is a known abbreviation and
	 * U.S.A. a run of capital initials, so neither ends a sentence, even
	 * before a capital. A lower-case initialism that is no known
	 * abbreviation does: "a.m." then a capital.
	 */
	check("We thank the U.N. Then we act.", "we/0 thank/0 the/0 u.n/0 then/0 we/0 act/0", 1);
	check("Made in the U.S.A. Then sold.", "made/0 in/0 the/0 u.s.a/0 then/0 sold/0", 1);
	check("It began at 9 a.m. Then it ended.", "it/0 began/0 at/0 9/0 a.m/0 then/1 it/1 ended/1", 2);
	/* A question mark after an initialism ends the sentence. */
	check("Is it the U.N.? Yes.", "is/0 it/0 the/0 u.n/0 yes/1", 2);
	/* At the end of the text the last dot ends the one sentence. */
	check("We thank the U.N.", "we/0 thank/0 the/0 u.n/0", 1);
}

/* ---- --dehyphenate ---- */

static rh_vocab *known_words(void)
{
	static const char list[] = "# a small word list\ndevelopment\npeacekeeping\ngovernment\n";
	rh_vocab *v = NULL;
	rh_text_options o = RH_TEXT_OPTIONS_INIT;
	assert_int_equal(rh_vocab_load_list(&v, list, sizeof list - 1, &o), 0);
	return v;
}

static void check_dehy(const char *text, const rh_vocab *words, int split, const char *expect,
		       unsigned sentences)
{
	rh_text_options o = RH_TEXT_OPTIONS_INIT;
	o.dehyphenate = 1;
	o.known_words = words;
	o.split_hyphens = split;
	assert_int_equal(rh_text_tokenize(&T, &o, text, strlen(text)), 0);
	assert_string_equal(render(), expect);
	assert_int_equal(T.sentences, sentences);
}

static void test_dehyphenate(void **state)
{
	rh_vocab *w = known_words();
	const char *s;
	(void)state;
	/* "selfgovernment" is no known word: the hyphen stays. */
	s = "for self-\ngovernment and develop-\nment now";
	check_dehy(s, w, 0, "for/0 self-government/0 and/0 development/0 now/0", 1);
	/* The tokens still span the bytes as written, hyphen and line end included. */
	check_orig(s, 1, "self-\ngovernment");
	check_orig(s, 3, "develop-\nment");
	/* "for " 4 + "self-" 5 + LF 1 + "government" 10 + " and " 5 = 25 bytes before it. */
	assert_int_equal(T.tok[3].offset, 25);
	/* Off by default: today's tokens. */
	check(s, "for/0 self/0 government/0 and/0 develop/0 ment/0 now/0", 1);
	/* Spaces around the line end, CRLF, capitals before the hyphen. */
	check_dehy("Peace- \r\n  keeping Develop-\r\nment", w, 0, "peacekeeping/0 development/0", 1);
	/* The hyphen is not at a line end: "Anti- Fascist" stays two words. */
	check_dehy("Anti- Fascist pre- and", w, 0, "anti/0 fascist/0 pre/0 and/0", 1);
	/* A capital or a digit after the line end, or a blank line: no join. */
	check_dehy("Anti-\nFascist in 19-\n45 one-\n\ntwo", w, 0,
		   "anti/0 fascist/0 in/0 19/0 45/0 one/0 two/1", 2);
	/* Only the last piece and the next one are judged: "non-" stays. */
	check_dehy("non-develop-\nment's", w, 0, "non-development's/0", 1);
	/* No word list: every mended word keeps its hyphen. */
	check_dehy("develop-\nment", NULL, 0, "develop-ment/0", 1);
	/* With split_hyphens a kept hyphen separates; a known word still joins. */
	check_dehy("self-\ngovernment develop-\nment win-win", w, 1,
		   "self/0 government/0 development/0 win/0 win/0", 1);
	/* keep_case: the word list is case-folded, the form keeps its case. */
	{
		rh_text_options o = RH_TEXT_OPTIONS_INIT;
		o.dehyphenate = 1;
		o.keep_case = 1;
		o.known_words = w;
		s = "Develop-\nment";
		assert_int_equal(rh_text_tokenize(&T, &o, s, strlen(s)), 0);
		assert_string_equal(render(), "Development/0");
	}
	rh_vocab_free(w);
}

static void test_plain_ends(void **state)
{
	(void)state;
	check("It ended. Then it began.", "it/0 ended/0 then/1 it/1 began/1", 2);
	check("We act in 2030. The goals stay.", "we/0 act/0 in/0 2030/0 the/1 goals/1 stay/1", 2);
	check("Why? Because we can! Now go.", "why/0 because/1 we/1 can/1 now/2 go/2", 3);
	/* U+2026 horizontal ellipsis, then a capital. */
	check("We waited\xE2\x80\xA6 Then we acted.", "we/0 waited/0 then/1 we/1 acted/1", 2);
	/* Ellipsis or dot before a lower-case word: no end. */
	check("and so\xE2\x80\xA6 then we. and", "and/0 so/0 then/0 we/0 and/0", 1);
	/* Three dots, several terminators. */
	check("Wait... What?! Yes.", "wait/0 what/1 yes/2", 3);
	/* A digit and opening quotes or brackets start a sentence. */
	check("It rose by 5. 2030 is near.", "it/0 rose/0 by/0 5/0 2030/1 is/1 near/1", 2);
	/* U+201C left double quotation mark. */
	check("He spoke. \xE2\x80\x9CWe act.\xE2\x80\x9D (Then) 'So' \"be\" it.",
	      "he/0 spoke/0 we/1 act/1 then/2 so/2 be/2 it/2", 3);
	/* Closing quote and bracket between the terminator and the space. */
	check("\"Stop.\" Then (go.) Now", "stop/0 then/1 go/1 now/2", 3);
	/* No white space after the terminator: no end. */
	check("end.Next", "end/0 next/0", 1);
	/* Ideographic full stop U+3002 ends a sentence with no space after it. */
	check("\xE6\x88\x91\xE4\xBB\xAC\xE3\x80\x82\xE4\xBB\x96\xE4\xBB\xAC",
	      "\xE6\x88\x91\xE4\xBB\xAC/0 \xE4\xBB\x96\xE4\xBB\xAC/1", 2);
}

static void test_blank_line(void **state)
{
	(void)state;
	check("Title line\n\nfirst words", "title/0 line/0 first/1 words/1", 2);
	check("Title line\n \t \nfirst words", "title/0 line/0 first/1 words/1", 2);
	check("one\ntwo", "one/0 two/0", 1);
	check("one\n-\ntwo", "one/0 two/0", 1);
	/* U+2029 paragraph separator. */
	check("one\xE2\x80\xA9two", "one/0 two/1", 2);
}

static void test_dense_sentences(void **state)
{
	(void)state;
	/* Sentences with no token do not count. */
	check("Yes.\n\n\n\n! ? No.", "yes/0 no/1", 2);
	check("\n\n!!! Hello.", "hello/0", 1);
	/* Two breaks with no token between them make one boundary. */
	check("Hello.\n\n. . .\n\nAgain", "hello/0 again/1", 2);
	/* "Hello." is followed by "." (no end); the lone "." by a capital. */
	check("Hello. ... . Again", "hello/0 again/1", 2);
}

/* ---- token characters ---- */

static void test_apostrophes(void **state)
{
	const char *s;
	(void)state;
	/* U+2019 right single quotation mark */
	s = "the people\xE2\x80\x99s choice";
	check(s, "the/0 people's/0 choice/0", 1);
	check_orig(s, 1, "people\xE2\x80\x99s");
	/* U+02BC modifier letter apostrophe, U+2018, U+2032 */
	check("people\xCA\xBCs people\xE2\x80\x98s people\xE2\x80\xB2s people's",
	      "people's/0 people's/0 people's/0 people's/0", 1);
	/* Apostrophes at the edges of a word, and doubled, separate. */
	check("'tis the peoples' choice", "tis/0 the/0 peoples/0 choice/0", 1);
	check("rock'n'roll don''t", "rock'n'roll/0 don/0 t/0", 1);
	/* U+0149 decomposes under NFKC to U+02BC n: read as 'n. */
	check("\xC5\x89", "'n/0", 1);
}

static void test_hyphens(void **state)
{
	const char *s;
	(void)state;
	check("win-win beggar-thy-neighbor", "win-win/0 beggar-thy-neighbor/0", 1);
	/* U+2011 non-breaking hyphen, U+2010 hyphen */
	s = "win\xE2\x80\x91win win\xE2\x80\x90win";
	check(s, "win-win/0 win-win/0", 1);
	check_orig(s, 0, "win\xE2\x80\x91win");
	check("win--win pre- and post-war -x", "win/0 win/0 pre/0 and/0 post-war/0 x/0", 1);
	check_opt("win-win win\xE2\x80\x91win people's", 0, 1, "win/0 win/0 win/0 win/0 people's/0");
	/* U+2013 en dash and U+2014 em dash separate. */
	check("peace\xE2\x80\x93security\xE2\x80\x94" "development",
	      "peace/0 security/0 development/0", 1);
}

static void test_case_and_nfkc(void **state)
{
	const char *s;
	(void)state;
	check("XI Jinping Xi Jinping", "xi/0 jinping/0 xi/0 jinping/0", 1);
	/* U+FB01 ligature fi; U+FF35 U+FF2E full-width U N */
	s = "\xEF\xAC\x81nance \xEF\xBC\xB5\xEF\xBC\xAE";
	check(s, "finance/0 un/0", 1);
	check_orig(s, 0, "\xEF\xAC\x81nance");
	check_orig(s, 1, "\xEF\xBC\xB5\xEF\xBC\xAE");
	/* keep_case: NFKC still applies, case folding does not. */
	check_opt("XI Jinping \xEF\xAC\x81nance \xEF\xBC\xB5\xEF\xBC\xAE Stra\xC3\x9F" "e", 1, 0,
		  "XI/0 Jinping/0 finance/0 UN/0 Stra\xC3\x9F" "e/0");
	/* U+00DF sharp s folds to "ss"; U+1E9E capital sharp s too. */
	check("Stra\xC3\x9F" "e STRASSE \xE1\xBA\x9E", "strasse/0 strasse/0 ss/0", 1);
	/* e + U+0301 combining acute composes to U+00E9; E + U+0301 folds to it. */
	check("cafe\xCC\x81 CAF\xC3\x89 Cafe\xCC\x81",
	      "caf\xC3\xA9/0 caf\xC3\xA9/0 caf\xC3\xA9/0", 1);
	/* Full-width digits U+FF12 U+FF10 U+FF13 U+FF10 are Nd. */
	check("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x93\xEF\xBC\x90", "2030/0", 1);
	/* Superscript one U+00B9 and superscript two U+00B2 (No) separate. */
	check("development\xC2\xB9 km\xC2\xB2", "development/0 km/0", 1);
}

/*
 * Compatibility forms that hold a space (UnicodeData.txt, field 5): a form
 * never holds white space, so the space is dropped and the rest normalised.
 * U+037A GREEK YPOGEGRAMMENI (Lm) is <compat> U+0020 U+0345; U+0345 case
 * folds to U+03B9 (CaseFolding.txt), so the form is U+03B9 (CE B9), or
 * U+0345 (CD 85) with keep_case.
 * U+FE7C ARABIC SHADDA ISOLATED FORM (Lo) is <isolated> U+0020 U+0651: the
 * form is U+0651 (D9 91).
 * U+FDFA ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM (Lo) is <isolated>
 * U+0635 U+0644 U+0649 U+0020 U+0627 U+0644 U+0644 U+0647 U+0020 U+0639
 * U+0644 U+064A U+0647 U+0020 U+0648 U+0633 U+0644 U+0645: the form is
 * those 15 letters (2 bytes each) with no space.
 */
static void test_nfkc_no_space(void **state)
{
	static const char fdfa[] =
		"\xD8\xB5\xD9\x84\xD9\x89" "\xD8\xA7\xD9\x84\xD9\x84\xD9\x87"
		"\xD8\xB9\xD9\x84\xD9\x8A\xD9\x87" "\xD9\x88\xD8\xB3\xD9\x84\xD9\x85";
	char expect[256];
	const char *s;
	(void)state;
	s = "a \xCD\xBA b \xEF\xB9\xBC c";
	check(s, "a/0 \xCE\xB9/0 b/0 \xD9\x91/0 c/0", 1);
	check_orig(s, 1, "\xCD\xBA");
	check_opt("\xCD\xBA", 1, 0, "\xCD\x85/0");
	/* Inside a word too, and every token is counted once. */
	check("x\xCD\xBAy", "x\xCE\xB9y/0", 1);
	s = "peace \xEF\xB7\xBA be";
	snprintf(expect, sizeof expect, "peace/0 %s/0 be/0", fdfa);
	check(s, expect, 1);
	assert_int_equal(T.tok[1].norm_len, 30);
	check_orig(s, 1, "\xEF\xB7\xBA");
	for (size_t i = 0; i < T.norm_len; i++)
		assert_true(T.norm[i] != ' ');
}

static void test_numbers(void **state)
{
	(void)state;
	check("2030 3.5 1,000 1,000,000.25", "2030/0 3.5/0 1,000/0 1,000,000.25/0", 1);
	check("the end. a,b", "the/0 end/0 a/0 b/0", 1);
	check("3. .5 3..5 1,,0 1,a a.1 a1.5", "3/0 5/0 3/0 5/0 1/0 0/0 1/0 a/0 a/0 1/0 a1.5/0", 1);
	check("In 1,000.", "in/0 1,000/0", 1);
}

/* ---- bytes ---- */

static void test_bom(void **state)
{
	const char *s = "\xEF\xBB\xBFHello world";
	(void)state;
	check(s, "hello/0 world/0", 1);
	assert_int_equal(T.bom, 1);
	/* "Hello" starts after the three BOM bytes; "world" at 3 + 6. */
	assert_int_equal(T.tok[0].offset, 3);
	assert_int_equal(T.tok[0].length, 5);
	assert_int_equal(T.tok[1].offset, 9);
	check_orig(s, 1, "world");
	check("Hello", "hello/0", 1);
	assert_int_equal(T.bom, 0);
}

static void test_crlf(void **state)
{
	const char *s = "one.\r\n\r\nTwo\rthree";
	(void)state;
	/* CRLF CRLF is a blank line; a lone CR one line end. */
	check(s, "one/0 two/1 three/1", 2);
	assert_int_equal(T.tok[1].offset, 8);
	check("a\r\rb", "a/0 b/1", 2);
	check("a\r\nb", "a/0 b/0", 1);
}

static void test_invalid_utf8(void **state)
{
	/* good FF bad SP E2 80 SP ok: offsets 0-3, 4, 5-7, 8, 9-10, 11, 12-13 */
	const char s[] = "good\xFF" "bad \xE2\x80 ok";
	(void)state;
	check(s, "good/0 bad/0 ok/0", 1);
	assert_int_equal(T.invalid_utf8, 2);
	assert_int_equal(T.first_invalid, 4);
	assert_int_equal(T.tok[1].offset, 5);
	assert_int_equal(T.tok[2].offset, 12);
	/* Overlong C0 AF: two bytes, each ill-formed. Surrogate ED A0 80: three. */
	check("a\xC0\xAF" "b\xED\xA0\x80" "c", "a/0 b/0 c/0", 1);
	assert_int_equal(T.invalid_utf8, 5);
	assert_int_equal(T.first_invalid, 1);
	/* Truncated at the end of the text: one sequence. */
	check("abc\xE2\x82", "abc/0", 1);
	assert_int_equal(T.invalid_utf8, 1);
	assert_int_equal(T.first_invalid, 3);
	check("abc", "abc/0", 1);
	assert_int_equal(T.invalid_utf8, 0);
}

static void test_nul(void **state)
{
	const char s[] = "one\0two\0";
	(void)state;
	tok_n(s, 8, 0, 0);
	assert_string_equal(render(), "one/0 two/0");
	assert_int_equal(T.nul_bytes, 2);
	assert_int_equal(T.first_nul, 3);
	assert_int_equal(T.tok[1].offset, 4);
}

static void test_empty(void **state)
{
	(void)state;
	check("", "", 0);
	tok_n(NULL, 0, 0, 0);
	assert_int_equal(T.n, 0);
	assert_int_equal(T.sentences, 0);
	check("... !? -- ,. \xE2\x80\x94 \n\n", "", 0);
	assert_int_equal(rh_text_tokenize(NULL, NULL, "a", 1), RH_EUSAGE);
	assert_int_equal(rh_text_tokenize(&T, NULL, NULL, 1), RH_EUSAGE);
#if SIZE_MAX > UINT32_MAX
	assert_int_equal(rh_text_tokenize(&T, NULL, "a", (size_t)UINT32_MAX + 1), RH_EUSAGE);
#endif
	/* NULL options are the defaults. */
	assert_int_equal(rh_text_tokenize(&T, NULL, "A b", 3), 0);
	assert_string_equal(render(), "a/0 b/0");
}

static void test_offsets_mixed(void **state)
{
	/* BOM, U+201C, U+2011, U+201D, U+2019, U+FB01, U+FF35 U+FF2E, CRLF,
	 * U+00DF, U+2014, an invalid byte, a NUL. */
	const char s[] = "\xEF\xBB\xBF\xE2\x80\x9CWin\xE2\x80\x91win\xE2\x80\x9D cooperation, "
			 "people\xE2\x80\x99s \xEF\xAC\x81nance: \xEF\xBC\xB5\xEF\xBC\xAE 3.5%\r\n"
			 "Stra\xC3\x9F" "e\xE2\x80\x94XI\xFF" "a\0b";
	static const char *const orig[] = {
		"Win\xE2\x80\x91win", "cooperation", "people\xE2\x80\x99s", "\xEF\xAC\x81nance",
		"\xEF\xBC\xB5\xEF\xBC\xAE", "3.5", "Stra\xC3\x9F" "e", "XI", "a", "b",
	};
	(void)state;
	tok_n(s, sizeof s - 1, 0, 0);
	assert_string_equal(render(), "win-win/0 cooperation/0 people's/0 finance/0 un/0 3.5/0 "
				      "strasse/0 xi/0 a/0 b/0");
	assert_int_equal(T.n, sizeof orig / sizeof *orig);
	for (size_t i = 0; i < T.n; i++)
		check_orig(s, i, orig[i]);
	assert_int_equal(T.bom, 1);
	assert_int_equal(T.invalid_utf8, 1);
	assert_int_equal(T.nul_bytes, 1);
	/* Forms lie back to back in norm. */
	assert_int_equal(T.tok[0].norm, 0);
	for (size_t i = 1; i < T.n; i++)
		assert_int_equal(T.tok[i].norm, T.tok[i - 1].norm + T.tok[i - 1].norm_len);
	assert_int_equal(T.norm_len, T.tok[T.n - 1].norm + T.tok[T.n - 1].norm_len);
}

static void test_long_and_growing(void **state)
{
	/* U+FDF2 (Lo, 3 bytes) is "allah" under NFKC: U+0627 U+0644 U+0644
	 * U+0647, 8 bytes, so the forms outgrow the text. */
	static const char lig[] = "\xEF\xB7\xB2";
	static const char allah[] = "\xD8\xA7\xD9\x84\xD9\x84\xD9\x87";
	size_t n = 3000, len = 0;
	char *s = malloc(n * 4 + 1), *e = malloc(300 * 8 + 1);
	(void)state;
	assert_non_null(s);
	assert_non_null(e);
	for (size_t i = 0; i < n; i++) {
		memcpy(s + len, lig, 3);
		s[len + 3] = ' ';
		len += 4;
	}
	tok_n(s, len, 0, 0);
	assert_int_equal(T.n, n);
	assert_int_equal(T.norm_len, n * 8);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(T.tok[i].offset, 4 * i);
		assert_int_equal(T.tok[i].length, 3);
		assert_int_equal(T.tok[i].norm_len, 8);
		assert_memory_equal(rh_tokens_form(&T, i), allah, 8);
	}
	/* One token of 300 ligatures: 1200 code points after decomposition. */
	for (size_t i = 0; i < 300; i++) {
		memcpy(s + 3 * i, lig, 3);
		memcpy(e + 8 * i, allah, 8);
	}
	tok_n(s, 900, 0, 0);
	assert_int_equal(T.n, 1);
	assert_int_equal(T.tok[0].length, 900);
	assert_int_equal(T.tok[0].norm_len, 2400);
	assert_memory_equal(rh_tokens_form(&T, 0), e, 2400);
	/* The buffers are reused: a short text after a long one. */
	check("Short. Text", "short/0 text/1", 2);
	free(s);
	free(e);
}

/*
 * The forms agree with utf8proc_map(STABLE | COMPOSE | COMPAT | CASEFOLD),
 * the reference docs/design.md names, applied to each token's original bytes
 * with the apostrophe and hyphen variants read as ASCII first (and after,
 * for U+02BC out of U+0149). Texts are random words over code points chosen
 * to exercise composition (e + U+0301, Oriya U+0B47 U+0B3E, Hangul), case
 * folding that changes length (U+00DF, U+1E9E, U+0130, U+1F88), and
 * compatibility forms (U+FB01, U+FF21, U+FDF2, U+01C4, U+212B).
 */
static size_t ref_form(const char *orig, size_t len, int keep_case, char *out)
{
	static const int32_t apos[] = { 0x2019, 0x2018, 0x02BC, 0x2032 };
	uint8_t pre[1024];
	size_t n = 0, o = 0;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t r;
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
	if (!keep_case)
		opt |= UTF8PROC_CASEFOLD;
	for (size_t q = 0; q < len;) {
		int32_t cp;
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)orig + q,
						      (utf8proc_ssize_t)(len - q), &cp);
		assert_true(m > 0);
		for (size_t a = 0; a < 4; a++)
			if (cp == apos[a])
				cp = '\'';
		if (cp == 0x2010 || cp == 0x2011)
			cp = '-';
		n += (size_t)utf8proc_encode_char(cp, pre + n);
		q += (size_t)m;
	}
	r = utf8proc_map(pre, (utf8proc_ssize_t)n, &mapped, opt);
	assert_true(r >= 0);
	for (utf8proc_ssize_t q = 0; q < r;) {
		int32_t cp;
		q += utf8proc_iterate(mapped + q, r - q, &cp);
		if (cp == 0x02BC)
			cp = '\'';
		o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
	}
	free(mapped);
	return o;
}

static void test_forms_match_utf8proc_map(void **state)
{
	static const int32_t pool[] = {
		'a', 'b', 'Z', 'Q', '0', '7', '\'', '-', '.', ',', ' ',
		0x00E9, 0x00C9, 0x0301, 0x0308, 0x00DF, 0x1E9E, 0x0130, 0x03A3, 0x03C2,
		0x1F88, 0x0345, 0xFB01, 0xFF21, 0xFF10, 0x0149, 0x02BC, 0x2019, 0x2011,
		0xAC00, 0x1100, 0x1161, 0x11A8, 0x4E2D, 0x0410, 0x0419, 0x0418, 0x0306,
		0x01C4, 0x00B2, 0xFDF2, 0x0B47, 0x0B3E, 0x09C7, 0x09BE, 0x0660, 0x2160,
		0x00C5, 0x212B, 0x2126, 0x0587, 0x1E0A, 0x0323, 0x00AA,
	};
	const size_t np = sizeof pool / sizeof *pool;
	uint64_t x = 88172645463325252ull;
	char *text = malloc(64 * 1024);
	char ref[1024];
	size_t checked = 0;
	(void)state;
	assert_non_null(text);
	for (int round = 0; round < 400; round++) {
		size_t len = 0;
		for (int c = 0; c < 200; c++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* Mostly ASCII letters so that tokens mix both paths. */
			unsigned r = (unsigned)((x >> 40) % 6);
			int32_t cp = r == 0 ? ' ' : r < 3 ? pool[(x >> 20) % np] : pool[(x >> 20) % 4];
			len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)text + len);
		}
		for (int keep = 0; keep < 2; keep++) {
			tok_n(text, len, keep, 0);
			for (size_t i = 0; i < T.n; i++) {
				size_t rl = ref_form(text + T.tok[i].offset, T.tok[i].length, keep, ref);
				if (T.tok[i].norm_len != rl || memcmp(rh_tokens_form(&T, i), ref, rl))
					print_error("token at %u: form %.*s, utf8proc_map %.*s\n",
						    (unsigned)T.tok[i].offset, (int)T.tok[i].norm_len,
						    rh_tokens_form(&T, i), (int)rl, ref);
				assert_int_equal(T.tok[i].norm_len, rl);
				assert_memory_equal(rh_tokens_form(&T, i), ref, rl);
				checked++;
			}
		}
	}
	assert_true(checked > 10000);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mr_president),
		cmocka_unit_test(test_initial),
		cmocka_unit_test(test_us_policy),
		cmocka_unit_test(test_initialisms),
		cmocka_unit_test(test_dehyphenate),
		cmocka_unit_test(test_nfkc_no_space),
		cmocka_unit_test(test_plain_ends),
		cmocka_unit_test(test_blank_line),
		cmocka_unit_test(test_dense_sentences),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_hyphens),
		cmocka_unit_test(test_case_and_nfkc),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_offsets_mixed),
		cmocka_unit_test(test_long_and_growing),
		cmocka_unit_test(test_forms_match_utf8proc_map),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	teardown_all();
	return rc;
}
