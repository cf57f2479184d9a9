/* gloss-refused-dialog.c: a project file that was not opened, and what
 * can be done with it: open it read-only, or repair a copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-core.h"
#include "gloss-refused-dialog.h"
#include "gloss-warnings-dialog.h"

struct _GlossRefusedDialog
{
  AdwMessageDialog  parent_instance;

  GlossWindow      *window;
  char             *path;
  char             *repair_path;
  char             *repaired_path;
  GlossProject     *read_only;  /* the file opened read-only, if it can be */
  gboolean          can_repair;
};

G_DEFINE_FINAL_TYPE (GlossRefusedDialog, gloss_refused_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
gloss_refused_dialog_applies (const GError *error)
{
  return error != NULL && error->domain == GLOSS_ERROR &&
         (error->code == GLOSS_ERROR_DAMAGED || error->code == GLOSS_ERROR_FOREIGN_SCHEMA);
}

/* Repairing, off the main thread */

typedef struct
{
  GlossWindow *window;  /* the dialog is gone by the time the copy is written */
  char      *path;
  char      *out_path;
  GPtrArray *changes;
  GPtrArray *left;
} RepairData;

static void
repair_data_free (RepairData *data)
{
  g_object_unref (data->window);
  g_free (data->path);
  g_free (data->out_path);
  g_ptr_array_unref (data->changes);
  g_ptr_array_unref (data->left);
  g_free (data);
}

static void
repair_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RepairData *data = task_data;
  GError *error = NULL;

  if (gloss_project_repair (data->path, data->out_path, data->changes, data->left, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_repair (RepairData *data)
{
  g_autofree char *name = g_filename_display_basename (data->out_path);
  g_autofree char *original = g_filename_display_basename (data->path);
  g_autofree char *heading = g_strdup_printf (_("“%s” written"), name);
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < data->changes->len; i++)
    g_ptr_array_add (lines, g_ptr_array_index (data->changes, i));
  for (guint i = 0; i < data->left->len; i++)
    g_ptr_array_add (lines, g_ptr_array_index (data->left, i));

  if (gloss_window_open_project (data->window, data->out_path, &error))
    body = data->left->len == 0
      ? g_strdup_printf (_("The repaired copy is open; “%s” is unchanged. What was changed in the copy:"),
                         original)
      : g_strdup_printf (_("The repaired copy is open; “%s” is unchanged. What was changed in the copy, "
                           "and last what could not be repaired:"), original);
  else
    body = g_strdup_printf (_("“%s” is unchanged. The copy could not be opened either: %s"),
                            original, error->message);
  gloss_warnings_dialog_show (GTK_WINDOW (data->window), heading, body, lines);
}

static void
on_repaired (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlossRefusedDialog *self = GLOSS_REFUSED_DIALOG (source);
  RepairData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->repaired_path = g_strdup (data->out_path);
      show_repair (data);
    }
  else
    gloss_window_show_toast (data->window, error->message);

  g_signal_emit (self, signals[DONE], 0);
}

static void
start_repair (GlossRefusedDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_repaired, NULL);
  RepairData *data = g_new0 (RepairData, 1);

  data->window = g_object_ref (self->window);
  data->path = g_strdup (self->path);
  data->out_path = g_strdup (self->repair_path);
  data->changes = g_ptr_array_new_with_free_func (g_free);
  data->left = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) repair_data_free);
  g_task_run_in_thread (task, repair_thread);
}

static void
on_response (GlossRefusedDialog *self,
             const char         *response)
{
  if (g_strcmp0 (response, "read-only") == 0 && self->read_only != NULL)
    {
      g_autoptr(GPtrArray) documents = NULL;

      gloss_window_set_project (self->window, self->read_only);
      documents = gloss_project_list_documents (self->read_only, NULL);
      if (documents != NULL && documents->len > 0)
        {
          g_autoptr(GError) error = NULL;
          GlossDocumentInfo *info = g_ptr_array_index (documents, 0);

          /* A document whose pages do not fit its text says so. */
          if (!gloss_window_open_document (self->window, info->id, &error))
            gloss_window_show_toast (self->window, error->message);
        }
      g_signal_emit (self, signals[DONE], 0);
    }
  else if (g_strcmp0 (response, "repair") == 0 && self->can_repair)
    start_repair (self);
  else
    g_signal_emit (self, signals[DONE], 0);
}

