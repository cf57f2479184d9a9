/* gloss-project-sets.c: named sets of documents or codes, listed or given
 * by a rule over attributes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-cases-private.h"

#define SET_SELECT \
  "SELECT s.id, s.guid, s.kind, s.name, s.rule, s.description, " \
  "(SELECT count(*) FROM set_member m WHERE m.set_id = s.id) FROM set_item s "

static GlossSet *
set_from_row (sqlite3_stmt *stmt)
{
  GlossSet *set = g_new0 (GlossSet, 1);
  g_autofree char *kind = _gloss_column_dup_text (stmt, 2);

  set->id = sqlite3_column_int64 (stmt, 0);
  set->guid = _gloss_column_dup_text (stmt, 1);
  gloss_set_kind_from_string (kind, &set->kind);
  set->name = _gloss_column_dup_text (stmt, 3);
  set->rule = _gloss_column_dup_text (stmt, 4);
  set->description = _gloss_column_dup_text (stmt, 5);
  set->n_members = sqlite3_column_int64 (stmt, 6);

  return set;
}

static char *
clean_set_name (const char  *name,
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
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A set needs a name"));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

/* A rule must read now; NULL or blank means none. */
static gboolean
check_rule (GlossProject  *self,
            GlossSetKind   kind,
            const char    *rule,
            GError       **error)
{
  g_autoptr(GArray) ids = NULL;

  if (_gloss_is_blank (rule))
    return TRUE;

  if (kind != GLOSS_SET_DOCUMENTS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("Only a set of documents can have a rule"));
      return FALSE;
    }

  ids = gloss_project_match_documents (self, rule, error);
  return ids != NULL;
}

gint64
gloss_project_add_set (GlossProject  *self,
                       GlossSetKind   kind,
                       const char    *name,
                       const char    *rule,
                       GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  g_autofree char *label = NULL;
  g_autofree char *duplicate = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if ((clean = clean_set_name (name, error)) == NULL || !check_rule (self, kind, rule, error))
    return 0;

  label = g_strdup_printf (_("Add set “%s”"), clean);
  duplicate = g_strdup_printf (_("There is already a set “%s”"), clean);
  if (!gloss_project_begin_step (self, label, error))
    return 0;

  stmt = _gloss_project_prepare (self,
                                 "INSERT INTO set_item (guid, kind, name, rule, created) VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, gloss_set_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, clean, -1, SQLITE_TRANSIENT);
      if (!_gloss_is_blank (rule))
        sqlite3_bind_text (stmt, 4, rule, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, _gloss_now ());
    }
  return _gloss_project_finish_insert (self, stmt, duplicate, GLOSS_CHANGE_SETS, error);
}

GlossSet *
gloss_project_get_set (GlossProject  *self,
                       gint64         set_id,
                       GError       **error)
{
  GlossSet *set;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  set = _gloss_project_query_row (self, SET_SELECT "WHERE s.id = ?1", set_id,
                                  (GlossRowFunc) set_from_row, error);
  if (set == NULL && (error == NULL || *error == NULL))
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                 _("No set %" PRId64 " in the project"), set_id);

  return set;
}

/* A rule's member count is what the rule matches now. */
static void
count_rule_members (GlossProject *self,
                    GlossSet     *set)
{
  g_autoptr(GArray) ids = NULL;

  if (set->rule == NULL)
    return;

  ids = gloss_project_match_documents (self, set->rule, NULL);
  set->n_members = ids != NULL ? ids->len : 0;
}

GPtrArray *
gloss_project_list_sets (GlossProject  *self,
                         GError       **error)
{
  GPtrArray *sets;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  sets = _gloss_project_query_rows (self, SET_SELECT "ORDER BY s.name COLLATE NOCASE, s.id", 0,
                                    (GlossRowFunc) set_from_row, (GDestroyNotify) gloss_set_free, error);
  for (guint i = 0; sets != NULL && i < sets->len; i++)
    count_rule_members (self, g_ptr_array_index (sets, i));

  return sets;
}

gint64
gloss_project_find_set (GlossProject  *self,
                        const char    *id_or_name,
                        GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  return _gloss_project_find_id (self,
                                 "SELECT id FROM set_item WHERE name = trim (?1) COLLATE NOCASE "
                                 "UNION ALL SELECT id FROM set_item WHERE CAST (id AS TEXT) = trim (?1) LIMIT 1",
                                 id_or_name, error, _("No set “%s” in the project"), id_or_name);
}

gboolean
gloss_project_rename_set (GlossProject  *self,
                          gint64         set_id,
                          const char    *name,
                          GError       **error)
{
  g_autoptr(GlossSet) set = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *duplicate = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((set = gloss_project_get_set (self, set_id, error)) == NULL ||
      (clean = clean_set_name (name, error)) == NULL)
    return FALSE;

  duplicate = g_strdup_printf (_("There is already a set “%s”"), clean);
  return _gloss_project_update_text (self, _("Rename set"), "UPDATE set_item SET name = ?2 WHERE id = ?1",
                                     set_id, clean, GLOSS_CHANGE_SETS, duplicate, error);
}

