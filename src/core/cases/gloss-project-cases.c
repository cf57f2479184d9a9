/* gloss-project-cases.c: cases, the documents and passages that belong to
 * one participant or organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-cases-private.h"

#define CASE_SELECT \
  "SELECT k.id, k.guid, k.name, k.description, " \
  "(SELECT count(*) FROM case_member m WHERE m.case_id = k.id) FROM case_item k "

static GlossCase *
case_from_row (sqlite3_stmt *stmt)
{
  GlossCase *item = g_new0 (GlossCase, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->guid = _gloss_column_dup_text (stmt, 1);
  item->name = _gloss_column_dup_text (stmt, 2);
  item->description = _gloss_column_dup_text (stmt, 3);
  item->n_members = sqlite3_column_int64 (stmt, 4);

  return item;
}

static GlossCaseMember *
member_from_row (sqlite3_stmt *stmt)
{
  GlossCaseMember *member = g_new0 (GlossCaseMember, 1);

  member->id = sqlite3_column_int64 (stmt, 0);
  member->guid = _gloss_column_dup_text (stmt, 1);
  member->case_id = sqlite3_column_int64 (stmt, 2);
  member->document_id = sqlite3_column_int64 (stmt, 3);
  member->start = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4);
  member->end = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);

  return member;
}

static char *
clean_case_name (const char  *name,
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
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A case needs a name"));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

gint64
gloss_project_add_case (GlossProject  *self,
                        const char    *name,
                        const char    *description,
                        GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  g_autofree char *label = NULL;
  g_autofree char *duplicate = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if ((clean = clean_case_name (name, error)) == NULL)
    return 0;
  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The description is not valid text"));
      return 0;
    }

  label = g_strdup_printf (_("Add case “%s”"), clean);
  duplicate = g_strdup_printf (_("There is already a case “%s”"), clean);
  if (!gloss_project_begin_step (self, label, error))
    return 0;

  stmt = _gloss_project_prepare (self,
                                 "INSERT INTO case_item (guid, name, description, created) VALUES (?1, ?2, ?3, ?4)",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, description != NULL ? description : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, _gloss_now ());
    }
  return _gloss_project_finish_insert (self, stmt, duplicate, GLOSS_CHANGE_CASES, error);
}

GlossCase *
gloss_project_get_case (GlossProject  *self,
                        gint64         case_id,
                        GError       **error)
{
  GlossCase *item;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  item = _gloss_project_query_row (self, CASE_SELECT "WHERE k.id = ?1", case_id,
                                   (GlossRowFunc) case_from_row, error);
  if (item == NULL && (error == NULL || *error == NULL))
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                 _("No case %" PRId64 " in the project"), case_id);

  return item;
}

GPtrArray *
gloss_project_list_cases (GlossProject  *self,
                          GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return _gloss_project_query_rows (self, CASE_SELECT "ORDER BY k.name COLLATE NOCASE, k.id", 0,
                                    (GlossRowFunc) case_from_row, (GDestroyNotify) gloss_case_free, error);
}

gint64
gloss_project_find_case (GlossProject  *self,
                         const char    *id_or_name,
                         GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  return _gloss_project_find_id (self,
                                 "SELECT id FROM case_item WHERE name = trim (?1) "
                                 "UNION ALL SELECT id FROM case_item WHERE CAST (id AS TEXT) = trim (?1) LIMIT 1",
                                 id_or_name, error, _("No case “%s” in the project"), id_or_name);
}

gboolean
gloss_project_rename_case (GlossProject  *self,
                           gint64         case_id,
                           const char    *name,
                           GError       **error)
{
  g_autoptr(GlossCase) item = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *duplicate = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((item = gloss_project_get_case (self, case_id, error)) == NULL ||
      (clean = clean_case_name (name, error)) == NULL)
    return FALSE;

  duplicate = g_strdup_printf (_("There is already a case “%s”"), clean);
  return _gloss_project_update_text (self, _("Rename case"), "UPDATE case_item SET name = ?2 WHERE id = ?1",
                                     case_id, clean, GLOSS_CHANGE_CASES, duplicate, error);
}

gboolean
gloss_project_set_case_description (GlossProject  *self,
                                    gint64         case_id,
                                    const char    *description,
                                    GError       **error)
{
  g_autoptr(GlossCase) item = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((item = gloss_project_get_case (self, case_id, error)) == NULL)
    return FALSE;
  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The description is not valid text"));
      return FALSE;
    }

  clean = g_strstrip (g_strdup (description != NULL ? description : ""));
  if (g_strcmp0 (clean, item->description != NULL ? item->description : "") == 0)
    return TRUE;

  return _gloss_project_update_text (self, _("Describe case"), "UPDATE case_item SET description = ?2 WHERE id = ?1",
                                     case_id, clean, GLOSS_CHANGE_CASES, NULL, error);
}

gboolean
gloss_project_delete_case (GlossProject  *self,
                           gint64         case_id,
                           GError       **error)
{
  g_autoptr(GlossCase) item = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((item = gloss_project_get_case (self, case_id, error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Delete case “%s”"), item->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  /* Members and values first, each recorded, so that undo restores them. */
  if (!_gloss_project_run_with_id (self, "DELETE FROM case_member WHERE case_id = ?1", case_id, error) ||
      !_gloss_project_run_with_id (self,
                                   "DELETE FROM attribute_value WHERE target_id = ?1 AND attribute_id IN "
                                   "(SELECT id FROM attribute WHERE target = 'case')", case_id, error) ||
      !_gloss_project_run_with_id (self, "DELETE FROM case_item WHERE id = ?1", case_id, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_CASES | GLOSS_CHANGE_ATTRIBUTES);
  return gloss_project_end_step (self, error);
}

