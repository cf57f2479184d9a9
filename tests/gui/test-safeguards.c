/* test-safeguards.c: in the real window, what keeps a user from losing work
 * or being surprised: the sample opens with nothing to undo, the Edit menu
 * names what Undo and Redo would do, a large undo is announced with a way
 * back; one password dialog for an encrypted PDF; the Export dialog says
 * that a .qdpx carries an encrypted PDF encrypted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gloss-application-private.h"
#include "gloss-export-dialog.h"
#include "gloss-file-chooser.h"
#include "gloss-window-private.h"
#include "gloss-gui-test.h"

/* Helpers */

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gloss-test-history-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_project (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_remove (path);
}

/* What a user can see of the project, read from the file itself. */
static char *
snapshot (const char *path)
{
  static const char * const queries[] = {
    "SELECT id, guid, name, color FROM coder ORDER BY id",
    "SELECT id, guid, ifnull (parent_id, 0), name, color, description FROM code ORDER BY id",
    "SELECT id, guid, document_id, coder_id, code_id, start, end, ifnull (memo, '') FROM coding ORDER BY id",
    "SELECT id, title FROM document WHERE removed = 0 ORDER BY id",
  };
  GString *str = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      guint rows = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (str, "%s|", sqlite3_column_text (stmt, c));
          g_string_append_c (str, '\n');
          rows++;
        }
      sqlite3_finalize (stmt);
      g_string_append_printf (str, "-- %u\n", rows);
    }
  sqlite3_close (db);

  return g_string_free (str, FALSE);
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

static GlossWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossWindow *window = g_object_ref_sink (gloss_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_assert_true (gloss_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  return window;
}

static void
close_window (GlossWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  spin (50);
}

/* The label of the item of @menu (or of its sections) that activates @action. */
static char *
menu_label_for_action (GMenuModel *menu,
                       const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;
      char *label = NULL;

      if (section != NULL && (label = menu_label_for_action (section, action)) != NULL)
        return label;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return label;
    }

  return NULL;
}

static char *
edit_menu_label (GlossWindow *window,
                 const char  *action)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (window->primary_menu_button);

  g_assert_nonnull (menu);
  return menu_label_for_action (menu, action);
}

#define assert_menu_label(window, action, expected) \
  G_STMT_START { \
    g_autofree char *label_ = edit_menu_label ((window), (action)); \
    g_assert_cmpstr (label_, ==, (expected)); \
  } G_STMT_END

static gboolean
action_enabled (GlossWindow *window,
                const char  *action)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), action);
}

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetTest     test,
             gconstpointer  data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
