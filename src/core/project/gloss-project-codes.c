/* gloss-project-codes.c: the codebook, a tree of codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-project-private.h"

gboolean
_gloss_project_code_exists (GlossProject *self,
                            gint64        code_id)
{
  return _gloss_project_row_exists (self, "SELECT 1 FROM code WHERE id = ?1", code_id);
}

static gboolean
require_code (GlossProject  *self,
              gint64         code_id,
              GError       **error)
{
  if (!_gloss_project_code_exists (self, code_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("No code %" PRId64 " in the project"), code_id);
      return FALSE;
    }

  return TRUE;
}

gint64
_gloss_project_find_child_code (GlossProject *self,
                                gint64        parent_id,
                                const char   *name)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "SELECT id FROM code WHERE ifnull (parent_id, 0) = ?1 "
                                               "AND name = ?2 COLLATE NOCASE", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

static int
next_position (GlossProject *self,
               gint64        parent_id)
{
  return (int) _gloss_project_query_int (self,
                                         "SELECT ifnull (max (position) + 1, 0) FROM code "
                                         "WHERE ifnull (parent_id, 0) = ?1", parent_id);
}

static void
bind_parent (sqlite3_stmt *stmt,
             int           index,
             gint64        parent_id)
{
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, index, parent_id);
  else
    sqlite3_bind_null (stmt, index);
}

/* The level of @code_id in the codebook: 1 for a top-level code, 0 for none. */
gint64
_gloss_project_code_level (GlossProject *self,
                           gint64        code_id)
{
  if (code_id <= 0)
    return 0;

  return _gloss_project_query_int (self,
                                   "WITH RECURSIVE up (id, n) AS (SELECT ?1, 1 UNION ALL "
                                   "SELECT c.parent_id, up.n + 1 FROM code c JOIN up ON c.id = up.id "
                                   "WHERE c.parent_id IS NOT NULL AND up.n <= 100000) "
                                   "SELECT max (n) FROM up", code_id);
}

/* Levels of the subtree of @code_id, itself included. */
static gint64
subtree_levels (GlossProject *self,
                gint64        code_id)
{
  return _gloss_project_query_int (self,
                                   "WITH RECURSIVE down (id, n) AS (SELECT ?1, 1 UNION ALL "
                                   "SELECT c.id, down.n + 1 FROM code c JOIN down ON c.parent_id = down.id "
                                   "WHERE down.n <= 100000) "
                                   "SELECT max (n) FROM down", code_id);
}

static gboolean
check_levels (gint64   levels,
              GError **error)
{
  if (levels <= GLOSS_MAX_CODE_LEVELS)
    return TRUE;

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
               _("Codes nest at most %d levels deep"), GLOSS_MAX_CODE_LEVELS);
  return FALSE;
}

gint64
gloss_project_add_code (GlossProject  *self,
                        gint64         parent_id,
                        const char    *name,
                        const char    *color,
                        const char    *description,
                        GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *guid = _gloss_new_guid ();
  g_autofree char *label = NULL;
  g_autofree char *duplicate = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if ((clean = _gloss_clean_name (name, TRUE, error)) == NULL)
    return 0;
  if (parent_id > 0 && !require_code (self, parent_id, error))
    return 0;
  if (!check_levels (_gloss_project_code_level (self, parent_id) + 1, error))
    return 0;
  if (color == NULL)
    color = _gloss_palette_pick_for_db (self->db, GLOSS_PALETTE_CODES);
  if (!_gloss_check_color (color, error))
    return 0;

  label = g_strdup_printf (_("Add code “%s”"), clean);
  duplicate = g_strdup_printf (_("There is already a code “%s” here"), clean);

  if (!gloss_project_begin_step (self, label, error))
    return 0;

  stmt = _gloss_project_prepare (self,
                                 "INSERT INTO code (guid, parent_id, name, color, description, position, created, modified) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      bind_parent (stmt, 2, parent_id);
      sqlite3_bind_text (stmt, 3, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, color, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, description != NULL ? description : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, next_position (self, parent_id));
      sqlite3_bind_int64 (stmt, 7, _gloss_now ());
    }
  return _gloss_project_finish_insert (self, stmt, duplicate, GLOSS_CHANGE_CODES, error);
}

