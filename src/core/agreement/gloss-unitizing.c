/* gloss-unitizing.c: Krippendorff's alphas for unitizing a continuum
 *
 * Everything works on segment boundaries: the cost grows with the number of
 * segments, never with the length of the continuum.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-unitizing.h"

#include "gloss-radix-sort.h"

#include <math.h>
#include <stdlib.h>

GlossContinuum *
gloss_continuum_new (gint64 length,
                     guint  n_coders,
                     guint  n_codes)
{
  GlossContinuum *continuum = g_new0 (GlossContinuum, 1);

  continuum->length = length;
  continuum->n_coders = n_coders;
  continuum->n_codes = n_codes;
  continuum->intervals = g_array_new (FALSE, FALSE, sizeof (GlossInterval));
  return continuum;
}

void
gloss_continuum_free (GlossContinuum *continuum)
{
  if (continuum == NULL)
    return;
  g_array_unref (continuum->intervals);
  g_free (continuum);
}

void
gloss_continuum_add (GlossContinuum *continuum,
                     guint           coder,
                     guint           code,
                     gint64          start,
                     gint64          end)
{
  GlossInterval interval = { coder, code, start, end };

  g_return_if_fail (coder < continuum->n_coders && code < continuum->n_codes);
  g_array_append_val (continuum->intervals, interval);
}

void
gloss_unitizing_result_free (GlossUnitizingResult *result)
{
  if (result == NULL)
    return;
  g_free (result->observed);
  g_free (result->expected);
  g_free (result->u_alpha_2004);
  gloss_bootstrap_blocks_free (result->blocks);
  g_free (result);
}

/* Segments: clipped, sorted by code, coder, start, merged per coder and code */

static int
compare_intervals (const void *a,
                   const void *b)
{
  const GlossInterval *x = a, *y = b;

  if (x->code != y->code)
    return x->code < y->code ? -1 : 1;
  if (x->coder != y->coder)
    return x->coder < y->coder ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

static int
compare_starts (const void *a,
                const void *b)
{
  const GlossInterval *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* Clipped, grouped by code then coder with a stable bucket sort (the
 * intervals usually come in text order already), each group by start. */
static GArray *
sort_segments (const GlossContinuum *continuum)
{
  guint n_lists = continuum->n_coders * continuum->n_codes, n = continuum->intervals->len;
  g_autofree guint *place = g_new0 (guint, n_lists + 1);
  /* At least one slot, so that data is never NULL (NULL + 0 is undefined). */
  GArray *segments = g_array_sized_new (FALSE, FALSE, sizeof (GlossInterval), MAX (n, 1));
  GlossInterval *out;

  for (guint i = 0; i < n; i++)
    {
      GlossInterval *s = &g_array_index (continuum->intervals, GlossInterval, i);

      if (MIN (s->end, continuum->length) > MAX (s->start, 0))
        place[s->code * continuum->n_coders + s->coder + 1]++;
    }
  for (guint k = 0; k < n_lists; k++)
    place[k + 1] += place[k];
  g_array_set_size (segments, place[n_lists]);
  out = (GlossInterval *) segments->data;
  for (guint i = 0; i < n; i++)
    {
      GlossInterval s = g_array_index (continuum->intervals, GlossInterval, i);

      s.start = MAX (s.start, 0);
      s.end = MIN (s.end, continuum->length);
      if (s.end > s.start)
        out[place[s.code * continuum->n_coders + s.coder]++] = s;
    }
  /* place[k] is now where list k ends */
  for (guint k = 0, first = 0; k < n_lists; first = place[k++])
    for (guint i = first + 1; i < place[k]; i++)
      if (compare_starts (&out[i - 1], &out[i]) > 0)
        {
          if (place[k] - first > 1)
            qsort (out + first, place[k] - first, sizeof (GlossInterval), compare_starts);
          break;
        }
  return segments;
}

static GArray *
normalize_segments (const GlossContinuum *continuum)
{
  GArray *segments = sort_segments (continuum);
  guint n = 0;

  /* Merge overlapping segments of one coder and code; touching ones stay. */
  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *s = &g_array_index (segments, GlossInterval, i);
      GlossInterval *last = n > 0 ? &g_array_index (segments, GlossInterval, n - 1) : NULL;

      if (last != NULL && last->code == s->code && last->coder == s->coder
          && s->start < last->end)
        last->end = MAX (last->end, s->end);
      else
        g_array_index (segments, GlossInterval, n++) = *s;
    }
  g_array_set_size (segments, n);
  return segments;
}

/* @offsets[code * n_coders + coder] .. [+1]: that coder's segments of that code. */
static guint *
index_segments (GArray *segments,
                guint   n_coders,
                guint   n_codes)
{
  guint n_lists = n_coders * n_codes;
  guint *offsets = g_new0 (guint, n_lists + 1);

  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *s = &g_array_index (segments, GlossInterval, i);

      offsets[s->code * n_coders + s->coder + 1]++;
    }
  for (guint i = 0; i < n_lists; i++)
    offsets[i + 1] += offsets[i];
  return offsets;
}

/* u_alpha_2004 */

static double
square (double x)
{
  return x * x;
}

/* Sum of d2 over the segments of one pair of coders (both lists sorted and
 * free of overlaps within themselves). A segment that overlaps nothing of
 * the other coder lies in one of their gaps and adds its squared length. */