is_label_starting_with (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The sample, opened in the window, has nothing to undo */

static void
test_sample_undo (void)
{
  const char *sample = g_getenv ("GLOSS_SAMPLE_PROJECT");
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "Sample project.gloss", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GlossWindow *window;
  gsize length;

  g_assert_nonnull (sample);
  g_assert_true (g_file_get_contents (sample, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  before = snapshot (path);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coding"), ==, 49);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM code"), ==, 11);

  window = open_window (path);
  g_assert_false (action_enabled (window, "undo"));
  g_assert_false (action_enabled (window, "redo"));
  assert_menu_label (window, "win.undo", "_Undo");
  assert_menu_label (window, "win.redo", "_Redo");

  /* Ctrl+Z activates the action; whatever it does, nothing goes. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  spin (200);

  after = snapshot (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coding"), ==, 49);

  close_window (window);
  g_clear_pointer (&after, g_free);
  after = snapshot (path);
  g_assert_cmpstr (after, ==, before);
  remove_project (path);
  g_rmdir (dir);
}

/* The Edit menu names the step; a large undo is announced with Redo */

static void
test_menu_labels (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "labels.gloss", NULL);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"coders\": [{\"name\": \"Amina\"}, {\"name\": \"Jonas\"}],"
                                          " \"codes\": [{\"path\": \"Partnership/Funding\"}], \"codings\": [");
  GlossProject *shown;
  GlossWindow *window;
  GtkWidget *redo_button;
  gint64 code;

  project = gloss_project_create (path, "Labels", &error);
  g_assert_no_error (error);
  gloss_project_import_text (project, "forum.txt", "Partnership requires funding and accountability.", -1, &error);
  g_assert_no_error (error);
  gloss_project_add_coder (project, "Tester", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_clear_history (project, &error));
  gloss_project_close (project);

  window = open_window (path);
  shown = gloss_window_get_project (window);
  assert_menu_label (window, "win.undo", "_Undo");

  /* A change made through the window's project relabels the items. */
  code = gloss_project_add_code (shown, 0, "Funding_2026", NULL, NULL, &error);
  g_assert_no_error (error);
  spin (50);
  assert_menu_label (window, "win.undo", "_Undo Add code “Funding__2026”");
  g_assert_true (gloss_project_delete_code (shown, code, &error));
  spin (50);
  assert_menu_label (window, "win.undo", "_Undo Delete code “Funding__2026”");
  assert_menu_label (window, "win.redo", "_Redo");

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  spin (50);
  assert_menu_label (window, "win.undo", "_Undo Add code “Funding__2026”");
  assert_menu_label (window, "win.redo", "_Redo Delete code “Funding__2026”");
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM code"), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (window), "redo", NULL);
  spin (50);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM code"), ==, 0);

  /* A step of many items is named with its counts. */
  for (int i = 0; i < 12; i++)
    g_string_append_printf (json, "%s{\"document\": \"forum.txt\", \"coder\": \"%s\", "
                            "\"code\": \"Partnership/Funding\", \"start\": %d, \"end\": %d}",
                            i > 0 ? ", " : "", i % 2 ? "Jonas" : "Amina", i, i + 5);
  g_string_append (json, "]}");
  g_assert_true (gloss_project_load_json (shown, json->str, -1, &error));
  g_assert_no_error (error);
  spin (50);
  assert_menu_label (window, "win.undo", "_Undo Load codings (2 coders, 2 codes, 12 codings)");

  /* Undoing it says what went and offers it back. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  spin (300);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coding"), ==, 0);
  assert_menu_label (window, "win.redo", "_Redo Load codings (2 coders, 2 codes, 12 codings)");
  g_assert_nonnull (find_widget (GTK_WIDGET (window->toast_overlay), is_label_starting_with,
                                 "Undone: Load codings (2 coders, 2 codes, 12 codings)"));
  redo_button = find_widget (GTK_WIDGET (window->toast_overlay), is_button_for_action, "win.redo");
  g_assert_nonnull (redo_button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (redo_button)), ==, "_Redo");
  g_signal_emit_by_name (redo_button, "clicked");
  spin (300);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coding"), ==, 12);
  assert_menu_label (window, "win.undo", "_Undo Load codings (2 coders, 2 codes, 12 codings)");

  close_window (window);
  remove_project (path);
  g_rmdir (dir);
}

/* The password dialog of an encrypted PDF: a wrong password asks again in
 * the same place, the right one imports and leaves no dialog behind */

#define PDF_PASSWORD "openpassword"

/* The visible password dialogs, newest last. */
static GPtrArray *
password_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  GPtrArray *dialogs = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          GTK_IS_PASSWORD_ENTRY (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (window))))
        g_ptr_array_add (dialogs, window);
    }

  return dialogs;
}

static AdwMessageDialog *
wait_for_one_password_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  g_autoptr(GPtrArray) dialogs = NULL;

  while (g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&dialogs, g_ptr_array_unref);
      dialogs = password_dialogs ();
      if (dialogs->len > 0)
        break;
      spin (20);
    }
  /* Let anything else that was going to appear appear. */
  spin (300);
  g_clear_pointer (&dialogs, g_ptr_array_unref);
  dialogs = password_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  return g_ptr_array_index (dialogs, 0);
}

static void
wait_for_no_password_dialog (GlossWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) dialogs = password_dialogs ();

      if (dialogs->len == 0 && !gloss_document_list_is_importing (window->document_list))
        break;
      spin (20);
    }
  spin (300);
}

