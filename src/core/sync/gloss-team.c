/* gloss-team.c: the team's roles and the project's phase on the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-sync-private.h"

void
gloss_team_status_free (GlossTeamStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->uri);
  g_free (status->role);
  g_clear_pointer (&status->members, g_ptr_array_unref);
  g_free (status);
}

static void
team_member_free (GlossTeamMember *member)
{
  g_free (member->role);
  g_free (member->coder);
  g_free (member);
}

/* Connects as the lead, or says that only the lead may. */
static PGconn *
connect_lead (GlossProject  *project,
              GError       **error)
{
  g_autoptr(GlossSyncState) state = _gloss_sync_state_read (project, error);
  g_autofree char *guid = gloss_project_dup_guid (project);
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) lead = NULL;
  int version = 0;

  if (state == NULL)
    return NULL;
  conn = _gloss_pg_connect (state->uri, error);
  if (conn == NULL || !_gloss_server_check (conn, guid, &version, error))
    return NULL;

  lead = _gloss_pg_query (conn,
                          "SELECT EXISTS (SELECT 1 FROM gloss.member WHERE role = current_user AND is_lead)",
                          0, NULL, error);
  if (lead == NULL)
    return NULL;
  if (!g_str_equal (PQgetvalue (lead, 0, 0), "t"))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DENIED, _("Only the project’s lead may change the team"));
      return NULL;
    }
  /* A coder added now gets what this Gloss's server gives a coder. */
  if (!_gloss_server_upgrade (conn, &version, error))
    return NULL;

  return g_steal_pointer (&conn);
}

/* "Ana Lima" -> "ana_lima": a role name without quoting surprises. */
static char *
role_from_name (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GString *role = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p++)
    g_string_append_c (role, g_ascii_isalnum (*p) ? *p : '_');

  return g_string_free (role, FALSE);
}

static gboolean
create_or_update_role (PGconn      *conn,
                       const char  *role,
                       const char  *quoted,
                       const char  *password,
                       GError     **error)
{
  const char *params[1] = { role };
  g_autoptr(PGresult) exists = _gloss_pg_query (conn, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1",
                                                1, params, error);
  g_autofree char *sql = NULL;
  g_autofree char *literal = NULL;

  if (exists == NULL)
    return FALSE;

  /* The server gets the password's SCRAM verifier, never the password. */
  if (password != NULL)
    {
      char *verifier = PQencryptPasswordConn (conn, password, role, NULL);
      char *escaped;

      if (verifier == NULL)
        {
          _gloss_pg_set_error (conn, NULL, error);
          return FALSE;
        }
      escaped = PQescapeLiteral (conn, verifier, strlen (verifier));
      literal = g_strdup (escaped);
      PQfreemem (escaped);
      PQfreemem (verifier);
    }

  if (PQntuples (exists) == 0)
    sql = g_strdup_printf ("CREATE ROLE %s LOGIN%s%s", quoted, literal != NULL ? " PASSWORD " : "",
                           literal != NULL ? literal : "");
  else if (literal != NULL)
    sql = g_strdup_printf ("ALTER ROLE %s PASSWORD %s", quoted, literal);
  else
    return TRUE;

  return _gloss_pg_exec (conn, sql, error);
}

gboolean
gloss_team_add_coder (GlossProject  *project,
                      const char    *coder_name,
                      const char    *role,
                      const char    *password,
                      GError       **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GlossSyncReport) report = NULL;
  g_autoptr(GlossCoder) coder = NULL;
  g_autoptr(PGresult) member = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *quoted = NULL;
  gint64 coder_id;
  const char *params[2];

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);

  if ((conn = connect_lead (project, error)) == NULL)
    return FALSE;

  coder_id = gloss_project_find_coder (project, coder_name, NULL);
  if (coder_id <= 0 && (coder_id = gloss_project_add_coder (project, coder_name, NULL, error)) <= 0)
    return FALSE;
  /* The coder goes to the server first. */
  if ((report = gloss_sync_run (project, error)) == NULL)
    return FALSE;
  coder = gloss_project_get_coder (project, coder_id, error);
  if (coder == NULL)
    return FALSE;

  role_name = role != NULL ? g_strdup (role) : role_from_name (coder->name);
  quoted = _gloss_pg_quote_ident (conn, role_name);
  params[0] = role_name;
  params[1] = coder->guid;

  if (!_gloss_pg_exec (conn, "BEGIN", error))
    return FALSE;
  if (!create_or_update_role (conn, role_name, quoted, password, error) ||
      !_gloss_server_grant_coder (conn, quoted, TRUE, error) ||
      (member = _gloss_pg_query (conn,
                                 "INSERT INTO gloss.member (role, coder_guid) VALUES ($1, $2) "
                                 "ON CONFLICT (role) DO UPDATE SET coder_guid = EXCLUDED.coder_guid",
                                 2, params, error)) == NULL ||
      !_gloss_pg_exec (conn, "COMMIT", error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }

  return TRUE;
}

