/* gloss-text-pages.h: how a plain-text document is cut into pages
 *
 * A plain-text document is shown as pages of monospaced text. The cut is
 * made once, at import, and stored as the document's pages; the page
 * renderer lays out the same visual lines, so offsets always agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLOSS_TEXT_COLUMNS         80     /* code points per visual line at most */
#define GLOSS_TEXT_LINES_PER_PAGE  56
#define GLOSS_TEXT_PAGE_WIDTH      595.0  /* A4, PDF points */
#define GLOSS_TEXT_PAGE_HEIGHT     842.0
#define GLOSS_TEXT_MARGIN          56.0
#define GLOSS_TEXT_LINE_HEIGHT     13.0
#define GLOSS_TEXT_FONT            "Monospace 9"

typedef struct
{
  gint64 start;   /* first code point of the line in the text */
  gint64 length;  /* code points shown on the line, its newline excluded */
} GlossTextLine;

/* Visual lines of @text: a hard line break ends a line; a longer line wraps
 * after the last space within GLOSS_TEXT_COLUMNS, or is cut there. */
GArray *gloss_text_wrap_lines (const char *text);

/* The same lines one by one, without keeping them. */
typedef void (*GlossTextLineFunc) (gint64   start,
                                   gint64   length,
                                   gpointer user_data);
void    gloss_text_foreach_line (const char        *text,
                                 GlossTextLineFunc  func,
                                 gpointer           user_data);

/* Page i holds visual lines [i * LINES_PER_PAGE, (i + 1) * LINES_PER_PAGE). */
guint   gloss_text_count_pages (GArray *lines);

G_END_DECLS
