/* gloss-matrix-window.c: code matrices as tables
 *
 * The matrix is computed in a thread; its columns are made afresh for
 * each one (documents, coders or codes across), one list item per code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-file-chooser.h"
#include "gloss-matrix-row.h"
#include "gloss-matrix-window.h"
#include "gloss-set-chooser.h"
#include "gloss-toast.h"

/* Pixels; enough for a number and the start of a document title. */
#define NUMBER_COLUMN_WIDTH 150

struct _GlossMatrixWindow
{
  AdwWindow        parent_instance;

  GlossProject    *project;
  GCancellable    *cancellable;   /* the computation under way */
  GlossMatrix     *matrix;
  GListStore      *rows;          /* GlossMatrixRow */

  AdwToastOverlay *toast_overlay;
  GtkDropDown     *kind_dropdown;
  GlossSetChooser *set_chooser;
  GtkSwitch       *presence_switch;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  GtkColumnView   *column_view;
  GtkLabel        *caption_label;
};

G_DEFINE_FINAL_TYPE (GlossMatrixWindow, gloss_matrix_window, ADW_TYPE_WINDOW)

enum {
  COMPUTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the kind dropdown's model. */
static const GlossMatrixKind kinds[] = {
  GLOSS_MATRIX_CODE_DOCUMENT,
  GLOSS_MATRIX_CODE_CODER,
  GLOSS_MATRIX_COOCCURRENCE,
};

static GlossMatrixKind
current_kind (GlossMatrixWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_dropdown);

  return kinds[MIN (i, G_N_ELEMENTS (kinds) - 1)];
}

static const char *
kind_caption (GlossMatrixKind kind,
              gboolean        presence)
{
  switch (kind)
    {
    case GLOSS_MATRIX_CODE_DOCUMENT:
      return presence ? _("1 where the code is used in the document, 0 where it is not.")
                      : _("Codings of each code in each document, by all coders.");
    case GLOSS_MATRIX_CODE_CODER:
      return presence ? _("1 where the coder used the code, 0 where they did not.")
                      : _("Codings of each code by each coder.");
    case GLOSS_MATRIX_COOCCURRENCE:
    default:
      return presence ? _("1 where codings of the two codes overlap somewhere, 0 where they never do.")
                      : _("Overlapping pairs of codings of the two codes in the same document; "
                          "the diagonal holds each code’s number of codings.");
    }
}

/* Cells */

static char *
cell_text (GlossMatrixRow *row,
           guint           column)
{
  if (column == 0)
    return g_strdup (gloss_matrix_row_get_label (row));

  return g_strdup_printf ("%" G_GINT64_FORMAT, gloss_matrix_row_get_value (row, column - 1));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  if (column == 0)
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GlossMatrixRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (row, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == 0)
    gtk_widget_set_tooltip_text (label, text);
  else if (gloss_matrix_row_get_value (row, column - 1) == 0)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static GtkColumnViewColumn *
make_column (const char *title,
             guint       column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* Long document titles would make a few columns fill the window; the
   * codes keep their natural width. */
  if (column > 0)
    gtk_column_view_column_set_fixed_width (view_column, NUMBER_COLUMN_WIDTH);
  return view_column;
}

static void
remove_columns (GlossMatrixWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
show_matrix (GlossMatrixWindow *self)
{
  const GlossMatrix *matrix = self->matrix;
  guint n_rows = matrix->row_labels->len;
  guint n_cols = matrix->col_labels->len;
  g_autoptr(GtkColumnViewColumn) first = NULL;

  g_list_store_remove_all (self->rows);
  remove_columns (self);

  first = make_column (matrix->corner != NULL ? matrix->corner : _("Code"), 0);
  gtk_column_view_append_column (self->column_view, first);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        make_column (g_ptr_array_index (matrix->col_labels, c), c + 1);
      gtk_column_view_append_column (self->column_view, column);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(GlossMatrixRow) row =
        gloss_matrix_row_new (g_ptr_array_index (matrix->row_labels, r),
                              matrix->values + (gsize) r * n_cols, n_cols);
      g_list_store_append (self->rows, row);
    }

  gtk_stack_set_visible_child_name (self->stack, n_rows > 0 ? "table" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", n_rows > 0);
}

/* Computing */

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossMatrixWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GlossMatrix *matrix = gloss_matrix_compute_finish (GLOSS_PROJECT (source), result, &error);

  if (matrix == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not compute the matrix: %s"),
                                                      error->message);
          gtk_spinner_set_spinning (self->spinner, FALSE);
          g_clear_object (&self->cancellable);
          gloss_toast_add (self->toast_overlay, message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
        }
      return;
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->matrix, gloss_matrix_free);
  self->matrix = matrix;
  show_matrix (self);
  g_signal_emit (self, signals[COMPUTED], 0);
}

