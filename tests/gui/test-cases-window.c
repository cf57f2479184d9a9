/* test-cases-window.c: attributes, sets, queries and crosstabs in the
 * window, driven through their actions and real cells, read back from the
 * project file through a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gloss-attribute-cell.h"
#include "gloss-agreement-window.h"
#include "gloss-attribute-dialog.h"
#include "gloss-document-list.h"
#include "gloss-crosstab-chart.h"
#include "gloss-crosstab-window.h"
#include "gloss-excerpt-item.h"
#include "gloss-export-dialog.h"
#include "gloss-file-chooser.h"
#include "gloss-query-window.h"
#include "gloss-matrix-window.h"
#include "gloss-attribute-sheet.h"
#include "gloss-cases-window.h"
#include "gloss-cases.h"
#include "gloss-document-table.h"
#include "gloss-excerpts-pane.h"
#include "gloss-set-chooser.h"
#include "gloss-set-dialog.h"
#include "gloss-table-row.h"
#include "gloss-window.h"
#include "gloss-gui-test.h"

#define TEXT_A "Partnership needs funding. Independence matters to us.\n"
#define TEXT_B "Legal aid depends on funding. We stay independent.\n"
#define TEXT_C "Academic view: funding shapes independence.\n"

static const char * const types[] = { "refugee-led", "legal aid network", "academic", NULL };

typedef struct
{
  char        *dir;
  char        *path;
  gint64       docs[3];
  gint64       type, year, submitted, online;
  gint64       led;          /* set: type of actor = refugee-led */
  GlossWindow *window;
} Fixture;

static GlossProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_open (path, &error);

  g_assert_no_error (error);
  return project;
}

/* The value in the file, read through a connection of its own. */
static char *
stored_value (Fixture *fixture,
              gint64   attribute,
              gint64   document)
{
  g_autoptr(GlossProject) project = open_project (fixture->path);
  g_autoptr(GError) error = NULL;
  char *value = gloss_project_get_attribute_value (project, attribute, document, &error);

  g_assert_no_error (error);
  return value;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  const char *texts[] = { TEXT_A, TEXT_B, TEXT_C };
  const char *titles[] = { "a.txt", "b.txt", "c.txt" };

  fixture->dir = g_dir_make_tmp ("gloss-test-cases-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "cases.gloss", NULL);

  project = gloss_project_create (fixture->path, "Forum", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      fixture->docs[i] = gloss_project_import_text (project, titles[i], texts[i], -1, &error);
      g_assert_no_error (error);
    }
  fixture->type = gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "type of actor",
                                               GLOSS_ATTRIBUTE_CATEGORY, types, &error);
  fixture->year = gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year",
                                               GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  fixture->submitted = gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "submitted",
                                                    GLOSS_ATTRIBUTE_DATE, NULL, &error);
  fixture->online = gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "online",
                                                 GLOSS_ATTRIBUTE_BOOLEAN, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_attribute_value (project, fixture->type, fixture->docs[0], "refugee-led", &error));
  g_assert_true (gloss_project_set_attribute_value (project, fixture->type, fixture->docs[1], "legal aid network", &error));
  g_assert_true (gloss_project_set_attribute_value (project, fixture->year, fixture->docs[0], "2021", &error));
  g_assert_true (gloss_project_set_attribute_value (project, fixture->year, fixture->docs[2], "9.5", &error));
  g_assert_no_error (error);
  fixture->led = gloss_project_add_set (project, GLOSS_SET_DOCUMENTS, "refugee-led",
                                        "type of actor = refugee-led", &error);
  g_assert_no_error (error);
  gloss_project_close (project);

  fixture->window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  g_assert_true (gloss_window_open_project (fixture->window, fixture->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
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

/* The toplevel of @type that the window opened. */
static gpointer
find_toplevel (GtkWindow *parent,
               GType      type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_window_get_transient_for (l->data) == parent)
      return l->data;

  return NULL;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *log_dir = g_getenv ("GLOSS_TEST_LOG_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = NULL;

  if (log_dir == NULL)
    return;
  spin (200);
  texture = render_window (window);
  g_assert_cmpint (g_mkdir_with_parents (log_dir, 0755), ==, 0);
  path = g_build_filename (log_dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The cell the table shows for @attribute of @document. */
static GlossAttributeCell *
find_cell (GtkWidget *root,
           gint64     attribute,
           gint64     document)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  spin (100);
  collect (root, GLOSS_TYPE_ATTRIBUTE_CELL, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GlossAttributeCell *cell = g_ptr_array_index (cells, i);
      if (gloss_attribute_cell_get_attribute_id (cell) == attribute &&
          gloss_attribute_cell_get_target_id (cell) == document)
        return cell;
    }

  g_error ("no cell for attribute %" G_GINT64_FORMAT " of document %" G_GINT64_FORMAT, attribute, document);
  return NULL;
}

/* Whether a label below @root reads @text (a toast, for one). */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;

  return FALSE;
}

/* Typing into a cell: the value is stored once the cell is done with the key. */
static void
enter (GlossAttributeCell *cell,
       const char         *text)
{
  gloss_attribute_cell_enter (cell, text);
  spin (100);
}

static void
assert_cell_text (GlossAttributeCell *cell,
                  const char         *expected)
{
  g_autofree char *text = gloss_attribute_cell_dup_text (cell);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_stored (Fixture    *fixture,
               gint64      attribute,
               gint64      document,
               const char *expected)
{
  g_autofree char *value = stored_value (fixture, attribute, document);

  g_assert_cmpstr (value, ==, expected);
}

static GlossDocumentTable *
open_table (Fixture *fixture)
{
  GlossDocumentTable *table;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "document-table", NULL);
  table = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_DOCUMENT_TABLE);
  g_assert_nonnull (table);
  gtk_window_set_default_size (GTK_WINDOW (table), 1000, 500);
  spin (200);
  return table;
}

static void
assert_row_order (GlossDocumentTable *table,
                  const gint64       *expected,
                  guint               n)
{
  GListModel *rows = gloss_document_table_get_rows (table);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossTableRow) row = g_list_model_get_item (rows, i);
      g_assert_cmpint (gloss_table_row_get_id (row), ==, expected[i]);
    }
}

/* Values typed into the cells are stored as the type spells them; a value
 * that does not fit is refused with the reason and the cell shows what is
 * stored. */
static void
test_table_edit (Fixture       *fixture,
                 gconstpointer  data)
{
  GlossDocumentTable *table = open_table (fixture);
  GtkColumnView *view = gloss_document_table_get_column_view (table);
  GListModel *columns = gtk_column_view_get_columns (view);
  GlossAttributeCell *cell;

  /* Document, codings, then a column per attribute. */
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 6);
  g_assert_cmpstr (gtk_column_view_column_get_title (gloss_document_table_get_column (table, fixture->type)),
                   ==, "type of actor");

  cell = find_cell (GTK_WIDGET (table), fixture->year, fixture->docs[1]);
  assert_cell_text (cell, "");
  enter (cell, "2019");
  assert_stored (fixture, fixture->year, fixture->docs[1], "2019");
  assert_cell_text (find_cell (GTK_WIDGET (table), fixture->year, fixture->docs[1]), "2019");

  /* Refused: the message, and nothing changes. */
  cell = find_cell (GTK_WIDGET (table), fixture->year, fixture->docs[1]);
  enter (cell, "soon");
  assert_stored (fixture, fixture->year, fixture->docs[1], "2019");
  assert_cell_text (find_cell (GTK_WIDGET (table), fixture->year, fixture->docs[1]), "2019");
  spin (300);
  g_assert_true (shows_text (GTK_WIDGET (table), "year: “soon” is not a number"));

  cell = find_cell (GTK_WIDGET (table), fixture->submitted, fixture->docs[2]);
  enter (cell, "2021-02-30");
  assert_stored (fixture, fixture->submitted, fixture->docs[2], NULL);
  enter (find_cell (GTK_WIDGET (table), fixture->submitted, fixture->docs[2]), "2021-03-04");
  assert_stored (fixture, fixture->submitted, fixture->docs[2], "2021-03-04");

  /* Yes/no and categories are chosen from a list. */
  enter (find_cell (GTK_WIDGET (table), fixture->online, fixture->docs[2]), "Yes");
  assert_stored (fixture, fixture->online, fixture->docs[2], "true");
  assert_cell_text (find_cell (GTK_WIDGET (table), fixture->online, fixture->docs[2]), "Yes");
  enter (find_cell (GTK_WIDGET (table), fixture->type, fixture->docs[2]), "academic");
  assert_stored (fixture, fixture->type, fixture->docs[2], "academic");
  enter (find_cell (GTK_WIDGET (table), fixture->type, fixture->docs[0]), "");
  assert_stored (fixture, fixture->type, fixture->docs[0], NULL);

  /* Each change is one step of the window's history. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "undo", NULL);
  assert_stored (fixture, fixture->type, fixture->docs[0], "refugee-led");
  assert_cell_text (find_cell (GTK_WIDGET (table), fixture->type, fixture->docs[0]), "refugee-led");

  /* Through the action, as the cells use it. */
  gtk_widget_activate_action (GTK_WIDGET (table), "attributes.set-value", "(xxs)",
                              fixture->year, fixture->docs[2], " 12 ");
  assert_stored (fixture, fixture->year, fixture->docs[2], "12");

  save_screenshot (GTK_WIDGET (table), "document-table");
}

