/* gloss-merge-dialog.h: merge coders' copies into the lead project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-project-exchange.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_MERGE_DIALOG (gloss_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossMergeDialog, gloss_merge_dialog, GLOSS, MERGE_DIALOG, AdwWindow)

/* Shows the files and the conflict choice; merge.start merges them one
 * after the other, then shows what was added, skipped and in conflict.
 * ::finished (n_merged) is emitted when the last file is done. */
GlossMergeDialog        *gloss_merge_dialog_new            (GtkWindow          *parent,
                                                            GlossProject       *project,
                                                            const char * const *paths);
void                     gloss_merge_dialog_set_take_theirs (GlossMergeDialog  *self,
                                                             gboolean           take_theirs);
gboolean                 gloss_merge_dialog_get_running    (GlossMergeDialog   *self);
/* After ::finished: one result per file. The summary is NULL (and
 * the error message set) for a file that could not be merged. */
guint                    gloss_merge_dialog_get_n_results  (GlossMergeDialog   *self);
const GlossMergeSummary *gloss_merge_dialog_get_summary    (GlossMergeDialog   *self,
                                                            guint               index);
const char              *gloss_merge_dialog_get_error      (GlossMergeDialog   *self,
                                                            guint               index);

G_END_DECLS
