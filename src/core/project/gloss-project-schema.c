/* gloss-project-schema.c: the tables, and the migrations between versions
 *
 * Each migration takes the file from version N - 1 to N; they run in
 * order, all in one transaction, and PRAGMA user_version records the
 * result. Never edit a released migration: add the next one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>

#include "gloss-project-private.h"

static const char migration_1[] =
  "CREATE TABLE project ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  guid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL);"

  "CREATE TABLE coder ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0),"
  "  color TEXT NOT NULL,"
  "  created INTEGER NOT NULL);"

  /* Documents are never deleted by a user action, only marked removed, so
   * that a removal can be undone without keeping the bytes twice. */
  "CREATE TABLE document ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  filename TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('pdf', 'text')),"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  size INTEGER NOT NULL,"
  "  password TEXT,"
  "  n_pages INTEGER NOT NULL,"
  "  n_chars INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  removed INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"

  "CREATE TABLE document_blob ("
  "  document_id INTEGER PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,"
  "  bytes BLOB NOT NULL);"

  "CREATE TABLE page ("
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  length INTEGER NOT NULL,"
  "  width REAL NOT NULL,"
  "  height REAL NOT NULL,"
  "  PRIMARY KEY (document_id, idx)) WITHOUT ROWID;"

  "CREATE TABLE code ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES code (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0 AND instr (name, '/') = 0),"
  "  color TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL);"
  "CREATE UNIQUE INDEX code_sibling_name ON code (ifnull (parent_id, 0), name COLLATE NOCASE);"
  "CREATE INDEX code_parent ON code (parent_id);"

  "CREATE TABLE coding ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  coder_id INTEGER NOT NULL REFERENCES coder (id) ON DELETE CASCADE,"
  "  code_id INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL CHECK (start >= 0),"
  "  end INTEGER NOT NULL CHECK (end > start),"
  "  quote TEXT NOT NULL,"
  "  prefix TEXT NOT NULL DEFAULT '',"
  "  suffix TEXT NOT NULL DEFAULT '',"
  "  memo TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  UNIQUE (document_id, coder_id, code_id, start, end));"
  "CREATE INDEX coding_document ON coding (document_id, start);"
  "CREATE INDEX coding_code ON coding (code_id);"
  "CREATE INDEX coding_coder ON coding (coder_id);"

  "CREATE TABLE memo ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'code', 'coder')),"
  "  target_id INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  UNIQUE (target_kind, target_id));"

  "CREATE TABLE history_step ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  undone INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE history_change ("
  "  id INTEGER PRIMARY KEY,"
  "  step_id INTEGER NOT NULL REFERENCES history_step (id) ON DELETE CASCADE,"
  "  tbl TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),"
  "  row_id INTEGER NOT NULL,"
  "  old TEXT,"
  "  new TEXT);"
  "CREATE INDEX history_change_step ON history_change (step_id);";

/* Two documents may hold the same bytes: a REFI-QDA project can carry two
 * sources of the same text, each with its own GUID and codings. The import
 * of a file still finds the document that has its bytes. SQLite cannot drop
 * a constraint, so the table is rebuilt (with foreign keys off, see below). */
static const char migration_2[] =
  "CREATE TABLE document_2 ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  filename TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('pdf', 'text')),"
  "  sha256 TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  password TEXT,"
  "  n_pages INTEGER NOT NULL,"
  "  n_chars INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  removed INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"
  "INSERT INTO document_2 (id, guid, title, filename, kind, sha256, size, password, n_pages, n_chars, "
  "  text, removed, created) "
  "  SELECT id, guid, title, filename, kind, sha256, size, password, n_pages, n_chars, text, removed, created "
  "  FROM document;"
  "DROP TABLE document;"
  "ALTER TABLE document_2 RENAME TO document;"
  "CREATE INDEX document_sha256 ON document (sha256);";

/* The coder that holds the settled codings of a disagreement is named by
 * its GUID in the project row. Files from before kept it as the coder
 * called "Consensus"; that one coder is adopted here, once. */
