/* gloss-pg.c: connecting to the team server, and its errors as sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-sync-private.h"

/* The first line of a libpq message, without "FATAL:" and the like. */
static char *
first_line (const char *message)
{
  g_autofree char *line = g_strdup (message != NULL ? message : "");
  char *end = strchr (line, '\n');
  const char *start = line;

  if (end != NULL)
    *end = '\0';
  if (g_str_has_prefix (start, "FATAL:") || g_str_has_prefix (start, "ERROR:"))
    start += 6;

  return g_strstrip (g_strdup (start));
}

gboolean
_gloss_pg_check_uri (const char  *uri,
                     GError     **error)
{
  PQconninfoOption *options;
  char *parse_error = NULL;
  gboolean has_password = FALSE;

  if (uri == NULL || *uri == '\0')
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("No team server address was given"));
      return FALSE;
    }

  options = PQconninfoParse (uri, &parse_error);
  if (options == NULL)
    {
      g_autofree char *reason = first_line (parse_error);
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("The team server address cannot be read: %s"), reason);
      PQfreemem (parse_error);
      return FALSE;
    }

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL)
      has_password = TRUE;
  PQconninfoFree (options);

  if (has_password)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The team server address holds a password: give it in ~/.pgpass or PGPASSWORD instead"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_login_refused (const char *message)
{
  return strstr (message, "password authentication failed") != NULL ||
         strstr (message, "no password supplied") != NULL ||
         strstr (message, "authentication failed") != NULL ||
         strstr (message, "pg_hba.conf") != NULL ||
         strstr (message, "does not exist") != NULL ||
         strstr (message, "permission denied") != NULL;
}

static void
ignore_notice (void       *data,
               const char *message)
{
}

PGconn *
_gloss_pg_connect (const char  *uri,
                   GError     **error)
{
  /* A server that is gone is told within seconds; the address's own
   * settings come after these and win. */
  const char * const keywords[] = { "connect_timeout", "fallback_application_name", "dbname", NULL };
  const char * const values[] = { "5", "gloss", uri, NULL };
  g_autoptr(PGconn) conn = NULL;

  if (!_gloss_pg_check_uri (uri, error))
    return NULL;

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_OFFLINE, _("Cannot reach the team server"));
      return NULL;
    }

  if (PQstatus (conn) != CONNECTION_OK)
    {
      const char *message = PQerrorMessage (conn);
      g_autofree char *last = NULL;
      g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

      /* libpq tells each address it tried; the last says why. */
      for (guint i = 0; lines[i] != NULL; i++)
        if (*g_strstrip (lines[i]) != '\0')
          {
            g_free (last);
            last = g_strdup (lines[i]);
          }

      {
        g_autofree char *reason = first_line (last);
        const char *colon = strstr (reason, "failed: ");

        if (colon != NULL)
          memmove (reason, colon + 8, strlen (colon + 8) + 1);
        if (PQconnectionNeedsPassword (conn) || is_login_refused (message))
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DENIED,
                       _("The team server refused the login (%s); nothing was changed"), g_strstrip (reason));
        else
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_OFFLINE,
                       _("Cannot reach the team server (%s); nothing was changed"), g_strstrip (reason));
      }
      return NULL;
    }

  /* A server going away is told through errors, not printed. */
  PQsetNoticeProcessor (conn, ignore_notice, NULL);

  /* Our own names only, whatever the role's search_path says. */
  if (!_gloss_pg_exec (conn, "SET search_path = pg_catalog, pg_temp", error))
    return NULL;

  return g_steal_pointer (&conn);
}

void
_gloss_pg_set_error (PGconn         *conn,
                     const PGresult *result,
                     GError        **error)
{
  const char *message = result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (conn);
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *line = first_line (message);

  if (PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_OFFLINE, _("The team server went away (%s)"), line);
  else if (sqlstate != NULL && (g_str_equal (sqlstate, "42501") || g_str_equal (sqlstate, "28000")))
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_DENIED, _("The team server refused: %s"), line);
  else if (sqlstate != NULL && g_str_has_prefix (sqlstate, "23"))
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_CONFLICT, _("The team server refused: %s"), line);
  else
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("The team server failed: %s"), line);
}

gboolean
_gloss_pg_exec (PGconn      *conn,
                const char  *sql,
                GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;

  _gloss_pg_set_error (conn, result, error);
  return FALSE;
}

PGresult *
_gloss_pg_query (PGconn             *conn,
                 const char         *sql,
                 int                 n_params,
                 const char * const *params,
                 GError            **error)
{
  g_autoptr(PGresult) result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return g_steal_pointer (&result);

  _gloss_pg_set_error (conn, result, error);
  return NULL;
}

char *
_gloss_pg_quote_ident (PGconn     *conn,
                       const char *name)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *copy = g_strdup (quoted);

  PQfreemem (quoted);
  return copy;
}
