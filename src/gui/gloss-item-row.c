/* gloss-item-row.c: a list row that shows one item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-item-row.h"

typedef struct
{
  GObject *item;
} GlossItemRowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (GlossItemRow, gloss_item_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GObject *
gloss_item_row_get_item (GlossItemRow *self)
{
  GlossItemRowPrivate *priv = gloss_item_row_get_instance_private (self);

  g_return_val_if_fail (GLOSS_IS_ITEM_ROW (self), NULL);

  return priv->item;
}

void
gloss_item_row_set_item (GlossItemRow *self,
                         GObject      *item)
{
  GlossItemRowPrivate *priv = gloss_item_row_get_instance_private (self);

  g_return_if_fail (GLOSS_IS_ITEM_ROW (self));

  if (!g_set_object (&priv->item, item))
    return;
  if (GLOSS_ITEM_ROW_GET_CLASS (self)->item_changed != NULL)
    GLOSS_ITEM_ROW_GET_CLASS (self)->item_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
gloss_item_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, gloss_item_row_get_item (GLOSS_ITEM_ROW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_item_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      gloss_item_row_set_item (GLOSS_ITEM_ROW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The template's top widget is not a bound child: it goes here. */
static void
gloss_item_row_dispose (GObject *object)
{
  GlossItemRow *self = GLOSS_ITEM_ROW (object);
  GlossItemRowPrivate *priv = gloss_item_row_get_instance_private (self);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->item);

  G_OBJECT_CLASS (gloss_item_row_parent_class)->dispose (object);
}

static void
gloss_item_row_class_init (GlossItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_item_row_dispose;
  object_class->get_property = gloss_item_row_get_property;
  object_class->set_property = gloss_item_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
gloss_item_row_init (GlossItemRow *self)
{
}
