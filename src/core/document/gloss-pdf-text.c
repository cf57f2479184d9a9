/* gloss-pdf-text.c
 *
 * How poppler (22.12) gives a page: poppler_page_get_text() is the page's
 * lines, each line its words, each word passed through reorderText(): a
 * right-to-left run comes out reversed between RLE and PDF marks (and on a
 * page poppler finds mostly right-to-left, every word is wrapped in RLE ...
 * PDF with its left-to-right runs between LRE and PDF). The rectangles of
 * poppler_page_get_text_layout() follow the words' own character order:
 * per line, per word, one per character, one for the space after a word
 * (when poppler puts one in the text), one for each line end but the last.
 *
 * So the characters are first put back into the words' order, where they
 * meet their rectangles one to one. A line with right-to-left text is then
 * rebuilt from its glyphs: sorted left to right as drawn, a space wherever
 * a gap parts two glyphs, and read in logical order with the Unicode bidi
 * algorithm (fribidi), its base direction that of most of its letters.
 * Lines without right-to-left text keep poppler's characters as they are.
 * Last, the lines are put in reading order (gloss-reading-order.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fribidi.h>
#include <string.h>

#include "gloss-import.h"
#include "gloss-pdf-text.h"
#include "gloss-reading-order.h"

#define MAX_MARK_DEPTH 8

typedef struct
{
  gunichar     c;
  GlossCharBox box;
  gint64       raw;   /* index into poppler's text, -1: made here */
} PageChar;

typedef struct
{
  GArray      *chars;   /* PageChar */
  GlossCharBox bounds;
  gboolean     has_bounds;
} Line;

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_clear_pointer (&line->chars, g_array_unref);
}

static gboolean
is_bidi_mark (gunichar c)
{
  return c == 0x200E || c == 0x200F || c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_rtl_char (gunichar c)
{
  FriBidiCharType type = fribidi_get_bidi_type (c);

  return type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL;
}

/* Poppler's text back into its words' order */

/* Appends to @out the raw indices of the group that starts at *pos (after
 * its opening mark), up to its closing PDF. A group opened by RLE or RLO
 * holds its items reversed; items are characters and nested groups. */
static void
flatten_group (const gunichar *raw,
               glong          *pos,
               glong           end,
               gboolean        reversed,
               int             depth,
               GArray         *out)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  while (*pos < end)
    {
      gunichar c = raw[*pos];
      GArray *item = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_ptr_array_add (items, item);
      if (c == 0x202C)
        {
          (*pos)++;
          break;
        }
      if ((c == 0x202A || c == 0x202B || c == 0x202D || c == 0x202E) && depth < MAX_MARK_DEPTH)
        {
          (*pos)++;
          flatten_group (raw, pos, end, c == 0x202B || c == 0x202E, depth + 1, item);
          continue;
        }
      if (!is_bidi_mark (c))
        {
          gint64 index = *pos;
          g_array_append_val (item, index);
        }
      (*pos)++;
    }

  for (guint k = 0; k < items->len; k++)
    {
      GArray *item = g_ptr_array_index (items, reversed ? items->len - 1 - k : k);

      g_array_append_vals (out, item->data, item->len);
    }
}

/* The raw indices of the page in the words' order, lines ended by their
 * '\n' (also raw indices). */
static GArray *
storage_order (const gunichar *raw,
               glong           n_raw)
{
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_raw);
  glong pos = 0;

  while (pos < n_raw)
    {
      glong end = pos;

      while (end < n_raw && raw[end] != '\n')
        end++;
      flatten_group (raw, &pos, end, FALSE, 0, order);
      /* A stray PDF closes nothing: read on to the line end. */
      while (pos < end)
        flatten_group (raw, &pos, end, FALSE, 0, order);
      if (end < n_raw)
        {
          gint64 newline = end;
          g_array_append_val (order, newline);
        }
      pos = end + 1;
    }

  return order;
}

static GlossCharBox
box_of_rect (const PopplerRectangle *rect)
{
  return (GlossCharBox) {
    MIN (rect->x1, rect->x2), MIN (rect->y1, rect->y2),
    MAX (rect->x1, rect->x2), MAX (rect->y1, rect->y2),
    TRUE,
  };
}

