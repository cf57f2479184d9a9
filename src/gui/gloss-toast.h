/* gloss-toast.h: the one way a message is shown as a toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* How long a toast stays unless told otherwise, in seconds. */
#define GLOSS_TOAST_TIMEOUT 5

/* Adds a toast saying @message to @overlay for @timeout seconds (0: until
 * dismissed); with @action_name, a button @button_label activates it, with
 * @target (floating references are sunk; may be NULL). Returns the toast,
 * owned by the overlay. */
AdwToast        *gloss_toast_add         (AdwToastOverlay *overlay,
                                          const char      *message,
                                          guint            timeout,
                                          const char      *button_label,
                                          const char      *action_name,
                                          GVariant        *target);
/* A toast with an "Undo" button for win.undo. */
AdwToast        *gloss_toast_add_undo    (AdwToastOverlay *overlay,
                                          const char      *message);
/* The toast overlay @widget is in, or the content of the window it is in;
 * NULL when there is none. */
AdwToastOverlay *gloss_toast_overlay_for (GtkWidget       *widget);
/* A plain toast in the overlay of @widget (see above), or a log message
 * when there is none; with @undo an "Undo" button for win.undo. */
void             gloss_toast_show        (GtkWidget       *widget,
                                          const char      *message,
                                          gboolean         undo);

G_END_DECLS
