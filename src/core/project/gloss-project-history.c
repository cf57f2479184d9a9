/* gloss-project-history.c: undo and redo
 *
 * Every change to the tracked tables is written down by triggers as a row
 * of history_change (the row before and after, as JSON), grouped by the
 * step that made it. Undo replays a step's rows backwards with their old
 * values; redo replays them forwards with the new ones. Because whole rows
 * come back, an undone delete restores the same id and GUID.
 *
 * The triggers are TEMP triggers, made on each connection, so that they
 * can read the connection's current step from a TEMP table. A load of
 * many rows writes them down as one range instead, turned into rows when
 * its step is undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-project-private.h"

typedef struct
{
  const char  *table;
  GlossChange  change;
  const char  *columns[16];
} TrackedTable;

/* Documents keep their text and bytes out of the history: only what a
 * user can change of them is tracked, and they are never deleted. */
static const TrackedTable tracked_tables[] = {
  { "coder", GLOSS_CHANGE_CODERS, { "id", "guid", "name", "color", "created", NULL } },
  { "code", GLOSS_CHANGE_CODES, { "id", "guid", "parent_id", "name", "color", "description",
                                  "position", "created", "modified", "codable", NULL } },
  { "coding", GLOSS_CHANGE_CODINGS, { "id", "guid", "document_id", "coder_id", "code_id", "start",
                                      "end", "quote", "prefix", "suffix", "memo", "created",
                                      "modified", NULL } },
  { "memo", GLOSS_CHANGE_MEMOS, { "id", "guid", "target_kind", "target_id", "text", "created",
                                  "modified", NULL } },
  { "document", GLOSS_CHANGE_DOCUMENTS, { "id", "title", "removed", NULL } },
  { "project", GLOSS_CHANGE_PROJECT, { "id", "title", "modified", NULL } },
  { "attribute", GLOSS_CHANGE_ATTRIBUTES, { "id", "guid", "target", "name", "type", "choices",
                                            "description", "position", "created", NULL } },
  { "attribute_value", GLOSS_CHANGE_ATTRIBUTES, { "id", "attribute_id", "target_id", "value", NULL } },
  { "case_item", GLOSS_CHANGE_CASES, { "id", "guid", "name", "description", "created", NULL } },
  { "case_member", GLOSS_CHANGE_CASES, { "id", "guid", "case_id", "document_id", "start", "end", NULL } },
  { "set_item", GLOSS_CHANGE_SETS, { "id", "guid", "kind", "name", "rule", "description", "created", NULL } },
  { "set_member", GLOSS_CHANGE_SETS, { "id", "set_id", "member_id", NULL } },
  { "note", GLOSS_CHANGE_MEMOS, { "id", "guid", "name", "text", "author_guid", "author_name", "created",
                                  "modified", NULL } },
};

static const TrackedTable *
find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tracked_tables); i++)
    if (g_strcmp0 (tracked_tables[i].table, name) == 0)
      return &tracked_tables[i];

  return NULL;
}

/* json_object('id', ROW.id, ...) for ROW = NEW or OLD */
static char *
json_of_row (const TrackedTable *table,
             const char         *row)
{
  GString *str = g_string_new ("json_object(");

  for (guint i = 0; table->columns[i] != NULL; i++)
    g_string_append_printf (str, "%s'%s', %s.\"%s\"",
                            i > 0 ? ", " : "", table->columns[i], row, table->columns[i]);
  g_string_append_c (str, ')');

  return g_string_free (str, FALSE);
}