static void
type_password (AdwMessageDialog *dialog,
               const char       *password,
               gboolean          press_enter)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  if (press_enter)
    {
      /* An impatient second Enter is not a second answer. */
      g_signal_emit_by_name (entry, "activate");
      g_signal_emit_by_name (entry, "activate");
    }
  else
    {
      GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Import");

      g_assert_nonnull (button);
      /* As a click does, the button takes the focus first. */
      gtk_widget_grab_focus (button);
      spin (50);
      g_signal_emit_by_name (button, "clicked");
    }
}

static void
check_password_dialog (gboolean press_enter)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "locked.gloss", NULL);
  g_autofree char *pdf = g_build_filename (g_getenv ("GLOSS_CORPUS_DIR"), "libreoffice-writer-password.pdf", NULL);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GPtrArray) dialogs = NULL;
  GSList files = { file, NULL };
  AdwMessageDialog *dialog;
  GlossWindow *window;

  project = gloss_project_create (path, "Locked", &error);
  g_assert_no_error (error);
  gloss_project_add_coder (project, "Tester", NULL, &error);
  g_assert_no_error (error);
  gloss_project_close (project);
  window = open_window (path);

  gloss_document_list_import_files (window->document_list, &files);
  dialog = wait_for_one_password_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "“libreoffice-writer-password.pdf” is protected by a password.");

  /* A wrong password: asked again, by one dialog. */
  type_password (dialog, "not the password", press_enter);
  dialog = wait_for_one_password_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The password does not open “libreoffice-writer-password.pdf”. Try again.");
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM document"), ==, 0);

  /* The right one: imported once, and no dialog is left. */
  type_password (dialog, PDF_PASSWORD, press_enter);
  wait_for_no_password_dialog (window);
  dialogs = password_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM document"), ==, 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM document WHERE password = '" PDF_PASSWORD "'"), ==, 1);
  g_assert_null (find_widget (GTK_WIDGET (window->toast_overlay), is_label_starting_with,
                              "libreoffice-writer-password.pdf is already in the project"));

  close_window (window);
  remove_project (path);
  g_rmdir (dir);
}

static void
test_password_dialog_enter (void)
{
  check_password_dialog (TRUE);
}

static void
test_password_dialog_button (void)
{
  check_password_dialog (FALSE);
}

/* Exporting a .qdpx with an encrypted PDF says it stays encrypted */

static gpointer
find_dialog (GlossWindow *window,
             GType        type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;

  return NULL;
}

static void
on_exported (GlossExportDialog *dialog,
             const char        *format,
             const char        *path,
             gint64             n_codings,
             gboolean          *done)
{
  *done = TRUE;
}

static void
test_export_encrypted_warning (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "locked.gloss", NULL);
  g_autofree char *out = g_build_filename (dir, "locked.qdpx", NULL);
  g_autofree char *pdf = g_build_filename (g_getenv ("GLOSS_CORPUS_DIR"), "libreoffice-writer-password.pdf", NULL);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *answer[] = { out, NULL };
  GlossExportDialog *dialog;
  GlossWindow *window;
  const char *warning;
  gboolean done = FALSE;

  project = gloss_project_create (path, "Locked", &error);
  g_assert_no_error (error);
  gloss_project_add_coder (project, "Tester", NULL, &error);
  gloss_project_import_file (project, pdf, PDF_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  gloss_project_import_text (project, "open.txt", "Nothing to hide here.", -1, &error);
  g_assert_no_error (error);
  gloss_project_close (project);
  window = open_window (path);

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  spin (50);
  dialog = find_dialog (window, GLOSS_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &done);

  /* Excerpts carry text only: nothing to warn about. */
  g_assert_true (gloss_export_dialog_set_format (dialog, "csv"));
  g_assert_null (gloss_export_dialog_get_warning (dialog));

  /* A .qdpx carries the PDF's bytes, still encrypted: said before exporting. */
  g_assert_true (gloss_export_dialog_set_format (dialog, "qdpx"));
  warning = gloss_export_dialog_get_warning (dialog);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "“libreoffice-writer-password.pdf” is protected by a password"));
  g_assert_nonnull (strstr (warning, "will ask for its password"));
  g_assert_null (strstr (warning, "open.txt"));
  g_assert_null (strstr (warning, PDF_PASSWORD));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_starting_with,
                                 "“libreoffice-writer-password.pdf” is protected by a password"));

  /* And after it, in the window's message. */
  gloss_file_chooser_push_answer_for_test (answer);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL);
  for (int i = 0; i < 1000 && !done; i++)
    spin (20);
  g_assert_true (done);
  spin (200);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_nonnull (find_widget (GTK_WIDGET (window->toast_overlay), is_label_starting_with,
                                 "Exported the project to locked.qdpx: 1 PDF in it asks for its password"));

  close_window (window);
  g_remove (out);
  remove_project (path);
  g_rmdir (dir);
}

