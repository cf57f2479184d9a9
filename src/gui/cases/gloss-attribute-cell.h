/* gloss-attribute-cell.h: one attribute value, shown and edited in place
 *
 * Text, numbers and dates are typed, yes/no and categories are
 * chosen from a list. A change goes to the action "attributes.set-value"
 * (x attribute, x target, s value) of an enclosing widget, which stores it
 * or says why it does not fit; the cell then shows what is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ATTRIBUTE_CELL (gloss_attribute_cell_get_type ())

G_DECLARE_FINAL_TYPE (GlossAttributeCell, gloss_attribute_cell, GLOSS, ATTRIBUTE_CELL, GtkWidget)

GtkWidget  *gloss_attribute_cell_new      (void);
/* Shows @value (NULL: empty) of @attribute for @target_id. */
void        gloss_attribute_cell_bind     (GlossAttributeCell   *self,
                                           const GlossAttribute *attribute,
                                           gint64                target_id,
                                           const char           *value);
gint64      gloss_attribute_cell_get_target_id (GlossAttributeCell *self);
gint64      gloss_attribute_cell_get_attribute_id (GlossAttributeCell *self);
/* What the cell shows: the value as the user reads it ("" when empty). */
char       *gloss_attribute_cell_dup_text (GlossAttributeCell   *self);
/* What typing @text and pressing Enter does (for a list: choosing the
 * entry that reads @text; "" is the empty entry). */
void        gloss_attribute_cell_enter    (GlossAttributeCell   *self,
                                           const char           *text);

G_END_DECLS
