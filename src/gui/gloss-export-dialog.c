/* gloss-export-dialog.c: choose a format and the codings, then export
 *
 * The filters are read from the window's project on the main thread; the
 * export itself runs in a thread on a connection of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-export-dialog.h"
#include "gloss-set-chooser.h"
#include "gloss-file-chooser.h"
#include "gloss-project-exchange.h"
#include "gloss-toast.h"

typedef struct
{
  const char *id;
  const char *extension;
  gboolean    refi;       /* the whole project or codebook: no filters */
} Format;

/* In the order of the format row's model. */
static const Format formats[] = {
  { "csv",  ".csv",  FALSE },
  { "xlsx", ".xlsx", FALSE },
  { "json", ".json", FALSE },
  { "html", ".html", FALSE },
  { "md",   ".md",   FALSE },
  { "qdpx", ".qdpx", TRUE },
  { "qdc",  ".qdc",  TRUE },
};

struct _GlossExportDialog
{
  AdwWindow           parent_instance;

  GlossProject       *project;
  GCancellable       *cancellable;
  GArray             *coder_ids;     /* gint64, in the coder row's order; 0 first */
  GArray             *code_ids;
  GArray             *document_ids;
  GlossCodebookModel *model;         /* the window's codes, for the code subtrees */
  gboolean            busy;

  AdwToastOverlay    *toast_overlay;
  GtkWidget          *export_button;
  GtkSpinner         *spinner;
  AdwComboRow        *format_row;
  GtkWidget          *sheet_row;
  GtkSwitch          *sheet_switch;
  AdwPreferencesGroup *filter_group;
  GtkWidget          *warning_group;
  GtkLabel           *warning_label;
  AdwComboRow        *coder_row;
  AdwComboRow        *code_row;
  AdwComboRow        *document_row;
  GlossSetChooser    *set_chooser;
};

G_DEFINE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const Format *
current_format (GlossExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return &formats[MIN (i, G_N_ELEMENTS (formats) - 1)];
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static gboolean
select_id (AdwComboRow *row,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        {
          adw_combo_row_set_selected (row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* Counting what will be exported: the chosen code and every code below it */

static gboolean
is_below (GlossExportDialog *self,
          gint64             code_id,
          gint64             root_id)
{
  GPtrArray *codes = gloss_codebook_model_get_codes (self->model);

  /* A short walk up the parents (the guard against a cycle). */
  for (guint guard = 0; code_id != 0 && guard < codes->len; guard++)
    {
      const GlossCode *code = gloss_codebook_model_get_code (self->model, code_id);

      if (code_id == root_id)
        return TRUE;
      code_id = code != NULL ? code->parent_id : 0;
    }

  return FALSE;
}

gint64
gloss_export_dialog_count_codings (GlossExportDialog *self)
{
  GlossCodingFilter filter = { 0 };
  g_autoptr(GArray) documents = NULL;
  gint64 root_id, total = 0;
  GPtrArray *codes;

  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), -1);

  if (current_format (self)->refi)
    return -1;

  documents = gloss_set_chooser_dup_document_ids (self->set_chooser);
  filter.document_ids = documents;

  filter.coder_id = selected_id (self->coder_row, self->coder_ids);
  filter.document_id = selected_id (self->document_row, self->document_ids);
  root_id = selected_id (self->code_row, self->code_ids);
  if (root_id == 0)
    return gloss_project_count_codings (self->project, &filter, NULL);

  codes = gloss_codebook_model_get_codes (self->model);
  for (guint i = 0; i < codes->len; i++)
    {
      const GlossCode *code = g_ptr_array_index (codes, i);

      if (!is_below (self, code->id, root_id))
        continue;
      filter.code_id = code->id;
      total += MAX (0, gloss_project_count_codings (self->project, &filter, NULL));
    }

  return total;
}

/* What the chosen format cannot carry as it is, said before exporting. */
static void
update_warnings (GlossExportDialog *self)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  if (g_str_equal (current_format (self)->id, "qdpx"))
    gloss_qdpx_export_warnings (self->project, warnings, NULL);

  g_ptr_array_add (warnings, NULL);
  text = g_strjoinv ("\n", (char **) warnings->pdata);
  gtk_label_set_text (self->warning_label, text);
  gtk_widget_set_visible (self->warning_group, warnings->len > 1);
}

const char *
gloss_export_dialog_get_warning (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->warning_group))
    return NULL;
  return gtk_label_get_text (self->warning_label);
}

