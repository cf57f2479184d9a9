/* gloss-name-dialog.h: asks for a name (a coder's, or anything named)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_NAME_DIALOG (gloss_name_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossNameDialog, gloss_name_dialog, GLOSS, NAME_DIALOG, AdwMessageDialog)

/* A dialog over @parent with @heading and @body, its entry holding @text
 * (selected, so typing replaces it); @accept_label names the button that
 * takes the name. It emits "named" with the name, trimmed, when it is
 * accepted (an empty name cannot be), and closes however it is answered. */
GlossNameDialog *gloss_name_dialog_new      (GtkWindow       *parent,
                                             const char      *heading,
                                             const char      *body,
                                             const char      *text,
                                             const char      *accept_label);
const char      *gloss_name_dialog_get_text (GlossNameDialog *self);
void             gloss_name_dialog_set_text (GlossNameDialog *self,
                                             const char      *text);

G_END_DECLS
