/* bench-cases.c: queries and crosstabs on 1,000 documents with 10
 * attributes and 200,000 codings
 *
 * Two figures with a target of 200 ms each: a query with two codes, an
 * overlap and an attribute condition; a code x attribute crosstab. Beside
 * each, the floor: a plain SQL GROUP BY over the same rows, on its own
 * connection, whose result must agree with Gloss's. Each time is the best
 * of five runs. Prints a table; exits non-zero when a target is missed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <stdio.h>

#include "gloss-test-util.h"

#define N_DOCUMENTS      1000
#define CODINGS_PER_DOC  200
#define N_CODERS         4
#define N_CODES          20
#define RUNS             5
#define LIMIT_MS         200.0

static const char * const types[] = { "refugee-led", "legal aid network", "academic", "service provider", "faith-based", NULL };
static const char * const regions[] = { "East Africa", "West Africa", "Middle East", "Southern Europe", "Central Europe",
                                        "South Asia", "Latin America", "North America", NULL };
static const char * const languages[] = { "English", "French", "Arabic", "Spanish", NULL };

static char *
make_text (guint seed)
{
  static const char * const words[] = {
    "partnership", "refugees", "funding", "civil", "society", "compact", "local", "voice",
    "accountability", "states", "agencies", "seat", "table", "conditions", "reports", "access",
  };
  GString *text = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (seed);

  while (text->len < 2400)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, ' ');
    }
  g_rand_free (rand);

  return g_string_free (text, FALSE);
}

typedef struct
{
  GlossProject *project;
  char         *path;
  gint64        codes[N_CODES];
  gint64        type;
} Bench;

static void
add_attributes (Bench   *b,
                gint64  *ids)
{
  g_autoptr(GError) error = NULL;

  ids[0] = b->type = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "type of actor",
                                                  GLOSS_ATTRIBUTE_CATEGORY, types, &error);
  ids[1] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "region",
                                        GLOSS_ATTRIBUTE_CATEGORY, regions, &error);
  ids[2] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "language",
                                        GLOSS_ATTRIBUTE_CATEGORY, languages, &error);
  ids[3] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year", GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  ids[4] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "pages", GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  ids[5] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "submitted", GLOSS_ATTRIBUTE_DATE, NULL, &error);
  ids[6] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "online", GLOSS_ATTRIBUTE_BOOLEAN, NULL, &error);
  ids[7] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "author", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  ids[8] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "organisation", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  ids[9] = gloss_project_add_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "country", GLOSS_ATTRIBUTE_TEXT, NULL, &error);
  g_assert_no_error (error);
}

static void
set_attributes (Bench        *b,
                const gint64 *ids,
                gint64        doc,
                guint         d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *year = g_strdup_printf ("%u", 2015 + d % 10);
  g_autofree char *pages = g_strdup_printf ("%u", 1 + d % 37);
  g_autofree char *date = g_strdup_printf ("%u-%02u-%02u", 2015 + d % 10, 1 + d % 12, 1 + d % 28);
  g_autofree char *author = g_strdup_printf ("Author %u", d % 300);
  g_autofree char *org = g_strdup_printf ("Organisation %u", d % 120);
  g_autofree char *country = g_strdup_printf ("Country %u", d % 60);
  const char *values[10] = { types[d % 5], regions[d % 8], languages[d % 4], year, pages, date,
                             d % 2 ? "yes" : "no", author, org, country };

  for (guint a = 0; a < 10; a++)
    {
      /* Every seventh document leaves its region empty. */
      if (a == 1 && d % 7 == 0)
        continue;
      gloss_project_set_attribute_value (b->project, ids[a], doc, values[a], &error);
      g_assert_no_error (error);
    }
}

/* GLOSS_BENCH_PROJECT names a file to keep the project in between runs. */
static gboolean
reopen (Bench *b)
{
  g_autoptr(GError) error = NULL;
  const char *kept = g_getenv ("GLOSS_BENCH_PROJECT");

  if (kept == NULL || !g_file_test (kept, G_FILE_TEST_EXISTS))
    return FALSE;

  b->path = g_strdup (kept);
  b->project = gloss_project_open (kept, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CODES; i++)
    {
      g_autofree char *code_path = g_strdup_printf ("Theme %u/Code %u", i / 5 + 1, i + 1);
      b->codes[i] = gloss_project_find_code (b->project, code_path, &error);
    }
  b->type = gloss_project_find_attribute (b->project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "type of actor", &error);
  g_assert_no_error (error);
  return TRUE;
}

