/* gloss-project-export.c: exports run off the main thread
 *
 * The thread opens the project file again and exports from that
 * connection, so the caller's GlossProject stays on its own thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-exchange-private.h"
#include "gloss-project-exchange.h"

typedef struct
{
  char                *project_path;
  char                *format;
  char                *out_path;
  GlossExcerptOptions  options;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->project_path);
  g_free (data->format);
  g_free (data->out_path);
  g_clear_pointer (&data->options.document_ids, g_array_unref);
  g_clear_pointer (&data->options.coding_ids, g_array_unref);
  g_free (data);
}

static gboolean
export_now (GlossProject  *project,
            ExportData    *data,
            GError       **error)
{
  GlossExcerptFormat format;

  if (g_strcmp0 (data->format, "qdpx") == 0)
    return gloss_qdpx_export (project, data->out_path, error);
  if (g_strcmp0 (data->format, "qdc") == 0)
    return gloss_qdc_export (project, data->out_path, error);
  if (gloss_excerpt_format_from_string (data->format, &format))
    return gloss_excerpt_export (project, format, &data->options, data->out_path, error) >= 0;

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Unknown export format “%s”"), data->format);
  return FALSE;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GlossProject) project = NULL;
  GError *error = NULL;

  project = _gloss_project_open_for_thread (data->project_path, &error);
  if (project == NULL || !export_now (project, data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  gloss_project_close (project);
  g_task_return_boolean (task, TRUE);
}

void
gloss_project_export_async (GlossProject              *self,
                            const char                *format,
                            const GlossExcerptOptions *options,
                            const char                *out_path,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data = g_new0 (ExportData, 1);

  g_return_if_fail (GLOSS_IS_PROJECT (self));

  data->project_path = g_strdup (gloss_project_get_path (self));
  data->format = g_strdup (format);
  data->out_path = g_strdup (out_path);
  if (options != NULL)
    data->options = *options;
  if (data->options.document_ids != NULL)
    g_array_ref (data->options.document_ids);
  if (data->options.coding_ids != NULL)
    g_array_ref (data->options.coding_ids);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_project_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gloss_project_export_finish (GlossProject  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
