/* gloss-sync-push.c: writing what changed here to the team server
 *
 * All of one push is one server transaction. It is tried first as a
 * whole; if the server refuses a row, it is tried again with a savepoint
 * around each row, so that the rows it takes go in and those it refuses
 * are reported (and stay waiting here). Only after the server committed
 * does the file note the pushed rows as synced: a push cut short leaves
 * them waiting, and pushing a row again changes nothing on the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-sync-private.h"

static const char * const upsert_sql[GLOSS_SYNC_N_TABLES] = {
  [GLOSS_SYNC_PROJECT] =
    "UPDATE gloss.project SET title = $2 WHERE guid = $1 AND title IS DISTINCT FROM $2",
  [GLOSS_SYNC_CODER] =
    "INSERT INTO gloss.coder (guid, name, color, created) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (guid) DO UPDATE SET name = EXCLUDED.name, color = EXCLUDED.color "
    "WHERE (gloss.coder.name, gloss.coder.color) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.color)",
  [GLOSS_SYNC_CODE] =
    "INSERT INTO gloss.code (guid, parent_guid, name, color, description, position, codable, created, modified) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (guid) DO UPDATE SET parent_guid = EXCLUDED.parent_guid, name = EXCLUDED.name, "
    "  color = EXCLUDED.color, description = EXCLUDED.description, position = EXCLUDED.position, "
    "  codable = EXCLUDED.codable, modified = EXCLUDED.modified "
    "WHERE ROW (gloss.code.*) IS DISTINCT FROM ROW (EXCLUDED.*)",
  [GLOSS_SYNC_DOCUMENT] =
    "UPDATE gloss.document SET title = $2, removed = $3 WHERE guid = $1 "
    "AND (title, removed) IS DISTINCT FROM ($2, $3)",
  [GLOSS_SYNC_MEMO] =
    "INSERT INTO gloss.memo (guid, target_kind, target_guid, text, created, modified) "
    "VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (guid) DO UPDATE SET target_kind = EXCLUDED.target_kind, target_guid = EXCLUDED.target_guid, "
    "  text = EXCLUDED.text, modified = EXCLUDED.modified "
    "WHERE (gloss.memo.target_kind, gloss.memo.target_guid, gloss.memo.text, gloss.memo.modified) "
    "  IS DISTINCT FROM (EXCLUDED.target_kind, EXCLUDED.target_guid, EXCLUDED.text, EXCLUDED.modified)",
  [GLOSS_SYNC_NOTE] =
    "INSERT INTO gloss.note (guid, name, text, author_guid, author_name, created, modified) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (guid) DO UPDATE SET name = EXCLUDED.name, text = EXCLUDED.text, "
    "  author_guid = EXCLUDED.author_guid, author_name = EXCLUDED.author_name, modified = EXCLUDED.modified "
    "WHERE (gloss.note.name, gloss.note.text, gloss.note.author_guid, gloss.note.author_name, gloss.note.modified) "
    "  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.text, EXCLUDED.author_guid, EXCLUDED.author_name, EXCLUDED.modified)",
  [GLOSS_SYNC_ATTRIBUTE] =
    "INSERT INTO gloss.attribute (guid, target, name, type, choices, description, position, created) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (guid) DO UPDATE SET target = EXCLUDED.target, name = EXCLUDED.name, type = EXCLUDED.type, "
    "  choices = EXCLUDED.choices, description = EXCLUDED.description, position = EXCLUDED.position "
    "WHERE ROW (gloss.attribute.*) IS DISTINCT FROM ROW (EXCLUDED.*)",
  [GLOSS_SYNC_CASE] =
    "INSERT INTO gloss.case_item (guid, name, description, created) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (guid) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description "
    "WHERE (gloss.case_item.name, gloss.case_item.description) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description)",
  [GLOSS_SYNC_CASE_MEMBER] =
    "INSERT INTO gloss.case_member (guid, case_guid, document_guid, start, \"end\") VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (guid) DO UPDATE SET case_guid = EXCLUDED.case_guid, document_guid = EXCLUDED.document_guid, "
    "  start = EXCLUDED.start, \"end\" = EXCLUDED.\"end\" "
    "WHERE ROW (gloss.case_member.*) IS DISTINCT FROM ROW (EXCLUDED.*)",
  [GLOSS_SYNC_ATTRIBUTE_VALUE] =
    "INSERT INTO gloss.attribute_value (guid, attribute_guid, target_guid, value) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (guid) DO UPDATE SET value = EXCLUDED.value "
    "WHERE gloss.attribute_value.value IS DISTINCT FROM EXCLUDED.value",
  [GLOSS_SYNC_SET] =
    "INSERT INTO gloss.set_item (guid, kind, name, rule, description, created) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (guid) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, rule = EXCLUDED.rule, "
    "  description = EXCLUDED.description "
    "WHERE ROW (gloss.set_item.*) IS DISTINCT FROM ROW (EXCLUDED.*)",
  [GLOSS_SYNC_SET_MEMBER] =
    "INSERT INTO gloss.set_member (guid, set_guid, member_guid) VALUES ($1, $2, $3) "
    "ON CONFLICT (guid) DO NOTHING",
  [GLOSS_SYNC_CODING] =
    "INSERT INTO gloss.coding (guid, document_guid, coder_guid, code_guid, start, \"end\", quote, prefix, suffix, "
    "  memo, created, modified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
    "ON CONFLICT (guid) DO UPDATE SET document_guid = EXCLUDED.document_guid, coder_guid = EXCLUDED.coder_guid, "
    "  code_guid = EXCLUDED.code_guid, start = EXCLUDED.start, \"end\" = EXCLUDED.\"end\", "
    "  quote = EXCLUDED.quote, prefix = EXCLUDED.prefix, suffix = EXCLUDED.suffix, memo = EXCLUDED.memo, "
    "  modified = EXCLUDED.modified "
    "WHERE ROW (gloss.coding.*) IS DISTINCT FROM ROW (EXCLUDED.*)",
};

/* The members of a state, in the order of upsert_sql's parameters after the GUID. */
static const char * const upsert_members[GLOSS_SYNC_N_TABLES][12] = {
  [GLOSS_SYNC_PROJECT] = { "title", NULL },
  [GLOSS_SYNC_CODER] = { "name", "color", "created", NULL },
  [GLOSS_SYNC_CODE] = { "parent", "name", "color", "description", "position", "codable", "created", "modified", NULL },
  [GLOSS_SYNC_DOCUMENT] = { "title", "removed", NULL },
  [GLOSS_SYNC_CODING] = { "document", "coder", "code", "start", "end", "quote", "prefix", "suffix", "memo",
                          "created", "modified", NULL },
  [GLOSS_SYNC_MEMO] = { "kind", "target", "text", "created", "modified", NULL },
  [GLOSS_SYNC_NOTE] = { "name", "text", "author_guid", "author_name", "created", "modified", NULL },
  [GLOSS_SYNC_ATTRIBUTE] = { "target", "name", "type", "choices", "description", "position", "created", NULL },
  [GLOSS_SYNC_CASE] = { "name", "description", "created", NULL },
  [GLOSS_SYNC_CASE_MEMBER] = { "case", "document", "start", "end", NULL },
  [GLOSS_SYNC_ATTRIBUTE_VALUE] = { "attribute", "target", "value", NULL },
  [GLOSS_SYNC_SET] = { "kind", "name", "rule", "description", "created", NULL },
  [GLOSS_SYNC_SET_MEMBER] = { "set", "member", NULL },
};