gboolean
gloss_project_set_set_rule (GlossProject  *self,
                            gint64         set_id,
                            const char    *rule,
                            GError       **error)
{
  g_autoptr(GlossSet) set = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((set = gloss_project_get_set (self, set_id, error)) == NULL ||
      !check_rule (self, set->kind, rule, error))
    return FALSE;

  /* A NULL value binds as NULL: the set goes back to its listed members. */
  return _gloss_project_update_text (self, _("Change set rule"), "UPDATE set_item SET rule = ?2 WHERE id = ?1",
                                     set_id, _gloss_is_blank (rule) ? NULL : rule, GLOSS_CHANGE_SETS, NULL, error);
}

gboolean
gloss_project_change_set (GlossProject  *self,
                          gint64         set_id,
                          const char    *name,
                          const char    *rule,
                          GError       **error)
{
  g_autoptr(GlossSet) set = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *clean_rule = NULL;
  g_autofree char *label = NULL;
  gboolean rename, new_rule;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((set = gloss_project_get_set (self, set_id, error)) == NULL ||
      (clean = clean_set_name (name, error)) == NULL)
    return FALSE;

  clean_rule = _gloss_is_blank (rule) ? NULL : g_strstrip (g_strdup (rule));
  rename = g_strcmp0 (clean, set->name) != 0;
  new_rule = g_strcmp0 (clean_rule, set->rule) != 0;
  if (!rename && !new_rule)
    return TRUE;

  label = g_strdup_printf (_("Change set “%s”"), set->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  if ((new_rule && !gloss_project_set_set_rule (self, set_id, clean_rule, error)) ||
      (rename && !gloss_project_rename_set (self, set_id, clean, error)))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  return gloss_project_end_step (self, error);
}

gboolean
gloss_project_delete_set (GlossProject  *self,
                          gint64         set_id,
                          GError       **error)
{
  g_autoptr(GlossSet) set = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((set = gloss_project_get_set (self, set_id, error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Delete set “%s”"), set->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  if (!_gloss_project_run_with_id (self, "DELETE FROM set_member WHERE set_id = ?1", set_id, error) ||
      !_gloss_project_run_with_id (self, "DELETE FROM set_item WHERE id = ?1", set_id, error))
    {
      gloss_project_abort_step (self);
      return FALSE;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_SETS);
  return gloss_project_end_step (self, error);
}

static gboolean
member_exists (GlossProject *self,
               GlossSetKind  kind,
               gint64        member_id)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               kind == GLOSS_SET_CODES
                                               ? "SELECT 1 FROM code WHERE id = ?1"
                                               : "SELECT 1 FROM document WHERE id = ?1 AND removed = 0",
                                               NULL);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return exists;
}

static gboolean
change_members (GlossProject  *self,
                gint64         set_id,
                const gint64  *member_ids,
                guint          n_members,
                gboolean       add,
                GError       **error)
{
  g_autoptr(GlossSet) set = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  if ((set = gloss_project_get_set (self, set_id, error)) == NULL)
    return FALSE;

  if (set->rule != NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The members of “%s” are given by its rule"), set->name);
      return FALSE;
    }

  for (guint i = 0; add && i < n_members; i++)
    if (!member_exists (self, set->kind, member_ids[i]))
      {
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                     set->kind == GLOSS_SET_CODES ? _("No code %" PRId64 " in the project")
                                                  : _("No document %" PRId64 " in the project"),
                     member_ids[i]);
        return FALSE;
      }

  label = g_strdup_printf (add ? _("Add to set “%s”") : _("Remove from set “%s”"), set->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  for (guint i = 0; i < n_members; i++)
    {
      stmt = _gloss_project_prepare (self,
                                     add ? "INSERT OR IGNORE INTO set_member (set_id, member_id) VALUES (?1, ?2)"
                                         : "DELETE FROM set_member WHERE set_id = ?1 AND member_id = ?2",
                                     error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, set_id);
      sqlite3_bind_int64 (stmt, 2, member_ids[i]);
      if (!_gloss_project_run (self, stmt, error))
        goto fail;
    }

  _gloss_project_note_change (self, GLOSS_CHANGE_SETS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

gboolean
gloss_project_add_set_members (GlossProject  *self,
                               gint64         set_id,
                               const gint64  *member_ids,
                               guint          n_members,
                               GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return change_members (self, set_id, member_ids, n_members, TRUE, error);
}

gboolean
gloss_project_remove_set_members (GlossProject  *self,
                                  gint64         set_id,
                                  const gint64  *member_ids,
                                  guint          n_members,
                                  GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return change_members (self, set_id, member_ids, n_members, FALSE, error);
}

GArray *
gloss_project_get_set_members (GlossProject  *self,
                               gint64         set_id,
                               GError       **error)
{
  g_autoptr(GlossSet) set = NULL;
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if ((set = gloss_project_get_set (self, set_id, error)) == NULL)
    return NULL;

  if (set->rule != NULL)
    return gloss_project_match_documents (self, set->rule, error);

  stmt = _gloss_project_prepare (self,
                                 set->kind == GLOSS_SET_CODES
                                 ? "SELECT m.member_id FROM set_member m JOIN code c ON c.id = m.member_id "
                                   "WHERE m.set_id = ?1 ORDER BY m.member_id"
                                 : "SELECT m.member_id FROM set_member m JOIN document d ON d.id = m.member_id "
                                   "WHERE m.set_id = ?1 AND d.removed = 0 ORDER BY m.member_id",
                                 error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int64 (stmt, 1, set_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&ids);
}
