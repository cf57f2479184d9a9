/* bench-core.c: import speed beside pdftotext; opening and listing with 100,000 codings
 *
 * Prints a table with the baseline beside our figure. Exits non-zero when
 * a target is missed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "gloss-test-util.h"

#define RUNS 3

typedef struct
{
  const char *what;
  double      ours_ms;
  const char *baseline;
  double      baseline_ms;   /* < 0: a fixed target only */
  double      limit_ms;      /* our figure must stay under this */
} Row;

static GArray *rows;
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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static double
time_pdftotext (const char *pdf)
{
  double runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "/dev/null", NULL };
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      runs[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  return median (runs, RUNS);
}

static double
time_import (const char *pdf)
{
  double runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpint (gloss_project_import_file (project, pdf, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
      runs[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  return median (runs, RUNS);
}

static char *
make_long_pdf (const char *dir,
               const char *geotopo)
{
  g_autofree char *out = g_build_filename (dir, "geotopo-x9.pdf", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "pdfunite");
  for (guint i = 0; i < 9; i++)
    g_ptr_array_add (argv, (char *) geotopo);
  g_ptr_array_add (argv, out);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static void
bench_import (const char *dir)
{
  g_autofree char *geotopo = gloss_test_corpus_file ("GeoTopo-komprimiert.pdf");
  g_autofree char *long_pdf = make_long_pdf (dir, geotopo);
  double base;

  base = time_pdftotext (geotopo);
  add_row ("import GeoTopo (117 pages)", time_import (geotopo), "pdftotext", base, base * 1.5);
  base = time_pdftotext (long_pdf);
  add_row ("import 1,053-page PDF", time_import (long_pdf), "pdftotext", base, base * 1.5);
}

/* 100 documents of 20,000 characters, 1,000 codings each, by 10 coders with 50 codes. */
static char *
make_big_project (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 coders[10], codes[50];
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "Partners ");
  g_string_append_c (text, '.');

  g_assert_true (gloss_project_begin_step (project, "bench", &error));
  for (guint i = 0; i < G_N_ELEMENTS (coders); i++)
    {
      g_autofree char *name = g_strdup_printf ("Coder %u", i);
      coders[i] = gloss_project_add_coder (project, name, NULL, &error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *name = g_strdup_printf ("Code %u", i);
      codes[i] = gloss_project_add_code (project, 0, name, NULL, NULL, &error);
    }
  for (guint d = 0; d < 100; d++)
    {
      g_autofree char *title = g_strdup_printf ("doc-%03u.txt", d);
      gint64 doc;

      text->str[text->len - 1] = (char) ('A' + d % 26);
      text->str[0] = (char) ('a' + d / 26);
      doc = gloss_project_import_text (project, title, text->str, text->len, &error);
      g_assert_no_error (error);
      for (guint c = 0; c < 1000; c++)
        {
          gint64 start = g_rand_int_range (rand, 0, 19000);
          gint64 id = gloss_project_add_coding (project, doc, coders[c % 10], codes[g_rand_int_range (rand, 0, 50)],
                                                start, start + g_rand_int_range (rand, 1, 900), NULL, NULL);
          if (id == 0)
            c--;  /* an exact duplicate: draw again */
        }
    }
  g_assert_true (gloss_project_end_step (project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_count_codings (project, NULL, NULL), ==, 100000);
  g_rand_free (rand);

  return g_steal_pointer (&path);
}

static void
bench_big_project (void)
{
  g_autofree char *path = make_big_project ();
  double open_runs[RUNS], list_runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossProject) project = NULL;
      g_autoptr(GPtrArray) codings = NULL;
      GlossCodingFilter filter = { .document_id = 50 };
      gint64 t0 = g_get_monotonic_time (), t1;

      project = gloss_project_open (path, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      codings = gloss_project_list_codings (project, &filter, &error);
      g_assert_cmpuint (codings->len, ==, 1000);
      open_runs[i] = (t1 - t0) / 1000.0;
      list_runs[i] = (g_get_monotonic_time () - t1) / 1000.0;
    }

  add_row ("open project with 100,000 codings", median (open_runs, RUNS), "target", -1, 50);
  add_row ("list one document's 1,000 codings", median (list_runs, RUNS), "target", -1, 50);
}

static void
print_table (void)
{
  g_print ("\n%-38s %12s  %-10s %12s  %10s  %s\n", "benchmark", "Gloss (ms)", "baseline", "base (ms)", "limit (ms)", "");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      g_autofree char *base = r->baseline_ms >= 0 ? g_strdup_printf ("%12.1f", r->baseline_ms) : g_strdup ("           -");

      g_print ("%-38s %12.1f  %-10s %s  %10.1f  %s\n", r->what, r->ours_ms, r->baseline, base, r->limit_ms,
               r->ours_ms <= r->limit_ms ? "met" : "MISSED");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);
  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  dir = gloss_test_make_tmpdir ();

  bench_import (dir);
  bench_big_project ();
  print_table ();

  return all_met ? 0 : 1;
}
