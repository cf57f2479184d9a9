/* gloss-project-notes.c: free notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-project-notes.h"
#include "gloss-project-private.h"

void
gloss_note_free (GlossNote *note)
{
  if (note == NULL)
    return;
  g_free (note->guid);
  g_free (note->name);
  g_free (note->text);
  g_free (note->author_guid);
  g_free (note->author_name);
  g_free (note);
}

static GlossNote *
note_from_row (sqlite3_stmt *stmt)
{
  GlossNote *note = g_new0 (GlossNote, 1);

  note->id = sqlite3_column_int64 (stmt, 0);
  note->guid = _gloss_column_dup_text (stmt, 1);
  note->name = _gloss_column_dup_text (stmt, 2);
  note->text = _gloss_column_dup_text (stmt, 3);
  note->author_guid = _gloss_column_dup_text (stmt, 4);
  note->author_name = _gloss_column_dup_text (stmt, 5);
  note->created = sqlite3_column_int64 (stmt, 6);
  note->modified = sqlite3_column_int64 (stmt, 7);

  return note;
}

GPtrArray *
gloss_project_list_notes (GlossProject  *self,
                          GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return _gloss_project_query_rows (self,
                                    "SELECT id, guid, name, text, author_guid, author_name, "
                                    "ifnull (created, 0), ifnull (modified, 0) FROM note ORDER BY id",
                                    0, (GlossRowFunc) note_from_row, (GDestroyNotify) gloss_note_free, error);
}

gboolean
_gloss_project_insert_note (GlossProject  *self,
                            const char    *guid,
                            const char    *name,
                            const char    *text,
                            const char    *author_guid,
                            const char    *author_name,
                            gint64         created,
                            gint64         modified,
                            GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "INSERT INTO note (guid, name, text, author_guid, author_name, "
                                               "created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name != NULL ? name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, author_guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, author_name, -1, SQLITE_TRANSIENT);
  if (created > 0)
    sqlite3_bind_int64 (stmt, 6, created);
  if (modified > 0)
    sqlite3_bind_int64 (stmt, 7, modified);
  if (!_gloss_project_run (self, stmt, error))
    return FALSE;

  _gloss_project_note_change (self, GLOSS_CHANGE_MEMOS);
  return TRUE;
}

gint64
gloss_project_add_note (GlossProject  *self,
                        const char    *name,
                        const char    *text,
                        gint64         coder_id,
                        GError       **error)
{
  g_autoptr(GlossCoder) coder = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  g_autofree char *label = NULL;
  gint64 now = _gloss_now ();

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || (name != NULL && !g_utf8_validate (name, -1, NULL)))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The note is not valid text"));
      return 0;
    }
  if (coder_id != 0 && (coder = gloss_project_get_coder (self, coder_id, error)) == NULL)
    return 0;

  label = g_strdup_printf (_("Add note “%s”"), name != NULL ? name : "");
  if (!gloss_project_begin_step (self, label, error))
    return 0;
  if (!_gloss_project_insert_note (self, guid, name, text, coder != NULL ? coder->guid : NULL,
                                   coder != NULL ? coder->name : NULL, now, now, error))
    {
      gloss_project_abort_step (self);
      return 0;
    }

  {
    gint64 id = sqlite3_last_insert_rowid (self->db);
    return gloss_project_end_step (self, error) ? id : 0;
  }
}

gboolean
gloss_project_delete_note (GlossProject  *self,
                           gint64         note_id,
                           GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!_gloss_project_row_exists (self, "SELECT 1 FROM note WHERE id = ?1", note_id))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, note_id);

      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("No note %s"), id);
      return FALSE;
    }

  if (!gloss_project_begin_step (self, _("Delete note"), error))
    return FALSE;
  stmt = _gloss_project_prepare (self, "DELETE FROM note WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, note_id);
  if (!_gloss_project_run (self, stmt, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_MEMOS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}
