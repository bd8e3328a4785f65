/* consumer.c: a program outside the tree that uses the installed library: version, plan, tables. */
#include <stdio.h>
#include <string.h>

#include <rhetor.h>

int main(void)
{
	rh_plan p;
	size_t n = rh_tables_count();
	if (strcmp(rh_version(), RH_VERSION_STRING) != 0) {
		fprintf(stderr, "header says %s, library %s\n", RH_VERSION_STRING, rh_version());
		return 1;
	}
	if (rh_plan_defaults(&p) != RH_OK || p.tfidf.report.top != 20) {
		fprintf(stderr, "plan defaults: %s\n", rh_error_last());
		return 1;
	}
	printf("rhetor %s, %zu tables, first %s\n", rh_version(), n, n ? rh_tables_at(0)->name : "-");
	return n > 0 ? 0 : 1;
}
