/* gloss-load-scan.h: the codings of a load file read in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_LOAD_DOCUMENT_NONE,    /* absent or null */
  GLOSS_LOAD_DOCUMENT_ID,
  GLOSS_LOAD_DOCUMENT_TITLE,
  GLOSS_LOAD_DOCUMENT_OTHER,   /* present, neither a whole number nor text */
} GlossLoadDocumentKind;

/* The members of one coding of a load file that the load reads. A text
 * member is NULL when absent or null; @bad_text says one of them is
 * something else, @bad_number that start, end or occurrence is not a
 * whole number. */
typedef struct
{
  GlossLoadDocumentKind document_kind;
  gint64                document_id;
  const char           *document_title;
  const char           *coder, *code, *memo, *match;
  gboolean              bad_text;
  gint64                start, end, occurrence;
  gboolean              has_start, has_end, has_occurrence;
  gboolean              bad_number;
} GlossLoadCoding;

typedef struct
{
  GArray       *codings;     /* GlossLoadCoding, their texts in @strings */
  GStringChunk *strings;
  char         *rest;        /* the file's object without "codings", as JSON */
  gboolean      has_codings; /* the file has a "codings" list */
} GlossLoadScan;

/* Reads a load file in one pass, when it has the plain shape of one: an
 * object of members whose "codings" is a list of objects, the members
 * the load reads of them text, whole numbers or null, none twice. FALSE
 * for anything else (which the full JSON parser then reads and, when it is
 * wrong, explains). */
gboolean _gloss_load_scan       (const char    *json,
                                 gsize          length,
                                 GlossLoadScan *scan);
void     _gloss_load_scan_clear (GlossLoadScan *scan);

G_END_DECLS
