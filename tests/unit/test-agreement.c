/* test-agreement.c: agreement measures against published examples,
 * properties on random data and brute-force per-character computations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gstdio.h>

#include "gloss-rating-table.h"
#include "gloss-agreement-bootstrap.h"
#include "gloss-agreement-export.h"
#include "gloss-agreement-report.h"
#include "gloss-core.h"
#include "gloss-char-units.h"
#include "gloss-unitizing.h"
#include "gloss-radix-sort.h"

#define EXACT     1e-6
#define PUBLISHED 5e-4

static void
assert_measure (GlossMeasure measure,
                double       expected,
                double       tolerance)
{
  if (!gloss_measure_is_defined (measure))
    g_error ("expected %g, got undefined (%s)", expected, measure.reason);
  g_assert_cmpfloat_with_epsilon (measure.value, expected, tolerance);
}

static void
assert_undefined (GlossMeasure measure)
{
  g_assert_false (gloss_measure_is_defined (measure));
  g_assert_nonnull (measure.reason);
  g_assert_true (isnan (measure.value));
}

/* Rows of coders' values, one string per coder, '.' missing, '1'.. = 0.. */
static GlossRatingTable *
table_from_strings (guint               n_categories,
                    const char * const *coders,
                    guint               n_coders)
{
  GlossRatingTable *table = gloss_rating_table_new (n_coders, n_categories);
  gsize n_units = strlen (coders[0]);

  for (gsize u = 0; u < n_units; u++)
    {
      int values[16];

      for (guint i = 0; i < n_coders; i++)
        values[i] = coders[i][u] == '.' ? GLOSS_RATING_MISSING : coders[i][u] - '1';
      gloss_rating_table_add_unit (table, values, 1);
    }
  return table;
}

static void
test_e1 (void)
{
  const double m[] = { 20, 5, 10, 15 };
  g_autoptr(GlossRatingTable) t = gloss_rating_table_new_from_matrix (2, m);

  assert_measure (gloss_agreement_percent (t), 0.70, EXACT);
  assert_measure (gloss_agreement_cohen_kappa (t), 0.40, EXACT);
  g_assert_cmpfloat (gloss_rating_table_count_units (t), ==, 50);
}

static void
test_e2 (void)
{
  const double m[] = { 88, 14, 18, 10, 40, 10, 2, 6, 12 };
  g_autoptr(GlossRatingTable) t = gloss_rating_table_new_from_matrix (3, m);

  assert_measure (gloss_agreement_cohen_kappa (t), 0.4915254, EXACT);
  assert_measure (gloss_agreement_gwet_ac1 (t), 0.57597, 5e-6);
  assert_measure (gloss_agreement_scott_pi (t), 0.487179, EXACT);
  assert_measure (gloss_agreement_brennan_prediger (t), 0.55, EXACT);
}

static void
test_e3 (void)
{
  const double m[] = { 46, 0, 0, 6, 32, 6, 0, 0, 10 };
  g_autoptr(GlossRatingTable) t = gloss_rating_table_new_from_matrix (3, m);

  assert_measure (gloss_agreement_percent (t), 0.88, EXACT);
  assert_measure (gloss_agreement_scott_pi (t), 0.7995, PUBLISHED);
  assert_measure (gloss_agreement_cohen_kappa (t), 0.8013, PUBLISHED);
  assert_measure (gloss_agreement_krippendorff_alpha (t), 0.800535, EXACT);
}

static void
test_e4 (void)
{
  const char *coders[] = { "2211111111", "1221121211" };
  g_autoptr(GlossRatingTable) t = table_from_strings (2, coders, 2);

  assert_measure (gloss_agreement_percent (t), 0.60, EXACT);
  assert_measure (gloss_agreement_krippendorff_alpha (t), 0.095238, EXACT);
  assert_measure (gloss_agreement_cohen_kappa (t), 0.090909, EXACT);
}

static void
test_e4_char (void)
{
  g_autoptr(GlossContinuum) c = gloss_continuum_new (10, 2, 1);
  g_autoptr(GlossPatternCounts) counts = gloss_pattern_counts_new (2);
  g_autoptr(GlossRatingTable) t = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (GlossPatternRange));

  gloss_continuum_add (c, 0, 0, 0, 2);
  gloss_continuum_add (c, 1, 0, 1, 3);
  gloss_continuum_add (c, 1, 0, 5, 6);
  gloss_continuum_add (c, 1, 0, 7, 8);
  gloss_char_units_count (c, c->length, &counts, ranges);
  t = gloss_pattern_counts_to_table (counts);

  g_assert_cmpfloat (gloss_rating_table_count_units (t), ==, 10);
  assert_measure (gloss_agreement_percent (t), 0.60, EXACT);
  assert_measure (gloss_agreement_krippendorff_alpha (t), 0.095238, EXACT);
  assert_measure (gloss_agreement_cohen_kappa (t), 0.090909, EXACT);
  /* differing stretches: [0,1) [2,3) [5,6) [7,8) */
  g_assert_cmpuint (ranges->len, ==, 4);
  g_assert_cmpint (g_array_index (ranges, GlossPatternRange, 0).start, ==, 0);
  g_assert_cmpint (g_array_index (ranges, GlossPatternRange, 0).mask, ==, 1);
  g_assert_cmpint (g_array_index (ranges, GlossPatternRange, 1).start, ==, 2);
  g_assert_cmpint (g_array_index (ranges, GlossPatternRange, 1).mask, ==, 2);
  g_assert_cmpint (g_array_index (ranges, GlossPatternRange, 3).end, ==, 8);
}

static void
test_e5 (void)
{
  /* A, B, C, D over 12 units, as published */
  const char *coders[] = {
    "123321412...",
    "1233224125.3",
    ".3332342251.",
    "12332441251.",
  };
  g_autoptr(GlossRatingTable) t = table_from_strings (5, coders, 4);

  assert_measure (gloss_agreement_krippendorff_alpha (t), 0.743421, EXACT);
}

static const char *fleiss_1971[30] = {
  "444444", "222555", "233335", "555555", "222444", "113333",
  "333355", "113334", "114444", "555555", "144444", "124444",
  "222333", "144444", "224445", "333335", "111455", "111112",
  "224444", "133555", "555555", "244444", "224555", "114444",
  "144445", "222224", "111155", "224444", "133333", "555555",
};

static GlossRatingTable *
fleiss_table (void)
{
  GlossRatingTable *t = gloss_rating_table_new (6, 5);

  for (guint u = 0; u < 30; u++)
    {
      int values[6];

      for (guint i = 0; i < 6; i++)
        values[i] = fleiss_1971[u][i] - '1';
      gloss_rating_table_add_unit (t, values, 1);
    }
  return t;
}

