/* gloss-document-view-private.h: what the document view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-document-view.h"
#include "gloss-page-layout.h"
#include "gloss-render-queue.h"
#include "gloss-texture-cache.h"

G_BEGIN_DECLS

#define GLOSS_VIEW_PAGE_GAP      12.0   /* pixels between and around pages */
#define GLOSS_VIEW_LANE_AREA     36.0   /* pixels left of each page for coding stripes */
#define GLOSS_VIEW_MAX_LANE      6.0    /* widest stripe */
#define GLOSS_VIEW_POINT_SCALE   (96.0 / 72.0)  /* pixels per point at 100 % */
#define GLOSS_VIEW_MIN_ZOOM      0.5
#define GLOSS_VIEW_MAX_ZOOM      4.0
#define GLOSS_VIEW_DEFAULT_CACHE (256u * 1024 * 1024)

typedef enum
{
  GLOSS_HANDLE_NONE,
  GLOSS_HANDLE_START,
  GLOSS_HANDLE_END,
} GlossHandle;

typedef enum
{
  GLOSS_SELECT_CHARS,
  GLOSS_SELECT_WORDS,
  GLOSS_SELECT_LINES,
} GlossSelectUnit;

struct _GlossDocumentView
{
  GtkWidget           parent_instance;

  GtkAdjustment      *hadjustment;
  GtkAdjustment      *vadjustment;
  guint               hscroll_policy : 1;
  guint               vscroll_policy : 1;

  GlossPageSource    *source;
  GlossRenderQueue   *queue;
  GlossTextureCache  *cache;

  /* Geometry, in pixels at the current zoom */
  double              zoom;
  GlossZoomMode       zoom_mode;
  double             *page_top;     /* n_pages + 1 entries: top of each page, then the end */
  double              max_page_width;  /* points */
  double              content_width;
  double              content_height;
  guint               n_pages;
  guint               current_page;

  /* Coding display */
  GPtrArray          *highlights;
  GPtrArray         **page_highlights;  /* per page: the highlights on it (not owned) */
  guint               n_indexed_pages;
  GHashTable         *highlight_ids;    /* id -> highlight; NULL until indexed */
  GPtrArray          *marks;
  gint64              active_id;
  guint               n_lanes;
  GStrv               lane_labels;      /* a name per lane, or NULL */
  GArray             *lane_colors;      /* GdkRGBA per lane label */

  /* Dragging an end of the active coding: the range it has now */
  GlossHandle         handle_drag;
  gint64              handle_start;
  gint64              handle_end;
  gboolean            over_handle;   /* the pointer shows a resize cursor */

  /* Selection: [sel_start, sel_end) in document characters */
  gint64              sel_start;
  gint64              sel_end;
  gint64              anchor_start;  /* the unit (char, word, line) first pressed */
  gint64              anchor_end;
  GlossSelectUnit     select_unit;
  gboolean            dragging;

  /* Flash of a passage scrolled to */
  gint64              flash_start;
  gint64              flash_end;
  gint64              flash_began;
  guint               flash_tick;

  gsize               dropped_bytes;  /* page images dropped since memory was last released */
  gboolean            first_page_shown;
  guint               first_page_idle;
  guint               relayout_anchor_page;
  double              relayout_anchor_frac;
  double              relayout_anchor_y;
  double              pointer_y;     /* last pointer height, for Ctrl+scroll zoom */
  gboolean            keep_anchor;
};

enum {
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_HIGHLIGHT_ACTIVATED,
  SIGNAL_CONTEXT_MENU,
  SIGNAL_FIRST_PAGE_SHOWN,
  SIGNAL_CODING_RANGE_CHANGED,
  N_VIEW_SIGNALS
};

extern guint _gloss_document_view_signals[N_VIEW_SIGNALS];

/* gloss-document-view-layout.c: geometry */
double   _gloss_document_view_pixels_per_point (GlossDocumentView *self);
double   _gloss_document_view_scroll_y  (GlossDocumentView *self);
/* The page whose slot (the page and half the gaps around it) holds
 * content height @y. */
guint    _gloss_document_view_page_at_content_y (GlossDocumentView *self,
                                                 double             y);
/* The zoom that fits the page width (or the whole page) in the view. */
double   _gloss_document_view_fit_zoom  (GlossDocumentView *self,
                                         GlossZoomMode      mode);
/* Remembers the page point at widget height @y; the next relayout keeps it there. */
void     _gloss_document_view_capture_anchor (GlossDocumentView *self,
                                              double             y);
/* Places the pages at the current zoom and configures the adjustments. */
void     _gloss_document_view_relayout  (GlossDocumentView *self);
/* The page's rectangle in widget coordinates. */
void     _gloss_document_view_page_rect (GlossDocumentView *self,
                                         guint              page,
                                         graphene_rect_t   *rect);
/* Page point (x, y), in PDF points with a top-left origin, in widget coordinates. */
void     _gloss_document_view_point_to_widget (GlossDocumentView *self,
                                               guint              page,
                                               double             x,
                                               double             y,
                                               double            *widget_x,
                                               double            *widget_y);
/* The page at widget point (x, y), or the nearest one. */
guint    _gloss_document_view_page_at   (GlossDocumentView *self,
                                         double             x,
                                         double             y);
