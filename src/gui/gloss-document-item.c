/* gloss-document-item.c: one document as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-document-item.h"

struct _GlossDocumentItem
{
  GObject            parent_instance;

  GlossDocumentInfo *info;
};

G_DEFINE_FINAL_TYPE (GlossDocumentItem, gloss_document_item, G_TYPE_OBJECT)

GlossDocumentItem *
gloss_document_item_new (GlossDocumentInfo *info)
{
  GlossDocumentItem *self = g_object_new (GLOSS_TYPE_DOCUMENT_ITEM, NULL);

  self->info = info;
  return self;
}

const GlossDocumentInfo *
gloss_document_item_get_info (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), NULL);

  return self->info;
}

gint64
gloss_document_item_get_id (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), 0);

  return self->info->id;
}

static void
gloss_document_item_finalize (GObject *object)
{
  GlossDocumentItem *self = GLOSS_DOCUMENT_ITEM (object);

  g_clear_pointer (&self->info, gloss_document_info_free);

  G_OBJECT_CLASS (gloss_document_item_parent_class)->finalize (object);
}

static void
gloss_document_item_class_init (GlossDocumentItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_document_item_finalize;
}

static void
gloss_document_item_init (GlossDocumentItem *self)
{
}
