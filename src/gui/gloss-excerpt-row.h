/* gloss-excerpt-row.h: a coded excerpt (or a memo) in the excerpts pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-excerpt-item.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_EXCERPT_ROW (gloss_excerpt_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossExcerptRow, gloss_excerpt_row, GLOSS, EXCERPT_ROW, GtkWidget)

GlossExcerptItem  *gloss_excerpt_row_get_item (GlossExcerptRow  *self);
void               gloss_excerpt_row_set_item (GlossExcerptRow  *self,
                                                GlossExcerptItem *item);

G_END_DECLS
