/* gloss-document-view.c: pages laid out from their sizes, drawn when visible
 *
 * One scrollable widget: no widget, texture or layout per page beyond the
 * visible ones. Page images come from a render thread through a byte-bounded
 * cache; highlights, marks and the selection are drawn over them, so they
 * never cause a page to be rendered again. Selection and pointer handling
 * live in gloss-document-view-input.c, overlays in gloss-document-view-draw.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gloss-document-view-private.h"

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_ZOOM,
  PROP_ZOOM_MODE,
  PROP_PAGE,
  PROP_N_PAGES,
  PROP_HAS_SELECTION,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];
guint _gloss_document_view_signals[N_VIEW_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossDocumentView, gloss_document_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Highlights */

GlossHighlight *
gloss_highlight_new (gint64         id,
                     gint64         start,
                     gint64         end,
                     const GdkRGBA *color,
                     guint          lane,
                     const char    *tooltip)
{
  GlossHighlight *highlight = g_new0 (GlossHighlight, 1);

  highlight->id = id;
  highlight->start = start;
  highlight->end = end;
  highlight->color = *color;
  highlight->lane = lane;
  highlight->tooltip = g_strdup (tooltip);
  return highlight;
}

GlossHighlight *
gloss_highlight_new_with_coder (gint64         id,
                                gint64         start,
                                gint64         end,
                                const GdkRGBA *color,
                                guint          lane,
                                const char    *code_label,
                                const char    *coder_label,
                                const GdkRGBA *coder_color)
{
  g_autofree char *tooltip = NULL;
  GlossHighlight *highlight;

  /* Translators: a coding's tooltip, "code — coder" */
  g_return_val_if_fail (code_label != NULL, NULL);

  tooltip = coder_label != NULL ? g_strdup_printf (_("%s — %s"), code_label, coder_label)
                                : g_strdup (code_label);
  highlight = gloss_highlight_new (id, start, end, color, lane, tooltip);
  highlight->code_label = g_strdup (code_label);
  highlight->coder_label = g_strdup (coder_label);
  highlight->has_coder_color = coder_color != NULL;
  if (coder_color != NULL)
    highlight->coder_color = *coder_color;
  return highlight;
}

void
gloss_highlight_free (GlossHighlight *highlight)
{
  if (highlight == NULL)
    return;
  g_free (highlight->tooltip);
  g_free (highlight->code_label);
  g_free (highlight->coder_label);
  g_free (highlight);
}

static void
update_current_page (GlossDocumentView *self)
{
  guint page;

  if (self->n_pages == 0)
    return;
  page = _gloss_document_view_page_at_content_y (self, _gloss_document_view_scroll_y (self) + gtk_widget_get_height (GTK_WIDGET (self)) / 3.0);
  if (page != self->current_page)
    {
      self->current_page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

/* Zoom */

static void
apply_zoom (GlossDocumentView *self,
            double             zoom,
            double             anchor_y)
{
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  _gloss_document_view_capture_anchor (self, anchor_y);
  self->zoom = zoom;
  _gloss_document_view_relayout (self);
  update_current_page (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
set_zoom_mode_internal (GlossDocumentView *self,
                        GlossZoomMode      mode)
{
  if (self->zoom_mode == mode)
    return;
  self->zoom_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_MODE]);
}

void
_gloss_document_view_zoom_at (GlossDocumentView *self,
                              double             factor,
                              double             x,
                              double             y)
{
  double zoom = CLAMP (self->zoom * factor, GLOSS_VIEW_MIN_ZOOM, GLOSS_VIEW_MAX_ZOOM);

  set_zoom_mode_internal (self, GLOSS_ZOOM_FREE);
  apply_zoom (self, zoom, y);
}

void
gloss_document_view_set_zoom (GlossDocumentView *self,
                              double             zoom)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  set_zoom_mode_internal (self, GLOSS_ZOOM_FREE);
  apply_zoom (self, CLAMP (zoom, GLOSS_VIEW_MIN_ZOOM, GLOSS_VIEW_MAX_ZOOM),
              gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
gloss_document_view_get_zoom (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 1.0);
  return self->zoom;
}

void
gloss_document_view_set_zoom_mode (GlossDocumentView *self,
                                   GlossZoomMode      mode)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  set_zoom_mode_internal (self, mode);
  if (mode != GLOSS_ZOOM_FREE && self->source != NULL)
    apply_zoom (self, _gloss_document_view_fit_zoom (self, mode), 0);
}

GlossZoomMode
gloss_document_view_get_zoom_mode (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), GLOSS_ZOOM_FREE);
  return self->zoom_mode;
}

