/* test-consensus.c: settling disagreements into the consensus coder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "gloss-test-util.h"

static const char text[] =
  "The partnership principle asks states to share responsibility. "
  "Partnership with civil society needs independence; it is not control.";

typedef struct
{
  GlossProject *project;
  char         *path;
  gint64        doc;
  gint64        amina;
  gint64        jonas;
  gint64        group;
  gint64        funding;
  gint64        trust;
  gint64        other;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->project = gloss_test_new_project (&f->path);
  f->doc = gloss_project_import_text (f->project, "forum.txt", text, -1, &error);
  f->amina = gloss_project_add_coder (f->project, "Amina", NULL, &error);
  f->jonas = gloss_project_add_coder (f->project, "Jonas", NULL, &error);
  f->group = gloss_project_add_code (f->project, 0, "Partnership", NULL, NULL, &error);
  f->funding = gloss_project_add_code (f->project, f->group, "Funding", NULL, NULL, &error);
  f->trust = gloss_project_add_code (f->project, f->group, "Trust", NULL, NULL, &error);
  f->other = gloss_project_add_code (f->project, 0, "Independence", NULL, NULL, &error);
  g_assert_no_error (error);

  /* Amina: Funding over 4:25; Jonas: Trust over 10:40 and Funding later. */
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->amina, f->funding, 4, 25, "hers", &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->jonas, f->trust, 10, 40, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->jonas, f->funding, 90, 100, NULL, &error), >, 0);
  g_assert_cmpint (gloss_project_add_coding (f->project, f->doc, f->amina, f->other, 4, 25, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->project);
  g_free (f->path);
}

static GlossConsensusPassage
passage (Fixture *f,
         gint64   start,
         gint64   end)
{
  static gint64 codes[2];
  GlossConsensusPassage p = { f->doc, start, end, codes, 2 };

  codes[0] = f->funding;
  codes[1] = f->trust;
  return p;
}

