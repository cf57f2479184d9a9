/* test-sync-window.c: the real window on a project with a team server
 *
 * A real PostgreSQL (build-aux/team-server.sh, named by GLOSS_TEAM_SERVER)
 * holds a published project; the window has the lead's file open and a
 * second client has joined. The window's coding goes up on its own and the
 * indicator goes from "1 change waiting" to "Up to date"; the other
 * client's coding shows in the window at once (NOTIFY), long before the
 * periodic sync; with the server stopped the indicator says "Offline", the
 * window codes on, and once the server is back it all goes up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libpq-fe.h>
#include <stdlib.h>

#include "gloss-sync-indicator.h"
#include "gloss-window-private.h"
#include "gloss-gui-test.h"

static char *server_dir;

static void
server (const char *command)
{
  const char *argv[] = { "sh", g_getenv ("GLOSS_TEAM_SERVER"), command, server_dir, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
stop_server (void)
{
  if (server_dir != NULL)
    {
      const char *argv[] = { "sh", g_getenv ("GLOSS_TEAM_SERVER"), "stop", server_dir, NULL };
      g_autofree char *dir = g_path_get_dirname (server_dir);
      const char *rm[] = { "rm", "-rf", dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
}

static void
make_database (void)
{
  g_autofree char *info = g_strdup_printf ("host=%s user=postgres password=gloss dbname=postgres", server_dir);
  PGconn *conn = PQconnectdb (info);
  const char * const sql[] = {
    "CREATE ROLE lead LOGIN CREATEROLE PASSWORD 'lead-secret'",
    "CREATE DATABASE gloss OWNER lead",
  };

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      PGresult *result = PQexec (conn, sql[i]);
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
    }
  PQfinish (conn);
}

typedef gboolean (*Condition) (gpointer data);

/* Spins until @done holds; how long it took in ms, or -1 after @ms. */
static double
spin_until (Condition done,
            gpointer  data,
            guint     ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + ms * G_TIME_SPAN_MILLISECOND;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return -1;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static GlossSyncIndicator *indicator;

static gboolean
is_up_to_date (gpointer data)
{
  return gloss_sync_indicator_get_state (indicator) == GLOSS_SYNC_STATE_UP_TO_DATE;
}

static gboolean
is_offline (gpointer data)
{
  return gloss_sync_indicator_get_state (indicator) == GLOSS_SYNC_STATE_OFFLINE;
}

static guint
n_codings (GlossProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (project, NULL, &error);

  g_assert_no_error (error);
  return codings->len;
}

static gboolean
window_has_three (gpointer data)
{
  return n_codings (gloss_window_get_project (data)) == 3;
}

static void
sync_other (GlossProject *other)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSyncReport) report = gloss_sync_run (other, &error);

  g_assert_no_error (error);
}

static void
test_window_syncs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-sync-XXXXXX", &error);
  g_autofree char *lead_path = g_build_filename (dir, "lead.gloss", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.gloss", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *text = g_strnfill (400, 'a');
  g_autoptr(GlossProject) lead = NULL;
  g_autoptr(GlossProject) other = NULL;
  g_autoptr(GlossSyncReport) report = NULL;
  GlossWindow *window;
  GlossProject *project;
  gint64 doc, coder, code;
  double took;

  g_assert_no_error (error);
  server_dir = g_build_filename (dir, "server", NULL);
  g_setenv ("GLOSS_PG_PASSWORD", "gloss", TRUE);
  server ("start");
  atexit (stop_server);
  make_database ();
  g_setenv ("PGPASSWORD", "lead-secret", TRUE);
  uri = g_strdup_printf ("postgresql:///gloss?host=%s&user=lead", server_dir);

  lead = gloss_project_create (lead_path, "Window sync", &error);
  g_assert_no_error (error);
  doc = gloss_project_import_text (lead, "notes.txt", text, -1, &error);
  coder = gloss_project_add_coder (lead, "Ana", "#813d9c", &error);
  code = gloss_project_add_code (lead, 0, "Theme", NULL, NULL, &error);
  g_assert_no_error (error);
  report = gloss_sync_publish (lead, uri, &error);
  g_assert_no_error (error);
  gloss_project_close (lead);
  other = gloss_sync_join (uri, other_path, NULL, &error);
  g_assert_no_error (error);

  window = g_object_ref_sink (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_true (gloss_window_open_project (window, lead_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  indicator = window->sync_indicator;
  project = gloss_window_get_project (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  g_assert_cmpfloat (spin_until (is_up_to_date, NULL, 10000), >=, 0);
  g_assert_cmpstr (gloss_sync_indicator_get_text (indicator), ==, "Up to date");

  /* A coding here: waiting, then up on its own. */
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 0, 10, NULL, &error), >, 0);
  g_assert_cmpstr (gloss_sync_indicator_get_text (indicator), ==, "1 change waiting");
  g_assert_cmpfloat (spin_until (is_up_to_date, NULL, 5000), >=, 0);
  sync_other (other);
  g_assert_cmpuint (n_codings (other), ==, 1);

  /* The other client's coding: in the window at once. */
  g_assert_cmpint (gloss_project_add_coding (other, doc, coder, code, 20, 30, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (other, doc, coder, code, 40, 50, NULL, &error), >, 0);
  sync_other (other);
  took = spin_until (window_has_three, window, 4000);
  g_test_message ("the other client's codings were in the window after %.0f ms", took);
  g_assert_cmpfloat (took, >=, 0);
  g_assert_cmpfloat (took, <, 2500);

  /* The server goes: offline, and the window codes on. */
  server ("stop");
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 60, 70, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpfloat (spin_until (is_offline, NULL, 15000), >=, 0);
  g_assert_cmpstr (gloss_sync_indicator_get_text (indicator), ==, "Offline");
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 80, 90, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_codings (project), ==, 5);

  /* Back: it all goes up. */
  server ("start");
  gtk_widget_activate_action (GTK_WIDGET (indicator), "sync.now", NULL);
  g_assert_cmpfloat (spin_until (is_up_to_date, NULL, 20000), >=, 0);
  sync_other (other);
  g_assert_cmpuint (n_codings (other), ==, 5);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  spin (100);
  gloss_project_close (other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/sync/window-syncs", test_window_syncs);

  return g_test_run ();
}
