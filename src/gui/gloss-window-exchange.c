/* gloss-window-exchange.c: the window's team and exchange commands
 *
 * Coder copies, merging them back, exports, codebook import and the
 * matrices. The slow work runs in threads on connections of their own,
 * which emit no ::changed; the window reads the project again afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gloss-export-dialog.h"
#include "gloss-file-chooser.h"
#include "gloss-matrix-window.h"
#include "gloss-merge-dialog.h"
#include "gloss-name-dialog.h"
#include "gloss-project-exchange.h"
#include "gloss-warnings-dialog.h"
#include "gloss-window-private.h"
#include "gloss-toast.h"

void
_gloss_window_update_exchange_actions (GlossWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean writable = has_project && !gloss_project_get_read_only (self->project);

  _gloss_window_set_action_enabled (self, "merge-projects", writable);
  _gloss_window_set_action_enabled (self, "copy-for-coder", has_project);
  _gloss_window_set_action_enabled (self, "export", has_project);
  _gloss_window_set_action_enabled (self, "import-codebook", writable);
  _gloss_window_set_action_enabled (self, "matrices", has_project);
}

static void
show_toast_with_file (GlossWindow *self,
                      const char  *message,
                      const char  *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  gloss_toast_add (self->toast_overlay, message, GLOSS_TOAST_TIMEOUT, _("_Open"),
                   uri != NULL ? "win.show-file" : NULL,
                   uri != NULL ? g_variant_new_string (uri) : NULL);
}

static void
show_file_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

/* A file the user agreed to replace; the core writes only new files. */
static gboolean
remove_for_replacement (GlossWindow  *self,
                        const char   *path,
                        GError      **error)
{
  if (g_strcmp0 (path, gloss_project_get_path (self->project)) == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The open project cannot be replaced by its own copy"));
      return FALSE;
    }

  return gloss_project_remove_files (path, error);
}

/* Merge Coder Projects… */

static void
on_merge_finished (GlossMergeDialog *dialog,
                   guint             n_merged,
                   GlossWindow      *self)
{
  if (n_merged > 0)
    _gloss_window_refresh (self, GLOSS_CHANGE_ALL);
}

static void
on_merge_files_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);
  GlossMergeDialog *dialog;

  if (paths == NULL || self->project == NULL)
    return;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_strcmp0 (paths[i], gloss_project_get_path (self->project)) == 0)
        {
          gloss_window_show_toast (self, _("The open project cannot be merged into itself"));
          return;
        }
    }

  dialog = gloss_merge_dialog_new (GTK_WINDOW (self), self->project, (const char * const *) paths);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_merge_finished), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_projects_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = gloss_file_filter_new (_("Gloss projects"), "*.gloss", NULL);

  if (self->project == NULL)
    return;

  gloss_file_chooser_choose_async (GTK_WINDOW (self), GLOSS_FILE_CHOOSER_OPEN_MULTIPLE,
                                   _("Merge Coder Projects"), _("_Choose"), NULL, filter,
                                   on_merge_files_chosen, g_object_ref (self));
}

/* Copy for Coder… */

typedef struct
{
  GlossWindow *self;      /* a reference */
  char        *coder;
  gboolean     without_codings;
  char        *path;
} CopyRequest;

static void
copy_request_free (CopyRequest *request)
{
  g_object_unref (request->self);
  g_free (request->coder);
  g_free (request->path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CopyRequest, copy_request_free)

static void
on_copy_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CopyRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!gloss_project_copy_for_coder_finish (GLOSS_PROJECT (source), result, &error))
    {
      _gloss_window_show_error (request->self, error);
      return;
    }

  /* The coder may be new in the lead project too. */
  _gloss_window_refresh (request->self, GLOSS_CHANGE_CODERS);

  name = g_filename_display_basename (request->path);
  message = g_strdup_printf (_("Copy for %s saved as %s"), request->coder, name);
  gloss_window_show_toast (request->self, message);
}

static void
on_copy_file_chosen (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CopyRequest) request = user_data;
  GlossWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);
  const char *path, *coder;
  gboolean without_codings;

  if (paths == NULL || self->project == NULL)
    return;

  request->path = gloss_file_chooser_with_extension (paths[0], ".gloss");
  if (!remove_for_replacement (self, request->path, &error))
    {
      _gloss_window_show_error (self, error);
      return;
    }

  path = request->path;
  coder = request->coder;
  without_codings = request->without_codings;
  /* The request moves into the callback: read it before. */
  gloss_project_copy_for_coder_async (self->project, path, coder, without_codings,
                                      self->cancellable, on_copy_finished,
                                      g_steal_pointer (&request));
}

typedef struct
{
  GlossWindow *self;      /* a reference */
  GtkSwitch   *without;   /* a reference */
} CopyQuestion;

static void
on_copy_coder_chosen (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CopyQuestion *question = user_data;
  GlossWindow *self = question->self;
  g_autofree char *coder = gloss_name_dialog_choose_finish (GLOSS_NAME_DIALOG (source), result, NULL);
  g_autofree char *title = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  CopyRequest *request;

  if (coder != NULL && self->project != NULL)
    {
      title = gloss_project_dup_title (self->project);
      /* Translators: the file name of a coder's copy: project title, coder name */
      suggested = g_strdup_printf (_("%s – %s.gloss"), title != NULL ? title : "", coder);
      filter = gloss_file_filter_new (_("Gloss projects"), "*.gloss", NULL);

      request = g_new0 (CopyRequest, 1);
      request->self = g_object_ref (self);
      request->coder = g_steal_pointer (&coder);
      request->without_codings = gtk_switch_get_active (question->without);
      gloss_file_chooser_choose_async (GTK_WINDOW (self), GLOSS_FILE_CHOOSER_SAVE,
                                       _("Save Copy for Coder"), _("_Save"), suggested, filter,
                                       on_copy_file_chosen, request);
    }
  g_object_unref (question->self);
  g_object_unref (question->without);
  g_free (question);
}