static const char migration_3[] =
  "ALTER TABLE project ADD COLUMN consensus_coder TEXT;"
  "UPDATE project SET consensus_coder = (SELECT guid FROM coder WHERE name = 'Consensus');";

/* Attributes (typed variables on documents, coders and cases), cases and
 * sets. Values are kept as canonical text: numbers as decimals, dates as
 * YYYY-MM-DD, yes/no as "true"/"false". Every table has an integer id so
 * that the history triggers can record it. */
static const char migration_4[] =
  "CREATE TABLE attribute ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  target TEXT NOT NULL CHECK (target IN ('document', 'coder', 'case')),"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'category')),"
  "  choices TEXT,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"
  "CREATE UNIQUE INDEX attribute_name ON attribute (target, name COLLATE NOCASE);"

  "CREATE TABLE attribute_value ("
  "  id INTEGER PRIMARY KEY,"
  "  attribute_id INTEGER NOT NULL REFERENCES attribute (id) ON DELETE CASCADE,"
  "  target_id INTEGER NOT NULL,"
  "  value TEXT NOT NULL,"
  "  UNIQUE (attribute_id, target_id));"
  "CREATE INDEX attribute_value_target ON attribute_value (target_id);"

  "CREATE TABLE case_item ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL);"

  /* A whole document (start and end NULL) or a passage of one. */
  "CREATE TABLE case_member ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  case_id INTEGER NOT NULL REFERENCES case_item (id) ON DELETE CASCADE,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  start INTEGER CHECK (start IS NULL OR start >= 0),"
  "  end INTEGER CHECK (end IS NULL OR end > start),"
  "  UNIQUE (case_id, document_id, start, end));"
  "CREATE INDEX case_member_document ON case_member (document_id);"

  /* A set of documents or of codes: static members, or a rule over
   * attributes evaluated whenever the set is used. */
  "CREATE TABLE set_item ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('document', 'code')),"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  rule TEXT,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL);"
  "CREATE UNIQUE INDEX set_item_name ON set_item (name COLLATE NOCASE);"

  "CREATE TABLE set_member ("
  "  id INTEGER PRIMARY KEY,"
  "  set_id INTEGER NOT NULL REFERENCES set_item (id) ON DELETE CASCADE,"
  "  member_id INTEGER NOT NULL,"
  "  UNIQUE (set_id, member_id));"

  /* A deleted code leaves the sets of codes, so that a later code given
   * the same id does not find itself a member. */
  "CREATE TRIGGER set_member_code_deleted AFTER DELETE ON code BEGIN"
  "  DELETE FROM set_member WHERE member_id = OLD.id"
  "    AND set_id IN (SELECT id FROM set_item WHERE kind = 'code');"
  "END;";

/* A code may be only a heading for others (REFI-QDA isCodable="false"):
 * kept as it came and written back so. */
static const char migration_5[] =
  "ALTER TABLE code ADD COLUMN codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1));";

/* Version 6: code names with "/", and free notes.
 *
 * A code name may hold "/" (paths escape it, see gloss-code-path.h): the
 * table is rebuilt without the CHECK that forbade it, every row as it was
 * (ids, GUIDs, parents, colours, codable), with its indexes and trigger.
 * The history recorded codes without codable; its rows get the value the
 * code has now (or 1), so that undo and redo restore a whole row. */