static void
update_summary (GlossExportDialog *self)
{
  const Format *format = current_format (self);
  gint64 n = gloss_export_dialog_count_codings (self);
  g_autofree char *description = NULL;

  gtk_widget_set_visible (self->sheet_row, g_str_equal (format->id, "xlsx"));
  /* The REFI-QDA formats carry everything; filters do not apply. */
  gtk_widget_set_visible (GTK_WIDGET (self->filter_group), !format->refi);
  update_warnings (self);

  if (g_str_equal (format->id, "qdpx"))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                                 _("The whole project, for other programs"));
  else if (g_str_equal (format->id, "qdc"))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                                 _("The codebook alone"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                                 _("One record per coding"));

  if (!format->refi)
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%" PRId64 " coding matches.",
                                                  "%" PRId64 " codings match.", n), n);
      adw_preferences_group_set_description (self->filter_group, description);
    }
}

static void
on_format_changed (GlossExportDialog *self)
{
  if (self->project != NULL)
    update_summary (self);
}

static void
on_filter_changed (GlossExportDialog *self)
{
  if (self->project != NULL)
    update_summary (self);
}

/* Filling the filters */

static void
load_filters (GlossExportDialog *self)
{
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (self->project, NULL);
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (self->project, NULL);
  GtkStringList *model;

  GPtrArray *codes = gloss_codebook_model_get_codes (self->model);

  /* Models are built apart and set at once, so each row notifies once. */
  model = gtk_string_list_new (NULL);
  g_array_set_size (self->coder_ids, 0);
  gtk_string_list_append (model, _("All coders"));
  g_array_append_val (self->coder_ids, (gint64) { 0 });
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      const GlossCoder *coder = g_ptr_array_index (coders, i);
      gtk_string_list_append (model, coder->name);
      g_array_append_val (self->coder_ids, coder->id);
    }
  adw_combo_row_set_model (self->coder_row, G_LIST_MODEL (model));
  g_object_unref (model);

  model = gtk_string_list_new (NULL);
  g_array_set_size (self->code_ids, 0);
  gtk_string_list_append (model, _("All codes"));
  g_array_append_val (self->code_ids, (gint64) { 0 });
  for (guint i = 0; i < codes->len; i++)
    {
      const GlossCode *code = g_ptr_array_index (codes, i);
      gtk_string_list_append (model, code->path != NULL ? code->path : code->name);
      g_array_append_val (self->code_ids, code->id);
    }
  adw_combo_row_set_model (self->code_row, G_LIST_MODEL (model));
  g_object_unref (model);

  model = gtk_string_list_new (NULL);
  g_array_set_size (self->document_ids, 0);
  gtk_string_list_append (model, _("All documents"));
  g_array_append_val (self->document_ids, (gint64) { 0 });
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      const GlossDocumentInfo *info = g_ptr_array_index (documents, i);
      gtk_string_list_append (model, info->title);
      g_array_append_val (self->document_ids, info->id);
    }
  adw_combo_row_set_model (self->document_row, G_LIST_MODEL (model));
  g_object_unref (model);
}

/* Exporting */

static void
set_busy (GlossExportDialog *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", !busy);
}

static void
show_error (GlossExportDialog *self,
            const char        *message)
{
  gloss_toast_add (self->toast_overlay, message, 0, NULL, NULL, NULL);
}

typedef struct
{
  GlossExportDialog *self;   /* a reference */
  char              *path;
  gint64             n_codings;
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_object_unref (run->self);
  g_free (run->path);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRun, export_run_free)

static void
on_export_finished (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ExportRun) run = user_data;
  GlossExportDialog *self = run->self;
  g_autoptr(GError) error = NULL;

  if (!gloss_project_export_finish (GLOSS_PROJECT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
          set_busy (self, FALSE);
          show_error (self, message);
        }
      return;
    }

  set_busy (self, FALSE);
  g_signal_emit (self, signals[EXPORTED], 0, current_format (self)->id, run->path, run->n_codings);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_export (GlossExportDialog *self,
              const char        *path)
{
  const Format *format = current_format (self);
  GlossExcerptOptions options = { 0 };
  ExportRun *run = g_new0 (ExportRun, 1);

  run->self = g_object_ref (self);
  run->path = gloss_file_chooser_with_extension (path, format->extension);
  run->n_codings = gloss_export_dialog_count_codings (self);

  if (!format->refi)
    {
      options.coder_id = selected_id (self->coder_row, self->coder_ids);
      options.code_id = selected_id (self->code_row, self->code_ids);
      options.document_id = selected_id (self->document_row, self->document_ids);
      /* the export takes its own reference */
      options.document_ids = gloss_set_chooser_dup_document_ids (self->set_chooser);
      options.sheet_per_code = g_str_equal (format->id, "xlsx") &&
                               gtk_switch_get_active (self->sheet_switch);
    }

  set_busy (self, TRUE);
  gloss_project_export_async (self->project, format->id, &options, run->path,
                              self->cancellable, on_export_finished, run);
  g_clear_pointer (&options.document_ids, g_array_unref);
}

