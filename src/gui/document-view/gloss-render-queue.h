/* gloss-render-queue.h: one render thread per document, fed by priority
 *
 * The view says which pages it wants, most wanted first; every request
 * replaces the pending ones, so pages that scrolled away are dropped and
 * a render that is no longer wanted is cancelled. Results come back on the
 * main thread as signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-page-source.h"

G_BEGIN_DECLS

typedef struct
{
  guint    page;
  double   scale;     /* pixels per point of the wanted image */
  gboolean texture;   /* render the page image */
  gboolean layout;    /* load the page's character boxes */
} GlossRenderRequest;

#define GLOSS_TYPE_RENDER_QUEUE (gloss_render_queue_get_type ())

G_DECLARE_FINAL_TYPE (GlossRenderQueue, gloss_render_queue, GLOSS, RENDER_QUEUE, GObject)

/*
 * Signals (main thread):
 *   "page-rendered" (guint page, double scale, GdkTexture *texture)
 *   "layout-loaded" (guint page)
 */
GlossRenderQueue *gloss_render_queue_new     (GlossPageSource          *source);
/* Replaces the pending jobs by @requests, in priority order. */
void              gloss_render_queue_request (GlossRenderQueue         *self,
                                              const GlossRenderRequest *requests,
                                              guint                     n_requests);
/* Jobs pending or running. */
guint             gloss_render_queue_get_n_pending (GlossRenderQueue   *self);
/* Stops the thread (waits for the job in progress); no signal after. */
void              gloss_render_queue_stop    (GlossRenderQueue         *self);

G_END_DECLS
