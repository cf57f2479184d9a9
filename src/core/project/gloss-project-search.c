/* gloss-project-search.c: finding a phrase, and coding what was found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-hyphenation.h"
#include "gloss-project-private.h"

static gunichar *
to_chars (const char *text,
          gboolean    case_sensitive,
          glong      *n_chars)
{
  gunichar *chars = g_utf8_to_ucs4_fast (text, -1, n_chars);

  /* A one-to-one lowering keeps every offset where it was. */
  if (!case_sensitive)
    for (glong i = 0; i < *n_chars; i++)
      chars[i] = g_unichar_tolower (chars[i]);

  return chars;
}

/* Hebrew points and Arabic vowel marks (and the Arabic joining stroke):
 * a word typed without them still finds it written with them. */
static gboolean
is_vowel_mark (gunichar c)
{
  return c == 0x0640 ||
         (g_unichar_ismark (c) && ((c >= 0x0591 && c <= 0x05C7) || (c >= 0x0610 && c <= 0x06ED)));
}

/* Skips what the text may hold before the phrase's next character @next
 * and the phrase does not: vowel marks, a line-end hyphen and its break. */
static glong
skip_unmatched (const gunichar *text,
                glong           n_text,
                glong           i,
                gunichar        next)
{
  for (;;)
    {
      if (i < n_text && is_vowel_mark (text[i]) && !is_vowel_mark (next))
        i++;
      else if (next != '-' && gloss_is_line_hyphen (text, n_text, i))
        i += 2;
      else
        return i;
    }
}

/* Matches @word at @pos; returns the position after it or -1. */
static glong
match_word (const gunichar *text,
            glong           n_text,
            glong           pos,
            const gunichar *word,
            glong           n_word)
{
  glong i = pos;

  for (glong k = 0; k < n_word; k++)
    {
      if (k > 0)
        i = skip_unmatched (text, n_text, i, word[k]);
      if (i >= n_text || text[i] != word[k])
        return -1;
      i++;
      /* "well-known" finds "well-" at a line end and "known" below. */
      if (word[k] == '-' && k + 1 < n_word && i < n_text && text[i] == '\n')
        i++;
    }

  /* The last letter's marks belong to the hit. */
  while (i < n_text && is_vowel_mark (text[i]))
    i++;

  return i;
}

/* Words of the phrase as (start, length) into its characters. */
static GArray *
split_words (const gunichar *phrase,
             glong           n_phrase)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (glong) * 2);
  glong i = 0;

  while (i < n_phrase)
    {
      glong word[2];

      while (i < n_phrase && g_unichar_isspace (phrase[i]))
        i++;
      if (i == n_phrase)
        break;
      word[0] = i;
      while (i < n_phrase && !g_unichar_isspace (phrase[i]))
        i++;
      word[1] = i - word[0];
      g_array_append_val (words, word);
    }

  return words;
}

/* A whitespace run in the phrase matches any whitespace run in the text,
 * so that a phrase still matches across a PDF line or page break. */
GArray *
_gloss_find_in_text (const char *text,
                     const char *phrase,
                     gboolean    case_sensitive)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autofree gunichar *t = NULL;
  g_autofree gunichar *p = NULL;
  g_autoptr(GArray) words = NULL;
  glong n_text = 0;
  glong n_phrase = 0;
  glong pos = 0;

  t = to_chars (text, case_sensitive, &n_text);
  p = to_chars (phrase, case_sensitive, &n_phrase);
  words = split_words (p, n_phrase);
  if (words->len == 0 || t == NULL)
    return hits;

  while (pos < n_text)
    {
      glong end = pos;

      for (guint w = 0; w < words->len && end >= 0; w++)
        {
          const glong *word = &g_array_index (words, glong, w * 2);

          if (w > 0)
            {
              glong gap = end;
              while (end < n_text && g_unichar_isspace (t[end]))
                end++;
              if (end == gap)
                {
                  end = -1;
                  break;
                }
            }
          end = match_word (t, n_text, end, p + word[0], word[1]);
        }

      if (end > pos)
        {
          gint64 hit[2] = { pos, end };
          g_array_append_val (hits, hit);
          pos = end;
        }
      else
        pos++;
    }

  return hits;
}

