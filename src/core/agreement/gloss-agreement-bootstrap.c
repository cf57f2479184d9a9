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

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value at @fraction of the sorted @values (linear between ranks). */
static double
percentile (const double *values,
            guint         n,
            double        fraction)
{
  double rank = fraction * (n - 1);
  guint below = (guint) floor (rank);
  double t = rank - below;

  if (below + 1 >= n)
    return values[n - 1];
  return values[below] * (1 - t) + values[below + 1] * t;
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
  qsort (values, samples, sizeof (double), compare_doubles);
  out->low = percentile (values, samples, 0.025);
  out->high = percentile (values, samples, 0.975);
  out->p_below_tentative = below_tentative / samples;
  out->p_below_reliable = below_reliable / samples;
}
