/* gloss-document-view-render.c: page images of the document view
 *
 * The visible pages are drawn from the texture cache (a page whose image
 * is missing shows a white placeholder, one at another zoom is drawn
 * scaled), then the view asks its render thread for what is missing:
 * visible pages first, then two ahead and two behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "gloss-document-view-private.h"

static double
render_scale (GlossDocumentView *self)
{
  return _gloss_document_view_pixels_per_point (self) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
add_request (GlossDocumentView *self,
             GArray            *requests,
             guint              page,
             double             scale)
{
  GlossRenderRequest request = { page, scale, FALSE, FALSE };
  g_autoptr(GlossPageLayout) layout = NULL;
  double cached_scale = 0;

  if (gloss_texture_cache_lookup (self->cache, page, &cached_scale) == NULL ||
      cached_scale != scale)
    request.texture = TRUE;
  layout = gloss_page_source_peek_layout (self->source, page);
  request.layout = layout == NULL;

  if (request.texture || request.layout)
    g_array_append_val (requests, request);
}

/* Visible pages first (nearest the middle first), then two ahead, then
 * two behind. Everything else pending is dropped. */
static void
update_render_requests (GlossDocumentView *self,
                        guint              first,
                        guint              last)
{
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (GlossRenderRequest));
  double scale = render_scale (self);
  guint middle = (first + last) / 2;

  for (guint d = 0; middle + d <= last || middle >= first + d; d++)
    {
      if (middle + d <= last)
        add_request (self, requests, middle + d, scale);
      if (d > 0 && middle >= first + d)
        add_request (self, requests, middle - d, scale);
    }
  for (guint i = last + 1; i <= last + 2 && i < self->n_pages; i++)
    add_request (self, requests, i, scale);
  for (guint i = 1; i <= 2 && first >= i; i++)
    add_request (self, requests, first - i, scale);

  gloss_texture_cache_pin (self->cache, first, last);
  gloss_render_queue_request (self->queue, (GlossRenderRequest *) requests->data, requests->len);
}

static gboolean
emit_first_page_shown (gpointer data)
{
  GlossDocumentView *self = data;

  self->first_page_idle = 0;
  g_signal_emit (self, _gloss_document_view_signals[SIGNAL_FIRST_PAGE_SHOWN], 0);
  return G_SOURCE_REMOVE;
}

static void
snapshot_page (GlossDocumentView     *self,
               GtkSnapshot           *snapshot,
               guint                  page,
               const graphene_rect_t *rect)
{
  static const GdkRGBA border = { 0, 0, 0, 0.18 };
  static const GdkRGBA white = { 1, 1, 1, 1 };
  GdkTexture *texture;

  gtk_snapshot_append_color (snapshot, &border,
                             &GRAPHENE_RECT_INIT (rect->origin.x - 1, rect->origin.y - 1,
                                                  rect->size.width + 2, rect->size.height + 2));
  texture = gloss_texture_cache_lookup (self->cache, page, NULL);
  if (texture != NULL)
    {
      gtk_snapshot_append_texture (snapshot, texture, rect);
      if (!self->first_page_shown)
        {
          self->first_page_shown = TRUE;
          self->first_page_idle = g_idle_add (emit_first_page_shown, self);
        }
    }
  else
    gtk_snapshot_append_color (snapshot, &white, rect);

  _gloss_document_view_snapshot_page_overlays (self, snapshot, page, rect);
}

void
_gloss_document_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  guint first, last;

  if (self->source == NULL || self->n_pages == 0)
    return;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  _gloss_document_view_visible_pages (self, &first, &last);
  for (guint page = first; page <= last; page++)
    {
      graphene_rect_t rect;

      _gloss_document_view_page_rect (self, page, &rect);
      snapshot_page (self, snapshot, page, &rect);
    }
  _gloss_document_view_snapshot_handles (self, snapshot);
  gtk_snapshot_pop (snapshot);

  update_render_requests (self, first, last);
}

/* Page images come and go by megabytes, in two threads (and the
 * renderer's copies in a third): the C library keeps the freed memory
 * resident unless asked to give it back. Ask once enough has gone. */
static void
release_dropped_memory (GlossDocumentView *self)
{
  self->dropped_bytes += gloss_texture_cache_take_dropped_bytes (self->cache);
  if (self->dropped_bytes < 32u * 1024 * 1024)
    return;
  self->dropped_bytes = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

void
_gloss_document_view_on_page_rendered (GlossRenderQueue  *queue,
                  guint              page,
                  double             scale,
                  GdkTexture        *texture,
                  GlossDocumentView *self)
{
  double cached_scale = 0;
  guint first, last;

  /* A stale zoom is still better than an empty page. */
  if (scale != render_scale (self) &&
      gloss_texture_cache_lookup (self->cache, page, &cached_scale) != NULL)
    return;

  gloss_texture_cache_insert (self->cache, page, scale, texture);
  release_dropped_memory (self);
  _gloss_document_view_visible_pages (self, &first, &last);
  if (page >= first && page <= last)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_gloss_document_view_on_layout_loaded (GlossRenderQueue  *queue,
                  guint              page,
                  GlossDocumentView *self)
{
  guint first, last;

  _gloss_document_view_visible_pages (self, &first, &last);
  if (page >= first && page <= last)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}
