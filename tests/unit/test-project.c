/* test-project.c: creating, opening and refusing project files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gloss-project-private.h"
#include "gloss-test-util.h"

static void
test_create_and_open (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *guid_again = NULL;

  title = gloss_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Test project");
  guid = gloss_project_dup_guid (project);
  g_assert_true (g_uuid_string_is_valid (guid));
  g_assert_cmpint (gloss_project_get_schema_version (project), ==, GLOSS_PROJECT_SCHEMA_VERSION);
  g_assert_false (gloss_project_get_read_only (project));

  g_assert_true (gloss_project_set_title (project, "Compacts", &error));
  g_assert_no_error (error);
  gloss_project_close (project);

  again = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&title, g_free);
  title = gloss_project_dup_title (again);
  g_assert_cmpstr (title, ==, "Compacts");
  guid_again = gloss_project_dup_guid (again);
  g_assert_cmpstr (guid, ==, guid_again);

  g_assert_false (gloss_project_set_title (again, "  ", &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
}

static void
test_create_refuses_existing (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) other = NULL;
  g_autoptr(GError) error = NULL;

  other = gloss_project_create (path, NULL, &error);
  g_assert_null (other);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS);
}

static void
test_default_title (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "Refugee compact.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  title = gloss_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Refugee compact");
}

/* Opening @path fails with @code and leaves the file as it was. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autofree char *before = gloss_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);

  g_assert_null (project);
  g_assert_error (error, GLOSS_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“"));
  after = gloss_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_refuses_bad_files (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *text = gloss_test_write_file (dir, "notes.gloss", "just some notes\n", -1);
  g_autofree char *empty = gloss_test_write_file (dir, "empty.gloss", "", 0);
  g_autofree char *missing = g_build_filename (dir, "missing.gloss", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  sqlite3 *db = NULL;

  assert_refused (text, GLOSS_ERROR_NOT_A_PROJECT);
  assert_refused (empty, GLOSS_ERROR_NOT_A_PROJECT);

  project = gloss_project_open (missing, &error);
  g_assert_null (project);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);

  /* An SQLite file of another program */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (foreign, GLOSS_ERROR_NOT_A_PROJECT);
}

static void
test_open_refuses_newer_version (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  sqlite3 *db = NULL;

  gloss_project_close (project);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (path, GLOSS_ERROR_TOO_NEW);
}

static void
test_open_refuses_damaged (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  gsize length = 0;

  gloss_project_close (project);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);

  /* The header survives, the rest is noise: the schema cannot be read. */
  for (gsize i = 100; i < length; i++)
    contents[i] = (char) (i * 7);
  damaged = g_strconcat (path, ".damaged", NULL);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  assert_refused (damaged, GLOSS_ERROR_DAMAGED);
}

static void
test_read_only (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) ro = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write read-only files");
      return;
    }

  gloss_project_add_coder (project, "Amina", NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (project);
  g_chmod (path, 0444);
  before = gloss_test_file_checksum (path);

  ro = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_get_read_only (ro));
  g_assert_cmpint (gloss_project_add_coder (ro, "Jonas", NULL, &error), ==, 0);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
  gloss_project_close (ro);

  after = gloss_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_pragmas (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  gloss_project_close (project);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0x474C5353);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
