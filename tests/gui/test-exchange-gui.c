/* test-exchange-gui.c: the team and exchange commands of the window, driven
 * through their actions with the file questions answered by the test:
 * export from the Export dialog (CSV parsed back, .qdpx imported back),
 * a coder's copy made and merged back, the matrices as tables, a codebook
 * imported, a REFI-QDA project imported through the application (and a
 * refused one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gloss-application.h"
#include "gloss-export-dialog.h"
#include "gloss-file-chooser.h"
#include "gloss-import-preview.h"
#include "gloss-matrix-window.h"
#include "gloss-merge-dialog.h"
#include "gloss-name-dialog.h"
#include "gloss-project-exchange.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define TEXT_A "Trust is earned slowly. Power is held by few. Trust can be lost.\n"
#define TEXT_B "Power everywhere. Nothing else.\n"
#define TRICKY_MEMO "She said \"never\", then,\nlater: yes"

typedef struct
{
  char        *dir;
  char        *path;
  gint64       doc_a, doc_b;
  gint64       ann, ben;
  gint64       trust, power;
  GlossWindow *window;
} Fixture;

/* Helpers */

static gboolean
spin_until (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return done (data);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The toplevel of @type that the window opened. */
static gpointer
find_dialog (Fixture *fixture,
             GType    type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (fixture->window))
        return l->data;
    }

  return NULL;
}

static void
answer_next_file (const char *path)
{
  const char *paths[] = { path, NULL };

  gloss_file_chooser_push_answer_for_test (paths);
}

static gint64
range_of (const char *text,
          const char *needle,
          gint64     *end)
{
  const char *hit = strstr (text, needle);
  gint64 start;

  g_assert_nonnull (hit);
  start = g_utf8_pointer_to_offset (text, hit);
  *end = start + g_utf8_strlen (needle, -1);
  return start;
}

static void
add_coding (GlossProject *project,
            gint64        document_id,
            const char   *text,
            const char   *needle,
            gint64        coder_id,
            gint64        code_id,
            const char   *memo)
{
  g_autoptr(GError) error = NULL;
  gint64 end, start = range_of (text, needle, &end);

  g_assert_cmpint (gloss_project_add_coding (project, document_id, coder_id, code_id,
                                             start, end, memo, &error), >, 0);
  g_assert_no_error (error);
}

static GlossProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_open (path, &error);

  g_assert_no_error (error);
  return project;
}

static void
remove_project_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_remove (path);
}

/* Fixture: two text documents, two coders, two codes, five codings */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "lead.gloss", NULL);

  project = gloss_project_create (fixture->path, "Field study", &error);
  g_assert_no_error (error);
  fixture->doc_a = gloss_project_import_text (project, "a.txt", TEXT_A, -1, &error);
  g_assert_no_error (error);
  fixture->doc_b = gloss_project_import_text (project, "b.txt", TEXT_B, -1, &error);
  g_assert_no_error (error);
  fixture->ann = gloss_project_add_coder (project, "Ann", NULL, &error);
  g_assert_no_error (error);
  fixture->ben = gloss_project_add_coder (project, "Ben", NULL, &error);
  g_assert_no_error (error);
  fixture->trust = gloss_project_add_code (project, 0, "Trust", "#e01b24", NULL, &error);
  g_assert_no_error (error);
  fixture->power = gloss_project_add_code (project, 0, "Power", "#3584e4", NULL, &error);
  g_assert_no_error (error);

  add_coding (project, fixture->doc_a, TEXT_A, "Trust is earned slowly.", fixture->ann, fixture->trust, NULL);
  add_coding (project, fixture->doc_a, TEXT_A, "Power is held by few.", fixture->ann, fixture->power, NULL);
  add_coding (project, fixture->doc_a, TEXT_A, "Trust can be lost.", fixture->ann, fixture->trust, TRICKY_MEMO);
  add_coding (project, fixture->doc_a, TEXT_A, "Power is held by few.", fixture->ben, fixture->trust, NULL);
  add_coding (project, fixture->doc_b, TEXT_B, "Power everywhere.", fixture->ben, fixture->power, NULL);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gloss_window_set_active_coder (fixture->window, fixture->ann);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  spin (50);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A small RFC 4180 reader: records of fields, quotes doubled inside quotes. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        g_ptr_array_add (record, g_string_free (g_steal_pointer (&field), FALSE)), field = g_string_new (NULL);
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (record, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (records, g_steal_pointer (&record));
          record = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
    }

  g_assert_false (quoted);
  if (field->len > 0 || record->len > 0)
    {
      g_ptr_array_add (record, g_string_free (g_steal_pointer (&field), FALSE));
      g_ptr_array_add (records, g_steal_pointer (&record));
    }
  if (field != NULL)
    g_string_free (field, TRUE);
  if (record != NULL)
    g_ptr_array_unref (record);
  return records;
}

