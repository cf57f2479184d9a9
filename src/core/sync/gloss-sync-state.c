/* gloss-sync-state.c: what a project file knows of its team server
 *
 * sync_server holds the address, the coder and the cursor; sync_row, for
 * each row the server and this file agreed on, the row's state then: a
 * JSON object of what a sync carries, other rows named by GUID. A row
 * whose state now differs from it (or that has none) changed here; a
 * sync_row whose row is gone was deleted here. Comparing states rather
 * than recording each change keeps every way of changing the file (the
 * window, gloss-cli, undo, merge) visible to the sync.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-sync-private.h"

typedef struct
{
  const char *name;    /* sync_row.tbl, the local and the server table */
  const char *states;  /* guid, state, push order of every local row */
} SyncTableInfo;

static const SyncTableInfo tables[GLOSS_SYNC_N_TABLES] = {
  [GLOSS_SYNC_PROJECT] = { "project",
    "SELECT guid, json_object ('title', title) AS state, 0 AS ord FROM main.project" },
  [GLOSS_SYNC_CODER] = { "coder",
    "SELECT guid, json_object ('name', name, 'color', color, 'created', created) AS state, 0 AS ord "
    "FROM main.coder" },
  [GLOSS_SYNC_CODE] = { "code",
    "WITH RECURSIVE depth (id, n) AS ("
    "  SELECT id, 0 FROM main.code WHERE parent_id IS NULL"
    "  UNION ALL SELECT c.id, d.n + 1 FROM main.code c JOIN depth d ON c.parent_id = d.id) "
    "SELECT c.guid, json_object ('parent', p.guid, 'name', c.name, 'color', c.color, "
    "  'description', c.description, 'position', c.position, 'codable', c.codable, "
    "  'created', c.created, 'modified', c.modified) AS state, d.n AS ord "
    "FROM main.code c LEFT JOIN main.code p ON p.id = c.parent_id LEFT JOIN depth d ON d.id = c.id" },
  [GLOSS_SYNC_DOCUMENT] = { "document",
    "SELECT guid, json_object ('title', title, 'removed', removed) AS state, 0 AS ord FROM main.document" },
  [GLOSS_SYNC_CODING] = { "coding",
    "SELECT g.guid, json_object ('document', d.guid, 'coder', k.guid, 'code', c.guid, "
    "  'start', g.start, 'end', g.\"end\", 'quote', g.quote, 'prefix', g.prefix, 'suffix', g.suffix, "
    "  'memo', g.memo, 'created', g.created, 'modified', g.modified) AS state, 0 AS ord "
    "FROM main.coding g JOIN main.document d ON d.id = g.document_id "
    "JOIN main.coder k ON k.id = g.coder_id JOIN main.code c ON c.id = g.code_id" },
};

const char *
_gloss_sync_table_name (GlossSyncTable table)
{
  return tables[table].name;
}

void
_gloss_sync_state_free (GlossSyncState *state)
{
  if (state == NULL)
    return;

  g_free (state->uri);
  g_free (state->coder_guid);
  g_free (state);
}

GlossSyncState *
_gloss_sync_state_read (GlossProject  *project,
                        GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               "SELECT uri, coder_guid, is_lead, cursor, phase FROM sync_server WHERE id = 1",
                                               error);
  g_autoptr(GlossSyncState) state = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state = g_new0 (GlossSyncState, 1);
      state->uri = _gloss_column_dup_text (stmt, 0);
      state->coder_guid = _gloss_column_dup_text (stmt, 1);
      state->is_lead = sqlite3_column_int (stmt, 2) != 0;
      state->cursor = sqlite3_column_int64 (stmt, 3);
      gloss_team_phase_from_string ((const char *) sqlite3_column_text (stmt, 4), &state->phase);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return g_steal_pointer (&state);

  if (rc == SQLITE_DONE)
    {
      g_autofree char *name = g_filename_display_basename (gloss_project_get_path (project));
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("“%s” has no team server: publish it or join one first"), name);
    }
  else
    _gloss_project_set_error (project, error, _("Cannot read the team server’s state"));

  return NULL;
}

