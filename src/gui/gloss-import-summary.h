/* gloss-import-summary.h: what an import of several files brought in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-core.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_IMPORT_SUMMARY (gloss_import_summary_get_type ())
G_DECLARE_FINAL_TYPE (GlossImportSummary, gloss_import_summary, GLOSS, IMPORT_SUMMARY, AdwMessageDialog)

/* A dialog over @parent listing each of @results (GlossImportResult): the
 * files imported, those already in the project, and those refused with
 * the reason. It stays until it is closed. */
GlossImportSummary *gloss_import_summary_new   (GtkWindow          *parent,
                                                GPtrArray          *results);
/* How many files of the import ended with @status. */
guint               gloss_import_summary_count (GlossImportSummary *self,
                                                GlossImportStatus   status);
/* The row texts, one per file: "name — what became of it". */
GStrv               gloss_import_summary_dup_lines (GlossImportSummary *self);

G_END_DECLS
