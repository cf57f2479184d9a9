/* test-history.c: every change can be undone and redone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "gloss-project-exchange.h"
#include "gloss-test-util.h"

/* The whole content a user can see, as one string, to compare states. */
static char *
snapshot (const char *path)
{
  static const char * const queries[] = {
    "SELECT id, guid, name, color FROM coder ORDER BY id",
    "SELECT id, guid, ifnull (parent_id, 0), name, color, description, position FROM code ORDER BY id",
    "SELECT id, guid, document_id, coder_id, code_id, start, end, quote, prefix, suffix, ifnull (memo, ''), created, modified FROM coding ORDER BY id",
    "SELECT id, target_kind, target_id, text FROM memo ORDER BY id",
    "SELECT id, title FROM document WHERE removed = 0 ORDER BY id",
    "SELECT title FROM project",
  };
  GString *str = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (str, "%s|", sqlite3_column_text (stmt, c));
          g_string_append_c (str, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (str, "--\n");
    }
  sqlite3_close (db);

  return g_string_free (str, FALSE);
}

typedef gboolean (*Change) (GlossProject *project, gint64 *ids);

/* Applies @change, checks undo gives back the exact state before and redo
 * the exact state after, twice over. */
static void
check_undo_redo (const char *label,
                 Change      change)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ids[8] = { 0 };

  g_test_message ("%s", label);
  ids[0] = gloss_project_import_text (project, "t.txt", "Partnership requires accountability and trust.", -1, &error);
  ids[1] = gloss_project_add_coder (project, "Amina", NULL, &error);
  ids[2] = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  ids[3] = gloss_project_add_code (project, ids[2], "Funding", NULL, NULL, &error);
  ids[4] = gloss_project_add_coding (project, ids[0], ids[1], ids[3], 0, 11, "memo", &error);
  ids[5] = gloss_project_add_coding (project, ids[0], ids[1], ids[2], 12, 20, NULL, &error);
  ids[6] = gloss_project_add_code (project, 0, "Trust", NULL, NULL, &error);
  g_assert_no_error (error);

  before = snapshot (path);
  g_assert_true (change (project, ids));
  after = snapshot (path);
  g_assert_cmpstr (before, !=, after);

  for (int round = 0; round < 2; round++)
    {
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      g_assert_true (gloss_project_can_undo (project));
      g_assert_true (gloss_project_undo (project, &error));
      g_assert_no_error (error);
      undone = snapshot (path);
      g_assert_cmpstr (undone, ==, before);

      g_assert_true (gloss_project_can_redo (project));
      g_assert_true (gloss_project_redo (project, &error));
      g_assert_no_error (error);
      redone = snapshot (path);
      g_assert_cmpstr (redone, ==, after);
    }
}

static gboolean
add_coding (GlossProject *p, gint64 *ids)
{
  return gloss_project_add_coding (p, ids[0], ids[1], ids[6], 30, 44, NULL, NULL) > 0;
}

static gboolean
delete_coding (GlossProject *p, gint64 *ids)
{
  return gloss_project_delete_coding (p, ids[4], NULL);
}

static gboolean
change_coding_code (GlossProject *p, gint64 *ids)
{
  return gloss_project_set_coding_code (p, ids[4], ids[6], NULL);
}

static gboolean
change_coding_range (GlossProject *p, gint64 *ids)
{
  return gloss_project_set_coding_range (p, ids[4], 1, 9, NULL);
}

static gboolean
change_coding_memo (GlossProject *p, gint64 *ids)
{
  return gloss_project_set_coding_memo (p, ids[4], "changed", NULL);
}

static gboolean
delete_code (GlossProject *p, gint64 *ids)
{
  return gloss_project_delete_code (p, ids[2], NULL);
}

static gboolean
merge_code (GlossProject *p, gint64 *ids)
{
  return gloss_project_merge_code (p, ids[2], ids[6], NULL);
}

