/* gloss-hyphenation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-hyphenation.h"

static gboolean
is_hyphen (gunichar c)
{
  /* hyphen-minus, soft hyphen, hyphen */
  return c == '-' || c == 0x00AD || c == 0x2010;
}

gboolean
gloss_is_line_hyphen (const gunichar *text,
                      glong           n,
                      glong           i)
{
  return i > 0 && i + 2 < n && is_hyphen (text[i]) && text[i + 1] == '\n' &&
         g_unichar_isalpha (text[i - 1]) && g_unichar_islower (text[i + 2]);
}

char *
gloss_text_join_line_hyphens (const char *text)
{
  g_autofree gunichar *chars = NULL;
  GString *out;
  glong n = 0;

  if (text == NULL)
    return NULL;
  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  out = g_string_sized_new (strlen (text));
  for (glong i = 0; i < n; i++)
    {
      if (gloss_is_line_hyphen (chars, n, i))
        {
          i++;
          continue;
        }
      g_string_append_unichar (out, chars[i]);
    }

  return g_string_free (out, FALSE);
}

char *
gloss_text_one_line (const char *text)
{
  char *line = gloss_text_join_line_hyphens (text != NULL ? text : "");

  /* The text breaks lines where the page did; a quote reads as one run. */
  return g_strdelimit (line, "\f\n\r\t", ' ');
}
