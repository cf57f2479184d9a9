/* gloss-name-dialog.c: a message dialog that asks for a name
 *
 * Every "type a name" question (a new code, a new coder, the coder of a
 * copy) is one of these: the accept response is off while the name is
 * empty or the caller's check objects, and the reason is shown below the
 * entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-name-dialog.h"

struct _GlossNameDialog
{
  AdwMessageDialog  parent_instance;

  GtkBox           *box;
  GtkEntry         *entry;
  GtkLabel         *message_label;

  GlossNameCheck    check;
  gpointer          check_data;
  GDestroyNotify    check_destroy;
  gboolean          edited;      /* an empty name is remarked on once typed */

  GTask            *task;
  gulong            cancelled_id;
};

G_DEFINE_FINAL_TYPE (GlossNameDialog, gloss_name_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
stripped_text (GlossNameDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

/* Why the name as it is now cannot be taken, or NULL. */
static char *
objection (GlossNameDialog *self)
{
  g_autofree char *name = stripped_text (self);

  if (*name == '\0')
    return g_strdup (self->edited ? _("A name is needed") : "");
  if (self->check != NULL)
    return self->check (name, self->check_data);
  return NULL;
}

static void
validate (GlossNameDialog *self)
{
  g_autofree char *message = objection (self);
  gboolean shown = message != NULL && *message != '\0';

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", message == NULL);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), shown);
  if (shown)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static void
on_entry_changed (GlossNameDialog *self)
{
  self->edited = TRUE;
  validate (self);
}

static void
finish_task (GlossNameDialog *self,
             char            *name)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      g_free (name);
      return;
    }
  g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;
  if (name != NULL)
    g_task_return_pointer (task, name, g_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
}

static void
gloss_name_dialog_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  GlossNameDialog *self = GLOSS_NAME_DIALOG (dialog);
  g_autofree char *message = objection (self);

  if (g_strcmp0 (response, "accept") == 0 && message == NULL)
    finish_task (self, stripped_text (self));
  else
    finish_task (self, NULL);

  if (ADW_MESSAGE_DIALOG_CLASS (gloss_name_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (gloss_name_dialog_parent_class)->response (dialog, response);
}

static void
gloss_name_dialog_dispose (GObject *object)
{
  GlossNameDialog *self = GLOSS_NAME_DIALOG (object);

  finish_task (self, NULL);
  if (self->check_destroy != NULL)
    g_clear_pointer (&self->check_data, self->check_destroy);
  self->check = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_NAME_DIALOG);

  G_OBJECT_CLASS (gloss_name_dialog_parent_class)->dispose (object);
}

static void
gloss_name_dialog_class_init (GlossNameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = gloss_name_dialog_dispose;
  dialog_class->response = gloss_name_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-name-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossNameDialog, box);
  gtk_widget_class_bind_template_child (widget_class, GlossNameDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, GlossNameDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
}

static void
gloss_name_dialog_init (GlossNameDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  validate (self);
}

GlossNameDialog *
gloss_name_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *accept_label)
{
  GlossNameDialog *self = g_object_new (GLOSS_TYPE_NAME_DIALOG,
                                        "transient-for", parent,
                                        "heading", heading,
                                        "body", body,
                                        NULL);

  if (accept_label != NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "accept", accept_label);
  return self;
}

void
gloss_name_dialog_set_text (GlossNameDialog *self,
                            const char      *text)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  /* A name given beforehand is not the user's edit. */
  self->edited = FALSE;
  validate (self);
}

const char *
gloss_name_dialog_get_text (GlossNameDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_NAME_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
gloss_name_dialog_set_placeholder (GlossNameDialog *self,
                                   const char      *placeholder)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));

  gtk_entry_set_placeholder_text (self->entry, placeholder);
}