gboolean
_gloss_sync_state_write (GlossProject         *project,
                         const GlossSyncState *state,
                         GError              **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               "INSERT OR REPLACE INTO sync_server (id, uri, coder_guid, is_lead, cursor, phase, synced) "
                                               "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
                                               error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, state->uri, -1, SQLITE_TRANSIENT);
  if (state->coder_guid != NULL)
    sqlite3_bind_text (stmt, 2, state->coder_guid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int (stmt, 3, state->is_lead ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, state->cursor);
  sqlite3_bind_text (stmt, 5, gloss_team_phase_to_string (state->phase), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, _gloss_now ());

  return _gloss_project_run (project, stmt, error);
}

void
_gloss_sync_change_free (GlossSyncChange *change)
{
  if (change == NULL)
    return;

  g_free (change->guid);
  g_free (change->state);
  g_free (change);
}

char *
_gloss_sync_key (GlossSyncTable  table,
                 const char     *guid)
{
  return g_strconcat (tables[table].name, ":", guid, NULL);
}

static gboolean
collect_changes (GlossProject   *project,
                 GlossSyncTable  table,
                 GPtrArray      *changes,
                 GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT l.guid, l.state FROM (%s) l "
                                          "LEFT JOIN sync_row s ON s.tbl = ?1 AND s.guid = l.guid "
                                          "WHERE s.state IS NOT l.state ORDER BY l.ord",
                                          tables[table].states);
  g_autofree char *deleted = g_strdup_printf ("SELECT s.guid FROM sync_row s WHERE s.tbl = ?1 "
                                              "AND NOT EXISTS (SELECT 1 FROM main.%s t WHERE t.guid = s.guid)",
                                              tables[table].name);
  sqlite3_stmt *stmt;
  int rc;

  for (guint pass = 0; pass < 2; pass++)
    {
      stmt = _gloss_project_prepare (project, pass == 0 ? sql : deleted, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, tables[table].name, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GlossSyncChange *change = g_new0 (GlossSyncChange, 1);

          change->table = table;
          change->guid = _gloss_column_dup_text (stmt, 0);
          change->state = pass == 0 ? _gloss_column_dup_text (stmt, 1) : NULL;
          g_ptr_array_add (changes, change);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _gloss_project_set_error (project, error, _("Cannot read what changed since the last sync"));
          return FALSE;
        }
    }

  return TRUE;
}

GPtrArray *
_gloss_sync_list_changes (GlossProject   *project,
                          GlossSyncTable  table,
                          GError        **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_sync_change_free);

  if (!collect_changes (project, table, changes, error))
    return NULL;

  return g_steal_pointer (&changes);
}

gboolean
_gloss_sync_remember (GlossProject   *project,
                      GlossSyncTable  table,
                      const char     *guid,
                      const char     *state,
                      GError        **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               state != NULL
                                               ? "INSERT OR REPLACE INTO sync_row (tbl, guid, state) VALUES (?1, ?2, ?3)"
                                               : "DELETE FROM sync_row WHERE tbl = ?1 AND guid = ?2",
                                               error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tables[table].name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
  if (state != NULL)
    sqlite3_bind_text (stmt, 3, state, -1, SQLITE_TRANSIENT);

  return _gloss_project_run (project, stmt, error);
}

char *
_gloss_sync_local_state (GlossProject   *project,
                         GlossSyncTable  table,
                         const char     *guid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM (%s) WHERE guid = ?1", tables[table].states);
  sqlite3_stmt *stmt = _gloss_project_prepare (project, sql, NULL);
  char *state = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return state;
}

GHashTable *
_gloss_sync_changed_keys (GlossProject  *project,
                          GError       **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    {
      g_autoptr(GPtrArray) changes = _gloss_sync_list_changes (project, t, error);

      if (changes == NULL)
        return NULL;
      for (guint i = 0; i < changes->len; i++)
        {
          const GlossSyncChange *change = g_ptr_array_index (changes, i);
          g_hash_table_add (keys, _gloss_sync_key (change->table, change->guid));
        }
    }

  return g_steal_pointer (&keys);
}

gint64
gloss_sync_count_waiting (GlossProject  *project,
                          GError       **error)
{
  g_autoptr(GHashTable) keys = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), -1);

  keys = _gloss_sync_changed_keys (project, error);
  return keys != NULL ? (gint64) g_hash_table_size (keys) : -1;
}

char *
gloss_sync_dup_uri (GlossProject *project)
{
  g_autoptr(GlossSyncState) state = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  state = _gloss_sync_state_read (project, NULL);
  return state != NULL ? g_strdup (state->uri) : NULL;
}
