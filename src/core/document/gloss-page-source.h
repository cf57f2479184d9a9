/* gloss-page-source.h: the pages of one document, to draw and to select in
 *
 * A page source gives what a viewer needs of a project document without
 * knowing whether it is a PDF or plain text: page sizes (known at once),
 * page images (rendered on demand) and each page's character boxes (loaded
 * on demand, cached). Every call is safe from any thread; poppler itself
 * is used by one thread at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_PAGE_SOURCE (gloss_page_source_get_type ())

G_DECLARE_FINAL_TYPE (GlossPageSource, gloss_page_source, GLOSS, PAGE_SOURCE, GObject)

/* The box of one character of the page text, in PDF points, top-left
 * origin. Characters that poppler draws nothing for (bidi marks, the line
 * breaks it adds) have has_box FALSE and a zero-size box at the line end. */
typedef struct
{
  double   x1, y1, x2, y2;
  gboolean has_box;
} GlossCharBox;

typedef struct
{
  guint         page;
  gint64        start;     /* first character of the page in the document text */
  gint64        n_chars;   /* boxes[0 .. n_chars) */
  GlossCharBox *boxes;
  char         *text;      /* the page text, UTF-8 */
} GlossPageLayout;

GlossPageLayout *gloss_page_layout_ref   (GlossPageLayout *layout);
void             gloss_page_layout_unref (GlossPageLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPageLayout, gloss_page_layout_unref)

GlossPageSource *gloss_page_source_new         (GlossProject     *project,
                                                gint64            document_id,
                                                GError          **error);
gint64           gloss_page_source_get_document_id (GlossPageSource *self);
GlossDocumentKind gloss_page_source_get_kind   (GlossPageSource  *self);
guint            gloss_page_source_get_n_pages (GlossPageSource  *self);
void             gloss_page_source_get_page_size (GlossPageSource *self,
                                                  guint            page,
                                                  double          *width,
                                                  double          *height);
/* First character of @page in the document text, and its length. */
gint64           gloss_page_source_get_page_start  (GlossPageSource *self,
                                                    guint            page);
gint64           gloss_page_source_get_page_length (GlossPageSource *self,
                                                    guint            page);
/* The page holding character @offset. */
guint            gloss_page_source_page_for_offset (GlossPageSource *self,
                                                    gint64           offset);
/* A new ARGB32 image of @page at @scale pixels per point (white page). */
cairo_surface_t *gloss_page_source_render      (GlossPageSource  *self,
                                                guint             page,
                                                double            scale,
                                                GCancellable     *cancellable,
                                                GError          **error);
GlossPageLayout *gloss_page_source_get_layout  (GlossPageSource  *self,
                                                guint             page,
                                                GError          **error);
/* The layout of @page if it is cached already (never blocks), or NULL. */
GlossPageLayout *gloss_page_source_peek_layout (GlossPageSource  *self,
                                                guint             page);
/* Characters [start, end) of the document text. */
char            *gloss_page_source_dup_text    (GlossPageSource  *self,
                                                gint64            start,
                                                gint64            end);

G_END_DECLS