static int
column_index (GPtrArray  *header,
              const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (header, i), name) == 0)
      return i;

  g_error ("no column “%s” in the CSV header", name);
  return -1;
}

/* Export dialog */

typedef struct
{
  gboolean  done;
  char     *format;
  char     *path;
  gint64    n_codings;
} Exported;

static void
on_exported (GlossExportDialog *dialog,
             const char        *format,
             const char        *path,
             gint64             n_codings,
             Exported          *exported)
{
  exported->done = TRUE;
  exported->format = g_strdup (format);
  exported->path = g_strdup (path);
  exported->n_codings = n_codings;
}

static GlossExportDialog *
open_export_dialog (Fixture  *fixture,
                    Exported *exported)
{
  GlossExportDialog *dialog;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "export"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export", NULL);
  dialog = find_dialog (fixture, GLOSS_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), exported);
  return dialog;
}

static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "ann", NULL);  /* the dialog adds .csv */
  g_autofree char *expected = g_build_filename (fixture->dir, "ann.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  Exported exported = { 0 };
  GlossExportDialog *dialog;
  GPtrArray *header;
  int coder_col, code_col, text_col, memo_col;
  gboolean memo_seen = FALSE;

  dialog = open_export_dialog (fixture, &exported);
  g_assert_true (gloss_export_dialog_set_format (dialog, "csv"));
  g_assert_true (gloss_export_dialog_set_coder (dialog, fixture->ann));
  g_assert_cmpint (gloss_export_dialog_count_codings (dialog), ==, 3);
  g_assert_true (gloss_export_dialog_set_code (dialog, fixture->trust));
  g_assert_cmpint (gloss_export_dialog_count_codings (dialog), ==, 2);

  answer_next_file (out);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL);
  g_assert_true (spin_until (flag_set, &exported.done, 20000));

  g_assert_cmpstr (exported.format, ==, "csv");
  g_assert_cmpstr (exported.path, ==, expected);
  g_assert_cmpint (exported.n_codings, ==, 2);
  /* The dialog closed itself. */
  spin (50);
  g_assert_null (find_dialog (fixture, GLOSS_TYPE_EXPORT_DIALOG));

  g_assert_true (g_file_get_contents (expected, &contents, NULL, &error));
  g_assert_no_error (error);
  records = parse_csv (contents);
  g_assert_cmpuint (records->len, ==, 1 + 2);

  header = g_ptr_array_index (records, 0);
  coder_col = column_index (header, "coder");
  code_col = column_index (header, "code");
  text_col = column_index (header, "text");
  memo_col = column_index (header, "memo");
  for (guint i = 1; i < records->len; i++)
    {
      GPtrArray *record = g_ptr_array_index (records, i);

      g_assert_cmpuint (record->len, ==, header->len);
      g_assert_cmpstr (g_ptr_array_index (record, coder_col), ==, "Ann");
      g_assert_cmpstr (g_ptr_array_index (record, code_col), ==, "Trust");
      g_assert_true (g_str_has_prefix (g_ptr_array_index (record, text_col), "Trust "));
      if (g_strcmp0 (g_ptr_array_index (record, memo_col), TRICKY_MEMO) == 0)
        memo_seen = TRUE;
    }
  g_assert_true (memo_seen);

  g_free (exported.format);
  g_free (exported.path);
}

