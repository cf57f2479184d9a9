/* gloss-sync-pull.c: bringing the server's changes into the file
 *
 * The server is read in one snapshot: the rows its log names after the
 * file's cursor (all of them after a change of phase, which may show rows
 * that were hidden), the rows it deleted, and the documents' bytes and
 * pages the file lacks. They are then written into the file in one
 * transaction, matched by GUID as a merge matches them: a row the file
 * changed since the last sync and the server changed too is a conflict,
 * reported and kept as the file has it; a row that is already as the
 * server has it is left alone. The file's undo history does not record
 * what came from the server: undoing it here would only be refused there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-sync-private.h"

typedef struct
{
  const char *select;   /* server columns, in the order of @types; $1 the cursor */
  const char *types;    /* per column: t text, i integer, r real */
  const char *upsert;   /* local; ?N is column N - 1 */
} PullTable;

/* Rows the log names after the cursor, and those ($2) the server just
 * refused, to tell whether they are a conflict. */
#define CHANGED(tbl) " WHERE ($1::bigint = 0 OR guid = ANY ($2::text[]) " \
                     "OR guid IN (SELECT guid FROM gloss.change_log WHERE tbl = '" tbl "' AND seq > $1))"

static const PullTable pull_tables[GLOSS_SYNC_N_TABLES] = {
  [GLOSS_SYNC_PROJECT] = {
    "SELECT guid, title FROM gloss.project" CHANGED ("project"),
    "tt",
    "UPDATE project SET title = ?2 WHERE guid = ?1 AND title IS NOT ?2" },
  [GLOSS_SYNC_CODER] = {
    "SELECT guid, name, color, created FROM gloss.coder" CHANGED ("coder"),
    "ttti",
    "INSERT INTO coder (guid, name, color, created) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (guid) DO UPDATE SET name = excluded.name, color = excluded.color "
    "WHERE name IS NOT excluded.name OR color IS NOT excluded.color" },
  [GLOSS_SYNC_CODE] = {
    "SELECT guid, parent_guid, name, color, description, position, codable, created, modified "
    "FROM gloss.code" CHANGED ("code"),
    "tttttiiii",
    "INSERT INTO code (guid, parent_id, name, color, description, position, codable, created, modified) "
    "VALUES (?1, (SELECT id FROM code WHERE guid = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (guid) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name, "
    "  color = excluded.color, description = excluded.description, position = excluded.position, "
    "  codable = excluded.codable, modified = excluded.modified "
    "WHERE parent_id IS NOT excluded.parent_id OR name IS NOT excluded.name OR color IS NOT excluded.color "
    "  OR description IS NOT excluded.description OR position IS NOT excluded.position "
    "  OR codable IS NOT excluded.codable OR modified IS NOT excluded.modified" },
  [GLOSS_SYNC_DOCUMENT] = {
    "SELECT guid, title, filename, kind, sha256, size, password, n_pages, n_chars, text, removed, created, "
    "  text_extraction FROM gloss.document" CHANGED ("document"),
    "tttttitiitiii",
    "INSERT INTO document (guid, title, filename, kind, sha256, size, password, n_pages, n_chars, text, "
    "  removed, created, text_extraction) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (guid) DO UPDATE SET title = excluded.title, removed = excluded.removed "
    "WHERE title IS NOT excluded.title OR removed IS NOT excluded.removed" },
  [GLOSS_SYNC_CODING] = {
    "SELECT guid, document_guid, coder_guid, code_guid, start, \"end\", quote, prefix, suffix, memo, "
    "  created, modified FROM gloss.coding" CHANGED ("coding"),
    "ttttiittttii",
    "INSERT INTO coding (guid, document_id, coder_id, code_id, start, \"end\", quote, prefix, suffix, memo, "
    "  created, modified) VALUES (?1, (SELECT id FROM document WHERE guid = ?2), "
    "  (SELECT id FROM coder WHERE guid = ?3), (SELECT id FROM code WHERE guid = ?4), "
    "  ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
    "ON CONFLICT (guid) DO UPDATE SET document_id = excluded.document_id, coder_id = excluded.coder_id, "
    "  code_id = excluded.code_id, start = excluded.start, \"end\" = excluded.\"end\", quote = excluded.quote, "
    "  prefix = excluded.prefix, suffix = excluded.suffix, memo = excluded.memo, modified = excluded.modified "
    "WHERE document_id IS NOT excluded.document_id OR coder_id IS NOT excluded.coder_id "
    "  OR code_id IS NOT excluded.code_id OR start IS NOT excluded.start OR \"end\" IS NOT excluded.\"end\" "
    "  OR quote IS NOT excluded.quote OR prefix IS NOT excluded.prefix OR suffix IS NOT excluded.suffix "
    "  OR memo IS NOT excluded.memo OR modified IS NOT excluded.modified" },
  [GLOSS_SYNC_MEMO] = {
    "SELECT guid, target_kind, target_guid, text, created, modified FROM gloss.memo" CHANGED ("memo"),
    "ttttii",
    "INSERT INTO memo (guid, target_kind, target_id, text, created, modified) VALUES (?1, ?2, "
    "  CASE ?2 WHEN 'project' THEN (SELECT id FROM project WHERE guid = ?3) "
    "    WHEN 'document' THEN (SELECT id FROM document WHERE guid = ?3) "
    "    WHEN 'code' THEN (SELECT id FROM code WHERE guid = ?3) "
    "    WHEN 'coder' THEN (SELECT id FROM coder WHERE guid = ?3) END, ?4, ?5, ?6) "
    "ON CONFLICT (guid) DO UPDATE SET target_kind = excluded.target_kind, target_id = excluded.target_id, "
    "  text = excluded.text, modified = excluded.modified "
    "WHERE target_kind IS NOT excluded.target_kind OR target_id IS NOT excluded.target_id "
    "  OR text IS NOT excluded.text OR modified IS NOT excluded.modified" },
  [GLOSS_SYNC_NOTE] = {
    "SELECT guid, name, text, author_guid, author_name, created, modified FROM gloss.note" CHANGED ("note"),
    "tttttii",
    "INSERT INTO note (guid, name, text, author_guid, author_name, created, modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (guid) DO UPDATE SET name = excluded.name, text = excluded.text, "
    "  author_guid = excluded.author_guid, author_name = excluded.author_name, modified = excluded.modified "
    "WHERE name IS NOT excluded.name OR text IS NOT excluded.text OR author_guid IS NOT excluded.author_guid "
    "  OR author_name IS NOT excluded.author_name OR modified IS NOT excluded.modified" },
  [GLOSS_SYNC_ATTRIBUTE] = {
    "SELECT guid, target, name, type, choices, description, position, created FROM gloss.attribute"
    CHANGED ("attribute"),
    "ttttttii",
    "INSERT INTO attribute (guid, target, name, type, choices, description, position, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (guid) DO UPDATE SET target = excluded.target, name = excluded.name, type = excluded.type, "
    "  choices = excluded.choices, description = excluded.description, position = excluded.position "
    "WHERE target IS NOT excluded.target OR name IS NOT excluded.name OR type IS NOT excluded.type "
    "  OR choices IS NOT excluded.choices OR description IS NOT excluded.description "
    "  OR position IS NOT excluded.position" },
  [GLOSS_SYNC_CASE] = {
    "SELECT guid, name, description, created FROM gloss.case_item" CHANGED ("case_item"),
    "ttti",
    "INSERT INTO case_item (guid, name, description, created) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (guid) DO UPDATE SET name = excluded.name, description = excluded.description "
    "WHERE name IS NOT excluded.name OR description IS NOT excluded.description" },
  [GLOSS_SYNC_CASE_MEMBER] = {
    "SELECT guid, case_guid, document_guid, start, \"end\" FROM gloss.case_member" CHANGED ("case_member"),
    "tttii",
    "INSERT INTO case_member (guid, case_id, document_id, start, \"end\") VALUES (?1, "
    "  (SELECT id FROM case_item WHERE guid = ?2), (SELECT id FROM document WHERE guid = ?3), ?4, ?5) "
    "ON CONFLICT (guid) DO UPDATE SET case_id = excluded.case_id, document_id = excluded.document_id, "
    "  start = excluded.start, \"end\" = excluded.\"end\" "
    "WHERE case_id IS NOT excluded.case_id OR document_id IS NOT excluded.document_id "
    "  OR start IS NOT excluded.start OR \"end\" IS NOT excluded.\"end\"" },
  [GLOSS_SYNC_ATTRIBUTE_VALUE] = {
    "SELECT guid, attribute_guid, target_guid, value FROM gloss.attribute_value" CHANGED ("attribute_value"),
    "tttt",
    "INSERT INTO attribute_value (attribute_id, target_id, value) "
    "SELECT a.id, CASE a.target WHEN 'document' THEN (SELECT id FROM document WHERE guid = ?3) "
    "    WHEN 'coder' THEN (SELECT id FROM coder WHERE guid = ?3) "
    "    WHEN 'case' THEN (SELECT id FROM case_item WHERE guid = ?3) END, ?4 "
    "FROM attribute a WHERE a.guid = ?2 AND ?1 IS NOT NULL "
    "ON CONFLICT (attribute_id, target_id) DO UPDATE SET value = excluded.value "
    "WHERE value IS NOT excluded.value" },
  [GLOSS_SYNC_SET] = {
    "SELECT guid, kind, name, rule, description, created FROM gloss.set_item" CHANGED ("set_item"),
    "ttttti",
    "INSERT INTO set_item (guid, kind, name, rule, description, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (guid) DO UPDATE SET kind = excluded.kind, name = excluded.name, rule = excluded.rule, "
    "  description = excluded.description "
    "WHERE kind IS NOT excluded.kind OR name IS NOT excluded.name OR rule IS NOT excluded.rule "
    "  OR description IS NOT excluded.description" },
  [GLOSS_SYNC_SET_MEMBER] = {
    "SELECT guid, set_guid, member_guid FROM gloss.set_member" CHANGED ("set_member"),
    "ttt",
    "INSERT INTO set_member (set_id, member_id) "
    "SELECT s.id, CASE s.kind WHEN 'document' THEN (SELECT id FROM document WHERE guid = ?3) "
    "    ELSE (SELECT id FROM code WHERE guid = ?3) END "
    "FROM set_item s WHERE s.guid = ?2 AND ?1 IS NOT NULL "
    "ON CONFLICT (set_id, member_id) DO NOTHING" },
};

