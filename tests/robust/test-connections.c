/* test-connections.c: two connections to one project in one process
 *
 * Reads leave no statement open (an open one would pin an old snapshot: the
 * connection would neither see other writers' changes nor be able to write);
 * data_version tells one connection about the other's commits; a write
 * waits for the other connection's step instead of failing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "gloss-project-private.h"
#include "gloss-test-util.h"

static void
assert_no_open_statement (GlossProject *project,
                          const char   *after)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (project->db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (project->db, stmt))
    if (sqlite3_stmt_busy (stmt))
      g_error ("after %s a statement is left open: %s", after, sqlite3_sql (stmt));
}

typedef struct
{
  char         *path;
  GlossProject *a;
  GlossProject *b;
  gint64        doc;
  gint64        coder;
  gint64        code;
  gint64        coding;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->a = gloss_test_new_project (&f->path);
  f->doc = gloss_project_import_text (f->a, "t.txt", "one two three four five six seven eight nine ten", -1, &error);
  g_assert_no_error (error);
  f->coder = gloss_project_add_coder (f->a, "Amina", NULL, &error);
  g_assert_no_error (error);
  f->code = gloss_project_ensure_code_path (f->a, "Top/Child", NULL, NULL, &error);
  g_assert_no_error (error);
  f->coding = gloss_project_add_coding (f->a, f->doc, f->coder, f->code, 4, 7, "memo", &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_memo (f->a, "code", f->code, "about", &error));
  g_assert_no_error (error);
  f->b = gloss_project_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_free (f->path);
}

/* Every read of the public API, one after another. */
static void
test_reads_close_statements (Fixture       *f,
                             gconstpointer  data)
{
  GlossProject *p = f->a;
  GlossCodingFilter filter = { .document_id = f->doc };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

#define READ(expr) G_STMT_START { (void) (expr); assert_no_open_statement (p, #expr); } G_STMT_END
  READ (g_free (gloss_project_dup_title (p)));
  READ (g_free (gloss_project_dup_guid (p)));
  READ (gloss_project_get_schema_version (p));
  READ (gloss_project_get_data_version (p));
  READ (g_ptr_array_unref (gloss_project_list_documents (p, NULL)));
  READ (gloss_document_info_free (gloss_project_get_document (p, f->doc, NULL)));
  READ (gloss_project_find_document (p, "t.txt", NULL));
  READ (gloss_project_find_document (p, "nothing", NULL));
  READ (g_free (gloss_project_get_text (p, f->doc, 0, -1, NULL)));
  READ (g_bytes_unref (gloss_project_get_bytes (p, f->doc, NULL)));
  READ (g_free (gloss_project_dup_document_password (p, f->doc)));
  READ (g_ptr_array_unref (gloss_project_get_pages (p, f->doc, NULL)));
  READ (g_ptr_array_unref (gloss_project_list_coders (p, NULL)));
  READ (gloss_coder_free (gloss_project_get_coder (p, f->coder, NULL)));
  READ (gloss_project_find_coder (p, "Amina", NULL));
  READ (gloss_project_find_coder (p, "Nobody", NULL));
  READ (g_ptr_array_unref (gloss_project_list_codes (p, NULL)));
  READ (gloss_code_free (gloss_project_get_code (p, f->code, NULL)));
  READ (gloss_project_find_code (p, "Top/Child", NULL));
  READ (gloss_project_find_code (p, "Top/None", NULL));
  READ (g_free (gloss_project_dup_code_path (p, f->code, NULL)));
  READ (gloss_project_count_code_codings (p, f->code, TRUE, NULL));
  READ (gloss_coding_free (gloss_project_get_coding (p, f->coding, NULL)));
  READ (g_ptr_array_unref (gloss_project_list_codings (p, NULL, NULL)));
  READ (g_ptr_array_unref (gloss_project_list_codings (p, &filter, NULL)));
  READ (gloss_project_count_codings (p, &filter, NULL));
  READ (g_free (gloss_project_get_memo (p, "code", f->code, NULL)));
  READ (g_ptr_array_unref (gloss_project_search (p, 0, "three", FALSE, NULL)));
  READ (gloss_project_can_undo (p));
  READ (gloss_project_can_redo (p));
  READ (g_free (gloss_project_dup_undo_label (p)));
  READ (g_free (gloss_project_dup_redo_label (p)));
  READ (gloss_project_check (p, problems, NULL));
#undef READ
  g_assert_cmpuint (problems->len, ==, 0);
}

/* After reading, the other connection's commit is seen and a write works. */
static void
test_sees_other_writer (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  gint64 version;

  g_ptr_array_unref (gloss_project_list_codings (f->a, NULL, NULL));
  gloss_coding_free (gloss_project_get_coding (f->a, f->coding, NULL));
  version = gloss_project_get_data_version (f->a);

  g_assert_true (gloss_project_set_coding_memo (f->b, f->coding, "changed by b", &error));
  g_assert_no_error (error);

  g_assert_cmpint (gloss_project_get_data_version (f->a), !=, version);
  codings = gloss_project_list_codings (f->a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((GlossCoding *) codings->pdata[0])->memo, ==, "changed by b");

  g_assert_true (gloss_project_set_coding_memo (f->a, f->coding, "a again", &error));
  g_assert_no_error (error);
  version = gloss_project_get_data_version (f->b);
  g_assert_true (gloss_project_rename_code (f->a, f->code, "Renamed", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_data_version (f->b), !=, version);
  g_assert_cmpint (gloss_project_find_code (f->b, "Top/Renamed", NULL), ==, f->code);
}

static gpointer
hold_step (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_project_begin_step (f->a, "slow", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_coding_memo (f->a, f->coding, "slow", &error));
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_true (gloss_project_end_step (f->a, &error));
  g_assert_no_error (error);
  return NULL;
}

/* A step open on one connection makes the other wait, not fail. */
static void
test_write_waits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;
  gint64 id;

  thread = g_thread_new ("slow", hold_step, f);
  g_usleep (G_USEC_PER_SEC / 10);
  id = gloss_project_add_coder (f->b, "Waiting", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_thread_join (thread);

  g_assert_cmpint (gloss_project_find_coder (f->a, "Waiting", NULL), ==, id);
  g_autoptr(GlossCoding) coding = gloss_project_get_coding (f->b, f->coding, &error);
  g_assert_cmpstr (coding->memo, ==, "slow");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/connections/reads-close-statements", Fixture, NULL, fixture_set_up,
              test_reads_close_statements, fixture_tear_down);
  g_test_add ("/connections/sees-other-writer", Fixture, NULL, fixture_set_up,
              test_sees_other_writer, fixture_tear_down);
  g_test_add ("/connections/write-waits", Fixture, NULL, fixture_set_up,
              test_write_waits, fixture_tear_down);

  return g_test_run ();
}
