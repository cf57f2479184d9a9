/* gloss-char-units.h: characters as units, counted by pattern
 *
 * For one code, a character's pattern is the set of coders whose codings
 * with that code cover it (bit i for coder i). Every char-unit measure only
 * needs how many characters have each pattern, so the counts come from a
 * sweep over interval boundaries and the text itself is never walked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gloss-agreement-bootstrap.h"
#include "gloss-rating-table.h"
#include "gloss-unitizing.h"

G_BEGIN_DECLS

#define GLOSS_CHAR_UNITS_MAX_CODERS (GLIB_SIZEOF_SIZE_T * 8)

typedef struct
{
  guint64 mask;
  double  weight;   /* characters with this pattern */
} GlossPattern;

typedef struct
{
  guint       n_coders;
  GArray     *patterns;  /* GlossPattern, in order of first appearance */
  GHashTable *index;     /* mask -> place + 1 */
} GlossPatternCounts;

/* A maximal stretch where the coders differ on a code (0 < mask < all). */
typedef struct
{
  gint64  start;
  gint64  end;
  guint   code;
  guint64 mask;
} GlossPatternRange;

GlossPatternCounts *gloss_pattern_counts_new      (guint                     n_coders);
void                gloss_pattern_counts_free     (GlossPatternCounts       *counts);
void                gloss_pattern_counts_reset    (GlossPatternCounts       *counts);
void                gloss_pattern_counts_add      (GlossPatternCounts       *counts,
                                                   guint64                   mask,
                                                   double                    weight);
void                gloss_pattern_counts_merge    (GlossPatternCounts       *counts,
                                                   const GlossPatternCounts *other);
double              gloss_pattern_counts_total    (const GlossPatternCounts *counts);
/* One unit per pattern, value 1 = coded, 0 = not coded, two categories. */
GlossRatingTable   *gloss_pattern_counts_to_table (const GlossPatternCounts *counts);

/* Characters of the continuum that some coder coded with some code. */
gint64 gloss_continuum_coded_length (const GlossContinuum *continuum);

/* For every code c, adds to @per_code[c] the characters by pattern. The units
 * are @n_units characters: the continuum's length, or its coded length for
 * "coded text only" (the rest of the units have the empty pattern).
 * Disagreeing stretches are appended to @ranges (GlossPatternRange, sorted
 * by code then start) unless it is NULL. */
void   gloss_char_units_count       (const GlossContinuum *continuum,
                                     gint64                n_units,
                                     GlossPatternCounts  **per_code,
                                     GArray               *ranges);

/* The same, and the bootstrap's blocks (gloss-agreement-bootstrap.h) of
 * every code added to @blocks[code], and for every pair of coders a < b
 * (in the order (0,1) (0,2) .. (1,2) ..) to @pair_blocks[code * n_pairs +
 * pair] unless it is NULL. */
void   gloss_char_units_count_blocks (const GlossContinuum   *continuum,
                                      gint64                  n_units,
                                      GlossPatternCounts    **per_code,
                                      GArray                 *ranges,
                                      GlossBootstrapBlocks  **blocks,
                                      GlossBootstrapBlocks  **pair_blocks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPatternCounts, gloss_pattern_counts_free)

G_END_DECLS
