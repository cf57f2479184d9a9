/* gloss-refused-dialog.h: a project file that was not opened, and what
 * can be done with it: open it read-only, or repair a copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-window.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_REFUSED_DIALOG (gloss_refused_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossRefusedDialog, gloss_refused_dialog, GLOSS, REFUSED_DIALOG, AdwMessageDialog)

/* Whether gloss_project_open() refusing a file with @error is a refusal
 * this dialog can help with (its rows or its schema, not a missing file). */
gboolean            gloss_refused_dialog_applies     (const GError *error);

/* Says over @window why @path was refused (@error) and offers to open it
 * read-only (when it can be read so without writing a byte) or to write a
 * repaired copy beside it ("name (repaired).gloss"), which then opens in
 * @window with a list of what was changed. The file itself is never
 * written. ::done is emitted when the dialog has done what was chosen. */
GlossRefusedDialog *gloss_refused_dialog_new         (GlossWindow  *window,
                                                      const char   *path,
                                                      const GError *error);
gboolean            gloss_refused_dialog_can_read    (GlossRefusedDialog *self);
gboolean            gloss_refused_dialog_can_repair  (GlossRefusedDialog *self);
/* The repaired copy, once written; NULL before. */
const char         *gloss_refused_dialog_get_repaired_path (GlossRefusedDialog *self);

G_END_DECLS
