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
#include <string.h>

#include "gloss-sync-private.h"

typedef struct
{
  const char *name;     /* sync_row.tbl, the local and the server table */
  const char *from;     /* the local rows, the table as t */
  const char *key;      /* a row's GUID, or the GUIDs it joins */
  const char *state;    /* what a sync carries of a row */
  const char *with;     /* a CTE the push order needs (or NULL) */
  const char *ord_join; /* joined to @from for the push order */
  const char *ord;      /* the push order (NULL: 0) */
  int         since;    /* the server schema version that has the table */
  const char *row_key;  /* @key of the row ROW (NEW or OLD), for the triggers (NULL: ROW.guid) */
  const char *renames;  /* columns whose change changes other rows' keys or states */
} SyncTableInfo;

#define TARGET_GUID(kind, id) \
  "CASE " kind " WHEN 'project' THEN (SELECT guid FROM main.project) " \
  "WHEN 'document' THEN (SELECT guid FROM main.document WHERE id = " id ") " \
  "WHEN 'code' THEN (SELECT guid FROM main.code WHERE id = " id ") " \
  "WHEN 'coder' THEN (SELECT guid FROM main.coder WHERE id = " id ") " \
  "WHEN 'case' THEN (SELECT guid FROM main.case_item WHERE id = " id ") END"
#define VALUE_KEY "a.guid || '/' || " TARGET_GUID ("a.target", "t.target_id")
#define ROW_VALUE_KEY \
  "(SELECT a.guid || '/' || " TARGET_GUID ("a.target", "ROW.target_id") " FROM main.attribute a " \
  "WHERE a.id = ROW.attribute_id)"
#define ROW_MEMBER_KEY \
  "(SELECT s.guid || '/' || CASE s.kind WHEN 'document' THEN (SELECT guid FROM main.document WHERE id = ROW.member_id) " \
  "ELSE (SELECT guid FROM main.code WHERE id = ROW.member_id) END FROM main.set_item s WHERE s.id = ROW.set_id)"
#define MEMBER_GUID \
  "CASE s.kind WHEN 'document' THEN (SELECT guid FROM main.document WHERE id = t.member_id) " \
  "ELSE (SELECT guid FROM main.code WHERE id = t.member_id) END"

