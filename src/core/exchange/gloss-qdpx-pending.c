/* gloss-qdpx-pending.c: a .qdpx read into a project that is not there yet
 *
 * The import is built in a hidden file beside the target, and counted;
 * committing renames it into place, discarding removes it. So the window
 * can show what will come in, and what was skipped and why, before
 * anything is made, and Cancel leaves nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gloss-exchange-private.h"
#include "gloss-project-exchange.h"

struct _GlossQdpxPending
{
  char            *tmp_path;      /* NULL once committed */
  char            *project_path;
  GPtrArray       *warnings;
  GlossQdpxCounts  counts;
};

GlossQdpxPending *
gloss_qdpx_import_prepare (const char    *qdpx_path,
                           const char    *project_path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  GlossQdpxCounts counts = { 0 };
  char *tmp_path;
  GlossQdpxPending *pending;

  g_return_val_if_fail (qdpx_path != NULL && project_path != NULL, NULL);

  tmp_path = _gloss_qdpx_import_build (qdpx_path, project_path, warnings, &counts, cancellable, error);
  if (tmp_path == NULL)
    return NULL;

  pending = g_new0 (GlossQdpxPending, 1);
  pending->tmp_path = tmp_path;
  pending->project_path = g_strdup (project_path);
  pending->warnings = g_steal_pointer (&warnings);
  pending->counts = counts;
  return pending;
}

const GlossQdpxCounts *
gloss_qdpx_pending_get_counts (GlossQdpxPending *pending)
{
  return &pending->counts;
}

GPtrArray *
gloss_qdpx_pending_get_warnings (GlossQdpxPending *pending)
{
  return pending->warnings;
}

const char *
gloss_qdpx_pending_get_path (GlossQdpxPending *pending)
{
  return pending->project_path;
}

gboolean
gloss_qdpx_pending_commit (GlossQdpxPending  *pending,
                           GError           **error)
{
  g_autofree char *name = g_filename_display_basename (pending->project_path);

  g_return_val_if_fail (pending->tmp_path != NULL, FALSE);

  if (g_file_test (pending->project_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      return FALSE;
    }
  if (g_rename (pending->tmp_path, pending->project_path) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot create “%s”: %s"), name, g_strerror (errno));
      return FALSE;
    }
  g_clear_pointer (&pending->tmp_path, g_free);

  return TRUE;
}

void
gloss_qdpx_pending_free (GlossQdpxPending *pending)
{
  if (pending == NULL)
    return;
  if (pending->tmp_path != NULL)
    _gloss_remove_database_files (pending->tmp_path);
  g_free (pending->tmp_path);
  g_free (pending->project_path);
  g_ptr_array_unref (pending->warnings);
  g_free (pending);
}

GlossProject *
gloss_qdpx_import (const char    *qdpx_path,
                   const char    *project_path,
                   GPtrArray     *warnings,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GlossQdpxPending) pending = gloss_qdpx_import_prepare (qdpx_path, project_path, cancellable, error);

  if (pending == NULL)
    return NULL;
  if (warnings != NULL)
    for (guint i = 0; i < pending->warnings->len; i++)
      g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (pending->warnings, i)));
  if (!gloss_qdpx_pending_commit (pending, error))
    return NULL;

  return gloss_project_open (project_path, error);
}

/* Off the main thread */

typedef struct
{
  char *qdpx_path;
  char *project_path;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_free (data->qdpx_path);
  g_free (data->project_path);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  GError *error = NULL;
  GlossQdpxPending *pending = gloss_qdpx_import_prepare (data->qdpx_path, data->project_path, cancellable, &error);

  if (pending == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pending, (GDestroyNotify) gloss_qdpx_pending_free);
}

void
gloss_qdpx_import_prepare_async (const char          *qdpx_path,
                                 const char          *project_path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PrepareData *data = g_new0 (PrepareData, 1);

  data->qdpx_path = g_strdup (qdpx_path);
  data->project_path = g_strdup (project_path);
  g_task_set_source_tag (task, gloss_qdpx_import_prepare_async);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

GlossQdpxPending *
gloss_qdpx_import_prepare_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The whole import off the main thread, committed at once. */

typedef struct
{
  char      *qdpx_path;
  char      *project_path;
  GPtrArray *warnings;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->qdpx_path);
  g_free (data->project_path);
  g_ptr_array_unref (data->warnings);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GlossProject) project = NULL;
  GError *error = NULL;

  project = gloss_qdpx_import (data->qdpx_path, data->project_path, data->warnings, cancellable, &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  gloss_project_close (project);
  g_task_return_pointer (task, g_strdup (data->project_path), g_free);
}

void
gloss_qdpx_import_async (const char          *qdpx_path,
                         const char          *project_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *data = g_new0 (ImportData, 1);

  data->qdpx_path = g_strdup (qdpx_path);
  data->project_path = g_strdup (project_path);
  data->warnings = g_ptr_array_new_with_free_func (g_free);

  g_task_set_source_tag (task, gloss_qdpx_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

char *
gloss_qdpx_import_finish (GAsyncResult  *result,
                          GPtrArray    **warnings_out,
                          GError       **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (warnings_out != NULL)
    *warnings_out = g_ptr_array_ref (data->warnings);

  return g_task_propagate_pointer (G_TASK (result), error);
}