static gboolean
move_code (GlossProject *p, gint64 *ids)
{
  return gloss_project_move_code (p, ids[3], ids[6], 0, NULL);
}

static gboolean
rename_code (GlossProject *p, gint64 *ids)
{
  return gloss_project_rename_code (p, ids[3], "Donors", NULL);
}

static gboolean
recolor_code (GlossProject *p, gint64 *ids)
{
  return gloss_project_set_code_color (p, ids[3], "#123456", NULL);
}

static gboolean
add_coder (GlossProject *p, gint64 *ids)
{
  return gloss_project_add_coder (p, "Jonas", NULL, NULL) > 0;
}

static gboolean
rename_coder (GlossProject *p, gint64 *ids)
{
  return gloss_project_rename_coder (p, ids[1], "Amina B.", NULL);
}

static gboolean
set_memo (GlossProject *p, gint64 *ids)
{
  return gloss_project_set_memo (p, "document", ids[0], "Forum contribution", NULL);
}

static gboolean
remove_document (GlossProject *p, gint64 *ids)
{
  return gloss_project_remove_document (p, ids[0], NULL);
}

static gboolean
import_document (GlossProject *p, gint64 *ids)
{
  return gloss_project_import_text (p, "u.txt", "Another text.", -1, NULL) > 0;
}

static gboolean
load_json (GlossProject *p, gint64 *ids)
{
  return gloss_project_load_json (p, "{\"codes\": [{\"path\": \"New/Deep\"}], \"codings\": ["
                                     "{\"document\": \"t.txt\", \"coder\": \"Zoe\", \"code\": \"New/Deep\", \"start\": 2, \"end\": 5}]}",
                                  -1, NULL);
}

static void
test_each_change (void)
{
  check_undo_redo ("add coding", add_coding);
  check_undo_redo ("delete coding", delete_coding);
  check_undo_redo ("change coding code", change_coding_code);
  check_undo_redo ("change coding range", change_coding_range);
  check_undo_redo ("change coding memo", change_coding_memo);
  check_undo_redo ("delete code", delete_code);
  check_undo_redo ("merge code", merge_code);
  check_undo_redo ("move code", move_code);
  check_undo_redo ("rename code", rename_code);
  check_undo_redo ("recolor code", recolor_code);
  check_undo_redo ("add coder", add_coder);
  check_undo_redo ("rename coder", rename_coder);
  check_undo_redo ("set memo", set_memo);
  check_undo_redo ("remove document", remove_document);
  check_undo_redo ("import document", import_document);
  check_undo_redo ("load json", load_json);
}

