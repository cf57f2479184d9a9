/* gloss-document-view-draw.c: what the document view draws over page images
 *
 * Everything here works from the page's cached layout; a page whose layout
 * is not loaded yet shows its image alone until the render thread delivers
 * it (the view redraws then).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-document-view-private.h"

#define HIGHLIGHT_ALPHA 0.3
#define MARK_ALPHA      0.15
#define SELECTION_ALPHA 0.35

static void
to_widget (const graphene_rect_t *page_rect,
           double                 ppp,
           const GlossCharBox    *box,
           graphene_rect_t       *out)
{
  graphene_rect_init (out,
                      page_rect->origin.x + box->x1 * ppp,
                      page_rect->origin.y + box->y1 * ppp,
                      (box->x2 - box->x1) * ppp,
                      (box->y2 - box->y1) * ppp);
}

/* Page rectangles of [start, end) (document offsets) on @layout's page. */
static GArray *
layout_range_rects (const GlossPageLayout *layout,
                    gint64                 start,
                    gint64                 end)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (GlossCharBox));

  if (start < layout->start + layout->n_chars && end > layout->start)
    gloss_page_layout_range_rects (layout, start - layout->start, end - layout->start, rects);
  return rects;
}

GArray *
_gloss_document_view_range_rects (GlossDocumentView *self,
                                  guint              page,
                                  gint64             start,
                                  gint64             end,
                                  gboolean           load)
{
  g_autoptr(GlossPageLayout) layout = NULL;
  GArray *rects;
  graphene_rect_t page_rect;
  double ppp = _gloss_document_view_pixels_per_point (self);

  layout = load ? gloss_page_source_get_layout (self->source, page, NULL)
                : gloss_page_source_peek_layout (self->source, page);
  if (layout == NULL)
    return g_array_new (FALSE, FALSE, sizeof (GlossCharBox));

  rects = layout_range_rects (layout, start, end);
  _gloss_document_view_page_rect (self, page, &page_rect);
  for (guint i = 0; i < rects->len; i++)
    {
      GlossCharBox *b = &g_array_index (rects, GlossCharBox, i);
      graphene_rect_t r;

      to_widget (&page_rect, ppp, b, &r);
      *b = (GlossCharBox) { r.origin.x, r.origin.y,
                            r.origin.x + r.size.width, r.origin.y + r.size.height, TRUE };
    }
  return rects;
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *color,
                float                  width)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
fill_rects (GtkSnapshot           *snapshot,
            const graphene_rect_t *page_rect,
            double                 ppp,
            GArray                *rects,
            const GdkRGBA         *fill,
            const GdkRGBA         *outline,
            float                  outline_width)
{
  for (guint i = 0; i < rects->len; i++)
    {
      graphene_rect_t r;

      to_widget (page_rect, ppp, &g_array_index (rects, GlossCharBox, i), &r);
      if (fill != NULL)
        gtk_snapshot_append_color (snapshot, fill, &r);
      if (outline != NULL)
        append_outline (snapshot, &r, outline, outline_width);
    }
}

/* The vertical extent of @rects as a stripe in the highlight's lane. */
static void
append_stripe (GlossDocumentView     *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *page_rect,
               double                 ppp,
               GArray                *rects,
               const GlossHighlight  *highlight)
{
  double lane_width = _gloss_document_view_lane_width (self);
  guint lane = MIN (highlight->lane, self->n_lanes - 1);
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  GdkRGBA color = highlight->color;

  for (guint i = 0; i < rects->len; i++)
    {
      const GlossCharBox *b = &g_array_index (rects, GlossCharBox, i);

      top = MIN (top, b->y1);
      bottom = MAX (bottom, b->y2);
    }
  if (rects->len == 0)
    return;

  color.alpha = highlight->id == self->active_id ? 1.0 : 0.8;
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (page_rect->origin.x - 6 - (lane + 1) * lane_width,
                                                  page_rect->origin.y + top * ppp,
                                                  MAX (1, lane_width - 1),
                                                  (bottom - top) * ppp));
}

