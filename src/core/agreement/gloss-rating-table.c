/* gloss-rating-table.c: the rating table (units x coders) and the agreement
 * measures on pre-defined units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-rating-table.h"

#include <math.h>

GlossMeasure
gloss_measure_defined (double value)
{
  return (GlossMeasure) { value, NULL };
}

GlossMeasure
gloss_measure_undefined (const char *reason)
{
  return (GlossMeasure) { NAN, reason };
}

gboolean
gloss_measure_is_defined (GlossMeasure measure)
{
  return measure.reason == NULL;
}

/* Table */

GlossRatingTable *
gloss_rating_table_new (guint n_coders,
                        guint n_categories)
{
  GlossRatingTable *table = g_new0 (GlossRatingTable, 1);

  table->n_coders = n_coders;
  table->n_categories = n_categories;
  table->values = g_array_new (FALSE, FALSE, sizeof (int));
  table->weights = g_array_new (FALSE, FALSE, sizeof (double));
  return table;
}

void
gloss_rating_table_free (GlossRatingTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->values);
  g_array_unref (table->weights);
  g_free (table);
}

void
gloss_rating_table_add_unit (GlossRatingTable *table,
                             const int        *values,
                             double            weight)
{
  for (guint i = 0; i < table->n_coders; i++)
    g_return_if_fail (values[i] == GLOSS_RATING_MISSING
                      || (values[i] >= 0 && (guint) values[i] < table->n_categories));

  g_array_append_vals (table->values, values, table->n_coders);
  g_array_append_val (table->weights, weight);
  table->n_units++;
}

int
gloss_rating_table_get (const GlossRatingTable *table,
                        guint                   unit,
                        guint                   coder)
{
  return g_array_index (table->values, int, (gsize) unit * table->n_coders + coder);
}

double
gloss_rating_table_get_weight (const GlossRatingTable *table,
                               guint                   unit)
{
  return g_array_index (table->weights, double, unit);
}

double
gloss_rating_table_count_units (const GlossRatingTable *table)
{
  double total = 0;

  for (guint u = 0; u < table->n_units; u++)
    total += gloss_rating_table_get_weight (table, u);
  return total;
}

GlossRatingTable *
gloss_rating_table_new_from_matrix (guint         n_categories,
                                    const double *counts)
{
  GlossRatingTable *table = gloss_rating_table_new (2, n_categories);

  for (guint r = 0; r < n_categories; r++)
    for (guint c = 0; c < n_categories; c++)
      {
        int values[2] = { (int) r, (int) c };
        double count = counts[r * n_categories + c];

        if (count > 0)
          gloss_rating_table_add_unit (table, values, count);
      }
  return table;
}

GlossRatingTable *
gloss_rating_table_new_pair (const GlossRatingTable *table,
                             guint                   a,
                             guint                   b)
{
  GlossRatingTable *pair = gloss_rating_table_new (2, table->n_categories);

  g_return_val_if_fail (a < table->n_coders && b < table->n_coders, pair);

  for (guint u = 0; u < table->n_units; u++)
    {
      int values[2] = { gloss_rating_table_get (table, u, a),
                        gloss_rating_table_get (table, u, b) };

      gloss_rating_table_add_unit (pair, values, gloss_rating_table_get_weight (table, u));
    }
  return pair;
}

GlossRatingTable *
gloss_rating_table_new_dichotomy (const GlossRatingTable *table,
                                  guint                   category)
{
  GlossRatingTable *result = gloss_rating_table_new (table->n_coders, 2);
  g_autofree int *values = g_new (int, MAX (table->n_coders, 1));

  for (guint u = 0; u < table->n_units; u++)
    {
      for (guint i = 0; i < table->n_coders; i++)
        {
          int v = gloss_rating_table_get (table, u, i);

          values[i] = v == GLOSS_RATING_MISSING ? v : (v == (int) category);
        }
      gloss_rating_table_add_unit (result, values, gloss_rating_table_get_weight (table, u));
    }
  return result;
}

/* Fills @counts (n_categories) with the values of @unit; returns how many. */
static guint
count_unit (const GlossRatingTable *table,
            guint                   unit,
            double                 *counts)
{
  guint n = 0;

  for (guint k = 0; k < table->n_categories; k++)
    counts[k] = 0;
  for (guint i = 0; i < table->n_coders; i++)
    {
      int v = gloss_rating_table_get (table, unit, i);

      if (v != GLOSS_RATING_MISSING)
        {
          counts[v] += 1;
          n++;
        }
    }
  return n;
}

/* P_u of one unit with @n >= 2 values. */
static double
unit_agreement (const double *counts,
                guint         n_categories,
                guint         n)
{
  double sum = 0;

  for (guint k = 0; k < n_categories; k++)
    sum += counts[k] * (counts[k] - 1);
  return sum / ((double) n * (n - 1));
}

