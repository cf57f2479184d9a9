/* gloss-agreement-bootstrap.c: bootstrapped distribution of alpha
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-agreement-bootstrap.h"

#include <math.h>
#include <stdlib.h>

/* Pairs up to this many are drawn one by one. */
#define EXACT_PAIRS 2000

/* Box-Muller gives two normal draws for one logarithm: the second is kept
 * for the next call. */
typedef struct
{
  GRand   *rand;
  gboolean has_spare;
  double   spare;
} Normal;

static double
standard_normal (Normal *n)
{
  double u, v, r;

  if (n->has_spare)
    {
      n->has_spare = FALSE;
      return n->spare;
    }
  u = 1.0 - g_rand_double (n->rand);   /* in (0, 1]: the logarithm stays finite */
  v = 2.0 * G_PI * g_rand_double (n->rand);
  r = sqrt (-2.0 * log (u));
  n->spare = r * sin (v);
  n->has_spare = TRUE;
  return r * cos (v);
}

static double
poisson (GRand  *rand,
         double  lambda)
{
  double limit = exp (-lambda), product = g_rand_double (rand);
  double k = 0;

  while (product > limit)
    {
      product *= g_rand_double (rand);
      k++;
    }
  return k;
}

/* A draw of B(n, p). */
static double
binomial (Normal *normal,
          double  n,
          double  p)
{
  GRand *rand = normal->rand;
  double mean = n * p, variance = n * p * (1 - p), x;

  if (n <= EXACT_PAIRS)
    {
      double k = 0;

      for (guint i = 0; i < (guint) n; i++)
        k += g_rand_double (rand) < p;
      return k;
    }
  if (variance >= 10)
    x = floor (mean + sqrt (variance) * standard_normal (normal) + 0.5);
  else if (p <= 0.5)
    x = poisson (rand, mean);
  else
    x = n - poisson (rand, n * (1 - p));
  return CLAMP (x, 0, n);
}

static void
swap_doubles (double *a,
              double *b)
{
  double t = *a;

  *a = *b;
  *b = t;
}

static double
median_of_three (double a,
                 double b,
                 double c)
{
  return MAX (MIN (a, b), MIN (MAX (a, b), c));
}

/* Moves the @k-th smallest of @values (counting from 0) to values[k], the
 * smaller before it and the larger after it: the order statistics a sort
 * would give, in linear time (a selection with a three-way partition). */
static void
select_kth (double *values,
            guint   n,
            guint   k)
{
  gsize lo = 0, hi = n;   /* k lies in [lo, hi) */

  while (hi - lo > 1)
    {
      double pivot = median_of_three (values[lo], values[lo + (hi - lo) / 2], values[hi - 1]);
      gsize lt = lo, i = lo, gt = hi;

      while (i < gt)
        {
          if (values[i] < pivot)
            swap_doubles (&values[lt++], &values[i++]);
          else if (values[i] > pivot)
            swap_doubles (&values[i], &values[--gt]);
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return;
    }
}

/* The value at @fraction of @values in order (linear between ranks);
 * reorders @values. */
static double
percentile (double *values,
            guint   n,
            double  fraction)
{
  double rank = fraction * (n - 1);
  guint below = (guint) floor (rank);
  double t = rank - below, next;

  if (below + 1 >= n)
    {
      select_kth (values, n, n - 1);
      return values[n - 1];
    }
  select_kth (values, n, below);
  /* the next in order is the smallest of those after it */
  next = values[below + 1];
  for (guint i = below + 2; i < n; i++)
    next = MIN (next, values[i]);
  return values[below] * (1 - t) + next * t;
}

void
gloss_bootstrap_alpha (double          alpha,
                       double          p_observed,
                       double          n_pairs,
                       guint           samples,
                       guint64         seed,
                       GlossBootstrap *out)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree double *values = NULL;
  guint32 seeds[2] = { (guint32) seed, (guint32) (seed >> 32) };
  double expected, below_tentative = 0, below_reliable = 0;
  Normal normal = { 0 };

  *out = (GlossBootstrap) { 0 };
  n_pairs = floor (n_pairs + 0.5);
  if (samples == 0 || !isfinite (alpha) || n_pairs < 1 || p_observed < 0)
    return;
  out->samples = samples;
  out->defined = TRUE;
  if (p_observed <= 0)
    {
      /* Never a disagreeing pair: every sample agrees perfectly. */
      out->low = out->high = alpha;
      out->p_below_tentative = alpha < GLOSS_BOOTSTRAP_TENTATIVE;
      out->p_below_reliable = alpha < GLOSS_BOOTSTRAP_RELIABLE;
      return;
    }
  if (alpha >= 1)
    {
      out->defined = FALSE;
      return;
    }
  expected = p_observed / (1 - alpha);   /* D_e as a share of the pairs */

  rand = g_rand_new_with_seed_array (seeds, 2);
  normal.rand = rand;
  values = g_new (double, samples);
  for (guint s = 0; s < samples; s++)
    {
      double disagreeing = binomial (&normal, n_pairs, p_observed);

      values[s] = 1 - (disagreeing / n_pairs) / expected;
      below_tentative += values[s] < GLOSS_BOOTSTRAP_TENTATIVE;
      below_reliable += values[s] < GLOSS_BOOTSTRAP_RELIABLE;
    }
  out->low = percentile (values, samples, 0.025);
  out->high = percentile (values, samples, 0.975);
  out->p_below_tentative = below_tentative / samples;
  out->p_below_reliable = below_reliable / samples;
}