/* A member of a state as a text parameter (NULL for JSON null). */
static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.17g", json_node_get_double (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "1" : "0");

  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

static JsonObject *
parse_state (const char *state)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, state, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/* What a change is, for people: a name, a title or the start of a quote. */
static char *
change_label (const GlossSyncChange *change)
{
  g_autoptr(JsonObject) object = change->state != NULL ? parse_state (change->state) : NULL;
  static const char * const names[] = { "name", "title", "quote" };

  if (object != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (json_object_has_member (object, names[i]))
        {
          g_autofree char *text = member_text (object, names[i]);
          if (text != NULL && g_utf8_strlen (text, -1) > 40)
            {
              g_autofree char *head = g_utf8_substring (text, 0, 40);
              return g_strconcat (head, "…", NULL);
            }
          return g_steal_pointer (&text);
        }

  return g_strdup (change->guid);
}

static gboolean
run_params (PGconn             *conn,
            const char         *sql,
            const char * const *params,
            int                 n_params,
            GError            **error)
{
  g_autoptr(PGresult) result = _gloss_pg_query (conn, sql, n_params, params, error);

  return result != NULL;
}

/* A document the server does not have yet goes with its bytes and pages. */
static gboolean
push_new_document (GlossProject *project,
                   PGconn       *conn,
                   const char   *guid,
                   GError      **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               "SELECT d.guid, d.title, d.filename, d.kind, d.sha256, d.size, d.password, "
                                               "  d.n_pages, d.n_chars, d.text, d.removed, d.created, b.bytes, d.id, "
                                               "  d.text_extraction "
                                               "FROM document d JOIN document_blob b ON b.document_id = d.id WHERE d.guid = ?1",
                                               error);
  g_autoptr(PGresult) exists = NULL;
  const char *params[13];
  g_autofree char *texts[13] = { NULL };
  gint64 document_id;
  gboolean ok;

  if (stmt == NULL)
    return FALSE;

  params[0] = guid;
  exists = _gloss_pg_query (conn, "SELECT 1 FROM gloss.document WHERE guid = $1", 1, params, error);
  if (exists == NULL)
    return FALSE;
  if (PQntuples (exists) > 0)
    return TRUE;

  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("A document to send is not in the project"));
      return FALSE;
    }

  {
    const char *blob_params[2] = { (const char *) sqlite3_column_text (stmt, 4), sqlite3_column_blob (stmt, 12) };
    const int lengths[2] = { 0, sqlite3_column_bytes (stmt, 12) };
    const int formats[2] = { 0, 1 };
    g_autoptr(PGresult) result = PQexecParams (conn,
                                               "INSERT INTO gloss.blob (sha256, bytes) VALUES ($1, $2) "
                                               "ON CONFLICT (sha256) DO NOTHING",
                                               2, NULL, blob_params, lengths, formats, 0);

    if (PQresultStatus (result) != PGRES_COMMAND_OK)
      {
        _gloss_pg_set_error (conn, result, error);
        sqlite3_reset (stmt);
        return FALSE;
      }
  }

  for (int i = 0; i < 12; i++)
    {
      texts[i] = _gloss_column_dup_text (stmt, i);
      params[i] = texts[i];
    }
  texts[12] = _gloss_column_dup_text (stmt, 14);
  params[12] = texts[12];
  document_id = sqlite3_column_int64 (stmt, 13);
  sqlite3_reset (stmt);

  if (!run_params (conn,
                   "INSERT INTO gloss.document (guid, title, filename, kind, sha256, size, password, n_pages, "
                   "  n_chars, text, removed, created, text_extraction) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                   params, 13, error))
    return FALSE;
  for (int i = 0; i < 13; i++)
    g_clear_pointer (&texts[i], g_free);

  stmt = _gloss_project_prepare (project,
                                 "SELECT idx, start, length, width, height FROM page WHERE document_id = ?1 ORDER BY idx",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  ok = TRUE;
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *page_params[6] = { guid };
      g_autofree char *values[5] = { NULL };

      for (int i = 0; i < 5; i++)
        {
          values[i] = _gloss_column_dup_text (stmt, i);
          page_params[i + 1] = values[i];
        }
      ok = run_params (conn,
                       "INSERT INTO gloss.page (document_guid, idx, start, length, width, height) "
                       "VALUES ($1, $2, $3, $4, $5, $6)",
                       page_params, 6, error);
      for (int i = 0; i < 5; i++)
        g_clear_pointer (&values[i], g_free);
    }
  sqlite3_reset (stmt);

  return ok;
}

/* One change as a statement with its parameters. */
typedef struct
{
  char       *sql;
  const char *params[13];
  char       *texts[13];
  int         n;
} Statement;

static void
statement_clear (Statement *st)
{
  g_free (st->sql);
  for (int i = 0; i < st->n; i++)
    g_free (st->texts[i]);
}

/* A row the policies hide from this role's DELETE but not from its
 * SELECT (another's memo) is refused, not silently left (servers of
 * version 2 on). */
static char *
delete_sql (GlossSyncTable table,
            gboolean       refuse_hidden)
{
  const char *name = _gloss_sync_table_name (table);

  if (!refuse_hidden)
    return g_strdup_printf ("DELETE FROM gloss.%s WHERE guid = $1", name);

  return g_strdup_printf ("WITH d AS (DELETE FROM gloss.%1$s WHERE guid = $1 RETURNING 1) "
                          "SELECT gloss.refuse ('%1$s') FROM gloss.%1$s x "
                          "WHERE x.guid = $1 AND NOT EXISTS (SELECT 1 FROM d)",
                          name);
}

static gboolean
statement_for (const GlossSyncChange *change,
               gboolean               refuse_hidden,
               Statement             *st,
               GError               **error)
{
  g_autoptr(JsonObject) object = NULL;

  memset (st, 0, sizeof *st);
  st->params[0] = change->guid;
  st->n = 1;
  if (change->state == NULL)
    {
      st->sql = delete_sql (change->table, refuse_hidden);
      return TRUE;
    }

  object = parse_state (change->state);
  if (object == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("A row to send cannot be read"));
      return FALSE;
    }

  st->sql = g_strdup (upsert_sql[change->table]);
  for (; upsert_members[change->table][st->n - 1] != NULL; st->n++)
    {
      st->texts[st->n] = member_text (object, upsert_members[change->table][st->n - 1]);
      st->params[st->n] = st->texts[st->n];
    }

  return TRUE;
}

