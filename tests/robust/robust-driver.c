/* robust-driver.c: changes gloss-cli has no command for, for the
 * robustness tests
 *
 *   robust-driver stream PROJECT SEED
 *       changes the project for ever (codings added, memos edited,
 *       boundaries changed, codings deleted, codes added and renamed, JSON
 *       batches loaded), one step each; before each change it prints a line
 *       {"op": ...} describing it, after it {"ok": ID} once committed. The
 *       test kills it at a random moment and compares the file with what
 *       was reported.
 *   robust-driver writer PROJECT NAME COUNT
 *       adds COUNT codings, one step each, retrying nothing: every error is
 *       printed and makes the exit status 1.
 *   robust-driver threads PROJECT COUNT
 *       two connections in two threads write COUNT steps each at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-core.h"

static void
emit (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
emit (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static G_NORETURN void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "robust-driver: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* A change the project refuses (a passage coded twice the same way) is
 * reported and skipped; any other error ends the stream. */
static gboolean
refused (const char *what,
         GError     *error)
{
  if (!g_error_matches (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE) &&
      !(g_error_matches (error, GLOSS_ERROR, GLOSS_ERROR_INVALID) && strstr (error->message, "already") != NULL))
    die (what, error);

  emit ("{\"refused\": %d}", error->code);
  return TRUE;
}

/* A random coding of the project, or NULL when there is none. */
static GlossCoding *
pick_coding (GlossProject *project,
             GRand        *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (project, NULL, &error);

  if (codings == NULL)
    die ("list codings", error);
  if (codings->len == 0)
    return NULL;

  return gloss_coding_copy (g_ptr_array_index (codings, g_rand_int_range (rand, 0, codings->len)));
}

static GlossCode *
pick_code (GlossProject *project,
           GRand        *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (project, &error);

  if (codes == NULL || codes->len == 0)
    die ("list codes", error);

  return gloss_code_copy (g_ptr_array_index (codes, g_rand_int_range (rand, 0, codes->len)));
}

static void
pick_range (GRand  *rand,
            gint64  length,
            gint64 *start,
            gint64 *end)
{
  gint64 span = g_rand_int_range (rand, 1, 200);

  *start = g_rand_int_range (rand, 0, (gint32) length - 1);
  *end = MIN (length, *start + span);
}

static char *
new_memo (GRand *rand)
{
  if (g_rand_int_range (rand, 0, 4) == 0)
    return NULL;
  return g_strdup_printf ("m%u", g_rand_int (rand));
}

static void
op_add (GlossProject *project,
        GRand        *rand,
        gint64        doc,
        gint64        coder,
        gint64        length)
{
  g_autoptr(GlossCode) code = pick_code (project, rand);
  g_autofree char *memo = new_memo (rand);
  g_autofree char *memo_json = memo != NULL ? g_strdup_printf ("\"%s\"", memo) : g_strdup ("null");
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  pick_range (rand, length, &start, &end);
  emit ("{\"op\": \"add\", \"code\": %" G_GINT64_FORMAT ", \"start\": %" G_GINT64_FORMAT
        ", \"end\": %" G_GINT64_FORMAT ", \"memo\": %s}", code->id, start, end, memo_json);
  id = gloss_project_add_coding (project, doc, coder, code->id, start, end, memo, &error);
  if (id <= 0 && refused ("add coding", error))
    return;
  emit ("{\"ok\": %" G_GINT64_FORMAT "}", id);
}

static void
op_memo (GlossProject *project,
         GRand        *rand)
{
  g_autoptr(GlossCoding) coding = pick_coding (project, rand);
  g_autofree char *memo = new_memo (rand);
  g_autofree char *memo_json = memo != NULL ? g_strdup_printf ("\"%s\"", memo) : g_strdup ("null");
  g_autoptr(GError) error = NULL;

  if (coding == NULL)
    return;
  emit ("{\"op\": \"memo\", \"id\": %" G_GINT64_FORMAT ", \"memo\": %s}", coding->id, memo_json);
  if (!gloss_project_set_coding_memo (project, coding->id, memo, &error))
    die ("set memo", error);
  emit ("{\"ok\": %" G_GINT64_FORMAT "}", coding->id);
}