gint64
gloss_project_add_case_member (GlossProject  *self,
                               gint64         case_id,
                               gint64         document_id,
                               gint64         start,
                               gint64         end,
                               GError       **error)
{
  g_autoptr(GlossCase) item = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  g_autofree char *label = NULL;
  gboolean whole = start < 0 && end < 0;
  sqlite3_stmt *stmt;
  gint64 length;
  gint64 id;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if ((item = gloss_project_get_case (self, case_id, error)) == NULL ||
      (length = _gloss_project_document_length (self, document_id, error)) < 0)
    return 0;

  if (!whole && (start < 0 || end <= start || end > length))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The range %" PRId64 ":%" PRId64
                     " lies outside the document (0:%" PRId64 ")"), start, end, length);
      return 0;
    }

  /* Checked before the step: a refused member must not spoil an outer step. */
  stmt = _gloss_project_prepare (self,
                                 "SELECT 1 FROM case_member WHERE case_id = ?1 AND document_id = ?2 "
                                 "AND start IS ?3 AND end IS ?4", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  if (!whole)
    {
      sqlite3_bind_int64 (stmt, 3, start);
      sqlite3_bind_int64 (stmt, 4, end);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE, _("The case “%s” has this already"), item->name);
      return 0;
    }
  sqlite3_reset (stmt);

  label = g_strdup_printf (_("Add to case “%s”"), item->name);
  if (!gloss_project_begin_step (self, label, error))
    return 0;

  /* UNIQUE does not hold for NULLs: a whole document is looked for here. */
  stmt = _gloss_project_prepare (self,
                                 "INSERT INTO case_member (guid, case_id, document_id, start, end) "
                                 "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM case_member "
                                 "WHERE case_id = ?2 AND document_id = ?3 AND start IS ?4 AND end IS ?5)",
                                 error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, document_id);
  if (!whole)
    {
      sqlite3_bind_int64 (stmt, 4, start);
      sqlite3_bind_int64 (stmt, 5, end);
    }
  if (!_gloss_project_finish (self, stmt, NULL, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE, _("The case “%s” has this already"), item->name);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);

  _gloss_project_note_change (self, GLOSS_CHANGE_CASES);
  return gloss_project_end_step (self, error) ? id : 0;

fail:
  gloss_project_abort_step (self);
  return 0;
}

gboolean
gloss_project_remove_case_member (GlossProject  *self,
                                  gint64         member_id,
                                  GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!gloss_project_begin_step (self, _("Remove from case"), error))
    return FALSE;

  if (!_gloss_project_run_with_id (self, "DELETE FROM case_member WHERE id = ?1", member_id, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      gloss_project_abort_step (self);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("No case member %" PRId64 " in the project"), member_id);
      return FALSE;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_CASES);
  return gloss_project_end_step (self, error);
}

GPtrArray *
gloss_project_list_case_members (GlossProject  *self,
                                 gint64         case_id,
                                 GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (case_id == 0)
    return _gloss_project_query_rows (self,
                                      "SELECT id, guid, case_id, document_id, start, end FROM case_member "
                                      "ORDER BY case_id, document_id, ifnull (start, -1), ifnull (end, -1)",
                                      0, (GlossRowFunc) member_from_row,
                                      (GDestroyNotify) gloss_case_member_free, error);

  return _gloss_project_query_rows (self,
                                    "SELECT id, guid, case_id, document_id, start, end FROM case_member "
                                    "WHERE case_id = ?1 ORDER BY document_id, ifnull (start, -1), ifnull (end, -1)",
                                    case_id, (GlossRowFunc) member_from_row,
                                    (GDestroyNotify) gloss_case_member_free, error);
}
