/* gloss-project-coders.c: the people who code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-project-private.h"

gboolean
_gloss_project_coder_exists (GlossProject *self,
                             gint64        coder_id)
{
  return _gloss_project_row_exists (self, "SELECT 1 FROM coder WHERE id = ?1", coder_id);
}

static gboolean
require_coder (GlossProject  *self,
               gint64         coder_id,
               GError       **error)
{
  if (!_gloss_project_coder_exists (self, coder_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("No coder %" PRId64 " in the project"), coder_id);
      return FALSE;
    }

  return TRUE;
}

gint64
gloss_project_add_coder (GlossProject  *self,
                         const char    *name,
                         const char    *color,
                         GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  g_autofree char *label = NULL;
  g_autofree char *duplicate = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if ((clean = _gloss_clean_name (name, FALSE, error)) == NULL)
    return 0;
  if (color == NULL)
    color = _gloss_palette_pick_for_db (self->db, GLOSS_PALETTE_CODERS);
  if (!_gloss_check_color (color, error))
    return 0;

  label = g_strdup_printf (_("Add coder “%s”"), clean);
  duplicate = g_strdup_printf (_("There is already a coder “%s”"), clean);

  if (!gloss_project_begin_step (self, label, error))
    return 0;

  stmt = _gloss_project_prepare (self, "INSERT INTO coder (guid, name, color, created) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, color, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, _gloss_now ());
    }
  return _gloss_project_finish_insert (self, stmt, duplicate, GLOSS_CHANGE_CODERS, error);
}

gboolean
gloss_project_rename_coder (GlossProject  *self,
                            gint64         coder_id,
                            const char    *name,
                            GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *duplicate = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require_coder (self, coder_id, error) ||
      (clean = _gloss_clean_name (name, FALSE, error)) == NULL)
    return FALSE;

  duplicate = g_strdup_printf (_("There is already a coder “%s”"), clean);
  return _gloss_project_update_text (self, _("Rename coder"), "UPDATE coder SET name = ?2 WHERE id = ?1",
                      coder_id, clean, GLOSS_CHANGE_CODERS, duplicate, error);
}

gboolean
gloss_project_set_coder_color (GlossProject  *self,
                               gint64         coder_id,
                               const char    *color,
                               GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require_coder (self, coder_id, error) || !_gloss_check_color (color, error))
    return FALSE;

  return _gloss_project_update_text (self, _("Change coder colour"), "UPDATE coder SET color = ?2 WHERE id = ?1",
                      coder_id, color, GLOSS_CHANGE_CODERS, NULL, error);
}

static gboolean
run_for_coder (GlossProject  *self,
               const char    *sql,
               gint64         coder_id,
               GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, coder_id);
  return _gloss_project_run (self, stmt, error);
}

/* The coder goes with every coding of theirs, their memo and their
 * attribute values, as one step that undo brings back whole. */
gboolean
gloss_project_remove_coder (GlossProject  *self,
                            gint64         coder_id,
                            GError       **error)
{
  g_autoptr(GlossCoder) coder = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((coder = gloss_project_get_coder (self, coder_id, error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Remove coder “%s”"), coder->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  if (!run_for_coder (self, "DELETE FROM coding WHERE coder_id = ?1", coder_id, error) ||
      !run_for_coder (self, "DELETE FROM memo WHERE target_kind = 'coder' AND target_id = ?1", coder_id, error) ||
      !run_for_coder (self, "DELETE FROM attribute_value WHERE target_id = ?1 AND attribute_id IN "
                            "(SELECT id FROM attribute WHERE target = 'coder')", coder_id, error) ||
      !run_for_coder (self, "DELETE FROM coder WHERE id = ?1", coder_id, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_CODERS | GLOSS_CHANGE_CODINGS |
                                    GLOSS_CHANGE_MEMOS | GLOSS_CHANGE_ATTRIBUTES);
  return gloss_project_end_step (self, error);
}

static GlossCoder *
coder_from_row (sqlite3_stmt *stmt)
{
  GlossCoder *coder = g_new0 (GlossCoder, 1);

  coder->id = sqlite3_column_int64 (stmt, 0);
  coder->guid = _gloss_column_dup_text (stmt, 1);
  coder->name = _gloss_column_dup_text (stmt, 2);
  coder->color = _gloss_column_dup_text (stmt, 3);
  coder->n_codings = sqlite3_column_int64 (stmt, 4);

  return coder;
}

/* Counting all codings uses the index alone; the few in removed documents
 * are found from those documents and taken off. */
#define CODER_SELECT \
  "SELECT k.id, k.guid, k.name, k.color, " \
  "(SELECT count(*) FROM coding c WHERE c.coder_id = k.id) - " \
  "(SELECT count(*) FROM document d CROSS JOIN coding c ON c.document_id = d.id " \
  " WHERE d.removed = 1 AND c.coder_id = k.id) FROM coder k "

GPtrArray *
gloss_project_list_coders (GlossProject  *self,
                           GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return _gloss_project_query_rows (self, CODER_SELECT "ORDER BY k.name COLLATE NOCASE, k.id", 0,
                                    (GlossRowFunc) coder_from_row, (GDestroyNotify) gloss_coder_free, error);
}

GlossCoder *
gloss_project_get_coder (GlossProject  *self,
                         gint64         coder_id,
                         GError       **error)
{
  GlossCoder *coder;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  coder = _gloss_project_query_row (self, CODER_SELECT "WHERE k.id = ?1", coder_id,
                                    (GlossRowFunc) coder_from_row, error);
  if (coder == NULL && (error == NULL || *error == NULL))
    require_coder (self, coder_id, error);

  return coder;
}

gint64
gloss_project_find_coder (GlossProject  *self,
                          const char    *name,
                          GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  return _gloss_project_find_id (self, "SELECT id FROM coder WHERE name = trim (?1)", name, error,
                                 _("No coder “%s” in the project"), name);
}

gint64
gloss_project_get_consensus_coder (GlossProject  *self,
                                   GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  stmt = _gloss_project_prepare (self,
                                 "SELECT k.id FROM project p JOIN coder k ON k.guid = p.consensus_coder", error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    _gloss_project_set_error (self, error, NULL);
  sqlite3_reset (stmt);

  return id;
}

gboolean
gloss_project_set_consensus_coder (GlossProject  *self,
                                   gint64         coder_id,
                                   GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require_coder (self, coder_id, error) ||
      !gloss_project_begin_step (self, _("Mark the consensus coder"), error))
    return FALSE;
  stmt = _gloss_project_prepare (self,
                                 "UPDATE project SET consensus_coder = (SELECT guid FROM coder WHERE id = ?1)",
                                 error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, coder_id);
  if (stmt == NULL || !_gloss_project_run (self, stmt, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }
  _gloss_project_note_change (self, GLOSS_CHANGE_CODERS);
  return gloss_project_end_step (self, error);
}