static void
op_range (GlossProject *project,
          GRand        *rand,
          gint64        length)
{
  g_autoptr(GlossCoding) coding = pick_coding (project, rand);
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  if (coding == NULL)
    return;
  pick_range (rand, length, &start, &end);
  emit ("{\"op\": \"range\", \"id\": %" G_GINT64_FORMAT ", \"start\": %" G_GINT64_FORMAT
        ", \"end\": %" G_GINT64_FORMAT "}", coding->id, start, end);
  if (!gloss_project_set_coding_range (project, coding->id, start, end, &error) &&
      refused ("set range", error))
    return;
  emit ("{\"ok\": %" G_GINT64_FORMAT "}", coding->id);
}

static void
op_delete (GlossProject *project,
           GRand        *rand)
{
  g_autoptr(GlossCoding) coding = pick_coding (project, rand);
  g_autoptr(GError) error = NULL;

  if (coding == NULL)
    return;
  emit ("{\"op\": \"delete\", \"id\": %" G_GINT64_FORMAT "}", coding->id);
  if (!gloss_project_delete_coding (project, coding->id, &error))
    die ("delete coding", error);
  emit ("{\"ok\": %" G_GINT64_FORMAT "}", coding->id);
}

static void
op_rename (GlossProject *project,
           GRand        *rand)
{
  g_autoptr(GlossCode) code = pick_code (project, rand);
  g_autofree char *name = g_strdup_printf ("k%u", g_rand_int (rand));
  g_autoptr(GError) error = NULL;

  emit ("{\"op\": \"rename\", \"code\": %" G_GINT64_FORMAT ", \"name\": \"%s\"}", code->id, name);
  if (!gloss_project_rename_code (project, code->id, name, &error))
    die ("rename code", error);
  emit ("{\"ok\": %" G_GINT64_FORMAT "}", code->id);
}

static void
op_code_add (GlossProject *project,
             GRand        *rand)
{
  g_autofree char *name = g_strdup_printf ("n%u", g_rand_int (rand));
  g_autoptr(GError) error = NULL;
  gint64 id;

  emit ("{\"op\": \"code-add\", \"name\": \"%s\"}", name);
  id = gloss_project_add_code (project, 0, name, NULL, NULL, &error);
  if (id <= 0)
    die ("add code", error);
  emit ("{\"ok\": %" G_GINT64_FORMAT "}", id);
}

/* A batch of codings as one JSON document, loaded all or nothing. */
static void
op_load (GlossProject *project,
         GRand        *rand,
         gint64        doc,
         const char   *coder_name,
         gint64        length)
{
  g_autoptr(GString) json = g_string_new ("{\"codings\": [");
  g_autoptr(GString) line = g_string_new ("{\"op\": \"load\", \"codings\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autofree char *prefix = NULL;
  guint32 batch = g_rand_int (rand);
  int n = g_rand_int_range (rand, 20, 200);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GlossCode) code = pick_code (project, rand);
      g_autofree char *memo = g_strdup_printf ("b%u-%d", batch, i);
      gint64 start, end;

      pick_range (rand, length, &start, &end);
      g_string_append_printf (json, "%s{\"document\": %" G_GINT64_FORMAT ", \"coder\": \"%s\", \"code\": \"%s\", "
                              "\"start\": %" G_GINT64_FORMAT ", \"end\": %" G_GINT64_FORMAT ", \"memo\": \"%s\"}",
                              i > 0 ? ", " : "", doc, coder_name, code->path, start, end, memo);
      g_string_append_printf (line, "%s[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", \"%s\"]",
                              i > 0 ? ", " : "", code->id, start, end, memo);
    }
  g_string_append (json, "]}");
  g_string_append (line, "]}");

  emit ("%s", line->str);
  if (!gloss_project_load_json (project, json->str, json->len, &error) &&
      refused ("load", error))
    return;

  /* The new codings, found by their memos, in the order of the batch. */
  codings = gloss_project_list_codings (project, NULL, &error);
  if (codings == NULL)
    die ("list codings", error);
  prefix = g_strdup_printf ("b%u-", batch);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *memo = g_strdup_printf ("%s%d", prefix, i);
      for (guint j = 0; j < codings->len; j++)
        {
          GlossCoding *coding = g_ptr_array_index (codings, j);
          if (g_strcmp0 (coding->memo, memo) == 0)
            g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? ", " : "", coding->id);
        }
    }
  emit ("{\"ok\": %d, \"ids\": [%s]}", n, ids->str);
}

