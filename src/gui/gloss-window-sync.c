/* gloss-window-sync.c: noticing what other programs change in the project
 *
 * gloss-cli, a second window or a background merge may write the project
 * file while it is open. SQLite's data version tells when another
 * connection has committed; the window then reads everything again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-window-private.h"

#define WATCH_INTERVAL_SECONDS 1

static gboolean
poll_data_version (gpointer user_data)
{
  GlossWindow *self = user_data;
  gint64 version;

  if (self->project == NULL)
    {
      self->watch_id = 0;
      return G_SOURCE_REMOVE;
    }

  version = gloss_project_get_data_version (self->project);
  if (version != self->data_version)
    {
      self->data_version = version;
      _gloss_window_refresh (self, GLOSS_CHANGE_ALL);
    }

  return G_SOURCE_CONTINUE;
}

void
_gloss_window_watch_project (GlossWindow *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);

  if (self->project == NULL)
    return;

  self->data_version = gloss_project_get_data_version (self->project);
  self->watch_id = g_timeout_add_seconds (WATCH_INTERVAL_SECONDS, poll_data_version, self);
}