/* Columns sort by their type, the user picks the columns shown, a set
 * filters the rows, and new attributes come as new columns. */
static void
test_table_columns (Fixture       *fixture,
                    gconstpointer  data)
{
  GlossDocumentTable *table = open_table (fixture);
  GtkColumnView *view = gloss_document_table_get_column_view (table);
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *toggle = g_strdup_printf ("columns.attribute-%" G_GINT64_FORMAT, fixture->online);
  GlossAttributeDialog *dialog;
  gint64 region;

  /* Numbers as numbers (9.5 before 2021), empty last. */
  gtk_column_view_sort_by_column (view, gloss_document_table_get_column (table, fixture->year), GTK_SORT_ASCENDING);
  assert_row_order (table, (gint64[]) { fixture->docs[2], fixture->docs[0], fixture->docs[1] }, 3);
  gtk_column_view_sort_by_column (view, gloss_document_table_get_column (table, fixture->year), GTK_SORT_DESCENDING);
  assert_row_order (table, (gint64[]) { fixture->docs[1], fixture->docs[0], fixture->docs[2] }, 3);
  /* Categories in the order of their list. */
  gtk_column_view_sort_by_column (view, gloss_document_table_get_column (table, fixture->type), GTK_SORT_ASCENDING);
  assert_row_order (table, (gint64[]) { fixture->docs[0], fixture->docs[1], fixture->docs[2] }, 3);

  /* A value changed keeps the sort. */
  g_assert_true (gloss_project_set_attribute_value (project, fixture->type, fixture->docs[2], "refugee-led", &error));
  g_assert_no_error (error);
  assert_row_order (table, (gint64[]) { fixture->docs[0], fixture->docs[2], fixture->docs[1] }, 3);

  /* The columns shown. */
  g_assert_true (gtk_column_view_column_get_visible (gloss_document_table_get_column (table, fixture->online)));
  gtk_widget_activate_action (GTK_WIDGET (table), toggle, NULL);
  g_assert_false (gtk_column_view_column_get_visible (gloss_document_table_get_column (table, fixture->online)));

  /* The set: its rule evaluated now. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.filter-by-set", "x", fixture->led);
  g_assert_cmpint (gloss_set_chooser_get_set_id (GLOSS_SET_CHOOSER (gloss_document_table_get_set_chooser (table))),
                   ==, fixture->led);
  assert_row_order (table, (gint64[]) { fixture->docs[0], fixture->docs[2] }, 2);
  g_assert_true (shows_text (GTK_WIDGET (table), "2 of 3 documents"));
  g_assert_true (gloss_project_set_attribute_value (project, fixture->type, fixture->docs[2], "academic", &error));
  assert_row_order (table, (gint64[]) { fixture->docs[0] }, 1);
  gtk_widget_activate_action (GTK_WIDGET (table), "table.filter-by-set", "x", (gint64) 0);
  assert_row_order (table, (gint64[]) { fixture->docs[0], fixture->docs[1], fixture->docs[2] }, 3);

  /* A set saved from the table: by a rule, or of the documents shown. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.create-set", "(ss)", "recent", "year >= 2000");
  g_assert_cmpint (gloss_set_chooser_get_set_id (GLOSS_SET_CHOOSER (gloss_document_table_get_set_chooser (table))),
                   ==, gloss_project_find_set (project, "recent", NULL));
  assert_row_order (table, (gint64[]) { fixture->docs[0] }, 1);
  gtk_widget_activate_action (GTK_WIDGET (table), "table.create-set", "(ss)", "listed", "");
  {
    g_autoptr(GArray) members = gloss_project_get_set_members (project, gloss_project_find_set (project, "listed", NULL),
                                                               &error);
    g_assert_no_error (error);
    g_assert_cmpuint (members->len, ==, 1);
    g_assert_cmpint (g_array_index (members, gint64, 0), ==, fixture->docs[0]);
  }
  gtk_widget_activate_action (GTK_WIDGET (table), "table.create-set", "(ss)", "bad", "colour = red");
  spin (300);
  g_assert_true (shows_text (GTK_WIDGET (table), "No document attribute “colour” in the project"));
  g_assert_cmpint (gloss_project_find_set (project, "bad", NULL), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (table), "table.filter-by-set", "x", (gint64) 0);

  /* Renamed elsewhere: the column follows and keeps being hidden. */
  g_assert_true (gloss_project_rename_attribute (project, fixture->online, "on line", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_column_view_column_get_title (gloss_document_table_get_column (table, fixture->online)),
                   ==, "on line");
  g_assert_false (gtk_column_view_column_get_visible (gloss_document_table_get_column (table, fixture->online)));

  /* A new attribute from the dialog; a category without values refused. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.new-attribute", NULL);
  dialog = find_toplevel (GTK_WINDOW (table), GLOSS_TYPE_ATTRIBUTE_DIALOG);
  g_assert_nonnull (dialog);
  gloss_attribute_dialog_fill (dialog, "region", GLOSS_ATTRIBUTE_TEXT, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  spin (100);
  region = gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "region", &error);
  g_assert_no_error (error);
  g_assert_nonnull (gloss_document_table_get_column (table, region));
  enter (find_cell (GTK_WIDGET (table), region, fixture->docs[1]), "Europe");
  assert_stored (fixture, region, fixture->docs[1], "Europe");

  gtk_widget_activate_action (GTK_WIDGET (table), "table.create-attribute", "(sss)", "kind", "category", " , ");
  spin (300);
  g_assert_true (shows_text (GTK_WIDGET (table), "A category needs a list of values"));
  g_assert_cmpint (gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "kind", NULL), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (table), "table.create-attribute", "(sss)", "kind", "category", "a, b");
  g_assert_cmpint (gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "kind", NULL), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 8);

  /* Activating a row opens the document in the window. */
  g_signal_emit_by_name (view, "activate", 1);
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->docs[1]);
}

static void
assert_lines (GPtrArray          *lines,
              const char * const *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv ("\n", (char **) lines->pdata);
  g_ptr_array_set_size (lines, lines->len - 1);
  for (guint i = 0; expected[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) lines->pdata, expected[i]))
      g_error ("“%s” is not among the lines:\n%s", expected[i], joined);
}

static GPtrArray *
stored_members (Fixture *fixture,
                gint64   case_id)
{
  g_autoptr(GlossProject) project = open_project (fixture->path);
  g_autoptr(GError) error = NULL;
  GPtrArray *members = gloss_project_list_case_members (project, case_id, &error);

  g_assert_no_error (error);
  return members;
}

/* The inspector shows the open document's attributes and cases; a passage
 * selected goes into a case (made when new); the Cases and Coders window
 * lists cases with their passages, and the attributes of cases and coders,
 * each changed where it is shown. */
