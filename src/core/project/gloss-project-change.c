/* gloss-project-change.c: what the files of the project share to find and
 * change a row: names, colours, one statement as one undo step, ids by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-project-private.h"

gboolean
_gloss_check_color (const char  *color,
                    GError     **error)
{
  if (!gloss_color_is_valid (color))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is not a colour: use #rrggbb"), color != NULL ? color : "");
      return FALSE;
    }

  return TRUE;
}

char *
_gloss_clean_name (const char  *name,
                   gboolean     is_code,
                   GError     **error)
{
  g_autofree char *clean = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The name is not valid text"));
      return NULL;
    }

  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0')
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   is_code ? _("A code needs a name") : _("A coder needs a name"));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

/* Steps @stmt to its end; a broken constraint becomes @duplicate_message. */
gboolean
_gloss_project_finish (GlossProject  *self,
                       sqlite3_stmt  *stmt,
                       const char    *duplicate_message,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  if ((rc & 0xff) == SQLITE_CONSTRAINT && duplicate_message != NULL)
    g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE, duplicate_message);
  else
    _gloss_set_sqlite_error (self->db, rc, error, _("Cannot change the project"));

  return FALSE;
}

/* One UPDATE of one text column as a step. */
gboolean
_gloss_project_update_text (GlossProject  *self,
                            const char    *label,
                            const char    *sql,
                            gint64         id,
                            const char    *value,
                            GlossChange    change,
                            const char    *duplicate_message,
                            GError       **error)
{
  sqlite3_stmt *stmt;

  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  stmt = _gloss_project_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, _gloss_now ());
  if (!_gloss_project_finish (self, stmt, duplicate_message, error))
    goto fail;

  _gloss_project_note_change (self, change);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

gboolean
_gloss_project_row_exists (GlossProject *self,
                           const char   *sql,
                           gint64        id)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, NULL);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return exists;
}

gint64
_gloss_project_select_id (GlossProject  *self,
                          const char    *sql,
                          const char    *text,
                          GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
_gloss_project_find_id (GlossProject  *self,
                        const char    *sql,
                        const char    *text,
                        GError       **error,
                        const char    *not_found,
                        ...)
{
  g_autoptr(GError) local = NULL;
  gint64 id = _gloss_project_select_id (self, sql, text, &local);
  va_list args;

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  if (id == 0 && error != NULL)
    {
      va_start (args, not_found);
      *error = g_error_new_valist (GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, not_found, args);
      va_end (args);
    }
  return id;
}

gboolean
_gloss_project_run_with_id (GlossProject  *self,
                            const char    *sql,
                            gint64         id,
                            GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _gloss_project_run (self, stmt, error);
}

gint64
_gloss_project_finish_insert (GlossProject  *self,
                              sqlite3_stmt  *stmt,
                              const char    *duplicate_message,
                              GlossChange    change,
                              GError       **error)
{
  gint64 id;

  if (stmt == NULL || !_gloss_project_finish (self, stmt, duplicate_message, error))
    {
      gloss_project_abort_step (self);
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);

  _gloss_project_note_change (self, change);
  return gloss_project_end_step (self, error) ? id : 0;
}

gint64
_gloss_project_query_int (GlossProject *self,
                          const char   *sql,
                          gint64        value)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, value);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}
