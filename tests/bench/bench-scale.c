/* bench-scale.c: gloss-cli on a 1.3-million-character PDF, and how its costs grow
 *
 * The PDF is nine copies of GeoTopo-komprimiert.pdf (1,053 pages), the
 * codings generated. Measured as a user runs them, gloss-cli in a child:
 *   - `gloss-cli load` of 2,000 codings (target < 0.2 s: quotes read in one
 *     pass over the text, not a scan of the text per coding);
 *   - `gloss-cli codings --doc` of 40,000 codings beside sqlite3 running
 *     the same SELECT (target < 1.5x);
 * and both at 1x, 2x and 4x the codings, whose ratios show linear growth.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "gloss-core.h"

#define COPIES        9
#define LOAD_CODINGS  2000
#define LIST_CODINGS  40000
#define REPEATS       3
#define LOAD_TARGET_S 0.2
#define LIST_TARGET   1.5

typedef struct
{
  double wall_s;
  double cpu_s;    /* the child's user and system time */
} Run;

static double
child_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Runs @argv with its output thrown away; FALSE when it fails. */
static gboolean
run (const char * const *argv,
     Run                *result)
{
  g_autoptr(GError) error = NULL;
  double cpu = child_cpu_s ();
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("%s failed%s%s\n", argv[0], error ? ": " : "", error ? error->message : "");
      return FALSE;
    }
  result->wall_s = (g_get_monotonic_time () - start) / 1e6;
  result->cpu_s = child_cpu_s () - cpu;
  return TRUE;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  double x = ((const Run *) a)->wall_s, y = ((const Run *) b)->wall_s;

  return x < y ? -1 : x > y;
}

static Run
median (Run  *runs,
        guint n)
{
  qsort (runs, n, sizeof (Run), compare_runs);
  return runs[n / 2];
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) a = g_file_new_for_path (from);
  g_autoptr(GFile) b = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
}

static char *
make_long_pdf (const char *dir)
{
  const char *corpus = g_getenv ("GLOSS_CORPUS_DIR");
  g_autofree char *one = g_build_filename (corpus ? corpus : "../shared/corpus", "GeoTopo-komprimiert.pdf", NULL);
  char *out = g_build_filename (dir, "long.pdf", NULL);
  const char *argv[COPIES + 3];
  Run ignored;

  argv[0] = "pdfunite";
  for (int i = 0; i < COPIES; i++)
    argv[i + 1] = one;
  argv[COPIES + 1] = out;
  argv[COPIES + 2] = NULL;
  if (!g_file_test (one, G_FILE_TEST_EXISTS) || !run (argv, &ignored))
    g_clear_pointer (&out, g_free);
  return out;
}

