/* bench-sync.c: the team server, on a local PostgreSQL started here
 *
 * - a sync that pulls 10,000 new codings (< 2 s), beside a plain SELECT
 *   and a COPY of the same rows from the same server in the same run
 * - a change made by one client visible in another within 1 s: the other
 *   hears the NOTIFY and syncs; beside it, the NOTIFY's arrival alone
 * - the "N changes waiting" count after one local change, on projects of
 *   5,000, 10,000 and 20,000 synced codings: it stays flat; beside it, the
 *   comparison of every row that it replaces
 *
 * Usage: bench-sync TEAM-SERVER.SH
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-core.h"
#include "gloss-sync-private.h"
#include "gloss-sync-watch.h"
#include "gloss-test-util.h"

#define N_CODINGS 10000
#define N_NOTIFY  5
#define N_COUNT_BASE  5000
#define N_COUNT_CHANGES 50

typedef struct
{
  const char *what;
  double      ours_ms;
  const char *baseline;
  double      baseline_ms;
  double      limit_ms;
} Row;

static GArray *rows;
static char *script;
static char *server_dir;
static gboolean all_met = TRUE;

static void
add_row (const char *what,
         double      ours_ms,
         const char *baseline,
         double      baseline_ms,
         double      limit_ms)
{
  Row row = { what, ours_ms, baseline, baseline_ms, limit_ms };

  g_array_append_val (rows, row);
  if (ours_ms > limit_ms)
    all_met = FALSE;
}

static void
server (const char *command)
{
  const char *argv[] = { "sh", script, command, server_dir, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL);
  if (!g_spawn_check_wait_status (status, NULL) && g_str_equal (command, "start"))
    g_error ("the team server did not start");
}

static void
stop_server (void)
{
  if (server_dir != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (server_dir);
      const char *rm[] = { "rm", "-rf", dir, NULL };

      server ("stop");
      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
}

static PGconn *
connect_as (const char *user,
            const char *password,
            const char *dbname)
{
  g_autofree char *info = g_strdup_printf ("host=%s user=%s password=%s dbname=%s", server_dir, user, password, dbname);
  PGconn *conn = PQconnectdb (info);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (conn));
  return conn;
}

static void
exec_ok (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK &&
      PQresultStatus (result) != PGRES_COPY_OUT)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

static char *
lead_uri (void)
{
  return g_strdup_printf ("postgresql:///gloss?host=%s&user=lead", server_dir);
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* A lead project with one long text, a coder and a code, published. */
static GlossProject *
publish_project (const char *dir,
                 gint64     *doc,
                 gint64     *coder,
                 gint64     *code)
{
  g_autofree char *path = g_build_filename (dir, "lead.gloss", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = lead_uri ();
  g_autoptr(GlossSyncReport) report = NULL;
  GlossProject *project;

  for (int i = 0; i < 2000; i++)
    g_string_append_printf (text, "Line %04d: partnership, funding and the whole of society.\n", i);

  project = gloss_project_create (path, "Bench", &error);
  g_assert_no_error (error);
  *doc = gloss_project_import_text (project, "long.txt", text->str, text->len, &error);
  g_assert_no_error (error);
  *coder = gloss_project_add_coder (project, "Ana", NULL, &error);
  g_assert_no_error (error);
  *code = gloss_project_add_code (project, 0, "Theme", NULL, NULL, &error);
  g_assert_no_error (error);

  report = gloss_sync_publish (project, uri, &error);
  g_assert_no_error (error);
  return project;
}

static void
add_codings (GlossProject *project,
             gint64        doc,
             gint64        coder,
             gint64        code,
             int           first,
             int           n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_project_begin_step (project, "bench", &error));
  for (int i = first; i < first + n; i++)
    {
      gloss_project_add_coding (project, doc, coder, code, i * 5, i * 5 + 4, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (gloss_project_end_step (project, &error));
}

static void
bench_pull (GlossProject *lead,
            GlossProject *other,
            gint64        doc,
            gint64        coder,
            gint64        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSyncReport) pushed = NULL;
  g_autoptr(GlossSyncReport) pulled = NULL;
  PGconn *conn;
  PGresult *result;
  gint64 t0;
  double push_ms, pull_ms, select_ms, copy_ms;
  int n_copied = 0;
  char *line = NULL;

  add_codings (lead, doc, coder, code, 0, N_CODINGS);
  t0 = g_get_monotonic_time ();
  pushed = gloss_sync_run (lead, &error);
  push_ms = elapsed_ms (t0);
  g_assert_no_error (error);
  g_assert_cmpuint (pushed->n_pushed, ==, N_CODINGS);

  t0 = g_get_monotonic_time ();
  pulled = gloss_sync_run (other, &error);
  pull_ms = elapsed_ms (t0);
  g_assert_no_error (error);
  g_assert_cmpuint (pulled->n_pulled, ==, N_CODINGS);

  /* The same rows, plainly. */
  conn = connect_as ("lead", "lead-secret", "gloss");
  t0 = g_get_monotonic_time ();
  result = PQexec (conn, "SELECT guid, document_guid, coder_guid, code_guid, start, \"end\", quote, prefix, "
                         "suffix, memo, created, modified FROM gloss.coding");
  select_ms = elapsed_ms (t0);
  g_assert_cmpint (PQntuples (result), ==, N_CODINGS);
  PQclear (result);

  t0 = g_get_monotonic_time ();
  exec_ok (conn, "COPY gloss.coding TO STDOUT");
  while (PQgetCopyData (conn, &line, 0) > 0)
    {
      n_copied++;
      PQfreemem (line);
    }
  PQclear (PQgetResult (conn));
  copy_ms = elapsed_ms (t0);
  g_assert_cmpint (n_copied, ==, N_CODINGS);
  PQfinish (conn);

  add_row ("sync pulling 10,000 new codings", pull_ms, "SELECT", select_ms, 2000);
  add_row ("  (the same rows by COPY)", copy_ms, "-", -1, 2000);
  add_row ("sync pushing 10,000 new codings", push_ms, "-", -1, 10000);
}

typedef struct
{
  GMainLoop    *loop;
  GlossProject *other;
  gint64        notified;
  gint64        seen;
  gint64        want;    /* codings expected in @other */
} Listen;

static void
on_server_changed (GlossSyncWatch *watch,
                   Listen         *listen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSyncReport) report = NULL;
  g_autoptr(GPtrArray) codings = NULL;

  if (listen->notified == 0)
    listen->notified = g_get_monotonic_time ();
  report = gloss_sync_run (listen->other, &error);
  g_assert_no_error (error);
  codings = gloss_project_list_codings (listen->other, NULL, &error);
  if ((gint64) codings->len >= listen->want && listen->seen == 0)
    {
      listen->seen = g_get_monotonic_time ();
      g_main_loop_quit (listen->loop);
    }
}

