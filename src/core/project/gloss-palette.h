/* gloss-palette.h: the colours given to new codes and coders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Codes and coders draw from separate palettes, so that a coder's colour
 * is never mistaken for a code's in review mode. */
typedef enum
{
  GLOSS_PALETTE_CODES,
  GLOSS_PALETTE_CODERS,
} GlossPalette;

const char * const *gloss_palette_get_colors (GlossPalette         palette,
                                              guint               *n_colors);
/* The @n-th colour by rotation: for many rows made in one go. */
const char         *gloss_palette_nth        (GlossPalette         palette,
                                              guint64              n);
const char         *gloss_palette_pick       (GlossPalette         palette,
                                              const char * const  *used,
                                              guint                n_used);

G_END_DECLS