/* The class */

static void
gloss_refused_dialog_dispose (GObject *object)
{
  GlossRefusedDialog *self = GLOSS_REFUSED_DIALOG (object);

  g_clear_object (&self->window);
  g_clear_object (&self->read_only);

  G_OBJECT_CLASS (gloss_refused_dialog_parent_class)->dispose (object);
}

static void
gloss_refused_dialog_finalize (GObject *object)
{
  GlossRefusedDialog *self = GLOSS_REFUSED_DIALOG (object);

  g_free (self->path);
  g_free (self->repair_path);
  g_free (self->repaired_path);

  G_OBJECT_CLASS (gloss_refused_dialog_parent_class)->finalize (object);
}

static void
gloss_refused_dialog_class_init (GlossRefusedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_refused_dialog_dispose;
  object_class->finalize = gloss_refused_dialog_finalize;

  /**
   * GlossRefusedDialog::done:
   *
   * Emitted when what was chosen is done: the file opened read-only, the
   * repaired copy written (or not), or nothing chosen.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-refused-dialog.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
gloss_refused_dialog_init (GlossRefusedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Decides what can be offered: read-only when the file opens so, a repair
 * when its content can be read at all. */
static void
weigh_offers (GlossRefusedDialog *self,
              GString            *body)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GlossProject) checked = gloss_project_open_for_check (self->path, &check_error);
  g_autofree char *repair_name = NULL;

  self->read_only = gloss_project_open_read_only (self->path, &read_error);
  self->can_repair = checked != NULL;
  if (checked != NULL)
    gloss_project_close (checked);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "read-only", self->read_only != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "repair", self->can_repair);
  if (self->read_only == NULL)
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), self->can_repair ? "repair" : "cancel");

  if (self->read_only != NULL)
    g_string_append_printf (body, "\n\n%s",
                            _("Open it read-only to read and export what it holds: nothing is written to it."));
  else
    g_string_append_printf (body, "\n\n%s",
                            _("It cannot be opened read-only: Gloss’s own tables in it are not as Gloss "
                              "defines them."));

  if (self->can_repair)
    {
      repair_name = g_filename_display_basename (self->repair_path);
      g_string_append_printf (body, "\n\n");
      g_string_append_printf (body, _("Or repair it: Gloss writes a repaired copy, “%s”, beside it, says what "
                                      "it changed, and opens the copy. The file itself stays as it is."),
                              repair_name);
    }
}

GlossRefusedDialog *
gloss_refused_dialog_new (GlossWindow  *window,
                          const char   *path,
                          const GError *error)
{
  GlossRefusedDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = NULL;

  g_return_val_if_fail (GLOSS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (path != NULL && error != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_REFUSED_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->path = g_strdup (path);
  self->repair_path = gloss_project_repair_path (path);

  name = g_filename_display_basename (path);
  heading = g_strdup_printf (_("“%s” was not opened"), name);
  body = g_string_new (error->message);
  weigh_offers (self, body);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body->str);
  return self;
}

gboolean
gloss_refused_dialog_can_read (GlossRefusedDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_REFUSED_DIALOG (self), FALSE);

  return self->read_only != NULL;
}

gboolean
gloss_refused_dialog_can_repair (GlossRefusedDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_REFUSED_DIALOG (self), FALSE);

  return self->can_repair;
}

const char *
gloss_refused_dialog_get_repaired_path (GlossRefusedDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_REFUSED_DIALOG (self), NULL);

  return self->repaired_path;
}
