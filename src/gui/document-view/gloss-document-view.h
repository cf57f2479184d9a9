/* gloss-document-view.h: continuous pages of one document, with selection and highlights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-page-source.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_ZOOM_FREE,
  GLOSS_ZOOM_FIT_WIDTH,
  GLOSS_ZOOM_FIT_PAGE,
} GlossZoomMode;

/* One coding as the view draws it. */
typedef struct
{
  gint64   id;        /* the coding id, reported back on hover and click */
  gint64   start;     /* [start, end) in document characters */
  gint64   end;
  GdkRGBA  color;     /* the code's colour; the view makes the fill translucent */
  guint    lane;      /* margin lane (one per code, or per coder in review mode) */
  char    *tooltip;   /* "Code — Coder" */
  /* Optional, set by gloss_highlight_new_with_coder(): the parts of the
   * tooltip and the coder's colour, shown as swatches on hover. */
  char    *code_label;
  char    *coder_label;
  gboolean has_coder_color;
  GdkRGBA  coder_color;
  /* Drawn as an underline in its lane's place instead of a fill (review
   * mode: others' codings, so that fills do not mix into other colours). */
  gboolean underline;
} GlossHighlight;

GlossHighlight *gloss_highlight_new  (gint64         id,
                                      gint64         start,
                                      gint64         end,
                                      const GdkRGBA *color,
                                      guint          lane,
                                      const char    *tooltip);
/* The same, with the code and coder named apart and the coder's colour
 * (NULL: none), so the tooltip shows both colours. */
GlossHighlight *gloss_highlight_new_with_coder (gint64         id,
                                                gint64         start,
                                                gint64         end,
                                                const GdkRGBA *color,
                                                guint          lane,
                                                const char    *code_label,
                                                const char    *coder_label,
                                                const GdkRGBA *coder_color);
void            gloss_highlight_free (GlossHighlight *highlight);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossHighlight, gloss_highlight_free)

#define GLOSS_TYPE_DOCUMENT_VIEW (gloss_document_view_get_type ())

G_DECLARE_FINAL_TYPE (GlossDocumentView, gloss_document_view, GLOSS, DOCUMENT_VIEW, GtkWidget)

/* Names (and colours) of the margin's lanes, drawn down each lane at the
 * top of every page; NULL for none (lanes by code need no names). */
void            gloss_document_view_set_lane_labels (GlossDocumentView   *self,
                                                     const char * const  *labels,
                                                     const GdkRGBA       *colors);
/* Every highlight under widget point (x, y), in the text or in the margin
 * (not owned; free the array). */
GPtrArray      *gloss_document_view_highlights_at   (GlossDocumentView   *self,
                                                     double               x,
                                                     double               y);

GtkWidget       *gloss_document_view_new               (void);
void             gloss_document_view_set_source        (GlossDocumentView *self,
                                                        GlossPageSource   *source);
GlossPageSource *gloss_document_view_get_source        (GlossDocumentView *self);
/* Takes a GPtrArray of GlossHighlight (a reference is kept). */
void             gloss_document_view_set_highlights    (GlossDocumentView *self,
                                                        GPtrArray         *highlights);
void             gloss_document_view_set_active_highlight (GlossDocumentView *self,
                                                           gint64             id);
gint64           gloss_document_view_get_active_highlight (GlossDocumentView *self);
/* Search hits or other passages drawn as marks (a GPtrArray of GlossHighlight). */
void             gloss_document_view_set_marks         (GlossDocumentView *self,
                                                        GPtrArray         *marks);
gboolean         gloss_document_view_get_selection     (GlossDocumentView *self,
                                                        gint64            *start,
                                                        gint64            *end);
void             gloss_document_view_set_selection     (GlossDocumentView *self,
                                                        gint64             start,
                                                        gint64             end);
void             gloss_document_view_clear_selection   (GlossDocumentView *self);
/* The bottom right corner of the selection's last character on screen, in
 * widget coordinates (FALSE when it is off screen or nothing is selected). */
gboolean         gloss_document_view_get_selection_end_point (GlossDocumentView *self,
                                                              double            *x,
                                                              double            *y);
/* The selection's bounding box in widget coordinates (for a popover). */
gboolean         gloss_document_view_get_selection_rect (GlossDocumentView *self,
                                                         GdkRectangle      *rect);
void             gloss_document_view_scroll_to_offset  (GlossDocumentView *self,
                                                        gint64             offset,
                                                        gboolean           flash);
void             gloss_document_view_set_zoom          (GlossDocumentView *self,
                                                        double             zoom);
double           gloss_document_view_get_zoom          (GlossDocumentView *self);
void             gloss_document_view_set_zoom_mode     (GlossDocumentView *self,
                                                        GlossZoomMode      mode);
GlossZoomMode    gloss_document_view_get_zoom_mode     (GlossDocumentView *self);
guint            gloss_document_view_get_page          (GlossDocumentView *self);
void             gloss_document_view_set_page          (GlossDocumentView *self,
                                                        guint              page);
void             gloss_document_view_set_cache_size    (GlossDocumentView *self,
                                                        gsize              bytes);
/* Bytes the cached page images take now (for tests and benchmarks). */
gsize            gloss_document_view_get_cache_bytes   (GlossDocumentView *self);

/*
 * Properties: "source", "zoom", "zoom-mode", "page", "n-pages", "has-selection".
 * Signals:
 *   "selection-changed"   ()
 *   "highlight-activated" (gint64 id)        a click on a coding
 *   "context-menu"        (double x, double y) right-click, widget coordinates
 *   "first-page-shown"    ()                 the first rendered page reached the screen
 *   "coding-range-changed" (gint64 id, gint64 start, gint64 end)
 *                          an end of the active coding was dragged to [start, end)
 * Widget actions: view.zoom-in, view.zoom-out, view.zoom-reset, view.fit-width,
 *   view.fit-page, view.select-page, view.copy, view.next-page, view.previous-page.
 */

G_END_DECLS