static guint
page_of (GPtrArray *pages,
         gint64     offset)
{
  guint lo = 0;
  guint hi = pages->len;

  /* The last page whose start is at or before the offset. */
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

static gboolean
search_document (GlossProject  *self,
                 gint64         document_id,
                 const char    *phrase,
                 gboolean       case_sensitive,
                 GPtrArray     *results,
                 GError       **error)
{
  g_autofree char *text = gloss_project_get_text (self, document_id, 0, -1, error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GArray) hits = NULL;

  if (text == NULL || (pages = gloss_project_get_pages (self, document_id, error)) == NULL)
    return FALSE;

  hits = _gloss_find_in_text (text, phrase, case_sensitive);
  for (guint i = 0; i < hits->len; i++)
    {
      const gint64 *range = &g_array_index (hits, gint64, i * 2);
      GlossSearchHit *hit = g_new0 (GlossSearchHit, 1);

      hit->document_id = document_id;
      hit->start = range[0];
      hit->end = range[1];
      hit->page = pages->len > 0 ? page_of (pages, range[0]) : 0;
      g_ptr_array_add (results, hit);
    }

  return TRUE;
}

GPtrArray *
gloss_project_search (GlossProject  *self,
                      gint64         document_id,
                      const char    *phrase,
                      gboolean       case_sensitive,
                      GError       **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_search_hit_free);

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (_gloss_is_blank (phrase))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Nothing to search for"));
      return NULL;
    }

  if (document_id != 0)
    {
      if (!search_document (self, document_id, phrase, case_sensitive, results, error))
        return NULL;
    }
  else
    {
      g_autoptr(GPtrArray) documents = gloss_project_list_documents (self, error);

      if (documents == NULL)
        return NULL;
      for (guint i = 0; i < documents->len; i++)
        {
          const GlossDocumentInfo *info = g_ptr_array_index (documents, i);
          if (!search_document (self, info->id, phrase, case_sensitive, results, error))
            return NULL;
        }
    }

  return g_steal_pointer (&results);
}

static gboolean
coding_exists (GlossProject *self,
               gint64        document_id,
               gint64        coder_id,
               gint64        code_id,
               gint64        start,
               gint64        end)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "SELECT 1 FROM coding WHERE document_id = ?1 AND coder_id = ?2 "
                                               "AND code_id = ?3 AND start = ?4 AND end = ?5", NULL);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, coder_id);
  sqlite3_bind_int64 (stmt, 3, code_id);
  sqlite3_bind_int64 (stmt, 4, start);
  sqlite3_bind_int64 (stmt, 5, end);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return exists;
}

gint64
gloss_project_code_hits (GlossProject  *self,
                         GPtrArray     *hits,
                         gint64         coder_id,
                         gint64         code_id,
                         GError       **error)
{
  g_autofree char *label = NULL;
  gint64 added = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), -1);
  g_return_val_if_fail (hits != NULL, -1);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Code %u hit", "Code %u hits", hits->len), hits->len);
  if (!gloss_project_begin_step (self, label, error))
    return -1;

  for (guint i = 0; i < hits->len; i++)
    {
      const GlossSearchHit *hit = g_ptr_array_index (hits, i);

      if (coding_exists (self, hit->document_id, coder_id, code_id, hit->start, hit->end))
        continue;
      if (gloss_project_add_coding (self, hit->document_id, coder_id, code_id,
                                    hit->start, hit->end, NULL, error) == 0)
        {
          gloss_project_abort_step (self);
          return -1;
        }
      added++;
    }

  if (!gloss_project_end_step (self, error))
    return -1;

  return added;
}
