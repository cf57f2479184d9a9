/* gloss-window.h: the main window: documents, the document view, the inspector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-project.h"
#include "gloss-document-view.h"
#include "gloss-query.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_WINDOW (gloss_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossWindow, gloss_window, GLOSS, WINDOW, AdwApplicationWindow)

GlossWindow       *gloss_window_new                 (GtkApplication *application);
/* Opens the project at @path in this window (replacing the one shown). */
gboolean           gloss_window_open_project        (GlossWindow    *self,
                                                     const char     *path,
                                                     GError        **error);
void               gloss_window_set_project         (GlossWindow    *self,
                                                     GlossProject   *project);
GlossProject      *gloss_window_get_project         (GlossWindow    *self);
gboolean           gloss_window_open_document       (GlossWindow    *self,
                                                     gint64          document_id,
                                                     GError        **error);
gint64             gloss_window_get_document_id     (GlossWindow    *self);
GlossDocumentView *gloss_window_get_document_view   (GlossWindow    *self);
/* A new project: asks who is coding when it has no coder yet. */
void               gloss_window_ask_first_coder     (GlossWindow    *self);
gint64             gloss_window_get_active_coder    (GlossWindow    *self);
void               gloss_window_set_active_coder    (GlossWindow    *self,
                                                     gint64          coder_id);
gint64             gloss_window_get_selected_coding (GlossWindow    *self);
void               gloss_window_select_coding       (GlossWindow    *self,
                                                     gint64          coding_id);
void               gloss_window_show_toast          (GlossWindow    *self,
                                                     const char     *message);
/* Lists the codings @query finds in the excerpts pane, to be walked
 * through with the document view. */
void               gloss_window_show_query_excerpts (GlossWindow      *self,
                                                     const GlossQuery *query);

G_END_DECLS