/* The lead's text of a document extracted again, with its pages. */
static gboolean
push_document_text (GlossProject *project,
                    PGconn       *conn,
                    const char   *guid,
                    GError      **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (project,
                                               "SELECT text, n_chars, text_extraction, id FROM document WHERE guid = ?1",
                                               error);
  g_autofree char *texts[3] = { NULL };
  g_autoptr(PGresult) updated = NULL;
  const char *params[4];
  gint64 document_id = 0;
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 3; i++)
        texts[i] = _gloss_column_dup_text (stmt, i);
      document_id = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (document_id == 0)
    return TRUE;

  params[0] = guid;
  params[1] = texts[0];
  params[2] = texts[1];
  params[3] = texts[2];
  updated = _gloss_pg_query (conn,
                             "UPDATE gloss.document SET text = $2, n_chars = $3, text_extraction = $4 "
                             "WHERE guid = $1 AND (text, n_chars, text_extraction) "
                             "  IS DISTINCT FROM ($2, $3::bigint, $4::integer) RETURNING 1",
                             4, params, error);
  if (updated == NULL)
    return FALSE;
  if (PQntuples (updated) == 0)
    return TRUE;

  stmt = _gloss_project_prepare (project, "SELECT idx, start, length FROM page WHERE document_id = ?1 ORDER BY idx",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *values[3] = { NULL };
      const char *page_params[4] = { guid };

      for (int i = 0; i < 3; i++)
        page_params[i + 1] = values[i] = _gloss_column_dup_text (stmt, i);
      ok = run_params (conn, "UPDATE gloss.page SET start = $3, length = $4 WHERE document_guid = $1 AND idx = $2",
                       page_params, 4, error);
    }
  sqlite3_reset (stmt);

  return ok;
}

