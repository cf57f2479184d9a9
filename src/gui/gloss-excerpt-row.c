/* gloss-excerpt-row.c: a coded excerpt (or a memo) in the excerpts pane
 *
 * Its labels are bound to the item's properties in the template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-excerpt-row.h"

struct _GlossExcerptRow
{
  GtkWidget          parent_instance;

  GlossExcerptItem *item;
};

G_DEFINE_FINAL_TYPE (GlossExcerptRow, gloss_excerpt_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossExcerptItem *
gloss_excerpt_row_get_item (GlossExcerptRow *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ROW (self), NULL);

  return self->item;
}

void
gloss_excerpt_row_set_item (GlossExcerptRow  *self,
                             GlossExcerptItem *item)
{
  g_return_if_fail (GLOSS_IS_EXCERPT_ROW (self));

  if (!g_set_object (&self->item, item))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
gloss_excerpt_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossExcerptRow *self = GLOSS_EXCERPT_ROW (object);

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
gloss_excerpt_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossExcerptRow *self = GLOSS_EXCERPT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      gloss_excerpt_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_excerpt_row_dispose (GObject *object)
{
  GlossExcerptRow *self = GLOSS_EXCERPT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_EXCERPT_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (gloss_excerpt_row_parent_class)->dispose (object);
}

static void
gloss_excerpt_row_class_init (GlossExcerptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_excerpt_row_dispose;
  object_class->get_property = gloss_excerpt_row_get_property;
  object_class->set_property = gloss_excerpt_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, GLOSS_TYPE_EXCERPT_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-excerpt-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (GLOSS_TYPE_EXCERPT_ITEM);
}

static void
gloss_excerpt_row_init (GlossExcerptRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