/* Characters in the words' order meet the rectangles one to one; should
 * poppler give fewer, the line ends go without one, the last ones first. */
static GArray *
lines_from_poppler (const gunichar         *raw,
                    glong                   n_raw,
                    const PopplerRectangle *rects,
                    guint                   n_rects)
{
  g_autoptr(GArray) order = storage_order (raw, n_raw);
  g_autofree gboolean *boxless = g_new0 (gboolean, MAX (order->len, 1));
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  glong deficit = (glong) order->len - (glong) n_rects;
  guint r = 0;
  Line *line = NULL;

  g_array_set_clear_func (lines, line_clear);
  for (glong i = order->len - 1; i >= 0 && deficit > 0; i--)
    if (raw[g_array_index (order, gint64, i)] == '\n')
      {
        boxless[i] = TRUE;
        deficit--;
      }

  for (guint i = 0; i < order->len; i++)
    {
      gint64 index = g_array_index (order, gint64, i);
      PageChar pc = { raw[index], { 0 }, index };

      if (!boxless[i] && r < n_rects)
        pc.box = box_of_rect (&rects[r++]);
      if (line == NULL)
        {
          Line empty = { g_array_new (FALSE, FALSE, sizeof (PageChar)), { 0 }, FALSE };
          g_array_append_val (lines, empty);
          line = &g_array_index (lines, Line, lines->len - 1);
        }
      if (pc.c == '\n')
        {
          line = NULL;
          continue;
        }
      g_array_append_val (line->chars, pc);
    }

  return lines;
}

/* Right-to-left lines, rebuilt from their glyphs */

static double
box_width (const GlossCharBox *b)
{
  return b->x2 - b->x1;
}

static double
box_height (const GlossCharBox *b)
{
  return b->y2 - b->y1;
}

/* poppler splits the box of a glyph that stands for several characters
 * (a ligature, or a producer's mapping of a whole word onto one glyph)
 * into equal slices, one per character, in the order of the mapping,
 * which is logical. Such slices stay together, in their order. */
static gboolean
is_slice_along (double a1, double a2, double b1, double b2,   /* along the line */
                double c1, double c2, double d1, double d2)   /* across it */
{
  double w = b2 - b1;

  return w > 0.01 && w < 0.2 * (d2 - d1) && ABS ((a2 - a1) - w) < 0.01 &&
         (ABS (a2 - b1) < 0.01 || ABS (b2 - a1) < 0.01) &&
         ABS (c1 - d1) < 0.01 && ABS (c2 - d2) < 0.01;
}

static gboolean
is_slice_of_previous (const PageChar *previous,
                      const PageChar *pc)
{
  const GlossCharBox *a = &previous->box;
  const GlossCharBox *b = &pc->box;

  return a->has_box && b->has_box &&
         (is_slice_along (a->x1, a->x2, b->x1, b->x2, a->y1, a->y2, b->y1, b->y2) ||
          is_slice_along (a->y1, a->y2, b->y1, b->y2, a->x1, a->x2, b->x1, b->x2));
}

typedef struct
{
  guint  first;    /* into the line's glyphs */
  guint  n;
  double key;      /* where it is drawn, along the line */
  double start;    /* its extent along the line */
  double end;
} Unit;

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  double d = ((const Unit *) a)->key - ((const Unit *) b)->key;

  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

static gboolean
line_is_vertical (const Line *line)
{
  return line->has_bounds && box_height (&line->bounds) > 1.5 * box_width (&line->bounds) &&
         line->chars->len > 1;
}

/* Where a box starts and ends along the line, in its writing direction
 * (@sign -1: the line runs right to left or bottom to top on the page, as
 * on a rotated page). */
static double
along_start (const GlossCharBox *b,
             gboolean            vertical,
             int                 sign)
{
  if (vertical)
    return sign > 0 ? b->y1 : -b->y2;
  return sign > 0 ? b->x1 : -b->x2;
}

static double
along_end (const GlossCharBox *b,
           gboolean            vertical,
           int                 sign)
{
  if (vertical)
    return sign > 0 ? b->y2 : -b->y1;
  return sign > 0 ? b->x2 : -b->x1;
}

/* The way left-to-right letters follow each other on the line: poppler
 * keeps them in writing order. Without any, a line runs left to right or
 * top to bottom. */