static void
test_inspector_and_cases (Fixture       *fixture,
                          gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  GlossDocumentView *view = gloss_window_get_document_view (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GlossAttributeSheet *sheet;
  GlossCasesWindow *cases;
  AdwMessageDialog *dialog;
  gint64 org_a, org_b, amina, size, role, passage = 0, start, end;

  amina = gloss_project_add_coder (project, "Amina", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_window_open_document (fixture->window, fixture->docs[0], &error));
  g_assert_no_error (error);
  spin (200);

  sheet = GLOSS_ATTRIBUTE_SHEET (find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_ATTRIBUTE_SHEET));
  g_assert_nonnull (sheet);
  assert_cell_text (gloss_attribute_sheet_get_cell (sheet, fixture->year), "2021");
  enter (gloss_attribute_sheet_get_cell (sheet, fixture->year), "soon");
  g_assert_cmpstr (gloss_attribute_sheet_get_message (sheet), ==, "year: “soon” is not a number");
  assert_stored (fixture, fixture->year, fixture->docs[0], "2021");
  assert_cell_text (gloss_attribute_sheet_get_cell (sheet, fixture->year), "2021");
  enter (gloss_attribute_sheet_get_cell (sheet, fixture->year), "2020");
  assert_stored (fixture, fixture->year, fixture->docs[0], "2020");
  g_assert_null (gloss_attribute_sheet_get_message (sheet));
  enter (gloss_attribute_sheet_get_cell (sheet, fixture->online), "No");
  assert_stored (fixture, fixture->online, fixture->docs[0], "false");

  /* A passage into a new case, then the whole document. */
  gloss_document_view_set_selection (view, 0, 11);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "add-selection-to-case",
                                  g_variant_new_string ("Org A"));
  org_a = gloss_project_find_case (project, "Org A", &error);
  g_assert_no_error (error);
  gloss_document_view_clear_selection (view);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "add-selection-to-case",
                                  g_variant_new_string ("org a"));
  members = stored_members (fixture, org_a);
  g_assert_cmpuint (members->len, ==, 2);
  for (guint i = 0; i < members->len; i++)
    {
      GlossCaseMember *member = g_ptr_array_index (members, i);
      g_assert_cmpint (member->document_id, ==, fixture->docs[0]);
      if (member->start >= 0)
        {
          g_assert_cmpint (member->start, ==, 0);
          g_assert_cmpint (member->end, ==, 11);
          passage = member->id;
        }
    }
  g_assert_cmpint (passage, >, 0);
  lines = gloss_attribute_sheet_dup_case_lines (sheet);
  assert_lines (lines, (const char *[]) { "Org A: 0–11 “Partnership”", "Org A: the whole document", NULL });
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* The dialog: a new case named there. */
  gloss_document_view_set_selection (view, 27, 54);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "case-from-selection", NULL);
  dialog = find_toplevel (GTK_WINDOW (fixture->window), ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)), "Org B");
  adw_message_dialog_response (dialog, "add");
  spin (100);
  org_b = gloss_project_find_case (project, "Org B", &error);
  g_assert_no_error (error);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = stored_members (fixture, org_b);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpint (((GlossCaseMember *) members->pdata[0])->start, ==, 27);
  save_screenshot (GTK_WIDGET (fixture->window), "inspector-attributes");

  /* The Cases and Coders window. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "cases", NULL);
  cases = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_CASES_WINDOW);
  g_assert_nonnull (cases);
  lines = gloss_cases_window_dup_lines (cases);
  assert_lines (lines, (const char *[]) { "Cases", "Org A (2 members)", "Org B (1 member)", "Coders", "Amina", NULL });
  g_clear_pointer (&lines, g_ptr_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.show", "(sx)", "case", org_a);
  lines = gloss_cases_window_dup_member_lines (cases);
  assert_lines (lines, (const char *[]) { "a.txt, 0–11: “Partnership”", "a.txt, the whole document", NULL });
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* Attributes of the case: defined and given here. */
  gtk_widget_activate_action (GTK_WIDGET (gloss_cases_window_get_sheet (cases)), "sheet.create-attribute",
                              "(sss)", "size", "number", "");
  size = gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_CASE, "size", &error);
  g_assert_no_error (error);
  spin (100);
  enter (gloss_attribute_sheet_get_cell (gloss_cases_window_get_sheet (cases), size), "12");
  assert_stored (fixture, size, org_a, "12");

  /* Renamed; a name taken is refused and nothing changes. */
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.rename", "(xs)", org_a, "Org A2");
  g_assert_cmpint (gloss_project_find_case (project, "Org A2", NULL), ==, org_a);
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.rename", "(xs)", org_a, "Org B");
  g_assert_cmpstr (gloss_cases_window_get_message (cases), ==, "There is already a case “Org B”");
  g_assert_cmpint (gloss_project_find_case (project, "Org A2", NULL), ==, org_a);
  save_screenshot (GTK_WIDGET (cases), "cases-window");

  /* A passage of the case shown in the document, selected. */
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.open-member", "x", passage);
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->docs[0]);
  g_assert_true (gloss_document_view_get_selection (view, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 11);

  /* A coder's attributes. */
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.show", "(sx)", "coder", amina);
  gtk_widget_activate_action (GTK_WIDGET (gloss_cases_window_get_sheet (cases)), "sheet.create-attribute",
                              "(sss)", "role", "text", "");
  role = gloss_project_find_attribute (project, GLOSS_ATTRIBUTE_ON_CODER, "role", &error);
  g_assert_no_error (error);
  spin (100);
  enter (gloss_attribute_sheet_get_cell (gloss_cases_window_get_sheet (cases), role), "lead coder");
  assert_stored (fixture, role, amina, "lead coder");

  /* A member taken out, a case deleted. */
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.show", "(sx)", "case", org_a);
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.remove-member", "x", passage);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = stored_members (fixture, org_a);
  g_assert_cmpuint (members->len, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.delete", "x", org_b);
  g_assert_cmpint (gloss_project_find_case (project, "Org B", NULL), ==, 0);
  lines = gloss_cases_window_dup_lines (cases);
  assert_lines (lines, (const char *[]) { "Org A2 (1 member)", NULL });
}

static gboolean
matrix_ready (gpointer data)
{
  return !gloss_matrix_window_get_busy (data) && gloss_matrix_window_get_matrix (data) != NULL;
}

static void
wait_for_matrix (GlossMatrixWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  spin (50);
  while (!matrix_ready (window) && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_true (matrix_ready (window));
}

static void
add_codings (Fixture *fixture,
             gint64  *coders)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  gint64 funding = gloss_project_add_code (project, 0, "Funding", NULL, NULL, &error);

  coders[0] = gloss_project_add_coder (project, "Ann", NULL, &error);
  coders[1] = gloss_project_add_coder (project, "Ben", NULL, &error);
  g_assert_no_error (error);
  for (int d = 0; d < 3; d++)
    for (int c = 0; c < 2; c++)
      {
        g_assert_cmpint (gloss_project_add_coding (project, fixture->docs[d], coders[c], funding,
                                                   0, 10 + c, NULL, &error), >, 0);
        g_assert_no_error (error);
      }
}

/* A set chosen in the sidebar filters the documents (its rule evaluated
 * again as attributes change); the matrices, the Export dialog and the
 * agreement window restrict themselves to the set's documents. */
static void
test_sets (Fixture       *fixture,
           gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  GlossDocumentList *list = GLOSS_DOCUMENT_LIST (find_descendant (GTK_WIDGET (fixture->window),
                                                                  GLOSS_TYPE_DOCUMENT_LIST));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAgreementOptions) options = NULL;
  GlossMatrixWindow *matrix;
  GlossExportDialog *export;
  GlossAgreementWindow *agreement;
  gint64 coders[2];
  const GlossMatrix *m;

  add_codings (fixture, coders);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_document_list_get_shown (list)), ==, 3);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "filter-documents",
                                  g_variant_new_int64 (fixture->led));
  g_assert_cmpint (gloss_document_list_get_set_id (list), ==, fixture->led);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_document_list_get_shown (list)), ==, 1);
  spin (100);
  g_assert_true (shows_text (GTK_WIDGET (list), "Documents (1 of 3)"));
  g_assert_true (gloss_project_set_attribute_value (project, fixture->type, fixture->docs[2], "Refugee-led", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_document_list_get_shown (list)), ==, 2);
  save_screenshot (GTK_WIDGET (fixture->window), "document-list-set");

  /* Matrices: code × document over the set's documents only. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "matrices", NULL);
  matrix = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_MATRIX_WINDOW);
  g_assert_nonnull (matrix);
  wait_for_matrix (matrix);
  m = gloss_matrix_window_get_matrix (matrix);
  g_assert_cmpint (m->values[0] + m->values[1] + m->values[2], ==, 6);
  gloss_matrix_window_set_set_id (matrix, fixture->led);
  wait_for_matrix (matrix);
  m = gloss_matrix_window_get_matrix (matrix);
  {
    gint64 total = 0;
    for (guint c = 0; c < m->col_labels->len; c++)
      total += m->values[c];
    g_assert_cmpint (total, ==, 4);
  }
  gtk_window_destroy (GTK_WINDOW (matrix));

  /* Export: the codings of the set's documents. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export", NULL);
  export = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (export);
  g_assert_true (gloss_export_dialog_set_format (export, "csv"));
  g_assert_cmpint (gloss_export_dialog_count_codings (export), ==, 6);
  gloss_export_dialog_set_set (export, fixture->led);
  g_assert_cmpint (gloss_export_dialog_count_codings (export), ==, 4);
  gtk_window_destroy (GTK_WINDOW (export));

  /* Agreement: the set's documents ticked. */
  agreement = gloss_agreement_window_present_for (fixture->window);
  g_assert_nonnull (agreement);
  spin (100);
  gloss_agreement_window_set_set (agreement, fixture->led);
  options = gloss_agreement_window_get_options (agreement);
  g_assert_cmpuint (options->document_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (options->document_ids, gint64, 0), ==, fixture->docs[0]);
  g_assert_cmpint (g_array_index (options->document_ids, gint64, 1), ==, fixture->docs[2]);
  g_clear_pointer (&options, gloss_agreement_options_free);
  gloss_agreement_window_set_set (agreement, 0);
  options = gloss_agreement_window_get_options (agreement);
  g_assert_cmpuint (options->document_ids->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (agreement));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "filter-documents", g_variant_new_int64 (0));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_document_list_get_shown (list)), ==, 3);
}

