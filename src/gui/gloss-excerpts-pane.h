/* gloss-excerpts-pane.h: coded excerpts of a code or a document, and memo
 * search results, with coder and document filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-codebook-model.h"
#include "gloss-project.h"
#include "gloss-excerpt-item.h"
#include "gloss-query.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_EXCERPTS_PANE (gloss_excerpts_pane_get_type ())

G_DECLARE_FINAL_TYPE (GlossExcerptsPane, gloss_excerpts_pane, GLOSS, EXCERPTS_PANE, GtkWidget)

typedef enum
{
  GLOSS_EXCERPTS_NONE,
  GLOSS_EXCERPTS_CODE,       /* the codings of one code */
  GLOSS_EXCERPTS_DOCUMENT,   /* everything coded in one document */
  GLOSS_EXCERPTS_MEMOS,      /* memos that contain a phrase */
  GLOSS_EXCERPTS_QUERY,      /* the codings a query finds, run again as the project changes */
} GlossExcerptsMode;

/* Properties: "project"; "coder-id", blind mode: only that coder's codings
 * are listed (0: every coder's); "model", the codes (GlossCodebookModel). */
GtkWidget        *gloss_excerpts_pane_new            (void);
void              gloss_excerpts_pane_set_project    (GlossExcerptsPane *self,
                                                      GlossProject      *project);
void              gloss_excerpts_pane_set_coder_id   (GlossExcerptsPane *self,
                                                      gint64             coder_id);
void              gloss_excerpts_pane_set_model      (GlossExcerptsPane  *self,
                                                      GlossCodebookModel *model);
/* Coders whose codings are left out (review mode's visibility filter). */
void              gloss_excerpts_pane_set_hidden_coders (GlossExcerptsPane *self,
                                                         GHashTable        *hidden);
void              gloss_excerpts_pane_show_code      (GlossExcerptsPane *self,
                                                      gint64             code_id);
void              gloss_excerpts_pane_show_document  (GlossExcerptsPane *self,
                                                      gint64             document_id);
void              gloss_excerpts_pane_show_memos     (GlossExcerptsPane *self,
                                                      const char        *phrase);
/* The hits of @query (a copy is kept); its sentence is the title. */
void              gloss_excerpts_pane_show_query     (GlossExcerptsPane *self,
                                                      const GlossQuery  *query);
/* The query shown (QUERY mode), or NULL. */
const GlossQuery *gloss_excerpts_pane_get_query      (GlossExcerptsPane *self);
/* Filters by coder and document (0: any); the drop-downs follow. */
void              gloss_excerpts_pane_set_filter     (GlossExcerptsPane *self,
                                                      gint64             coder_id,
                                                      gint64             document_id);
GlossExcerptsMode gloss_excerpts_pane_get_mode       (GlossExcerptsPane *self);
gint64            gloss_excerpts_pane_get_target     (GlossExcerptsPane *self);
void              gloss_excerpts_pane_reload         (GlossExcerptsPane *self);
/* The rows shown (GlossExcerptItem). */
GListModel       *gloss_excerpts_pane_get_items      (GlossExcerptsPane *self);
/* Does what a click on row @position does. */
void              gloss_excerpts_pane_activate       (GlossExcerptsPane *self,
                                                      guint              position);

/*
 * Signals:
 *   "excerpt-activated" (GlossExcerptItem *item)
 *   "closed"            ()
 */

G_END_DECLS
