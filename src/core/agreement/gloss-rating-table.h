/* gloss-rating-table.h: the rating table (units x coders) and the measures on it
 *
 * Pure functions on a plain table: units x coders, each cell a category
 * (0 .. n_categories - 1) or GLOSS_RATING_MISSING. A unit carries a weight,
 * so that many identical units (the characters of a long stretch of text
 * coded the same way by everybody) are one row: every measure is a sum over
 * units, and a weight of w counts as w identical units.
 *
 * Each measure returns a GlossMeasure: a value, or "undefined" with the
 * reason (a static string) when the input does not allow it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLOSS_RATING_MISSING (-1)

typedef struct
{
  double      value;   /* NAN when undefined */
  const char *reason;  /* NULL when defined, else why not (static) */
} GlossMeasure;

GlossMeasure gloss_measure_defined   (double      value);
GlossMeasure gloss_measure_undefined (const char *reason);
gboolean     gloss_measure_is_defined (GlossMeasure measure);

typedef struct
{
  guint   n_coders;
  guint   n_categories;  /* q: the categories declared, used or not */
  guint   n_units;
  GArray *values;        /* int, n_units x n_coders, unit-major */
  GArray *weights;       /* double, one per unit */
} GlossRatingTable;

GlossRatingTable *gloss_rating_table_new          (guint                   n_coders,
                                                   guint                   n_categories);
void              gloss_rating_table_free         (GlossRatingTable       *table);
/* @values holds n_coders categories or GLOSS_RATING_MISSING. */
void              gloss_rating_table_add_unit     (GlossRatingTable       *table,
                                                   const int              *values,
                                                   double                  weight);
int               gloss_rating_table_get          (const GlossRatingTable *table,
                                                   guint                   unit,
                                                   guint                   coder);
double            gloss_rating_table_get_weight   (const GlossRatingTable *table,
                                                   guint                   unit);
/* The total weight of the units. */
double            gloss_rating_table_count_units  (const GlossRatingTable *table);
/* Two coders' contingency table, q x q counts, rows = coder 1. */
GlossRatingTable *gloss_rating_table_new_from_matrix (guint                n_categories,
                                                      const double        *counts);
/* The columns of coders @a and @b only. */
GlossRatingTable *gloss_rating_table_new_pair     (const GlossRatingTable *table,
                                                   guint                   a,
                                                   guint                   b);
/* Category @category against all others (1 = @category, 0 = another). */
GlossRatingTable *gloss_rating_table_new_dichotomy (const GlossRatingTable *table,
                                                    guint                   category);

GlossMeasure gloss_agreement_percent            (const GlossRatingTable *table);
GlossMeasure gloss_agreement_cohen_kappa        (const GlossRatingTable *table);
GlossMeasure gloss_agreement_scott_pi           (const GlossRatingTable *table);
GlossMeasure gloss_agreement_fleiss_kappa       (const GlossRatingTable *table);
GlossMeasure gloss_agreement_fleiss_kappa_category (const GlossRatingTable *table,
                                                    guint                   category);
GlossMeasure gloss_agreement_brennan_prediger   (const GlossRatingTable *table);
GlossMeasure gloss_agreement_gwet_ac1           (const GlossRatingTable *table);
GlossMeasure gloss_agreement_krippendorff_alpha (const GlossRatingTable *table);
/* What a bootstrap of alpha needs: the share of the pairs of values that
 * disagree (sum of o_ck, c != k, over n) and the number of pairs of values,
 * sum over units of w m_u (m_u - 1) / 2. */
void         gloss_agreement_krippendorff_alpha_parts (const GlossRatingTable *table,
                                                       double                 *p_observed,
                                                       double                 *n_pairs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossRatingTable, gloss_rating_table_free)

G_END_DECLS
