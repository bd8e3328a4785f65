/* rhetor/report.h: options shared by the functions that write result tables. */
#ifndef RHETOR_REPORT_H
#define RHETOR_REPORT_H

#include "table.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	rh_table_options table;
	long top;              /* rows kept per unit; 0 keeps all */
	long min_count;        /* terms seen fewer times in the corpus are left out */
	const rh_vocab *stop;  /* terms left out of term lists, or NULL (borrowed) */
} rh_report_options;

#define RH_REPORT_OPTIONS_INIT { RH_TABLE_OPTIONS_INIT, 0, 0, NULL }

#ifdef __cplusplus
}
#endif

#endif
