/* gloss-page-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "gloss-page-layout.h"

static inline double
box_width (const GlossCharBox *b)
{
  return b->x2 - b->x1;
}

static inline double
box_height (const GlossCharBox *b)
{
  return b->y2 - b->y1;
}

/* Rotated text runs top to bottom: its boxes are wider than tall. */
static inline gboolean
box_is_vertical (const GlossCharBox *b)
{
  return box_width (b) > 1.5 * box_height (b);
}

static double
overlap (double a1, double a2, double b1, double b2)
{
  return MIN (a2, b2) - MAX (a1, b1);
}

gboolean
gloss_char_boxes_same_line (const GlossCharBox *a,
                            const GlossCharBox *b)
{
  if (box_is_vertical (a) && box_is_vertical (b))
    {
      double w = MIN (box_width (a), box_width (b));
      double gap = MAX (b->y1 - a->y2, a->y1 - b->y2);

      return overlap (a->x1, a->x2, b->x1, b->x2) >= 0.5 * w && gap < 3 * w;
    }
  else
    {
      double h = MIN (box_height (a), box_height (b));
      double gap = MAX (b->x1 - a->x2, a->x1 - b->x2);

      return overlap (a->y1, a->y2, b->y1, b->y2) >= 0.5 * h && gap < 3 * MAX (h, 1.0);
    }
}

static void
box_union (GlossCharBox       *acc,
           const GlossCharBox *b)
{
  acc->x1 = MIN (acc->x1, b->x1);
  acc->y1 = MIN (acc->y1, b->y1);
  acc->x2 = MAX (acc->x2, b->x2);
  acc->y2 = MAX (acc->y2, b->y2);
}

guint
gloss_page_layout_range_rects (const GlossPageLayout *layout,
                               gint64                 start,
                               gint64                 end,
                               GArray                *rects)
{
  GlossCharBox acc = { 0 };
  GlossCharBox last = { 0 };
  gboolean open = FALSE;
  guint added = 0;

  start = CLAMP (start, 0, layout->n_chars);
  end = CLAMP (end, start, layout->n_chars);

  for (gint64 i = start; i < end; i++)
    {
      const GlossCharBox *b = &layout->boxes[i];

      if (!b->has_box)
        continue;

      /* Compare with the previous character, not the whole run, so a run
       * keeps going along its line whatever its direction. */
      if (open && gloss_char_boxes_same_line (&last, b))
        {
          box_union (&acc, b);
        }
      else
        {
          if (open)
            {
              g_array_append_val (rects, acc);
              added++;
            }
          acc = *b;
          open = TRUE;
        }
      last = *b;
    }

  if (open)
    {
      g_array_append_val (rects, acc);
      added++;
    }

  return added;
}

gint64
gloss_page_layout_char_at (const GlossPageLayout *layout,
                           double                 x,
                           double                 y)
{
  for (gint64 i = 0; i < layout->n_chars; i++)
    {
      const GlossCharBox *b = &layout->boxes[i];

      if (b->has_box && x >= b->x1 && x < b->x2 && y >= b->y1 && y < b->y2)
        return i;
    }

  return -1;
}

static double
distance_to_box (const GlossCharBox *b,
                 double              x,
                 double              y)
{
  double dx = x < b->x1 ? b->x1 - x : (x > b->x2 ? x - b->x2 : 0);
  double dy = y < b->y1 ? b->y1 - y : (y > b->y2 ? y - b->y2 : 0);

  /* Lines matter more than columns: prefer the line under the pointer. */
  return dx + 4 * dy;
}

static gint64
next_boxed (const GlossPageLayout *layout,
            gint64                 index)
{
  for (gint64 i = index + 1; i < layout->n_chars; i++)
    if (layout->boxes[i].has_box)
      return i;
  return -1;
}

static gint64
previous_boxed (const GlossPageLayout *layout,
                gint64                 index)
{
  for (gint64 i = index - 1; i >= 0; i--)
    if (layout->boxes[i].has_box)
      return i;
  return -1;
}

/* Which way the line around @index runs: +1 left to right (or top to
 * bottom), -1 right to left. */
static int
run_direction (const GlossPageLayout *layout,
               gint64                 index)
{
  const GlossCharBox *b = &layout->boxes[index];
  gint64 other = next_boxed (layout, index);
  gboolean after = TRUE;

  if (other < 0 || !gloss_char_boxes_same_line (b, &layout->boxes[other]))
    {
      other = previous_boxed (layout, index);
      after = FALSE;
    }
  if (other < 0 || !gloss_char_boxes_same_line (b, &layout->boxes[other]))
    return 1;

  {
    const GlossCharBox *o = &layout->boxes[other];
    double delta = box_is_vertical (b) ? (o->y1 + o->y2) - (b->y1 + b->y2)
                                       : (o->x1 + o->x2) - (b->x1 + b->x2);
    int dir = delta >= 0 ? 1 : -1;

    return after ? dir : -dir;
  }
}

gint64
gloss_page_layout_hit_test (const GlossPageLayout *layout,
                            double                 x,
                            double                 y)
{
  gint64 best = -1;
  double best_distance = G_MAXDOUBLE;
  const GlossCharBox *b;
  gboolean second_half;

  for (gint64 i = 0; i < layout->n_chars; i++)
    {
      double d;

      if (!layout->boxes[i].has_box)
        continue;
      d = distance_to_box (&layout->boxes[i], x, y);
      if (d < best_distance)
        {
          best_distance = d;
          best = i;
          if (d == 0)
            break;
        }
    }

  if (best < 0)
    return 0;

  b = &layout->boxes[best];
  if (box_is_vertical (b))
    second_half = y > (b->y1 + b->y2) / 2;
  else
    second_half = x > (b->x1 + b->x2) / 2;
  if (run_direction (layout, best) < 0)
    second_half = !second_half;

  return second_half ? best + 1 : best;
}

static gunichar *
layout_chars (const GlossPageLayout *layout,
              glong                 *n)
{
  return g_utf8_to_ucs4_fast (layout->text, -1, n);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '\'' || c == 0x2019 || c == '_';
}

void
gloss_page_layout_word_bounds (const GlossPageLayout *layout,
                               gint64                 index,
                               gint64                *start,
                               gint64                *end)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  gint64 s, e;

  chars = layout_chars (layout, &n);
  index = CLAMP (index, 0, MAX (n - 1, 0));
  if (n == 0 || !is_word_char (chars[index]))
    {
      *start = index;
      *end = MIN (index + 1, n);
      return;
    }

  for (s = index; s > 0 && is_word_char (chars[s - 1]); s--)
    ;
  for (e = index + 1; e < n && is_word_char (chars[e]); e++)
    ;

  *start = s;
  *end = e;
}

void
gloss_page_layout_line_bounds (const GlossPageLayout *layout,
                               gint64                 index,
                               gint64                *start,
                               gint64                *end)
{
  gint64 s, e;
  gint64 i;

  if (layout->n_chars == 0)
    {
      *start = *end = 0;
      return;
    }

  index = CLAMP (index, 0, layout->n_chars - 1);
  s = e = index;

  if (layout->boxes[index].has_box)
    {
      for (i = previous_boxed (layout, index);
           i >= 0 && gloss_char_boxes_same_line (&layout->boxes[i], &layout->boxes[s]);
           i = previous_boxed (layout, i))
        s = i;
      for (i = next_boxed (layout, index);
           i >= 0 && gloss_char_boxes_same_line (&layout->boxes[e], &layout->boxes[i]);
           i = next_boxed (layout, i))
        e = i;
    }

  *start = s;
  *end = e + 1;
}
