/* gloss-name-dialog.c: asks for a name (a coder's, or anything named)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-name-dialog.h"

struct _GlossNameDialog
{
  AdwMessageDialog  parent_instance;

  gboolean          answered;   /* a second Enter is not taken twice */

  /* Template children */
  GtkEntry         *entry;
};

G_DEFINE_FINAL_TYPE (GlossNameDialog, gloss_name_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  NAMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
trimmed_text (GlossNameDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

static void
on_entry_changed (GlossNameDialog *self)
{
  g_autofree char *name = trimmed_text (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", *name != '\0');
}

static gboolean
respond_accept (gpointer user_data)
{
  GlossNameDialog *self = user_data;

  if (!self->answered && adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "accept"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "accept");
  return G_SOURCE_REMOVE;
}

/* Enter in the entry: answered once the entry's own handler has returned,
 * since answering closes the dialog and the entry with it. */
static void
on_entry_activate (GlossNameDialog *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, respond_accept, g_object_ref (self), g_object_unref);
}

static void
on_response (GlossNameDialog *self,
             const char      *response)
{
  g_autofree char *name = trimmed_text (self);

  if (self->answered)
    return;
  self->answered = TRUE;
  if (g_strcmp0 (response, "accept") == 0 && *name != '\0')
    g_signal_emit (self, signals[NAMED], 0, name);
  /* The entry gives up the focus while it is alive (GTK 4.8 tells its
   * focus controller about it after it is gone otherwise). */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

GlossNameDialog *
gloss_name_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *text,
                       const char *accept_label)
{
  GlossNameDialog *self = g_object_new (GLOSS_TYPE_NAME_DIALOG,
                                        "transient-for", parent,
                                        "heading", heading,
                                        "body", body,
                                        NULL);

  if (accept_label != NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "accept", accept_label);
  gloss_name_dialog_set_text (self, text);
  return self;
}

const char *
gloss_name_dialog_get_text (GlossNameDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_NAME_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
gloss_name_dialog_set_text (GlossNameDialog *self,
                            const char      *text)
{
  g_return_if_fail (GLOSS_IS_NAME_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  on_entry_changed (self);
}

static void
gloss_name_dialog_class_init (GlossNameDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[NAMED] =
    g_signal_new ("named", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-name-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossNameDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
gloss_name_dialog_init (GlossNameDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
