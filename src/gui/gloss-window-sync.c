/* gloss-window-sync.c: noticing what other programs change in the project
 *
 * gloss-cli, a second window or a background merge may write the project
 * file while it is open. SQLite's data version tells when another
 * connection has committed; the window then reads everything again.
 *
 * The window does not poll: a commit writes the project file or its
 * write-ahead log, the folder's monitor reports that, and only then is the
 * data version read (once for a burst of writes). An idle window wakes for
 * nothing. Where the folder cannot be monitored it is checked every second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-window-private.h"

#define POLL_INTERVAL_SECONDS 1
#define SETTLE_MS             100   /* a burst of writes is read once */

static void
check_data_version (GlossWindow *self)
{
  gint64 version = gloss_project_get_data_version (self->project);

  if (version != self->data_version)
    {
      self->data_version = version;
      /* No "changed" comes for another program's change: the codebook
       * model, and every panel that shows it, reads the project first. */
      gloss_codebook_model_reload (self->codebook_model);
      _gloss_window_refresh (self, GLOSS_CHANGE_ALL);
    }
}

static gboolean
poll_data_version (gpointer user_data)
{
  GlossWindow *self = user_data;

  if (self->project == NULL)
    {
      self->watch_id = 0;
      return G_SOURCE_REMOVE;
    }
  check_data_version (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
check_after_write (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->watch_id = 0;
  if (self->project != NULL)
    check_data_version (self);
  return G_SOURCE_REMOVE;
}

/* The project file, its -wal or -journal: something may have committed. */
static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   GlossWindow       *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *project_name = NULL;

  if (self->project == NULL || self->watch_id != 0 ||
      event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  project_name = g_path_get_basename (gloss_project_get_path (self->project));
  if (!g_str_has_prefix (name, project_name))
    return;
  self->watch_id = g_timeout_add (SETTLE_MS, check_after_write, self);
}

void
_gloss_window_unwatch_project (GlossWindow *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->watch_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watch_monitor, self);
      g_file_monitor_cancel (self->watch_monitor);
      g_clear_object (&self->watch_monitor);
    }
}

void
_gloss_window_watch_project (GlossWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;

  _gloss_window_unwatch_project (self);
  if (self->project == NULL)
    return;

  self->data_version = gloss_project_get_data_version (self->project);
  file = g_file_new_for_path (gloss_project_get_path (self->project));
  folder = g_file_get_parent (file);
  if (folder != NULL)
    self->watch_monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->watch_monitor != NULL)
    g_signal_connect (self->watch_monitor, "changed", G_CALLBACK (on_folder_changed), self);
  else
    self->watch_id = g_timeout_add_seconds (POLL_INTERVAL_SECONDS, poll_data_version, self);
}
