/* gloss-document-view-handles.c: the two ends of the active coding, drawn as
 * handles that drag its boundaries character by character
 *
 * While a handle is dragged the view only draws the range it would have;
 * the project learns of it once, on release, through "coding-range-changed"
 * (so one drag is one undo step).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gloss-document-view-private.h"

GlossHighlight *
_gloss_document_view_active_highlight (GlossDocumentView *self)
{
  return _gloss_document_view_highlight_by_id (self, self->active_id);
}

/* The range the active coding shows now: its own, or the dragged one. */
static gboolean
shown_range (GlossDocumentView *self,
             gint64            *start,
             gint64            *end)
{
  GlossHighlight *h = _gloss_document_view_active_highlight (self);

  if (h == NULL || self->source == NULL)
    return FALSE;
  *start = self->handle_drag != GLOSS_HANDLE_NONE ? self->handle_start : h->start;
  *end = self->handle_drag != GLOSS_HANDLE_NONE ? self->handle_end : h->end;
  return *end > *start;
}

gboolean
_gloss_document_view_handle_bar (GlossDocumentView *self,
                                 GlossHandle        handle,
                                 graphene_rect_t   *bar)
{
  g_autoptr(GArray) rects = NULL;
  const GlossCharBox *box;
  gint64 start, end;
  guint page, first, last;
  double x;

  if (handle == GLOSS_HANDLE_NONE || !shown_range (self, &start, &end))
    return FALSE;

  page = gloss_page_source_page_for_offset (self->source, handle == GLOSS_HANDLE_START ? start : end - 1);
  _gloss_document_view_visible_pages (self, &first, &last);
  if (page < first || page > last)
    return FALSE;

  /* Only a cached layout: drawing and hovering never wait for the render thread. */
  rects = _gloss_document_view_range_rects (self, page, start, end, FALSE);
  if (rects->len == 0)
    return FALSE;

  if (handle == GLOSS_HANDLE_START)
    {
      box = &g_array_index (rects, GlossCharBox, 0);
      x = box->x1;
    }
  else
    {
      box = &g_array_index (rects, GlossCharBox, rects->len - 1);
      x = box->x2;
    }
  graphene_rect_init (bar, x - 1, box->y1, 2, MAX (box->y2 - box->y1, 4));
  return bar->origin.y + bar->size.height > -GLOSS_VIEW_HANDLE_KNOB * 2 &&
         bar->origin.y < gtk_widget_get_height (GTK_WIDGET (self)) + GLOSS_VIEW_HANDLE_KNOB * 2;
}

/* The area that grabs the handle: the bar and its knob, with some room. */
static void
grab_area (GlossHandle            handle,
           const graphene_rect_t *bar,
           graphene_rect_t       *area)
{
  double knob = 2 * GLOSS_VIEW_HANDLE_KNOB;

  graphene_rect_init (area,
                      bar->origin.x + 1 - GLOSS_VIEW_HANDLE_REACH,
                      bar->origin.y - (handle == GLOSS_HANDLE_START ? knob : 0) - 2,
                      2 * GLOSS_VIEW_HANDLE_REACH,
                      bar->size.height + knob + 4);
}

GlossHandle
_gloss_document_view_handle_at (GlossDocumentView *self,
                                double             x,
                                double             y)
{
  const GlossHandle handles[] = { GLOSS_HANDLE_START, GLOSS_HANDLE_END };
  GlossHandle best = GLOSS_HANDLE_NONE;
  double best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    {
      graphene_rect_t bar, area;
      double distance;

      if (!_gloss_document_view_handle_bar (self, handles[i], &bar))
        continue;
      grab_area (handles[i], &bar, &area);
      if (!graphene_rect_contains_point (&area, &GRAPHENE_POINT_INIT (x, y)))
        continue;
      /* A short coding has its ends close together: the nearer one wins. */
      distance = ABS (x - (bar.origin.x + 1));
      if (distance < best_distance)
        {
          best = handles[i];
          best_distance = distance;
        }
    }
  return best;
}

