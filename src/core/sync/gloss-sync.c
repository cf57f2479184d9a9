/* gloss-sync.c: publishing, joining and syncing a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-sync-private.h"

GlossSyncReport *
_gloss_sync_report_new (void)
{
  GlossSyncReport *report = g_new0 (GlossSyncReport, 1);

  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_merge_item_free);
  report->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_merge_item_free);

  return report;
}

void
gloss_sync_report_free (GlossSyncReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->refused, g_ptr_array_unref);
  g_free (report);
}

void
_gloss_sync_note (GPtrArray  *items,
                  const char *kind,
                  const char *guid,
                  const char *label,
                  const char *reason)
{
  GlossMergeItem *item = g_new0 (GlossMergeItem, 1);

  item->kind = g_strdup (kind);
  item->guid = g_strdup (guid);
  item->label = g_strdup (label);
  item->reason = g_strdup (reason);
  g_ptr_array_add (items, item);
}

const char *
gloss_team_phase_to_string (GlossTeamPhase phase)
{
  return phase == GLOSS_TEAM_PHASE_REVIEW ? "review" : "blind";
}

gboolean
gloss_team_phase_from_string (const char     *text,
                              GlossTeamPhase *phase)
{
  if (g_strcmp0 (text, "blind") == 0)
    *phase = GLOSS_TEAM_PHASE_BLIND;
  else if (g_strcmp0 (text, "review") == 0)
    *phase = GLOSS_TEAM_PHASE_REVIEW;
  else
    return FALSE;

  return TRUE;
}

/* The server */

static gboolean
holds_project (PGconn   *conn,
               gboolean *holds,
               GError  **error)
{
  g_autoptr(PGresult) result = _gloss_pg_query (conn, "SELECT to_regclass ('gloss.schema_version') IS NOT NULL",
                                                0, NULL, error);

  if (result == NULL)
    return FALSE;
  *holds = g_str_equal (PQgetvalue (result, 0, 0), "t");
  return TRUE;
}

gboolean
_gloss_server_check (PGconn      *conn,
                     const char  *project_guid,
                     int         *version_out,
                     GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  gboolean holds = FALSE;
  int version;

  if (!holds_project (conn, &holds, error))
    return FALSE;
  if (!holds)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("The team server’s database holds no Gloss project, or this role may not see it"));
      return FALSE;
    }

  result = _gloss_pg_query (conn,
                            "SELECT (SELECT version FROM gloss.schema_version), (SELECT guid FROM gloss.project WHERE id = 1)",
                            0, NULL, error);
  if (result == NULL)
    return FALSE;

  version = atoi (PQgetvalue (result, 0, 0));
  if (version > _gloss_server_schema_version_known ())
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_NEW,
                   _("The team server’s project was made by a newer version of Gloss"));
      return FALSE;
    }
  if (project_guid != NULL && g_strcmp0 (PQgetvalue (result, 0, 1), project_guid) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_CONFLICT,
                   _("The team server holds another project than this file"));
      return FALSE;
    }
  if (version_out != NULL)
    *version_out = version;

  return TRUE;
}

gboolean
_gloss_server_upgrade (PGconn  *conn,
                       int     *version,
                       GError **error)
{
  g_autoptr(PGresult) result = NULL;
  int now;

  if (*version >= _gloss_server_schema_version_known ())
    return TRUE;

  /* One lead upgrades; another that raced it finds it done. */
  if (!_gloss_pg_exec (conn, "BEGIN", error))
    return FALSE;
  if ((result = _gloss_pg_query (conn, "SELECT version FROM gloss.schema_version FOR UPDATE", 0, NULL, error)) == NULL)
    goto fail;
  now = atoi (PQgetvalue (result, 0, 0));
  if (now < _gloss_server_schema_version_known () && !_gloss_server_migrate (conn, now, error))
    goto fail;
  if (!_gloss_pg_exec (conn, "COMMIT", error))
    goto fail;

  *version = _gloss_server_schema_version_known ();
  return TRUE;

fail:
  PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}

/* Connects to the project's server and checks it holds this project. */
static PGconn *
connect_project (GlossProject    *project,
                 GlossSyncState **state_out,
                 GError         **error)
{
  g_autoptr(GlossSyncState) state = _gloss_sync_state_read (project, error);
  g_autofree char *guid = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (state == NULL)
    return NULL;

  guid = gloss_project_dup_guid (project);
  conn = _gloss_pg_connect (state->uri, error);
  if (conn == NULL || !_gloss_server_check (conn, guid, &state->server_version, error))
    return NULL;
  /* The lead brings an older server up to this Gloss; a coder syncs
   * what the server has until then. */
  if (state->is_lead && !_gloss_server_upgrade (conn, &state->server_version, error))
    return NULL;

  *state_out = g_steal_pointer (&state);
  return g_steal_pointer (&conn);
}

/* Syncing */

/* Whether the server holds a document text newer than the file's (the
 * lead's Gloss extracted it again): told by its extraction and length. */
