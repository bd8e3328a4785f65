/* rhetor.h: the umbrella header of librhetor. */
#ifndef RHETOR_H
#define RHETOR_H

#include "rhetor/analysis.h"
#include "rhetor/common.h"
#include "rhetor/cooc.h"
#include "rhetor/corpus.h"
#include "rhetor/counts.h"
#include "rhetor/countsfile.h"
#include "rhetor/csvfile.h"
#include "rhetor/dict.h"
#include "rhetor/file.h"
#include "rhetor/dispersion.h"
#include "rhetor/freq.h"
#include "rhetor/html.h"
#include "rhetor/keyness.h"
#include "rhetor/kwic.h"
#include "rhetor/ngram.h"
#include "rhetor/plan.h"
#include "rhetor/plot.h"
#include "rhetor/report.h"
#include "rhetor/run.h"
#include "rhetor/select.h"
#include "rhetor/stats.h"
#include "rhetor/synth.h"
#include "rhetor/table.h"
#include "rhetor/text.h"
#include "rhetor/tfidf.h"
#include "rhetor/trends.h"
#include "rhetor/version.h"
#include "rhetor/vocab.h"

#endif