static gboolean
push_one (GlossProject          *project,
          PGconn                *conn,
          const GlossSyncChange *change,
          gboolean               refuse_hidden,
          GError               **error)
{
  Statement st;
  gboolean ok;

  if (change->table == GLOSS_SYNC_DOCUMENT && change->state != NULL &&
      (!push_new_document (project, conn, change->guid, error) ||
       (strstr (change->state, "\"text_extraction\"") != NULL &&
        !push_document_text (project, conn, change->guid, error))))
    return FALSE;
  if (!statement_for (change, refuse_hidden, &st, error))
    return FALSE;

  ok = run_params (conn, st.sql, st.params, st.n, error);
  statement_clear (&st);
  return ok;
}

#define PIPELINE_CHUNK 256

/* Sends @changes[@from, @to) in one pipeline round trip and reads their
 * results; FALSE at the first that fails. */
static gboolean
pipeline_chunk (PGconn    *conn,
                GPtrArray *changes,
                guint      from,
                guint      to,
                gboolean   refuse_hidden,
                GError   **error)
{
  gboolean ok = TRUE;
  guint n_sent = 0;

  for (guint i = from; i < to; i++)
    {
      Statement st;

      if (!statement_for (g_ptr_array_index (changes, i), refuse_hidden, &st, error))
        {
          ok = FALSE;
          break;
        }
      if (!PQsendQueryParams (conn, st.sql, st.n, NULL, st.params, NULL, NULL, 0))
        {
          statement_clear (&st);
          _gloss_pg_set_error (conn, NULL, error);
          return FALSE;
        }
      statement_clear (&st);
      n_sent++;
    }
  if (!PQpipelineSync (conn))
    {
      _gloss_pg_set_error (conn, NULL, error);
      return FALSE;
    }

  /* Each statement's result, then NULL; the sync's result last. */
  for (guint i = 0; i <= n_sent; i++)
    {
      PGresult *result;

      while ((result = PQgetResult (conn)) != NULL)
        {
          ExecStatusType status = PQresultStatus (result);

          if (status == PGRES_PIPELINE_SYNC)
            {
              PQclear (result);
              break;
            }
          if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && ok)
            {
              _gloss_pg_set_error (conn, result, error);
              ok = FALSE;
            }
          PQclear (result);
        }
      if (PQstatus (conn) != CONNECTION_OK)
        {
          if (ok)
            _gloss_pg_set_error (conn, NULL, error);
          return FALSE;
        }
    }

  return ok;
}