/* New Project never replaces the open project, nor a file the user was
 * not asked about, nor makes a hidden file */

static GlossWindow *
window_for (GlossApplication *app,
            const char       *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (GLOSS_IS_WINDOW (l->data) && gloss_window_get_project (l->data) != NULL &&
        g_strcmp0 (gloss_project_get_path (gloss_window_get_project (l->data)), path) == 0)
      return l->data;
  return NULL;
}

static void
make_project_with_coder (const char *path,
                         const char *coder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_add_coder (project, coder, NULL, &error), >, 0);
  gloss_project_close (project);
}

static void
test_new_project_refuses (void)
{
  g_autoptr(GlossApplication) app = gloss_application_new ();
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *open_path = g_build_filename (dir, "open.gloss", NULL);
  g_autofree char *other = g_build_filename (dir, "other", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.gloss", NULL);
  g_autofree char *hidden = g_build_filename (dir, ".gloss", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh", NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.gloss", NULL);
  g_autofree char *before_open = NULL;
  g_autofree char *before_other = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (open_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) windows = NULL;
  GlossWindow *window;
  GStatBuf st;
  ino_t inode;

  make_project_with_coder (open_path, "Amina");
  make_project_with_coder (other_path, "Jonas");
  before_other = snapshot (other_path);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  gloss_application_open_project (app, file);
  spin (300);
  window = window_for (app, open_path);
  g_assert_nonnull (window);
  g_assert_cmpint (g_stat (open_path, &st), ==, 0);
  inode = st.st_ino;
  before_open = snapshot (open_path);

  /* The project open in the window, chosen as it is: refused, untouched. */
  g_assert_false (_gloss_application_new_project_at (app, open_path, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "is open in Gloss"));
  g_clear_error (&error);
  g_assert_cmpint (g_stat (open_path, &st), ==, 0);
  g_assert_cmpuint (st.st_ino, ==, inode);

  /* "other" was asked about, "other.gloss" was not. */
  g_assert_false (_gloss_application_new_project_at (app, other, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (_gloss_application_new_project_at (app, hidden, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (hidden, G_FILE_TEST_EXISTS));

  /* Through the action, as a user would: a name, and the project opens. */
  {
    const char *answer[] = { fresh, NULL };

    gloss_file_chooser_push_answer_for_test (answer);
    g_action_group_activate_action (G_ACTION_GROUP (app), "new-project", NULL);
    spin (500);
  }
  g_assert_true (g_file_test (fresh_path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (window_for (app, fresh_path));

  /* The open project still takes and keeps a change. */
  g_assert_cmpint (gloss_project_add_coder (gloss_window_get_project (window), "Ana", NULL, &error), >, 0);
  g_assert_no_error (error);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  spin (100);

  g_assert_cmpint (count_rows (open_path, "SELECT count(*) FROM coder WHERE name IN ('Amina', 'Ana')"), ==, 2);
  {
    g_autofree char *after_other = snapshot (other_path);
    g_assert_cmpstr (after_other, ==, before_other);
  }
  remove_project (open_path);
  remove_project (other_path);
  remove_project (fresh_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/safeguards/sample-undo", test_sample_undo);
  g_test_add_func ("/safeguards/menu-labels", test_menu_labels);
  g_test_add_func ("/safeguards/password-dialog-enter", test_password_dialog_enter);
  g_test_add_func ("/safeguards/password-dialog-button", test_password_dialog_button);
  g_test_add_func ("/safeguards/export-encrypted-warning", test_export_encrypted_warning);
  g_test_add_func ("/safeguards/new-project-refuses", test_new_project_refuses);

  return g_test_run ();
}
