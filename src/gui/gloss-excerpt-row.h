/* gloss-excerpt-row.h: a coded excerpt (or a memo) in the excerpts pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-item-row.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_EXCERPT_ROW (gloss_excerpt_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossExcerptRow, gloss_excerpt_row, GLOSS, EXCERPT_ROW, GlossItemRow)

G_END_DECLS
