/* gloss-agreement-measures.c: the values one row of a report holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-measures.h"

static const struct
{
  const char *key;
  const char *label;
} measure_names[GLOSS_N_MEASURES] = {
  { "percent_agreement",  "Percent agreement" },
  { "cohen_kappa",        "Cohen's kappa" },
  { "scott_pi",           "Scott's pi" },
  { "fleiss_kappa",       "Fleiss' kappa" },
  { "krippendorff_alpha", "Krippendorff's alpha" },
  { "brennan_prediger",   "Brennan-Prediger" },
  { "gwet_ac1",           "Gwet's AC1" },
  { "holsti",             "Holsti" },
  { "u_alpha_2004",       "u-alpha (2004)" },
  { "u_alpha_2016",       "u-alpha (2016)" },
  { "binary_u_alpha",     "|u-alpha" },
  { "cu_alpha",           "cu-alpha" },
};

const char *
gloss_measure_kind_to_key (GlossMeasureKind kind)
{
  g_return_val_if_fail (kind < GLOSS_N_MEASURES, NULL);
  return measure_names[kind].key;
}

const char *
gloss_measure_kind_to_label (GlossMeasureKind kind)
{
  g_return_val_if_fail (kind < GLOSS_N_MEASURES, NULL);
  return measure_names[kind].label;
}

void
gloss_agreement_measures_init (GlossAgreementMeasures *measures)
{
  *measures = (GlossAgreementMeasures) { 0 };
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    measures->values[k] = gloss_measure_undefined ("not computed");
}

void
gloss_agreement_measures_set (GlossAgreementMeasures *measures,
                              GlossMeasureKind        kind,
                              GlossMeasure            value)
{
  g_return_if_fail (kind < GLOSS_N_MEASURES);
  measures->values[kind] = value;
  measures->present |= 1u << kind;
}

gboolean
gloss_agreement_measures_has (const GlossAgreementMeasures *measures,
                              GlossMeasureKind              kind)
{
  return kind < GLOSS_N_MEASURES && (measures->present & (1u << kind)) != 0;
}

void
gloss_agreement_measures_from_table (GlossAgreementMeasures *measures,
                                     const GlossRatingTable *table)
{
  measures->units = gloss_rating_table_count_units (table);
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_PERCENT_AGREEMENT,
                                gloss_agreement_percent (table));
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_COHEN_KAPPA,
                                gloss_agreement_cohen_kappa (table));
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_SCOTT_PI,
                                gloss_agreement_scott_pi (table));
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_FLEISS_KAPPA,
                                gloss_agreement_fleiss_kappa (table));
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_KRIPPENDORFF_ALPHA,
                                gloss_agreement_krippendorff_alpha (table));
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_BRENNAN_PREDIGER,
                                gloss_agreement_brennan_prediger (table));
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_GWET_AC1,
                                gloss_agreement_gwet_ac1 (table));
}
