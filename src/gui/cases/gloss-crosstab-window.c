/* gloss-crosstab-window.c: codes against attribute values, sets or coders,
 * as a table and as a bar chart
 *
 * The crosstab is computed on the main loop as the choices change (the
 * bench suite times it on a large project); the table's columns are made
 * afresh for each one, the chart is drawn by core's chart code, the same
 * that writes PNG, SVG and PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-crosstab-chart.h"
#include "gloss-crosstab-window.h"
#include "gloss-file-chooser.h"
#include "gloss-set-chooser.h"

#define NUMBER_COLUMN_WIDTH 130

struct _GlossCrosstabWindow
{
  AdwWindow          parent_instance;

  GlossProject      *project;
  GArray            *attribute_ids;   /* gint64, as in the attribute list */
  GlossCrosstab     *crosstab;
  char              *message;
  gboolean           filling;

  AdwToastOverlay   *toast_overlay;
  GtkDropDown       *columns_dropdown;
  GtkDropDown       *attribute_dropdown;
  GtkDropDown       *measure_dropdown;
  GtkCheckButton    *children_check;
  GtkCheckButton    *coder_check;
  GlossSetChooser   *set_chooser;
  AdwViewStack      *view_stack;
  GtkColumnView     *column_view;
  GtkStringList     *rows;
  GtkDrawingArea    *chart;
  GtkLabel          *caption_label;
  GtkLabel          *message_label;
};

G_DEFINE_FINAL_TYPE (GlossCrosstabWindow, gloss_crosstab_window, ADW_TYPE_WINDOW)

static const GlossCrosstabColumns column_kinds[] = {
  GLOSS_CROSSTAB_ATTRIBUTE, GLOSS_CROSSTAB_SETS, GLOSS_CROSSTAB_CODERS,
};
static const GlossCrosstabMeasure measures[] = {
  GLOSS_CROSSTAB_CODINGS, GLOSS_CROSSTAB_DOCUMENTS, GLOSS_CROSSTAB_PERCENT,
};

static GlossCrosstabMeasure
current_measure (GlossCrosstabWindow *self)
{
  return measures[MIN (gtk_drop_down_get_selected (self->measure_dropdown), G_N_ELEMENTS (measures) - 1)];
}

static GlossCrosstabColumns
current_columns (GlossCrosstabWindow *self)
{
  return column_kinds[MIN (gtk_drop_down_get_selected (self->columns_dropdown), G_N_ELEMENTS (column_kinds) - 1)];
}

static void
show_message (GlossCrosstabWindow *self,
              const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* Cells */

static char *
format_value (GlossCrosstabMeasure measure,
              double               value)
{
  if (measure == GLOSS_CROSSTAB_PERCENT)
    return g_strdup_printf (_("%.1f %%"), value);
  return g_strdup_printf ("%.0f", value);
}

static char *
cell_text (GlossCrosstabWindow *self,
           guint                row,
           guint                column)
{
  const GlossCrosstab *ct = self->crosstab;
  GlossCrosstabMeasure measure = current_measure (self);
  guint n_cols;

  if (ct == NULL || row >= gloss_crosstab_n_rows (ct))
    return NULL;
  if (column == 0)
    return g_strdup (g_ptr_array_index (ct->row_labels, row));

  n_cols = gloss_crosstab_n_cols (ct);
  if (column <= n_cols)
    return format_value (measure, gloss_crosstab_get (ct, measure, row, column - 1));

  /* The total over all columns. */
  if (measure == GLOSS_CROSSTAB_CODINGS)
    return format_value (measure, ct->row_codings[row]);
  if (measure == GLOSS_CROSSTAB_DOCUMENTS)
    return format_value (measure, ct->row_documents[row]);
  return format_value (measure, ct->n_documents > 0 ? 100.0 * ct->row_documents[row] / ct->n_documents : 0);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GlossCrosstabWindow      *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  g_autofree char *text = cell_text (self, gtk_list_item_get_position (item), column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static GtkColumnViewColumn *
make_column (GlossCrosstabWindow *self,
             const char          *title,
             guint                column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (column > 0)
    gtk_column_view_column_set_fixed_width (view_column, NUMBER_COLUMN_WIDTH);
  if (column == 0)
    gtk_column_view_column_set_expand (view_column, TRUE);
  return view_column;
}

static void
show_table (GlossCrosstabWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) rows = NULL;
  guint n_cols = self->crosstab != NULL ? gloss_crosstab_n_cols (self->crosstab) : 0;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }

  if (self->crosstab != NULL)
    {
      g_autoptr(GtkColumnViewColumn) first = make_column (self, _("Code"), 0);
      g_autoptr(GtkColumnViewColumn) total = make_column (self, _("All"), n_cols + 1);

      gtk_column_view_append_column (self->column_view, first);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autoptr(GtkColumnViewColumn) column =
            make_column (self, g_ptr_array_index (self->crosstab->col_labels, c), c + 1);
          gtk_column_view_append_column (self->column_view, column);
        }
      gtk_column_view_append_column (self->column_view, total);

      for (guint r = 0; r < gloss_crosstab_n_rows (self->crosstab); r++)
        g_strv_builder_add (labels, g_ptr_array_index (self->crosstab->row_labels, r));
    }

  rows = g_strv_builder_end (labels);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                          (const char * const *) rows);
}