static double
pair_distance (const GlossInterval *a,
               guint                n_a,
               const GlossInterval *b,
               guint                n_b)
{
  gboolean hit_a = FALSE, hit_b = FALSE;   /* a[i], b[j] overlapped something */
  double sum = 0;
  guint i = 0, j = 0;

  while (i < n_a && j < n_b)
    {
      if (MAX (a[i].start, b[j].start) < MIN (a[i].end, b[j].end))
        {
          sum += square ((double) (a[i].start - b[j].start))
                 + square ((double) (a[i].end - b[j].end));
          hit_a = hit_b = TRUE;
        }
      if (a[i].end <= b[j].end)
        {
          if (!hit_a)
            sum += square ((double) (a[i].end - a[i].start));
          i++;
          hit_a = FALSE;
        }
      else
        {
          if (!hit_b)
            sum += square ((double) (b[j].end - b[j].start));
          j++;
          hit_b = FALSE;
        }
    }
  for (; i < n_a; i++, hit_a = FALSE)
    if (!hit_a)
      sum += square ((double) (a[i].end - a[i].start));
  for (; j < n_b; j++, hit_b = FALSE)
    if (!hit_b)
      sum += square ((double) (b[j].end - b[j].start));
  return sum;
}


#define ALL_CODERS G_MAXUINT

/* Gap lengths for one code of one coder (or ALL_CODERS), sorted ascending. */
static GArray *
collect_gaps (const GlossContinuum *continuum,
              const GlossInterval  *segments,
              const guint          *offsets,
              guint                 code,
              guint                 only)
{
  GArray *gaps = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint coder = 0; coder < continuum->n_coders; coder++)
    {
      if (only != ALL_CODERS && coder != only)
        continue;
      {
      guint first = offsets[code * continuum->n_coders + coder];
      guint last = offsets[code * continuum->n_coders + coder + 1];
      gint64 position = 0;

      for (guint s = first; s < last; s++)
        {
          if (segments[s].start > position)
            {
              double gap = segments[s].start - position;
              g_array_append_val (gaps, gap);
            }
          position = segments[s].end;
        }
      if (continuum->length > position)
        {
          double gap = continuum->length - position;
          g_array_append_val (gaps, gap);
        }
      }
    }
  if (gaps->len > 1)
    gloss_radix_sort (gaps->data, gaps->len, sizeof (double), 0);   /* lengths: never negative */
  return gaps;
}

/* sum over gaps G >= l of (G - l + 1), with @suffix[i] = sum of gaps[i..]. */
static double
gap_term (GArray       *gaps,
          const double *suffix,
          double        l)
{
  const double *g = (const double *) gaps->data;
  guint lo = 0, hi = gaps->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g[mid] < l)
        lo = mid + 1;
      else
        hi = mid;
    }
  return suffix[lo] - (l - 1) * (gaps->len - lo);
}

static double
expected_2004 (const GlossContinuum *continuum,
               const GlossInterval  *segments,
               const guint          *offsets,
               guint                 code)
{
  guint m = continuum->n_coders;
  double L = continuum->length;
  guint first = offsets[code * m], last = offsets[(code + 1) * m];
  double n_c = last - first;
  g_autoptr(GArray) gaps = collect_gaps (continuum, segments, offsets, code, ALL_CODERS);
  g_autofree double *suffix = g_new0 (double, gaps->len + 1);
  double sum = 0, self = 0, denominator;

  for (guint i = gaps->len; i > 0; i--)
    suffix[i - 1] = suffix[i] + g_array_index (gaps, double, i - 1);

  for (guint s = first; s < last; s++)
    {
      double l = segments[s].end - segments[s].start;

      sum += (n_c - 1) * (2 * l * l * l - 3 * l * l + l) / 3
             + l * l * gap_term (gaps, suffix, l);
      self += l * (l - 1);
    }
  denominator = m * L * (m * L - 1) - self;
  if (denominator <= 0)
    return 0;
  return (2 / L) * sum / denominator;
}

static double
observed_2004 (const GlossContinuum *continuum,
               const GlossInterval  *segments,
               const guint          *offsets,
               guint                 code)
{
  guint m = continuum->n_coders;
  double L = continuum->length, sum = 0;

  for (guint i = 0; i < m; i++)
    for (guint j = i + 1; j < m; j++)
      {
        guint ai = offsets[code * m + i], bi = offsets[code * m + j];

        sum += pair_distance (segments + ai, offsets[code * m + i + 1] - ai,
                              segments + bi, offsets[code * m + j + 1] - bi);
      }
  return 2 * sum / (m * (m - 1.0) * L * L);
}

static GlossMeasure
alpha_from_disagreements (double observed,
                          double expected,
                          double n_segments)
{
  if (n_segments <= 0)
    return gloss_measure_undefined ("nothing was coded");
  if (expected <= 0)
    return gloss_measure_undefined ("there is no expected disagreement, as the coded segments leave no variation");
  return gloss_measure_defined (1 - observed / expected);
}

/* u_alpha_2016 family: coincidences of values on the continuum */

typedef struct
{
  gint64 position;
  int    delta;
  guint  coder;
  guint  code;
} Event;