static void
test_e6 (void)
{
  g_autoptr(GlossRatingTable) t = fleiss_table ();
  const double per_category[] = { 0.245, 0.245, 0.520, 0.471, 0.566 };

  assert_measure (gloss_agreement_fleiss_kappa (t), 0.4302445, EXACT);
  for (guint k = 0; k < 5; k++)
    {
      g_autoptr(GlossRatingTable) d = gloss_rating_table_new_dichotomy (t, k);

      assert_measure (gloss_agreement_fleiss_kappa_category (t, k), per_category[k], PUBLISHED);
      /* the category-wise kappa is Fleiss' kappa of "k or not k" */
      assert_measure (gloss_agreement_fleiss_kappa (d),
                      gloss_agreement_fleiss_kappa_category (t, k).value, 1e-12);
    }
  assert_undefined (gloss_agreement_cohen_kappa (t));
}

static void
test_e7 (void)
{
  const double m[] = { 8, 1, 0, 1 };
  g_autoptr(GlossRatingTable) t = gloss_rating_table_new_from_matrix (2, m);

  assert_measure (gloss_agreement_percent (t), 0.90, EXACT);
  assert_measure (gloss_agreement_gwet_ac1 (t), 0.865772, EXACT);
  assert_measure (gloss_agreement_cohen_kappa (t), 0.615385, EXACT);
}

static void
test_undefined (void)
{
  g_autoptr(GlossRatingTable) empty = gloss_rating_table_new (2, 2);
  const double same[] = { 10, 0, 0, 0 };
  g_autoptr(GlossRatingTable) one = gloss_rating_table_new_from_matrix (2, same);

  assert_undefined (gloss_agreement_percent (empty));
  assert_undefined (gloss_agreement_cohen_kappa (empty));
  assert_undefined (gloss_agreement_krippendorff_alpha (empty));
  assert_undefined (gloss_agreement_fleiss_kappa (empty));
  assert_undefined (gloss_agreement_gwet_ac1 (empty));
  /* everybody always in one category: kappa has no chance model, alpha is 1 */
  assert_undefined (gloss_agreement_cohen_kappa (one));
  assert_undefined (gloss_agreement_scott_pi (one));
  assert_measure (gloss_agreement_krippendorff_alpha (one), 1.0, EXACT);
  assert_measure (gloss_agreement_percent (one), 1.0, EXACT);
}

/* Unitizing */

static void
test_e8 (void)
{
  g_autoptr(GlossContinuum) c = gloss_continuum_new (300, 2, 2);
  g_autoptr(GlossUnitizingResult) r = NULL;

  gloss_continuum_add (c, 0, 0, 75, 145);
  gloss_continuum_add (c, 0, 0, 220, 250);
  gloss_continuum_add (c, 0, 1, 30, 90);
  gloss_continuum_add (c, 0, 1, 150, 200);
  gloss_continuum_add (c, 1, 0, 70, 150);
  gloss_continuum_add (c, 1, 0, 205, 225);
  gloss_continuum_add (c, 1, 0, 250, 270);
  gloss_continuum_add (c, 1, 1, 30, 90);
  gloss_continuum_add (c, 1, 1, 150, 200);
  r = gloss_unitizing_compute (c);

  g_assert_cmpfloat_with_epsilon (r->observed[0], 0.0144444, 1e-7);
  g_assert_cmpfloat_with_epsilon (r->expected[0], 0.0532218, 1e-7);
  assert_measure (r->u_alpha_2004[0], 0.728599, EXACT);
  assert_measure (r->u_alpha_2004[1], 1.0, EXACT);
  assert_measure (r->u_alpha_2004_overall, 0.858665, EXACT);
  assert_measure (gloss_unitizing_u_alpha_2004 (c, 0), 0.728599, EXACT);
  assert_measure (gloss_unitizing_u_alpha_2004_overall (c), 0.858665, EXACT);
}

static void
test_e9 (void)
{
  g_autoptr(GlossContinuum) c = gloss_continuum_new (10, 2, 1);
  g_autoptr(GlossUnitizingResult) r = NULL;

  gloss_continuum_add (c, 0, 0, 1, 9);
  gloss_continuum_add (c, 1, 0, 2, 3);
  gloss_continuum_add (c, 1, 0, 4, 5);
  gloss_continuum_add (c, 1, 0, 6, 7);
  r = gloss_unitizing_compute (c);
  g_assert_cmpfloat_with_epsilon (r->observed[0], 0.91, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->expected[0], 0.5351852, 1e-7);
  assert_measure (r->u_alpha_2004[0], -0.700346, EXACT);
}

static void
test_e10 (void)
{
  g_autoptr(GlossContinuum) one = gloss_continuum_new (20, 3, 1);
  g_autoptr(GlossContinuum) none = gloss_continuum_new (20, 3, 1);
  g_autoptr(GlossContinuum) same = gloss_continuum_new (20, 3, 1);

  gloss_continuum_add (one, 0, 0, 0, 1);
  assert_measure (gloss_unitizing_u_alpha_2004 (one, 0), 0.0, EXACT);
  assert_undefined (gloss_unitizing_u_alpha_2004 (none, 0));
  assert_undefined (gloss_unitizing_u_alpha_2004_overall (none));
  assert_undefined (gloss_unitizing_u_alpha_2016 (none));
  for (guint i = 0; i < 3; i++)
    {
      gloss_continuum_add (same, i, 0, 3, 8);
      gloss_continuum_add (same, i, 0, 12, 15);
    }
  assert_measure (gloss_unitizing_u_alpha_2004 (same, 0), 1.0, EXACT);
  assert_measure (gloss_unitizing_u_alpha_2016 (same), 1.0, EXACT);
  assert_measure (gloss_unitizing_binary_u_alpha (same), 1.0, EXACT);
}

static GlossContinuum *
e11_continuum (void)
{
  /* code k is index k - 1; coders Alex, Paul, Suzan */
  static const int segments[][4] = {
    { 0, 1, 2, 9 }, { 0, 2, 11, 17 }, { 0, 5, 24, 30 }, { 0, 6, 32, 36 },
    { 0, 6, 36, 44 }, { 0, 7, 44, 60 },
    { 1, 1, 2, 9 }, { 1, 3, 11, 17 }, { 1, 5, 19, 25 }, { 1, 6, 32, 44 },
    { 2, 1, 2, 9 }, { 2, 4, 11, 17 }, { 2, 5, 21, 27 }, { 2, 6, 32, 36 },
    { 2, 6, 36, 40 }, { 2, 6, 40, 44 },
  };
  GlossContinuum *c = gloss_continuum_new (60, 3, 7);

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    gloss_continuum_add (c, segments[i][0], segments[i][1] - 1, segments[i][2], segments[i][3]);
  return c;
}

