/* gloss-project-codings.c: codings and memos
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "gloss-code-path.h"
#include "gloss-project-private.h"

/* Characters of context kept on each side of a quote, for re-anchoring. */
#define CONTEXT_CHARS 32

GlossCoding *
_gloss_coding_from_row (sqlite3_stmt *stmt)
{
  GlossCoding *coding = g_new0 (GlossCoding, 1);

  coding->id = sqlite3_column_int64 (stmt, 0);
  coding->guid = _gloss_column_dup_text (stmt, 1);
  coding->document_id = sqlite3_column_int64 (stmt, 2);
  coding->coder_id = sqlite3_column_int64 (stmt, 3);
  coding->code_id = sqlite3_column_int64 (stmt, 4);
  coding->start = sqlite3_column_int64 (stmt, 5);
  coding->end = sqlite3_column_int64 (stmt, 6);
  coding->quote = _gloss_column_dup_text (stmt, 7);
  coding->prefix = _gloss_column_dup_text (stmt, 8);
  coding->suffix = _gloss_column_dup_text (stmt, 9);
  coding->memo = _gloss_column_dup_text (stmt, 10);
  coding->created = sqlite3_column_int64 (stmt, 11);
  coding->modified = sqlite3_column_int64 (stmt, 12);

  return coding;
}

gboolean
_gloss_project_check_coding_range (gint64   length,
                                   gint64   start,
                                   gint64   end,
                                   GError **error)
{
  if (start >= end)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("A coding cannot be empty (%" PRId64 ":%" PRId64 ")"), start, end);
      return FALSE;
    }

  if (start < 0 || end > length)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("The range %" PRId64 ":%" PRId64 " lies outside the document (0:%" PRId64 ")"),
                   start, end, length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_range (GlossProject  *self,
             gint64         document_id,
             gint64         start,
             gint64         end,
             GError       **error)
{
  gint64 length = _gloss_project_document_length (self, document_id, error);

  return length >= 0 && _gloss_project_check_coding_range (length, start, end, error);
}

static gboolean
require (gboolean     exists,
         const char  *what,
         gint64       id,
         GError     **error)
{
  if (!exists)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                 _("No %s %" PRId64 " in the project"), what, id);

  return exists;
}

/* Binds the quote, prefix and suffix of [start, end) as ?q, ?q+1, ?q+2 by
 * reading them from the document inside the same statement. */
#define QUOTE_SQL(doc, s, e) \
  "(SELECT substr (text, " s " + 1, " e " - " s ") FROM document WHERE id = " doc "), " \
  "(SELECT substr (text, max (" s " - 32, 0) + 1, " s " - max (" s " - 32, 0)) FROM document WHERE id = " doc "), " \
  "(SELECT substr (text, " e " + 1, 32) FROM document WHERE id = " doc ")"

G_STATIC_ASSERT (CONTEXT_CHARS == 32);

static const char *
duplicate_message (void)
{
  return _("This passage already has this code from this coder");
}

static gboolean
finish (GlossProject  *self,
        sqlite3_stmt  *stmt,
        GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_DUPLICATE, duplicate_message ());
  else
    _gloss_set_sqlite_error (self->db, rc, error, _("Cannot change the project"));

  return FALSE;
}

/* Inserts a coding as a step. With @quote NULL the quote and its context
 * are read from the document by SQLite (a walk over the text up to the
 * range); a caller adding many codings passes them, read in one pass. */
gint64
_gloss_project_insert_checked_coding (GlossProject      *self,
                                      const char        *guid,
                                      gint64             document_id,
                                      gint64             coder_id,
                                      gint64             code_id,
                                      gint64             start,
                                      gint64             end,
                                      const char        *memo,
                                      const GlossQuote  *quote,
                                      GError           **error)
{
  g_autofree char *new_guid = guid == NULL ? _gloss_new_guid () : NULL;
  sqlite3_stmt *stmt;

  if (quote == NULL)
    stmt = _gloss_project_prepare (self,
                                   "INSERT INTO coding (guid, document_id, coder_id, code_id, start, end, "
                                   "quote, prefix, suffix, memo, created, modified) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, " QUOTE_SQL ("?2", "?5", "?6") ", ?7, ?8, ?8)",
                                   error);
  else
    stmt = _gloss_project_prepare (self,
                                   "INSERT INTO coding (guid, document_id, coder_id, code_id, start, end, "
                                   "quote, prefix, suffix, memo, created, modified) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?9, ?10, ?11, ?7, ?8, ?8)",
                                   error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, guid != NULL ? guid : new_guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, coder_id);
  sqlite3_bind_int64 (stmt, 4, code_id);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);
  if (memo != NULL && *memo != '\0')
    sqlite3_bind_text (stmt, 7, memo, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int64 (stmt, 8, _gloss_now ());
  if (quote != NULL)
    {
      sqlite3_bind_text (stmt, 9, quote->exact, quote->exact_bytes, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, quote->prefix, quote->prefix_bytes, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, quote->suffix, quote->suffix_bytes, SQLITE_STATIC);
    }
  if (!finish (self, stmt, error))
    return 0;

  _gloss_project_note_change (self, GLOSS_CHANGE_CODINGS);
  return sqlite3_last_insert_rowid (self->db);
}