#define kinds(t) _gloss_sync_table_name (t)

static const GlossChange change_of_table[GLOSS_SYNC_N_TABLES] = {
  GLOSS_CHANGE_PROJECT, GLOSS_CHANGE_CODERS, GLOSS_CHANGE_CODES, GLOSS_CHANGE_DOCUMENTS, GLOSS_CHANGE_CODINGS,
  GLOSS_CHANGE_MEMOS, GLOSS_CHANGE_MEMOS, GLOSS_CHANGE_ATTRIBUTES, GLOSS_CHANGE_CASES, GLOSS_CHANGE_CASES,
  GLOSS_CHANGE_ATTRIBUTES, GLOSS_CHANGE_SETS, GLOSS_CHANGE_SETS,
};

/* What one snapshot of the server holds for the file. */
typedef struct
{
  GlossTeamPhase phase;
  gint64         head;
  PGresult      *rows[GLOSS_SYNC_N_TABLES];
  PGresult      *deleted[GLOSS_SYNC_N_TABLES];
  GHashTable    *blobs;   /* document GUID -> GBytes */
  GHashTable    *pages;   /* document GUID -> PGresult */
} Snapshot;

static void
snapshot_clear (Snapshot *snap)
{
  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    {
      g_clear_pointer (&snap->rows[t], PQclear);
      g_clear_pointer (&snap->deleted[t], PQclear);
    }
  g_clear_pointer (&snap->blobs, g_hash_table_unref);
  g_clear_pointer (&snap->pages, g_hash_table_unref);
}