/* Scrolling */

void
_gloss_document_view_scroll_by (GlossDocumentView *self,
                                double             dx,
                                double             dy)
{
  if (self->vadjustment && dy != 0)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
  if (self->hadjustment && dx != 0)
    gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx);
}

guint
gloss_document_view_get_page (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);
  return self->current_page;
}

void
gloss_document_view_set_page (GlossDocumentView *self,
                              guint              page)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (self->n_pages == 0)
    return;
  page = MIN (page, self->n_pages - 1);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, self->page_top[page] - GLOSS_VIEW_PAGE_GAP / 2);
  if (self->current_page != page)
    {
      self->current_page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

static gboolean
flash_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);

  gtk_widget_queue_draw (widget);
  if (g_get_monotonic_time () - self->flash_began > G_USEC_PER_SEC)
    {
      self->flash_start = self->flash_end = 0;
      self->flash_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_flash (GlossDocumentView *self,
             gint64             start,
             gint64             end)
{
  self->flash_start = start;
  self->flash_end = end;
  self->flash_began = g_get_monotonic_time ();
  if (self->flash_tick == 0)
    self->flash_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), flash_tick, NULL, NULL);
}

void
gloss_document_view_scroll_to_offset (GlossDocumentView *self,
                                      gint64             offset,
                                      gboolean           flash)
{
  g_autoptr(GlossPageLayout) layout = NULL;
  double ppp, height, top;
  gint64 index;
  guint page;

  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  if (self->source == NULL || self->n_pages == 0)
    return;

  page = gloss_page_source_page_for_offset (self->source, offset);
  layout = gloss_page_source_get_layout (self->source, page, NULL);
  ppp = _gloss_document_view_pixels_per_point (self);
  height = gtk_widget_get_height (GTK_WIDGET (self));
  top = self->page_top[page];
  index = offset - gloss_page_source_get_page_start (self->source, page);

  if (layout != NULL && index >= 0 && index < layout->n_chars)
    {
      double y = top + layout->boxes[index].y1 * ppp;

      if (y < _gloss_document_view_scroll_y (self) + height * 0.1 || y > _gloss_document_view_scroll_y (self) + height * 0.8)
        gtk_adjustment_set_value (self->vadjustment, y - height / 3);
      if (flash)
        {
          gint64 start, end;

          gloss_page_layout_word_bounds (layout, index, &start, &end);
          start_flash (self, layout->start + start, layout->start + end);
        }
    }
  else if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, top - GLOSS_VIEW_PAGE_GAP / 2);

  update_current_page (self);
}

/* Source */

static void
clear_source (GlossDocumentView *self)
{
  if (self->queue != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->queue, self);
      gloss_render_queue_stop (self->queue);
      g_clear_object (&self->queue);
    }
  g_clear_object (&self->source);
  _gloss_document_view_index_clear (self);
  g_clear_pointer (&self->page_top, g_free);
  g_clear_handle_id (&self->first_page_idle, g_source_remove);
  gloss_texture_cache_clear (self->cache);
  self->n_pages = 0;
  self->current_page = 0;
  self->first_page_shown = FALSE;
  self->sel_start = self->sel_end = 0;
}