gint64
_gloss_project_insert_coding (GlossProject      *self,
                              gint64             document_id,
                              gint64             coder_id,
                              gint64             code_id,
                              gint64             start,
                              gint64             end,
                              const char        *memo,
                              const GlossQuote  *quote,
                              GError           **error)
{
  gint64 id;

  if (!check_range (self, document_id, start, end, error) ||
      !require (_gloss_project_coder_exists (self, coder_id), _("coder"), coder_id, error) ||
      !require (_gloss_project_code_exists (self, code_id), _("code"), code_id, error))
    return 0;

  if (!gloss_project_begin_step (self, _("Add coding"), error))
    return 0;

  id = _gloss_project_insert_checked_coding (self, NULL, document_id, coder_id, code_id, start, end, memo, quote,
                                             error);
  if (id == 0)
    {
      gloss_project_abort_step (self);
      return 0;
    }
  return gloss_project_end_step (self, error) ? id : 0;
}

gint64
gloss_project_add_coding (GlossProject  *self,
                          gint64         document_id,
                          gint64         coder_id,
                          gint64         code_id,
                          gint64         start,
                          gint64         end,
                          const char    *memo,
                          GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  return _gloss_project_insert_coding (self, document_id, coder_id, code_id, start, end, memo, NULL, error);
}