static char *
trigger_sql (const TrackedTable *table,
             const char         *op)
{
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  const char *event = g_str_equal (op, "insert") ? "INSERT"
                      : g_str_equal (op, "update") ? "UPDATE" : "DELETE";

  old_json = g_str_equal (op, "insert") ? g_strdup ("NULL") : json_of_row (table, "OLD");
  new_json = g_str_equal (op, "delete") ? g_strdup ("NULL") : json_of_row (table, "NEW");

  return g_strdup_printf ("CREATE TEMP TRIGGER IF NOT EXISTS gloss_history_%s_%s "
                          "AFTER %s ON main.\"%s\" "
                          "WHEN (SELECT replaying FROM temp.gloss_state) = 0 "
                          "BEGIN "
                          "  INSERT INTO history_change (step_id, tbl, op, row_id, old, new) "
                          "  VALUES ((SELECT step FROM temp.gloss_state), '%s', '%s', %s.id, %s, %s); "
                          "END",
                          table->table, op, event, table->table,
                          table->table, op, g_str_equal (op, "delete") ? "OLD" : "NEW",
                          old_json, new_json);
}

gboolean
_gloss_project_install_history_triggers (GlossProject  *self,
                                         GError       **error)
{
  static const char * const ops[] = { "insert", "update", "delete" };

  if (!_gloss_project_exec (self,
                            "CREATE TEMP TABLE IF NOT EXISTS gloss_state (step INTEGER, replaying INTEGER NOT NULL);"
                            "INSERT INTO temp.gloss_state (step, replaying) "
                            "  SELECT NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM temp.gloss_state)",
                            error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tracked_tables); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (ops); j++)
        {
          g_autofree char *sql = trigger_sql (&tracked_tables[i], ops[j]);

          if (!_gloss_project_exec (self, sql, error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
_gloss_project_set_current_step (GlossProject  *self,
                                 gint64         step_id,
                                 GError       **error)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self, "UPDATE temp.gloss_state SET step = ?1", error);

  if (stmt == NULL)
    return FALSE;

  if (step_id > 0)
    sqlite3_bind_int64 (stmt, 1, step_id);
  else
    sqlite3_bind_null (stmt, 1);

  return _gloss_project_run (self, stmt, error);
}

static gboolean
set_replaying (GlossProject  *self,
               gboolean       replaying,
               GError       **error)
{
  return _gloss_project_exec (self,
                              replaying ? "UPDATE temp.gloss_state SET replaying = 1"
                                        : "UPDATE temp.gloss_state SET replaying = 0",
                              error);
}

/* Without the trigger, not merely with its WHEN false: a statement with
 * a trigger runs the trigger's program for every row. The temporary schema
 * is part of the transaction, so a rolled back load brings it back too. */
gboolean
_gloss_project_pause_history (GlossProject  *self,
                              const char    *table_name,
                              gboolean       paused,
                              GError       **error)
{
  const TrackedTable *table = find_table (table_name);
  g_autofree char *sql = NULL;

  g_return_val_if_fail (table != NULL, FALSE);

  if (paused)
    sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.gloss_history_%s_insert", table->table);
  else
    sql = trigger_sql (table, "insert");
  return _gloss_project_exec (self, sql, error);
}

/* A range of inserted rows is one change whose "new" is {"through": last}
 * and whose row_id is the first id; a change of one row always names its
 * "id". */
#define RANGE_SQL "op = 'insert' AND old IS NULL AND new LIKE '{\"through\":%'"

gboolean
_gloss_project_record_inserts (GlossProject  *self,
                               const char    *table_name,
                               gint64         first,
                               gint64         last,
                               GError       **error)
{
  const TrackedTable *table = find_table (table_name);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (table != NULL, FALSE);

  if (first > last)
    return TRUE;
  stmt = _gloss_project_prepare (self,
                                 "INSERT INTO history_change (step_id, tbl, op, row_id, old, new) "
                                 "VALUES ((SELECT step FROM temp.gloss_state), ?1, 'insert', ?2, NULL, "
                                 "json_object ('through', ?3))",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table->table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, first);
  sqlite3_bind_int64 (stmt, 3, last);
  return _gloss_project_run (self, stmt, error);
}

typedef struct
{
  gint64              change_id;
  const TrackedTable *table;
  gint64              first, last;
} Range;

/* Writes each row of the ranges of @step_id down as the trigger would
 * have, in place of its range: the step is about to be undone, and its
 * redo needs the rows. */
static gboolean
expand_ranges (GlossProject  *self,
               gint64         step_id,
               GError       **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gloss_project_prepare (self,
                                 "SELECT id, tbl, row_id, json_extract (new, '$.through') FROM history_change "
                                 "WHERE step_id = ?1 AND " RANGE_SQL " ORDER BY id",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, step_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Range range = { sqlite3_column_int64 (stmt, 0), find_table ((const char *) sqlite3_column_text (stmt, 1)),
                      sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3) };

      if (range.table != NULL)
        g_array_append_val (ranges, range);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gloss_project_set_error (self, error, _("Cannot read the history"));
      return FALSE;
    }

  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *range = &g_array_index (ranges, Range, i);
      g_autofree char *new_json = json_of_row (range->table, "r");
      g_autofree char *sql = g_strdup_printf ("INSERT INTO history_change (step_id, tbl, op, row_id, old, new) "
                                              "SELECT ?1, '%s', 'insert', r.id, NULL, %s "
                                              "FROM main.\"%s\" AS r WHERE r.id BETWEEN ?2 AND ?3 ORDER BY r.id",
                                              range->table->table, new_json, range->table->table);

      if ((stmt = _gloss_project_prepare (self, sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, step_id);
      sqlite3_bind_int64 (stmt, 2, range->first);
      sqlite3_bind_int64 (stmt, 3, range->last);
      if (!_gloss_project_run (self, stmt, error) ||
          !_gloss_project_run_with_id (self, "DELETE FROM history_change WHERE id = ?1", range->change_id, error))
        return FALSE;
    }

  return TRUE;
}

/* Replaying one recorded change */

static char *
insert_sql (const TrackedTable *table)
{
  GString *cols = g_string_new (NULL);
  GString *values = g_string_new (NULL);
  g_autofree char *c = NULL;
  g_autofree char *v = NULL;

  for (guint i = 0; table->columns[i] != NULL; i++)
    {
      g_string_append_printf (cols, "%s\"%s\"", i > 0 ? ", " : "", table->columns[i]);
      g_string_append_printf (values, "%sjson_extract (?1, '$.%s')", i > 0 ? ", " : "", table->columns[i]);
    }

  c = g_string_free (cols, FALSE);
  v = g_string_free (values, FALSE);
  return g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s)", table->table, c, v);
}

static char *
update_sql (const TrackedTable *table)
{
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, "UPDATE \"%s\" SET ", table->table);
  for (guint i = 1; table->columns[i] != NULL; i++)
    g_string_append_printf (str, "%s\"%s\" = json_extract (?1, '$.%s')",
                            i > 1 ? ", " : "", table->columns[i], table->columns[i]);
  g_string_append (str, " WHERE id = ?2");

  return g_string_free (str, FALSE);
}

