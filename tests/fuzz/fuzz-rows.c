/* fuzz-rows.c: a valid project file, and mutations of its rows
 *
 * An input is read as: one byte of flags (bit 0: make the tables again
 * without their constraints first), then up to 12 mutations of at least
 * four bytes each: the table, the row (the n-th by rowid), the column, and
 * what to put there, with the bytes after it as its payload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "fuzz-rows.h"

static const char * const tables[] = {
  "project", "coder", "document", "document_blob", "page", "code", "coding", "memo",
  "attribute", "attribute_value", "case_item", "case_member", "set_item", "set_member",
  "history_step", "history_change",
};

#define MAX_MUTATIONS 12

static char *folder;
static char *base;
static char *stripped;

static void
remove_folder (void)
{
  fuzz_rows_remove (base);
  fuzz_rows_remove (stripped);
  g_rmdir (folder);
}

void
fuzz_rows_remove (const char *path)
{
  gloss_project_remove_files (path, NULL);
}

const char *
fuzz_rows_base (void)
{
  return base;
}

static void
build_base (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, "Fuzz", &error);
  GString *long_text = g_string_new (NULL);
  gint64 doc, doc2, amina, jonas, funding, voice, attribute, kase, set;

  g_assert_no_error (error);
  for (int i = 0; i < 120; i++)
    g_string_append_printf (long_text, "Line %d of the interview: we were consulted once, résumé 日本語.\n", i);
  doc = gloss_project_import_text (project, "forum.txt",
                                   "Partnership and funding: the compact asks for burden sharing.\n"
                                   "Whole-of-society approaches, naïve, 日本語 and 😀 too.\n", -1, &error);
  g_assert_no_error (error);
  doc2 = gloss_project_import_text (project, "interview.txt", long_text->str, -1, &error);
  g_assert_no_error (error);
  g_string_free (long_text, TRUE);
  amina = gloss_project_add_coder (project, "Amina", "#813d9c", &error);
  jonas = gloss_project_add_coder (project, "Jonas", "#3584e4", &error);
  funding = gloss_project_ensure_code_path (project, "Partnership/Funding", NULL, "Money", &error);
  voice = gloss_project_ensure_code_path (project, "Voice", NULL, NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_coding (project, doc, amina, funding, 0, 11, "key claim", &error);
  gloss_project_add_coding (project, doc, jonas, funding, 2, 11, NULL, &error);
  gloss_project_add_coding (project, doc, amina, voice, 40, 60, NULL, &error);
  gloss_project_add_coding (project, doc2, jonas, voice, 100, 180, NULL, &error);
  gloss_project_add_coding (project, doc2, amina, voice, 120, 5000, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_memo (project, "document", doc, "A memo on the forum.", &error);
  g_assert_no_error (error);
  attribute = gloss_project_add_attribute (project, GLOSS_ATTRIBUTE_ON_DOCUMENT, "year",
                                           GLOSS_ATTRIBUTE_NUMBER, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_attribute_value (project, attribute, doc, "2021", &error);
  kase = gloss_project_add_case (project, "Amina's group", NULL, &error);
  gloss_project_add_case_member (project, kase, doc2, 10, 50, &error);
  set = gloss_project_add_set (project, GLOSS_SET_DOCUMENTS, "picked", NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_set_members (project, set, &doc, 1, &error);
  g_assert_no_error (error);
  gloss_project_close (project);
}

/* The same columns, without NOT NULL, UNIQUE, DEFAULT, CHECK, REFERENCES. */
static void
strip_constraints (const char *path)
{
  static const char * const patterns[] = {
    "\\s+NOT NULL", "\\s+UNIQUE(?! \\()", ",\\s*UNIQUE \\([^)]*\\)", "\\s+DEFAULT ('[^']*'|\\d+)",
    "\\s+CHECK \\((?:[^()]|\\([^()]*\\))*\\)", "\\s+REFERENCES \\w+ \\(\\w+\\)( ON DELETE CASCADE)?",
    "\\s+COLLATE NOCASE", ",\\s*PRIMARY KEY \\([^)]*\\)\\) WITHOUT ROWID",
  };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sqls = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* code before set_item: rebuilding code drops the trigger on it that names set_item */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *sql = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
        {
          g_autoptr(GRegex) regex = g_regex_new (patterns[i], G_REGEX_OPTIMIZE, 0, NULL);
          char *next = g_regex_replace (regex, sql, -1, 0, i == G_N_ELEMENTS (patterns) - 1 ? ")" : "", 0, NULL);

          g_free (sql);
          sql = next;
        }
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (sqls, sql);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF; BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *sql = sqlite3_mprintf ("ALTER TABLE \"%w\" RENAME TO \"old_%w\"; %s; "
                                   "INSERT INTO \"%w\" SELECT * FROM \"old_%w\"; DROP TABLE \"old_%w\"",
                                   name, name, (const char *) g_ptr_array_index (sqls, i), name, name, name);
      char *message = NULL;

      if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("%s: %s", sql, message);
      sqlite3_free (sql);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

const char *
fuzz_rows_init (void)
{
  g_autoptr(GError) error = NULL;

  if (folder != NULL)
    return folder;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  folder = g_dir_make_tmp ("gloss-fuzz-rows-XXXXXX", &error);
  g_assert_no_error (error);
  base = g_build_filename (folder, "base.gloss", NULL);
  stripped = g_build_filename (folder, "stripped.gloss", NULL);
  build_base (base);
  {
    g_autoptr(GFile) from = g_file_new_for_path (base);
    g_autoptr(GFile) to = g_file_new_for_path (stripped);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  }
  strip_constraints (stripped);
  atexit (remove_folder);
  return folder;
}

/* The mutations */

typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         at;
} Reader;

