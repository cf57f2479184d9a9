/* gloss-exchange-util.c: files, escaping, times and re-anchoring for the
 * exchange code (copies, merge, REFI-QDA, excerpt exports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-exchange-private.h"

/* Files */

char *
_gloss_sibling_temp_path (const char *path,
                          const char *suffix)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  char letters[7];
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";

  for (guint i = 0; i < 6; i++)
    letters[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  letters[6] = '\0';

  name = g_strdup_printf (".%s.%s%s", base, letters, suffix != NULL ? suffix : "");
  return g_build_filename (dir, name, NULL);
}

void
_gloss_remove_database_files (const char *path)
{
  (void) gloss_project_remove_files (path, NULL);
}

/* Escaping */

/* The next character of @p, or the next byte where @p does not start a
 * whole UTF-8 character: a walk with it stops at the terminating NUL even
 * in a string that another program filled with bytes that are not UTF-8. */
const char *
_gloss_utf8_next_valid (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return p + 1;
  return g_utf8_next_char (p);
}

static gboolean
xml_char_allowed (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

void
_gloss_xml_escape_append (GString    *out,
                          const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p = _gloss_utf8_next_valid (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      /* Another program may have put bytes that are not UTF-8 in the
       * project: each such byte is written as U+FFFD, never read past. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\xef\xbf\xbd");
          continue;
        }
      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        /* Kept as references so that attribute normalisation and line-end
         * handling give them back unchanged. */
        case '\r': g_string_append (out, "&#13;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        default:
          if (xml_char_allowed (c))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

void
_gloss_json_escape_append (GString    *out,
                           const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) (text != NULL ? text : ""); *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

char *
_gloss_utf8_head (const char *text,
                  glong       n_chars)
{
  const char *end = text != NULL ? text : "";

  /* g_utf8_substring reads past a string shorter than its end. */
  for (glong i = 0; i < n_chars && *end != '\0'; i++)
    end = _gloss_utf8_next_valid (end);

  return g_strndup (text != NULL ? text : "", end - (text != NULL ? text : ""));
}

/* Times */

char *
_gloss_format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec <= 0)
    return g_strdup ("");

  time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

gint64
_gloss_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || *text == '\0')
    return 0;

  /* xsd:dateTime may come without a zone: read it as UTC. */
  time = g_date_time_new_from_iso8601 (text, utc);
  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : 0;
}

/* GUIDs */

char *
_gloss_derived_guid (const char *guid,
                     const char *salt)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) salt, -1);
  g_checksum_update (checksum, (const guchar *) ":", 1);
  g_checksum_update (checksum, (const guchar *) guid, -1);
  g_checksum_get_digest (checksum, digest, &length);

  /* Shaped as a name-based (version 5) UUID. */
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

gboolean
_gloss_guid_is_valid (const char *guid)
{
  static const int dashes[] = { 8, 13, 18, 23 };
  const char *p = guid;
  gsize length;

  if (guid == NULL)
    return FALSE;

  length = strlen (guid);
  if (length == 38 && guid[0] == '{' && guid[37] == '}')
    p = guid + 1, length = 36;
  if (length != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      gboolean dash = FALSE;
      for (guint j = 0; j < G_N_ELEMENTS (dashes); j++)
        dash = dash || dashes[j] == (int) i;
      if (dash ? p[i] != '-' : !g_ascii_isxdigit (p[i]))
        return FALSE;
    }

  return TRUE;
}

/* Re-anchoring */

static glong
common_suffix_length (const gunichar *chars,
                      glong           before,
                      const gunichar *prefix,
                      glong           n_prefix)
{
  glong n = 0;

  while (n < n_prefix && n < before && chars[before - 1 - n] == prefix[n_prefix - 1 - n])
    n++;

  return n;
}

static glong
common_prefix_length (const gunichar *chars,
                      glong           n_chars,
                      glong           after,
                      const gunichar *suffix,
                      glong           n_suffix)
{
  glong n = 0;

  while (n < n_suffix && after + n < n_chars && chars[after + n] == suffix[n])
    n++;

  return n;
}

/* Prefers the most matching context, then the nearest to @hint. */
static void
consider (const gunichar *chars,
          glong           n_chars,
          glong           start,
          glong           end,
          const gunichar *prefix,
          glong           n_prefix,
          const gunichar *suffix,
          glong           n_suffix,
          gint64          hint,
          glong          *best_score,
          gint64         *best_distance,
          gint64         *best_start,
          gint64         *best_end)
{
  glong score = common_suffix_length (chars, start, prefix, n_prefix) +
                common_prefix_length (chars, n_chars, end, suffix, n_suffix);
  gint64 distance = ABS ((gint64) start - hint);

  if (score > *best_score || (score == *best_score && distance < *best_distance))
    {
      *best_score = score;
      *best_distance = distance;
      *best_start = start;
      *best_end = end;
    }
}

