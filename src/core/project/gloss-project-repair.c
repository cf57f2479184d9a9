/* gloss-project-repair.c: a repaired copy of a project file that is refused
 *
 * The file is copied with SQLite's backup API into a hidden file beside
 * the target (".name.gloss.XXXXXX.gloss") and repaired there on a plain
 * connection, foreign keys off, in one transaction: first what could run
 * (triggers) goes, then GUIDs are made whole (before a table rebuilt with
 * its UNIQUE constraint would lose a row that shares one), then the
 * schema, then the rows. The result is renamed into place, opened as any
 * project is (an older one is upgraded) and checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-import.h"
#include "gloss-project-private.h"
#include "gloss-project-repair.h"

static const char * const guid_tables[] = { "project", "coder", "document", "code", "coding", "memo", "note" };

/* Row ids and counts go into sentences as text: a translatable string
 * holds no G_GINT64_FORMAT. */
static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
step_done (GlossProject  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _gloss_set_sqlite_error (self->db, rc, error, _("Cannot repair the copy"));
  return TRUE;
}

static sqlite3_stmt *
prepare (GlossProject  *self,
         const char    *sql,
         GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_project_set_error (self, error, _("Cannot repair the copy"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
table_exists (GlossProject *self,
              const char   *table)
{
  sqlite3_stmt *stmt = NULL;
  gboolean exists = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return exists;
}

/* GUIDs */

static char *
guid_glob (void)
{
  static const int groups[] = { 8, 4, 4, 4, 12 };
  GString *glob = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (i > 0)
        g_string_append_c (glob, '-');
      for (int j = 0; j < groups[i]; j++)
        g_string_append (glob, "[0-9a-fA-F]");
    }
  return g_string_free (glob, FALSE);
}

/* The consensus coder is named by its GUID in the project row: it follows
 * the coder's new one. */
static gboolean
follow_consensus (GlossProject  *self,
                  const char    *old_guid,
                  const char    *new_guid,
                  GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (old_guid == NULL)
    return TRUE;
  if (sqlite3_prepare_v2 (self->db, "UPDATE project SET consensus_coder = ?2 WHERE consensus_coder = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      /* A file from before the consensus coder was kept there. */
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_bind_text (stmt, 1, old_guid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, new_guid, -1, SQLITE_STATIC);
  ok = step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
repair_guids_of (GlossProject  *self,
                 const char    *table,
                 const char    *glob,
                 GPtrArray     *changes,
                 GError       **error)
{
  g_autofree char *select = NULL;
  g_autofree char *update = NULL;
  sqlite3_stmt *rows, *set;
  gboolean ok = TRUE;
  int rc;

  /* rowid, not id: a table rebuilt without its key may hold one id twice. */
  select = g_strdup_printf ("SELECT rowid, id, guid, "
                            "  typeof (guid) <> 'text' OR length (guid) <> 36 OR guid NOT GLOB ?1 "
                            "FROM \"%s\" t WHERE typeof (guid) <> 'text' OR length (guid) <> 36 OR guid NOT GLOB ?1 "
                            "OR EXISTS (SELECT 1 FROM \"%s\" o WHERE o.guid = t.guid AND o.rowid < t.rowid) "
                            "ORDER BY rowid", table, table);
  update = g_strdup_printf ("UPDATE \"%s\" SET guid = ?2 WHERE rowid = ?1", table);
  if (!table_exists (self, table) || (rows = prepare (self, select, NULL)) == NULL)
    return TRUE;  /* no such table, or no such column: the schema repair makes it */
  if ((set = prepare (self, update, error)) == NULL)
    {
      sqlite3_finalize (rows);
      return FALSE;
    }

  sqlite3_bind_text (rows, 1, glob, -1, SQLITE_STATIC);
  while (ok && (rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      g_autofree char *guid = _gloss_new_guid ();
      g_autofree char *old = _gloss_column_dup_text (rows, 2);
      g_autofree char *shown = g_strescape (old != NULL ? old : "NULL", NULL);
      g_autofree char *id = int_text (sqlite3_column_int64 (rows, 1));
      gboolean malformed = sqlite3_column_int (rows, 3) != 0;

      sqlite3_bind_int64 (set, 1, sqlite3_column_int64 (rows, 0));
      sqlite3_bind_text (set, 2, guid, -1, SQLITE_STATIC);
      ok = step_done (self, set, error);
      if (ok && malformed && g_strcmp0 (table, "coder") == 0)
        ok = follow_consensus (self, old, guid, error);
      if (ok)
        g_ptr_array_add (changes,
                         malformed
                         ? g_strdup_printf (_("The row %s of the table “%s” had the GUID “%s”, which is "
                                              "not a GUID; it was given the new GUID %s."),
                                            id, table, shown, guid)
                         : g_strdup_printf (_("The row %s of the table “%s” shared the GUID %s with "
                                              "another row; it was given the new GUID %s."),
                                            id, table, shown, guid));
    }
  sqlite3_finalize (rows);
  sqlite3_finalize (set);
  return ok;
}

static gboolean
repair_guids (GlossProject  *self,
              GPtrArray     *changes,
              GError       **error)
{
  g_autofree char *glob = guid_glob ();

  for (guint i = 0; i < G_N_ELEMENTS (guid_tables); i++)
    if (!repair_guids_of (self, guid_tables[i], glob, changes, error))
      return FALSE;
  return TRUE;
}

/* The project row */

static gboolean
repair_project_row (GlossProject  *self,
                    const char    *source_path,
                    GPtrArray     *changes,
                    GError       **error)
{
  g_autofree char *title = g_path_get_basename (source_path);
  g_autofree char *guid = _gloss_new_guid ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_gloss_project_row_exists (self, "SELECT 1 FROM project WHERE id = ?1", 1))
    return TRUE;

  if (g_str_has_suffix (title, ".gloss"))
    title[strlen (title) - strlen (".gloss")] = '\0';
  if ((stmt = prepare (self, "INSERT INTO project (id, guid, title, created, modified) "
                             "VALUES (1, ?1, ?2, ?3, ?3)", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _gloss_now ());
  ok = step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  if (ok)
    g_ptr_array_add (changes, g_strdup_printf (_("The project row was missing; it was made again "
                                                 "with the title “%s”."), title));
  return ok;
}

/* The codebook */

/* Moves @code_id to the top level, under a name no other top-level code
 * has (codes are unique by name among siblings). */
static gboolean
move_to_top (GlossProject  *self,
             gint64         code_id,
             GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE code SET parent_id = NULL, "
                                      "name = CASE WHEN ?2 = 1 THEN name ELSE name || ' (' || ?2 || ')' END "
                                      "WHERE id = ?1", error);
  int rc = SQLITE_CONSTRAINT;

  if (stmt == NULL)
    return FALSE;
  for (int n = 1; n < 1000 && (rc & 0xff) == SQLITE_CONSTRAINT; n++)
    {
      sqlite3_bind_int64 (stmt, 1, code_id);
      sqlite3_bind_int (stmt, 2, n);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _gloss_set_sqlite_error (self->db, rc, error, _("Cannot repair the copy"));
  return TRUE;
}

static char *
code_name (GlossProject *self,
           gint64        code_id)
{
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT name FROM code WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, code_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = _gloss_column_dup_text (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return name != NULL ? name : g_strdup ("");
}

/* Each cycle is cut at its lowest code, which goes to the top level with
 * the codes below it. */
static gboolean
repair_code_cycles (GlossProject  *self,
                    GPtrArray     *changes,
                    GError       **error)
{
  gint64 code_id;

  while ((code_id = _gloss_project_find_code_on_cycle (self)) != 0)
    {
      g_autofree char *name = code_name (self, code_id);
      g_autofree char *id = int_text (code_id);

      if (!move_to_top (self, code_id, error))
        return FALSE;
      g_ptr_array_add (changes, g_strdup_printf (_("The code “%s” (%s) was its own parent or ancestor; "
                                                   "it is now a top-level code."), name, id));
    }
  return TRUE;
}

/* A code whose parent is not there goes to the top level too. */
static gboolean
repair_code_parents (GlossProject  *self,
                     GPtrArray     *changes,
                     GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare (self, "SELECT id FROM code WHERE parent_id IS NOT NULL "
                                      "AND parent_id NOT IN (SELECT id FROM code) ORDER BY id", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 code_id = g_array_index (ids, gint64, i);
      g_autofree char *name = code_name (self, code_id);
      g_autofree char *id = int_text (code_id);

      if (!move_to_top (self, code_id, error))
        return FALSE;
      g_ptr_array_add (changes, g_strdup_printf (_("The parent of the code “%s” (%s) is not there; "
                                                   "it is now a top-level code."), name, id));
    }
  return TRUE;
}

/* Pages */

typedef struct
{
  double width;
  double height;
} PageSize;

static GArray *
read_page_sizes (GlossProject *self,
                 gint64        document_id)
{
  GArray *sizes = g_array_new (FALSE, TRUE, sizeof (PageSize));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT idx, width, height FROM page WHERE document_id = ?1 "
                                    "AND idx >= 0 AND idx < 100000 ORDER BY idx", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, document_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          guint idx = sqlite3_column_int (stmt, 0);
          PageSize size = { sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2) };

          if (idx >= sizes->len)
            g_array_set_size (sizes, idx + 1);
          g_array_index (sizes, PageSize, idx) = size;
        }
    }
  sqlite3_finalize (stmt);
  return sizes;
}

/* A PDF's text is its page texts joined by form feeds, which no page text
 * holds: the pieces between them are the pages. */
static GArray *
cut_pdf_pages (const char *text,
               GArray     *sizes)
{
  GArray *pages = g_array_new (FALSE, TRUE, sizeof (GlossPage));
  gint64 offset = 0, start = 0;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      if (*p == '\f' || *p == '\0')
        {
          GlossPage page = { pages->len, start, offset - start, 612.0, 792.0 };

          if (page.index < sizes->len && g_array_index (sizes, PageSize, page.index).width > 0 &&
              g_array_index (sizes, PageSize, page.index).height > 0)
            {
              page.width = g_array_index (sizes, PageSize, page.index).width;
              page.height = g_array_index (sizes, PageSize, page.index).height;
            }
          g_array_append_val (pages, page);
          start = offset + 1;
        }
      if (*p == '\0')
        break;
      offset++;
    }
  return pages;
}

static gboolean
store_pages (GlossProject  *self,
             gint64         document_id,
             GArray        *pages,
             gint64         n_chars,
             GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if ((stmt = prepare (self, "DELETE FROM page WHERE document_id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  ok = step_done (self, stmt, error);
  sqlite3_finalize (stmt);

  if (!ok || (stmt = prepare (self, "INSERT INTO page (document_id, idx, start, length, width, height) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)) == NULL)
    return FALSE;
  for (guint i = 0; ok && i < pages->len; i++)
    {
      const GlossPage *page = &g_array_index (pages, GlossPage, i);

      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int (stmt, 2, page->index);
      sqlite3_bind_int64 (stmt, 3, page->start);
      sqlite3_bind_int64 (stmt, 4, page->length);
      sqlite3_bind_double (stmt, 5, page->width);
      sqlite3_bind_double (stmt, 6, page->height);
      ok = step_done (self, stmt, error);
    }
  sqlite3_finalize (stmt);

  if (!ok || (stmt = prepare (self, "UPDATE document SET n_pages = ?2, n_chars = ?3 WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, pages->len);
  sqlite3_bind_int64 (stmt, 3, n_chars);
  ok = step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* The text is what codings point into and never changes: the pages are
 * cut from it again as the import cut them. A text that is not UTF-8
 * cannot be counted in characters and is left for the check to name. */
static gboolean
repair_document_pages (GlossProject  *self,
                       gint64         document_id,
                       GPtrArray     *changes,
                       GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT kind, title, CAST (text AS BLOB) FROM document WHERE id = ?1", error);
  g_autofree char *text = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *id = int_text (document_id);
  gint64 n_chars;
  gsize text_size = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *bytes = sqlite3_column_blob (stmt, 2);
      int size = sqlite3_column_bytes (stmt, 2);

      if (bytes == NULL || g_utf8_validate_len (bytes, size, NULL))
        text = g_strndup (bytes != NULL ? bytes : "", size);
      text_size = size;
      kind = _gloss_column_dup_text (stmt, 0);
      title = _gloss_column_dup_text (stmt, 1);
    }
  sqlite3_finalize (stmt);
  /* A text that is not UTF-8 or holds a NUL is left for the check to name. */
  if (text == NULL || text_size != strlen (text))
    return TRUE;

  n_chars = g_utf8_strlen (text, -1);
  if (g_strcmp0 (kind, "pdf") == 0)
    {
      sizes = read_page_sizes (self, document_id);
      pages = cut_pdf_pages (text, sizes);
    }
  else
    pages = gloss_import_paginate_text (text, n_chars);

  if (!store_pages (self, document_id, pages, n_chars, error))
    return FALSE;
  g_ptr_array_add (changes, g_strdup_printf (_("The pages of the document “%s” (%s) did not match its text; "
                                               "they were cut again from the text."),
                                             title != NULL ? title : "", id));
  return TRUE;
}

static gboolean
repair_pages (GlossProject  *self,
              GPtrArray     *changes,
              GError       **error)
{
  g_autoptr(GArray) ids = _gloss_project_find_bad_pages (self);

  for (guint i = 0; i < ids->len; i++)
    if (!repair_document_pages (self, g_array_index (ids, gint64, i), changes, error))
      return FALSE;
  return TRUE;
}

/* Text that is not UTF-8 */

typedef struct
{
  const char *table;
  const char *column;
  gint64      row_id;
  char       *text;
} TextFix;

static void
text_fix_clear (gpointer data)
{
  g_free (((TextFix *) data)->text);
}

static gboolean
collect_text_fix (const char *table,
                  const char *column,
                  gint64      row_id,
                  const char *bytes,
                  int         size,
                  gpointer    user_data)
{
  TextFix fix = { table, column, row_id, g_utf8_make_valid (bytes, size) };

  g_array_append_val ((GArray *) user_data, fix);
  return TRUE;
}

/* 1 when the row took @text, 0 when a constraint refused it, -1 on error. */
static int
store_text (GlossProject   *self,
            const TextFix  *fix,
            const char     *text,
            GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1 WHERE rowid = ?2",
                                          fix->table, fix->column);
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, fix->row_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return 1;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return 0;
  _gloss_set_sqlite_error (self->db, rc, error, _("Cannot repair the copy"));
  return -1;
}

static gboolean
repair_text (GlossProject   *self,
             const TextFix  *fix,
             GPtrArray      *changes,
             GError        **error)
{
  g_autofree char *id = int_text (fix->row_id);
  g_autofree char *unique = g_strdup_printf ("%s (%s)", fix->text, id);
  int stored = store_text (self, fix, fix->text, error);

  /* A name made valid may now be the same as another's. */
  if (stored == 0)
    stored = store_text (self, fix, unique, error);
  if (stored < 0)
    return FALSE;
  /* What a constraint still refuses is left for the check to name. */
  if (stored > 0)
    g_ptr_array_add (changes, g_strdup_printf (_("The column “%s” of the row %s of the table “%s” was not "
                                                 "valid UTF-8; what was not became “%s”."),
                                               fix->column, id, fix->table, "\xef\xbf\xbd"));
  return TRUE;
}

static gboolean
repair_texts (GlossProject  *self,
              GPtrArray     *changes,
              GError       **error)
{
  g_autoptr(GArray) fixes = g_array_new (FALSE, FALSE, sizeof (TextFix));

  g_array_set_clear_func (fixes, text_fix_clear);
  _gloss_project_foreach_invalid_text (self, collect_text_fix, fixes);
  for (guint i = 0; i < fixes->len; i++)
    if (!repair_text (self, &g_array_index (fixes, TextFix, i), changes, error))
      return FALSE;
  return TRUE;
}

/* Codings and references */

static gboolean
repair_codings (GlossProject  *self,
                GPtrArray     *changes,
                GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT c.id, c.start, c.end, d.title FROM coding c "
                                "JOIN document d ON d.id = c.document_id "
                                "WHERE typeof (c.start) <> 'integer' OR typeof (c.end) <> 'integer' "
                                "OR c.start < 0 OR c.end > d.n_chars OR c.start >= c.end ORDER BY c.id", error);
  sqlite3_stmt *drop;
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  if ((drop = prepare (self, "DELETE FROM coding WHERE id = ?1", error)) == NULL)
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *id = int_text (sqlite3_column_int64 (stmt, 0));
      g_autofree char *start = _gloss_column_dup_text (stmt, 1);
      g_autofree char *end = _gloss_column_dup_text (stmt, 2);

      sqlite3_bind_int64 (drop, 1, sqlite3_column_int64 (stmt, 0));
      ok = step_done (self, drop, error);
      if (ok)
        g_ptr_array_add (changes, g_strdup_printf (_("The coding %s at %s:%s lay outside the text of the "
                                                     "document “%s” and was removed."),
                                                   id, start != NULL ? start : "NULL", end != NULL ? end : "NULL",
                                                   (const char *) sqlite3_column_text (stmt, 3) ?: ""));
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (drop);
  return ok;
}

static gboolean
delete_counted (GlossProject  *self,
                const char    *table,
                const char    *sql,
                GPtrArray     *changes,
                GError       **error)
{
  if (!_gloss_project_exec (self, sql, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    g_ptr_array_add (changes,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%d row of the table “%s” referred to a row that is not "
                                                   "there and was removed.",
                                                   "%d rows of the table “%s” referred to rows that are not "
                                                   "there and were removed.",
                                                   sqlite3_changes (self->db)),
                                      sqlite3_changes (self->db), table));
  return TRUE;
}

/* Rows that point at nothing go (their referent cannot be made up); a
 * removal can leave others pointing at nothing, so this runs until none
 * is left. */
static gboolean
repair_references (GlossProject  *self,
                   GPtrArray     *changes,
                   GError       **error)
{
  for (int round = 0; round < 8; round++)
    {
      g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = prepare (self, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_check ORDER BY 1", error);

      if (stmt == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (tables, _gloss_column_dup_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (tables->len == 0)
        break;

      for (guint i = 0; i < tables->len; i++)
        {
          const char *table = g_ptr_array_index (tables, i);
          char *sql;
          gboolean ok;

          if (g_strcmp0 (table, "page") == 0)
            sql = sqlite3_mprintf ("DELETE FROM page WHERE document_id NOT IN (SELECT id FROM document)");
          else
            sql = sqlite3_mprintf ("DELETE FROM \"%w\" WHERE rowid IN (SELECT rowid FROM pragma_foreign_key_check "
                                   "WHERE \"table\" = %Q)", table, table);
          ok = delete_counted (self, table, sql, changes, error);
          sqlite3_free (sql);
          if (!ok)
            return FALSE;
        }
    }

  if (!table_exists (self, "attribute_value"))
    return TRUE;
  return delete_counted (self, "attribute_value",
                         "DELETE FROM attribute_value WHERE id IN (SELECT v.id FROM attribute_value v "
                         "JOIN attribute a ON a.id = v.attribute_id "
                         "WHERE (a.target = 'document' AND v.target_id NOT IN (SELECT id FROM document)) "
                         "OR (a.target = 'coder' AND v.target_id NOT IN (SELECT id FROM coder)) "
                         "OR (a.target = 'case' AND v.target_id NOT IN (SELECT id FROM case_item)))",
                         changes, error) &&
         delete_counted (self, "set_member",
                         "DELETE FROM set_member WHERE id IN (SELECT m.id FROM set_member m "
                         "JOIN set_item s ON s.id = m.set_id "
                         "WHERE (s.kind = 'document' AND m.member_id NOT IN (SELECT id FROM document)) "
                         "OR (s.kind = 'code' AND m.member_id NOT IN (SELECT id FROM code)))",
                         changes, error);
}

/* The undo history records rows as they were before the repair: undoing
 * one of its steps would bring back what was repaired. */
static gboolean
forget_history (GlossProject  *self,
                GPtrArray     *changes,
                GError       **error)
{
  if (!_gloss_project_row_exists (self, "SELECT 1 FROM history_step WHERE ?1 = ?1 LIMIT 1", 1))
    return TRUE;
  if (!_gloss_project_exec (self, "DELETE FROM history_change; DELETE FROM history_step", error))
    return FALSE;
  g_ptr_array_add (changes, g_strdup (_("The undo history was left out: the copy starts from the project "
                                        "as it was repaired.")));
  return TRUE;
}

/* The copy */

static int
read_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
repair_rows (GlossProject  *copy,
             const char    *source_path,
             int            version,
             GPtrArray     *changes,
             GError       **error)
{
  return _gloss_project_drop_foreign_schema (copy, version, changes, error) &&
         repair_guids (copy, changes, error) &&
         _gloss_project_rebuild_schema (copy, version, changes, error) &&
         repair_project_row (copy, source_path, changes, error) &&
         repair_texts (copy, changes, error) &&
         repair_pages (copy, changes, error) &&
         repair_code_parents (copy, changes, error) &&
         repair_code_cycles (copy, changes, error) &&
         repair_codings (copy, changes, error) &&
         repair_references (copy, changes, error) &&
         forget_history (copy, changes, error);
}

static gboolean
repair_into (GlossProject  *source,
             const char    *tmp_path,
             GPtrArray     *changes,
             GError       **error)
{
  g_autoptr(GlossProject) copy = g_object_new (GLOSS_TYPE_PROJECT, NULL);
  sqlite3_backup *backup;
  int version;
  int rc;

  copy->path = g_strdup (tmp_path);
  rc = sqlite3_open_v2 (tmp_path, &copy->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    return _gloss_set_sqlite_error (copy->db, rc, error, _("Cannot write the copy"));
  sqlite3_busy_timeout (copy->db, 10000);
  _gloss_harden_connection (copy->db);

  backup = sqlite3_backup_init (copy->db, "main", source->db, "main");
  if (backup == NULL)
    return _gloss_set_sqlite_error (copy->db, sqlite3_errcode (copy->db), error, _("Cannot write the copy"));
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return _gloss_set_sqlite_error (copy->db, rc, error, _("Cannot write the copy"));

  version = read_version (copy->db);
  if (!_gloss_project_exec (copy, "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = DELETE", error) ||
      !_gloss_project_exec (copy, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!repair_rows (copy, gloss_project_get_path (source), version, changes, error))
    {
      sqlite3_exec (copy->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (!_gloss_project_exec (copy, "COMMIT", error))
    return FALSE;

  gloss_project_close (copy);
  return TRUE;
}

/* A hidden name beside @out_path that the start-up clean-up knows. */
static char *
make_temp_file (const char  *out_path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (out_path);
  g_autofree char *base = g_path_get_basename (out_path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX.gloss", base);
  char *tmp_path = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp (tmp_path);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_basename (out_path);

      g_set_error (error, GLOSS_ERROR, saved == ENOSPC ? GLOSS_ERROR_NO_SPACE : GLOSS_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), shown, g_strerror (saved));
      g_free (tmp_path);
      return NULL;
    }
  close (fd);
  return tmp_path;
}

static void
remove_database_files (const char *path)
{
  (void) gloss_project_remove_files (path, NULL);
}

gboolean
gloss_project_repair (const char  *path,
                      const char  *out_path,
                      GPtrArray   *changes,
                      GPtrArray   *left,
                      GError     **error)
{
  g_autoptr(GlossProject) source = NULL;
  g_autoptr(GlossProject) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL && out_path != NULL, FALSE);

  name = g_filename_display_basename (out_path);
  if (g_file_test (out_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      return FALSE;
    }

  /* Only read, whatever its schema holds: nothing of it runs. */
  if ((source = gloss_project_open_for_check (path, error)) == NULL ||
      (tmp_path = make_temp_file (out_path, error)) == NULL)
    return FALSE;

  ok = repair_into (source, tmp_path, changes, &local_error);
  gloss_project_close (source);
  if (ok && (g_file_test (out_path, G_FILE_TEST_EXISTS) || g_rename (tmp_path, out_path) != 0))
    {
      g_set_error (&local_error, GLOSS_ERROR, GLOSS_ERROR_EXISTS, _("“%s” already exists"), name);
      ok = FALSE;
    }
  if (!ok)
    {
      remove_database_files (tmp_path);
      g_set_error (error, GLOSS_ERROR, local_error->code, _("Cannot write the repaired copy “%s”: %s"),
                   name, local_error->message);
      return FALSE;
    }
  g_chmod (out_path, 0644);

  /* Opened as any project is (an older file is upgraded here), then
   * checked: what is left is said. */
  result = gloss_project_open (out_path, &local_error);
  if (result == NULL)
    g_ptr_array_add (left, g_strdup (local_error->message));
  else if (!gloss_project_check (result, left, &local_error))
    g_ptr_array_add (left, g_strdup (local_error->message));
  return TRUE;
}

char *
gloss_project_repair_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".gloss"))
    base[strlen (base) - strlen (".gloss")] = '\0';

  for (int n = 1;; n++)
    {
      g_autofree char *name = n == 1
        /* Translators: the file name of a repaired copy of "%s.gloss" */
        ? g_strdup_printf (_("%s (repaired).gloss"), base)
        /* Translators: the file name of a further repaired copy of "%s.gloss" */
        : g_strdup_printf (_("%s (repaired %d).gloss"), base, n);
      char *candidate = g_build_filename (dir, name, NULL);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return candidate;
      g_free (candidate);
    }
}
