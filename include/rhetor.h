/* rhetor.h: the umbrella header of librhetor. */
#ifndef RHETOR_H
#define RHETOR_H

#include "rhetor/common.h"
#include "rhetor/corpus.h"
#include "rhetor/counts.h"
#include "rhetor/dict.h"
#include "rhetor/freq.h"
#include "rhetor/plot.h"
#include "rhetor/report.h"
#include "rhetor/stats.h"
#include "rhetor/table.h"
#include "rhetor/text.h"
#include "rhetor/vocab.h"

#endif
