/* cmd_tokens.c: rhetor tokens: each document's normalised tokens, one line per document. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * One line per document in corpus order: doc_id, a tab, its tokens as the
 * text model normalises them, separated by single spaces (a token never
 * holds white space). Other tools read this to weigh exactly rhetor's
 * tokens. The tokens come from rh_text_tokenize, the tokenizer of every
 * count.
 */
static int write_tokens(const cli_opts *o, const rh_corpus *corpus, FILE *fp)
{
	rh_tokens tk = RH_TOKENS_INIT;
	char *buf = NULL;
	size_t cap = 0, len;
	int err = 0, rc = CLI_OK;

	for (size_t d = 0; d < rh_corpus_count(corpus) && rc == CLI_OK; d++) {
		const char *id = rh_corpus_doc_id(corpus, d);
		if (strpbrk(id, "\t\n\r")) {
			cli_error("tokens", "document id '%s' holds a tab or line break: cannot be written", id);
			rc = CLI_FAIL;
			break;
		}
		if ((err = rh_corpus_read(corpus, d, &buf, &cap, &len)) < 0 ||
		    (err = rh_text_tokenize(&tk, &o->text, buf, len)) < 0) {
			rc = cli_lib_error("tokens", err);
			break;
		}
		fputs(id, fp);
		fputc('\t', fp);
		for (size_t i = 0; i < tk.n; i++) {
			if (i)
				fputc(' ', fp);
			fwrite(rh_tokens_form(&tk, i), 1, tk.tok[i].norm_len, fp);
		}
		fputc('\n', fp);
	}
	rh_tokens_free(&tk);
	free(buf);
	return rc;
}

int cmd_tokens(int argc, char **argv)
{
	static const cli_command cmd = {
		"tokens", "CORPUS [-o FILE]",
		"Writes one line per document, in corpus order: doc_id, a tab, then its\n"
		"tokens as rhetor counts them (normalised, case-folded unless --keep-case),\n"
		"separated by single spaces. -o FILE writes to FILE, otherwise to stdout.\n",
		1, 0, NULL, NULL, NULL
	};
	rh_corpus *corpus = NULL;
	rh_vocab *words = NULL;
	cli_opts o;
	cli_out out;
	int rc, err;

	memset(&out, 0, sizeof out);
	rc = cli_parse(argc, argv, &cmd, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if ((err = rh_corpus_open(&corpus, o.corpus, &o.corpus_opts)) < 0)
		return cli_lib_error(cmd.name, err);
	if ((rc = cli_known_words(cmd.name, &o, &words)) != CLI_OK)
		goto done;
	o.text.known_words = words;
	if (o.out) {
		/* -o names a file: written beside itself and renamed into place. */
		char *path = strdup(o.out), *slash;
		if (!path) {
			rc = CLI_FAIL;
			goto done;
		}
		slash = strrchr(path, '/');
		if (slash)
			*slash = '\0';
		rc = cli_out_open(cmd.name, &out, slash ? (*path ? path : "/") : ".", slash ? slash + 1 : path);
		free(path);
		if (rc != CLI_OK)
			goto done;
		if ((rc = write_tokens(&o, corpus, out.fp)) != CLI_OK) {
			cli_out_abort(&out);
			goto done;
		}
		rc = cli_out_commit(cmd.name, &out);
	} else {
		rc = write_tokens(&o, corpus, stdout);
		if (rc == CLI_OK && (fflush(stdout) != 0 || ferror(stdout))) {
			cli_error(cmd.name, "writing to stdout failed");
			rc = CLI_FAIL;
		}
	}
done:
	rh_vocab_free(words);
	rh_corpus_free(corpus);
	return rc;
}