/* All of @changes in pipelines of a few hundred: one round trip each
 * instead of one per row. Documents (which ask the server first) go
 * before, one by one. */
static gboolean
push_pipelined (GlossProject *project,
                PGconn       *conn,
                GPtrArray    *changes,
                gboolean      refuse_hidden,
                GError      **error)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  gboolean ok = TRUE;

  for (guint i = 0; i < changes->len; i++)
    {
      GlossSyncChange *change = g_ptr_array_index (changes, i);

      if (change->table == GLOSS_SYNC_DOCUMENT)
        {
          if (!push_one (project, conn, change, refuse_hidden, error))
            return FALSE;
        }
      else
        g_ptr_array_add (rest, change);
    }

  if (!PQenterPipelineMode (conn))
    {
      _gloss_pg_set_error (conn, NULL, error);
      return FALSE;
    }
  for (guint from = 0; ok && from < rest->len; from += PIPELINE_CHUNK)
    ok = pipeline_chunk (conn, rest, from, MIN (from + PIPELINE_CHUNK, rest->len), refuse_hidden, error);
  PQexitPipelineMode (conn);

  return ok;
}

/* Whether this file's role may change the row at all; the server checks
 * again, this only spares it the asking. */
static const char *
refusal_reason (const GlossSyncState  *state,
                const GlossSyncChange *change)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *coder = NULL;

  if (state->is_lead)
    return NULL;

  switch (change->table)
    {
    case GLOSS_SYNC_PROJECT:
      return _("only the lead changes the project");
    case GLOSS_SYNC_CODER:
      return _("only the lead changes the coders");
    case GLOSS_SYNC_CODE:
      return _("only the lead changes the codebook");
    case GLOSS_SYNC_DOCUMENT:
      return _("only the lead changes the documents");
    case GLOSS_SYNC_ATTRIBUTE:
    case GLOSS_SYNC_ATTRIBUTE_VALUE:
      return _("only the lead changes the attributes");
    case GLOSS_SYNC_CASE:
    case GLOSS_SYNC_CASE_MEMBER:
      return _("only the lead changes the cases");
    case GLOSS_SYNC_SET:
    case GLOSS_SYNC_SET_MEMBER:
      return _("only the lead changes the sets");
    case GLOSS_SYNC_MEMO:
    case GLOSS_SYNC_NOTE:
      return NULL;  /* the server knows whose they are */
    case GLOSS_SYNC_CODING:
    case GLOSS_SYNC_N_TABLES:
    default:
      break;
    }

  if (change->state == NULL)
    return NULL;  /* the server deletes only the coder's own */
  object = parse_state (change->state);
  coder = object != NULL ? member_text (object, "coder") : NULL;
  if (g_strcmp0 (coder, state->coder_guid) != 0)
    return _("a coder changes only their own codings");

  return NULL;
}