/* Blocks */

GlossBootstrapBlocks *
gloss_bootstrap_blocks_new (void)
{
  GlossBootstrapBlocks *blocks = g_new0 (GlossBootstrapBlocks, 1);

  blocks->blocks = g_array_new (FALSE, FALSE, sizeof (GlossBootstrapBlock));
  return blocks;
}

void
gloss_bootstrap_blocks_free (GlossBootstrapBlocks *blocks)
{
  if (blocks == NULL)
    return;
  g_clear_pointer (&blocks->blocks, g_array_unref);
  g_free (blocks);
}

void
gloss_bootstrap_blocks_reset (GlossBootstrapBlocks *blocks)
{
  if (blocks->blocks == NULL)
    blocks->blocks = g_array_new (FALSE, FALSE, sizeof (GlossBootstrapBlock));
  g_array_set_size (blocks->blocks, 0);
  blocks->n = blocks->sum_v = blocks->sum_d = blocks->sum_vv = blocks->sum_dd = blocks->sum_vd = 0;
}

static void
keep_block (GlossBootstrapBlocks *blocks,
            double                values,
            double                disagreeing)
{
  if (blocks->blocks == NULL)
    return;
  if (blocks->blocks->len >= GLOSS_BOOTSTRAP_EXACT_BLOCKS)
    {
      /* from now on the sums stand for the blocks */
      g_clear_pointer (&blocks->blocks, g_array_unref);
      return;
    }
  g_array_append_vals (blocks->blocks, &(GlossBootstrapBlock) { values, disagreeing }, 1);
}

void
gloss_bootstrap_blocks_add (GlossBootstrapBlocks *blocks,
                            double                values,
                            double                disagreeing)
{
  if (values <= 0)
    return;
  keep_block (blocks, values, disagreeing);
  blocks->n += 1;
  blocks->sum_v += values;
  blocks->sum_d += disagreeing;
  blocks->sum_vv += values * values;
  blocks->sum_dd += disagreeing * disagreeing;
  blocks->sum_vd += values * disagreeing;
}

void
gloss_bootstrap_blocks_merge (GlossBootstrapBlocks       *blocks,
                              const GlossBootstrapBlocks *other)
{
  if (other->n == 0)
    return;
  if (other->blocks == NULL || (blocks->blocks != NULL
                                && blocks->blocks->len + other->blocks->len > GLOSS_BOOTSTRAP_EXACT_BLOCKS))
    g_clear_pointer (&blocks->blocks, g_array_unref);
  else if (blocks->blocks != NULL)
    g_array_append_vals (blocks->blocks, other->blocks->data, other->blocks->len);
  blocks->n += other->n;
  blocks->sum_v += other->sum_v;
  blocks->sum_d += other->sum_d;
  blocks->sum_vv += other->sum_vv;
  blocks->sum_dd += other->sum_dd;
  blocks->sum_vd += other->sum_vd;
}

/* splitmix64: a block sample draws as many indices as there are blocks,
 * more than GRand is quick at. */
static guint64
next_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* In (0, 1]. */
static double
random_unit (guint64 *state)
{
  return ((next_random (state) >> 11) + 1) * (1.0 / 9007199254740992.0);
}