static gint64
code_at (GlossProject *project,
         gint64        document,
         gint64        coder,
         gint64        code,
         gint64        start,
         gint64        end)
{
  g_autoptr(GError) error = NULL;
  gint64 id = gloss_project_add_coding (project, document, coder, code, start, end, NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* The hits the window lists are the query's, as core runs it. */
static void
assert_hits (GlossQueryWindow *window,
             GlossProject     *project)
{
  g_autoptr(GlossQuery) query = gloss_query_window_dup_query (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = gloss_project_run_query (project, query, &error);
  g_autofree char *sentence = gloss_query_describe (project, query);
  GListModel *hits = gloss_query_window_get_hits (window);

  g_assert_no_error (error);
  g_assert_cmpstr (gloss_query_window_get_sentence (window), ==, sentence);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, codings->len);
  for (guint i = 0; i < codings->len; i++)
    {
      g_autoptr(GlossExcerptItem) item = g_list_model_get_item (hits, i);
      GlossCoding *coding = g_ptr_array_index (codings, i);

      g_assert_cmpint (gloss_excerpt_item_get_coding_id (item), ==, coding->id);
      g_assert_cmpstr (gloss_excerpt_item_get_text (item), ==, coding->quote);
    }
}

static gboolean
file_ready (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* A query put together as a sentence: its hits with their quotes, the
 * sentence core describes, a condition refused with its reason, coders
 * chosen, a hit opening its passage, the hits exported. */
static void
test_query (Fixture       *fixture,
            gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossQuery) query = gloss_query_new ();
  g_autofree char *out = g_build_filename (fixture->dir, "hits.csv", NULL);
  g_autofree char *csv = NULL;
  GlossQueryWindow *window;
  gint64 partnership, funding, independence, ann, ben, hit;
  gint64 deadline;

  partnership = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  funding = gloss_project_add_code (project, partnership, "Funding", NULL, NULL, &error);
  independence = gloss_project_add_code (project, 0, "Independence", NULL, NULL, &error);
  ann = gloss_project_add_coder (project, "Ann", NULL, &error);
  ben = gloss_project_add_coder (project, "Ben", NULL, &error);
  g_assert_no_error (error);
  hit = code_at (project, fixture->docs[0], ann, funding, 0, 26);
  code_at (project, fixture->docs[0], ann, independence, 20, 54);
  code_at (project, fixture->docs[1], ben, funding, 0, 28);
  code_at (project, fixture->docs[1], ben, independence, 40, 50);
  code_at (project, fixture->docs[2], ann, funding, 0, 20);
  code_at (project, fixture->docs[2], ben, independence, 10, 30);
  g_assert_true (gloss_project_set_attribute_value (project, fixture->type, fixture->docs[2], "refugee-led", &error));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "query", NULL);
  window = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_QUERY_WINDOW);
  g_assert_nonnull (window);
  assert_hits (window, project);

  /* Funding overlapping Independence in refugee-led contributions. */
  query->code_a = funding;
  query->op = GLOSS_QUERY_AND;
  query->code_b = independence;
  query->relation = GLOSS_QUERY_OVERLAPS;
  query->scope.set_id = fixture->led;
  gloss_query_window_set_query (window, query);
  assert_hits (window, project);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_query_window_get_hits (window)), ==, 2);
  g_assert_cmpstr (gloss_query_window_get_sentence (window), ==,
                   "Codings of Partnership/Funding overlapping Independence in the set “refugee-led”");
  save_screenshot (GTK_WIDGET (window), "query-window");

  /* A condition; one that does not read is refused with its reason. */
  gloss_query_window_set_condition (window, "year >= 2000");
  assert_hits (window, project);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_query_window_get_hits (window)), ==, 1);
  gloss_query_window_set_condition (window, "colour = red");
  g_assert_cmpstr (gloss_query_window_get_message (window), ==, "No document attribute “colour” in the project");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_query_window_get_hits (window)), ==, 0);
  gloss_query_window_set_condition (window, "");
  g_assert_null (gloss_query_window_get_message (window));

  /* Not, near, coders. */
  query->op = GLOSS_QUERY_NOT;
  query->scope.set_id = 0;
  gloss_query_window_set_query (window, query);
  assert_hits (window, project);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_query_window_get_hits (window)), ==, 1);
  query->op = GLOSS_QUERY_AND;
  query->relation = GLOSS_QUERY_NEAR;
  query->distance = 12;
  query->scope.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (query->scope.coder_ids, ben);
  gloss_query_window_set_query (window, query);
  assert_hits (window, project);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_query_window_get_hits (window)), ==, 1);
  g_clear_pointer (&query->scope.coder_ids, g_array_unref);

  /* A hit opens its passage with the coding in the inspector. */
  query->relation = GLOSS_QUERY_OVERLAPS;
  query->scope.set_id = fixture->led;
  gloss_query_window_set_query (window, query);
  gtk_widget_activate_action (GTK_WIDGET (window), "query.open-hit", "u", 0);
  g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, fixture->docs[0]);
  g_assert_cmpint (gloss_window_get_selected_coding (fixture->window), ==, hit);

  /* The hits as coded excerpts. */
  gloss_file_chooser_push_answer_for_test ((const char *[]) { out, NULL });
  gtk_widget_activate_action (GTK_WIDGET (window), "query.export", "s", "csv");
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!file_ready (out) && g_get_monotonic_time () < deadline)
    spin (20);
  spin (200);
  g_assert_true (g_file_get_contents (out, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, "Partnership needs funding."));
  g_assert_nonnull (strstr (csv, "Academic view: fundi"));
  g_assert_null (strstr (csv, "Legal aid depends"));
}

static char *
export_to (GtkWidget  *window,
           const char *action,
           Fixture    *fixture,
           const char *format)
{
  g_autofree char *name = g_strconcat ("crosstab.", format, NULL);
  char *path = g_build_filename (fixture->dir, name, NULL);
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  gloss_file_chooser_push_answer_for_test ((const char *[]) { path, NULL });
  gtk_widget_activate_action (window, action, "s", format);
  spin (200);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_free (path);
  return contents;
}

/* The crosstab as a table whose cells are core's, in each measure and
 * column kind, and as a chart; each exported in its formats. */
static void
test_crosstab (Fixture       *fixture,
               gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  GlossCrosstabOptions options = { 0 };
  GlossCrosstabWindow *window;
  const GlossCrosstab *shown;
  gint64 coders[2];
  static const GlossCrosstabMeasure measures[] = { GLOSS_CROSSTAB_CODINGS, GLOSS_CROSSTAB_DOCUMENTS, GLOSS_CROSSTAB_PERCENT };

  add_codings (fixture, coders);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "crosstab", NULL);
  window = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_CROSSTAB_WINDOW);
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  gloss_crosstab_window_set_columns (window, GLOSS_CROSSTAB_ATTRIBUTE, fixture->type);

  options.columns = GLOSS_CROSSTAB_ATTRIBUTE;
  options.attribute_id = fixture->type;
  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    {
      g_autoptr(GlossCrosstab) ct = gloss_project_crosstab (project, &options, &error);

      g_assert_no_error (error);
      gloss_crosstab_window_set_measure (window, measures[m]);
      shown = gloss_crosstab_window_get_crosstab (window);
      g_assert_nonnull (shown);
      g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (gloss_crosstab_window_get_column_view (window))),
                        ==, gloss_crosstab_n_cols (ct) + 2);
      for (guint r = 0; r < gloss_crosstab_n_rows (ct); r++)
        for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
          {
            double value = gloss_crosstab_get (ct, measures[m], r, c);
            g_autofree char *expected = measures[m] == GLOSS_CROSSTAB_PERCENT ? g_strdup_printf ("%.1f %%", value)
                                                                              : g_strdup_printf ("%.0f", value);
            g_autofree char *text = gloss_crosstab_window_dup_cell_text (window, r, c + 1);
            g_assert_cmpstr (text, ==, expected);
          }
    }

  /* Funding in refugee-led (a.txt): 2 codings, 1 document of 1, 100 %. */
  {
    g_autofree char *code = gloss_crosstab_window_dup_cell_text (window, 0, 0);
    g_autofree char *percent = gloss_crosstab_window_dup_cell_text (window, 0, 1);
    g_assert_cmpstr (code, ==, "Funding");
    g_assert_cmpstr (percent, ==, "100.0 %");
  }
  gloss_crosstab_window_set_measure (window, GLOSS_CROSSTAB_CODINGS);
  {
    g_autofree char *total = gloss_crosstab_window_dup_cell_text (window, 0, gloss_crosstab_n_cols (shown) + 1);
    g_assert_cmpstr (total, ==, "6");
  }

  /* Sets and coders as columns; a row per coder. */
  gloss_crosstab_window_set_columns (window, GLOSS_CROSSTAB_SETS, 0);
  shown = gloss_crosstab_window_get_crosstab (window);
  g_assert_cmpuint (gloss_crosstab_n_cols (shown), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (shown->col_labels, 0), ==, "refugee-led");
  gloss_crosstab_window_set_columns (window, GLOSS_CROSSTAB_CODERS, 0);
  gloss_crosstab_window_set_options (window, FALSE, TRUE, 0);
  shown = gloss_crosstab_window_get_crosstab (window);
  {
    GlossCrosstabOptions by_coder = { .columns = GLOSS_CROSSTAB_CODERS, .by_coder = TRUE };
    g_autoptr(GlossCrosstab) ct = gloss_project_crosstab (project, &by_coder, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (gloss_crosstab_n_rows (shown), ==, gloss_crosstab_n_rows (ct));
    g_assert_cmpuint (gloss_crosstab_n_rows (shown), >=, 2);
    g_assert_cmpstr (g_ptr_array_index (shown->row_labels, 0), ==, g_ptr_array_index (ct->row_labels, 0));
  }
  gloss_crosstab_window_set_options (window, FALSE, FALSE, 0);
  gloss_crosstab_window_set_columns (window, GLOSS_CROSSTAB_ATTRIBUTE, fixture->type);

  /* Exports: the table through the table writer, the chart through cairo. */
  {
    g_autofree char *csv = export_to (GTK_WIDGET (window), "crosstab.export", fixture, "csv");
    g_autofree char *xlsx = export_to (GTK_WIDGET (window), "crosstab.export", fixture, "xlsx");
    g_autofree char *html = export_to (GTK_WIDGET (window), "crosstab.export", fixture, "html");
    g_autofree char *png = export_to (GTK_WIDGET (window), "crosstab.export", fixture, "png");
    g_autofree char *svg = export_to (GTK_WIDGET (window), "crosstab.export", fixture, "svg");
    g_autofree char *pdf = export_to (GTK_WIDGET (window), "crosstab.export", fixture, "pdf");
    g_autofree char *png_path = g_build_filename (fixture->dir, "crosstab.png", NULL);
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (png_path, &error);
    double width, height;

    g_assert_nonnull (strstr (csv, "legal aid network"));
    g_assert_true (g_str_has_prefix (xlsx, "PK"));
    g_assert_nonnull (strstr (html, "<table"));
    g_assert_true (g_str_has_prefix (png, "\x89PNG"));
    g_assert_nonnull (strstr (svg, "<svg"));
    g_assert_true (g_str_has_prefix (pdf, "%PDF"));
    g_assert_no_error (error);
    gloss_crosstab_chart_size (gloss_crosstab_window_get_crosstab (window), &width, &height);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) ceil (width));
  }

  save_screenshot (GTK_WIDGET (window), "crosstab-table");
  gloss_crosstab_window_show_page (window, "chart");
  save_screenshot (GTK_WIDGET (window), "crosstab-chart");
}