static int
writing_sign (GArray   *chars,
              gboolean  vertical)
{
  double progress = 0;

  for (guint i = 1; i < chars->len; i++)
    {
      const PageChar *a = &g_array_index (chars, PageChar, i - 1);
      const PageChar *b = &g_array_index (chars, PageChar, i);

      if (!a->box.has_box || !b->box.has_box ||
          fribidi_get_bidi_type (a->c) != FRIBIDI_TYPE_LTR ||
          fribidi_get_bidi_type (b->c) != FRIBIDI_TYPE_LTR)
        continue;
      progress += vertical ? (b->box.y1 + b->box.y2) - (a->box.y1 + a->box.y2)
                           : (b->box.x1 + b->box.x2) - (a->box.x1 + a->box.x2);
    }
  return progress < 0 ? -1 : 1;
}

/* Glyphs in the order they are drawn, as units that are never parted: a
 * glyph with the marks that follow it, a glyph's slices. */
static GArray *
visual_units (GArray   *glyphs,
              gboolean  vertical,
              int       sign)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (Unit));

  for (guint i = 0; i < glyphs->len; i++)
    {
      const PageChar *pc = &g_array_index (glyphs, PageChar, i);
      Unit *last = units->len > 0 ? &g_array_index (units, Unit, units->len - 1) : NULL;

      if (last != NULL &&
          (g_unichar_ismark (pc->c) ||
           is_slice_of_previous (&g_array_index (glyphs, PageChar, i - 1), pc)))
        {
          last->n++;
          last->end = MAX (last->end, along_end (&pc->box, vertical, sign));
          continue;
        }

      {
        Unit unit = { i, 1, 0, along_start (&pc->box, vertical, sign),
                      along_end (&pc->box, vertical, sign) };
        unit.key = (unit.start + unit.end) / 2;
        g_array_append_val (units, unit);
      }
    }

  g_array_sort (units, compare_units);
  return units;
}

/* The character that speaks for a unit to the bidi algorithm. */
static gunichar
unit_char (GArray     *glyphs,
           const Unit *unit)
{
  for (guint k = 0; k < unit->n; k++)
    {
      gunichar c = g_array_index (glyphs, PageChar, unit->first + k).c;
      FriBidiCharType type = fribidi_get_bidi_type (c);

      if (FRIBIDI_IS_STRONG (type) || FRIBIDI_IS_NUMBER (type))
        return c;
    }
  return g_array_index (glyphs, PageChar, unit->first).c;
}

static gboolean
mostly_right_to_left (GArray *chars)
{
  glong balance = 0;

  for (guint i = 0; i < chars->len; i++)
    {
      gunichar c = g_array_index (chars, PageChar, i).c;
      FriBidiCharType type = fribidi_get_bidi_type (c);

      if (is_rtl_char (c))
        balance++;
      else if (type == FRIBIDI_TYPE_LTR)
        balance--;
    }
  return balance > 0;
}

/* The line's glyphs, drawn order, with a space put in where a gap wider
 * than a sixth of the line's height parts two units (poppler's own spaces
 * are left out: on right-to-left text they fall in the wrong places). */
static GArray *
drawn_sequence (GArray   *glyphs,
                GArray   *units,
                gboolean  vertical,
                GArray   *sequence)
{
  GArray *reps = g_array_new (FALSE, FALSE, sizeof (gunichar));
  double height = 0;

  for (guint i = 0; i < glyphs->len; i++)
    {
      const GlossCharBox *b = &g_array_index (glyphs, PageChar, i).box;
      height = MAX (height, vertical ? box_width (b) : box_height (b));
    }

  for (guint u = 0; u < units->len; u++)
    {
      Unit *unit = &g_array_index (units, Unit, u);

      if (u > 0)
        {
          const Unit *previous = &g_array_index (units, Unit, u - 1);

          if (unit->start - previous->end > height / 6)
            {
              Unit space = { G_MAXUINT, 1, 0, previous->end, unit->start };
              gunichar c = ' ';

              g_array_append_val (sequence, space);
              g_array_append_val (reps, c);
            }
        }
      g_array_append_val (sequence, *unit);
      {
        gunichar c = unit_char (glyphs, unit);
        g_array_append_val (reps, c);
      }
    }

  return reps;
}

