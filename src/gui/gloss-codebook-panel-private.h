/* gloss-codebook-panel-private.h: what the panel shares with its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A code's context menu: codebook.* actions with the code as target. */
GMenu *_gloss_codebook_code_menu (gint64         code_id);
/* "#rrggbb" */
char  *_gloss_rgba_to_hex        (const GdkRGBA *rgba);

G_END_DECLS
