/* test-refused.c: a project file the window refuses (hostile GUIDs, a code
 * cycle, pages beyond the text, no project row, a foreign trigger; a schema
 * without its constraints), opened through the application as a user
 * would: the dialog says why, opens it read-only without writing a byte,
 * or writes a repaired copy that opens and is read back from the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <time.h>
#include <utime.h>

#include "gloss-application.h"
#include "gloss-gui-test.h"
#include "gloss-refused-dialog.h"
#include "gloss-window.h"

/* As a click on the dialog's button does: the response, then the close. */
static void
respond (GlossRefusedDialog *dialog,
         const char         *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static const char text[] =
  "The compact asks for burden sharing.\nWe were consulted once, after the plan was made.\n";

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A project with one text, two codes and three codings, made hostile. */
static char *
make_refused_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "p.gloss", NULL);
  g_autoptr(GlossProject) project = gloss_project_create (path, "Forum", &error);
  gint64 doc, coder, burden, other;

  g_assert_no_error (error);
  doc = gloss_project_import_text (project, "forum.txt", text, -1, &error);
  g_assert_no_error (error);
  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  burden = gloss_project_add_code (project, 0, "Burden", NULL, NULL, &error);
  other = gloss_project_add_code (project, 0, "Other", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, burden, 4, 11, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, other, 20, 35, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, burden, 40, 50, NULL, &error), >, 0);
  g_assert_no_error (error);
  gloss_project_close (project);

  run_sql (path, "UPDATE document SET guid = '../../../../tmp/x/slip';"
                 "UPDATE code SET guid = 'x\"/><Injected/>' WHERE name = 'Burden';"
                 "UPDATE code SET parent_id = id WHERE name = 'Other';"
                 "UPDATE page SET start = 100000 WHERE idx = 0;"
                 "UPDATE coding SET start = 5000, end = 5004 WHERE start = 40;"
                 "DELETE FROM project;"
                 "CREATE TRIGGER evil AFTER INSERT ON coder BEGIN DELETE FROM coding; END;");
  return path;
}

static GlossRefusedDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_REFUSED_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GLOSS_REFUSED_DIALOG (window);
    }
  return NULL;
}

