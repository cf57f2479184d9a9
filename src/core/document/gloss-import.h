/* gloss-import.h: reading a file into a document, before it is stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <poppler.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* poppler-glib 22.12 has no autoptr support of its own. */
#ifndef GLOSS_POPPLER_AUTOPTR
#define GLOSS_POPPLER_AUTOPTR
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
#endif

/* The largest file Gloss imports, and the most pages it accepts. */
#define GLOSS_IMPORT_MAX_BYTES  (G_GINT64_CONSTANT (512) * 1024 * 1024)
#define GLOSS_IMPORT_MAX_PAGES  100000

typedef struct _GlossImportedDocument
{
  GlossDocumentKind  kind;
  char              *guid;     /* NULL: the project gives a new one */
  char              *title;
  char              *filename;
  char              *password;
  GBytes            *bytes;
  char              *sha256;
  char              *text;     /* the document text */
  gint64             n_chars;
  GArray            *pages;    /* GlossPage */
} GlossImportedDocument;

void gloss_imported_document_free (GlossImportedDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportedDocument, gloss_imported_document_free)

/* Only the checksum, to find a duplicate before extracting anything. */
char                  *gloss_import_checksum   (GBytes       *bytes);
GBytes                *gloss_import_load_bytes (const char   *path,
                                                GError      **error);
/* Reads a PDF, .txt or .md file; the kind is told by the content and name. */
GlossImportedDocument *gloss_import_read       (const char   *path,
                                                GBytes       *bytes,
                                                const char   *password,
                                                GCancellable *cancellable,
                                                GError      **error);
GlossImportedDocument *gloss_import_read_text  (const char   *title,
                                                GBytes       *bytes,
                                                GError      **error);

/* An import's progress, shared by the thread that imports and the one that
 * shows it. */
GlossImportProgress   *gloss_import_progress_new   (void);
GlossImportProgress   *gloss_import_progress_ref   (GlossImportProgress *progress);
void                   gloss_import_progress_unref (GlossImportProgress *progress);
/* Files handled so far, of @total; @current: the file being read (a
 * display name, NULL when none). */
void                   gloss_import_progress_get   (GlossImportProgress *progress,
                                                    guint               *done,
                                                    guint               *total,
                                                    char               **current);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportProgress, gloss_import_progress_unref)
/* For the import loop. */
void                   _gloss_import_progress_start      (GlossImportProgress *progress,
                                                          guint                total);
void                   _gloss_import_progress_begin_file (GlossImportProgress *progress,
                                                          guint                done,
                                                          const char          *path);

/* The text of one PDF page as the project stores it (the document text is
 * these joined by U+000C). Use this, never poppler_page_get_text alone. */
char                  *gloss_import_pdf_page_text (PopplerPage *page);
/* The pages (GlossPage) a plain text of @n_chars characters is cut into. */
GArray                *gloss_import_paginate_text (const char  *text,
                                                   gint64       n_chars);

G_END_DECLS