typedef struct
{
  guint   n_coders;
  guint   n_codes;
  guint   empty;          /* index of the empty value: n_codes */
  int    *count;          /* coder x code: active segments */
  guint  *coder_codes;    /* codes active per coder */
  guint  *code_coders;    /* coders active per code */
  guint  *active;         /* codes with code_coders > 0 */
  guint  *active_index;   /* code -> place in @active */
  guint   n_active;
  guint   n_empty;        /* coders with no active code */
  guint   n_multi;        /* coders with two codes or more */
  double *l;              /* (n_codes + 1)^2 coincidences, not yet / (m - 1) */
  double  binary[2][2];   /* 0 = empty, 1 = coded */
  double  empty_length;   /* sum over coders of their uncoded characters */
  gboolean overlapping;
  /* the bootstrap's block being gathered (gloss-agreement-bootstrap.h) */
  GlossBootstrapBlocks *blocks;
  double   block_total;     /* coincidences, not yet / (m - 1) */
  double   block_observed;  /* of different values */
  gboolean block_coded;
  gboolean block_after_gap;
} Sweep;

static void
sweep_flush_block (Sweep *sw)
{
  if (sw->blocks != NULL && sw->block_total > 0)
    gloss_bootstrap_blocks_add (sw->blocks, sw->block_total / (sw->n_coders - 1),
                                sw->block_observed / (sw->n_coders - 1));
  sw->block_total = sw->block_observed = 0;
  sw->block_coded = sw->block_after_gap = FALSE;
}

/* A stretch of @w characters: a block is a coded stretch and the uncoded
 * text after it. */
static void
sweep_block (Sweep  *sw,
             double  w,
             double  total,
             double  observed)
{
  if (sw->blocks == NULL || w <= 0)
    return;
  if (sw->n_active > 0)
    {
      if (sw->block_after_gap)
        sweep_flush_block (sw);
      sw->block_coded = TRUE;
    }
  else
    sw->block_after_gap = sw->block_coded;
  sw->block_total += total;
  sw->block_observed += observed;
}

static void
sweep_apply (Sweep       *sw,
             const Event *e)
{
  int *cell = &sw->count[e->coder * sw->n_codes + e->code];
  gboolean was = *cell > 0, is;

  *cell += e->delta;
  is = *cell > 0;
  if (was == is)
    return;

  if (is)
    {
      if (sw->code_coders[e->code]++ == 0)
        {
          sw->active_index[e->code] = sw->n_active;
          sw->active[sw->n_active++] = e->code;
        }
      if (sw->coder_codes[e->coder]++ == 0)
        sw->n_empty--;
      else if (sw->coder_codes[e->coder] == 2)
        sw->n_multi++;
    }
  else
    {
      if (--sw->code_coders[e->code] == 0)
        {
          guint at = sw->active_index[e->code];
          guint moved = sw->active[--sw->n_active];

          sw->active[at] = moved;
          sw->active_index[moved] = at;
        }
      if (--sw->coder_codes[e->coder] == 0)
        sw->n_empty++;
      else if (sw->coder_codes[e->coder] == 1)
        sw->n_multi--;
    }
}

/* Adds @w characters of the current state to the coincidences. */
static void
sweep_accumulate (Sweep  *sw,
                  double  w)
{
  guint K = sw->n_codes + 1;
  double n_empty = sw->n_empty;
  double n_coded = sw->n_coders - n_empty;
  double total = 0, diagonal = 0;

  for (guint a = 0; a < sw->n_active; a++)
    {
      guint c = sw->active[a];
      double n_c = sw->code_coders[c];

      for (guint b = 0; b < sw->n_active; b++)
        {
          guint k = sw->active[b];

          sw->l[c * K + k] += w * n_c * sw->code_coders[k];
          total += w * n_c * sw->code_coders[k];
        }
      sw->l[c * K + c] -= w * n_c;   /* a coder does not pair with itself */
      sw->l[c * K + sw->empty] += w * n_c * n_empty;
      sw->l[sw->empty * K + c] += w * n_c * n_empty;
      total += 2 * w * n_c * n_empty - w * n_c;
      diagonal += w * n_c * n_c - w * n_c;
    }
  sw->l[sw->empty * K + sw->empty] += w * n_empty * (n_empty - 1);
  total += w * n_empty * (n_empty - 1);
  diagonal += w * n_empty * (n_empty - 1);
  sw->empty_length += w * n_empty;

  /* A coder holding codes c and k at once pairs neither with itself. */
  if (sw->n_multi > 0)
    {
      sw->overlapping = TRUE;
      for (guint i = 0; i < sw->n_coders; i++)
        {
          if (sw->coder_codes[i] < 2)
            continue;
          for (guint a = 0; a < sw->n_active; a++)
            for (guint b = 0; b < sw->n_active; b++)
              {
                guint c = sw->active[a], k = sw->active[b];

                if (c != k && sw->count[i * sw->n_codes + c] > 0
                    && sw->count[i * sw->n_codes + k] > 0)
                  {
                    sw->l[c * K + k] -= w;
                    total -= w;
                  }
              }
        }
    }

  sw->binary[1][1] += w * n_coded * (n_coded - 1);
  sw->binary[1][0] += w * n_coded * n_empty;
  sw->binary[0][1] += w * n_coded * n_empty;
  sw->binary[0][0] += w * n_empty * (n_empty - 1);
  sweep_block (sw, w, total, total - diagonal);
}