dump_codes (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, guid, ifnull (parent_id, 0), name, color, description, position, "
                                       "created, modified, codable FROM code ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 10; i++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

/* A version 5 file (no "/" in code names, a history that did not record
 * codable) is upgraded on open: every code keeps its id, GUID, parent,
 * colour and codable, its codings and sets stay, undo still works on what
 * was done before, and a name may then hold "/". */
static void
test_upgrade_from_version_5 (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GlossCode) code = NULL;
  gint64 doc, coder, top, child, heading, set;
  char *sql_error = NULL;
  sqlite3 *db = NULL;

  doc = gloss_project_import_text (project, "a.txt", "One line.\nTwo lines.\n", -1, &error);
  coder = gloss_project_add_coder (project, "Ana", NULL, &error);
  top = gloss_project_add_code (project, 0, "Asylum", "#112233", "Seeking it", &error);
  child = gloss_project_add_code (project, top, "Refugee status", "#445566", NULL, &error);
  heading = gloss_project_add_code (project, 0, "Heading", NULL, NULL, &error);
  g_assert_true (gloss_project_set_code_codable (project, heading, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, child, 0, 4, NULL, &error), >, 0);
  set = gloss_project_add_set (project, GLOSS_SET_CODES, "Core", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_add_set_members (project, set, &child, 1, &error));
  g_assert_true (gloss_project_rename_code (project, top, "Asylum seekers", &error));
  g_assert_no_error (error);
  gloss_project_close (project);

  /* As version 5 made it: the CHECK on names, the set trigger, and history
   * rows of codes without codable. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strconcat ("PRAGMA foreign_keys = OFF; BEGIN;", gloss_test_sql_before_version_6 (TRUE),
                                        "ALTER TABLE document DROP COLUMN text_extraction;"
                                        "DROP TABLE sync_server; DROP TABLE sync_row; DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; ",
                                        "CREATE TRIGGER set_member_code_deleted AFTER DELETE ON code BEGIN"
                                        "  DELETE FROM set_member WHERE member_id = OLD.id"
                                        "    AND set_id IN (SELECT id FROM set_item WHERE kind = 'code');"
                                        "END;"
                                        "UPDATE history_change SET old = json_remove (old, '$.codable'), "
                                        "  new = json_remove (new, '$.codable') WHERE tbl = 'code';"
                                        "PRAGMA user_version = 5; COMMIT;", NULL);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &sql_error), ==, SQLITE_OK);
  }
  g_assert_null (sql_error);
  sqlite3_close (db);
  before = dump_codes (path);

  again = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_schema_version (again), ==, GLOSS_PROJECT_SCHEMA_VERSION);
  g_assert_true (gloss_project_check (again, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  after = dump_codes (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (gloss_project_count_code_codings (again, child, FALSE, &error), ==, 1);

  /* Undo of a step recorded before the upgrade */
  g_assert_true (gloss_project_undo (again, &error));
  g_assert_no_error (error);
  code = gloss_project_get_code (again, top, &error);
  g_assert_cmpstr (code->name, ==, "Asylum");
  g_clear_pointer (&code, gloss_code_free);

  /* A deleted heading comes back as a heading; the set trigger still works. */
  g_assert_true (gloss_project_delete_code (again, heading, &error));
  g_assert_true (gloss_project_undo (again, &error));
  g_assert_no_error (error);
  code = gloss_project_get_code (again, heading, &error);
  g_assert_false (code->codable);
  g_clear_pointer (&code, gloss_code_free);
  g_assert_true (gloss_project_rename_code (again, child, "Asylum / refugee status", &error));
  g_assert_no_error (error);
  code = gloss_project_get_code (again, child, &error);
  g_assert_cmpstr (code->path, ==, "Asylum/Asylum \\/ refugee status");
  g_assert_true (gloss_project_delete_code (again, top, &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (problems, 0);
  g_assert_true (gloss_project_check (again, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  {
    g_autoptr(GPtrArray) sets = gloss_project_list_sets (again, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sets->len, ==, 1);
    g_assert_cmpint (((GlossSet *) sets->pdata[0])->n_members, ==, 0);
  }
}

static void
test_check_finds_problems (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 doc, coder, code;
  sqlite3 *db = NULL;

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability.", -1, &error);
  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 0, 11, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (gloss_project_check (project, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  gloss_project_close (project);

  /* Someone edits the quote behind Gloss's back. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE coding SET quote = 'other'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_clear_object (&project);
  project = gloss_project_open (path, &error);
  g_assert_true (gloss_project_check (project, problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *needle)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), needle) != NULL)
      return TRUE;

  return FALSE;
}

/* The open check of GUIDs takes 8-4-4-4-12 hexadecimal digits in either
 * case and nothing else: not one character more or less, not a byte
 * that is no hexadecimal digit (a NUL, a letter beyond f, a character of
 * two bytes), not a blob or a number; the rows found are named in id
 * order, whatever order the GUIDs sort in. */
static void
test_open_refuses_misshapen_guids (void)
{
  static const char * const misshapen[] = {
    "'0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d1'",
    "'0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d111'",
    "'0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d1g'",
    "'0b6e6c55x6f7a-4c43-9a55-3c1c2a9c0d11'",
    "'0b6e6c556-f7a-4c43-9a55-3c1c2a9c0d11'",
    "'0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d1Ã©'",
    "'0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d1' || char (0)",
    "'0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d1 '",
    "CAST ('0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d11' AS BLOB)",
    "123456789012345678901234567890123456",
    "'../../../../../../../../../../tmp/x'",
  };
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) checked = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 doc, coder, code;

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability.", -1, &error);
  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 0, 11, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 12, 20, NULL, &error), >, 0);
  g_assert_no_error (error);
  gloss_project_close (project);
  g_clear_object (&project);

  for (guint i = 0; i < G_N_ELEMENTS (misshapen); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE coding SET guid = %s WHERE id = 2", misshapen[i]);

      exec_sql (path, sql);
      project = gloss_project_open (path, &error);
      g_assert_null (project);
      g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "is not a GUID"));
      g_clear_error (&error);
    }

  /* Upper case is a GUID too. */
  exec_sql (path, "UPDATE coding SET guid = '0B6E6C55-6F7A-4C43-9A55-3C1C2A9C0D11' WHERE id = 2");
  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  gloss_project_close (project);
  g_clear_object (&project);

  /* Row 2's GUID sorts before row 1's: still named second. */
  exec_sql (path, "UPDATE coding SET guid = 'b' WHERE id = 1; UPDATE coding SET guid = 'a' WHERE id = 2; "
                  "UPDATE document SET guid = 'd'");
  checked = gloss_project_open_for_check (path, &error);
  g_assert_no_error (error);
  _gloss_project_check_open_invariants (checked, problems);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "“document”"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "row 1 of the table “coding” has the GUID “b”"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 2), "row 2 of the table “coding” has the GUID “a”"));
}