static gboolean
apply_sql (GlossProject  *self,
           const char    *sql,
           const char    *json,
           gint64         row_id,
           GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      /* Every statement names ?1 (the row as JSON) and/or ?2 (its id). */
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, row_id);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot restore the project’s earlier state"));
      return FALSE;
    }

  return TRUE;
}

/* Puts a row back into the state @json describes, or removes it (@json NULL). */
static gboolean
restore_row (GlossProject        *self,
             const TrackedTable  *table,
             const char          *op,
             gboolean             backwards,
             const char          *json,
             gint64               row_id,
             GError             **error)
{
  g_autofree char *sql = NULL;
  gboolean is_document = g_str_equal (table->table, "document");

  if (g_str_equal (op, "update"))
    sql = update_sql (table);
  else if (is_document)
    {
      /* Imports are undone by removing the document, redone by bringing it back. */
      sql = g_strdup (backwards ? "UPDATE document SET removed = 1 WHERE id = ?2"
                                : "UPDATE document SET removed = 0 WHERE id = ?2");
    }
  else if (json == NULL)
    sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id = ?2", table->table);
  else
    sql = insert_sql (table);

  return apply_sql (self, sql, json, row_id, error);
}

#define CHANGE_COLUMNS 5

/* A row of history_change as strings; old or new may be NULL. */
static void
free_change_row (gpointer data)
{
  char **row = data;

  for (int i = 0; i < CHANGE_COLUMNS; i++)
    g_free (row[i]);
  g_free (row);
}