static void
test_export_qdpx (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "study.qdpx", NULL);
  g_autofree char *imported = g_build_filename (fixture->dir, "imported.gloss", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  Exported exported = { 0 };
  GlossExportDialog *dialog;

  dialog = open_export_dialog (fixture, &exported);
  g_assert_true (gloss_export_dialog_set_format (dialog, "qdpx"));
  g_assert_cmpint (gloss_export_dialog_count_codings (dialog), ==, -1);

  answer_next_file (out);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL);
  g_assert_true (spin_until (flag_set, &exported.done, 20000));
  g_assert_cmpstr (exported.format, ==, "qdpx");
  g_assert_cmpstr (exported.path, ==, out);

  /* What the dialog wrote reads back with every coding. */
  project = gloss_qdpx_import (out, imported, warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpint (gloss_project_count_codings (project, NULL, NULL), ==, 5);
  gloss_project_close (project);

  g_free (exported.format);
  g_free (exported.path);
}

/* Copy for a coder, code in it, merge it back */

static gboolean
merge_dialog_finished (gpointer data)
{
  return !gloss_merge_dialog_get_running (data) && gloss_merge_dialog_get_n_results (data) > 0;
}

static gboolean
merge_dialog_shown (gpointer data)
{
  return find_dialog (data, GLOSS_TYPE_MERGE_DIALOG) != NULL;
}

static GlossMergeDialog *
merge_through_window (Fixture    *fixture,
                      const char *copy)
{
  GlossMergeDialog *dialog;

  answer_next_file (copy);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "merge-projects", NULL);
  /* The answer comes from the main loop; on a busy machine after 20 ms and more. */
  spin_until (merge_dialog_shown, fixture, 5000);
  dialog = find_dialog (fixture, GLOSS_TYPE_MERGE_DIALOG);
  g_assert_nonnull (dialog);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.start", NULL);
  g_assert_true (gloss_merge_dialog_get_running (dialog));
  g_assert_true (spin_until (merge_dialog_finished, dialog, 30000));
  g_assert_cmpuint (gloss_merge_dialog_get_n_results (dialog), ==, 1);
  g_assert_null (gloss_merge_dialog_get_error (dialog, 0));
  return dialog;
}

static guint
count_kind (GPtrArray  *items,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((GlossMergeItem *) g_ptr_array_index (items, i))->kind, kind) == 0)
      n++;

  return n;
}