gint64
gloss_project_ensure_code_path (GlossProject  *self,
                                const char    *path,
                                const char    *color,
                                const char    *description,
                                GError       **error)
{
  g_auto(GStrv) parts = NULL;
  gint64 parent = 0;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if (path == NULL || *path == '\0')
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A code needs a name"));
      return 0;
    }

  parts = gloss_code_path_split (path);
  label = g_strdup_printf (_("Add code “%s”"), path);
  if (!gloss_project_begin_step (self, label, error))
    return 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *clean = _gloss_clean_name (parts[i], TRUE, error);
      gboolean last = parts[i + 1] == NULL;
      gint64 id;

      if (clean == NULL)
        goto fail;

      id = _gloss_project_find_child_code (self, parent, clean);
      if (id == 0)
        id = gloss_project_add_code (self, parent, clean, last ? color : NULL,
                                     last ? description : NULL, error);
      if (id == 0)
        goto fail;
      parent = id;
    }

  return gloss_project_end_step (self, error) ? parent : 0;

fail:
  gloss_project_abort_step (self);
  return 0;
}

gboolean
gloss_project_rename_code (GlossProject  *self,
                           gint64         code_id,
                           const char    *name,
                           GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *duplicate = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require_code (self, code_id, error) || (clean = _gloss_clean_name (name, TRUE, error)) == NULL)
    return FALSE;

  duplicate = g_strdup_printf (_("There is already a code “%s” here"), clean);
  return _gloss_project_update_text (self, _("Rename code"), "UPDATE code SET name = ?2, modified = ?3 WHERE id = ?1",
                      code_id, clean, GLOSS_CHANGE_CODES, duplicate, error);
}

gboolean
gloss_project_set_code_color (GlossProject  *self,
                              gint64         code_id,
                              const char    *color,
                              GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require_code (self, code_id, error) || !_gloss_check_color (color, error))
    return FALSE;

  return _gloss_project_update_text (self, _("Change code colour"), "UPDATE code SET color = ?2, modified = ?3 WHERE id = ?1",
                      code_id, color, GLOSS_CHANGE_CODES, NULL, error);
}

gboolean
gloss_project_set_code_description (GlossProject  *self,
                                    gint64         code_id,
                                    const char    *description,
                                    GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require_code (self, code_id, error))
    return FALSE;

  return _gloss_project_update_text (self, _("Describe code"), "UPDATE code SET description = ?2, modified = ?3 WHERE id = ?1",
                      code_id, description != NULL ? description : "", GLOSS_CHANGE_CODES, NULL, error);
}

gboolean
gloss_project_set_code_codable (GlossProject  *self,
                                gint64         code_id,
                                gboolean       codable,
                                GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require_code (self, code_id, error))
    return FALSE;

  return _gloss_project_update_text (self, codable ? _("Make code codable") : _("Make code a heading only"),
                                     "UPDATE code SET codable = ?2, modified = ?3 WHERE id = ?1",
                                     code_id, codable ? "1" : "0", GLOSS_CHANGE_CODES, NULL, error);
}

/* TRUE if @ancestor is @code_id or one of its ancestors. */
static gboolean
is_ancestor_or_self (GlossProject *self,
                     gint64        ancestor,
                     gint64        code_id)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "WITH RECURSIVE up (id) AS (SELECT ?2 UNION ALL "
                                               "SELECT c.parent_id FROM code c JOIN up ON c.id = up.id "
                                               "WHERE c.parent_id IS NOT NULL) "
                                               "SELECT 1 FROM up WHERE id = ?1", NULL);
  gboolean found;

  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, ancestor);
  sqlite3_bind_int64 (stmt, 2, code_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}

static gboolean
exec_bound (GlossProject  *self,
            const char    *sql,
            gint64         a,
            gint64         b,
            gint64         c,
            const char    *duplicate_message,
            GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, sql, error);
  int n;

  if (stmt == NULL)
    return FALSE;

  n = sqlite3_bind_parameter_count (stmt);
  sqlite3_bind_int64 (stmt, 1, a);
  if (n >= 2)
    bind_parent (stmt, 2, b);
  if (n >= 3)
    sqlite3_bind_int64 (stmt, 3, c);

  return _gloss_project_finish (self, stmt, duplicate_message, error);
}

