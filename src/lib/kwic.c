/* kwic.c: the KWIC table: every phrase match with the context the counting pass kept. */
#include "internal.h"
#include "rhetor/plan.h"
#include "rhetor/kwic.h"

static int kwic_table(FILE *fp, const rh_counts *c, const rh_report_options *ro)
{
	const rh_table_def *td = rh_tables_find("kwic.csv");
	rh_report_options rdef = RH_REPORT_OPTIONS_INIT;
	const rh_dict *d = rh_counts_dict(c);
	const rh_corpus *corpus = rh_counts_corpus(c);
	const int grouped = rh_counts_opts(c)->group_col != NULL;
	size_t nm;
	const rh_match *ms = rh_counts_matches(c, &nm);
	rh_table *t = NULL;
	int err;

	if (!ro)
		ro = &rdef;
	if (!d)
		return rh_error__set(RH_EUSAGE, "KWIC needs a phrase dictionary");
	if (rh_counts_opts(c)->kwic_context == 0)
		return rh_error__set(RH_EUSAGE, "KWIC needs counts built with kwic_context > 0");
	if ((err = rh_table_new(&t, fp, &ro->table, td->columns, td->ncolumns + (grouped ? 1 : 0))) < 0)
		return err;
	for (size_t i = 0; i < nm && err == 0; i++) {
		const rh_match *m = &ms[i];
		const char *left, *match, *right;
		if ((err = rh_counts_kwic(c, i, &left, &match, &right)) < 0)
			break;
		rh_table_text(t, rh_corpus_doc_id(corpus, m->doc));
		rh_table_text(t, rh_dict_concept(d, m->concept));
		rh_table_text(t, rh_dict_pattern(d, m->pattern));
		rh_table_int(t, m->sentence);
		rh_table_int(t, m->token);
		rh_table_text(t, left);
		rh_table_text(t, match);
		rh_table_text(t, right);
		rh_table_int(t, m->byte_start);
		rh_table_int(t, m->byte_end);
		if (grouped)
			rh_table_text(t, rh_counts_group_name(c, rh_counts_doc(c, m->doc)->group));
		err = rh_table_end_row(t);
	}
	if (err == 0)
		err = rh_table_finish(t);
	rh_table_free(t);
	return err;
}

RH_API int rh_kwic_write_kwic(FILE *fp, const rh_results *r)
{
	return kwic_table(fp, r->counts, &r->plan->kwic.report);
}