static void
test_e11 (void)
{
  g_autoptr(GlossContinuum) c = e11_continuum ();
  g_autoptr(GlossUnitizingResult) r = gloss_unitizing_compute (c);

  assert_measure (r->u_alpha_2016, 0.510, PUBLISHED);
  assert_measure (r->binary_u_alpha, 0.413, PUBLISHED);
  /* Krippendorff, Mathet, Bouvry & Widlöcher (2016) give (c)u-alpha "about
   * 0.72-0.73" for this example: the range of the literature, not a figure
   * of this program. */
  g_assert_true (gloss_measure_is_defined (r->cu_alpha));
  g_assert_cmpfloat (r->cu_alpha.value, >=, 0.72);
  g_assert_cmpfloat (r->cu_alpha.value, <=, 0.73);
  g_assert_false (r->overlapping_codes);
}

/* Random data */

static GlossRatingTable *
random_table (GRand *rand,
              guint  n_units,
              guint  n_coders,
              guint  q,
              double missing,
              double agreement)
{
  GlossRatingTable *t = gloss_rating_table_new (n_coders, q);

  for (guint u = 0; u < n_units; u++)
    {
      int values[16];
      int truth = g_rand_int_range (rand, 0, q);

      for (guint i = 0; i < n_coders; i++)
        {
          if (g_rand_double (rand) < missing)
            values[i] = GLOSS_RATING_MISSING;
          else if (g_rand_double (rand) < agreement)
            values[i] = truth;
          else
            values[i] = g_rand_int_range (rand, 0, q);
        }
      gloss_rating_table_add_unit (t, values, 1 + g_rand_int_range (rand, 0, 3));
    }
  return t;
}

typedef GlossMeasure (*MeasureFunc) (const GlossRatingTable *table);

static const MeasureFunc all_measures[] = {
  gloss_agreement_percent, gloss_agreement_cohen_kappa, gloss_agreement_scott_pi,
  gloss_agreement_fleiss_kappa, gloss_agreement_brennan_prediger,
  gloss_agreement_gwet_ac1, gloss_agreement_krippendorff_alpha,
};

static void
test_identical_coders (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint round = 0; round < 50; round++)
    {
      guint m = 2 + round % 4, q = 2 + round % 5;
      g_autoptr(GlossRatingTable) t = gloss_rating_table_new (m, q);

      for (guint u = 0; u < 40; u++)
        {
          int values[16];
          int v = u < q ? (int) u : g_rand_int_range (rand, 0, q);

          for (guint i = 0; i < m; i++)
            values[i] = v;
          gloss_rating_table_add_unit (t, values, 1);
        }
      for (guint f = 0; f < G_N_ELEMENTS (all_measures); f++)
        {
          GlossMeasure r = all_measures[f] (t);

          if (m != 2 && (all_measures[f] == gloss_agreement_cohen_kappa
                         || all_measures[f] == gloss_agreement_scott_pi))
            assert_undefined (r);
          else
            assert_measure (r, 1.0, 1e-12);
        }
    }
}

static GlossRatingTable *
permute_coders (const GlossRatingTable *t,
                const guint            *order)
{
  GlossRatingTable *p = gloss_rating_table_new (t->n_coders, t->n_categories);

  for (guint u = 0; u < t->n_units; u++)
    {
      int values[16];

      for (guint i = 0; i < t->n_coders; i++)
        values[i] = gloss_rating_table_get (t, u, order[i]);
      gloss_rating_table_add_unit (p, values, gloss_rating_table_get_weight (t, u));
    }
  return p;
}

static void
assert_same (GlossMeasure a,
             GlossMeasure b)
{
  g_assert_cmpint (gloss_measure_is_defined (a), ==, gloss_measure_is_defined (b));
  if (gloss_measure_is_defined (a))
    g_assert_cmpfloat_with_epsilon (a.value, b.value, 1e-12);
}

static void
test_coder_order (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  for (guint round = 0; round < 100; round++)
    {
      guint m = 2 + round % 5, q = 2 + round % 4;
      g_autoptr(GlossRatingTable) t = random_table (rand, 30, m, q, round % 2 ? 0.2 : 0, 0.6);
      g_autoptr(GlossRatingTable) p = NULL;
      guint order[16];

      for (guint i = 0; i < m; i++)
        order[i] = m - 1 - i;
      p = permute_coders (t, order);
      for (guint f = 0; f < G_N_ELEMENTS (all_measures); f++)
        assert_same (all_measures[f] (t), all_measures[f] (p));
    }
}

/* A weight w must count as w identical units. */
static void
test_weights (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 30; round++)
    {
      g_autoptr(GlossRatingTable) t = random_table (rand, 25, 2 + round % 3, 3, 0.1, 0.5);
      g_autoptr(GlossRatingTable) flat = gloss_rating_table_new (t->n_coders, t->n_categories);

      for (guint u = 0; u < t->n_units; u++)
        for (double w = gloss_rating_table_get_weight (t, u); w > 0; w--)
          gloss_rating_table_add_unit (flat, &g_array_index (t->values, int, u * t->n_coders), 1);
      for (guint f = 0; f < G_N_ELEMENTS (all_measures); f++)
        assert_same (all_measures[f] (t), all_measures[f] (flat));
    }
}

static GlossContinuum *
random_continuum (GRand *rand,
                  gint64 length,
                  guint  m,
                  guint  n_codes,
                  guint  n_intervals)
{
  GlossContinuum *c = gloss_continuum_new (length, m, n_codes);

  for (guint i = 0; i < n_intervals; i++)
    {
      gint64 start = g_rand_int_range (rand, -2, length);
      gint64 len = g_rand_int_range (rand, 0, length / 4 + 2);

      gloss_continuum_add (c, g_rand_int_range (rand, 0, m), g_rand_int_range (rand, 0, n_codes),
                           start, start + len);
    }
  return c;
}

/* Per-character brute force of the char units of one code. */
static void
test_char_units_brute (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint round = 0; round < 100; round++)
    {
      guint m = 2 + round % 4, Q = 1 + round % 3;
      gint64 L = 30 + round;
      g_autoptr(GlossContinuum) c = random_continuum (rand, L, m, Q, round % 12);
      gboolean coded_only = round % 2;
      g_autofree guint8 *cover = g_new0 (guint8, (gsize) L * m * Q);
      g_autofree guint8 *any = g_new0 (guint8, L);
      g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_pattern_counts_free);
      gint64 coded = 0;

      for (guint i = 0; i < c->intervals->len; i++)
        {
          GlossInterval *s = &g_array_index (c->intervals, GlossInterval, i);

          for (gint64 x = MAX (s->start, 0); x < MIN (s->end, L); x++)
            {
              cover[(x * Q + s->code) * m + s->coder] = 1;
              any[x] = 1;
            }
        }
      for (gint64 x = 0; x < L; x++)
        coded += any[x];
      g_assert_cmpint (gloss_continuum_coded_length (c), ==, coded);

      for (guint k = 0; k < Q; k++)
        g_ptr_array_add (counts, gloss_pattern_counts_new (m));
      gloss_char_units_count (c, coded_only ? coded : L, (GlossPatternCounts **) counts->pdata, NULL);

      for (guint k = 0; k < Q; k++)
        {
          g_autoptr(GlossRatingTable) fast = gloss_pattern_counts_to_table (counts->pdata[k]);
          g_autoptr(GlossRatingTable) slow = gloss_rating_table_new (m, 2);

          for (gint64 x = 0; x < L; x++)
            {
              int values[16];

              if (coded_only && !any[x])
                continue;
              for (guint i = 0; i < m; i++)
                values[i] = cover[(x * Q + k) * m + i];
              gloss_rating_table_add_unit (slow, values, 1);
            }
          for (guint f = 0; f < G_N_ELEMENTS (all_measures); f++)
            assert_same (all_measures[f] (fast), all_measures[f] (slow));
        }
    }
}

