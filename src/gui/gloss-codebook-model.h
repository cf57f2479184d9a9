/* gloss-codebook-model.h: the project's codes in tree order, with counts,
 * one per window, shared by every widget that shows codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-code-item.h"
#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CODEBOOK_MODEL (gloss_codebook_model_get_type ())

G_DECLARE_FINAL_TYPE (GlossCodebookModel, gloss_codebook_model, GLOSS, CODEBOOK_MODEL, GObject)

/*
 * A GListModel of GlossCodeItem, every code of "project" in tree order
 * (depth first, siblings by position), each with the number of codings
 * "coder-id" made with it (every coder's for 0). It reads the project again
 * when its codes or codings change, before the project's "changed" handlers
 * connected after it run; "reloaded" says it did.
 */
GlossCodebookModel *gloss_codebook_model_new          (void);
GlossProject       *gloss_codebook_model_get_project  (GlossCodebookModel *self);
void                gloss_codebook_model_set_project  (GlossCodebookModel *self,
                                                       GlossProject       *project);
gint64              gloss_codebook_model_get_coder_id (GlossCodebookModel *self);
void                gloss_codebook_model_set_coder_id (GlossCodebookModel *self,
                                                       gint64              coder_id);
/* Reads codes and counts again. */
void                gloss_codebook_model_reload       (GlossCodebookModel *self);
/* The top-level items (GlossCodeItem; children in gloss_code_item_get_children). */
GListModel         *gloss_codebook_model_get_roots    (GlossCodebookModel *self);
/* The codes in tree order (GlossCode, owned by the model until it reloads). */
GPtrArray          *gloss_codebook_model_get_codes    (GlossCodebookModel *self);
/* The item of @code_id, or NULL (owned by the model). */
GlossCodeItem      *gloss_codebook_model_lookup       (GlossCodebookModel *self,
                                                       gint64              code_id);
const GlossCode    *gloss_codebook_model_get_code     (GlossCodebookModel *self,
                                                       gint64              code_id);
/* The position of @code_id in tree order, or G_MAXUINT when it is not there. */
guint               gloss_codebook_model_get_position (GlossCodebookModel *self,
                                                       gint64              code_id);

G_END_DECLS