/* Another program may write the bytes of a GUID in a row without its
 * index: the open check reads the index, `check` reads the rows too. */
static void
test_check_reads_guids_from_rows (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoding) coding = NULL;
  g_autofree char *bytes = NULL;
  gsize size = 0;
  guint copies = 0, found_by_check = 0;
  gint64 doc, coder, code, id;

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability.", -1, &error);
  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  id = gloss_project_add_coding (project, doc, coder, code, 0, 11, NULL, &error);
  g_assert_no_error (error);
  coding = gloss_project_get_coding (project, id, &error);
  g_assert_no_error (error);
  gloss_project_close (project);
  g_clear_object (&project);
  exec_sql (path, "PRAGMA journal_mode = DELETE");
  g_assert_true (g_file_get_contents (path, &bytes, &size, NULL));

  /* Each place the GUID's bytes are (its row, its index entry, the
   * history), in a copy of its own with a dash made a slash. */
  for (gsize at = 0; at + 36 <= size; at++)
    {
      g_autofree char *copy = g_strconcat (path, "-copy", NULL);
      g_autofree char *changed = NULL;
      g_autoptr(GlossProject) checked = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      if (memcmp (bytes + at, coding->guid, 36) != 0)
        continue;
      problems = g_ptr_array_new_with_free_func (g_free);
      changed = g_memdup2 (bytes, size);
      changed[at + 8] = '/';
      g_assert_true (g_file_set_contents (copy, changed, size, NULL));
      copies++;
      checked = gloss_project_open_for_check (copy, &error);
      g_assert_no_error (error);
      _gloss_project_check_invariants (checked, problems);
      if (has_problem (problems, "is not a GUID"))
        found_by_check++;
      gloss_project_close (checked);
      g_clear_object (&checked);
      g_assert_true (gloss_project_remove_files (copy, NULL));
    }
  /* The row and the index entry, each found. */
  g_assert_cmpuint (copies, >=, 2);
  g_assert_cmpuint (found_by_check, ==, 2);
}

