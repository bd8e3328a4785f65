/* cmd_synth.c: rhetor synth: writes a synthetic speech corpus whose phrase counts are known. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <rhetor/synth.h>

#include "cli.h"

enum {
	OPT_DOCS = 256,
	OPT_SIZE,
	OPT_COUNTRIES,
	OPT_YEARS,
	OPT_SEED,
	OPT_WORDS,
	OPT_DOC_WORDS,
	OPT_ZIPF,
	OPT_RATE_SCALE,
	OPT_ORIGIN,
};

typedef struct {
	rh_synth_options so;
	int countries_set;
	const char *words;
} synth_args;

/* "200MB", "1.5G", "64KiB", "1000": decimal K M G, binary KiB MiB GiB, bytes by default. */
static int parse_size(const char *arg, uint64_t *out)
{
	static const struct {
		const char *suffix;
		double mult;
	} units[] = {
		{ "", 1 }, { "b", 1 }, { "k", 1e3 }, { "kb", 1e3 }, { "m", 1e6 }, { "mb", 1e6 },
		{ "g", 1e9 }, { "gb", 1e9 }, { "kib", 1024.0 }, { "mib", 1048576.0 }, { "gib", 1073741824.0 },
	};
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || !(v > 0) || v > 1e13)
		return -1;
	while (*end == ' ')
		end++;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (!strcasecmp(end, units[i].suffix)) {
			*out = (uint64_t)llround(v * units[i].mult);
			return *out ? 0 : -1;
		}
	return -1;
}

static int parse_years(const char *arg, int *first, int *last)
{
	char *end;
	long a, b;

	errno = 0;
	a = strtol(arg, &end, 10);
	if (errno || end == arg)
		return -1;
	if (*end == '\0') {
		b = a;
	} else {
		const char *p = end;
		if (*p != '-' && *p != ':')
			return -1;
		b = strtol(p + 1, &end, 10);
		if (errno || end == p + 1 || *end)
			return -1;
	}
	if (a < 1946 || b > 9999 || b < a)
		return -1;
	*first = (int)a;
	*last = (int)b;
	return 0;
}

static int on_opt(int val, const char *arg, void *ud)
{
	synth_args *a = ud;
	long v;
	double x;
	int rc = CLI_OK;

	switch (val) {
	case OPT_DOCS:
		if ((rc = cli_parse_count("synth", "--docs", arg, &v)) == CLI_OK) {
			if (v < 1) {
				cli_error("synth", "--docs wants at least 1");
				return CLI_USAGE;
			}
			a->so.docs = (size_t)v;
		}
		return rc;
	case OPT_SIZE:
		if (parse_size(arg, &a->so.total_bytes) < 0) {
			cli_error("synth", "--size wants a size such as 200MB, 1.5GB or 64KiB, not '%s'", arg);
			return CLI_USAGE;
		}
		return CLI_OK;
	case OPT_COUNTRIES:
		if ((rc = cli_parse_count("synth", "--countries", arg, &v)) == CLI_OK) {
			if (v < 1) {
				cli_error("synth", "--countries wants at least 1");
				return CLI_USAGE;
			}
			a->so.countries = (size_t)v;
			a->countries_set = 1;
		}
		return rc;
	case OPT_YEARS:
		if (parse_years(arg, &a->so.year_first, &a->so.year_last) < 0) {
			cli_error("synth", "--years wants FIRST-LAST between 1946 and 9999, such as 1990-2024, not '%s'",
				  arg);
			return CLI_USAGE;
		}
		return CLI_OK;
	case OPT_SEED: {
		char *end;
		errno = 0;
		unsigned long long s = strtoull(arg, &end, 10);
		if (errno || end == arg || *end || *arg == '-') {
			cli_error("synth", "--seed wants a non-negative integer, not '%s'", arg);
			return CLI_USAGE;
		}
		a->so.seed = (uint64_t)s;
		return CLI_OK;
	}
	case OPT_WORDS:
		a->words = arg;
		return CLI_OK;
	case OPT_DOC_WORDS:
		if ((rc = cli_parse_count("synth", "--doc-words", arg, &v)) == CLI_OK)
			a->so.doc_words = (size_t)v;
		return rc;
	case OPT_ZIPF:
		if ((rc = cli_parse_real("synth", "--zipf", arg, &x)) == CLI_OK)
			a->so.zipf_s = x;
		return rc;
	case OPT_RATE_SCALE:
		if ((rc = cli_parse_real("synth", "--rate-scale", arg, &x)) == CLI_OK)
			a->so.rate_scale = x;
		return rc;
	case OPT_ORIGIN:
		a->so.origin = arg;
		return CLI_OK;
	}
	return CLI_USAGE;
}

