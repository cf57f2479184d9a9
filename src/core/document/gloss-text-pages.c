/* gloss-text-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-text-pages.h"

static void
push_line (GArray *lines,
           gint64  start,
           gint64  length)
{
  GlossTextLine line = { start, length };

  g_array_append_val (lines, line);
}

/* Wraps one hard line of @n code points starting at @base. */
static void
wrap_hard_line (GArray         *lines,
                const gunichar *chars,
                gint64          base,
                gint64          n)
{
  gint64 pos = 0;

  if (n == 0)
    {
      push_line (lines, base, 0);
      return;
    }

  while (pos < n)
    {
      gint64 remaining = n - pos;
      gint64 take;

      if (remaining <= GLOSS_TEXT_COLUMNS)
        {
          push_line (lines, base + pos, remaining);
          break;
        }

      /* Break after the last space that fits; a word longer than a line is cut. */
      take = GLOSS_TEXT_COLUMNS;
      for (gint64 i = GLOSS_TEXT_COLUMNS; i > 0; i--)
        {
          if (g_unichar_isspace (chars[base + pos + i - 1]))
            {
              take = i;
              break;
            }
        }

      push_line (lines, base + pos, take);
      pos += take;
    }
}

GArray *
gloss_text_wrap_lines (const char *text)
{
  g_autofree gunichar *chars = NULL;
  GArray *lines;
  glong n_chars = 0;
  gint64 line_start = 0;

  lines = g_array_new (FALSE, FALSE, sizeof (GlossTextLine));
  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);

  for (gint64 i = 0; i < n_chars; i++)
    {
      if (chars[i] == '\n')
        {
          wrap_hard_line (lines, chars, line_start, i - line_start);
          line_start = i + 1;
        }
    }

  if (line_start < n_chars || n_chars == 0)
    wrap_hard_line (lines, chars, line_start, n_chars - line_start);

  return lines;
}

guint
gloss_text_count_pages (GArray *lines)
{
  guint n = (lines->len + GLOSS_TEXT_LINES_PER_PAGE - 1) / GLOSS_TEXT_LINES_PER_PAGE;

  return MAX (n, 1);
}