/* The bundled sample's first crosstab means something: its contributions
 * by type of actor, as a chart, in percent of documents. */
static void
test_sample_crosstab (void)
{
  const char *sample = g_getenv ("GLOSS_SAMPLE_PROJECT");
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-sample-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sample.gloss", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GlossWindow *window;
  GlossCrosstabWindow *crosstab;
  const GlossCrosstab *ct;
  gsize length;
  double total = 0;

  g_assert_nonnull (sample);
  g_assert_true (g_file_get_contents (sample, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_true (gloss_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "crosstab", NULL);
  crosstab = find_toplevel (GTK_WINDOW (window), GLOSS_TYPE_CROSSTAB_WINDOW);
  g_assert_nonnull (crosstab);
  gtk_window_set_default_size (GTK_WINDOW (crosstab), 1024, 600);
  ct = gloss_crosstab_window_get_crosstab (crosstab);
  g_assert_nonnull (ct);
  g_assert_cmpstr (g_ptr_array_index (ct->col_labels, 0), ==, "refugee-led organisation");
  g_assert_cmpuint (gloss_crosstab_n_rows (ct), >, 3);
  for (guint r = 0; r < gloss_crosstab_n_rows (ct); r++)
    for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
      total += gloss_crosstab_get (ct, GLOSS_CROSSTAB_CODINGS, r, c);
  g_assert_cmpfloat (total, >, 10);
  gloss_crosstab_window_set_measure (crosstab, GLOSS_CROSSTAB_PERCENT);
  gloss_crosstab_window_show_page (crosstab, "chart");
  save_screenshot (GTK_WIDGET (crosstab), "sample-crosstab-chart");
  /* It fits a 1,024 × 600 screen. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (crosstab)), <=, 1024);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (crosstab)), <=, 600);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  spin (50);
}

/* A plain AdwMessageDialog (not one of ours) the window @parent opened. */
static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  spin (50);
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_OBJECT_TYPE (l->data) == ADW_TYPE_MESSAGE_DIALOG && gtk_window_get_transient_for (l->data) == parent &&
        gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static GlossAttribute *
stored_attribute (Fixture *fixture,
                  gint64   attribute)
{
  g_autoptr(GlossProject) project = open_project (fixture->path);

  return gloss_project_get_attribute (project, attribute, NULL);
}

/* Whether @menu (or a section of it) has an item for @action with @target. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action,
                 gint64      target)
{
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0 && value != NULL &&
          g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) && g_variant_get_int64 (value) == target)
        return TRUE;
    }
  return FALSE;
}

/* An attribute renamed and retyped from its column's header menu, with the
 * core's conversions and refusals; deleted after asking; each undone. */
static void
test_attribute_edit (Fixture       *fixture,
                     gconstpointer  data)
{
  GlossDocumentTable *table = open_table (fixture);
  GlossAttributeDialog *dialog;
  AdwMessageDialog *ask;
  g_autoptr(GlossAttribute) attribute = NULL;
  GMenuModel *menu = gtk_column_view_column_get_header_menu (gloss_document_table_get_column (table, fixture->year));

  g_assert_true (menu_has_action (menu, "table.edit-attribute", fixture->year));
  g_assert_true (menu_has_action (menu, "table.delete-attribute", fixture->year));

  /* Renamed and retyped at once: a date becomes text. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.edit-attribute", "x", fixture->submitted);
  dialog = find_toplevel (GTK_WINDOW (table), GLOSS_TYPE_ATTRIBUTE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (gloss_attribute_dialog_get_attribute_id (dialog), ==, fixture->submitted);
  {
    g_autofree char *name = gloss_attribute_dialog_dup_name (dialog);
    g_assert_cmpstr (name, ==, "submitted");
    g_assert_cmpint (gloss_attribute_dialog_get_attribute_type (dialog), ==, GLOSS_ATTRIBUTE_DATE);
  }
  gloss_attribute_dialog_fill (dialog, "sent", GLOSS_ATTRIBUTE_TEXT, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  spin (100);
  attribute = stored_attribute (fixture, fixture->submitted);
  g_assert_cmpstr (attribute->name, ==, "sent");
  g_assert_cmpint (attribute->type, ==, GLOSS_ATTRIBUTE_TEXT);
  g_clear_pointer (&attribute, gloss_attribute_free);
  g_assert_cmpstr (gtk_column_view_column_get_title (gloss_document_table_get_column (table, fixture->submitted)),
                   ==, "sent");

  /* Numbers to yes/no: 2021 and 9.5 do not convert. The user is told, and
   * nothing changes until they agree. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.edit-attribute", "x", fixture->year);
  dialog = find_toplevel (GTK_WINDOW (table), GLOSS_TYPE_ATTRIBUTE_DIALOG);
  gloss_attribute_dialog_fill (dialog, "year", GLOSS_ATTRIBUTE_BOOLEAN, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  ask = find_message_dialog (GTK_WINDOW (table));
  g_assert_nonnull (ask);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask),
                            "2 values of “year” do not convert to boolean: a.txt: 2021; c.txt: 9.5"));
  adw_message_dialog_response (ask, "cancel");
  spin (100);
  attribute = stored_attribute (fixture, fixture->year);
  g_assert_cmpint (attribute->type, ==, GLOSS_ATTRIBUTE_NUMBER);
  g_clear_pointer (&attribute, gloss_attribute_free);
  assert_stored (fixture, fixture->year, fixture->docs[0], "2021");

  gtk_widget_activate_action (GTK_WIDGET (table), "table.edit-attribute", "x", fixture->year);
  dialog = find_toplevel (GTK_WINDOW (table), GLOSS_TYPE_ATTRIBUTE_DIALOG);
  gloss_attribute_dialog_fill (dialog, "year", GLOSS_ATTRIBUTE_BOOLEAN, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  ask = find_message_dialog (GTK_WINDOW (table));
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "empty");
  spin (100);
  attribute = stored_attribute (fixture, fixture->year);
  g_assert_cmpint (attribute->type, ==, GLOSS_ATTRIBUTE_BOOLEAN);
  g_clear_pointer (&attribute, gloss_attribute_free);
  assert_stored (fixture, fixture->year, fixture->docs[0], NULL);
  gtk_widget_activate_action (GTK_WIDGET (table), "table.undo", NULL);
  attribute = stored_attribute (fixture, fixture->year);
  g_assert_cmpint (attribute->type, ==, GLOSS_ATTRIBUTE_NUMBER);
  g_clear_pointer (&attribute, gloss_attribute_free);
  assert_stored (fixture, fixture->year, fixture->docs[0], "2021");

  /* A name taken is refused with the reason. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.change-attribute", "(xsssb)", fixture->year, "online",
                              "number", "", FALSE);
  spin (300);
  g_assert_true (shows_text (GTK_WIDGET (table), "There is already an attribute “online”"));
  attribute = stored_attribute (fixture, fixture->year);
  g_assert_cmpstr (attribute->name, ==, "year");
  g_clear_pointer (&attribute, gloss_attribute_free);

  /* A set's rule that names it is named before. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.delete-attribute", "x", fixture->type);
  ask = find_message_dialog (GTK_WINDOW (table));
  g_assert_nonnull (ask);
  g_assert_cmpstr (adw_message_dialog_get_body (ask), ==,
                   "Its values on 2 documents go with it. Undo brings them back. "
                   "The rule of the set “refugee-led” names it and will not read until it is changed.");
  adw_message_dialog_response (ask, "cancel");
  spin (100);

  /* Deleted after asking, with its values; the toast's Undo brings them back. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.delete-attribute", "x", fixture->year);
  ask = find_message_dialog (GTK_WINDOW (table));
  g_assert_nonnull (ask);
  g_assert_cmpstr (adw_message_dialog_get_heading (ask), ==, "Delete “year”?");
  g_assert_cmpstr (adw_message_dialog_get_body (ask), ==,
                   "Its values on 2 documents go with it. Undo brings them back.");
  adw_message_dialog_response (ask, "cancel");
  spin (100);
  g_assert_nonnull ((attribute = stored_attribute (fixture, fixture->year)));
  g_clear_pointer (&attribute, gloss_attribute_free);

  gtk_widget_activate_action (GTK_WIDGET (table), "table.delete-attribute", "x", fixture->year);
  adw_message_dialog_response (find_message_dialog (GTK_WINDOW (table)), "delete");
  spin (300);
  g_assert_null (stored_attribute (fixture, fixture->year));
  g_assert_null (gloss_document_table_get_column (table, fixture->year));
  g_assert_true (shows_text (GTK_WIDGET (table), "Attribute “year” deleted"));
  gtk_widget_activate_action (GTK_WIDGET (table), "table.undo", NULL);
  assert_stored (fixture, fixture->year, fixture->docs[0], "2021");
  assert_stored (fixture, fixture->year, fixture->docs[2], "9.5");
  g_assert_nonnull (gloss_document_table_get_column (table, fixture->year));

  /* Deleted while a set whose rule names it is chosen: the set holds no
   * documents until its rule is changed, and nothing complains. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.filter-by-set", "x", fixture->led);
  assert_row_order (table, (gint64[]) { fixture->docs[0] }, 1);
  gtk_widget_activate_action (GTK_WIDGET (table), "table.delete-attribute", "x", fixture->type);
  adw_message_dialog_response (find_message_dialog (GTK_WINDOW (table)), "delete");
  spin (100);
  assert_row_order (table, NULL, 0);
  g_assert_true (shows_text (GTK_WIDGET (table), "0 of 3 documents"));
  gtk_widget_activate_action (GTK_WIDGET (table), "table.undo", NULL);
  assert_row_order (table, (gint64[]) { fixture->docs[0] }, 1);
}

static GlossSet *
stored_set (Fixture *fixture,
            gint64   set)
{
  g_autoptr(GlossProject) project = open_project (fixture->path);

  return gloss_project_get_set (project, set, NULL);
}

/* A set's rule changed in the window, checked as it is typed: a rule that
 * does not read says why and cannot be saved. */
static void
test_set_rule (Fixture       *fixture,
               gconstpointer  data)
{
  GlossDocumentTable *table = open_table (fixture);
  GtkWidget *chooser = gloss_document_table_get_set_chooser (table);
  g_autoptr(GlossSet) set = NULL;
  GlossSetDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (table), "table.filter-by-set", "x", fixture->led);
  gtk_widget_activate_action (GTK_WIDGET (table), "table.edit-set", "x", (gint64) 0);
  dialog = find_toplevel (GTK_WINDOW (table), GLOSS_TYPE_SET_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (gloss_set_dialog_get_set_id (dialog), ==, fixture->led);
  g_assert_cmpstr (gtk_editable_get_text (gloss_set_dialog_get_rule (dialog)), ==, "type of actor = refugee-led");
  g_assert_cmpstr (gloss_set_dialog_get_status (dialog), ==, "1 document meets the rule now");

  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "colour = red");
  g_assert_cmpstr (gloss_set_dialog_get_status (dialog), ==, "No document attribute “colour” in the project");
  g_assert_false (gloss_set_dialog_get_rule_valid (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "year >");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "year > 1");
  g_assert_cmpstr (gloss_set_dialog_get_status (dialog), ==, "2 documents meet the rule now");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (gloss_set_dialog_get_name (dialog), "dated");
  save_screenshot (GTK_WIDGET (dialog), "set-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  spin (100);

  set = stored_set (fixture, fixture->led);
  g_assert_cmpstr (set->name, ==, "dated");
  g_assert_cmpstr (set->rule, ==, "year > 1");
  g_assert_cmpint (gloss_set_chooser_get_set_id (GLOSS_SET_CHOOSER (chooser)), ==, fixture->led);
  assert_row_order (table, (gint64[]) { fixture->docs[0], fixture->docs[2] }, 2);

  /* One step: undone at once. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.undo", NULL);
  g_clear_pointer (&set, gloss_set_free);
  set = stored_set (fixture, fixture->led);
  g_assert_cmpstr (set->name, ==, "refugee-led");
  g_assert_cmpstr (set->rule, ==, "type of actor = refugee-led");

  /* Through the action: a bad rule refused with the reason, nothing changed. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.change-set", "(xss)", fixture->led, "x", "colour = red");
  spin (300);
  g_assert_true (shows_text (GTK_WIDGET (table), "No document attribute “colour” in the project"));
  g_clear_pointer (&set, gloss_set_free);
  set = stored_set (fixture, fixture->led);
  g_assert_cmpstr (set->name, ==, "refugee-led");

  /* The New Set dialog checks the same way. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.new-set", NULL);
  dialog = find_toplevel (GTK_WINDOW (table), GLOSS_TYPE_SET_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (gloss_set_dialog_get_set_id (dialog), ==, 0);
  gtk_editable_set_text (gloss_set_dialog_get_name (dialog), "online ones");
  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "colour = red");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "");
  g_assert_cmpstr (gloss_set_dialog_get_status (dialog), ==, "Without a rule: the documents shown now");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  spin (100);
  {
    GlossProject *project = gloss_window_get_project (fixture->window);
    gint64 id = gloss_project_find_set (project, "online ones", NULL);
    g_autoptr(GArray) members = gloss_project_get_set_members (project, id, NULL);

    g_assert_cmpint (id, >, 0);
    g_assert_cmpuint (members->len, ==, 1);
    g_assert_cmpint (g_array_index (members, gint64, 0), ==, fixture->docs[0]);
  }
}

/* The GUIDs of the columns hidden for the project at @path. */
static GStrv
hidden_columns (const char *path)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.glossqda.Gloss");
  g_autoptr(GVariant) all = g_settings_get_value (settings, "document-table-settings");
  g_autoptr(GVariant) one = g_variant_lookup_value (all, path, G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) hidden = one != NULL ? g_variant_lookup_value (one, "hidden-columns",
                                                                     G_VARIANT_TYPE_STRING_ARRAY) : NULL;

  return hidden != NULL ? g_variant_dup_strv (hidden, NULL) : NULL;
}

/* The columns hidden stay hidden when the table opens again, for this
 * project only; attributes added later are shown. */
static void
test_columns_remembered (Fixture       *fixture,
                         gconstpointer  data)
{
  GlossDocumentTable *table = open_table (fixture);
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GlossAttribute) online = gloss_project_get_attribute (project, fixture->online, NULL);
  g_autofree char *hide_online = g_strdup_printf ("columns.attribute-%" G_GINT64_FORMAT, fixture->online);
  g_autofree char *hide_year = g_strdup_printf ("columns.attribute-%" G_GINT64_FORMAT, fixture->year);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) hidden = NULL;
  gint64 region;

  gtk_widget_activate_action (GTK_WIDGET (table), hide_online, NULL);
  gtk_widget_activate_action (GTK_WIDGET (table), hide_year, NULL);
  gtk_widget_activate_action (GTK_WIDGET (table), hide_year, NULL);
  hidden = hidden_columns (gloss_project_get_path (project));
  g_assert_nonnull (hidden);
  g_assert_cmpuint (g_strv_length (hidden), ==, 1);
  g_assert_cmpstr (hidden[0], ==, online->guid);
  gtk_window_destroy (GTK_WINDOW (table));
  spin (50);

  region = gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "region", GLOSS_ATTRIBUTE_TEXT, NULL,
                                        &error);
  g_assert_no_error (error);
  table = open_table (fixture);
  g_assert_false (gtk_column_view_column_get_visible (gloss_document_table_get_column (table, fixture->online)));
  g_assert_true (gtk_column_view_column_get_visible (gloss_document_table_get_column (table, fixture->year)));
  g_assert_true (gtk_column_view_column_get_visible (gloss_document_table_get_column (table, region)));
  /* Another project starts with every column. */
  {
    g_autofree char *other = g_build_filename (fixture->dir, "other.gloss", NULL);
    g_autoptr(GlossProject) copy = gloss_project_create (other, "Other", &error);
    g_auto(GStrv) none = NULL;

    g_assert_no_error (error);
    none = hidden_columns (other);
    g_assert_null (none);
  }

  /* Shown again: forgotten. */
  gtk_widget_activate_action (GTK_WIDGET (table), hide_online, NULL);
  g_clear_pointer (&hidden, g_strfreev);
  hidden = hidden_columns (gloss_project_get_path (project));
  g_assert_cmpuint (g_strv_length (hidden), ==, 0);
  g_assert_true (gtk_column_view_column_get_visible (gloss_document_table_get_column (table, fixture->online)));
}

/* A case's description changed where it is shown, undone in the window. */
static void
test_case_description (Fixture       *fixture,
                       gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  GlossCasesWindow *cases;
  GtkEditable *description;
  gint64 org;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "cases", NULL);
  cases = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_CASES_WINDOW);
  g_assert_nonnull (cases);
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.create", "s", "Org A");
  org = gloss_project_find_case (project, "Org A", &error);
  g_assert_no_error (error);

  description = gloss_cases_window_get_description (cases);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (description)));
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "");
  gtk_editable_set_text (description, " A refugee-led network in Kampala ");
  g_signal_emit_by_name (description, "activate");
  spin (50);
  {
    g_autoptr(GlossProject) stored = open_project (fixture->path);
    g_autoptr(GlossCase) item = gloss_project_get_case (stored, org, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (item->description, ==, "A refugee-led network in Kampala");
  }
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "A refugee-led network in Kampala");
  save_screenshot (GTK_WIDGET (cases), "case-description");

  /* Pressing Enter again changes nothing: no step of its own. */
  g_signal_emit_by_name (description, "activate");
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "undo", NULL);
  spin (50);
  {
    g_autoptr(GlossProject) stored = open_project (fixture->path);
    g_autoptr(GlossCase) item = gloss_project_get_case (stored, org, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (item->description, ==, "");
  }
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "");

  /* Through the action; a case not there is refused with the reason. */
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.describe", "(xs)", org + 100, "x");
  g_assert_cmpstr (gloss_cases_window_get_message (cases), ==, "No case 101 in the project");

  /* A coder has no description. */
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.show", "(sx)", "coder",
                              gloss_project_add_coder (project, "Amina", NULL, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (description)));
}

