/* gloss-document-row.h: a row of the documents sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-item-row.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_ROW (gloss_document_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossDocumentRow, gloss_document_row, GLOSS, DOCUMENT_ROW, GlossItemRow)

G_END_DECLS
