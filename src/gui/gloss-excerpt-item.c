/* gloss-excerpt-item.c: one coded excerpt (or one memo) as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-excerpt-item.h"

struct _GlossExcerptItem
{
  GObject  parent_instance;

  gint64   coding_id;
  gint64   document_id;
  gint64   start;
  gint64   end;
  char    *heading;
  char    *details;
  char    *text;
  char    *memo;
  char    *color;
};

G_DEFINE_FINAL_TYPE (GlossExcerptItem, gloss_excerpt_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HEADING,
  PROP_DETAILS,
  PROP_TEXT,
  PROP_MEMO_LABEL,
  PROP_HAS_MEMO,
  PROP_SWATCH_MARKUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlossExcerptItem *
gloss_excerpt_item_new (gint64      coding_id,
                        gint64      document_id,
                        gint64      start,
                        gint64      end,
                        const char *heading,
                        const char *details,
                        const char *text,
                        const char *memo,
                        const char *color)
{
  GlossExcerptItem *self = g_object_new (GLOSS_TYPE_EXCERPT_ITEM, NULL);

  self->coding_id = coding_id;
  self->document_id = document_id;
  self->start = start;
  self->end = end;
  self->heading = g_strdup (heading);
  self->details = g_strdup (details);
  self->text = g_strdup (text);
  self->memo = g_strdup (memo);
  self->color = g_strdup (color);
  return self;
}

gint64
gloss_excerpt_item_get_coding_id (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), 0);
  return self->coding_id;
}

gint64
gloss_excerpt_item_get_document_id (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), 0);
  return self->document_id;
}

gint64
gloss_excerpt_item_get_start (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), 0);
  return self->start;
}

gint64
gloss_excerpt_item_get_end (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), 0);
  return self->end;
}

const char *
gloss_excerpt_item_get_heading (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), NULL);
  return self->heading;
}

const char *
gloss_excerpt_item_get_details (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), NULL);
  return self->details;
}

const char *
gloss_excerpt_item_get_text (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), NULL);
  return self->text;
}

const char *
gloss_excerpt_item_get_memo (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), NULL);
  return self->memo;
}

const char *
gloss_excerpt_item_get_color (GlossExcerptItem *self)
{
  g_return_val_if_fail (GLOSS_IS_EXCERPT_ITEM (self), NULL);
  return self->color;
}

static void
gloss_excerpt_item_finalize (GObject *object)
{
  GlossExcerptItem *self = GLOSS_EXCERPT_ITEM (object);

  g_free (self->heading);
  g_free (self->details);
  g_free (self->text);
  g_free (self->memo);
  g_free (self->color);

  G_OBJECT_CLASS (gloss_excerpt_item_parent_class)->finalize (object);
}

static gboolean
has_memo (GlossExcerptItem *self)
{
  return self->memo != NULL && *self->memo != '\0';
}

static void
gloss_excerpt_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossExcerptItem *self = GLOSS_EXCERPT_ITEM (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      g_value_set_string (value, self->heading);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details ? self->details : "");
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MEMO_LABEL:
      /* Translators: a coding's memo under its excerpt */
      g_value_take_string (value, has_memo (self) ? g_strdup_printf (_("Memo: %s"), self->memo) : g_strdup (""));
      break;
    case PROP_HAS_MEMO:
      g_value_set_boolean (value, has_memo (self));
      break;
    case PROP_SWATCH_MARKUP:
      g_value_take_string (value, self->color != NULL
                                  ? g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", self->color)
                                  : g_strdup (""));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_excerpt_item_class_init (GlossExcerptItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_excerpt_item_finalize;
  object_class->get_property = gloss_excerpt_item_get_property;

  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMO_LABEL] =
    g_param_spec_string ("memo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MEMO] =
    g_param_spec_boolean ("has-memo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SWATCH_MARKUP] =
    g_param_spec_string ("swatch-markup", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_excerpt_item_init (GlossExcerptItem *self)
{
}