static void
sweep_run (Sweep                *sw,
           const GlossContinuum *continuum,
           GArray               *segments)
{
  guint n_events = segments->len * 2;
  g_autofree Event *events = g_new (Event, n_events + 1);
  gint64 position = 0;
  guint e = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *s = &g_array_index (segments, GlossInterval, i);

      events[2 * i] = (Event) { s->start, +1, s->coder, s->code };
      events[2 * i + 1] = (Event) { s->end, -1, s->coder, s->code };
    }
  if (n_events > 1)
    gloss_radix_sort (events, n_events, sizeof (Event), G_STRUCT_OFFSET (Event, position));

  while (position < continuum->length)
    {
      gint64 next;

      while (e < n_events && events[e].position <= position)
        sweep_apply (sw, &events[e++]);
      next = e < n_events ? events[e].position : continuum->length;
      sweep_accumulate (sw, (double) (next - position));
      position = next;
    }
  sweep_flush_block (sw);
}

/* alpha = 1 - sum_{c != k} l_ck / sum_{c != k} e_ck over the values in
 * @include (a K x K matrix @l, self-pairing corrections @C). */
static GlossMeasure
alpha_from_coincidences (const double   *l,
                         const double   *C,
                         const gboolean *include,
                         guint           K)
{
  g_autofree double *row = g_new0 (double, K);
  double total = 0, squares = 0, correction = 0, observed = 0, expected;

  for (guint c = 0; c < K; c++)
    {
      if (!include[c])
        continue;
      for (guint k = 0; k < K; k++)
        if (include[k])
          {
            row[c] += l[c * K + k];
            if (k != c)
              observed += l[c * K + k];
          }
      total += row[c];
      squares += row[c] * row[c];
      correction += C[c];
    }
  if (total <= 0)
    return gloss_measure_undefined ("there are no coincidences to compare");
  if (total - correction / total <= 0)
    return gloss_measure_undefined ("there is no expected disagreement");
  expected = (total * total - squares) / (total - correction / total);
  if (expected <= 0)
    return gloss_measure_undefined ("there is no variation, as every coincidence has one value");
  return gloss_measure_defined (1 - observed / expected);
}

/* Per coder: characters coded with any code, and the squared lengths of
 * the coded stretches (codes merged, touching stretches apart). */
static void
coder_unions (GArray *segments,
              guint   m,
              double *covered,
              double *squares)
{
  g_autoptr(GArray) copy = g_array_copy (segments);
  GlossInterval *s = (GlossInterval *) copy->data;
  guint i = 0;

  for (guint k = 0; k < copy->len; k++)
    s[k].code = 0;
  if (copy->len > 1)
    qsort (s, copy->len, sizeof (GlossInterval), compare_intervals);
  while (i < copy->len)
    {
      gint64 start = s[i].start, end = s[i].end;
      guint coder = s[i].coder;

      for (i++; i < copy->len && s[i].coder == coder && s[i].start < end; i++)
        end = MAX (end, s[i].end);
      squares[coder] += square ((double) (end - start));
      covered[coder] += end - start;
    }
}

/* The self-pairing correction of the coded value once codes are merged. */
static double
binary_correction (GArray *segments,
                   guint   m)
{
  g_autofree double *covered = g_new0 (double, m);
  g_autofree double *squares = g_new0 (double, m);
  double sum = 0;

  coder_unions (segments, m, covered, squares);
  for (guint i = 0; i < m; i++)
    sum += squares[i];
  return sum;
}


/* The matter of @segments that is pairable with another coder's coded
 * matter (Krippendorff, Mathet, Bouvry & Widlöcher 2016): for cu-alpha a
 * segment only pairs, with itself and with others, where some other coder
 * coded too, so its self-pairing correction is the sum of the squared
 * lengths of the pieces of it that lie under another coder's coded matter.
 * @others[i] is the merged, sorted coded matter of every coder but i (for
 * all coders at once) or of the other coder of a pair. */
static double
pairable_squares (const GlossInterval *segment,
                  GArray              *others)
{
  const GlossInterval *u = (const GlossInterval *) others->data;
  guint lo = 0, hi = others->len;
  double sum = 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (u[mid].end <= segment->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < others->len && u[i].start < segment->end; i++)
    {
      gint64 a = MAX (u[i].start, segment->start), b = MIN (u[i].end, segment->end);

      if (b > a)
        sum += square ((double) (b - a));
    }
  return sum;
}

/* The coded matter (any code) of the coders in @mask, merged and sorted. */
static GArray *
coded_matter (GArray  *segments,
              guint64  mask)
{
  GArray *matter = g_array_new (FALSE, FALSE, sizeof (GlossInterval));
  GlossInterval *s;
  guint n = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *v = &g_array_index (segments, GlossInterval, i);

      if (v->coder < 64 && ((mask >> v->coder) & 1))
        g_array_append_val (matter, *v);
    }
  s = (GlossInterval *) matter->data;
  if (matter->len > 1)
    qsort (s, matter->len, sizeof (GlossInterval), compare_starts);
  for (guint i = 0; i < matter->len; i++)
    {
      if (n > 0 && s[i].start <= s[n - 1].end)
        s[n - 1].end = MAX (s[n - 1].end, s[i].end);
      else
        s[n++] = s[i];
    }
  g_array_set_size (matter, n);
  return matter;
}

typedef struct
{
  gint64 position;
  int    delta;
} Edge;

static int
compare_edges (const void *a,
               const void *b)
{
  const Edge *x = a, *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->delta - y->delta;   /* ends before starts: touching is no overlap */
}

