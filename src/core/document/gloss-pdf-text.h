/* gloss-pdf-text.h: the text of a PDF page in reading order, with its boxes
 *
 * poppler gives a page's text line by line in its own order, right-to-left
 * runs reversed between bidi marks, and the glyph rectangles in yet another
 * order (the order of its words). This turns both into the text Gloss
 * stores: lines in reading order (column by column), each line's
 * characters in logical order (as typed, right-to-left runs included), no
 * bidi marks, and beside every character the box of the glyph it came
 * from. Line-end hyphens stay in the text, as they are on the page (search
 * and exports read past them, see gloss-hyphenation.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <poppler.h>

#include "gloss-page-source.h"

G_BEGIN_DECLS

/* What the text extraction of PDF pages is: a document whose stored text
 * came from an older one is extracted again when its project is opened
 * (gloss-project-reextract.c). Below 2: poppler_page_get_text as it is. */
#define GLOSS_PDF_TEXT_VERSION 2

typedef struct
{
  char         *text;       /* UTF-8, lines joined by '\n' */
  gint64        n_chars;
  GlossCharBox *boxes;      /* one per character of @text */
  gint64       *raw_index;  /* per character: its index in poppler's own text, or -1 */
  char         *raw_text;   /* poppler's own text of the page (what version 1 stored) */
  gint64        n_raw;
} GlossPdfPageText;

GlossPdfPageText *gloss_pdf_page_text_extract (PopplerPage      *page);
void              gloss_pdf_page_text_free    (GlossPdfPageText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPdfPageText, gloss_pdf_page_text_free)

/* The same from plain data, for the tests: @raw is poppler's text, @rects
 * its rectangles. */
GlossPdfPageText *gloss_pdf_page_text_build   (const char             *raw,
                                               const PopplerRectangle *rects,
                                               guint                   n_rects);

/* Page text as the first extraction stored it (poppler's, made valid). */
char             *gloss_pdf_page_raw_text     (PopplerPage      *page);

G_END_DECLS
