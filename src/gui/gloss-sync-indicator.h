/* gloss-sync-indicator.h: the team server's sync, in the header bar
 *
 * Shown only for a project that has a team server. It syncs in the
 * background every few seconds, at once when the server announces a change
 * (LISTEN/NOTIFY) and shortly after a change here, and says where the file
 * stands: up to date, N changes waiting, or offline. The window works on
 * when the server is away; what is made meanwhile waits and goes up once
 * the server is back. Clicking it syncs now (the sync.now action).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-core.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_SYNC_STATE_NONE,        /* no team server */
  GLOSS_SYNC_STATE_UP_TO_DATE,
  GLOSS_SYNC_STATE_WAITING,     /* changes here not yet on the server */
  GLOSS_SYNC_STATE_OFFLINE,
} GlossSyncIndicatorState;

#define GLOSS_TYPE_SYNC_INDICATOR (gloss_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (GlossSyncIndicator, gloss_sync_indicator, GLOSS, SYNC_INDICATOR, GtkWidget)

void            gloss_sync_indicator_set_project (GlossSyncIndicator *self,
                                                  GlossProject       *project);
GlossSyncIndicatorState  gloss_sync_indicator_get_state   (GlossSyncIndicator *self);
/* What it says ("Up to date", "2 changes waiting", "Offline"). */
const char     *gloss_sync_indicator_get_text    (GlossSyncIndicator *self);
/* How many syncs have finished, for tests. */
guint           gloss_sync_indicator_get_n_syncs (GlossSyncIndicator *self);

G_END_DECLS