static gboolean
has_new_texts (GlossProject *project,
               PGconn       *conn,
               gboolean     *has,
               GError      **error)
{
  g_autoptr(PGresult) docs = _gloss_pg_query (conn, "SELECT guid, text_extraction, n_chars FROM gloss.document",
                                              0, NULL, error);
  sqlite3_stmt *stmt;

  *has = FALSE;
  if (docs == NULL)
    return FALSE;
  stmt = _gloss_project_prepare (project, "SELECT text_extraction, n_chars FROM document WHERE guid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (int r = 0; !*has && r < PQntuples (docs); r++)
    {
      gint64 version = g_ascii_strtoll (PQgetvalue (docs, r, 1), NULL, 10);
      gint64 n_chars = g_ascii_strtoll (PQgetvalue (docs, r, 2), NULL, 10);

      sqlite3_bind_text (stmt, 1, PQgetvalue (docs, r, 0), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *has = version > sqlite3_column_int64 (stmt, 0) ||
               (version == sqlite3_column_int64 (stmt, 0) && n_chars != sqlite3_column_int64 (stmt, 1));
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static GlossSyncReport *
sync_on (GlossProject   *project,
         PGconn         *conn,
         GlossSyncState *state,
         GError        **error)
{
  g_autoptr(GlossSyncReport) report = _gloss_sync_report_new ();
  gboolean new_texts = FALSE;

  if (!_gloss_project_check_writable (project, error) ||
      !has_new_texts (project, conn, &new_texts, error))
    return NULL;
  /* What the sync changes in the file is noted for the window's count. */
  if (!_gloss_sync_install_counting (project, error))
    return NULL;

  /* A text extracted again comes first: what is coded here on the old one
   * moves with it, and goes up where its words now are. */
  if (new_texts && !_gloss_sync_pull (project, conn, state, report, error))
    return NULL;

  if (!_gloss_sync_push (project, conn, state, report, error) ||
      !_gloss_sync_pull (project, conn, state, report, error))
    return NULL;

  return g_steal_pointer (&report);
}

GlossSyncReport *
gloss_sync_run (GlossProject  *project,
                GError       **error)
{
  g_autoptr(GlossSyncState) state = NULL;
  g_autoptr(PGconn) conn = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  conn = connect_project (project, &state, error);
  if (conn == NULL)
    return NULL;

  return sync_on (project, conn, state, error);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GlossSyncReport *report;

  project = gloss_project_open (path, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = gloss_sync_run (project, &error);
  gloss_project_close (project);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) gloss_sync_report_free);
}

void
gloss_sync_run_async (GlossProject        *project,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSS_IS_PROJECT (project));

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_sync_run_async);
  g_task_set_task_data (task, g_strdup (gloss_project_get_path (project)), g_free);
  g_task_run_in_thread (task, sync_thread);
}

GlossSyncReport *
gloss_sync_run_finish (GlossProject  *project,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Publishing */

static gboolean
create_server_project (GlossProject  *project,
                       PGconn        *conn,
                       GError       **error)
{
  g_autofree char *guid = gloss_project_dup_guid (project);
  g_autofree char *title = gloss_project_dup_title (project);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, _gloss_now ());
  const char *params[3] = { guid, title, now };
  g_autoptr(PGresult) project_row = NULL;
  g_autoptr(PGresult) lead = NULL;

  if (!_gloss_pg_exec (conn, "BEGIN", error))
    return FALSE;
  if (!_gloss_server_migrate (conn, 0, error) ||
      (project_row = _gloss_pg_query (conn,
                                      "INSERT INTO gloss.project (id, guid, title, created) VALUES (1, $1, $2, $3)",
                                      3, params, error)) == NULL ||
      (lead = _gloss_pg_query (conn, "INSERT INTO gloss.member (role, is_lead) VALUES (current_user, true)",
                               0, NULL, error)) == NULL ||
      !_gloss_pg_exec (conn, "COMMIT", error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }

  return TRUE;
}

GlossSyncReport *
gloss_sync_publish (GlossProject  *project,
                    const char    *uri,
                    GError       **error)
{
  g_autoptr(GlossSyncState) existing = NULL;
  g_autoptr(PGconn) conn = NULL;
  GlossSyncState state = { (char *) uri, NULL, TRUE, 0, GLOSS_TEAM_PHASE_BLIND, 0 };
  gboolean holds = FALSE;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  if (!_gloss_project_check_writable (project, error))
    return NULL;
  existing = _gloss_sync_state_read (project, NULL);
  if (existing != NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("The project is already on a team server"));
      return NULL;
    }

  conn = _gloss_pg_connect (uri, error);
  if (conn == NULL || !holds_project (conn, &holds, error))
    return NULL;
  if (holds)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("The team server’s database already holds a Gloss project"));
      return NULL;
    }
  if (!create_server_project (project, conn, error))
    return NULL;

  if (!_gloss_project_exec (project, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!_gloss_project_exec (project, "DELETE FROM sync_row", error) ||
      !_gloss_sync_state_write (project, &state, error) ||
      !_gloss_project_exec (project, "COMMIT", error))
    {
      sqlite3_exec (project->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }

  {
    g_autoptr(GlossSyncState) written = _gloss_sync_state_read (project, error);
    if (written == NULL)
      return NULL;
    written->server_version = _gloss_server_schema_version_known ();
    return sync_on (project, conn, written, error);
  }
}

/* Joining */

typedef struct
{
  char    *coder_guid;
  char    *coder_name;
  gboolean is_lead;
  char    *title;
} Membership;

static void
membership_clear (Membership *m)
{
  g_free (m->coder_guid);
  g_free (m->coder_name);
  g_free (m->title);
}

static gboolean
read_membership (PGconn      *conn,
                 Membership  *m,
                 GError     **error)
{
  g_autoptr(PGresult) result = _gloss_pg_query (conn,
                                                "SELECT m.coder_guid, c.name, m.is_lead, current_user, "
                                                "  (SELECT title FROM gloss.project WHERE id = 1) "
                                                "FROM (SELECT current_user AS role) me "
                                                "LEFT JOIN gloss.member m ON m.role = me.role "
                                                "LEFT JOIN gloss.coder c ON c.guid = m.coder_guid",
                                                0, NULL, error);

  if (result == NULL)
    return FALSE;
  if (PQgetisnull (result, 0, 2))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DENIED, _("The role “%s” is not a member of this project"),
                   PQgetvalue (result, 0, 3));
      return FALSE;
    }

  m->coder_guid = PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
  m->coder_name = PQgetisnull (result, 0, 1) ? NULL : g_strdup (PQgetvalue (result, 0, 1));
  m->is_lead = g_str_equal (PQgetvalue (result, 0, 2), "t");
  m->title = g_strdup (PQgetvalue (result, 0, 4));
  return TRUE;
}