/* The chart */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  GlossCrosstabWindow *self = user_data;

  if (self->crosstab != NULL)
    gloss_crosstab_draw_chart (self->crosstab, current_measure (self), cr, width, height);
}

static void
size_chart (GlossCrosstabWindow *self)
{
  double width = 0, height = 0;

  if (self->crosstab != NULL)
    gloss_crosstab_chart_size (self->crosstab, &width, &height);
  gtk_drawing_area_set_content_width (self->chart, (int) width);
  gtk_drawing_area_set_content_height (self->chart, (int) height);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* Computing */

static void
fill_attributes (GlossCrosstabWindow *self)
{
  g_autoptr(GPtrArray) attributes = gloss_project_list_attributes (self->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->attribute_dropdown);
  gint64 chosen = selected < self->attribute_ids->len ? g_array_index (self->attribute_ids, gint64, selected) : 0;

  g_array_set_size (self->attribute_ids, 0);
  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);
      gtk_string_list_append (names, attribute->name);
      g_array_append_val (self->attribute_ids, attribute->id);
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->attribute_dropdown, G_LIST_MODEL (names));
  for (guint i = 0; i < self->attribute_ids->len; i++)
    if (g_array_index (self->attribute_ids, gint64, i) == chosen)
      gtk_drop_down_set_selected (self->attribute_dropdown, i);
  self->filling = FALSE;
}

static const char *
caption_for (GlossCrosstabMeasure measure)
{
  switch (measure)
    {
    case GLOSS_CROSSTAB_DOCUMENTS:
      return _("The documents of each column with a coding of the code.");
    case GLOSS_CROSSTAB_PERCENT:
      return _("The documents of each column with a coding of the code, as a percentage of the column’s documents.");
    case GLOSS_CROSSTAB_CODINGS:
    default:
      return _("Codings of each code in the documents of each column; a document may be in several sets.");
    }
}

static void
compute (GlossCrosstabWindow *self)
{
  GlossCrosstabOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  guint selected;

  if (self->project == NULL || self->filling)
    return;

  options.columns = current_columns (self);
  selected = gtk_drop_down_get_selected (self->attribute_dropdown);
  gtk_widget_set_visible (GTK_WIDGET (self->attribute_dropdown), options.columns == GLOSS_CROSSTAB_ATTRIBUTE);
  if (options.columns == GLOSS_CROSSTAB_ATTRIBUTE)
    options.attribute_id = selected < self->attribute_ids->len ? g_array_index (self->attribute_ids, gint64, selected) : 0;
  options.with_children = gtk_check_button_get_active (self->children_check);
  options.by_coder = gtk_check_button_get_active (self->coder_check);
  options.scope.set_id = gloss_set_chooser_get_set_id (self->set_chooser);

  g_clear_pointer (&self->crosstab, gloss_crosstab_free);
  if (options.columns == GLOSS_CROSSTAB_ATTRIBUTE && options.attribute_id <= 0)
    show_message (self, _("The documents have no attributes yet: add one in Documents and Attributes"));
  else if ((self->crosstab = gloss_project_crosstab (self->project, &options, &error)) == NULL)
    show_message (self, error->message);
  else
    show_message (self, NULL);

  gtk_label_set_text (self->caption_label, caption_for (current_measure (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "crosstab.export", self->crosstab != NULL);
  show_table (self);
  size_chart (self);
}

static void
on_choice_changed (GlossCrosstabWindow *self)
{
  compute (self);
}

static void
on_project_changed (GlossCrosstabWindow *self,
                    guint                changes)
{
  if (changes & GLOSS_CHANGE_ATTRIBUTES)
    fill_attributes (self);
  compute (self);
}

/* Exporting */

static void
on_export_file_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GlossCrosstabWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);
  const char *format = g_object_get_data (G_OBJECT (self), "export-format");
  g_autofree char *extension = g_strconcat (".", format, NULL);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  GlossChartFormat chart;
  gboolean ok;

  if (paths == NULL || self->crosstab == NULL)
    return;

  path = gloss_file_chooser_with_extension (paths[0], extension);
  name = g_filename_display_basename (path);
  if (gloss_chart_format_from_string (format, &chart))
    ok = gloss_crosstab_write_chart (self->crosstab, current_measure (self), chart, path, &error);
  else
    ok = gloss_crosstab_write (self->crosstab, current_measure (self),
                               g_str_equal (format, "xlsx") ? GLOSS_TABLE_XLSX
                               : g_str_equal (format, "html") ? GLOSS_TABLE_HTML : GLOSS_TABLE_CSV,
                               path, &error);

  if (ok)
    message = g_strdup_printf (_("Crosstab saved as %s"), name);
  else
    message = g_strdup_printf (_("Could not save the crosstab: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossCrosstabWindow *self = GLOSS_CROSSTAB_WINDOW (widget);
  const char *format = g_variant_get_string (param, NULL);
  /* Translators: the file name offered for a crosstab, without the extension */
  g_autofree char *name = g_strconcat (_("Crosstab"), ".", format, NULL);
  g_autofree char *pattern = g_strconcat ("*.", format, NULL);
  g_autoptr(GtkFileFilter) filter = gloss_file_filter_new (format, pattern, NULL);

  if (self->crosstab == NULL)
    return;

  g_object_set_data_full (G_OBJECT (self), "export-format", g_strdup (format), g_free);
  gloss_file_chooser_choose_async (GTK_WINDOW (self), GLOSS_FILE_CHOOSER_SAVE, _("Export Crosstab"),
                                   _("_Export"), name, filter, on_export_file_chosen, g_object_ref (self));
}

/* Public */

GlossCrosstabWindow *
gloss_crosstab_window_new (GtkWindow    *parent,
                           GlossProject *project)
{
  GlossCrosstabWindow *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_CROSSTAB_WINDOW, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  gloss_set_chooser_set_project (self->set_chooser, project);
  fill_attributes (self);
  compute (self);
  return self;
}

void
gloss_crosstab_window_set_columns (GlossCrosstabWindow  *self,
                                   GlossCrosstabColumns  columns,
                                   gint64                attribute_id)
{
  g_return_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self));

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (column_kinds); i++)
    if (column_kinds[i] == columns)
      gtk_drop_down_set_selected (self->columns_dropdown, i);
  for (guint i = 0; i < self->attribute_ids->len; i++)
    if (g_array_index (self->attribute_ids, gint64, i) == attribute_id)
      gtk_drop_down_set_selected (self->attribute_dropdown, i);
  self->filling = FALSE;
  compute (self);
}