/* Where two coders or more coded (any code), merged and sorted: a coder's
 * segment lies in their own coded matter, so its pairable pieces are where
 * somebody else coded too. */
static GArray *
multi_covered (GArray *segments,
               guint   m)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (GlossInterval));
  int depth = 0;
  gint64 opened = 0;

  for (guint i = 0; i < m && i < 64; i++)
    {
      g_autoptr(GArray) own = coded_matter (segments, (guint64) 1 << i);

      for (guint k = 0; k < own->len; k++)
        {
          GlossInterval *v = &g_array_index (own, GlossInterval, k);
          Edge in = { v->start, +1 }, out = { v->end, -1 };

          g_array_append_val (edges, in);
          g_array_append_val (edges, out);
        }
    }
  if (edges->len > 1)
    qsort (edges->data, edges->len, sizeof (Edge), compare_edges);
  for (guint e = 0; e < edges->len; e++)
    {
      Edge *x = &g_array_index (edges, Edge, e);

      depth += x->delta;
      if (x->delta > 0 && depth == 2)
        opened = x->position;
      else if (x->delta < 0 && depth == 1 && x->position > opened)
        {
          GlossInterval *last = regions->len ? &g_array_index (regions, GlossInterval, regions->len - 1) : NULL;

          if (last != NULL && last->end == opened)
            last->end = x->position;
          else
            g_array_append_vals (regions, &(GlossInterval) { 0, 0, opened, x->position }, 1);
        }
    }
  return regions;
}

/* cu-alpha's self-pairing corrections, per code (@C has n_codes + 1 slots;
 * the empty value is not part of cu-alpha and keeps 0). */
static void
pairable_corrections (GArray *segments,
                      guint   m,
                      guint   Q,
                      double *C)
{
  g_autoptr(GArray) shared = multi_covered (segments, m);

  for (guint c = 0; c <= Q; c++)
    C[c] = 0;
  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *s = &g_array_index (segments, GlossInterval, i);

      C[s->code] += pairable_squares (s, shared);
    }
}

static void
compute_2016 (const GlossContinuum *continuum,
              GArray               *segments,
              GlossUnitizingResult *result)
{
  guint m = continuum->n_coders, Q = continuum->n_codes, K = Q + 1;
  g_autofree double *l = g_new0 (double, (gsize) K * K);
  g_autofree double *C = g_new0 (double, K);
  g_autofree gboolean *include = g_new (gboolean, K);
  g_autofree int *count = g_new0 (int, (gsize) m * MAX (Q, 1));
  g_autofree guint *coder_codes = g_new0 (guint, m);
  g_autofree guint *code_coders = g_new0 (guint, K);
  g_autofree guint *active = g_new0 (guint, K);
  g_autofree guint *active_index = g_new0 (guint, K);
  Sweep sw = { m, Q, Q, count, coder_codes, code_coders, active, active_index,
               0, m, 0, l, { { 0, 0 }, { 0, 0 } }, 0, FALSE, result->blocks, 0, 0, FALSE, FALSE };
  gboolean both[2] = { TRUE, TRUE };
  double binary_C[2];

  sweep_run (&sw, continuum, segments);
  for (guint i = 0; i < K * K; i++)
    l[i] /= m - 1;
  for (guint a = 0; a < 2; a++)
    for (guint b = 0; b < 2; b++)
      sw.binary[a][b] /= m - 1;

  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *s = &g_array_index (segments, GlossInterval, i);

      C[s->code] += square ((double) (s->end - s->start));
    }
  /* Empty stretches are no units: each empty character pairs only with
   * itself, so the correction for the empty value is the empty length. */
  C[Q] = sw.empty_length;

  for (guint c = 0; c < K; c++)
    include[c] = TRUE;
  result->u_alpha_2016 = alpha_from_coincidences (l, C, include, K);
  {
    double total = 0, observed = 0;

    for (guint c = 0; c < K; c++)
      for (guint k = 0; k < K; k++)
        {
          total += l[c * K + k];
          observed += c != k ? l[c * K + k] : 0;
        }
    /* l.. = m L values; each character gives m (m - 1) / 2 pairs */
    result->u_alpha_2016_observed = total > 0 ? observed / total : 0;
    result->u_alpha_2016_pairs = total * (m - 1) / 2.0;
  }

  binary_C[0] = C[Q];
  binary_C[1] = binary_correction (segments, m);
  result->binary_u_alpha = alpha_from_coincidences (&sw.binary[0][0], binary_C, both, 2);

  include[Q] = FALSE;
  if (Q < 2)
    result->cu_alpha = gloss_measure_undefined ("cu-alpha compares two codes or more");
  else
    {
      pairable_corrections (segments, m, Q, C);
      result->cu_alpha = alpha_from_coincidences (l, C, include, K);
    }
  result->overlapping_codes = sw.overlapping;
}

