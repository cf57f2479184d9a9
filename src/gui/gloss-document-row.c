/* gloss-document-row.c: a row of the documents sidebar
 *
 * Its labels are bound to the item's properties in the template; the
 * remove button's target is the item's document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-document-row.h"

struct _GlossDocumentRow
{
  GtkWidget          parent_instance;

  GlossDocumentItem *item;

  /* Template children */
  GtkButton         *remove_button;
};

G_DEFINE_FINAL_TYPE (GlossDocumentRow, gloss_document_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossDocumentItem *
gloss_document_row_get_item (GlossDocumentRow *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ROW (self), NULL);

  return self->item;
}

void
gloss_document_row_set_item (GlossDocumentRow  *self,
                             GlossDocumentItem *item)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));

  if (!g_set_object (&self->item, item))
    return;
  /* The target first: the action takes the document's id. */
  if (item != NULL)
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button),
                                              g_variant_new_int64 (gloss_document_item_get_id (item)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "win.remove-document");
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
gloss_document_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossDocumentRow *self = GLOSS_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossDocumentRow *self = GLOSS_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      gloss_document_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_row_dispose (GObject *object)
{
  GlossDocumentRow *self = GLOSS_DOCUMENT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_DOCUMENT_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (gloss_document_row_parent_class)->dispose (object);
}

static void
gloss_document_row_class_init (GlossDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_document_row_dispose;
  object_class->get_property = gloss_document_row_get_property;
  object_class->set_property = gloss_document_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, GLOSS_TYPE_DOCUMENT_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, remove_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (GLOSS_TYPE_DOCUMENT_ITEM);
}

static void
gloss_document_row_init (GlossDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
