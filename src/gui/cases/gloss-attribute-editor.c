/* gloss-attribute-editor.c: an attribute renamed, retyped or deleted, with
 * the dialogs that ask first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-attribute-dialog.h"
#include "gloss-attribute-editor.h"

struct _GlossAttributeEditor
{
  GObject       parent_instance;

  GtkWidget    *owner;     /* weak */
  GlossProject *project;
};

G_DEFINE_FINAL_TYPE (GlossAttributeEditor, gloss_attribute_editor, G_TYPE_OBJECT)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report (GlossAttributeEditor *self,
        const char           *message,
        gboolean              undo)
{
  g_signal_emit (self, signals[MESSAGE], 0, message, undo);
}

static GtkWindow *
parent_window (GlossAttributeEditor *self)
{
  GtkRoot *root = self->owner != NULL ? gtk_widget_get_root (self->owner) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

GlossAttributeEditor *
gloss_attribute_editor_new (GtkWidget *owner)
{
  GlossAttributeEditor *self = g_object_new (GLOSS_TYPE_ATTRIBUTE_EDITOR, NULL);

  self->owner = owner;
  g_object_add_weak_pointer (G_OBJECT (owner), (gpointer *) &self->owner);
  return self;
}

void
gloss_attribute_editor_set_project (GlossAttributeEditor *self,
                                    GlossProject         *project)
{
  g_return_if_fail (GLOSS_IS_ATTRIBUTE_EDITOR (self));

  g_set_object (&self->project, project);
}

/* Editing */

static void
on_edit_response (GlossAttributeDialog *dialog,
                  const char           *response,
                  GlossAttributeEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *values = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;

  name = gloss_attribute_dialog_dup_name (dialog);
  values = gloss_attribute_dialog_dup_values (dialog);
  gloss_attribute_editor_change (self, gloss_attribute_dialog_get_attribute_id (dialog), name,
                                 gloss_attribute_type_to_string (gloss_attribute_dialog_get_attribute_type (dialog)),
                                 values, FALSE);
}

void
gloss_attribute_editor_edit (GlossAttributeEditor *self,
                             gint64                attribute_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAttribute) attribute = NULL;
  GlossAttributeDialog *dialog;

  g_return_if_fail (GLOSS_IS_ATTRIBUTE_EDITOR (self));

  if (self->project == NULL)
    return;
  if ((attribute = gloss_project_get_attribute (self->project, attribute_id, &error)) == NULL)
    {
      report (self, error->message, FALSE);
      return;
    }

  dialog = gloss_attribute_dialog_new_for_edit (parent_window (self), attribute);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_unconverted_response (AdwMessageDialog     *dialog,
                         const char           *response,
                         GlossAttributeEditor *self)
{
  GVariant *change = g_object_get_data (G_OBJECT (dialog), "change");
  gint64 attribute_id;
  const char *name, *type, *values;

  if (g_strcmp0 (response, "empty") != 0)
    return;
  g_variant_get (change, "(x&s&s&s)", &attribute_id, &name, &type, &values);
  gloss_attribute_editor_change (self, attribute_id, name, type, values, TRUE);
}

/* Values that do not convert: the core's refusal, and the offer to empty them. */
static void
ask_to_empty (GlossAttributeEditor *self,
              GVariant             *change,
              const char           *refusal)
{
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", refusal,
                                           _("They can be emptied, and the type changed; Undo brings them back."));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                                         _("Some Values Do Not Convert"), body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "empty", _("_Empty Them"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "empty", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "change", g_variant_ref_sink (change), (GDestroyNotify) g_variant_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unconverted_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
gloss_attribute_editor_change (GlossAttributeEditor *self,
                               gint64                attribute_id,
                               const char           *name,
                               const char           *type_name,
                               const char           *values,
                               gboolean              drop_unconverted)
{
  g_autoptr(GPtrArray) unconverted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) choices = NULL;
  GlossAttributeType type;

  g_return_if_fail (GLOSS_IS_ATTRIBUTE_EDITOR (self));

  if (self->project == NULL)
    return;
  if (!gloss_attribute_type_from_string (type_name, &type))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a type of attribute"), type_name);
      report (self, message, FALSE);
      return;
    }
  if (type == GLOSS_ATTRIBUTE_CATEGORY)
    choices = g_strsplit (values != NULL ? values : "", ",", -1);

  if (gloss_project_change_attribute (self->project, attribute_id, name, type, (const char * const *) choices,
                                      drop_unconverted, unconverted, &error))
    return;
  if (!drop_unconverted && unconverted->len > 0)
    ask_to_empty (self, g_variant_new ("(xsss)", attribute_id, name, type_name, values != NULL ? values : ""),
                  error->message);
  else
    report (self, error->message, FALSE);
}