static void
snapshot_highlight (GlossDocumentView     *self,
                    GtkSnapshot           *snapshot,
                    const GlossPageLayout *layout,
                    const graphene_rect_t *page_rect,
                    double                 ppp,
                    const GlossHighlight  *h,
                    gint64                 start,
                    gint64                 end,
                    gboolean               active)
{
  g_autoptr(GArray) rects = NULL;
  GdkRGBA fill = h->color;
  GdkRGBA outline = h->color;

  if (end <= layout->start || start >= layout->start + layout->n_chars)
    return;
  rects = layout_range_rects (layout, start, end);
  fill.alpha = HIGHLIGHT_ALPHA;
  outline.alpha = 0.9;
  if (h->underline)
    _gloss_document_view_snapshot_underline (self, snapshot, page_rect, ppp, rects, h, active);
  else
    fill_rects (snapshot, page_rect, ppp, rects, &fill, active ? &outline : NULL, 2);
  append_stripe (self, snapshot, page_rect, ppp, rects, h);
}

/* Only the highlights on this page; an end being dragged shows where it
 * would go, which may be on a page the coding does not reach yet. */
static void
snapshot_highlights (GlossDocumentView     *self,
                     GtkSnapshot           *snapshot,
                     const GlossPageLayout *layout,
                     const graphene_rect_t *page_rect,
                     double                 ppp)
{
  GPtrArray *on_page = _gloss_document_view_page_highlights (self, layout->page);
  gboolean dragging = self->handle_drag != GLOSS_HANDLE_NONE;
  GlossHighlight *active = _gloss_document_view_active_highlight (self);

  for (guint i = 0; on_page != NULL && i < on_page->len; i++)
    {
      const GlossHighlight *h = g_ptr_array_index (on_page, i);

      if (h == active && dragging)
        continue;
      snapshot_highlight (self, snapshot, layout, page_rect, ppp, h, h->start, h->end, h == active);
    }
  if (active != NULL && dragging)
    snapshot_highlight (self, snapshot, layout, page_rect, ppp, active,
                        self->handle_start, self->handle_end, TRUE);
}

static void
snapshot_marks (GlossDocumentView     *self,
                GtkSnapshot           *snapshot,
                const GlossPageLayout *layout,
                const graphene_rect_t *page_rect,
                double                 ppp)
{
  gint64 page_end = layout->start + layout->n_chars;

  for (guint i = 0; self->marks != NULL && i < self->marks->len; i++)
    {
      const GlossHighlight *m = g_ptr_array_index (self->marks, i);
      g_autoptr(GArray) rects = NULL;
      GdkRGBA fill = m->color;

      if (m->end <= layout->start || m->start >= page_end)
        continue;
      rects = layout_range_rects (layout, m->start, m->end);
      fill.alpha = MARK_ALPHA;
      fill_rects (snapshot, page_rect, ppp, rects, &fill, &m->color, 1.5f);
    }
}

static void
selection_color (GlossDocumentView *self,
                 GdkRGBA           *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (context, "accent_bg_color", color) &&
      !gtk_style_context_lookup_color (context, "theme_selected_bg_color", color))
    gdk_rgba_parse (color, "#3584e4");
  color->alpha = SELECTION_ALPHA;
}

static void
snapshot_range (GtkSnapshot           *snapshot,
                const GlossPageLayout *layout,
                const graphene_rect_t *page_rect,
                double                 ppp,
                gint64                 start,
                gint64                 end,
                const GdkRGBA         *color)
{
  g_autoptr(GArray) rects = NULL;

  if (end <= layout->start || start >= layout->start + layout->n_chars)
    return;
  rects = layout_range_rects (layout, start, end);
  fill_rects (snapshot, page_rect, ppp, rects, color, NULL, 0);
}

void
_gloss_document_view_snapshot_page_overlays (GlossDocumentView     *self,
                                             GtkSnapshot           *snapshot,
                                             guint                  page,
                                             const graphene_rect_t *rect)
{
  g_autoptr(GlossPageLayout) layout = gloss_page_source_peek_layout (self->source, page);
  double ppp = _gloss_document_view_pixels_per_point (self);

  if (layout == NULL)
    return;

  snapshot_highlights (self, snapshot, layout, rect, ppp);
  _gloss_document_view_snapshot_lane_labels (self, snapshot, rect);
  snapshot_marks (self, snapshot, layout, rect, ppp);

  if (self->sel_end > self->sel_start)
    {
      GdkRGBA color;

      selection_color (self, &color);
      snapshot_range (snapshot, layout, rect, ppp, self->sel_start, self->sel_end, &color);
    }

  if (self->flash_end > self->flash_start)
    {
      double t = (g_get_monotonic_time () - self->flash_began) / (double) G_USEC_PER_SEC;
      GdkRGBA color = { 1.0, 0.8, 0.0, 0.6 * (1.0 - CLAMP (t, 0, 1)) };

      snapshot_range (snapshot, layout, rect, ppp, self->flash_start, self->flash_end, &color);
    }
}
