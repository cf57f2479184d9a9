/* gloss-agreement-measures.h: the values one row of a report holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gloss-rating-table.h"
#include "gloss-agreement-bootstrap.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_MEASURE_PERCENT_AGREEMENT,
  GLOSS_MEASURE_COHEN_KAPPA,
  GLOSS_MEASURE_SCOTT_PI,
  GLOSS_MEASURE_FLEISS_KAPPA,
  GLOSS_MEASURE_KRIPPENDORFF_ALPHA,
  GLOSS_MEASURE_BRENNAN_PREDIGER,
  GLOSS_MEASURE_GWET_AC1,
  GLOSS_MEASURE_HOLSTI,
  GLOSS_MEASURE_U_ALPHA_2004,
  GLOSS_MEASURE_U_ALPHA_2016,
  GLOSS_MEASURE_BINARY_U_ALPHA,
  GLOSS_MEASURE_CU_ALPHA,
  GLOSS_N_MEASURES,
} GlossMeasureKind;

/* "percent_agreement", "cohen_kappa", ... as in the JSON report. */
const char *gloss_measure_kind_to_key   (GlossMeasureKind kind);
/* "Percent agreement", "Cohen's kappa", ... */
const char *gloss_measure_kind_to_label (GlossMeasureKind kind);

typedef struct
{
  double       units;      /* units compared (characters, documents, codings) */
  gboolean     has_counts; /* segment unit: matched and unmatched are set */
  gint64       matched;
  gint64       unmatched;
  guint        present;    /* 1 << kind for each measure the row reports */
  gboolean     no_data;    /* no compared coder coded anything in this row's units */
  gboolean     prevalence; /* a high Brennan-Prediger or AC1 beside a low alpha */
  /* The bootstrap of the row's alpha (Krippendorff's alpha, or u-alpha
   * (2016) when unitized): its inputs, then its result. */
  GlossMeasureKind alpha_kind;
  double       alpha_observed;  /* share of disagreeing pairs of values */
  double       alpha_pairs;     /* pairs of values; 0: no bootstrap */
  GlossBootstrap bootstrap;
  GlossMeasure values[GLOSS_N_MEASURES];
} GlossAgreementMeasures;

void     gloss_agreement_measures_init  (GlossAgreementMeasures *measures);
void     gloss_agreement_measures_set   (GlossAgreementMeasures *measures,
                                         GlossMeasureKind        kind,
                                         GlossMeasure            value);
gboolean gloss_agreement_measures_has   (const GlossAgreementMeasures *measures,
                                         GlossMeasureKind              kind);
/* Every measure the row reports made undefined, and the row marked as
 * having no data. */
void     gloss_agreement_measures_set_no_data (GlossAgreementMeasures *measures);
/* What the measure is and when to report it, one or two sentences. */
const char *gloss_measure_kind_to_description (GlossMeasureKind kind);
/* Units, then the seven measures on pre-defined units, from @table. */
void     gloss_agreement_measures_from_table (GlossAgreementMeasures *measures,
                                              const GlossRatingTable *table);

G_END_DECLS