static void
test_copy_and_merge (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "cleo", NULL);  /* .gloss added */
  g_autofree char *copy_path = g_build_filename (fixture->dir, "cleo.gloss", NULL);
  g_autoptr(GlossProject) other = NULL;
  g_autoptr(GlossProject) lead = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;
  GlossCodingFilter filter = { 0 };
  const GlossMergeSummary *summary;
  AdwMessageDialog *ask;
  GlossMergeDialog *dialog;
  gint64 cleo, doc_b, power, start, end;

  /* Copy for Coder…: the name, no codings, then the file. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "copy-for-coder", NULL);
  ask = find_dialog (fixture, ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (ask);
  gtk_editable_set_text (GTK_EDITABLE (gloss_name_dialog_get_entry (GLOSS_NAME_DIALOG (ask))), "Cleo");
  gtk_switch_set_active (GTK_SWITCH (find_descendant (GTK_WIDGET (ask), GTK_TYPE_SWITCH)), TRUE);
  answer_next_file (copy);
  adw_message_dialog_response (ask, "accept");
  g_assert_true (spin_until (file_exists, copy_path, 20000));
  spin (100);

  /* Cleo codes in her copy: it starts without codings. */
  other = open_project (copy_path);
  g_assert_cmpint (gloss_project_count_codings (other, NULL, NULL), ==, 0);
  cleo = gloss_project_find_coder (other, "Cleo", &error);
  g_assert_no_error (error);
  doc_b = gloss_project_find_document (other, "b.txt", &error);
  g_assert_no_error (error);
  power = gloss_project_find_code (other, "Power", &error);
  g_assert_no_error (error);
  add_coding (other, doc_b, TEXT_B, "Nothing else.", cleo, power, "Cleo’s memo");
  gloss_project_close (other);

  /* Merge Coder Projects…: her coder and coding arrive in the lead. */
  dialog = merge_through_window (fixture, copy_path);
  summary = gloss_merge_dialog_get_summary (dialog, 0);
  g_assert_nonnull (summary);
  g_assert_cmpuint (count_kind (summary->added, "coding"), ==, 1);
  g_assert_cmpuint (summary->conflicts->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  lead = open_project (fixture->path);
  filter.coder_id = gloss_project_find_coder (lead, "Cleo", &error);
  g_assert_no_error (error);
  g_assert_cmpint (filter.coder_id, >, 0);
  codings = gloss_project_list_codings (lead, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  start = range_of (TEXT_B, "Nothing else.", &end);
  g_assert_cmpint (((GlossCoding *) g_ptr_array_index (codings, 0))->document_id, ==, fixture->doc_b);
  g_assert_cmpint (((GlossCoding *) g_ptr_array_index (codings, 0))->start, ==, start);
  g_assert_cmpint (((GlossCoding *) g_ptr_array_index (codings, 0))->end, ==, end);
  g_assert_cmpstr (((GlossCoding *) g_ptr_array_index (codings, 0))->memo, ==, "Cleo’s memo");
  g_assert_cmpint (gloss_project_count_codings (lead, NULL, NULL), ==, 6);

  /* The window's own connection sees it too. */
  g_assert_cmpint (gloss_project_count_codings (gloss_window_get_project (fixture->window), NULL, NULL), ==, 6);

  /* Merging the same copy again changes nothing. */
  dialog = merge_through_window (fixture, copy_path);
  summary = gloss_merge_dialog_get_summary (dialog, 0);
  g_assert_cmpuint (summary->added->len, ==, 0);
  g_assert_cmpuint (summary->conflicts->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (gloss_project_count_codings (lead, NULL, NULL), ==, 6);
  gloss_project_close (lead);
}

/* Matrices */

static gboolean
matrix_ready (gpointer data)
{
  return !gloss_matrix_window_get_busy (data) && gloss_matrix_window_get_matrix (data) != NULL;
}

static guint
label_index (GPtrArray  *labels,
             const char *label)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), label) == 0)
      return i;

  g_error ("no label “%s” in the matrix", label);
  return 0;
}

/* Checks the cell the table shows at (@row, @col) and the column's title. */
static void
assert_cell (GlossMatrixWindow *window,
             const char        *row,
             const char        *col,
             const char        *expected)
{
  const GlossMatrix *matrix = gloss_matrix_window_get_matrix (window);
  guint r = label_index (matrix->row_labels, row);
  guint c = label_index (matrix->col_labels, col);
  GListModel *columns = gtk_column_view_get_columns (gloss_matrix_window_get_column_view (window));
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c + 1);
  g_autofree char *code = gloss_matrix_window_dup_cell_text (window, r, 0);
  g_autofree char *text = gloss_matrix_window_dup_cell_text (window, r, c + 1);

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, matrix->col_labels->len + 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, col);
  g_assert_cmpstr (code, ==, row);
  g_assert_cmpstr (text, ==, expected);
}

static void
wait_for_matrix (GlossMatrixWindow *window)
{
  g_assert_true (spin_until (matrix_ready, window, 20000));
}