gboolean
gloss_team_remove_coder (GlossProject  *project,
                         const char    *coder_name,
                         GError       **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GlossCoder) coder = NULL;
  g_autoptr(PGresult) member = NULL;
  g_autofree char *quoted = NULL;
  gint64 coder_id;
  const char *params[1];

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);

  if ((coder_id = gloss_project_find_coder (project, coder_name, error)) <= 0 ||
      (coder = gloss_project_get_coder (project, coder_id, error)) == NULL ||
      (conn = connect_lead (project, error)) == NULL)
    return FALSE;

  params[0] = coder->guid;
  member = _gloss_pg_query (conn, "SELECT role FROM gloss.member WHERE coder_guid = $1", 1, params, error);
  if (member == NULL)
    return FALSE;
  if (PQntuples (member) == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND, _("The coder “%s” has no role on the team server"),
                   coder->name);
      return FALSE;
    }

  quoted = _gloss_pg_quote_ident (conn, PQgetvalue (member, 0, 0));
  if (!_gloss_pg_exec (conn, "BEGIN", error))
    return FALSE;
  {
    g_autoptr(PGresult) deleted = NULL;

    if ((deleted = _gloss_pg_query (conn, "DELETE FROM gloss.member WHERE coder_guid = $1", 1, params, error)) == NULL ||
        !_gloss_server_grant_coder (conn, quoted, FALSE, error) ||
        !_gloss_pg_exec (conn, "COMMIT", error))
      {
        PQclear (PQexec (conn, "ROLLBACK"));
        return FALSE;
      }
  }

  return TRUE;
}

gboolean
gloss_team_set_phase (GlossProject   *project,
                      GlossTeamPhase  phase,
                      GError        **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *params[1] = { gloss_team_phase_to_string (phase) };

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);

  if ((conn = connect_lead (project, error)) == NULL)
    return FALSE;

  result = _gloss_pg_query (conn, "UPDATE gloss.project SET phase = $1 WHERE id = 1 AND phase <> $1",
                            1, params, error);
  return result != NULL;
}

GlossTeamStatus *
gloss_team_get_status (GlossProject  *project,
                       GError       **error)
{
  g_autoptr(GlossSyncState) state = _gloss_sync_state_read (project, error);
  g_autofree char *guid = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) head = NULL;
  g_autoptr(PGresult) members = NULL;
  g_autoptr(GlossTeamStatus) status = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  if (state == NULL)
    return NULL;
  guid = gloss_project_dup_guid (project);
  conn = _gloss_pg_connect (state->uri, error);
  if (conn == NULL || !_gloss_server_check (conn, guid, NULL, error))
    return NULL;

  head = _gloss_pg_query (conn,
                          "SELECT gloss.phase (), (SELECT coalesce (max (seq), 0) FROM gloss.change_log), current_user, "
                          "  EXISTS (SELECT 1 FROM gloss.member WHERE role = current_user AND is_lead)",
                          0, NULL, error);
  members = _gloss_pg_query (conn,
                             "SELECT m.role, c.name, m.is_lead, "
                             "  (SELECT count (*) FROM gloss.coding g WHERE g.coder_guid = m.coder_guid), "
                             "  m.coder_guid = gloss.my_coder () "
                             "FROM gloss.member m LEFT JOIN gloss.coder c ON c.guid = m.coder_guid "
                             "ORDER BY m.is_lead DESC, c.name",
                             0, NULL, error);
  if (head == NULL || members == NULL)
    return NULL;

  status = g_new0 (GlossTeamStatus, 1);
  status->uri = g_strdup (state->uri);
  gloss_team_phase_from_string (PQgetvalue (head, 0, 0), &status->phase);
  status->head = g_ascii_strtoll (PQgetvalue (head, 0, 1), NULL, 10);
  status->role = g_strdup (PQgetvalue (head, 0, 2));
  status->is_lead = g_str_equal (PQgetvalue (head, 0, 3), "t");
  status->cursor = state->cursor;
  status->n_waiting = gloss_sync_count_waiting (project, NULL);
  status->members = g_ptr_array_new_with_free_func ((GDestroyNotify) team_member_free);

  for (int r = 0; r < PQntuples (members); r++)
    {
      GlossTeamMember *member = g_new0 (GlossTeamMember, 1);
      gboolean mine = g_str_equal (PQgetvalue (members, r, 4), "t");

      member->role = g_strdup (PQgetvalue (members, r, 0));
      member->coder = PQgetisnull (members, r, 1) ? NULL : g_strdup (PQgetvalue (members, r, 1));
      member->is_lead = g_str_equal (PQgetvalue (members, r, 2), "t");
      member->n_codings = member->is_lead ? 0 : g_ascii_strtoll (PQgetvalue (members, r, 3), NULL, 10);
      /* Blind: another coder's count is not this role's to know. */
      if (!member->is_lead && !mine && !status->is_lead && status->phase == GLOSS_TEAM_PHASE_BLIND)
        member->n_codings = -1;
      g_ptr_array_add (status->members, member);
    }

  return g_steal_pointer (&status);
}
