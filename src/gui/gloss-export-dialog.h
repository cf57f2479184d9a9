/* gloss-export-dialog.h: choose a format and the codings, then export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-codebook-model.h"
#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_EXPORT_DIALOG (gloss_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, GLOSS, EXPORT_DIALOG, AdwWindow)

/* ::exported (format, path, n_codings) is emitted when the file is written;
 * n_codings is -1 for the REFI-QDA formats. The dialog closes itself then.
 * The code filter offers the codes of @model (the window's codebook). */
GlossExportDialog *gloss_export_dialog_new        (GtkWindow          *parent,
                                                   GlossProject       *project,
                                                   GlossCodebookModel *model);
/* "csv", "xlsx", "json", "html", "md", "qdpx", "qdc". */
gboolean           gloss_export_dialog_set_format (GlossExportDialog *self,
                                                   const char        *format);
const char        *gloss_export_dialog_get_format (GlossExportDialog *self);
/* Filters by id; 0 selects "All". FALSE if the id is not offered. */
gboolean           gloss_export_dialog_set_coder    (GlossExportDialog *self,
                                                     gint64             coder_id);
gboolean           gloss_export_dialog_set_code     (GlossExportDialog *self,
                                                     gint64             code_id);
gboolean           gloss_export_dialog_set_document (GlossExportDialog *self,
                                                     gint64             document_id);
/* Only the documents of a set (0: all). */
void               gloss_export_dialog_set_set      (GlossExportDialog *self,
                                                     gint64             set_id);
void               gloss_export_dialog_set_sheet_per_code (GlossExportDialog *self,
                                                           gboolean           sheet_per_code);
/* The codings the current choice exports (-1 for the REFI-QDA formats). */
gint64             gloss_export_dialog_count_codings (GlossExportDialog *self);
/* The warning shown for the chosen format (encrypted PDFs in a .qdpx), or NULL. */
const char        *gloss_export_dialog_get_warning   (GlossExportDialog *self);

G_END_DECLS
