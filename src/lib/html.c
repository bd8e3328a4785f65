/* html.c: escaping for HTML pages: text, JSON in a script element, and a safe subset of SVG. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"
#include "rhetor/html.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/*
 * The next character of s[0..n): its code point in *cp and its length in
 * bytes; an invalid sequence is one byte long with *cp = -1.
 */
static size_t next_char(const unsigned char *s, size_t n, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t k;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	k = utf8proc_iterate(s, (utf8proc_ssize_t)n, cp);
	if (k <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)k;
}

static int stream_status(FILE *fp)
{
	return ferror(fp) ? rh_error__set(RH_EIO, "writing the page failed") : 0;
}

/*
 * Writes s[0..len) to fp with each character `esc` gives a replacement for
 * replaced (buf: room for one), the runs of characters between written at once.
 */
typedef const char *(*escape_fn)(utf8proc_int32_t cp, char buf[8]);

static void put_escaped(FILE *fp, const char *s, size_t len, escape_fn esc)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0;
	char buf[8];
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		size_t k = next_char(u + i, len - i, &cp);
		const char *e = esc(cp, buf);
		if (e) {
			if (i > run)
				fwrite(u + run, 1, i - run, fp);
			fputs(e, fp);
			run = i + k;
		}
		i += k;
	}
	if (len > run)
		fwrite(u + run, 1, len - run, fp);
}

/* HTML text: the five markup characters as entities; tab and line ends kept, other controls replaced. */
static const char *text_escape(utf8proc_int32_t cp, char buf[8])
{
	(void)buf;
	switch (cp) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\t': case '\n': case '\r': return NULL;
	default: return cp < 0x20 || cp == 0x7F ? replacement : NULL;
	}
}

RH_API int rh_html_text(FILE *fp, const char *s, size_t len)
{
	put_escaped(fp, s, len, text_escape);
	return stream_status(fp);
}

/*
 * A JSON string inside a script element: quotes, backslashes and controls
 * escaped, and <, >, & and the two JavaScript line separators as \u escapes.
 */
static const char *json_escape(utf8proc_int32_t cp, char buf[8])
{
	switch (cp) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\n': return "\\n";
	case '\t': return "\\t";
	case '\r': return "\\r";
	default:
		if (cp < 0)
			return replacement;
		if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x2028 || cp == 0x2029) {
			snprintf(buf, 8, "\\u%04x", (unsigned)cp);
			return buf;
		}
		return NULL;
	}
}

RH_API int rh_html_json(FILE *fp, const char *s, size_t len)
{
	fputc('"', fp);
	put_escaped(fp, s, len, json_escape);
	fputc('"', fp);
	return stream_status(fp);
}

/* ---- SVG ---- */

static const char *const svg_elements[] = {
	"svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
	"polygon", "text", "tspan", "use", "clipPath", "symbol", "marker", "pattern", "mask",
	"linearGradient", "radialGradient", "stop", "filter", "feFlood", "feComposite", "feOffset",
	"feGaussianBlur", "feMerge", "feMergeNode",
};

#define SVG_MAX_DEPTH 64

typedef struct {
	const char *s;
	size_t n, i;
	FILE *out;
	const char *prefix;
	const char *stack[SVG_MAX_DEPTH];
	size_t len[SVG_MAX_DEPTH];
	size_t depth;
	int roots;
} svg_scan;

static int svg_reject(const svg_scan *sc, const char *why)
{
	size_t line = 1;
	for (size_t k = 0; k < sc->i && k < sc->n; k++)
		line += sc->s[k] == '\n';
	return rh_error__set(RH_EPARSE, "line %zu: %s", line, why);
}

static int is_name_char(char c) { return isalnum((unsigned char)c) || c == '_' || c == ':' || c == '-' || c == '.'; }

static size_t scan_name(const svg_scan *sc)
{
	size_t k = sc->i;
	if (k >= sc->n || !(isalpha((unsigned char)sc->s[k]) || sc->s[k] == '_'))
		return 0;
	while (k < sc->n && is_name_char(sc->s[k]))
		k++;
	return k - sc->i;
}

static int allowed_element(const char *name, size_t len)
{
	for (size_t k = 0; k < sizeof svg_elements / sizeof *svg_elements; k++)
		if (strlen(svg_elements[k]) == len && !memcmp(svg_elements[k], name, len))
			return 1;
	return 0;
}

static int has_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t k = 0; k + m <= n; k++)
		if (!strncasecmp(s + k, needle, m))
			return 1;
	return 0;
}

