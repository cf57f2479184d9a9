/* gloss-render-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-render-queue.h"

struct _GlossRenderQueue
{
  GObject             parent_instance;

  GlossPageSource    *source;
  GMainContext       *main_context;
  GThread            *thread;

  GMutex              lock;
  GCond               cond;
  GArray             *pending;   /* GlossRenderRequest, most wanted first */
  GlossRenderRequest  current;
  gboolean            busy;
  GCancellable       *cancellable;
  gboolean            quit;
};

G_DEFINE_FINAL_TYPE (GlossRenderQueue, gloss_render_queue, G_TYPE_OBJECT)

enum {
  PAGE_RENDERED,
  LAYOUT_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A finished job on its way to the main thread. */
typedef struct
{
  GWeakRef    queue;
  guint       page;
  double      scale;
  GdkTexture *texture;
  gboolean    layout;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_weak_ref_clear (&delivery->queue);
  g_clear_object (&delivery->texture);
  g_free (delivery);
}

static gboolean
deliver (gpointer data)
{
  Delivery *delivery = data;
  g_autoptr(GlossRenderQueue) self = g_weak_ref_get (&delivery->queue);
  gboolean stopped;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->lock);
  stopped = self->quit;
  g_mutex_unlock (&self->lock);
  if (stopped)
    return G_SOURCE_REMOVE;

  if (delivery->texture != NULL)
    g_signal_emit (self, signals[PAGE_RENDERED], 0,
                   delivery->page, delivery->scale, delivery->texture);
  if (delivery->layout)
    g_signal_emit (self, signals[LAYOUT_LOADED], 0, delivery->page);

  return G_SOURCE_REMOVE;
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  /* The texture owns the surface's pixels: no copy. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
run_job (GlossRenderQueue         *self,
         const GlossRenderRequest *job,
         GCancellable             *cancellable)
{
  Delivery *delivery = g_new0 (Delivery, 1);

  g_weak_ref_init (&delivery->queue, self);
  delivery->page = job->page;
  delivery->scale = job->scale;

  if (job->texture)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface;

      surface = gloss_page_source_render (self->source, job->page, job->scale,
                                          cancellable, &error);
      if (surface != NULL)
        {
          delivery->texture = texture_from_surface (surface);
          cairo_surface_destroy (surface);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot render page %u: %s", job->page + 1, error->message);
    }

  if (job->layout && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossPageLayout) layout = NULL;

      layout = gloss_page_source_get_layout (self->source, job->page, &error);
      delivery->layout = layout != NULL;
      if (layout == NULL)
        g_warning ("Cannot read the text of page %u: %s", job->page + 1, error->message);
    }

  if (delivery->texture == NULL && !delivery->layout)
    {
      delivery_free (delivery);
      return;
    }

  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT,
                              deliver, delivery, delivery_free);
}

static gpointer
render_thread (gpointer data)
{
  GlossRenderQueue *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      g_autoptr(GCancellable) cancellable = NULL;
      GlossRenderRequest job;

      while (!self->quit && self->pending->len == 0)
        g_cond_wait (&self->cond, &self->lock);
      if (self->quit)
        break;

      job = g_array_index (self->pending, GlossRenderRequest, 0);
      g_array_remove_index (self->pending, 0);
      self->current = job;
      self->busy = TRUE;
      cancellable = g_cancellable_new ();
      g_set_object (&self->cancellable, cancellable);
      g_mutex_unlock (&self->lock);

      run_job (self, &job, cancellable);

      g_mutex_lock (&self->lock);
      self->busy = FALSE;
      g_clear_object (&self->cancellable);
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

static gboolean
same_job (const GlossRenderRequest *a,
          const GlossRenderRequest *b)
{
  return a->page == b->page &&
         (!a->texture || (b->texture && a->scale == b->scale));
}

void
gloss_render_queue_request (GlossRenderQueue         *self,
                            const GlossRenderRequest *requests,
                            guint                     n_requests)
{
  gboolean current_wanted = FALSE;

  g_return_if_fail (GLOSS_IS_RENDER_QUEUE (self));

  g_mutex_lock (&self->lock);
  g_array_set_size (self->pending, 0);
  for (guint i = 0; i < n_requests; i++)
    {
      if (self->busy && same_job (&self->current, &requests[i]))
        {
          current_wanted = TRUE;
          continue;
        }
      g_array_append_val (self->pending, requests[i]);
    }

  /* A render of a page that scrolled away (or of a stale zoom) stops. */
  if (self->busy && !current_wanted && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

guint
gloss_render_queue_get_n_pending (GlossRenderQueue *self)
{
  guint n;

  g_return_val_if_fail (GLOSS_IS_RENDER_QUEUE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->pending->len + (self->busy ? 1 : 0);
  g_mutex_unlock (&self->lock);
  return n;
}

void
gloss_render_queue_stop (GlossRenderQueue *self)
{
  g_return_if_fail (GLOSS_IS_RENDER_QUEUE (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_thread_join (g_steal_pointer (&self->thread));
}

GlossRenderQueue *
gloss_render_queue_new (GlossPageSource *source)
{
  GlossRenderQueue *self;

  g_return_val_if_fail (GLOSS_IS_PAGE_SOURCE (source), NULL);

  self = g_object_new (GLOSS_TYPE_RENDER_QUEUE, NULL);
  self->source = g_object_ref (source);
  self->main_context = g_main_context_ref_thread_default ();
  self->thread = g_thread_new ("gloss-render", render_thread, self);

  return self;
}

static void
gloss_render_queue_dispose (GObject *object)
{
  GlossRenderQueue *self = GLOSS_RENDER_QUEUE (object);

  gloss_render_queue_stop (self);

  G_OBJECT_CLASS (gloss_render_queue_parent_class)->dispose (object);
}

static void
gloss_render_queue_finalize (GObject *object)
{
  GlossRenderQueue *self = GLOSS_RENDER_QUEUE (object);

  g_clear_object (&self->source);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (gloss_render_queue_parent_class)->finalize (object);
}

static void
gloss_render_queue_class_init (GlossRenderQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_render_queue_dispose;
  object_class->finalize = gloss_render_queue_finalize;

  signals[PAGE_RENDERED] =
    g_signal_new ("page-rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_DOUBLE, GDK_TYPE_TEXTURE);
  signals[LAYOUT_LOADED] =
    g_signal_new ("layout-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gloss_render_queue_init (GlossRenderQueue *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->pending = g_array_new (FALSE, FALSE, sizeof (GlossRenderRequest));
}
