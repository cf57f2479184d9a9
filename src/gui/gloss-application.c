/* gloss-application.c: the application, its actions and its windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gloss-application.h"
#include "gloss-application-private.h"
#include "gloss-core.h"
#include "gloss-file-chooser.h"
#include "gloss-preferences-window.h"
#include "gloss-refused-dialog.h"
#include "gloss-window.h"

#define MAX_RECENT_PROJECTS 8

struct _GlossApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

GlossApplication *
gloss_application_new (void)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/glossqda/Gloss",
                       NULL);
}

GSettings *
gloss_application_get_settings (GlossApplication *self)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);

  return self->settings;
}

char *
gloss_application_dup_sample_path (void)
{
  const char *env = g_getenv ("GLOSS_SAMPLE_PROJECT");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (PKGDATADIR, "sample.gloss", NULL);
}

char *
gloss_application_install_sample (GError **error)
{
  g_autofree char *source_path = gloss_application_dup_sample_path ();
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "gloss", NULL);
  /* Translators: the file name of the copy of the sample project */
  g_autofree char *basename = g_strdup_printf ("%s.gloss", _("Sample project"));
  g_autofree char *target_path = g_build_filename (dir, basename, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);

  if (g_file_test (target_path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&target_path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&target_path);
}

void
gloss_application_add_recent (GlossApplication *self,
                              const char       *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_return_if_fail (GLOSS_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  old = g_settings_get_strv (self->settings, "recent-projects");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  recent = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) recent);
  g_settings_set_string (self->settings, "last-project", path);
}

/* An open window without a project, to reuse; else a new window. */
static GlossWindow *
find_empty_window (GlossApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (GLOSS_IS_WINDOW (l->data) && gloss_window_get_project (l->data) == NULL)
        return l->data;
    }

  return NULL;
}

/* The window that already shows @path, if any. */
static GlossWindow *
find_window_for_path (GlossApplication *self,
                      const char       *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GlossProject *project;

      if (!GLOSS_IS_WINDOW (l->data))
        continue;
      project = gloss_window_get_project (l->data);
      if (project != NULL && g_strcmp0 (gloss_project_get_path (project), path) == 0)
        return l->data;
    }

  return NULL;
}

void
gloss_application_open_project (GlossApplication *self,
                                GFile            *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  GlossWindow *window;

  g_return_if_fail (GLOSS_IS_APPLICATION (self));

  if (path == NULL)
    return;

  window = find_window_for_path (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = find_empty_window (self);
  if (window == NULL)
    window = gloss_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));

  if (gloss_window_open_project (window, path, &error))
    return;

  /* Its rows or its schema: offer to read it or to repair a copy. */
  if (gloss_refused_dialog_applies (error))
    {
      GlossRefusedDialog *dialog = gloss_refused_dialog_new (window, path, error);

      if (gloss_refused_dialog_can_read (dialog) || gloss_refused_dialog_can_repair (dialog))
        {
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  message = g_strdup_printf (_("Could not open “%s”: %s"), path, error->message);
  gloss_window_show_toast (window, message);
}

static gboolean
open_first_run_sample (GlossApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (!g_settings_get_boolean (self->settings, "first-run"))
    return FALSE;
  g_settings_set_boolean (self->settings, "first-run", FALSE);

  path = gloss_application_install_sample (&error);
  if (path == NULL)
    {
      g_warning ("The sample project could not be installed: %s", error->message);
      return FALSE;
    }

  file = g_file_new_for_path (path);
  gloss_application_open_project (self, file);
  return TRUE;
}

static void
gloss_application_activate (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);
  g_autofree char *last = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (open_first_run_sample (self))
    return;

  last = g_settings_get_string (self->settings, "last-project");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (last);
      gloss_application_open_project (self, file);
      return;
    }

  gtk_window_present (GTK_WINDOW (gloss_window_new (GTK_APPLICATION (app))));
}

static void
gloss_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    gloss_application_open_project (GLOSS_APPLICATION (app), files[i]);
}

/* Actions */

static GtkWindow *
get_parent_window (GlossApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static GtkFileFilter *
project_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Gloss projects"));
  gtk_file_filter_add_pattern (filter, "*.gloss");
  return filter;
}

static void
on_open_response (GtkNativeDialog  *dialog,
                  int               response,
                  GlossApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      gloss_application_open_project (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_project_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  GlossApplication *self = user_data;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = project_file_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Project"), get_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  gloss_application_open_project (user_data, file);
}

static gboolean
create_project_file (const char  *path,
                     GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *title = NULL;
  g_autoptr(GlossProject) project = NULL;

  if (g_str_has_suffix (basename, ".gloss"))
    basename[strlen (basename) - strlen (".gloss")] = '\0';
  title = g_strdup (basename);

  project = gloss_project_create (path, title, error);
  if (project == NULL)
    return FALSE;

  gloss_project_close (project);
  return TRUE;
}

/* Where a new project may go: never over a project open in a window (its
 * connection would go on writing into a file that no longer exists), never
 * over a file the user was not asked about (the chooser asked about the
 * name as typed, not with ".gloss" added), never as a hidden file. */
static gboolean
check_new_project_path (GlossApplication  *self,
                        const char        *chosen,
                        const char        *path,
                        GError           **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  if (name[0] == '.')
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” would be a hidden file: give the project a name"), name);
      return FALSE;
    }

  if (find_window_for_path (self, path) != NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS,
                   _("“%s” is open in Gloss: choose another name, or close it first"), name);
      return FALSE;
    }

  if (g_strcmp0 (chosen, path) != 0 && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS,
                   _("“%s” exists already: choose another name"), name);
      return FALSE;
    }

  return TRUE;
}