static const char migration_6[] =
  "CREATE TABLE code_6 ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES code (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  color TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1)));"
  "INSERT INTO code_6 (id, guid, parent_id, name, color, description, position, created, modified, codable) "
  "  SELECT id, guid, parent_id, name, color, description, position, created, modified, codable FROM code;"
  "DROP TABLE code;"
  "ALTER TABLE code_6 RENAME TO code;"
  "CREATE UNIQUE INDEX code_sibling_name ON code (ifnull (parent_id, 0), name COLLATE NOCASE);"
  "CREATE INDEX code_parent ON code (parent_id);"
  "CREATE TRIGGER set_member_code_deleted AFTER DELETE ON code BEGIN"
  "  DELETE FROM set_member WHERE member_id = OLD.id"
  "    AND set_id IN (SELECT id FROM set_item WHERE kind = 'code');"
  "END;"
  "UPDATE history_change SET"
  "  old = CASE WHEN old IS NULL THEN NULL ELSE json_set (old, '$.codable',"
  "    ifnull ((SELECT codable FROM code WHERE code.id = history_change.row_id), 1)) END,"
  "  new = CASE WHEN new IS NULL THEN NULL ELSE json_set (new, '$.codable',"
  "    ifnull ((SELECT codable FROM code WHERE code.id = history_change.row_id), 1)) END"
  "  WHERE tbl = 'code';"

  /* A note about the project and nothing in it (a REFI-QDA <Note> that
   * nothing refers to): its author is kept by GUID and name, as it came,
   * whether or not that coder is in the project. Dates may be unknown. */
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY,"
  "  guid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL,"
  "  author_guid TEXT,"
  "  author_name TEXT,"
  "  created INTEGER,"
  "  modified INTEGER);";

/* A project coded with a team server (src/core/sync): the server's
 * address (a libpq connection string, never a password), the coder this
 * file codes as, the last change of the server's log it has seen, and for
 * each row what the server and this file last agreed it was, so that a
 * sync knows what changed here since. */
static const char migration_sync[] =
  "CREATE TABLE sync_server ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  uri TEXT NOT NULL,"
  "  coder_guid TEXT,"
  "  is_lead INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),"
  "  cursor INTEGER NOT NULL DEFAULT 0,"
  "  phase TEXT NOT NULL DEFAULT 'blind',"
  "  synced INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE sync_row ("
  "  tbl TEXT NOT NULL,"
  "  guid TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, guid)) WITHOUT ROWID;";

/* The version of the text extraction each document's text came from (0:
 * the first, poppler's text as it is). Documents of an older extraction
 * are extracted again on open (gloss-project-reextract.c). */
static const char migration_text_extraction[] =
  "ALTER TABLE document ADD COLUMN text_extraction INTEGER NOT NULL DEFAULT 0;";

/* Version 9: the count of changes waiting for the team server, kept
 * change by change (gloss-sync-state.c): the keys of rows a change touched
 * since the last count, written by triggers of each connection that syncs
 * (no constraint in it can fail the change that fires them), the keys
 * known to differ from what was synced, and whether that is known. */
static const char migration_sync_count[] =
  "CREATE TABLE sync_touched ("
  "  tbl TEXT NOT NULL,"
  "  guid TEXT NOT NULL);"
  "CREATE INDEX sync_touched_key ON sync_touched (tbl, guid);"
  "CREATE TABLE sync_waiting ("
  "  tbl TEXT NOT NULL,"
  "  guid TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, guid)) WITHOUT ROWID;"
  "CREATE TABLE sync_count ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  known INTEGER NOT NULL DEFAULT 0 CHECK (known IN (0, 1)));";

/* Version 10: the history may hold ranges of inserted rows
 * (gloss-project-history.c). Nothing in the tables changes; the version
 * keeps the files away from a Gloss that would read such a range as the
 * insert of a single row. */
static const char migration_history_ranges[] = "";

static const char * const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  [GLOSS_PROJECT_SYNC_VERSION - 1] = migration_sync,
  [GLOSS_PROJECT_MIGRATION_TEXT_EXTRACTION - 1] = migration_text_extraction,
  [GLOSS_PROJECT_MIGRATION_SYNC_COUNT - 1] = migration_sync_count,
  [GLOSS_PROJECT_MIGRATION_HISTORY_RANGES - 1] = migration_history_ranges,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GLOSS_PROJECT_SCHEMA_VERSION);

