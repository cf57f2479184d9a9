/* gloss-application-exchange.c: a new project from a REFI-QDA project
 *
 * Choose the .qdpx, then where the new project goes; the import is read
 * in a thread into a hidden file, all or nothing, and shown (what comes
 * in, what was left out and why) before anything is made: Import puts the
 * project in place and opens it, Cancel removes the hidden file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gloss-application-private.h"
#include "gloss-file-chooser.h"
#include "gloss-import-preview.h"
#include "gloss-project-exchange.h"
#include "gloss-warnings-dialog.h"
#include "gloss-window.h"
#include "gloss-toast.h"

typedef struct
{
  GlossApplication *app;     /* a reference */
  AdwToast         *toast;   /* "Importing…", a reference */
  char             *qdpx_path;
  char             *project_path;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  if (request->toast != NULL)
    adw_toast_dismiss (request->toast);
  g_clear_object (&request->toast);
  g_object_unref (request->app);
  g_free (request->qdpx_path);
  g_free (request->project_path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportRequest, import_request_free)

static GtkWindow *
parent_window (GlossApplication *app)
{
  return gtk_application_get_active_window (GTK_APPLICATION (app));
}

/* Shown in the active window's overlay until the import ends. */
static AdwToast *
show_progress_toast (GlossApplication *app,
                     const char       *message)
{
  GtkWindow *parent = parent_window (app);
  AdwToastOverlay *overlay = parent != NULL ? gloss_toast_overlay_for (GTK_WIDGET (parent)) : NULL;

  if (overlay == NULL)
    return NULL;
  return g_object_ref (gloss_toast_add (overlay, message, 0, NULL, NULL, NULL));
}

static void
show_failure (GlossApplication *app,
              const char       *qdpx_path,
              const char       *reason)
{
  g_autofree char *name = g_filename_display_basename (qdpx_path);
  g_autofree char *heading = g_strdup_printf (_("Could not import “%s”"), name);

  gloss_warnings_dialog_show (parent_window (app), heading, reason, NULL);
}

static gboolean
is_open (GlossApplication *app,
         const char       *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      GlossProject *project;

      if (!GLOSS_IS_WINDOW (l->data))
        continue;
      project = gloss_window_get_project (l->data);
      if (project != NULL && g_strcmp0 (gloss_project_get_path (project), path) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The save dialog asked before replacing; the import writes new files only. */
static gboolean
make_room (GlossApplication  *app,
           const char        *path,
           GError           **error)
{
  if (is_open (app, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The project “%s” is open; choose another name"), path);
      return FALSE;
    }

  return gloss_project_remove_files (path, error);
}

static void
on_preview_imported (GlossImportPreview *preview,
                     const char         *path,
                     GlossApplication   *app)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gloss_application_open_project (app, file);
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ImportRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  GlossQdpxPending *pending = gloss_qdpx_import_prepare_finish (result, &error);
  g_autofree char *name = NULL;
  GlossImportPreview *preview;

  if (pending == NULL)
    {
      show_failure (request->app, request->qdpx_path, error->message);
      return;
    }

  name = g_filename_display_basename (request->qdpx_path);
  preview = gloss_import_preview_new (parent_window (request->app), name, pending);
  g_signal_connect_object (preview, "imported", G_CALLBACK (on_preview_imported), request->app, 0);
  gtk_window_present (GTK_WINDOW (preview));
}

static void
on_target_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ImportRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const char *qdpx_path, *project_path;

  if (paths == NULL)
    return;

  request->project_path = gloss_file_chooser_with_extension (paths[0], ".gloss");
  if (!make_room (request->app, request->project_path, &error))
    {
      show_failure (request->app, request->qdpx_path, error->message);
      return;
    }

  name = g_filename_display_basename (request->qdpx_path);
  message = g_strdup_printf (_("Importing %s…"), name);
  request->toast = show_progress_toast (request->app, message);

  qdpx_path = request->qdpx_path;
  project_path = request->project_path;
  gloss_qdpx_import_prepare_async (qdpx_path, project_path, NULL, on_prepared, g_steal_pointer (&request));
}

static char *
suggested_project_name (const char *qdpx_path)
{
  g_autofree char *base = g_path_get_basename (qdpx_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_strconcat (base, ".gloss", NULL);
}

static void
on_qdpx_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ImportRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *suggested = NULL;
  GtkWindow *parent;

  if (paths == NULL)
    return;

  request->qdpx_path = g_strdup (paths[0]);
  suggested = suggested_project_name (request->qdpx_path);
  filter = gloss_file_filter_new (_("Gloss projects"), "*.gloss", NULL);
  parent = parent_window (request->app);
  gloss_file_chooser_choose_async (parent, GLOSS_FILE_CHOOSER_SAVE,
                                   _("Save the Imported Project"), _("_Save"), suggested, filter,
                                   on_target_chosen, g_steal_pointer (&request));
}

static void
import_qdpx_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GlossApplication *app = user_data;
  g_autoptr(GtkFileFilter) filter = gloss_file_filter_new (_("REFI-QDA projects"), "*.qdpx", NULL);
  ImportRequest *request = g_new0 (ImportRequest, 1);

  request->app = g_object_ref (app);
  gloss_file_chooser_choose_async (parent_window (app), GLOSS_FILE_CHOOSER_OPEN,
                                   _("Import REFI-QDA Project"), _("_Import"), NULL, filter,
                                   on_qdpx_chosen, request);
}

static const GActionEntry exchange_entries[] = {
  { "import-qdpx", import_qdpx_action },
};

void
_gloss_application_add_exchange_actions (GlossApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), exchange_entries,
                                   G_N_ELEMENTS (exchange_entries), self);
}
