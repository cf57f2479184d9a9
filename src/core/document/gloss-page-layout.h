/* gloss-page-layout.h: geometry on one page's character boxes
 *
 * Pure functions over a GlossPageLayout, shared by the document view
 * (selection, highlights) and the tests. Indices are page-local
 * characters; coordinates are PDF points with a top-left origin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-page-source.h"

G_BEGIN_DECLS

/* Appends to @rects (a GArray of GlossCharBox) one rectangle per line run
 * covering characters [start, end) of @layout. Returns how many it added. */
guint    gloss_page_layout_range_rects (const GlossPageLayout *layout,
                                        gint64                 start,
                                        gint64                 end,
                                        GArray                *rects);
/* The character whose box holds (x, y), or -1. */
gint64   gloss_page_layout_char_at     (const GlossPageLayout *layout,
                                        double                 x,
                                        double                 y);
/* The caret position (0 .. n_chars) nearest to (x, y): before or after the
 * nearest character, following the direction of its line. */
gint64   gloss_page_layout_hit_test    (const GlossPageLayout *layout,
                                        double                 x,
                                        double                 y);
/* The word (letters, digits, marks) around character @index. */
void     gloss_page_layout_word_bounds (const GlossPageLayout *layout,
                                        gint64                 index,
                                        gint64                *start,
                                        gint64                *end);
/* The visual line holding character @index. */
void     gloss_page_layout_line_bounds (const GlossPageLayout *layout,
                                        gint64                 index,
                                        gint64                *start,
                                        gint64                *end);
/* TRUE when boxes @a and @b read as one run of the same line. */
gboolean gloss_char_boxes_same_line    (const GlossCharBox    *a,
                                        const GlossCharBox    *b);

G_END_DECLS