static void
test_stack (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GlossCoding) restored = NULL;
  g_autoptr(GlossCoding) original = NULL;
  g_autofree char *guid = NULL;
  gint64 doc, coder, code, coding;

  g_assert_false (gloss_project_can_undo (project));
  g_assert_false (gloss_project_undo (project, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability.", -1, &error);
  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  coding = gloss_project_add_coding (project, doc, coder, code, 0, 11, NULL, &error);
  original = gloss_project_get_coding (project, coding, NULL);
  guid = g_strdup (original->guid);
  g_assert_true (gloss_project_delete_coding (project, coding, &error));

  label = gloss_project_dup_undo_label (project);
  g_assert_cmpstr (label, ==, "Delete coding");

  /* History survives closing the project; undo restores the same GUID. */
  gloss_project_close (project);
  reopened = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_undo (reopened, &error));
  restored = gloss_project_get_coding (reopened, coding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored->guid, ==, guid);

  /* A new change forgets what could be redone. */
  g_assert_true (gloss_project_undo (reopened, &error));
  g_assert_true (gloss_project_can_redo (reopened));
  gloss_project_add_coder (reopened, "Jonas", NULL, &error);
  g_assert_false (gloss_project_can_redo (reopened));
  g_assert_false (gloss_project_redo (reopened, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOTHING_TO_REDO);
}

static void
test_failed_change_leaves_no_step (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  gloss_project_add_coder (project, "Amina", NULL, &error);
  g_assert_cmpint (gloss_project_add_coder (project, "Amina", NULL, &error), ==, 0);
  g_clear_error (&error);
  label = gloss_project_dup_undo_label (project);
  g_assert_cmpstr (label, ==, "Add coder “Amina”");
}

/* The bundled sample is handed over: a fresh copy has nothing to undo, and
 * an attempt changes nothing. */
static void
test_sample_starts_empty (void)
{
  const char *sample = g_getenv ("GLOSS_SAMPLE_PROJECT");
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.gloss", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_nonnull (sample);
  g_assert_true (g_file_get_contents (sample, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  before = snapshot (path);

  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_project_can_undo (project));
  g_assert_false (gloss_project_can_redo (project));
  g_assert_false (gloss_project_undo (project, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOTHING_TO_UNDO);
  gloss_project_close (project);

  after = snapshot (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (before, "Amina"));
}

/* Steps carry a label; one that touches many rows is named with its counts,
 * and undo and redo name the same step. */
static void
test_step_labels (void)
{
  g_autoptr(GlossProject) project = gloss_test_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"coders\": [{\"name\": \"Amina\"}, {\"name\": \"Jonas\"}],"
                                          " \"codes\": [{\"path\": \"Partnership/Funding\"}], \"codings\": [");
  g_autoptr(GlossHistoryStep) step = NULL;
  g_autofree char *description = NULL;
  gint64 code;

  g_assert_null (gloss_project_get_undo_step (project));
  g_assert_null (gloss_project_get_redo_step (project));

  gloss_project_import_text (project, "t.txt", "Partnership requires funding and accountability.", -1, &error);
  g_assert_no_error (error);
  code = gloss_project_add_code (project, 0, "Funding", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_delete_code (project, code, &error));

  /* A small step is named by its label alone. */
  step = gloss_project_get_undo_step (project);
  g_assert_nonnull (step);
  g_assert_cmpstr (step->label, ==, "Delete code “Funding”");
  g_assert_cmpuint (step->n_codes, ==, 1);
  g_assert_cmpuint (step->n_items, ==, 1);
  g_assert_false (gloss_history_step_is_large (step));
  description = gloss_history_step_describe (step);
  g_assert_cmpstr (description, ==, "Delete code “Funding”");
  g_clear_pointer (&description, g_free);
  g_clear_pointer (&step, gloss_history_step_free);

  g_assert_true (gloss_project_undo (project, &error));
  step = gloss_project_get_redo_step (project);
  g_assert_cmpstr (step->label, ==, "Delete code “Funding”");
  g_clear_pointer (&step, gloss_history_step_free);
  g_assert_true (gloss_project_redo (project, &error));

  /* A large one says what it holds. */
  for (int i = 0; i < 12; i++)
    g_string_append_printf (json, "%s{\"document\": \"t.txt\", \"coder\": \"%s\", "
                            "\"code\": \"Partnership/Funding\", \"start\": %d, \"end\": %d}",
                            i > 0 ? ", " : "", i % 2 ? "Jonas" : "Amina", i, i + 5);
  g_string_append (json, "]}");
  g_assert_true (gloss_project_load_json (project, json->str, -1, &error));
  g_assert_no_error (error);

  step = gloss_project_get_undo_step (project);
  g_assert_cmpstr (step->label, ==, "Load codings");
  g_assert_cmpuint (step->n_coders, ==, 2);
  g_assert_cmpuint (step->n_codes, ==, 2);
  g_assert_cmpuint (step->n_codings, ==, 12);
  g_assert_cmpuint (step->n_items, ==, 16);
  g_assert_true (gloss_history_step_is_large (step));
  description = gloss_history_step_describe (step);
  g_assert_cmpstr (description, ==, "Load codings (2 coders, 2 codes, 12 codings)");
  g_clear_pointer (&description, g_free);
  g_clear_pointer (&step, gloss_history_step_free);

  g_assert_true (gloss_project_undo (project, &error));
  step = gloss_project_get_redo_step (project);
  description = gloss_history_step_describe (step);
  g_assert_cmpstr (description, ==, "Load codings (2 coders, 2 codes, 12 codings)");
}

/* Handing over forgets the history and nothing else; later changes can be
 * undone again. */
static void
test_clear_history (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;

  gloss_project_import_text (project, "t.txt", "Partnership requires accountability.", -1, &error);
  gloss_project_add_coder (project, "Amina", NULL, &error);
  gloss_project_add_coder (project, "Jonas", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_undo (project, &error));
  g_assert_true (gloss_project_can_redo (project));
  before = snapshot (path);

  g_assert_true (gloss_project_clear_history (project, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_project_can_undo (project));
  g_assert_false (gloss_project_can_redo (project));
  after = snapshot (path);
  g_assert_cmpstr (after, ==, before);

  /* It holds across closing, and the next change is a step of its own. */
  gloss_project_close (project);
  reopened = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_project_can_undo (reopened));
  gloss_project_add_coder (reopened, "Zoe", NULL, &error);
  g_assert_no_error (error);
  label = gloss_project_dup_undo_label (reopened);
  g_assert_cmpstr (label, ==, "Add coder “Zoe”");
  g_assert_true (gloss_project_undo (reopened, &error));
  g_assert_false (gloss_project_can_undo (reopened));
  g_clear_pointer (&after, g_free);
  after = snapshot (path);
  g_assert_cmpstr (after, ==, before);
}

/* A coder's copy starts with an empty history: the coder's undo cannot take
 * back the lead's work, nor bring back what the copy left out. */
static void
test_copy_for_coder_starts_empty (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GlossProject) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = gloss_test_make_tmpdir ();
  g_autofree char *copy_path = g_build_filename (dir, "coder.gloss", NULL);
  gint64 doc, coder, code;

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability.", -1, &error);
  coder = gloss_project_add_coder (project, "Amina", NULL, &error);
  code = gloss_project_add_code (project, 0, "Partnership", NULL, NULL, &error);
  gloss_project_add_coding (project, doc, coder, code, 0, 11, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_project_copy_for_coder (project, copy_path, "Jonas", TRUE, &error));
  g_assert_no_error (error);
  copy = gloss_project_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_project_can_undo (copy));
  g_assert_false (gloss_project_can_redo (copy));

  /* The lead keeps the history. */
  g_assert_true (gloss_project_can_undo (project));
}

