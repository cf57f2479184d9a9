/* test-sync-count.c: the count of changes waiting for the team server,
 * kept change by change, always equals the comparison of every row
 *
 * No server is needed: the file is given a server's address, and what a
 * sync would remember is remembered by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "gloss-core.h"
#include "gloss-sync-private.h"
#include "gloss-test-util.h"

typedef struct
{
  char         *path;
  GlossProject *project;
  gint64        doc;
  gint64        coder;
  gint64        code;
} Fixture;

static gint64
full_count (GlossProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) keys = _gloss_sync_changed_keys (project, &error);

  g_assert_no_error (error);
  return g_hash_table_size (keys);
}

/* The count as the window asks for it, checked against every row. */
static gint64
count (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gloss_sync_count_waiting (fx->project, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, ==, full_count (fx->project));
  return n;
}

static gint64
temp_number (Fixture    *fx,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (fx->project->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The change was followed key by key, not by comparing everything: the
 * triggers noted what it touched, and no full count is due. */
static void
assert_followed (Fixture *fx)
{
  g_assert_cmpint (temp_number (fx, "SELECT count (*) FROM sync_touched"), >, 0);
  g_assert_cmpint (temp_number (fx, "SELECT known FROM sync_count"), ==, 1);
}

/* What a sync does when the server took everything. */
static void
remember_all (Fixture *fx)
{
  g_autoptr(GError) error = NULL;

  for (int t = 0; t < GLOSS_SYNC_N_TABLES; t++)
    {
      g_autoptr(GPtrArray) changes = _gloss_sync_list_changes (fx->project, t, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < changes->len; i++)
        {
          const GlossSyncChange *change = g_ptr_array_index (changes, i);

          g_assert_true (_gloss_sync_remember (fx->project, change->table, change->guid, change->state, &error));
          g_assert_no_error (error);
        }
    }
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  fx->project = gloss_test_new_project (&fx->path);
  fx->doc = gloss_project_import_text (fx->project, "forum.txt", "A seat at the table and a vote in the room.", -1, &error);
  g_assert_no_error (error);
  fx->coder = gloss_project_add_coder (fx->project, "Ana", NULL, &error);
  g_assert_no_error (error);
  fx->code = gloss_project_add_code (fx->project, 0, "Partnership", NULL, NULL, &error);
  g_assert_no_error (error);

  /* Another program gives the file a server: the count notices. */
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sync_server (id, uri, is_lead) VALUES (1, 'postgresql:///x', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->project);
  gloss_project_remove_files (fx->path, NULL);
  g_free (fx->path);
}

static void
test_count_follows_changes (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 coding, other, attribute, set;

  /* project, document, coder, code: all waiting at first */
  g_assert_cmpint (count (fx), ==, 4);
  remember_all (fx);
  g_assert_cmpint (count (fx), ==, 0);

  coding = gloss_project_add_coding (fx->project, fx->doc, fx->coder, fx->code, 2, 6, NULL, &error);
  g_assert_no_error (error);
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 1);
  other = gloss_project_add_coding (fx->project, fx->doc, fx->coder, fx->code, 8, 13, NULL, &error);
  g_assert_no_error (error);
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 2);
  remember_all (fx);
  g_assert_cmpint (count (fx), ==, 0);

  /* A change, its undo (back as synced), a deletion, a rename. */
  g_assert_true (gloss_project_set_coding_memo (fx->project, coding, "why", &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 1);
  g_assert_true (gloss_project_undo (fx->project, &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 0);
  g_assert_true (gloss_project_delete_coding (fx->project, other, &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 1);
  g_assert_true (gloss_project_rename_code (fx->project, fx->code, "Seats", &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 2);
  g_assert_true (gloss_project_undo (fx->project, &error));
  g_assert_true (gloss_project_undo (fx->project, &error));
  g_assert_no_error (error);
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 0);

  /* Rows named by the GUIDs they join: a value, a set's member; and a
   * deletion that takes its values with it. */
  attribute = gloss_project_add_attribute (fx->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year", GLOSS_ATTRIBUTE_NUMBER,
                                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_attribute_value (fx->project, attribute, fx->doc, "2021", &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 2);
  remember_all (fx);
  g_assert_cmpint (count (fx), ==, 0);
  gloss_project_set_attribute_value (fx->project, attribute, fx->doc, "2022", &error);
  g_assert_no_error (error);
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 1);
  g_assert_true (gloss_project_delete_attribute (fx->project, attribute, &error));
  g_assert_cmpint (count (fx), ==, 2);
  g_assert_true (gloss_project_undo (fx->project, &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 1);
  g_assert_true (gloss_project_undo (fx->project, &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 0);

  set = gloss_project_add_set (fx->project, GLOSS_SET_DOCUMENTS, "Chosen", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_add_set_members (fx->project, set, &fx->doc, 1, &error));
  g_assert_no_error (error);
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 2);
  g_assert_true (gloss_project_set_memo (fx->project, "document", fx->doc, "Read it twice", &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 3);
  remember_all (fx);
  g_assert_cmpint (count (fx), ==, 0);
}

/* Another program's change (another connection) is counted too. */
static void
test_count_sees_other_writers (Fixture       *fx,
                               gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (count (fx), ==, 4);
  remember_all (fx);
  g_assert_cmpint (count (fx), ==, 0);

  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE code SET name = 'Seats'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (count (fx), ==, 1);
}

/* The window's sync writes on a connection of its own: what it changes
 * is noted too, and the window's next count follows it, not starting
 * again from everything. */
static void
test_count_follows_other_connections (Fixture       *fx,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) other = NULL;

  g_assert_cmpint (count (fx), ==, 4);
  remember_all (fx);
  g_assert_cmpint (count (fx), ==, 0);

  other = gloss_test_open_project (fx->path);
  g_assert_true (_gloss_sync_install_counting (other, &error));
  g_assert_no_error (error);
  gloss_project_add_coding (other, fx->doc, fx->coder, fx->code, 2, 6, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_rename_code (other, fx->code, "Seats", &error));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 2);
  g_assert_cmpint (temp_number (fx, "SELECT count (*) FROM sync_touched"), ==, 0);

  /* And the other way round. */
  g_assert_true (gloss_project_undo (fx->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_sync_count_waiting (other, &error), ==, full_count (other));
  g_assert_cmpint (count (fx), ==, full_count (other));
}

/* A file of version 8 (before the count was kept in the file) gains its
 * tables on open, and counts. */
static void
test_count_after_upgrade (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; "
                                          "PRAGMA user_version = %d", GLOSS_PROJECT_MIGRATION_SYNC_COUNT - 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (count (fx), ==, 4);
  remember_all (fx);
  gloss_project_close (fx->project);
  g_clear_object (&fx->project);

  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fx->project = gloss_test_open_project (fx->path);
  g_assert_cmpint (temp_number (fx, "PRAGMA user_version"), ==, GLOSS_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (count (fx), ==, 0);
  g_assert_true (gloss_project_rename_code (fx->project, fx->code, "Seats", NULL));
  assert_followed (fx);
  g_assert_cmpint (count (fx), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-count/follows-changes", Fixture, NULL, fixture_set_up, test_count_follows_changes,
              fixture_tear_down);
  g_test_add ("/sync-count/other-connections", Fixture, NULL, fixture_set_up, test_count_follows_other_connections,
              fixture_tear_down);
  g_test_add ("/sync-count/after-upgrade", Fixture, NULL, fixture_set_up, test_count_after_upgrade,
              fixture_tear_down);
  g_test_add ("/sync-count/other-writers", Fixture, NULL, fixture_set_up, test_count_sees_other_writers,
              fixture_tear_down);

  return g_test_run ();
}