void
gloss_document_view_set_source (GlossDocumentView *self,
                                GlossPageSource   *source)
{
  gboolean had_selection;

  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (source == NULL || GLOSS_IS_PAGE_SOURCE (source));

  if (self->source == source)
    return;

  had_selection = self->sel_end > self->sel_start;
  clear_source (self);

  if (source != NULL)
    {
      self->source = g_object_ref (source);
      self->n_pages = gloss_page_source_get_n_pages (source);
      self->page_top = g_new0 (double, self->n_pages + 1);
      self->max_page_width = 1;
      for (guint i = 0; i < self->n_pages; i++)
        {
          double w;

          gloss_page_source_get_page_size (source, i, &w, NULL);
          self->max_page_width = MAX (self->max_page_width, w);
        }
      self->queue = gloss_render_queue_new (source);
      g_signal_connect (self->queue, "page-rendered", G_CALLBACK (_gloss_document_view_on_page_rendered), self);
      g_signal_connect (self->queue, "layout-loaded", G_CALLBACK (_gloss_document_view_on_layout_loaded), self);
      if (self->zoom_mode != GLOSS_ZOOM_FREE)
        self->zoom = _gloss_document_view_fit_zoom (self, self->zoom_mode);
    }

  self->keep_anchor = FALSE;
  _gloss_document_view_relayout (self);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  _gloss_document_view_notify_selection (self, had_selection);
}

GlossPageSource *
gloss_document_view_get_source (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);
  return self->source;
}

/* Highlights and marks */

void
gloss_document_view_set_highlights (GlossDocumentView *self,
                                    GPtrArray         *highlights)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (highlights != NULL)
    g_ptr_array_ref (highlights);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  self->highlights = highlights;
  _gloss_document_view_index_clear (self);

  self->n_lanes = 1;
  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    {
      GlossHighlight *h = g_ptr_array_index (highlights, i);

      self->n_lanes = MAX (self->n_lanes, h->lane + 1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gloss_document_view_set_active_highlight (GlossDocumentView *self,
                                          gint64             id)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (self->active_id == id)
    return;
  self->active_id = id;
  self->handle_drag = GLOSS_HANDLE_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
gloss_document_view_get_active_highlight (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);
  return self->active_id;
}

void
gloss_document_view_set_marks (GlossDocumentView *self,
                               GPtrArray         *marks)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (marks != NULL)
    g_ptr_array_ref (marks);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  self->marks = marks;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Selection */

void
_gloss_document_view_notify_selection (GlossDocumentView *self,
                                       gboolean           had_selection)
{
  gboolean has_selection = self->sel_end > self->sel_start;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.copy", has_selection);
  if (had_selection != has_selection)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
  g_signal_emit (self, _gloss_document_view_signals[SIGNAL_SELECTION_CHANGED], 0);
}

gboolean
gloss_document_view_get_selection (GlossDocumentView *self,
                                   gint64            *start,
                                   gint64            *end)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (start)
    *start = self->sel_start;
  if (end)
    *end = self->sel_end;
  return self->sel_end > self->sel_start;
}

void
gloss_document_view_set_selection (GlossDocumentView *self,
                                   gint64             start,
                                   gint64             end)
{
  gboolean had_selection;

  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  had_selection = self->sel_end > self->sel_start;
  self->sel_start = MIN (start, end);
  self->sel_end = MAX (start, end);
  self->anchor_start = self->anchor_end = self->sel_start;
  _gloss_document_view_notify_selection (self, had_selection);
}

void
gloss_document_view_clear_selection (GlossDocumentView *self)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (self->sel_end <= self->sel_start)
    return;
  self->sel_start = self->sel_end = 0;
  _gloss_document_view_notify_selection (self, TRUE);
}

gboolean
gloss_document_view_get_selection_rect (GlossDocumentView *self,
                                        GdkRectangle      *rect)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean any = FALSE;
  guint first, last;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);
  if (self->source == NULL || self->sel_end <= self->sel_start)
    return FALSE;

  /* Only the pages on screen: a selection over hundreds of pages must not
   * load hundreds of layouts. */
  _gloss_document_view_visible_pages (self, &first, &last);
  first = MAX (first, gloss_page_source_page_for_offset (self->source, self->sel_start));
  last = MIN (last, gloss_page_source_page_for_offset (self->source, self->sel_end - 1));
  for (guint page = first; page <= last; page++)
    {
      g_autoptr(GArray) rects = _gloss_document_view_range_rects (self, page, self->sel_start,
                                                                 self->sel_end, TRUE);

      for (guint i = 0; i < rects->len; i++)
        {
          const GlossCharBox *b = &g_array_index (rects, GlossCharBox, i);
          graphene_rect_t r = GRAPHENE_RECT_INIT (b->x1, b->y1, b->x2 - b->x1, b->y2 - b->y1);

          if (any)
            graphene_rect_union (&bounds, &r, &bounds);
          else
            bounds = r;
          any = TRUE;
        }
    }
  if (!any)
    return FALSE;

  /* Only the part on screen is useful to point a popover at. */
  if (!graphene_rect_intersection (&bounds,
                                   &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                        gtk_widget_get_height (GTK_WIDGET (self))),
                                   &bounds))
    return FALSE;
  rect->x = floor (bounds.origin.x);
  rect->y = floor (bounds.origin.y);
  rect->width = MAX (1, ceil (bounds.size.width));
  rect->height = MAX (1, ceil (bounds.size.height));
  return TRUE;
}