/* Straightforward unitizing: segments by merging, gaps from a per-character
 * cover, d2 over all pairs, coincidences per character. */
typedef struct
{
  gint64 b, e;
  gboolean coded;
} Seg;

static GArray *
brute_segments (const GlossContinuum *c,
                guint                 coder,
                int                   code)   /* -1: all codes as one */
{
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  gboolean changed = TRUE;

  for (guint i = 0; i < c->intervals->len; i++)
    {
      GlossInterval *s = &g_array_index (c->intervals, GlossInterval, i);
      Seg seg = { MAX (s->start, 0), MIN (s->end, c->length), TRUE };

      if (s->coder == coder && (code < 0 || (int) s->code == code) && seg.e > seg.b)
        g_array_append_val (segs, seg);
    }
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < segs->len && !changed; i++)
        for (guint j = i + 1; j < segs->len && !changed; j++)
          {
            Seg *a = &g_array_index (segs, Seg, i), *b = &g_array_index (segs, Seg, j);

            if (MAX (a->b, b->b) < MIN (a->e, b->e))
              {
                a->b = MIN (a->b, b->b);
                a->e = MAX (a->e, b->e);
                g_array_remove_index (segs, j);
                changed = TRUE;
              }
          }
    }
  return segs;
}

static void
add_gaps (GArray *segs,
          gint64  L)
{
  g_autofree gboolean *covered = g_new0 (gboolean, L + 1);
  guint n = segs->len;

  for (guint i = 0; i < n; i++)
    for (gint64 x = g_array_index (segs, Seg, i).b; x < g_array_index (segs, Seg, i).e; x++)
      covered[x] = TRUE;
  for (gint64 x = 0; x < L;)
    {
      gint64 y = x;

      if (covered[x])
        {
          x++;
          continue;
        }
      while (y < L && !covered[y])
        y++;
      g_array_append_vals (segs, &(Seg) { x, y, FALSE }, 1);
      x = y;
    }
}

static double
sq (double x)
{
  return x * x;
}

static double
brute_d2 (const Seg *g,
          const Seg *h)
{
  if (g->coded && h->coded && MAX (g->b, h->b) < MIN (g->e, h->e))
    return sq (g->b - h->b) + sq (g->e - h->e);
  if (g->coded && !h->coded && h->b <= g->b && g->e <= h->e)
    return sq (g->e - g->b);
  if (h->coded && !g->coded && g->b <= h->b && h->e <= g->e)
    return sq (h->e - h->b);
  return 0;
}

static void
brute_2004 (const GlossContinuum *c,
            guint                 code,
            double               *d_o,
            double               *d_e)
{
  guint m = c->n_coders;
  double L = c->length, sum_o = 0, sum_e = 0, self = 0, n_c = 0;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < m; i++)
    {
      GArray *segs = brute_segments (c, i, code);

      add_gaps (segs, c->length);
      g_ptr_array_add (all, segs);
    }
  for (guint i = 0; i < m; i++)
    for (guint j = i + 1; j < m; j++)
      {
        GArray *a = all->pdata[i], *b = all->pdata[j];

        for (guint x = 0; x < a->len; x++)
          for (guint y = 0; y < b->len; y++)
            sum_o += brute_d2 (&g_array_index (a, Seg, x), &g_array_index (b, Seg, y));
      }
  for (guint i = 0; i < m; i++)
    {
      GArray *a = all->pdata[i];

      for (guint x = 0; x < a->len; x++)
        n_c += g_array_index (a, Seg, x).coded;
    }
  for (guint i = 0; i < m; i++)
    {
      GArray *a = all->pdata[i];

      for (guint x = 0; x < a->len; x++)
        {
          Seg *u = &g_array_index (a, Seg, x);
          double l = u->e - u->b, gaps = 0;

          if (!u->coded)
            continue;
          for (guint j = 0; j < m; j++)
            {
              GArray *b = all->pdata[j];

              for (guint y = 0; y < b->len; y++)
                {
                  Seg *g = &g_array_index (b, Seg, y);

                  if (!g->coded && g->e - g->b >= l)
                    gaps += (g->e - g->b) - l + 1;
                }
            }
          sum_e += (n_c - 1) * (2 * l * l * l - 3 * l * l + l) / 3 + l * l * gaps;
          self += l * (l - 1);
        }
    }
  *d_o = 2 / (m * (m - 1.0) * L * L) * sum_o;
  *d_e = (2 / L) * sum_e / (m * L * (m * L - 1) - self);
}