void
gloss_name_dialog_set_check (GlossNameDialog *self,
                             GlossNameCheck   check,
                             gpointer         user_data,
                             GDestroyNotify   destroy)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));

  if (self->check_destroy != NULL)
    g_clear_pointer (&self->check_data, self->check_destroy);
  self->check = check;
  self->check_data = user_data;
  self->check_destroy = destroy;
  validate (self);
}

/* Ready-made checks */

typedef struct
{
  GlossProject *project;
  gint64        parent_id;
  gint64        except_id;
} NameCheck;

static NameCheck *
name_check_new (GlossProject *project,
                gint64        parent_id,
                gint64        except_id)
{
  NameCheck *check = g_new0 (NameCheck, 1);

  check->project = g_object_ref (project);
  check->parent_id = parent_id;
  check->except_id = except_id;
  return check;
}

static void
name_check_free (gpointer data)
{
  NameCheck *check = data;

  g_object_unref (check->project);
  g_free (check);
}

static char *
check_code_name (const char *name,
                 gpointer    user_data)
{
  NameCheck *check = user_data;
  g_autofree char *parent_path = NULL;
  g_autofree char *path = NULL;
  gint64 found;

  if (check->parent_id > 0)
    {
      parent_path = gloss_project_dup_code_path (check->project, check->parent_id, NULL);
      if (parent_path == NULL)
        return NULL;
    }
  path = parent_path != NULL ? g_strconcat (parent_path, "/", name, NULL) : g_strdup (name);
  found = gloss_project_find_code (check->project, path, NULL);
  if (found > 0 && found != check->except_id)
    /* The same sentence as the project's own refusal. */
    return g_strdup_printf (_("There is already a code “%s” here"), name);
  return NULL;
}

static char *
check_coder_name (const char *name,
                  gpointer    user_data)
{
  NameCheck *check = user_data;
  gint64 found = gloss_project_find_coder (check->project, name, NULL);

  if (found > 0 && found != check->except_id)
    return g_strdup_printf (_("There is already a coder “%s”"), name);
  return NULL;
}

void
gloss_name_dialog_check_code_name (GlossNameDialog *self,
                                   GlossProject    *project,
                                   gint64           parent_id,
                                   gint64           except_id)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));
  g_return_if_fail (GLOSS_IS_PROJECT (project));

  gloss_name_dialog_set_check (self, check_code_name, name_check_new (project, parent_id, except_id),
                               name_check_free);
}

void
gloss_name_dialog_check_coder_name (GlossNameDialog *self,
                                    GlossProject    *project,
                                    gint64           except_id)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));
  g_return_if_fail (GLOSS_IS_PROJECT (project));

  gloss_name_dialog_set_check (self, check_coder_name, name_check_new (project, 0, except_id),
                               name_check_free);
}

GtkEntry *
gloss_name_dialog_get_entry (GlossNameDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_NAME_DIALOG (self), NULL);

  return self->entry;
}

void
gloss_name_dialog_add_extra (GlossNameDialog *self,
                             GtkWidget       *widget)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));

  gtk_widget_set_margin_top (widget, 6);
  gtk_box_append (self->box, widget);
}

const char *
gloss_name_dialog_get_message (GlossNameDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_NAME_DIALOG (self), NULL);

  return gtk_label_get_text (self->message_label);
}

gboolean
gloss_name_dialog_can_accept (GlossNameDialog *self)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (GLOSS_IS_NAME_DIALOG (self), FALSE);

  message = objection (self);
  return message == NULL;
}

static void
on_cancelled (GCancellable    *cancellable,
              GlossNameDialog *self)
{
  /* Disconnecting from inside the handler would wait for it forever. */
  self->cancelled_id = 0;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_window_close (GTK_WINDOW (self));
}

void
gloss_name_dialog_choose_async (GlossNameDialog     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, gloss_name_dialog_choose_async);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

char *
gloss_name_dialog_choose_finish (GlossNameDialog  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (GLOSS_IS_NAME_DIALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