void     _gloss_document_view_visible_pages (GlossDocumentView *self,
                                             guint             *first,
                                             guint             *last);
/* gloss-document-view.c */
void     _gloss_document_view_scroll_by (GlossDocumentView *self,
                                         double             dx,
                                         double             dy);
void     _gloss_document_view_zoom_at   (GlossDocumentView *self,
                                         double             factor,
                                         double             x,
                                         double             y);
void     _gloss_document_view_notify_selection (GlossDocumentView *self,
                                                gboolean           had_selection);

/* gloss-document-view-render.c: page images */
void     _gloss_document_view_snapshot  (GtkWidget         *widget,
                                         GtkSnapshot       *snapshot);
void     _gloss_document_view_on_page_rendered (GlossRenderQueue  *queue,
                                                guint              page,
                                                double             scale,
                                                GdkTexture        *texture,
                                                GlossDocumentView *self);
void     _gloss_document_view_on_layout_loaded (GlossRenderQueue  *queue,
                                                guint              page,
                                                GlossDocumentView *self);

/* gloss-document-view-draw.c: highlights, their margin stripes, marks,
 * the selection and the flash, over the page image at @rect. */
void     _gloss_document_view_snapshot_page_overlays (GlossDocumentView *self,
                                                      GtkSnapshot       *snapshot,
                                                      guint              page,
                                                      const graphene_rect_t *rect);
/* Rectangles (GlossCharBox, widget pixels) of [start, end) on @page. */
GArray  *_gloss_document_view_range_rects (GlossDocumentView *self,
                                           guint              page,
                                           gint64             start,
                                           gint64             end,
                                           gboolean           load);

/* gloss-document-view-index.c: the highlights of each page, built when
 * first needed after the highlights or the document changed. */
void     _gloss_document_view_index_clear (GlossDocumentView *self);
/* The highlights touching @page in the order they were set, or NULL. */
GPtrArray *_gloss_document_view_page_highlights (GlossDocumentView *self,
                                                 guint              page);
GlossHighlight *_gloss_document_view_highlight_by_id (GlossDocumentView *self,
                                                      gint64             id);

/* gloss-document-view-input.c */
void     _gloss_document_view_init_input  (GlossDocumentView      *self);
void     _gloss_document_view_class_init_input (GlossDocumentViewClass *klass);
/* The caret offset nearest to widget point (x, y). */
gint64   _gloss_document_view_offset_at   (GlossDocumentView *self,
                                           double             x,
                                           double             y);
/* The highlight under widget point (x, y), or NULL. */
GlossHighlight *_gloss_document_view_highlight_at (GlossDocumentView *self,
                                                   double             x,
                                                   double             y);

/* gloss-document-view-handles.c: the ends of the active coding */
#define GLOSS_VIEW_HANDLE_KNOB   4.5    /* knob radius, pixels */
#define GLOSS_VIEW_HANDLE_REACH  7.0    /* how near the pointer must come */
/* The active coding (while an end is dragged, with the dragged range). */
GlossHighlight *_gloss_document_view_active_highlight (GlossDocumentView *self);
/* The bar of @handle in widget coordinates; FALSE when it is not on screen. */
gboolean _gloss_document_view_handle_bar  (GlossDocumentView *self,
                                           GlossHandle        handle,
                                           graphene_rect_t   *bar);
GlossHandle _gloss_document_view_handle_at (GlossDocumentView *self,
                                            double             x,
                                            double             y);
/* Starts dragging the handle under (x, y); FALSE when there is none. */
gboolean _gloss_document_view_begin_handle_drag  (GlossDocumentView *self,
                                                  double             x,
                                                  double             y);
/* Moves the dragged end to the caret nearest (x, y). */
void     _gloss_document_view_update_handle_drag (GlossDocumentView *self,
                                                  double             x,
                                                  double             y);
/* Ends the drag; emits "coding-range-changed" when the range moved. */
void     _gloss_document_view_end_handle_drag    (GlossDocumentView *self);
void     _gloss_document_view_snapshot_handles   (GlossDocumentView *self,
                                                  GtkSnapshot       *snapshot);
/* The hover text of @highlight as Pango markup. */
char    *_gloss_document_view_tooltip_markup (const GlossHighlight *highlight);
/* gloss-document-view-review.c: the width of one lane of the margin */
double   _gloss_document_view_lane_width (GlossDocumentView *self);
void     _gloss_document_view_snapshot_lane_labels (GlossDocumentView     *self,
                                                    GtkSnapshot           *snapshot,
                                                    const graphene_rect_t *page_rect);
void     _gloss_document_view_snapshot_underline (GlossDocumentView     *self,
                                                  GtkSnapshot           *snapshot,
                                                  const graphene_rect_t *page_rect,
                                                  double                 ppp,
                                                  GArray                *rects,
                                                  const GlossHighlight  *highlight,
                                                  gboolean               active);
char    *_gloss_document_view_tooltip_markup_for_all (GPtrArray *highlights);
/* gloss-document-view-input.c: every highlight under (x, y) */
GPtrArray *_gloss_document_view_all_highlights_at (GlossDocumentView *self,
                                                   double             x,
                                                   double             y);

G_END_DECLS
