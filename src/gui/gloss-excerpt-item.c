/* gloss-excerpt-item.c: one coded excerpt (or one memo) as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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

static void
gloss_excerpt_item_class_init (GlossExcerptItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_excerpt_item_finalize;
}

static void
gloss_excerpt_item_init (GlossExcerptItem *self)
{
}
