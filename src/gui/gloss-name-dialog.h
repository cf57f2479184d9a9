/* gloss-name-dialog.h: a message dialog that asks for a name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_NAME_DIALOG (gloss_name_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossNameDialog, gloss_name_dialog, GLOSS, NAME_DIALOG, AdwMessageDialog)

/* Says why @name (stripped, not empty) cannot be taken, as a sentence, or
 * returns NULL when it can (a duplicate, say). */
typedef char *(*GlossNameCheck) (const char *name,
                                 gpointer    user_data);

/* A dialog over @parent with @heading, @body, Cancel and @accept_label
 * (with a mnemonic); the accept response is "accept". */
GlossNameDialog *gloss_name_dialog_new          (GtkWindow        *parent,
                                                 const char       *heading,
                                                 const char       *body,
                                                 const char       *accept_label);
void             gloss_name_dialog_set_text     (GlossNameDialog  *self,
                                                 const char       *text);
const char      *gloss_name_dialog_get_text     (GlossNameDialog  *self);
void             gloss_name_dialog_set_placeholder (GlossNameDialog *self,
                                                    const char      *placeholder);
/* Called on every change of the text; while it objects, accepting is off
 * and its sentence is shown below the entry. */
void             gloss_name_dialog_set_check    (GlossNameDialog  *self,
                                                 GlossNameCheck    check,
                                                 gpointer          user_data,
                                                 GDestroyNotify    destroy);
/* Ready-made checks against @project (a reference is kept): a code name
 * (or path "A/B") that would land on an existing code below @parent_id
 * (0: the top level), or the name of an existing coder, is refused; the
 * code or coder @except_id (being renamed; 0: none) does not count. */
void             gloss_name_dialog_check_code_name  (GlossNameDialog *self,
                                                     GlossProject    *project,
                                                     gint64           parent_id,
                                                     gint64           except_id);
void             gloss_name_dialog_check_coder_name (GlossNameDialog *self,
                                                     GlossProject    *project,
                                                     gint64           except_id);
/* The entry, for a completion. */
GtkEntry        *gloss_name_dialog_get_entry    (GlossNameDialog  *self);
/* A widget shown below the entry (a switch, say). */
void             gloss_name_dialog_add_extra    (GlossNameDialog  *self,
                                                 GtkWidget        *widget);
/* The message shown now below the entry ("" when none). */
const char      *gloss_name_dialog_get_message  (GlossNameDialog  *self);
/* Whether the dialog would accept the text as it is now. */
gboolean         gloss_name_dialog_can_accept   (GlossNameDialog  *self);

/* Presents the dialog; @callback runs once it is answered. */
void             gloss_name_dialog_choose_async (GlossNameDialog  *self,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
/* The name given (stripped), or NULL with G_IO_ERROR_CANCELLED when the
 * dialog was cancelled or closed. */
char            *gloss_name_dialog_choose_finish (GlossNameDialog *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

G_END_DECLS