/* The dictionary's rows as synth phrases (strings borrowed from d). */
static int dict_phrases(const rh_dict *d, rh_synth_phrase **out, size_t *n)
{
	size_t np = rh_dict_pattern_count(d);
	long fam = -1;
	rh_synth_phrase *p = calloc(np + 1, sizeof *p);

	if (!p)
		return -1;
	for (size_t c = 0; c < rh_dict_extra_count(d); c++)
		if (!strcmp(rh_dict_extra_name(d, c), "family"))
			fam = (long)c;
	for (size_t i = 0; i < np; i++) {
		p[i].concept = rh_dict_concept(d, rh_dict_pattern_concept(d, i));
		p[i].pattern = rh_dict_pattern(d, i);
		p[i].family = fam >= 0 ? rh_dict_extra(d, i, (size_t)fam) : NULL;
	}
	*out = p;
	*n = np;
	return 0;
}

static char *data_file(const char *given, const char *rel)
{
	if (given)
		return strdup(given);
	return cli_data_path(rel);
}

static int write_texts(const cli_opts *o, const rh_synth *s, const char *dir, rh_synth_text *t,
		       uint32_t **counts, uint64_t *stats, uint64_t *total, uint64_t *placed)
{
	size_t nd = rh_synth_doc_count(s), np = rh_synth_pattern_count(s), nc = rh_synth_concept_count(s);
	int rc = CLI_OK, err;

	for (size_t i = 0; i < nd; i++) {
		rh_synth_doc info;
		cli_out out;
		char name[80];
		if ((err = rh_synth_doc_info(s, i, &info)) < 0 || (err = rh_synth_generate(t, s, i)) < 0)
			return cli_lib_error("synth", err);
		snprintf(name, sizeof name, "%s.txt", info.doc_id);
		if ((rc = cli_out_open("synth", &out, dir, name)) != CLI_OK)
			return rc;
		if (fwrite(t->text, 1, t->len, out.fp) != t->len) {
			cli_error("synth", "cannot write %s/%s: %s", dir, name, strerror(errno));
			cli_out_abort(&out);
			return CLI_FAIL;
		}
		if ((rc = cli_out_commit("synth", &out)) != CLI_OK)
			return rc;
		memcpy(counts[i], t->planted, np * sizeof **counts);
		memcpy(counts[i] + np, t->concept_count, nc * sizeof **counts);
		for (size_t k = 0; k < nc * RH_SYNTH_COLLOCATES; k++)
			placed[k] += t->collocates[k];
		stats[3 * i] = t->tokens;
		stats[3 * i + 1] = t->sentences;
		stats[3 * i + 2] = t->len;
		*total += t->len;
		if (!o->quiet && (i + 1) % 100 == 0)
			cli_note(o, "\rrhetor synth: %zu/%zu documents", i + 1, nd);
	}
	if (!o->quiet && nd >= 100)
		cli_note(o, "\n");
	return rc;
}

/* A table written: committed, or on error removed and the error said. */
static int table_done(cli_out *out, int err)
{
	if (err < 0) {
		cli_out_abort(out);
		return cli_lib_error("synth", err);
	}
	return cli_out_commit("synth", out);
}