/* The excerpts pane lists what the query window finds, stays current, and
 * walks through the hits with the document view. */
static void
test_query_in_excerpts (Fixture       *fixture,
                        gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  GlossExcerptsPane *pane = GLOSS_EXCERPTS_PANE (find_descendant (GTK_WIDGET (fixture->window),
                                                                  GLOSS_TYPE_EXCERPTS_PANE));
  g_autoptr(GlossQuery) query = gloss_query_new ();
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;
  GlossQueryWindow *window;
  GListModel *items;
  gint64 funding, independence, ann;

  funding = gloss_project_add_code (project, 0, "Funding", NULL, NULL, &error);
  independence = gloss_project_add_code (project, 0, "Independence", NULL, NULL, &error);
  ann = gloss_project_add_coder (project, "Ann", NULL, &error);
  g_assert_no_error (error);
  code_at (project, fixture->docs[0], ann, funding, 0, 26);
  code_at (project, fixture->docs[0], ann, independence, 20, 54);
  code_at (project, fixture->docs[1], ann, funding, 0, 28);
  code_at (project, fixture->docs[1], ann, independence, 40, 50);
  code_at (project, fixture->docs[2], ann, funding, 0, 20);
  code_at (project, fixture->docs[2], ann, independence, 10, 30);
  /* The coder coding in this window, who has coded nothing yet. */
  gloss_window_set_active_coder (fixture->window, gloss_project_add_coder (project, "Bea", NULL, &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "query", NULL);
  window = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_QUERY_WINDOW);
  g_assert_nonnull (window);
  query->code_a = funding;
  query->op = GLOSS_QUERY_AND;
  query->code_b = independence;
  query->relation = GLOSS_QUERY_OVERLAPS;
  gloss_query_window_set_query (window, query);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)) == FALSE ||
                 gloss_excerpts_pane_get_mode (pane) != GLOSS_EXCERPTS_QUERY);

  gtk_widget_activate_action (GTK_WIDGET (window), "query.show-in-excerpts", NULL);
  spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_cmpint (gloss_excerpts_pane_get_mode (pane), ==, GLOSS_EXCERPTS_QUERY);
  /* Blind coding: the hits of the coder coding, none of Ann's. */
  g_assert_true (shows_text (GTK_WIDGET (pane), "Query — 0 excerpts"));
  g_assert_true (shows_text (GTK_WIDGET (pane), "Codings of Funding overlapping Independence"));
  g_assert_true (shows_text (GTK_WIDGET (pane), "The query finds nothing among the codings shown: "
                                                "blind coding shows only the active coder’s."));
  gloss_window_set_active_coder (fixture->window, ann);
  spin (50);
  g_assert_true (shows_text (GTK_WIDGET (pane), "Query — 2 excerpts"));

  codings = gloss_project_run_query (project, query, &error);
  g_assert_no_error (error);
  items = gloss_excerpts_pane_get_items (pane);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, codings->len);
  for (guint i = 0; i < codings->len; i++)
    {
      g_autoptr(GlossExcerptItem) item = g_list_model_get_item (items, i);
      GlossCoding *coding = g_ptr_array_index (codings, i);

      g_assert_cmpint (gloss_excerpt_item_get_coding_id (item), ==, coding->id);
      /* Each hit opens in the document view with its coding chosen. */
      gloss_excerpts_pane_activate (pane, i);
      spin (50);
      g_assert_cmpint (gloss_window_get_document_id (fixture->window), ==, coding->document_id);
      g_assert_cmpint (gloss_window_get_selected_coding (fixture->window), ==, coding->id);
    }
  save_screenshot (GTK_WIDGET (fixture->window), "query-in-excerpts");

  /* The pane keeps its own copy: the window's query may change. */
  query->op = GLOSS_QUERY_ONLY;
  gloss_query_window_set_query (window, query);
  g_assert_cmpint (gloss_excerpts_pane_get_query (pane)->op, ==, GLOSS_QUERY_AND);

  /* A new coding that the query finds shows up. */
  code_at (project, fixture->docs[2], ann, independence, 5, 15);
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  code_at (project, fixture->docs[1], ann, independence, 2, 6);
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);

  /* An attribute the condition needs, deleted: the reason, no hits. */
  query->op = GLOSS_QUERY_AND;
  query->scope.where = g_strdup ("year > 1");
  gloss_query_window_set_query (window, query);
  gtk_widget_activate_action (GTK_WIDGET (window), "query.show-in-excerpts", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_true (gloss_project_delete_attribute (project, fixture->year, &error));
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);
  g_assert_true (shows_text (GTK_WIDGET (pane), "No document attribute “year” in the project"));
}

