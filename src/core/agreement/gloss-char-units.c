/* gloss-char-units.c: characters as units, counted by pattern
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-char-units.h"

#include "gloss-radix-sort.h"

#include <stdlib.h>

GlossPatternCounts *
gloss_pattern_counts_new (guint n_coders)
{
  GlossPatternCounts *counts = g_new0 (GlossPatternCounts, 1);

  g_return_val_if_fail (n_coders <= GLOSS_CHAR_UNITS_MAX_CODERS, counts);
  counts->n_coders = n_coders;
  counts->patterns = g_array_new (FALSE, FALSE, sizeof (GlossPattern));
  counts->index = g_hash_table_new (g_direct_hash, g_direct_equal);
  return counts;
}

void
gloss_pattern_counts_free (GlossPatternCounts *counts)
{
  if (counts == NULL)
    return;
  g_array_unref (counts->patterns);
  g_hash_table_unref (counts->index);
  g_free (counts);
}

void
gloss_pattern_counts_reset (GlossPatternCounts *counts)
{
  g_array_set_size (counts->patterns, 0);
  g_hash_table_remove_all (counts->index);
}

void
gloss_pattern_counts_add (GlossPatternCounts *counts,
                          guint64             mask,
                          double              weight)
{
  gpointer key = GSIZE_TO_POINTER ((gsize) mask);
  guint place = GPOINTER_TO_UINT (g_hash_table_lookup (counts->index, key));

  if (weight == 0)
    return;
  if (place == 0)
    {
      GlossPattern pattern = { mask, 0 };

      g_array_append_val (counts->patterns, pattern);
      place = counts->patterns->len;
      g_hash_table_insert (counts->index, key, GUINT_TO_POINTER (place));
    }
  g_array_index (counts->patterns, GlossPattern, place - 1).weight += weight;
}

void
gloss_pattern_counts_merge (GlossPatternCounts       *counts,
                            const GlossPatternCounts *other)
{
  for (guint i = 0; i < other->patterns->len; i++)
    {
      GlossPattern *p = &g_array_index (other->patterns, GlossPattern, i);

      gloss_pattern_counts_add (counts, p->mask, p->weight);
    }
}

double
gloss_pattern_counts_total (const GlossPatternCounts *counts)
{
  double total = 0;

  for (guint i = 0; i < counts->patterns->len; i++)
    total += g_array_index (counts->patterns, GlossPattern, i).weight;
  return total;
}

GlossRatingTable *
gloss_pattern_counts_to_table (const GlossPatternCounts *counts)
{
  GlossRatingTable *table = gloss_rating_table_new (counts->n_coders, 2);
  g_autofree int *values = g_new (int, MAX (counts->n_coders, 1));

  for (guint i = 0; i < counts->patterns->len; i++)
    {
      GlossPattern *p = &g_array_index (counts->patterns, GlossPattern, i);

      if (p->weight <= 0)
        continue;
      for (guint c = 0; c < counts->n_coders; c++)
        values[c] = (p->mask >> c) & 1;
      gloss_rating_table_add_unit (table, values, p->weight);
    }
  return table;
}

static int
compare_by_start (const void *a,
                  const void *b)
{
  const GlossInterval *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

gint64
gloss_continuum_coded_length (const GlossContinuum *continuum)
{
  g_autoptr(GArray) copy = g_array_copy (continuum->intervals);
  GlossInterval *s = (GlossInterval *) copy->data;
  gint64 covered = 0, start = 0, end = 0;

  if (copy->len > 1)
    qsort (s, copy->len, sizeof (GlossInterval), compare_by_start);
  for (guint i = 0; i < copy->len; i++)
    {
      gint64 a = MAX (s[i].start, 0), b = MIN (s[i].end, continuum->length);

      if (b <= a)
        continue;
      if (a > end)
        {
          covered += end - start;
          start = a;
          end = b;
        }
      else
        end = MAX (end, b);
    }
  return covered + (end - start);
}

typedef struct
{
  gint64 position;
  int    delta;
  guint  coder;
} Edge;


static int
compare_by_code (const void *a,
                 const void *b)
{
  const GlossInterval *x = a, *y = b;

  return (x->code > y->code) - (x->code < y->code);
}

static void
append_range (GArray  *ranges,
              guint    code,
              gint64   start,
              gint64   end,
              guint64  mask)
{
  GlossPatternRange *last = ranges->len > 0
    ? &g_array_index (ranges, GlossPatternRange, ranges->len - 1) : NULL;

  if (last != NULL && last->code == code && last->end == start && last->mask == mask)
    {
      last->end = end;
      return;
    }
  g_array_append_vals (ranges, &(GlossPatternRange) { start, end, code, mask }, 1);
}

/* The union of a continuum's codings, for "coded text only": how many
 * characters of a stretch are units. */
