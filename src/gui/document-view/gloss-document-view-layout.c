/* gloss-document-view-layout.c: where the document view puts its pages
 *
 * Pages are laid out from their sizes alone, top to bottom, each centred,
 * with a lane area on its left for coding stripes; positions are whole
 * pixels at the current zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "gloss-document-view-private.h"

double
_gloss_document_view_pixels_per_point (GlossDocumentView *self)
{
  return self->zoom * GLOSS_VIEW_POINT_SCALE;
}

static double
page_height_px (GlossDocumentView *self,
                guint              page)
{
  return self->page_top[page + 1] - self->page_top[page] - GLOSS_VIEW_PAGE_GAP;
}

static double
origin_x (GlossDocumentView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width >= self->content_width)
    return floor ((width - self->content_width) / 2);
  return self->hadjustment ? -gtk_adjustment_get_value (self->hadjustment) : 0;
}

double
_gloss_document_view_scroll_y (GlossDocumentView *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

void
_gloss_document_view_page_rect (GlossDocumentView *self,
                                guint              page,
                                graphene_rect_t   *rect)
{
  double ppp = _gloss_document_view_pixels_per_point (self);
  double width, height;

  gloss_page_source_get_page_size (self->source, page, &width, &height);
  graphene_rect_init (rect,
                      origin_x (self) + GLOSS_VIEW_PAGE_GAP + GLOSS_VIEW_LANE_AREA +
                        floor ((self->max_page_width - width) * ppp / 2),
                      round (self->page_top[page] - _gloss_document_view_scroll_y (self)),
                      ceil (width * ppp),
                      ceil (height * ppp));
}

void
_gloss_document_view_point_to_widget (GlossDocumentView *self,
                                      guint              page,
                                      double             x,
                                      double             y,
                                      double            *widget_x,
                                      double            *widget_y)
{
  double ppp = _gloss_document_view_pixels_per_point (self);
  graphene_rect_t rect;

  _gloss_document_view_page_rect (self, page, &rect);
  *widget_x = rect.origin.x + x * ppp;
  *widget_y = rect.origin.y + y * ppp;
}

/* The page whose slot (page and the gap below it) holds content y. */
guint
_gloss_document_view_page_at_content_y (GlossDocumentView *self,
                   double             y)
{
  guint lo = 0, hi;

  if (self->n_pages == 0)
    return 0;
  hi = self->n_pages - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (self->page_top[mid] - GLOSS_VIEW_PAGE_GAP / 2 <= y)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

guint
_gloss_document_view_page_at (GlossDocumentView *self,
                              double             x,
                              double             y)
{
  return _gloss_document_view_page_at_content_y (self, y + _gloss_document_view_scroll_y (self));
}

void
_gloss_document_view_visible_pages (GlossDocumentView *self,
                                    guint             *first,
                                    guint             *last)
{
  double top = _gloss_document_view_scroll_y (self);
  double bottom = top + gtk_widget_get_height (GTK_WIDGET (self));

  *first = _gloss_document_view_page_at_content_y (self, top);
  *last = _gloss_document_view_page_at_content_y (self, bottom);
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      double         upper,
                      double         page_size)
{
  if (adjustment == NULL)
    return;
  upper = MAX (upper, page_size);
  gtk_adjustment_configure (adjustment,
                            CLAMP (value, 0, upper - page_size),
                            0, upper,
                            40, page_size * 0.9, page_size);
}

double
_gloss_document_view_fit_zoom (GlossDocumentView *self,
          GlossZoomMode      mode)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom, page_w, page_h;

  if (width <= 0 || self->n_pages == 0)
    return self->zoom;

  gloss_page_source_get_page_size (self->source, self->current_page, &page_w, &page_h);
  zoom = (width - 2 * GLOSS_VIEW_PAGE_GAP - GLOSS_VIEW_LANE_AREA) /
         (self->max_page_width * GLOSS_VIEW_POINT_SCALE);
  if (mode == GLOSS_ZOOM_FIT_PAGE && height > 0)
    zoom = MIN (zoom, (height - 2 * GLOSS_VIEW_PAGE_GAP) / (page_h * GLOSS_VIEW_POINT_SCALE));

  return CLAMP (zoom, 0.1, GLOSS_VIEW_MAX_ZOOM);
}

/* Remembers which point of which page sits at widget height @y, so a zoom
 * keeps it in place. */
void
_gloss_document_view_capture_anchor (GlossDocumentView *self,
                double             y)
{
  double content_y = _gloss_document_view_scroll_y (self) + y;
  guint page;

  if (self->n_pages == 0 || _gloss_document_view_scroll_y (self) <= 0)
    {
      self->keep_anchor = FALSE;
      return;
    }
  page = _gloss_document_view_page_at_content_y (self, content_y);
  self->relayout_anchor_page = page;
  self->relayout_anchor_frac = (content_y - self->page_top[page]) / page_height_px (self, page);
  self->relayout_anchor_y = y;
  self->keep_anchor = TRUE;
}

static void
compute_page_tops (GlossDocumentView *self)
{
  double ppp = _gloss_document_view_pixels_per_point (self);
  double y = GLOSS_VIEW_PAGE_GAP;

  for (guint i = 0; i < self->n_pages; i++)
    {
      double height;

      gloss_page_source_get_page_size (self->source, i, NULL, &height);
      self->page_top[i] = y;
      /* Whole pixels, as the page images are: drawn 1:1, they stay sharp. */
      y += ceil (height * ppp) + GLOSS_VIEW_PAGE_GAP;
    }
  self->page_top[self->n_pages] = y;
  self->content_height = y;
  self->content_width = ceil (self->max_page_width * ppp) + GLOSS_VIEW_LANE_AREA +
                        2 * GLOSS_VIEW_PAGE_GAP;
}

void
_gloss_document_view_relayout (GlossDocumentView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double value = _gloss_document_view_scroll_y (self);
  double hvalue = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  double old_width = self->content_width;

  if (self->source == NULL)
    {
      self->content_width = self->content_height = 0;
      configure_adjustment (self->vadjustment, 0, 0, height);
      configure_adjustment (self->hadjustment, 0, 0, width);
      return;
    }

  compute_page_tops (self);

  if (self->keep_anchor && self->relayout_anchor_page < self->n_pages)
    {
      guint page = self->relayout_anchor_page;

      value = self->page_top[page] + self->relayout_anchor_frac * page_height_px (self, page) -
              self->relayout_anchor_y;
      self->keep_anchor = FALSE;
    }
  if (old_width > 0)
    hvalue = (hvalue + width / 2) * self->content_width / old_width - width / 2;

  configure_adjustment (self->vadjustment, value, self->content_height, height);
  configure_adjustment (self->hadjustment, hvalue, self->content_width, width);
}
