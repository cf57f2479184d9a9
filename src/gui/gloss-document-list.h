/* gloss-document-list.h: the documents sidebar: list, import, remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_LIST (gloss_document_list_get_type ())

G_DECLARE_FINAL_TYPE (GlossDocumentList, gloss_document_list, GLOSS, DOCUMENT_LIST, GtkWidget)

GtkWidget *gloss_document_list_new          (void);
void       gloss_document_list_set_project  (GlossDocumentList *self,
                                             GlossProject      *project);
/* Reads the documents again from the project. */
void       gloss_document_list_reload       (GlossDocumentList *self);
void       gloss_document_list_select       (GlossDocumentList *self,
                                             gint64             document_id);
/* Counts only @coder_id's codings (blind mode); 0 counts every coder's. */
void       gloss_document_list_set_coder_filter (GlossDocumentList *self,
                                                 gint64             coder_id);
guint      gloss_document_list_get_n_documents (GlossDocumentList *self);
/* Shows only the documents of a set (0: all documents). */
void       gloss_document_list_set_set_id   (GlossDocumentList *self,
                                             gint64             set_id);
gint64     gloss_document_list_get_set_id   (GlossDocumentList *self);
/* The GlossDocumentItems shown (after the set). */
GListModel *gloss_document_list_get_shown   (GlossDocumentList *self);
/* Opens a file chooser for PDFs and text files. */
void       gloss_document_list_choose_files (GlossDocumentList *self);
/* Imports @files (GFiles) in a worker thread, with progress, a toast for
 * each refused file and "import-finished" at the end. */
void       gloss_document_list_import_files (GlossDocumentList *self,
                                             GSList            *files);
/* The import itself: a second connection to the project file, in a thread. */
void       gloss_document_list_import_files_async  (GlossDocumentList   *self,
                                                    GSList              *files,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Returns the GlossImportResults, or NULL with @error set. */
GPtrArray *gloss_document_list_import_files_finish (GlossDocumentList   *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean   gloss_document_list_is_importing (GlossDocumentList *self);

/*
 * Actions:
 *   sidebar.edit-set   the dialog for the chosen set's name and rule
 *                      (disabled while all documents are shown)
 *
 * Signals:
 *   "document-activated" (gint64 document_id)
 *   "import-finished"    (GPtrArray *results)   GlossImportResults
 *   "toast"              (const char *message)
 */

G_END_DECLS