static void
test_matrices (Fixture       *fixture,
               gconstpointer  data)
{
  GlossMatrixWindow *window;
  GtkSelectionModel *model;
  g_autofree char *out = g_build_filename (fixture->dir, "matrix.csv", NULL);
  g_autofree char *contents = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "matrices", NULL);
  window = find_dialog (fixture, GLOSS_TYPE_MATRIX_WINDOW);
  g_assert_nonnull (window);
  wait_for_matrix (window);

  /* Code x document: one list item per code. */
  model = gtk_column_view_get_model (gloss_matrix_window_get_column_view (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  assert_cell (window, "Trust", "a.txt", "3");
  assert_cell (window, "Trust", "b.txt", "0");
  assert_cell (window, "Power", "a.txt", "1");
  assert_cell (window, "Power", "b.txt", "1");

  gloss_matrix_window_set_kind (window, GLOSS_MATRIX_CODE_CODER);
  wait_for_matrix (window);
  g_assert_cmpint (gloss_matrix_window_get_matrix (window)->kind, ==, GLOSS_MATRIX_CODE_CODER);
  assert_cell (window, "Trust", "Ann", "2");
  assert_cell (window, "Trust", "Ben", "1");
  assert_cell (window, "Power", "Ann", "1");
  assert_cell (window, "Power", "Ben", "1");

  gloss_matrix_window_set_kind (window, GLOSS_MATRIX_COOCCURRENCE);
  wait_for_matrix (window);
  g_assert_cmpint (gloss_matrix_window_get_matrix (window)->kind, ==, GLOSS_MATRIX_COOCCURRENCE);
  assert_cell (window, "Trust", "Trust", "3");
  assert_cell (window, "Power", "Power", "2");
  assert_cell (window, "Trust", "Power", "1");
  assert_cell (window, "Power", "Trust", "1");

  gloss_matrix_window_set_kind (window, GLOSS_MATRIX_CODE_DOCUMENT);
  gloss_matrix_window_set_presence (window, TRUE);
  wait_for_matrix (window);
  assert_cell (window, "Trust", "a.txt", "1");
  assert_cell (window, "Trust", "b.txt", "0");

  /* A coding made in the window shows up in the open table. */
  gloss_matrix_window_set_presence (window, FALSE);
  wait_for_matrix (window);
  add_coding (gloss_window_get_project (fixture->window), fixture->doc_b, TEXT_B, "Nothing else.",
              fixture->ann, fixture->trust, NULL);
  spin (10);
  wait_for_matrix (window);
  assert_cell (window, "Trust", "b.txt", "1");

  /* Export as CSV from the table. */
  answer_next_file (out);
  gtk_widget_activate_action (GTK_WIDGET (window), "matrix.export", "s", "csv");
  g_assert_true (spin_until (file_exists, out, 5000));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "a.txt"));
  g_assert_nonnull (strstr (contents, "Trust"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Import Codebook… */

static void
test_import_codebook (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.gloss", NULL);
  g_autofree char *qdc = g_build_filename (fixture->dir, "other.qdc", NULL);
  g_autoptr(GlossProject) other = NULL;
  g_autoptr(GlossProject) lead = NULL;
  g_autoptr(GError) error = NULL;

  other = gloss_project_create (other_path, "Other", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_ensure_code_path (other, "Hope/Future", "#33d17a", "Looking ahead", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (gloss_qdc_export (other, qdc, &error));
  g_assert_no_error (error);
  gloss_project_close (other);

  answer_next_file (qdc);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "import-codebook", NULL);
  spin (50);

  lead = open_project (fixture->path);
  g_assert_cmpint (gloss_project_find_code (lead, "Hope/Future", NULL), >, 0);
  g_assert_cmpint (gloss_project_find_code (lead, "Trust", NULL), ==, fixture->trust);
  gloss_project_close (lead);
  remove_project_file (other_path);
}

/* app.import-qdpx: a new project opens; a refused archive leaves nothing */

typedef struct
{
  GtkApplication *app;
  const char     *path;
} OpenWait;

static gboolean
project_open (gpointer data)
{
  OpenWait *wait = data;

  for (GList *l = gtk_application_get_windows (wait->app); l != NULL; l = l->next)
    {
      GlossProject *project = GLOSS_IS_WINDOW (l->data) ? gloss_window_get_project (l->data) : NULL;

      if (project != NULL && g_strcmp0 (gloss_project_get_path (project), wait->path) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
message_shown (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return TRUE;

  return FALSE;
}

static gboolean
preview_shown (gpointer data)
{
  GlossImportPreview **preview = data;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GLOSS_IS_IMPORT_PREVIEW (l->data) && gtk_widget_get_visible (l->data))
      {
        *preview = l->data;
        return TRUE;
      }

  return FALSE;
}

/* The files in @dir, sorted, as one line. */
static char *
files_in (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (gpointer) g_intern_string (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
import_through_app (GApplication *app,
                    const char   *qdpx,
                    const char   *target)
{
  answer_next_file (qdpx);
  answer_next_file (target);
  g_action_group_activate_action (G_ACTION_GROUP (app), "import-qdpx", NULL);
}

static void
test_import_qdpx_app (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *qdpx = g_build_filename (fixture->dir, "study.qdpx", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.qdpx", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "imported", NULL);  /* .gloss added */
  g_autofree char *target_path = g_build_filename (fixture->dir, "imported.gloss", NULL);
  g_autofree char *refused = g_build_filename (fixture->dir, "refused.gloss", NULL);
  g_autoptr(GlossApplication) app = gloss_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) windows = NULL;
  OpenWait wait = { GTK_APPLICATION (app), target_path };
  GlossProject *project;

  g_assert_true (gloss_qdpx_export (gloss_window_get_project (fixture->window), qdpx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad, "PK\003\004 not an archive", -1, NULL));

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* What will come in is shown first; Cancel makes nothing. */
  {
    GlossImportPreview *preview = NULL;
    const GlossQdpxCounts *counts;
    g_autofree char *before = files_in (fixture->dir);
    g_autofree char *after = NULL;

    import_through_app (G_APPLICATION (app), qdpx, target);
    g_assert_true (spin_until (preview_shown, &preview, 30000));
    counts = gloss_import_preview_get_counts (preview);
    g_assert_cmpuint (counts->n_codings, ==, 5);
    g_assert_cmpuint (counts->n_documents, ==, 2);
    g_assert_false (g_file_test (target_path, G_FILE_TEST_EXISTS));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.cancel", NULL));
    spin (50);
    g_assert_false (preview_shown (&preview));
    g_assert_false (g_file_test (target_path, G_FILE_TEST_EXISTS));
    after = files_in (fixture->dir);
    g_assert_cmpstr (after, ==, before);
    g_assert_false (project_open (&wait));

    /* Import commits it, and the project opens. */
    import_through_app (G_APPLICATION (app), qdpx, target);
    g_assert_true (spin_until (preview_shown, &preview, 30000));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.import", NULL));
  }
  g_assert_true (spin_until (project_open, &wait, 30000));
  project = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL && project == NULL; l = l->next)
    if (GLOSS_IS_WINDOW (l->data))
      project = gloss_window_get_project (l->data);
  g_assert_nonnull (project);
  g_assert_cmpint (gloss_project_count_codings (project, NULL, NULL), ==, 5);

  /* A refused archive: its reason is shown, no project is made. */
  import_through_app (G_APPLICATION (app), bad, refused);
  g_assert_true (spin_until (message_shown, NULL, 20000));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/exchange-gui/export-csv", Fixture, NULL,
              fixture_set_up, test_export_csv, fixture_tear_down);
  g_test_add ("/exchange-gui/export-qdpx", Fixture, NULL,
              fixture_set_up, test_export_qdpx, fixture_tear_down);
  g_test_add ("/exchange-gui/copy-and-merge", Fixture, NULL,
              fixture_set_up, test_copy_and_merge, fixture_tear_down);
  g_test_add ("/exchange-gui/matrices", Fixture, NULL,
              fixture_set_up, test_matrices, fixture_tear_down);
  g_test_add ("/exchange-gui/import-codebook", Fixture, NULL,
              fixture_set_up, test_import_codebook, fixture_tear_down);
  g_test_add ("/exchange-gui/import-qdpx-app", Fixture, NULL,
              fixture_set_up, test_import_qdpx_app, fixture_tear_down);

  return g_test_run ();
}