typedef struct
{
  GArray *starts;    /* gint64, merged intervals */
  GArray *ends;
  GArray *before;    /* gint64: covered characters before interval i */
} Coverage;

static void
coverage_clear (Coverage *coverage)
{
  g_clear_pointer (&coverage->starts, g_array_unref);
  g_clear_pointer (&coverage->ends, g_array_unref);
  g_clear_pointer (&coverage->before, g_array_unref);
}

static void
coverage_init (Coverage             *coverage,
               const GlossContinuum *continuum)
{
  g_autoptr(GArray) copy = g_array_copy (continuum->intervals);
  GlossInterval *s = (GlossInterval *) copy->data;
  gint64 covered = 0;

  coverage->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  coverage->ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  coverage->before = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (copy->len > 1)
    qsort (s, copy->len, sizeof (GlossInterval), compare_by_start);
  for (guint i = 0; i < copy->len; i++)
    {
      gint64 a = MAX (s[i].start, 0), b = MIN (s[i].end, continuum->length);
      guint n = coverage->starts->len;

      if (b <= a)
        continue;
      if (n > 0 && a <= g_array_index (coverage->ends, gint64, n - 1))
        {
          gint64 *end = &g_array_index (coverage->ends, gint64, n - 1);

          if (b > *end)
            {
              covered += b - *end;
              *end = b;
            }
          continue;
        }
      g_array_append_val (coverage->before, covered);
      g_array_append_val (coverage->starts, a);
      g_array_append_val (coverage->ends, b);
      covered += b - a;
    }
}

/* Covered characters in [0, x). */
static gint64
coverage_below (const Coverage *coverage,
                gint64          x)
{
  guint lo = 0, hi = coverage->starts->len;

  /* the first interval starting at or after x */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (coverage->starts, gint64, mid) < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return 0;
  return g_array_index (coverage->before, gint64, lo - 1)
         + MIN (x, g_array_index (coverage->ends, gint64, lo - 1)) - g_array_index (coverage->starts, gint64, lo - 1);
}

/* The block being gathered for the bootstrap (gloss-agreement-bootstrap.h):
 * a coded stretch of one code and the uncoded units after it. */
typedef struct
{
  guint                  m;
  GlossBootstrapBlocks  *blocks;       /* or NULL */
  GlossBootstrapBlocks **pair_blocks;  /* m (m - 1) / 2, or NULL */
  double                 units;
  double                 disagreeing;
  double                *pair_disagreeing;
  gboolean               coded;        /* the block has its coded stretch */
  gboolean               after_gap;    /* and uncoded units after it */
} Block;

static void
block_flush (Block *b)
{
  guint n_pairs = b->m * (b->m - 1) / 2;

  if (b->units <= 0)
    return;
  if (b->blocks != NULL)
    gloss_bootstrap_blocks_add (b->blocks, b->m * b->units, b->disagreeing);
  for (guint p = 0; b->pair_blocks != NULL && p < n_pairs; p++)
    {
      gloss_bootstrap_blocks_add (b->pair_blocks[p], 2 * b->units, b->pair_disagreeing[p]);
      b->pair_disagreeing[p] = 0;
    }
  b->units = b->disagreeing = 0;
  b->coded = b->after_gap = FALSE;
}

/* @length characters nobody coded with the code, @units of them units:
 * with "coded text only" a stretch between two coded stretches still parts
 * them, even when none of its characters is a unit. */
static void
block_add_gap (Block  *b,
               gint64  length,
               double  units)
{
  if (length <= 0)
    return;
  b->units += units;
  b->after_gap = b->coded;
}

static void
block_add_coded (Block   *b,
                 guint64  mask,
                 double   length)
{
  guint m = b->m, n1 = __builtin_popcountll (mask), p = 0;

  if (b->after_gap)
    block_flush (b);
  b->coded = TRUE;
  b->units += length;
  /* n_1 n_0 ordered pairs of different values each way, / (m - 1) */
  b->disagreeing += length * 2.0 * n1 * (m - n1) / (m - 1);
  if (b->pair_blocks == NULL)
    return;
  for (guint i = 0; i < m; i++)
    for (guint j = i + 1; j < m; j++, p++)
      if (((mask >> i) ^ (mask >> j)) & 1)
        b->pair_disagreeing[p] += 2 * length;
}

