/* gloss-agreement-bootstrap.h: bootstrapped distribution of alpha
 *
 * Hayes & Krippendorff (2007): with the expected disagreement D_e of the
 * data held fixed, draw as many pairs of values as the data has, with
 * replacement, from its coincidence matrix; each sample gives
 * alpha* = 1 - D_o* / D_e. For nominal data only the number of
 * disagreeing pairs matters, so a sample is one binomial draw
 * B(n_pairs, p_observed), drawn exactly for few pairs and by its normal
 * or Poisson approximation for many. The seed makes a report reproducible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLOSS_BOOTSTRAP_DEFAULT_SAMPLES 1000
#define GLOSS_BOOTSTRAP_DEFAULT_SEED    2007

/* The minimums the probabilities are given for (Krippendorff 2004). */
#define GLOSS_BOOTSTRAP_TENTATIVE 0.667
#define GLOSS_BOOTSTRAP_RELIABLE  0.800

typedef struct
{
  gboolean defined;
  guint    samples;
  double   low;                 /* 2.5th percentile */
  double   high;                /* 97.5th percentile */
  double   p_below_tentative;   /* share of samples with alpha < 0.667 */
  double   p_below_reliable;    /* share of samples with alpha < 0.800 */
} GlossBootstrap;

/* @alpha with its observed share of disagreeing pairs @p_observed among
 * @n_pairs pairs of values. Leaves @out undefined when alpha cannot vary
 * (no pairs, or no expected disagreement). */
void gloss_bootstrap_alpha (double          alpha,
                            double          p_observed,
                            double          n_pairs,
                            guint           samples,
                            guint64         seed,
                            GlossBootstrap *out);

G_END_DECLS