static void
show_new_project_error (GlossApplication *self,
                        const GError     *error)
{
  GtkWindow *parent = get_parent_window (self);
  g_autofree char *message = g_strdup_printf (_("Could not create the project: %s"), error->message);

  if (GLOSS_IS_WINDOW (parent))
    gloss_window_show_toast (GLOSS_WINDOW (parent), message);
  else
    g_message ("%s", message);
}

gboolean
_gloss_application_new_project_at (GlossApplication  *self,
                                   const char        *chosen,
                                   GError           **error)
{
  g_autofree char *path = gloss_file_chooser_with_extension (chosen, ".gloss");
  g_autoptr(GFile) file = NULL;
  GlossWindow *window;

  if (!check_new_project_path (self, chosen, path, error) ||
      !gloss_project_remove_files (path, error) ||
      !create_project_file (path, error))
    return FALSE;

  file = g_file_new_for_path (path);
  gloss_application_open_project (self, file);
  /* Made to code in: who is coding is asked at once. */
  if ((window = find_window_for_path (self, path)) != NULL)
    gloss_window_ask_first_coder (window);
  return TRUE;
}

static void
on_new_chosen (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GlossApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = gloss_file_chooser_choose_finish (result, &error);

  if (paths == NULL || paths[0] == NULL)
    return;

  if (!_gloss_application_new_project_at (self, paths[0], &error))
    show_new_project_error (self, error);
}

static void
new_project_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GlossApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = project_file_filter ();

  gloss_file_chooser_choose_async (get_parent_window (self), GLOSS_FILE_CHOOSER_SAVE, _("New Project"),
                                   _("_Create"),
                                   /* Translators: the proposed file name of a new project */
                                   _("New project.gloss"),
                                   filter, on_new_chosen, g_object_ref (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_autoptr(GList) windows = NULL;

  /* Closing the windows lets each one save its state and a memo being edited. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GlossApplication *self = user_data;
  static const char *developers[] = { "The Gloss developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_parent_window (self),
                        "modal", TRUE,
                        "application-name", _("Gloss"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Gloss developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/glossqda/gloss",
                        "issue-url", "https://github.com/glossqda/gloss/issues",
                        "comments", _("Qualitative coding of documents: select passages, "
                                      "assign codes, compare coders and export excerpts."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GlossApplication *self = user_data;
  GtkWidget *prefs = gloss_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), get_parent_window (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GlossApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/glossqda/Gloss/gloss-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, get_parent_window (self));
  gtk_window_present (shortcuts);
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GlossApplication *self = user_data;

  /* The user guide is installed under the application id (help/meson.build). */
  gtk_show_uri (get_parent_window (self), "help:" APPLICATION_ID, GDK_CURRENT_TIME);
}

static const GActionEntry app_entries[] = {
  { "new-project", new_project_action },
  { "open-project", open_project_action },
  { "open-recent", open_recent_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "help", help_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.new-project", { "<Control>n", NULL } },
  { "app.open-project", { "<Control>o", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "app.help", { "F1", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.code-selection", { "<Control>e", NULL } },
  { "win.apply-last-code", { "<Control>r", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", NULL } },
  { "win.toggle-inspector", { "F9", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.find-memos", { "<Control><Shift>f", NULL } },
  { "win.agreement", { "<Control><Shift>a", NULL } },
  { "win.export", { "<Control><Shift>e", NULL } },
  { "win.close", { "<Control>w", NULL } },
};

/* What a killed Gloss left beside the recent projects, before any project
 * is opened (see gloss_remove_stale_files()). */
static void
remove_stale_files (GlossApplication *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      char *folder = g_path_get_dirname (recent[i]);

      if (g_hash_table_add (folders, folder))
        gloss_remove_stale_files (folder, GLOSS_STALE_SECONDS, NULL);
    }
  if (g_hash_table_size (folders) == 0)
    gloss_remove_stale_files (NULL, GLOSS_STALE_SECONDS, NULL);
}

static void
gloss_application_startup (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);

  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);

  g_set_application_name (_("Gloss"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  self->settings = g_settings_new (APPLICATION_ID);
  remove_stale_files (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  _gloss_application_add_exchange_actions (self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
gloss_application_dispose (GObject *object)
{
  GlossApplication *self = GLOSS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_application_parent_class)->dispose (object);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gloss_application_dispose;
  app_class->startup = gloss_application_startup;
  app_class->activate = gloss_application_activate;
  app_class->open = gloss_application_open;
}

static void
gloss_application_init (GlossApplication *self)
{
}
