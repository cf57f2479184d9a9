/* gloss-code-item.h: one code of the codebook as a tree list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CODE_ITEM (gloss_code_item_get_type ())

G_DECLARE_FINAL_TYPE (GlossCodeItem, gloss_code_item, GLOSS, CODE_ITEM, GObject)

/* Takes @code; @count is the number of codings shown for it. */
GlossCodeItem   *gloss_code_item_new          (GlossCode     *code,
                                               gint64         count);
const GlossCode *gloss_code_item_get_code     (GlossCodeItem *self);
gint64           gloss_code_item_get_id       (GlossCodeItem *self);
gint64           gloss_code_item_get_count    (GlossCodeItem *self);
/* The item's children (GlossCodeItems), in codebook order. */
GListStore      *gloss_code_item_get_children (GlossCodeItem *self);
/* Whether the code or one below it matches @needle (name or path,
 * case-insensitive); an empty needle matches everything. */
gboolean         gloss_code_item_matches_tree (GlossCodeItem *self,
                                               const char    *needle);
/* Whether the code's name or path contains @folded_needle, a needle
 * casefolded already (the item keeps its own name and path casefolded). */
gboolean         gloss_code_item_matches_folded (GlossCodeItem *self,
                                                 const char    *folded_needle);

G_END_DECLS
