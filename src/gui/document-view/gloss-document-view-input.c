/* gloss-document-view-input.c: pointer, keyboard and selection of the document view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gloss-document-view-private.h"

typedef enum
{
  SCROLL_LINE_UP,
  SCROLL_LINE_DOWN,
  SCROLL_SCREEN_UP,
  SCROLL_SCREEN_DOWN,
  SCROLL_START,
  SCROLL_END,
  SCROLL_LEFT,
  SCROLL_RIGHT,
} ScrollKey;

/* Pointer to characters */

/* The layout of the page at (x, y); with @load FALSE only a cached one,
 * so hovering never waits for the render thread. */
static GlossPageLayout *
layout_at (GlossDocumentView *self,
           double             x,
           double             y,
           gboolean           load,
           double            *page_x,
           double            *page_y)
{
  graphene_rect_t rect;
  double ppp = _gloss_document_view_pixels_per_point (self);
  guint page;

  if (self->source == NULL || self->n_pages == 0)
    return NULL;

  page = _gloss_document_view_page_at (self, x, y);
  _gloss_document_view_page_rect (self, page, &rect);
  *page_x = (x - rect.origin.x) / ppp;
  *page_y = (y - rect.origin.y) / ppp;
  return load ? gloss_page_source_get_layout (self->source, page, NULL)
              : gloss_page_source_peek_layout (self->source, page);
}

gint64
_gloss_document_view_offset_at (GlossDocumentView *self,
                                double             x,
                                double             y)
{
  g_autoptr(GlossPageLayout) layout = NULL;
  double px, py;

  layout = layout_at (self, x, y, TRUE, &px, &py);
  if (layout == NULL)
    return 0;
  return layout->start + gloss_page_layout_hit_test (layout, px, py);
}

/* The character under (or nearest to) the pointer, page-local. */
static gint64
char_index_at (const GlossPageLayout *layout,
               double                 px,
               double                 py)
{
  gint64 index = gloss_page_layout_char_at (layout, px, py);

  if (index >= 0)
    return index;
  index = gloss_page_layout_hit_test (layout, px, py);
  return MIN (index, MAX (layout->n_chars - 1, 0));
}

static GlossHighlight *
highlight_at_offset (GlossDocumentView *self,
                     guint              page,
                     gint64             offset)
{
  GPtrArray *on_page = _gloss_document_view_page_highlights (self, page);
  GlossHighlight *best = NULL;

  for (guint i = 0; on_page != NULL && i < on_page->len; i++)
    {
      GlossHighlight *h = g_ptr_array_index (on_page, i);

      if (offset < h->start || offset >= h->end)
        continue;
      /* The shortest one wins: a long coding below stays reachable elsewhere. */
      if (best == NULL || h->end - h->start < best->end - best->start)
        best = h;
    }
  return best;
}

/* The highlights whose stripes in the page margin are under (x, y); the
 * first one alone unless @all. */
static void
highlights_at_stripe (GlossDocumentView     *self,
                      const GlossPageLayout *layout,
                      double                 x,
                      double                 y,
                      gboolean               all,
                      GPtrArray             *found)
{
  GPtrArray *on_page = _gloss_document_view_page_highlights (self, layout->page);
  graphene_rect_t rect;
  double lane_width = _gloss_document_view_lane_width (self);
  double from_edge;
  guint lane;

  _gloss_document_view_page_rect (self, layout->page, &rect);
  from_edge = rect.origin.x - 6 - x;
  if (from_edge < 0 || from_edge > GLOSS_VIEW_LANE_AREA)
    return;
  lane = (guint) floor (from_edge / lane_width);

  for (guint i = 0; on_page != NULL && i < on_page->len; i++)
    {
      GlossHighlight *h = g_ptr_array_index (on_page, i);
      g_autoptr(GArray) rects = NULL;

      if (MIN (h->lane, self->n_lanes - 1) != lane ||
          h->end <= layout->start || h->start >= layout->start + layout->n_chars)
        continue;
      rects = _gloss_document_view_range_rects (self, layout->page, h->start, h->end, FALSE);
      for (guint k = 0; k < rects->len; k++)
        {
          const GlossCharBox *b = &g_array_index (rects, GlossCharBox, k);

          if (y >= b->y1 - 1 && y <= b->y2 + 1)
            {
              g_ptr_array_add (found, h);
              if (!all)
                return;
              break;
            }
        }
    }
}