static double *
new_counts (const GlossRatingTable *table)
{
  return g_new0 (double, MAX (table->n_categories, 1));
}

/* Measures */

GlossMeasure
gloss_agreement_percent (const GlossRatingTable *table)
{
  g_autofree double *counts = new_counts (table);
  double sum = 0, total = 0;

  for (guint u = 0; u < table->n_units; u++)
    {
      guint n = count_unit (table, u, counts);
      double w = gloss_rating_table_get_weight (table, u);

      if (n < 2)
        continue;
      sum += w * unit_agreement (counts, table->n_categories, n);
      total += w;
    }
  if (total <= 0)
    return gloss_measure_undefined ("no unit has values from two coders");
  return gloss_measure_defined (sum / total);
}

/* Joint proportions of two coders over units both rated: @joint is q x q. */
static double
pair_proportions (const GlossRatingTable *table,
                  double                 *joint)
{
  guint q = table->n_categories;
  double total = 0;

  for (guint u = 0; u < table->n_units; u++)
    {
      int a = gloss_rating_table_get (table, u, 0);
      int b = gloss_rating_table_get (table, u, 1);
      double w = gloss_rating_table_get_weight (table, u);

      if (a == GLOSS_RATING_MISSING || b == GLOSS_RATING_MISSING)
        continue;
      joint[a * q + b] += w;
      total += w;
    }
  if (total > 0)
    for (guint i = 0; i < q * q; i++)
      joint[i] /= total;
  return total;
}

typedef enum
{
  CHANCE_COHEN,
  CHANCE_SCOTT,
} ChanceModel;

static GlossMeasure
two_coder_kappa (const GlossRatingTable *table,
                 ChanceModel             model)
{
  guint q = table->n_categories;
  g_autofree double *joint = NULL;
  double p_o = 0, p_e = 0;

  if (table->n_coders != 2)
    return gloss_measure_undefined (model == CHANCE_COHEN
                                    ? "Cohen's kappa needs exactly two coders"
                                    : "Scott's pi needs exactly two coders");
  joint = g_new0 (double, MAX (q * q, 1));
  if (pair_proportions (table, joint) <= 0)
    return gloss_measure_undefined ("no unit was rated by both coders");

  for (guint k = 0; k < q; k++)
    {
      double row = 0, col = 0;

      for (guint j = 0; j < q; j++)
        {
          row += joint[k * q + j];
          col += joint[j * q + k];
        }
      p_o += joint[k * q + k];
      if (model == CHANCE_COHEN)
        p_e += row * col;
      else
        p_e += ((row + col) / 2) * ((row + col) / 2);
    }
  if (p_e >= 1)
    return gloss_measure_undefined ("expected agreement is 1, as every value falls in one category");
  return gloss_measure_defined ((p_o - p_e) / (1 - p_e));
}

GlossMeasure
gloss_agreement_cohen_kappa (const GlossRatingTable *table)
{
  return two_coder_kappa (table, CHANCE_COHEN);
}

GlossMeasure
gloss_agreement_scott_pi (const GlossRatingTable *table)
{
  return two_coder_kappa (table, CHANCE_SCOTT);
}

/* Sums over the units rated by all coders: their weight, sum of w * P_u,
 * and per category sum of w * n_uk (@totals) and of w * n_uk (m - n_uk)
 * (@spread, may be NULL). */
static double
fleiss_sums (const GlossRatingTable *table,
             double                 *agreement,
             double                 *totals,
             double                 *spread)
{
  guint m = table->n_coders;
  guint q = table->n_categories;
  g_autofree double *counts = new_counts (table);
  double total = 0;

  *agreement = 0;
  for (guint u = 0; u < table->n_units; u++)
    {
      double w = gloss_rating_table_get_weight (table, u);

      if (count_unit (table, u, counts) != m)
        continue;
      total += w;
      *agreement += w * unit_agreement (counts, q, m);
      for (guint k = 0; k < q; k++)
        {
          totals[k] += w * counts[k];
          if (spread != NULL)
            spread[k] += w * counts[k] * (m - counts[k]);
        }
    }
  return total;
}

GlossMeasure
gloss_agreement_fleiss_kappa (const GlossRatingTable *table)
{
  guint m = table->n_coders;
  g_autofree double *totals = new_counts (table);
  double agreement, total, p_e = 0, p;

  if (m < 2)
    return gloss_measure_undefined ("Fleiss' kappa needs two coders or more");
  total = fleiss_sums (table, &agreement, totals, NULL);
  if (total <= 0)
    return gloss_measure_undefined ("no unit was rated by all coders");
  for (guint k = 0; k < table->n_categories; k++)
    {
      double p_k = totals[k] / (total * m);

      p_e += p_k * p_k;
    }
  p = agreement / total;
  if (p_e >= 1)
    return gloss_measure_undefined ("expected agreement is 1, as every value falls in one category");
  return gloss_measure_defined ((p - p_e) / (1 - p_e));
}

