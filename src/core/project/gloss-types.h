/* gloss-types.h: the plain records the project hands out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_DOCUMENT_PDF,
  GLOSS_DOCUMENT_TEXT,
} GlossDocumentKind;

const char        *gloss_document_kind_to_string   (GlossDocumentKind kind);
gboolean           gloss_document_kind_from_string (const char        *str,
                                                    GlossDocumentKind *kind);

/* One document of the project; the bytes and the text are fetched apart. */
typedef struct
{
  gint64             id;
  char              *guid;
  char              *title;
  char              *filename;
  GlossDocumentKind  kind;
  char              *sha256;
  gint64             size;      /* bytes of the source file */
  guint              n_pages;
  gint64             n_chars;   /* length of the document text in code points */
  gint64             n_codings; /* filled by list queries */
  gint64             created;   /* unix time in microseconds */
} GlossDocumentInfo;

/* One page: its place in the document text and its size in PDF points. */
typedef struct
{
  guint   index;
  gint64  start;   /* first character of the page in the document text */
  gint64  length;  /* characters of the page text (the form feed excluded) */
  double  width;
  double  height;
} GlossPage;

typedef struct
{
  gint64  id;
  char   *guid;
  gint64  parent_id;    /* 0 for a top-level code */
  char   *name;
  char   *color;        /* "#rrggbb" */
  char   *description;
  int     position;     /* order among siblings */
  guint   depth;        /* 0 for top level; filled by list queries */
  char   *path;         /* "Parent/Child"; filled by list queries */
  gint64  n_codings;    /* filled by list queries */
  gboolean codable;     /* FALSE for a code that is only a heading (REFI-QDA isCodable) */
} GlossCode;

typedef struct
{
  gint64  id;
  char   *guid;
  char   *name;
  char   *color;
  gint64  n_codings;    /* filled by list queries */
} GlossCoder;

typedef struct
{
  gint64  id;
  char   *guid;
  gint64  document_id;
  gint64  coder_id;
  gint64  code_id;
  gint64  start;        /* [start, end) in code points of the document text */
  gint64  end;
  char   *quote;        /* the text of [start, end) */
  char   *prefix;       /* a little text before, for re-anchoring */
  char   *suffix;       /* a little text after */
  char   *memo;
  gint64  created;      /* unix time in microseconds */
  gint64  modified;
} GlossCoding;

typedef struct
{
  gint64  id;
  char   *guid;
  char   *target_kind;  /* "project", "document", "code", "coding" */
  gint64  target_id;
  char   *text;
  gint64  modified;
} GlossMemo;

typedef struct
{
  gint64  document_id;
  gint64  start;
  gint64  end;
  guint   page;         /* 0-based page of start */
} GlossSearchHit;

typedef enum
{
  GLOSS_IMPORT_IMPORTED,
  GLOSS_IMPORT_DUPLICATE,
  GLOSS_IMPORT_REFUSED,
} GlossImportStatus;

typedef struct
{
  char              *path;
  GlossImportStatus  status;
  gint64             document_id;  /* the new document, or the existing duplicate */
  char              *message;      /* why it was refused, or what it duplicates */
  int                error_code;   /* GLOSS_ERROR code why it was refused, or 0 */
} GlossImportResult;

/* How far an import running in another thread has come (gloss-import.h). */
typedef struct _GlossImportProgress GlossImportProgress;

/* Filter for coding queries: 0 means any. */
typedef struct
{
  gint64  document_id;
  gint64  coder_id;
  gint64  code_id;
  GArray *document_ids;   /* gint64: only these documents; NULL: any (not owned) */
} GlossCodingFilter;

/* What a coding listing reads besides id, document, coder, code, start
 * and end (always there): each column costs only when asked for. */
typedef enum
{
  GLOSS_CODING_COLUMNS_SPAN    = 0,
  GLOSS_CODING_COLUMNS_GUID    = 1 << 0,
  GLOSS_CODING_COLUMNS_QUOTE   = 1 << 1,
  GLOSS_CODING_COLUMNS_CONTEXT = 1 << 2,   /* prefix and suffix */
  GLOSS_CODING_COLUMNS_MEMO    = 1 << 3,
  GLOSS_CODING_COLUMNS_DATES   = 1 << 4,
  GLOSS_CODING_COLUMNS_ALL     = 0x1f,
} GlossCodingColumns;

/* Called for each coding of a listing; its strings (NULL unless asked
 * for, or when empty in the file) live until the call returns. FALSE stops. */
typedef gboolean (*GlossCodingFunc) (const GlossCoding *coding,
                                     gpointer           user_data);

void gloss_document_info_free (GlossDocumentInfo *info);
void gloss_page_free          (GlossPage         *page);
void gloss_code_free          (GlossCode         *code);
void gloss_coder_free         (GlossCoder        *coder);
void gloss_coding_free        (GlossCoding       *coding);
void gloss_memo_free          (GlossMemo         *memo);
void gloss_search_hit_free    (GlossSearchHit    *hit);
void gloss_import_result_free (GlossImportResult *result);

GlossCoding *gloss_coding_copy (const GlossCoding *coding);
GlossCode   *gloss_code_copy   (const GlossCode   *code);
GlossCoder  *gloss_coder_copy  (const GlossCoder  *coder);

gboolean gloss_color_is_valid (const char *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossDocumentInfo, gloss_document_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPage, gloss_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCode, gloss_code_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCoder, gloss_coder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCoding, gloss_coding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossMemo, gloss_memo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSearchHit, gloss_search_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportResult, gloss_import_result_free)

G_END_DECLS