/* A case attribute renamed, retyped and deleted from its row in the Cases
 * window, as the documents' are from their columns. */
static void
test_case_attribute_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAttribute) attribute = NULL;
  GlossAttributeSheet *sheet;
  GlossAttributeDialog *dialog;
  GlossCasesWindow *cases;
  AdwMessageDialog *ask;
  gint64 org, size;

  org = gloss_project_add_case (project, "Org A", NULL, &error);
  size = gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_CASE, "size", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  g_assert_true (gloss_project_set_attribute_value (project, size, org, "about 12", &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "cases", NULL);
  cases = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_CASES_WINDOW);
  g_assert_nonnull (cases);
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.show", "(sx)", "case", org);
  sheet = gloss_cases_window_get_sheet (cases);
  spin (50);

  /* Text to number: “about 12” does not convert; asked, then emptied. */
  gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.edit-attribute", "x", size);
  dialog = find_toplevel (GTK_WINDOW (cases), GLOSS_TYPE_ATTRIBUTE_DIALOG);
  g_assert_nonnull (dialog);
  gloss_attribute_dialog_fill (dialog, "staff", GLOSS_ATTRIBUTE_NUMBER, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  ask = find_message_dialog (GTK_WINDOW (cases));
  g_assert_nonnull (ask);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask),
                            "1 value of “size” does not convert to number: Org A: about 12"));
  adw_message_dialog_response (ask, "empty");
  spin (100);
  attribute = stored_attribute (fixture, size);
  g_assert_cmpstr (attribute->name, ==, "staff");
  g_assert_cmpint (attribute->type, ==, GLOSS_ATTRIBUTE_NUMBER);
  g_clear_pointer (&attribute, gloss_attribute_free);
  assert_stored (fixture, size, org, NULL);
  enter (gloss_attribute_sheet_get_cell (sheet, size), "12");
  assert_stored (fixture, size, org, "12");

  /* Deleted after asking; undone in the window. */
  gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.delete-attribute", "x", size);
  ask = find_message_dialog (GTK_WINDOW (cases));
  g_assert_nonnull (ask);
  g_assert_cmpstr (adw_message_dialog_get_body (ask), ==, "Its 1 value goes with it. Undo brings it back.");
  adw_message_dialog_response (ask, "delete");
  spin (100);
  g_assert_null (stored_attribute (fixture, size));
  g_assert_null (gloss_attribute_sheet_get_cell (sheet, size));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "undo", NULL);
  spin (50);
  assert_stored (fixture, size, org, "12");
  g_assert_nonnull (gloss_attribute_sheet_get_cell (sheet, size));
}