static const SyncTableInfo tables[GLOSS_SYNC_N_TABLES] = {
  [GLOSS_SYNC_PROJECT] = { "project", "main.project t", "t.guid", "json_object ('title', t.title)",
    NULL, NULL, NULL, 0, NULL, "guid" },
  [GLOSS_SYNC_CODER] = { "coder", "main.coder t", "t.guid",
    "json_object ('name', t.name, 'color', t.color, 'created', t.created)",
    NULL, NULL, NULL, 0, NULL, "guid" },
  [GLOSS_SYNC_CODE] = { "code", "main.code t LEFT JOIN main.code p ON p.id = t.parent_id", "t.guid",
    "json_object ('parent', p.guid, 'name', t.name, 'color', t.color, "
    "  'description', t.description, 'position', t.position, 'codable', t.codable, "
    "  'created', t.created, 'modified', t.modified)",
    "WITH RECURSIVE depth (id, n) AS ("
    "  SELECT id, 0 FROM main.code WHERE parent_id IS NULL"
    "  UNION ALL SELECT c.id, d.n + 1 FROM main.code c JOIN depth d ON c.parent_id = d.id) ",
    " LEFT JOIN depth d ON d.id = t.id", "d.n", 0, NULL, "guid" },
  /* The lead sends a text extracted again; a coder's file never does. */
  [GLOSS_SYNC_DOCUMENT] = { "document", "main.document t", "t.guid",
    "CASE WHEN (SELECT is_lead FROM main.sync_server WHERE id = 1) "
    "  THEN json_object ('title', t.title, 'removed', t.removed, 'text_extraction', t.text_extraction, "
    "    'n_chars', t.n_chars, 'n_bytes', length (CAST (t.text AS BLOB))) "
    "  ELSE json_object ('title', t.title, 'removed', t.removed) END",
    NULL, NULL, NULL, 0, NULL, "guid" },
  [GLOSS_SYNC_CODING] = { "coding",
    "main.coding t JOIN main.document d ON d.id = t.document_id "
    "JOIN main.coder k ON k.id = t.coder_id JOIN main.code c ON c.id = t.code_id", "t.guid",
    "json_object ('document', d.guid, 'coder', k.guid, 'code', c.guid, "
    "  'start', t.start, 'end', t.\"end\", 'quote', t.quote, 'prefix', t.prefix, 'suffix', t.suffix, "
    "  'memo', t.memo, 'created', t.created, 'modified', t.modified)" },
  [GLOSS_SYNC_MEMO] = { "memo", "main.memo t", "t.guid",
    "json_object ('kind', t.target_kind, 'target', " TARGET_GUID ("t.target_kind", "t.target_id") ", "
    "  'text', t.text, 'created', t.created, 'modified', t.modified)",
    NULL, NULL, NULL, 2 },
  [GLOSS_SYNC_NOTE] = { "note", "main.note t", "t.guid",
    "json_object ('name', t.name, 'text', t.text, 'author_guid', t.author_guid, "
    "  'author_name', t.author_name, 'created', t.created, 'modified', t.modified)",
    NULL, NULL, NULL, 2 },
  [GLOSS_SYNC_ATTRIBUTE] = { "attribute", "main.attribute t", "t.guid",
    "json_object ('target', t.target, 'name', t.name, 'type', t.type, 'choices', t.choices, "
    "  'description', t.description, 'position', t.position, 'created', t.created)",
    NULL, NULL, NULL, 2, NULL, "guid, target" },
  [GLOSS_SYNC_CASE] = { "case_item", "main.case_item t", "t.guid",
    "json_object ('name', t.name, 'description', t.description, 'created', t.created)",
    NULL, NULL, NULL, 2, NULL, "guid" },
  [GLOSS_SYNC_CASE_MEMBER] = { "case_member",
    "main.case_member t JOIN main.case_item c ON c.id = t.case_id JOIN main.document d ON d.id = t.document_id",
    "t.guid",
    "json_object ('case', c.guid, 'document', d.guid, 'start', t.start, 'end', t.\"end\")",
    NULL, NULL, NULL, 2 },
  [GLOSS_SYNC_ATTRIBUTE_VALUE] = { "attribute_value",
    "main.attribute_value t JOIN main.attribute a ON a.id = t.attribute_id", VALUE_KEY,
    "json_object ('attribute', a.guid, 'target', " TARGET_GUID ("a.target", "t.target_id") ", 'value', t.value)",
    NULL, NULL, NULL, 2, ROW_VALUE_KEY },
  [GLOSS_SYNC_SET] = { "set_item", "main.set_item t", "t.guid",
    "json_object ('kind', t.kind, 'name', t.name, 'rule', t.rule, 'description', t.description, "
    "  'created', t.created)",
    NULL, NULL, NULL, 2, NULL, "guid, kind" },
  [GLOSS_SYNC_SET_MEMBER] = { "set_member", "main.set_member t JOIN main.set_item s ON s.id = t.set_id",
    "s.guid || '/' || " MEMBER_GUID,
    "json_object ('set', s.guid, 'member', " MEMBER_GUID ")",
    NULL, NULL, NULL, 2, ROW_MEMBER_KEY },
};

const char *
_gloss_sync_table_name (GlossSyncTable table)
{
  return tables[table].name;
}

int
_gloss_sync_table_since (GlossSyncTable table)
{
  return MAX (tables[table].since, 1);
}

/* guid, state (and with @ordered the push order) of every row of @table;
 * rows whose key cannot be made (a value of a target that is gone) are
 * left out. */