static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GlossExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);

  set_busy (self, FALSE);
  if (paths == NULL || self->project == NULL)
    return;

  start_export (self, paths[0]);
}

static char *
suggested_name (GlossExportDialog *self,
                const Format      *format)
{
  g_autofree char *title = gloss_project_dup_title (self->project);

  if (title == NULL || *title == '\0')
    {
      g_free (title);
      /* Translators: a file name, when the project has no title */
      title = g_strdup (_("Export"));
    }

  if (g_str_equal (format->id, "qdc"))
    /* Translators: a file name: the project title, then "codebook" */
    return g_strdup_printf (_("%s codebook%s"), title, format->extension);

  return g_strconcat (title, format->extension, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (widget);
  const Format *format = current_format (self);
  g_autofree char *name = suggested_name (self, format);
  g_autofree char *pattern = g_strconcat ("*", format->extension, NULL);
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkStringObject *label = adw_combo_row_get_selected_item (self->format_row);

  if (self->busy || self->project == NULL)
    return;

  filter = gloss_file_filter_new (label != NULL ? gtk_string_object_get_string (label) : format->id,
                                  pattern, NULL);
  set_busy (self, TRUE);
  gloss_file_chooser_choose_async (GTK_WINDOW (self), GLOSS_FILE_CHOOSER_SAVE,
                                   _("Export"), _("_Export"), name, filter,
                                   on_file_chosen, g_object_ref (self));
}

/* Public */

GlossExportDialog *
gloss_export_dialog_new (GtkWindow          *parent,
                         GlossProject       *project,
                         GlossCodebookModel *model)
{
  GlossExportDialog *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (GLOSS_IS_CODEBOOK_MODEL (model), NULL);

  self = g_object_new (GLOSS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  gloss_set_chooser_set_project (self->set_chooser, project);
  self->model = g_object_ref (model);
  load_filters (self);
  update_summary (self);
  return self;
}

gboolean
gloss_export_dialog_set_format (GlossExportDialog *self,
                                const char        *format)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_strcmp0 (formats[i].id, format) == 0)
        {
          adw_combo_row_set_selected (self->format_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

const char *
gloss_export_dialog_get_format (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);

  return current_format (self)->id;
}

gboolean
gloss_export_dialog_set_coder (GlossExportDialog *self,
                               gint64             coder_id)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  return select_id (self->coder_row, self->coder_ids, coder_id);
}

gboolean
gloss_export_dialog_set_code (GlossExportDialog *self,
                              gint64             code_id)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  return select_id (self->code_row, self->code_ids, code_id);
}

void
gloss_export_dialog_set_set (GlossExportDialog *self,
                             gint64             set_id)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));

  gloss_set_chooser_set_set_id (self->set_chooser, set_id);
}

gboolean
gloss_export_dialog_set_document (GlossExportDialog *self,
                                  gint64             document_id)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  return select_id (self->document_row, self->document_ids, document_id);
}

void
gloss_export_dialog_set_sheet_per_code (GlossExportDialog *self,
                                        gboolean           sheet_per_code)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->sheet_switch, sheet_per_code);
}

/* GObject */

static void
gloss_export_dialog_dispose (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->project);
  g_clear_object (&self->model);
  g_clear_pointer (&self->coder_ids, g_array_unref);
  g_clear_pointer (&self->code_ids, g_array_unref);
  g_clear_pointer (&self->document_ids, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->dispose (object);
}

static void
gloss_export_dialog_class_init (GlossExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_export_dialog_dispose;

  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64);

  g_type_ensure (GLOSS_TYPE_SET_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, sheet_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, filter_group);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, warning_group);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, coder_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, document_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, set_chooser);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_export_dialog_init (GlossExportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
}
