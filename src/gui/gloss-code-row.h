/* gloss-code-row.h: a code of the codebook panel's tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-code-item.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CODE_ROW (gloss_code_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossCodeRow, gloss_code_row, GLOSS, CODE_ROW, GtkWidget)

GtkTreeListRow *gloss_code_row_get_list_row (GlossCodeRow   *self);
void            gloss_code_row_set_list_row (GlossCodeRow   *self,
                                             GtkTreeListRow *list_row);
/* The code shown, or NULL. */
GlossCodeItem  *gloss_code_row_get_item     (GlossCodeRow   *self);
/* Starts editing the name in place (Rename). */
void            gloss_code_row_start_rename (GlossCodeRow   *self);

G_END_DECLS
