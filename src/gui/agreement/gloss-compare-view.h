/* gloss-compare-view.h: one disagreement, each coder's codings side by side
 *
 * A lane per compared coder shows the passage with that coder's codings of
 * the disagreement's code (or of the group's categories) in the coder's
 * colour; a further lane shows the consensus coder once there is one. The
 * lead accepts one coder's version into the consensus coder, or edits the
 * consensus coding by hand; either is one undo step (gloss-consensus.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_COMPARE_VIEW (gloss_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (GlossCompareView, gloss_compare_view, GLOSS, COMPARE_VIEW, GtkWidget)

GtkWidget *gloss_compare_view_new              (void);
void       gloss_compare_view_set_project      (GlossCompareView *self,
                                                GlossProject     *project);
/* @coders: GlossCoder, the compared coders in the report's order (copied).
 * @with_children: the disagreements name a code group, whose child codes
 * (and the codes below them) are what the coders chose among. */
void       gloss_compare_view_set_coders       (GlossCompareView *self,
                                                GPtrArray        *coders,
                                                gboolean          with_children);
/* A list of GlossDisagreementItem. */
void       gloss_compare_view_set_disagreements (GlossCompareView *self,
                                                 GListModel       *disagreements);
void       gloss_compare_view_show             (GlossCompareView *self,
                                                guint             position);
guint      gloss_compare_view_get_position     (GlossCompareView *self);
/* Number of lanes shown (compared coders, and Consensus when it exists). */
guint      gloss_compare_view_get_n_lanes      (GlossCompareView *self);
/* Replaces the Consensus coder's codings of the code over the passage with
 * copies of coder @coder's (an index into the compared coders). */
gboolean   gloss_compare_view_accept           (GlossCompareView *self,
                                                guint             coder,
                                                GError          **error);
/* Opens the editor, filled with the coders' codings over the passage. */
void       gloss_compare_view_begin_edit       (GlossCompareView *self);
void       gloss_compare_view_set_edit_range   (GlossCompareView *self,
                                                gint64            start,
                                                gint64            end);
gboolean   gloss_compare_view_save_edit        (GlossCompareView *self,
                                                GError          **error);

/*
 * Signals:
 *   "show-in-document" (gint64 document_id, gint64 start, gint64 end)
 *   "consensus-saved"  (const char *label)   a step the lead may undo
 *   "failed"           (GError *error)       an action could not save
 * Widget actions: compare.previous, compare.next, compare.accept (u),
 *   compare.edit, compare.use-selection, compare.cancel-edit,
 *   compare.save-edit, compare.show-in-document.
 */

G_END_DECLS
