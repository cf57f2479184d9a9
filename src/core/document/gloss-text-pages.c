/* gloss-text-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-text-pages.h"

/* Walks the visual lines of @text in order, reading it once as UTF-8 and
 * never holding more than one line's code points: the text of a large
 * document is not copied. */
void
gloss_text_foreach_line (const char          *text,
                         GlossTextLineFunc    func,
                         gpointer             user_data)
{
  const char *p = text;
  gint64 pos = 0;

  for (;;)
    {
      gunichar chars[GLOSS_TEXT_COLUMNS];
      const char *after[GLOSS_TEXT_COLUMNS];
      const char *q = p;
      gint64 n = 0;
      gint64 take;

      while (n < GLOSS_TEXT_COLUMNS && *q != '\0' && *q != '\n')
        {
          chars[n] = g_utf8_get_char (q);
          q = g_utf8_next_char (q);
          after[n++] = q;
        }

      if (*q == '\0')
        {
          /* The last hard line; none after a final line break, but an
           * empty text has one empty line. */
          if (n > 0 || pos == 0)
            func (pos, n, user_data);
          return;
        }
      if (*q == '\n')
        {
          func (pos, n, user_data);
          p = q + 1;
          pos += n + 1;
          continue;
        }

      /* The hard line goes on: break after the last space that fits; a
       * word longer than a line is cut. */
      take = GLOSS_TEXT_COLUMNS;
      for (gint64 i = GLOSS_TEXT_COLUMNS; i > 0; i--)
        if (g_unichar_isspace (chars[i - 1]))
          {
            take = i;
            break;
          }
      func (pos, take, user_data);
      p = after[take - 1];
      pos += take;
    }
}

static void
push_line (gint64   start,
           gint64   length,
           gpointer user_data)
{
  GlossTextLine line = { start, length };

  g_array_append_val ((GArray *) user_data, line);
}

GArray *
gloss_text_wrap_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (GlossTextLine));

  gloss_text_foreach_line (text, push_line, lines);
  return lines;
}

guint
gloss_text_count_pages (GArray *lines)
{
  guint n = (lines->len + GLOSS_TEXT_LINES_PER_PAGE - 1) / GLOSS_TEXT_LINES_PER_PAGE;

  return MAX (n, 1);
}
