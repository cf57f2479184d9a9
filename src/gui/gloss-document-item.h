/* gloss-document-item.h: one document as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_ITEM (gloss_document_item_get_type ())

G_DECLARE_FINAL_TYPE (GlossDocumentItem, gloss_document_item, GLOSS, DOCUMENT_ITEM, GObject)

/* Takes @info. */
GlossDocumentItem       *gloss_document_item_new      (GlossDocumentInfo *info);
const GlossDocumentInfo *gloss_document_item_get_info (GlossDocumentItem *self);
gint64                   gloss_document_item_get_id   (GlossDocumentItem *self);
char                    *gloss_document_item_dup_details (GlossDocumentItem *self);

G_END_DECLS