/* The names of the coders there are, offered as the entry is typed in. */
static void
complete_coder_names (GlossWindow *self,
                      GtkEntry    *entry)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_autoptr(GtkListStore) names = gtk_list_store_new (1, G_TYPE_STRING);

  for (guint i = 0; self->coders != NULL && i < self->coders->len; i++)
    {
      const GlossCoder *coder = g_ptr_array_index (self->coders, i);
      gtk_list_store_insert_with_values (names, NULL, -1, 0, coder->name, -1);
    }

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (entry, completion);
  gtk_entry_set_placeholder_text (entry, _("Coder name"));
}

static GtkWidget *
without_codings_row (GtkWidget **switch_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Without codings"));
  GtkWidget *toggle = gtk_switch_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), toggle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), toggle);
  *switch_out = toggle;
  return box;
}

static void
copy_for_coder_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GlossWindow *self = user_data;
  GlossNameDialog *dialog;
  CopyQuestion *question;
  GtkWidget *toggle;

  if (self->project == NULL)
    return;

  /* A coder of the project, or a new one: any name will do. */
  dialog = gloss_name_dialog_new (GTK_WINDOW (self), _("Copy for Coder"),
                                  _("The copy holds the documents and the codebook, for one coder "
                                    "to code blind. Merge it back when they are done."),
                                  _("_Save Copy…"));
  complete_coder_names (self, gloss_name_dialog_get_entry (dialog));
  gloss_name_dialog_add_extra (dialog, without_codings_row (&toggle));
  gtk_widget_set_tooltip_text (toggle, _("Leave every coding out of the copy, so the coder starts afresh"));

  question = g_new0 (CopyQuestion, 1);
  question->self = g_object_ref (self);
  question->without = GTK_SWITCH (g_object_ref (toggle));
  gloss_name_dialog_choose_async (dialog, self->cancellable, on_copy_coder_chosen, question);
}

/* Export… */

static void
on_exported (GlossExportDialog *dialog,
             const char        *format,
             const char        *path,
             gint64             n_codings,
             GlossWindow       *self)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;

  if (g_strcmp0 (format, "qdpx") == 0)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

      gloss_qdpx_export_warnings (self->project, warnings, NULL);
      if (warnings->len > 0)
        /* Translators: the PDFs are still encrypted in the exported file */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Exported the project to %s: %u PDF in it asks for its password",
                                                "Exported the project to %s: %u PDFs in it ask for their password",
                                                warnings->len),
                                   name, warnings->len);
      else
        message = g_strdup_printf (_("Exported the project to %s"), name);
    }
  else if (g_strcmp0 (format, "qdc") == 0)
    message = g_strdup_printf (_("Exported the codebook to %s"), name);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported %" PRId64 " coding to %s",
                                            "Exported %" PRId64 " codings to %s",
                                            n_codings),
                               n_codings, name);

  show_toast_with_file (self, message, path);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  GlossWindow *self = user_data;
  GlossExportDialog *dialog;

  if (self->project == NULL)
    return;

  dialog = gloss_export_dialog_new (GTK_WINDOW (self), self->project, self->codebook_model);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import Codebook… */

static void
import_codebook (GlossWindow *self,
                 const char  *path)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 added;

  added = gloss_qdc_import (self->project, path, warnings, &error);
  if (added < 0)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could not import “%s”"), name);

      gloss_warnings_dialog_show (GTK_WINDOW (self), heading, error->message, NULL);
      return;
    }

  _gloss_window_refresh (self, GLOSS_CHANGE_CODES);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%" PRId64 " code added",
                                          "%" PRId64 " codes added", added),
                             added);
  if (warnings->len > 0)
    gloss_warnings_dialog_show (GTK_WINDOW (self), message,
                                _("Some parts of the codebook were not kept:"), warnings);
  else
    gloss_window_show_toast (self, message);
}

static void
on_codebook_chosen (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);

  if (paths != NULL && self->project != NULL)
    import_codebook (self, paths[0]);
}

static void
import_codebook_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = gloss_file_filter_new (_("REFI-QDA codebooks"), "*.qdc", NULL);

  if (self->project == NULL)
    return;

  gloss_file_chooser_choose_async (GTK_WINDOW (self), GLOSS_FILE_CHOOSER_OPEN,
                                   _("Import Codebook"), _("_Import"), NULL, filter,
                                   on_codebook_chosen, g_object_ref (self));
}

/* Code Matrices */

static void
matrices_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GlossWindow *self = user_data;
  GlossMatrixWindow *window;

  if (self->project == NULL)
    return;

  window = gloss_matrix_window_new (GTK_WINDOW (self), self->project);
  /* Codings made meanwhile show up in the table. */
  g_signal_connect_object (self->project, "changed", G_CALLBACK (gloss_matrix_window_reload),
                           window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry exchange_entries[] = {
  { "merge-projects", merge_projects_action },
  { "copy-for-coder", copy_for_coder_action },
  { "export", export_action },
  { "import-codebook", import_codebook_action },
  { "matrices", matrices_action },
  { "show-file", show_file_action, "s" },
};

void
_gloss_window_add_exchange_actions (GlossWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), exchange_entries,
                                   G_N_ELEMENTS (exchange_entries), self);
}
