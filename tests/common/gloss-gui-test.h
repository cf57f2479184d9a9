/* gloss-gui-test.h: what the GUI test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-test-util.h"

G_BEGIN_DECLS

/* A window's pixels, CAIRO_FORMAT_ARGB32 in native byte order. */
typedef struct
{
  guchar *data;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

/* Runs the main loop for @ms milliseconds. */
void        spin           (guint       ms);
/* The window as drawn, waiting for a frame if a redraw is pending. */
GdkTexture *render_window  (GtkWidget  *window);
/* The texture's pixels; free pixels.data with g_free(). */
Pixels      download       (GdkTexture *texture);
/* The first widget of @type below @root, @root itself included; NULL if none. */
GtkWidget  *find_descendant (GtkWidget *root,
                             GType      type);

G_END_DECLS
