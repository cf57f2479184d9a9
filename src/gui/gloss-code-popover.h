/* gloss-code-popover.h: pick a code from the codebook, or name a new one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-codebook-model.h"
#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CODE_POPOVER (gloss_code_popover_get_type ())

G_DECLARE_FINAL_TYPE (GlossCodePopover, gloss_code_popover, GLOSS, CODE_POPOVER, GtkPopover)

/* Property "model": the codes it offers, with their counts (every coder's
 * codings, or one coder's in blind mode), a GlossCodebookModel it follows. */
GtkWidget *gloss_code_popover_new        (void);
void       gloss_code_popover_set_model  (GlossCodePopover   *self,
                                          GlossCodebookModel *model);
GlossCodebookModel *gloss_code_popover_get_model (GlossCodePopover *self);
void       gloss_code_popover_set_filter (GlossCodePopover *self,
                                          const char       *text);
/* The number shown beside @code_id (-1 when the code is not listed). */
gint64     gloss_code_popover_get_count  (GlossCodePopover *self,
                                          gint64            code_id);
/* What Enter would do now: the first matching code (0 when none matches). */
gint64     gloss_code_popover_get_first_match (GlossCodePopover *self);
/* How many codes the list shows now (those that match the filter). */
guint      gloss_code_popover_get_n_shown     (GlossCodePopover *self);
/* The code of the row with the keyboard focus, or NULL. */
GlossCodeItem *gloss_code_popover_get_focused_item (GlossCodePopover *self);
/* Does the same as pressing Enter in the search entry. */
void       gloss_code_popover_activate_first  (GlossCodePopover *self);

/* Whether @code matches the filter @needle (case-insensitive, on name or path). */
gboolean   gloss_code_matches_filter     (const GlossCode  *code,
                                          const char       *needle);

/*
 * Signals:
 *   "code-chosen"  (gint64 code_id)
 *   "code-create"  (const char *name)   the user asked for a new code
 */

G_END_DECLS