GlossUnitizingResult *
gloss_unitizing_compute (const GlossContinuum *continuum)
{
  GlossUnitizingResult *result = g_new0 (GlossUnitizingResult, 1);
  guint Q = continuum->n_codes, m = continuum->n_coders;
  g_autoptr(GArray) segments = NULL;
  g_autofree guint *offsets = NULL;
  double observed = 0, expected = 0;

  result->n_codes = Q;
  result->blocks = gloss_bootstrap_blocks_new ();
  result->observed = g_new0 (double, MAX (Q, 1));
  result->expected = g_new0 (double, MAX (Q, 1));
  result->u_alpha_2004 = g_new0 (GlossMeasure, MAX (Q, 1));

  if (m < 2 || continuum->length <= 0)
    {
      GlossMeasure none = gloss_measure_undefined (m < 2 ? "unitizing alpha needs two coders or more"
                                                         : "the continuum is empty");

      for (guint c = 0; c < Q; c++)
        result->u_alpha_2004[c] = none;
      result->u_alpha_2004_overall = result->u_alpha_2016 = none;
      result->binary_u_alpha = result->cu_alpha = none;
      return result;
    }

  segments = normalize_segments (continuum);
  offsets = index_segments (segments, m, Q);
  for (guint c = 0; c < Q; c++)
    {
      const GlossInterval *s = (const GlossInterval *) segments->data;

      result->observed[c] = observed_2004 (continuum, s, offsets, c);
      result->expected[c] = expected_2004 (continuum, s, offsets, c);
      result->u_alpha_2004[c] = alpha_from_disagreements (result->observed[c],
                                                          result->expected[c],
                                                          offsets[(c + 1) * m] - offsets[c * m]);
      observed += result->observed[c];
      expected += result->expected[c];
    }
  result->u_alpha_2004_overall = alpha_from_disagreements (observed, expected, segments->len);
  compute_2016 (continuum, segments, result);
  if (segments->len == 0)
    result->u_alpha_2016 = result->binary_u_alpha = result->cu_alpha =
      gloss_measure_undefined ("nothing was coded");
  return result;
}

/* Pairs of coders */

static guint
pair_place (guint a,
            guint b,
            guint m)
{
  return a * m - a * (a + 1) / 2 + (b - a - 1);
}

/* u_alpha_2004 of each pair: D_o and D_e summed over the codes. */
static void
pairs_2004 (const GlossContinuum *continuum,
            const GlossInterval  *segments,
            const guint          *offsets,
            double               *observed,
            double               *expected,
            double               *n_segments)
{
  guint m = continuum->n_coders, Q = continuum->n_codes;
  double L = continuum->length;
  g_autoptr(GPtrArray) gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) suffixes = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < Q; c++)
    {
      g_ptr_array_set_size (gaps, 0);
      g_ptr_array_set_size (suffixes, 0);
      for (guint i = 0; i < m; i++)
        {
          GArray *g = collect_gaps (continuum, segments, offsets, c, i);
          double *suffix = g_new0 (double, g->len + 1);

          for (guint k = g->len; k > 0; k--)
            suffix[k - 1] = suffix[k] + g_array_index (g, double, k - 1);
          g_ptr_array_add (gaps, g);
          g_ptr_array_add (suffixes, suffix);
        }
      for (guint a = 0; a < m; a++)
        for (guint b = a + 1; b < m; b++)
          {
            guint p = pair_place (a, b, m);
            guint fa = offsets[c * m + a], na = offsets[c * m + a + 1] - fa;
            guint fb = offsets[c * m + b], nb = offsets[c * m + b + 1] - fb;
            double n_c = na + nb, sum = 0, self = 0, denominator;

            observed[p] += pair_distance (segments + fa, na, segments + fb, nb) / (L * L);
            for (guint s = 0; s < na + nb; s++)
              {
                const GlossInterval *u = s < na ? &segments[fa + s] : &segments[fb + s - na];
                double l = u->end - u->start;

                sum += (n_c - 1) * (2 * l * l * l - 3 * l * l + l) / 3
                       + l * l * (gap_term (gaps->pdata[a], suffixes->pdata[a], l)
                                  + gap_term (gaps->pdata[b], suffixes->pdata[b], l));
                self += l * (l - 1);
              }
            denominator = 2 * L * (2 * L - 1) - self;
            if (denominator > 0)
              expected[p] += (2 / L) * sum / denominator;
            n_segments[p] += n_c;
          }
    }
}

/* Each coder's codes at the current position, for the pairwise sweep. */
typedef struct
{
  guint   m;
  guint   Q;
  guint   K;
  int    *count;     /* coder x code */
  guint  *codes;     /* coder x Q: the coder's active codes */
  guint  *n_codes;   /* per coder */
  guint  *place;     /* coder x code: place in codes */
  double *l;         /* pair x K x K */
  double *binary;    /* pair x 2 x 2 */
} PairSweep;

static void
pair_sweep_apply (PairSweep   *ps,
                  const Event *e)
{
  guint cell = e->coder * ps->Q + e->code;
  gboolean was = ps->count[cell] > 0;

  ps->count[cell] += e->delta;
  if (was == (ps->count[cell] > 0))
    return;
  if (!was)
    {
      ps->place[cell] = ps->n_codes[e->coder];
      ps->codes[e->coder * ps->Q + ps->n_codes[e->coder]++] = e->code;
    }
  else
    {
      guint at = ps->place[cell];
      guint moved = ps->codes[e->coder * ps->Q + --ps->n_codes[e->coder]];

      ps->codes[e->coder * ps->Q + at] = moved;
      ps->place[e->coder * ps->Q + moved] = at;
    }
}

