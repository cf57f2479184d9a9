/* gloss-inspector.h: the selected coding: code, coder, quote, memo, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-codebook-model.h"
#include "gloss-memo-editor.h"
#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_INSPECTOR (gloss_inspector_get_type ())

G_DECLARE_FINAL_TYPE (GlossInspector, gloss_inspector, GLOSS, INSPECTOR, GtkWidget)

GtkWidget *gloss_inspector_new        (void);
/* Shows @coding_id of @project (0: nothing selected). */
void       gloss_inspector_show_coding (GlossInspector *self,
                                        GlossProject   *project,
                                        gint64          coding_id);
gint64     gloss_inspector_get_coding  (GlossInspector *self);
/* Property "model": the codes the "change code" popover offers, with counts. */
void       gloss_inspector_set_model   (GlossInspector     *self,
                                        GlossCodebookModel *model);
GlossCodebookModel *gloss_inspector_get_model (GlossInspector *self);
/* With no coding selected the inspector shows the memo of @document_id and,
 * when @code_id > 0, that code's description and memo (0: none). */
void       gloss_inspector_set_context (GlossInspector *self,
                                        gint64          document_id,
                                        gint64          code_id);
/* The editor of the "document" or "code" memo shown with no coding selected. */
GlossMemoEditor *gloss_inspector_get_memo_editor (GlossInspector *self,
                                                  const char     *kind);
/* The attributes (and cases) of the document, shown with its memo: a
 * GlossAttributeSheet. */
GtkWidget *gloss_inspector_get_attribute_sheet (GlossInspector *self);
/* Saves a memo being edited now (otherwise saved on focus-out or a pause). */
void       gloss_inspector_flush_memo  (GlossInspector *self);

/* "Created 27 Nov 2026, 14:03" etc.; @usec is unix time in microseconds. */
char      *gloss_inspector_format_time (gint64          usec);

G_END_DECLS