static void
assert_state (const char *path,
              const char *expected)
{
  g_autofree char *state = snapshot (path);

  g_assert_cmpstr (state, ==, expected);
}

static int
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Each history row of a coding holds the coding as the trigger writes it:
 * the same keys in every row, the values of the coding saved. */
static int
check_coding_history_rows (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *shape = NULL;
  int rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT group_concat (key) FROM json_each (h.new)), "
                                       "h.new = json_object ('id', c.id, 'guid', c.guid, 'document_id', c.document_id, "
                                       "'coder_id', c.coder_id, 'code_id', c.code_id, 'start', c.start, 'end', c.end, "
                                       "'quote', c.quote, 'prefix', c.prefix, 'suffix', c.suffix, 'memo', c.memo, "
                                       "'created', c.created, 'modified', c.modified), h.op, h.old IS NULL "
                                       "FROM history_change h JOIN coding c ON c.id = h.row_id "
                                       "WHERE h.tbl = 'coding' AND json_extract (h.new, '$.through') IS NULL ORDER BY h.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *keys = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      if (shape == NULL)
        shape = g_intern_string (keys);
      g_assert_cmpstr (keys, ==, shape);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "insert");
      g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
      rows++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

#define LOAD_CODING_CHANGES \
  "SELECT count(*) FROM history_change WHERE tbl = 'coding' AND step_id = (SELECT min (id) FROM history_step)"