GlossHighlight *
_gloss_document_view_highlight_at (GlossDocumentView *self,
                                   double             x,
                                   double             y)
{
  g_autoptr(GlossPageLayout) layout = NULL;
  double px, py;
  gint64 index;

  if (self->highlights == NULL || self->highlights->len == 0)
    return NULL;
  layout = layout_at (self, x, y, FALSE, &px, &py);
  if (layout == NULL)
    return NULL;

  index = gloss_page_layout_char_at (layout, px, py);
  if (index >= 0)
    return highlight_at_offset (self, layout->page, layout->start + index);
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();

    highlights_at_stripe (self, layout, x, y, FALSE, found);
    return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
  }
}

/* Shortest first, as a click would pick them. */
static int
compare_lengths (gconstpointer a,
                 gconstpointer b)
{
  const GlossHighlight *x = *(GlossHighlight * const *) a;
  const GlossHighlight *y = *(GlossHighlight * const *) b;
  gint64 dx = x->end - x->start, dy = y->end - y->start;

  return dx < dy ? -1 : dx > dy ? 1 : (x->lane > y->lane) - (x->lane < y->lane);
}

GPtrArray *
_gloss_document_view_all_highlights_at (GlossDocumentView *self,
                                        double             x,
                                        double             y)
{
  g_autoptr(GlossPageLayout) layout = NULL;
  GPtrArray *found = g_ptr_array_new ();
  double px, py;
  gint64 index;

  if (self->highlights == NULL || self->highlights->len == 0 ||
      (layout = layout_at (self, x, y, FALSE, &px, &py)) == NULL)
    return found;

  index = gloss_page_layout_char_at (layout, px, py);
  if (index >= 0)
    {
      GPtrArray *on_page = _gloss_document_view_page_highlights (self, layout->page);
      gint64 offset = layout->start + index;

      for (guint i = 0; on_page != NULL && i < on_page->len; i++)
        {
          GlossHighlight *h = g_ptr_array_index (on_page, i);

          if (offset >= h->start && offset < h->end)
            g_ptr_array_add (found, h);
        }
    }
  else
    highlights_at_stripe (self, layout, x, y, TRUE, found);
  g_ptr_array_sort (found, compare_lengths);
  return found;
}

/* Selection by unit */

static void
unit_bounds (GlossDocumentView *self,
             double             x,
             double             y,
             GlossSelectUnit    unit,
             gint64            *start,
             gint64            *end)
{
  g_autoptr(GlossPageLayout) layout = NULL;
  double px, py;
  gint64 index;

  layout = layout_at (self, x, y, TRUE, &px, &py);
  if (layout == NULL)
    {
      *start = *end = 0;
      return;
    }

  if (unit == GLOSS_SELECT_CHARS)
    {
      *start = *end = layout->start + gloss_page_layout_hit_test (layout, px, py);
      return;
    }

  index = char_index_at (layout, px, py);
  if (unit == GLOSS_SELECT_WORDS)
    gloss_page_layout_word_bounds (layout, index, start, end);
  else
    gloss_page_layout_line_bounds (layout, index, start, end);
  *start += layout->start;
  *end += layout->start;
}

static void
select_span (GlossDocumentView *self,
             gint64             start,
             gint64             end)
{
  gboolean had_selection = self->sel_end > self->sel_start;

  if (start == self->sel_start && end == self->sel_end)
    return;
  self->sel_start = start;
  self->sel_end = end;
  _gloss_document_view_notify_selection (self, had_selection);
}

/* Extends from the anchor unit to the unit under (x, y). */
static void
extend_selection (GlossDocumentView *self,
                  double             x,
                  double             y)
{
  gint64 start, end;

  unit_bounds (self, x, y, self->select_unit, &start, &end);
  select_span (self, MIN (self->anchor_start, start), MAX (self->anchor_end, end));
}

