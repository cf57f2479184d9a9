/* gloss-excerpt-item.h: one coded excerpt (or one memo) as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_EXCERPT_ITEM (gloss_excerpt_item_get_type ())

G_DECLARE_FINAL_TYPE (GlossExcerptItem, gloss_excerpt_item, GLOSS, EXCERPT_ITEM, GObject)

/* @heading: "interview.pdf · page 3"; @details: "Trust — Ana"; @text: the
 * quote (or the memo's text for a memo of a code, document or the project);
 * @document_id and [@start, @end) say where activating it goes (0: nowhere). */
GlossExcerptItem *gloss_excerpt_item_new         (gint64      coding_id,
                                                  gint64      document_id,
                                                  gint64      start,
                                                  gint64      end,
                                                  const char *heading,
                                                  const char *details,
                                                  const char *text,
                                                  const char *memo,
                                                  const char *color);
gint64            gloss_excerpt_item_get_coding_id   (GlossExcerptItem *self);
gint64            gloss_excerpt_item_get_document_id (GlossExcerptItem *self);
gint64            gloss_excerpt_item_get_start       (GlossExcerptItem *self);
gint64            gloss_excerpt_item_get_end         (GlossExcerptItem *self);
const char       *gloss_excerpt_item_get_heading     (GlossExcerptItem *self);
const char       *gloss_excerpt_item_get_details     (GlossExcerptItem *self);
const char       *gloss_excerpt_item_get_text        (GlossExcerptItem *self);
const char       *gloss_excerpt_item_get_memo        (GlossExcerptItem *self);
const char       *gloss_excerpt_item_get_color       (GlossExcerptItem *self);

G_END_DECLS
