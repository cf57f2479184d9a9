/* gloss-import-preview.h: what a .qdpx will bring, before it is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-project-exchange.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_IMPORT_PREVIEW (gloss_import_preview_get_type ())

G_DECLARE_FINAL_TYPE (GlossImportPreview, gloss_import_preview, GLOSS, IMPORT_PREVIEW, AdwWindow)

/* Shows the counts of @pending (taken) and what was skipped and why.
 * preview.import commits it and emits ::imported (the project's path);
 * preview.cancel, or closing the window, discards it: nothing is made. */
GlossImportPreview *gloss_import_preview_new (GtkWindow        *parent,
                                              const char       *qdpx_name,
                                              GlossQdpxPending *pending);
/* What it shows; NULL once committed. */
const GlossQdpxCounts *gloss_import_preview_get_counts (GlossImportPreview *self);

G_END_DECLS
