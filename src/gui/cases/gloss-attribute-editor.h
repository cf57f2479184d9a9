/* gloss-attribute-editor.h: an attribute renamed, retyped or deleted, with
 * the dialogs that ask first
 *
 * The documents table and the attribute sheet (cases, coders) share it.
 * Renaming and retyping go through the Edit dialog and are one step;
 * values that do not convert are listed with the core's refusal and
 * emptied only when the user agrees; deleting asks first. What the user
 * must read comes back as the "message" signal (s text, b offer undo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ATTRIBUTE_EDITOR (gloss_attribute_editor_get_type ())

G_DECLARE_FINAL_TYPE (GlossAttributeEditor, gloss_attribute_editor, GLOSS, ATTRIBUTE_EDITOR, GObject)

/* Dialogs open over the window of @owner (not referenced). */
GlossAttributeEditor *gloss_attribute_editor_new         (GtkWidget            *owner);
void                  gloss_attribute_editor_set_project (GlossAttributeEditor *self,
                                                          GlossProject         *project);
/* The Edit dialog for the attribute; Apply calls _change. */
void                  gloss_attribute_editor_edit        (GlossAttributeEditor *self,
                                                          gint64                attribute_id);
/* @type_name as gloss_attribute_type_from_string reads it, @values the
 * category values separated by commas. Without @drop_unconverted, values
 * that do not convert make it ask. */
void                  gloss_attribute_editor_change      (GlossAttributeEditor *self,
                                                          gint64                attribute_id,
                                                          const char           *name,
                                                          const char           *type_name,
                                                          const char           *values,
                                                          gboolean              drop_unconverted);
/* Asks, then deletes the attribute with its values. */
void                  gloss_attribute_editor_delete      (GlossAttributeEditor *self,
                                                          gint64                attribute_id);

G_END_DECLS
