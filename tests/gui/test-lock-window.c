/* test-lock-window.c: the real window keeps its SQLite locks through the
 * agreement window, the code matrices and a file chooser showing the
 * project's folder, and loses nothing gloss-cli writes beside it
 *
 * Closing any descriptor on the project file in the window's process would
 * drop the window's locks (POSIX advisory locks are per process): gloss-cli
 * would then checkpoint and delete the -wal the window still writes into.
 * After every gloss-cli run the -wal must be the same file, the window must
 * see gloss-cli's coder, and in the end every write of both is in the file.
 *
 * GLOSS_CLI names gloss-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gloss-agreement-window.h"
#include "gloss-matrix-window.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define ROUNDS 10

typedef struct
{
  char        *dir;
  char        *path;
  char        *wal;
  GStatBuf     wal_stat;
  gint64       document_id;
  gint64       ana_id;
  gint64       code_id;
  GlossWindow *window;
} Fixture;

static void
fixture_set_up (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *text = g_strnfill (300, 'a');
  gint64 ben_id;

  fixture->dir = g_dir_make_tmp ("gloss-test-lock-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.gloss", NULL);
  fixture->wal = g_strconcat (fixture->path, "-wal", NULL);

  project = gloss_project_create (fixture->path, "Lock study", &error);
  g_assert_no_error (error);
  fixture->document_id = gloss_project_import_text (project, "notes.txt", text, -1, &error);
  g_assert_no_error (error);
  fixture->ana_id = gloss_project_add_coder (project, "Ana", "#813d9c", &error);
  g_assert_no_error (error);
  ben_id = gloss_project_add_coder (project, "Ben", "#e5a50a", &error);
  g_assert_no_error (error);
  fixture->code_id = gloss_project_add_code (project, 0, "Trust", "#26a269", NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_coding (project, fixture->document_id, ben_id, fixture->code_id, 0, 4, NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* The window writes first, so that its -wal exists. */
  gloss_project_add_coding (gloss_window_get_project (fixture->window), fixture->document_id,
                            fixture->ana_id, fixture->code_id, 0, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->wal, &fixture->wal_stat), ==, 0);
}

static void
assert_same_wal (Fixture    *fixture,
                 const char *after)
{
  GStatBuf buf;

  g_test_message ("after %s", after);
  g_assert_cmpint (g_stat (fixture->wal, &buf), ==, 0);
  g_assert_cmpuint (buf.st_ino, ==, fixture->wal_stat.st_ino);
}

static void
run_cli (Fixture    *fixture,
         const char *command,
         ...) G_GNUC_NULL_TERMINATED;

static void
run_cli (Fixture    *fixture,
         const char *command,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("GLOSS_CLI"));
  g_ptr_array_add (argv, (char *) command);
  g_ptr_array_add (argv, fixture->path);
  va_start (args, command);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_same_wal (fixture, command);
}

static void
wait_until_idle (gboolean (*busy) (gpointer),
                 gpointer  window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (busy (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (busy (window));
}

static void
compute_agreement (Fixture *fixture)
{
  GlossAgreementWindow *agreement;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "agreement", NULL);
  agreement = gloss_agreement_window_lookup (fixture->window);
  g_assert_nonnull (agreement);
  gtk_widget_activate_action (GTK_WIDGET (agreement), "agreement.compute", NULL);
  wait_until_idle ((gboolean (*) (gpointer)) gloss_agreement_window_get_busy, agreement);
  g_assert_nonnull (gloss_agreement_window_get_report (agreement));
}

static GlossMatrixWindow *
find_matrix_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GLOSS_IS_MATRIX_WINDOW (l->data))
      return GLOSS_MATRIX_WINDOW (l->data);

  return NULL;
}

static void
show_matrices (Fixture *fixture)
{
  GlossMatrixWindow *matrices;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "matrices", NULL);
  matrices = find_matrix_window ();
  g_assert_nonnull (matrices);
  wait_until_idle ((gboolean (*) (gpointer)) gloss_matrix_window_get_busy, matrices);
  g_assert_nonnull (gloss_matrix_window_get_matrix (matrices));
  gtk_window_destroy (GTK_WINDOW (matrices));
}

/* GTK's own file chooser, listing the project's folder as it does when the
 * user imports or opens a file. */
static void
list_folder_in_a_file_chooser (Fixture *fixture)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  GtkWidget *dialog = gtk_file_chooser_dialog_new ("Open", GTK_WINDOW (fixture->window),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN,
                                                   "_Cancel", GTK_RESPONSE_CANCEL, NULL);

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  spin (400);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
}

static gboolean
window_sees_coder (Fixture    *fixture,
                   const char *name)
{
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (gloss_window_get_project (fixture->window), NULL);

  for (guint i = 0; coders != NULL && i < coders->len; i++)
    if (g_strcmp0 (((GlossCoder *) g_ptr_array_index (coders, i))->name, name) == 0)
      return TRUE;

  return FALSE;
}

static gint64
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
test_window_keeps_its_locks (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  sqlite3 *db = NULL;

  fixture_set_up (&fixture);
  doc = g_strdup_printf ("%" G_GINT64_FORMAT, fixture.document_id);

  for (guint round = 1; round <= ROUNDS; round++)
    {
      g_autofree char *coder = g_strdup_printf ("Cli %u", round);
      g_autofree char *range = g_strdup_printf ("%u:%u", 10 * round, 10 * round + 4);
      GlossProject *project = gloss_window_get_project (fixture.window);

      compute_agreement (&fixture);
      show_matrices (&fixture);
      list_folder_in_a_file_chooser (&fixture);
      assert_same_wal (&fixture, "the agreement, the matrices and the file chooser");

      run_cli (&fixture, "coders", NULL);
      run_cli (&fixture, "coder-add", coder, NULL);
      run_cli (&fixture, "code", "--doc", doc, "--coder", coder, "--code", "Trust", "--range", range, NULL);

      g_assert_true (window_sees_coder (&fixture, coder));
      gloss_project_add_coding (project, fixture.document_id, fixture.ana_id, fixture.code_id,
                                10 * round + 5, 10 * round + 9, NULL, &error);
      g_assert_no_error (error);
      assert_same_wal (&fixture, "the window's coding");
    }

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  g_clear_object (&fixture.window);
  spin (100);

  g_assert_cmpint (sqlite3_open_v2 (fixture.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM coder WHERE name LIKE 'Cli %'"), ==, ROUNDS);
  /* Ben's and Ana's first, then per round one of gloss-cli and one of the window */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM coding"), ==, 2 + 2 * ROUNDS);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM coding JOIN coder ON coder.id = coder_id "
                                   "WHERE coder.name LIKE 'Cli %'"), ==, ROUNDS);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/lock/window-keeps-its-locks", test_window_keeps_its_locks);

  return g_test_run ();
}
