/* report.c: helpers shared by the table writers. */
#include <string.h>

#include "internal.h"
#include "report_internal.h"

int rh_report__keep_term(const rh_counts *c, const rh_report_options *ro, uint32_t term)
{
	uint64_t total = rh_counts_term_total(c, term);
	if (total == 0 || (ro->min_count > 0 && total < (uint64_t)ro->min_count))
		return 0;
	if (ro->stop) {
		size_t len;
		const char *s = rh_vocab_term(rh_counts_vocab(c), term, &len);
		if (rh_vocab_find(ro->stop, s, len) >= 0)
			return 0;
	}
	return 1;
}

int rh_report__cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);
	return r ? r : (la < lb ? -1 : la > lb);
}

int rh_report__end(rh_table *t, int err)
{
	if (err == 0)
		err = rh_table_finish(t);
	rh_table_free(t);
	return err;
}