/* A document's GUID names its file in an export: on open it is read from
 * the row itself, so bytes changed there alone are refused, not only by a
 * check. */
static void
test_open_reads_document_guids_from_rows (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocumentInfo) info = NULL;
  g_autofree char *bytes = NULL;
  gsize size = 0;
  guint copies = 0, refused = 0;
  gint64 doc;

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability.", -1, &error);
  g_assert_no_error (error);
  info = gloss_project_get_document (project, doc, &error);
  g_assert_no_error (error);
  gloss_project_close (project);
  g_clear_object (&project);
  exec_sql (path, "PRAGMA journal_mode = DELETE");
  g_assert_true (g_file_get_contents (path, &bytes, &size, NULL));

  for (gsize at = 0; at + 36 <= size; at++)
    {
      g_autofree char *copy = g_strconcat (path, "-copy", NULL);
      g_autofree char *changed = NULL;
      g_autoptr(GlossProject) opened = NULL;
      g_autoptr(GError) refusal = NULL;

      if (memcmp (bytes + at, info->guid, 36) != 0)
        continue;
      changed = g_memdup2 (bytes, size);
      changed[at + 8] = '/';
      g_assert_true (g_file_set_contents (copy, changed, size, NULL));
      copies++;
      opened = gloss_project_open (copy, &refusal);
      if (opened == NULL && refusal != NULL && strstr (refusal->message, "is not a GUID") != NULL)
        refused++;
      g_clear_object (&opened);
      g_assert_true (gloss_project_remove_files (copy, NULL));
    }
  /* The row and the index entry; the row's copy is the one refused. */
  g_assert_cmpuint (copies, >=, 2);
  g_assert_cmpuint (refused, >=, 1);
}

/* A file can carry SQL of its own: a trigger that deletes codings, a view.
 * It is refused before anything runs, unchanged; check names each. */
static void
test_open_refuses_foreign_schema (void)
{
  static const struct { const char *sql; const char *sentence; } cases[] = {
    { "CREATE TRIGGER evil AFTER INSERT ON coding BEGIN DELETE FROM coding WHERE id != NEW.id; END",
      "trigger “evil” on the table “coding”" },
    { "CREATE VIEW spy AS SELECT quote FROM coding", "view “spy”" },
    { "CREATE TABLE extra (x)", "table “extra”" },
    { "CREATE INDEX coding_memo ON coding (memo)", "index “coding_memo”" },
    { "DROP INDEX coding_code", "index “coding_code” that Gloss creates is missing" },
    { "ALTER TABLE memo ADD COLUMN extra TEXT", "table “memo” is not defined as Gloss defines it" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GlossProject) project = gloss_test_new_project (&path);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;

      gloss_project_close (project);
      g_clear_object (&project);
      exec_sql (path, "PRAGMA journal_mode = DELETE");
      exec_sql (path, cases[i].sql);

      assert_refused (path, GLOSS_ERROR_FOREIGN_SCHEMA);
      project = gloss_project_open (path, &error);
      g_assert_nonnull (strstr (error->message, cases[i].sentence));
      g_clear_error (&error);

      /* check opens it all the same, without changing it, and says what differs. */
      {
        g_autofree char *before = gloss_test_file_checksum (path);
        g_autofree char *after = NULL;

        project = gloss_project_open_for_check (path, &error);
        g_assert_no_error (error);
        g_assert_true (gloss_project_check (project, problems, &error));
        g_assert_true (has_problem (problems, cases[i].sentence));
        g_assert_cmpuint (problems->len, ==, 1);
        gloss_project_close (project);
        after = gloss_test_file_checksum (path);
        g_assert_cmpstr (before, ==, after);
      }
    }
}

