/* rhetor/html.h: escaping for HTML pages: text, JSON inside a script element, inline SVG. */
#ifndef RHETOR_HTML_H
#define RHETOR_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every function here writes to `fp` (borrowed) and returns 0, or RH_EIO
 * when the stream reports an error. Input bytes that are not valid UTF-8
 * are written as U+FFFD, so a page is always valid UTF-8 whatever a corpus
 * holds.
 */

/*
 * `len` bytes of `s` as HTML text, safe both in element content and inside
 * a quoted attribute value: & < > " ' become character references, control
 * characters other than TAB, LF and CR become U+FFFD. Nothing in the result
 * is markup.
 */
RH_EXTERN(int) rh_html_text(FILE *fp, const char *s, size_t len);

/*
 * `len` bytes of `s` as a JSON string literal, quotes included, that is
 * also safe inside a <script> element of an HTML page: besides the JSON
 * escapes (" \ and control characters), < > & become \u003c \u003e \u0026
 * (so neither </script> nor <!-- can appear) and U+2028, U+2029 become
 * \u2028, \u2029.
 */
RH_EXTERN(int) rh_html_json(FILE *fp, const char *s, size_t len);

/*
 * An SVG file (as gnuplot writes it) for inclusion in an HTML page, written
 * only if it keeps to a small safe subset of SVG: one <svg> root; elements
 * among those that draw (g, path, rect, circle, ellipse, line, polyline,
 * polygon, text, tspan, use, defs, clipPath, symbol, marker, pattern, mask,
 * linear and radial gradients and stops, filters made of feFlood,
 * feComposite, feOffset, feGaussianBlur, feMerge), title and desc; no
 * attribute named on...; href and xlink:href only to "#id"; url(...) only
 * to "#id"; no "javascript:" anywhere; no CDATA. The XML declaration,
 * a DOCTYPE without internal subset and comments are dropped. Every id and
 * every reference to one gets `id_prefix` in front, so several charts can
 * share a page (`id_prefix`: letters, digits, - and _ only, or NULL; else
 * RH_EUSAGE). Returns 0 (written), RH_EPARSE with the reason (nothing
 * written: the file is not one this function can vouch for), RH_ENOMEM or
 * RH_EIO.
 */
RH_EXTERN(int) rh_html_svg(FILE *fp, const char *svg, size_t len, const char *id_prefix);

#ifdef __cplusplus
}
#endif

#endif
