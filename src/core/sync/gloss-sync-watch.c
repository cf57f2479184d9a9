/* gloss-sync-watch.c: LISTEN gloss_changes on a connection of its own
 *
 * The thread owns the connection; it waits on the connection's socket
 * with a short timeout, so that a stop is seen quickly. What it hears is
 * handed to the main context as an idle callback that holds a weak
 * reference, so a watch that is gone by then is not touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <poll.h>

#include "gloss-sync-private.h"
#include "gloss-sync-watch.h"

#define WAIT_MS        250
#define RETRY_MS       2000

struct _GlossSyncWatch
{
  GObject       parent_instance;

  char         *uri;
  GMainContext *context;
  GThread      *thread;
  gint          stopping;   /* atomic */
  gboolean      online;     /* main thread's view */
};

G_DEFINE_FINAL_TYPE (GlossSyncWatch, gloss_sync_watch, G_TYPE_OBJECT)

enum { PROP_0, PROP_ONLINE, N_PROPS };
enum { SERVER_CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef watch;
  gboolean changed;  /* else: online changed to @online */
  gboolean online;
} Event;

static gboolean
deliver_event (gpointer user_data)
{
  Event *event = user_data;
  g_autoptr(GlossSyncWatch) self = g_weak_ref_get (&event->watch);

  if (self == NULL || g_atomic_int_get (&self->stopping))
    return G_SOURCE_REMOVE;

  if (event->changed)
    g_signal_emit (self, signals[SERVER_CHANGED], 0);
  else if (self->online != event->online)
    {
      self->online = event->online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }

  return G_SOURCE_REMOVE;
}

static void
event_free (Event *event)
{
  g_weak_ref_clear (&event->watch);
  g_free (event);
}

static void
post_event (GlossSyncWatch *self,
            gboolean        changed,
            gboolean        online)
{
  Event *event = g_new0 (Event, 1);

  g_weak_ref_init (&event->watch, self);
  event->changed = changed;
  event->online = online;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver_event, event,
                              (GDestroyNotify) event_free);
}

static gboolean
wait_stopping (GlossSyncWatch *self,
               int             ms)
{
  for (int waited = 0; waited < ms; waited += WAIT_MS)
    {
      if (g_atomic_int_get (&self->stopping))
        return TRUE;
      g_usleep (WAIT_MS * 1000);
    }

  return g_atomic_int_get (&self->stopping);
}

static PGconn *
listen_connection (GlossSyncWatch *self)
{
  g_autoptr(PGconn) conn = _gloss_pg_connect (self->uri, NULL);

  if (conn == NULL || !_gloss_pg_exec (conn, "LISTEN gloss_changes", NULL))
    return NULL;

  return g_steal_pointer (&conn);
}

/* Waits for notifications until the connection breaks or the watch stops. */
static void
listen_until_broken (GlossSyncWatch *self,
                     PGconn         *conn)
{
  while (!g_atomic_int_get (&self->stopping))
    {
      struct pollfd fd = { PQsocket (conn), POLLIN, 0 };
      PGnotify *notify;
      gboolean heard = FALSE;

      if (poll (&fd, 1, WAIT_MS) < 0)
        continue;
      if (!PQconsumeInput (conn) || PQstatus (conn) != CONNECTION_OK)
        return;
      while ((notify = PQnotifies (conn)) != NULL)
        {
          heard = TRUE;
          PQfreemem (notify);
        }
      if (heard)
        post_event (self, TRUE, TRUE);
    }
}

static gpointer
watch_thread (gpointer user_data)
{
  GlossSyncWatch *self = user_data;

  while (!g_atomic_int_get (&self->stopping))
    {
      g_autoptr(PGconn) conn = listen_connection (self);

      if (conn == NULL)
        {
          post_event (self, FALSE, FALSE);
          if (wait_stopping (self, RETRY_MS))
            break;
          continue;
        }

      /* Back: whatever happened meanwhile is worth a sync. */
      post_event (self, FALSE, TRUE);
      post_event (self, TRUE, TRUE);
      listen_until_broken (self, conn);
    }

  g_object_unref (self);
  return NULL;
}

void
gloss_sync_watch_stop (GlossSyncWatch *self)
{
  g_return_if_fail (GLOSS_IS_SYNC_WATCH (self));

  g_atomic_int_set (&self->stopping, 1);
  /* The thread holds a reference and drops it as it ends. */
  g_clear_pointer (&self->thread, g_thread_unref);
}

static void
gloss_sync_watch_finalize (GObject *object)
{
  GlossSyncWatch *self = GLOSS_SYNC_WATCH (object);

  g_free (self->uri);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (gloss_sync_watch_parent_class)->finalize (object);
}

static void
gloss_sync_watch_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossSyncWatch *self = GLOSS_SYNC_WATCH (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_sync_watch_class_init (GlossSyncWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_sync_watch_finalize;
  object_class->get_property = gloss_sync_watch_get_property;

  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SERVER_CHANGED] = g_signal_new ("server-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gloss_sync_watch_init (GlossSyncWatch *self)
{
  self->context = g_main_context_ref_thread_default ();
}

GlossSyncWatch *
gloss_sync_watch_new (const char *uri)
{
  GlossSyncWatch *self;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_SYNC_WATCH, NULL);
  self->uri = g_strdup (uri);
  self->thread = g_thread_new ("gloss-sync-watch", watch_thread, g_object_ref (self));

  return self;
}

gboolean
gloss_sync_watch_get_online (GlossSyncWatch *self)
{
  g_return_val_if_fail (GLOSS_IS_SYNC_WATCH (self), FALSE);

  return self->online;
}