/* metadata.csv: doc_id, country, year, session, tokens, sentences, bytes, one column per concept. */
static int write_metadata(const cli_opts *o, const rh_synth *s, uint32_t *const *counts,
			  const uint64_t *stats)
{
	static const char *const fixed[] = { "doc_id", "country", "year", "session", "tokens", "sentences", "bytes" };
	size_t nf = sizeof fixed / sizeof *fixed, nc = rh_synth_concept_count(s), np = rh_synth_pattern_count(s);
	const char **cols = calloc(nf + nc, sizeof *cols);
	cli_out out;
	int rc, err = 0;

	if (!cols) {
		cli_error("synth", "out of memory");
		return CLI_FAIL;
	}
	memcpy(cols, fixed, sizeof fixed);
	for (size_t c = 0; c < nc; c++)
		cols[nf + c] = rh_synth_concept(s, c);
	rc = cli_out_table("synth", o, &out, "metadata.csv", cols, nf + nc);
	free(cols);
	if (rc != CLI_OK)
		return rc;
	for (size_t i = 0; i < rh_synth_doc_count(s) && err >= 0; i++) {
		rh_synth_doc d;
		rh_synth_doc_info(s, i, &d);
		if ((err = rh_table_text(out.table, d.doc_id)) < 0 || (err = rh_table_text(out.table, d.country)) < 0 ||
		    (err = rh_table_int(out.table, d.year)) < 0 || (err = rh_table_int(out.table, d.session)) < 0 ||
		    (err = rh_table_int(out.table, (long long)stats[3 * i])) < 0 ||
		    (err = rh_table_int(out.table, (long long)stats[3 * i + 1])) < 0 ||
		    (err = rh_table_int(out.table, (long long)stats[3 * i + 2])) < 0)
			break;
		for (size_t c = 0; c < nc && err >= 0; c++)
			err = rh_table_int(out.table, counts[i][np + c]);
		if (err >= 0)
			err = rh_table_end_row(out.table);
	}
	return table_done(&out, err);
}

/* planted.csv: doc_id, concept, pattern, planted; rows with planted > 0, by document then pattern. */
static int write_planted(const cli_opts *o, const rh_synth *s, uint32_t *const *counts)
{
	static const char *const cols[] = { "doc_id", "concept", "pattern", "planted" };
	cli_out out;
	int rc, err = 0;

	if ((rc = cli_out_table("synth", o, &out, "planted.csv", cols, 4)) != CLI_OK)
		return rc;
	for (size_t i = 0; i < rh_synth_doc_count(s) && err >= 0; i++) {
		rh_synth_doc d;
		rh_synth_doc_info(s, i, &d);
		for (size_t p = 0; p < rh_synth_pattern_count(s) && err >= 0; p++) {
			if (!counts[i][p])
				continue;
			if ((err = rh_table_text(out.table, d.doc_id)) < 0 ||
			    (err = rh_table_text(out.table, rh_synth_concept(s, rh_synth_pattern_concept(s, p)))) < 0 ||
			    (err = rh_table_text(out.table, rh_synth_pattern(s, p))) < 0 ||
			    (err = rh_table_int(out.table, counts[i][p])) < 0)
				break;
			err = rh_table_end_row(out.table);
		}
	}
	return table_done(&out, err);
}

/* collocates.csv: concept, collocate, rate, planted: each planted collocate, the chance it follows
 * one of its concept's phrases and the times it was written, over the corpus; in concept order. */
static int write_collocates(const cli_opts *o, const rh_synth *s, const uint64_t *placed)
{
	static const char *const cols[] = { "concept", "collocate", "rate", "planted" };
	cli_out out;
	int rc, err = 0;

	if ((rc = cli_out_table("synth", o, &out, "collocates.csv", cols, 4)) != CLI_OK)
		return rc;
	for (size_t c = 0; c < rh_synth_concept_count(s) && err >= 0; c++)
		for (size_t k = 0; k < RH_SYNTH_COLLOCATES && err >= 0; k++) {
			const char *w = rh_synth_collocate(s, c, k);
			if (!w)
				continue;
			if ((err = rh_table_text(out.table, rh_synth_concept(s, c))) < 0 ||
			    (err = rh_table_text(out.table, w)) < 0 ||
			    (err = rh_table_num(out.table, rh_synth_collocate_rate(k))) < 0 ||
			    (err = rh_table_int(out.table, (long long)placed[c * RH_SYNTH_COLLOCATES + k])) < 0)
				break;
			err = rh_table_end_row(out.table);
		}
	return table_done(&out, err);
}

