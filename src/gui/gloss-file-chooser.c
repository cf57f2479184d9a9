/* gloss-file-chooser.c: asking for files without blocking, as an async call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-file-chooser.h"

/* Answers queued by tests (GStrv each), taken in order. */
static GQueue test_answers = G_QUEUE_INIT;

void
gloss_file_chooser_push_answer_for_test (const char * const *paths)
{
  g_queue_push_tail (&test_answers, g_strdupv ((char **) paths));
}

GtkFileFilter *
gloss_file_filter_new (const char *name,
                       const char *pattern,
                       ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, pattern);
  for (const char *p = pattern; p != NULL; p = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, p);
  va_end (args);

  return filter;
}

static char **
chosen_paths (GtkFileChooser *chooser)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }

  return g_strv_builder_end (builder);
}

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             GTask           *task)
{
  g_auto(GStrv) paths = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    paths = chosen_paths (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);

  if (paths == NULL || paths[0] == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("No file was chosen"));
  else
    g_task_return_pointer (task, g_steal_pointer (&paths), (GDestroyNotify) g_strfreev);

  g_object_unref (task);
}

void
gloss_file_chooser_choose_async (GtkWindow            *parent,
                                 GlossFileChooserMode  mode,
                                 const char           *title,
                                 const char           *accept_label,
                                 const char           *suggested_name,
                                 GtkFileFilter        *filter,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  GTask *task = g_task_new (parent, NULL, callback, user_data);
  g_autoptr(GtkFileChooserNative) dialog = NULL;
  GtkFileChooserAction action;

  g_task_set_source_tag (task, gloss_file_chooser_choose_async);

  if (!g_queue_is_empty (&test_answers))
    {
      g_task_return_pointer (task, g_queue_pop_head (&test_answers), (GDestroyNotify) g_strfreev);
      g_object_unref (task);
      return;
    }

  action = mode == GLOSS_FILE_CHOOSER_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN;
  dialog = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog),
                                        mode == GLOSS_FILE_CHOOSER_OPEN_MULTIPLE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (mode == GLOSS_FILE_CHOOSER_SAVE && suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);

  /* The task keeps the dialog alive until it answers. */
  g_task_set_task_data (task, g_object_ref (dialog), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

char **
gloss_file_chooser_choose_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
gloss_file_chooser_with_extension (const char *path,
                                   const char *extension)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, extension))
    return g_strdup (path);

  return g_strconcat (path, extension, NULL);
}