/* A load writes the history of its codings as one change, not a row per
 * coding; undoing it removes them all, and redo brings back the same
 * codings (ids, GUIDs, quotes, memos), as often as asked. After the load
 * a coding added on its own is written down by the trigger again. */
static void
test_load_history_range (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = gloss_test_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossHistoryStep) step = NULL;
  g_autofree char *before = NULL, *loaded = NULL, *added = NULL, *description = NULL;
  gint64 doc, coder, code;

  doc = gloss_project_import_text (project, "t.txt", "Partnership requires accountability and trust.", -1, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_clear_history (project, &error));
  before = snapshot (path);
  g_assert_true (gloss_project_load_json (project,
                                          "{\"codings\": ["
                                          "{\"document\": \"t.txt\", \"coder\": \"Zoe\", \"code\": \"A\", \"start\": 0, \"end\": 11},"
                                          "{\"document\": \"t.txt\", \"coder\": \"Zoe\", \"code\": \"B\", \"start\": 12, \"end\": 20, \"memo\": \"m\"},"
                                          "{\"document\": \"t.txt\", \"coder\": \"Ian\", \"code\": \"A\", \"start\": 2, \"end\": 30}]}",
                                          -1, &error));
  g_assert_no_error (error);
  loaded = snapshot (path);
  g_assert_cmpint (count_rows (path, LOAD_CODING_CHANGES), ==, 1);
  step = gloss_project_get_undo_step (project);
  g_assert_cmpuint (step->n_codings, ==, 3);
  g_assert_cmpuint (step->n_coders, ==, 2);
  g_assert_cmpuint (step->n_codes, ==, 2);

  coder = gloss_project_find_coder (project, "Ian", NULL);
  code = gloss_project_find_code (project, "B", NULL);
  g_assert_cmpint (gloss_project_add_coding (project, doc, coder, code, 5, 9, NULL, &error), >, 0);
  g_assert_no_error (error);
  added = snapshot (path);
  g_assert_cmpint (check_coding_history_rows (path), ==, 1);

  /* back to before the load, and forwards again, twice */
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (gloss_project_undo (project, &error));
      g_assert_true (gloss_project_undo (project, &error));
      g_assert_no_error (error);
      assert_state (path, before);
      g_assert_cmpint (gloss_project_count_codings (project, NULL, NULL), ==, 0);
      g_assert_cmpint (gloss_project_find_coder (project, "Zoe", NULL), ==, 0);

      g_assert_true (gloss_project_redo (project, &error));
      g_assert_no_error (error);
      assert_state (path, loaded);
      g_assert_true (gloss_project_redo (project, &error));
      g_assert_no_error (error);
      assert_state (path, added);
    }

  /* once undone, the load's codings are written down one by one */
  g_assert_cmpint (count_rows (path, LOAD_CODING_CHANGES), ==, 3);
  g_assert_cmpint (check_coding_history_rows (path), ==, 4);
  g_clear_pointer (&step, gloss_history_step_free);
  g_assert_true (gloss_project_undo (project, &error));
  step = gloss_project_get_undo_step (project);
  description = gloss_history_step_describe (step);
  g_assert_cmpstr (description, ==, "Load codings (2 coders, 2 codes, 3 codings)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/each-change", test_each_change);
  g_test_add_func ("/history/stack", test_stack);
  g_test_add_func ("/history/load-history-range", test_load_history_range);
  g_test_add_func ("/history/failed-change-leaves-no-step", test_failed_change_leaves_no_step);
  g_test_add_func ("/history/sample-starts-empty", test_sample_starts_empty);
  g_test_add_func ("/history/step-labels", test_step_labels);
  g_test_add_func ("/history/clear-history", test_clear_history);
  g_test_add_func ("/history/copy-for-coder-starts-empty", test_copy_for_coder_starts_empty);

  return g_test_run ();
}