static GlossCoding *
get_coding (GlossProject  *self,
            gint64         coding_id,
            GError       **error)
{
  sqlite3_stmt *stmt;
  GlossCoding *coding = NULL;

  stmt = _gloss_project_prepare (self,
                                 "SELECT " GLOSS_CODING_SELECT_COLUMNS " FROM coding c JOIN document d "
                                 "ON d.id = c.document_id AND d.removed = 0 WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, coding_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    coding = _gloss_coding_from_row (stmt);
  sqlite3_reset (stmt);

  if (coding == NULL)
    require (FALSE, _("coding"), coding_id, error);

  return coding;
}

GlossCoding *
gloss_project_get_coding (GlossProject  *self,
                          gint64         coding_id,
                          GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  return get_coding (self, coding_id, error);
}

/* Runs one UPDATE or DELETE on a coding as a step. ?1 is the coding id. */
static gboolean
change_coding (GlossProject  *self,
               const char    *label,
               const char    *sql,
               gint64         coding_id,
               gint64         a,
               gint64         b,
               const char    *text,
               GError       **error)
{
  g_autoptr(GlossCoding) coding = NULL;
  sqlite3_stmt *stmt;
  int n;

  if ((coding = get_coding (self, coding_id, error)) == NULL)
    return FALSE;

  if (!gloss_project_begin_step (self, label, error))
    return FALSE;

  stmt = _gloss_project_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;

  /* Statements name what they need of ?1 id, ?2 ?3 numbers, ?4 text, ?5 now. */
  n = sqlite3_bind_parameter_count (stmt);
  sqlite3_bind_int64 (stmt, 1, coding_id);
  if (n >= 2)
    sqlite3_bind_int64 (stmt, 2, a);
  if (n >= 3)
    sqlite3_bind_int64 (stmt, 3, b);
  if (n >= 4 && text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  if (n >= 5)
    sqlite3_bind_int64 (stmt, 5, _gloss_now ());
  if (!finish (self, stmt, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_CODINGS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

gboolean
gloss_project_set_coding_memo (GlossProject  *self,
                               gint64         coding_id,
                               const char    *memo,
                               GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return change_coding (self, _("Edit memo"),
                        "UPDATE coding SET memo = ?4, modified = ?5 WHERE id = ?1",
                        coding_id, 0, 0, memo, error);
}

gboolean
gloss_project_set_coding_code (GlossProject  *self,
                               gint64         coding_id,
                               gint64         code_id,
                               GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!require (_gloss_project_code_exists (self, code_id), _("code"), code_id, error))
    return FALSE;

  return change_coding (self, _("Change code"),
                        "UPDATE coding SET code_id = ?2, modified = ?5 WHERE id = ?1",
                        coding_id, code_id, 0, NULL, error);
}

gboolean
gloss_project_set_coding_range (GlossProject  *self,
                                gint64         coding_id,
                                gint64         start,
                                gint64         end,
                                GError       **error)
{
  g_autoptr(GlossCoding) coding = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if ((coding = get_coding (self, coding_id, error)) == NULL ||
      !check_range (self, coding->document_id, start, end, error))
    return FALSE;

  return change_coding (self, _("Change coding boundaries"),
                        "UPDATE coding SET start = ?2, end = ?3, "
                        "quote = (SELECT substr (d.text, ?2 + 1, ?3 - ?2) FROM document d WHERE d.id = coding.document_id), "
                        "prefix = (SELECT substr (d.text, max (?2 - 32, 0) + 1, ?2 - max (?2 - 32, 0)) FROM document d WHERE d.id = coding.document_id), "
                        "suffix = (SELECT substr (d.text, ?3 + 1, 32) FROM document d WHERE d.id = coding.document_id), "
                        "modified = ?5 WHERE id = ?1",
                        coding_id, start, end, NULL, error);
}

gboolean
gloss_project_delete_coding (GlossProject  *self,
                             gint64         coding_id,
                             GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  return change_coding (self, _("Delete coding"), "DELETE FROM coding WHERE id = ?1",
                        coding_id, 0, 0, NULL, error);
}

/* Queries */

static void
bind_filter (sqlite3_stmt            *stmt,
             const GlossCodingFilter *filter)
{
  sqlite3_bind_int64 (stmt, 1, filter != NULL ? filter->document_id : 0);
  sqlite3_bind_int64 (stmt, 2, filter != NULL ? filter->coder_id : 0);
  sqlite3_bind_int64 (stmt, 3, filter != NULL ? filter->code_id : 0);
}

#define FILTER_WHERE \
  " FROM coding c JOIN document d ON d.id = c.document_id AND d.removed = 0 " \
  "WHERE (?1 = 0 OR c.document_id = ?1) AND (?2 = 0 OR c.coder_id = ?2) AND (?3 = 0 OR c.code_id = ?3) "

/* "SELECT c.id, ... FROM ... ORDER BY ..." reading only @columns, in the
 * order visit_rows() takes them. */
static char *
listing_sql (const GlossCodingFilter *filter,
             GlossCodingColumns       columns)
{
  GString *sql = g_string_new ("SELECT c.id, c.document_id, c.coder_id, c.code_id, c.start, c.end");

  if (columns & GLOSS_CODING_COLUMNS_GUID)
    g_string_append (sql, ", c.guid");
  if (columns & GLOSS_CODING_COLUMNS_QUOTE)
    g_string_append (sql, ", c.quote");
  if (columns & GLOSS_CODING_COLUMNS_CONTEXT)
    g_string_append (sql, ", c.prefix, c.suffix");
  if (columns & GLOSS_CODING_COLUMNS_MEMO)
    g_string_append (sql, ", c.memo");
  if (columns & GLOSS_CODING_COLUMNS_DATES)
    g_string_append (sql, ", c.created, c.modified");
  /* Only the filters given, so that SQLite walks the matching index; the
   * documents not removed are read once, not looked up for every row (a
   * document row carries its whole text before that column). */
  g_string_append (sql, " FROM coding c WHERE c.document_id IN (SELECT id FROM document WHERE removed = 0)");
  if (filter != NULL && filter->document_id != 0)
    g_string_append (sql, " AND c.document_id = ?1");
  if (filter != NULL && filter->coder_id != 0)
    g_string_append (sql, " AND c.coder_id = ?2");
  if (filter != NULL && filter->code_id != 0)
    g_string_append (sql, " AND c.code_id = ?3");
  g_string_append (sql, filter != NULL && filter->document_id != 0
                          ? " ORDER BY c.start, c.end, c.id"
                          : " ORDER BY c.document_id, c.start, c.end, c.id");
  return g_string_free (sql, FALSE);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
read_row (sqlite3_stmt       *stmt,
          GlossCodingColumns  columns,
          GlossCoding        *coding)
{
  int column = 6;

  *coding = (GlossCoding) { 0 };
  coding->id = sqlite3_column_int64 (stmt, 0);
  coding->document_id = sqlite3_column_int64 (stmt, 1);
  coding->coder_id = sqlite3_column_int64 (stmt, 2);
  coding->code_id = sqlite3_column_int64 (stmt, 3);
  coding->start = sqlite3_column_int64 (stmt, 4);
  coding->end = sqlite3_column_int64 (stmt, 5);
  /* The strings are SQLite's own until the next step: lent, not copied. */
  if (columns & GLOSS_CODING_COLUMNS_GUID)
    coding->guid = (char *) column_text (stmt, column++);
  if (columns & GLOSS_CODING_COLUMNS_QUOTE)
    coding->quote = (char *) column_text (stmt, column++);
  if (columns & GLOSS_CODING_COLUMNS_CONTEXT)
    {
      coding->prefix = (char *) column_text (stmt, column++);
      coding->suffix = (char *) column_text (stmt, column++);
    }
  if (columns & GLOSS_CODING_COLUMNS_MEMO)
    coding->memo = (char *) column_text (stmt, column++);
  if (columns & GLOSS_CODING_COLUMNS_DATES)
    {
      coding->created = sqlite3_column_int64 (stmt, column++);
      coding->modified = sqlite3_column_int64 (stmt, column++);
    }
}

/* The filter's list of documents as a set, or NULL when it has none. */
static GHashTable *
document_set (const GlossCodingFilter *filter)
{
  GHashTable *wanted;

  if (filter == NULL || filter->document_ids == NULL)
    return NULL;

  wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < filter->document_ids->len; i++)
    g_hash_table_add (wanted, &g_array_index (filter->document_ids, gint64, i));

  return wanted;
}

gboolean
gloss_project_foreach_coding (GlossProject             *self,
                              const GlossCodingFilter  *filter,
                              GlossCodingColumns        columns,
                              GlossCodingFunc           func,
                              gpointer                  user_data,
                              GError                  **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GHashTable) wanted = document_set (filter);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  sql = listing_sql (filter, columns);
  stmt = _gloss_project_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (filter != NULL && filter->document_id != 0)
    sqlite3_bind_int64 (stmt, 1, filter->document_id);
  if (filter != NULL && filter->coder_id != 0)
    sqlite3_bind_int64 (stmt, 2, filter->coder_id);
  if (filter != NULL && filter->code_id != 0)
    sqlite3_bind_int64 (stmt, 3, filter->code_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GlossCoding coding;

      read_row (stmt, columns, &coding);
      if (wanted != NULL && !g_hash_table_contains (wanted, &coding.document_id))
        continue;
      if (!func (&coding, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gloss_project_set_error (self, error, _("Cannot list the codings"));
      return FALSE;
    }
  return TRUE;
}

static const char * const names_sql[] = {
  [GLOSS_NAMES_DOCUMENTS] = "SELECT id, title FROM document WHERE removed = 0",
  [GLOSS_NAMES_CODERS] = "SELECT id, name FROM coder",
  [GLOSS_NAMES_CODES] =
    "WITH RECURSIVE tree (id, path) AS ("
    "  SELECT id, " GLOSS_CODE_PATH_ESCAPE_SQL ("name") " FROM code WHERE parent_id IS NULL "
    "  UNION ALL "
    "  SELECT c.id, t.path || '/' || " GLOSS_CODE_PATH_ESCAPE_SQL ("c.name") " "
    "  FROM code c JOIN tree t ON c.parent_id = t.id) "
    "SELECT id, path FROM tree",
};

GHashTable *
gloss_project_list_names (GlossProject  *self,
                          GlossNames     kind,
                          GError       **error)
{
  g_autoptr(GHashTable) names = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (kind <= GLOSS_NAMES_CODES, NULL);

  stmt = _gloss_project_prepare (self, names_sql[kind], error);
  if (stmt == NULL)
    return NULL;

  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id), _gloss_column_dup_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gloss_project_set_error (self, error, _("Cannot list the codings"));
      return NULL;
    }
  return g_steal_pointer (&names);
}

static gboolean
collect_coding (const GlossCoding *lent,
                gpointer           user_data)
{
  GlossCoding *coding = g_memdup2 (lent, sizeof *lent);

  coding->guid = g_strdup (lent->guid);
  coding->quote = g_strdup (lent->quote);
  coding->prefix = g_strdup (lent->prefix);
  coding->suffix = g_strdup (lent->suffix);
  coding->memo = g_strdup (lent->memo);
  g_ptr_array_add (user_data, coding);
  return TRUE;
}

GPtrArray *
gloss_project_list_coding_columns (GlossProject             *self,
                                   const GlossCodingFilter  *filter,
                                   GlossCodingColumns        columns,
                                   GError                  **error)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_coding_free);

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (!gloss_project_foreach_coding (self, filter, columns, collect_coding, codings, error))
    return NULL;
  return g_steal_pointer (&codings);
}

GPtrArray *
gloss_project_list_codings (GlossProject             *self,
                            const GlossCodingFilter  *filter,
                            GError                  **error)
{
  return gloss_project_list_coding_columns (self, filter, GLOSS_CODING_COLUMNS_ALL, error);
}

gint64
gloss_project_count_codings (GlossProject             *self,
                             const GlossCodingFilter  *filter,
                             GError                  **error)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), 0);

  if (filter != NULL && filter->document_ids != NULL)
    {
      g_autoptr(GPtrArray) codings = gloss_project_list_coding_columns (self, filter, 0, error);
      return codings != NULL ? (gint64) codings->len : 0;
    }

  stmt = _gloss_project_prepare (self, "SELECT count(*)" FILTER_WHERE, error);
  if (stmt == NULL)
    return 0;

  bind_filter (stmt, filter);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