void
gloss_crosstab_window_set_measure (GlossCrosstabWindow  *self,
                                   GlossCrosstabMeasure  measure)
{
  g_return_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (measures[i] == measure)
      gtk_drop_down_set_selected (self->measure_dropdown, i);
}

void
gloss_crosstab_window_set_options (GlossCrosstabWindow *self,
                                   gboolean             with_children,
                                   gboolean             by_coder,
                                   gint64               set_id)
{
  g_return_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self));

  self->filling = TRUE;
  gtk_check_button_set_active (self->children_check, with_children);
  gtk_check_button_set_active (self->coder_check, by_coder);
  gloss_set_chooser_set_set_id (self->set_chooser, set_id);
  self->filling = FALSE;
  compute (self);
}

void
gloss_crosstab_window_show_page (GlossCrosstabWindow *self,
                                 const char          *page)
{
  g_return_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, page);
}

const GlossCrosstab *
gloss_crosstab_window_get_crosstab (GlossCrosstabWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self), NULL);

  return self->crosstab;
}

GtkColumnView *
gloss_crosstab_window_get_column_view (GlossCrosstabWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self), NULL);

  return self->column_view;
}

char *
gloss_crosstab_window_dup_cell_text (GlossCrosstabWindow *self,
                                     guint                row,
                                     guint                column)
{
  g_return_val_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self), NULL);

  return cell_text (self, row, column);
}

const char *
gloss_crosstab_window_get_message (GlossCrosstabWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CROSSTAB_WINDOW (self), NULL);

  return self->message;
}

/* GObject */

static void
gloss_crosstab_window_dispose (GObject *object)
{
  GlossCrosstabWindow *self = GLOSS_CROSSTAB_WINDOW (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CROSSTAB_WINDOW);

  G_OBJECT_CLASS (gloss_crosstab_window_parent_class)->dispose (object);
}

static void
gloss_crosstab_window_finalize (GObject *object)
{
  GlossCrosstabWindow *self = GLOSS_CROSSTAB_WINDOW (object);

  g_clear_pointer (&self->crosstab, gloss_crosstab_free);
  g_array_unref (self->attribute_ids);
  g_free (self->message);

  G_OBJECT_CLASS (gloss_crosstab_window_parent_class)->finalize (object);
}

static void
gloss_crosstab_window_class_init (GlossCrosstabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_crosstab_window_dispose;
  object_class->finalize = gloss_crosstab_window_finalize;

  g_type_ensure (GLOSS_TYPE_SET_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-crosstab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, columns_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, attribute_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, children_check);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, coder_check);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, set_chooser);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, rows);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCrosstabWindow, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);

  gtk_widget_class_install_action (widget_class, "crosstab.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_crosstab_window_init (GlossCrosstabWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  self->attribute_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "crosstab.export", FALSE);
}
