/*
 * fuzz_analysis.c: the analysis file reader and the lock writer. The input
 * is an analysis file, then (after "\n%%\n") lines "section.key=value" set
 * on it and "+path=value" added to [inputs]. What parses and is written
 * parses again to the same values and writes the same bytes; what cannot
 * be written is refused with RH_EUSAGE, never written wrong.
 */
#include "fuzz.h"

#include "rhetor/analysis.h"

static const char *sections[] = { "rhetor", "corpus", "phrases", "freq", "tfidf", "cooc", "keyness",
				  "kwic", "trends", "plot", "output", "inputs", "outputs" };
#define NSEC (sizeof sections / sizeof *sections)

static char *write_out(const rh_analysis *a, size_t *len, int *err)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	CHECK(fp != NULL, "open_memstream");
	*err = rh_analysis_write(fp, a, "lock\nfile");
	fclose(fp);
	return buf;
}

static void same(const rh_analysis *a, const rh_analysis *b)
{
	/* [inputs] and [outputs] are their records: an empty one is none. */
	for (size_t s = 0; s < NSEC - 2; s++)
		CHECK(rh_analysis_has(a, sections[s]) == rh_analysis_has(b, sections[s]), "[%s] present", sections[s]);
	for (size_t i = 0; i < rh_analysis_key_count(); i++) {
		const char *sec, *key;
		int is_path;
		CHECK(rh_analysis_key_at(i, &sec, &key, &is_path) == 0, "key %zu", i);
		if (!rh_analysis_has(a, sec))
			continue;
		const char *x = rh_analysis_get(a, sec, key), *y = rh_analysis_get(b, sec, key);
		CHECK(x && y && !strcmp(x, y), "[%s] %s: '%s' read back as '%s'", sec, key, x, y);
	}
	for (size_t s = NSEC - 2; s < NSEC; s++) {
		size_t n = rh_analysis_record_count(a, sections[s]);
		CHECK(n == rh_analysis_record_count(b, sections[s]), "[%s]: %zu records", sections[s], n);
		for (size_t i = 0; i < n; i++) {
			const char *k1, *v1, *k2, *v2;
			CHECK(rh_analysis_record_at(a, sections[s], i, &k1, &v1) == 0 &&
				      rh_analysis_record_at(b, sections[s], i, &k2, &v2) == 0,
			      "record %zu", i);
			CHECK(!strcmp(k1, k2) && !strcmp(v1, v2), "[%s] '%s = %s' read back as '%s = %s'", sections[s], k1,
			      v1, k2, v2);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_part part[2];
	rh_analysis *a = NULL, *b = NULL;
	size_t np = fuzz_split(data, size, part, 2), len1, len2;
	int err;

	if (rh_analysis_parse(&a, part[0].p, part[0].n, "fuzz.ini") < 0) {
		CHECK(!strncmp(rh_error_last(), "fuzz.ini", 8), "message does not name the file: %s", rh_error_last());
		return 0;
	}
	if (np > 1) {
		char *edits = strndup(part[1].p, part[1].n), *save = NULL;
		for (char *line = strtok_r(edits, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *eq = strchr(line, '=');
			if (!eq)
				continue;
			*eq = '\0';
			if (line[0] == '+') {
				rh_analysis_record_add(a, "inputs", line + 1, eq + 1);
				continue;
			}
			char *dot = strchr(line, '.');
			if (dot) {
				*dot = '\0';
				rh_analysis_set(a, line, dot + 1, eq + 1);
			}
		}
		free(edits);
	}
	char *w1 = write_out(a, &len1, &err);
	if (err < 0) {
		CHECK(err == RH_EUSAGE, "write failed with %d: %s", err, rh_error_last());
		goto done;
	}
	CHECK(rh_analysis_parse(&b, w1, len1, "lock.ini") == 0, "the written file does not parse: %s\n%s",
	      rh_error_last(), w1);
	same(a, b);
	char *w2 = write_out(b, &len2, &err);
	CHECK(err == 0, "rewriting failed: %s", rh_error_last());
	CHECK(len1 == len2 && !memcmp(w1, w2, len1), "written twice, two texts");
	free(w2);
done:
	free(w1);
	rh_analysis_free(a);
	rh_analysis_free(b);
	return 0;
}