GHashTable *
gloss_project_count_codings_by_code (GlossProject             *self,
                                     const GlossCodingFilter  *filter,
                                     GError                  **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  stmt = _gloss_project_prepare (self, "SELECT c.code_id, count(*)" FILTER_WHERE "GROUP BY c.code_id", error);
  if (stmt == NULL)
    return NULL;

  bind_filter (stmt, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 code_id = sqlite3_column_int64 (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (counts, g_memdup2 (&code_id, sizeof code_id), g_memdup2 (&n, sizeof n));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gloss_project_set_error (self, error, NULL);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/* Memos */

static gboolean
check_memo_target (const char  *target_kind,
                   GError     **error)
{
  static const char * const kinds[] = { "project", "document", "code", "coder" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], target_kind) == 0)
      return TRUE;

  g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("A memo cannot be attached to “%s”"),
               target_kind != NULL ? target_kind : "");
  return FALSE;
}

gboolean
gloss_project_set_memo (GlossProject  *self,
                        const char    *target_kind,
                        gint64         target_id,
                        const char    *text,
                        GError       **error)
{
  g_autofree char *guid = _gloss_new_guid ();
  sqlite3_stmt *stmt;
  gboolean empty = text == NULL || *text == '\0';

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (!check_memo_target (target_kind, error))
    return FALSE;

  if (!gloss_project_begin_step (self, _("Edit memo"), error))
    return FALSE;

  /* An emptied memo is removed; otherwise inserted or updated in place. */
  stmt = _gloss_project_prepare (self,
                                 empty
                                 ? "DELETE FROM memo WHERE target_kind = ?1 AND target_id = ?2"
                                 : "INSERT INTO memo (guid, target_kind, target_id, text, created, modified) "
                                   "VALUES (?4, ?1, ?2, ?3, ?5, ?5) "
                                   "ON CONFLICT (target_kind, target_id) DO UPDATE SET text = ?3, modified = ?5",
                                 error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, target_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, target_id);
  if (!empty)
    {
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, _gloss_now ());
    }
  if (!finish (self, stmt, error))
    goto fail;

  _gloss_project_note_change (self, GLOSS_CHANGE_MEMOS);
  return gloss_project_end_step (self, error);

fail:
  gloss_project_abort_step (self);
  return FALSE;
}

char *
gloss_project_get_memo (GlossProject  *self,
                        const char    *target_kind,
                        gint64         target_id,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  if (!check_memo_target (target_kind, error))
    return NULL;

  stmt = _gloss_project_prepare (self, "SELECT text FROM memo WHERE target_kind = ?1 AND target_id = ?2", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, target_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, target_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = _gloss_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return text != NULL ? text : g_strdup ("");
}