/* curves.csv: country, concept, family, midpoint, saturation, slope: the adoption truth. */
static int write_curves(const cli_opts *o, const rh_synth *s)
{
	static const char *const cols[] = { "country", "concept", "family", "midpoint", "saturation", "slope" };
	cli_out out;
	int rc, err = 0;

	if ((rc = cli_out_table("synth", o, &out, "curves.csv", cols, 6)) != CLI_OK)
		return rc;
	for (size_t k = 0; k < rh_synth_country_count(s) && err >= 0; k++)
		for (size_t c = 0; c < rh_synth_concept_count(s) && err >= 0; c++) {
			rh_synth_curve cv;
			rh_synth_curve_get(s, k, c, &cv);
			if ((err = rh_table_text(out.table, rh_synth_country(s, k))) < 0 ||
			    (err = rh_table_text(out.table, rh_synth_concept(s, c))) < 0 ||
			    (err = rh_table_text(out.table, rh_synth_concept_family(s, c))) < 0 ||
			    (err = rh_table_num(out.table, cv.midpoint)) < 0 ||
			    (err = rh_table_num(out.table, cv.saturation)) < 0 ||
			    (err = rh_table_num(out.table, cv.slope)) < 0)
				break;
			err = rh_table_end_row(out.table);
		}
	return table_done(&out, err);
}