static gboolean
give_up (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_online (gpointer user_data)
{
  GlossSyncWatch *watch = user_data;
  return !gloss_sync_watch_get_online (watch);
}

static void
bench_notify (GlossProject *lead,
              GlossProject *other,
              gint64        doc,
              gint64        coder,
              gint64        code)
{
  g_autofree char *uri = lead_uri ();
  g_autoptr(GlossSyncWatch) watch = gloss_sync_watch_new (uri);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Listen listen = { loop, other, 0, 0, N_CODINGS };
  double visible[N_NOTIFY], heard[N_NOTIFY];
  gulong id;

  /* Connected and listening first. */
  while (wait_online (watch))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  id = g_signal_connect (watch, "server-changed", G_CALLBACK (on_server_changed), &listen);

  for (int i = 0; i < N_NOTIFY; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossSyncReport) report = NULL;
      gint64 committed;
      guint timeout;

      add_codings (lead, doc, coder, code, N_CODINGS + i, 1);
      listen.want = N_CODINGS + i + 1;
      listen.notified = listen.seen = 0;
      /* From before the sync that commits the change: an upper bound. */
      committed = g_get_monotonic_time ();
      report = gloss_sync_run (lead, &error);
      g_assert_no_error (error);
      timeout = g_timeout_add_seconds (10, give_up, loop);
      g_main_loop_run (loop);
      g_source_remove (timeout);
      g_assert_cmpint (listen.seen, >, 0);
      visible[i] = (listen.seen - committed) / 1000.0;
      heard[i] = (listen.notified - committed) / 1000.0;
    }
  g_signal_handler_disconnect (watch, id);
  gloss_sync_watch_stop (watch);

  {
    double worst = 0, worst_heard = 0;

    for (int i = 0; i < N_NOTIFY; i++)
      {
        worst = MAX (worst, visible[i]);
        worst_heard = MAX (worst_heard, heard[i]);
      }
    add_row ("a change visible to another client", worst, "NOTIFY", worst_heard, 1000);
  }
}