static GPtrArray *
consensus_codings (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GlossCodingFilter filter = { .document_id = f->doc };
  GPtrArray *codings;

  filter.coder_id = gloss_project_get_consensus_coder (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpint (filter.coder_id, >, 0);
  codings = gloss_project_list_codings (f->project, &filter, &error);
  g_assert_no_error (error);
  return codings;
}

static void
assert_coding (GPtrArray *codings,
               guint      i,
               gint64     code_id,
               gint64     start,
               gint64     end)
{
  GlossCoding *coding = g_ptr_array_index (codings, i);

  g_assert_cmpint (coding->code_id, ==, code_id);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
}

static void
test_no_consensus_yet (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gloss_project_get_consensus_coder (f->project, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GlossCoder) consensus = NULL;
  g_autofree char *undo = NULL;
  GlossConsensusPassage p = passage (f, 0, 50);

  g_assert_true (gloss_consensus_accept (f->project, &p, f->amina, &error));
  g_assert_no_error (error);

  /* Her Funding coding with its memo; not her Independence coding, which
   * does not count here, nor Jonas's. */
  codings = consensus_codings (f);
  g_assert_cmpuint (codings->len, ==, 1);
  assert_coding (codings, 0, f->funding, 4, 25);
  g_assert_cmpstr (((GlossCoding *) g_ptr_array_index (codings, 0))->memo, ==, "hers");
  consensus = gloss_project_get_coder (f->project, gloss_project_get_consensus_coder (f->project, NULL), &error);
  g_assert_cmpstr (consensus->name, ==, "Consensus");
  g_assert_cmpstr (consensus->color, ==, GLOSS_CONSENSUS_COLOR);

  undo = gloss_project_dup_undo_label (f->project);
  g_assert_cmpstr (undo, ==, "Accept Amina’s version");

  /* Accepting Jonas's version replaces hers over the passage only. */
  g_clear_pointer (&codings, g_ptr_array_unref);
  g_assert_true (gloss_consensus_accept (f->project, &p, f->jonas, &error));
  g_assert_no_error (error);
  codings = consensus_codings (f);
  g_assert_cmpuint (codings->len, ==, 1);
  assert_coding (codings, 0, f->trust, 10, 40);

  /* One step each: undo brings hers back, a second undo empties it. */
  g_clear_pointer (&codings, g_ptr_array_unref);
  g_assert_true (gloss_project_undo (f->project, &error));
  codings = consensus_codings (f);
  g_assert_cmpuint (codings->len, ==, 1);
  assert_coding (codings, 0, f->funding, 4, 25);
  g_assert_true (gloss_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_consensus_coder (f->project, NULL), ==, 0);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *undo = NULL;
  GlossConsensusPassage p = passage (f, 0, 50);

  g_assert_true (gloss_consensus_accept (f->project, &p, f->jonas, &error));
  g_assert_no_error (error);

  /* A narrower Funding coding replaces the accepted Trust coding. */
  g_assert_true (gloss_consensus_edit (f->project, &p, f->funding, 12, 30, &error));
  g_assert_no_error (error);
  codings = consensus_codings (f);
  g_assert_cmpuint (codings->len, ==, 1);
  assert_coding (codings, 0, f->funding, 12, 30);
  undo = gloss_project_dup_undo_label (f->project);
  g_assert_cmpstr (undo, ==, "Edit consensus coding");

  /* Bad input changes nothing. */
  g_assert_false (gloss_consensus_edit (f->project, &p, f->funding, 30, 30, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_consensus_edit (f->project, &p, f->other, 12, 30, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = consensus_codings (f);
  g_assert_cmpuint (codings->len, ==, 1);
  assert_coding (codings, 0, f->funding, 12, 30);
}

/* A coder named "Consensus" is just a coder: the consensus coder is the
 * one the file marks, and gets another name. */
static void
test_not_by_name (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCoder) consensus = NULL;
  GlossConsensusPassage p = passage (f, 0, 50);
  gint64 named = gloss_project_add_coder (f->project, "Consensus", NULL, &error);
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_consensus_coder (f->project, NULL), ==, 0);
  g_assert_true (gloss_consensus_accept (f->project, &p, f->amina, &error));
  g_assert_no_error (error);
  id = gloss_project_get_consensus_coder (f->project, NULL);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (id, !=, named);
  consensus = gloss_project_get_coder (f->project, id, &error);
  g_assert_cmpstr (consensus->name, ==, "Consensus 2");

  /* Renaming it keeps it the consensus coder. */
  g_assert_true (gloss_project_rename_coder (f->project, id, "Settled", &error));
  g_assert_cmpint (gloss_consensus_ensure_coder (f->project, &error), ==, id);
  g_assert_no_error (error);
}

/* A file of format 2 or older kept its consensus in the coder named "Consensus":
 * opening it adopts that coder. */
static void
test_older_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) reopened = NULL;
  gint64 legacy = gloss_project_add_coder (f->project, "Consensus", NULL, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  gloss_project_close (f->project);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strconcat ("ALTER TABLE document DROP COLUMN text_extraction; "
                                        "ALTER TABLE project DROP COLUMN consensus_coder; ",
                                        gloss_test_sql_before_version_6 (FALSE),
                                        /* and what the versions after it added */
                                        "DROP TABLE set_member; DROP TABLE set_item; "
                                        "DROP TABLE case_member; DROP TABLE case_item; DROP TABLE attribute_value; "
                                        "DROP TABLE attribute; DROP TABLE sync_server; DROP TABLE sync_row; DROP TABLE sync_touched; DROP TABLE sync_waiting; DROP TABLE sync_count; PRAGMA user_version = 2", NULL);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  reopened = gloss_project_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_project_get_schema_version (reopened), ==, GLOSS_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (gloss_project_get_consensus_coder (reopened, &error), ==, legacy);
  g_assert_no_error (error);
  gloss_project_close (reopened);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/consensus/none-yet", test_no_consensus_yet);
  ADD ("/consensus/accept", test_accept);
  ADD ("/consensus/edit", test_edit);
  ADD ("/consensus/not-by-name", test_not_by_name);
  ADD ("/consensus/older-file", test_older_file);
#undef ADD

  return g_test_run ();
}
