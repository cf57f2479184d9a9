/* gloss-attribute-dialog.h: name and type of a new attribute, or of one
 * renamed or retyped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ATTRIBUTE_DIALOG (gloss_attribute_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossAttributeDialog, gloss_attribute_dialog, GLOSS, ATTRIBUTE_DIALOG, AdwMessageDialog)

/* Responses: "cancel", "add" (labelled Apply when it changes one). */
GlossAttributeDialog *gloss_attribute_dialog_new                (GtkWindow            *parent);
/* Filled with @attribute's name, type and values. */
GlossAttributeDialog *gloss_attribute_dialog_new_for_edit       (GtkWindow            *parent,
                                                                 const GlossAttribute *attribute);
/* The attribute changed, or 0 for a new one. */
gint64                gloss_attribute_dialog_get_attribute_id   (GlossAttributeDialog *self);
char                 *gloss_attribute_dialog_dup_name           (GlossAttributeDialog *self);
GlossAttributeType    gloss_attribute_dialog_get_attribute_type (GlossAttributeDialog *self);
/* The category values as typed, separated by commas. */
char                 *gloss_attribute_dialog_dup_values         (GlossAttributeDialog *self);
void                  gloss_attribute_dialog_fill               (GlossAttributeDialog *self,
                                                                 const char           *name,
                                                                 GlossAttributeType    type,
                                                                 const char           *values);

G_END_DECLS