static int
run_stream (const char *path,
            guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GlossDocumentInfo) info = NULL;
  g_autoptr(GlossCoder) coder = NULL;
  gint64 doc, coder_id;

  if (project == NULL)
    die ("open", error);
  doc = gloss_project_find_document (project, "1", &error);
  coder_id = gloss_project_find_coder (project, "Amina", &error);
  if (doc <= 0 || coder_id <= 0)
    die ("fixture", error);
  info = gloss_project_get_document (project, doc, &error);
  coder = gloss_project_get_coder (project, coder_id, &error);
  if (info == NULL || coder == NULL)
    die ("fixture", error);

  for (;;)
    {
      int choice = g_rand_int_range (rand, 0, 100);

      if (choice < 35)
        op_add (project, rand, doc, coder_id, info->n_chars);
      else if (choice < 50)
        op_memo (project, rand);
      else if (choice < 65)
        op_range (project, rand, info->n_chars);
      else if (choice < 75)
        op_delete (project, rand);
      else if (choice < 82)
        op_rename (project, rand);
      else if (choice < 85)
        op_code_add (project, rand);
      else
        op_load (project, rand, doc, coder->name, info->n_chars);
    }

  return 0;
}

/* Adds @count codings one step each; any error counts as a failure. */
static int
write_codings (GlossProject *project,
               const char   *coder_name,
               int           count)
{
  g_autoptr(GError) error = NULL;
  gint64 doc = gloss_project_find_document (project, "1", NULL);
  gint64 code = gloss_project_ensure_code_path (project, "Shared", NULL, NULL, &error);
  gint64 coder = 0;
  int failures = 0;

  if (code > 0)
    {
      coder = gloss_project_find_coder (project, coder_name, NULL);
      if (coder == 0)
        coder = gloss_project_add_coder (project, coder_name, NULL, &error);
    }
  if (doc <= 0 || code <= 0 || coder <= 0)
    {
      fprintf (stderr, "robust-driver: %s: setup: %s\n", coder_name, error != NULL ? error->message : "no document");
      return count;
    }

  for (int i = 0; i < count; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *memo = g_strdup_printf ("%s %d", coder_name, i);

      if (gloss_project_add_coding (project, doc, coder, code, i % 80, i % 80 + 1 + i / 80, memo, &local_error) <= 0)
        {
          fprintf (stderr, "robust-driver: %s: %s\n", coder_name, local_error->message);
          failures++;
        }
      if (i % 7 == 0)
        (void) gloss_project_count_codings (project, NULL, NULL);
    }

  return failures;
}

static int
run_writer (const char *path,
            const char *name,
            int         count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);

  if (project == NULL)
    die ("open", error);

  return write_codings (project, name, count) == 0 ? 0 : 1;
}

typedef struct
{
  char *path;
  char *name;
  int   count;
} WriterArgs;

static gpointer
writer_thread (gpointer data)
{
  WriterArgs *args = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (args->path, &error);

  if (project == NULL)
    die ("open", error);

  return GINT_TO_POINTER (write_codings (project, args->name, args->count));
}

static int
run_threads (const char *path,
             int         count)
{
  WriterArgs a = { (char *) path, (char *) "Thread A", count };
  WriterArgs b = { (char *) path, (char *) "Thread B", count };
  GThread *ta = g_thread_new ("writer-a", writer_thread, &a);
  GThread *tb = g_thread_new ("writer-b", writer_thread, &b);
  int failures = GPOINTER_TO_INT (g_thread_join (ta)) + GPOINTER_TO_INT (g_thread_join (tb));

  return failures == 0 ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "stream") == 0)
    return run_stream (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 5 && strcmp (argv[1], "writer") == 0)
    return run_writer (argv[2], argv[3], atoi (argv[4]));
  if (argc == 4 && strcmp (argv[1], "threads") == 0)
    return run_threads (argv[2], atoi (argv[3]));

  fprintf (stderr, "usage: robust-driver (stream PROJECT SEED | writer PROJECT NAME COUNT | threads PROJECT COUNT)\n");
  return 2;
}