GlossMeasure
gloss_agreement_fleiss_kappa_category (const GlossRatingTable *table,
                                       guint                   category)
{
  guint m = table->n_coders;
  g_autofree double *totals = new_counts (table);
  g_autofree double *spread = new_counts (table);
  double agreement, total, p_k;

  g_return_val_if_fail (category < table->n_categories,
                        gloss_measure_undefined ("no such category"));
  if (m < 2)
    return gloss_measure_undefined ("Fleiss' kappa needs two coders or more");
  total = fleiss_sums (table, &agreement, totals, spread);
  if (total <= 0)
    return gloss_measure_undefined ("no unit was rated by all coders");
  p_k = totals[category] / (total * m);
  if (p_k <= 0 || p_k >= 1)
    return gloss_measure_undefined (p_k <= 0 ? "the category was never used"
                                             : "the category was used for every value");
  return gloss_measure_defined (1 - spread[category] / (total * m * (m - 1) * p_k * (1 - p_k)));
}

GlossMeasure
gloss_agreement_brennan_prediger (const GlossRatingTable *table)
{
  double q = table->n_categories;
  GlossMeasure percent;

  if (table->n_categories < 2)
    return gloss_measure_undefined ("Brennan-Prediger needs two categories or more");
  percent = gloss_agreement_percent (table);
  if (!gloss_measure_is_defined (percent))
    return percent;
  return gloss_measure_defined ((percent.value - 1 / q) / (1 - 1 / q));
}

GlossMeasure
gloss_agreement_gwet_ac1 (const GlossRatingTable *table)
{
  guint q = table->n_categories;
  g_autofree double *counts = new_counts (table);
  g_autofree double *pi = new_counts (table);
  double total = 0, p_e = 0;
  GlossMeasure percent;

  if (q < 2)
    return gloss_measure_undefined ("Gwet's AC1 needs two categories or more");
  percent = gloss_agreement_percent (table);
  if (!gloss_measure_is_defined (percent))
    return percent;

  for (guint u = 0; u < table->n_units; u++)
    {
      guint n = count_unit (table, u, counts);
      double w = gloss_rating_table_get_weight (table, u);

      if (n < 1)
        continue;
      total += w;
      for (guint k = 0; k < q; k++)
        pi[k] += w * counts[k] / n;
    }
  for (guint k = 0; k < q; k++)
    {
      double p = pi[k] / total;

      p_e += p * (1 - p);
    }
  p_e /= q - 1;
  if (p_e >= 1)
    return gloss_measure_undefined ("expected agreement is 1, as every value falls in one category");
  return gloss_measure_defined ((percent.value - p_e) / (1 - p_e));
}

GlossMeasure
gloss_agreement_krippendorff_alpha (const GlossRatingTable *table)
{
  guint q = table->n_categories;
  g_autofree double *counts = new_counts (table);
  g_autofree double *n_c = new_counts (table);
  double n = 0, diagonal = 0, squares = 0, observed, expected;

  for (guint u = 0; u < table->n_units; u++)
    {
      guint m_u = count_unit (table, u, counts);
      double w = gloss_rating_table_get_weight (table, u);

      if (m_u < 2)
        continue;
      for (guint k = 0; k < q; k++)
        {
          n_c[k] += w * counts[k];
          diagonal += w * counts[k] * (counts[k] - 1) / (m_u - 1);
        }
    }
  for (guint k = 0; k < q; k++)
    {
      n += n_c[k];
      squares += n_c[k] * n_c[k];
    }
  if (n <= 0)
    return gloss_measure_undefined ("no unit has values from two coders");

  observed = n - diagonal;          /* sum of o_ck over c != k */
  expected = n * n - squares;       /* sum of n_c n_k over c != k */
  if (expected <= 0)
    return gloss_measure_defined (1.0);   /* all values in one category */
  return gloss_measure_defined (1 - (n - 1) * observed / expected);
}

void
gloss_agreement_krippendorff_alpha_parts (const GlossRatingTable *table,
                                          double                 *p_observed,
                                          double                 *n_pairs)
{
  guint q = table->n_categories;
  g_autofree double *counts = new_counts (table);
  double n = 0, diagonal = 0, pairs = 0;

  for (guint u = 0; u < table->n_units; u++)
    {
      guint m_u = count_unit (table, u, counts);
      double w = gloss_rating_table_get_weight (table, u);

      if (m_u < 2)
        continue;
      pairs += w * m_u * (m_u - 1) / 2.0;
      for (guint k = 0; k < q; k++)
        {
          n += w * counts[k];
          diagonal += w * counts[k] * (counts[k] - 1) / (m_u - 1);
        }
    }
  *p_observed = n > 0 ? (n - diagonal) / n : 0;
  *n_pairs = pairs;
}
