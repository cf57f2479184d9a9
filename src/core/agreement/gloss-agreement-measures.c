/* gloss-agreement-measures.c: the values one row of a report holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-measures.h"

#include <glib/gi18n.h>

static const struct
{
  const char *key;
  const char *label;
  const char *description;
} measure_names[GLOSS_N_MEASURES] = {
  { "percent_agreement",  N_("Percent agreement"),
    N_("The share of units on which the coders gave the same value. It ignores agreement by chance; "
       "report it beside a chance-corrected coefficient, never alone.") },
  { "cohen_kappa",        N_("Cohen's kappa"),
    N_("Agreement of exactly two coders corrected for chance, each coder with their own distribution "
       "of values (Cohen 1960). Report it when a reviewer asks for kappa; prefer Krippendorff's alpha.") },
  { "scott_pi",           N_("Scott's pi"),
    N_("Agreement of two coders corrected for chance from the values of both coders pooled (Scott 1955). "
       "Krippendorff's alpha is the same idea for any number of coders and missing values.") },
  { "fleiss_kappa",       N_("Fleiss' kappa"),
    N_("Scott's pi for three coders or more, on units every coder rated (Fleiss 1971). "
       "Units with a missing value are left out.") },
  { "krippendorff_alpha", N_("Krippendorff's alpha"),
    N_("Agreement corrected for chance for any number of coders, with missing values allowed. "
       "Report this one: rely on data from 0.800, draw tentative conclusions from 0.667 (Krippendorff 2004).") },
  { "brennan_prediger",   N_("Brennan-Prediger"),
    N_("Agreement corrected for a chance that spreads evenly over the categories. When one value "
       "dominates (most text not coded), it stays high while alpha is low: report it only beside alpha.") },
  { "gwet_ac1",           N_("Gwet's AC1"),
    N_("Agreement corrected for chance in a way meant to resist skewed categories (Gwet 2008). When most "
       "units are not coded it stays high while alpha is low: report it only beside alpha.") },
  { "holsti",             N_("Holsti"),
    N_("Matched codings as a share of all codings of both coders, 2M / (N1 + N2) (Holsti 1969). "
       "Not corrected for chance.") },
  { "u_alpha_2004",       N_("u-alpha (2004)"),
    N_("Krippendorff's alpha for unitizing (1995, 2004): how far the coders agree on where each code's "
       "passages begin and end. Report it per code for the boundaries of coded passages.") },
  { "u_alpha_2016",       N_("u-alpha (2016)"),
    N_("Krippendorff's alpha for unitizing with all codes at once (Krippendorff et al. 2016): agreement on "
       "both where passages lie and which code they got. The overall figure for unitized coding.") },
  { "binary_u_alpha",     N_("Binary u-alpha"),
    N_("The 2016 unitizing alpha with all codes merged into one (Krippendorff et al. 2016, |u-alpha): "
       "do the coders agree on which text is coded at all, whatever the code.") },
  { "cu_alpha",           N_("cu-alpha"),
    N_("The 2016 unitizing alpha on the coded text only (Krippendorff et al. 2016, (c)|u-alpha): where "
       "coders both coded, do they agree on which code. Report it with binary u-alpha.") },
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
  return _(measure_names[kind].label);
}

const char *
gloss_measure_kind_to_description (GlossMeasureKind kind)
{
  g_return_val_if_fail (kind < GLOSS_N_MEASURES, NULL);
  return _(measure_names[kind].description);
}

void
gloss_agreement_measures_set_no_data (GlossAgreementMeasures *measures)
{
  for (guint k = 0; k < GLOSS_N_MEASURES; k++)
    if (measures->present & (1u << k))
      measures->values[k] = gloss_measure_undefined ("no compared coder coded anything here");
  measures->no_data = TRUE;
  measures->alpha_pairs = 0;
  measures->bootstrap = (GlossBootstrap) { 0 };
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
  measures->alpha_kind = GLOSS_MEASURE_KRIPPENDORFF_ALPHA;
  gloss_agreement_krippendorff_alpha_parts (table, &measures->alpha_observed, &measures->alpha_pairs);
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_BRENNAN_PREDIGER,
                                gloss_agreement_brennan_prediger (table));
  gloss_agreement_measures_set (measures, GLOSS_MEASURE_GWET_AC1,
                                gloss_agreement_gwet_ac1 (table));
}