void
gloss_matrix_window_reload (GlossMatrixWindow *self)
{
  GlossCodingFilter filter = { 0 };
  g_autoptr(GArray) documents = NULL;
  gboolean presence;

  g_return_if_fail (GLOSS_IS_MATRIX_WINDOW (self));

  if (self->project == NULL)
    return;

  /* Only the documents of the chosen set (the matrix takes its own reference). */
  documents = gloss_set_chooser_dup_document_ids (self->set_chooser);
  filter.document_ids = documents;

  presence = gtk_switch_get_active (self->presence_switch);
  gtk_label_set_text (self->caption_label, kind_caption (current_kind (self), presence));

  /* Only the newest choice counts. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_spinner_set_spinning (self->spinner, TRUE);
  gloss_matrix_compute_async (self->project, current_kind (self), &filter, presence,
                              self->cancellable, on_computed, g_object_ref (self));
}

static void
on_options_changed (GlossMatrixWindow *self)
{
  gloss_matrix_window_reload (self);
}

/* Exporting */

typedef struct
{
  GlossMatrixWindow *self;   /* a reference */
  gboolean           xlsx;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRequest, export_request_free)

static void
on_export_file_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ExportRequest) request = user_data;
  GlossMatrixWindow *self = request->self;
  gboolean xlsx = request->xlsx;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (paths == NULL || self->matrix == NULL)
    return;

  path = gloss_file_chooser_with_extension (paths[0], xlsx ? ".xlsx" : ".csv");
  name = g_filename_display_basename (path);
  if (!gloss_matrix_write (self->matrix, xlsx ? GLOSS_EXCERPT_XLSX : GLOSS_EXCERPT_CSV, path, &error))
    message = g_strdup_printf (_("Could not save the matrix: %s"), error->message);
  else
    message = g_strdup_printf (_("Matrix saved as %s"), name);

  gloss_toast_add (self->toast_overlay, message, GLOSS_TOAST_TIMEOUT, NULL, NULL, NULL);
}

static const char *
kind_file_name (GlossMatrixKind kind)
{
  switch (kind)
    {
    /* Translators: file names of exported matrices, without the extension */
    case GLOSS_MATRIX_CODE_DOCUMENT:
      return _("Codes by document");
    case GLOSS_MATRIX_CODE_CODER:
      return _("Codes by coder");
    case GLOSS_MATRIX_COOCCURRENCE:
    default:
      return _("Code co-occurrence");
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossMatrixWindow *self = GLOSS_MATRIX_WINDOW (widget);
  gboolean xlsx = g_strcmp0 (g_variant_get_string (param, NULL), "xlsx") == 0;
  g_autofree char *name = g_strconcat (kind_file_name (current_kind (self)),
                                       xlsx ? ".xlsx" : ".csv", NULL);
  g_autoptr(GtkFileFilter) filter = xlsx
    ? gloss_file_filter_new (_("Excel workbooks"), "*.xlsx", NULL)
    : gloss_file_filter_new (_("CSV files"), "*.csv", NULL);
  ExportRequest *request;

  if (self->matrix == NULL)
    return;

  request = g_new0 (ExportRequest, 1);
  request->self = g_object_ref (self);
  request->xlsx = xlsx;
  gloss_file_chooser_choose_async (GTK_WINDOW (self), GLOSS_FILE_CHOOSER_SAVE,
                                   _("Export Matrix"), _("_Export"), name, filter,
                                   on_export_file_chosen, request);
}

/* Public */

GlossMatrixWindow *
gloss_matrix_window_new (GtkWindow    *parent,
                         GlossProject *project)
{
  GlossMatrixWindow *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_MATRIX_WINDOW, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  gloss_set_chooser_set_project (self->set_chooser, project);
  gloss_matrix_window_reload (self);
  return self;
}

void
gloss_matrix_window_set_kind (GlossMatrixWindow *self,
                              GlossMatrixKind    kind)
{
  g_return_if_fail (GLOSS_IS_MATRIX_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      gtk_drop_down_set_selected (self->kind_dropdown, i);
}

void
gloss_matrix_window_set_presence (GlossMatrixWindow *self,
                                  gboolean           presence)
{
  g_return_if_fail (GLOSS_IS_MATRIX_WINDOW (self));

  gtk_switch_set_active (self->presence_switch, presence);
}

gboolean
gloss_matrix_window_get_busy (GlossMatrixWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_MATRIX_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

const GlossMatrix *
gloss_matrix_window_get_matrix (GlossMatrixWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_MATRIX_WINDOW (self), NULL);

  return self->matrix;
}

void
gloss_matrix_window_set_set_id (GlossMatrixWindow *self,
                                gint64             set_id)
{
  g_return_if_fail (GLOSS_IS_MATRIX_WINDOW (self));

  gloss_set_chooser_set_set_id (self->set_chooser, set_id);
}

GtkColumnView *
gloss_matrix_window_get_column_view (GlossMatrixWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_MATRIX_WINDOW (self), NULL);

  return self->column_view;
}

char *
gloss_matrix_window_dup_cell_text (GlossMatrixWindow *self,
                                   guint              row,
                                   guint              column)
{
  g_autoptr(GlossMatrixRow) item = NULL;

  g_return_val_if_fail (GLOSS_IS_MATRIX_WINDOW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  if (item == NULL)
    return NULL;

  return cell_text (item, column);
}

/* GObject */

static void
gloss_matrix_window_dispose (GObject *object)
{
  GlossMatrixWindow *self = GLOSS_MATRIX_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->project);
  g_clear_pointer (&self->matrix, gloss_matrix_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_MATRIX_WINDOW);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (gloss_matrix_window_parent_class)->dispose (object);
}

static void
gloss_matrix_window_class_init (GlossMatrixWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_matrix_window_dispose;

  signals[COMPUTED] =
    g_signal_new ("computed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (GLOSS_TYPE_SET_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-matrix-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, set_chooser);
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, presence_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, GlossMatrixWindow, caption_label);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed);

  gtk_widget_class_install_action (widget_class, "matrix.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_matrix_window_init (GlossMatrixWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (GLOSS_TYPE_MATRIX_ROW);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", FALSE);
}