static gboolean
replay_step (GlossProject  *self,
             gint64         step_id,
             gboolean       backwards,
             GlossChange   *changes,
             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *sql = backwards
    ? "SELECT tbl, op, row_id, old, new FROM history_change WHERE step_id = ?1 ORDER BY id DESC"
    : "SELECT tbl, op, row_id, old, new FROM history_change WHERE step_id = ?1 ORDER BY id ASC";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_change_row);

  /* Read every change first: the replay must not run under an open cursor. */
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot read the history"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, step_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, CHANGE_COLUMNS);
      for (int i = 0; i < CHANGE_COLUMNS; i++)
        row[i] = _gloss_column_dup_text (stmt, i);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      const TrackedTable *table = find_table (row[0]);
      const char *op = row[1];
      const char *json = backwards ? row[3] : row[4];

      if (table == NULL)
        continue;

      *changes |= table->change;
      if (!restore_row (self, table, op, backwards, json, g_ascii_strtoll (row[2], NULL, 10), error))
        return FALSE;
    }

  return TRUE;
}

static gint64
find_step (GlossProject *self,
           gboolean      for_undo,
           char        **label)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = _gloss_project_prepare (self,
                                 for_undo
                                 ? "SELECT id, label FROM history_step WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                                 : "SELECT id, label FROM history_step WHERE undone = 1 ORDER BY id ASC LIMIT 1",
                                 NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (label != NULL)
        *label = _gloss_column_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  return id;
}

static gboolean
undo_or_redo (GlossProject  *self,
              gboolean       undo,
              GError       **error)
{
  GlossChange changes = 0;
  gint64 step_id;
  sqlite3_stmt *stmt;

  if (!_gloss_project_check_writable (self, error))
    return FALSE;

  if (self->step_depth > 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot undo in the middle of a change"));
      return FALSE;
    }

  if (!_gloss_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  step_id = find_step (self, undo, NULL);
  if (step_id == 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, GLOSS_ERROR, undo ? GLOSS_ERROR_NOTHING_TO_UNDO : GLOSS_ERROR_NOTHING_TO_REDO,
                   undo ? _("Nothing to undo") : _("Nothing to redo"));
      return FALSE;
    }

  if (!_gloss_project_exec (self, "PRAGMA defer_foreign_keys = ON", error) ||
      (undo && !expand_ranges (self, step_id, error)) ||
      !set_replaying (self, TRUE, error) ||
      !replay_step (self, step_id, undo, &changes, error))
    goto fail;

  stmt = _gloss_project_prepare (self, "UPDATE history_step SET undone = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, step_id);
  sqlite3_bind_int (stmt, 2, undo ? 1 : 0);
  if (!_gloss_project_run (self, stmt, error) ||
      !set_replaying (self, FALSE, error))
    goto fail;

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, undo ? _("Cannot undo") : _("Cannot redo"));
      goto fail;
    }

  g_signal_emit_by_name (self, "changed", (guint) changes);
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  set_replaying (self, FALSE, NULL);
  return FALSE;
}

gboolean
gloss_project_undo (GlossProject  *self,
                    GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return undo_or_redo (self, TRUE, error);
}

gboolean
gloss_project_redo (GlossProject  *self,
                    GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return undo_or_redo (self, FALSE, error);
}

/* Naming a step */

void
gloss_history_step_free (GlossHistoryStep *step)
{
  if (step == NULL)
    return;
  g_free (step->label);
  g_free (step);
}

gboolean
gloss_history_step_is_large (const GlossHistoryStep *step)
{
  g_return_val_if_fail (step != NULL, FALSE);

  return step->n_items > GLOSS_HISTORY_LARGE_STEP;
}

static void
append_count (GString    *str,
              guint       n,
              const char *text)
{
  if (n == 0)
    return;
  if (str->len > 0)
    g_string_append (str, ", ");
  g_string_append (str, text);
}