/* Defensive mode and an untrusted schema on every connection; Gloss's own
 * TEMP history triggers still record. */
static void
test_connection_is_hardened (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_db_config (project->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 1);
  g_assert_cmpint (sqlite3_db_config (project->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);

  /* The schema cannot be written as a table. */
  sqlite3_exec (project->db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (project->db, "UPDATE sqlite_master SET sql = sql", NULL, NULL, NULL), !=, SQLITE_OK);

  gloss_project_add_coder (project, "Amina", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (project->db, "SELECT count(*) FROM history_change", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_true (gloss_project_undo (project, &error));
  g_assert_no_error (error);
}

/* A snapshot reads a file without changing a byte of it, whatever its
 * journal mode, and leaves no -wal or -shm behind. */
static void
test_snapshot_changes_nothing (void)
{
  static const char * const modes[] = { "PRAGMA journal_mode = DELETE", "PRAGMA journal_mode = WAL" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GlossProject) project = gloss_test_new_project (&path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) coders = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      gloss_project_add_coder (project, "Amina", NULL, &error);
      g_assert_no_error (error);
      gloss_project_close (project);
      g_clear_object (&project);
      exec_sql (path, modes[i]);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      before = gloss_test_file_checksum (path);

      project = gloss_project_open_snapshot (path, &error);
      g_assert_no_error (error);
      g_assert_true (gloss_project_get_read_only (project));
      coders = gloss_project_list_coders (project, &error);
      g_assert_cmpuint (coders->len, ==, 1);
      g_assert_cmpint (gloss_project_add_coder (project, "Jonas", NULL, &error), ==, 0);
      g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);
      gloss_project_close (project);

      after = gloss_test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }
}

/* A version 1 file (document bytes unique) is upgraded on open: the
 * document table is rebuilt without losing a coding, a page or a blob,
 * and two documents may then hold the same bytes. */
static void
test_upgrade_from_version_1 (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  sqlite3 *db = NULL;
  gint64 doc, coder, code;
  char *sql_error = NULL;

  doc = gloss_project_import_text (project, "a.txt", "One line.\nTwo lines.\n", -1, &error);
  g_assert_no_error (error);
  coder = gloss_project_add_coder (project, "Ana", NULL, &error);
  g_assert_no_error (error);
  code = gloss_project_add_code (project, 0, "Theme", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 0, 4, NULL, &error), >, 0);
  g_assert_no_error (error);
  gloss_project_close (project);

  /* Back to the version 1 table, as an older Gloss made it: the same
   * definition with sha256 UNIQUE, under its old name. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GString) v1 = NULL;
    g_autofree char *sql = NULL;

    /* What the text extraction migration added goes first. */
    g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE document DROP COLUMN text_extraction", NULL, NULL, NULL), ==, SQLITE_OK);

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE name = 'document'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    v1 = g_string_new ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    g_assert_cmpuint (g_string_replace (v1, "CREATE TABLE \"document\"", "CREATE TABLE document", 1), ==, 1);
    g_assert_cmpuint (g_string_replace (v1, "sha256 TEXT NOT NULL,", "sha256 TEXT NOT NULL UNIQUE,", 1), ==, 1);
    sql = g_strdup_printf ("PRAGMA foreign_keys = OFF; BEGIN;"
                           "CREATE TABLE keep AS SELECT * FROM document; DROP TABLE document; %s;"
                           "INSERT INTO document SELECT * FROM keep; DROP TABLE keep;"
                           "ALTER TABLE project DROP COLUMN consensus_coder; %s"
                           /* and without what later versions added */
                           "DROP TABLE set_member; DROP TABLE set_item;"
                           "DROP TABLE case_member; DROP TABLE case_item; DROP TABLE attribute_value; DROP TABLE attribute;"
                           "DROP TABLE sync_server; DROP TABLE sync_row; DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; "
                           "PRAGMA user_version = 1; COMMIT;", v1->str, gloss_test_sql_before_version_6 (FALSE));
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &sql_error), ==, SQLITE_OK);
  }
  g_assert_null (sql_error);
  sqlite3_close (db);

  again = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_schema_version (again), ==, GLOSS_PROJECT_SCHEMA_VERSION);
  codings = gloss_project_list_codings (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_true (gloss_project_check (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_remove_document (again, doc, &error));
  g_assert_true (gloss_project_undo (again, &error));
  g_assert_no_error (error);

  gloss_project_close (again);

  /* Two documents may now hold the same bytes. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO document (guid, title, filename, kind, sha256, size, n_pages, n_chars, text, created)"
                                 " SELECT 'twin', title, filename, kind, sha256, size, n_pages, n_chars, text, created FROM document",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A file from before the team server opens, gains the sync tables and
 * keeps its codings; it remembers no server. */
static void
test_upgrade_to_sync_version (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (gloss_project_add_coder (project, "Ana", NULL, &error), >, 0);
  g_assert_no_error (error);
  gloss_project_close (project);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("ALTER TABLE document DROP COLUMN text_extraction; "
                         "DROP TABLE sync_server; DROP TABLE sync_row; DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; PRAGMA user_version = %d",
                         GLOSS_PROJECT_SYNC_VERSION - 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_clear_object (&project);
  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_schema_version (project), ==, GLOSS_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (gloss_project_find_coder (project, "Ana", &error), >, 0);
  g_assert_true (gloss_project_check (project, NULL, &error));
  g_assert_no_error (error);
  gloss_project_close (project);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sync_server", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Replacing a project removes its SQLite companions too, so that a stale
 * journal cannot be played into the new file. */
static void
test_remove_files (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.gloss", NULL);
  g_autofree char *busy = g_build_filename (dir, "busy.gloss", NULL);
  g_autofree char *inside = g_build_filename (busy, "x", NULL);
  g_autoptr(GError) error = NULL;
  const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_assert_true (g_file_set_contents (file, "x", 1, NULL));
    }
  g_assert_true (gloss_project_remove_files (path, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }
  /* Nothing there is fine; what cannot be removed is an error. */
  g_assert_true (gloss_project_remove_files (path, &error));
  g_assert_cmpint (g_mkdir (busy, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));
  g_assert_false (gloss_project_remove_files (busy, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (inside, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/create-and-open", test_create_and_open);
  g_test_add_func ("/project/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/project/default-title", test_default_title);
  g_test_add_func ("/project/open-refuses-bad-files", test_open_refuses_bad_files);
  g_test_add_func ("/project/open-refuses-newer-version", test_open_refuses_newer_version);
  g_test_add_func ("/project/open-refuses-damaged", test_open_refuses_damaged);
  g_test_add_func ("/project/read-only", test_read_only);
  g_test_add_func ("/project/pragmas", test_pragmas);
  g_test_add_func ("/project/upgrade-from-version-1", test_upgrade_from_version_1);
  g_test_add_func ("/project/upgrade-to-sync-version", test_upgrade_to_sync_version);
  g_test_add_func ("/project/upgrade-from-version-5", test_upgrade_from_version_5);
  g_test_add_func ("/project/check-finds-problems", test_check_finds_problems);
  g_test_add_func ("/project/open-refuses-foreign-schema", test_open_refuses_foreign_schema);
  g_test_add_func ("/project/open-refuses-misshapen-guids", test_open_refuses_misshapen_guids);
  g_test_add_func ("/project/check-reads-guids-from-rows", test_check_reads_guids_from_rows);
  g_test_add_func ("/project/open-reads-document-guids-from-rows", test_open_reads_document_guids_from_rows);
  g_test_add_func ("/project/connection-is-hardened", test_connection_is_hardened);
  g_test_add_func ("/project/snapshot-changes-nothing", test_snapshot_changes_nothing);
  g_test_add_func ("/project/remove-files", test_remove_files);

  return g_test_run ();
}