static gboolean
document_is_here (GlossProject *project,
                  const char   *guid)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "SELECT 1 FROM document WHERE guid = ?1", NULL);
  gboolean here;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  here = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return here;
}

/* A document here whose text the server has anew (the lead's Gloss
 * extracted it again): its pages are read too, to take it. A text of an
 * older extraction than the file's own is not taken. */
static gboolean
read_new_text (GlossProject *project,
               PGconn       *conn,
               PGresult     *docs,
               int           row,
               Snapshot     *snap,
               GError      **error)
{
  const char *guid = PQgetvalue (docs, row, 0);
  const char *params[1] = { guid };
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "SELECT text, text_extraction FROM document WHERE guid = ?1",
                                               error);
  gboolean differs = FALSE;
  PGresult *pages;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    differs = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), PQgetvalue (docs, row, 9)) != 0 &&
              g_ascii_strtoll (PQgetvalue (docs, row, 12), NULL, 10) >= sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (!differs)
    return TRUE;

  pages = _gloss_pg_query (conn,
                           "SELECT idx, start, length, width, height FROM gloss.page "
                           "WHERE document_guid = $1 ORDER BY idx",
                           1, params, error);
  if (pages == NULL)
    return FALSE;
  g_hash_table_insert (snap->pages, g_strdup (guid), pages);
  return TRUE;
}