static GlossWindow *
find_window (GlossApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (GLOSS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* One application for the whole program, as a user has. */
static GlossApplication *
start_app (void)
{
  static GlossApplication *app = NULL;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = gloss_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

static void
close_windows (GlossApplication *app)
{
  GList *windows;

  /* One at a time: a dialog goes with the window it belongs to. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  spin (100);
}

/* Opening the file shows the dialog, not a project. */
static GlossRefusedDialog *
open_refused (GlossApplication *app,
              const char       *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GlossRefusedDialog *dialog;

  gloss_application_open_project (app, file);
  spin (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (gloss_window_get_project (find_window (app)));
  return dialog;
}

static void
test_read_only (void)
{
  GlossApplication *app = start_app ();
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = make_refused_project (dir);
  g_autofree char *before = gloss_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;
  GlossRefusedDialog *dialog = open_refused (app, path);
  GlossProject *project;

  g_assert_true (gloss_refused_dialog_can_read (dialog));
  g_assert_true (gloss_refused_dialog_can_repair (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "trigger “evil”"));

  respond (dialog, "read-only");
  spin (500);

  /* What is readable is shown; nothing can be changed, nothing is written. */
  project = gloss_window_get_project (find_window (app));
  g_assert_nonnull (project);
  g_assert_true (gloss_project_get_read_only (project));
  codings = gloss_project_list_codings (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 3);
  g_assert_cmpint (gloss_project_add_coder (project, "Ben", NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_action_group_activate_action (G_ACTION_GROUP (find_window (app)), "undo", NULL);
  spin (200);

  close_windows (app);
  after = gloss_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coding"), ==, 3);
  g_assert_false (g_file_test (g_build_filename (dir, "p (repaired).gloss", NULL), G_FILE_TEST_EXISTS));
}

static gboolean
window_shows (GlossApplication *app,
              const char       *path)
{
  GlossWindow *window = find_window (app);
  GlossProject *project = window != NULL ? gloss_window_get_project (window) : NULL;

  return project != NULL && g_strcmp0 (gloss_project_get_path (project), path) == 0;
}

static void
test_repair (void)
{
  GlossApplication *app = start_app ();
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = make_refused_project (dir);
  g_autofree char *repaired = g_build_filename (dir, "p (repaired).gloss", NULL);
  g_autofree char *before = gloss_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GlossProject) back = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GlossRefusedDialog *dialog = open_refused (app, path);

  respond (dialog, "repair");
  for (int i = 0; i < 100 && !window_shows (app, repaired); i++)
    spin (100);

  /* The copy opens in the window, writable; the original is unchanged. */
  g_assert_true (window_shows (app, repaired));
  g_assert_false (gloss_project_get_read_only (gloss_window_get_project (find_window (app))));
  after = gloss_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  close_windows (app);

  /* Read back from the file: every problem check named is gone. */
  back = gloss_project_open (repaired, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_check (back, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (count_rows (repaired, "SELECT count(*) FROM coding"), ==, 2);
  g_assert_cmpint (count_rows (repaired, "SELECT count(*) FROM code WHERE parent_id IS NULL"), ==, 2);
  g_assert_cmpint (count_rows (repaired, "SELECT count(*) FROM sqlite_master WHERE name = 'evil'"), ==, 0);
  g_assert_cmpint (count_rows (repaired, "SELECT count(*) FROM document WHERE guid LIKE '%/%'"), ==, 0);
  g_assert_cmpint (count_rows (repaired, "SELECT count(*) FROM project"), ==, 1);
  g_assert_cmpint (count_rows (repaired, "SELECT min (start) FROM page"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coding"), ==, 3);
}

/* Tables without their constraints are not read as Gloss's: no read-only,
 * a repair that makes them again. */
static void
test_schema_without_constraints (void)
{
  GlossApplication *app = start_app ();
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = make_refused_project (dir);
  g_autofree char *repaired = g_build_filename (dir, "p (repaired).gloss", NULL);
  g_autoptr(GlossProject) back = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GlossRefusedDialog *dialog;

  run_sql (path, "DROP TRIGGER evil; ALTER TABLE coding RENAME TO old_coding;"
                 "CREATE TABLE coding (id INTEGER PRIMARY KEY, guid TEXT, document_id INTEGER, coder_id INTEGER,"
                 "  code_id INTEGER, start INTEGER, end INTEGER, quote TEXT, prefix TEXT, suffix TEXT, memo TEXT,"
                 "  created INTEGER, modified INTEGER);"
                 "INSERT INTO coding SELECT * FROM old_coding; DROP TABLE old_coding;"
                 "UPDATE coding SET guid = (SELECT min (guid) FROM coding);");
  dialog = open_refused (app, path);
  g_assert_false (gloss_refused_dialog_can_read (dialog));
  g_assert_true (gloss_refused_dialog_can_repair (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "read-only"));

  respond (dialog, "repair");
  for (int i = 0; i < 100 && !window_shows (app, repaired); i++)
    spin (100);
  g_assert_true (window_shows (app, repaired));
  close_windows (app);

  back = gloss_project_open (repaired, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_check (back, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  /* The codings that shared one GUID each have their own. */
  g_assert_cmpint (count_rows (repaired, "SELECT count (DISTINCT guid) FROM coding"), ==, 2);
}

/* At start, what a killed import left beside a recent project goes; what
 * was written lately stays. Runs first: the application starts here. */
static void
test_stale_files_at_start (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *recent = g_build_filename (dir, "lead.gloss", NULL);
  g_autofree char *stale = g_build_filename (dir, ".lead.gloss.k1ll3d.gloss", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".lead.gloss.fr35h1.gloss", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.glossqda.Gloss");
  const char *paths[] = { recent, NULL };
  struct utimbuf old = { time (NULL) - 7200, time (NULL) - 7200 };

  g_assert_true (g_file_set_contents (stale, "", 0, NULL));
  g_assert_true (g_file_set_contents (fresh, "", 0, NULL));
  g_assert_cmpint (g_utime (stale, &old), ==, 0);
  g_settings_set_strv (settings, "recent-projects", paths);

  start_app ();
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/refused/stale-files-at-start", test_stale_files_at_start);
  g_test_add_func ("/refused/read-only", test_read_only);
  g_test_add_func ("/refused/repair", test_repair);
  g_test_add_func ("/refused/schema-without-constraints", test_schema_without_constraints);

  return g_test_run ();
}