static guint
read_byte (Reader *reader)
{
  return reader->at < reader->size ? reader->data[reader->at++] : 0;
}

static gint64
read_int (Reader *reader)
{
  guint64 value = 0;

  for (int i = 0; i < 8; i++)
    value = value << 8 | read_byte (reader);
  return (gint64) value;
}

static GPtrArray *
columns_of (sqlite3    *db,
            const char *table)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  return columns;
}

/* The row as "the n-th row" in a WHERE clause that works for the one table
 * without a rowid (page) as for the others. */
static char *
row_condition (const char *table,
               guint       n)
{
  if (g_strcmp0 (table, "page") == 0)
    return sqlite3_mprintf ("(document_id, idx) IN (SELECT document_id, idx FROM page ORDER BY 1, 2 "
                            "LIMIT 1 OFFSET %u)", n % 8);
  return sqlite3_mprintf ("rowid IN (SELECT rowid FROM \"%w\" ORDER BY rowid LIMIT 1 OFFSET %u)", table, n % 8);
}

static void
mutate (sqlite3 *db,
        Reader  *reader)
{
  const char *table = tables[read_byte (reader) % G_N_ELEMENTS (tables)];
  guint row = read_byte (reader);
  guint column_pick = read_byte (reader);
  guint kind = read_byte (reader) % 14;
  g_autoptr(GPtrArray) columns = columns_of (db, table);
  const char *column;
  char *where, *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  if (columns->len == 0)
    return;
  column = g_ptr_array_index (columns, column_pick % columns->len);
  where = row_condition (table, row);

  switch (kind)
    {
    case 0:
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = NULL WHERE %s", table, column, where);
      break;
    case 1:  /* a number given by the input */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = %lld WHERE %s", table, column,
                             (long long) read_int (reader), where);
      break;
    case 2:  /* the extremes */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = %s WHERE %s", table, column,
                             (const char *[]) { "9223372036854775807", "-9223372036854775808", "-1", "0",
                                                "2147483648", "1e308", "-0.0", "4294967296" }[read_byte (reader) % 8],
                             where);
      break;
    case 3:  /* text of the input's bytes, UTF-8 or not */
    case 4:  /* the same as a blob */
      {
        guint wanted = read_byte (reader);
        guint length = MIN (wanted, reader->size - reader->at);

        sql = sqlite3_mprintf (kind == 3 ? "UPDATE \"%w\" SET \"%w\" = CAST (?1 AS TEXT) WHERE %s"
                                         : "UPDATE \"%w\" SET \"%w\" = ?1 WHERE %s", table, column, where);
        if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
          {
            sqlite3_bind_blob (stmt, 1, reader->data + reader->at, length, SQLITE_TRANSIENT);
            sqlite3_step (stmt);
          }
        sqlite3_finalize (stmt);
        reader->at += length;
        sqlite3_free (sql);
        sql = NULL;
      }
      break;
    case 5:  /* a huge text */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = CAST (zeroblob (%u) AS TEXT) || 'x' WHERE %s", table,
                             column, 1u << (16 + read_byte (reader) % 6), where);
      break;
    case 6:  /* the value of another row: duplicate GUIDs, references elsewhere */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = (SELECT \"%w\" FROM \"%w\" ORDER BY 1 LIMIT 1 OFFSET %u) "
                             "WHERE %s", table, column, column, table, read_byte (reader) % 8, where);
      break;
    case 7:  /* a reference to a row that is not there */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = \"%w\" + %d WHERE %s", table, column, column,
                             1 + (int) read_byte (reader), where);
      break;
    case 8:  /* a negative offset */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = -\"%w\" - %d WHERE %s", table, column, column,
                             (int) read_byte (reader), where);
      break;
    case 9:
      sql = sqlite3_mprintf ("DELETE FROM \"%w\" WHERE %s", table, where);
      break;
    case 10:  /* the row again under a new id (same GUID) */
      sql = sqlite3_mprintf ("INSERT INTO \"%w\" SELECT * FROM \"%w\" WHERE %s", table, table, where);
      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK && g_strcmp0 ((const char *) g_ptr_array_index (columns, 0), "id") == 0)
        {
          g_autoptr(GString) list = g_string_new ("(SELECT max (id) + 1 FROM \"");
          g_string_append (list, table);
          g_string_append (list, "\")");
          for (guint i = 1; i < columns->len; i++)
            g_string_append_printf (list, ", \"%s\"", (const char *) g_ptr_array_index (columns, i));
          sqlite3_free (sql);
          sql = sqlite3_mprintf ("INSERT INTO \"%w\" SELECT %s FROM \"%w\" WHERE %s", table, list->str, table,
                                 where);
        }
      else
        {
          sqlite3_free (sql);
          sql = NULL;
        }
      break;
    case 11:  /* a value of another type */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = CASE typeof (\"%w\") WHEN 'integer' THEN 'twelve' "
                             "WHEN 'text' THEN 12.5 ELSE x'00ff' END WHERE %s", table, column, column, where);
      break;
    case 12:  /* an id swapped with another row's */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = (SELECT max (\"%w\") FROM \"%w\") WHERE %s",
                             table, column, column, table, where);
      break;
    default:  /* a GUID that is nearly one */
      sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = upper (\"%w\") || '%c' WHERE %s", table, column, column,
                             "x/\"<.\n "[read_byte (reader) % 7], where);
      break;
    }

  if (sql != NULL)
    sqlite3_exec (db, sql, NULL, NULL, NULL);  /* a change the constraints refuse is simply not made */
  sqlite3_free (sql);
  sqlite3_free (where);
}

void
fuzz_rows_make_input (const char    *path,
                      const uint8_t *data,
                      size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) to = g_file_new_for_path (path);
  Reader reader = { data, size, 0 };
  guint flags = read_byte (&reader);
  g_autoptr(GFile) from = g_file_new_for_path ((flags & 1) ? stripped : base);
  sqlite3 *db = NULL;

  fuzz_rows_remove (path);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  for (int i = 0; i < MAX_MUTATIONS && reader.at + 4 <= reader.size; i++)
    mutate (db, &reader);
  sqlite3_close (db);
}
