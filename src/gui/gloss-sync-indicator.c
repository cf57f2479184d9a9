/* gloss-sync-indicator.c: the team server's sync, in the header bar
 *
 * Each sync runs off the main thread on a connection of its own (the file
 * is opened again there); the window sees what it brought as it sees any
 * other program's change to the file. One sync runs at a time: a request
 * while one runs makes one more afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "gloss-sync-indicator.h"

#define SYNC_INTERVAL_SECONDS 5
#define AFTER_CHANGE_MS       300   /* a burst of changes goes up once */

struct _GlossSyncIndicator
{
  GtkWidget                parent_instance;

  GtkWidget               *button;
  GtkImage                *icon;
  GtkLabel                *label;

  GlossProject            *project;
  gulong                   changed_id;
  GlossSyncWatch          *watch;
  gulong                   server_changed_id;
  GCancellable            *cancellable;
  guint                    timer_id;
  guint                    soon_id;
  gboolean                 busy;
  gboolean                 again;
  gboolean                 offline;
  char                    *offline_reason;
  GlossSyncIndicatorState  state;
  guint                    n_syncs;
};

G_DEFINE_FINAL_TYPE (GlossSyncIndicator, gloss_sync_indicator, GTK_TYPE_WIDGET)

static void request_sync (GlossSyncIndicator *self);

static void
show_state (GlossSyncIndicator *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *icon;
  gint64 waiting = self->project != NULL ? gloss_sync_count_waiting (self->project, NULL) : 0;

  if (self->offline)
    {
      self->state = GLOSS_SYNC_STATE_OFFLINE;
      text = g_strdup (_("Offline"));
      icon = "network-offline-symbolic";
      tooltip = waiting > 0
                ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s. %" PRId64 " change waits here until the server is back.",
                                                "%s. %" PRId64 " changes wait here until the server is back.",
                                                waiting),
                                   self->offline_reason != NULL ? self->offline_reason : _("The team server cannot be reached"),
                                   waiting)
                : g_strdup (self->offline_reason != NULL ? self->offline_reason : _("The team server cannot be reached"));
    }
  else if (waiting > 0)
    {
      self->state = GLOSS_SYNC_STATE_WAITING;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " change waiting",
                                           "%" PRId64 " changes waiting", waiting), waiting);
      icon = "emblem-synchronizing-symbolic";
      tooltip = g_strdup (_("Changes made here that are not on the team server yet"));
    }
  else
    {
      self->state = GLOSS_SYNC_STATE_UP_TO_DATE;
      text = g_strdup (_("Up to date"));
      icon = "emblem-ok-symbolic";
      tooltip = g_strdup (_("This file and the team server agree. Click to sync now."));
    }

  gtk_label_set_label (self->label, text);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_widget_set_tooltip_text (self->button, tooltip);
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GlossSyncIndicator) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSyncReport) report = gloss_sync_run_finish (GLOSS_PROJECT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->project != GLOSS_PROJECT (source))
    return;

  self->busy = FALSE;
  self->n_syncs++;
  self->offline = report == NULL;
  g_clear_pointer (&self->offline_reason, g_free);
  if (error != NULL)
    self->offline_reason = g_strdup (error->message);
  show_state (self);

  if (self->again)
    {
      self->again = FALSE;
      request_sync (self);
    }
}

static void
request_sync (GlossSyncIndicator *self)
{
  if (self->project == NULL)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  self->busy = TRUE;
  gloss_sync_run_async (self->project, self->cancellable, on_sync_done, g_object_ref (self));
}

static gboolean
on_timer (gpointer user_data)
{
  request_sync (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_soon (gpointer user_data)
{
  GlossSyncIndicator *self = user_data;

  self->soon_id = 0;
  request_sync (self);
  return G_SOURCE_REMOVE;
}

static void
on_project_changed (GlossProject       *project,
                    guint               changes,
                    GlossSyncIndicator *self)
{
  show_state (self);
  g_clear_handle_id (&self->soon_id, g_source_remove);
  self->soon_id = g_timeout_add (AFTER_CHANGE_MS, on_soon, self);
}

static void
on_server_changed (GlossSyncWatch     *watch,
                   GlossSyncIndicator *self)
{
  request_sync (self);
}

static void
stop (GlossSyncIndicator *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->soon_id, g_source_remove);
  if (self->watch != NULL)
    {
      g_clear_signal_handler (&self->server_changed_id, self->watch);
      gloss_sync_watch_stop (self->watch);
      g_clear_object (&self->watch);
    }
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  self->busy = self->again = self->offline = FALSE;
  self->state = GLOSS_SYNC_STATE_NONE;
}

void
gloss_sync_indicator_set_project (GlossSyncIndicator *self,
                                  GlossProject       *project)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (GLOSS_IS_SYNC_INDICATOR (self));

  stop (self);
  uri = project != NULL ? gloss_sync_dup_uri (project) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), uri != NULL);
  if (uri == NULL)
    return;

  self->project = g_object_ref (project);
  self->cancellable = g_cancellable_new ();
  self->changed_id = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  self->watch = gloss_sync_watch_new (uri);
  self->server_changed_id = g_signal_connect (self->watch, "server-changed", G_CALLBACK (on_server_changed), self);
  self->timer_id = g_timeout_add_seconds (SYNC_INTERVAL_SECONDS, on_timer, self);
  show_state (self);
  request_sync (self);
}

GlossSyncIndicatorState
gloss_sync_indicator_get_state (GlossSyncIndicator *self)
{
  g_return_val_if_fail (GLOSS_IS_SYNC_INDICATOR (self), GLOSS_SYNC_STATE_NONE);

  return self->state;
}

const char *
gloss_sync_indicator_get_text (GlossSyncIndicator *self)
{
  g_return_val_if_fail (GLOSS_IS_SYNC_INDICATOR (self), NULL);

  return gtk_label_get_label (self->label);
}

guint
gloss_sync_indicator_get_n_syncs (GlossSyncIndicator *self)
{
  g_return_val_if_fail (GLOSS_IS_SYNC_INDICATOR (self), 0);

  return self->n_syncs;
}

static void
sync_now (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  request_sync (GLOSS_SYNC_INDICATOR (widget));
}

static void
gloss_sync_indicator_dispose (GObject *object)
{
  GlossSyncIndicator *self = GLOSS_SYNC_INDICATOR (object);

  stop (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (gloss_sync_indicator_parent_class)->dispose (object);
}

static void
gloss_sync_indicator_finalize (GObject *object)
{
  GlossSyncIndicator *self = GLOSS_SYNC_INDICATOR (object);

  g_free (self->offline_reason);

  G_OBJECT_CLASS (gloss_sync_indicator_parent_class)->finalize (object);
}

static void
gloss_sync_indicator_class_init (GlossSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_sync_indicator_dispose;
  object_class->finalize = gloss_sync_indicator_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossqda/Gloss/gloss-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, GlossSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, GlossSyncIndicator, label);
  gtk_widget_class_install_action (widget_class, "sync.now", NULL, sync_now);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
gloss_sync_indicator_init (GlossSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
