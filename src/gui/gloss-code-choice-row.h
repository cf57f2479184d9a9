/* gloss-code-choice-row.h: a code the code popover offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-item-row.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CODE_CHOICE_ROW (gloss_code_choice_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossCodeChoiceRow, gloss_code_choice_row, GLOSS, CODE_CHOICE_ROW, GlossItemRow)

/* The row's item is a GlossCodeItem: its colour, its name indented by its
 * depth, its count (when there are codings), its description (or path) as
 * the tooltip. A row dragged onto the document's selection codes it. */

/* The name shown, for tests. */
const char *gloss_code_choice_row_get_label (GlossCodeChoiceRow *self);

G_END_DECLS