static gboolean
foreign_keys_hold (GlossProject  *self,
                   GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    return _gloss_set_sqlite_error (self->db, sqlite3_errcode (self->db), error, _("Cannot upgrade the project"));
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BAD_DOCUMENT,
                 _("The project cannot be upgraded: some of its rows refer to rows that are not there"));

  return ok;
}

gboolean
_gloss_project_migrate (GlossProject  *self,
                        int            from_version,
                        GError       **error)
{
  g_autofree char *set_version = NULL;

  /* A migration may rebuild a table that others refer to; with foreign
   * keys on, dropping the old one would delete what refers to it. They are
   * checked before the commit instead (the pragma only takes effect
   * outside a transaction). */
  if (!_gloss_project_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  if (!_gloss_project_exec (self, "BEGIN IMMEDIATE", error))
    goto restore;

  for (int v = from_version; v < GLOSS_PROJECT_SCHEMA_VERSION; v++)
    {
      if (!_gloss_project_exec (self, migrations[v], error))
        goto fail;
    }

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 GLOSS_APPLICATION_ID, GLOSS_PROJECT_SCHEMA_VERSION);
  if (!foreign_keys_hold (self, error) ||
      !_gloss_project_exec (self, set_version, error) ||
      !_gloss_project_exec (self, "COMMIT", error))
    goto fail;

  return _gloss_project_exec (self, "PRAGMA foreign_keys = ON", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
restore:
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return FALSE;
}

/* The schema check */

typedef struct
{
  char *type;
  char *table;
  char *sql;
} SchemaEntry;

static void
schema_entry_free (SchemaEntry *entry)
{
  g_free (entry->type);
  g_free (entry->table);
  g_free (entry->sql);
  g_free (entry);
}

/* name -> SchemaEntry for every row of @db's sqlite_master, or NULL if the
 * schema cannot be read. */
static GHashTable *
read_schema (sqlite3 *db)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) schema_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM main.sqlite_master", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaEntry *entry = g_new0 (SchemaEntry, 1);

      entry->type = _gloss_column_dup_text (stmt, 0);
      entry->table = _gloss_column_dup_text (stmt, 2);
      entry->sql = _gloss_column_dup_text (stmt, 3);
      g_hash_table_replace (entries, _gloss_column_dup_text (stmt, 1), entry);
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}

/* What the migrations up to @version make of an empty database. */
static GHashTable *
build_expected_schema (int version)
{
  sqlite3 *db = NULL;
  GHashTable *entries = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }

  ok = TRUE;
  for (int v = 0; ok && v < version && v < (int) G_N_ELEMENTS (migrations); v++)
    ok = sqlite3_exec (db, migrations[v], NULL, NULL, NULL) == SQLITE_OK;
  if (ok)
    entries = read_schema (db);
  sqlite3_close (db);

  return entries;
}

static GHashTable *
expected_schema (int version)
{
  static GHashTable *current = NULL;
  static gsize made = 0;

  if (version != GLOSS_PROJECT_SCHEMA_VERSION)
    return build_expected_schema (version);

  /* Opened often, also from threads: made once. */
  if (g_once_init_enter (&made))
    {
      current = build_expected_schema (version);
      g_once_init_leave (&made, 1);
    }

  return current != NULL ? g_hash_table_ref (current) : NULL;
}

/* SQLite's statistics tables (ANALYZE) hold no SQL and are harmless. */
static gboolean
is_statistics_table (const char        *name,
                     const SchemaEntry *entry)
{
  return g_strcmp0 (entry->type, "table") == 0 && g_str_has_prefix (name, "sqlite_stat");
}

static char *
describe_foreign (const char        *name,
                  const SchemaEntry *entry)
{
  if (g_strcmp0 (entry->type, "trigger") == 0)
    return g_strdup_printf (_("The file contains a trigger “%s” on the table “%s” that Gloss did not create."), name, entry->table);
  if (g_strcmp0 (entry->type, "view") == 0)
    return g_strdup_printf (_("The file contains a view “%s” that Gloss did not create."), name);
  if (g_strcmp0 (entry->type, "index") == 0)
    return g_strdup_printf (_("The file contains an index “%s” on the table “%s” that Gloss did not create."), name, entry->table);

  return g_strdup_printf (_("The file contains a table “%s” that Gloss did not create."), name);
}