gboolean
gloss_document_view_get_selection_end_point (GlossDocumentView *self,
                                             double            *x,
                                             double            *y)
{
  g_autoptr(GlossPageLayout) layout = NULL;
  const GlossCharBox *box = NULL;
  graphene_rect_t page_rect;
  double ppp;
  guint page, first, last_page;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);
  if (self->source == NULL || self->sel_end <= self->sel_start)
    return FALSE;

  page = gloss_page_source_page_for_offset (self->source, self->sel_end - 1);
  _gloss_document_view_visible_pages (self, &first, &last_page);
  if (page < first || page > last_page)
    return FALSE;
  layout = gloss_page_source_get_layout (self->source, page, NULL);
  if (layout == NULL)
    return FALSE;

  /* The last character drawn on the page: line breaks and spaces the
   * text adds have no box of their own. */
  for (gint64 i = self->sel_end - 1; i >= MAX (self->sel_start, layout->start) && box == NULL; i--)
    {
      gint64 index = i - layout->start;

      if (index < layout->n_chars && layout->boxes[index].has_box)
        box = &layout->boxes[index];
    }
  if (box == NULL)
    return FALSE;

  ppp = _gloss_document_view_pixels_per_point (self);
  _gloss_document_view_page_rect (self, page, &page_rect);
  *x = page_rect.origin.x + box->x2 * ppp;
  *y = page_rect.origin.y + box->y2 * ppp;
  return *x >= 0 && *x <= gtk_widget_get_width (GTK_WIDGET (self)) &&
         *y >= 0 && *y <= gtk_widget_get_height (GTK_WIDGET (self));
}

void
gloss_document_view_set_cache_size (GlossDocumentView *self,
                                    gsize              bytes)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  gloss_texture_cache_set_max_bytes (self->cache, bytes);
}

/* Testing and benchmarks: how much the page images take. */
gsize
gloss_document_view_get_cache_bytes (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);
  return gloss_texture_cache_get_bytes (self->cache);
}

/* Adjustments */

static void
on_adjustment_value_changed (GtkAdjustment     *adjustment,
                             GlossDocumentView *self)
{
  update_current_page (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (GlossDocumentView  *self,
                GtkAdjustment     **slot,
                GtkAdjustment      *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* GtkWidget */

static void
gloss_document_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
gloss_document_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);

  if (self->source != NULL && self->zoom_mode != GLOSS_ZOOM_FREE)
    {
      double zoom = _gloss_document_view_fit_zoom (self, self->zoom_mode);

      if (fabs (zoom - self->zoom) > 1e-6)
        {
          _gloss_document_view_capture_anchor (self, 0);
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }
  _gloss_document_view_relayout (self);
  update_current_page (self);
}

static void
gloss_document_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE: g_value_set_object (value, self->source); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_ZOOM_MODE: g_value_set_int (value, self->zoom_mode); break;
    case PROP_PAGE: g_value_set_uint (value, self->current_page); break;
    case PROP_N_PAGES: g_value_set_uint (value, self->n_pages); break;
    case PROP_HAS_SELECTION: g_value_set_boolean (value, self->sel_end > self->sel_start); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE: gloss_document_view_set_source (self, g_value_get_object (value)); break;
    case PROP_ZOOM: gloss_document_view_set_zoom (self, g_value_get_double (value)); break;
    case PROP_ZOOM_MODE: gloss_document_view_set_zoom_mode (self, g_value_get_int (value)); break;
    case PROP_PAGE: gloss_document_view_set_page (self, g_value_get_uint (value)); break;
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY: self->hscroll_policy = g_value_get_enum (value); break;
    case PROP_VSCROLL_POLICY: self->vscroll_policy = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_view_dispose (GObject *object)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  clear_source (self);
  if (self->flash_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flash_tick);
      self->flash_tick = 0;
    }
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->cache);
  _gloss_document_view_index_clear (self);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->lane_labels, g_strfreev);
  g_clear_pointer (&self->lane_colors, g_array_unref);

  G_OBJECT_CLASS (gloss_document_view_parent_class)->dispose (object);
}

