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

static const char * const migrations[] = {
  migration_1,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GLOSS_PROJECT_SCHEMA_VERSION);

gboolean
_gloss_project_migrate (GlossProject  *self,
                        int            from_version,
                        GError       **error)
{
  g_autofree char *set_version = NULL;

  if (!_gloss_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int v = from_version; v < GLOSS_PROJECT_SCHEMA_VERSION; v++)
    {
      if (!_gloss_project_exec (self, migrations[v], error))
        goto fail;
    }

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 GLOSS_APPLICATION_ID, GLOSS_PROJECT_SCHEMA_VERSION);
  if (!_gloss_project_exec (self, set_version, error) ||
      !_gloss_project_exec (self, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