char *
gloss_history_step_describe (const GlossHistoryStep *step)
{
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree char *documents = NULL, *coders = NULL, *codes = NULL, *codings = NULL, *memos = NULL;

  g_return_val_if_fail (step != NULL, NULL);

  if (step->n_items <= GLOSS_HISTORY_FEW_ITEMS)
    return g_strdup (step->label);

  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents",
                                            step->n_documents), step->n_documents);
  coders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coder", "%u coders",
                                         step->n_coders), step->n_coders);
  codes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u code", "%u codes",
                                        step->n_codes), step->n_codes);
  codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings",
                                          step->n_codings), step->n_codings);
  memos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u memo", "%u memos",
                                        step->n_memos), step->n_memos);
  append_count (counts, step->n_documents, documents);
  append_count (counts, step->n_coders, coders);
  append_count (counts, step->n_codes, codes);
  append_count (counts, step->n_codings, codings);
  append_count (counts, step->n_memos, memos);
  if (counts->len == 0)
    return g_strdup (step->label);

  /* Translators: a change and what it touched, "Load codings (2 coders, 49 codings)" */
  return g_strdup_printf (_("%s (%s)"), step->label, counts->str);
}

static void
count_step_items (GlossProject     *self,
                  GlossHistoryStep *step)
{
  sqlite3_stmt *stmt = _gloss_project_prepare (self,
                                               "SELECT tbl, count (DISTINCT row_id) + "
                                               "  total (CASE WHEN " RANGE_SQL " THEN json_extract (new, '$.through') - row_id END) "
                                               "FROM history_change WHERE step_id = ?1 GROUP BY tbl",
                                               NULL);

  if (stmt == NULL)
    return;

  sqlite3_bind_int64 (stmt, 1, step->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *tbl = (const char *) sqlite3_column_text (stmt, 0);
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      step->n_items += n;
      if (g_strcmp0 (tbl, "coder") == 0)
        step->n_coders = n;
      else if (g_strcmp0 (tbl, "code") == 0)
        step->n_codes = n;
      else if (g_strcmp0 (tbl, "coding") == 0)
        step->n_codings = n;
      else if (g_strcmp0 (tbl, "memo") == 0)
        step->n_memos = n;
      else if (g_strcmp0 (tbl, "document") == 0)
        step->n_documents = n;
    }
  sqlite3_reset (stmt);
}

static GlossHistoryStep *
get_step (GlossProject *self,
          gboolean      for_undo)
{
  g_autofree char *label = NULL;
  GlossHistoryStep *step;
  gint64 id;

  if (self->read_only)
    return NULL;

  id = find_step (self, for_undo, &label);
  if (id == 0)
    return NULL;

  step = g_new0 (GlossHistoryStep, 1);
  step->id = id;
  step->label = g_steal_pointer (&label);
  count_step_items (self, step);

  return step;
}

GlossHistoryStep *
gloss_project_get_undo_step (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return get_step (self, TRUE);
}

GlossHistoryStep *
gloss_project_get_redo_step (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return get_step (self, FALSE);
}

/* Handing over */

gboolean
gloss_project_clear_history (GlossProject  *self,
                             GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!_gloss_project_check_writable (self, error))
    return FALSE;

  if (self->step_depth > 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("Cannot forget the history in the middle of a change"));
      return FALSE;
    }

  if (!_gloss_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!_gloss_project_exec (self, "DELETE FROM history_change; DELETE FROM history_step", error) ||
      !_gloss_project_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
gloss_project_can_undo (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return !self->read_only && find_step (self, TRUE, NULL) != 0;
}

gboolean
gloss_project_can_redo (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return !self->read_only && find_step (self, FALSE, NULL) != 0;
}

char *
gloss_project_dup_undo_label (GlossProject *self)
{
  char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  find_step (self, TRUE, &label);
  return label;
}

char *
gloss_project_dup_redo_label (GlossProject *self)
{
  char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  find_step (self, FALSE, &label);
  return label;
}