static void
on_pressed (GtkGestureClick   *gesture,
            int                n_press,
            double             x,
            double             y,
            GlossDocumentView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (button == GDK_BUTTON_SECONDARY)
    {
      g_signal_emit (self, _gloss_document_view_signals[SIGNAL_CONTEXT_MENU], 0, x, y);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY || self->source == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* A press on an end of the active coding drags that end. */
  if (n_press == 1 && !(state & GDK_SHIFT_MASK) &&
      _gloss_document_view_begin_handle_drag (self, x, y))
    return;

  self->dragging = TRUE;

  /* Shift extends from where the last press (or selection) began. */
  if (n_press == 1 && (state & GDK_SHIFT_MASK))
    {
      self->select_unit = GLOSS_SELECT_CHARS;
      extend_selection (self, x, y);
      return;
    }

  self->select_unit = n_press >= 3 ? GLOSS_SELECT_LINES
                    : n_press == 2 ? GLOSS_SELECT_WORDS
                    : GLOSS_SELECT_CHARS;
  unit_bounds (self, x, y, self->select_unit, &self->anchor_start, &self->anchor_end);
  select_span (self, self->anchor_start, self->anchor_end);
}

static void
on_released (GtkGestureClick   *gesture,
             int                n_press,
             double             x,
             double             y,
             GlossDocumentView *self)
{
  GlossHighlight *highlight;

  if (self->handle_drag != GLOSS_HANDLE_NONE)
    {
      _gloss_document_view_end_handle_drag (self);
      return;
    }

  self->dragging = FALSE;
  if (n_press != 1 ||
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY ||
      self->sel_end > self->sel_start)
    return;

  highlight = _gloss_document_view_highlight_at (self, x, y);
  if (highlight != NULL)
    {
      gloss_document_view_set_active_highlight (self, highlight->id);
      g_signal_emit (self, _gloss_document_view_signals[SIGNAL_HIGHLIGHT_ACTIVATED], 0, highlight->id);
    }
}

static void
on_drag_update (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                GlossDocumentView *self)
{
  double x, y;
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!self->dragging && self->handle_drag == GLOSS_HANDLE_NONE)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  x += dx;
  y += dy;

  /* Dragging past an edge scrolls the pages along. */
  if (y < 0)
    _gloss_document_view_scroll_by (self, 0, y / 2);
  else if (y > height)
    _gloss_document_view_scroll_by (self, 0, (y - height) / 2);

  if (self->handle_drag != GLOSS_HANDLE_NONE)
    _gloss_document_view_update_handle_drag (self, x, CLAMP (y, 0, height));
  else
    extend_selection (self, x, CLAMP (y, 0, height));
}

static void
on_drag_end (GtkGestureDrag    *gesture,
             double             dx,
             double             dy,
             GlossDocumentView *self)
{
  self->dragging = FALSE;
  _gloss_document_view_end_handle_drag (self);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GlossDocumentView        *self)
{
  gboolean over_handle;

  self->pointer_y = y;

  over_handle = self->handle_drag != GLOSS_HANDLE_NONE ||
                (self->active_id != 0 && _gloss_document_view_handle_at (self, x, y) != GLOSS_HANDLE_NONE);
  if (over_handle != self->over_handle)
    {
      self->over_handle = over_handle;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over_handle ? "col-resize" : "text");
    }
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GlossDocumentView        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;

  _gloss_document_view_zoom_at (self, pow (1.1, -dy), 0, self->pointer_y);
  return TRUE;
}

static char *
color_hex (const GdkRGBA *color)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) (CLAMP (color->red, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (color->green, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (color->blue, 0, 1) * 255 + 0.5));
}

/* Two lines: the code beside a square of its colour, the coder beside a
 * dot of theirs. A highlight made without the parts shows its tooltip. */
char *
_gloss_document_view_tooltip_markup (const GlossHighlight *highlight)
{
  g_autofree char *code_hex = color_hex (&highlight->color);
  g_autofree char *coder_hex = NULL;
  g_autofree char *by = NULL;
  g_autofree char *code = NULL;
  g_autofree char *escaped = NULL;
  GString *markup;

  if (highlight->code_label == NULL)
    return g_markup_escape_text (highlight->tooltip ? highlight->tooltip : "", -1);

  markup = g_string_new (NULL);
  g_string_append_printf (markup, "<span foreground=\"%s\" size=\"larger\">\u25A0</span> ", code_hex);
  code = g_markup_printf_escaped ("<b>%s</b>", highlight->code_label);
  g_string_append (markup, code);

  if (highlight->coder_label == NULL)
    return g_string_free (markup, FALSE);

  /* Translators: the coder of a coding, on hover: "by Alice" */
  by = g_strdup_printf (_("by %s"), highlight->coder_label);
  g_string_append_c (markup, '\n');
  if (highlight->has_coder_color)
    {
      coder_hex = color_hex (&highlight->coder_color);
      g_string_append_printf (markup, "<span foreground=\"%s\" size=\"larger\">\u25CF</span> ", coder_hex);
    }
  escaped = g_markup_escape_text (by, -1);
  g_string_append (markup, escaped);
  return g_string_free (markup, FALSE);
}