/* Looks for the quote in [from, to) of the text; "whitespace-insensitive"
 * searches the UTF-8 of that stretch. */
static void
search_stretch (const char     *text,
                const gunichar *chars,
                glong           n_chars,
                glong           from,
                glong           to,
                const char     *quote,
                const gunichar *q,
                glong           n_q,
                const gunichar *pre,
                glong           n_pre,
                const gunichar *suf,
                glong           n_suf,
                gint64          hint,
                gboolean        loose,
                glong          *best_score,
                gint64         *best_distance,
                gint64         *start,
                gint64         *end)
{
  if (!loose)
    {
      for (glong i = from; i + n_q <= to; i++)
        if (chars[i] == q[0] && memcmp (chars + i, q, n_q * sizeof (gunichar)) == 0)
          consider (chars, n_chars, i, i + n_q, pre, n_pre, suf, n_suf, hint,
                    best_score, best_distance, start, end);
      return;
    }

  {
    g_autofree char *stretch = from == 0 && to == n_chars ? NULL
                               : g_ucs4_to_utf8 (chars + from, to - from, NULL, NULL, NULL);
    g_autoptr(GArray) hits = _gloss_find_in_text (stretch != NULL ? stretch : text, quote, TRUE);

    for (guint i = 0; i < hits->len; i++)
      {
        const gint64 *range = &g_array_index (hits, gint64, i * 2);
        consider (chars, n_chars, from + range[0], from + range[1], pre, n_pre, suf, n_suf, hint,
                  best_score, best_distance, start, end);
      }
  }
}

/* Searched first, on each side of the hint: a match there with all its
 * context is the best there is (any other is farther away), so the whole
 * text is only searched when there is none; many codings on a long text
 * then cost little each. */
#define NEAR_CHARS 8192

gboolean
_gloss_reanchor (const char     *text,
                 const gunichar *chars,
                 glong           n_chars,
                 const char     *quote,
                 const char     *prefix,
                 const char     *suffix,
                 gint64          hint,
                 gint64         *start,
                 gint64         *end)
{
  g_autofree gunichar *q = NULL;
  g_autofree gunichar *pre = NULL;
  g_autofree gunichar *suf = NULL;
  glong n_q = 0, n_pre = 0, n_suf = 0;

  if (quote == NULL || *quote == '\0')
    return FALSE;

  q = g_utf8_to_ucs4_fast (quote, -1, &n_q);
  pre = g_utf8_to_ucs4_fast (prefix != NULL ? prefix : "", -1, &n_pre);
  suf = g_utf8_to_ucs4_fast (suffix != NULL ? suffix : "", -1, &n_suf);

  /* Where it was, unchanged: nothing to do. */
  if (hint >= 0 && hint + n_q <= n_chars &&
      memcmp (chars + hint, q, n_q * sizeof (gunichar)) == 0)
    {
      *start = hint;
      *end = hint + n_q;
      return TRUE;
    }

  /* The exact quote, then whitespace-insensitive; near the hint, then
   * everywhere. */
  for (int loose = 0; loose <= 1; loose++)
    {
      glong best_score = -1;
      gint64 best_distance = G_MAXINT64;
      gint64 centre = CLAMP (hint, 0, n_chars);
      glong from = MAX (centre - NEAR_CHARS, 0);
      glong to = MIN (centre + NEAR_CHARS + n_q, n_chars);

      search_stretch (text, chars, n_chars, from, to, quote, q, n_q, pre, n_pre, suf, n_suf, hint,
                      loose, &best_score, &best_distance, start, end);
      if (best_score == n_pre + n_suf)
        return TRUE;
      if (from > 0 || to < n_chars)
        search_stretch (text, chars, n_chars, 0, n_chars, quote, q, n_q, pre, n_pre, suf, n_suf, hint,
                        loose, &best_score, &best_distance, start, end);
      if (best_score >= 0)
        return TRUE;
    }

  return FALSE;
}

/* Pages */

static guint
page_at (GPtrArray *pages,
         gint64     offset)
{
  guint lo = 0, hi = pages->len;

  /* The last page whose start is at or before @offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      const GlossPage *page = g_ptr_array_index (pages, mid);

      if (page->start <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

char *
_gloss_pages_label (GPtrArray *pages,
                    gint64     start,
                    gint64     end)
{
  guint first, last;

  if (pages == NULL || pages->len == 0)
    return g_strdup ("");

  first = page_at (pages, start);
  last = page_at (pages, MAX (start, end - 1));

  if (first == last)
    return g_strdup_printf ("%u", first + 1);

  return g_strdup_printf ("%u-%u", first + 1, last + 1);
}

GlossProject *
_gloss_project_open_for_thread (const char  *path,
                                GError     **error)
{
  return gloss_project_open (path, error);
}
