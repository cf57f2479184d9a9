/* test-lock.c: the window's connection keeps its locks, and nothing that
 * gloss-cli writes beside it is lost
 *
 * SQLite's locks are POSIX advisory locks, held per process: closing any
 * descriptor on the project file in a process drops every lock the process
 * holds on it, those of its open connections included. gloss-cli would then
 * take itself for the only user, checkpoint and delete the WAL that the
 * window goes on writing into, and the two programs' writes part ways.
 *
 * This test does in one process what the window does: the project open on
 * one connection, and beside it, in threads on connections of their own,
 * the agreement report, the code matrices, an import, a copy for a coder
 * and an export; and the GIO queries a file chooser and the recent-files
 * list make on the project's folder. Then gloss-cli, in another process,
 * reads and writes; then this process writes again. After every gloss-cli
 * run the -wal must be the same file as before (same inode), the window must
 * see gloss-cli's writes, and no step may fail. At the end every write of
 * both is in the file and gloss-cli check says ok.
 *
 * Usage: test-lock GLOSS_CLI [ROUNDS]   (50 rounds unless told)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-agreement-report.h"
#include "gloss-matrix.h"
#include "gloss-project-exchange.h"
#include "gloss-test-util.h"

typedef struct
{
  const char   *cli;
  char         *dir;
  char         *path;
  char         *wal;
  GlossProject *window;
  gint64        doc;
  gint64        code;
  gint64        window_coder;
  gint64        second_coder;
  GStatBuf      wal_stat;
  GPtrArray    *cli_coders;     /* names gloss-cli added */
  GPtrArray    *window_coders;  /* names the window added */
  GArray       *window_codings; /* ids */
  guint         cli_codings;
} Lock;

static void
check (gboolean    ok,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
check (gboolean    ok,
       const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (ok)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("test-lock: %s\n", message);
  exit (1);
}

static void
check_no_error (GError     *error,
                const char *what,
                guint       round)
{
  check (error == NULL, "round %u: %s failed: %s", round, what, error != NULL ? error->message : "");
}

/* The -wal must be the file the window writes into: present, and the same
 * inode as when the window first wrote. */
static void
check_wal (Lock       *lock,
           const char *after,
           guint       round)
{
  GStatBuf buf;

  check (g_stat (lock->wal, &buf) == 0, "round %u: after %s the -wal is gone while the window has the project open",
         round, after);
  check (buf.st_ino == lock->wal_stat.st_ino && buf.st_dev == lock->wal_stat.st_dev,
         "round %u: after %s the -wal is another file (it was deleted and made again)", round, after);
}

static char *
run_cli (Lock        *lock,
         guint        round,
         const char  *first,
         ...) G_GNUC_NULL_TERMINATED;

/* Runs gloss-cli; it must succeed and say nothing on standard error. */
static char *
run_cli (Lock        *lock,
         guint        round,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) lock->cli);
  g_ptr_array_add (argv, (char *) first);
  va_start (args, first);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  check (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       &out, &err, &status, &error),
         "cannot run gloss-cli: %s", error != NULL ? error->message : "");
  check (g_spawn_check_wait_status (status, NULL) && (err == NULL || *err == '\0'),
         "round %u: gloss-cli %s failed: %s", round, first, err != NULL ? err : "");
  check (strstr (out, "damaged") == NULL, "round %u: gloss-cli %s says: %s", round, first, out);

  check_wal (lock, first, round);
  return out;
}

/* Waiting for an async call as the window's main loop does */

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
compute_agreement (Lock  *lock,
                   guint  round)
{
  g_autoptr(GlossAgreementOptions) options = gloss_agreement_options_new (GLOSS_AGREEMENT_UNIT_DOCUMENT);
  g_autoptr(GAsyncResult) result = NULL;
  GlossAgreementReport *report;
  GError *error = NULL;

  /* The two coders of the start: agreement compares at most 64. */
  g_array_append_val (options->coder_ids, lock->window_coder);
  g_array_append_val (options->coder_ids, lock->second_coder);
  gloss_agreement_report_compute_async (lock->window, options, NULL, on_done, &result);
  report = gloss_agreement_report_compute_finish (wait_for (&result), &error);
  check_no_error (error, "the agreement report", round);
  gloss_agreement_report_free (report);
}