static char *
describe_changed (const char        *name,
                  const SchemaEntry *entry)
{
  if (g_strcmp0 (entry->type, "index") == 0)
    return g_strdup_printf (_("The index “%s” is not defined as Gloss defines it."), name);

  return g_strdup_printf (_("The table “%s” is not defined as Gloss defines it: a column, type, default or constraint differs."), name);
}

static char *
describe_missing (const char        *name,
                  const SchemaEntry *entry)
{
  if (g_strcmp0 (entry->type, "index") == 0)
    return g_strdup_printf (_("The index “%s” that Gloss creates is missing."), name);
  if (g_strcmp0 (entry->type, "trigger") == 0)
    return g_strdup_printf (_("The trigger “%s” that Gloss creates is missing."), name);

  return g_strdup_printf (_("The table “%s” that Gloss creates is missing."), name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* What could run comes first: triggers, then views, tables and indexes. */
static int
type_rank (const SchemaEntry *entry)
{
  static const char * const order[] = { "trigger", "view", "table", "index" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (entry->type, order[i]) == 0)
      return (int) i;

  return G_N_ELEMENTS (order);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GHashTable *entries = user_data;
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  int rank = type_rank (g_hash_table_lookup (entries, name_a)) - type_rank (g_hash_table_lookup (entries, name_b));

  return rank != 0 ? rank : g_strcmp0 (name_a, name_b);
}

typedef enum
{
  SCHEMA_FOREIGN,  /* in the file, not made by Gloss (or of another type) */
  SCHEMA_CHANGED,  /* made by Gloss, defined otherwise */
  SCHEMA_MISSING,  /* made by Gloss, not in the file */
} SchemaDifference;

typedef void (*SchemaFunc) (const char        *name,
                            const SchemaEntry *have,
                            const SchemaEntry *want,
                            SchemaDifference   difference,
                            gpointer           user_data);

/* Calls @func for each difference between @db's schema and the one of
 * @version: what is in the file first (triggers, views, tables, indexes,
 * each kind in name order: the first named is the worst, and always the
 * same), then what is missing. FALSE if either schema cannot be read. */
static gboolean
walk_schema (sqlite3    *db,
             int         version,
             SchemaFunc  func,
             gpointer    user_data)
{
  g_autoptr(GHashTable) expected = expected_schema (version);
  g_autoptr(GHashTable) actual = read_schema (db);
  g_autofree gpointer *names = NULL;
  guint n_names = 0;

  if (expected == NULL || actual == NULL)
    return FALSE;

  names = g_hash_table_get_keys_as_array (actual, &n_names);
  g_qsort_with_data (names, n_names, sizeof (gpointer), compare_entries, actual);
  for (guint i = 0; i < n_names; i++)
    {
      const char *name = names[i];
      const SchemaEntry *have = g_hash_table_lookup (actual, name);
      const SchemaEntry *want = g_hash_table_lookup (expected, name);

      if (want == NULL)
        {
          if (!is_statistics_table (name, have))
            func (name, have, NULL, SCHEMA_FOREIGN, user_data);
        }
      else if (g_strcmp0 (have->type, want->type) != 0)
        func (name, have, want, SCHEMA_FOREIGN, user_data);
      else if (g_strcmp0 (have->sql, want->sql) != 0 || g_strcmp0 (have->table, want->table) != 0)
        func (name, have, want, SCHEMA_CHANGED, user_data);
    }

  g_clear_pointer (&names, g_free);
  names = g_hash_table_get_keys_as_array (expected, &n_names);
  qsort (names, n_names, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_names; i++)
    /* An index SQLite makes for a UNIQUE constraint goes with the
     * constraint, which the table's own sentence already names. */
    if (!g_hash_table_contains (actual, names[i]) && !g_str_has_prefix (names[i], "sqlite_autoindex_"))
      func (names[i], NULL, g_hash_table_lookup (expected, names[i]), SCHEMA_MISSING, user_data);

  return TRUE;
}

typedef struct
{
  GPtrArray *problems;
  gboolean   own_only;
} Describe;

static void
describe_difference (const char        *name,
                     const SchemaEntry *have,
                     const SchemaEntry *want,
                     SchemaDifference   difference,
                     gpointer           user_data)
{
  Describe *describe = user_data;

  switch (difference)
    {
    case SCHEMA_FOREIGN:
      /* Something of another type under a name of Gloss's hides what
       * Gloss reads there. */
      if (!describe->own_only || want != NULL)
        g_ptr_array_add (describe->problems, describe_foreign (name, have));
      break;
    case SCHEMA_CHANGED:
      g_ptr_array_add (describe->problems, describe_changed (name, have));
      break;
    case SCHEMA_MISSING:
      g_ptr_array_add (describe->problems, describe_missing (name, want));
      break;
    }
}

static void
check_schema (GlossProject *self,
              int           version,
              gboolean      own_only,
              GPtrArray    *problems)
{
  Describe describe = { problems, own_only };

  if (!walk_schema (self->db, version, describe_difference, &describe))
    g_ptr_array_add (problems, g_strdup (_("The schema of the file cannot be read.")));
}

void
_gloss_project_check_schema (GlossProject *self,
                             int           version,
                             GPtrArray    *problems)
{
  check_schema (self, version, FALSE, problems);
}

void
_gloss_project_check_own_schema (GlossProject *self,
                                 int           version,
                                 GPtrArray    *problems)
{
  check_schema (self, version, TRUE, problems);
}

/* Repairing the schema of a copy */

typedef struct
{
  GPtrArray *names;
  GPtrArray *types;
  GPtrArray *sql;    /* what Gloss defines (NULL for a foreign one) */
  GArray    *kinds;
} Differences;

static void
collect_difference (const char        *name,
                    const SchemaEntry *have,
                    const SchemaEntry *want,
                    SchemaDifference   difference,
                    gpointer           user_data)
{
  Differences *differences = user_data;

  g_ptr_array_add (differences->names, g_strdup (name));
  g_ptr_array_add (differences->types, g_strdup (have != NULL ? have->type : want->type));
  g_ptr_array_add (differences->sql, want != NULL ? g_strdup (want->sql) : NULL);
  g_array_append_val (differences->kinds, difference);
}

static void
differences_clear (Differences *differences)
{
  g_clear_pointer (&differences->names, g_ptr_array_unref);
  g_clear_pointer (&differences->types, g_ptr_array_unref);
  g_clear_pointer (&differences->sql, g_ptr_array_unref);
  g_clear_pointer (&differences->kinds, g_array_unref);
}

static gboolean
collect_differences (GlossProject  *self,
                     int            version,
                     Differences   *differences,
                     GError       **error)
{
  differences->names = g_ptr_array_new_with_free_func (g_free);
  differences->types = g_ptr_array_new_with_free_func (g_free);
  differences->sql = g_ptr_array_new_with_free_func (g_free);
  differences->kinds = g_array_new (FALSE, FALSE, sizeof (SchemaDifference));

  if (!walk_schema (self->db, version, collect_difference, differences))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED, _("The schema of the file cannot be read."));
      return FALSE;
    }
  return TRUE;
}

