/* bench-export.c: exporting 200,000 codings as CSV, JSON and XLSX
 *
 * The project is built through the core API inside one step: 400 text
 * documents of about 3,000 characters, 4 coders, 20 codes, 500 codings per
 * document. Prints a table; exits non-zero when a target is missed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdio.h>

#include "gloss-excerpt-export.h"
#include "gloss-project-exchange.h"
#include "gloss-test-util.h"

#define N_DOCUMENTS      400
#define CODINGS_PER_DOC  500
#define N_CODERS         4
#define N_CODES          20

static char *
make_text (guint seed)
{
  static const char * const words[] = {
    "partnership", "refugees", "funding", "civil", "society", "compact", "local", "voice",
    "accountability", "states", "agencies", "seat", "table", "conditions", "reports", "access",
  };
  GString *text = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (seed);

  while (text->len < 3000)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, g_rand_int_range (rand, 0, 12) == 0 ? '\n' : ' ');
    }
  g_rand_free (rand);

  return g_string_free (text, FALSE);
}

static GlossProject *
build_project (const char *dir,
               double     *seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "big.gloss", NULL);
  g_autoptr(GlossProject) project = gloss_project_create (path, "Benchmark", &error);
  gint64 coders[N_CODERS], codes[N_CODES];
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (gloss_project_begin_step (project, "Build", &error));

  for (guint i = 0; i < N_CODERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Coder %u", i + 1);
      coders[i] = gloss_project_add_coder (project, name, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_CODES; i++)
    {
      g_autofree char *code_path = g_strdup_printf ("Theme %u/Code %u", i / 5 + 1, i + 1);
      codes[i] = gloss_project_ensure_code_path (project, code_path, NULL, "A description, \"quoted\"", &error);
      g_assert_no_error (error);
    }

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *title = g_strdup_printf ("document-%03u.txt", d + 1);
      g_autofree char *text = make_text (d + 1);
      gint64 doc = gloss_project_import_text (project, title, text, -1, &error);

      g_assert_no_error (error);
      for (guint k = 0; k < CODINGS_PER_DOC; k++)
        {
          gint64 s = 5 * k;
          gint64 e = s + 20 + k % 180;

          gloss_project_add_coding (project, doc, coders[k % N_CODERS], codes[(k / N_CODERS) % N_CODES],
                                    s, e, k % 10 == 0 ? "A memo, with \"quotes\"\nand a line break" : NULL,
                                    &error);
          g_assert_no_error (error);
        }
    }

  g_assert_true (gloss_project_end_step (project, &error));
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  return g_steal_pointer (&project);
}

typedef struct
{
  const char         *name;
  GlossExcerptFormat  format;
  const char         *file;
  double              limit;
} Case;

int
main (void)
{
  static const Case cases[] = {
    { "CSV", GLOSS_EXCERPT_CSV, "codings.csv", 2.0 },
    { "JSON (Web Annotations)", GLOSS_EXCERPT_JSON, "codings.json", 3.0 },
    { "XLSX", GLOSS_EXCERPT_XLSX, "codings.xlsx", 10.0 },
  };
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autoptr(GlossProject) project = NULL;
  gboolean all_met = TRUE;
  double build = 0;
  gint64 n;

  project = build_project (dir, &build);
  n = gloss_project_count_codings (project, NULL, NULL);
  g_assert_cmpint (n, ==, N_DOCUMENTS * CODINGS_PER_DOC);

  printf ("\nExcerpt export of %" G_GINT64_FORMAT " codings (project built in %.1f s)\n\n", n, build);
  printf ("| %-24s | %10s | %8s | %12s | %s\n", "format", "time (s)", "limit", "size (MB)", "met");
  printf ("|%s|%s|%s|%s|-----\n", "--------------------------", "------------", "----------", "--------------");

  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GPtrArray) all = gloss_project_list_codings (project, NULL, NULL);

    printf ("| %-24s | %10.2f | %8s | %12s | -\n", "(listing the codings)",
            (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, "-", "-");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = g_build_filename (dir, cases[i].file, NULL);
      gint64 start = g_get_monotonic_time ();
      gint64 written = gloss_excerpt_export (project, cases[i].format, NULL, out, &error);
      double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      GStatBuf st = { 0 };
      gboolean met = seconds < cases[i].limit;

      g_assert_no_error (error);
      g_assert_cmpint (written, ==, n);
      g_stat (out, &st);
      printf ("| %-24s | %10.2f | %6.0f s | %12.1f | %s\n", cases[i].name, seconds, cases[i].limit,
              st.st_size / 1e6, met ? "yes" : "NO");
      all_met = all_met && met;
    }

  /* Figures without a target, for the record. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *qdpx = g_build_filename (dir, "project.qdpx", NULL);
    g_autofree char *copy = g_build_filename (dir, "copy.gloss", NULL);
    g_autoptr(GlossMergeSummary) summary = NULL;
    gint64 start = g_get_monotonic_time ();

    g_assert_true (gloss_qdpx_export (project, qdpx, &error));
    g_assert_no_error (error);
    printf ("| %-24s | %10.2f | %8s | %12s | -\n", "QDPX (REFI-QDA)",
            (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, "-", "-");

    start = g_get_monotonic_time ();
    g_assert_true (gloss_project_copy_for_coder (project, copy, "Coder 5", FALSE, &error));
    g_assert_no_error (error);
    printf ("| %-24s | %10.2f | %8s | %12s | -\n", "coder copy",
            (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, "-", "-");

    start = g_get_monotonic_time ();
    g_assert_true (gloss_project_merge (project, copy, GLOSS_MERGE_DEFAULT, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary->conflicts->len, ==, 0);
    printf ("| %-24s | %10.2f | %8s | %12s | -\n", "merge of that copy",
            (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, "-", "-");
  }

  printf ("\n");
  return all_met ? 0 : 1;
}