/* One value set per coder per character; K = Q + 1 values, Q is empty. */
static double
brute_alpha_2016 (const GlossContinuum *c,
                  gboolean              binary,
                  gboolean              codes_only)
{
  guint m = c->n_coders, Q = binary ? 1 : c->n_codes, K = Q + 1;
  gint64 L = c->length;
  g_autofree guint8 *has = g_new0 (guint8, (gsize) L * m * K);
  g_autofree double *l = g_new0 (double, K * K);
  g_autofree double *C = g_new0 (double, K);
  g_autofree double *row = g_new0 (double, K);
  double total = 0, Ct = 0, d_o = 0, d_e = 0;

  for (guint i = 0; i < c->intervals->len; i++)
    {
      GlossInterval *s = &g_array_index (c->intervals, GlossInterval, i);

      for (gint64 x = MAX (s->start, 0); x < MIN (s->end, L); x++)
        has[(x * m + s->coder) * K + (binary ? 0 : s->code)] = 1;
    }
  for (gint64 x = 0; x < L; x++)
    for (guint i = 0; i < m; i++)
      {
        gboolean any = FALSE;

        for (guint k = 0; k < Q; k++)
          any |= has[(x * m + i) * K + k];
        has[(x * m + i) * K + Q] = !any;
        C[Q] += !any;
      }
  for (gint64 x = 0; x < L; x++)
    for (guint i = 0; i < m; i++)
      for (guint j = 0; j < m; j++)
        if (i != j)
          for (guint a = 0; a < K; a++)
            for (guint b = 0; b < K; b++)
              if (has[(x * m + i) * K + a] && has[(x * m + j) * K + b])
                l[a * K + b] += 1.0 / (m - 1);
  for (guint i = 0; i < m; i++)
    for (guint k = 0; k < Q; k++)
      {
        g_autoptr(GArray) segs = brute_segments (c, i, binary ? -1 : (int) k);

        for (guint s = 0; s < segs->len; s++)
          {
            Seg *g = &g_array_index (segs, Seg, s);
            gint64 run = 0;

            if (!codes_only)
              {
                C[k] += sq (g->e - g->b);
                continue;
              }
            /* cu-alpha: the pieces of the segment where another coder coded */
            for (gint64 x = g->b; x <= g->e; x++)
              {
                gboolean other = FALSE;

                for (guint j = 0; x < g->e && j < m; j++)
                  for (guint v = 0; j != i && v < Q; v++)
                    other |= has[(x * m + j) * K + v];
                if (other)
                  run++;
                else
                  {
                    C[k] += sq (run);
                    run = 0;
                  }
              }
          }
      }
  for (guint a = 0; a < K; a++)
    {
      if (codes_only && a == Q)
        continue;
      for (guint b = 0; b < K; b++)
        if (!(codes_only && b == Q))
          row[a] += l[a * K + b];
      total += row[a];
      Ct += C[a];
    }
  for (guint a = 0; a < K; a++)
    for (guint b = 0; b < K; b++)
      if (a != b && !(codes_only && (a == Q || b == Q)))
        {
          d_o += l[a * K + b];
          d_e += row[a] * row[b] / (total - Ct / total);
        }
  return 1 - d_o / d_e;
}

static void
test_unitizing_brute (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 150; round++)
    {
      guint m = 2 + round % 3, Q = 1 + round % 4;
      g_autoptr(GlossContinuum) c = random_continuum (rand, 25 + round % 20, m, Q, 1 + round % 15);
      g_autoptr(GlossUnitizingResult) r = gloss_unitizing_compute (c);

      for (guint k = 0; k < Q; k++)
        {
          double d_o, d_e;

          brute_2004 (c, k, &d_o, &d_e);
          g_assert_cmpfloat_with_epsilon (r->observed[k], d_o, 1e-12);
          g_assert_cmpfloat_with_epsilon (r->expected[k], d_e, 1e-12);
        }
      if (gloss_measure_is_defined (r->u_alpha_2016))
        g_assert_cmpfloat_with_epsilon (r->u_alpha_2016.value, brute_alpha_2016 (c, FALSE, FALSE), 1e-9);
      if (gloss_measure_is_defined (r->binary_u_alpha))
        g_assert_cmpfloat_with_epsilon (r->binary_u_alpha.value, brute_alpha_2016 (c, TRUE, FALSE), 1e-9);
      if (gloss_measure_is_defined (r->cu_alpha))
        g_assert_cmpfloat_with_epsilon (r->cu_alpha.value, brute_alpha_2016 (c, FALSE, TRUE), 1e-9);
    }
}

static void
test_unitizing_properties (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 60; round++)
    {
      guint m = 2 + round % 4, Q = 1 + round % 3;
      g_autoptr(GlossContinuum) c = random_continuum (rand, 200, m, Q, 5 + round % 20);
      g_autoptr(GlossContinuum) reversed = gloss_continuum_new (200, m, Q);
      g_autoptr(GlossContinuum) same = gloss_continuum_new (200, m, Q);
      g_autoptr(GlossUnitizingResult) a = NULL, b = NULL, s = NULL;

      for (guint i = 0; i < c->intervals->len; i++)
        {
          GlossInterval *v = &g_array_index (c->intervals, GlossInterval, i);

          gloss_continuum_add (reversed, m - 1 - v->coder, v->code, v->start, v->end);
          if (v->coder == 0)
            for (guint j = 0; j < m; j++)
              gloss_continuum_add (same, j, v->code, v->start, v->end);
        }
      a = gloss_unitizing_compute (c);
      b = gloss_unitizing_compute (reversed);
      s = gloss_unitizing_compute (same);
      for (guint k = 0; k < Q; k++)
        {
          assert_same (a->u_alpha_2004[k], b->u_alpha_2004[k]);
          if (gloss_measure_is_defined (s->u_alpha_2004[k]))
            assert_measure (s->u_alpha_2004[k], 1.0, 1e-12);
        }
      assert_same (a->u_alpha_2004_overall, b->u_alpha_2004_overall);
      assert_same (a->u_alpha_2016, b->u_alpha_2016);
      assert_same (a->binary_u_alpha, b->binary_u_alpha);
      assert_same (a->cu_alpha, b->cu_alpha);
      /* with one coder's codes overlapping, every pair of their codes is a
       * coincidence, so identical coders can fall below 1 there */
      if (gloss_measure_is_defined (s->u_alpha_2016) && !s->overlapping_codes)
        assert_measure (s->u_alpha_2016, 1.0, 1e-12);
      if (gloss_measure_is_defined (s->binary_u_alpha))
        assert_measure (s->binary_u_alpha, 1.0, 1e-12);
    }
}

/* The pairs from one pass equal the two coders' continuum computed alone. */
static void
test_unitizing_pairs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint round = 0; round < 80; round++)
    {
      guint m = 2 + round % 4, Q = 1 + round % 4, n_pairs;
      g_autoptr(GlossContinuum) c = random_continuum (rand, 60 + round, m, Q, 3 + round % 25);
      g_autofree GlossUnitizingPair *pairs = gloss_unitizing_compute_pairs (c, &n_pairs);

      g_assert_cmpuint (n_pairs, ==, m * (m - 1) / 2);
      for (guint p = 0; p < n_pairs; p++)
        {
          g_autoptr(GlossContinuum) two = gloss_continuum_new (c->length, 2, Q);
          g_autoptr(GlossUnitizingResult) r = NULL;

          for (guint i = 0; i < c->intervals->len; i++)
            {
              GlossInterval *v = &g_array_index (c->intervals, GlossInterval, i);

              if (v->coder == pairs[p].coder_a || v->coder == pairs[p].coder_b)
                gloss_continuum_add (two, v->coder == pairs[p].coder_b, v->code, v->start, v->end);
            }
          r = gloss_unitizing_compute (two);
          assert_same (pairs[p].u_alpha_2004, r->u_alpha_2004_overall);
          assert_same (pairs[p].u_alpha_2016, r->u_alpha_2016);
          assert_same (pairs[p].binary_u_alpha, r->binary_u_alpha);
          assert_same (pairs[p].cu_alpha, r->cu_alpha);
        }
    }
}

