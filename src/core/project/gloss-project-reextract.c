/* gloss-project-reextract.c: a document's text extracted again, its codings moved with it
 *
 * A document's text never changes once stored (DESIGN.md §4), except when
 * Gloss itself extracts PDF text differently: then the text of a document
 * of an older extraction is extracted again when its project is opened,
 * and every offset into it (codings, case passages, the history's copies
 * of them) is carried over to the new text.
 *
 * Offsets are carried character by character: the new extraction knows,
 * for each of its characters, the character of poppler's own text it came
 * from, which is what the first extraction stored. A passage becomes the
 * span of the new places of its characters. A page whose stored text is
 * neither poppler's nor the new one (another poppler made it) falls back
 * to the passage's quote, found in the new text nearest its old place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-import.h"
#include "gloss-pdf-text.h"
#include "gloss-project-private.h"

typedef struct
{
  GString *text;       /* the new document text */
  GArray  *pages;      /* GlossPage of the new text */
  gint64  *old_to_new; /* per old character, its new place or -1 */
  gint64   n_old;
  int      version;    /* the text extraction it is (document.text_extraction) */
} Extraction;

static void
extraction_clear (Extraction *ex)
{
  if (ex->text != NULL)
    g_string_free (ex->text, TRUE);
  g_clear_pointer (&ex->pages, g_array_unref);
  g_clear_pointer (&ex->old_to_new, g_free);
}

static PopplerDocument *
open_pdf (GlossProject  *self,
          gint64         document_id,
          GError       **error)
{
  g_autoptr(GBytes) bytes = gloss_project_get_bytes (self, document_id, error);
  g_autofree char *password = gloss_project_dup_document_password (self, document_id);
  g_autoptr(GInputStream) stream = NULL;

  if (bytes == NULL)
    return NULL;
  stream = g_memory_input_stream_new_from_bytes (bytes);
  return poppler_document_new_from_stream (stream, g_bytes_get_size (bytes), password, NULL, error);
}

/* Old page @old (its characters @old_chars) onto the new page @page. */
static void
map_page (Extraction             *ex,
          const GlossPage        *old,
          const char             *old_text,
          const GlossPdfPageText *page,
          gint64                  new_start)
{
  if (g_strcmp0 (old_text, page->raw_text) == 0 && old->length == page->n_raw)
    {
      for (gint64 j = 0; j < page->n_chars; j++)
        if (page->raw_index[j] >= 0 && page->raw_index[j] < old->length)
          ex->old_to_new[old->start + page->raw_index[j]] = new_start + j;
    }
  else if (g_strcmp0 (old_text, page->text) == 0)
    {
      for (gint64 j = 0; j < page->n_chars; j++)
        ex->old_to_new[old->start + j] = new_start + j;
    }
}

static gboolean
extract_again (GlossProject  *self,
               gint64         document_id,
               Extraction    *ex,
               GError       **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GPtrArray) old_pages = NULL;
  g_autofree char *old_text = NULL;
  g_autofree gunichar *old_chars = NULL;
  gint64 offset = 0;

  if ((old_pages = gloss_project_get_pages (self, document_id, error)) == NULL ||
      (old_text = gloss_project_get_text (self, document_id, 0, -1, error)) == NULL ||
      (document = open_pdf (self, document_id, error)) == NULL)
    return FALSE;

  old_chars = g_utf8_to_ucs4_fast (old_text, -1, &ex->n_old);
  ex->old_to_new = g_new (gint64, ex->n_old + 1);
  for (gint64 i = 0; i <= ex->n_old; i++)
    ex->old_to_new[i] = -1;
  ex->text = g_string_new (NULL);
  ex->pages = g_array_new (FALSE, TRUE, sizeof (GlossPage));
  ex->version = GLOSS_PDF_TEXT_VERSION;

  for (guint i = 0; i < old_pages->len; i++)
    {
      const GlossPage *old = g_ptr_array_index (old_pages, i);
      g_autoptr(PopplerPage) ppage = poppler_document_get_page (document, old->index);
      g_autoptr(GlossPdfPageText) page = ppage != NULL ? gloss_pdf_page_text_extract (ppage)
                                                       : gloss_pdf_page_text_build ("", NULL, 0);
      g_autofree char *old_page_text = NULL;
      GlossPage info = *old;

      if (old->start < 0 || old->length < 0 || old->start + old->length > ex->n_old)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED,
                       "The pages of document %" G_GINT64_FORMAT " do not match its text", document_id);
          return FALSE;
        }
      if (i > 0)
        {
          /* The form feed between pages stays one. */
          if (old->start > 0)
            ex->old_to_new[old->start - 1] = offset;
          g_string_append_c (ex->text, '\f');
          offset++;
        }
      old_page_text = g_ucs4_to_utf8 (old_chars + old->start, old->length, NULL, NULL, NULL);
      map_page (ex, old, old_page_text, page, offset);

      info.start = offset;
      info.length = page->n_chars;
      g_string_append (ex->text, page->text);
      g_array_append_val (ex->pages, info);
      offset += page->n_chars;
    }
  ex->old_to_new[ex->n_old] = offset;

  return TRUE;
}

