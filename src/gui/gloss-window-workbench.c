/* gloss-window-workbench.c: the window's parts that keep out of a coder's
 * way: the Find bar's close button, the empty state of a project without
 * documents, the summary of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-import-summary.h"
#include "gloss-window-private.h"

/* Find: however the bar is closed (its close button, Escape, Ctrl+F
 * again), the hits' marks go with it. */
static void
on_search_mode_changed (GlossWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    _gloss_window_clear_search (self);
}

/* The document area without a document: a project that has none yet says
 * how to bring them in; one that has them says to choose one. */
static void
update_empty_state (GlossWindow *self)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->view_stack, "empty");
  gboolean has_documents;

  if (!ADW_IS_STATUS_PAGE (child))
    return;

  has_documents = self->project != NULL && gloss_document_list_get_n_documents (self->document_list) > 0;
  if (has_documents)
    {
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (child), "x-office-document-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (child), _("No Document Open"));
      adw_status_page_set_description (ADW_STATUS_PAGE (child),
                                       _("Choose a document in the list, or import PDF files and text transcripts."));
    }
  else
    {
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (child), "folder-documents-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (child), _("No Documents Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (child),
                                       _("Import PDF files and text transcripts to code them, or drop them on the window."));
    }
}

static void
on_workbench_project_changed (GlossProject *project,
                              guint         changes,
                              GlossWindow  *self)
{
  if (!(changes & GLOSS_CHANGE_DOCUMENTS))
    return;
  /* The open document may have been removed: no "1 of 0" then. */
  gtk_widget_set_visible (self->view_controls, self->document_id > 0);
  update_empty_state (self);
}

static void
on_workbench_project_notify (GlossWindow *self)
{
  if (self->workbench_project != NULL)
    g_clear_signal_handler (&self->workbench_changed_id, self->workbench_project);
  g_set_object (&self->workbench_project, self->project);
  if (self->project != NULL)
    /* After the window's own handler, which closes a removed document. */
    self->workbench_changed_id = g_signal_connect_after (self->project, "changed",
                                                         G_CALLBACK (on_workbench_project_changed), self);
  update_empty_state (self);
}

/* An import of several files ends with one summary that stays until it is
 * read (one file says what became of it in a toast). */
static void
on_import_finished (GlossWindow *self,
                    GPtrArray   *results)
{
  if (results != NULL && results->len > 1)
    gtk_window_present (GTK_WINDOW (gloss_import_summary_new (GTK_WINDOW (self), results)));
}

void
_gloss_window_setup_workbench (GlossWindow *self)
{
  /* The application's icons, also for a window without the application. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                    "/io/github/glossqda/Gloss/icons");

  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::project", G_CALLBACK (on_workbench_project_notify), NULL);
  g_signal_connect_object (self->document_list, "import-finished",
                           G_CALLBACK (on_import_finished), self, G_CONNECT_SWAPPED);
  update_empty_state (self);
}

void
_gloss_window_dispose_workbench (GlossWindow *self)
{
  _gloss_window_close_coder_dialogs (self);
  if (self->workbench_project != NULL)
    g_clear_signal_handler (&self->workbench_changed_id, self->workbench_project);
  g_clear_object (&self->workbench_project);
}