/* Character data or an attribute value: entities kept, a bare & escaped, no < at all. */
static int svg_chars(svg_scan *sc, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (s[k] == '<')
			return svg_reject(sc, "'<' inside a value");
		if (s[k] == '&') {
			size_t e = k + 1;
			while (e < n && e - k < 12 && (isalnum((unsigned char)s[e]) || s[e] == '#'))
				e++;
			if (e == k + 1 || e >= n || s[e] != ';') {
				fputs("&amp;", sc->out);
				continue;
			}
		}
		if ((unsigned char)s[k] >= 0x80) {
			utf8proc_int32_t cp;
			size_t len = next_char((const unsigned char *)s + k, n - k, &cp);
			if (cp < 0)
				fputs(replacement, sc->out);
			else
				fwrite(s + k, 1, len, sc->out);
			k += len - 1;
			continue;
		}
		fputc(s[k], sc->out);
	}
	return 0;
}

/* An attribute value holding url(#id) references: each gets the prefix; any other url() is refused. */
static int svg_value(svg_scan *sc, const char *v, size_t n, int is_id, int is_href)
{
	if (has_ci(v, n, "javascript:"))
		return svg_reject(sc, "'javascript:' in an attribute");
	if (is_id) {
		fputs(sc->prefix, sc->out);
		return svg_chars(sc, v, n);
	}
	if (is_href) {
		if (n == 0 || v[0] != '#')
			return svg_reject(sc, "a link that leaves the chart");
		fputc('#', sc->out);
		fputs(sc->prefix, sc->out);
		return svg_chars(sc, v + 1, n - 1);
	}
	for (size_t k = 0; k < n;) {
		if (n - k >= 4 && !strncasecmp(v + k, "url(", 4)) {
			size_t p = k + 4;
			while (p < n && v[p] == ' ')
				p++;
			if (p >= n || v[p] != '#')
				return svg_reject(sc, "url() that leaves the chart");
			fwrite(v + k, 1, p + 1 - k, sc->out);
			fputs(sc->prefix, sc->out);
			k = p + 1;
			continue;
		}
		size_t e = k;
		while (e < n && !(n - e >= 4 && !strncasecmp(v + e, "url(", 4)))
			e++;
		if (svg_chars(sc, v + k, e - k) < 0)
			return RH_EPARSE;
		k = e;
	}
	return 0;
}

static void skip_space(svg_scan *sc)
{
	while (sc->i < sc->n && isspace((unsigned char)sc->s[sc->i]))
		sc->i++;
}

/* A start tag, sc->i just past '<'. */
static int svg_start_tag(svg_scan *sc)
{
	const char *name = sc->s + sc->i;
	size_t nlen = scan_name(sc);
	if (nlen == 0 || !allowed_element(name, nlen))
		return svg_reject(sc, "an element that is not drawing");
	if (sc->depth == 0 && (nlen != 3 || memcmp(name, "svg", 3) || sc->roots++))
		return svg_reject(sc, "the file is not one <svg> element");
	sc->i += nlen;
	fputc('<', sc->out);
	fwrite(name, 1, nlen, sc->out);
	for (;;) {
		const char *an, *v;
		size_t alen, vlen;
		char q;
		skip_space(sc);
		if (sc->i >= sc->n)
			return svg_reject(sc, "unterminated tag");
		if (sc->s[sc->i] == '>' || (sc->s[sc->i] == '/' && sc->i + 1 < sc->n && sc->s[sc->i + 1] == '>'))
			break;
		an = sc->s + sc->i;
		if ((alen = scan_name(sc)) == 0)
			return svg_reject(sc, "malformed attribute");
		if (alen >= 2 && !strncasecmp(an, "on", 2))
			return svg_reject(sc, "an event handler attribute");
		sc->i += alen;
		skip_space(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != '=')
			return svg_reject(sc, "attribute without a value");
		sc->i++;
		skip_space(sc);
		if (sc->i >= sc->n || (sc->s[sc->i] != '"' && sc->s[sc->i] != '\''))
			return svg_reject(sc, "unquoted attribute value");
		q = sc->s[sc->i++];
		v = sc->s + sc->i;
		while (sc->i < sc->n && sc->s[sc->i] != q)
			sc->i++;
		if (sc->i >= sc->n)
			return svg_reject(sc, "unterminated attribute value");
		vlen = (size_t)(sc->s + sc->i - v);
		sc->i++;
		fputc(' ', sc->out);
		fwrite(an, 1, alen, sc->out);
		fputc('=', sc->out);
		fputc(q, sc->out);
		if (svg_value(sc, v, vlen, alen == 2 && !memcmp(an, "id", 2),
			      (alen == 4 && !memcmp(an, "href", 4)) || (alen == 10 && !memcmp(an, "xlink:href", 10))) < 0)
			return RH_EPARSE;
		fputc(q, sc->out);
	}
	if (sc->s[sc->i] == '/') {
		fputs("/>", sc->out);
		sc->i += 2;
		return 0;
	}
	fputc('>', sc->out);
	sc->i++;
	if (sc->depth == SVG_MAX_DEPTH)
		return svg_reject(sc, "elements nested too deep");
	sc->stack[sc->depth] = name;
	sc->len[sc->depth++] = nlen;
	return 0;
}