static char *
states_sql (GlossSyncTable table,
            gboolean       ordered)
{
  const SyncTableInfo *info = &tables[table];

  return g_strdup_printf ("%sSELECT * FROM (SELECT %s AS guid, %s AS state, %s AS ord FROM %s%s) WHERE guid IS NOT NULL",
                          ordered && info->with != NULL ? info->with : "",
                          info->key, info->state,
                          ordered && info->ord != NULL ? info->ord : "0",
                          info->from, ordered && info->ord_join != NULL ? info->ord_join : "");
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
  g_autofree char *states = states_sql (table, TRUE);
  g_autofree char *sql = NULL;
  g_autofree char *deleted = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* The CTE (the code's depth) goes before the whole statement. */
  if (tables[table].with != NULL)
    {
      g_autofree char *plain = states_sql (table, FALSE);
      g_autofree char *inner = g_strdup (states + strlen (tables[table].with));
      sql = g_strdup_printf ("%sSELECT l.guid, l.state FROM (%s) l "
                             "LEFT JOIN sync_row s ON s.tbl = ?1 AND s.guid = l.guid "
                             "WHERE s.state IS NOT l.state ORDER BY l.ord",
                             tables[table].with, inner);
      deleted = g_strdup_printf ("SELECT s.guid FROM sync_row s WHERE s.tbl = ?1 "
                                 "AND s.guid NOT IN (SELECT guid FROM (%s))", plain);
    }
  else
    {
      sql = g_strdup_printf ("SELECT l.guid, l.state FROM (%s) l "
                             "LEFT JOIN sync_row s ON s.tbl = ?1 AND s.guid = l.guid "
                             "WHERE s.state IS NOT l.state ORDER BY l.ord",
                             states);
      deleted = g_strdup_printf ("SELECT s.guid FROM sync_row s WHERE s.tbl = ?1 "
                                 "AND s.guid NOT IN (SELECT guid FROM (%s))", states);
    }

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

gboolean
_gloss_sync_delete_local (GlossProject   *project,
                          GlossSyncTable  table,
                          const char     *guid,
                          GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM main.%s WHERE id IN (SELECT t.id FROM %s WHERE %s = ?1)",
                                          tables[table].name, tables[table].from, tables[table].key);
  sqlite3_stmt *stmt = _gloss_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  return _gloss_project_run (project, stmt, error);
}

char *
_gloss_sync_local_state (GlossProject   *project,
                         GlossSyncTable  table,
                         const char     *guid)
{
  g_autofree char *states = states_sql (table, FALSE);
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM (%s) WHERE guid = ?1", states);
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

/* The count of changes waiting, kept up to date change by change.
 *
 * Comparing every row's state with what was synced costs the whole
 * project each time; the window asks after every change. So a count
 * compares everything once and keeps the keys that differ in sync_waiting;
 * from then on, triggers of each connection that syncs or counts (the
 * window's, its sync's, gloss-cli sync's) note in sync_touched the keys
 * each change touches (the row's, and sync_row's when a sync records one),
 * and a count compares only those. A push, which compares everything
 * anyway, sets sync_waiting to what it could not send. When another
 * program wrote the file and noted nothing (PRAGMA data_version tells), or
 * a change moved keys in a way the triggers cannot follow (a GUID, an
 * attribute's target, a set's kind changed, a key could not be made), the
 * next count starts again from everything. */

static char *
touch_sql (GlossSyncTable  table,
           const char     *row)
{
  const SyncTableInfo *info = &tables[table];
  g_autofree char *key = info->row_key != NULL ? g_strdup (info->row_key) : g_strdup ("ROW.guid");
  g_auto(GStrv) parts = g_strsplit (key, "ROW.", -1);
  g_autofree char *prefix = g_strconcat (row, ".", NULL);
  g_autofree char *row_key = g_strjoinv (prefix, parts);

  /* Nothing that could fail: a conflict clause of the statement that
   * fires the trigger would take over (an upsert's, an ignore's). */
  return g_strdup_printf ("INSERT INTO sync_touched (tbl, guid) "
                          "  SELECT '%1$s', k FROM (SELECT %2$s AS k) WHERE k IS NOT NULL "
                          "  AND NOT EXISTS (SELECT 1 FROM sync_touched x WHERE x.tbl = '%1$s' AND x.guid = k); "
                          "UPDATE sync_count SET known = 0 WHERE (SELECT %2$s) IS NULL; ",
                          info->name, row_key);
}

static gboolean
counting_installed (GlossProject *project)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               "SELECT 1 FROM temp.sqlite_master WHERE name = 'gloss_sync_counting'",
                                               NULL);
  gboolean installed;

  if (stmt == NULL)
    return FALSE;
  installed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return installed;
}

