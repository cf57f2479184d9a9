/* gloss-reading-order.h: the order in which the lines of a page are read
 *
 * A running head and foot (lines a clear gap parts from the rest of the
 * page) are read first and last. The rest goes through a recursive XY cut
 * over the lines' boxes: where a vertical strip of
 * white runs through a region from top to bottom, the region is read as
 * columns (left to right, or right to left on a right-to-left page), each
 * column by itself; otherwise it is cut across at its widest horizontal
 * gap and read top to bottom. Lines that no cut separates keep the order
 * they came in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-page-source.h"

G_BEGIN_DECLS

/* Fills @order[0 .. n) with the indices of @boxes in reading order. */
void gloss_reading_order (const GlossCharBox *boxes,
                          guint               n,
                          gboolean            right_to_left,
                          guint              *order);

G_END_DECLS
