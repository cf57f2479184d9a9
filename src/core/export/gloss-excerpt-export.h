/* gloss-excerpt-export.h: coded excerpts as CSV, XLSX, JSON, HTML, Markdown
 *
 * One record per coding: document, page(s), coder, code path, start, end,
 * text, memo, created, modified.
 * - csv:  RFC 4180, UTF-8 without BOM, CRLF between records, every field
 *         quoted when it holds a comma, quote, CR or LF.
 * - xlsx: one sheet "Codings" (and with sheet_per_code one sheet per code).
 * - json: a W3C Web Annotation collection; each coding an Annotation
 *         (motivation "classifying") whose body names the code path (and a
 *         second body the memo) and whose target has a TextPositionSelector
 *         and a TextQuoteSelector on the document text; "pages" is ours.
 * - html: one self-contained page grouped by code, in the code colours,
 *         every text escaped, no script allowed (Content-Security-Policy).
 * - md:   Markdown grouped by code; quotes as block quotes, HTML escaped.
 * Pages are 1-based ("3" or "3-4"); times are ISO 8601 UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-project.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_EXCERPT_CSV,
  GLOSS_EXCERPT_XLSX,
  GLOSS_EXCERPT_JSON,
  GLOSS_EXCERPT_HTML,
  GLOSS_EXCERPT_MARKDOWN,
} GlossExcerptFormat;

typedef struct
{
  gint64   document_id;     /* 0: all */
  gint64   coder_id;        /* 0: all */
  gint64   code_id;         /* 0: all; otherwise the code and the codes below it */
  gboolean sheet_per_code;  /* xlsx only */
  GArray  *document_ids;    /* gint64: only these documents (a set, a condition); NULL: all */
  GArray  *coding_ids;      /* gint64: only these codings (a query's hits); NULL: all */
  gboolean keep_line_hyphens; /* quote "adip-\niscing" as stored (default: "adipiscing") */
} GlossExcerptOptions;

/* "csv", "xlsx", "json", "html", "md" (or "markdown"). */
gboolean gloss_excerpt_format_from_string (const char          *name,
                                           GlossExcerptFormat  *format);

/* Writes the excerpts to @out_path (replaced atomically); returns the
 * number of codings written, -1 on error. */
gint64   gloss_excerpt_export (GlossProject              *project,
                               GlossExcerptFormat         format,
                               const GlossExcerptOptions *options,
                               const char                *out_path,
                               GError                   **error);

G_END_DECLS