/* @format takes sqlite3_mprintf's %w for names inside double quotes. */
static gboolean
exec_printf (GlossProject  *self,
             GError       **error,
             const char    *format,
             ...)
{
  va_list args;
  char *sql;
  gboolean ok;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  ok = _gloss_project_exec (self, sql, error);
  sqlite3_free (sql);
  return ok;
}

static char *
describe_removed (const char *name,
                  const char *type)
{
  if (g_strcmp0 (type, "trigger") == 0)
    return g_strdup_printf (_("The trigger “%s” that Gloss did not create was removed."), name);
  if (g_strcmp0 (type, "view") == 0)
    return g_strdup_printf (_("The view “%s” that Gloss did not create was removed."), name);
  if (g_strcmp0 (type, "index") == 0)
    return g_strdup_printf (_("The index “%s” that Gloss did not create was removed."), name);
  return g_strdup_printf (_("The table “%s” that Gloss did not create was removed, with its rows."), name);
}

gboolean
_gloss_project_drop_foreign_schema (GlossProject  *self,
                                    int            version,
                                    GPtrArray     *changes,
                                    GError       **error)
{
  Differences differences = { 0 };
  gboolean ok;

  ok = collect_differences (self, version, &differences, error);
  /* Triggers come first in the walk: none is left to run on what follows. */
  for (guint i = 0; ok && i < differences.names->len; i++)
    {
      const char *name = g_ptr_array_index (differences.names, i);
      const char *type = g_ptr_array_index (differences.types, i);

      if (g_array_index (differences.kinds, SchemaDifference, i) != SCHEMA_FOREIGN)
        continue;
      if (g_strcmp0 (type, "trigger") == 0)
        ok = exec_printf (self, error, "DROP TRIGGER \"%w\"", name);
      else if (g_strcmp0 (type, "view") == 0)
        ok = exec_printf (self, error, "DROP VIEW \"%w\"", name);
      else if (g_strcmp0 (type, "index") == 0)
        ok = exec_printf (self, error, "DROP INDEX IF EXISTS \"%w\"", name);
      else
        ok = exec_printf (self, error, "DROP TABLE \"%w\"", name);
      if (ok)
        g_ptr_array_add (changes, describe_removed (name, type));
    }
  differences_clear (&differences);
  return ok;
}