static void
append_unit (GArray       *out,
             GArray       *glyphs,
             const Unit   *unit,
             const Line   *line,
             gboolean      vertical,
             int           sign)
{
  if (unit->first == G_MAXUINT)
    {
      /* A space: the gap it stands for. */
      PageChar space = { ' ', line->bounds, -1 };
      double lo = sign > 0 ? unit->start : -unit->end;
      double hi = sign > 0 ? unit->end : -unit->start;

      if (vertical)
        {
          space.box.y1 = lo;
          space.box.y2 = hi;
        }
      else
        {
          space.box.x1 = lo;
          space.box.x2 = hi;
        }
      g_array_append_val (out, space);
      return;
    }
  g_array_append_vals (out, &g_array_index (glyphs, PageChar, unit->first), unit->n);
}

static void
rebuild_right_to_left (Line *line)
{
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (PageChar));
  g_autoptr(GArray) units = NULL;
  g_autoptr(GArray) sequence = g_array_new (FALSE, FALSE, sizeof (Unit));
  g_autoptr(GArray) reps = NULL;
  g_autofree FriBidiCharType *types = NULL;
  g_autofree FriBidiBracketType *brackets = NULL;
  g_autofree FriBidiLevel *levels = NULL;
  g_autofree FriBidiStrIndex *map = NULL;
  FriBidiParType base;
  gboolean vertical = line_is_vertical (line);
  int sign;
  GArray *out;
  guint n;

  for (guint i = 0; i < line->chars->len; i++)
    {
      const PageChar *pc = &g_array_index (line->chars, PageChar, i);

      /* poppler's spaces go; gaps say where the spaces are. */
      if (pc->box.has_box && !(pc->c == ' ' && pc->raw >= 0 && i > 0 &&
                               !is_slice_of_previous (pc - 1, pc)))
        g_array_append_val (glyphs, *pc);
    }
  if (glyphs->len == 0)
    return;

  sign = writing_sign (line->chars, vertical);
  units = visual_units (glyphs, vertical, sign);
  reps = drawn_sequence (glyphs, units, vertical, sequence);
  n = reps->len;

  types = g_new (FriBidiCharType, n);
  brackets = g_new (FriBidiBracketType, n);
  levels = g_new (FriBidiLevel, n);
  map = g_new (FriBidiStrIndex, n);
  fribidi_get_bidi_types ((FriBidiChar *) reps->data, n, types);
  fribidi_get_bracket_types ((FriBidiChar *) reps->data, n, types, brackets);
  base = mostly_right_to_left (glyphs) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  for (guint i = 0; i < n; i++)
    map[i] = i;

  /* The drawn order read as if it were logical: for a line of runs in two
   * directions, reordering is its own inverse. */
  if (fribidi_get_par_embedding_levels_ex (types, brackets, n, &base, levels) == 0 ||
      fribidi_reorder_line (0, types, n, 0, base, levels, NULL, map) == 0)
    for (guint i = 0; i < n; i++)
      map[i] = i;

  /* map[k]: what fribidi would show k-th from the left, which is what
   * is read k-th. */
  out = g_array_sized_new (FALSE, FALSE, sizeof (PageChar), line->chars->len + 4);
  for (guint k = 0; k < n; k++)
    append_unit (out, glyphs, &g_array_index (sequence, Unit, map[k]), line, vertical, sign);
  /* Characters poppler gave no rectangle stay, at the line's end. */
  for (guint i = 0; i < line->chars->len; i++)
    {
      const PageChar *pc = &g_array_index (line->chars, PageChar, i);

      if (!pc->box.has_box && pc->c != ' ')
        g_array_append_val (out, *pc);
    }

  g_array_unref (line->chars);
  line->chars = out;
}

static gboolean
line_needs_bidi (const Line     *line,
                 const gunichar *raw,
                 glong           n_raw)
{
  for (guint i = 0; i < line->chars->len; i++)
    {
      const PageChar *pc = &g_array_index (line->chars, PageChar, i);

      if (is_rtl_char (pc->c))
        return TRUE;
      /* Marks around left-to-right words: poppler found the page right to
       * left, and may have put the words in either order. */
      if (pc->raw > 0 && pc->raw - 1 < n_raw && is_bidi_mark (raw[pc->raw - 1]))
        return TRUE;
    }
  return FALSE;
}