/* The sidebar's set chooser edits the chosen set with the same dialog. */

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_sidebar_edit_set (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (fixture->window), GLOSS_TYPE_DOCUMENT_LIST);
  GtkWidget *button = find_actionable (list, "sidebar.edit-set");
  g_autoptr(GlossSet) set = NULL;
  GlossSetDialog *dialog;

  g_assert_nonnull (button);
  /* All documents: nothing to edit. */
  g_assert_cmpint (gloss_document_list_get_set_id (GLOSS_DOCUMENT_LIST (list)), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (button));

  gloss_document_list_set_set_id (GLOSS_DOCUMENT_LIST (list), fixture->led);
  spin (50);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (shows_text (list, "Documents (1 of 3)"));
  g_signal_emit_by_name (button, "clicked");
  dialog = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_SET_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (gloss_set_dialog_get_set_id (dialog), ==, fixture->led);
  g_assert_cmpstr (gtk_editable_get_text (gloss_set_dialog_get_rule (dialog)), ==, "type of actor = refugee-led");
  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "colour = red");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "year > 1");
  gtk_editable_set_text (gloss_set_dialog_get_name (dialog), "dated");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  spin (100);

  set = stored_set (fixture, fixture->led);
  g_assert_cmpstr (set->name, ==, "dated");
  g_assert_cmpstr (set->rule, ==, "year > 1");
  /* The sidebar shows the set as it now is. */
  g_assert_cmpint (gloss_document_list_get_set_id (GLOSS_DOCUMENT_LIST (list)), ==, fixture->led);
  g_assert_true (shows_text (list, "Documents (2 of 3)"));

  /* Cancelled: nothing changes. */
  g_signal_emit_by_name (button, "clicked");
  dialog = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_SET_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (gloss_set_dialog_get_rule (dialog), "year > 3000");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  spin (100);
  g_clear_pointer (&set, gloss_set_free);
  set = stored_set (fixture, fixture->led);
  g_assert_cmpstr (set->rule, ==, "year > 1");

  gloss_document_list_set_set_id (GLOSS_DOCUMENT_LIST (list), 0);
  spin (50);
  g_assert_false (gtk_widget_is_sensitive (button));
}

/* Quotes in one-line rows of the query, cases and attribute views: a word
 * broken at a line end reads whole, other line breaks read as spaces. */

#define HYPHENATED_TEXT "Lorem ipsum dolor sit amet, consectetur adip-\niscing elit,\nsed do eiusmod tempor."
#define HYPHENATED_QUOTE "consectetur adip-\niscing elit,\nsed"
#define JOINED_QUOTE "consectetur adipiscing elit, sed"

static void
test_hyphenated_quotes (Fixture       *fixture,
                        gconstpointer  data)
{
  GlossProject *project = gloss_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossQuery) query = gloss_query_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *case_line = NULL;
  g_autofree char *sheet_line = NULL;
  const char *start_of_quote = strstr (HYPHENATED_TEXT, "consectetur");
  gint64 document, trust, ann, org, start, end;
  GlossQueryWindow *window;
  GlossCasesWindow *cases;
  GtkWidget *sheet, *holder;

  document = gloss_project_import_text (project, "lorem.txt", HYPHENATED_TEXT, -1, &error);
  g_assert_no_error (error);
  trust = gloss_project_add_code (project, 0, "Trust", NULL, NULL, &error);
  ann = gloss_project_add_coder (project, "Ann", NULL, &error);
  g_assert_no_error (error);
  start = g_utf8_pointer_to_offset (HYPHENATED_TEXT, start_of_quote);
  end = start + g_utf8_strlen (HYPHENATED_QUOTE, -1);
  code_at (project, document, ann, trust, start, end);

  /* The query window's hit. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "query", NULL);
  window = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_QUERY_WINDOW);
  g_assert_nonnull (window);
  query->code_a = trust;
  query->op = GLOSS_QUERY_ONLY;
  gloss_query_window_set_query (window, query);
  spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_query_window_get_hits (window)), ==, 1);
  g_assert_true (shows_text (GTK_WIDGET (window), JOINED_QUOTE));
  g_assert_false (shows_text (GTK_WIDGET (window), HYPHENATED_QUOTE));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The passage in a case: the Cases window and the document's sheet. */
  org = gloss_project_add_case (project, "Org", NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_case_member (project, org, document, start, end, &error);
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "cases", NULL);
  cases = find_toplevel (GTK_WINDOW (fixture->window), GLOSS_TYPE_CASES_WINDOW);
  g_assert_nonnull (cases);
  gtk_widget_activate_action (GTK_WIDGET (cases), "cases.show", "(sx)", "case", org);
  lines = gloss_cases_window_dup_member_lines (cases);
  case_line = g_strdup_printf ("lorem.txt, %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ": “%s”", start, end, JOINED_QUOTE);
  assert_lines (lines, (const char *[]) { case_line, NULL });
  g_clear_pointer (&lines, g_ptr_array_unref);

  sheet = gloss_attribute_sheet_new ();
  holder = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (holder), sheet);
  gloss_attribute_sheet_set_target (GLOSS_ATTRIBUTE_SHEET (sheet), project, GLOSS_ATTRIBUTE_ON_DOCUMENT, document);
  gtk_window_present (GTK_WINDOW (holder));
  spin (100);
  lines = gloss_attribute_sheet_dup_case_lines (GLOSS_ATTRIBUTE_SHEET (sheet));
  sheet_line = g_strdup_printf ("Org: %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " “%s”", start, end, JOINED_QUOTE);
  assert_lines (lines, (const char *[]) { sheet_line, NULL });
  gtk_window_destroy (GTK_WINDOW (holder));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/cases-window/table-edit", Fixture, NULL, fixture_set_up, test_table_edit, fixture_tear_down);
  g_test_add ("/cases-window/table-columns", Fixture, NULL, fixture_set_up, test_table_columns, fixture_tear_down);
  g_test_add ("/cases-window/sets", Fixture, NULL, fixture_set_up, test_sets, fixture_tear_down);
  g_test_add ("/cases-window/query", Fixture, NULL, fixture_set_up, test_query, fixture_tear_down);
  g_test_add ("/cases-window/crosstab", Fixture, NULL, fixture_set_up, test_crosstab, fixture_tear_down);
  g_test_add ("/cases-window/inspector-and-cases", Fixture, NULL, fixture_set_up, test_inspector_and_cases,
              fixture_tear_down);

  g_test_add ("/cases-window/attribute-edit", Fixture, NULL, fixture_set_up, test_attribute_edit, fixture_tear_down);
  g_test_add ("/cases-window/set-rule", Fixture, NULL, fixture_set_up, test_set_rule, fixture_tear_down);
  g_test_add ("/cases-window/columns-remembered", Fixture, NULL, fixture_set_up, test_columns_remembered,
              fixture_tear_down);
  g_test_add ("/cases-window/case-attribute-edit", Fixture, NULL, fixture_set_up, test_case_attribute_edit,
              fixture_tear_down);
  g_test_add ("/cases-window/case-description", Fixture, NULL, fixture_set_up, test_case_description,
              fixture_tear_down);
  g_test_add ("/cases-window/query-in-excerpts", Fixture, NULL, fixture_set_up, test_query_in_excerpts,
              fixture_tear_down);

  g_test_add ("/cases-window/sidebar-edit-set", Fixture, NULL, fixture_set_up, test_sidebar_edit_set,
              fixture_tear_down);
  g_test_add ("/cases-window/hyphenated-quotes", Fixture, NULL, fixture_set_up, test_hyphenated_quotes,
              fixture_tear_down);

  g_test_add_func ("/cases-window/sample-crosstab", test_sample_crosstab);

  return g_test_run ();
}