/* Deleting */

static void
on_delete_response (AdwMessageDialog     *dialog,
                    const char           *response,
                    GlossAttributeEditor *self)
{
  gint64 attribute_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "attribute-id"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "attribute-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->project == NULL)
    return;
  if (!gloss_project_delete_attribute (self->project, attribute_id, &error))
    {
      report (self, error->message, FALSE);
      return;
    }
  /* Translators: a toast after an attribute was deleted */
  message = g_strdup_printf (_("Attribute “%s” deleted"), name);
  report (self, message, TRUE);
}

/* Sets whose rule names the attribute stop reading without it: said before. */
static void
add_sets_using (GlossAttributeEditor  *self,
                gint64                 attribute_id,
                char                 **body)
{
  g_autoptr(GPtrArray) sets = gloss_project_list_sets_using_attribute (self->project, attribute_id, NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  char *longer;

  if (sets == NULL || sets->len == 0)
    return;
  for (guint i = 0; i < sets->len; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", (const char *) g_ptr_array_index (sets, i));
  /* Translators: %s are the sets, “refugee-led”, “recent” */
  longer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s The rule of the set %s names it and will not read until it is changed.",
                                         "%s The rules of the sets %s name it and will not read until they are changed.",
                                         sets->len), *body, names->str);
  g_free (*body);
  *body = longer;
}

void
gloss_attribute_editor_delete (GlossAttributeEditor *self,
                               gint64                attribute_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAttribute) attribute = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (GLOSS_IS_ATTRIBUTE_EDITOR (self));

  if (self->project == NULL)
    return;
  if ((attribute = gloss_project_get_attribute (self->project, attribute_id, &error)) == NULL ||
      (values = gloss_project_list_attribute_values (self->project, attribute_id, 0, &error)) == NULL)
    {
      report (self, error->message, FALSE);
      return;
    }

  /* Translators: the heading of the dialog that deletes an attribute */
  heading = g_strdup_printf (_("Delete “%s”?"), attribute->name);
  body = g_strdup_printf (attribute->target == GLOSS_ATTRIBUTE_ON_DOCUMENT
                          ? g_dngettext (GETTEXT_PACKAGE,
                                         "Its value on %u document goes with it. Undo brings it back.",
                                         "Its values on %u documents go with it. Undo brings them back.",
                                         values->len)
                          : g_dngettext (GETTEXT_PACKAGE,
                                         "Its %u value goes with it. Undo brings it back.",
                                         "Its %u values go with it. Undo brings them back.",
                                         values->len), values->len);
  add_sets_using (self, attribute_id, &body);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "attribute-id", GSIZE_TO_POINTER ((gsize) attribute_id));
  g_object_set_data_full (G_OBJECT (dialog), "attribute-name", g_strdup (attribute->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
gloss_attribute_editor_dispose (GObject *object)
{
  GlossAttributeEditor *self = GLOSS_ATTRIBUTE_EDITOR (object);

  if (self->owner != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->owner), (gpointer *) &self->owner);
  self->owner = NULL;
  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_attribute_editor_parent_class)->dispose (object);
}

static void
gloss_attribute_editor_class_init (GlossAttributeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_attribute_editor_dispose;

  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
gloss_attribute_editor_init (GlossAttributeEditor *self)
{
}