gboolean
_gloss_sync_install_counting (GlossProject  *project,
                              GError       **error)
{
  g_autoptr(GString) sql = NULL;

  if (counting_installed (project))
    return TRUE;

  sql = g_string_new (
    "CREATE TEMP TABLE IF NOT EXISTS sync_seen (data_version INTEGER);"
    "CREATE TEMP TRIGGER IF NOT EXISTS gloss_sync_row_insert AFTER INSERT ON main.sync_row BEGIN "
    "  INSERT INTO sync_touched (tbl, guid) SELECT NEW.tbl, NEW.guid "
    "  WHERE NOT EXISTS (SELECT 1 FROM sync_touched x WHERE x.tbl = NEW.tbl AND x.guid = NEW.guid); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS gloss_sync_row_update AFTER UPDATE ON main.sync_row BEGIN "
    "  INSERT INTO sync_touched (tbl, guid) SELECT NEW.tbl, NEW.guid "
    "  WHERE NOT EXISTS (SELECT 1 FROM sync_touched x WHERE x.tbl = NEW.tbl AND x.guid = NEW.guid); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS gloss_sync_row_delete AFTER DELETE ON main.sync_row BEGIN "
    "  INSERT INTO sync_touched (tbl, guid) SELECT OLD.tbl, OLD.guid "
    "  WHERE NOT EXISTS (SELECT 1 FROM sync_touched x WHERE x.tbl = OLD.tbl AND x.guid = OLD.guid); END;");

  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    {
      const char *name = tables[t].name;
      g_autofree char *touch_new = touch_sql (t, "NEW");
      g_autofree char *touch_old = touch_sql (t, "OLD");

      g_string_append_printf (sql,
                              "CREATE TEMP TRIGGER IF NOT EXISTS gloss_sync_%1$s_insert AFTER INSERT ON main.%1$s "
                              "BEGIN %2$s END;"
                              "CREATE TEMP TRIGGER IF NOT EXISTS gloss_sync_%1$s_update AFTER UPDATE ON main.%1$s "
                              "BEGIN %2$s %3$s END;"
                              "CREATE TEMP TRIGGER IF NOT EXISTS gloss_sync_%1$s_delete AFTER DELETE ON main.%1$s "
                              "BEGIN %3$s END;",
                              name, touch_new, touch_old);
      if (tables[t].renames != NULL)
        {
          g_auto(GStrv) columns = g_strsplit (tables[t].renames, ", ", -1);
          g_autoptr(GString) when = g_string_new (NULL);

          /* An undo writes whole rows back: only a real change counts. */
          for (guint c = 0; columns[c] != NULL; c++)
            g_string_append_printf (when, "%sOLD.%s IS NOT NEW.%s", c > 0 ? " OR " : "", columns[c], columns[c]);
          g_string_append_printf (sql,
                                  "CREATE TEMP TRIGGER IF NOT EXISTS gloss_sync_%1$s_rekey AFTER UPDATE OF %2$s "
                                  "ON main.%1$s WHEN %3$s BEGIN UPDATE sync_count SET known = 0; END;",
                                  name, tables[t].renames, when->str);
        }
    }

  /* Made last: its presence says that all the rest is there. */
  g_string_append (sql, "CREATE TEMP VIEW IF NOT EXISTS gloss_sync_counting AS SELECT 1;");
  return _gloss_project_exec (project, sql->str, error);
}

static gint64
data_version (GlossProject *project)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "PRAGMA main.data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return version;
}

static gint64
query_number (GlossProject *project,
              const char   *sql,
              gint64        otherwise)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, sql, NULL);
  gint64 n = otherwise;

  if (stmt == NULL)
    return otherwise;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* sync_waiting becomes @changes (GlossSyncChange, or NULL: every change
 * listed anew); the count is known from here on. */
gboolean
_gloss_sync_set_waiting (GlossProject  *project,
                         GPtrArray     *changes,
                         GError       **error)
{
  g_autoptr(GPtrArray) all = NULL;
  sqlite3_stmt *stmt;

  if (changes == NULL)
    {
      all = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_sync_change_free);
      for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
        {
          g_autoptr(GPtrArray) list = _gloss_sync_list_changes (project, t, error);

          if (list == NULL)
            return FALSE;
          g_ptr_array_extend_and_steal (all, g_steal_pointer (&list));
        }
      changes = all;
    }

  if (!_gloss_project_exec (project, "DELETE FROM sync_waiting", error) ||
      (stmt = _gloss_project_prepare (project, "INSERT OR IGNORE INTO sync_waiting (tbl, guid) VALUES (?1, ?2)",
                                      error)) == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      const GlossSyncChange *change = g_ptr_array_index (changes, i);

      sqlite3_bind_text (stmt, 1, tables[change->table].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, change->guid, -1, SQLITE_TRANSIENT);
      if (!_gloss_project_run (project, stmt, error))
        return FALSE;
    }

  return _gloss_project_exec (project, "INSERT OR REPLACE INTO sync_count (id, known) VALUES (1, 1)", error);
}

/* Whether sync_waiting is known to be @changes already (then a push that
 * changed nothing writes nothing). */