static void
pair_sweep_accumulate (PairSweep *ps,
                       double     w)
{
  guint m = ps->m, K = ps->K, empty = ps->Q;

  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m; b++)
      {
        guint p = pair_place (a, b, m);
        double *l = ps->l + (gsize) p * K * K;
        guint na = ps->n_codes[a], nb = ps->n_codes[b];
        const guint *va = na ? ps->codes + a * ps->Q : &empty;
        const guint *vb = nb ? ps->codes + b * ps->Q : &empty;

        for (guint i = 0; i < MAX (na, 1); i++)
          for (guint j = 0; j < MAX (nb, 1); j++)
            {
              l[va[i] * K + vb[j]] += w;
              l[vb[j] * K + va[i]] += w;
            }
        ps->binary[p * 4 + (na > 0) * 2 + (nb > 0)] += w;
        ps->binary[p * 4 + (nb > 0) * 2 + (na > 0)] += w;
      }
}

/* cu-alpha's corrections for the pair (@a, @b): each one's segments where
 * the other coded; @matter[i] is coder i's coded matter. */
/* Adds to @C the pairable pieces of @segments (sorted by start) under
 * @matter (merged, sorted): one walk, the matter's cursor kept where the
 * segments begin. */
static void
add_pairable (GArray *segments,
              GArray *matter,
              double *C)
{
  const GlossInterval *u = (const GlossInterval *) matter->data;
  guint from = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      const GlossInterval *s = &g_array_index (segments, GlossInterval, i);

      while (from < matter->len && u[from].end <= s->start)
        from++;
      for (guint k = from; k < matter->len && u[k].start < s->end; k++)
        {
          gint64 a = MAX (u[k].start, s->start), b = MIN (u[k].end, s->end);

          if (b > a)
            C[s->code] += square ((double) (b - a));
        }
    }
}

static void
pair_corrections (GPtrArray *by_coder,
                  guint      a,
                  guint      b,
                  GPtrArray *matter,
                  double    *C,
                  guint      Q)
{
  for (guint c = 0; c <= Q; c++)
    C[c] = 0;
  add_pairable (by_coder->pdata[a], matter->pdata[b], C);
  add_pairable (by_coder->pdata[b], matter->pdata[a], C);
}

static void
pairs_2016 (const GlossContinuum *continuum,
            GArray               *segments,
            GlossUnitizingPair   *pairs)
{
  guint m = continuum->n_coders, Q = continuum->n_codes, K = Q + 1;
  guint n_pairs = m * (m - 1) / 2;
  g_autofree int *count = g_new0 (int, (gsize) m * Q);
  g_autofree guint *codes = g_new0 (guint, (gsize) m * Q);
  g_autofree guint *n_codes = g_new0 (guint, m);
  g_autofree guint *place = g_new0 (guint, (gsize) m * Q);
  g_autofree double *l = g_new0 (double, (gsize) n_pairs * K * K);
  g_autofree double *binary = g_new0 (double, (gsize) n_pairs * 4);
  g_autofree double *squares = g_new0 (double, (gsize) m * K);   /* coder x code */
  g_autofree double *covered = g_new0 (double, m);
  g_autofree double *binary_squares = g_new0 (double, m);
  g_autofree double *C = g_new0 (double, K);
  g_autofree gboolean *include = g_new (gboolean, K);
  g_autofree Event *events = g_new (Event, 2 * (gsize) segments->len + 1);
  g_autoptr(GPtrArray) matter = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) by_coder = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  PairSweep ps = { m, Q, K, count, codes, n_codes, place, l, binary };
  gint64 position = 0;
  guint e = 0, n_events = 2 * segments->len;

  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *s = &g_array_index (segments, GlossInterval, i);

      events[2 * i] = (Event) { s->start, +1, s->coder, s->code };
      events[2 * i + 1] = (Event) { s->end, -1, s->coder, s->code };
      squares[s->coder * K + s->code] += square ((double) (s->end - s->start));
    }
  if (n_events > 1)
    gloss_radix_sort (events, n_events, sizeof (Event), G_STRUCT_OFFSET (Event, position));
  while (position < continuum->length)
    {
      gint64 next;

      while (e < n_events && events[e].position <= position)
        pair_sweep_apply (&ps, &events[e++]);
      next = e < n_events ? events[e].position : continuum->length;
      pair_sweep_accumulate (&ps, (double) (next - position));
      position = next;
    }
  coder_unions (segments, m, covered, binary_squares);
  for (guint i = 0; i < m; i++)
    {
      g_ptr_array_add (matter, coded_matter (segments, (guint64) 1 << i));
      g_ptr_array_add (by_coder, g_array_new (FALSE, FALSE, sizeof (GlossInterval)));
    }
  for (guint i = 0; i < segments->len; i++)
    {
      GlossInterval *s = &g_array_index (segments, GlossInterval, i);

      g_array_append_val (by_coder->pdata[s->coder], *s);
    }
  for (guint i = 0; i < m; i++)
    {
      GArray *own = by_coder->pdata[i];

      if (own->len > 1)
        qsort (own->data, own->len, sizeof (GlossInterval), compare_starts);
    }

  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m; b++)
      {
        guint p = pair_place (a, b, m);
        double binary_C[2];
        gboolean both[2] = { TRUE, TRUE };

        for (guint c = 0; c < Q; c++)
          C[c] = squares[a * K + c] + squares[b * K + c];
        C[Q] = 2.0 * continuum->length - covered[a] - covered[b];
        for (guint c = 0; c < K; c++)
          include[c] = TRUE;
        pairs[p].u_alpha_2016 = alpha_from_coincidences (l + (gsize) p * K * K, C, include, K);
        binary_C[0] = C[Q];
        binary_C[1] = binary_squares[a] + binary_squares[b];
        pairs[p].binary_u_alpha = alpha_from_coincidences (binary + p * 4, binary_C, both, 2);
        include[Q] = FALSE;
        pair_corrections (by_coder, a, b, matter, C, Q);
        pairs[p].cu_alpha = alpha_from_coincidences (l + (gsize) p * K * K, C, include, K);
        if (covered[a] + covered[b] == 0)
          pairs[p].u_alpha_2016 = pairs[p].binary_u_alpha = pairs[p].cu_alpha =
            gloss_measure_undefined ("nothing was coded");
      }
}