gboolean
gloss_project_move_code (GlossProject  *self,
                         gint64         code_id,
                         gint64         parent_id,
                         int            position,
                         GError       **error)
{
  g_autoptr(GlossCode) code = NULL;
  g_autofree char *duplicate = NULL;
  int count;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((code = gloss_project_get_code (self, code_id, error)) == NULL ||
      (parent_id > 0 && !require_code (self, parent_id, error)))
    return FALSE;

  if (parent_id > 0 && is_ancestor_or_self (self, code_id, parent_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_CYCLE,
                   _("“%s” cannot move below itself"), code->name);
      return FALSE;
    }
  if (!check_levels (_gloss_project_code_level (self, parent_id) + subtree_levels (self, code_id), error))
    return FALSE;

  duplicate = g_strdup_printf (_("There is already a code “%s” there"), code->name);
  if (!gloss_project_begin_step (self, _("Move code"), error))
    return FALSE;

  /* Close the gap it leaves, open one where it goes, then put it there. */
  count = next_position (self, parent_id) - (code->parent_id == parent_id ? 1 : 0);
  if (position < 0 || position > count)
    position = count;

  if (!exec_bound (self, "UPDATE code SET position = position - 1 "
                         "WHERE ifnull (parent_id, 0) = ifnull (?2, 0) AND position > ?3 AND id <> ?1",
                   code_id, code->parent_id, code->position, NULL, error) ||
      !exec_bound (self, "UPDATE code SET position = position + 1 "
                         "WHERE ifnull (parent_id, 0) = ifnull (?2, 0) AND position >= ?3 AND id <> ?1",
                   code_id, parent_id, position, NULL, error) ||
      !exec_bound (self, "UPDATE code SET parent_id = ?2, position = ?3 WHERE id = ?1",
                   code_id, parent_id, position, duplicate, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_CODES);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

gboolean
gloss_project_merge_code (GlossProject  *self,
                          gint64         source_id,
                          gint64         target_id,
                          GError       **error)
{
  g_autoptr(GlossCode) source = NULL;
  g_autoptr(GlossCode) target = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((source = gloss_project_get_code (self, source_id, error)) == NULL ||
      (target = gloss_project_get_code (self, target_id, error)) == NULL)
    return FALSE;

  if (is_ancestor_or_self (self, source_id, target_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_CYCLE,
                   _("“%s” cannot be merged into itself or a code below it"), source->name);
      return FALSE;
    }

  label = g_strdup_printf (_("Merge “%s” into “%s”"), source->name, target->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  /* Codings the target already has on the same range would be duplicates. */
  if (!exec_bound (self, "DELETE FROM coding WHERE code_id = ?1 AND EXISTS (SELECT 1 FROM coding t "
                         "WHERE t.code_id = ?3 AND t.document_id = coding.document_id "
                         "AND t.coder_id = coding.coder_id AND t.start = coding.start AND t.end = coding.end)",
                   source_id, 0, target_id, NULL, error) ||
      !exec_bound (self, "UPDATE coding SET code_id = ?3 WHERE code_id = ?1",
                   source_id, 0, target_id, NULL, error) ||
      !exec_bound (self, "UPDATE code SET parent_id = ?3, "
                         "position = position + (SELECT ifnull (max (position) + 1, 0) FROM code WHERE parent_id = ?3) "
                         "WHERE parent_id = ?1",
                   source_id, 0, target_id,
                   _("A child code has the same name as one of the target’s children"), error) ||
      !exec_bound (self, "DELETE FROM code WHERE id = ?1", source_id, 0, 0, NULL, error) ||
      !exec_bound (self, "UPDATE code SET position = position - 1 "
                         "WHERE ifnull (parent_id, 0) = ifnull (?2, 0) AND position > ?3",
                   source_id, source->parent_id, source->position, NULL, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_CODES | GLOSS_CHANGE_CODINGS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

gboolean
gloss_project_delete_code (GlossProject  *self,
                           gint64         code_id,
                           GError       **error)
{
  g_autoptr(GlossCode) code = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((code = gloss_project_get_code (self, code_id, error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Delete code “%s”"), code->name);
  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  /* Children and codings go with it (ON DELETE CASCADE); the history
   * triggers see each of them, so undo brings all back. */
  if (!exec_bound (self, "DELETE FROM code WHERE id = ?1", code_id, 0, 0, NULL, error) ||
      !exec_bound (self, "UPDATE code SET position = position - 1 "
                         "WHERE ifnull (parent_id, 0) = ifnull (?2, 0) AND position > ?3",
                   code_id, code->parent_id, code->position, NULL, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_CODES | GLOSS_CHANGE_CODINGS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

/* Listing: the whole tree in one query, depth first by position. */
#define CODE_TREE \
  "WITH RECURSIVE tree (id, depth, path, sort) AS (" \
  "  SELECT id, 0, " GLOSS_CODE_PATH_ESCAPE_SQL ("name") ", printf ('%08d', position) " \
  "  FROM code WHERE parent_id IS NULL " \
  "  UNION ALL " \
  "  SELECT c.id, t.depth + 1, t.path || '/' || " GLOSS_CODE_PATH_ESCAPE_SQL ("c.name") ", t.sort || '.' || printf ('%08d', c.position) " \
  "  FROM code c JOIN tree t ON c.parent_id = t.id) " \
  "SELECT c.id, c.guid, ifnull (c.parent_id, 0), c.name, c.color, c.description, c.position, " \
  "  t.depth, t.path, " \
  "  (SELECT count(*) FROM coding g WHERE g.code_id = c.id) - " \
  "  (SELECT count(*) FROM document d CROSS JOIN coding g ON g.document_id = d.id " \
  "   WHERE d.removed = 1 AND g.code_id = c.id), " \
  "  c.codable " \
  "FROM tree t JOIN code c ON c.id = t.id "

static GlossCode *
code_from_row (sqlite3_stmt *stmt)
{
  GlossCode *code = g_new0 (GlossCode, 1);

  code->id = sqlite3_column_int64 (stmt, 0);
  code->guid = _gloss_column_dup_text (stmt, 1);
  code->parent_id = sqlite3_column_int64 (stmt, 2);
  code->name = _gloss_column_dup_text (stmt, 3);
  code->color = _gloss_column_dup_text (stmt, 4);
  code->description = _gloss_column_dup_text (stmt, 5);
  code->position = sqlite3_column_int (stmt, 6);
  code->depth = sqlite3_column_int (stmt, 7);
  code->path = _gloss_column_dup_text (stmt, 8);
  code->n_codings = sqlite3_column_int64 (stmt, 9);
  code->codable = sqlite3_column_int (stmt, 10) != 0;

  return code;
}

GPtrArray *
gloss_project_list_codes (GlossProject  *self,
                          GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return _gloss_project_query_rows (self, CODE_TREE "ORDER BY t.sort", 0,
                                    (GlossRowFunc) code_from_row, (GDestroyNotify) gloss_code_free, error);
}

GlossCode *
gloss_project_get_code (GlossProject  *self,
                        gint64         code_id,
                        GError       **error)
{
  GlossCode *code;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  code = _gloss_project_query_row (self, CODE_TREE "WHERE c.id = ?1", code_id,
                                   (GlossRowFunc) code_from_row, error);
  if (code == NULL && (error == NULL || *error == NULL))
    require_code (self, code_id, error);

  return code;
}

gint64
gloss_project_find_code (GlossProject  *self,
                         const char    *path,
                         GError       **error)
{
  g_auto(GStrv) parts = NULL;
  gint64 id = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  parts = gloss_code_path_split (path != NULL ? path : "");
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (parts[i]));

      id = _gloss_project_find_child_code (self, id, name);
      if (id == 0)
        break;
    }

  if (id == 0)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("No code “%s” in the codebook"),
                 path != NULL ? path : "");

  return id;
}

char *
gloss_project_dup_code_path (GlossProject  *self,
                             gint64         code_id,
                             GError       **error)
{
  g_autoptr(GlossCode) code = gloss_project_get_code (self, code_id, error);

  return code != NULL ? g_steal_pointer (&code->path) : NULL;
}

gint64
gloss_project_count_code_codings (GlossProject  *self,
                                  gint64         code_id,
                                  gboolean       with_children,
                                  GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  stmt = _gloss_project_prepare (self,
                                 "WITH RECURSIVE below (id) AS (SELECT ?1 UNION ALL "
                                 "SELECT c.id FROM code c JOIN below b ON c.parent_id = b.id WHERE ?2) "
                                 "SELECT count(*) FROM coding g JOIN document d ON d.id = g.document_id "
                                 "AND d.removed = 0 WHERE g.code_id IN (SELECT id FROM below)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int (stmt, 2, with_children);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}