/* The new span of old [start, end): from the first to the last new place
 * of its characters, or -1 when none of them has one. */
static gboolean
map_span (const Extraction *ex,
          gint64            start,
          gint64            end,
          gint64           *new_start,
          gint64           *new_end)
{
  gint64 lo = G_MAXINT64, hi = -1;

  for (gint64 i = MAX (start, 0); i < MIN (end, ex->n_old); i++)
    {
      gint64 to = ex->old_to_new[i];

      /* Line breaks between the lines are the new text's own. */
      if (to < 0)
        continue;
      lo = MIN (lo, to);
      hi = MAX (hi, to);
    }
  if (hi < 0)
    return FALSE;

  *new_start = lo;
  *new_end = hi + 1;
  return TRUE;
}

/* The quote found again, the place nearest @near. */
static gboolean
find_quote (const Extraction *ex,
            const char       *quote,
            gint64            near,
            gint64           *new_start,
            gint64           *new_end)
{
  g_autoptr(GArray) hits = NULL;
  gint64 best = G_MAXINT64;

  if (quote == NULL || *quote == '\0')
    return FALSE;
  hits = _gloss_find_in_text (ex->text->str, quote, TRUE);
  for (guint i = 0; i < hits->len; i++)
    {
      const gint64 *hit = &g_array_index (hits, gint64, i * 2);
      gint64 distance = ABS (hit[0] - near);

      if (distance < best)
        {
          best = distance;
          *new_start = hit[0];
          *new_end = hit[1];
        }
    }
  return best != G_MAXINT64;
}

typedef struct
{
  gint64  id;
  gint64  start;
  gint64  end;
  char   *quote;
} Span;

static void
span_clear (gpointer data)
{
  g_free (((Span *) data)->quote);
}

static GArray *
read_spans (GlossProject  *self,
            const char    *sql,
            gint64         document_id,
            GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, error);
  GArray *spans;
  int rc;

  if (stmt == NULL)
    return NULL;
  spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (spans, span_clear);
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Span span = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                    sqlite3_column_int64 (stmt, 2), _gloss_column_dup_text (stmt, 3) };
      g_array_append_val (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gloss_project_set_error (self, error, _("Cannot read the codings"));
      g_array_unref (spans);
      return NULL;
    }
  return spans;
}

/* Moves every span of @spans to the new text with @update (?1 id, ?2
 * start, ?3 end); counts those that moved and those that found no place. */
