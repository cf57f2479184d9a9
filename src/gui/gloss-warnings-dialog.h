/* gloss-warnings-dialog.h: a message dialog with a list of warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @heading and @body over @parent, with @warnings (strings; may be
 * NULL or empty) in a scrolled list below. Returns the dialog (owned by
 * GTK; it destroys itself on response). */
GtkWidget *gloss_warnings_dialog_show (GtkWindow  *parent,
                                       const char *heading,
                                       const char *body,
                                       GPtrArray  *warnings);

G_END_DECLS