static void
draw_normal_pair (guint64 *state,
                  double  *z1,
                  double  *z2)
{
  double r = sqrt (-2.0 * log (random_unit (state)));
  double t = 2.0 * G_PI * random_unit (state);

  *z1 = r * cos (t);
  *z2 = r * sin (t);
}

/* One sample's sums of values and disagreements over as many blocks as there are. */
static void
draw_block_sums (const GlossBootstrapBlocks *blocks,
                 guint64                    *state,
                 const double               *chol,
                 double                     *sum_v,
                 double                     *sum_d)
{
  if (blocks->blocks != NULL)
    {
      const GlossBootstrapBlock *b = (const GlossBootstrapBlock *) blocks->blocks->data;
      guint n = blocks->blocks->len;
      double v = 0, d = 0;

      /* two indices from each random number */
      for (guint i = 0; i < n; i += 2)
        {
          guint64 r = next_random (state);
          const GlossBootstrapBlock *pick = &b[((r >> 32) * (guint64) n) >> 32];

          v += pick->values;
          d += pick->disagreeing;
          if (i + 1 < n)
            {
              pick = &b[((r & G_GUINT64_CONSTANT (0xFFFFFFFF)) * (guint64) n) >> 32];
              v += pick->values;
              d += pick->disagreeing;
            }
        }
      *sum_v = v;
      *sum_d = d;
    }
  else
    {
      double z1, z2, root = sqrt (blocks->n);

      draw_normal_pair (state, &z1, &z2);
      *sum_v = blocks->sum_v + root * chol[0] * z1;
      *sum_d = blocks->sum_d + root * (chol[1] * z1 + chol[2] * z2);
    }
}

void
gloss_bootstrap_alpha_blocks (double                      alpha,
                              const GlossBootstrapBlocks *blocks,
                              guint                       samples,
                              guint64                     seed,
                              GlossBootstrap             *out)
{
  g_autofree double *values = NULL;
  double p_observed, expected, below_tentative = 0, below_reliable = 0;
  double chol[3] = { 0, 0, 0 };
  guint64 state = seed;

  *out = (GlossBootstrap) { 0 };
  if (samples == 0 || !isfinite (alpha) || blocks == NULL || blocks->n < 1 || blocks->sum_v <= 0)
    return;
  p_observed = blocks->sum_d / blocks->sum_v;
  out->samples = samples;
  out->defined = TRUE;
  if (p_observed <= 0)
    {
      out->low = out->high = alpha;
      out->p_below_tentative = alpha < GLOSS_BOOTSTRAP_TENTATIVE;
      out->p_below_reliable = alpha < GLOSS_BOOTSTRAP_RELIABLE;
      return;
    }
  if (alpha >= 1)
    {
      out->defined = FALSE;
      return;
    }
  expected = p_observed / (1 - alpha);

  if (blocks->blocks == NULL)
    {
      /* the covariance of one block's (values, disagreements), as a Cholesky factor */
      double n = blocks->n, mv = blocks->sum_v / n, md = blocks->sum_d / n;
      double vv = MAX (blocks->sum_vv / n - mv * mv, 0);
      double dd = MAX (blocks->sum_dd / n - md * md, 0);
      double vd = blocks->sum_vd / n - mv * md;

      chol[0] = sqrt (vv);
      chol[1] = chol[0] > 0 ? vd / chol[0] : 0;
      chol[2] = sqrt (MAX (dd - chol[1] * chol[1], 0));
    }

  values = g_new (double, samples);
  for (guint s = 0; s < samples; s++)
    {
      double sum_v, sum_d;

      draw_block_sums (blocks, &state, chol, &sum_v, &sum_d);
      sum_v = MAX (sum_v, 1e-9 * blocks->sum_v);
      sum_d = MAX (sum_d, 0);
      values[s] = 1 - (sum_d / sum_v) / expected;
      below_tentative += values[s] < GLOSS_BOOTSTRAP_TENTATIVE;
      below_reliable += values[s] < GLOSS_BOOTSTRAP_RELIABLE;
    }
  out->low = percentile (values, samples, 0.025);
  out->high = percentile (values, samples, 0.975);
  out->p_below_tentative = below_tentative / samples;
  out->p_below_reliable = below_reliable / samples;
}