/* Units in [a, b) of the text around the codings. */
static double
gap_units (const Coverage *coverage,
           gint64          a,
           gint64          b)
{
  if (b <= a)
    return 0;
  if (coverage == NULL)
    return (double) (b - a);
  return (double) (coverage_below (coverage, b) - coverage_below (coverage, a));
}

/* Sweeps the @n intervals of one code. */
static void
count_code (const GlossContinuum *continuum,
            const GlossInterval  *intervals,
            guint                 n,
            gint64                n_units,
            GlossPatternCounts   *counts,
            GArray               *ranges,
            const Coverage       *coverage,
            Block                *block)
{
  guint m = continuum->n_coders;
  guint64 all = m >= 64 ? G_MAXUINT64 : ((guint64) 1 << m) - 1;
  g_autofree Edge *edges = g_new (Edge, 2 * (gsize) n + 1);
  g_autofree int *active = g_new0 (int, MAX (m, 1));
  guint n_edges = 0;
  guint64 mask = 0;
  double coded = 0;
  gint64 gap_start = 0;

  for (guint i = 0; i < n; i++)
    {
      gint64 a = MAX (intervals[i].start, 0);
      gint64 b = MIN (intervals[i].end, continuum->length);

      if (b <= a)
        continue;
      edges[n_edges++] = (Edge) { a, +1, intervals[i].coder };
      edges[n_edges++] = (Edge) { b, -1, intervals[i].coder };
    }
  if (n_edges > 1)
    gloss_radix_sort (edges, n_edges, sizeof (Edge), G_STRUCT_OFFSET (Edge, position));

  for (guint e = 0; e < n_edges;)
    {
      gint64 position = edges[e].position, next;

      for (; e < n_edges && edges[e].position == position; e++)
        {
          guint c = edges[e].coder;

          active[c] += edges[e].delta;
          if (active[c] > 0)
            mask |= (guint64) 1 << c;
          else
            mask &= ~((guint64) 1 << c);
        }
      if (mask == 0 || e == n_edges)
        continue;
      next = edges[e].position;
      gloss_pattern_counts_add (counts, mask, (double) (next - position));
      coded += next - position;
      if (ranges != NULL && mask != all)
        append_range (ranges, intervals[0].code, position, next, mask);
      if (block != NULL)
        {
          block_add_gap (block, position - gap_start, gap_units (coverage, gap_start, position));
          block_add_coded (block, mask, (double) (next - position));
          gap_start = next;
        }
    }
  gloss_pattern_counts_add (counts, 0, (double) n_units - coded);
  if (block != NULL)
    {
      block_add_gap (block, continuum->length - gap_start, gap_units (coverage, gap_start, continuum->length));
      block_flush (block);
    }
}

void
gloss_char_units_count (const GlossContinuum *continuum,
                        gint64                n_units,
                        GlossPatternCounts  **per_code,
                        GArray               *ranges)
{
  gloss_char_units_count_blocks (continuum, n_units, per_code, ranges, NULL, NULL);
}

void
gloss_char_units_count_blocks (const GlossContinuum   *continuum,
                               gint64                  n_units,
                               GlossPatternCounts    **per_code,
                               GArray                 *ranges,
                               GlossBootstrapBlocks  **blocks,
                               GlossBootstrapBlocks  **pair_blocks)
{
  g_autoptr(GArray) copy = g_array_copy (continuum->intervals);
  GlossInterval *s = (GlossInterval *) copy->data;
  guint m = continuum->n_coders, n_pairs = m * (m - 1) / 2;
  g_autofree double *pair_disagreeing = g_new0 (double, MAX (n_pairs, 1));
  Coverage coverage = { 0 };
  gboolean coded_only = n_units < continuum->length;
  guint first = 0;

  if (copy->len > 1)
    qsort (s, copy->len, sizeof (GlossInterval), compare_by_code);
  if (blocks != NULL && coded_only)
    coverage_init (&coverage, continuum);
  for (guint code = 0; code < continuum->n_codes; code++)
    {
      guint last = first;
      Block block = { m, blocks ? blocks[code] : NULL,
                      blocks && pair_blocks ? pair_blocks + (gsize) code * n_pairs : NULL,
                      0, 0, pair_disagreeing, FALSE, FALSE };

      while (last < copy->len && s[last].code == code)
        last++;
      if (last > first)
        count_code (continuum, s + first, last - first, n_units, per_code[code], ranges,
                    coded_only ? &coverage : NULL, blocks ? &block : NULL);
      else
        {
          gloss_pattern_counts_add (per_code[code], 0, (double) n_units);
          if (blocks != NULL)
            {
              block_add_gap (&block, continuum->length, (double) n_units);
              block_flush (&block);
            }
        }
      first = last;
    }
  coverage_clear (&coverage);
}