/* Sends @changes in one transaction. With @each_alone a refused row is
 * noted in @report and left out; without, the first refusal fails all
 * (*refused is set). A connection lost fails all. */
static gboolean
push_changes (GlossProject    *project,
              PGconn          *conn,
              GlossSyncState  *state,
              GPtrArray       *changes,
              gboolean         each_alone,
              GArray          *pushed,
              GlossSyncReport *report,
              gboolean        *refused,
              GError         **error)
{
  *refused = FALSE;
  g_array_set_size (pushed, 0);

  if (!_gloss_pg_exec (conn, "BEGIN", error))
    return FALSE;

  if (!each_alone)
    {
      g_autoptr(GError) batch_error = NULL;

      if (!push_pipelined (project, conn, changes, state->server_version >= 2, &batch_error))
        {
          *refused = !g_error_matches (batch_error, GLOSS_ERROR, GLOSS_ERROR_OFFLINE);
          g_propagate_error (error, g_steal_pointer (&batch_error));
          goto fail;
        }
      for (guint i = 0; i < changes->len; i++)
        g_array_append_val (pushed, i);
      goto commit;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const GlossSyncChange *change = g_ptr_array_index (changes, i);
      g_autoptr(GError) row_error = NULL;
      gboolean ok;

      if (each_alone && !_gloss_pg_exec (conn, "SAVEPOINT row", error))
        goto fail;

      ok = push_one (project, conn, change, state->server_version >= 2, &row_error);
      if (ok)
        {
          g_array_append_val (pushed, i);
          if (each_alone && !_gloss_pg_exec (conn, "RELEASE SAVEPOINT row", error))
            goto fail;
          continue;
        }

      if (g_error_matches (row_error, GLOSS_ERROR, GLOSS_ERROR_OFFLINE) || !each_alone)
        {
          *refused = !g_error_matches (row_error, GLOSS_ERROR, GLOSS_ERROR_OFFLINE);
          g_propagate_error (error, g_steal_pointer (&row_error));
          goto fail;
        }

      {
        g_autofree char *label = change_label (change);
        _gloss_sync_note (report->refused, _gloss_sync_table_name (change->table), change->guid, label, row_error->message);
      }
      if (!_gloss_pg_exec (conn, "ROLLBACK TO SAVEPOINT row", error))
        goto fail;
    }

commit:
  if (!_gloss_pg_exec (conn, "COMMIT", error))
    return FALSE;

  return TRUE;

fail:
  PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}

