/* gloss-set-chooser.h: choose a set of documents, or all documents
 *
 * The list follows the project: sets added, renamed or deleted show up at
 * once. The chosen set is the "set-id" property (0: all documents).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-cases.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SET_CHOOSER (gloss_set_chooser_get_type ())

G_DECLARE_FINAL_TYPE (GlossSetChooser, gloss_set_chooser, GLOSS, SET_CHOOSER, GtkWidget)

GtkWidget *gloss_set_chooser_new         (void);
void       gloss_set_chooser_set_project (GlossSetChooser *self,
                                          GlossProject    *project);
gint64     gloss_set_chooser_get_set_id  (GlossSetChooser *self);
/* A set that is not (or no longer) there chooses all documents. */
void       gloss_set_chooser_set_set_id  (GlossSetChooser *self,
                                          gint64           set_id);
guint      gloss_set_chooser_get_n_sets  (GlossSetChooser *self);
/* The documents of the chosen set now (gint64, ascending), or NULL when
 * all documents are chosen. */
GArray    *gloss_set_chooser_dup_document_ids (GlossSetChooser *self);
/* The same as a set of ids (gint64 *), or NULL. */
GHashTable *gloss_set_chooser_dup_members (GlossSetChooser *self);

G_END_DECLS