/* A published project of @n codings in the database @dbname. */
static GlossProject *
publish_codings (const char *dir,
                 const char *dbname,
                 int         n,
                 gint64     *doc,
                 gint64     *coder,
                 gint64     *code)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.gloss", dir, dbname);
  g_autofree char *uri = g_strdup_printf ("postgresql:///%s?host=%s&user=lead", dbname, server_dir);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s OWNER lead", dbname);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSyncReport) report = NULL;
  PGconn *admin = connect_as ("postgres", "gloss", "postgres");
  GlossProject *project;

  exec_ok (admin, create);
  PQfinish (admin);

  for (int i = 0; i < n / 6 + 10; i++)
    g_string_append_printf (text, "Line %06d: partnership and funding.\n", i);
  project = gloss_project_create (path, "Count", &error);
  g_assert_no_error (error);
  *doc = gloss_project_import_text (project, "long.txt", text->str, text->len, &error);
  g_assert_no_error (error);
  *coder = gloss_project_add_coder (project, "Ana", NULL, &error);
  g_assert_no_error (error);
  *code = gloss_project_add_code (project, 0, "Theme", NULL, NULL, &error);
  g_assert_no_error (error);
  add_codings (project, *doc, *coder, *code, 0, n);
  report = gloss_sync_publish (project, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pushed, >=, (guint) n);

  return project;
}

static void
bench_count (const char *dir)
{
  static const int scales[] = { 1, 2, 4 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      g_autofree char *dbname = g_strdup_printf ("count_%d", scales[s]);
      g_autofree char *what = g_strdup_printf ("waiting count per local change, %dx", scales[s]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossProject) project = NULL;
      int n = N_COUNT_BASE * scales[s];
      gint64 doc, coder, code, t0, waiting;
      double ours = 0, full = 0;

      project = publish_codings (dir, dbname, n, &doc, &coder, &code);
      /* The first count compares everything once. */
      g_assert_cmpint (gloss_sync_count_waiting (project, &error), ==, 0);

      for (int i = 0; i < N_COUNT_CHANGES; i++)
        {
          /* Codings of 5 characters at every 5th: these start between them. */
          gloss_project_add_coding (project, doc, coder, code, i * 5 + 2, i * 5 + 3, NULL, &error);
          g_assert_no_error (error);
          t0 = g_get_monotonic_time ();
          waiting = gloss_sync_count_waiting (project, &error);
          ours += elapsed_ms (t0);
          g_assert_no_error (error);
          g_assert_cmpint (waiting, ==, i + 1);
        }

      /* What a count cost before: every row compared, a few times. */
      for (int i = 0; i < 5; i++)
        {
          g_autoptr(GHashTable) keys = NULL;

          t0 = g_get_monotonic_time ();
          keys = _gloss_sync_changed_keys (project, &error);
          full += elapsed_ms (t0);
          g_assert_no_error (error);
          g_assert_cmpuint (g_hash_table_size (keys), ==, N_COUNT_CHANGES);
        }

      add_row (g_steal_pointer (&what), ours / N_COUNT_CHANGES, "all rows", full / 5, 5);
      gloss_project_close (project);
    }
}

static void
print_table (void)
{
  g_print ("\n%-38s %12s  %-10s %12s  %10s  %s\n", "benchmark", "Gloss (ms)", "baseline", "base (ms)", "limit (ms)", "");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      g_autofree char *base = r->baseline_ms >= 0 ? g_strdup_printf ("%12.2f", r->baseline_ms) : g_strdup ("           -");

      g_print ("%-38s %12.2f  %-10s %s  %10.1f  %s\n", r->what, r->ours_ms, r->baseline, base, r->limit_ms,
               r->ours_ms <= r->limit_ms ? "met" : "MISSED");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GlossProject) lead = NULL;
  g_autoptr(GlossProject) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc, coder, code;
  PGconn *admin;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: bench-sync TEAM-SERVER.SH");
  script = g_strdup (argv[1]);
  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  dir = gloss_test_make_tmpdir ();
  server_dir = g_build_filename (dir, "server", NULL);

  g_setenv ("GLOSS_PG_PASSWORD", "gloss", TRUE);
  server ("start");
  atexit (stop_server);
  admin = connect_as ("postgres", "gloss", "postgres");
  exec_ok (admin, "CREATE ROLE lead LOGIN CREATEROLE PASSWORD 'lead-secret'");
  exec_ok (admin, "CREATE DATABASE gloss OWNER lead");
  PQfinish (admin);
  g_setenv ("PGPASSWORD", "lead-secret", TRUE);

  lead = publish_project (dir, &doc, &coder, &code);
  other_path = g_build_filename (dir, "other.gloss", NULL);
  uri = lead_uri ();
  other = gloss_sync_join (uri, other_path, NULL, &error);
  g_assert_no_error (error);

  bench_pull (lead, other, doc, coder, code);
  bench_notify (lead, other, doc, coder, code);
  bench_count (dir);
  print_table ();

  gloss_project_close (other);
  gloss_project_close (lead);
  return all_met ? 0 : 1;
}
