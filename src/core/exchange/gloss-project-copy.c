/* gloss-project-copy.c: a copy of the project for one coder
 *
 * The copy is made with SQLite's backup API into a hidden file beside the
 * target, prepared there on a plain connection (no history triggers: the
 * copy starts with an empty undo history) and renamed into place, so a
 * failure never leaves a half-made copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gloss-exchange-private.h"
#include "gloss-project-exchange.h"

static gboolean
backup_into (GlossProject  *self,
             sqlite3       *target,
             GError       **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (target, "main", self->db, "main");
  int rc;

  if (backup == NULL)
    return _gloss_set_sqlite_error (target, sqlite3_errcode (target), error, _("Cannot copy the project"));

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return _gloss_set_sqlite_error (target, rc, error, _("Cannot copy the project"));

  return TRUE;
}

static gboolean
run_sql (sqlite3      *db,
         const char   *sql,
         GError      **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _gloss_set_sqlite_error (db, rc, error, _("Cannot prepare the copy"));

  return TRUE;
}

static gboolean
ensure_coder (sqlite3     *db,
              const char  *name,
              GError     **error)
{
  g_autofree char *guid = _gloss_new_guid ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO coder (guid, name, color, created) "
                           "SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM coder WHERE name = ?2)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, _gloss_palette_pick_for_db (db, GLOSS_PALETTE_CODERS), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, _gloss_now ());
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _gloss_set_sqlite_error (db, rc, error, _("Cannot add the coder to the copy"));

  return TRUE;
}

static gboolean
prepare_copy (sqlite3      *db,
              const char   *coder_name,
              gboolean      without_codings,
              GError      **error)
{
  if (!run_sql (db, "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE", error))
    return FALSE;

  /* A coder's copy does not sync with the lead's team server. */
  if (!run_sql (db, "DELETE FROM history_change; DELETE FROM history_step", error) ||
      !run_sql (db, "DELETE FROM sync_server; DELETE FROM sync_row; DELETE FROM sync_touched; "
                   "DELETE FROM sync_waiting; DELETE FROM sync_count", error) ||
      (without_codings && !run_sql (db, "DELETE FROM coding", error)) ||
      !ensure_coder (db, coder_name, error) ||
      !run_sql (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  /* Removed codings leave free pages behind; the copy travels, keep it small. */
  return !without_codings || run_sql (db, "VACUUM", error);
}

gboolean
gloss_project_copy_for_coder (GlossProject  *self,
                              const char    *out_path,
                              const char    *coder_name,
                              gboolean       without_codings,
                              GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *clean = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  name = g_filename_display_basename (out_path);
  clean = g_strstrip (g_strdup (coder_name != NULL ? coder_name : ""));
  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A coder needs a name"));
      return FALSE;
    }

  if (g_file_test (out_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      return FALSE;
    }

  if (self->step_depth > 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_BUSY, _("The project is in the middle of a change"));
      return FALSE;
    }

  tmp_path = _gloss_sibling_temp_path (out_path, ".gloss");
  rc = sqlite3_open_v2 (tmp_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      _gloss_set_sqlite_error (db, rc, &local_error, name);
      goto fail;
    }
  sqlite3_busy_timeout (db, 10000);
  _gloss_harden_connection (db);

  if (!backup_into (self, db, &local_error) ||
      !prepare_copy (db, clean, without_codings, &local_error))
    goto fail;

  sqlite3_close (db);
  db = NULL;

  if (g_file_test (out_path, G_FILE_TEST_EXISTS) || g_rename (tmp_path, out_path) != 0)
    {
      g_set_error (&local_error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      goto fail;
    }

  return TRUE;

fail:
  if (db != NULL)
    sqlite3_close (db);
  _gloss_remove_database_files (tmp_path);
  g_set_error (error, GLOSS_ERROR, local_error->code, _("Cannot write the copy “%s”: %s"),
               name, local_error->message);
  return FALSE;
}

/* Async: the copy is read from a connection of the thread's own. */

typedef struct
{
  char     *project_path;
  char     *out_path;
  char     *coder_name;
  gboolean  without_codings;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_free (data->project_path);
  g_free (data->out_path);
  g_free (data->coder_name);
  g_free (data);
}

static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyData *data = task_data;
  g_autoptr(GlossProject) project = NULL;
  GError *error = NULL;

  project = _gloss_project_open_for_thread (data->project_path, &error);
  if (project == NULL ||
      !gloss_project_copy_for_coder (project, data->out_path, data->coder_name, data->without_codings, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  gloss_project_close (project);
  g_task_return_boolean (task, TRUE);
}

void
gloss_project_copy_for_coder_async (GlossProject        *self,
                                    const char          *out_path,
                                    const char          *coder_name,
                                    gboolean             without_codings,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyData *data = g_new0 (CopyData, 1);

  g_return_if_fail (GLOSS_IS_PROJECT (self));

  data->project_path = g_strdup (self->path);
  data->out_path = g_strdup (out_path);
  data->coder_name = g_strdup (coder_name);
  data->without_codings = without_codings;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_project_copy_for_coder_async);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_data_free);
  g_task_run_in_thread (task, copy_thread);
}

gboolean
gloss_project_copy_for_coder_finish (GlossProject  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