/* Reports on a random project */

typedef struct
{
  char         *dir;
  char         *path;
  GlossProject *project;
  gint64        documents[3];
  gint64        lengths[3];
  gint64        coders[3];
  gint64        codes[3];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));

  f->dir = g_dir_make_tmp ("gloss-agreement-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.gloss", NULL);
  f->project = gloss_project_create (f->path, "agreement", &error);
  g_assert_no_error (error);
  for (guint d = 0; d < 3; d++)
    {
      g_autofree char *title = g_strdup_printf ("d%u.txt", d);
      g_autofree char *text = NULL;

      f->lengths[d] = 200 + 50 * d;
      text = g_strnfill (f->lengths[d], 'a' + d);
      f->documents[d] = gloss_project_import_text (f->project, title, text, -1, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("coder%u", i);
      g_autofree char *code = g_strdup_printf ("Group/c%u", i);

      f->coders[i] = gloss_project_add_coder (f->project, name, NULL, &error);
      g_assert_no_error (error);
      f->codes[i] = gloss_project_ensure_code_path (f->project, code, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint k = 0; k < 60; k++)
    {
      guint d = g_rand_int_range (rand, 0, 3);
      gint64 start = g_rand_int_range (rand, 0, f->lengths[d] - 1);
      gint64 end = MIN (f->lengths[d], start + g_rand_int_range (rand, 1, 60));

      gloss_project_add_coding (f->project, f->documents[d], f->coders[g_rand_int_range (rand, 0, 3)],
                                f->codes[g_rand_int_range (rand, 0, 3)], start, end, NULL, NULL);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->project);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The char report of each code equals a count made character by character. */
static void
test_report_char (Fixture       *f,
                  gconstpointer  data)
{
  for (guint coded_only = 0; coded_only < 2; coded_only++)
    {
      g_autoptr(GlossAgreementOptions) options = gloss_agreement_options_new (GLOSS_AGREEMENT_UNIT_CHAR);
      g_autoptr(GlossAgreementReport) report = NULL;
      g_autoptr(GPtrArray) codings = gloss_project_list_codings (f->project, NULL, NULL);
      g_autoptr(GError) error = NULL;

      options->coded_only = coded_only;
      report = gloss_agreement_report_compute (f->project, options, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->codes->len, ==, 4);   /* Group and its three children */

      for (guint k = 0; k < 3; k++)
        {
          g_autoptr(GlossRatingTable) slow = gloss_rating_table_new (3, 2);
          GlossAgreementRow *row = &g_array_index (report->codes, GlossAgreementRow, k + 1);

          g_assert_cmpint (row->id, ==, f->codes[k]);
          for (guint d = 0; d < 3; d++)
            for (gint64 x = 0; x < f->lengths[d]; x++)
              {
                int values[3] = { 0, 0, 0 };
                gboolean any = FALSE;

                for (guint i = 0; i < codings->len; i++)
                  {
                    GlossCoding *c = codings->pdata[i];

                    if (c->document_id != f->documents[d] || x < c->start || x >= c->end)
                      continue;
                    any = TRUE;
                    for (guint j = 0; j < 3; j++)
                      if (c->coder_id == f->coders[j] && c->code_id == f->codes[k])
                        values[j] = 1;
                  }
                if (!coded_only || any)
                  gloss_rating_table_add_unit (slow, values, 1);
              }
          g_assert_cmpfloat (row->measures.units, ==, gloss_rating_table_count_units (slow));
          for (guint f_i = 0; f_i < G_N_ELEMENTS (all_measures); f_i++)
            {
              GlossMeasure expected = all_measures[f_i] (slow);
              GlossMeasureKind kinds[] = {
                GLOSS_MEASURE_PERCENT_AGREEMENT, GLOSS_MEASURE_COHEN_KAPPA, GLOSS_MEASURE_SCOTT_PI,
                GLOSS_MEASURE_FLEISS_KAPPA, GLOSS_MEASURE_BRENNAN_PREDIGER, GLOSS_MEASURE_GWET_AC1,
                GLOSS_MEASURE_KRIPPENDORFF_ALPHA,
              };

              assert_same (row->measures.values[kinds[f_i]], expected);
            }
        }
      g_assert_cmpuint (report->pairs->len, ==, 3);
    }
}

/* Every unit gives the same report through the _async pair, and the
 * serialisers carry it. */
static void
compute_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GlossAgreementReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gloss_agreement_report_compute_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_report_async (Fixture       *f,
                   gconstpointer  data)
{
  for (GlossAgreementUnit unit = GLOSS_AGREEMENT_UNIT_DOCUMENT; unit <= GLOSS_AGREEMENT_UNIT_UNITIZED; unit++)
    {
      g_autoptr(GlossAgreementOptions) options = gloss_agreement_options_new (unit);
      g_autoptr(GlossAgreementReport) sync = NULL;
      g_autoptr(GlossAgreementReport) async = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json_a = NULL, *json_b = NULL, *csv = NULL, *html = NULL, *text = NULL;
      g_auto(GStrv) lines = NULL;

      sync = gloss_agreement_report_compute (f->project, options, NULL, &error);
      g_assert_no_error (error);
      gloss_agreement_report_compute_async (f->project, options, NULL, compute_done, &async);
      while (async == NULL)
        g_main_context_iteration (NULL, TRUE);

      json_a = gloss_agreement_report_to_json (sync);
      json_b = gloss_agreement_report_to_json (async);
      g_assert_cmpstr (json_a, ==, json_b);
      csv = gloss_agreement_report_to_csv (sync);
      g_assert_true (g_str_has_prefix (csv, "section,name,units"));
      /* header, overall, 4 codes, 3 documents, 3 pairs */
      lines = g_strsplit (csv, "\r\n", -1);
      g_assert_cmpuint (g_strv_length (lines) - 1, ==, 12);
      html = gloss_agreement_report_to_html (sync);
      g_assert_nonnull (strstr (html, "<h2>Disagreements</h2>"));
      text = gloss_agreement_report_to_text (sync);
      g_assert_nonnull (strstr (text, "coder0/coder1"));
    }
}

static void
test_report_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossAgreementOptions) options = gloss_agreement_options_new (GLOSS_AGREEMENT_UNIT_CHAR);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GlossAgreementReport *report;

  g_cancellable_cancel (cancellable);
  report = gloss_agreement_report_compute (f->project, options, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_report_group (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossAgreementOptions) options = gloss_agreement_options_new (GLOSS_AGREEMENT_UNIT_DOCUMENT);
  g_autoptr(GlossAgreementReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 group = gloss_project_find_code (f->project, "Group", NULL);

  options->group_id = group;
  report = gloss_agreement_report_compute (f->project, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->group, ==, "Group");
  g_assert_cmpuint (report->codes->len, ==, 3);
  g_assert_cmpuint (report->documents->len, ==, 3);
  /* with 60 random codings every coder has two children in some document */
  g_assert_true (report->notes->len > 0);

  /* a coder list of one is refused */
  g_array_append_val (options->coder_ids, f->coders[0]);
  g_clear_pointer (&report, gloss_agreement_report_free);
  report = gloss_agreement_report_compute (f->project, options, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
}

/* Bootstrap (Hayes & Krippendorff 2007) */

static void
test_bootstrap (void)
{
  /* two coders, 400 units: [[150, 30], [20, 200]] */
  double counts[] = { 150, 30, 20, 200 };
  g_autoptr(GlossRatingTable) t = gloss_rating_table_new_from_matrix (2, counts);
  GlossMeasure alpha = gloss_agreement_krippendorff_alpha (t);
  double p_o, n_pairs, d_e, se;
  GlossBootstrap a, b, c, perfect;

  gloss_agreement_krippendorff_alpha_parts (t, &p_o, &n_pairs);
  g_assert_cmpfloat_with_epsilon (p_o, 50.0 / 400, 1e-12);
  g_assert_cmpfloat_with_epsilon (n_pairs, 400, 1e-12);

  gloss_bootstrap_alpha (alpha.value, p_o, n_pairs, 4000, 11, &a);
  gloss_bootstrap_alpha (alpha.value, p_o, n_pairs, 4000, 11, &b);
  gloss_bootstrap_alpha (alpha.value, p_o, n_pairs, 4000, 12, &c);
  g_assert_true (a.defined);
  /* seeded: the same seed gives the same interval, another seed another */
  g_assert_cmpfloat (a.low, ==, b.low);
  g_assert_cmpfloat (a.high, ==, b.high);
  g_assert_cmpfloat (a.low, !=, c.low);

  /* With D_e fixed, D_o* is a binomial share: the interval is alpha plus
   * or minus 1.96 standard errors of D_o / D_e. */
  d_e = p_o / (1 - alpha.value);
  se = sqrt (p_o * (1 - p_o) / n_pairs) / d_e;
  g_assert_cmpfloat (fabs ((a.high - a.low) - 2 * 1.96 * se), <, 0.1 * 2 * 1.96 * se);
  g_assert_cmpfloat (fabs ((a.high + a.low) / 2 - alpha.value), <, 0.25 * se);
  g_assert_cmpfloat (a.low, <, alpha.value);
  g_assert_cmpfloat (a.high, >, alpha.value);
  /* alpha is about 0.749 here: about half the samples fall below 0.800
   * only if the standard error is large; P(alpha < min) follows the normal */
  g_assert_cmpfloat (fabs (a.p_below_reliable - 0.5 * erfc (-(0.800 - alpha.value) / se / sqrt (2))), <, 0.03);
  g_assert_cmpfloat (fabs (a.p_below_tentative - 0.5 * erfc (-(0.667 - alpha.value) / se / sqrt (2))), <, 0.03);

  /* perfect agreement cannot vary; no pairs give no interval */
  gloss_bootstrap_alpha (1.0, 0, 100, 1000, 1, &perfect);
  g_assert_true (perfect.defined);
  g_assert_cmpfloat (perfect.low, ==, 1.0);
  g_assert_cmpfloat (perfect.p_below_reliable, ==, 0);
  gloss_bootstrap_alpha (0.5, 0.2, 0, 1000, 1, &perfect);
  g_assert_false (perfect.defined);

  /* few pairs are drawn exactly, many by the approximations: both agree */
  gloss_bootstrap_alpha (0.6, 0.2, 1500, 4000, 3, &a);
  gloss_bootstrap_alpha (0.6, 0.2, 2500, 4000, 3, &b);
  g_assert_cmpfloat (fabs ((a.high - a.low) * sqrt (1500) - (b.high - b.low) * sqrt (2500)), <,
                     0.1 * (a.high - a.low) * sqrt (1500));
}

/* Blocks made of single units resample as the pairs do: two coders, one
 * pair of values per unit, so the block bootstrap and the binomial one
 * draw the same distribution, exactly (few blocks) and approximately. */
static void
test_bootstrap_blocks_of_units (void)
{
  const guint sizes[] = { 200, 400 };   /* one side of GLOSS_BOOTSTRAP_EXACT_BLOCKS, then the other */

  for (guint t = 0; t < G_N_ELEMENTS (sizes); t++)
    {
      guint n = sizes[t], disagree = n / 8;
      g_autoptr(GlossBootstrapBlocks) blocks = gloss_bootstrap_blocks_new ();
      double counts[] = { n * 3 / 8.0, disagree * 0.6, disagree * 0.4, n - n * 3 / 8.0 - disagree };
      g_autoptr(GlossRatingTable) table = gloss_rating_table_new_from_matrix (2, counts);
      GlossMeasure alpha = gloss_agreement_krippendorff_alpha (table);
      double p_o, n_pairs;
      GlossBootstrap by_blocks, again, by_pairs;

      for (guint u = 0; u < n; u++)
        gloss_bootstrap_blocks_add (blocks, 2, u < disagree ? 2 : 0);
      g_assert_true ((blocks->blocks != NULL) == (n <= GLOSS_BOOTSTRAP_EXACT_BLOCKS));
      gloss_agreement_krippendorff_alpha_parts (table, &p_o, &n_pairs);
      g_assert_cmpfloat_with_epsilon (p_o, blocks->sum_d / blocks->sum_v, 1e-12);

      gloss_bootstrap_alpha_blocks (alpha.value, blocks, 4000, 5, &by_blocks);
      gloss_bootstrap_alpha_blocks (alpha.value, blocks, 4000, 5, &again);
      gloss_bootstrap_alpha (alpha.value, p_o, n_pairs, 4000, 5, &by_pairs);
      g_assert_true (by_blocks.defined);
      g_assert_cmpfloat (by_blocks.low, ==, again.low);
      g_assert_cmpfloat (by_blocks.high, ==, again.high);
      g_assert_cmpfloat (by_blocks.low, <, alpha.value);
      g_assert_cmpfloat (by_blocks.high, >, alpha.value);
      g_assert_cmpfloat (fabs ((by_blocks.high - by_blocks.low) - (by_pairs.high - by_pairs.low)), <,
                         0.15 * (by_pairs.high - by_pairs.low));
      g_assert_cmpfloat (fabs (by_blocks.p_below_reliable - by_pairs.p_below_reliable), <, 0.05);
    }
}

/* One text of 20,000 characters, two coders, one code: 40 passages of 300
 * characters, the second coder's boundaries a little off, some passages
 * coded by one coder only. */
static GlossProject *
clustered_project (const char *path)
{
  g_autoptr(GlossProject) project = gloss_project_create (path, "clustered", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *text = g_strnfill (20000, 'x');
  g_autoptr(GError) error = NULL;
  gint64 doc, a, b, code;

  doc = gloss_project_import_text (project, "long.txt", text, -1, &error);
  a = gloss_project_add_coder (project, "Ann", NULL, &error);
  b = gloss_project_add_coder (project, "Ben", NULL, &error);
  code = gloss_project_ensure_code_path (project, "Theme", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < 40; p++)
    {
      gint64 start = 100 + p * 480, shift = g_rand_int_range (rand, -60, 61);

      g_assert_cmpint (gloss_project_add_coding (project, doc, a, code, start, start + 300, NULL, &error), >, 0);
      if (p % 5 != 4)
        g_assert_cmpint (gloss_project_add_coding (project, doc, b, code, start + shift, start + 300 - shift / 2,
                                                   NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&project);
}

/* Neighbouring characters are coded together: resampled by blocks, the
 * interval is much wider than the one that draws each character's pairs
 * on their own, it holds alpha, and the report no longer says that its
 * intervals are too narrow. */
static void
test_bootstrap_clustered (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-agreement-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clustered.gloss", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GlossProject) project = clustered_project (path);
  const GlossAgreementUnit units[] = { GLOSS_AGREEMENT_UNIT_CHAR, GLOSS_AGREEMENT_UNIT_CHAR, GLOSS_AGREEMENT_UNIT_UNITIZED };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GlossAgreementOptions) options = gloss_agreement_options_new (units[u]);
      g_autoptr(GlossAgreementReport) report = NULL;
      g_autoptr(GError) error = NULL;
      const GlossAgreementMeasures *m;
      GlossBootstrap per_character;
      double alpha;

      options->coded_only = u == 1;
      report = gloss_agreement_report_compute (project, options, NULL, &error);
      g_assert_no_error (error);
      m = &report->overall;
      alpha = m->values[m->alpha_kind].value;
      g_assert_true (m->bootstrap.defined);
      gloss_bootstrap_alpha (alpha, m->alpha_observed, m->alpha_pairs, report->samples, report->seed, &per_character);
      g_assert_true (per_character.defined);
      g_assert_cmpfloat (m->bootstrap.low, <, alpha);
      g_assert_cmpfloat (m->bootstrap.high, >, alpha);
      g_assert_cmpfloat (m->bootstrap.high - m->bootstrap.low, >, 3 * (per_character.high - per_character.low));
      /* the document row is the same text: the same blocks */
      g_assert_cmpfloat_with_epsilon (g_array_index (report->documents, GlossAgreementRow, 0).measures.bootstrap.high
                                      - g_array_index (report->documents, GlossAgreementRow, 0).measures.bootstrap.low,
                                      m->bootstrap.high - m->bootstrap.low, 0.35 * (m->bootstrap.high - m->bootstrap.low));
      for (guint i = 0; i < report->notes->len; i++)
        g_assert_null (strstr (report->notes->pdata[i], "true uncertainty is larger"));
    }
  g_clear_object (&project);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* The sweeps' sort: by key, keeping the order of equal keys, for short
 * arrays (insertion) and long ones (radix passes), keys of every size. */
typedef struct
{
  gint64 key;
  guint  place;
} Keyed;

static void
test_radix_sort (void)
{
  const gsize sizes[] = { 0, 1, 2, 47, 48, 1000, 20000 };
  const gint64 ranges[] = { 3, 5000, G_GINT64_CONSTANT (1) << 40 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint t = 0; t < G_N_ELEMENTS (sizes); t++)
      {
        gsize n = sizes[t];
        g_autofree Keyed *a = g_new (Keyed, MAX (n, 1));

        for (gsize i = 0; i < n; i++)
          a[i] = (Keyed) { (gint64) (g_rand_double (rand) * ranges[r]), (guint) i };
        gloss_radix_sort (a, n, sizeof (Keyed), G_STRUCT_OFFSET (Keyed, key));
        for (gsize i = 1; i < n; i++)
          {
            g_assert_cmpint (a[i - 1].key, <=, a[i].key);
            if (a[i - 1].key == a[i].key)
              g_assert_cmpuint (a[i - 1].place, <, a[i].place);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/e1-cohen", test_e1);
  g_test_add_func ("/agreement/e2-cohen-1960", test_e2);
  g_test_add_func ("/agreement/e3-artstein-poesio", test_e3);
  g_test_add_func ("/agreement/e4-krippendorff", test_e4);
  g_test_add_func ("/agreement/e4-as-characters", test_e4_char);
  g_test_add_func ("/agreement/e5-missing-values", test_e5);
  g_test_add_func ("/agreement/e6-fleiss", test_e6);
  g_test_add_func ("/agreement/e7-gwet", test_e7);
  g_test_add_func ("/agreement/undefined", test_undefined);
  g_test_add_func ("/agreement/e8-unitizing", test_e8);
  g_test_add_func ("/agreement/e9-unitizing", test_e9);
  g_test_add_func ("/agreement/e10-unitizing-edges", test_e10);
  g_test_add_func ("/agreement/e11-unitizing-2016", test_e11);
  g_test_add_func ("/agreement/bootstrap", test_bootstrap);
  g_test_add_func ("/agreement/bootstrap-blocks-of-units", test_bootstrap_blocks_of_units);
  g_test_add_func ("/agreement/bootstrap-clustered", test_bootstrap_clustered);
  g_test_add_func ("/agreement/radix-sort", test_radix_sort);
  g_test_add_func ("/agreement/random/identical-coders", test_identical_coders);
  g_test_add_func ("/agreement/random/coder-order", test_coder_order);
  g_test_add_func ("/agreement/random/weights", test_weights);
  g_test_add_func ("/agreement/random/char-units-brute-force", test_char_units_brute);
  g_test_add_func ("/agreement/random/unitizing-brute-force", test_unitizing_brute);
  g_test_add_func ("/agreement/random/unitizing-properties", test_unitizing_properties);
  g_test_add_func ("/agreement/random/unitizing-pairs", test_unitizing_pairs);
  g_test_add ("/agreement/report/char-per-character", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_report_char, fixture_tear_down);
  g_test_add ("/agreement/report/char-per-character-2", Fixture, GUINT_TO_POINTER (4),
              fixture_set_up, test_report_char, fixture_tear_down);
  g_test_add ("/agreement/report/async-and-exports", Fixture, GUINT_TO_POINTER (5),
              fixture_set_up, test_report_async, fixture_tear_down);
  g_test_add ("/agreement/report/cancelled", Fixture, GUINT_TO_POINTER (6),
              fixture_set_up, test_report_cancelled, fixture_tear_down);
  g_test_add ("/agreement/report/group", Fixture, GUINT_TO_POINTER (7),
              fixture_set_up, test_report_group, fixture_tear_down);

  return g_test_run ();
}
