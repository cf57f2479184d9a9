/* gloss-sync-watch.h: hearing at once when the team server changes
 *
 * A GlossSyncWatch keeps a connection of its own to the server, in a
 * thread, and LISTENs for the NOTIFY that every change on the server
 * sends; it emits ::server-changed on the main context it was made in. When
 * the server goes away it tries again every few seconds, and
 * ::notify::online tells the caller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_SYNC_WATCH (gloss_sync_watch_get_type ())

G_DECLARE_FINAL_TYPE (GlossSyncWatch, gloss_sync_watch, GLOSS, SYNC_WATCH, GObject)

GlossSyncWatch *gloss_sync_watch_new        (const char     *uri);
gboolean        gloss_sync_watch_get_online (GlossSyncWatch *self);
/* Stops listening; call it before dropping the last reference (the
 * thread holds one until it ends). */
void            gloss_sync_watch_stop       (GlossSyncWatch *self);

G_END_DECLS