/* Actions */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);
  double height = gtk_widget_get_height (widget);

  if (g_str_equal (action_name, "view.zoom-in"))
    _gloss_document_view_zoom_at (self, 1.2, 0, height / 2);
  else if (g_str_equal (action_name, "view.zoom-out"))
    _gloss_document_view_zoom_at (self, 1 / 1.2, 0, height / 2);
  else if (g_str_equal (action_name, "view.zoom-reset"))
    gloss_document_view_set_zoom (self, 1.0);
  else if (g_str_equal (action_name, "view.fit-width"))
    gloss_document_view_set_zoom_mode (self, GLOSS_ZOOM_FIT_WIDTH);
  else if (g_str_equal (action_name, "view.fit-page"))
    gloss_document_view_set_zoom_mode (self, GLOSS_ZOOM_FIT_PAGE);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);
  guint page = self->current_page;

  if (g_str_equal (action_name, "view.next-page"))
    gloss_document_view_set_page (self, page + 1);
  else if (page > 0)
    gloss_document_view_set_page (self, page - 1);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  const char *zoom_actions[] = {
    "view.zoom-in", "view.zoom-out", "view.zoom-reset", "view.fit-width", "view.fit-page",
  };

  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    gtk_widget_class_install_action (widget_class, zoom_actions[i], NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "view.previous-page", NULL, page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "view.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "view.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "view.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "view.previous-page", NULL);
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, GLOSS_TYPE_PAGE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.1, GLOSS_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM_MODE] =
    g_param_spec_int ("zoom-mode", NULL, NULL, GLOSS_ZOOM_FREE, GLOSS_ZOOM_FIT_PAGE, GLOSS_ZOOM_FREE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_SELECTION] =
    g_param_spec_boolean ("has-selection", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");
}

static void
install_signals (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  _gloss_document_view_signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  _gloss_document_view_signals[SIGNAL_HIGHLIGHT_ACTIVATED] =
    g_signal_new ("highlight-activated", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  _gloss_document_view_signals[SIGNAL_CONTEXT_MENU] =
    g_signal_new ("context-menu", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  _gloss_document_view_signals[SIGNAL_FIRST_PAGE_SHOWN] =
    g_signal_new ("first-page-shown", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  _gloss_document_view_signals[SIGNAL_CODING_RANGE_CHANGED] =
    g_signal_new ("coding-range-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
}

static void
gloss_document_view_class_init (GlossDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_document_view_dispose;
  object_class->get_property = gloss_document_view_get_property;
  object_class->set_property = gloss_document_view_set_property;

  widget_class->measure = gloss_document_view_measure;
  widget_class->size_allocate = gloss_document_view_size_allocate;
  widget_class->snapshot = _gloss_document_view_snapshot;

  install_properties (object_class);
  install_signals (object_class);
  install_actions (widget_class);
  _gloss_document_view_class_init_input (klass);

  gtk_widget_class_set_css_name (widget_class, "documentview");
}

static void
gloss_document_view_init (GlossDocumentView *self)
{
  self->zoom = 1.0;
  self->zoom_mode = GLOSS_ZOOM_FREE;
  self->n_lanes = 1;
  self->cache = gloss_texture_cache_new (GLOSS_VIEW_DEFAULT_CACHE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.copy", FALSE);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  _gloss_document_view_init_input (self);
}

GtkWidget *
gloss_document_view_new (void)
{
  return g_object_new (GLOSS_TYPE_DOCUMENT_VIEW, NULL);
}