/* The server took them: they are synced as they were sent. */
static gboolean
remember_pushed (GlossProject *project,
                 GPtrArray    *changes,
                 GArray       *pushed,
                 GError      **error)
{
  if (pushed->len == 0)
    return TRUE;

  if (!_gloss_project_exec (project, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < pushed->len; i++)
    {
      const GlossSyncChange *change = g_ptr_array_index (changes, g_array_index (pushed, guint, i));

      if (!_gloss_sync_remember (project, change->table, change->guid, change->state, error))
        {
          sqlite3_exec (project->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return _gloss_project_exec (project, "COMMIT", error);
}

/* What the push could not send waits: the count of changes waiting is
 * that, from here on (nothing is written when it is so already). */
static gboolean
note_waiting (GlossProject *project,
              GPtrArray    *changes,
              GArray       *pushed,
              GPtrArray    *kept,
              GError      **error)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  g_autofree gboolean *sent = g_new0 (gboolean, MAX (changes->len, 1));

  for (guint i = 0; i < pushed->len; i++)
    sent[g_array_index (pushed, guint, i)] = TRUE;
  for (guint i = 0; i < changes->len; i++)
    if (!sent[i])
      g_ptr_array_add (waiting, g_ptr_array_index (changes, i));
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (waiting, g_ptr_array_index (kept, i));

  if (_gloss_sync_waiting_is (project, waiting))
    return TRUE;
  if (!_gloss_project_exec (project, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_gloss_sync_set_waiting (project, waiting, error) || !_gloss_project_exec (project, "COMMIT", error))
    {
      sqlite3_exec (project->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_gloss_sync_push (GlossProject    *project,
                  PGconn          *conn,
                  GlossSyncState  *state,
                  GlossSyncReport *report,
                  GError         **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_sync_change_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_sync_change_free);
  g_autoptr(GPtrArray) deletions = g_ptr_array_new ();
  g_autoptr(GArray) pushed = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean refused = FALSE;
  g_autoptr(GError) local_error = NULL;

  /* Rows in push order; deletions after, the codings first. */
  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    {
      g_autoptr(GPtrArray) list = NULL;

      list = _gloss_sync_list_changes (project, t, error);
      if (list == NULL)
        return FALSE;
      for (guint i = 0; i < list->len; i++)
        {
          GlossSyncChange *change = g_ptr_array_index (list, i);
          const char *reason = refusal_reason (state, change);

          /* What the server cannot hold yet waits here for its upgrade. */
          if (_gloss_sync_table_since (t) > state->server_version)
            {
              g_ptr_array_add (kept, change);
              g_ptr_array_index (list, i) = NULL;
              continue;
            }
          if (reason != NULL)
            {
              g_autofree char *label = change_label (change);
              _gloss_sync_note (report->refused, _gloss_sync_table_name (change->table), change->guid, label, reason);
              g_ptr_array_add (kept, change);
              g_ptr_array_index (list, i) = NULL;
              continue;
            }
          g_ptr_array_add (change->state != NULL ? changes : deletions, change);
          g_ptr_array_index (list, i) = NULL;
        }
    }
  for (guint i = deletions->len; i > 0; i--)
    g_ptr_array_add (changes, g_ptr_array_index (deletions, i - 1));

  if (changes->len == 0)
    return note_waiting (project, changes, pushed, kept, error);

  if (!push_changes (project, conn, state, changes, FALSE, pushed, report, &refused, &local_error))
    {
      if (!refused)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      if (!push_changes (project, conn, state, changes, TRUE, pushed, report, &refused, error))
        return FALSE;
    }

  report->n_pushed += pushed->len;
  return remember_pushed (project, changes, pushed, error) &&
         note_waiting (project, changes, pushed, kept, error);
}