/* An end tag, sc->i just past "</". */
static int svg_end_tag(svg_scan *sc)
{
	const char *name = sc->s + sc->i;
	size_t nlen = scan_name(sc);
	if (sc->depth == 0 || nlen != sc->len[sc->depth - 1] || memcmp(name, sc->stack[sc->depth - 1], nlen))
		return svg_reject(sc, "an end tag that closes no open element");
	sc->i += nlen;
	skip_space(sc);
	if (sc->i >= sc->n || sc->s[sc->i] != '>')
		return svg_reject(sc, "malformed end tag");
	sc->i++;
	sc->depth--;
	fputs("</", sc->out);
	fwrite(name, 1, nlen, sc->out);
	fputc('>', sc->out);
	return 0;
}

/* Skips from sc->i past `end`; RH_EPARSE when it never comes. */
static int svg_skip_past(svg_scan *sc, const char *end)
{
	size_t m = strlen(end);
	for (; sc->i + m <= sc->n; sc->i++)
		if (!memcmp(sc->s + sc->i, end, m)) {
			sc->i += m;
			return 0;
		}
	return svg_reject(sc, "unterminated declaration or comment");
}

static int svg_scan_all(svg_scan *sc)
{
	int err;
	while (sc->i < sc->n) {
		const char *s = sc->s + sc->i;
		size_t left = sc->n - sc->i;
		if (*s != '<') {
			size_t k = 0;
			while (k < left && s[k] != '<')
				k++;
			if (sc->depth == 0) {
				for (size_t j = 0; j < k; j++)
					if (!isspace((unsigned char)s[j]))
						return svg_reject(sc, "text outside the <svg> element");
			} else if ((err = svg_chars(sc, s, k)) < 0) {
				return err;
			}
			sc->i += k;
			continue;
		}
		if (left >= 2 && s[1] == '?') {
			if (sc->depth || sc->roots)
				return svg_reject(sc, "a processing instruction inside the chart");
			err = svg_skip_past(sc, "?>");
		} else if (left >= 4 && !memcmp(s, "<!--", 4)) {
			err = svg_skip_past(sc, "-->");
		} else if (left >= 9 && !memcmp(s, "<!DOCTYPE", 9)) {
			size_t k = 9;
			while (k < left && s[k] != '>' && s[k] != '[')
				k++;
			if (k >= left || s[k] == '[' || sc->depth || sc->roots)
				return svg_reject(sc, "a DOCTYPE with declarations of its own");
			sc->i += k + 1;
			err = 0;
		} else if (left >= 2 && s[1] == '/') {
			sc->i += 2;
			err = svg_end_tag(sc);
		} else if (left >= 2 && s[1] == '!') {
			return svg_reject(sc, "CDATA or a declaration inside the chart");
		} else {
			sc->i++;
			err = svg_start_tag(sc);
		}
		if (err < 0)
			return err;
	}
	if (sc->depth || !sc->roots)
		return svg_reject(sc, "the <svg> element is not closed");
	return 0;
}

RH_API int rh_html_svg(FILE *fp, const char *svg, size_t len, const char *id_prefix)
{
	svg_scan sc;
	char *buf = NULL;
	size_t blen = 0;
	int err;

	if (id_prefix)
		for (const char *p = id_prefix; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
				return rh_error__set(RH_EUSAGE, "an id prefix holds only letters, digits, - and _");
	memset(&sc, 0, sizeof sc);
	sc.s = svg;
	sc.n = len;
	sc.prefix = id_prefix ? id_prefix : "";
	/* Written to memory first: a refused file leaves nothing half-written on fp. */
	if (!(sc.out = open_memstream(&buf, &blen)))
		return rh_error__oom();
	err = svg_scan_all(&sc);
	if (fclose(sc.out) != 0 && err == 0)
		err = rh_error__oom();
	if (err == 0) {
		fwrite(buf, 1, blen, fp);
		err = stream_status(fp);
	}
	free(buf);
	return err;
}