static gint64
count_rows (GlossProject *self,
            const char   *table)
{
  char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table);
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_free (sql);
  return count;
}

/* The columns of @table as a list of quoted names. */
static GPtrArray *
table_columns (GlossProject *self,
               const char   *table)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT name FROM pragma_table_info (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (columns, _gloss_column_dup_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return columns;
}

static gboolean
drop_indexes_of (GlossProject  *self,
                 const char    *table,
                 GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 "
                                    "AND sql IS NOT NULL", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (names, _gloss_column_dup_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    if (!exec_printf (self, error, "DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i)))
      return FALSE;
  return TRUE;
}

/* The rows of the table as it is go into the table as Gloss defines it:
 * the columns both have, and only the rows that keep its constraints. */
static gboolean
rebuild_table (GlossProject  *self,
               const char    *table,
               const char    *sql,
               GPtrArray     *changes,
               GError       **error)
{
  g_autoptr(GPtrArray) have = table_columns (self, table);
  g_autoptr(GPtrArray) want = NULL;
  g_autoptr(GString) columns = g_string_new (NULL);
  gint64 before, after;
  char *list;
  gboolean ok;

  before = count_rows (self, table);
  if (!drop_indexes_of (self, table, error) ||
      !exec_printf (self, error, "ALTER TABLE \"%w\" RENAME TO gloss_repair_old", table) ||
      !_gloss_project_exec (self, sql, error))
    return FALSE;

  want = table_columns (self, table);
  for (guint i = 0; i < want->len; i++)
    for (guint j = 0; j < have->len; j++)
      if (g_ascii_strcasecmp (g_ptr_array_index (want, i), g_ptr_array_index (have, j)) == 0)
        {
          list = sqlite3_mprintf ("%s\"%w\"", columns->len > 0 ? ", " : "", (const char *) g_ptr_array_index (want, i));
          g_string_append (columns, list);
          sqlite3_free (list);
          break;
        }

  ok = columns->len == 0 ||
       exec_printf (self, error, "INSERT OR IGNORE INTO \"%w\" (%s) SELECT %s FROM gloss_repair_old",
                    table, columns->str, columns->str);
  ok = ok && _gloss_project_exec (self, "DROP TABLE gloss_repair_old", error);
  if (!ok)
    return FALSE;

  after = count_rows (self, table);
  g_ptr_array_add (changes, g_strdup_printf (_("The table “%s” was made again as Gloss defines it."), table));
  if (after < before)
    g_ptr_array_add (changes,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%" PRId64 " row of the table “%s” broke its rules (a missing "
                                                   "value, a value twice that must be unique, a value out of "
                                                   "range) and was left out.",
                                                   "%" PRId64 " rows of the table “%s” broke its rules (a missing "
                                                   "value, a value twice that must be unique, a value out of "
                                                   "range) and were left out.",
                                                   before - after),
                                      (gint64) (before - after), table));
  return TRUE;
}

static gboolean
rebuild_tables (GlossProject  *self,
                int            version,
                GPtrArray     *changes,
                GError       **error)
{
  Differences differences = { 0 };
  gboolean ok;

  ok = collect_differences (self, version, &differences, error);
  for (guint i = 0; ok && i < differences.names->len; i++)
    {
      const char *name = g_ptr_array_index (differences.names, i);
      const char *sql = g_ptr_array_index (differences.sql, i);
      SchemaDifference kind = g_array_index (differences.kinds, SchemaDifference, i);

      if (g_strcmp0 (g_ptr_array_index (differences.types, i), "table") != 0 || sql == NULL)
        continue;
      if (kind == SCHEMA_CHANGED)
        ok = rebuild_table (self, name, sql, changes, error);
      else if (kind == SCHEMA_MISSING)
        {
          ok = _gloss_project_exec (self, sql, error);
          if (ok)
            g_ptr_array_add (changes, g_strdup_printf (_("The missing table “%s” was made again, empty."), name));
        }
    }
  differences_clear (&differences);
  return ok;
}

/* Indexes and Gloss's own triggers, which went with a table made again. */
static gboolean
rebuild_indexes (GlossProject  *self,
                 int            version,
                 GPtrArray     *changes,
                 GError       **error)
{
  Differences differences = { 0 };
  gboolean ok;

  ok = collect_differences (self, version, &differences, error);
  for (guint i = 0; ok && i < differences.names->len; i++)
    {
      const char *name = g_ptr_array_index (differences.names, i);
      const char *sql = g_ptr_array_index (differences.sql, i);
      SchemaDifference kind = g_array_index (differences.kinds, SchemaDifference, i);

      const char *type = g_ptr_array_index (differences.types, i);
      gboolean trigger = g_strcmp0 (type, "trigger") == 0;

      if ((!trigger && g_strcmp0 (type, "index") != 0) || sql == NULL || kind == SCHEMA_FOREIGN)
        continue;
      if (kind == SCHEMA_CHANGED)
        ok = exec_printf (self, error, trigger ? "DROP TRIGGER \"%w\"" : "DROP INDEX \"%w\"", name);
      /* An index that the rows break (two codes of one name) is left for
       * the check to name. */
      if (ok && sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK)
        g_ptr_array_add (changes, trigger
                         ? g_strdup_printf (_("The trigger “%s” was made again as Gloss defines it."), name)
                         : g_strdup_printf (_("The index “%s” was made again as Gloss defines it."), name));
    }
  differences_clear (&differences);
  return ok;
}

gboolean
_gloss_project_rebuild_schema (GlossProject  *self,
                               int            version,
                               GPtrArray     *changes,
                               GError       **error)
{
  gboolean ok;

  /* A renamed table keeps the references of other tables to its name. */
  if (!_gloss_project_exec (self, "PRAGMA legacy_alter_table = ON", error))
    return FALSE;
  ok = rebuild_tables (self, version, changes, error) && rebuild_indexes (self, version, changes, error);
  sqlite3_exec (self->db, "PRAGMA legacy_alter_table = OFF", NULL, NULL, NULL);
  return ok;
}