static void
compute_matrices (Lock  *lock,
                  guint  round)
{
  static const GlossMatrixKind kinds[] = { GLOSS_MATRIX_CODE_DOCUMENT, GLOSS_MATRIX_CODE_CODER,
                                           GLOSS_MATRIX_COOCCURRENCE };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GlossCodingFilter filter = { 0 };
      g_autoptr(GAsyncResult) result = NULL;
      GlossMatrix *matrix;
      GError *error = NULL;

      gloss_matrix_compute_async (lock->window, kinds[i], &filter, FALSE, NULL, on_done, &result);
      matrix = gloss_matrix_compute_finish (lock->window, wait_for (&result), &error);
      check_no_error (error, "a code matrix", round);
      gloss_matrix_free (matrix);
    }
}

typedef struct
{
  const char *project_path;
  char       *text_path;
  GError     *error;
} ImportJob;

/* As the document list's import thread: a connection of its own, closed
 * when done. */
static gpointer
import_thread (gpointer data)
{
  ImportJob *job = data;
  g_autoptr(GlossProject) project = gloss_project_open (job->project_path, &job->error);

  if (project != NULL)
    {
      gloss_project_import_file (project, job->text_path, NULL, NULL, &job->error);
      gloss_project_close (project);
    }

  return NULL;
}

static void
import_in_thread (Lock  *lock,
                  guint  round)
{
  g_autofree char *name = g_strdup_printf ("interview-%u.txt", round);
  g_autofree char *text = g_strdup_printf ("Interview %u. The partnership was discussed at length.\n", round);
  ImportJob job = { lock->path, gloss_test_write_file (lock->dir, name, text, -1), NULL };

  g_thread_join (g_thread_new ("import", import_thread, &job));
  check_no_error (job.error, "the import", round);
  g_free (job.text_path);
}

static void
copy_and_export (Lock  *lock,
                 guint  round)
{
  g_autofree char *copy = g_strdup_printf ("%s/copy-%u.gloss", lock->dir, round);
  g_autofree char *csv = g_strdup_printf ("%s/excerpts-%u.csv", lock->dir, round);
  g_autoptr(GAsyncResult) copied = NULL;
  g_autoptr(GAsyncResult) exported = NULL;
  GError *error = NULL;

  gloss_project_copy_for_coder_async (lock->window, copy, "Coder", FALSE, NULL, on_done, &copied);
  gloss_project_copy_for_coder_finish (lock->window, wait_for (&copied), &error);
  check_no_error (error, "the copy for a coder", round);

  gloss_project_export_async (lock->window, "csv", NULL, csv, NULL, on_done, &exported);
  gloss_project_export_finish (lock->window, wait_for (&exported), &error);
  check_no_error (error, "the export", round);

  g_unlink (copy);
  g_unlink (csv);
}

/* What a file chooser showing the project's folder asks of each file, and
 * what the recent-files list asks of the project. */