/* @n codings spread over the text, over two coders and seven codes. */
static char *
write_codings (const char *dir,
               guint       n,
               gint64      length)
{
  g_autoptr(GString) json = g_string_new ("{\"codings\":[");
  g_autofree char *name = g_strdup_printf ("codings-%u.json", n);
  char *path = g_build_filename (dir, name, NULL);
  gint64 span = length - 200;

  for (guint i = 0; i < n; i++)
    {
      gint64 start = ((gint64) i * 641) % span;
      gint64 end = start + 5 + i % 90 + i / span;

      g_string_append_printf (json, "%s{\"document\":1,\"coder\":\"%s\",\"code\":\"Theme/%u\","
                              "\"start\":%" G_GINT64_FORMAT ",\"end\":%" G_GINT64_FORMAT "}",
                              i > 0 ? "," : "", i % 2 ? "Amina" : "Jonas", i % 7, start, end);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  return path;
}

/* `gloss-cli load` of @n codings into a fresh copy of @base. */
static Run
time_load (const char *cli,
           const char *dir,
           const char *base,
           guint       n,
           gint64      length)
{
  g_autofree char *json = write_codings (dir, n, length);
  g_autofree char *project = g_build_filename (dir, "load.gloss", NULL);
  const char *argv[] = { cli, "load", project, json, NULL };
  Run runs[REPEATS];

  for (int r = 0; r < REPEATS; r++)
    {
      copy_file (base, project);
      g_assert_true (run (argv, &runs[r]));
    }
  g_remove (json);
  return median (runs, REPEATS);
}

/* A copy of @base with @n codings, made by gloss-cli load. */
static char *
project_with (const char *cli,
              const char *dir,
              const char *base,
              guint       n,
              gint64      length)
{
  g_autofree char *json = write_codings (dir, n, length);
  g_autofree char *name = g_strdup_printf ("list-%u.gloss", n);
  char *project = g_build_filename (dir, name, NULL);
  const char *argv[] = { cli, "load", project, json, NULL };
  Run ignored;

  copy_file (base, project);
  g_assert_true (run (argv, &ignored));
  g_remove (json);
  return project;
}

/* `gloss-cli codings --doc 1`, and sqlite3 running the SELECT it needs. */
static void
time_listing (const char *cli,
              const char *project,
              Run        *gloss,
              Run        *sqlite)
{
  const char *select =
    "SELECT c.id, d.title, c.start, c.end, k.name, x.name, c.quote FROM coding c "
    "JOIN document d ON d.id = c.document_id JOIN coder k ON k.id = c.coder_id "
    "JOIN code x ON x.id = c.code_id WHERE c.document_id = 1 ORDER BY c.start, c.end, c.id";
  const char *gloss_argv[] = { cli, "codings", project, "--doc", "1", NULL };
  const char *sqlite_argv[] = { "sqlite3", project, select, NULL };
  Run g[REPEATS + 2], s[REPEATS + 2];

  for (int r = 0; r < REPEATS + 2; r++)
    {
      g_assert_true (run (gloss_argv, &g[r]));
      if (!run (sqlite_argv, &s[r]))
        s[r] = (Run) { -1, -1 };
    }
  *gloss = median (g, REPEATS + 2);
  *sqlite = median (s, REPEATS + 2);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *dir = NULL, *pdf = NULL, *base = NULL;
  const char *cli = argc > 1 ? argv[1] : "gloss-cli";
  const guint scale[] = { 1, 2, 4 };
  Run load[G_N_ELEMENTS (scale)], list[G_N_ELEMENTS (scale)], sql[G_N_ELEMENTS (scale)];
  gint64 doc, length;
  gboolean ok = TRUE;

  dir = g_dir_make_tmp ("gloss-bench-scale-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = make_long_pdf (dir);
  if (pdf == NULL)
    {
      g_printerr ("cannot make the long PDF (pdfunite and the corpus are needed)\n");
      remove_tree (dir);
      return 77;
    }

  base = g_build_filename (dir, "base.gloss", NULL);
  project = gloss_project_create (base, "Scale", &error);
  g_assert_no_error (error);
  doc = gloss_project_import_file (project, pdf, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc, ==, 1);
  length = g_utf8_strlen (gloss_project_get_text (project, doc, 0, -1, NULL), -1);
  gloss_project_close (project);

  for (guint i = 0; i < G_N_ELEMENTS (scale); i++)
    {
      g_autofree char *listed = NULL;

      load[i] = time_load (cli, dir, base, LOAD_CODINGS * scale[i], length);
      listed = project_with (cli, dir, base, LIST_CODINGS * scale[i], length);
      time_listing (cli, listed, &list[i], &sql[i]);
      g_remove (listed);
    }

  g_print ("\nScale benchmark: %" G_GINT64_FORMAT " characters (%d copies of GeoTopo-komprimiert.pdf), "
           "median of %d runs; wall clock, and CPU time of the child (less disturbed by a busy machine)\n",
           length, COPIES, REPEATS);
  g_print ("%-44s %9s %9s %12s %9s\n", "measure", "gloss", "(cpu)", "floor/target", "(cpu)");
  g_print ("%-44s %7.3f s %7.3f s %10.3f s %9s\n", "gloss-cli load, 2,000 codings", load[0].wall_s, load[0].cpu_s,
           LOAD_TARGET_S, "");
  g_print ("%-44s %7.3f s %7.3f s %10.3f s %7.3f s\n", "gloss-cli codings --doc, 40,000 (vs sqlite3)",
           list[0].wall_s, list[0].cpu_s, sql[0].wall_s, sql[0].cpu_s);
  g_print ("%-44s %8.2fx %8.2fx %11.2fx\n", "  as a multiple of sqlite3 (same SELECT)",
           list[0].wall_s / sql[0].wall_s, list[0].cpu_s / MAX (sql[0].cpu_s, 1e-3), LIST_TARGET);

  g_print ("\nScaling (ratios of CPU time to 1x; linear growth reads 1, 2, 4)\n");
  g_print ("%-5s %7s %8s %8s %6s   %8s %8s %8s %6s %8s %6s\n", "scale", "load n", "s", "cpu s", "ratio",
           "list n", "s", "cpu s", "ratio", "sqlite3", "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (scale); i++)
    g_print ("%-5s %7u %8.3f %8.3f %6.2f   %8u %8.3f %8.3f %6.2f %8.3f %6.2f\n",
             i == 0 ? "1x" : i == 1 ? "2x" : "4x",
             LOAD_CODINGS * scale[i], load[i].wall_s, load[i].cpu_s, load[i].cpu_s / MAX (load[0].cpu_s, 1e-3),
             LIST_CODINGS * scale[i], list[i].wall_s, list[i].cpu_s, list[i].cpu_s / MAX (list[0].cpu_s, 1e-3),
             sql[i].cpu_s, sql[i].cpu_s / MAX (sql[0].cpu_s, 1e-3));

  if (load[0].wall_s > LOAD_TARGET_S)
    {
      g_printerr ("NOTE: loading 2,000 codings took %.3f s, over %.1f s\n", load[0].wall_s, LOAD_TARGET_S);
      ok = FALSE;
    }
  if (sql[0].wall_s > 0 && list[0].wall_s > LIST_TARGET * sql[0].wall_s)
    {
      g_printerr ("NOTE: listing took %.2fx sqlite3's time, over %.1fx\n", list[0].wall_s / sql[0].wall_s, LIST_TARGET);
      ok = FALSE;
    }

  remove_tree (dir);
  return ok ? 0 : 1;
}