int cmd_synth(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "docs", required_argument, NULL, OPT_DOCS },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "countries", required_argument, NULL, OPT_COUNTRIES },
		{ "years", required_argument, NULL, OPT_YEARS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "words", required_argument, NULL, OPT_WORDS },
		{ "doc-words", required_argument, NULL, OPT_DOC_WORDS },
		{ "zipf", required_argument, NULL, OPT_ZIPF },
		{ "rate-scale", required_argument, NULL, OPT_RATE_SCALE },
		{ "origin", required_argument, NULL, OPT_ORIGIN },
		{ NULL, 0, NULL, 0 },
	};
	synth_args a = { RH_SYNTH_OPTIONS_INIT, 0, NULL };
	cli_command cmd = {
		"synth", "-o DIR [--docs N | --size 200MB] [--countries K] [--years 1990-2024] [--seed S]",
		"Writes a synthetic corpus of speech-like texts: DIR/texts/{country}_{session}_{year}.txt,\n"
		"with words drawn from a frequency-ranked word list by Zipf's law and the\n"
		"dictionary's phrases planted at rates that follow a logistic adoption curve\n"
		"per country and concept. The same options and seed give the same bytes.\n"
		"DIR/metadata.csv holds per document the tokens, sentences and bytes and, per\n"
		"concept, the number of matches a correct count must find; DIR/planted.csv the\n"
		"times each pattern was planted; DIR/collocates.csv the words planted right\n"
		"after each concept's phrases (three per concept, each with a stated chance,\n"
		"found nowhere else) and their counts; DIR/curves.csv the adoption curves.\n"
		"\n"
		"  --docs N               documents (default: one per country and year)\n"
		"  --size SIZE            total text size, e.g. 200MB, 1.5GB, 64KiB\n"
		"  --countries K          speakers, the origin among them (default 20)\n"
		"  --years FIRST-LAST     years of the speeches (default 1990-2024)\n"
		"  --seed S               random seed (default 1)\n"
		"  --phrases FILE|none    dictionary to plant (default datasets/phrases/diplomatic.csv)\n"
		"  --words FILE           word list in rank order (default datasets/words/en-speech.txt)\n"
		"  --doc-words N          mean words per document without --size (default 3000)\n"
		"  --zipf S               Zipf exponent (default 1.07)\n"
		"  --rate-scale X         multiplies every planting rate (default 1)\n"
		"  --origin CODE          country adopting the 'china' concepts first (default CHN)\n",
		0, 1, extra, on_opt, &a
	};
	cli_opts o;
	rh_dict *dict = NULL;
	rh_synth *s = NULL;
	rh_synth_phrase *phrases = NULL;
	rh_synth_text t = RH_SYNTH_TEXT_INIT;
	size_t nphrases = 0, nd = 0;
	char *words_path = NULL, *phrases_path = NULL, *words = NULL, *texts_dir = NULL;
	char *stops_path = NULL, *stops = NULL;
	size_t words_len = 0, stops_len = 0;
	uint32_t **counts = NULL;
	uint64_t *stats = NULL, *placed = NULL, total = 0;
	int rc, err;

	rc = cli_parse(argc, argv, &cmd, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (o.corpus) {
		cli_error("synth", "unexpected argument '%s': synth writes a corpus, give it -o DIR", o.corpus);
		return CLI_USAGE;
	}
	if (!a.countries_set && a.so.docs) {
		/* Enough speakers for one document per country and year. */
		size_t years = (size_t)(a.so.year_last - a.so.year_first + 1);
		size_t need = (a.so.docs + years - 1) / years;
		a.so.countries = need > a.so.countries ? need : a.so.countries;
	}
	if (!(words_path = data_file(a.words, "datasets/words/en-speech.txt"))) {
		cli_error("synth", "cannot find the word list datasets/words/en-speech.txt (give --words FILE "
				   "or set RHETOR_DATA_DIR to rhetor's data directory)");
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = cli_read_file("synth", words_path, &words, &words_len)) != CLI_OK)
		goto done;
	/* No function word becomes a planted collocate. */
	if (!(stops_path = cli_data_path("datasets/stopwords/en.txt"))) {
		cli_error("synth", "cannot find the stop list datasets/stopwords/en.txt (set RHETOR_DATA_DIR "
				   "to rhetor's data directory)");
		rc = CLI_FAIL;
		goto done;
	}
	if ((rc = cli_read_file("synth", stops_path, &stops, &stops_len)) != CLI_OK)
		goto done;
	a.so.stopwords = stops;
	a.so.stopwords_len = stops_len;
	if (!o.phrases || strcmp(o.phrases, "none")) {
		if (!(phrases_path = data_file(o.phrases, "datasets/phrases/diplomatic.csv"))) {
			cli_error("synth", "cannot find datasets/phrases/diplomatic.csv (give --phrases FILE "
					   "or set RHETOR_DATA_DIR to rhetor's data directory)");
			rc = CLI_FAIL;
			goto done;
		}
		if ((err = rh_dict_load(&dict, phrases_path, &o.text)) < 0) {
			rc = cli_lib_error("synth", err);
			goto done;
		}
		if (dict_phrases(dict, &phrases, &nphrases) < 0) {
			cli_error("synth", "out of memory");
			rc = CLI_FAIL;
			goto done;
		}
	}
	if ((err = rh_synth_new(&s, &a.so, words, words_len, phrases, nphrases)) < 0) {
		rc = err == RH_EUSAGE ? (cli_error("synth", "%s", rh_error_last()), CLI_USAGE)
				      : cli_lib_error("synth", err);
		goto done;
	}
	nd = rh_synth_doc_count(s);
	if (!(counts = calloc(nd + 1, sizeof *counts)) || !(stats = calloc(3 * nd + 1, sizeof *stats)) ||
	    !(placed = calloc(rh_synth_concept_count(s) * RH_SYNTH_COLLOCATES + 1, sizeof *placed))) {
		cli_error("synth", "out of memory");
		rc = CLI_FAIL;
		goto done;
	}
	for (size_t i = 0; i < nd; i++)
		if (!(counts[i] = calloc(rh_synth_pattern_count(s) + rh_synth_concept_count(s) + 1,
					 sizeof **counts))) {
			cli_error("synth", "out of memory");
			rc = CLI_FAIL;
			goto done;
		}
	if (!(texts_dir = malloc(strlen(o.out) + 8))) {
		cli_error("synth", "out of memory");
		rc = CLI_FAIL;
		goto done;
	}
	sprintf(texts_dir, "%s/texts", o.out);
	if ((rc = write_texts(&o, s, texts_dir, &t, counts, stats, &total, placed)) != CLI_OK ||
	    (rc = write_metadata(&o, s, counts, stats)) != CLI_OK || (rc = write_planted(&o, s, counts)) != CLI_OK ||
	    (rc = write_collocates(&o, s, placed)) != CLI_OK || (rc = write_curves(&o, s)) != CLI_OK)
		goto done;
	cli_note(&o, "rhetor synth: %zu documents, %llu bytes, %zu concepts, in %s\n", nd,
		 (unsigned long long)total, rh_synth_concept_count(s), o.out);
done:
	if (counts)
		for (size_t i = 0; i < nd; i++)
			free(counts[i]);
	free(counts);
	free(stats);
	free(placed);
	free(texts_dir);
	rh_synth_text_free(&t);
	rh_synth_free(s);
	free(phrases);
	rh_dict_free(dict);
	free(words);
	free(words_path);
	free(stops);
	free(stops_path);
	free(phrases_path);
	return rc;
}
