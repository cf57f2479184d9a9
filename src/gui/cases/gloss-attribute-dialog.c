/* gloss-attribute-dialog.c: name and type of a new attribute, or of one
 * renamed or retyped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-attribute-dialog.h"

struct _GlossAttributeDialog
{
  AdwMessageDialog  parent_instance;

  gint64            attribute_id;   /* the attribute changed; 0 for a new one */

  GtkEntry         *name_entry;
  GtkDropDown      *type_dropdown;
  GtkEntry         *values_entry;
};

G_DEFINE_FINAL_TYPE (GlossAttributeDialog, gloss_attribute_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* In the order of the type list. */
static const GlossAttributeType types[] = {
  GLOSS_ATTRIBUTE_TEXT,
  GLOSS_ATTRIBUTE_NUMBER,
  GLOSS_ATTRIBUTE_DATE,
  GLOSS_ATTRIBUTE_BOOLEAN,
  GLOSS_ATTRIBUTE_CATEGORY,
};

static void
update (GlossAttributeDialog *self)
{
  gboolean category = gloss_attribute_dialog_get_attribute_type (self) == GLOSS_ATTRIBUTE_CATEGORY;
  g_autofree char *name = gloss_attribute_dialog_dup_name (self);
  g_autofree char *values = gloss_attribute_dialog_dup_values (self);
  gboolean ready = *name != '\0' && (!category || *values != '\0');

  gtk_widget_set_visible (GTK_WIDGET (self->values_entry), category);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", ready);
}

GlossAttributeDialog *
gloss_attribute_dialog_new (GtkWindow *parent)
{
  return g_object_new (GLOSS_TYPE_ATTRIBUTE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

GlossAttributeDialog *
gloss_attribute_dialog_new_for_edit (GtkWindow            *parent,
                                     const GlossAttribute *attribute)
{
  GlossAttributeDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *values = NULL;

  g_return_val_if_fail (attribute != NULL, NULL);

  self = gloss_attribute_dialog_new (parent);
  self->attribute_id = attribute->id;
  /* Translators: the heading of the dialog that renames or retypes an attribute */
  heading = g_strdup_printf (_("Attribute “%s”"), attribute->name);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("A new type converts every value; values that do not convert are "
                                 "listed before anything changes."));
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "add", _("_Apply"));
  values = attribute->choices != NULL ? g_strjoinv (", ", attribute->choices) : NULL;
  gloss_attribute_dialog_fill (self, attribute->name, attribute->type, values);
  return self;
}

gint64
gloss_attribute_dialog_get_attribute_id (GlossAttributeDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_DIALOG (self), 0);

  return self->attribute_id;
}

char *
gloss_attribute_dialog_dup_name (GlossAttributeDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
}

GlossAttributeType
gloss_attribute_dialog_get_attribute_type (GlossAttributeDialog *self)
{
  guint selected;

  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_DIALOG (self), GLOSS_ATTRIBUTE_TEXT);

  selected = gtk_drop_down_get_selected (self->type_dropdown);
  return types[MIN (selected, G_N_ELEMENTS (types) - 1)];
}

char *
gloss_attribute_dialog_dup_values (GlossAttributeDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->values_entry))));
}

void
gloss_attribute_dialog_fill (GlossAttributeDialog *self,
                             const char           *name,
                             GlossAttributeType    type,
                             const char           *values)
{
  g_return_if_fail (GLOSS_IS_ATTRIBUTE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (types[i] == type)
      gtk_drop_down_set_selected (self->type_dropdown, i);
  gtk_editable_set_text (GTK_EDITABLE (self->values_entry), values != NULL ? values : "");
}

static void
on_changed (GlossAttributeDialog *self)
{
  update (self);
}

static void
gloss_attribute_dialog_class_init (GlossAttributeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossqda/Gloss/gloss-attribute-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossAttributeDialog, values_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
gloss_attribute_dialog_init (GlossAttributeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
