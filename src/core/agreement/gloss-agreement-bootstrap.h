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
 * Drawing pairs one by one treats them as independent. On a continuum
 * (characters as units, unitizing) neighbouring characters are coded
 * together, so the pairs come in clusters and that interval is far too
 * narrow. There the units resampled are blocks: a coded stretch with the
 * uncoded text after it (the text before the first stretch joins the
 * first block). Each block holds its pairable values and its disagreeing
 * coincidences; a sample draws as many blocks as there are, with
 * replacement, and alpha* = 1 - (D_o* / n*) / D_e with D_e held fixed as
 * above. Up to GLOSS_BOOTSTRAP_EXACT_BLOCKS blocks are drawn one by one;
 * for more, the sums of the drawn blocks are drawn from their normal
 * approximation (mean and covariance of the blocks times their number).
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

#define GLOSS_BOOTSTRAP_EXACT_BLOCKS 256

typedef struct
{
  double values;        /* pairable values in the block (m per character) */
  double disagreeing;   /* coincidences of different values among them */
} GlossBootstrapBlock;

/* The blocks of a row: kept one by one while they are few, and always
 * summed (count, sums, sums of squares and of products). */
typedef struct
{
  GArray *blocks;       /* GlossBootstrapBlock; NULL once there are too many */
  double  n;
  double  sum_v, sum_d, sum_vv, sum_dd, sum_vd;
} GlossBootstrapBlocks;

GlossBootstrapBlocks *gloss_bootstrap_blocks_new   (void);
void                  gloss_bootstrap_blocks_free  (GlossBootstrapBlocks       *blocks);
void                  gloss_bootstrap_blocks_reset (GlossBootstrapBlocks       *blocks);
void                  gloss_bootstrap_blocks_add   (GlossBootstrapBlocks       *blocks,
                                                    double                      values,
                                                    double                      disagreeing);
void                  gloss_bootstrap_blocks_merge (GlossBootstrapBlocks       *blocks,
                                                    const GlossBootstrapBlocks *other);

/* @alpha resampled by the @blocks its data were cut into. Leaves @out
 * undefined when alpha cannot vary. */
void gloss_bootstrap_alpha_blocks (double                      alpha,
                                   const GlossBootstrapBlocks *blocks,
                                   guint                       samples,
                                   guint64                     seed,
                                   GlossBootstrap             *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossBootstrapBlocks, gloss_bootstrap_blocks_free)

G_END_DECLS