gboolean
_gloss_sync_waiting_is (GlossProject *project,
                        GPtrArray    *changes)
{
  sqlite3_stmt *stmt;

  if (query_number (project, "SELECT known FROM sync_count WHERE id = 1", 0) == 0 ||
      query_number (project, "SELECT count (*) FROM sync_waiting", -1) != (gint64) changes->len)
    return FALSE;

  stmt = _gloss_project_prepare (project, "SELECT 1 FROM sync_waiting WHERE tbl = ?1 AND guid = ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      const GlossSyncChange *change = g_ptr_array_index (changes, i);
      gboolean there;

      sqlite3_bind_text (stmt, 1, tables[change->table].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, change->guid, -1, SQLITE_TRANSIENT);
      there = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!there)
        return FALSE;
    }

  return TRUE;
}

static int
table_of_name (const char *name)
{
  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    if (g_strcmp0 (tables[t].name, name) == 0)
      return t;
  return -1;
}

static char *
synced_state (GlossProject   *project,
              GlossSyncTable  table,
              const char     *guid)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "SELECT state FROM sync_row WHERE tbl = ?1 AND guid = ?2", NULL);
  char *state = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tables[table].name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return state;
}

/* Only the keys touched since the last count compared again. */
static gboolean
count_touched (GlossProject  *project,
               GError       **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "SELECT DISTINCT tbl, guid FROM sync_touched", error);
  sqlite3_stmt *add, *drop;

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (keys, _gloss_column_dup_text (stmt, 0));
      g_ptr_array_add (keys, _gloss_column_dup_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if ((add = _gloss_project_prepare (project, "INSERT OR IGNORE INTO sync_waiting (tbl, guid) VALUES (?1, ?2)",
                                     error)) == NULL ||
      (drop = _gloss_project_prepare (project, "DELETE FROM sync_waiting WHERE tbl = ?1 AND guid = ?2",
                                      error)) == NULL)
    return FALSE;

  for (guint i = 0; i + 1 < keys->len; i += 2)
    {
      const char *name = g_ptr_array_index (keys, i);
      const char *guid = g_ptr_array_index (keys, i + 1);
      int t = table_of_name (name);
      g_autofree char *here = NULL;
      g_autofree char *synced = NULL;
      sqlite3_stmt *which;

      if (t < 0)
        continue;  /* sync_row of a table this Gloss does not sync */
      here = _gloss_sync_local_state (project, t, guid);
      synced = synced_state (project, t, guid);
      which = g_strcmp0 (here, synced) != 0 ? add : drop;
      sqlite3_bind_text (which, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (which, 2, guid, -1, SQLITE_TRANSIENT);
      if (!_gloss_project_run (project, which, error))
        return FALSE;
    }

  return TRUE;
}

static gint64
count_waiting (GlossProject  *project,
               GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 version = data_version (project);
  gint64 seen = query_number (project, "SELECT data_version FROM temp.sync_seen", -1);
  gboolean known = query_number (project, "SELECT known FROM sync_count WHERE id = 1", 0) != 0;
  gboolean touched = query_number (project, "SELECT EXISTS (SELECT 1 FROM sync_touched)", 0) != 0;
  gboolean ok;

  if (!_gloss_sync_install_counting (project, error))
    return -1;

  /* Another program wrote and noted nothing: everything again. */
  if (!known || version < 0 || (seen != version && !touched))
    ok = _gloss_sync_set_waiting (project, NULL, error);
  else
    ok = count_touched (project, error);
  if (!ok || !_gloss_project_exec (project, "DELETE FROM sync_touched; DELETE FROM temp.sync_seen", error))
    return -1;

  stmt = _gloss_project_prepare (project, "INSERT INTO temp.sync_seen (data_version) VALUES (?1)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, version);
  if (!_gloss_project_run (project, stmt, error))
    return -1;

  return query_number (project, "SELECT count (*) FROM sync_waiting", -1);
}

static gboolean
has_server (GlossProject *project)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "SELECT 1 FROM sync_server WHERE id = 1", NULL);
  gboolean has;

  if (stmt == NULL)
    return FALSE;
  has = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return has;
}

gint64
gloss_sync_count_waiting (GlossProject  *project,
                          GError       **error)
{
  g_autoptr(GHashTable) keys = NULL;
  gint64 n;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), -1);

  if (!has_server (project))
    return 0;

  /* All of it in one transaction of the temporary tables; inside a
   * caller's, or where they cannot be written, everything is compared. */
  if (sqlite3_get_autocommit (project->db) &&
      _gloss_project_exec (project, "SAVEPOINT sync_count", NULL))
    {
      n = count_waiting (project, NULL);
      if (n >= 0 && _gloss_project_exec (project, "RELEASE sync_count", NULL))
        return n;
      sqlite3_exec (project->db, "ROLLBACK TO sync_count; RELEASE sync_count", NULL, NULL, NULL);
    }

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