static gboolean
move_spans (GlossProject     *self,
            const Extraction *ex,
            GArray           *spans,
            const char       *update,
            GlossTextUpgrade *report,
            GError          **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, update, error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      gint64 start = 0, end = 0;
      gboolean placed;

      placed = map_span (ex, span->start, span->end, &start, &end);
      if (!placed)
        placed = find_quote (ex, span->quote,
                             span->start < ex->n_old ? ex->old_to_new[span->start] : span->start,
                             &start, &end);
      if (!placed)
        {
          /* Kept where it was, inside the new text. */
          start = MIN (span->start, (gint64) g_utf8_strlen (ex->text->str, -1) - 1);
          end = MIN (span->end, start + (span->end - span->start));
          start = MAX (start, 0);
          end = MAX (end, start + 1);
          report->n_lost++;
        }
      else if (start != span->start || end != span->end)
        report->n_moved++;

      sqlite3_bind_int64 (stmt, 1, span->id);
      sqlite3_bind_int64 (stmt, 2, start);
      sqlite3_bind_int64 (stmt, 3, end);
      if (!_gloss_project_run (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_pages (GlossProject     *self,
             gint64            document_id,
             const Extraction *ex,
             GError          **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "UPDATE page SET start = ?3, length = ?4 "
                                               "WHERE document_id = ?1 AND idx = ?2", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ex->pages->len; i++)
    {
      const GlossPage *page = &g_array_index (ex->pages, GlossPage, i);

      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int (stmt, 2, page->index);
      sqlite3_bind_int64 (stmt, 3, page->start);
      sqlite3_bind_int64 (stmt, 4, page->length);
      if (!_gloss_project_run (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_text (GlossProject     *self,
            gint64            document_id,
            const Extraction *ex,
            GError          **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "UPDATE document SET text = ?2, n_chars = ?3, "
                                               "text_extraction = ?4 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, ex->text->str, ex->text->len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_utf8_strlen (ex->text->str, ex->text->len));
  sqlite3_bind_int (stmt, 4, ex->version);
  if (!_gloss_project_run (self, stmt, error))
    return FALSE;
  sqlite3_bind_null (stmt, 2);
  return TRUE;
}

/* The history keeps whole rows of codings and case passages: their
 * offsets move too, so that undoing a step before the upgrade puts a
 * coding where its words now are. */
static gboolean
move_history (GlossProject     *self,
              gint64            document_id,
              const Extraction *ex,
              GError          **error)
{
  static const char * const sides[] = { "old", "new" };
  sqlite3_stmt *stmt;

  if (!_gloss_project_exec (self,
                            "CREATE TEMP TABLE IF NOT EXISTS gloss_offset_map (old INTEGER PRIMARY KEY, new INTEGER);"
                            "DELETE FROM temp.gloss_offset_map", error) ||
      (stmt = _gloss_project_prepare (self, "INSERT INTO temp.gloss_offset_map (old, new) VALUES (?1, ?2)",
                                      error)) == NULL)
    return FALSE;
  for (gint64 i = 0; i <= ex->n_old; i++)
    {
      if (ex->old_to_new[i] < 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_int64 (stmt, 2, ex->old_to_new[i]);
      if (!_gloss_project_run (self, stmt, error))
        return FALSE;
    }

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autofree char *sql = g_strdup_printf (
        "UPDATE history_change SET %1$s = json_set (%1$s, "
        "  '$.start', ifnull ((SELECT new FROM temp.gloss_offset_map m "
        "                      WHERE m.old = json_extract (history_change.%1$s, '$.start')), "
        "                     json_extract (%1$s, '$.start')), "
        "  '$.end', ifnull ((SELECT new + 1 FROM temp.gloss_offset_map m "
        "                    WHERE m.old = json_extract (history_change.%1$s, '$.end') - 1), "
        "                   json_extract (%1$s, '$.end'))) "
        "WHERE tbl IN ('coding', 'case_member') AND %1$s IS NOT NULL "
        "  AND json_extract (%1$s, '$.document_id') = ?1 "
        "  AND json_extract (%1$s, '$.start') IS NOT NULL",
        sides[s]);
      sqlite3_stmt *update = _gloss_project_prepare (self, sql, error);

      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, document_id);
      if (!_gloss_project_run (self, update, error))
        return FALSE;
    }
  return _gloss_project_exec (self, "DELETE FROM temp.gloss_offset_map", error);
}

#define CODING_SPANS "SELECT id, start, end, quote FROM coding WHERE document_id = ?1"
#define CODING_MOVE \
  "UPDATE coding SET start = ?2, end = ?3, " \
  "quote = (SELECT substr (d.text, ?2 + 1, ?3 - ?2) FROM document d WHERE d.id = coding.document_id), " \
  "prefix = (SELECT substr (d.text, max (?2 - 32, 0) + 1, ?2 - max (?2 - 32, 0)) FROM document d WHERE d.id = coding.document_id), " \
  "suffix = (SELECT substr (d.text, ?3 + 1, 32) FROM document d WHERE d.id = coding.document_id) " \
  "WHERE id = ?1"
#define PASSAGE_SPANS \
  "SELECT id, start, end, NULL FROM case_member WHERE document_id = ?1 AND start IS NOT NULL"
#define PASSAGE_MOVE "UPDATE case_member SET start = ?2, end = ?3 WHERE id = ?1"

/* Within the caller's transaction. */
static gboolean
reextract_document (GlossProject     *self,
                    gint64            document_id,
                    GlossTextUpgrade *report,
                    GError          **error)
{
  Extraction ex = { 0 };
  g_autoptr(GArray) codings = NULL;
  g_autoptr(GArray) passages = NULL;
  gboolean ok;

  /* Codings first read, then the text replaced, then the codings moved:
   * their quotes are taken from the new text. Two codings that come to
   * the same place stay two (the UNIQUE rule is on the exact span). */
  ok = extract_again (self, document_id, &ex, error) &&
       (codings = read_spans (self, CODING_SPANS, document_id, error)) != NULL &&
       (passages = read_spans (self, PASSAGE_SPANS, document_id, error)) != NULL &&
       store_text (self, document_id, &ex, error) &&
       store_pages (self, document_id, &ex, error) &&
       move_spans (self, &ex, codings, CODING_MOVE, report, error) &&
       move_spans (self, &ex, passages, PASSAGE_MOVE, report, error) &&
       move_history (self, document_id, &ex, error);
  if (ok)
    report->n_documents++;

  extraction_clear (&ex);
  return ok;
}

/* @text (of extraction @version, cut in @pages) taken as the document's
 * text: what the team server's lead extracted again. When this Gloss's
 * own extraction of the PDF gives the very same text, offsets move as the
 * local re-extraction moves them, character by character; otherwise each
 * passage is found again by its quote. Within the caller's transaction. */
gboolean
_gloss_project_adopt_text (GlossProject     *self,
                           gint64            document_id,
                           const char       *text,
                           int               version,
                           GArray           *pages,
                           GlossTextUpgrade *report,
                           GError          **error)
{
  Extraction ex = { 0 };
  g_autoptr(GArray) codings = NULL;
  g_autoptr(GArray) passages = NULL;
  gboolean ok;

  if (!extract_again (self, document_id, &ex, NULL) || g_strcmp0 (ex.text->str, text) != 0 ||
      ex.pages->len != pages->len)
    {
      g_autofree char *old_text = gloss_project_get_text (self, document_id, 0, -1, error);

      extraction_clear (&ex);
      if (old_text == NULL)
        return FALSE;
      ex.n_old = g_utf8_strlen (old_text, -1);
      ex.old_to_new = g_new (gint64, ex.n_old + 1);
      for (gint64 i = 0; i <= ex.n_old; i++)
        ex.old_to_new[i] = -1;
      ex.text = g_string_new (text);
    }
  /* The pages as the lead cut them (the same, when the texts agree). */
  g_clear_pointer (&ex.pages, g_array_unref);
  ex.pages = g_array_ref (pages);
  ex.version = version;

  ok = (codings = read_spans (self, CODING_SPANS, document_id, error)) != NULL &&
       (passages = read_spans (self, PASSAGE_SPANS, document_id, error)) != NULL &&
       store_text (self, document_id, &ex, error) &&
       store_pages (self, document_id, &ex, error) &&
       move_spans (self, &ex, codings, CODING_MOVE, report, error) &&
       move_spans (self, &ex, passages, PASSAGE_MOVE, report, error) &&
       move_history (self, document_id, &ex, error);
  if (ok)
    report->n_documents++;

  extraction_clear (&ex);
  return ok;
}

static GArray *
outdated_documents (GlossProject  *self,
                    GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "SELECT id FROM document WHERE kind = 'pdf' AND text_extraction < ?1 "
                                               "ORDER BY id", error);
  GArray *ids;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int (stmt, 1, GLOSS_PDF_TEXT_VERSION);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

/* Before the history triggers are made: nothing here is a step. */
gboolean
_gloss_project_upgrade_texts (GlossProject     *self,
                              GlossTextUpgrade *report,
                              GError          **error)
{
  g_autoptr(GArray) ids = NULL;

  memset (report, 0, sizeof *report);
  if (self->read_only || (ids = outdated_documents (self, error)) == NULL)
    return self->read_only;
  if (ids->len == 0)
    return TRUE;

  if (!_gloss_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 id = g_array_index (ids, gint64, i);

      if (!_gloss_project_exec (self, "SAVEPOINT reextract", error))
        goto fail;
      if (reextract_document (self, id, report, &local_error))
        {
          if (!_gloss_project_exec (self, "RELEASE reextract", error))
            goto fail;
          continue;
        }
      /* A document poppler cannot open any more keeps its text; the page
       * source matches boxes to it as before. */
      g_debug ("Document %" G_GINT64_FORMAT " keeps its text: %s", id,
               local_error != NULL ? local_error->message : "");
      report->n_failed++;
      if (!_gloss_project_exec (self, "ROLLBACK TO reextract; RELEASE reextract", error))
        goto fail;
    }
  return _gloss_project_exec (self, "COMMIT", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
gloss_project_reextract_document (GlossProject     *self,
                                  gint64            document_id,
                                  GlossTextUpgrade *report,
                                  GError          **error)
{
  g_autoptr(GlossDocumentInfo) info = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (!_gloss_project_check_writable (self, error) ||
      (info = gloss_project_get_document (self, document_id, error)) == NULL)
    return FALSE;
  if (info->kind != GLOSS_DOCUMENT_PDF)
    return TRUE;

  /* Not a step of the history: the history itself is carried over. */
  if (!_gloss_project_exec (self, "BEGIN IMMEDIATE; UPDATE temp.gloss_state SET replaying = 1", error))
    return FALSE;
  if (!reextract_document (self, document_id, report, error))
    {
      sqlite3_exec (self->db, "ROLLBACK; UPDATE temp.gloss_state SET replaying = 0", NULL, NULL, NULL);
      return FALSE;
    }
  if (!_gloss_project_exec (self, "UPDATE temp.gloss_state SET replaying = 0; COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK; UPDATE temp.gloss_state SET replaying = 0", NULL, NULL, NULL);
      return FALSE;
    }
  g_signal_emit_by_name (self, "changed",
                         (guint) (GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODINGS | GLOSS_CHANGE_CASES));
  return TRUE;
}

void
gloss_project_get_text_upgrade (GlossProject     *self,
                                GlossTextUpgrade *report)
{
  g_return_if_fail (GLOSS_IS_PROJECT (self));
  g_return_if_fail (report != NULL);

  *report = self->text_upgrade;
}

char *
gloss_text_upgrade_describe (const GlossTextUpgrade *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_documents == 0 && report->n_failed == 0)
    return NULL;
  if (report->n_lost == 0 && report->n_failed == 0)
    return g_strdup_printf (_("Text of PDF documents extracted again in reading order: %u; codings moved with their words: %u"),
                            report->n_documents, report->n_moved);
  return g_strdup_printf (_("Text of PDF documents extracted again in reading order: %u; codings moved with their words: %u; "
                            "codings whose words were not found again (left in place): %u; documents that could not be read again: %u"),
                          report->n_documents, report->n_moved, report->n_lost, report->n_failed);
}