static void
measure_line (Line *line)
{
  line->has_bounds = FALSE;
  for (guint i = 0; i < line->chars->len; i++)
    {
      const GlossCharBox *b = &g_array_index (line->chars, PageChar, i).box;

      if (!b->has_box)
        continue;
      if (!line->has_bounds)
        line->bounds = *b;
      line->bounds.x1 = MIN (line->bounds.x1, b->x1);
      line->bounds.y1 = MIN (line->bounds.y1, b->y1);
      line->bounds.x2 = MAX (line->bounds.x2, b->x2);
      line->bounds.y2 = MAX (line->bounds.y2, b->y2);
      line->has_bounds = TRUE;
    }
}

/* Putting the page together */

static GlossPdfPageText *
assemble (GArray     *lines,
          glong       n_raw,
          const char *raw_text)
{
  g_autofree GlossCharBox *bounds = g_new0 (GlossCharBox, MAX (lines->len, 1));
  g_autofree guint *order = g_new (guint, MAX (lines->len, 1));
  GlossPdfPageText *page = g_new0 (GlossPdfPageText, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 total = 0, k = 0;
  glong rtl_balance = 0;
  GlossCharBox last = { 0 };

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);

      total += line->chars->len + (i > 0 ? 1 : 0);
      /* A line without boxes stays where it was, by its predecessor. */
      if (line->has_bounds)
        last = line->bounds;
      bounds[i] = last;
      rtl_balance += mostly_right_to_left (line->chars) ? 1 : -1;
    }
  gloss_reading_order (bounds, lines->len, rtl_balance > 0, order);

  page->boxes = g_new0 (GlossCharBox, MAX (total, 1));
  page->raw_index = g_new (gint64, MAX (total, 1));
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, order[i]);

      if (i > 0)
        {
          g_string_append_c (text, '\n');
          page->raw_index[k] = -1;
          page->boxes[k++] = (GlossCharBox) { 0 };
        }
      for (guint j = 0; j < line->chars->len; j++)
        {
          const PageChar *pc = &g_array_index (line->chars, PageChar, j);

          g_string_append_unichar (text, pc->c);
          page->raw_index[k] = pc->raw;
          page->boxes[k++] = pc->box;
        }
    }

  page->n_chars = k;
  page->text = g_string_free (g_steal_pointer (&text), FALSE);
  page->raw_text = g_strdup (raw_text);
  page->n_raw = n_raw;
  return page;
}

GlossPdfPageText *
gloss_pdf_page_text_build (const char             *raw_text,
                           const PopplerRectangle *rects,
                           guint                   n_rects)
{
  g_autofree gunichar *raw = NULL;
  g_autoptr(GArray) lines = NULL;
  glong n_raw = 0;

  raw = g_utf8_to_ucs4_fast (raw_text, -1, &n_raw);
  lines = lines_from_poppler (raw, n_raw, rects, n_rects);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      measure_line (line);
      if (line_needs_bidi (line, raw, n_raw))
        {
          rebuild_right_to_left (line);
          measure_line (line);
        }
    }

  return assemble (lines, n_raw, raw_text);
}

char *
gloss_pdf_page_raw_text (PopplerPage *page)
{
  g_autofree char *raw = poppler_page_get_text (page);
  char *text;

  if (raw == NULL)
    text = g_strdup ("");
  else if (!g_utf8_validate (raw, -1, NULL))
    text = g_utf8_make_valid (raw, -1);
  else
    text = g_strdup (raw);

  /* A form feed inside a page would shift every later page. */
  for (char *p = text; *p != '\0'; p++)
    if (*p == '\f')
      *p = ' ';

  return text;
}

GlossPdfPageText *
gloss_pdf_page_text_extract (PopplerPage *page)
{
  g_autofree char *raw = gloss_pdf_page_raw_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0;

  if (!poppler_page_get_text_layout (page, &rects, &n_rects))
    n_rects = 0;

  return gloss_pdf_page_text_build (raw, rects, n_rects);
}

void
gloss_pdf_page_text_free (GlossPdfPageText *text)
{
  if (text == NULL)
    return;

  g_free (text->text);
  g_free (text->boxes);
  g_free (text->raw_index);
  g_free (text->raw_text);
  g_free (text);
}