static gboolean
read_new_documents (GlossProject *project,
                    PGconn       *conn,
                    Snapshot     *snap,
                    GError      **error)
{
  PGresult *docs = snap->rows[GLOSS_SYNC_DOCUMENT];

  for (int r = 0; r < PQntuples (docs); r++)
    {
      const char *guid = PQgetvalue (docs, r, 0);
      const char *params[1] = { guid };
      g_autoptr(PGresult) blob = NULL;
      PGresult *pages;

      if (document_is_here (project, guid))
        {
          if (!read_new_text (project, conn, docs, r, snap, error))
            return FALSE;
          continue;
        }

      blob = PQexecParams (conn,
                           "SELECT b.bytes FROM gloss.blob b JOIN gloss.document d ON d.sha256 = b.sha256 "
                           "WHERE d.guid = $1",
                           1, NULL, params, NULL, NULL, 1);
      if (PQresultStatus (blob) != PGRES_TUPLES_OK || PQntuples (blob) != 1)
        {
          _gloss_pg_set_error (conn, blob, error);
          return FALSE;
        }
      g_hash_table_insert (snap->blobs, g_strdup (guid),
                           g_bytes_new (PQgetvalue (blob, 0, 0), PQgetlength (blob, 0, 0)));

      pages = _gloss_pg_query (conn,
                               "SELECT idx, start, length, width, height FROM gloss.page "
                               "WHERE document_guid = $1 ORDER BY idx",
                               1, params, error);
      if (pages == NULL)
        return FALSE;
      g_hash_table_insert (snap->pages, g_strdup (guid), pages);
    }

  return TRUE;
}

/* '{"guid",…}' of the items of @kind */
static char *
guid_array (GPtrArray  *items,
            const char *kind)
{
  GString *array = g_string_new ("{");
  gboolean first = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      const GlossMergeItem *item = g_ptr_array_index (items, i);

      if (!g_str_equal (item->kind, kind))
        continue;
      g_string_append_printf (array, "%s\"%s\"", first ? "" : ",", item->guid);
      first = FALSE;
    }
  g_string_append_c (array, '}');

  return g_string_free (array, FALSE);
}

static gboolean
read_snapshot (GlossProject   *project,
               PGconn         *conn,
               GlossSyncState *state,
               GPtrArray      *refused,
               Snapshot       *snap,
               gint64         *cursor,
               GError        **error)
{
  g_autoptr(PGresult) head = NULL;
  g_autofree char *cursor_text = NULL;
  const char *params[1];

  snap->blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  snap->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) PQclear);

  if (!_gloss_pg_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;

  head = _gloss_pg_query (conn,
                          "SELECT gloss.phase (), (SELECT coalesce (max (seq), 0) FROM gloss.change_log)",
                          0, NULL, error);
  if (head == NULL)
    goto fail;
  gloss_team_phase_from_string (PQgetvalue (head, 0, 0), &snap->phase);
  snap->head = g_ascii_strtoll (PQgetvalue (head, 0, 1), NULL, 10);

  /* Another phase may show what was hidden: everything again. */
  *cursor = snap->phase == state->phase ? state->cursor : 0;
  if (*cursor > snap->head)
    *cursor = 0;  /* a server made anew */
  cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, *cursor);
  params[0] = cursor_text;

  if (*cursor == snap->head && *cursor > 0 && refused->len == 0)
    return _gloss_pg_exec (conn, "COMMIT", error);

  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    {
      g_autofree char *deleted = NULL;
      g_autofree char *recheck = NULL;
      const char *select_params[2] = { cursor_text, NULL };

      if (_gloss_sync_table_since (t) > state->server_version)
        continue;
      recheck = guid_array (refused, kinds (t));
      select_params[1] = recheck;
      snap->rows[t] = _gloss_pg_query (conn, pull_tables[t].select, 2, select_params, error);
      if (snap->rows[t] == NULL)
        goto fail;
      deleted = g_strdup_printf ("SELECT DISTINCT guid FROM gloss.change_log l WHERE tbl = '%s' "
                                 "AND op = 'delete' AND seq > $1 "
                                 "AND NOT EXISTS (SELECT 1 FROM gloss.%s x WHERE x.guid = l.guid)",
                                 kinds (t), kinds (t));
      snap->deleted[t] = _gloss_pg_query (conn, deleted, 1, params, error);
      if (snap->deleted[t] == NULL)
        goto fail;
    }

  if (!read_new_documents (project, conn, snap, error))
    goto fail;

  return _gloss_pg_exec (conn, "COMMIT", error);

