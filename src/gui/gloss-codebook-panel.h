/* gloss-codebook-panel.h: the codebook as a tree: create, rename, recolour,
 * describe, move, merge, delete, filter, import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-codebook-model.h"
#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CODEBOOK_PANEL (gloss_codebook_panel_get_type ())

G_DECLARE_FINAL_TYPE (GlossCodebookPanel, gloss_codebook_panel, GLOSS, CODEBOOK_PANEL, GtkWidget)

/* Properties: "project" (what its actions change) and "model" (the codes
 * and counts it shows, a GlossCodebookModel it follows). */
GtkWidget *gloss_codebook_panel_new               (void);
void       gloss_codebook_panel_set_project       (GlossCodebookPanel *self,
                                                   GlossProject       *project);
GlossProject *gloss_codebook_panel_get_project    (GlossCodebookPanel *self);
void       gloss_codebook_panel_set_model         (GlossCodebookPanel *self,
                                                   GlossCodebookModel *model);
GlossCodebookModel *gloss_codebook_panel_get_model (GlossCodebookPanel *self);
/* Shows the model's codebook and counts again. */
void       gloss_codebook_panel_reload            (GlossCodebookPanel *self);
void       gloss_codebook_panel_set_filter        (GlossCodebookPanel *self,
                                                   const char         *text);
gint64     gloss_codebook_panel_get_selected_code (GlossCodebookPanel *self);
void       gloss_codebook_panel_select_code       (GlossCodebookPanel *self,
                                                   gint64              code_id);
/* The number shown beside @code_id (-1 when the code is not listed). */
gint64     gloss_codebook_panel_get_count         (GlossCodebookPanel *self,
                                                   gint64              code_id);
/* The rows shown now (after the filter), expanded rows' children included. */
guint      gloss_codebook_panel_get_n_rows        (GlossCodebookPanel *self);

/*
 * Signals:
 *   "code-selected" (gint64 code_id)   0 when nothing is selected
 * Widget actions (codebook.*):
 *   new-code, new-child-code (x), new-child-of-selected, create ((xs) parent, name),
 *   start-rename (x), rename ((xs)), rename-selected (F2), delete-selected (Delete),
 *   choose-color (x), recolor ((xs)),
 *   edit-description (x), set-description ((xs)), move ((xxi) code, parent, position),
 *   choose-merge-target (x), merge ((xx) source, target), delete (x) (asks first),
 *   import, export (file choosers), import-from (s path), export-to (s path)
 */

G_END_DECLS
