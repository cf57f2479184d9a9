/* gloss-set-dialog.h: the name and rule of a set of documents, new or
 * changed, the rule checked as it is typed
 *
 * Below the rule the dialog says how many documents meet it now, or why
 * it does not read; the set cannot be saved with a rule that does not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SET_DIALOG (gloss_set_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossSetDialog, gloss_set_dialog, GLOSS, SET_DIALOG, AdwMessageDialog)

/* Responses: "cancel", "apply". @set_id 0: a new set. */
GlossSetDialog *gloss_set_dialog_new          (GtkWindow      *parent,
                                               GlossProject   *project,
                                               gint64          set_id);
gint64          gloss_set_dialog_get_set_id   (GlossSetDialog *self);
GtkEditable    *gloss_set_dialog_get_name     (GlossSetDialog *self);
GtkEditable    *gloss_set_dialog_get_rule     (GlossSetDialog *self);
/* What the dialog says about the rule now. */
const char     *gloss_set_dialog_get_status   (GlossSetDialog *self);
/* Whether the rule reads (a blank rule does). */
gboolean        gloss_set_dialog_get_rule_valid (GlossSetDialog *self);

G_END_DECLS