static gboolean
check_coder (const Membership *m,
             const char       *coder_name,
             PGconn           *conn,
             GError          **error)
{
  g_autofree char *want = coder_name != NULL ? g_utf8_casefold (coder_name, -1) : NULL;
  g_autofree char *have = m->coder_name != NULL ? g_utf8_casefold (m->coder_name, -1) : NULL;

  if (coder_name == NULL && !m->is_lead)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("Say which coder joins"));
      return FALSE;
    }
  if (coder_name != NULL && g_strcmp0 (want, have) != 0)
    {
      if (m->coder_name != NULL)
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DENIED, _("The role “%s” codes as “%s”, not as “%s”"),
                     PQuser (conn), m->coder_name, coder_name);
      else
        g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DENIED, _("The role “%s” is the lead’s, not the coder “%s”’s"),
                     PQuser (conn), coder_name);
      return FALSE;
    }

  return TRUE;
}

static GlossProject *
create_joined (const char       *uri,
               const char       *path,
               const Membership *m,
               PGconn           *conn,
               GError          **error)
{
  g_autoptr(GlossProject) project = gloss_project_create (path, m->title, error);
  g_autoptr(PGresult) guid = NULL;
  GlossSyncState state = { (char *) uri, m->coder_guid, m->is_lead, 0, GLOSS_TEAM_PHASE_BLIND, 0 };
  int version = 0;
  g_autoptr(GlossSyncReport) report = NULL;
  sqlite3_stmt *stmt;

  if (project == NULL)
    return NULL;

  guid = _gloss_pg_query (conn, "SELECT guid FROM gloss.project WHERE id = 1", 0, NULL, error);
  if (guid == NULL)
    return NULL;
  stmt = _gloss_project_prepare (project, "UPDATE project SET guid = ?1 WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, PQgetvalue (guid, 0, 0), -1, SQLITE_TRANSIENT);
  /* The new file starts with no history (it is handed over). */
  if (!_gloss_project_exec (project, "UPDATE temp.gloss_state SET replaying = 1", error) ||
      !_gloss_project_run (project, stmt, error) ||
      !_gloss_project_exec (project, "UPDATE temp.gloss_state SET replaying = 0", error) ||
      !_gloss_project_exec (project, "DELETE FROM history_step", error) ||
      !_gloss_sync_state_write (project, &state, error))
    return NULL;

  {
    g_autoptr(GlossSyncState) written = _gloss_sync_state_read (project, error);
    if (written == NULL || !_gloss_server_check (conn, NULL, &version, error) ||
        (m->is_lead && !_gloss_server_upgrade (conn, &version, error)))
      return NULL;
    written->server_version = version;
    if ((report = sync_on (project, conn, written, error)) == NULL)
      return NULL;
  }

  return g_steal_pointer (&project);
}

GlossProject *
gloss_sync_join (const char  *uri,
                 const char  *path,
                 const char  *coder_name,
                 GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  Membership m = { 0 };
  GlossProject *project = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      return NULL;
    }

  conn = _gloss_pg_connect (uri, error);
  if (conn != NULL && _gloss_server_check (conn, NULL, NULL, error) &&
      read_membership (conn, &m, error) && check_coder (&m, coder_name, conn, error))
    {
      project = create_joined (uri, path, &m, conn, error);
      if (project == NULL && g_file_test (path, G_FILE_TEST_EXISTS))
        gloss_project_remove_files (path, NULL);
    }

  membership_clear (&m);
  return project;
}
