/* gloss-set-dialog.c: the name and rule of a set of documents, new or
 * changed, the rule checked as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-set-dialog.h"

struct _GlossSetDialog
{
  AdwMessageDialog  parent_instance;

  GlossProject     *project;
  gint64            set_id;
  GlossSetKind      kind;
  char             *status;
  gboolean          rule_valid;

  GtkEntry         *name_entry;
  GtkEntry         *rule_entry;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (GlossSetDialog, gloss_set_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
show_status (GlossSetDialog *self,
             const char     *status,
             gboolean        valid)
{
  g_free (self->status);
  self->status = g_strdup (status);
  self->rule_valid = valid;
  gtk_label_set_text (self->status_label, status);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->rule_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->rule_entry), "error");
}

/* The rule runs as it is typed: the match is what the set will hold. */
static void
check_rule (GlossSetDialog *self)
{
  g_autofree char *rule = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rule_entry))));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *count = NULL;

  if (self->project == NULL)
    return;
  if (*rule == '\0')
    {
      show_status (self, self->set_id > 0 ? _("Without a rule: the documents listed in the set")
                                          : _("Without a rule: the documents shown now"), TRUE);
      return;
    }

  ids = gloss_project_match_documents (self->project, rule, &error);
  if (ids == NULL)
    {
      show_status (self, error->message, FALSE);
      return;
    }
  /* Translators: below a set's rule as it is typed */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document meets the rule now",
                                        "%u documents meet the rule now", ids->len), ids->len);
  show_status (self, count, TRUE);
}

static void
update (GlossSetDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));

  if (self->kind == GLOSS_SET_DOCUMENTS)
    check_rule (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply",
                                           *name != '\0' && self->rule_valid);
}

static void
on_changed (GlossSetDialog *self)
{
  update (self);
}

GlossSetDialog *
gloss_set_dialog_new (GtkWindow    *parent,
                      GlossProject *project,
                      gint64        set_id)
{
  g_autoptr(GlossSet) set = NULL;
  g_autofree char *heading = NULL;
  GlossSetDialog *self;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  if (set_id > 0 && (set = gloss_project_get_set (project, set_id, NULL)) == NULL)
    set_id = 0;

  self = g_object_new (GLOSS_TYPE_SET_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->project = g_object_ref (project);
  self->set_id = set_id;
  if (set == NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("New Set"));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                   _("A set with a rule holds the documents that meet it, now and later; "
                                     "without a rule it holds the documents shown now."));
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "apply", _("_Add"));
    }
  else
    {
      /* Translators: the heading of the dialog that changes a set */
      heading = g_strdup_printf (_("Set “%s”"), set->name);
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
      self->kind = set->kind;
      if (set->kind == GLOSS_SET_DOCUMENTS)
        adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                     _("With a rule the set holds the documents that meet it, now and later; "
                                       "without one it holds the documents listed in it."));
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), set->name);
      gtk_editable_set_text (GTK_EDITABLE (self->rule_entry), set->rule != NULL ? set->rule : "");
    }

  /* A set of codes has no rule. */
  gtk_widget_set_visible (GTK_WIDGET (self->rule_entry), self->kind == GLOSS_SET_DOCUMENTS);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), self->kind == GLOSS_SET_DOCUMENTS);
  update (self);
  return self;
}

gint64
gloss_set_dialog_get_set_id (GlossSetDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_SET_DIALOG (self), 0);

  return self->set_id;
}

GtkEditable *
gloss_set_dialog_get_name (GlossSetDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_SET_DIALOG (self), NULL);

  return GTK_EDITABLE (self->name_entry);
}

GtkEditable *
gloss_set_dialog_get_rule (GlossSetDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_SET_DIALOG (self), NULL);

  return GTK_EDITABLE (self->rule_entry);
}

const char *
gloss_set_dialog_get_status (GlossSetDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_SET_DIALOG (self), NULL);

  return self->status;
}

gboolean
gloss_set_dialog_get_rule_valid (GlossSetDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_SET_DIALOG (self), FALSE);

  return self->rule_valid;
}

static void
gloss_set_dialog_dispose (GObject *object)
{
  GlossSetDialog *self = GLOSS_SET_DIALOG (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_SET_DIALOG);

  G_OBJECT_CLASS (gloss_set_dialog_parent_class)->dispose (object);
}

static void
gloss_set_dialog_finalize (GObject *object)
{
  GlossSetDialog *self = GLOSS_SET_DIALOG (object);

  g_free (self->status);

  G_OBJECT_CLASS (gloss_set_dialog_parent_class)->finalize (object);
}

static void
gloss_set_dialog_class_init (GlossSetDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_set_dialog_dispose;
  object_class->finalize = gloss_set_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-set-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSetDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSetDialog, rule_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSetDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
gloss_set_dialog_init (GlossSetDialog *self)
{
  self->kind = GLOSS_SET_DOCUMENTS;
  self->rule_valid = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}