static gboolean
on_query_tooltip (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  GlossDocumentView *self)
{
  g_autofree char *markup = NULL;
  g_autoptr(GPtrArray) highlights = NULL;

  if (keyboard)
    return FALSE;
  /* Every coding under the pointer, not the topmost one alone. */
  highlights = _gloss_document_view_all_highlights_at (self, x, y);
  markup = _gloss_document_view_tooltip_markup_for_all (highlights);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

void
_gloss_document_view_init_input (GlossDocumentView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_widget_set_cursor_from_name (widget, "text");
}

/* Keyboard */

static gboolean
scroll_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);
  double height = gtk_widget_get_height (widget);
  double step = 40;

  switch ((ScrollKey) g_variant_get_int32 (args))
    {
    case SCROLL_LINE_UP: _gloss_document_view_scroll_by (self, 0, -step); break;
    case SCROLL_LINE_DOWN: _gloss_document_view_scroll_by (self, 0, step); break;
    case SCROLL_SCREEN_UP: _gloss_document_view_scroll_by (self, 0, -height * 0.9); break;
    case SCROLL_SCREEN_DOWN: _gloss_document_view_scroll_by (self, 0, height * 0.9); break;
    case SCROLL_START: gtk_adjustment_set_value (self->vadjustment, 0); break;
    case SCROLL_END: gtk_adjustment_set_value (self->vadjustment, G_MAXDOUBLE); break;
    case SCROLL_LEFT: _gloss_document_view_scroll_by (self, -step, 0); break;
    case SCROLL_RIGHT: _gloss_document_view_scroll_by (self, step, 0); break;
    default: return FALSE;
    }
  return TRUE;
}

static void
select_page_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);
  guint page;
  gint64 start;

  if (self->source == NULL || self->n_pages == 0)
    return;
  page = self->sel_end > self->sel_start
           ? gloss_page_source_page_for_offset (self->source, self->sel_start)
           : self->current_page;
  start = gloss_page_source_get_page_start (self->source, page);
  self->anchor_start = self->anchor_end = start;
  select_span (self, start, start + gloss_page_source_get_page_length (self->source, page));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->source == NULL || self->sel_end <= self->sel_start)
    return;
  text = gloss_page_source_dup_text (self->source, self->sel_start, self->sel_end);
  /* Page breaks read as line breaks elsewhere. */
  g_strdelimit (text, "\f", '\n');
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
add_scroll_binding (GtkWidgetClass  *widget_class,
                    guint            keyval,
                    GdkModifierType  mods,
                    ScrollKey        key)
{
  gtk_widget_class_add_binding (widget_class, keyval, mods, scroll_key, "i", (int) key);
}

void
_gloss_document_view_class_init_input (GlossDocumentViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "view.select-page", NULL, select_page_action);
  gtk_widget_class_install_action (widget_class, "view.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "view.select-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "view.copy", NULL);

  add_scroll_binding (widget_class, GDK_KEY_Up, 0, SCROLL_LINE_UP);
  add_scroll_binding (widget_class, GDK_KEY_KP_Up, 0, SCROLL_LINE_UP);
  add_scroll_binding (widget_class, GDK_KEY_Down, 0, SCROLL_LINE_DOWN);
  add_scroll_binding (widget_class, GDK_KEY_KP_Down, 0, SCROLL_LINE_DOWN);
  add_scroll_binding (widget_class, GDK_KEY_Page_Up, 0, SCROLL_SCREEN_UP);
  add_scroll_binding (widget_class, GDK_KEY_KP_Page_Up, 0, SCROLL_SCREEN_UP);
  add_scroll_binding (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, SCROLL_SCREEN_UP);
  add_scroll_binding (widget_class, GDK_KEY_Page_Down, 0, SCROLL_SCREEN_DOWN);
  add_scroll_binding (widget_class, GDK_KEY_KP_Page_Down, 0, SCROLL_SCREEN_DOWN);
  add_scroll_binding (widget_class, GDK_KEY_space, 0, SCROLL_SCREEN_DOWN);
  add_scroll_binding (widget_class, GDK_KEY_Home, 0, SCROLL_START);
  add_scroll_binding (widget_class, GDK_KEY_KP_Home, 0, SCROLL_START);
  add_scroll_binding (widget_class, GDK_KEY_End, 0, SCROLL_END);
  add_scroll_binding (widget_class, GDK_KEY_KP_End, 0, SCROLL_END);
  add_scroll_binding (widget_class, GDK_KEY_Left, 0, SCROLL_LEFT);
  add_scroll_binding (widget_class, GDK_KEY_Right, 0, SCROLL_RIGHT);
}
