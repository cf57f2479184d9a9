/* gloss-reading-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "gloss-reading-order.h"

#define MAX_DEPTH 48

typedef struct
{
  const GlossCharBox *boxes;
  gboolean            right_to_left;
  double              column_gap;   /* the narrowest white strip that parts columns */
  guint              *out;
  guint               n_out;
} Cutter;

static int
compare_x (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  const GlossCharBox *boxes = data;
  double d = boxes[*(const guint *) a].x1 - boxes[*(const guint *) b].x1;

  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

static int
compare_y (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  const GlossCharBox *boxes = data;
  double d = boxes[*(const guint *) a].y1 - boxes[*(const guint *) b].y1;

  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

static void cut (Cutter *c, const guint *lines, guint n, int depth);

/* Columns: splits where no line crosses a strip at least column_gap wide. */
static gboolean
cut_columns (Cutter      *c,
             const guint *lines,
             guint        n,
             int          depth)
{
  g_autofree guint *sorted = g_memdup2 (lines, n * sizeof (guint));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double right;
  guint zero = 0;

  g_qsort_with_data (sorted, n, sizeof (guint), compare_x, (gpointer) c->boxes);
  g_array_append_val (starts, zero);
  right = c->boxes[sorted[0]].x2;
  for (guint i = 1; i < n; i++)
    {
      const GlossCharBox *b = &c->boxes[sorted[i]];

      if (b->x1 - right >= c->column_gap)
        g_array_append_val (starts, i);
      right = MAX (right, b->x2);
    }
  if (starts->len < 2)
    return FALSE;

  for (guint k = 0; k < starts->len; k++)
    {
      guint column = c->right_to_left ? starts->len - 1 - k : k;
      guint first = g_array_index (starts, guint, column);
      guint last = column + 1 < starts->len ? g_array_index (starts, guint, column + 1) : n;
      g_autofree guint *members = g_new (guint, last - first);
      guint m = 0;

      /* Each column keeps the order its lines came in. */
      for (guint i = 0; i < n; i++)
        {
          double x1 = c->boxes[lines[i]].x1;

          if (x1 >= c->boxes[sorted[first]].x1 &&
              (last == n || x1 < c->boxes[sorted[last]].x1))
            members[m++] = lines[i];
        }
      cut (c, members, m, depth + 1);
    }
  return TRUE;
}

/* Bands: splits at the widest white gap across the region. */
static gboolean
cut_bands (Cutter      *c,
           const guint *lines,
           guint        n,
           int          depth)
{
  g_autofree guint *sorted = g_memdup2 (lines, n * sizeof (guint));
  g_autofree guint *top = NULL;
  g_autofree guint *bottom = NULL;
  double bottom_edge, widest = 0, split_y = 0;
  guint n_top = 0, n_bottom = 0;

  g_qsort_with_data (sorted, n, sizeof (guint), compare_y, (gpointer) c->boxes);
  bottom_edge = c->boxes[sorted[0]].y2;
  for (guint i = 1; i < n; i++)
    {
      const GlossCharBox *b = &c->boxes[sorted[i]];

      if (b->y1 - bottom_edge > widest)
        {
          widest = b->y1 - bottom_edge;
          split_y = b->y1;
        }
      bottom_edge = MAX (bottom_edge, b->y2);
    }
  if (widest <= 0)
    return FALSE;

  top = g_new (guint, n);
  bottom = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      if (c->boxes[lines[i]].y1 < split_y)
        top[n_top++] = lines[i];
      else
        bottom[n_bottom++] = lines[i];
    }
  cut (c, top, n_top, depth + 1);
  cut (c, bottom, n_bottom, depth + 1);
  return TRUE;
}

static void
cut (Cutter      *c,
     const guint *lines,
     guint        n,
     int          depth)
{
  if (n > 1 && depth < MAX_DEPTH &&
      (cut_columns (c, lines, n, depth) || cut_bands (c, lines, n, depth)))
    return;

  for (guint i = 0; i < n; i++)
    c->out[c->n_out++] = lines[i];
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double d = *(const double *) a - *(const double *) b;

  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

static double
median_height (const GlossCharBox *boxes,
               guint               n)
{
  g_autofree double *heights = g_new (double, MAX (n, 1));
  double median;

  for (guint i = 0; i < n; i++)
    heights[i] = boxes[i].y2 - boxes[i].y1;
  qsort (heights, n, sizeof (double), compare_doubles);
  median = n > 0 ? heights[n / 2] : 10;

  return MAX (median, 2.0);
}

/* A running head or foot: the lines at the top (or bottom) of the page
 * that a gap of at least @gap parts from all the others. Read before (or
 * after) the rest, even when they sit beside a column. Returns how many
 * of @sorted (by top edge, or by bottom edge from the bottom) they are. */
static guint
edge_band (const GlossCharBox *boxes,
           const guint        *sorted,
           guint               n,
           gboolean            from_bottom,
           double              gap)
{
  double edge;

  if (n < 3)
    return 0;
  edge = from_bottom ? boxes[sorted[0]].y1 : boxes[sorted[0]].y2;
  for (guint i = 1; i < n; i++)
    {
      const GlossCharBox *b = &boxes[sorted[i]];

      if (from_bottom ? edge - b->y2 >= gap : b->y1 - edge >= gap)
        return i;
      edge = from_bottom ? MIN (edge, b->y1) : MAX (edge, b->y2);
    }
  return 0;
}

static int
compare_bottom (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const GlossCharBox *boxes = data;
  double d = boxes[*(const guint *) b].y2 - boxes[*(const guint *) a].y2;

  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/* The lines marked in @in, in the order they came, read by themselves. */
static void
cut_subset (Cutter         *c,
            guint           n,
            const gboolean *in)
{
  g_autofree guint *members = g_new (guint, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (in[i])
      members[m++] = i;
  cut (c, members, m, 1);
}

void
gloss_reading_order (const GlossCharBox *boxes,
                     guint               n,
                     gboolean            right_to_left,
                     guint              *order)
{
  g_autofree guint *by_top = g_new (guint, MAX (n, 1));
  g_autofree guint *by_bottom = g_new (guint, MAX (n, 1));
  g_autofree gboolean *head = g_new0 (gboolean, MAX (n, 1));
  g_autofree gboolean *foot = g_new0 (gboolean, MAX (n, 1));
  double height = median_height (boxes, n);
  /* Half a line: wider than any gap between the words of a line poppler
   * has split, narrower than a column gutter. */
  Cutter c = { boxes, right_to_left, height * 0.5, order, 0 };
  guint n_head, n_foot;

  for (guint i = 0; i < n; i++)
    by_top[i] = by_bottom[i] = i;
  g_qsort_with_data (by_top, n, sizeof (guint), compare_y, (gpointer) boxes);
  g_qsort_with_data (by_bottom, n, sizeof (guint), compare_bottom, (gpointer) boxes);

  /* A head a line's height above the rest, a foot two lines below it. */
  n_head = edge_band (boxes, by_top, n, FALSE, height);
  for (guint i = 0; i < n_head; i++)
    head[by_top[i]] = TRUE;
  n_foot = edge_band (boxes, by_bottom, n, TRUE, 2 * height);
  for (guint i = 0; i < n_foot; i++)
    if (!head[by_bottom[i]])
      foot[by_bottom[i]] = TRUE;

  if (n_head > 0)
    cut_subset (&c, n, head);
  {
    g_autofree gboolean *body = g_new (gboolean, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      body[i] = !head[i] && !foot[i];
    cut_subset (&c, n, body);
  }
  if (n_foot > 0)
    cut_subset (&c, n, foot);
  g_assert (c.n_out == n);
}
