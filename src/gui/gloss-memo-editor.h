/* gloss-memo-editor.h: a memo on the project, a document or a code, edited
 * in place and saved by itself after a pause in typing or on focus-out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_MEMO_EDITOR (gloss_memo_editor_get_type ())

G_DECLARE_FINAL_TYPE (GlossMemoEditor, gloss_memo_editor, GLOSS, MEMO_EDITOR, GtkWidget)

GtkWidget  *gloss_memo_editor_new        (void);
/* Edits the memo on (@kind, @target_id) of @project ("project", "document",
 * "code"); an edit of another target is saved first. Showing the same target
 * again keeps what is being typed. NULL @project: nothing. */
void        gloss_memo_editor_set_target (GlossMemoEditor *self,
                                          GlossProject    *project,
                                          const char      *kind,
                                          gint64           target_id);
const char *gloss_memo_editor_get_kind   (GlossMemoEditor *self);
gint64      gloss_memo_editor_get_target_id (GlossMemoEditor *self);
char       *gloss_memo_editor_dup_text   (GlossMemoEditor *self);
/* Replaces the text as typing would (saved after the pause). */
void        gloss_memo_editor_set_text   (GlossMemoEditor *self,
                                          const char      *text);
/* Saves an edit not saved yet. */
void        gloss_memo_editor_flush      (GlossMemoEditor *self);

G_END_DECLS
