/* utf8.c: names and values from input files made valid UTF-8 (invalid bytes read as U+FFFD), as the text model reads texts. */
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

size_t rh_utf8__invalid(const char *s, size_t n, size_t *first)
{
	size_t i = 0, bad = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t r;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (r > 0) {
			i += (size_t)r;
			continue;
		}
		if (!bad++ && first)
			*first = i;
		i++;
	}
	return bad;
}

const char *rh_utf8__mend(rh_arena *a, const char *s, size_t *bad, size_t *first)
{
	size_t n = strlen(s), k = 0, i = 0;
	char *out;
	*bad = rh_utf8__invalid(s, n, first);
	if (*bad == 0)
		return s;
	/* Each invalid byte becomes the three bytes of U+FFFD. */
	if (!(out = rh_arena__alloc(a, n + 2 * *bad + 1)))
		return NULL;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t r = (unsigned char)s[i] < 0x80
					     ? 1
					     : utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (r > 0) {
			memcpy(out + k, s + i, (size_t)r);
			k += (size_t)r;
			i += (size_t)r;
		} else {
			memcpy(out + k, "\xEF\xBF\xBD", 3);
			k += 3;
			i++;
		}
	}
	out[k] = '\0';
	return out;
}
