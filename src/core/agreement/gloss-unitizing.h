/* gloss-unitizing.h: Krippendorff's alphas for unitizing a continuum
 *
 * Pure functions on a plain input: a continuum of @length characters,
 * n_coders coders and n_codes codes, and the coders' coded intervals
 * [start, end). One coder's overlapping intervals of one code are merged
 * first; intervals that only touch stay separate segments; empty intervals
 * are ignored and intervals are clipped to the continuum.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gloss-agreement-bootstrap.h"
#include "gloss-rating-table.h"

G_BEGIN_DECLS

typedef struct
{
  guint  coder;
  guint  code;
  gint64 start;
  gint64 end;
} GlossInterval;

typedef struct
{
  gint64  length;
  guint   n_coders;
  guint   n_codes;
  GArray *intervals;  /* GlossInterval */
} GlossContinuum;

GlossContinuum *gloss_continuum_new  (gint64          length,
                                      guint           n_coders,
                                      guint           n_codes);
void            gloss_continuum_free (GlossContinuum *continuum);
void            gloss_continuum_add  (GlossContinuum *continuum,
                                      guint           coder,
                                      guint           code,
                                      gint64          start,
                                      gint64          end);

/* Everything at once: one pass over the sorted segments. */
typedef struct
{
  guint         n_codes;
  double       *observed;      /* D_o(c) of u_alpha_2004, per code */
  double       *expected;      /* D_e(c) of u_alpha_2004, per code */
  GlossMeasure *u_alpha_2004;  /* per code */
  GlossMeasure  u_alpha_2004_overall;
  GlossMeasure  u_alpha_2016;
  GlossMeasure  binary_u_alpha;
  GlossMeasure  cu_alpha;
  gboolean      overlapping_codes;  /* a coder gave two codes to one character */
  /* For a bootstrap of u_alpha_2016: the share of the coincidences that
   * pair different values, and the pairs of values (character by character). */
  double        u_alpha_2016_observed;
  double        u_alpha_2016_pairs;
  /* and its blocks: each coded stretch with the uncoded text after it */
  GlossBootstrapBlocks *blocks;
} GlossUnitizingResult;

GlossUnitizingResult *gloss_unitizing_compute      (const GlossContinuum *continuum);
void                  gloss_unitizing_result_free  (GlossUnitizingResult *result);

/* Every pair of coders a < b, in the order (0,1) (0,2) .. (0,m-1) (1,2) ..:
 * the same values as gloss_unitizing_compute on the two coders alone, from
 * one pass over the segments. Free with g_free. */
typedef struct
{
  guint        coder_a;
  guint        coder_b;
  GlossMeasure u_alpha_2004;   /* over all codes */
  GlossMeasure u_alpha_2016;
  GlossMeasure binary_u_alpha;
  GlossMeasure cu_alpha;
} GlossUnitizingPair;

GlossUnitizingPair   *gloss_unitizing_compute_pairs (const GlossContinuum *continuum,
                                                     guint                *n_pairs);

/* The same measures one by one (each runs gloss_unitizing_compute). */
GlossMeasure gloss_unitizing_u_alpha_2004         (const GlossContinuum *continuum,
                                                   guint                 code);
GlossMeasure gloss_unitizing_u_alpha_2004_overall (const GlossContinuum *continuum);
GlossMeasure gloss_unitizing_u_alpha_2016         (const GlossContinuum *continuum);
GlossMeasure gloss_unitizing_binary_u_alpha       (const GlossContinuum *continuum);
GlossMeasure gloss_unitizing_cu_alpha             (const GlossContinuum *continuum);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossContinuum, gloss_continuum_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossUnitizingResult, gloss_unitizing_result_free)

G_END_DECLS
