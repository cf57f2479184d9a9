/* gloss-attribute-sheet.h: the attributes of one document, coder or case,
 * each value changed where it is shown; for a document also the cases it
 * or its passages belong to
 *
 * A value that does not fit its attribute is refused with the reason,
 * shown under the list. Actions: attributes.set-value (x attribute,
 * x target, s value), sheet.new-attribute (an attribute for this kind of
 * target), sheet.create-attribute (s name, s type, s values),
 * sheet.remove-case-member (x member), sheet.edit-attribute (x attribute:
 * the dialog to rename or retype it), sheet.change-attribute (x, s name,
 * s type, s values, b empty what does not convert), sheet.delete-attribute
 * (x: asks first); each row's menu offers the last three.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-attribute-cell.h"
#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ATTRIBUTE_SHEET (gloss_attribute_sheet_get_type ())

G_DECLARE_FINAL_TYPE (GlossAttributeSheet, gloss_attribute_sheet, GLOSS, ATTRIBUTE_SHEET, GtkWidget)

GtkWidget          *gloss_attribute_sheet_new        (void);
/* @project NULL or @target_id 0: nothing shown. */
void                gloss_attribute_sheet_set_target (GlossAttributeSheet  *self,
                                                      GlossProject         *project,
                                                      GlossAttributeTarget  target,
                                                      gint64                target_id);
void                gloss_attribute_sheet_reload     (GlossAttributeSheet  *self);
GlossAttributeCell *gloss_attribute_sheet_get_cell   (GlossAttributeSheet  *self,
                                                      gint64                attribute_id);
/* The refusal shown, or NULL. */
const char         *gloss_attribute_sheet_get_message (GlossAttributeSheet *self);
/* The lines of the cases section ("Org A: whole document"). */
GPtrArray          *gloss_attribute_sheet_dup_case_lines (GlossAttributeSheet *self);

G_END_DECLS