fail:
  PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}

/* Applying */

static void
bind_row (sqlite3_stmt *stmt,
          PGresult     *result,
          int           row,
          const char   *types)
{
  for (int c = 0; types[c] != '\0'; c++)
    {
      const char *value = PQgetvalue (result, row, c);

      if (PQgetisnull (result, row, c))
        sqlite3_bind_null (stmt, c + 1);
      else if (types[c] == 'i')
        sqlite3_bind_int64 (stmt, c + 1, g_ascii_strtoll (value, NULL, 10));
      else if (types[c] == 'r')
        sqlite3_bind_double (stmt, c + 1, g_ascii_strtod (value, NULL));
      else
        sqlite3_bind_text (stmt, c + 1, value, -1, SQLITE_TRANSIENT);
    }
}

static gboolean
store_document_content (GlossProject *project,
                        Snapshot     *snap,
                        const char   *guid,
                        GError      **error)
{
  GBytes *bytes = g_hash_table_lookup (snap->blobs, guid);
  PGresult *pages = g_hash_table_lookup (snap->pages, guid);
  gint64 id = 0;
  sqlite3_stmt *stmt;
  gsize size;
  const void *data;

  if (bytes == NULL || pages == NULL)
    return TRUE;  /* the document was here */

  stmt = _gloss_project_prepare (project, "SELECT id FROM document WHERE guid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _gloss_project_prepare (project, "INSERT OR REPLACE INTO document_blob (document_id, bytes) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_blob64 (stmt, 2, data != NULL ? data : "", size, SQLITE_STATIC);
  if (!_gloss_project_run (project, stmt, error))
    return FALSE;

  stmt = _gloss_project_prepare (project,
                                 "INSERT OR REPLACE INTO page (document_id, idx, start, length, width, height) "
                                 "VALUES (?6, ?1, ?2, ?3, ?4, ?5)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (pages); r++)
    {
      bind_row (stmt, pages, r, "iiirr");
      sqlite3_bind_int64 (stmt, 6, id);
      if (!_gloss_project_run (project, stmt, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GlossProject    *project;
  Snapshot        *snap;
  GHashTable      *changed_here;  /* keys of rows changed since the last sync */
  GlossSyncReport *report;
  GlossChange      changes;
} Apply;

static char *
row_label (PGresult *rows,
           int       row)
{
  const char *text = PQgetvalue (rows, row, PQnfields (rows) > 2 ? 2 : 1);

  if (g_utf8_strlen (text, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (text, 0, 40);
      return g_strconcat (head, "…", NULL);
    }

  return g_strdup (text);
}

static gboolean apply_row (Apply *apply, GlossSyncTable table, int row, GError **error);

/* A row changed here that the server sent too: the same content is no
 * conflict (a row made here and there alike); other content is, and the
 * file keeps its own. */
static gboolean
apply_changed_here (Apply          *apply,
                    GlossSyncTable  table,
                    int             row,
                    GError        **error)
{
  PGresult *rows = apply->snap->rows[table];
  const char *guid = PQgetvalue (rows, row, 0);
  g_autofree char *key = _gloss_sync_key (table, guid);
  g_autofree char *before = _gloss_sync_local_state (apply->project, table, guid);
  g_autofree char *after = NULL;
  GlossSyncReport trial = { 0 };
  guint n_pulled = apply->report->n_pulled;
  GlossSyncReport *report = apply->report;
  gboolean same;

  if (!_gloss_project_exec (apply->project, "SAVEPOINT sync_row", error))
    return FALSE;

  trial.conflicts = report->conflicts;
  trial.refused = report->refused;
  apply->report = &trial;
  g_hash_table_remove (apply->changed_here, key);
  if (!apply_row (apply, table, row, error))
    {
      apply->report = report;
      return FALSE;
    }
  apply->report = report;
  after = _gloss_sync_local_state (apply->project, table, guid);
  same = before != NULL && g_strcmp0 (before, after) == 0;

  if (same)
    {
      /* Refused on the way up, but the server holds it so already. */
      for (guint i = report->refused->len; i > 0; i--)
        {
          const GlossMergeItem *item = g_ptr_array_index (report->refused, i - 1);
          if (g_str_equal (item->kind, kinds (table)) && g_str_equal (item->guid, guid))
            g_ptr_array_remove_index (report->refused, i - 1);
        }
      return _gloss_project_exec (apply->project, "RELEASE sync_row", error);
    }

  apply->report->n_pulled = n_pulled;
  g_hash_table_add (apply->changed_here, g_steal_pointer (&key));
  if (!_gloss_project_exec (apply->project, "ROLLBACK TO sync_row; RELEASE sync_row", error))
    return FALSE;
  /* What the file last saw of the row is the server's version now: the
   * file's stays a change (sent again, or refused again, and counted as
   * waiting), also when it is undone to what it was before. */
  if (after != NULL && !_gloss_sync_remember (apply->project, table, guid, after, error))
    return FALSE;
  {
    g_autofree char *label = row_label (rows, row);
    _gloss_sync_note (apply->report->conflicts, kinds (table), guid, label,
                      _("changed here and on the server; this file’s version is kept"));
  }
  return TRUE;
}

/* Writes one server row into the file; FALSE only when the file cannot be
 * written (a row the file cannot take is noted and skipped). */
static gboolean
apply_row (Apply          *apply,
           GlossSyncTable  table,
           int             row,
           GError        **error)
{
  PGresult *rows = apply->snap->rows[table];
  const char *guid = PQgetvalue (rows, row, 0);
  g_autofree char *key = _gloss_sync_key (table, guid);
  g_autofree char *state = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* A row written on the server by SQL may name itself anyhow: what is
   * not a GUID does not come into the file (it would not open again). */
  if (table != GLOSS_SYNC_ATTRIBUTE_VALUE && table != GLOSS_SYNC_SET_MEMBER && !g_uuid_string_is_valid (guid))
    {
      g_autofree char *label = row_label (rows, row);
      _gloss_sync_note (apply->report->refused, kinds (table), guid, label, _("its GUID is not a GUID"));
      return TRUE;
    }

  if (g_hash_table_contains (apply->changed_here, key))
    return apply_changed_here (apply, table, row, error);

  stmt = _gloss_project_prepare (apply->project, pull_tables[table].upsert, error);
  if (stmt == NULL)
    return FALSE;
  bind_row (stmt, rows, row, pull_tables[table].types);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *label = row_label (rows, row);
      if (rc == SQLITE_CONSTRAINT)
        {
          _gloss_sync_note (apply->report->refused, kinds (table), guid, label, sqlite3_errmsg (apply->project->db));
          return TRUE;
        }
      _gloss_project_set_error (apply->project, error, _("Cannot store what came from the team server"));
      return FALSE;
    }
  if (sqlite3_changes (apply->project->db) > 0)
    {
      apply->report->n_pulled++;
      apply->changes |= change_of_table[table];
    }

  if (table == GLOSS_SYNC_DOCUMENT && !store_document_content (apply->project, apply->snap, guid, error))
    return FALSE;

  state = _gloss_sync_local_state (apply->project, table, guid);
  return _gloss_sync_remember (apply->project, table, guid, state, error);
}

static gboolean
parent_is_ready (GlossProject *project,
                 PGresult     *codes,
                 int           row)
{
  sqlite3_stmt *stmt;
  gboolean here;

  if (PQgetisnull (codes, row, 1))
    return TRUE;

  stmt = _gloss_project_prepare (project, "SELECT 1 FROM code WHERE guid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, PQgetvalue (codes, row, 1), -1, SQLITE_TRANSIENT);
  here = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return here;
}

/* Codes go in after their parents. */
static gboolean
apply_codes (Apply   *apply,
             GError **error)
{
  PGresult *codes = apply->snap->rows[GLOSS_SYNC_CODE];
  int n = PQntuples (codes);
  g_autofree gboolean *done = g_new0 (gboolean, MAX (n, 1));
  gboolean progress = TRUE;

  while (progress)
    {
      progress = FALSE;
      for (int r = 0; r < n; r++)
        {
          if (done[r] || !parent_is_ready (apply->project, codes, r))
            continue;
          if (!apply_row (apply, GLOSS_SYNC_CODE, r, error))
            return FALSE;
          done[r] = progress = TRUE;
        }
    }

  for (int r = 0; r < n; r++)
    if (!done[r])
      {
        g_autofree char *label = row_label (codes, r);
        _gloss_sync_note (apply->report->refused, "code", PQgetvalue (codes, r, 0), label,
                          _("its parent code is not there"));
      }

  return TRUE;
}

/* A deleted code takes its codings and the codes below it with it; what
 * this file synced of them is forgotten too. */
static const char forget_below_code[] =
  "WITH RECURSIVE below (id) AS ("
  "  SELECT id FROM code WHERE guid = ?1"
  "  UNION ALL SELECT c.id FROM code c JOIN below b ON c.parent_id = b.id) "
  "DELETE FROM sync_row WHERE (tbl = 'code' AND guid IN (SELECT guid FROM code WHERE id IN below))"
  "  OR (tbl = 'coding' AND guid IN (SELECT guid FROM coding WHERE code_id IN below))";
static const char forget_of_coder[] =
  "DELETE FROM sync_row WHERE tbl = 'coding' AND guid IN "
  "  (SELECT g.guid FROM coding g JOIN coder k ON k.id = g.coder_id WHERE k.guid = ?1)";

static gboolean
apply_deletion (Apply          *apply,
                GlossSyncTable  table,
                const char     *guid,
                GError        **error)
{
  g_autofree char *key = _gloss_sync_key (table, guid);
  const char *forget = table == GLOSS_SYNC_CODE ? forget_below_code
                       : table == GLOSS_SYNC_CODER ? forget_of_coder : NULL;
  sqlite3_stmt *stmt;

  if (g_hash_table_contains (apply->changed_here, key))
    {
      _gloss_sync_note (apply->report->conflicts, kinds (table), guid, guid,
                        _("deleted on the server but changed here; this file’s version is kept"));
      return TRUE;
    }

  if (forget != NULL)
    {
      stmt = _gloss_project_prepare (apply->project, forget, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      if (!_gloss_project_run (apply->project, stmt, error))
        return FALSE;
    }

  if (!_gloss_sync_delete_local (apply->project, table, guid, error))
    return FALSE;
  if (sqlite3_changes (apply->project->db) > 0)
    {
      apply->report->n_deleted++;
      apply->changes |= change_of_table[table];
    }

  return _gloss_sync_remember (apply->project, table, guid, NULL, error);
}

static gint64
document_id_of (GlossProject *project,
                const char   *guid)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project, "SELECT id FROM document WHERE guid = ?1", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

/* Documents here whose text the lead extracted again take it, their
 * codings and case passages moved with it as a re-extraction here moves
 * them; before any row, so that the codings that come next (the lead's
 * moved ones) meet theirs already moved. A text the file cannot take
 * (its pages do not fit it) is reported and left. */
static gboolean
adopt_texts (Apply   *apply,
             GError **error)
{
  PGresult *docs = apply->snap->rows[GLOSS_SYNC_DOCUMENT];

  for (int r = 0; docs != NULL && r < PQntuples (docs); r++)
    {
      const char *guid = PQgetvalue (docs, r, 0);
      PGresult *pages = g_hash_table_lookup (apply->snap->pages, guid);
      g_autoptr(GArray) cut = NULL;
      g_autoptr(GError) local_error = NULL;
      GlossTextUpgrade moved = { 0 };
      gint64 id;

      if (pages == NULL || g_hash_table_contains (apply->snap->blobs, guid) ||
          (id = document_id_of (apply->project, guid)) == 0)
        continue;

      cut = g_array_new (FALSE, TRUE, sizeof (GlossPage));
      for (int p = 0; p < PQntuples (pages); p++)
        {
          GlossPage page = {
            (guint) g_ascii_strtoll (PQgetvalue (pages, p, 0), NULL, 10),
            g_ascii_strtoll (PQgetvalue (pages, p, 1), NULL, 10),
            g_ascii_strtoll (PQgetvalue (pages, p, 2), NULL, 10),
            g_ascii_strtod (PQgetvalue (pages, p, 3), NULL),
            g_ascii_strtod (PQgetvalue (pages, p, 4), NULL),
          };
          g_array_append_val (cut, page);
        }

      if (!_gloss_project_exec (apply->project, "SAVEPOINT sync_text", error))
        return FALSE;
      if (!_gloss_project_adopt_text (apply->project, id, PQgetvalue (docs, r, 9),
                                      (int) g_ascii_strtoll (PQgetvalue (docs, r, 12), NULL, 10),
                                      cut, &moved, &local_error))
        {
          g_autofree char *label = row_label (docs, r);
          if (!_gloss_project_exec (apply->project, "ROLLBACK TO sync_text; RELEASE sync_text", error))
            return FALSE;
          _gloss_sync_note (apply->report->refused, kinds (GLOSS_SYNC_DOCUMENT), guid, label, local_error->message);
          continue;
        }
      if (!_gloss_project_exec (apply->project, "RELEASE sync_text", error))
        return FALSE;
      apply->report->n_texts++;
      apply->report->n_moved += moved.n_moved;
      apply->changes |= GLOSS_CHANGE_DOCUMENTS | GLOSS_CHANGE_CODINGS | GLOSS_CHANGE_CASES;
    }

  return TRUE;
}

static gboolean
apply_snapshot (Apply   *apply,
                GError **error)
{
  Snapshot *snap = apply->snap;

  for (int t = GLOSS_SYNC_N_TABLES - 1; t >= 0; t--)
    for (int r = 0; snap->deleted[t] != NULL && r < PQntuples (snap->deleted[t]); r++)
      if (t != GLOSS_SYNC_DOCUMENT && t != GLOSS_SYNC_PROJECT &&
          !apply_deletion (apply, t, PQgetvalue (snap->deleted[t], r, 0), error))
        return FALSE;

  if (!adopt_texts (apply, error))
    return FALSE;

  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    {
      if (snap->rows[t] == NULL)
        continue;
      if (t == GLOSS_SYNC_CODE)
        {
          if (!apply_codes (apply, error))
            return FALSE;
          continue;
        }
      for (int r = 0; r < PQntuples (snap->rows[t]); r++)
        if (!apply_row (apply, t, r, error))
          return FALSE;
    }

  return TRUE;
}

gboolean
_gloss_sync_pull (GlossProject    *project,
                  PGconn          *conn,
                  GlossSyncState  *state,
                  GlossSyncReport *report,
                  GError         **error)
{
  Snapshot snap = { 0 };
  Apply apply = { project, &snap, NULL, report, 0 };
  gint64 cursor = 0;
  gboolean ok = FALSE;

  if (!read_snapshot (project, conn, state, report->refused, &snap, &cursor, error))
    goto out;
  report->cursor = state->cursor;
  report->phase = state->phase;
  if (snap.rows[GLOSS_SYNC_PROJECT] == NULL)
    {
      /* Nothing new: the file is not touched. */
      ok = TRUE;
      goto out;
    }

  if (!gloss_project_begin_step (project, _("Sync with the team server"), error))
    goto out;
  /* Not for undo (see above). */
  if (!_gloss_project_exec (project, "UPDATE temp.gloss_state SET replaying = 1", error))
    goto abort;
  apply.changed_here = _gloss_sync_changed_keys (project, error);
  if (apply.changed_here == NULL || !apply_snapshot (&apply, error))
    goto abort;

  state->cursor = snap.head;
  state->phase = snap.phase;
  if (!_gloss_sync_state_write (project, state, error) ||
      !_gloss_project_exec (project, "UPDATE temp.gloss_state SET replaying = 0", error))
    goto abort;
  _gloss_project_note_change (project, apply.changes);
  ok = gloss_project_end_step (project, error);
  report->cursor = state->cursor;
  report->phase = state->phase;
  goto out;

abort:
  sqlite3_exec (project->db, "UPDATE temp.gloss_state SET replaying = 0", NULL, NULL, NULL);
  gloss_project_abort_step (project);
out:
  g_clear_pointer (&apply.changed_here, g_hash_table_unref);
  snapshot_clear (&snap);
  return ok;
}