gboolean
_gloss_document_view_begin_handle_drag (GlossDocumentView *self,
                                        double             x,
                                        double             y)
{
  GlossHighlight *h = _gloss_document_view_active_highlight (self);
  GlossHandle handle;

  if (h == NULL)
    return FALSE;
  handle = _gloss_document_view_handle_at (self, x, y);
  if (handle == GLOSS_HANDLE_NONE)
    return FALSE;

  self->handle_drag = handle;
  self->handle_start = h->start;
  self->handle_end = h->end;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
_gloss_document_view_update_handle_drag (GlossDocumentView *self,
                                         double             x,
                                         double             y)
{
  gint64 offset;

  if (self->handle_drag == GLOSS_HANDLE_NONE)
    return;

  offset = _gloss_document_view_offset_at (self, x, y);
  /* A coding keeps at least one character. */
  if (self->handle_drag == GLOSS_HANDLE_START)
    self->handle_start = CLAMP (offset, 0, self->handle_end - 1);
  else
    self->handle_end = MAX (offset, self->handle_start + 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_gloss_document_view_end_handle_drag (GlossDocumentView *self)
{
  GlossHighlight *h = _gloss_document_view_active_highlight (self);
  gint64 id = self->active_id;
  gint64 start = self->handle_start;
  gint64 end = self->handle_end;
  gboolean moved;

  if (self->handle_drag == GLOSS_HANDLE_NONE)
    return;

  self->handle_drag = GLOSS_HANDLE_NONE;
  moved = h != NULL && (start != h->start || end != h->end);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (moved)
    g_signal_emit (self, _gloss_document_view_signals[SIGNAL_CODING_RANGE_CHANGED], 0,
                   id, start, end);
}

static void
append_disc (GtkSnapshot   *snapshot,
             double         cx,
             double         cy,
             double         radius,
             const GdkRGBA *color)
{
  GskRoundedRect disc;

  gsk_rounded_rect_init_from_rect (&disc,
                                   &GRAPHENE_RECT_INIT (cx - radius, cy - radius, 2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, color, &disc.bounds);
  gtk_snapshot_pop (snapshot);
}

void
_gloss_document_view_snapshot_handles (GlossDocumentView *self,
                                       GtkSnapshot       *snapshot)
{
  static const GdkRGBA halo = { 1, 1, 1, 0.9 };
  const GlossHandle handles[] = { GLOSS_HANDLE_START, GLOSS_HANDLE_END };
  GlossHighlight *h = _gloss_document_view_active_highlight (self);
  GdkRGBA color, edge;

  if (h == NULL)
    return;
  color = h->color;
  color.alpha = 1.0;
  /* A darker rim keeps pale code colours visible on the page. */
  edge = (GdkRGBA) { color.red * 0.55, color.green * 0.55, color.blue * 0.55, 1.0 };

  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    {
      graphene_rect_t bar;
      double cx, cy;

      if (!_gloss_document_view_handle_bar (self, handles[i], &bar))
        continue;
      cx = bar.origin.x + bar.size.width / 2;
      /* The start's knob above the text, the end's below, as in text editors. */
      cy = handles[i] == GLOSS_HANDLE_START
             ? bar.origin.y - GLOSS_VIEW_HANDLE_KNOB + 1
             : bar.origin.y + bar.size.height + GLOSS_VIEW_HANDLE_KNOB - 1;

      gtk_snapshot_append_color (snapshot, &halo,
                                 &GRAPHENE_RECT_INIT (bar.origin.x - 1, bar.origin.y,
                                                      bar.size.width + 2, bar.size.height));
      gtk_snapshot_append_color (snapshot, &edge, &bar);
      append_disc (snapshot, cx, cy, GLOSS_VIEW_HANDLE_KNOB + 2, &halo);
      append_disc (snapshot, cx, cy, GLOSS_VIEW_HANDLE_KNOB + 1, &edge);
      append_disc (snapshot, cx, cy, GLOSS_VIEW_HANDLE_KNOB, &color);
    }
}