static double
build (Bench      *b,
       const char *dir)
{
  g_autoptr(GError) error = NULL;
  gint64 coders[N_CODERS], attributes[10];
  gint64 start = g_get_monotonic_time ();

  if (reopen (b))
    return 0;

  b->path = g_getenv ("GLOSS_BENCH_PROJECT") != NULL ? g_strdup (g_getenv ("GLOSS_BENCH_PROJECT"))
                                                     : g_build_filename (dir, "cases.gloss", NULL);
  b->project = gloss_project_create (b->path, "Benchmark", &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_begin_step (b->project, "Build", &error));

  for (guint i = 0; i < N_CODERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Coder %u", i + 1);
      coders[i] = gloss_project_add_coder (b->project, name, NULL, &error);
    }
  for (guint i = 0; i < N_CODES; i++)
    {
      g_autofree char *code_path = g_strdup_printf ("Theme %u/Code %u", i / 5 + 1, i + 1);
      b->codes[i] = gloss_project_ensure_code_path (b->project, code_path, NULL, NULL, &error);
    }
  add_attributes (b, attributes);
  g_assert_no_error (error);

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *title = g_strdup_printf ("document-%04u.txt", d + 1);
      g_autofree char *text = make_text (d + 1);
      gint64 doc = gloss_project_import_text (b->project, title, text, -1, &error);

      g_assert_no_error (error);
      set_attributes (b, attributes, doc, d);
      for (guint k = 0; k < CODINGS_PER_DOC; k++)
        {
          gint64 s = 11 * k;
          gint64 e = s + 15 + (k * 7) % 60;

          gloss_project_add_coding (b->project, doc, coders[k % N_CODERS], b->codes[(k * 3 + d) % N_CODES],
                                    s, e, NULL, &error);
          g_assert_no_error (error);
        }
    }

  g_assert_true (gloss_project_end_step (b->project, &error));
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

typedef gint64 (*Measured) (Bench *b, gpointer data);

/* The best of RUNS runs in milliseconds; *result gets what the run gave. */
static double
best_of (Measured  func,
         Bench    *b,
         gpointer  data,
         gint64   *result)
{
  double best = G_MAXDOUBLE;

  for (int i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      *result = func (b, data);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);
    }

  return best;
}

static gint64
run_query (Bench    *b,
           gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gloss_project_run_query (b->project, data, &error);

  g_assert_no_error (error);
  return hits->len;
}

static gint64
run_crosstab (Bench    *b,
              gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCrosstab) ct = gloss_project_crosstab (b->project, data, &error);
  gint64 cells = 0;

  g_assert_no_error (error);
  for (guint r = 0; r < gloss_crosstab_n_rows (ct); r++)
    for (guint c = 0; c < gloss_crosstab_n_cols (ct); c++)
      cells += gloss_crosstab_get (ct, GLOSS_CROSSTAB_DOCUMENTS, r, c) > 0;

  return cells;
}

/* The floor: one SQL statement on a connection of its own, kept open
 * between runs as Gloss keeps its own. */
static sqlite3 *floor_db;