static void
query_like_a_file_chooser (Lock  *lock,
                           guint  round)
{
  static const char attributes[] =
    "standard::name,standard::type,standard::display-name,standard::sort-order,standard::is-hidden,"
    "standard::is-backup,standard::size,standard::content-type,standard::fast-content-type,"
    "standard::icon,standard::symbolic-icon,time::modified,access::can-rename,access::can-delete,"
    "access::can-trash,standard::target-uri,thumbnail::path,thumbnail::is-valid,thumbnail::failed";
  g_autoptr(GFile) folder = g_file_new_for_path (lock->dir);
  g_autoptr(GFile) project = g_file_new_for_path (lock->path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GError *error = NULL;
  GFileInfo *child;

  children = g_file_enumerate_children (folder, attributes, G_FILE_QUERY_INFO_NONE, NULL, &error);
  check_no_error (error, "listing the folder", round);
  while ((child = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    g_object_unref (child);
  check_no_error (error, "listing the folder", round);

  info = g_file_query_info (project, attributes, G_FILE_QUERY_INFO_NONE, NULL, &error);
  check_no_error (error, "querying the project file", round);
  check (g_strcmp0 (g_file_info_get_content_type (info), "application/x-gloss") == 0,
         "the project's type is %s, not application/x-gloss (is the mime database on XDG_DATA_DIRS?)",
         g_file_info_get_content_type (info));
}

static gboolean
window_has_coder (Lock       *lock,
                  const char *name)
{
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (lock->window, NULL);

  for (guint i = 0; coders != NULL && i < coders->len; i++)
    if (g_strcmp0 (((GlossCoder *) g_ptr_array_index (coders, i))->name, name) == 0)
      return TRUE;

  return FALSE;
}

static void
window_writes (Lock  *lock,
               guint  round,
               guint  which)
{
  GError *error = NULL;
  gint64 id;

  id = gloss_project_add_coding (lock->window, lock->doc, lock->window_coder, lock->code,
                                 2 * round + which, 2 * round + which + 5, NULL, &error);
  check_no_error (error, "the window's coding", round);
  g_array_append_val (lock->window_codings, id);
}

static void
run_round (Lock  *lock,
           guint  round)
{
  g_autofree char *cli_coder = g_strdup_printf ("Cli %u", round);
  g_autofree char *window_coder = g_strdup_printf ("Window %u", round);
  g_autofree char *range = g_strdup_printf ("%u:%u", round + 1, round + 7);
  g_autofree char *doc = g_strdup_printf ("%" G_GINT64_FORMAT, lock->doc);
  g_autofree char *out = NULL;
  gint64 cli_id;
  gint64 window_id;
  GError *error = NULL;

  window_writes (lock, round, 0);

  compute_agreement (lock, round);
  compute_matrices (lock, round);
  import_in_thread (lock, round);
  copy_and_export (lock, round);
  query_like_a_file_chooser (lock, round);

  g_free (run_cli (lock, round, "coders", lock->path, NULL));
  out = run_cli (lock, round, "coder-add", lock->path, cli_coder, NULL);
  cli_id = g_ascii_strtoll (out, NULL, 10);
  check (cli_id > 0, "round %u: coder-add printed %s", round, out);
  g_ptr_array_add (lock->cli_coders, g_strdup (cli_coder));
  g_free (run_cli (lock, round, "code", lock->path, "--doc", doc, "--coder", cli_coder,
                   "--code", "Partnership", "--range", range, NULL));
  lock->cli_codings++;
  g_free (run_cli (lock, round, "codings", lock->path, "--coder", cli_coder, NULL));

  /* The window sees what gloss-cli wrote, and writes on top of it. */
  check (window_has_coder (lock, cli_coder), "round %u: the window does not see the coder gloss-cli added", round);
  window_writes (lock, round, 1);
  window_id = gloss_project_add_coder (lock->window, window_coder, "#813d9c", &error);
  check_no_error (error, "the window's coder", round);
  check (window_id != cli_id, "round %u: the window's coder got gloss-cli's id %" G_GINT64_FORMAT, round, cli_id);
  g_ptr_array_add (lock->window_coders, g_strdup (window_coder));
  check_wal (lock, "the window's writes", round);
}

static void
set_up (Lock       *lock,
        const char *cli)
{
  g_autofree char *text = NULL;
  g_autofree char *text_path = NULL;
  GError *error = NULL;

  lock->cli = cli;
  lock->dir = gloss_test_make_tmpdir ();
  lock->path = g_build_filename (lock->dir, "project.gloss", NULL);
  lock->wal = g_strconcat (lock->path, "-wal", NULL);
  lock->cli_coders = g_ptr_array_new_with_free_func (g_free);
  lock->window_coders = g_ptr_array_new_with_free_func (g_free);
  lock->window_codings = g_array_new (FALSE, FALSE, sizeof (gint64));

  lock->window = gloss_project_create (lock->path, "Lock", &error);
  check_no_error (error, "creating the project", 0);

  text = g_strnfill (400, 'a');
  text_path = gloss_test_write_file (lock->dir, "forum.txt", text, -1);
  lock->doc = gloss_project_import_file (lock->window, text_path, NULL, NULL, &error);
  check_no_error (error, "the first import", 0);
  lock->code = gloss_project_add_code (lock->window, 0, "Partnership", "#3584e4", NULL, &error);
  check_no_error (error, "the code", 0);
  lock->window_coder = gloss_project_add_coder (lock->window, "Amina", "#e01b24", &error);
  check_no_error (error, "the coder", 0);
  lock->second_coder = gloss_project_add_coder (lock->window, "Jonas", "#2ec27e", &error);
  check_no_error (error, "the coder", 0);

  check (g_stat (lock->wal, &lock->wal_stat) == 0, "the open project has no -wal");
}

static gint64
count (sqlite3    *db,
       const char *sql,
       const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  check (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s", sqlite3_errmsg (db));
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* Read back with plain SQLite once every connection is closed. */
static void
check_file (Lock *lock)
{
  sqlite3 *db = NULL;

  check (sqlite3_open_v2 (lock->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "cannot open the file");
  for (guint i = 0; i < lock->cli_coders->len; i++)
    {
      const char *name = g_ptr_array_index (lock->cli_coders, i);
      check (count (db, "SELECT count(*) FROM coder WHERE name = ?1", name) == 1,
             "gloss-cli's coder %s is not in the file", name);
      check (count (db, "SELECT count(*) FROM coding JOIN coder ON coder.id = coding.coder_id WHERE coder.name = ?1",
                    name) == 1, "gloss-cli's coding by %s is not in the file", name);
    }
  for (guint i = 0; i < lock->window_coders->len; i++)
    check (count (db, "SELECT count(*) FROM coder WHERE name = ?1", g_ptr_array_index (lock->window_coders, i)) == 1,
           "the window's coder %s is not in the file", (const char *) g_ptr_array_index (lock->window_coders, i));
  for (guint i = 0; i < lock->window_codings->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM coding WHERE id = %" G_GINT64_FORMAT,
                                              g_array_index (lock->window_codings, gint64, i));
      check (count (db, sql, NULL) == 1, "the window's coding %" G_GINT64_FORMAT " is not in the file",
             g_array_index (lock->window_codings, gint64, i));
    }
  check (count (db, "SELECT count(*) FROM coding", NULL) == (gint64) (lock->window_codings->len + lock->cli_codings),
         "the file holds other codings than were written");
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  Lock lock = { 0 };
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 50;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (argc < 2)
    {
      g_printerr ("usage: test-lock GLOSS_CLI [ROUNDS]\n");
      return 2;
    }

  set_up (&lock, argv[1]);
  for (guint round = 1; round <= rounds; round++)
    run_round (&lock, round);

  gloss_project_close (lock.window);
  g_clear_object (&lock.window);
  check_file (&lock);

  {
    const char *check_argv[] = { lock.cli, "check", lock.path, NULL };
    check (g_spawn_sync (NULL, (char **) check_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) &&
           g_spawn_check_wait_status (status, NULL) && g_str_has_prefix (out, "ok"),
           "gloss-cli check: %s", out != NULL ? out : "");
  }

  g_print ("%u rounds: %u codings and %u coders by gloss-cli, %u codings and %u coders by the window, "
           "%u agreement reports, %u matrices, %u imports, copies and exports in threads: all in the file, "
           "the -wal never deleted\n",
           rounds, lock.cli_codings, lock.cli_coders->len, lock.window_codings->len, lock.window_coders->len,
           rounds, 3 * rounds, rounds);

  g_ptr_array_unref (lock.cli_coders);
  g_ptr_array_unref (lock.window_coders);
  g_array_unref (lock.window_codings);
  g_free (lock.path);
  g_free (lock.wal);
  g_free (lock.dir);
  return 0;
}