#define MAX_PAIR_CELLS (16.0 * 1024 * 1024)

static void
compute_pairs_one_by_one (const GlossContinuum *continuum,
                          GlossUnitizingPair   *pairs,
                          guint                 n_pairs)
{
  for (guint p = 0; p < n_pairs; p++)
    {
      g_autoptr(GlossContinuum) two = gloss_continuum_new (continuum->length, 2, continuum->n_codes);
      g_autoptr(GlossUnitizingResult) r = NULL;

      for (guint i = 0; i < continuum->intervals->len; i++)
        {
          GlossInterval *v = &g_array_index (continuum->intervals, GlossInterval, i);

          if (v->coder == pairs[p].coder_a || v->coder == pairs[p].coder_b)
            gloss_continuum_add (two, v->coder == pairs[p].coder_b, v->code, v->start, v->end);
        }
      r = gloss_unitizing_compute (two);
      pairs[p].u_alpha_2004 = r->u_alpha_2004_overall;
      pairs[p].u_alpha_2016 = r->u_alpha_2016;
      pairs[p].binary_u_alpha = r->binary_u_alpha;
      pairs[p].cu_alpha = r->cu_alpha;
    }
}

GlossUnitizingPair *
gloss_unitizing_compute_pairs (const GlossContinuum *continuum,
                               guint                *n_pairs)
{
  guint m = continuum->n_coders, Q = continuum->n_codes;
  guint n = m >= 2 ? m * (m - 1) / 2 : 0;
  GlossUnitizingPair *pairs = g_new0 (GlossUnitizingPair, MAX (n, 1));
  g_autofree double *observed = g_new0 (double, MAX (n, 1));
  g_autofree double *expected = g_new0 (double, MAX (n, 1));
  g_autofree double *n_segments = g_new0 (double, MAX (n, 1));
  g_autoptr(GArray) segments = NULL;
  g_autofree guint *offsets = NULL;

  *n_pairs = n;
  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m; b++)
      {
        pairs[pair_place (a, b, m)].coder_a = a;
        pairs[pair_place (a, b, m)].coder_b = b;
      }
  if (n == 0 || continuum->length <= 0)
    {
      for (guint p = 0; p < n; p++)
        pairs[p].u_alpha_2004 = pairs[p].u_alpha_2016 = pairs[p].binary_u_alpha =
          pairs[p].cu_alpha = gloss_measure_undefined ("the continuum is empty");
      return pairs;
    }

  /* One pass keeps a K x K matrix per pair; past a few hundred codes that
   * costs more memory than computing the pairs one by one. */
  if ((double) n * (Q + 1) * (Q + 1) > MAX_PAIR_CELLS)
    {
      compute_pairs_one_by_one (continuum, pairs, n);
      return pairs;
    }

  segments = normalize_segments (continuum);
  offsets = index_segments (segments, m, Q);
  pairs_2004 (continuum, (const GlossInterval *) segments->data, offsets, observed, expected, n_segments);
  for (guint p = 0; p < n; p++)
    pairs[p].u_alpha_2004 = alpha_from_disagreements (observed[p], expected[p], n_segments[p]);
  pairs_2016 (continuum, segments, pairs);
  return pairs;
}

GlossMeasure
gloss_unitizing_u_alpha_2004 (const GlossContinuum *continuum,
                              guint                 code)
{
  g_autoptr(GlossUnitizingResult) result = gloss_unitizing_compute (continuum);

  g_return_val_if_fail (code < continuum->n_codes, gloss_measure_undefined ("no such code"));
  return result->u_alpha_2004[code];
}

GlossMeasure
gloss_unitizing_u_alpha_2004_overall (const GlossContinuum *continuum)
{
  g_autoptr(GlossUnitizingResult) result = gloss_unitizing_compute (continuum);

  return result->u_alpha_2004_overall;
}

GlossMeasure
gloss_unitizing_u_alpha_2016 (const GlossContinuum *continuum)
{
  g_autoptr(GlossUnitizingResult) result = gloss_unitizing_compute (continuum);

  return result->u_alpha_2016;
}

GlossMeasure
gloss_unitizing_binary_u_alpha (const GlossContinuum *continuum)
{
  g_autoptr(GlossUnitizingResult) result = gloss_unitizing_compute (continuum);

  return result->binary_u_alpha;
}

GlossMeasure
gloss_unitizing_cu_alpha (const GlossContinuum *continuum)
{
  g_autoptr(GlossUnitizingResult) result = gloss_unitizing_compute (continuum);

  return result->cu_alpha;
}