static gint64
run_sql (Bench    *b,
         gpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  gint64 rows = 0;

  if (floor_db == NULL)
    g_assert_cmpint (sqlite3_open_v2 (b->path, &floor_db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (floor_db, data, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (stmt);

  return rows;
}

static gboolean
print_row (const char *what,
           double      gloss_ms,
           double      sql_ms,
           gint64      gloss_result,
           gint64      sql_result)
{
  gboolean met = gloss_ms < LIMIT_MS;

  printf ("| %-54s | %9.1f | %9.1f | %6.0f ms | %8" G_GINT64_FORMAT " | %s\n",
          what, gloss_ms, sql_ms, LIMIT_MS, gloss_result, met ? "yes" : "NO");
  g_assert_cmpint (gloss_result, ==, sql_result);
  return met;
}

int
main (void)
{
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autoptr(GlossQuery) query = gloss_query_new ();
  g_autofree char *query_sql = NULL;
  g_autofree char *crosstab_sql = NULL;
  GlossCrosstabOptions options = { 0 };
  Bench b = { 0 };
  gboolean all_met = TRUE;
  double seconds, gloss_ms, sql_ms;
  gint64 gloss_result, sql_result;

  seconds = build (&b, dir);

  /* Code 1 codings overlapping a Code 4 coding, in refugee-led documents. */
  query->code_a = b.codes[0];
  query->op = GLOSS_QUERY_AND;
  query->code_b = b.codes[3];
  query->relation = GLOSS_QUERY_OVERLAPS;
  query->scope.where = g_strdup ("type of actor = refugee-led");
  query_sql = g_strdup_printf ("SELECT a.id FROM coding a "
                               "JOIN attribute_value v ON v.attribute_id = %" G_GINT64_FORMAT
                               " AND v.target_id = a.document_id AND v.value = 'refugee-led' "
                               "JOIN coding b ON b.document_id = a.document_id AND b.code_id = %" G_GINT64_FORMAT
                               " AND b.start < a.end AND a.start < b.end "
                               "WHERE a.code_id = %" G_GINT64_FORMAT " GROUP BY a.id",
                               b.type, b.codes[3], b.codes[0]);

  /* Codes x type of actor: the document counts of each cell. */
  options.columns = GLOSS_CROSSTAB_ATTRIBUTE;
  options.attribute_id = b.type;
  crosstab_sql = g_strdup_printf ("SELECT c.code_id, v.value, count(*), count(DISTINCT c.document_id) FROM coding c "
                                  "LEFT JOIN attribute_value v ON v.attribute_id = %" G_GINT64_FORMAT
                                  " AND v.target_id = c.document_id GROUP BY c.code_id, v.value",
                                  b.type);

  printf ("\nQueries on %d documents, 10 attributes, %d codings (built in %.1f s); best of %d runs\n\n",
          N_DOCUMENTS, N_DOCUMENTS * CODINGS_PER_DOC, seconds, RUNS);
  printf ("| %-54s | %9s | %9s | %9s | %8s | %s\n", "what", "Gloss ms", "SQL ms", "target", "result", "met");
  printf ("|%s|%s|%s|%s|%s|-----\n", "--------------------------------------------------------", "-----------",
          "-----------", "-----------", "----------");

  gloss_ms = best_of (run_query, &b, query, &gloss_result);
  sql_ms = best_of (run_sql, &b, query_sql, &sql_result);
  all_met &= print_row ("query: Code 1 overlapping Code 4, type = refugee-led", gloss_ms, sql_ms, gloss_result, sql_result);

  gloss_ms = best_of (run_crosstab, &b, &options, &gloss_result);
  sql_ms = best_of (run_sql, &b, crosstab_sql, &sql_result);
  all_met &= print_row ("crosstab: codes x type of actor (filled cells)", gloss_ms, sql_ms, gloss_result, sql_result);

  /* For the record: the floor without counting documents, and the
   * crosstab with the codes below each code counted in. */
  {
    g_autofree char *plain = g_strdup_printf ("SELECT c.code_id, v.value, count(*) FROM coding c "
                                              "LEFT JOIN attribute_value v ON v.attribute_id = %" G_GINT64_FORMAT
                                              " AND v.target_id = c.document_id GROUP BY c.code_id, v.value", b.type);
    sql_ms = best_of (run_sql, &b, plain, &sql_result);
    printf ("| %-54s | %9s | %9.1f | %9s | %8" G_GINT64_FORMAT " | -\n", "GROUP BY without counting documents", "-",
            sql_ms, "-", sql_result);
  }
  options.with_children = TRUE;
  gloss_ms = best_of (run_crosstab, &b, &options, &gloss_result);
  printf ("| %-54s | %9.1f | %9s | %9s | %8" G_GINT64_FORMAT " | -\n", "crosstab with children", gloss_ms, "-", "-", gloss_result);

  printf ("\n");
  g_clear_pointer (&floor_db, sqlite3_close);
  g_clear_object (&b.project);
  g_free (b.path);
  return all_met ? 0 : 1;
}
